//! Laying out the official documents as files: Excel (the ledger workbook), PDF (GB/T 9704
//! documents and the printed ledger), Word (the same documents, to finish in WPS or Word),
//! and the fonts, measurements and GB/T 9704 numbers they share.

pub mod docx;
pub mod fonts;
pub mod gb9704;
pub mod ledger_page;
pub mod pdf;
pub mod xlsx;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Writes `bytes` to `path` atomically: a temporary file beside it, then a rename, so a
/// crash or a full disk never leaves half a document where the user expects one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::invalid("out", format!("输出路径“{}”不是文件名", path.display())))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// A table under a centred title, starting on a new page: a form (the 销号审批表) or a list
/// (the 佐证材料目录). The PDF lays it out in `pdf::table`, Word in `docx`.
#[derive(Debug, Clone, PartialEq)]
pub struct TitledTable {
    pub title: String,
    pub table: docx::Table,
}
