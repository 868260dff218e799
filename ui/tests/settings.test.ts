// 设置: the preferences are read from and saved through the core; a refused value is shown
// beside its field and nothing typed is lost. The task drawer offers only the statuses the
// core says the task may move to, and voids a 督办 letter with a reason.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import SettingsView from "../src/views/SettingsView.vue";
import TaskDrawer from "../src/components/TaskDrawer.vue";
import { store } from "../src/store";
import type { Preferences, SupervisionLetter, TaskDetail } from "../src/bindings";
import { answerBox, boxButton, boxText, openBoxes } from "./messagebox";

const global = { plugins: [ElementPlus] };
let calls: [string, unknown][] = [];
beforeEach(() => {
  calls = [];
  store.info = { db_path: "/home/u/xuncha.db", operator: "张三" } as never;
});
afterEach(() => clearMocks());

describe("settings page", () => {
  it("shows the stored preferences and saves them", async () => {
    let stored: Preferences = { operator: "张三", strict_directory: false };
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "get_preferences") return stored;
      if (cmd === "save_preferences") {
        const p = (args as { prefs: Preferences }).prefs;
        if (!p.operator.trim()) throw { code: "Validation", field: "operator", message: "操作人不能为空" };
        stored = { ...p, operator: p.operator.trim() };
        return stored;
      }
      if (cmd === "app_info") return store.info;
      return null;
    });
    const w = mount(SettingsView, { global });
    await flushPromises();
    const input = w.find<HTMLInputElement>("input[data-test=settings-operator]");
    expect(input.element.value).toBe("张三");

    await input.setValue("  ");
    await w.find("[data-test=settings-save]").trigger("click");
    await vi.waitFor(() => expect(w.text()).toContain("操作人不能为空"));
    expect(input.element.value).toBe("  ");

    await input.setValue("李明华");
    await w.find("[data-test=settings-strict]").trigger("click");
    await w.find("[data-test=settings-save]").trigger("click");
    await vi.waitFor(() => expect(stored).toEqual({ operator: "李明华", strict_directory: true }));
    await vi.waitFor(() => expect(w.text()).not.toContain("操作人不能为空"));
  });
});

describe("task drawer status choices", () => {
  it("offers exactly the core's next statuses", async () => {
    mockWindows("main");
    (window as unknown as Record<string, unknown>).__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener: () => {} };
    const detail = {
      task: { id: 5, seq: 1, measure: "措施", goal: "", status: "completed", milestones: [], deadline_kind: "date", deadline: null,
        responsible_units: [], warning: null, days_left: null } as never,
      finding: { id: 1, seq: 2, title: "问题" } as never,
      progress: [], evidence: [], follow_ups: [], close_outs: [], reopenings: [], letters: [], dual_review: false, review_step: null,
      next_statuses: ["in_progress", "long_term"],
    } satisfies TaskDetail;
    mockIPC((cmd) => {
      if (cmd === "plugin:event|listen") return 1;
      if (cmd === "task_detail") return detail;
      return null;
    });
    const w = mount(TaskDrawer, { props: { taskId: null }, global, attachTo: document.body });
    await w.setProps({ taskId: 5 });
    const select = () => document.querySelector<HTMLElement>("[data-test=progress-status]");
    await vi.waitFor(() => expect(select()).not.toBeNull());
    select()!.click();
    await flushPromises();
    const items = [...document.querySelectorAll(".el-select-dropdown__item")].map((e) => e.textContent?.trim());
    expect(items).toEqual(["正在推进", "长期坚持"]);
    w.unmount();
  });
});

describe("task drawer letters", () => {
  it("voids a letter with the reason asked for, and shows it voided", async () => {
    mockWindows("main");
    (window as unknown as Record<string, unknown>).__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener: () => {} };
    const letter = {
      id: 7, inspection_id: 1, task_id: 5, kind: "notice", year: 2026, number: 3, number_text: "〔2026〕3号",
      issued_on: "2026-12-01", issued_by: "张三", due_on: "2026-11-20", days_left: -11, reply_by: "2026-12-08",
      subject: "（一）1 措施", voided_on: null as string | null, void_reason: "",
    } satisfies SupervisionLetter;
    const detail = {
      task: { id: 5, seq: 1, measure: "措施", goal: "", status: "in_progress", milestones: [], deadline_kind: "date", deadline: null,
        responsible_units: [], warning: null, days_left: null } as never,
      finding: { id: 1, seq: 2, title: "问题" } as never,
      progress: [], evidence: [], follow_ups: [], close_outs: [], reopenings: [], letters: [letter], dual_review: false, review_step: null,
      next_statuses: ["completed"],
    } satisfies TaskDetail;
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "plugin:event|listen") return 1;
      if (cmd === "task_detail") return structuredClone(detail);
      if (cmd === "void_letter") {
        const { reason } = args as { id: number; reason: string };
        Object.assign(letter, { voided_on: "2026-12-06", void_reason: reason });
        return letter;
      }
      return null;
    });
    const w = mount(TaskDrawer, { props: { taskId: null }, global, attachTo: document.body });
    await w.setProps({ taskId: 5 });
    const button = () => document.querySelector<HTMLElement>("[data-test=void-letter-7]");
    await vi.waitFor(() => expect(button()).not.toBeNull());
    button()!.click();
    // An empty reason is refused in the box; a reason voids the letter.
    await vi.waitFor(() => expect(boxText()).toContain("作废〔2026〕3号"));
    const input = openBoxes().at(-1)!.querySelector<HTMLInputElement>("input")!;
    input.value = "  ";
    input.dispatchEvent(new Event("input"));
    boxButton("作废").click();
    await vi.waitFor(() => expect(boxText()).toContain("请说明作废原因"));
    expect(calls.some(([c]) => c === "void_letter")).toBe(false);
    const again = openBoxes().at(-1)!.querySelector<HTMLInputElement>("input")!;
    again.value = "已整改到位，函件发错";
    again.dispatchEvent(new Event("input"));
    await answerBox("作废");
    await vi.waitFor(() => expect(calls.find(([c]) => c === "void_letter")?.[1]).toEqual({ id: 7, reason: "已整改到位，函件发错" }));
    await vi.waitFor(() => expect(document.querySelector("[data-test=task-letters]")?.textContent).toContain("作废：已整改到位，函件发错"));
    expect(button()).toBeNull();
    w.unmount();
  });
});
