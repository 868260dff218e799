// An encrypted database: at start the shell asks for the password instead of showing an
// error, a wrong one is shown under the field and may be retried, 取消 leads to the start
// page; the 数据库加密 card sets, changes and removes the password through the core (two
// fields that must match first); a backup made under an earlier password is restored
// after asking for that password.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import App from "../src/App.vue";
import EncryptionCard from "../src/components/EncryptionCard.vue";
import BackupView from "../src/views/BackupView.vue";
import { router } from "../src/router";
import { store } from "../src/store";
import { openFile } from "../src/database";
import type { AppInfo, AutoBackup } from "../src/bindings";
import { answerBox, boxText } from "./messagebox";

const global = { plugins: [ElementPlus], stubs: { transition: false, "transition-group": false } };

const PATH = "/home/u/巡察整改台账.db";
const OPEN: AppInfo = {
  db_path: PATH, open_error: null, locked_path: null, encrypted: true, min_password_chars: 6, operator: "张三",
  today: "2025-06-01", version: "0.1.0", inspections: 1, export_dir: null,
};
const LOCKED: AppInfo = {
  ...OPEN, db_path: null, encrypted: false, inspections: 0, operator: "",
  open_error: { code: "PasswordNeeded", field: null, message: `数据库已加密，请输入密码（${PATH}）` },
  locked_path: PATH,
};
const WRONG = { code: "WrongPassword", field: "password", message: `密码不正确，无法打开数据库（${PATH}）。请检查密码后重试` };

let calls: [string, unknown][];
let info: AppInfo;
function core(extra: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined) {
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    const r = extra(cmd, args as Record<string, unknown>);
    if (r !== undefined) return r;
    if (cmd === "app_info") return info;
    if (cmd === "list_inspections") return [{ id: 3, name: "区统计局党组" }];
    if (cmd === "get_inspection") return { inspection: { id: 3, name: "区统计局党组" }, categories: [], deadlines: null };
    if (cmd === "list_backups" || cmd === "unusable_database_backups") return [];
    return null;
  });
}
const called = (cmd: string) => calls.filter((c) => c[0] === cmd).map((c) => c[1]);

/** Types into an input found in the document (dialogs render into the body). */
function typeIn(css: string, text: string) {
  const input = document.querySelector<HTMLInputElement>(css);
  if (!input) throw new Error(`no ${css}`);
  input.value = text;
  input.dispatchEvent(new Event("input"));
}
function click(css: string) {
  const b = document.querySelector<HTMLElement>(css);
  if (!b) throw new Error(`no ${css}`);
  b.click();
}
const dialogText = (css: string) => document.querySelector(css)?.textContent ?? "";

beforeEach(() => {
  calls = [];
  store.info = null;
  store.inspections = [];
  store.currentId = null;
  store.current = null;
  store.unlock = null;
  sessionStorage.clear();
});
afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("opening an encrypted database", () => {
  async function start() {
    info = LOCKED;
    core((cmd, args) => {
      if (cmd !== "open_database") return;
      if (args.password !== "巡察密码2025") throw args.password ? WRONG : { ...LOCKED.open_error };
      info = OPEN;
      return OPEN;
    });
    await router.push("/inspections");
    const w = mount(App, { global: { ...global, plugins: [ElementPlus, router], stubs: { ...global.stubs, RouterView: true } }, attachTo: document.body });
    await flushPromises();
    return w;
  }

  it("asks for the password; a wrong one is shown under the field, the right one opens it", async () => {
    const w = await start();
    await vi.waitFor(() => expect(dialogText("[data-test=unlock-dialog]")).toContain("数据库已加密，请输入密码"));
    expect(dialogText("[data-test=unlock-dialog]")).toContain(PATH);
    // Nothing typed: asked for, without calling the core.
    click("[data-test=password-ok]");
    await vi.waitFor(() => expect(dialogText("[data-test=unlock-dialog] .el-form-item__error")).toContain("请输入密码"));
    expect(called("open_database")).toEqual([]);
    typeIn("input[data-test=password-input]", "猜一个");
    click("[data-test=password-ok]");
    await vi.waitFor(() => expect(dialogText("[data-test=unlock-dialog] .el-form-item__error")).toContain("密码不正确"));
    expect(called("open_database")).toEqual([{ path: PATH, password: "猜一个" }]);
    expect(store.info?.db_path).toBeNull();
    typeIn("input[data-test=password-input]", "巡察密码2025");
    click("[data-test=password-ok]");
    await vi.waitFor(() => expect(store.info?.db_path).toBe(PATH));
    expect(called("open_database")[1]).toEqual({ path: PATH, password: "巡察密码2025" });
    expect(store.unlock).toBeNull();
    await vi.waitFor(() => expect(document.querySelector("[data-test=unlock-dialog]")).toBeNull());
    expect(w.text()).toContain("区统计局党组");
    w.unmount();
  });

  it("取消 leads to the start page, which offers the password again or another file", async () => {
    const w = await start();
    await vi.waitFor(() => expect(document.querySelector("[data-test=unlock-dialog]")).not.toBeNull());
    click("[data-test=password-cancel]");
    await flushPromises();
    expect(store.unlock).toBeNull();
    const page = w.find("[data-test=no-database]");
    expect(page.text()).toContain("已加密，需要输入密码才能打开");
    expect(page.find("[data-test=start-open]").exists()).toBe(true);
    expect(page.find("[data-test=start-create]").exists()).toBe(true);
    await page.find("[data-test=enter-password]").trigger("click");
    await vi.waitFor(() => expect(document.querySelector("[data-test=unlock-dialog]")).not.toBeNull());
    w.unmount();
  });

  it("opening another file that is encrypted asks for its password", async () => {
    info = OPEN;
    core((cmd, args) => (cmd === "open_database" && !args.password ? Promise.reject({ ...LOCKED.open_error }) : undefined));
    expect(await openFile("/media/u/其他.db")).toBe(false);
    expect(store.unlock).toBe("/media/u/其他.db");
    expect(called("open_database")).toEqual([{ path: "/media/u/其他.db", password: null }]);
  });
});

describe("数据库加密 card", () => {
  function mountCard(encrypted: boolean, reply: (pw: string | null) => unknown) {
    store.info = { ...OPEN, encrypted };
    info = store.info;
    core((cmd, args) => (cmd === "set_database_password" ? reply(args.password as string | null) : undefined));
    return mount(EncryptionCard, { global, attachTo: document.body });
  }
  const CHANGED = { encrypted: true, safety_backup: "/home/u/x.db.backups/xuncha-before-password-1.db", backups_converted: 2, backups_skipped: 0 };

  it("says what is encrypted and what is not, and that a lost password cannot be recovered", () => {
    const w = mountCard(false, () => CHANGED);
    expect(w.find("[data-test=encryption-state]").text()).toBe("未加密");
    expect(w.text()).toContain("数据库文件及其自动备份");
    expect(w.text()).toContain("佐证材料（.files 文件夹中的文件）不加密");
    expect(w.text()).toContain("密码忘记后无法找回");
    expect(w.find("input[data-test=new-password]").attributes("placeholder")).toBe("至少 6 个字符");
    w.unmount();
  });

  it("refuses two different passwords without asking the core", async () => {
    const w = mountCard(false, () => CHANGED);
    await w.find("input[data-test=new-password]").setValue("巡察密码2025");
    await w.find("input[data-test=confirm-password]").setValue("巡察密码2026");
    await w.find("[data-test=save-password]").trigger("click");
    await vi.waitFor(() => expect(w.findAll(".el-form-item")[1].text()).toContain("两次输入的密码不一致"));
    expect(called("set_database_password")).toEqual([]);
    w.unmount();
  });

  it("shows the core's refusal beside the field, then sets the password", async () => {
    const w = mountCard(false, (pw) => {
      if ((pw ?? "").length < 6) throw { code: "Validation", field: "password", message: "密码至少6个字符" };
      return CHANGED;
    });
    await w.find("input[data-test=new-password]").setValue("123");
    await w.find("input[data-test=confirm-password]").setValue("123");
    await w.find("[data-test=save-password]").trigger("click");
    await vi.waitFor(() => expect(w.findAll(".el-form-item__error")).toHaveLength(1));
    const errors = w.findAll(".el-form-item__error");
    expect(errors[0].text()).toBe("密码至少6个字符");
    expect(w.findAll(".el-form-item")[0].text()).toContain("密码至少6个字符");
    await w.find("input[data-test=new-password]").setValue("巡察密码2025");
    await w.find("input[data-test=confirm-password]").setValue("巡察密码2025");
    await w.find("[data-test=save-password]").trigger("click");
    await flushPromises();
    expect(called("set_database_password")).toEqual([{ password: "123" }, { password: "巡察密码2025" }]);
    expect(w.emitted("changed")).toHaveLength(1);
    expect(document.body.textContent).toContain("已设置密码，数据库已加密");
    await vi.waitFor(() => expect(w.findAll(".el-form-item__error")).toHaveLength(0));
    w.unmount();
  });

  it("an encrypted database: 修改密码 takes the new password twice", async () => {
    const w = mountCard(true, () => CHANGED);
    expect(w.find("[data-test=encryption-state]").text()).toBe("已加密");
    expect(w.find("input[data-test=new-password]").exists()).toBe(false);
    await w.find("[data-test=change-password]").trigger("click");
    await w.find("input[data-test=new-password]").setValue("new-secret");
    await w.find("input[data-test=confirm-password]").setValue("new-secret");
    await w.find("[data-test=save-password]").trigger("click");
    await flushPromises();
    expect(called("set_database_password")).toEqual([{ password: "new-secret" }]);
    expect(document.body.textContent).toContain("密码已修改");
    expect(w.emitted("changed")).toHaveLength(1);
    w.unmount();
  });

  it("取消加密 only after the confirmation; a refusal of the core is shown", async () => {
    let refuse = true;
    const w = mountCard(true, (pw) => {
      if (refuse) throw { code: "Conflict", field: null, message: "数据库正被另一个程序使用" };
      return { ...CHANGED, encrypted: pw !== null };
    });
    await w.find("[data-test=remove-password]").trigger("click");
    await vi.waitFor(() => expect(boxText()).toContain("不再需要密码"));
    await answerBox("不取消");
    await flushPromises();
    await new Promise((r) => setTimeout(r, 50));
    expect(called("set_database_password")).toEqual([]);
    await w.find("[data-test=remove-password]").trigger("click");
    await answerBox("取消加密");
    await vi.waitFor(() => expect(called("set_database_password")).toEqual([{ password: null }]));
    await vi.waitFor(() => expect(document.body.textContent).toContain("数据库正被另一个程序使用"));
    expect(w.emitted("changed")).toBeUndefined();
    refuse = false;
    await w.find("[data-test=remove-password]").trigger("click");
    await answerBox("取消加密");
    await vi.waitFor(() => expect(w.emitted("changed")).toHaveLength(1));
    expect(document.body.textContent).toContain("已取消加密");
    w.unmount();
  });
});

describe("restoring a backup made under an earlier password", () => {
  const OLD: AutoBackup = {
    name: "xuncha-20250520-090000.db", path: "/home/u/xuncha.db.backups/xuncha-20250520-090000.db", made_at: "2025-05-20 09:00:00", bytes: 4096, before_restore: false, before_password: false, encrypted: true, counts: null,
  };
  const KEPT: AutoBackup = { ...OLD, name: "xuncha-before-password-20250601-100000.db", made_at: "2025-06-01 10:00:00", before_password: true, encrypted: false };

  it("marks encrypted backups, asks for the backup's password and retries with it", async () => {
    store.info = { ...OPEN };
    info = store.info;
    core((cmd, args) => {
      if (cmd === "list_backups") return [KEPT, OLD];
      if (cmd === "restore_backup") {
        if (args.password === "旧密码123") return "xuncha-before-restore-20250601-120000.db";
        throw { ...WRONG, field: args.password ? "password" : null };
      }
    });
    const w = mount(BackupView, { global, attachTo: document.body });
    await flushPromises();
    const rows = w.findAll("[data-test=auto-backup-table] .el-table__body tr");
    expect(rows[0].text()).toContain("改密码前备份");
    expect(rows[0].find("[data-test=backup-encrypted]").exists()).toBe(false);
    expect(rows[1].find("[data-test=backup-encrypted]").text()).toBe("已加密");
    await rows[1].find("[data-test=restore-backup]").trigger("click");
    await answerBox("恢复");
    await vi.waitFor(() => expect(dialogText("[data-test=backup-password-dialog]")).toContain("另一个密码加密"));
    expect(called("restore_backup")).toEqual([{ name: OLD.name, password: null }]);
    typeIn("input[data-test=password-input]", "错的密码");
    click("[data-test=password-ok]");
    await vi.waitFor(() => expect(dialogText("[data-test=backup-password-dialog] .el-form-item__error")).toContain("密码不正确"));
    typeIn("input[data-test=password-input]", "旧密码123");
    click("[data-test=password-ok]");
    await vi.waitFor(() => expect(called("restore_backup")).toHaveLength(3));
    expect(called("restore_backup")[2]).toEqual({ name: OLD.name, password: "旧密码123" });
    await vi.waitFor(() => expect(document.body.textContent).toContain("已恢复到 2025-05-20 09:00:00 的备份"));
    w.unmount();
  });

  it("从备份恢复 of an encrypted file asks for its password too; 取消 restores nothing", async () => {
    store.info = { ...OPEN, encrypted: false };
    info = store.info;
    core((cmd) => (cmd === "restore_from" ? Promise.reject({ ...LOCKED.open_error, message: "数据库已加密，请输入密码（/media/u/备份.db）" }) : undefined));
    (window as unknown as { __XUNCHA_PICK__: string[] }).__XUNCHA_PICK__ = ["/media/u/备份.db"];
    const w = mount(BackupView, { global, attachTo: document.body });
    await flushPromises();
    await w.findAll("button").find((b) => b.text().includes("从备份恢复"))!.trigger("click");
    await answerBox("恢复");
    await vi.waitFor(() => expect(dialogText("[data-test=backup-password-dialog]")).toContain("所选备份文件已加密"));
    expect(dialogText("[data-test=backup-password-dialog]")).toContain("/media/u/备份.db");
    click("[data-test=password-cancel]");
    await flushPromises();
    expect(document.querySelector("[data-test=backup-password-dialog]")).toBeNull();
    expect(called("restore_from")).toEqual([{ path: "/media/u/备份.db", password: null }]);
    w.unmount();
  });
});
