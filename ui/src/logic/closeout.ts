// 销号 in the task drawer: what to show for a task's close-out requests and which form
// fits the current state. The core decides the step a pending request waits for
// (`review_step`: one 审批, or under 双审核 初审 then 终审); this only turns it into labels.
import type { CloseOut, ReviewStep, TaskDetail } from "../bindings";
import { CLOSE_OUT_STATE_LABELS, REVIEW_STEP_LABELS } from "../bindings";

/** How one review step of a request stands. */
export type StepState = "done" | "rejected" | "waiting" | "not_reached";

export interface StepView {
  step: ReviewStep;
  label: string;
  state: StepState;
  /** Who signed, joined with 、. */
  who: string;
  on: string | null;
  opinion: string;
}

export const STEP_LABEL = REVIEW_STEP_LABELS;
export const STEP_STATE: Record<StepState, string> = { done: "通过", rejected: "退回", waiting: "待审核", not_reached: "未开始" };
export const CLOSE_OUT_STATE = CLOSE_OUT_STATE_LABELS;

/** Whether a request is (or was) reviewed twice: it has a first review, or it is waiting
 * for one under 双审核. */
export function isDual(c: CloseOut, dualReview: boolean): boolean {
  return c.first_reviewed_on !== null || c.state === "first_approved" || (c.state === "requested" && dualReview);
}

/** The review steps of one request, in order, with who signed when and what they said. */
export function stepsOf(c: CloseOut, dualReview: boolean): StepView[] {
  const final = {
    who: c.approvers.join("、"),
    on: c.reviewed_on,
    opinion: c.verdict,
  };
  const finalState = (): StepState =>
    c.reviewed_on !== null ? (c.state === "approved" ? "done" : "rejected") : "waiting";
  if (!isDual(c, dualReview)) {
    return [{ step: "single", label: STEP_LABEL.single, state: finalState(), ...final }];
  }
  const firstDone = c.first_reviewed_on !== null;
  const firstRejected = firstDone && c.state === "rejected" && c.reviewed_on === null;
  const first: StepView = {
    step: "first",
    label: STEP_LABEL.first,
    state: !firstDone ? "waiting" : firstRejected ? "rejected" : "done",
    who: c.first_reviewers.join("、"),
    on: c.first_reviewed_on,
    opinion: c.first_opinion,
  };
  const last: StepView = {
    step: "final",
    label: STEP_LABEL.final,
    state: !firstDone || firstRejected ? "not_reached" : finalState(),
    ...final,
  };
  return [first, last];
}

/** The wording of the review form for a step. */
export interface ReviewForm {
  step: ReviewStep;
  title: string;
  who: string;
  placeholder: string;
  opinion: string;
  approve: string;
  submit: string;
  /** Message after approving. */
  approved: string;
}

const FORMS: Record<ReviewStep, ReviewForm> = {
  single: {
    step: "single", title: "审批", who: "审批人", placeholder: "验收、审核签字人员，输入后回车",
    opinion: "验收意见", approve: "同意销号", submit: "提交审批", approved: "已批准销号",
  },
  first: {
    step: "first", title: "初审（被巡察单位主要负责人）", who: "初审人", placeholder: "被巡察单位主要负责人，输入后回车",
    opinion: "初审意见", approve: "初审通过", submit: "提交初审", approved: "初审通过，等待终审",
  },
  final: {
    step: "final", title: "终审（上级分管领导）", who: "终审人", placeholder: "上级分管领导（不能是初审人），输入后回车",
    opinion: "终审意见", approve: "同意销号", submit: "提交终审", approved: "终审通过，已销号",
  },
};

/** What the close-out section offers for the task as it stands. */
export interface CloseOutActions {
  /** 提请销号: a completed task with no request waiting. */
  request: boolean;
  /** The review the waiting request needs, if any. */
  review: ReviewForm | null;
  /** 重新打开: a closed task. */
  reopen: boolean;
  /** A line explaining 双审核 beside the request form. */
  hint: string;
}

export function closeOutActions(d: Pick<TaskDetail, "task" | "review_step" | "dual_review">): CloseOutActions {
  const status = d.task.status;
  return {
    request: status === "completed" && d.review_step === null,
    review: d.review_step !== null ? FORMS[d.review_step] : null,
    reopen: status === "closed",
    hint: d.dual_review ? "本次巡察实行双审核：提请后先由被巡察单位主要负责人初审，再由上级分管领导终审，终审通过即销号。" : "",
  };
}
