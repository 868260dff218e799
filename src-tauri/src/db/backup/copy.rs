//! A consistent copy of the database (SQLite's online backup API, safe while the app is
//! writing), encrypted with the database's key when it has one, with its evidence files.

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::Connection;

use super::super::{crypto, evidence, Db};
use crate::{Error, Result};

/// What a backup wrote.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, serde::Serialize)]
pub struct BackupSummary {
    pub path: std::path::PathBuf,
    pub bytes: u64,
    pub evidence_files: u64,
}

/// Writes a consistent copy of `db` to `out` (never over the open database itself), and
/// copies its evidence folder beside it.
pub fn to_file(db: &Db, out: &Path) -> Result<BackupSummary> {
    if let Some(current) = db.path() {
        let same = std::fs::canonicalize(current).ok()
            == out
                .parent()
                .and_then(|p| std::fs::canonicalize(p).ok())
                .map(|p| p.join(out.file_name().unwrap_or_default()));
        if same {
            return Err(Error::invalid(
                "out",
                "备份文件不能是当前正在使用的数据库文件本身",
            ));
        }
    }
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let tmp = out.with_extension("backup-partial");
    let _ = std::fs::remove_file(&tmp);
    db.read(|src| {
        // Read under the connection's lock, which a change of password also holds.
        let key = db.key();
        let mut dst = Connection::open(&tmp)?;
        crypto::apply_key(&dst, key.as_deref())?;
        {
            let backup = Backup::new(src, &mut dst)?;
            backup.run_to_completion(256, Duration::from_millis(5), None)?;
        }
        dst.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    })?;
    std::fs::rename(&tmp, out).map_err(|e| Error::io(out, e))?;
    let mut files = 0;
    if let Some(src_dir) = db.evidence_dir().filter(|d| d.is_dir()) {
        files = copy_tree(&src_dir, &evidence::dir_for(out))?;
    }
    let bytes = std::fs::metadata(out).map_err(|e| Error::io(out, e))?.len();
    Ok(BackupSummary {
        path: out.to_owned(),
        bytes,
        evidence_files: files,
    })
}

pub(super) fn copy_tree(src: &Path, dst: &Path) -> Result<u64> {
    std::fs::create_dir_all(dst).map_err(|e| Error::io(dst, e))?;
    let mut n = 0;
    for entry in std::fs::read_dir(src).map_err(|e| Error::io(src, e))? {
        let entry = entry.map_err(|e| Error::io(src, e))?;
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with(".incoming-") {
            continue;
        }
        let target = dst.join(&name);
        if path.is_dir() {
            n += copy_tree(&path, &target)?;
        } else if !target.exists() {
            // Evidence files never change once stored, so a hard link is a safe copy.
            if std::fs::hard_link(&path, &target).is_err() {
                std::fs::copy(&path, &target).map_err(|e| Error::io(&target, e))?;
            }
            n += 1;
        }
    }
    Ok(n)
}
