import { describe, expect, it } from "vitest";
import {
  countByStatus, emptyQuery, facets, filterBoard, filterIndex, groupBy, indexBoard, matches, needle, searchKey,
  type BoardQuery,
} from "../src/logic/board";
import type { BoardRow, Status, Task } from "../src/bindings";

function row(id: number, over: Partial<Task> = {}, categoryId = 1, title = "问题"): BoardRow {
  const task: Task = {
    id, finding_id: 1, seq: id, measure: `措施${id}`, goal: "", acceptance: "", deadline_kind: "date",
    deadline: "2025-06-30", milestones: [], status: "in_progress", lead_leader: "李明华",
    responsible_leader: "", lead_unit: "办公室", responsible_units: ["办公室"], responsible_person: "周晓燕",
    note: "", overdue: false, warning: null, days_left: 30, deadline_text: "2025年6月30日", days_left_text: "剩30天",
    created_at: "", updated_at: "", ...over,
  };
  return {
    task, finding_seq: 1, finding_number: "（一）1", inspection_id: 1, finding_title: title, category_id: categoryId,
    category: "类别", close_out_pending: false, letter: null,
  };
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

describe("board search keys", () => {
  const rows = [
    row(1, { measure: "建立Excel台账", goal: "台账规范" }),
    row(2, { measure: "开展专项检查", goal: "全部整改到位" }, 1, "财务管理制度执行不严格"),
    row(3, { measure: "整改措施A", goal: "" }, 2, "问题B"),
  ];
  const ix = indexBoard(rows);
  const ids = (q: Partial<BoardQuery>) => filterIndex(ix, { ...emptyQuery(), ...q }).map((r) => r.task.id);

  it("builds one lower-case key per row, in order", () => {
    expect(ix.keys).toHaveLength(3);
    expect(ix.keys[0]).toContain("excel");
    expect(ix.keys[0]).not.toContain("Excel");
    expect(ix.rows).toBe(rows);
  });
  it("searches measure, finding title and goal", () => {
    expect(ids({ text: "专项" })).toEqual([2]);
    expect(ids({ text: "财务管理" })).toEqual([2]);
    expect(ids({ text: "整改到位" })).toEqual([2]);
  });
  it("ignores case and surrounding spaces", () => {
    expect(ids({ text: "EXCEL" })).toEqual([1]);
    expect(ids({ text: "  excel台账 " })).toEqual([1]);
    expect(needle("  AbC ")).toBe("abc");
  });
  it("never matches across two fields", () => {
    // The measure ends with "A" and the title starts with "问题".
    expect(ids({ text: "A问题" })).toEqual([]);
    expect(searchKey(rows[2])).toContain("整改措施a");
  });
  it("blank text matches everything", () => expect(ids({ text: "   " })).toEqual([1, 2, 3]));
  it("gives a new array even when nothing is filtered", () => {
    const all = filterIndex(ix, emptyQuery());
    expect(all).toEqual(rows);
    expect(all).not.toBe(rows);
  });
  it("combines the text with the other filters", () => {
    expect(ids({ text: "台账", categoryId: 2 })).toEqual([]);
    expect(ids({ text: "问题", categoryId: 2 })).toEqual([3]);
  });

  it("agrees with a plain filter over every combination", () => {
    // A naive reference: every field lower-cased per row, as the board once did.
    const naive = (r: BoardRow, q: BoardQuery) => {
      const t = r.task;
      const s = q.text.trim().toLowerCase();
      const done = t.status === "completed" || t.status === "closed";
      return (
        (q.categoryId === null || r.category_id === q.categoryId) &&
        (!q.status || t.status === q.status) &&
        (!q.unit || t.lead_unit === q.unit || t.responsible_units.includes(q.unit)) &&
        (!q.person || [t.lead_leader, t.responsible_leader, t.responsible_person].includes(q.person)) &&
        (q.due !== "overdue" || t.overdue) &&
        (typeof q.due !== "number" || (!done && t.days_left !== null && t.days_left <= q.due)) &&
        (!s || [t.measure, r.finding_title, t.goal].some((f) => f.toLowerCase().includes(s)))
      );
    };
    const statuses: Status[] = ["not_started", "in_progress", "completed", "closed", "long_term"];
    const many = Array.from({ length: 400 }, (_, i) =>
      row(
        i,
        {
          measure: `整改措施${i}：Check ${i % 7}`,
          goal: i % 5 ? "" : "长效机制",
          status: statuses[i % 5],
          lead_unit: `单位${i % 6}`,
          responsible_units: i % 4 ? [] : ["办公室"],
          responsible_person: `责任人${i % 9}`,
          days_left: i % 3 ? (i % 50) - 10 : null,
          overdue: i % 50 < 10 && i % 3 !== 0,
        },
        (i % 3) + 1,
        `第${i % 40}个问题`,
      ),
    );
    const mix = indexBoard(many);
    const queries: Partial<BoardQuery>[] = [];
    for (const text of ["", "措施1", "check 3", "长效", "第3个", "无此内容"])
      for (const due of ["", "overdue", 7, 20] as BoardQuery["due"][])
        for (const extra of [{}, { categoryId: 2 }, { unit: "办公室" }, { person: "责任人4" }, { status: "completed" as Status }])
          queries.push({ text, due, ...extra });
    for (const part of queries) {
      const q = { ...emptyQuery(), ...part };
      const want = many.filter((r) => naive(r, q)).map((r) => r.task.id);
      expect(filterIndex(mix, q).map((r) => r.task.id), JSON.stringify(part)).toEqual(want);
      expect(many.filter((r) => matches(r, q)).map((r) => r.task.id)).toEqual(want);
    }
  });

  it("scans 10,000 indexed tasks quickly", () => {
    const many = Array.from({ length: 10000 }, (_, i) => row(i, { measure: `整改措施${i}：开展专项检查并建立长效机制` }));
    const big = indexBoard(many);
    const t0 = performance.now();
    const out = filterIndex(big, { ...emptyQuery(), text: "措施99" });
    const ms = performance.now() - t0;
    expect(out.length).toBe(111);
    console.log(`search 10000 indexed tasks: ${ms.toFixed(1)} ms`);
  });
});
