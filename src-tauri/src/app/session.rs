//! The open database as a whole, the same for the CLI and the desktop: opening (a command
//! that only reads never creates a file), the daily safety backup before the first change
//! of a day, who the operator is, backups, restore and recovery.

use std::path::{Path, PathBuf};

use super::views::AutoBackup;
use crate::db::{self, backup, settings, Db};
use crate::{Error, Result};

/// What the caller means to do with the database it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Only reads: a file that does not exist is refused, and nothing is created.
    Read,
    /// May write: a file that does not exist is created (a new, empty database).
    Write,
}

/// Opens the database at `path` (with `password` if it is encrypted) and migrates it
/// forward. With [`Access::Read`], a missing file is refused with a message that names it,
/// and neither the file nor its folder is created (a typo must not leave an empty
/// database behind).
pub fn open(path: &Path, password: Option<&str>, access: Access) -> Result<Db> {
    if access == Access::Read && !path.is_file() {
        return Err(Error::NotFound(format!(
            "数据库文件“{}”不存在：请检查路径，或先新建数据库（xuncha init）",
            path.display()
        )));
    }
    Db::open_with_password(path, password)
}

/// The daily safety copy: before the first change of each day the database is backed up
/// beside itself (kept: the last [`backup::KEEP`]). An empty database needs none. Returns
/// the backup made, if one was.
pub fn daily_backup(db: &Db) -> Result<Option<db::backup::BackupSummary>> {
    let has_data = db.read(|c| Ok(db::audit::recent(c, None, 1)?.len()))? > 0;
    if !has_data {
        return Ok(None);
    }
    backup::auto(db, chrono::Duration::hours(24))
}

/// The operator's name as stored (empty when none was set).
pub fn operator(db: &Db) -> String {
    if db.has_operator() {
        db.operator()
    } else {
        String::new()
    }
}

/// Sets the operator's name for this session and as the default, without reopening the
/// database (an encrypted one keeps its password).
pub fn set_operator(db: &Db, name: &str) -> Result<()> {
    db.set_operator(name)
}

/// A consistent copy of the database and its evidence at `out`.
pub fn backup_to(db: &Db, out: &Path) -> Result<backup::BackupSummary> {
    backup::to_file(db, out)
}

/// An automatic backup now (the oldest beyond the kept number is removed); returns the list.
pub fn backup_now(db: &Db) -> Result<Vec<AutoBackup>> {
    backup::auto(db, chrono::Duration::zero())?;
    Ok(backups(db))
}

/// The automatic backups of the open database, newest first.
pub fn backups(db: &Db) -> Vec<AutoBackup> {
    match db.path() {
        Some(path) => backups_of(path, db.key().as_deref()),
        None => vec![],
    }
}

/// The automatic backups of the database file at `path`, read without opening it (it may
/// be unusable, or encrypted with a password not given: `key` reads what each holds).
pub fn backups_of(path: &Path, key: Option<&str>) -> Vec<AutoBackup> {
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
                path: b.path.display().to_string(),
                name,
                made_at: b.made_at,
                bytes: b.bytes,
            }
        })
        .collect()
}

/// Restores `from` (with `password` if it is encrypted under another password than the
/// database's) into `db`, after keeping the current data as a backup (the summary says
/// where). The operator is the person at this computer, not part of the data: a backup made
/// before the name was set does not make the app ask again.
pub fn restore(db: &Db, from: &Path, password: Option<&str>) -> Result<backup::RestoreSummary> {
    if !from.is_file() {
        return Err(Error::invalid(
            "path",
            format!("备份文件“{}”不存在", from.display()),
        ));
    }
    let operator = db.has_operator().then(|| db.operator());
    let r = backup::restore_with_password(db, from, password)?;
    if let Some(name) = operator {
        if db.read(|c| settings::get(c, settings::OPERATOR))?.is_none() {
            db.set_operator(&name)?;
        } else {
            db.use_operator(&name);
        }
    }
    Ok(r)
}

/// Restores the automatic backup `name` (a name from [`backups`]), as [`restore`] does.
pub fn restore_named(
    db: &Db,
    name: &str,
    password: Option<&str>,
) -> Result<backup::RestoreSummary> {
    let path = db
        .path()
        .ok_or_else(|| Error::invalid("name", "当前数据库没有自动备份"))?;
    let from = backup::named(path, name)?;
    restore(db, &from.path, password)
}

/// Puts the automatic backup `name` in place of the database at `path` that cannot be
/// opened; the unusable file is kept beside it. Returns where it was kept.
pub fn recover(path: &Path, name: &str) -> Result<Option<PathBuf>> {
    backup::recover(path, name)
}

/// What `verify` found: the audit chain's length, and any evidence file missing or
/// altered.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Verification {
    pub ok: bool,
    pub rows: i64,
    pub problems: Vec<String>,
}

/// Checks that the audit log is unbroken (an error says where it was tampered with) and
/// that every evidence file is there, unaltered.
pub fn verify(db: &Db) -> Result<Verification> {
    db.read(|c| {
        let rows = db::audit::verify(c)?;
        let problems = match db.evidence_dir() {
            Some(dir) => db::evidence::check_files(c, &dir)?,
            None => vec![],
        };
        Ok(Verification {
            ok: problems.is_empty(),
            rows,
            problems,
        })
    })
}

/// The most recent `limit` rows of the audit log, newest first, optionally of one kind of
/// record.
pub fn audit_log(
    db: &Db,
    entity: Option<&str>,
    limit: i64,
) -> Result<Vec<crate::domain::AuditEntry>> {
    db.read(|c| db::audit::recent(c, entity, limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_a_missing_database_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("typo").join("typo.db");
        let err = open(&path, None, Access::Read).err().unwrap();
        assert_eq!(err.kind(), crate::error::ErrorCode::NotFound);
        assert!(err.to_string().contains("typo.db"), "{err}");
        assert!(!dir.path().join("typo").exists(), "no folder created");
        let db = open(&path, None, Access::Write).unwrap();
        drop(db);
        assert!(path.is_file());
        assert!(open(&path, None, Access::Read).is_ok());
    }

    #[test]
    fn the_operator_changes_without_reopening_and_survives_a_restore() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("a.db")).unwrap();
        crate::demo::load(&db, crate::db::today()).unwrap();
        // A backup made before any name was set.
        let early = dir.path().join("early.db");
        backup_to(&db, &early).unwrap();
        set_operator(&db, "王建国").unwrap();
        assert_eq!(operator(&db), "王建国");
        let r = restore(&db, &early, None).unwrap();
        assert!(r.kept_current_as.is_some());
        assert_eq!(operator(&db), "王建国", "kept across the restore");
        let stored = db.read(|c| settings::get(c, settings::OPERATOR)).unwrap();
        assert_eq!(stored.as_deref(), Some("王建国"));
        let last = db.read(|c| crate::db::audit::recent(c, None, 1)).unwrap();
        assert_eq!(last[0].operator, "王建国");
    }
}
