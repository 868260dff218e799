// Shows a command's error in Chinese next to the field it concerns; an error that names
// no field (or a field not on this form) goes to a message at the top. Nothing the user
// typed is cleared on an error.
import { reactive } from "vue";
import { ElMessage } from "element-plus";
import { toCmdError, type CmdError } from "./api";

export type FieldErrors = Record<string, string>;

export function useFieldErrors(fields: string[]) {
  const errors = reactive<FieldErrors>({});
  function clear() {
    for (const k of Object.keys(errors)) delete errors[k];
  }
  /** Puts `e` next to its field if it is on this form; returns whether it did. */
  function show(e: unknown): CmdError {
    clear();
    const err = toCmdError(e);
    const field = placeField(err.field, fields);
    if (field) errors[field] = err.message;
    else ElMessage.error({ message: err.message, duration: 6000, showClose: true });
    return err;
  }
  return { errors, clear, show };
}

/** Which form field an error belongs to: the core's field name, or its first part
 * (`milestones[0].due_on` → `milestones`). */
export function placeField(field: string | null | undefined, fields: string[]): string | null {
  if (!field) return null;
  if (fields.includes(field)) return field;
  const base = field.split(/[.[]/)[0];
  return fields.includes(base) ? base : null;
}

/** Shows an error with no form (a toast). */
export function toast(e: unknown) {
  ElMessage.error({ message: toCmdError(e).message, duration: 6000, showClose: true });
}
