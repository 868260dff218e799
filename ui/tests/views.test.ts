// Views against a mocked core: the board filters what the core returned, the export page
// enables only exports the build has and shows the import preview's problems.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import BoardView from "../src/views/BoardView.vue";
import ImportPanel from "../src/components/ImportPanel.vue";
import { store } from "../src/store";
import type { BoardRow, ImportPreview, Task } from "../src/bindings";

const global = { plugins: [ElementPlus], stubs: { transition: false, "transition-group": false, TaskDrawer: true } };

function row(id: number, over: Partial<Task>): BoardRow {
  const task = {
    id, finding_id: 1, seq: id, measure: `措施${id}`, goal: "", acceptance: "", deadline_kind: "date", deadline: "2025-06-30",
    milestones: [], status: "in_progress", lead_leader: "", responsible_leader: "", lead_unit: "办公室", responsible_units: [],
    responsible_person: "", note: "", overdue: false, warning: null, days_left: 30, created_at: "", updated_at: "", ...over,
  } as Task;
  return {
    task, finding_seq: id, finding_number: `（一）${id}`, inspection_id: 3, finding_title: "问题", category_id: 1,
    category: "类别", close_out_pending: false, letter: null,
  };
}

beforeEach(() => {
  store.currentId = 3;
  store.current = { inspection: { id: 3 } as never, categories: [], deadlines: null };
});
afterEach(() => clearMocks());

describe("board view", () => {
  it("loads the inspection's tasks and filters overdue with the chip", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "board") return [row(1, { overdue: true, days_left: -2, warning: "red" }), row(2, {}), row(3, { status: "closed" })];
    });
    const w = mount(BoardView, { global });
    await flushPromises();
    expect(calls[0]).toEqual(["board", { filter: { inspection_id: 3 } }]);
    expect(w.text()).toContain("筛选出 3 项");
    expect(w.findAll(".warn-red").length).toBe(1);
    await w.find("[data-test=chip-overdue]").trigger("click");
    expect(w.text()).toContain("筛选出 1 项");
    expect(w.text()).toContain("措施1");
    expect(w.text()).not.toContain("措施2");
  });
});

describe("import preview", () => {
  it("shows what will be created and every problem, and refuses to import with errors", async () => {
    const preview: ImportPreview = {
      token: "/tmp/xuncha-import/x.xlsx", file: "旧台账.xlsx", sheet: "整改台账", categories: ["一、…方面"],
      findings: [{ sheet: "整改台账", row: 4, seq: 1, category: "一、…方面", title: "学习不深入", manifestation: "", nature: null, source: "", found_on: null, tasks: [
        { row: 4, measure: "制定学习计划", goal: "", acceptance: "", lead_leader: "", responsible_leader: "", lead_unit: "办公室", responsible_units: [], responsible_person: "", deadline_kind: "date", deadline: "2025-06-30", deadline_text: "2025年6月30日", status: null, progress: "", progress_entries: [], evidence: "", note: "", review: null },
      ] }],
      people: [], units: ["办公室"], issues: [{ sheet: "", row: 5, cell: "K5", severity: "error", message: "整改时限“下月”无法识别" }],
      has_errors: true, task_count: 1, sheets: ["整改台账"], all_sheets: "全部工作表", skipped_sheets: [],
      tables: [{ sheet: "整改台账", header_rows: [3, 3], shape: "", skipped_rows: [9], columns: [
        { letter: "B", header: "反馈问题", to: "title", reason: "synonym", explain: "" },
        { letter: "H", header: "办结", to: "note", reason: "unknown", explain: "" },
      ] }],
      fields: [{ key: "title", label: "反馈问题" }, { key: "deadline", label: "整改时限" }, { key: "note", label: "备注" }],
      reasons: [{ key: "synonym", label: "按表头名称" }, { key: "unknown", label: "表头未识别" }, { key: "user", label: "按指定" }],
    };
    (window as unknown as { __XUNCHA_PICK__: string[] }).__XUNCHA_PICK__ = ["/home/u/旧台账.xlsx"];
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "import_preview") return preview;
    });
    const w = mount(ImportPanel, { global });
    await w.find("[data-test=import-pick]").trigger("click");
    await vi.waitFor(() =>
      expect(calls).toContainEqual(["import_preview", { path: "/home/u/旧台账.xlsx", token: null, inspectionId: 3, newName: null, choices: null }]),
    );
    await vi.waitFor(() => expect(w.find("[data-test=import-issues]").exists()).toBe(true));
    expect(w.find("[data-test=import-issues]").text()).toContain("K5单元格");
    expect(w.find("[data-test=import-issues]").text()).toContain("整改时限“下月”无法识别");
    expect(w.find("[data-test=import-preview]").text()).toContain("制定学习计划");
    expect(w.find("[data-test=import-apply]").attributes("disabled")).toBeDefined();
    expect(w.find("[data-test=import-columns]").text()).toContain("表头未识别");
    expect(w.find("[data-test=import-skipped]").text()).toContain("第9行");
  });

  it("maps a column by hand and previews again with the mapping", async () => {
    const base = {
      token: "/tmp/xuncha-import/x.xlsx", file: "旧台账.xlsx", sheet: "整改台账", categories: [], findings: [], people: [], units: [],
      issues: [], has_errors: false, task_count: 0, sheets: ["整改台账"], all_sheets: "全部工作表", skipped_sheets: [],
      fields: [{ key: "deadline", label: "整改时限" }, { key: "note", label: "备注" }],
      reasons: [{ key: "unknown", label: "表头未识别" }, { key: "user", label: "按指定" }],
    };
    const table = (to: string, reason: "unknown" | "user") => [{ sheet: "整改台账", header_rows: [1, 1] as [number, number], shape: "", skipped_rows: [], columns: [{ letter: "H", header: "办结", to, reason, explain: "" }] }];
    const first: ImportPreview = { ...base, tables: table("note", "unknown") };
    const second: ImportPreview = { ...base, tables: table("deadline", "user") };
    (window as unknown as { __XUNCHA_PICK__: string[] }).__XUNCHA_PICK__ = ["/home/u/旧台账.xlsx"];
    const calls: [string, Record<string, unknown>][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args as Record<string, unknown>]);
      if (cmd === "import_preview") return calls.filter((c) => c[0] === "import_preview").length > 1 ? second : first;
    });
    const w = mount(ImportPanel, { global });
    await w.find("[data-test=import-pick]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-test=import-columns]").exists()).toBe(true));
    const mapH = w.findAllComponents({ name: "ElSelect" }).find((c) => c.attributes("data-test") === "import-map-H");
    expect(mapH).toBeDefined();
    mapH!.vm.$emit("update:modelValue", "deadline");
    await vi.waitFor(() => expect(calls.filter((c) => c[0] === "import_preview").length).toBe(2));
    const last = calls.filter((c) => c[0] === "import_preview")[1][1];
    expect(last.token).toBe("/tmp/xuncha-import/x.xlsx");
    expect(last.choices).toEqual({ sheet: null, mapping: [{ column: "H", to: "deadline" }], skip_faulty: false });
    await vi.waitFor(() => expect(w.find("[data-test=import-columns]").text()).toContain("按指定"));
  });
  it("shows the columns of a sheet without a recognised header, so they can be mapped, and previews again", async () => {
    const base = {
      token: "/tmp/xuncha-import/x.xlsx", file: "旧台账.xlsx", sheet: "Sheet1", categories: [], people: [], units: [],
      task_count: 0, sheets: ["Sheet1"], all_sheets: "全部工作表", skipped_sheets: [],
      fields: [{ key: "title", label: "反馈问题" }, { key: "ignore", label: "不导入" }],
      reasons: [{ key: "unknown", label: "表头未识别" }, { key: "user", label: "按指定" }],
    };
    const cols = (to: string, reason: "unknown" | "user") => [{ sheet: "Sheet1", header_rows: [1, 1] as [number, number], shape: "", skipped_rows: [], columns: [{ letter: "A", header: "甲", to, reason, explain: "" }] }];
    const unmapped: ImportPreview = {
      ...base, findings: [], has_errors: true, tables: cols("ignore", "unknown"),
      issues: [{ sheet: "", row: 0, cell: "", severity: "error", message: "“旧台账.xlsx”中找不到台账表头：…" }],
    };
    const mapped: ImportPreview = {
      ...base, has_errors: false, issues: [], tables: cols("title", "user"),
      findings: [{ sheet: "Sheet1", row: 2, seq: null, category: "未分类", title: "档案管理混乱", manifestation: "", nature: null, source: "", found_on: null, tasks: [] }],
    };
    (window as unknown as { __XUNCHA_PICK__: string[] }).__XUNCHA_PICK__ = ["/home/u/旧台账.xlsx"];
    const calls: [string, Record<string, unknown>][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args as Record<string, unknown>]);
      if (cmd === "import_preview") return calls.filter((c) => c[0] === "import_preview").length > 1 ? mapped : unmapped;
    });
    const w = mount(ImportPanel, { global });
    await w.find("[data-test=import-pick]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-test=import-columns]").exists()).toBe(true));
    expect(w.find("[data-test=import-issues]").text()).toContain("整个工作表");
    expect(w.find("[data-test=import-issues]").text()).toContain("找不到台账表头");
    expect(w.find("[data-test=import-apply]").attributes("disabled")).toBeDefined();
    const mapA = w.findAllComponents({ name: "ElSelect" }).find((c) => c.attributes("data-test") === "import-map-A");
    mapA!.vm.$emit("update:modelValue", "title");
    await vi.waitFor(() => expect(calls.filter((c) => c[0] === "import_preview").length).toBe(2));
    expect(calls.filter((c) => c[0] === "import_preview")[1][1].choices).toEqual({ sheet: null, mapping: [{ column: "A", to: "title" }], skip_faulty: false });
    await vi.waitFor(() => expect(w.find("[data-test=import-preview]").text()).toContain("档案管理混乱"));
    expect(w.find("[data-test=import-apply]").attributes("disabled")).toBeUndefined();
  });

  it("reads all sheets: each sheet's columns, mapped by header text, problems named by sheet", async () => {
    const table = (sheet: string, letter: string) => ({ sheet, header_rows: [1, 1] as [number, number], shape: "", skipped_rows: [], columns: [{ letter, header: "责任部门", to: "responsible_units", reason: "synonym" as const, explain: "" }] });
    const one: ImportPreview = {
      token: "/tmp/xuncha-import/x.xlsx", file: "旧台账.xlsx", sheet: "一、学习方面", categories: [], findings: [], people: [], units: [],
      issues: [], has_errors: false, task_count: 0, sheets: ["一、学习方面", "二、责任方面", "统计"], all_sheets: "全部工作表", skipped_sheets: [],
      tables: [table("一、学习方面", "D")],
      fields: [{ key: "responsible_units", label: "责任单位" }, { key: "lead_unit", label: "牵头单位" }],
      reasons: [{ key: "synonym", label: "按表头名称" }],
    };
    const all: ImportPreview = {
      ...one, sheet: "全部工作表", tables: [table("一、学习方面", "D"), table("二、责任方面", "C")],
      skipped_sheets: [{ sheet: "统计", reason: "找不到台账表头" }],
      issues: [{ sheet: "二、责任方面", row: 3, cell: "二、责任方面!E3", severity: "error", message: "整改时限“下个月”无法识别" }], has_errors: true,
    };
    (window as unknown as { __XUNCHA_PICK__: string[] }).__XUNCHA_PICK__ = ["/home/u/旧台账.xlsx"];
    const calls: [string, Record<string, unknown>][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args as Record<string, unknown>]);
      if (cmd === "import_preview") return calls.filter((c) => c[0] === "import_preview").length > 1 ? all : one;
    });
    const w = mount(ImportPanel, { global });
    await w.find("[data-test=import-pick]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-test=import-sheet]").exists()).toBe(true));
    const picker = w.findAllComponents({ name: "ElSelect" }).find((c) => c.attributes("data-test") === "import-sheet");
    picker!.vm.$emit("update:modelValue", "全部工作表");
    await vi.waitFor(() => expect(w.findAll("[data-test=import-columns]").length).toBe(2));
    expect(calls.filter((c) => c[0] === "import_preview")[1][1].choices).toEqual({ sheet: "全部工作表", mapping: [], skip_faulty: false });
    expect(w.text()).toContain("工作表“二、责任方面”");
    expect(w.find("[data-test=import-skipped-sheet]").text()).toContain("工作表“统计”未导入");
    expect(w.find("[data-test=import-issues]").text()).toContain("二、责任方面!E3单元格");
    const mapC = w.findAllComponents({ name: "ElSelect" }).find((c) => c.attributes("data-test") === "import-map-C");
    mapC!.vm.$emit("update:modelValue", "lead_unit");
    await vi.waitFor(() => expect(calls.filter((c) => c[0] === "import_preview").length).toBe(3));
    expect(calls.filter((c) => c[0] === "import_preview")[2][1].choices).toEqual({ sheet: "全部工作表", mapping: [{ column: "责任部门", to: "lead_unit" }], skip_faulty: false });
  });
});
