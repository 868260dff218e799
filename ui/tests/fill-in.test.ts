// 填报表 on the export page against a mocked core: the card exports one unit's workbook
// (the file name is the core's) or every unit's into a folder, and offers to open them;
// the import tab previews returned workbooks row by row, ticks new entries and status
// changes but not conflicts, applies the ticked rows, lists what was applied and reloads;
// a refused workbook shows the core's message.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { enableAutoUnmount, flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import FillInExportCard from "../src/components/FillInExportCard.vue";
import FillInImport from "../src/components/FillInImport.vue";
import { store } from "../src/store";
import type { AppInfo, FillInChange, PreviewRow } from "../src/bindings";

const global = { plugins: [ElementPlus], stubs: { transition: false, "transition-group": false } };

const INFO: AppInfo = {
  db_path: "/home/u/巡察整改台账.db", open_error: null, locked_path: null, encrypted: false, min_password_chars: 6, operator: "张三", today: "2025-06-01", version: "0.1.0", inspections: 1, export_dir: "/home/u/导出",
};

let calls: [string, Record<string, unknown>][];
function core(extra: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined) {
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, a]);
    const r = extra(cmd, a);
    if (r !== undefined) return r;
    if (cmd === "app_info") return store.info;
    if (cmd === "list_inspections") return [{ id: 3 }];
    if (cmd === "get_inspection") return store.current;
    return null;
  });
}
const argsOf = (cmd: string) => calls.find((c) => c[0] === cmd)?.[1];
function pick(...answers: string[]) {
  (window as unknown as { __XUNCHA_PICK__: string[] }).__XUNCHA_PICK__ = answers;
}

enableAutoUnmount(afterEach);
beforeEach(() => {
  calls = [];
  store.info = { ...INFO };
  store.currentId = 3;
  store.current = { inspection: { id: 3 } as never, categories: [], deadlines: null };
});
afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("单位填报表 card", () => {
  const units = (cmd: string) => (cmd === "fill_in_units" ? ["办公室", "财务科"] : undefined);

  it("exports the chosen unit's workbook under the core's name and offers to open it", async () => {
    core((cmd, a) => {
      if (cmd === "fill_in_file_name") return `${a.unit}填报.xlsx`;
      if (cmd === "fill_in_export_unit") return { unit: a.unit, file: a.path, tasks: 2 };
      return units(cmd);
    });
    pick("/home/u/导出/财务科填报.xlsx");
    const w = mount(FillInExportCard, { global, attachTo: document.body });
    await flushPromises();
    expect(argsOf("fill_in_units")).toEqual({ inspectionId: 3 });
    await w.find("[data-test=fill-in-unit]").trigger("click");
    await flushPromises();
    const options = [...document.querySelectorAll(".el-select-dropdown__item")];
    expect(options.map((o) => o.textContent)).toEqual(["办公室", "财务科"]);
    (options[1] as HTMLElement).click();
    await flushPromises();
    await w.find("[data-test=fill-in-export]").trigger("click");
    await vi.waitFor(() => expect(argsOf("fill_in_export_unit")).toBeDefined());
    expect(argsOf("fill_in_file_name")).toEqual({ unit: "财务科" });
    expect(argsOf("fill_in_export_unit")).toEqual({ inspectionId: 3, unit: "财务科", path: "/home/u/导出/财务科填报.xlsx" });
    await vi.waitFor(() => expect(document.body.textContent).toContain("已导出财务科填报表（2 项任务）"));
    expect(document.querySelector("[data-test=exported-path]")?.textContent).toBe("/home/u/导出/财务科填报.xlsx");
    expect(document.body.textContent).toContain("打开所在文件夹");
  });

  it("exports every unit into the folder chosen and opens the folder on the first file", async () => {
    core((cmd, a) => {
      if (cmd === "fill_in_export_all") return [
        { unit: "办公室", file: `${a.dir}/办公室填报.xlsx`, tasks: 3 },
        { unit: "财务科", file: `${a.dir}/财务科填报.xlsx`, tasks: 2 },
      ];
      return units(cmd);
    });
    pick("/media/u/U盘");
    const w = mount(FillInExportCard, { global, attachTo: document.body });
    await flushPromises();
    await w.find("[data-test=fill-in-export-all]").trigger("click");
    await vi.waitFor(() => expect(document.body.textContent).toContain("已导出 2 个单位的填报表（共 5 项任务）"));
    expect(argsOf("fill_in_export_all")).toEqual({ inspectionId: 3, dir: "/media/u/U盘" });
    expect(document.querySelector("[data-test=exported-path]")?.textContent).toBe("/media/u/U盘");
    const open = [...document.querySelectorAll(".exported-toast button")].find((b) => b.textContent === "打开文件夹") as HTMLElement;
    open.click();
    await vi.waitFor(() => expect(argsOf("reveal_file")).toEqual({ path: "/media/u/U盘/办公室填报.xlsx" }));
  });

  it("offers nothing to export while no task has a unit", async () => {
    core((cmd) => (cmd === "fill_in_units" ? [] : undefined));
    const w = mount(FillInExportCard, { global });
    await flushPromises();
    expect(w.find("[data-test=fill-in-export]").attributes("disabled")).toBeDefined();
    expect(w.find("[data-test=fill-in-export-all]").attributes("disabled")).toBeDefined();
    expect(w.text()).not.toContain("已导出");
  });

  it("asks nothing when the save dialog is cancelled", async () => {
    core((cmd, a) => (cmd === "fill_in_file_name" ? `${a.unit}填报.xlsx` : units(cmd)));
    pick("");
    const w = mount(FillInExportCard, { global });
    await flushPromises();
    await w.find("[data-test=fill-in-export]").trigger("click");
    await flushPromises();
    expect(argsOf("fill_in_file_name")).toEqual({ unit: "办公室" });
    expect(argsOf("fill_in_export_unit")).toBeUndefined();
  });
});

function previewRow(no: number, change: FillInChange, over: Partial<PreviewRow> = {}): PreviewRow {
  return {
    no, file: `/tmp/xuncha-fill-in/20250601-1/财务科填报.xlsx`, unit: "财务科", row: no + 3, task_id: 10 + no,
    finding_number: `（一）${no}`, measure: `措施${no}`, change, status_now: "in_progress", status_to: null,
    text: change === "unchanged" ? "" : `进展${no}`, entered_on: null, message: "", ...over,
  };
}
const ROWS: PreviewRow[] = [
  previewRow(1, "progress", { entered_on: "2025-05-30" }),
  previewRow(2, "status_change", { status_to: "completed" }),
  previewRow(3, "conflict", { message: "填报表发出后，台账中该任务已有改动（现为“正在推进”）" }),
  previewRow(4, "unchanged"),
  previewRow(5, "applied"),
];
const TOKENS = ["/tmp/xuncha-fill-in/20250601-1/财务科填报.xlsx"];

describe("导入填报表", () => {
  async function previewed(rows: PreviewRow[], applied: number[] = []) {
    core((cmd, a) => {
      if (cmd === "fill_in_preview") return { tokens: TOKENS, rows };
      if (cmd === "fill_in_apply") return { rows, applied: (a.rows as number[] | null) ?? applied };
      return undefined;
    });
    pick("/media/u/财务科填报.xlsx");
    const w = mount(FillInImport, { global });
    await w.find("[data-test=fill-in-pick]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-test=fill-in-preview]").exists()).toBe(true));
    await flushPromises();
    return w;
  }
  const ticked = (w: ReturnType<typeof mount>, no: number) => w.find(`[data-test=fill-in-tick-${no}]`).classes().includes("is-checked");
  const disabled = (w: ReturnType<typeof mount>, no: number) => w.find(`[data-test=fill-in-tick-${no}]`).classes().includes("is-disabled");

  it("shows each row with its unit, task, progress, status and change, the conflict unticked", async () => {
    const w = await previewed([...ROWS, previewRow(6, "invalid", { message: "“完成日期”：无法识别的日期" })]);
    expect(argsOf("fill_in_preview")).toEqual({ inspectionId: 3, paths: ["/media/u/财务科填报.xlsx"] });
    const body = w.findAll("[data-test=fill-in-preview] .el-table__body tr");
    expect(body).toHaveLength(6);
    expect(body[0].text()).toContain("财务科填报.xlsx 第4行");
    expect(body[0].text()).toContain("财务科");
    expect(body[0].text()).toContain("（一）1 措施1");
    expect(body[0].text()).toContain("进展1");
    expect(body[0].text()).toContain("2025-05-30");
    expect(body[0].text()).toContain("正在推进");
    expect(body[1].text()).toContain("正在推进 → 已完成");
    expect(["新进展", "状态变更", "冲突", "无变化", "已导入", "有误"].map((l, i) => w.find(`[data-test=fill-in-change-${i + 1}]`).text())).toEqual(["新进展", "状态变更", "冲突", "无变化", "已导入", "有误"]);
    expect(body[2].text()).toContain("台账中该任务已有改动");
    expect(body[5].text()).toContain("无法识别的日期");
    expect([1, 2, 3, 4, 5, 6].map((n) => ticked(w, n))).toEqual([true, true, false, false, false, false]);
    expect([1, 2, 3, 4, 5, 6].map((n) => disabled(w, n))).toEqual([false, false, false, true, true, true]);
    expect(w.find("[data-test=fill-in-summary]").text()).toBe("1 个文件，共 6 行；可导入 3 项");
    expect(w.find("[data-test=fill-in-apply]").text()).toBe("导入选中的 2 项");
    expect(w.find("[data-test=fill-in-apply-all]").attributes("disabled")).toBeDefined();
    expect(w.text()).toContain("有误的行不能导入");
  });

  it("applies the rows ticked, a conflict only when ticked, then lists what was applied and reloads", async () => {
    const w = await previewed(ROWS);
    await w.find("[data-test=fill-in-tick-1] input").setValue(false);
    await w.find("[data-test=fill-in-tick-3] input").setValue(true);
    expect(w.find("[data-test=fill-in-apply]").text()).toBe("导入选中的 2 项");
    await w.find("[data-test=fill-in-apply]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-test=fill-in-result]").exists()).toBe(true));
    expect(argsOf("fill_in_apply")).toEqual({ inspectionId: 3, tokens: TOKENS, rows: [2, 3] });
    expect(w.find("[data-test=fill-in-result]").text()).toContain("已导入 2 项整改进展");
    const applied = w.findAll("[data-test=fill-in-applied] .el-table__body tr");
    expect(applied.map((r) => r.find("td").text())).toEqual(["2", "3"]);
    expect(applied[0].text()).toContain("正在推进 → 已完成");
    expect(w.find("[data-test=fill-in-preview]").exists()).toBe(false);
    const after = calls.findIndex((c) => c[0] === "fill_in_apply");
    expect(calls.slice(after).map((c) => c[0])).toContain("app_info");
  });

  it("全部导入 lets the core choose: every new entry and status change", async () => {
    const w = await previewed(ROWS, [1, 2]);
    expect(w.find("[data-test=fill-in-apply-all]").attributes("disabled")).toBeUndefined();
    await w.find("[data-test=fill-in-apply-all]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-test=fill-in-result]").exists()).toBe(true));
    expect(argsOf("fill_in_apply")).toEqual({ inspectionId: 3, tokens: TOKENS, rows: null });
    expect(w.findAll("[data-test=fill-in-applied] .el-table__body tr")).toHaveLength(2);
  });

  it("says so when a workbook applied before adds nothing", async () => {
    const w = await previewed([previewRow(1, "applied")], []);
    expect(w.find("[data-test=fill-in-apply]").attributes("disabled")).toBeDefined();
    await w.find("[data-test=fill-in-apply-all]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-test=fill-in-result]").exists()).toBe(true));
    expect(w.find("[data-test=fill-in-result]").text()).toContain("没有可导入的新内容");
    expect(w.find("[data-test=fill-in-applied]").exists()).toBe(false);
  });

  it("shows the core's message for a refused workbook, and no preview", async () => {
    const message = "“财务科填报.xlsx”第 5 行（任务 12）的“整改措施”被改动过：填报表中锁定的单元格不能修改";
    core((cmd) => {
      if (cmd === "fill_in_preview") throw { code: "Validation", field: "file", message };
      return undefined;
    });
    pick("/media/u/财务科填报.xlsx");
    const w = mount(FillInImport, { global });
    await w.find("[data-test=fill-in-pick]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-test=fill-in-error]").exists()).toBe(true));
    expect(w.find("[data-test=fill-in-error]").text()).toContain(message);
    expect(w.find("[data-test=fill-in-preview]").exists()).toBe(false);
  });
});
