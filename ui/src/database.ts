// Opening, creating and unlocking database files: shared by the shell (the password asked
// for at start), the start page and the 备份 page. The password goes to the core with the
// one call that opens the file and is kept nowhere here.
import * as api from "./api";
import { refresh, store } from "./store";

export const DB_FILTER = [{ name: "巡察整改台账数据库", extensions: ["db"] }];

/** After a start that could not open the last database because it is encrypted: ask. */
export function askIfLocked() {
  const info = store.info;
  if (info && !info.db_path && info.open_error?.code === "PasswordNeeded" && info.locked_path) {
    store.unlock = info.locked_path;
  }
}

/** Opens `path`; an encrypted file opens the password dialog instead (resolves `false`). */
export async function openFile(path: string): Promise<boolean> {
  try {
    await api.openDatabase(path);
  } catch (e) {
    const err = api.toCmdError(e);
    if (err.code !== "PasswordNeeded") throw err;
    store.unlock = path;
    return false;
  }
  await refresh();
  return true;
}

/** 打开其他数据库…: asks for the file, then opens it. */
export async function pickAndOpen(): Promise<boolean> {
  const [path] = await api.pickFiles("打开数据库", DB_FILTER, false);
  return path ? openFile(path) : false;
}

/** 新建数据库…: asks where, then creates an empty database there (never encrypted). */
export async function pickAndCreate(): Promise<boolean> {
  const path = await api.pickSavePath("新建数据库", "巡察整改台账.db", DB_FILTER);
  if (!path) return false;
  await api.newDatabase(path);
  await refresh();
  return true;
}

/** Tries `password` on the file waiting for it; rejects (on the `password` field) if wrong. */
export async function unlock(password: string) {
  const path = store.unlock;
  if (!path) return;
  await api.openDatabase(path, password);
  store.unlock = null;
  await refresh();
}
