// ECharts options for the dashboard, built from the core's counts.
import type { BurnPoint, GroupCounts } from "../bindings";

const FONT = { fontFamily: "Noto Sans CJK SC, Microsoft YaHei, sans-serif" };

/** Shortens a long category name for an axis label (…方面 kept recognisable). */
export function shortName(name: string, max = 10): string {
  const n = name.replace(/方面$/, "");
  return n.length > max ? n.slice(0, max) + "…" : n;
}

/** Stacked bars of findings by official outcome per group. */
export function completionBars(groups: GroupCounts[]) {
  const CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
  const names = groups.map((g, i) => `${CN[i] ?? i + 1}、${shortName(g.name, 6)}`);
  return {
    textStyle: FONT,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 50 },
    xAxis: { type: "category", data: names, axisLabel: { interval: 0, width: 90, overflow: "break", lineHeight: 14 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: "完成整改", type: "bar", stack: "f", barMaxWidth: 48, color: "#2e7d32", data: groups.map((g) => g.findings.completed) },
      { name: "基本完成并持续整改", type: "bar", stack: "f", barMaxWidth: 48, color: "#f9a825", data: groups.map((g) => g.findings.basically_completed) },
      { name: "未完成", type: "bar", stack: "f", barMaxWidth: 48, color: "#c62828", data: groups.map((g) => g.findings.incomplete) },
    ],
  };
}

/** Tasks per unit: open, done and overdue. */
export function unitBars(groups: GroupCounts[]) {
  const top = [...groups].sort((a, b) => b.tasks.total - a.tasks.total).slice(0, 12);
  return {
    textStyle: FONT,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0 },
    grid: { left: 96, right: 16, top: 36, bottom: 24 },
    yAxis: { type: "category", data: top.map((g) => shortName(g.name, 8)), inverse: true },
    xAxis: { type: "value", minInterval: 1 },
    series: [
      { name: "已完成/销号", type: "bar", stack: "t", barMaxWidth: 22, color: "#2e7d32", data: top.map((g) => g.tasks.completed + g.tasks.closed) },
      { name: "推进中", type: "bar", stack: "t", barMaxWidth: 22, color: "#1565c0", data: top.map((g) => g.tasks.in_progress + g.tasks.long_term + g.tasks.not_started - g.tasks.overdue) },
      { name: "逾期", type: "bar", stack: "t", barMaxWidth: 22, color: "#c62828", data: top.map((g) => g.tasks.overdue) },
    ],
  };
}

/** Open tasks over time. */
export function burndownLine(points: BurnPoint[]) {
  return {
    textStyle: FONT,
    tooltip: { trigger: "axis" },
    grid: { left: 40, right: 16, top: 16, bottom: 30 },
    xAxis: { type: "category", data: points.map((p) => p.on.slice(5)), boundaryGap: false },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ name: "未完成任务", type: "line", step: "end", areaStyle: { opacity: 0.15 }, color: "#b71c1c", showSymbol: false, data: points.map((p) => p.open) }],
  };
}
