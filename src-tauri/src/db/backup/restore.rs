//! Restoring a backup into the open database, after keeping the current contents as a
//! backup; a plain backup into an encrypted database and the reverse are rewritten first.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::Connection;

use super::super::{audit, crypto, evidence, migrations, Db};
use super::catalog::dir_for;
use super::copy::{copy_tree, to_file};
use crate::{Error, Result};

/// What a restore did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RestoreSummary {
    /// Where the data that was current before the restore was kept.
    pub kept_current_as: Option<PathBuf>,
    pub restored_from: PathBuf,
}

/// Replaces the database's contents with those of the backup `from`, after keeping the
/// current contents as a backup. The backup must be a sound Xuncha database. An encrypted
/// backup is opened with the database's current password.
pub fn restore(db: &Db, from: &Path) -> Result<RestoreSummary> {
    restore_with_password(db, from, None)
}

/// Like [`restore`], with the password of an encrypted backup made under another password
/// (`None`: the database's current one). The database keeps its own password, or none: the
/// restored contents are stored with it.
pub fn restore_with_password(
    db: &Db,
    from: &Path,
    password: Option<&str>,
) -> Result<RestoreSummary> {
    let current_key = db.key();
    let from_password = password.or(current_key.as_deref());
    let (src, src_key) = crypto::open(
        from,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        from_password,
    )?;
    let check = |src: &Connection| -> rusqlite::Result<(i64, String, i64)> {
        let v: i64 = src.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let ok: String = src.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        let n: i64 = src.query_row(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('findings', 'tasks', 'audit_log')",
            [],
            |r| r.get(0),
        )?;
        Ok((v, ok, n))
    };
    let (version, ok, tables) = check(&src).map_err(|e| Error::BadDatabase {
        path: from.to_owned(),
        reason: super::super::describe_open_error(&e),
    })?;
    if tables != 3 || version < 1 {
        return Err(Error::BadDatabase {
            path: from.to_owned(),
            reason: "这不是巡察整改台账的备份文件".into(),
        });
    }
    if version > migrations::LATEST {
        return Err(Error::NewerSchema {
            found: version,
            supported: migrations::LATEST,
        });
    }
    if ok != "ok" {
        return Err(Error::BadDatabase {
            path: from.to_owned(),
            reason: format!("备份文件已损坏（{ok}）"),
        });
    }
    audit::verify(&src)?;
    let kept = match db.path() {
        Some(path) => {
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
            let out = dir_for(path).join(format!("xuncha-before-restore-{stamp}.db"));
            to_file(db, &out)?;
            Some(out)
        }
        None => None,
    };
    if src_key.is_some() == current_key.is_some() {
        // Both plain, or both encrypted (the keys may differ): SQLCipher copies the pages.
        let mut conn = db.lock();
        let backup = Backup::new(&src, &mut conn)?;
        backup.run_to_completion(256, Duration::from_millis(5), None)?;
        drop(backup);
        migrations::migrate(&mut conn, db.path())?;
    } else {
        // The backup API cannot copy between a plain and an encrypted file: first rewrite the
        // backup, in a private folder beside the database, as the database is stored.
        drop(src);
        let near = db
            .path()
            .and_then(Path::parent)
            .filter(|d| !d.as_os_str().is_empty())
            .map(Path::to_owned)
            .unwrap_or_else(std::env::temp_dir);
        let work = tempfile::tempdir_in(&near).map_err(|e| Error::io(&near, e))?;
        let tmp = work.path().join("restore.db");
        // Opened for writing (read-only if the file is write-protected) only so that the copy
        // can be attached: the backup itself is not changed.
        let (src, _) = crypto::open(from, crypto::open_flags(), src_key.as_deref())?;
        crypto::export(&src, &tmp, current_key.as_deref())?;
        drop(src);
        let (converted, _) = crypto::open(
            &tmp,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
            current_key.as_deref(),
        )?;
        let mut conn = db.lock();
        let backup = Backup::new(&converted, &mut conn)?;
        backup.run_to_completion(256, Duration::from_millis(5), None)?;
        drop(backup);
        migrations::migrate(&mut conn, db.path())?;
    }
    if let (Some(dir), true) = (db.evidence_dir(), evidence::dir_for(from).is_dir()) {
        copy_tree(&evidence::dir_for(from), &dir)?;
    }
    db.write(|tx| {
        tx.audit::<(), _>(
            "restore",
            "database",
            None,
            None,
            Some(&from.display().to_string()),
        )
    })?;
    Ok(RestoreSummary {
        kept_current_as: kept,
        restored_from: from.to_owned(),
    })
}
