// How the 交换 page words what the core returns: what a package holds and what an import
// did, in one line each. No rule is decided here, and no value is worded here: the core
// says what may be taken, what was applied and why, and gives each review item's field
// and values in words.
import type { Applied, PackageExported, PackageInfo, Peer, ReviewItem } from "../bindings";
import { PEER_ROLE } from "../labels";

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
