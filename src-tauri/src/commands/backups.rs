//! 自动备份: the rolling copies the app keeps beside the database (`<db>.backups/`), listed
//! with what each holds, made on demand, and restored by name — only a name from the list,
//! so no path from the UI is ever opened.

use tauri::State;

use super::dto::AutoBackup;
use super::state::AppState;
use super::CmdResult;
use crate::db::{backup, settings, Db};
use crate::Error;

/// The automatic backups of the open database, newest first.
#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>) -> CmdResult<Vec<AutoBackup>> {
    let db = state.db()?;
    Ok(listed(&db))
}

fn listed(db: &Db) -> Vec<AutoBackup> {
    match db.path() {
        Some(path) => listed_for(path, db.key().as_deref()),
        None => vec![],
    }
}

/// The automatic backups of the database that could not be opened (damaged, or not a
/// database), for the start page's way out. Empty when the last open did not fail.
#[tauri::command(async)]
pub fn unusable_database_backups(state: State<'_, AppState>) -> CmdResult<Vec<AutoBackup>> {
    Ok(state
        .failed()
        .map(|p| listed_for(&p, None))
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
    let kept = backup::recover(&path, &name)?;
    match state.open(&path, None) {
        Ok(_) => {}
        Err(e) if e.code == "PasswordNeeded" => {}
        Err(e) => return Err(e),
    }
    Ok(kept.and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())))
}

fn listed_for(path: &std::path::Path, key: Option<&str>) -> Vec<AutoBackup> {
    backup::list(path)
        .into_iter()
        .map(|b| {
            let name = b
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            AutoBackup {
                before_restore: name.starts_with("xuncha-before-restore-"),
                before_password: name.starts_with("xuncha-before-password-"),
                encrypted: b.encrypted,
                counts: backup::counts(&b.path, key),
                name,
                made_at: b.made_at,
                bytes: b.bytes,
            }
        })
        .collect()
}

/// 立即备份: an automatic backup now (the oldest beyond the kept number is removed);
/// returns the list.
#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>) -> CmdResult<Vec<AutoBackup>> {
    let db = state.db()?;
    backup::auto(&db, chrono::Duration::zero())?;
    Ok(listed(&db))
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
    let db = state.db()?;
    let path = db
        .path()
        .ok_or_else(|| Error::invalid("name", "当前数据库没有自动备份"))?;
    let from = backup::named(path, &name)?;
    let kept = restore_keeping_operator(&db, &from.path, password.as_deref())
        .map_err(|e| super::database::on_password_field(e.into()))?;
    Ok(kept.and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())))
}

/// Restores `from` (with `password` if it is encrypted under another password than the
/// database's) into `db`; the operator is the person at this computer, not part of the
/// data, so a backup made before the name was set does not make the app ask again.
pub(super) fn restore_keeping_operator(
    db: &Db,
    from: &std::path::Path,
    password: Option<&str>,
) -> crate::Result<Option<std::path::PathBuf>> {
    let operator = db.has_operator().then(|| db.operator().to_owned());
    let r = backup::restore_with_password(db, from, password)?;
    if let Some(name) = operator {
        if db.read(|c| settings::get(c, settings::OPERATOR))?.is_none() {
            db.write(|tx| settings::set_in_tx(tx, settings::OPERATOR, &name))?;
        }
    }
    Ok(r.kept_current_as)
}
