// 交换 against a mocked core: a review item's values read plainly; this copy's identity is
// made under a name (a refused name shown at the field) and its file saved; copies are
// enrolled with the core's roles, listed with their numbers, sent a package under the
// suggested name, and revoked only after a confirmation; a package is previewed, then
// imported from the copy previewed, and a refused one shows the core's message; the
// review list offers 采用对方的 only where the core allows it. The page opens while the
// copy has no inspection yet, and the start page leads to it.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { enableAutoUnmount, flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import App from "../src/App.vue";
import ExchangeIdentity from "../src/components/ExchangeIdentity.vue";
import ExchangePeers from "../src/components/ExchangePeers.vue";
import ExchangeImport from "../src/components/ExchangeImport.vue";
import ExchangeReviews from "../src/components/ExchangeReviews.vue";
import { router } from "../src/router";
import { store } from "../src/store";
import { appliedText, changesText } from "../src/logic/exchange";
import type { AppInfo, ExchangePreview, PackageInfo, Peer, ReviewItem } from "../src/bindings";
import { answerBox, boxText } from "./messagebox";

const global = { plugins: [ElementPlus], stubs: { transition: false, "transition-group": false } };

const INFO: AppInfo = {
  db_path: "/home/u/巡察整改台账.db", open_error: null, locked_path: null, encrypted: false, min_password_chars: 6, operator: "张三", today: "2025-06-01", version: "0.1.0", inspections: 1, export_dir: "/home/u/导出",
};
const ME = { device_id: "3f2a9c", name: "办公室台账", algorithm: "ed25519", public_key: "ab12" };

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
const called = (cmd: string) => calls.filter((c) => c[0] === cmd).map((c) => c[1]);
function pick(...answers: string[]) {
  (window as unknown as { __XUNCHA_PICK__: string[] }).__XUNCHA_PICK__ = answers;
}

function peer(name: string, over: Partial<Peer> = {}): Peer {
  return {
    device_id: `dev-${name}`, name, algorithm: "ed25519", public_key: "00", role: "unit", unit: name,
    enrolled_at: "2025-05-01T09:00:00.000+08:00", revoked_at: null, sent_seq: 2, acked_seq: 1, received_seq: 4, ...over,
  };
}

enableAutoUnmount(afterEach);
beforeEach(() => {
  calls = [];
  store.info = { ...INFO };
  store.inspections = [{ id: 3 } as never];
  store.currentId = 3;
  store.current = { inspection: { id: 3 } as never, categories: [], deadlines: null };
});
afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("how the page words the core's values", () => {
  it("says what a package holds and what an import did", () => {
    const info = { changes: [["整改任务", 2, 1], ["整改进展", 3, 0]] } as PackageInfo;
    expect(changesText(info)).toBe("整改任务 新增 2、修改 1；整改进展 新增 3");
    expect(changesText({ changes: [] } as unknown as PackageInfo)).toBe("没有变更");
    expect(appliedText({ created: 3, edited: 1, unchanged: 2, to_review: 1 })).toBe("新增 3 条，修改 1 条，本机已有 2 条；待处理 1 项");
  });
});

describe("本机身份", () => {
  it("is made under a name; a refused name shows at the field", async () => {
    core((cmd, a) => {
      if (cmd === "exchange_identity") return null;
      if (cmd === "exchange_make_identity") {
        if (String(a.name).length > 60) throw { code: "Validation", field: "name", message: "本机名称不能超过60个字" };
        return { ...ME, name: a.name };
      }
    });
    const w = mount(ExchangeIdentity, { global });
    await flushPromises();
    expect(w.text()).toContain("本机还没有交换身份");
    const long = "办公室".repeat(21);
    await w.find("input[data-test=exchange-name]").setValue(long);
    await w.find("[data-test=exchange-make-identity]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-field=exchange-name]").text()).toContain("不能超过60个字"));
    await w.find("input[data-test=exchange-name]").setValue("办公室台账");
    await w.find("[data-test=exchange-make-identity]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-test=exchange-device-id]").exists()).toBe(true));
    expect(called("exchange_make_identity")).toEqual([{ name: long }, { name: "办公室台账" }]);
    expect(w.find("[data-test=exchange-identity-name]").text()).toBe("办公室台账");
    expect(w.find("[data-test=exchange-device-id]").text()).toBe("3f2a9c");
  });

  it("saves the identity file where the user chose and shows the file the core wrote", async () => {
    core((cmd, a) => {
      if (cmd === "exchange_identity") return ME;
      if (cmd === "exchange_write_identity") return `${a.path}.id`;
    });
    pick("/media/u/办公室台账");
    const w = mount(ExchangeIdentity, { global, attachTo: document.body });
    await flushPromises();
    await w.find("[data-test=exchange-write-identity]").trigger("click");
    await vi.waitFor(() => expect(document.body.textContent).toContain("已导出“办公室台账”的身份文件"));
    expect(argsOf("exchange_write_identity")).toEqual({ path: "/media/u/办公室台账" });
    expect(document.querySelector("[data-test=exported-path]")?.textContent).toBe("/media/u/办公室台账.id");
  });
});

describe("已登记的副本", () => {
  const PEERS = [peer("人事科"), peer("区委第三巡察组", { role: "team", unit: "", device_id: "dev-team" }), peer("财务科", { revoked_at: "2025-05-20T10:00:00.000+08:00" })];

  it("lists each copy with its role's label, unit and numbers; a revoked one offers nothing", async () => {
    core((cmd) => (cmd === "exchange_peers" ? PEERS : undefined));
    const w = mount(ExchangePeers, { global, props: { version: 0 } });
    await flushPromises();
    const rows = w.findAll("[data-test=exchange-peers-table] .el-table__body tr");
    expect(rows).toHaveLength(3);
    const cells = (i: number) => rows[i].findAll("td").map((td) => td.text());
    expect(cells(0).slice(0, 7)).toEqual(["人事科", "责任单位", "人事科", "dev-人事科", "2", "1", "4"]);
    expect(cells(1).slice(0, 3)).toEqual(["区委第三巡察组", "巡察组", ""]);
    expect(w.find("[data-test=exchange-revoked-财务科]").text()).toBe("已吊销 2025-05-20");
    expect(w.find("[data-test=exchange-export-财务科]").exists()).toBe(false);
    expect(w.find("[data-test=exchange-revoke-财务科]").exists()).toBe(false);
  });

  it("生成交换包 suggests 给〈单位〉的交换包.xcpkg in the export folder and shows what was written", async () => {
    core((cmd, a) => {
      if (cmd === "exchange_peers") return PEERS;
      if (cmd === "plugin:dialog|save") return "/media/u/给人事科的交换包.xcpkg";
      if (cmd === "exchange_export") return { to: "人事科", seq: 3, events: 12, files: 2, file: a.path };
    });
    const w = mount(ExchangePeers, { global, props: { version: 0 }, attachTo: document.body });
    await flushPromises();
    await w.find("[data-test=exchange-export-人事科]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-test=exchange-exported]").exists()).toBe(true));
    const dialog = argsOf("plugin:dialog|save") as { options: { defaultPath: string; title: string } };
    expect(dialog.options.defaultPath).toBe("/home/u/导出/给人事科的交换包.xcpkg");
    expect(dialog.options.title).toBe("生成给“人事科”的交换包");
    expect(argsOf("exchange_export")).toEqual({ deviceId: "dev-人事科", path: "/media/u/给人事科的交换包.xcpkg" });
    expect(w.find("[data-test=exchange-exported]").text()).toContain("已生成给“人事科”的第 3 号交换包：12 项变更，2 个佐证材料文件");
    expect(document.querySelector("[data-test=exported-path]")?.textContent).toBe("/media/u/给人事科的交换包.xcpkg");
    // The peers are read again: the number sent has moved on.
    expect(called("exchange_peers")).toHaveLength(2);
  });

  it("吊销 says packages from it will be refused, and revokes only when confirmed", async () => {
    core((cmd) => {
      if (cmd === "exchange_peers") return PEERS;
      if (cmd === "exchange_revoke") return { ...PEERS[0], revoked_at: "2025-06-01T10:00:00.000+08:00" };
    });
    const w = mount(ExchangePeers, { global, props: { version: 0 }, attachTo: document.body });
    await flushPromises();
    await w.find("[data-test=exchange-revoke-人事科]").trigger("click");
    await vi.waitFor(() => expect(boxText()).toContain("来自“人事科”的交换包一律不予导入"));
    await answerBox("取消");
    expect(called("exchange_revoke")).toEqual([]);
    await w.find("[data-test=exchange-revoke-人事科]").trigger("click");
    await answerBox("吊销");
    await vi.waitFor(() => expect(called("exchange_revoke")).toEqual([{ deviceId: "dev-人事科" }]));
  });

  it("登记 enrols an identity file with the role chosen; the core's refusal shows at its field", async () => {
    core((cmd, a) => {
      if (cmd === "exchange_peers") return [];
      if (cmd === "fill_in_units") return ["人事科", "财务科"];
      if (cmd === "exchange_trust") {
        if (a.role === "unit" && !a.unit) throw { code: "Validation", field: "unit", message: "登记责任单位的副本时须写明它是哪个责任单位（--unit）" };
        return peer("区委第三巡察组", { role: a.role as Peer["role"], unit: "" });
      }
    });
    const w = mount(ExchangePeers, { global, props: { version: 0 }, attachTo: document.body });
    await flushPromises();
    expect(w.text()).toContain("还没有登记任何副本");
    await w.find("[data-test=exchange-enrol-open]").trigger("click");
    await flushPromises();
    const dialog = () => document.querySelector("[data-test=exchange-enrol]") as HTMLElement;
    const click = (css: string) => (dialog().querySelector(css) as HTMLElement).click();
    // The roles are the core's labels, in its order.
    expect([...dialog().querySelectorAll(".el-radio-button")].map((b) => b.textContent)).toEqual(["巡察组", "台账管理员", "责任单位"]);
    click("[data-test=exchange-enrol-ok]");
    await vi.waitFor(() => expect(dialog().textContent).toContain("请选择对方导出的身份文件"));
    expect(called("exchange_trust")).toEqual([]);
    pick("/media/u/区委第三巡察组的身份文件.id");
    click("[data-test=exchange-enrol-pick]");
    await vi.waitFor(() => expect(dialog().querySelector("[data-test=exchange-enrol-file]")?.textContent).toBe("区委第三巡察组的身份文件.id"));
    click("[data-test=exchange-enrol-ok]");
    await vi.waitFor(() => expect(dialog().textContent).toContain("须写明它是哪个责任单位"));
    expect(argsOf("exchange_trust")).toEqual({ path: "/media/u/区委第三巡察组的身份文件.id", role: "unit", unit: "" });
    (dialog().querySelector("[data-test=exchange-role-team] input") as HTMLInputElement).click();
    await flushPromises();
    expect(dialog().querySelector("[data-test=exchange-enrol-unit]")).toBeNull();
    click("[data-test=exchange-enrol-ok]");
    await vi.waitFor(() => expect(called("exchange_trust")).toHaveLength(2));
    expect(called("exchange_trust")[1]).toEqual({ path: "/media/u/区委第三巡察组的身份文件.id", role: "team", unit: null });
    await vi.waitFor(() => expect(document.body.textContent).toContain("已登记：区委第三巡察组（巡察组）"));
    expect(called("exchange_peers")).toHaveLength(2);
  });
});

const INFO_PKG: PackageInfo = {
  from: "人事科", role: "unit", seq: 2, created_at: "2025-06-01T09:30:12.000+08:00",
  changes: [["整改进展", 2, 0], ["销号", 1, 0]], files: 1, already_imported: false,
};
const TOKEN = "/tmp/xuncha-exchange/20250601-1/人事科.xcpkg";

describe("导入交换包", () => {
  async function previewed(info: PackageInfo) {
    core((cmd) => {
      if (cmd === "exchange_preview") return { token: TOKEN, file: "人事科.xcpkg", package: info } satisfies ExchangePreview;
      if (cmd === "exchange_import") return { package: info, applied: { created: 3, edited: 0, unchanged: 0, to_review: 1 } };
    });
    pick("/media/u/人事科.xcpkg");
    const w = mount(ExchangeImport, { global });
    await w.find("[data-test=exchange-pick]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-test=exchange-preview]").exists()).toBe(true));
    return w;
  }

  it("previews from whom, which number and the changes per kind, then imports the copy previewed", async () => {
    const w = await previewed(INFO_PKG);
    expect(argsOf("exchange_preview")).toEqual({ path: "/media/u/人事科.xcpkg" });
    const p = w.find("[data-test=exchange-preview]").text();
    expect(p).toContain("来自“人事科”（责任单位）的第 2 号交换包");
    expect(p).toContain("签名和文件核验无误");
    expect(p).toContain("2025-06-01 09:30");
    expect(p).toContain("佐证材料文件 1 个");
    const rows = w.findAll("[data-test=exchange-changes] .el-table__body tr").map((r) => r.findAll("td").map((td) => td.text()));
    expect(rows).toEqual([["整改进展", "2", "0"], ["销号", "1", "0"]]);
    await w.find("[data-test=exchange-import-ok]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-test=exchange-result]").exists()).toBe(true));
    expect(argsOf("exchange_import")).toEqual({ token: TOKEN });
    const r = w.find("[data-test=exchange-result]").text();
    expect(r).toContain("已导入来自“人事科”（责任单位）的第 2 号交换包");
    expect(r).toContain("新增 3 条，修改 0 条，本机已有 0 条；待处理 1 项");
    expect(r).toContain("待处理清单");
    expect(w.emitted("imported")).toHaveLength(1);
    expect(w.find("[data-test=exchange-preview]").exists()).toBe(false);
    // The views reload: the package may have brought a whole inspection.
    const after = calls.findIndex((c) => c[0] === "exchange_import");
    expect(calls.slice(after).map((c) => c[0])).toContain("list_inspections");
  });

  it("says a package imported before was imported, and offers no import", async () => {
    const w = await previewed({ ...INFO_PKG, already_imported: true });
    expect(w.find("[data-test=exchange-already]").text()).toContain("已经导入过");
    expect(w.find("[data-test=exchange-import-ok]").attributes("disabled")).toBeDefined();
  });

  it("shows the core's refusal as it is, and no preview", async () => {
    const message = "发送方“人事科”已于 2025-05-20 被吊销，它的交换包一律不予导入";
    core((cmd) => {
      if (cmd === "exchange_preview") throw { code: "Refused", field: null, message };
    });
    pick("/media/u/人事科.xcpkg");
    const w = mount(ExchangeImport, { global });
    await w.find("[data-test=exchange-pick]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-test=exchange-error]").exists()).toBe(true));
    expect(w.find("[data-test=exchange-error]").text()).toContain(message);
    expect(w.find("[data-test=exchange-preview]").exists()).toBe(false);
    expect(called("exchange_import")).toEqual([]);
  });
});

function item(id: number, over: Partial<ReviewItem> = {}): ReviewItem {
  return {
    id, peer: "dev-team", peer_name: "区委第三巡察组", seq: 3, kind: "task", uid: `u${id}`, subject: "整改任务“修订报销制度”",
    field: "deadline", ours: '"2025-07-31"', theirs: '"2025-09-30"', base: '"2025-06-30"', reason: "双方在上次交换后都修改了这一项",
    field_label: "整改时限", ours_text: "2025年7月31日", theirs_text: "2025年9月30日", base_text: "2025年6月30日",
    received_at: "2025-06-01T10:00:00.000+08:00", resolved_at: null, resolution: "", can_take_theirs: true, ...over,
  };
}

describe("待处理清单", () => {
  it("shows ours, theirs and the last agreed value; 采用对方的 only where the core allows it", async () => {
    const refused = item(2, { field: "", field_label: "", ours: null, ours_text: "（空）", theirs: '{"state":"approved"}', theirs_text: "销号状态：已批准销号", base: null, base_text: null, reason: "责任单位的副本不能审批销号", can_take_theirs: false });
    const moved = item(4, { field: "deadline", ours: '"2027-01-26"', ours_text: "2027年1月26日", theirs: '"2027-03-31"', theirs_text: "2027年3月31日", base: null, base_text: null, reason: "责任单位的副本不能修改整改时限", can_take_theirs: false });
    core((cmd, a) => {
      if (cmd === "exchange_reviews") return a.all ? [item(1), refused, moved, item(3, { resolved_at: "2025-06-01T11:00:00.000+08:00", resolution: "theirs" })] : [item(1), refused, moved];
      if (cmd === "exchange_resolve") return item(a.id as number, { resolved_at: "x", resolution: a.how as string });
    });
    const w = mount(ExchangeReviews, { global, props: { version: 0 } });
    await flushPromises();
    expect(argsOf("exchange_reviews")).toEqual({ all: false });
    const rows = w.findAll("[data-test=exchange-reviews-table] .el-table__body tr");
    expect(rows).toHaveLength(3);
    expect(rows[0].text()).toContain("区委第三巡察组");
    expect(rows[0].text()).toContain("第 3 号包");
    expect(rows[0].text()).toContain("整改时限");
    expect(rows[0].findAll("[data-test=review-ours]")[0].text()).toBe("2025年7月31日");
    expect(rows[0].findAll("[data-test=review-theirs]")[0].text()).toBe("2025年9月30日");
    expect(rows[0].text()).toContain("2025年6月30日");
    expect(rows[1].findAll("[data-test=review-ours]")[0].text()).toBe("（空）");
    expect(rows[1].findAll("[data-test=review-theirs]")[0].text()).toBe("销号状态：已批准销号");
    expect(rows[1].text()).toContain("责任单位的副本不能审批销号");
    expect(rows[2].findAll("[data-test=review-ours]")[0].text()).toBe("2027年1月26日");
    expect(rows[2].findAll("[data-test=review-theirs]")[0].text()).toBe("2027年3月31日");
    expect(w.find("[data-test=review-theirs-1]").exists()).toBe(true);
    expect(w.find("[data-test=review-theirs-2]").exists()).toBe(false);
    expect(w.find("[data-test=review-ours-2]").exists()).toBe(true);

    await w.find("[data-test=review-theirs-1]").trigger("click");
    await vi.waitFor(() => expect(called("exchange_resolve")).toEqual([{ id: 1, how: "theirs" }]));
    // Their value is now the ledger's: the views reload.
    await vi.waitFor(() => expect(called("app_info").length).toBeGreaterThan(0));
    await w.find("[data-test=review-ours-2]").trigger("click");
    await vi.waitFor(() => expect(called("exchange_resolve")[1]).toEqual({ id: 2, how: "ours" }));

    await w.find("[data-test=exchange-reviews-all] input").setValue(true);
    await vi.waitFor(() => expect(called("exchange_reviews").at(-1)).toEqual({ all: true }));
    await vi.waitFor(() => expect(w.find("[data-test=review-resolved-3]").exists()).toBe(true));
    expect(w.find("[data-test=review-resolved-3]").text()).toBe("已采用对方的");
  });
});

describe("the 交换 page without an inspection", () => {
  it("opens instead of the start page: a new copy gets its first inspection from a package", async () => {
    store.inspections = [];
    store.currentId = null;
    store.current = null;
    core((cmd) => {
      if (cmd === "list_inspections") return [];
      if (cmd === "get_preferences") return { operator: "张三", strict_directory: false };
    });
    const mountApp = async (path: string) => {
      await router.push(path);
      const w = mount(App, { global: { ...global, plugins: [ElementPlus, router], stubs: { ...global.stubs, RouterView: true } }, attachTo: document.body });
      await flushPromises();
      return w;
    };
    let w = await mountApp("/exchange");
    expect(w.find("[data-test=start-demo]").exists()).toBe(false);
    expect(w.find("[data-nav=exchange]").text()).toBe("交换");
    w.unmount();
    w = await mountApp("/inspections");
    expect(w.find("[data-test=start-demo]").exists()).toBe(true);
    // The start page leads there too.
    await w.find("[data-test=start-exchange]").trigger("click");
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe("/exchange"));
    await flushPromises();
    expect(w.find("[data-test=start-demo]").exists()).toBe(false);
  });
});
