//! Automatic rolling backups: one a day before the first change, the last [`KEEP`] kept.

use std::path::Path;

use super::super::{evidence, Db};
use super::catalog::{dir_for, list};
use super::copy::{to_file, BackupSummary};
use crate::Result;

/// How many automatic backups are kept.
pub const KEEP: usize = 10;

/// Makes an automatic backup unless the newest is younger than `min_age`; keeps the last
/// [`KEEP`]. Returns the new backup, if one was made.
pub fn auto(db: &Db, min_age: chrono::Duration) -> Result<Option<BackupSummary>> {
    let Some(path) = db.path() else {
        return Ok(None);
    };
    let now = chrono::Local::now().naive_local();
    if let Some(newest) = list(path).first() {
        let at = chrono::NaiveDateTime::parse_from_str(&newest.made_at, "%Y-%m-%d %H:%M:%S");
        if at.is_ok_and(|at| now - at < min_age) {
            return Ok(None);
        }
    }
    let dir = dir_for(path);
    let out = dir.join(format!("xuncha-{}.db", now.format("%Y%m%d-%H%M%S")));
    if out.exists() {
        return Ok(None);
    }
    let summary = to_file(db, &out)?;
    prune(path, KEEP);
    Ok(Some(summary))
}

/// Removes all but the newest `keep` automatic backups, and leftovers of interrupted ones.
fn prune(db_path: &Path, keep: usize) {
    let dir = dir_for(db_path);
    for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        if e.file_name().to_string_lossy().ends_with(".backup-partial") {
            let _ = std::fs::remove_file(e.path());
        }
    }
    for old in list(db_path).into_iter().skip(keep) {
        let _ = std::fs::remove_file(&old.path);
        let _ = std::fs::remove_dir_all(evidence::dir_for(&old.path));
    }
}
