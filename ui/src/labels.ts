// Chinese labels of the coded values (the core's codes.rs labels) and shared wording.
import type { DeadlineKind, InspectionKind, Nature, Status, Warning, Completion } from "./bindings";

export const STATUS: Record<Status, string> = {
  not_started: "未启动",
  in_progress: "正在推进",
  completed: "已完成",
  closed: "已销号",
  long_term: "长期坚持",
};
export const STATUS_ORDER: Status[] = ["not_started", "in_progress", "long_term", "completed", "closed"];
export const STATUS_TAG: Record<Status, "info" | "primary" | "warning" | "success" | ""> = {
  not_started: "info",
  in_progress: "primary",
  long_term: "warning",
  completed: "success",
  closed: "",
};
export const KIND: Record<InspectionKind, string> = {
  regular: "常规巡察",
  special: "专项巡察",
  flexible: "机动巡察",
  follow_up: "巡察“回头看”",
};
export const NATURE: Record<Nature, string> = { common: "共性问题", specific: "个性问题" };
export const DEADLINE_KIND: Record<DeadlineKind, string> = {
  date: "限期完成",
  immediate: "立行立改",
  long_term: "长期坚持",
};
export const WARNING: Record<Warning, string> = {
  green: "绿色预警",
  yellow: "黄色预警",
  red: "红色预警（逾期）",
};
export const COMPLETION: Record<Completion, string> = {
  completed: "完成整改",
  basically_completed: "基本完成并持续整改",
  incomplete: "未完成",
};
export const SOURCES = ["巡察发现", "群众来信来访", "审计", "上轮巡察未整改", "个别谈话", "调阅资料"];
export const TAGS = ["选人用人", "意识形态", "巡察工作", "中央八项规定精神", "财务管理", "基层党组织建设"];
export const CN_NUM = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** 2025年3月31日 from an ISO date (no zero padding, as official documents write it). */
export function cnDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** How a task's deadline reads in the ledger. */
export function deadlineText(kind: DeadlineKind, date: string | null): string {
  if (kind === "long_term") return date ? `长期坚持（${cnDate(date)}）` : "长期坚持";
  if (kind === "immediate") return date ? `立行立改（${cnDate(date)}前）` : "立行立改";
  return date ? cnDate(date) : "未定";
}

/** Days left as words: 剩3天, 今天到期, 逾期5天. */
export function daysLeftText(n: number | null | undefined): string {
  if (n === null || n === undefined) return "";
  if (n < 0) return `逾期${-n}天`;
  if (n === 0) return "今天到期";
  return `剩${n}天`;
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
