// Keyboard flow for intake forms: Enter moves to the next field (Shift+Enter back),
// Ctrl+Enter saves. In a multi-line text box Enter keeps making new lines; Ctrl+Enter
// still saves there.

const FIELD_SELECTOR =
  "[data-field] input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([readonly]), [data-field] textarea";

/** The fields of a form in order. */
export function fieldsOf(form: HTMLElement): HTMLElement[] {
  return Array.from(form.querySelectorAll<HTMLElement>(FIELD_SELECTOR)).filter(
    (el) => !(el as HTMLInputElement).disabled,
  );
}

/** Handles a keydown in `form`; returns what it did. */
export function onFormKey(
  e: KeyboardEvent,
  form: HTMLElement,
  save: () => void,
): "save" | "next" | "prev" | null {
  if (e.key !== "Enter" || e.isComposing) return null;
  if (e.ctrlKey || e.metaKey) {
    e.preventDefault();
    save();
    return "save";
  }
  const target = e.target as HTMLElement;
  if (target.tagName === "TEXTAREA") return null;
  // Pickers (select, date) use Enter themselves while their list is open.
  if (target.closest(".el-select, .el-date-editor, .el-autocomplete") && document.querySelector(".el-popper[aria-hidden=false]")) return null;
  const fields = fieldsOf(form);
  const i = fields.indexOf(target);
  if (i < 0) return null;
  const j = e.shiftKey ? i - 1 : i + 1;
  if (j < 0 || j >= fields.length) return null;
  e.preventDefault();
  fields[j].focus();
  return e.shiftKey ? "prev" : "next";
}
