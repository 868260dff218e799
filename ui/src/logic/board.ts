// Filtering the board in the window: the core has already derived overdue, days left and
// warnings, so filtering 10,000 tasks here is a plain scan. The board keeps its rows as
// plain (non-reactive) objects and an index built once per load: a lower-case search key
// per row, so a keystroke costs one `includes` per row, nothing else.
import type { BoardTask, Status } from "../bindings";
import { isDone } from "../labels";

export interface BoardQuery {
  categoryId: number | null;
  unit: string;
  person: string;
  status: Status | "";
  /** "" all, "overdue", or a number of days (due within, overdue included). */
  due: "" | "overdue" | number;
  text: string;
}

export const emptyQuery = (): BoardQuery => ({
  categoryId: null,
  unit: "",
  person: "",
  status: "",
  due: "",
  text: "",
});

/** Joins the searched fields; the separator cannot be typed, so no match spans two fields. */
const SEP = "\u0000";

/** What the search box is matched against: measure, finding title and goal, lower-cased. */
export function searchKey(row: BoardTask): string {
  return (row.task.measure + SEP + row.finding_title + SEP + row.task.goal).toLowerCase();
}

/** The search box's text as it is matched: trimmed and lower-cased ("" matches all). */
export function needle(text: string): string {
  return text.trim().toLowerCase();
}

/** The board's rows with their search keys, built once when the rows are loaded. */
export interface BoardIndex {
  readonly rows: readonly BoardTask[];
  readonly keys: readonly string[];
}

export function indexBoard(rows: readonly BoardTask[]): BoardIndex {
  return { rows, keys: rows.map(searchKey) };
}

/** Whether no filter but the text is set. */
function isBlank(q: BoardQuery): boolean {
  return q.categoryId === null && !q.status && !q.unit && !q.person && q.due === "";
}

/** Whether a task passes every filter that is set except the text (matched on the key). */
function passes(row: BoardTask, q: BoardQuery): boolean {
  const t = row.task;
  if (q.categoryId !== null && row.category_id !== q.categoryId) return false;
  if (q.status && t.status !== q.status) return false;
  if (q.unit && t.lead_unit !== q.unit && !t.responsible_units.includes(q.unit)) return false;
  if (
    q.person &&
    t.lead_leader !== q.person &&
    t.responsible_leader !== q.person &&
    t.responsible_person !== q.person
  )
    return false;
  if (q.due === "overdue" && !t.overdue) return false;
  if (typeof q.due === "number") {
    if (isDone(t.status) || t.days_left === null || t.days_left > q.due) return false;
  }
  return true;
}

/** Whether a task passes every filter that is set (builds its key: for one row only). */
export function matches(row: BoardTask, q: BoardQuery): boolean {
  const s = needle(q.text);
  return passes(row, q) && (!s || searchKey(row).includes(s));
}

/** The indexed rows passing the query, in the core's order (overdue first). */
export function filterIndex(ix: BoardIndex, q: BoardQuery): BoardTask[] {
  const s = needle(q.text);
  const { rows, keys } = ix;
  if (!s && isBlank(q)) return rows.slice();
  const out: BoardTask[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (s && !keys[i].includes(s)) continue;
    if (passes(rows[i], q)) out.push(rows[i]);
  }
  return out;
}

export function filterBoard(rows: readonly BoardTask[], q: BoardQuery): BoardTask[] {
  return filterIndex(indexBoard(rows), q);
}

/** Tasks per status, for the chips above the board. */
export function countByStatus(rows: readonly BoardTask[]): Record<Status, number> & { overdue: number } {
  const c = { not_started: 0, in_progress: 0, completed: 0, closed: 0, long_term: 0, overdue: 0 };
  for (const r of rows) {
    c[r.task.status]++;
    if (r.task.overdue) c.overdue++;
  }
  return c;
}

/** Distinct units and persons named on the tasks, for the filter pickers. */
export function facets(rows: readonly BoardTask[]): { units: string[]; persons: string[] } {
  const units = new Set<string>();
  const persons = new Set<string>();
  for (const { task: t } of rows) {
    if (t.lead_unit) units.add(t.lead_unit);
    t.responsible_units.forEach((u) => units.add(u));
    for (const p of [t.lead_leader, t.responsible_leader, t.responsible_person]) if (p) persons.add(p);
  }
  const zh = new Intl.Collator("zh-CN");
  const sort = (s: Set<string>) => [...s].sort(zh.compare);
  return { units: sort(units), persons: sort(persons) };
}

export type GroupBy = "lead_leader" | "responsible_leader" | "lead_unit" | "responsible_person";

/** 责任清单: tasks grouped by one role (a task with several units appears under each). */
export function groupBy(rows: BoardTask[], by: GroupBy): { name: string; rows: BoardTask[] }[] {
  const groups = new Map<string, BoardTask[]>();
  for (const r of rows) {
    const names =
      by === "lead_unit"
        ? [...new Set([r.task.lead_unit, ...r.task.responsible_units].filter(Boolean))]
        : [r.task[by]].filter(Boolean);
    for (const n of names.length ? names : ["（未分工）"]) {
      if (!groups.has(n)) groups.set(n, []);
      groups.get(n)!.push(r);
    }
  }
  return [...groups.entries()]
    .map(([name, rows]) => ({ name, rows }))
    .sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
}
