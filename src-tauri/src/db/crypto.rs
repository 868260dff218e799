//! Optional encryption of the whole database at rest with a password (SQLCipher).
//!
//! Without a password the database is a plain SQLite file, as it always was. With one, every
//! page of the file is encrypted, and so is every backup made from it, so a lost laptop or USB
//! stick gives nothing away. The evidence folder (`<db>.files/`) is not encrypted.
//!
//! Setting, changing or removing the password writes a complete copy of the database with
//! the new key beside it (`sqlcipher_export`), syncs it and renames it over the old file: the
//! path always holds either the old file or the new one, never a half-written one. The
//! automatic backups beside the database are then converted the same way, one by one.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OpenFlags, TransactionBehavior};

use super::{audit, backup, migrations, Db};
use crate::{Error, Result};

/// Shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 6;
/// Longest password accepted, in characters.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// The first 16 bytes of every plain SQLite database file. An encrypted file starts with
/// random salt instead.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Whether the file at `path` is an encrypted database, so the password must be asked for
/// before opening it. A missing or empty file (a new database), a plain SQLite file and a
/// file that cannot be a database at all (not whole pages) are not encrypted.
pub fn is_encrypted_file(path: &Path) -> bool {
    let Ok(mut f) = File::open(path) else {
        return false;
    };
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    // A database file is always whole pages of at least 512 bytes.
    if len < 512 || len % 512 != 0 {
        return false;
    }
    let mut head = [0u8; 16];
    f.read_exact(&mut head).is_ok() && &head != PLAIN_HEADER
}

/// Checks a new password against the rules. The password itself never appears in a message.
pub fn validate_password(password: &str) -> Result<()> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(Error::invalid(
            "password",
            format!("密码至少{MIN_PASSWORD_CHARS}个字符"),
        ));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(Error::invalid(
            "password",
            format!("密码不能超过{MAX_PASSWORD_CHARS}个字符"),
        ));
    }
    if password.chars().any(char::is_control) {
        return Err(Error::invalid("password", "密码不能包含换行等控制字符"));
    }
    Ok(())
}

/// Sets the key of a connection just opened, before any statement reads the file.
pub(crate) fn apply_key(conn: &Connection, key: Option<&str>) -> rusqlite::Result<()> {
    // SQLCipher would also print a failed decryption on stderr; callers say it in Chinese.
    // The level is set again after the key: SQLCipher resets it when it first starts up.
    conn.execute_batch("PRAGMA cipher_log_level = NONE")?;
    if let Some(key) = key {
        conn.pragma_update(None, "key", key)?;
        conn.execute_batch("PRAGMA cipher_log_level = NONE")?;
    }
    Ok(())
}

/// Opens the database file at `path`, keyed with `password` when the file is encrypted, and
/// checks that the password opens it. Returns the connection and the key in force: `None`
/// for a plain (or new) file, for which a password given is not used.
pub(crate) fn open(
    path: &Path,
    flags: OpenFlags,
    password: Option<&str>,
) -> Result<(Connection, Option<String>)> {
    let key = match (is_encrypted_file(path), password) {
        (false, _) => None,
        (true, Some(p)) => Some(p),
        (true, None) => {
            return Err(Error::PasswordNeeded {
                path: path.to_owned(),
            })
        }
    };
    let bad = |e: rusqlite::Error| Error::BadDatabase {
        path: path.to_owned(),
        reason: super::describe_open_error(&e),
    };
    let conn = Connection::open_with_flags(path, flags).map_err(bad)?;
    apply_key(&conn, key).map_err(bad)?;
    if key.is_some() {
        // SQLCipher only reads (and so decrypts) the file at the first statement.
        let first = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        });
        if let Err(e) = first {
            return Err(match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => Error::WrongPassword {
                    path: path.to_owned(),
                },
                _ => bad(e),
            });
        }
    }
    Ok((conn, key.map(str::to_owned)))
}

/// Writes a complete copy of the database open on `conn` to the new file `out`, encrypted
/// with `key` (plain for `None`), and syncs it to disk.
pub(crate) fn export(conn: &Connection, out: &Path, key: Option<&str>) -> Result<()> {
    let name = out
        .to_str()
        .ok_or_else(|| Error::invalid("path", "文件路径含有无法识别的字符，请换一个文件夹"))?;
    remove_with_journal(out);
    let version = migrations::user_version(conn)?;
    // KEY '' makes a plain file; without a KEY clause the copy would take the current key.
    conn.execute(
        "ATTACH DATABASE ?1 AS xuncha_export KEY ?2",
        params![name, key.unwrap_or("")],
    )?;
    let copied = conn.execute_batch(&format!(
        "BEGIN IMMEDIATE;
         SELECT sqlcipher_export('xuncha_export');
         PRAGMA xuncha_export.user_version = {version};
         COMMIT;"
    ));
    if copied.is_err() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    let detached = conn.execute_batch("DETACH DATABASE xuncha_export");
    // sqlcipher_export copies the schema and every row but not the schema version, set above.
    copied?;
    detached?;
    sync_file(out)
}

/// Removes a file and the rollback journal SQLite may have left beside it.
pub(crate) fn remove_with_journal(path: &Path) {
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_file(suffixed(path, "-journal"));
}

/// `path` with `suffix` appended to its file name.
pub(crate) fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

fn sync_file(path: &Path) -> Result<()> {
    File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(path, e))
}

/// Renames `tmp` over `path` and syncs the folder, so the rename itself survives a crash.
pub(crate) fn replace_file(tmp: &Path, path: &Path) -> Result<()> {
    std::fs::rename(tmp, path).map_err(|e| Error::io(path, e))?;
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Best effort: some file systems (network shares) refuse to sync a folder.
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}

/// Where the new file is written before it replaces the database.
pub(crate) fn partial_path(db_path: &Path) -> PathBuf {
    suffixed(db_path, ".rekey-partial")
}

/// What [`Db::set_password`] did.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, serde::Serialize)]
pub struct PasswordChange {
    /// Whether the database is encrypted now.
    pub encrypted: bool,
    /// The copy of the database made (with the old password, or none) before the change.
    pub safety_backup: PathBuf,
    /// Automatic backups rewritten with the new password (or without one).
    pub backups_converted: usize,
    /// Automatic backups left as they were because the old password does not open them.
    pub backups_skipped: usize,
}

impl Db {
    /// Whether the file at `path` is encrypted, so a password must be asked for before
    /// [`Db::open_with_password`]. Reads only the file's first bytes.
    pub fn is_encrypted_file(path: &Path) -> bool {
        is_encrypted_file(path)
    }

    /// Whether this database is encrypted with a password.
    pub fn is_encrypted(&self) -> bool {
        self.key().is_some()
    }

    /// The key in force, for backups made from this database.
    pub(crate) fn key(&self) -> Option<String> {
        self.key.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

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
                    self.operator(),
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
        let (converted, skipped) = backup::convert_all(&path, old.as_deref(), new);
        Ok(PasswordChange {
            encrypted: new.is_some(),
            safety_backup: safety,
            backups_converted: converted,
            backups_skipped: skipped,
        })
    }
}

/// How a database file is opened.
pub(crate) fn open_flags() -> OpenFlags {
    OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
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

#[cfg(test)]
#[path = "crypto_tests.rs"]
mod tests;
