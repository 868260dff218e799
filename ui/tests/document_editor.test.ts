// 文稿修改: the paragraphs of an editable document, under the headings of the parts they
// belong to (each 督办 letter, each task's 整改结果), which are shown and not edited; an
// edit is sent to the core by paragraph id.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import DocumentEditor from "../src/components/DocumentEditor.vue";
import { store } from "../src/store";
import type { Document, DocumentInfo } from "../src/bindings";

const LETTERS: Document = {
  title: "督办函件",
  blocks: [
    { kind: "attachment", label: "〔2026〕1号", title: "巡察整改预警函（（一）1 制定学习计划）" },
    { kind: "addressee", id: "letter-1-to", text: "赵堃同志：" },
    { kind: "paragraph", id: "letter-1-requirement", text: "整改要求：请倒排工期。" },
    { kind: "page_break" },
    { kind: "attachment", label: "〔2026〕2号", title: "巡察整改督办通知书（（二）3 完善制度）" },
    { kind: "paragraph", id: "letter-2-requirement", text: "整改要求：立即整改。" },
  ],
} as Document;

const info = (kind: DocumentInfo["kind"], title: string) =>
  ({ kind, title, editable: true }) as DocumentInfo;

let saved: unknown[] = [];
beforeEach(() => {
  saved = [];
  store.currentId = 3;
  mockIPC((cmd, args) => {
    if (cmd === "export_catalog") return [info("supervision", "督办函件")];
    if (cmd === "get_document") return LETTERS;
    if (cmd === "save_document") {
      saved.push(args);
      return LETTERS;
    }
  });
});
afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("文稿修改", () => {
  it("shows each letter's heading above its paragraphs and saves an edit by paragraph id", async () => {
    const w = mount(DocumentEditor, { global: { plugins: [ElementPlus] } });
    await flushPromises();
    // The user picks the letters among the documents the catalog offers.
    const pick = w.findAll(".el-radio-button").find((b) => b.text() === "督办函件");
    await pick!.find("input").setValue(true);
    await flushPromises();
    const parts = w.findAll("[data-test=document-part]").map((p) => p.text());
    expect(parts).toEqual(["〔2026〕1号　巡察整改预警函（（一）1 制定学习计划）", "〔2026〕2号　巡察整改督办通知书（（二）3 完善制度）"]);
    const areas = w.findAll("textarea");
    expect(areas.map((a) => (a.element as HTMLTextAreaElement).value)).toEqual(["赵堃同志：", "整改要求：请倒排工期。", "整改要求：立即整改。"]);
    // The part headings come before their paragraphs, in the document's order.
    const html = w.html();
    expect(html.indexOf("〔2026〕2号")).toBeGreaterThan(html.indexOf("请倒排工期"));
    await areas[1].setValue("整改要求：本周内召开专题会议。");
    await w.find("[data-test=save-document]").trigger("click");
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ kind: "supervision", inspectionId: 3, edits: { "letter-1-requirement": "整改要求：本周内召开专题会议。" } });
  });
});
