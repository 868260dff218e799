//! PDF output of the official documents: portrait GB/T 9704 documents (the feedback
//! report, the status report, the weekly summary) and the landscape ledger.
//!
//! The engine is ours: fonts, measurement, line breaking and placement live here
//! (`compose`, `ledger`), and `writer` writes what is placed with `pdf-writer`, embedding
//! font subsets made by `subsetter` (`embed`).

pub mod compose;
pub mod embed;
pub mod gb;
pub mod justify;
pub mod ledger;
pub mod linebreak;
mod paginate;
pub mod writer;

use std::io::Write;
use std::path::Path;

use crate::export::fonts::FontSet;
use crate::report::data::LedgerData;
use crate::report::doc::Document;
use crate::report::ledger::LedgerTable;
use crate::report::public::Edition;
use crate::{Error, Result};

/// Lays out and writes a portrait official document.
pub fn render(doc: &Document) -> Result<Vec<u8>> {
    render_with(doc, FontSet::global())
}

/// [`render`] with a given font set.
pub fn render_with(doc: &Document, fonts: &FontSet) -> Result<Vec<u8>> {
    let pages = compose::compose(doc, fonts);
    writer::write(&doc.title, &pages, fonts)
}

/// The combined rectification ledger of one inspection or several (a section each) as an
/// A4 landscape PDF, with the official columns and heading. For the 公开版, `all` must
/// already be masked ([`crate::report::public::masked_ledgers`]).
pub fn ledger_pdf(all: &[&LedgerData], edition: Edition) -> Result<Vec<u8>> {
    ledger_table_pdf(&LedgerTable::official(all, edition))
}

/// Lays out and writes a ledger model as an A4 landscape PDF.
pub fn ledger_table_pdf(table: &LedgerTable) -> Result<Vec<u8>> {
    let fonts = FontSet::global();
    let pages = ledger::compose(table, fonts);
    writer::write(&table.title, &pages, fonts)
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, then a rename, so a
/// crash or a full disk never leaves half a PDF where the user expects one.
pub fn write_to(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
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
