//! 导出与打印 and 导入: the Excel and PDF ledgers, the two editable reports and the weekly
//! summary, printing (the PDF opens in the system viewer), and importing an existing
//! ledger after a dry-run preview. Progress is reported as `export-progress` events.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tauri::{AppHandle, Emitter, State};

use super::dto::{
    ExportCaps, ExportKind, ExportOptions, ExportProgress, ExportResult, ImportPreview,
    LedgerTemplateInfo,
};
use super::state::AppState;
use super::{files, CmdError, CmdResult};
use crate::db::{self, evidence, Db};
use crate::documents::{self, EditableDoc};
use crate::export::xlsx::{saved, LedgerTemplate};
use crate::import::{self, ImportOutcome, Target};
use crate::report::doc::Document;
use crate::Error;

/// The file extension an export writes.
fn extension_of(kind: ExportKind) -> &'static str {
    match kind {
        ExportKind::XlsxLedger => "xlsx",
        _ => "pdf",
    }
}

fn progress(app: &AppHandle, percent: u8, stage: &str) {
    let _ = app.emit(
        "export-progress",
        ExportProgress {
            percent,
            stage: stage.to_owned(),
        },
    );
}

/// The exports this build provides.
#[tauri::command(async)]
pub fn export_caps() -> CmdResult<ExportCaps> {
    Ok(ExportCaps {
        xlsx_ledger: true,
        pdf_ledger: true,
        feedback_report: true,
        status_report: true,
        weekly_summary: true,
        import_ledger: true,
    })
}

/// The path to write: the folder the user chose, the file name sanitised, the extension
/// the export writes.
fn clean_path(path: &Path, ext: &str) -> CmdResult<PathBuf> {
    let dir = path
        .parent()
        .filter(|d| d.is_dir())
        .ok_or_else(|| Error::invalid("path", format!("文件夹“{}”不存在", path.display())))?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = evidence::sanitize_name(&format!("{stem}.{ext}"));
    Ok(dir.join(name))
}

/// The saved ledger templates, the official layout (默认) first.
#[tauri::command(async)]
pub fn list_ledger_templates(state: State<'_, AppState>) -> CmdResult<Vec<LedgerTemplateInfo>> {
    let info = |name: &str, t: &LedgerTemplate, builtin: bool| LedgerTemplateInfo {
        name: name.to_owned(),
        title: t.title.clone(),
        columns: t.columns.len() as i64,
        builtin,
    };
    let mut out = vec![info(saved::DEFAULT_NAME, &LedgerTemplate::default(), true)];
    for s in state.db()?.read(saved::list)? {
        out.push(info(&s.name, &s.template, false));
    }
    Ok(out)
}

/// Writes one export to `path`.
fn write(
    db: &Db,
    kind: ExportKind,
    inspection_id: i64,
    options: &ExportOptions,
    path: &Path,
) -> crate::Result<()> {
    let today = db::today();
    let ledger = matches!(kind, ExportKind::XlsxLedger | ExportKind::PdfLedger);
    if options.public && !ledger {
        return Err(Error::invalid("public", "只有整改台账有公开版"));
    }
    if options.template.is_some() && kind != ExportKind::XlsxLedger {
        return Err(Error::invalid("template", "台账模板只用于 Excel 整改台账"));
    }
    match kind {
        ExportKind::XlsxLedger => documents::write_ledger_xlsx(
            db,
            inspection_id,
            today,
            options.template.as_deref(),
            options.public,
            path,
        ),
        ExportKind::PdfLedger => {
            documents::write_ledger_pdf(db, inspection_id, today, options.public, path)
        }
        ExportKind::FeedbackReport => documents::write_pdf(
            &documents::compose(db, inspection_id, EditableDoc::Feedback, today)?,
            path,
        ),
        ExportKind::StatusReport => documents::write_pdf(
            &documents::compose(db, inspection_id, EditableDoc::StatusReport, today)?,
            path,
        ),
        ExportKind::WeeklySummary => {
            documents::write_pdf(&documents::weekly(db, inspection_id, today, true)?, path)
        }
    }
}

/// Exports to a file the user chose in the save dialog; remembers its folder.
#[tauri::command(async)]
pub fn export(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: ExportKind,
    inspection_id: i64,
    path: PathBuf,
    options: Option<ExportOptions>,
) -> CmdResult<ExportResult> {
    let path = clean_path(&path, extension_of(kind))?;
    let db = state.db()?;
    progress(&app, 10, "正在读取台账数据");
    write(
        &db,
        kind,
        inspection_id,
        &options.unwrap_or_default(),
        &path,
    )?;
    progress(&app, 100, "已完成");
    if let Some(dir) = path.parent() {
        state.update_settings(|s| s.export_dir = Some(dir.to_owned()));
    }
    let bytes = std::fs::metadata(&path)
        .map_err(|e| Error::io(&path, e))?
        .len();
    Ok(ExportResult {
        path: path.display().to_string(),
        bytes,
    })
}

/// 打印: writes the PDF to the temporary folder and opens it in the system's viewer.
#[tauri::command(async)]
pub fn print(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: ExportKind,
    inspection_id: i64,
    options: Option<ExportOptions>,
) -> CmdResult<ExportResult> {
    if kind == ExportKind::XlsxLedger {
        return Err(CmdError::new(
            "Unsupported",
            "Excel 台账请导出后用表格软件打印，或打印 PDF 台账",
        ));
    }
    let dir = std::env::temp_dir().join("xuncha-print");
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let path = dir.join(format!(
        "打印-{}-{}.pdf",
        inspection_id,
        chrono::Local::now().format("%H%M%S")
    ));
    progress(&app, 10, "正在排版");
    write(
        &*state.db()?,
        kind,
        inspection_id,
        &options.unwrap_or_default(),
        &path,
    )?;
    progress(&app, 100, "已完成");
    files::open_path(&app, &path)?;
    let bytes = std::fs::metadata(&path)
        .map_err(|e| Error::io(&path, e))?
        .len();
    Ok(ExportResult {
        path: path.display().to_string(),
        bytes,
    })
}

/// Which editable report.
fn editable(kind: ExportKind) -> CmdResult<EditableDoc> {
    match kind {
        ExportKind::FeedbackReport => Ok(EditableDoc::Feedback),
        ExportKind::StatusReport => Ok(EditableDoc::StatusReport),
        _ => Err(Error::invalid("kind", "只有反馈意见和整改情况报告可以修改段落").into()),
    }
}

/// A report as it will be printed, with the user's edits applied.
#[tauri::command(async)]
pub fn get_document(
    state: State<'_, AppState>,
    kind: ExportKind,
    inspection_id: i64,
) -> CmdResult<Document> {
    Ok(documents::compose(
        &*state.db()?,
        inspection_id,
        editable(kind)?,
        db::today(),
    )?)
}

/// Saves edited paragraphs (paragraph id → text); returns the edited report.
#[tauri::command(async)]
pub fn save_document(
    state: State<'_, AppState>,
    kind: ExportKind,
    inspection_id: i64,
    edits: HashMap<String, String>,
) -> CmdResult<Document> {
    Ok(documents::save_edits(
        &*state.db()?,
        inspection_id,
        editable(kind)?,
        &edits,
        db::today(),
    )?)
}

/// Drops the edits: the report is generated afresh from the data.
#[tauri::command(async)]
pub fn reset_document(
    state: State<'_, AppState>,
    kind: ExportKind,
    inspection_id: i64,
) -> CmdResult<Document> {
    let db = state.db()?;
    let k = editable(kind)?;
    documents::reset(&db, inspection_id, k)?;
    Ok(documents::compose(&db, inspection_id, k, db::today())?)
}

/// The user's file is copied first, so the preview and the import read the same bytes
/// even if the original changes or its stick is pulled.
fn copy_in(path: &Path) -> CmdResult<PathBuf> {
    let dir = std::env::temp_dir().join("xuncha-import");
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let name = evidence::sanitize_name(&path.file_name().unwrap_or_default().to_string_lossy());
    let copy = dir.join(format!(
        "{}-{name}",
        chrono::Local::now().format("%Y%m%d%H%M%S%3f")
    ));
    std::fs::copy(path, &copy).map_err(|e| Error::io(path, e))?;
    Ok(copy)
}

fn year() -> i32 {
    use chrono::Datelike;
    db::today().year()
}

/// 导入预览 (dry run): what would be created and every problem found. Nothing is written.
#[tauri::command(async)]
pub fn import_preview(app: AppHandle, path: PathBuf) -> CmdResult<ImportPreview> {
    progress(&app, 10, "正在读取台账文件");
    let copy = copy_in(&path)?;
    let plan = import::xlsx::read_ledger(&copy, year())?;
    progress(&app, 100, "已完成");
    Ok(ImportPreview {
        token: copy.display().to_string(),
        has_errors: plan.has_errors(),
        task_count: plan.task_count() as i64,
        file: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        sheet: plan.sheet,
        categories: plan.categories,
        findings: plan.findings,
        people: plan.people,
        units: plan.units,
        issues: plan.issues,
    })
}

/// Imports the previewed file into an inspection (or a new one named `new_name`).
#[tauri::command(async)]
pub fn import_apply(
    app: AppHandle,
    state: State<'_, AppState>,
    token: PathBuf,
    inspection_id: Option<i64>,
    new_name: Option<String>,
) -> CmdResult<ImportOutcome> {
    let dir = std::env::temp_dir().join("xuncha-import");
    if token.parent() != Some(dir.as_path()) || !token.is_file() {
        return Err(Error::invalid("file", "请先预览要导入的台账文件").into());
    }
    let target = match (inspection_id, new_name.filter(|n| !n.trim().is_empty())) {
        (Some(id), _) => Target::Inspection(id),
        (None, Some(name)) => Target::NewInspection(name.trim().to_owned()),
        (None, None) => return Err(Error::invalid("target", "请选择导入到哪次巡察").into()),
    };
    progress(&app, 10, "正在读取台账文件");
    let plan = import::xlsx::read_ledger(&token, year())?;
    progress(&app, 50, "正在写入");
    let out = import::apply(&*state.db()?, &plan, &target, db::today())?;
    progress(&app, 100, "已完成");
    Ok(out)
}
