// Deadline shortcuts for the task form: the dates people usually mean, counted from the
// feedback date (the core validates whatever is chosen).

function iso(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function parse(s: string): Date {
  const [y, m, d] = s.split("-").map(Number);
  return new Date(y, m - 1, d);
}

/** Same day `n` months later, clamped to the month's end (1月31日 + 1个月 = 2月28日). */
export function addMonths(isoDate: string, n: number): string {
  const d = parse(isoDate);
  const target = new Date(d.getFullYear(), d.getMonth() + n, 1);
  const last = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
  target.setDate(Math.min(d.getDate(), last));
  return iso(target);
}

export interface Shortcut {
  text: string;
  value: string;
}

/** 1个月内, 集中整改期（3个月）, 6个月内, 年底前 from the feedback date (or today). */
export function shortcuts(feedback: string | null, today: string, reportMonths = 3): Shortcut[] {
  const base = feedback ?? today;
  const year = parse(base).getFullYear();
  return [
    { text: "1个月内", value: addMonths(base, 1) },
    { text: `集中整改期（${reportMonths}个月）`, value: addMonths(base, reportMonths) },
    { text: "6个月内", value: addMonths(base, 6) },
    { text: "年底前", value: `${year}-12-31` },
  ];
}
