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
      findings: [{ row: 4, seq: 1, category: "一、…方面", title: "学习不深入", manifestation: "", nature: null, source: "", found_on: null, tasks: [
        { row: 4, measure: "制定学习计划", goal: "", acceptance: "", lead_leader: "", responsible_leader: "", lead_unit: "办公室", responsible_units: [], responsible_person: "", deadline_kind: "date", deadline: "2025-06-30", deadline_text: "2025年6月30日", status: null, progress: "", progress_entries: [], evidence: "", note: "" },
      ] }],
      people: [], units: ["办公室"], issues: [{ row: 5, cell: "K5", severity: "error", message: "整改时限“下月”无法识别" }],
      has_errors: true, task_count: 1, sheets: ["整改台账"], skipped_rows: [9],
      columns: [
        { letter: "B", header: "反馈问题", to: "title", reason: "synonym", explain: "" },
        { letter: "H", header: "办结", to: "note", reason: "unknown", explain: "" },
      ],
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
      issues: [], has_errors: false, task_count: 0, sheets: ["整改台账"], skipped_rows: [],
      fields: [{ key: "deadline", label: "整改时限" }, { key: "note", label: "备注" }],
      reasons: [{ key: "unknown", label: "表头未识别" }, { key: "user", label: "按指定" }],
    };
    const first: ImportPreview = { ...base, columns: [{ letter: "H", header: "办结", to: "note", reason: "unknown", explain: "" }] };
    const second: ImportPreview = { ...base, columns: [{ letter: "H", header: "办结", to: "deadline", reason: "user", explain: "" }] };
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
});
