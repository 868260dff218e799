//! The database file as a whole: what is open, opening another, the demo, the operator's
//! name, backup to a file the user picks and restore from one.

use std::path::{Path, PathBuf};

use tauri::State;

use super::dto::AppInfo;
use super::state::AppState;
use super::CmdResult;
use crate::db::{self, backup::BackupSummary, inspections, settings};
use crate::Error;

/// What is open, for the title bar and the start page.
#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    let s = state.settings();
    let export_dir = s.export_dir.map(|p| p.display().to_string());
    let version = env!("CARGO_PKG_VERSION").to_owned();
    match state.db() {
        Ok(db) => Ok(AppInfo {
            db_path: db.path().map(|p| p.display().to_string()),
            open_error: None,
            operator: if db.has_operator() {
                db.operator().to_owned()
            } else {
                String::new()
            },
            today: db::today(),
            version,
            inspections: db.read(inspections::list)?.len() as i64,
            export_dir,
        }),
        Err(e) => Ok(AppInfo {
            db_path: None,
            open_error: Some(e),
            operator: String::new(),
            today: db::today(),
            version,
            inspections: 0,
            export_dir,
        }),
    }
}

/// Opens an existing database file the user picked.
#[tauri::command(async)]
pub fn open_database(state: State<'_, AppState>, path: PathBuf) -> CmdResult<AppInfo> {
    if !path.is_file() {
        return Err(Error::invalid("path", format!("文件“{}”不存在", path.display())).into());
    }
    state.open(&path)?;
    app_info(state)
}

/// Creates a new, empty database at a path the user picked.
#[tauri::command(async)]
pub fn new_database(state: State<'_, AppState>, path: PathBuf) -> CmdResult<AppInfo> {
    if path.exists() {
        return Err(Error::invalid(
            "path",
            format!("文件“{}”已存在：请换一个文件名，或用“打开”", path.display()),
        )
        .into());
    }
    state.open(&path)?;
    app_info(state)
}

/// Loads the demo inspection; returns its id.
#[tauri::command(async)]
pub fn load_demo(state: State<'_, AppState>) -> CmdResult<i64> {
    Ok(crate::demo::load(&*state.db()?, db::today())?)
}

/// Stores the operator's name (written into progress entries and the audit log).
#[tauri::command(async)]
pub fn set_operator(state: State<'_, AppState>, name: String) -> CmdResult<AppInfo> {
    let db = state.db()?;
    let name = name.trim().to_owned();
    crate::domain::validate::required_text("operator", "操作人", &name, 50)?;
    db.write(|tx| settings::set_in_tx(tx, settings::OPERATOR, &name))?;
    // The operator is read when the database is opened: reopen to use the new name.
    if let Some(path) = db.path().map(Path::to_owned) {
        drop(db);
        state.open(&path)?;
    }
    app_info(state)
}

/// 备份到…: a consistent copy of the database and its evidence at `path`.
#[tauri::command(async)]
pub fn backup_to(state: State<'_, AppState>, path: PathBuf) -> CmdResult<BackupSummary> {
    Ok(db::backup::to_file(&*state.db()?, &path)?)
}

/// 从备份恢复: the backup's contents (and evidence) are copied into the open database
/// after its current contents are kept as a backup; returns where they were kept.
#[tauri::command(async)]
pub fn restore_from(state: State<'_, AppState>, path: PathBuf) -> CmdResult<Option<String>> {
    if !path.is_file() {
        return Err(Error::invalid("path", format!("备份文件“{}”不存在", path.display())).into());
    }
    let kept = super::backups::restore_keeping_operator(&*state.db()?, &path)?;
    Ok(kept.map(|p| p.display().to_string()))
}
