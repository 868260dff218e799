// State shared by every view: what database is open and which inspection is current.
import { reactive } from "vue";
import * as api from "./api";
import type { AppInfo, Inspection, InspectionView } from "./api";

const CURRENT_KEY = "xuncha.currentInspection";

export const store = reactive({
  info: null as AppInfo | null,
  inspections: [] as Inspection[],
  currentId: null as number | null,
  current: null as InspectionView | null,
  /** Bumped after any write so views reload. */
  version: 0,
  /** An encrypted database file whose password is being asked for (the dialog is open). */
  unlock: null as string | null,
});

/** Reloads what is open, the inspection list and the current inspection. */
export async function refresh() {
  store.info = await api.appInfo();
  if (!store.info.db_path) {
    store.inspections = [];
    store.currentId = null;
    store.current = null;
    return;
  }
  store.inspections = await api.listInspections();
  const saved = Number(localStorage.getItem(CURRENT_KEY));
  const ids = store.inspections.map((i) => i.id);
  if (store.currentId === null || !ids.includes(store.currentId)) {
    store.currentId = ids.includes(saved) ? saved : (ids[0] ?? null);
  }
  await loadCurrent();
}

export async function loadCurrent() {
  store.current = store.currentId !== null ? await api.getInspection(store.currentId) : null;
  store.version++;
}

export async function selectInspection(id: number) {
  store.currentId = id;
  localStorage.setItem(CURRENT_KEY, String(id));
  await loadCurrent();
}

export function changed() {
  store.version++;
}
