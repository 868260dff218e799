import { describe, expect, it } from "vitest";
import { countByStatus, emptyQuery, facets, filterBoard, groupBy } from "../src/logic/board";
import type { BoardTask, Status, Task } from "../src/bindings";

function row(id: number, over: Partial<Task> = {}, categoryId = 1, title = "问题"): BoardTask {
  const task: Task = {
    id, finding_id: 1, seq: id, measure: `措施${id}`, goal: "", acceptance: "", deadline_kind: "date",
    deadline: "2025-06-30", milestones: [], status: "in_progress", lead_leader: "李明华",
    responsible_leader: "", lead_unit: "办公室", responsible_units: ["办公室"], responsible_person: "周晓燕",
    note: "", overdue: false, warning: null, days_left: 30, created_at: "", updated_at: "", ...over,
  };
  return { task, finding_seq: 1, finding_title: title, category_id: categoryId, category: "类别", close_out_pending: false };
}

describe("board filters", () => {
  const rows = [
    row(1),
    row(2, { overdue: true, days_left: -3, warning: "red", lead_unit: "财务科", responsible_units: ["财务科", "办公室"] }),
    row(3, { status: "closed", days_left: -10 }, 2),
    row(4, { days_left: 5, warning: "yellow", responsible_person: "钱卫东" }, 2, "财务管理制度执行不严格"),
  ];
  const ids = (q: Partial<ReturnType<typeof emptyQuery>>) => filterBoard(rows, { ...emptyQuery(), ...q }).map((r) => r.task.id);

  it("passes everything with no filter", () => expect(ids({})).toEqual([1, 2, 3, 4]));
  it("filters by category", () => expect(ids({ categoryId: 2 })).toEqual([3, 4]));
  it("matches a unit as lead or responsible unit", () => {
    expect(ids({ unit: "财务科" })).toEqual([2]);
    expect(ids({ unit: "办公室" })).toEqual([1, 2, 3, 4]);
  });
  it("matches a person in any of the three roles", () => expect(ids({ person: "钱卫东" })).toEqual([4]));
  it("filters overdue by the core's derived flag", () => expect(ids({ due: "overdue" })).toEqual([2]));
  it("due window includes overdue but never done tasks", () => expect(ids({ due: 7 })).toEqual([2, 4]));
  it("filters by status", () => expect(ids({ status: "closed" as Status })).toEqual([3]));
  it("searches measures and finding titles", () => {
    expect(ids({ text: "措施2" })).toEqual([2]);
    expect(ids({ text: "财务管理" })).toEqual([4]);
  });
  it("combines filters", () => expect(ids({ categoryId: 2, due: 7 })).toEqual([4]));

  it("counts by status and overdue", () => {
    const c = countByStatus(rows);
    expect(c.in_progress).toBe(3);
    expect(c.closed).toBe(1);
    expect(c.overdue).toBe(1);
  });
  it("lists units and persons once, sorted", () => {
    const f = facets(rows);
    expect(f.units).toEqual(["办公室", "财务科"].sort((a, b) => a.localeCompare(b, "zh-CN")));
    expect(f.persons).toContain("钱卫东");
    expect(new Set(f.persons).size).toBe(f.persons.length);
  });
  it("责任清单 puts a task under each of its units", () => {
    const g = groupBy(rows, "lead_unit");
    const caiwu = g.find((x) => x.name === "财务科")!;
    const office = g.find((x) => x.name === "办公室")!;
    expect(caiwu.rows.map((r) => r.task.id)).toEqual([2]);
    expect(office.rows.map((r) => r.task.id)).toEqual([1, 2, 3, 4]);
  });

  it("filters 10,000 tasks quickly", () => {
    const many = Array.from({ length: 10000 }, (_, i) => row(i, { lead_unit: i % 7 ? "办公室" : "财务科", days_left: (i % 60) - 10, overdue: i % 60 < 10 }));
    const t0 = performance.now();
    const out = filterBoard(many, { ...emptyQuery(), unit: "财务科", due: 20 });
    const ms = performance.now() - t0;
    expect(out.length).toBeGreaterThan(0);
    expect(out.every((r) => r.task.lead_unit === "财务科" || r.task.responsible_units.includes("财务科"))).toBe(true);
    console.log(`filter 10000 tasks: ${ms.toFixed(1)} ms`);
  });
});
