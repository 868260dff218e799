//! Setting, changing or removing the database password. The change writes a complete copy
//! of the database with the new key beside it (`sqlcipher_export`), syncs it and renames it
//! over the old file: the path always holds either the old file or the new one, never a
//! half-written one. A backup is kept first, and the automatic backups beside the database
//! are then converted the same way, one by one.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};

use super::crypto::{apply_key, export, open, open_flags, validate_password, PasswordChange};
use super::files::{remove_with_journal, replace_file, suffixed, sync_file};
use super::{audit, backup, Db};
use crate::{Error, Result};

/// Where the new file is written before it replaces the database.
pub(crate) fn partial_path(db_path: &Path) -> PathBuf {
    suffixed(db_path, ".rekey-partial")
}

impl Db {
    /// Encrypts the database with `new` (a plain one), changes its password, or with `None`
    /// removes the password. First keeps a backup made as the file is now; then the change
    /// and its audit row land together in a new file that replaces the old one; then the
    /// automatic backups are converted too, so that none is left readable without the
    /// password (or, after removing it, locked with a password nobody needs any more).
    ///
    /// No other program may have the database open: the change is refused if one has. If the
    /// file cannot be opened again afterwards (the disk was removed), this `Db` refuses every
    /// later operation and the file must be opened anew.
    pub fn set_password(&self, new: Option<&str>) -> Result<PasswordChange> {
        let Some(path) = self.path.clone() else {
            return Err(Error::invalid("password", "内存中的数据库不能设置密码"));
        };
        if let Some(p) = new {
            validate_password(p)?;
        }
        // One change at a time; the key cannot change under it otherwise.
        let _one = self.rekeying.lock().unwrap_or_else(|p| p.into_inner());
        let old = self.key();
        let action = match (&old, new) {
            (None, None) => return Err(Error::Conflict("数据库没有设置密码，无需取消".into())),
            (None, Some(_)) => "encrypt",
            (Some(_), Some(_)) => "change_password",
            (Some(_), None) => "decrypt",
        };
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let safety = backup::dir_for(&path).join(format!("xuncha-before-password-{stamp}.db"));
        backup::to_file(self, &safety)?;
        {
            let mut conn = self.lock();
            let current = std::mem::replace(&mut *conn, closed_placeholder()?);
            let rewritten = rewrite(current, &path, new, |tx| {
                let was = serde_json::json!({ "encrypted": old.is_some() });
                let now = serde_json::json!({ "encrypted": new.is_some() });
                audit::append(
                    tx,
                    None,
                    &self.operator(),
                    action,
                    "database",
                    None,
                    Some(was.to_string()),
                    Some(now.to_string()),
                )
                .map(drop)
            });
            let in_force = if rewritten.is_ok() {
                new
            } else {
                old.as_deref()
            };
            let (reopened, _) = open(&path, open_flags(), in_force)?;
            *conn = super::prepare(reopened, Some(&path))?;
            rewritten?;
            *self.key.lock().unwrap_or_else(|p| p.into_inner()) = new.map(str::to_owned);
        }
        let (converted, skipped) = convert_backups(&path, old.as_deref(), new);
        Ok(PasswordChange {
            encrypted: new.is_some(),
            safety_backup: safety,
            backups_converted: converted,
            backups_skipped: skipped,
        })
    }
}

/// Stands in for the connection while the file is replaced: it has no tables and refuses to
/// write, so nothing can be read from or written to the wrong place.
fn closed_placeholder() -> Result<Connection> {
    let c = Connection::open_in_memory()?;
    c.pragma_update(None, "query_only", "ON")?;
    Ok(c)
}

/// Replaces the database file at `path` (open on `conn`, which is consumed) with a copy
/// keyed with `key`, with the audit row `audit` writes in it.
fn rewrite(
    conn: Connection,
    path: &Path,
    key: Option<&str>,
    audit: impl FnOnce(&Connection) -> Result<()>,
) -> Result<()> {
    let tmp = partial_path(path);
    let result = (|| {
        take_sole_access(&conn)?;
        export(&conn, &tmp, key)?;
        let copy = Connection::open_with_flags(&tmp, open_flags())?;
        apply_key(&copy, key)?;
        let mut copy = copy;
        let tx = copy.transaction_with_behavior(TransactionBehavior::Immediate)?;
        audit(&tx)?;
        tx.commit()?;
        drop(copy);
        sync_file(&tmp)?;
        // The old connection is closed before the rename: Windows cannot replace an open file.
        drop(conn);
        replace_file(&tmp, path)
    })();
    if result.is_err() {
        remove_with_journal(&tmp);
    }
    result
}

/// Leaves WAL mode (which checkpoints and removes the WAL, so no stale log can be applied to
/// the new file) and holds an exclusive lock until the connection closes. SQLite refuses to
/// leave WAL mode while another connection has the file open: that is the moment to stop,
/// because that program would go on writing into the old file after it is replaced.
fn take_sole_access(conn: &Connection) -> Result<()> {
    let in_use = || {
        Error::Conflict(
            "数据库正被另一个程序使用（例如桌面程序或另一个命令）：请先关闭它，再设置或修改密码"
                .into(),
        )
    };
    conn.busy_timeout(std::time::Duration::from_millis(500))?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                in_use()
            }
            _ => e.into(),
        })?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(in_use());
    }
    conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;")
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                in_use()
            }
            _ => e.into(),
        })
}

/// Rewrites every automatic backup of the database at `db_path` with the key `new` (plain
/// for `None`) after its password changed from `old`. Each is replaced whole, like the
/// database. Returns how many were converted and how many were skipped because `old` does
/// not open them (made under an earlier password) or they could not be rewritten.
fn convert_backups(db_path: &Path, old: Option<&str>, new: Option<&str>) -> (usize, usize) {
    let (mut converted, mut skipped) = (0, 0);
    for b in backup::list(db_path) {
        if !b.encrypted && new.is_none() {
            continue;
        }
        let key = if b.encrypted { old } else { None };
        let tmp = b.path.with_extension("backup-partial");
        let done = (|| -> Result<()> {
            let (conn, _) = open(&b.path, open_flags(), key)?;
            export(&conn, &tmp, new)?;
            drop(conn);
            replace_file(&tmp, &b.path)
        })();
        match done {
            Ok(()) => converted += 1,
            Err(_) => {
                remove_with_journal(&tmp);
                skipped += 1;
            }
        }
    }
    (converted, skipped)
}

#[cfg(test)]
#[path = "password_tests.rs"]
mod tests;
