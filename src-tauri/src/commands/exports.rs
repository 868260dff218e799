//! 导出与打印 and 导入: every document in the formats the application layer allows (the
//! format follows the extension of the path chosen), printing (the PDF opens in the system
//! viewer), the editable documents' paragraphs, and importing an existing ledger after a
//! dry-run preview. Progress is reported as `export-progress` events.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tauri::{AppHandle, Emitter, State};

use super::dto::{ExportProgress, ImportPreview};
use super::inbox::Inbox;
use super::state::AppState;
use super::{files, CmdError, CmdResult};
use crate::app::exports::{
    self as app, DocumentInfo, DocumentKind, ExportOptions, Exported, Format, TemplateInfo,
};
use crate::app::imports::{self, ImportChoices};
use crate::app::today;
use crate::db::evidence;
use crate::error::ErrorCode;
use crate::import::{ImportOutcome, Target};
use crate::report::doc::Document;
use crate::Error;

fn progress(app: &AppHandle, percent: u8, stage: &str) {
    let _ = app.emit(
        "export-progress",
        ExportProgress {
            percent,
            stage: stage.to_owned(),
        },
    );
}

/// Every document the app writes, with its formats and options (the export page's cards).
#[tauri::command(async)]
pub fn export_catalog() -> CmdResult<Vec<DocumentInfo>> {
    Ok(app::catalog())
}

/// The path to write: the folder the user chose, the file name sanitised, the extension
/// of the format chosen.
pub(super) fn clean_path(path: &Path, format: Format) -> CmdResult<PathBuf> {
    clean_path_with(path, |name| app::with_extension(name, format))
}

/// [`clean_path`] for files that are not documents: `named` gives the name its extension.
pub(super) fn clean_path_with(
    path: &Path,
    named: impl FnOnce(&Path) -> PathBuf,
) -> CmdResult<PathBuf> {
    let dir = path
        .parent()
        .filter(|d| d.is_dir())
        .ok_or_else(|| Error::invalid("path", format!("文件夹“{}”不存在", path.display())))?;
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = named(Path::new(&name));
    Ok(dir.join(evidence::sanitize_name(&name.to_string_lossy())))
}

/// The saved ledger templates, the official layout (默认) first.
#[tauri::command(async)]
pub fn list_ledger_templates(state: State<'_, AppState>) -> CmdResult<Vec<TemplateInfo>> {
    Ok(app::template_list(&*state.db()?)?)
}

/// Exports `kind` in `format` to a file the user chose in the save dialog; remembers its
/// folder.
#[tauri::command(async)]
pub fn export(
    app_handle: AppHandle,
    state: State<'_, AppState>,
    kind: DocumentKind,
    format: Format,
    path: PathBuf,
    options: ExportOptions,
) -> CmdResult<Exported> {
    let path = clean_path(&path, format)?;
    progress(&app_handle, 10, "正在读取台账数据");
    let done = app::export(&*state.db()?, kind, &options, &path, today())?;
    progress(&app_handle, 100, "已完成");
    if let Some(dir) = path.parent() {
        state.update_settings(|s| s.export_dir = Some(dir.to_owned()));
    }
    Ok(done)
}

/// 打印: writes the PDF to the temporary folder and opens it in the system's viewer.
#[tauri::command(async)]
pub fn print(
    app_handle: AppHandle,
    state: State<'_, AppState>,
    kind: DocumentKind,
    options: ExportOptions,
) -> CmdResult<Exported> {
    if !kind.info().formats.contains(&Format::Pdf) {
        return Err(CmdError::new(
            ErrorCode::Unsupported,
            format!("{}请导出后用表格软件打印", kind.info().title),
        ));
    }
    let dir = std::env::temp_dir().join("xuncha-print");
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let path = dir.join(format!(
        "打印-{}-{}.pdf",
        kind.info().file_name,
        chrono::Local::now().format("%H%M%S")
    ));
    progress(&app_handle, 10, "正在排版");
    let done = app::export(&*state.db()?, kind, &options, &path, today())?;
    progress(&app_handle, 100, "已完成");
    files::open_path(&app_handle, &path)?;
    Ok(done)
}

/// A document as it will be printed, with the user's edits applied.
#[tauri::command(async)]
pub fn get_document(
    state: State<'_, AppState>,
    kind: DocumentKind,
    inspection_id: i64,
) -> CmdResult<Document> {
    Ok(app::compose(&*state.db()?, kind, inspection_id, today())?)
}

/// Saves edited paragraphs (paragraph id → text); returns the edited document.
#[tauri::command(async)]
pub fn save_document(
    state: State<'_, AppState>,
    kind: DocumentKind,
    inspection_id: i64,
    edits: HashMap<String, String>,
) -> CmdResult<Document> {
    Ok(app::save_edits(
        &*state.db()?,
        kind,
        inspection_id,
        &edits,
        today(),
    )?)
}

/// Drops the edits: the document is generated afresh from the data.
#[tauri::command(async)]
pub fn reset_document(
    state: State<'_, AppState>,
    kind: DocumentKind,
    inspection_id: i64,
) -> CmdResult<Document> {
    Ok(app::reset(&*state.db()?, kind, inspection_id, today())?)
}

/// The ledgers to import, copied before they are previewed.
const INBOX: Inbox = Inbox {
    folder: "xuncha-import",
    not_previewed: "请先预览要导入的台账文件",
};

/// Where an import goes: an inspection, or a new one named `new_name`.
fn target(inspection_id: Option<i64>, new_name: Option<String>) -> CmdResult<Target> {
    match (inspection_id, new_name.filter(|n| !n.trim().is_empty())) {
        (Some(id), _) => Ok(Target::Inspection(id)),
        (None, Some(name)) => Ok(Target::NewInspection(name.trim().to_owned())),
        (None, None) => Err(Error::invalid("target", "请选择导入到哪次巡察").into()),
    }
}

/// 导入预览 (dry run) of `path` for an import into the inspection (or a new one): what
/// would be created and every problem found. Nothing is written. With `token` (a copy
/// previewed before) the same bytes are read again, e.g. after the target changed.
#[tauri::command(async)]
pub fn import_preview(
    app_handle: AppHandle,
    state: State<'_, AppState>,
    path: PathBuf,
    token: Option<PathBuf>,
    inspection_id: Option<i64>,
    new_name: Option<String>,
    choices: Option<ImportChoices>,
) -> CmdResult<ImportPreview> {
    progress(&app_handle, 10, "正在读取台账文件");
    let copy = match token {
        Some(t) => INBOX.previewed_one(&t)?,
        None => INBOX.copy_one(&path)?,
    };
    let target = target(inspection_id, new_name.or_else(|| Some("新巡察".into())))?;
    let choices = choices.unwrap_or_default();
    let plan = imports::preview(&*state.db()?, &copy, &target, today(), &choices)?;
    progress(&app_handle, 100, "已完成");
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(ImportPreview::new(copy.display().to_string(), file, plan))
}

/// Imports the previewed file into an inspection (or a new one named `new_name`).
#[tauri::command(async)]
pub fn import_apply(
    app_handle: AppHandle,
    state: State<'_, AppState>,
    token: PathBuf,
    inspection_id: Option<i64>,
    new_name: Option<String>,
    choices: Option<ImportChoices>,
) -> CmdResult<ImportOutcome> {
    let file = INBOX.previewed_one(&token)?;
    let target = target(inspection_id, new_name)?;
    progress(&app_handle, 30, "正在写入");
    let choices = choices.unwrap_or_default();
    let (_, out) = imports::apply(&*state.db()?, &file, &target, today(), &choices)?;
    progress(&app_handle, 100, "已完成");
    Ok(out)
}
