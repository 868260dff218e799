// 销号 in the task drawer: which form fits which state (one 审批, or 双审核's 初审 then
// 终审), how each request's reviews read, and that the review names the step it showed.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import CloseOutSection from "../src/components/CloseOutSection.vue";
import { closeOutActions, stepsOf } from "../src/logic/closeout";
import { store } from "../src/store";
import type { CloseOut, ReviewStep, Status, TaskDetail } from "../src/bindings";

const global = { plugins: [ElementPlus], stubs: { transition: false, "transition-group": false } };

function closeOut(over: Partial<CloseOut>): CloseOut {
  return {
    id: 1, task_id: 5, requested_on: "2025-05-01", requested_by: "钱卫东", summary: "整改到位", state: "requested",
    reviewed_on: null, approvers: [], verdict: "", first_reviewed_on: null, first_reviewers: [], first_opinion: "", ...over,
  };
}

function detail(status: Status, step: ReviewStep | null, dual: boolean, close_outs: CloseOut[] = []): TaskDetail {
  return {
    task: { id: 5, status } as never,
    finding: { id: 1 } as never,
    progress: [], evidence: [], follow_ups: [], close_outs, reopenings: [], letters: [], dual_review: dual, review_step: step,
    next_statuses: [],
  };
}

describe("close-out actions", () => {
  it.each([
    // status, pending step, dual → request, review step, reopen
    ["in_progress", null, false, false, null, false],
    ["completed", null, false, true, null, false],
    ["completed", null, true, true, null, false],
    ["completed", "single", false, false, "single", false],
    ["completed", "first", true, false, "first", false],
    ["completed", "final", true, false, "final", false],
    // Dual review switched off while a request was past its first review: still final.
    ["completed", "final", false, false, "final", false],
    ["closed", null, true, false, null, true],
  ] as const)("%s with %s pending (dual %s)", (status, step, dual, request, review, reopen) => {
    const a = closeOutActions(detail(status, step, dual));
    expect(a.request).toBe(request);
    expect(a.review?.step ?? null).toBe(review);
    expect(a.reopen).toBe(reopen);
    expect(a.hint !== "").toBe(dual);
  });

  it("words each step for who signs it", () => {
    expect(closeOutActions(detail("completed", "first", true)).review).toMatchObject({ who: "初审人", submit: "提交初审" });
    expect(closeOutActions(detail("completed", "final", true)).review).toMatchObject({ who: "终审人", submit: "提交终审" });
    expect(closeOutActions(detail("completed", "single", false)).review).toMatchObject({ who: "审批人", submit: "提交审批" });
  });
});

describe("close-out steps", () => {
  it("a single review is one step", () => {
    const s = stepsOf(closeOut({ state: "approved", reviewed_on: "2025-05-03", approvers: ["李四"], verdict: "同意" }), false);
    expect(s).toEqual([{ step: "single", label: "审批", state: "done", who: "李四", on: "2025-05-03", opinion: "同意" }]);
  });

  it("under dual review a new request waits for the first review, the final not reached", () => {
    const s = stepsOf(closeOut({}), true);
    expect(s.map((x) => [x.label, x.state])).toEqual([["初审", "waiting"], ["终审", "not_reached"]]);
  });

  it("after the first review the final one is waiting, with who signed the first", () => {
    const s = stepsOf(closeOut({ state: "first_approved", first_reviewed_on: "2025-05-02", first_reviewers: ["王建国"], first_opinion: "属实" }), true);
    expect(s[0]).toMatchObject({ state: "done", who: "王建国", on: "2025-05-02", opinion: "属实" });
    expect(s[1]).toMatchObject({ state: "waiting", who: "" });
  });

  it("both reviews done; a first-review rejection never reaches the final", () => {
    const both = stepsOf(closeOut({ state: "approved", first_reviewed_on: "2025-05-02", first_reviewers: ["王建国"], reviewed_on: "2025-05-04", approvers: ["赵副区长"] }), false);
    expect(both.map((x) => [x.label, x.state, x.who])).toEqual([["初审", "done", "王建国"], ["终审", "done", "赵副区长"]]);
    const back = stepsOf(closeOut({ state: "rejected", first_reviewed_on: "2025-05-02", first_reviewers: ["王建国"], first_opinion: "佐证不足" }), true);
    expect(back.map((x) => x.state)).toEqual(["rejected", "not_reached"]);
    const finalBack = stepsOf(closeOut({ state: "rejected", first_reviewed_on: "2025-05-02", reviewed_on: "2025-05-04", verdict: "未到位" }), true);
    expect(finalBack.map((x) => x.state)).toEqual(["done", "rejected"]);
  });
});

describe("close-out section", () => {
  let calls: [string, unknown][];
  beforeEach(() => {
    calls = [];
    store.current = { inspection: { id: 3, org_secretary: "王建国" } as never, categories: [], deadlines: null };
  });
  afterEach(() => clearMocks());

  it("offers the first review with the unit's principal, shows both steps, and names the step it submits", async () => {
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "review_close_out") return closeOut({ state: "first_approved" });
    });
    const w = mount(CloseOutSection, { props: { detail: detail("completed", "first", true, [closeOut({})]) }, global });
    await flushPromises();
    expect(w.find("[data-test=review-form]").attributes("data-step")).toBe("first");
    expect(w.find("[data-test=review-form]").text()).toContain("初审（被巡察单位主要负责人）");
    expect(w.find("[data-test=closeout-step-first]").text()).toContain("待审核");
    expect(w.find("[data-test=closeout-step-final]").text()).toContain("未开始");
    expect(w.find("[data-test=request-closeout]").exists()).toBe(false);
    await w.find("[data-test=approve-closeout]").trigger("click");
    await vi.waitFor(() => expect(calls.length).toBe(1));
    expect(calls[0]).toEqual(["review_close_out", { taskId: 5, review: { approve: true, approvers: ["王建国"], verdict: "", on: null, step: "first" } }]);
    await flushPromises();
    expect(w.emitted("changed")).toHaveLength(1);
  });

  it("shows the core's error next to the reviewers and keeps the form", async () => {
    mockIPC((cmd) => {
      if (cmd === "review_close_out") throw { code: "Validation", field: "approvers", message: "“王建国”已作初审：双审核的终审须由另一位领导（上级分管领导）签字" };
    });
    const first = closeOut({ state: "first_approved", first_reviewed_on: "2025-05-02", first_reviewers: ["王建国"] });
    const w = mount(CloseOutSection, { props: { detail: detail("completed", "final", true, [first]) }, global });
    await flushPromises();
    expect(w.find("[data-test=review-form]").text()).toContain("终审（上级分管领导）");
    expect(w.find("[data-test=closeout-step-first]").text()).toContain("王建国");
    await w.find("[data-test=approve-closeout]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-test=review-form] .el-form-item__error").exists()).toBe(true));
    expect(w.find("[data-test=review-form] .el-form-item__error").text()).toContain("已作初审");
    expect(w.emitted("changed")).toBeUndefined();
  });
});
