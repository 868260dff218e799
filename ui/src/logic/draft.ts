// Autosaved drafts: what is being typed into a form is kept in local storage, so a crash,
// a closed window or an error never loses it. Cleared when the form is saved.
import { watch, type Ref } from "vue";

export function loadDraft<T extends object>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? { ...fallback, ...JSON.parse(raw) } : fallback;
  } catch {
    return fallback;
  }
}

export function saveDraft(key: string, value: unknown) {
  localStorage.setItem(key, JSON.stringify(value));
}

export function clearDraft(key: string) {
  localStorage.removeItem(key);
}

/** Keeps `form` saved under `key()` while it changes (debounced). */
export function autosave(key: () => string, form: Ref<object> | object, delay = 400) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(
    () => JSON.stringify("value" in form ? (form as Ref<object>).value : form),
    (json) => {
      clearTimeout(timer);
      timer = setTimeout(() => localStorage.setItem(key(), json), delay);
    },
  );
}
