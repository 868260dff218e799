//! Where the automatic backups are kept (`<db>.backups/`), how their names read, and what
//! each holds, for choosing one to restore.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::super::crypto;
use crate::{Error, Result};

/// Folder of the automatic backups of the database at `db_path`: `<name>.backups/`.
pub fn dir_for(db_path: &Path) -> PathBuf {
    let mut name = db_path.file_name().unwrap_or_default().to_os_string();
    name.push(".backups");
    db_path.with_file_name(name)
}

/// One backup file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub bytes: u64,
    /// Whether the backup is encrypted (restoring it needs its password).
    pub encrypted: bool,
    /// Local time it was made, from its name (xuncha-YYYYMMDD-HHMMSS.db).
    pub made_at: String,
}

/// The automatic backups of `db_path`, newest first.
pub fn list(db_path: &Path) -> Vec<BackupInfo> {
    let dir = dir_for(db_path);
    let mut out: Vec<BackupInfo> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stamp = name
                .strip_prefix("xuncha-")?
                .strip_suffix(".db")?
                .to_owned();
            let stamp = ["before-restore-", "before-password-"]
                .iter()
                .find_map(|p| stamp.strip_prefix(p))
                .unwrap_or(&stamp);
            let at = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok()?;
            Some(BackupInfo {
                path: e.path(),
                bytes: e.metadata().map(|m| m.len()).unwrap_or(0),
                encrypted: crypto::is_encrypted_file(&e.path()),
                made_at: at.format("%Y-%m-%d %H:%M:%S").to_string(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.made_at.cmp(&a.made_at).then(b.path.cmp(&a.path)));
    out
}

/// What a backup file holds, for choosing one to restore.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct BackupCounts {
    pub inspections: i64,
    pub findings: i64,
    pub tasks: i64,
}

/// Counts what the backup at `path` holds, reading it only; `None` when it cannot be read
/// (the list still shows it, and restoring it reports why).
pub fn counts(path: &Path, key: Option<&str>) -> Option<BackupCounts> {
    let c = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    // A backup of an encrypted database is encrypted with the same key.
    let key = key.filter(|_| crypto::is_encrypted_file(path));
    crypto::apply_key(&c, key).ok()?;
    let n = |table: &str| -> Option<i64> {
        c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .ok()
    };
    Some(BackupCounts {
        inspections: n("inspections")?,
        findings: n("findings")?,
        tasks: n("tasks")?,
    })
}

/// The automatic backup of `db_path` called `name`, a file name from [`list`]: a path, a
/// name from another folder or a file that is not a backup is refused, so restoring by
/// name can only ever read one of the listed backups.
pub fn named(db_path: &Path, name: &str) -> Result<BackupInfo> {
    list(db_path)
        .into_iter()
        .find(|b| b.path.file_name().is_some_and(|n| n == name))
        .ok_or_else(|| Error::invalid("name", "没有这个自动备份：请刷新列表后重新选择"))
}
