// A database that cannot be opened: the start page lists its automatic backups and puts
// one in its place only after a confirmation that says the unusable file is kept.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import StartPage from "../src/components/StartPage.vue";
import { store } from "../src/store";
import type { AppInfo, AutoBackup } from "../src/bindings";
import { answerBox, boxText } from "./messagebox";

const global = { plugins: [ElementPlus], stubs: { transition: false, "transition-group": false } };

const BROKEN: AppInfo = {
  db_path: null, locked_path: null, encrypted: false, min_password_chars: 6, operator: "", today: "2025-06-01", version: "0.1.0", inspections: 0, export_dir: null,
  open_error: { code: "BadDatabase", field: null, message: "无法打开数据库文件 /home/u/x.db：文件已损坏。可以从备份恢复，或另选一个文件" },
};
const OPENED: AppInfo = { ...BROKEN, db_path: "/home/u/x.db", open_error: null, inspections: 1 };
const BACKUPS: AutoBackup[] = [
  { name: "xuncha-20250531-090000.db", path: "/home/u/xuncha.db.backups/xuncha-20250531-090000.db", made_at: "2025-05-31 09:00:00", bytes: 2_400_000, before_restore: false, before_password: false, encrypted: false, counts: { inspections: 1, findings: 13, tasks: 26 } },
];

let calls: [string, unknown][];
let info: AppInfo;
beforeEach(() => {
  calls = [];
  info = { ...BROKEN };
  store.info = info;
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === "unusable_database_backups") return BACKUPS;
    if (cmd === "recover_from_backup") {
      info = OPENED;
      return "x.db.unusable-20250601-101500";
    }
    if (cmd === "app_info") return info;
    if (cmd === "list_inspections") return [];
    return null;
  });
});
afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});


describe("recovering a database that cannot be opened", () => {
  it("shows why, lists the backups and recovers one after the confirmation", async () => {
    const w = mount(StartPage, { global, attachTo: document.body });
    await flushPromises();
    expect(w.text()).toContain("文件已损坏");
    const table = w.find("[data-test=recover-backups]");
    expect(table.text()).toContain("2025-05-31 09:00:00");
    expect(table.text()).toContain("反馈问题 13 个");
    await w.find("[data-test=recover-backups] [data-test=restore-backup]").trigger("click");
    await vi.waitFor(() => expect(boxText()).toContain("原文件不会删除"));
    expect(calls.some(([c]) => c === "recover_from_backup")).toBe(false);
    await answerBox("恢复");
    await vi.waitFor(() => expect(calls.some(([c]) => c === "recover_from_backup")).toBe(true));
    expect(calls.find(([c]) => c === "recover_from_backup")![1]).toEqual({ name: "xuncha-20250531-090000.db" });
    await vi.waitFor(() => expect(store.info?.db_path).toBe("/home/u/x.db"));
  });

  it("recovers nothing when the confirmation is cancelled", async () => {
    const w = mount(StartPage, { global, attachTo: document.body });
    await flushPromises();
    await w.find("[data-test=recover-backups] [data-test=restore-backup]").trigger("click");
    await answerBox("取消");
    await flushPromises();
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.some(([c]) => c === "recover_from_backup")).toBe(false);
    expect(store.info?.db_path).toBeNull();
  });

  it("offers the backups of an encrypted file that does not open, too", async () => {
    info = { ...BROKEN, locked_path: "/home/u/x.db", open_error: { code: "WrongPassword", field: "password", message: "密码不正确" } };
    store.info = info;
    const w = mount(StartPage, { global });
    await flushPromises();
    expect(w.find("[data-test=enter-password]").exists()).toBe(true);
    const table = w.find("[data-test=recover-backups]");
    expect(table.text()).toContain("文件可能已损坏");
    expect(table.text()).toContain("2025-05-31 09:00:00");
  });
});
