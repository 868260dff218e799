// The 备份 page lists the automatic backups and restores one only after a confirmation;
// the export page passes the 公开版 flag and the chosen template to the export command;
// the operator's name is asked for once when none is set.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import BackupView from "../src/views/BackupView.vue";
import ExportView from "../src/views/ExportView.vue";
import OperatorDialog from "../src/components/OperatorDialog.vue";
import { store } from "../src/store";
import type { AppInfo, AutoBackup, DocumentInfo, DocumentKind, Format } from "../src/bindings";
import { answerBox, boxText } from "./messagebox";

const global = { plugins: [ElementPlus], stubs: { transition: false, "transition-group": false, DocumentEditor: true, ImportPanel: true, FillInExportCard: true } };

const INFO: AppInfo = {
  db_path: "/home/u/巡察整改台账.db", open_error: null, locked_path: null, encrypted: false, min_password_chars: 6, operator: "张三", today: "2025-06-01", version: "0.1.0", inspections: 1, export_dir: null,
};
const BACKUPS: AutoBackup[] = [
  { name: "xuncha-before-restore-20250601-101500.db", path: "/home/u/xuncha.db.backups/xuncha-before-restore-20250601-101500.db", made_at: "2025-06-01 10:15:00", bytes: 300_000, before_restore: true, before_password: false, encrypted: false, counts: { inspections: 1, findings: 13, tasks: 26 } },
  { name: "xuncha-20250531-090000.db", path: "/home/u/xuncha.db.backups/xuncha-20250531-090000.db", made_at: "2025-05-31 09:00:00", bytes: 2_400_000, before_restore: false, before_password: false, encrypted: false, counts: { inspections: 0, findings: 0, tasks: 0 } },
  { name: "xuncha-20250530-090000.db", path: "/home/u/xuncha.db.backups/xuncha-20250530-090000.db", made_at: "2025-05-30 09:00:00", bytes: 1000, before_restore: false, before_password: false, encrypted: false, counts: null },
];

/** What the core's catalog says (the real one is `app::exports::catalog`). */
const doc = (kind: DocumentKind, title: string, formats: Format[], ledger = false): DocumentInfo => ({
  kind, title, file_name: title, description: "", formats, public: ledger, template: ledger, editable: !ledger,
  lists: false, endorsement: false, letterhead: !ledger,
  issues_letters: kind === "supervision", per_task: kind === "closeout",
});
const CATALOG: DocumentInfo[] = [doc("ledger", "整改台账", ["xlsx", "pdf"], true), doc("feedback", "巡察反馈意见", ["pdf"]), doc("supervision", "督办函件", ["pdf", "docx"]), doc("closeout", "销号材料", ["pdf", "docx"])];

let calls: [string, unknown][];
function core(extra: (cmd: string, args: unknown) => unknown = () => undefined) {
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    const r = extra(cmd, args);
    if (r !== undefined) return r;
    if (cmd === "app_info") return store.info;
    if (cmd === "list_inspections") return [{ id: 3 }];
    if (cmd === "get_inspection") return store.current;
    if (cmd === "list_backups") return BACKUPS;
    if (cmd === "restore_backup") return "xuncha-before-restore-20250601-120000.db";
    if (cmd === "export_catalog") return CATALOG;
    if (cmd === "list_ledger_templates") return [
      { name: "默认", title: "{inspected_org}巡察反馈问题整改台账", columns: 15, builtin: true },
      { name: "区委巡察办", title: "整改台账", columns: 12, builtin: false },
    ];
    if (cmd === "export") return { path: "/home/u/整改台账.xlsx", format: "xlsx", bytes: 1000, what: "整改台账", inspections: [3], findings: 1, tasks: 1, leads: 0, leads_transferred: 0 };
    return null;
  });
}


beforeEach(() => {
  calls = [];
  store.info = { ...INFO };
  store.currentId = 3;
  store.current = { inspection: { id: 3, unit_name: "区统计局", inspected_org: "区统计局党组" } as never, categories: [], deadlines: null };
  sessionStorage.clear();
});
afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("automatic backups", () => {
  it("lists each backup with its time, kind, contents and size", async () => {
    core();
    const w = mount(BackupView, { global });
    await flushPromises();
    const rows = w.findAll("[data-test=auto-backup-table] .el-table__body tr");
    expect(rows).toHaveLength(3);
    expect(rows[0].text()).toContain("2025-06-01 10:15:00");
    expect(rows[0].text()).toContain("恢复前备份");
    expect(rows[0].text()).toContain("巡察 1 次，反馈问题 13 个，整改任务 26 项");
    expect(rows[0].text()).toContain("293 KB");
    expect(rows[1].text()).toContain("自动备份");
    expect(rows[1].text()).toContain("空（尚无巡察）");
    expect(rows[1].text()).toContain("2.3 MB");
    expect(rows[2].text()).toContain("—");
    expect(w.text()).toContain("巡察整改台账.db.backups");
  });

  it("restores by name only after the confirmation, which says the current data is kept", async () => {
    core();
    const w = mount(BackupView, { global, attachTo: document.body });
    await flushPromises();
    await w.findAll("[data-test=restore-backup]")[1].trigger("click");
    await vi.waitFor(() => expect(boxText()).not.toBe(""));
    const box = boxText();
    expect(box).toContain("2025-05-31 09:00:00");
    expect(box).toContain("当前数据会先自动另存为一份备份");
    expect(calls.map((c) => c[0])).not.toContain("restore_backup");
    await answerBox("恢复");
    await vi.waitFor(() => expect(calls).toContainEqual(["restore_backup", { name: "xuncha-20250531-090000.db", password: null }]));
    // The app state is reloaded after the restore.
    await vi.waitFor(() => expect(calls.filter((c) => c[0] === "app_info").length).toBeGreaterThan(0));
    w.unmount();
  });

  it("does nothing when the confirmation is cancelled", async () => {
    core();
    const w = mount(BackupView, { global, attachTo: document.body });
    await flushPromises();
    await w.findAll("[data-test=restore-backup]")[0].trigger("click");
    await answerBox("取消");
    await flushPromises();
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.map((c) => c[0])).not.toContain("restore_backup");
    w.unmount();
  });

  it("立即备份 shows the new list", async () => {
    core((cmd) => (cmd === "backup_now" ? [BACKUPS[1]] : undefined));
    const w = mount(BackupView, { global });
    await flushPromises();
    await w.find("[data-test=backup-now]").trigger("click");
    await flushPromises();
    expect(calls.map((c) => c[0])).toContain("backup_now");
    expect(w.findAll("[data-test=auto-backup-table] .el-table__body tr")).toHaveLength(1);
  });
});

describe("ledger export options", () => {
  function pick(path: string) {
    (window as unknown as { __XUNCHA_PICK__: string[] }).__XUNCHA_PICK__ = [path];
  }
  const exportCall = () => calls.find((c) => c[0] === "export")?.[1];

  it("passes the 公开版 flag and names the file so", async () => {
    core();
    const w = mount(ExportView, { global });
    await flushPromises();
    await w.find("[data-test=public-ledger]").trigger("click");
    pick("/home/u/整改台账.xlsx");
    await w.find("[data-test=export-ledger-xlsx]").trigger("click");
    await vi.waitFor(() => expect(exportCall()).toBeDefined());
    expect(exportCall()).toEqual({
      kind: "ledger", format: "xlsx", path: "/home/u/整改台账.xlsx",
      options: { inspection_id: 3, all_inspections: false, public: true, template: null, problem_list: false, responsibility_list: false, endorsement: false, reissue: false, task_id: null, with_evidence: false },
    });
  });

  it("offers each format the catalog lists; only the ledger has a 公开版", async () => {
    core();
    const w = mount(ExportView, { global });
    await flushPromises();
    expect(w.find("[data-test=public-feedback]").exists()).toBe(false);
    expect(w.find("[data-test=export-feedback-xlsx]").exists()).toBe(false);
    expect(w.find("[data-test=print-feedback]").exists()).toBe(true);
    pick("/home/u/台账.pdf");
    await w.find("[data-test=export-ledger-pdf]").trigger("click");
    await vi.waitFor(() => expect(exportCall()).toBeDefined());
    expect(exportCall()).toMatchObject({ kind: "ledger", format: "pdf", options: { public: false, template: null } });
    await flushPromises();
    calls = [];
    pick("/home/u/反馈意见.pdf");
    await w.find("[data-test=export-feedback-pdf]").trigger("click");
    await vi.waitFor(() => expect(exportCall()).toBeDefined());
    expect(exportCall()).toMatchObject({ kind: "feedback", format: "pdf", options: { public: false, template: null } });
  });

  it("offers 重新发函 only for the letters and passes it", async () => {
    core();
    const w = mount(ExportView, { global });
    await flushPromises();
    expect(w.find("[data-test=reissue-ledger]").exists()).toBe(false);
    expect(w.find("[data-test=reissue-feedback]").exists()).toBe(false);
    pick("/home/u/督办函件.pdf");
    await w.find("[data-test=export-supervision-pdf]").trigger("click");
    await vi.waitFor(() => expect(exportCall()).toBeDefined());
    expect(exportCall()).toMatchObject({ kind: "supervision", format: "pdf", options: { reissue: false } });
    await flushPromises();
    calls = [];
    await w.find("[data-test=reissue-supervision]").trigger("click");
    pick("/home/u/督办函件.docx");
    await w.find("[data-test=export-supervision-docx]").trigger("click");
    await vi.waitFor(() => expect(exportCall()).toBeDefined());
    expect(exportCall()).toMatchObject({ kind: "supervision", format: "docx", options: { reissue: true, public: false } });
  });

  it("asks the 销号材料 for a task, or exports every closed one without", async () => {
    core();
    const w = mount(ExportView, { global });
    await flushPromises();
    expect(w.find("[data-test=task-supervision]").exists()).toBe(false);
    pick("/home/u/销号材料.pdf");
    await w.find("[data-test=export-closeout-pdf]").trigger("click");
    await vi.waitFor(() => expect(exportCall()).toBeDefined());
    expect(exportCall()).toMatchObject({ kind: "closeout", options: { task_id: null } });
    await flushPromises();
    calls = [];
    await w.find("[data-test=task-closeout] input").setValue("12");
    pick("/home/u/销号材料.docx");
    await w.find("[data-test=export-closeout-docx]").trigger("click");
    await vi.waitFor(() => expect(exportCall()).toBeDefined());
    expect(exportCall()).toMatchObject({ kind: "closeout", format: "docx", options: { task_id: 12, with_evidence: false } });
    await flushPromises();
    calls = [];
    await w.find("[data-test=evidence-closeout]").trigger("click");
    pick("/home/u/销号材料.pdf");
    await w.find("[data-test=export-closeout-pdf]").trigger("click");
    await vi.waitFor(() => expect(exportCall()).toBeDefined());
    expect(exportCall()).toMatchObject({ kind: "closeout", format: "pdf", options: { task_id: 12, with_evidence: true } });
  });

  it("offers the saved templates, the official layout first, and passes the one picked", async () => {
    core();
    const w = mount(ExportView, { global, attachTo: document.body });
    await flushPromises();
    await w.find("[data-test=template-ledger]").trigger("click");
    await flushPromises();
    const items = [...document.querySelectorAll(".el-select-dropdown__item")].map((e) => e.textContent ?? "");
    expect(items[0]).toContain("默认（官方格式）");
    expect(items[1]).toContain("区委巡察办");
    (document.querySelectorAll<HTMLElement>(".el-select-dropdown__item")[1]).click();
    await flushPromises();
    pick("/home/u/整改台账.xlsx");
    await w.find("[data-test=export-ledger-xlsx]").trigger("click");
    await vi.waitFor(() => expect(exportCall()).toBeDefined());
    expect(exportCall()).toMatchObject({ options: { public: false, template: "区委巡察办" } });
    // A template is for the Excel ledger only: the PDF goes out in the official layout.
    await flushPromises();
    calls = [];
    pick("/home/u/整改台账.pdf");
    await w.find("[data-test=export-ledger-pdf]").trigger("click");
    await vi.waitFor(() => expect(exportCall()).toBeDefined());
    expect(exportCall()).toMatchObject({ format: "pdf", options: { template: null } });
    w.unmount();
  });
});

describe("operator's name", () => {
  it("is asked for when none is set, and saved through the core", async () => {
    store.info = { ...INFO, operator: "" };
    core((cmd, args) => {
      if (cmd === "set_operator") {
        const name = (args as { name: string }).name.trim();
        if (!name) throw { code: "Validation", field: "operator", message: "操作人不能为空" };
        store.info = { ...INFO, operator: name };
        return store.info;
      }
    });
    const w = mount(OperatorDialog, { props: { ready: true }, global, attachTo: document.body });
    await flushPromises();
    const dialog = () => document.querySelector<HTMLElement>("[data-test=operator-dialog]");
    expect(dialog()?.textContent).toContain("请输入您的姓名，将记录在整改进展和操作日志中");
    document.querySelector<HTMLButtonElement>("[data-test=operator-save]")!.click();
    await vi.waitFor(() => expect(dialog()?.textContent).toContain("操作人不能为空"));
    const input = document.querySelector<HTMLInputElement>("input[data-test=operator-name]")!;
    input.value = " 李明 ";
    input.dispatchEvent(new Event("input"));
    document.querySelector<HTMLButtonElement>("[data-test=operator-save]")!.click();
    await vi.waitFor(() => expect(calls).toContainEqual(["set_operator", { name: " 李明 " }]));
    await vi.waitFor(() => expect(store.info?.operator).toBe("李明"));
    w.unmount();
  });

  it("is not asked for when set, and 稍后 skips it for the session", async () => {
    core();
    const set = mount(OperatorDialog, { props: { ready: true }, global, attachTo: document.body });
    await flushPromises();
    expect(document.querySelector("[data-test=operator-dialog]")).toBeNull();
    set.unmount();
    store.info = { ...INFO, operator: "" };
    const w = mount(OperatorDialog, { props: { ready: true }, global, attachTo: document.body });
    await flushPromises();
    document.querySelector<HTMLButtonElement>("[data-test=operator-later]")!.click();
    await flushPromises();
    expect(sessionStorage.getItem("xuncha.operatorSkipped")).toBe("1");
    expect(calls.map((c) => c[0])).not.toContain("set_operator");
    w.unmount();
  });
});
