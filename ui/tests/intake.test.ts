// The intake form against a mocked core: Enter moves on, Ctrl+Enter saves and starts the
// next problem keeping the category, a validation error shows next to its field and keeps
// what was typed, and the draft survives a remount.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import FindingsTab from "../src/components/FindingsTab.vue";
import { store } from "../src/store";

type Call = { cmd: string; args: Record<string, unknown> };
let calls: Call[];
let findings: unknown[];

beforeEach(() => {
  localStorage.clear();
  calls = [];
  findings = [];
  store.currentId = 7;
  store.current = {
    inspection: { id: 7 } as never,
    categories: [
      { id: 71, inspection_id: 7, seq: 1, name: "贯彻落实党的理论和路线方针政策及党中央重大决策部署方面" },
      { id: 72, inspection_id: 7, seq: 2, name: "落实全面从严治党主体责任和监督责任方面" },
    ],
    deadlines: null,
  };
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> });
    if (cmd === "list_findings") return findings;
    if (cmd === "add_finding") {
      const input = (args as { input: { title: string; manifestation: string } }).input;
      if (!input.title.trim()) throw { code: "Validation", field: "title", message: "反馈问题不能为空" };
      if (!input.manifestation.trim()) throw { code: "Validation", field: "manifestation", message: "具体表现不能为空" };
      const f = { id: findings.length + 1, seq: findings.length + 1, ...input, tasks: [], status: "not_started" };
      findings.push(f);
      return f;
    }
    throw new Error(`unexpected command ${cmd}`);
  });
});
afterEach(() => clearMocks());

const mountTab = () => mount(FindingsTab, { global: { plugins: [ElementPlus], stubs: { transition: false, "transition-group": false } }, attachTo: document.body });
const key = (el: Element, init: KeyboardEventInit) => el.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init }));

describe("finding intake", () => {
  it("moves on with Enter and saves with Ctrl+Enter, keeping the category", async () => {
    const w = mountTab();
    await flushPromises();
    const title = w.find('[data-field="title"] input');
    const text = w.find('[data-field="manifestation"] textarea');
    await title.setValue("财务管理制度执行不严格");
    (title.element as HTMLInputElement).focus();
    key(title.element, { key: "Enter" });
    expect(document.activeElement).toBe(text.element);
    await text.setValue("部分支出报销手续不全。");
    key(text.element, { key: "Enter", ctrlKey: true });
    await flushPromises();
    const add = calls.find((c) => c.cmd === "add_finding");
    expect(add?.args.input).toMatchObject({ inspection_id: 7, category_id: 71, title: "财务管理制度执行不严格", manifestation: "部分支出报销手续不全。", nature: "common" });
    // Ready for the next one: title and text cleared, category kept, focus on the title.
    expect((title.element as HTMLInputElement).value).toBe("");
    expect((text.element as HTMLTextAreaElement).value).toBe("");
    expect(document.activeElement).toBe(title.element);
    expect(calls.filter((c) => c.cmd === "list_findings").length).toBe(2);
    w.unmount();
  });

  it("shows the error next to its field and keeps what was typed", async () => {
    const w = mountTab();
    await flushPromises();
    await w.find('[data-field="title"] input').setValue("标题");
    await w.find('[data-test="save-finding"]').trigger("click");
    await flushPromises();
    // Element Plus shows a field's error after a 100 ms debounce.
    await new Promise((r) => setTimeout(r, 150));
    const item = w.find('[data-field="manifestation"]');
    expect(item.find(".el-form-item__error").text()).toBe("具体表现不能为空");
    expect(w.find('[data-field="title"] .el-form-item__error').exists()).toBe(false);
    expect((w.find('[data-field="title"] input').element as HTMLInputElement).value).toBe("标题");
    w.unmount();
  });

  it("autosaves the draft and restores it", async () => {
    const w = mountTab();
    await flushPromises();
    await w.find('[data-field="title"] input').setValue("未写完的问题");
    await flushPromises();
    w.unmount();
    const again = mountTab();
    await flushPromises();
    expect((again.find('[data-field="title"] input').element as HTMLInputElement).value).toBe("未写完的问题");
    again.unmount();
  });
});
