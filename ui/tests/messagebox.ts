// Element Plus message boxes in the UI tests. A box that was just answered stays in the
// document while it fades out (then is hidden), so a test must act on the box that is
// open now, and wait until the one it answered is gone before opening the next: otherwise
// it clicks a closing box by chance, depending on how fast the machine is.
import { expect, vi } from "vitest";

/** Whether `el` and every element above it are shown. */
function shown(el: HTMLElement): boolean {
  for (let e: HTMLElement | null = el; e; e = e.parentElement) if (e.style.display === "none") return false;
  return true;
}

/** The message boxes on screen, oldest first. */
export function openBoxes(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(".el-message-box")].filter(shown);
}

/** The text of the newest open message box. */
export function boxText(): string {
  return openBoxes().at(-1)?.textContent ?? "";
}

/** The button labelled `text` of the newest open message box. */
export function boxButton(text: string): HTMLButtonElement {
  const box = openBoxes().at(-1);
  const b = [...(box?.querySelectorAll<HTMLButtonElement>(".el-message-box__btns button") ?? [])].find((x) =>
    x.textContent?.includes(text),
  );
  if (!b) throw new Error(`no “${text}” in the open message box`);
  return b;
}

/** Waits for a message box to open, clicks its button `text`, and waits for it to close. */
export async function answerBox(text: string): Promise<void> {
  const button = await vi.waitFor(() => boxButton(text));
  const box = openBoxes().at(-1);
  button.click();
  await vi.waitFor(() => expect(box && shown(box) && box.isConnected).toBeFalsy());
}
