//! Files the user picked to import (a ledger, returned 填报表, an exchange package) are
//! copied before they are previewed, and the import reads the copy: what the user saw in
//! the preview is what is imported, even if the original changes or its stick is pulled in
//! between. The copy's path is the token the UI hands back; only a copy made here is
//! accepted as one.

use std::path::{Path, PathBuf};

use super::CmdResult;
use crate::db::evidence;
use crate::Error;

/// A folder under the temporary directory holding the copies of one kind of import.
pub struct Inbox {
    /// The folder's name under the temporary directory.
    pub folder: &'static str,
    /// Said when a token is not a copy made here (“请先预览…”).
    pub not_previewed: &'static str,
}

impl Inbox {
    fn dir(&self) -> PathBuf {
        std::env::temp_dir().join(self.folder)
    }

    /// Copies each file into a folder of its own, so the copy keeps the file's name (shown
    /// in a preview) and two files of the same name do not meet.
    pub fn copy_in(&self, paths: &[PathBuf]) -> CmdResult<Vec<PathBuf>> {
        let stamp = chrono::Local::now().format("%Y%m%d%H%M%S%3f");
        let mut out = vec![];
        for (i, path) in paths.iter().enumerate() {
            let dir = self.dir().join(format!("{stamp}-{}", i + 1));
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let copy = dir.join(evidence::sanitize_name(&name));
            std::fs::copy(path, &copy).map_err(|e| Error::io(path, e))?;
            out.push(copy);
        }
        Ok(out)
    }

    /// One file, copied.
    pub fn copy_one(&self, path: &Path) -> CmdResult<PathBuf> {
        let mut copies = self.copy_in(&[path.to_owned()])?;
        copies
            .pop()
            .ok_or_else(|| Error::invalid("file", self.not_previewed).into())
    }

    /// Copies made by [`Inbox::copy_in`], and nothing else.
    pub fn previewed(&self, tokens: &[PathBuf]) -> CmdResult<Vec<PathBuf>> {
        let dir = self.dir();
        let ours = |t: &Path| t.parent().and_then(Path::parent) == Some(dir.as_path());
        if tokens.is_empty() || tokens.iter().any(|t| !ours(t) || !t.is_file()) {
            return Err(Error::invalid("file", self.not_previewed).into());
        }
        Ok(tokens.to_vec())
    }

    /// One copy made by [`Inbox::copy_in`].
    pub fn previewed_one(&self, token: &Path) -> CmdResult<PathBuf> {
        let mut files = self.previewed(&[token.to_owned()])?;
        files
            .pop()
            .ok_or_else(|| Error::invalid("file", self.not_previewed).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEST: Inbox = Inbox {
        folder: "xuncha-inbox-test",
        not_previewed: "请先预览",
    };

    #[test]
    fn only_copies_made_here_are_tokens() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("财务科 填报.xlsx");
        std::fs::write(&file, b"one").unwrap();
        let copy = TEST.copy_one(&file).unwrap();
        std::fs::write(&file, b"changed").unwrap();
        assert_eq!(
            std::fs::read(&copy).unwrap(),
            b"one",
            "the copy keeps what was read"
        );
        assert_eq!(TEST.previewed_one(&copy).unwrap(), copy);
        let err = TEST.previewed_one(&file).unwrap_err();
        assert_eq!(err.message, "请先预览");
        assert!(TEST.previewed(&[]).is_err());
        std::fs::remove_dir_all(copy.parent().unwrap()).unwrap();
    }
}
