//! Putting an automatic backup in place of a database file that cannot be opened, keeping
//! the unusable file beside it.

use std::path::{Path, PathBuf};

use super::super::files::{replace_file, suffixed};
use super::catalog::named;
use crate::{Error, Result};

/// Puts the automatic backup `name` of `db_path` in place of a database that cannot be
/// opened (damaged, or not a database). The unusable file, with its `-wal` and `-shm`, is
/// kept beside it as `<db>.unusable-<time>`, never deleted; returns where it was kept. The
/// backup is copied whole (an encrypted one stays encrypted) and synced before the unusable
/// file is moved aside, so at no moment is anything lost.
pub fn recover(db_path: &Path, name: &str) -> Result<Option<PathBuf>> {
    let backup = named(db_path, name)?;
    let tmp = suffixed(db_path, ".recover-partial");
    std::fs::copy(&backup.path, &tmp).map_err(|e| Error::io(&tmp, e))?;
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(&tmp, e))?;
    let kept = if db_path.exists() {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let kept = suffixed(db_path, &format!(".unusable-{stamp}"));
        std::fs::rename(db_path, &kept).map_err(|e| Error::io(db_path, e))?;
        for journal in ["-wal", "-shm"] {
            let from = suffixed(db_path, journal);
            if from.exists() {
                let to = suffixed(&kept, journal);
                std::fs::rename(&from, &to).map_err(|e| Error::io(&from, e))?;
            }
        }
        Some(kept)
    } else {
        None
    };
    replace_file(&tmp, db_path)?;
    Ok(kept)
}
