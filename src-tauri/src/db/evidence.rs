//! Evidence files (佐证材料): copied into a folder beside the database and named by their
//! SHA-256, so a user's file name can never choose where anything is written, and the same
//! file added twice is stored once.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, Row};
use sha2::{Digest, Sha256};

use crate::domain::Evidence;
use crate::{Error, Result};

/// Largest evidence file accepted (scans and photos fit comfortably).
pub const MAX_BYTES: u64 = 200 * 1024 * 1024;

/// The evidence folder of the database at `db_path`: `<name>.files/` beside it.
pub fn dir_for(db_path: &Path) -> PathBuf {
    let mut name = db_path.file_name().unwrap_or_default().to_os_string();
    name.push(".files");
    db_path.with_file_name(name)
}

/// Where a file with this hash is stored under `dir`.
pub fn stored_path(dir: &Path, sha256: &str) -> PathBuf {
    dir.join(&sha256[..2.min(sha256.len())]).join(sha256)
}

/// A file copied into the store, ready to be recorded.
#[derive(Debug, Clone)]
pub struct StoredFile {
    pub file_name: String,
    pub sha256: String,
    pub size: i64,
    /// Whether this call created the stored copy (so a failed write can remove it).
    pub created: bool,
}

/// Keeps only a safe display name: the last path component, no control characters.
pub fn sanitize_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| {
            if matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_owned();
    if clean.is_empty() {
        "未命名文件".to_owned()
    } else {
        clean.chars().take(120).collect()
    }
}

/// Copies `src` into `dir` by hash (write to a temporary name, sync, then rename).
pub fn store(dir: &Path, src: &Path) -> Result<StoredFile> {
    let meta = fs::metadata(src).map_err(|e| {
        Error::invalid(
            "evidence",
            format!("佐证材料“{}”无法读取：{e}", src.display()),
        )
    })?;
    if !meta.is_file() {
        return Err(Error::invalid(
            "evidence",
            format!("佐证材料“{}”不是文件", src.display()),
        ));
    }
    if meta.len() > MAX_BYTES {
        return Err(Error::invalid(
            "evidence",
            format!(
                "佐证材料“{}”太大（{} MB），单个文件最大 {} MB",
                src.display(),
                meta.len() / 1024 / 1024,
                MAX_BYTES / 1024 / 1024
            ),
        ));
    }
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let tmp = dir.join(format!(".incoming-{}-{}", std::process::id(), unique()));
    let result = copy_hashing(src, &tmp);
    let (sha256, size) = match result {
        Ok(v) => v,
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
    };
    let dest = stored_path(dir, &sha256);
    let created = !dest.exists();
    if created {
        let parent = dest.parent().unwrap_or(dir);
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        fs::rename(&tmp, &dest).map_err(|e| Error::io(&dest, e))?;
        sync_dir(parent);
    } else {
        let _ = fs::remove_file(&tmp);
    }
    let file_name = sanitize_name(&src.file_name().unwrap_or_default().to_string_lossy());
    Ok(StoredFile {
        file_name,
        sha256,
        size: size as i64,
        created,
    })
}

fn unique() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default()
}

fn copy_hashing(src: &Path, tmp: &Path) -> Result<(String, u64)> {
    let mut input = File::open(src).map_err(|e| Error::io(src, e))?;
    let mut out = File::create(tmp).map_err(|e| Error::io(tmp, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = input.read(&mut buf).map_err(|e| Error::io(src, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n]).map_err(|e| Error::io(tmp, e))?;
        size += n as u64;
    }
    out.sync_all().map_err(|e| Error::io(tmp, e))?;
    Ok((hex::encode(hasher.finalize()), size))
}

/// Makes a rename durable (best effort: not every platform can sync a directory).
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Removes stored copies this operation created, after its write failed.
pub fn discard(dir: &Path, files: &[StoredFile]) {
    for f in files.iter().filter(|f| f.created) {
        let _ = fs::remove_file(stored_path(dir, &f.sha256));
    }
}

/// Records a stored file on a task (and progress entry).
pub fn insert(
    conn: &Connection,
    task_id: i64,
    progress_id: Option<i64>,
    f: &StoredFile,
) -> Result<Evidence> {
    let added_at = super::now();
    conn.execute(
        "INSERT INTO evidence (task_id, progress_id, file_name, sha256, size, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            task_id,
            progress_id,
            f.file_name,
            f.sha256,
            f.size,
            added_at
        ],
    )?;
    Ok(Evidence {
        id: conn.last_insert_rowid(),
        task_id,
        progress_id,
        file_name: f.file_name.clone(),
        sha256: f.sha256.clone(),
        size: f.size,
        added_at,
    })
}

/// An evidence row of `id, task_id, progress_id, file_name, sha256, size, added_at`.
pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: r.get(0)?,
        task_id: r.get(1)?,
        progress_id: r.get(2)?,
        file_name: r.get(3)?,
        sha256: r.get(4)?,
        size: r.get(5)?,
        added_at: r.get(6)?,
    })
}

/// Evidence of a task, oldest first.
pub fn for_task(conn: &Connection, task_id: i64) -> Result<Vec<Evidence>> {
    let mut stmt = conn.prepare(
        "SELECT id, task_id, progress_id, file_name, sha256, size, added_at FROM evidence
         WHERE task_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([task_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Removes what an interrupted write left in `dir`: temporary copies and stored files that
/// no evidence row refers to. Call only while holding the database's write lock, so no
/// running write can be about to record one of them. Returns how many files were removed.
pub fn sweep(conn: &Connection, dir: &Path) -> Result<usize> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(0);
    };
    let mut stmt = conn.prepare("SELECT DISTINCT sha256 FROM evidence")?;
    let known: std::collections::HashSet<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut removed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(".incoming-") {
            removed += usize::from(fs::remove_file(&path).is_ok());
        } else if path.is_dir() && name.len() == 2 {
            for file in fs::read_dir(&path)
                .map_err(|e| Error::io(&path, e))?
                .flatten()
            {
                let hash = file.file_name().to_string_lossy().into_owned();
                if !known.contains(&hash) {
                    removed += usize::from(fs::remove_file(file.path()).is_ok());
                }
            }
        }
    }
    Ok(removed)
}

/// Checks that every recorded file is present with the right hash; returns the problems.
pub fn check_files(conn: &Connection, dir: &Path) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT DISTINCT sha256, file_name FROM evidence")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut problems = vec![];
    for row in rows {
        let (sha, name) = row?;
        let path = stored_path(dir, &sha);
        match fs::read(&path) {
            Ok(bytes) if hex::encode(Sha256::digest(&bytes)) == sha => {}
            Ok(_) => problems.push(format!("佐证材料“{name}”的内容与记录的校验值不符")),
            Err(_) => problems.push(format!("佐证材料“{name}”的文件缺失")),
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_escape() {
        for (name, want) in [
            ("../../etc/passwd", "passwd"),
            ("C:\\Users\\a\\会议纪要.pdf", "会议纪要.pdf"),
            ("..", "未命名文件"),
            ("a\u{0}b?.jpg", "ab_.jpg"),
        ] {
            assert_eq!(sanitize_name(name), want);
        }
    }

    #[test]
    fn stores_by_hash_once() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("照片.jpg");
        std::fs::write(&src, b"evidence bytes").unwrap();
        let store_dir = dir.path().join("db.files");
        let a = store(&store_dir, &src).unwrap();
        let b = store(&store_dir, &src).unwrap();
        assert!(a.created && !b.created);
        assert_eq!(a.sha256, b.sha256);
        assert_eq!(
            std::fs::read(stored_path(&store_dir, &a.sha256)).unwrap(),
            b"evidence bytes"
        );
    }
}
