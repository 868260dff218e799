//! Consistent copies of the database (SQLite's online backup API, safe while the app is
//! writing) together with its evidence files; automatic rolling backups kept beside the
//! database; and restore, which always keeps the current data as a backup first.
//!
//! A backup of an encrypted database is encrypted with the same password; a backup of a
//! plain one is plain.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::Connection;

use super::{crypto, evidence, Db};
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

/// Folder of the automatic backups of the database at `db_path`: `<name>.backups/`.
pub fn dir_for(db_path: &Path) -> PathBuf {
    let mut name = db_path.file_name().unwrap_or_default().to_os_string();
    name.push(".backups");
    db_path.with_file_name(name)
}

/// How many automatic backups are kept.
pub const KEEP: usize = 10;

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
    let key = key.filter(|_| super::crypto::is_encrypted_file(path));
    super::crypto::apply_key(&c, key).ok()?;
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

/// Puts the automatic backup `name` of `db_path` in place of a database that cannot be
/// opened (damaged, or not a database). The unusable file, with its `-wal` and `-shm`, is
/// kept beside it as `<db>.unusable-<time>`, never deleted; returns where it was kept. The
/// backup is copied whole (an encrypted one stays encrypted) and synced before the unusable
/// file is moved aside, so at no moment is anything lost.
pub fn recover(db_path: &Path, name: &str) -> Result<Option<PathBuf>> {
    let backup = named(db_path, name)?;
    let tmp = crypto::suffixed(db_path, ".recover-partial");
    std::fs::copy(&backup.path, &tmp).map_err(|e| Error::io(&tmp, e))?;
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(&tmp, e))?;
    let kept = if db_path.exists() {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let kept = crypto::suffixed(db_path, &format!(".unusable-{stamp}"));
        std::fs::rename(db_path, &kept).map_err(|e| Error::io(db_path, e))?;
        for journal in ["-wal", "-shm"] {
            let from = crypto::suffixed(db_path, journal);
            if from.exists() {
                let to = crypto::suffixed(&kept, journal);
                std::fs::rename(&from, &to).map_err(|e| Error::io(&from, e))?;
            }
        }
        Some(kept)
    } else {
        None
    };
    crypto::replace_file(&tmp, db_path)?;
    Ok(kept)
}

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
        reason: super::describe_open_error(&e),
    })?;
    if tables != 3 || version < 1 {
        return Err(Error::BadDatabase {
            path: from.to_owned(),
            reason: "这不是巡察整改台账的备份文件".into(),
        });
    }
    if version > super::migrations::LATEST {
        return Err(Error::NewerSchema {
            found: version,
            supported: super::migrations::LATEST,
        });
    }
    if ok != "ok" {
        return Err(Error::BadDatabase {
            path: from.to_owned(),
            reason: format!("备份文件已损坏（{ok}）"),
        });
    }
    super::audit::verify(&src)?;
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
        super::migrations::migrate(&mut conn, db.path())?;
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
        super::migrations::migrate(&mut conn, db.path())?;
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

/// Rewrites every automatic backup of the database at `db_path` with the key `new` (plain
/// for `None`) after its password changed from `old`. Each is replaced whole, like the
/// database. Returns how many were converted and how many were skipped because `old` does
/// not open them (made under an earlier password) or they could not be rewritten.
pub(crate) fn convert_all(db_path: &Path, old: Option<&str>, new: Option<&str>) -> (usize, usize) {
    let (mut converted, mut skipped) = (0, 0);
    for b in list(db_path) {
        if !b.encrypted && new.is_none() {
            continue;
        }
        let key = if b.encrypted { old } else { None };
        let tmp = b.path.with_extension("backup-partial");
        let done = (|| -> Result<()> {
            let (conn, _) = crypto::open(&b.path, crypto::open_flags(), key)?;
            crypto::export(&conn, &tmp, new)?;
            drop(conn);
            crypto::replace_file(&tmp, &b.path)
        })();
        match done {
            Ok(()) => converted += 1,
            Err(_) => {
                crypto::remove_with_journal(&tmp);
                skipped += 1;
            }
        }
    }
    (converted, skipped)
}

fn copy_tree(src: &Path, dst: &Path) -> Result<u64> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn automatic_backups_are_listed_counted_and_found_by_name_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let db = Db::open(&path).unwrap();
        crate::demo::load(&db, crate::db::today()).unwrap();
        let made = auto(&db, chrono::Duration::zero()).unwrap().unwrap();
        let all = list(&path);
        assert_eq!(all.len(), 1);
        let name = made.path.file_name().unwrap().to_str().unwrap();
        assert_eq!(named(&path, name).unwrap().path, made.path);
        let c = counts(&made.path, None).unwrap();
        assert_eq!(c.inspections, 1);
        assert!(c.findings > 0 && c.tasks >= c.findings, "{c:?}");
        // Anything but a listed name is refused, whatever it points at.
        std::fs::write(dir.path().join("other.db"), b"x").unwrap();
        let elsewhere = format!("../{}", path.file_name().unwrap().to_str().unwrap());
        for bad in [
            "",
            "t.db",
            "other.db",
            "../other.db",
            elsewhere.as_str(),
            made.path.to_str().unwrap(),
        ] {
            let err = named(&path, bad).unwrap_err();
            assert_eq!(err.field(), Some("name"), "{bad}");
        }
        assert_eq!(counts(&dir.path().join("other.db"), None), None);
    }

    #[test]
    fn backups_of_an_encrypted_database_are_counted_with_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let db = Db::open(&path).unwrap();
        crate::demo::load(&db, crate::db::today()).unwrap();
        db.set_password(Some("巡察密码123")).unwrap();
        let made = auto(&db, chrono::Duration::zero()).unwrap().unwrap();
        assert!(super::super::crypto::is_encrypted_file(&made.path));
        assert_eq!(counts(&made.path, None), None, "unreadable without the key");
        let key = db.key();
        let c = counts(&made.path, key.as_deref()).unwrap();
        assert_eq!(c.inspections, 1);
    }

    #[test]
    fn a_damaged_database_is_replaced_by_a_backup_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let db = Db::open(&path).unwrap();
        crate::demo::load(&db, crate::db::today()).unwrap();
        let made = auto(&db, chrono::Duration::zero()).unwrap().unwrap();
        drop(db);
        let junk = b"this file was overwritten by something else".repeat(100);
        std::fs::write(&path, &junk).unwrap();
        assert!(Db::open(&path).is_err());
        // Only a listed backup is taken.
        assert_eq!(recover(&path, "../t.db").unwrap_err().field(), Some("name"));
        let name = made.path.file_name().unwrap().to_str().unwrap();
        let kept = recover(&path, name).unwrap().unwrap();
        assert_eq!(
            std::fs::read(&kept).unwrap(),
            junk,
            "the unusable file is kept"
        );
        assert!(kept.to_string_lossy().contains(".unusable-"));
        let db = Db::open(&path).unwrap();
        let n: i64 = db
            .read(|c| Ok(c.query_row("SELECT count(*) FROM findings", [], |r| r.get(0))?))
            .unwrap();
        assert!(n > 0);
        assert!(!crypto::suffixed(&path, ".recover-partial").exists());
    }
}
