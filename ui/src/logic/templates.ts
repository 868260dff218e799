// Common wording for findings (三段式: manifestation, judgement, responsibility), so the
// usual sentences are not typed again for every problem.

export interface Template {
  label: string;
  text: string;
}

export const TITLE_TEMPLATES: string[] = [
  "……落实不到位",
  "……制度执行不严格",
  "……存在薄弱环节",
  "……不够深入",
  "……问题仍有发生",
  "……整改不彻底",
];

export const MANIFESTATION_TEMPLATES: Template[] = [
  {
    label: "三段式（表现＋定性＋责任）",
    text: "【具体表现】……\n【定性依据】上述问题违反了《……》第……条关于……的规定。\n【责任分析】党组（党委）负有主体责任，……负有直接责任。",
  },
  { label: "一是、二是、三是", text: "一是……；二是……；三是……。" },
  { label: "数据举例", text: "经查阅……年以来……资料发现，……共……次（项），其中……次（项）存在……问题。" },
  { label: "个性问题（指名道姓）", text: "……（职务）……（姓名）在……工作中，……，造成……。" },
];

/** Appends a template to what is already written, on a new line when needed. */
export function applyTemplate(current: string, text: string): string {
  if (!current.trim()) return text;
  return current.endsWith("\n") ? current + text : `${current}\n${text}`;
}
