// The toast after an export: where the file is, with 打开文件 and 打开所在文件夹; after
// several files written into one folder, the folder, with 打开文件夹 (it opens showing the
// first file).
import { h } from "vue";
import { ElButton, ElNotification } from "element-plus";
import * as api from "../api";
import { toast } from "../errors";

function notify(title: string, shown: string, buttons: ReturnType<typeof h>[]) {
  return ElNotification({
    title,
    type: "success",
    duration: 12000,
    customClass: "exported-toast",
    message: h("div", [h("div", { style: "word-break: break-all; margin-bottom: 6px", "data-test": "exported-path" }, shown), ...buttons]),
  });
}

export function exportedToast(title: string, path: string) {
  return notify(title, path, [
    h(ElButton, { size: "small", type: "primary", onClick: () => api.openFile(path).catch(toast) }, () => "打开文件"),
    h(ElButton, { size: "small", onClick: () => api.revealFile(path).catch(toast) }, () => "打开所在文件夹"),
  ]);
}

/** Several files written into `dir`; `first` is one of them (the folder opens on it). */
export function exportedFolderToast(title: string, dir: string, first: string) {
  return notify(title, dir, [
    h(ElButton, { size: "small", type: "primary", onClick: () => api.revealFile(first).catch(toast) }, () => "打开文件夹"),
  ]);
}
