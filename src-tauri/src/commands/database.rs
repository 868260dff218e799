//! The database file as a whole: what is open, opening another (with its password when it
//! is encrypted), the demo, the preferences (operator, strict directory), setting or
//! removing the password, backup to a file the user picks and restore from one.

use std::path::PathBuf;

use tauri::State;

use super::dto::AppInfo;
use super::state::AppState;
use super::{CmdError, CmdResult};
use crate::app::preferences::{self, Preferences};
use crate::app::{inspections, session, today};
use crate::db::backup::BackupSummary;
use crate::db::crypto::{PasswordChange, MIN_PASSWORD_CHARS};
use crate::error::ErrorCode;
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
            locked_path: None,
            encrypted: db.is_encrypted(),
            min_password_chars: MIN_PASSWORD_CHARS,
            operator: session::operator(&db),
            today: today(),
            version,
            inspections: inspections::list(&db)?.len() as i64,
            export_dir,
        }),
        Err(e) => Ok(AppInfo {
            db_path: None,
            open_error: Some(e),
            locked_path: state.locked().map(|p| p.display().to_string()),
            encrypted: false,
            min_password_chars: MIN_PASSWORD_CHARS,
            operator: String::new(),
            today: today(),
            version,
            inspections: 0,
            export_dir,
        }),
    }
}

/// Opens an existing database file the user picked (or the encrypted one the app could
/// not open at start), with `password` if it is encrypted. `PasswordNeeded` tells the UI to
/// ask for the password; a wrong one is refused on the `password` field.
#[tauri::command(async)]
pub fn open_database(
    state: State<'_, AppState>,
    path: PathBuf,
    password: Option<String>,
) -> CmdResult<AppInfo> {
    if !path.is_file() {
        return Err(Error::invalid("path", format!("文件“{}”不存在", path.display())).into());
    }
    state
        .open(&path, password.as_deref())
        .map_err(on_password_field)?;
    app_info(state)
}

/// A wrong password belongs beside the field it was typed into.
pub(super) fn on_password_field(e: CmdError) -> CmdError {
    if e.code == ErrorCode::WrongPassword {
        CmdError {
            field: Some("password".into()),
            ..e
        }
    } else {
        e
    }
}

/// 设置密码 / 修改密码 (`Some`) or 取消加密 (`None`) for the open database. The database and
/// its automatic backups are rewritten; a backup as it was is kept first. The password is
/// held only by the open database, never written to the settings.
#[tauri::command(async)]
pub fn set_database_password(
    state: State<'_, AppState>,
    password: Option<String>,
) -> CmdResult<PasswordChange> {
    Ok(state.db()?.set_password(password.as_deref())?)
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
    state.open(&path, None)?;
    app_info(state)
}

/// Loads the demo inspection; returns its id.
#[tauri::command(async)]
pub fn load_demo(state: State<'_, AppState>) -> CmdResult<i64> {
    Ok(crate::demo::load(&*state.db()?, today())?)
}

/// Stores the operator's name (written into progress entries and the audit log), in force
/// at once: the database stays open.
#[tauri::command(async)]
pub fn set_operator(state: State<'_, AppState>, name: String) -> CmdResult<AppInfo> {
    session::set_operator(&*state.db()?, &name)?;
    app_info(state)
}

/// The 设置 page: the open database's preferences.
#[tauri::command(async)]
pub fn get_preferences(state: State<'_, AppState>) -> CmdResult<Preferences> {
    Ok(preferences::get(&*state.db()?)?)
}

/// Saves the 设置 page.
#[tauri::command(async)]
pub fn save_preferences(state: State<'_, AppState>, prefs: Preferences) -> CmdResult<Preferences> {
    Ok(preferences::save(&*state.db()?, &prefs)?)
}

/// 备份到…: a consistent copy of the database and its evidence at `path`.
#[tauri::command(async)]
pub fn backup_to(state: State<'_, AppState>, path: PathBuf) -> CmdResult<BackupSummary> {
    Ok(session::backup_to(&*state.db()?, &path)?)
}

/// 从备份恢复: the backup's contents (and evidence) are copied into the open database
/// after its current contents are kept as a backup; returns where they were kept. An
/// encrypted backup opens with the database's password, or with `password`.
#[tauri::command(async)]
pub fn restore_from(
    state: State<'_, AppState>,
    path: PathBuf,
    password: Option<String>,
) -> CmdResult<Option<String>> {
    let r = session::restore(&*state.db()?, &path, password.as_deref())
        .map_err(|e| on_password_field(e.into()))?;
    Ok(r.kept_current_as.map(|p| p.display().to_string()))
}
