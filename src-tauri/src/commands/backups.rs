//! 自动备份: the rolling copies the app keeps beside the database (`<db>.backups/`), listed
//! with what each holds, made on demand, and restored by name — only a name from the list,
//! so no path from the UI is ever opened.

use tauri::State;

use super::database::on_password_field;
use super::state::AppState;
use super::CmdResult;
use crate::app::{session, AutoBackup};
use crate::error::ErrorCode;
use crate::Error;

/// The automatic backups of the open database, newest first.
#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>) -> CmdResult<Vec<AutoBackup>> {
    Ok(session::backups(&*state.db()?))
}

/// The automatic backups of the database that could not be opened (damaged, or not a
/// database), for the start page's way out. Empty when the last open did not fail.
#[tauri::command(async)]
pub fn unusable_database_backups(state: State<'_, AppState>) -> CmdResult<Vec<AutoBackup>> {
    Ok(state
        .failed()
        .map(|p| session::backups_of(&p, None))
        .unwrap_or_default())
}

/// Puts the automatic backup `name` in place of the database that could not be opened and
/// opens it; the unusable file is kept beside it. Returns the name it was kept under. An
/// encrypted backup then waits for its password like any encrypted database.
#[tauri::command(async)]
pub fn recover_from_backup(state: State<'_, AppState>, name: String) -> CmdResult<Option<String>> {
    let path = state
        .failed()
        .ok_or_else(|| Error::invalid("name", "没有无法打开的数据库需要恢复"))?;
    let kept = session::recover(&path, &name)?;
    match state.open(&path, None) {
        Ok(_) => {}
        Err(e) if e.code == ErrorCode::PasswordNeeded => {}
        Err(e) => return Err(e),
    }
    Ok(kept.and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())))
}

/// 立即备份: an automatic backup now (the oldest beyond the kept number is removed);
/// returns the list.
#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>) -> CmdResult<Vec<AutoBackup>> {
    Ok(session::backup_now(&*state.db()?)?)
}

/// Restores the automatic backup `name` (a name from [`list_backups`]); the current data
/// is kept as a backup first. An encrypted backup opens with the database's password, or
/// with `password` for one made under an earlier password (`WrongPassword` or
/// `PasswordNeeded` tell the UI to ask for it). Returns the name it was kept under.
#[tauri::command(async)]
pub fn restore_backup(
    state: State<'_, AppState>,
    name: String,
    password: Option<String>,
) -> CmdResult<Option<String>> {
    let r = session::restore_named(&*state.db()?, &name, password.as_deref())
        .map_err(|e| on_password_field(e.into()))?;
    Ok(r.kept_current_as
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())))
}
