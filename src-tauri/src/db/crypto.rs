//! Optional encryption of the whole database at rest with a password (SQLCipher): the
//! password rules, telling an encrypted file from a plain one, opening a file with its key,
//! and writing a copy of a database under another key.
//!
//! Without a password the database is a plain SQLite file, as it always was. With one, every
//! page of the file is encrypted, and so is every backup made from it, so a lost laptop or USB
//! stick gives nothing away. The evidence folder (`<db>.files/`) is not encrypted. Setting or
//! changing the password is [`super::password`].

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OpenFlags};

use super::files::{remove_with_journal, sync_file};
use super::{migrations, Db};
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

/// How a database file is opened.
pub(crate) fn open_flags() -> OpenFlags {
    OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
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
}
