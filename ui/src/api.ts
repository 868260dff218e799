// The only file that calls `invoke`: one typed function per Tauri command. Components
// call these and never see command names or the IPC.
import { invoke } from "@tauri-apps/api/core";
import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";
import type * as B from "./bindings";

export type * from "./bindings";

/** Every failed call rejects with this shape (from the Rust `CmdError`). */
export type CmdError = B.CmdError;

/** Turns whatever `invoke` rejected with into a `CmdError` (an unexpected failure, not
 * from the core, counts as `Data`). */
export function toCmdError(e: unknown): CmdError {
  if (e && typeof e === "object" && "message" in e) {
    const o = e as { code?: B.ErrorCode; field?: string | null; message: string };
    return { code: o.code ?? "Data", field: o.field ?? null, message: String(o.message) };
  }
  return { code: "Data", field: null, message: String(e) };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toCmdError(e);
  }
}

// 数据库
export const appInfo = () => call<B.AppInfo>("app_info");
export const openDatabase = (path: string, password?: string) =>
  call<B.AppInfo>("open_database", { path, password: password ?? null });
export const newDatabase = (path: string) => call<B.AppInfo>("new_database", { path });
export const loadDemo = () => call<number>("load_demo");
export const setOperator = (name: string) => call<B.AppInfo>("set_operator", { name });
export const getPreferences = () => call<B.Preferences>("get_preferences");
export const savePreferences = (prefs: B.Preferences) => call<B.Preferences>("save_preferences", { prefs });
export const backupTo = (path: string) => call<B.BackupSummary>("backup_to", { path });
/** `password`: of an encrypted backup made under another password than the database's. */
export const restoreFrom = (path: string, password?: string) =>
  call<string | null>("restore_from", { path, password: password ?? null });
export const listBackups = () => call<B.AutoBackup[]>("list_backups");
export const backupNow = () => call<B.AutoBackup[]>("backup_now");
/** The automatic backups of the database that could not be opened. */
export const unusableDatabaseBackups = () => call<B.AutoBackup[]>("unusable_database_backups");
/** Puts one of them in its place (the unusable file is kept); returns the kept name. */
export const recoverFromBackup = (name: string) => call<string | null>("recover_from_backup", { name });
export const restoreBackup = (name: string, password?: string) =>
  call<string | null>("restore_backup", { name, password: password ?? null });
/** 设置/修改密码 with a password, 取消加密 with `null`. */
export const setDatabasePassword = (password: string | null) =>
  call<B.PasswordChange>("set_database_password", { password });

// 巡察
export const listInspections = () => call<B.Inspection[]>("list_inspections");
export const getInspection = (id: number) => call<B.InspectionView>("get_inspection", { id });
export const createInspection = (input: Partial<B.InspectionInput>) =>
  call<B.Inspection>("create_inspection", { input });
export const updateInspection = (id: number, input: Partial<B.InspectionInput>) =>
  call<B.Inspection>("update_inspection", { id, input });
export const addCategory = (inspectionId: number, name: string) =>
  call<B.Category>("add_category", { inspectionId, name });
export const renameCategory = (id: number, name: string) =>
  call<B.Category>("rename_category", { id, name });
export const setDualReview = (id: number, on: boolean) =>
  call<B.Inspection>("set_dual_review", { id, on });

// 问题录入
export const listFindings = (inspectionId: number) =>
  call<B.Finding[]>("list_findings", { inspectionId });
export const addFinding = (input: Partial<B.FindingInput>) => call<B.Finding>("add_finding", { input });
export const updateFinding = (id: number, patch: Partial<B.FindingPatch>) =>
  call<B.Finding>("update_finding", { id, patch });
export const deleteFinding = (id: number) => call<null>("delete_finding", { id });
export const listImmediateFixes = (inspectionId: number) =>
  call<B.ImmediateFix[]>("list_immediate_fixes", { inspectionId });
export const addImmediateFix = (input: B.ImmediateFix) =>
  call<B.ImmediateFix>("add_immediate_fix", { input });
export const listLeads = (inspectionId: number) => call<B.Lead[]>("list_leads", { inspectionId });
export const addLead = (input: B.LeadInput) => call<B.Lead>("add_lead", { input });
export const transferLead = (id: number, transfer: B.Transfer) =>
  call<B.Lead>("transfer_lead", { id, transfer });
export const listRecommendations = (inspectionId: number) =>
  call<B.Recommendation[]>("list_recommendations", { inspectionId });
export const addRecommendation = (inspectionId: number, text: string) =>
  call<B.Recommendation>("add_recommendation", { inspectionId, text });
export const listWorkingPapers = (inspectionId: number) =>
  call<B.WorkingPaper[]>("list_working_papers", { inspectionId });
export const addWorkingPaper = (input: B.WorkingPaper) =>
  call<B.WorkingPaper>("add_working_paper", { input });
export const approveWorkingPaper = (id: number, approval: B.PaperApproval) =>
  call<B.Finding>("approve_working_paper", { id, approval });

// 责任分工 / 挂图作战
export const addTask = (input: Partial<B.TaskInput>) => call<B.Task>("add_task", { input });
export const updateTask = (id: number, patch: Partial<B.TaskPatch>) =>
  call<B.Task>("update_task", { id, patch });
export const assignTasks = (ids: number[], patch: Partial<B.AssignmentPatch>) =>
  call<B.Task[]>("assign_tasks", { ids, patch });
export const setMilestoneDone = (taskId: number, index: number, done: boolean) =>
  call<B.Task>("set_milestone_done", { taskId, index, done });
export const board = (filter: Partial<B.TaskFilter>) => call<B.BoardRow[]>("board", { filter });
export const listDirectory = (kind?: B.DirectoryKind) =>
  call<B.DirectoryEntry[]>("list_directory", { kind: kind ?? null });
export const addDirectoryEntry = (kind: B.DirectoryKind, name: string) =>
  call<B.DirectoryEntry>("add_directory_entry", { kind, name });
export const taskDetail = (taskId: number) => call<B.TaskDetail>("task_detail", { taskId });
export const addProgress = (input: Partial<B.ProgressInput>) =>
  call<B.Progress>("add_progress", { input });
export const requestCloseOut = (taskId: number, summary: string) =>
  call<B.CloseOut>("request_close_out", { taskId, summary });
export const reviewCloseOut = (taskId: number, review: B.ReviewInput) =>
  call<B.CloseOut>("review_close_out", { taskId, review });
export const voidLetter = (id: number, reason: string) =>
  call<B.SupervisionLetter>("void_letter", { id, reason });
export const reopenTask = (taskId: number, reason: string) =>
  call<B.Reopening>("reopen_task", { taskId, reason });
export const addFollowUp = (input: B.FollowUpCheck) =>
  call<B.FollowUpCheck>("add_follow_up", { input });

// 整改组织
export const listMeetings = (inspectionId: number) =>
  call<B.RectificationMeeting[]>("list_meetings", { inspectionId });
export const addMeeting = (input: B.RectificationMeeting) =>
  call<B.RectificationMeeting>("add_meeting", { input });
export const listSecretaryActions = (inspectionId: number) =>
  call<B.SecretaryAction[]>("list_secretary_actions", { inspectionId });
export const addSecretaryAction = (input: B.SecretaryAction) =>
  call<B.SecretaryAction>("add_secretary_action", { input });
export const getLeadingGroup = (inspectionId: number) =>
  call<B.LeadingGroup>("get_leading_group", { inspectionId });
export const setLeadingGroup = (inspectionId: number, group: B.LeadingGroup) =>
  call<null>("set_leading_group", { inspectionId, group });
export const getLetterhead = (inspectionId: number, document: B.DocumentKind) =>
  call<B.Letterhead>("get_letterhead", { inspectionId, document });
export const setLetterhead = (inspectionId: number, document: B.DocumentKind, letterhead: B.Letterhead) =>
  call<null>("set_letterhead", { inspectionId, document, letterhead });

// 统计
export const dashboard = (inspectionId: number) => call<B.Dashboard>("dashboard", { inspectionId });

// 文件
export const evidenceBytes = (taskId: number, evidenceId: number) =>
  call<ArrayBuffer>("evidence_bytes", { taskId, evidenceId });
export const openEvidence = (taskId: number, evidenceId: number) =>
  call<null>("open_evidence", { taskId, evidenceId });
export const openFile = (path: string) => call<null>("open_file", { path });
export const revealFile = (path: string) => call<null>("reveal_file", { path });
/** Every document the app writes, with its formats and options. */
export const exportCatalog = () => call<B.DocumentInfo[]>("export_catalog");

// 文件对话框. The end-to-end test cannot drive the system's dialogs, so it may queue the
// answers in `window.__XUNCHA_PICK__` (reachable only from inside the app's own page).
type PickQueue = { __XUNCHA_PICK__?: (string | null)[] };
function queued(): string | null | undefined {
  const q = (window as unknown as PickQueue).__XUNCHA_PICK__;
  return q && q.length > 0 ? q.shift() : undefined;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Asks for files to read (evidence, a backup, a ledger to import). */
export async function pickFiles(title: string, filters: FileFilter[], multiple = true): Promise<string[]> {
  const q = queued();
  if (q !== undefined) return q ? q.split("\n") : [];
  const r = await openDialog({ title, filters, multiple, directory: false });
  if (!r) return [];
  return Array.isArray(r) ? r : [r];
}

/** Asks for a folder (to write several files into), starting in `dir`. */
export async function pickFolder(title: string, dir?: string | null): Promise<string | null> {
  const q = queued();
  if (q !== undefined) return q;
  const r = await openDialog({ title, directory: true, multiple: false, defaultPath: dir ?? undefined });
  return typeof r === "string" ? r : null;
}

/** Asks where to save a file, starting in `dir` with `name`. */
export async function pickSavePath(
  title: string,
  name: string,
  filters: FileFilter[],
  dir?: string | null,
): Promise<string | null> {
  const q = queued();
  if (q !== undefined) return q;
  const defaultPath = dir ? `${dir}/${name}` : name;
  return (await saveDialog({ title, defaultPath, filters })) ?? null;
}

// 导出与打印、导入
export const exportTo = (kind: B.DocumentKind, format: B.Format, path: string, options: B.ExportOptions) =>
  call<B.Exported>("export", { kind, format, path, options });
export const printDoc = (kind: B.DocumentKind, options: B.ExportOptions) =>
  call<B.Exported>("print", { kind, options });
export const listLedgerTemplates = () => call<B.TemplateInfo[]>("list_ledger_templates");
export const getDocument = (kind: B.DocumentKind, inspectionId: number) =>
  call<B.Document>("get_document", { kind, inspectionId });
export const saveDocument = (kind: B.DocumentKind, inspectionId: number, edits: Record<string, string>) =>
  call<B.Document>("save_document", { kind, inspectionId, edits });
export const resetDocument = (kind: B.DocumentKind, inspectionId: number) =>
  call<B.Document>("reset_document", { kind, inspectionId });
/** The dry run of importing `path` into an inspection (or a new one named `newName`);
 * `token` re-reads the copy made by an earlier preview (after the target, the sheet or a
 * column's field changed); `choices` are the sheet, the columns mapped by hand, and
 * whether rows with errors are left out. */
export const importPreview = (path: string, inspectionId: number | null, newName: string | null, token?: string, choices?: B.ImportChoices) =>
  call<B.ImportPreview>("import_preview", { path, token: token ?? null, inspectionId, newName, choices: choices ?? null });
export const importApply = (token: string, inspectionId: number | null, newName: string | null, choices?: B.ImportChoices) =>
  call<B.ImportOutcome>("import_apply", { token, inspectionId, newName, choices: choices ?? null });

// 填报表
/** The units with tasks in the inspection (lead or responsible), in ledger order. */
export const fillInUnits = (inspectionId: number) => call<string[]>("fill_in_units", { inspectionId });
/** 〈单位〉填报.xlsx, the name the core gives a unit's workbook. */
export const fillInFileName = (unit: string) => call<string>("fill_in_file_name", { unit });
export const fillInExportUnit = (inspectionId: number, unit: string, path: string) =>
  call<B.FillInExport>("fill_in_export_unit", { inspectionId, unit, path });
export const fillInExportAll = (inspectionId: number, dir: string) =>
  call<B.FillInExport[]>("fill_in_export_all", { inspectionId, dir });
/** What importing the returned workbooks would change; the files are copied first. */
export const fillInPreview = (inspectionId: number, paths: string[]) =>
  call<B.FillInPreview>("fill_in_preview", { inspectionId, paths });
/** Applies the previewed copies: the rows numbered, or (`rows` null) every new entry and
 * status change, conflicts left out. */
export const fillInApply = (inspectionId: number, tokens: string[], rows: number[] | null) =>
  call<B.FillInApplied>("fill_in_apply", { inspectionId, tokens, rows });

// 交换
/** This copy's identity, or null before it has one. */
export const exchangeIdentity = () => call<B.Identity | null>("exchange_identity");
/** Makes this copy's identity under `name` (or renames it). */
export const exchangeMakeIdentity = (name: string) => call<B.Identity>("exchange_make_identity", { name });
/** Writes the identity file another copy enrols; returns the file written (.id added when
 * the name has no .id/.json). */
export const exchangeWriteIdentity = (path: string) => call<string>("exchange_write_identity", { path });
export const exchangeTrust = (path: string, role: B.PeerRole, unit: string | null) =>
  call<B.Peer>("exchange_trust", { path, role, unit });
export const exchangePeers = () => call<B.Peer[]>("exchange_peers");
export const exchangeRevoke = (deviceId: string) => call<B.Peer>("exchange_revoke", { deviceId });
/** Writes a package of everything the copy has not confirmed (.xcpkg added when missing). */
export const exchangeExport = (deviceId: string, path: string) =>
  call<B.PackageExported>("exchange_export", { deviceId, path });
/** Checks a package (copied first) and says what it holds; writes nothing. */
export const exchangePreview = (path: string) => call<B.ExchangePreview>("exchange_preview", { path });
/** Imports the previewed copy. */
export const exchangeImport = (token: string) => call<B.Imported>("exchange_import", { token });
/** The review list: open items, or (`all`) the handled ones too. */
export const exchangeReviews = (all: boolean) => call<B.ReviewItem[]>("exchange_reviews", { all });
export const exchangeResolve = (id: number, how: B.Resolution) =>
  call<B.ReviewItem>("exchange_resolve", { id, how });

/** Listens to `export-progress` events while `run` is under way. */
export async function withProgress<T>(onProgress: (p: B.ExportProgress) => void, run: () => Promise<T>): Promise<T> {
  let unlisten: (() => void) | null = null;
  try {
    const { listen } = await import("@tauri-apps/api/event");
    unlisten = await listen<B.ExportProgress>("export-progress", (e) => onProgress(e.payload));
  } catch {
    // No event bus (UI tests): run without progress.
  }
  try {
    return await run();
  } finally {
    unlisten?.();
  }
}
