import { describe, expect, it } from "vitest";
import { addMonths, shortcuts } from "../src/logic/deadline";
import { cnDate } from "../src/labels";
import { placeField } from "../src/errors";
import { applyTemplate } from "../src/logic/templates";

describe("deadline shortcuts", () => {
  it("adds months clamped to the month end", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-03-20", 3)).toBe("2025-06-20");
    expect(addMonths("2025-11-15", 2)).toBe("2026-01-15");
  });
  it("counts from the feedback date, else today", () => {
    const s = shortcuts("2025-03-20", "2025-05-01", 2);
    expect(s.map((x) => x.value)).toEqual(["2025-04-20", "2025-05-20", "2025-09-20", "2025-12-31"]);
    expect(s[1].text).toContain("2个月");
    expect(shortcuts(null, "2025-05-01")[0].value).toBe("2025-06-01");
  });
});

describe("wording", () => {
  it("writes dates without zero padding", () => expect(cnDate("2025-03-05")).toBe("2025年3月5日"));
  it("appends templates on a new line", () => {
    expect(applyTemplate("", "一是")).toBe("一是");
    expect(applyTemplate("已有", "一是")).toBe("已有\n一是");
  });
});

describe("error placement", () => {
  it("puts an error on its field, or its base field, or nowhere", () => {
    expect(placeField("title", ["title"])).toBe("title");
    expect(placeField("milestones[1].due_on", ["milestones"])).toBe("milestones");
    expect(placeField("inspection_id", ["title"])).toBeNull();
    expect(placeField(null, ["title"])).toBeNull();
  });
});
