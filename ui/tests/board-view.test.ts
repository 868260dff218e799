// The board view against a mocked core: search, chips, pickers, pages and the drawer work
// on rows kept raw (not reactive) for speed.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { isReactive } from "vue";
import ElementPlus from "element-plus";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import BoardView from "../src/views/BoardView.vue";
import { store } from "../src/store";
import type { BoardRow, Task } from "../src/bindings";

const global = { plugins: [ElementPlus], stubs: { transition: false, "transition-group": false, TaskDrawer: true } };

function row(n: number, over: Partial<Task> = {}, pending = false): BoardRow {
  const task = {
    id: n, finding_id: 1, seq: n, measure: `整改措施${n}：开展专项检查`, goal: "整改到位", acceptance: "", deadline_kind: "date",
    deadline: "2025-06-30", milestones: [], status: "in_progress", lead_leader: "", responsible_leader: "", lead_unit: `单位${n % 3}`,
    responsible_units: [], responsible_person: `责任人${n % 5}`, note: "", overdue: false, warning: null, days_left: 30,
    created_at: "", updated_at: "", ...over,
  } as Task;
  return {
    task, finding_seq: n, finding_number: `（二）${n}`, inspection_id: 3, finding_title: `第${n}个问题`, category_id: 1,
    category: "类别", close_out_pending: pending, letter: null,
  };
}

beforeEach(() => {
  store.currentId = 3;
  store.current = { inspection: { id: 3 } as never, categories: [{ id: 1, seq: 2, name: "类别" } as never], deadlines: null };
});
afterEach(() => clearMocks());

async function board(rows: BoardRow[]) {
  mockIPC((cmd) => (cmd === "board" ? rows : null));
  const w = mount(BoardView, { global });
  await flushPromises();
  return w;
}
const bodyRows = (w: Awaited<ReturnType<typeof board>>) => w.findAll("[data-test=board-table] .el-table__body tr.el-table__row");

describe("board view", () => {
  it("says it is loading without Element Plus's loading directive, which leaks", async () => {
    let answer: (rows: BoardRow[]) => void = () => {};
    mockIPC((cmd) => (cmd === "board" ? new Promise<BoardRow[]>((r) => (answer = r)) : null));
    const w = mount(BoardView, { global });
    await flushPromises();
    expect(w.text()).toContain("正在载入任务…");
    expect(w.find("[data-test=board-count]").exists()).toBe(false);
    expect(w.find(".card.busy").attributes("aria-busy")).toBe("true");
    expect(document.querySelector(".el-loading-mask")).toBeNull();
    answer([row(1), row(2)]);
    await flushPromises();
    expect(w.text()).not.toContain("正在载入任务…");
    expect(w.find("[data-test=board-count]").text()).toContain("筛选出 2 项");
    expect(w.find(".card.busy").exists()).toBe(false);
    w.unmount();
  });

  it("shows one page of 50 rows and pages through the rest", async () => {
    const w = await board(Array.from({ length: 120 }, (_, i) => row(i)));
    expect(w.find("[data-test=board-count]").text()).toContain("筛选出 120 项");
    expect(bodyRows(w)).toHaveLength(50);
    expect(w.find(".el-pagination").exists()).toBe(true);
    await w.find(".el-pagination .btn-next").trigger("click");
    await flushPromises();
    expect(bodyRows(w)[0].text()).toContain("整改措施50：");
  });

  it("searches as the user types and goes back to the first page", async () => {
    const w = await board(Array.from({ length: 120 }, (_, i) => row(i)));
    await w.find(".el-pagination .btn-next").trigger("click");
    await w.find("input[data-test=board-search]").setValue("措施11");
    await flushPromises();
    expect(w.find("[data-test=board-count]").text()).toContain("筛选出 11 项");
    const texts = bodyRows(w).map((r) => r.text());
    expect(texts).toHaveLength(11);
    expect(texts.every((t) => t.includes("措施11"))).toBe(true);
    await w.find("input[data-test=board-search]").setValue("");
    await flushPromises();
    expect(w.find("[data-test=board-count]").text()).toContain("筛选出 120 项");
    expect(bodyRows(w)[0].text()).toContain("整改措施0：");
  });

  it("keeps the chips' counts while filtering, and filters by a chip", async () => {
    const w = await board([row(1, { overdue: true, days_left: -2, warning: "red" }), row(2), row(3, { status: "closed" })]);
    const chips = () => w.find(".chips").text();
    expect(chips()).toContain("1 逾期");
    await w.find("input[data-test=board-search]").setValue("措施2");
    await flushPromises();
    expect(w.find("[data-test=board-count]").text()).toContain("筛选出 1 项");
    expect(chips()).toContain("1 逾期");
    expect(chips()).toContain("3 全部任务");
    await w.find("input[data-test=board-search]").setValue("");
    await w.findAll(".chip").find((c) => c.text().includes("已销号"))!.trigger("click");
    expect(w.find("[data-test=board-count]").text()).toContain("筛选出 1 项");
    expect(w.text()).toContain("措施3");
  });

  it("draws status tags, the close-out flag, warnings and days left", async () => {
    const w = await board([
      row(1, { overdue: true, days_left: -2, days_left_text: "逾期2天", warning: "red" }),
      row(2, { warning: "yellow", days_left: 5, days_left_text: "剩5天" }, true),
      row(3, { status: "closed", days_left: -9, days_left_text: "" }),
    ]);
    const [r1, r2, r3] = bodyRows(w);
    expect(r1.classes()).toContain("warn-red");
    expect(r1.text()).toContain("逾期2天");
    expect(r1.find(".el-tag.el-tag--primary").text()).toBe("正在推进");
    expect(r2.classes()).toContain("warn-yellow");
    expect(r2.find(".el-tag--danger.el-tag--plain").text()).toBe("待审批销号");
    expect(r3.text()).toContain("已销号");
    expect(r3.text()).not.toContain("逾期");
    expect(r1.text()).toContain("（二）1");
  });

  it("opens the task's drawer on a click and keeps the rows raw", async () => {
    const w = await board([row(1), row(2)]);
    await bodyRows(w)[1].trigger("click");
    expect(w.findComponent({ name: "TaskDrawer" }).props("taskId")).toBe(2);
    const vm = w.vm as unknown as { shown: BoardRow[] };
    expect(vm.shown.map((r) => r.task.id)).toEqual([1, 2]);
    expect(isReactive(vm.shown[0])).toBe(false);
    expect(isReactive(vm.shown[0].task)).toBe(false);
  });
});
