// How the 交换 page words what the core returns: a review item's values (JSON text) shown
// plainly, what a package holds and what an import did, in one line each. No rule is
// decided here: the core says what may be taken, what was applied and why.
import type { Applied, PackageExported, PackageInfo, Peer, ReviewItem } from "../bindings";
import { PEER_ROLE } from "../labels";

/** What an empty value is shown as. */
export const EMPTY = "（空）";

/** A value as the user reads it: text as is, a list joined with 、, a record as
 * “字段：值” pairs, a yes/no as 是/否, nothing as （空）. */
export function plainValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return EMPTY;
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "是" : "否";
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return v.length ? v.map(plainValue).join("、") : EMPTY;
  if (typeof v === "object") {
    const pairs = Object.entries(v as Record<string, unknown>);
    return pairs.length ? pairs.map(([k, x]) => `${k}：${plainValue(x)}`).join("；") : EMPTY;
  }
  return String(v);
}

/** A review item's value (JSON text, or null when there is none) of `field`. A value
 * may come as a record of the fields concerned (ours, for a change a rule refused): the
 * one field's value is then shown alone. */
export function reviewValue(json: string | null | undefined, field = ""): string {
  if (json === null || json === undefined) return EMPTY;
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return json;
  }
  const record = v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  if (record && field && Object.keys(record).length === 1 && field in record) v = record[field];
  return plainValue(v);
}

/** What became of a handled review item, or "" while it is open. */
export function resolutionText(r: ReviewItem): string {
  if (!r.resolved_at) return "";
  return r.resolution === "theirs" ? "已采用对方的" : "已保留本机的";
}

/** A copy as a line: 人事科（责任单位·人事科）. */
export function peerTitle(p: Peer): string {
  const role = PEER_ROLE[p.role];
  return p.unit ? `${p.name}（${role}·${p.unit}）` : `${p.name}（${role}）`;
}

/** 整改任务 新增 2、修改 1；整改进展 新增 3 — or 没有变更. */
export function changesText(info: PackageInfo): string {
  if (!info.changes.length) return "没有变更";
  return info.changes
    .map(([what, created, edited]) => {
      const parts = [created ? `新增 ${created}` : "", edited ? `修改 ${edited}` : ""].filter(Boolean);
      return `${what} ${parts.join("、") || "0"}`;
    })
    .join("；");
}

/** The package preview's first line. */
export function packageText(info: PackageInfo): string {
  return `来自“${info.from}”（${PEER_ROLE[info.role]}）的第 ${info.seq} 号交换包`;
}

/** What an import did. */
export function appliedText(a: Applied): string {
  return `新增 ${a.created} 条，修改 ${a.edited} 条，本机已有 ${a.unchanged} 条；待处理 ${a.to_review} 项`;
}

/** What an export wrote. */
export function exportedText(e: PackageExported): string {
  return `已生成给“${e.to}”的第 ${e.seq} 号交换包：${e.events} 项变更，${e.files} 个佐证材料文件`;
}

/** The suggested name of a package for `peer` and of this copy's identity file. */
export const packageFileName = (peer: Peer) => `给${peer.unit || peer.name}的交换包.xcpkg`;
export const identityFileName = (name: string) => `${name}的身份文件.id`;

/** A time the core wrote (RFC 3339, local offset) as 2025-06-01 10:20. */
export function shortTime(at: string | null | undefined): string {
  return at ? at.replace("T", " ").slice(0, 16) : "";
}
