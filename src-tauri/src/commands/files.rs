//! Files on the user's side: previewing and opening evidence, opening an exported file or
//! its folder with the system's programs (printing goes through the PDF viewer).

use std::path::{Path, PathBuf};

use tauri::ipc::Response;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use super::state::AppState;
use super::{CmdError, CmdResult};
use crate::app::tracking;
use crate::db::evidence;
use crate::domain::Evidence;
use crate::error::ErrorCode;
use crate::Error;

/// Largest file sent to the webview for a preview.
const PREVIEW_MAX: u64 = 30 * 1024 * 1024;

fn find(state: &AppState, task_id: i64, evidence_id: i64) -> CmdResult<(Evidence, PathBuf)> {
    Ok(tracking::evidence_file(
        &*state.db()?,
        task_id,
        evidence_id,
    )?)
}

/// The bytes of an evidence file, for an image or PDF preview in the window.
#[tauri::command(async)]
pub fn evidence_bytes(
    state: State<'_, AppState>,
    task_id: i64,
    evidence_id: i64,
) -> CmdResult<Response> {
    let (e, path) = find(&state, task_id, evidence_id)?;
    if e.size as u64 > PREVIEW_MAX {
        return Err(CmdError::new(
            ErrorCode::TooLarge,
            format!("“{}”太大，无法预览：请用“打开”查看", e.file_name),
        ));
    }
    let bytes = std::fs::read(&path).map_err(|err| {
        Error::invalid(
            "evidence",
            format!("佐证材料“{}”的文件缺失或无法读取：{err}", e.file_name),
        )
    })?;
    Ok(Response::new(bytes))
}

/// Opens an evidence file with the system's program: a copy under its original name is
/// put in the temporary folder, so the store itself is never handed out.
#[tauri::command(async)]
pub fn open_evidence(
    app: AppHandle,
    state: State<'_, AppState>,
    task_id: i64,
    evidence_id: i64,
) -> CmdResult<()> {
    let (e, path) = find(&state, task_id, evidence_id)?;
    let dir = std::env::temp_dir()
        .join("xuncha-evidence")
        .join(e.id.to_string());
    std::fs::create_dir_all(&dir).map_err(|err| Error::io(&dir, err))?;
    let copy = dir.join(evidence::sanitize_name(&e.file_name));
    std::fs::copy(&path, &copy).map_err(|err| Error::io(&copy, err))?;
    open_path(&app, &copy)
}

/// Extensions of the files the app writes and may open.
const OPENABLE: [&str; 4] = ["xlsx", "pdf", "docx", "db"];

/// Whether `path` is a file with one of the extensions `allowed`.
fn check_file(path: &Path, allowed: &[&str]) -> CmdResult<()> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !allowed.contains(&ext.as_str()) || !path.is_file() {
        return Err(Error::invalid("path", format!("无法打开“{}”", path.display())).into());
    }
    Ok(())
}

/// Opens a file the app wrote with the system's program.
pub fn open_path(app: &AppHandle, path: &Path) -> CmdResult<()> {
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| {
            CmdError::new(
                ErrorCode::Open,
                format!("无法用系统程序打开“{}”：{e}", path.display()),
            )
        })
}

/// 打开文件 (and 打印: the PDF opens in the system viewer, which prints).
#[tauri::command(async)]
pub fn open_file(app: AppHandle, path: PathBuf) -> CmdResult<()> {
    check_file(&path, &OPENABLE)?;
    open_path(&app, &path)
}

/// 打开所在文件夹: of a file the app wrote, also an exchange package or an identity file
/// (which no program opens).
#[tauri::command(async)]
pub fn reveal_file(app: AppHandle, path: PathBuf) -> CmdResult<()> {
    let exchange = super::exchange_files::FILE_EXTENSIONS;
    if check_file(&path, &exchange).is_err() {
        check_file(&path, &OPENABLE)?;
    }
    app.opener()
        .reveal_item_in_dir(&path)
        .map_err(|e| CmdError::new(ErrorCode::Open, format!("无法打开所在文件夹：{e}")))
}
