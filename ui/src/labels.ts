// Wording the UI adds around the core's data. The labels of every code (statuses, kinds,
// natures, close-out states, review steps…), the Chinese numerals, which statuses count as
// done and the warning days are generated from Rust into `bindings.ts`; they are re-exported
// here under the names the views use, and nothing is copied by hand.
import type { Status } from "./bindings";
import {
  CN_NUMERALS,
  DEADLINE_KIND_LABELS,
  DONE_STATUSES,
  INSPECTION_KIND_LABELS,
  NATURE_LABELS,
  STATUS_LABELS,
  STATUS_VALUES,
  WARNING_LABELS,
  COMPLETION_LABELS,
} from "./bindings";

export const STATUS = STATUS_LABELS;
export const STATUS_ORDER = STATUS_VALUES;
export const KIND = INSPECTION_KIND_LABELS;
export const NATURE = NATURE_LABELS;
export const DEADLINE_KIND = DEADLINE_KIND_LABELS;
export const WARNING = WARNING_LABELS;
export const COMPLETION = COMPLETION_LABELS;

/** Element Plus tag colours of the statuses (presentation only). */
export const STATUS_TAG: Record<Status, "info" | "primary" | "warning" | "success" | ""> = {
  not_started: "info",
  in_progress: "primary",
  long_term: "warning",
  completed: "success",
  closed: "",
};
export const SOURCES = ["巡察发现", "群众来信来访", "审计", "上轮巡察未整改", "个别谈话", "调阅资料"];
export const TAGS = ["选人用人", "意识形态", "巡察工作", "中央八项规定精神", "财务管理", "基层党组织建设"];

/** 一、二 … 九十九 (the number itself beyond). */
export function cnNumeral(n: number): string {
  return CN_NUMERALS[n - 1] ?? String(n);
}

/** Whether a status counts as done (the core's rule). */
export function isDone(s: Status): boolean {
  return DONE_STATUSES.includes(s);
}

/** 2025年3月31日 from an ISO date (no zero padding, as official documents write it). */
export function cnDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** What a backup holds, as one line (— when it could not be read). */
export function backupContents(c: { inspections: number; findings: number; tasks: number } | null | undefined): string {
  if (!c) return "—";
  if (c.inspections === 0) return "空（尚无巡察）";
  return `巡察 ${c.inspections} 次，反馈问题 ${c.findings} 个，整改任务 ${c.tasks} 项`;
}

/** A file size in KB or MB. */
export function backupSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** What a row of a returned 填报表 would change (新进展, 状态变更, 冲突…). */
export { FILL_IN_CHANGE_LABELS as FILL_IN_CHANGE } from "./bindings";

/** The role a copy is enrolled with (巡察组, 台账管理员, 责任单位), and every role in order. */
export { PEER_ROLE_LABELS as PEER_ROLE, PEER_ROLE_VALUES as PEER_ROLES } from "./bindings";
