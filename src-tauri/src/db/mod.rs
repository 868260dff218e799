//! The SQLite store: one database file, opened once with safe pragmas, migrated forward,
//! and written only through [`Db::write`], which wraps every change in one transaction
//! together with its audit-log rows.

pub mod audit;
pub mod backup;
pub mod board;
pub mod closeout;
pub mod crypto;
pub mod directory;
pub mod drafts;
pub mod evidence;
pub mod exchange;
mod files;
pub mod fill_in;
pub mod findings;
pub mod import_mappings;
pub mod inspections;
pub mod leads;
pub mod ledger;
pub mod letters;
pub mod migrations;
mod password;
pub mod progress;
pub mod recorded_closeout;
pub mod records;
pub mod settings;
pub mod stats;
pub mod tasks;
pub mod unit_work;
mod util;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, RwLock};

use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::Serialize;

use crate::domain::DirectoryKind;
use crate::{Error, Result};

/// An open database. Cheap to share behind a reference; all access is serialised.
pub struct Db {
    conn: Mutex<Connection>,
    /// The password of an encrypted file (`None`: a plain file). Backups use it too.
    key: Mutex<Option<String>>,
    /// Held for the whole of a change of password.
    rekeying: Mutex<()>,
    path: Option<PathBuf>,
    /// Who is at the keyboard: changeable while the database stays open.
    operator: RwLock<String>,
}

/// A write in progress: the transaction plus the audit trail it must leave.
pub struct WriteTx<'a> {
    tx: Transaction<'a>,
    operator: String,
    audited: bool,
    /// The hash of the last audit row this transaction appended.
    last_hash: Option<String>,
    /// Names this transaction found in (or added to) the directory, which only grows.
    in_directory: HashSet<(DirectoryKind, String)>,
}

/// The operator written for a write made before anyone gave their name.
pub const UNSIGNED: &str = "未署名";

impl Db {
    /// Opens (creating if needed) the database at `path` and migrates it forward. An
    /// encrypted file gives [`Error::PasswordNeeded`]: use [`Db::open_with_password`].
    pub fn open(path: &Path) -> Result<Db> {
        Self::open_with_password(path, None)
    }

    /// Opens (creating if needed) the database at `path`, with `password` if the file is
    /// encrypted ([`crypto::is_encrypted_file`] tells beforehand whether to ask for one), and
    /// migrates it forward. A password given for a plain or new file is not used: a new
    /// database starts plain, and [`Db::set_password`] encrypts it.
    ///
    /// Errors: [`Error::PasswordNeeded`] (encrypted, no password), [`Error::WrongPassword`]
    /// (the password does not open it), [`Error::BadDatabase`] (not a usable database).
    pub fn open_with_password(path: &Path, password: Option<&str>) -> Result<Db> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let (conn, key) = crypto::open(path, crypto::open_flags(), password)?;
        let mut conn = prepare(conn, Some(path))?;
        sweep_evidence(&mut conn, &evidence::dir_for(path));
        // A copy left by an interrupted password change (it may hold the data unencrypted).
        files::remove_with_journal(&password::partial_path(path));
        Self::assemble(conn, Some(path.to_owned()), key)
    }

    /// An in-memory database (unit tests and benchmarks).
    pub fn open_in_memory() -> Result<Db> {
        let conn = prepare(Connection::open_in_memory()?, None)?;
        Self::assemble(conn, None, None)
    }

    fn assemble(conn: Connection, path: Option<PathBuf>, key: Option<String>) -> Result<Db> {
        let operator = settings::get(&conn, settings::OPERATOR)?.unwrap_or_default();
        Ok(Db {
            conn: Mutex::new(conn),
            key: Mutex::new(key),
            rekeying: Mutex::new(()),
            path,
            operator: RwLock::new(operator),
        })
    }

    /// The database file, if not in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The name written into the audit log and progress entries.
    pub fn operator(&self) -> String {
        let name = self.operator.read().unwrap_or_else(|p| p.into_inner());
        if name.is_empty() {
            UNSIGNED.to_owned()
        } else {
            name.clone()
        }
    }

    /// Whether an operator name has been set.
    pub fn has_operator(&self) -> bool {
        !self
            .operator
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .is_empty()
    }

    /// Sets the operator for this session and stores it as the default, without reopening
    /// the database.
    pub fn set_operator(&self, name: &str) -> Result<()> {
        let name = name.trim().to_owned();
        crate::domain::validate::required_text("operator", "操作人", &name, 50)?;
        self.write(|tx| settings::set_in_tx(tx, settings::OPERATOR, &name))?;
        self.use_operator(&name);
        Ok(())
    }

    /// Uses `name` as the operator for this session only.
    pub fn use_operator(&self, name: &str) {
        *self.operator.write().unwrap_or_else(|p| p.into_inner()) = name.trim().to_owned();
    }

    /// Uses `name` as the operator for this session only.
    pub fn with_operator(self, name: &str) -> Db {
        self.use_operator(name);
        self
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-written transaction behind
        // (it rolls back on drop), so the poisoned connection is still sound to use.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` with read access.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.lock();
        f(&conn)
    }

    /// Runs `f` in one immediate transaction; commits only if `f` succeeds.
    pub fn write<T>(&self, f: impl FnOnce(&mut WriteTx<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut wtx = WriteTx {
            tx,
            operator: self.operator(),
            audited: false,
            last_hash: None,
            in_directory: HashSet::new(),
        };
        let out = f(&mut wtx)?;
        debug_assert!(wtx.audited, "every write leaves an audit row");
        wtx.tx.commit()?;
        Ok(out)
    }

    /// Folder where evidence files of this database are stored by hash.
    pub fn evidence_dir(&self) -> Option<PathBuf> {
        self.path.as_ref().map(|p| evidence::dir_for(p))
    }
}

impl WriteTx<'_> {
    /// The open transaction.
    pub fn conn(&self) -> &Connection {
        &self.tx
    }

    /// The operator making this write.
    pub fn operator(&self) -> &str {
        &self.operator
    }

    /// Runs `f` as one step that is undone alone when it fails (a savepoint): the rest of
    /// the transaction, and the audit chain, stay as they were before the step.
    pub fn step<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let (last_hash, audited) = (self.last_hash.clone(), self.audited);
        let directory = self.in_directory.clone();
        self.tx.execute_batch("SAVEPOINT step")?;
        match f(self) {
            Ok(v) => {
                self.tx.execute_batch("RELEASE step")?;
                Ok(v)
            }
            Err(e) => {
                self.tx.execute_batch("ROLLBACK TO step; RELEASE step")?;
                (self.last_hash, self.audited, self.in_directory) = (last_hash, audited, directory);
                Err(e)
            }
        }
    }

    /// Writes the next changes in the name of `operator` (a change received from another
    /// copy is recorded as its author's); returns the previous name to restore.
    pub fn act_as(&mut self, operator: &str) -> String {
        std::mem::replace(&mut self.operator, operator.to_owned())
    }

    /// Appends an audit row for a change of `entity` `id` (before/after as JSON).
    pub fn audit<B: Serialize, A: Serialize>(
        &mut self,
        action: &str,
        entity: &str,
        id: Option<i64>,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<()> {
        let before = before.map(serde_json::to_string).transpose()?;
        let after = after.map(serde_json::to_string).transpose()?;
        let last = self.last_hash.take();
        self.last_hash = Some(audit::append(
            &self.tx,
            last,
            &self.operator,
            action,
            entity,
            id,
            before,
            after,
        )?);
        self.audited = true;
        Ok(())
    }
}

/// Sets the pragmas on a connection just opened (and keyed) and migrates it forward.
fn prepare(mut conn: Connection, path: Option<&Path>) -> Result<Connection> {
    let bad = |e: rusqlite::Error| Error::BadDatabase {
        path: path.map(Path::to_owned).unwrap_or_default(),
        reason: describe_open_error(&e),
    };
    // The user's only copy: full sync, WAL so readers never block the writer.
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(bad)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(bad)?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(bad)?;
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(bad)?;
    // Lists and counts scan whole tables: keep up to 64 MiB of pages in memory (2 MiB by
    // default, less than the tasks of one large inspection), so a second scan reads no file
    // and, when encrypted, decrypts no page again.
    conn.pragma_update(None, "cache_size", -65536)
        .map_err(bad)?;
    // Every query of the store is prepared once per connection and kept (lists prepare
    // three statements per filter shape).
    conn.set_prepared_statement_cache_capacity(64);
    migrations::migrate(&mut conn, path)?;
    Ok(conn)
}

/// Removes files left by an interrupted write, under the write lock. Best effort: when
/// another process holds the lock, the sweep waits for a later start.
fn sweep_evidence(conn: &mut Connection, dir: &Path) {
    if !dir.is_dir() {
        return;
    }
    let _ = conn.busy_timeout(std::time::Duration::from_millis(200));
    if let Ok(tx) = conn.transaction_with_behavior(TransactionBehavior::Immediate) {
        let _ = evidence::sweep(&tx, dir);
        let _ = tx.commit();
    }
    let _ = conn.busy_timeout(std::time::Duration::from_secs(5));
}

/// Explains SQLite's open errors in the user's terms.
pub(crate) fn describe_open_error(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        Some(NotADatabase) => "这不是巡察整改台账的数据库文件，或文件已损坏".into(),
        Some(DatabaseCorrupt) => "数据库文件已损坏".into(),
        Some(ReadOnly) | Some(CannotOpen) | Some(PermissionDenied) => {
            "文件无法写入（只读或没有权限）".into()
        }
        Some(DatabaseBusy) | Some(DatabaseLocked) => "文件正被另一个程序占用".into(),
        Some(DiskFull) => "磁盘空间已满".into(),
        Some(SystemIoFailure) => "读写文件时出错（可能是磁盘空间已满或存储设备故障）".into(),
        _ => e.to_string(),
    }
}

/// Today's date for derived values. `XUNCHA_TODAY=YYYY-MM-DD` fixes it (tests, demos).
pub fn today() -> chrono::NaiveDate {
    std::env::var("XUNCHA_TODAY")
        .ok()
        .and_then(|s| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The current local time as stored in records and the audit log
/// (`2025-06-15T09:30:00.000+08:00`).
pub fn now() -> String {
    use chrono::{Offset, TimeZone};
    // Asking the system for the local offset costs more than the rest of a small write; it
    // is asked at most once a second (a change of time zone shows within a second).
    static OFFSET: Mutex<Option<(std::time::Instant, chrono::FixedOffset)>> = Mutex::new(None);
    let utc = chrono::Utc::now();
    let offset = {
        let mut cached = OFFSET.lock().unwrap_or_else(|p| p.into_inner());
        match *cached {
            Some((at, offset)) if at.elapsed() < std::time::Duration::from_secs(1) => offset,
            _ => {
                let offset = chrono::Local
                    .offset_from_utc_datetime(&utc.naive_utc())
                    .fix();
                *cached = Some((std::time::Instant::now(), offset));
                offset
            }
        }
    };
    utc.with_timezone(&offset)
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, false)
}
