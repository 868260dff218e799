//! File operations the store shares: names beside the database file, atomic replacement
//! and syncing. Knows nothing of backups or keys.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// `path` with `suffix` appended to its file name.
pub(crate) fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Removes a file and the rollback journal SQLite may have left beside it.
pub(crate) fn remove_with_journal(path: &Path) {
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_file(suffixed(path, "-journal"));
}

/// Writes a file's data to disk.
pub(crate) fn sync_file(path: &Path) -> Result<()> {
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
