// The toast after an export: where the file is, with 打开文件 and 打开所在文件夹.
import { h } from "vue";
import { ElButton, ElNotification } from "element-plus";
import * as api from "../api";
import { toast } from "../errors";

export function exportedToast(title: string, path: string) {
  const n = ElNotification({
    title,
    type: "success",
    duration: 12000,
    customClass: "exported-toast",
    message: h("div", [
      h("div", { style: "word-break: break-all; margin-bottom: 6px", "data-test": "exported-path" }, path),
      h(ElButton, { size: "small", type: "primary", onClick: () => api.openFile(path).catch(toast) }, () => "打开文件"),
      h(ElButton, { size: "small", onClick: () => api.revealFile(path).catch(toast) }, () => "打开所在文件夹"),
    ]),
  });
  return n;
}
