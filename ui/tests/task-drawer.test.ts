// The task drawer's native drag-and-drop listener is released whenever the drawer goes,
// even when it goes before the listener was in place (it would keep the drawer alive).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import TaskDrawer from "../src/components/TaskDrawer.vue";

let calls: string[] = [];
beforeEach(() => {
  calls = [];
  mockWindows("main");
  (window as unknown as Record<string, unknown>).__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener: () => {} };
  mockIPC((cmd) => {
    calls.push(cmd);
    return cmd === "plugin:event|listen" ? 1 : null;
  });
});
afterEach(() => clearMocks());

/** Lets the drawer's dynamic import and the listen call settle. */
const settle = async () => {
  for (let i = 0; i < 5; i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 10));
  }
};
/** Listeners registered and released (drag and drop is four events: enter, over, drop, leave). */
const count = () => ({
  listen: calls.filter((c) => c === "plugin:event|listen").length,
  unlisten: calls.filter((c) => c === "plugin:event|unlisten").length,
});

describe("task drawer", () => {
  it("listens for dropped files while open and stops when it goes", async () => {
    const w = mount(TaskDrawer, { props: { taskId: null }, global: { plugins: [ElementPlus] } });
    await settle();
    expect(count()).toEqual({ listen: 4, unlisten: 0 });
    w.unmount();
    await settle();
    expect(count()).toEqual({ listen: 4, unlisten: 4 });
  });

  it("stops listening when it goes before the listener was in place", async () => {
    const w = mount(TaskDrawer, { props: { taskId: null }, global: { plugins: [ElementPlus] } });
    w.unmount();
    await settle();
    expect(count()).toEqual({ listen: 4, unlisten: 4 });
  });
});
