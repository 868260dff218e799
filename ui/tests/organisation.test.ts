// 整改组织 and the document options of issue 13: the meeting, the secretary's actions, the
// leading group and the 版头/版记 are read from and saved through the core (what the user
// typed stays when the core refuses it, the message beside its field), and the export page
// shows the plan's lists, the 签字背书 page and the notice's 公开版 only where the core's
// catalog says they apply, and sends them as switched.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ExportView from "../src/views/ExportView.vue";
import OrganisationView from "../src/views/OrganisationView.vue";
import MeetingsTab from "../src/components/MeetingsTab.vue";
import SecretaryTab from "../src/components/SecretaryTab.vue";
import LeadingGroupTab from "../src/components/LeadingGroupTab.vue";
import LetterheadTab from "../src/components/LetterheadTab.vue";
import { store } from "../src/store";
import type { DocumentInfo, DocumentKind, LeadingGroup, Letterhead, RectificationMeeting, SecretaryAction } from "../src/bindings";

const global = { plugins: [ElementPlus], stubs: { transition: false, "transition-group": false, DocumentEditor: true, ImportPanel: true, FillInExportCard: true } };

/** The catalog as the core describes it (`app::exports::DocumentKind::info`). */
function doc(kind: DocumentKind, title: string, over: Partial<DocumentInfo> = {}): DocumentInfo {
  return {
    kind, title, file_name: title, description: "", formats: ["pdf", "docx"], public: false, template: false,
    editable: true, lists: false, endorsement: false, letterhead: true, issues_letters: false, per_task: false, ...over,
  };
}
const CATALOG: DocumentInfo[] = [
  doc("ledger", "整改台账", { formats: ["xlsx", "pdf"], public: true, template: true, editable: false, letterhead: false }),
  doc("feedback", "巡察反馈意见"),
  doc("plan", "整改方案", { lists: true }),
  doc("status_report", "整改情况报告", { endorsement: true }),
  doc("principal_report", "主要负责人组织落实整改情况报告", { endorsement: true }),
  doc("notice", "整改情况通报", { public: true }),
];

let calls: [string, Record<string, unknown>][];
function core(extra: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined) {
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, a]);
    const r = extra(cmd, a);
    if (r !== undefined) return r;
    if (cmd === "export_catalog") return CATALOG;
    if (cmd === "list_ledger_templates") return [];
    if (cmd === "list_directory") return [{ id: 1, kind: "person", name: "李明华", position: "", unit: "" }, { id: 2, kind: "person", name: "张秀英", position: "", unit: "" }];
    if (cmd === "app_info") return store.info;
    if (cmd === "export") return { path: String(a.path), format: a.format, bytes: 1, what: "x", inspections: [3], findings: 0, tasks: 0, leads: 0, leads_transferred: 0 };
    return null;
  });
}
const argsOf = (cmd: string) => calls.filter((c) => c[0] === cmd).map((c) => c[1]);

beforeEach(() => {
  calls = [];
  store.info = { today: "2025-06-01", export_dir: null } as never;
  store.currentId = 3;
  store.current = {
    inspection: { id: 3, org_secretary: "王建国", unit_name: "区统计局", inspected_org: "区统计局党组", meeting_due_months: 1 } as never,
    categories: [], deadlines: { plan_due: "2025-04-10", meeting_due: "2025-04-20", report_due: "2025-06-20" },
  };
});
afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

/** Picks `text` in the open Element Plus select list (rendered into the body). */
async function pickOption(text: string, popper = "") {
  await vi.waitFor(() => {
    const item = [...document.querySelectorAll<HTMLElement>(`${popper} .el-select-dropdown__item`)].find((e) => e.textContent?.trim() === text);
    expect(item, `option ${text}`).toBeDefined();
    item!.click();
  });
  await flushPromises();
}

describe("export page options from the catalog", () => {
  function pick(path: string) {
    (window as unknown as { __XUNCHA_PICK__: string[] }).__XUNCHA_PICK__ = [path];
  }

  it("shows each switch only on the documents the catalog allows it for", async () => {
    core();
    const w = mount(ExportView, { global });
    await flushPromises();
    const has = (t: string) => w.find(`[data-test=${t}]`).exists();
    expect(has("problem-list-plan") && has("responsibility-list-plan")).toBe(true);
    expect(has("endorsement-status_report") && has("endorsement-principal_report")).toBe(true);
    expect(has("public-notice") && has("public-ledger")).toBe(true);
    for (const kind of ["ledger", "feedback", "status_report", "principal_report", "notice"]) {
      expect(has(`problem-list-${kind}`), kind).toBe(false);
    }
    for (const kind of ["ledger", "feedback", "plan", "notice"]) expect(has(`endorsement-${kind}`), kind).toBe(false);
    for (const kind of ["feedback", "plan", "principal_report"]) expect(has(`public-${kind}`), kind).toBe(false);
  });

  it("sends the plan's lists, the 签字背书 page and the notice's 公开版 as switched", async () => {
    core();
    const w = mount(ExportView, { global });
    await flushPromises();
    const run = async (button: string, path: string) => {
      calls = [];
      pick(path);
      await w.find(`[data-test=${button}]`).trigger("click");
      await vi.waitFor(() => expect(argsOf("export")).toHaveLength(1));
      await flushPromises();
      return argsOf("export")[0];
    };
    // Off by default.
    expect((await run("export-plan-pdf", "/home/u/整改方案.pdf")).options).toMatchObject({ problem_list: false, responsibility_list: false, endorsement: false });
    await w.find("[data-test=problem-list-plan]").trigger("click");
    expect((await run("export-plan-docx", "/home/u/整改方案.docx")).options).toMatchObject({ problem_list: true, responsibility_list: false, endorsement: false, public: false });
    await w.find("[data-test=endorsement-principal_report]").trigger("click");
    expect(await run("export-principal_report-pdf", "/home/u/主要负责人.pdf")).toMatchObject({
      kind: "principal_report", format: "pdf", options: { endorsement: true, problem_list: false, responsibility_list: false },
    });
    // The switch belongs to its own card: the status report is still without the page.
    expect((await run("export-status_report-pdf", "/home/u/报告.pdf")).options).toMatchObject({ endorsement: false });
    await w.find("[data-test=public-notice]").trigger("click");
    expect(await run("export-notice-docx", "/home/u/通报.docx")).toMatchObject({ kind: "notice", format: "docx", options: { public: true, endorsement: false } });
  });
});

describe("整改专题民主生活会", () => {
  it("records a meeting with the names picked and lists it", async () => {
    const stored: RectificationMeeting[] = [];
    core((cmd, a) => {
      if (cmd === "list_meetings") return [...stored];
      if (cmd === "add_meeting") {
        const m = a.input as RectificationMeeting;
        if (!m.chair.trim()) throw { code: "Validation", field: "chair", message: "主持人不能为空" };
        stored.push({ ...m, id: stored.length + 1 });
        return stored.at(-1);
      }
    });
    const w = mount(MeetingsTab, { global, attachTo: document.body });
    await flushPromises();
    expect(argsOf("list_meetings")).toEqual([{ inspectionId: 3 }]);
    expect(w.text()).toContain("尚未登记整改专题民主生活会");
    expect(w.text()).toContain("应于 2025年4月20日 前召开");
    // The chair is the secretary, the date today, until changed.
    const chair = w.find<HTMLInputElement>("[data-field=chair] input");
    expect(chair.element.value).toBe("王建国");
    await chair.setValue("");
    await w.find("[data-field=materials] textarea").setValue("会前征求意见建议36条");
    await w.find("[data-test=save-meeting]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-field=chair]").text()).toContain("主持人不能为空"));
    expect(w.find<HTMLTextAreaElement>("[data-field=materials] textarea").element.value).toBe("会前征求意见建议36条");

    await chair.setValue("王建国");
    await w.find("[data-field=attendees] .el-select__wrapper").trigger("click");
    await pickOption("李明华");
    await w.find("[data-field=measures] textarea").setValue("制定个人整改清单");
    await w.find("[data-test=save-meeting]").trigger("click");
    await vi.waitFor(() => expect(argsOf("add_meeting")).toHaveLength(2));
    expect(argsOf("add_meeting")[1].input).toEqual({
      id: 0, inspection_id: 3, held_on: "2025-06-01", chair: "王建国", attendees: ["李明华"], observers: [],
      materials: "会前征求意见建议36条", criticism: "", measures: "制定个人整改清单", summary: "",
    });
    await vi.waitFor(() => expect(w.find("[data-test=meetings-table]").text()).toContain("2025年6月1日"));
    expect(w.find("[data-test=meetings-table]").text()).toContain("李明华");
    expect(w.find("[data-field=chair]").text()).not.toContain("主持人不能为空");
    // The form is ready for the next one.
    expect(w.find<HTMLTextAreaElement>("[data-field=materials] textarea").element.value).toBe("");
    w.unmount();
  });
});

describe("书记履职", () => {
  it("records an action of the kind chosen and lists it with its label", async () => {
    const stored: SecretaryAction[] = [];
    core((cmd, a) => {
      if (cmd === "list_secretary_actions") return [...stored];
      if (cmd === "add_secretary_action") {
        stored.push({ ...(a.input as SecretaryAction), id: 1 });
        return stored[0];
      }
    });
    const w = mount(SecretaryTab, { global, attachTo: document.body });
    await flushPromises();
    await w.find("[data-test=secretary-kind] .el-select__wrapper").trigger("click");
    await pickOption("谈心谈话");
    await w.find("[data-field=text] textarea").setValue("与分管财务的副局长谈心谈话");
    await w.find("[data-test=save-secretary]").trigger("click");
    await vi.waitFor(() => expect(argsOf("add_secretary_action")).toHaveLength(1));
    expect(argsOf("add_secretary_action")[0].input).toEqual({
      id: 0, inspection_id: 3, kind: "talk", done_on: "2025-06-01", text: "与分管财务的副局长谈心谈话",
    });
    await vi.waitFor(() => expect(w.find("[data-test=secretary-table]").text()).toContain("谈心谈话"));
    expect(w.find("[data-test=secretary-table]").text()).toContain("与分管财务的副局长谈心谈话");
    w.unmount();
  });
});

describe("领导小组", () => {
  it("shows the secretary as 组长 and saves the rest", async () => {
    let stored: LeadingGroup = { deputies: ["张秀英"], members: [], office: "", office_director: "" };
    core((cmd, a) => {
      if (cmd === "get_leading_group") return stored;
      if (cmd === "set_leading_group") {
        const g = a.group as LeadingGroup;
        if (g.office.length > 20) throw { code: "Validation", field: "office", message: "领导小组办公室太长" };
        stored = g;
        return null;
      }
    });
    const w = mount(LeadingGroupTab, { global });
    await flushPromises();
    expect(argsOf("get_leading_group")).toEqual([{ inspectionId: 3 }]);
    expect(w.text()).toContain("王建国");
    expect(w.find("[data-field=deputies]").text()).toContain("张秀英");
    await w.find("[data-field=office] input").setValue("办公室".repeat(10));
    await w.find("[data-test=save-leading-group]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-field=office]").text()).toContain("领导小组办公室太长"));
    await w.find("[data-field=office] input").setValue("办公室");
    await w.find("[data-field=office_director] input").setValue("周丽");
    await w.find("[data-test=save-leading-group]").trigger("click");
    await vi.waitFor(() => expect(stored).toEqual({ deputies: ["张秀英"], members: [], office: "办公室", office_director: "周丽" }));
    expect(argsOf("set_leading_group").at(-1)).toMatchObject({ inspectionId: 3 });
  });
});

describe("版头和版记", () => {
  it("offers the documents the catalog prints with one, and saves each document's own", async () => {
    const stored: Partial<Record<DocumentKind, Letterhead>> = {};
    const empty: Letterhead = { issuer_mark: "", doc_no: "", secrecy: "", urgency: "", signer: "", cc: "", printer: "", printed_on: null, preprinted: false };
    core((cmd, a) => {
      if (cmd === "get_letterhead") return stored[a.document as DocumentKind] ?? empty;
      if (cmd === "set_letterhead") {
        const l = a.letterhead as Letterhead;
        if (l.doc_no.includes("x")) throw { code: "Validation", field: "doc_no", message: "发文字号不能含有“x”" };
        stored[a.document as DocumentKind] = l;
        return null;
      }
    });
    const w = mount(LetterheadTab, { global, attachTo: document.body });
    await flushPromises();
    await vi.waitFor(() => expect(argsOf("get_letterhead")).toEqual([{ inspectionId: 3, document: "feedback" }]));
    await w.find("[data-test=letterhead-document] .el-select__wrapper").trigger("click");
    const items = () => [...document.querySelectorAll(".letterhead-documents .el-select-dropdown__item")];
    await vi.waitFor(() => expect(items().length).toBeGreaterThan(0));
    const offered = items().map((e) => e.textContent?.trim());
    expect(offered).toEqual(["巡察反馈意见", "整改方案", "整改情况报告", "主要负责人组织落实整改情况报告", "整改情况通报"]);
    await pickOption("整改方案", ".letterhead-documents");
    await vi.waitFor(() => expect(argsOf("get_letterhead").at(-1)).toEqual({ inspectionId: 3, document: "plan" }));
    await flushPromises();
    await w.find("[data-test=letterhead-preprinted]").trigger("click");
    await w.find("[data-field=doc_no] input").setValue("区统党〔2025〕x号");
    await w.find("[data-test=save-letterhead]").trigger("click");
    await vi.waitFor(() => expect(w.find("[data-field=doc_no]").text()).toContain("发文字号不能含有“x”"));
    await w.find("[data-field=doc_no] input").setValue("区统党〔2025〕3号");
    await w.find("[data-field=cc] input").setValue("区委巡察办");
    await w.find("[data-test=save-letterhead]").trigger("click");
    await vi.waitFor(() => expect(stored.plan).toBeDefined());
    expect(stored.plan).toEqual({ ...empty, doc_no: "区统党〔2025〕3号", cc: "区委巡察办", preprinted: true });
    expect(stored.feedback).toBeUndefined();
    w.unmount();
  });
});

describe("整改组织 page", () => {
  it("opens on the leading group, with a tab for each record", async () => {
    core((cmd) => (cmd === "get_leading_group" ? { deputies: [], members: [], office: "", office_director: "" } : undefined));
    const w = mount(OrganisationView, { global });
    await flushPromises();
    const tabs = w.findAll(".el-tabs__item").map((t) => t.text());
    expect(tabs).toEqual(["领导小组", "专题民主生活会", "书记履职", "版头和版记"]);
    expect(w.find("[data-test=leading-group]").exists()).toBe(true);
  });
});
