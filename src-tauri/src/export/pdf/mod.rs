//! PDF output of the official documents: portrait GB/T 9704 documents (the feedback
//! report, the status report, the weekly summary) and the landscape ledger.
//!
//! The engine is ours: fonts, measurement, line breaking and placement live here
//! (`compose`, `ledger`), and `writer` writes what is placed with `pdf-writer`, embedding
//! font subsets made by `subsetter` (`embed`).

pub mod append;
pub mod compose;
pub mod embed;
/// The GB/T 9704 numbers moved to [`crate::export::gb9704`] when the Word writer came to
/// share them; `pdf::gb` still names them for the PDF modules that use that path.
pub use crate::export::gb9704 as gb;
pub mod justify;
pub mod ledger;
pub(crate) mod letterhead;
pub mod linebreak;
mod paginate;
pub mod table;
pub mod writer;

use std::path::Path;

use crate::domain::Letterhead;
use crate::export::fonts::FontSet;
use crate::report::data::LedgerData;
use crate::report::doc::Document;
use crate::report::ledger::LedgerTable;
use crate::report::public::Edition;
use crate::Result;

/// Lays out and writes a portrait official document.
pub fn render(doc: &Document) -> Result<Vec<u8>> {
    render_with(doc, FontSet::global())
}

/// [`render`] with a given font set.
pub fn render_with(doc: &Document, fonts: &FontSet) -> Result<Vec<u8>> {
    let pages = compose::compose(doc, fonts);
    writer::write(&doc.title, &pages, fonts)
}

/// A portrait document followed by landscape tables (the plan's 附件1 整改任务清单 and its
/// other lists), each starting on a new page with its “附件N” label, and every page
/// numbered as one document.
pub fn render_with_tables(doc: &Document, tables: &[(&str, &LedgerTable)]) -> Result<Vec<u8>> {
    render_full(doc, &Letterhead::default(), tables)
}

/// [`render_with_tables`] with the GB/T 9704 版头 and 版记 of `head`.
pub fn render_full(
    doc: &Document,
    head: &Letterhead,
    tables: &[(&str, &LedgerTable)],
) -> Result<Vec<u8>> {
    let fonts = FontSet::global();
    let mut pages = compose::compose_with(doc, head, fonts);
    for (label, table) in tables {
        for mut page in ledger::attachment_pages(table, label, fonts) {
            ledger::number_landscape(&mut page, pages.len() + 1, fonts);
            pages.push(page);
        }
    }
    writer::write(&doc.title, &pages, fonts)
}

/// A batch of letters in the 信函格式 (GB/T 9704 10.1), each with its own 版头 (its number in
/// the 发文字号's place), in one PDF titled `title`: each starts on a new page and numbers its
/// own pages from 1, the first page unnumbered.
pub fn render_letters(title: &str, letters: &[(Document, Letterhead)]) -> Result<Vec<u8>> {
    let fonts = FontSet::global();
    let pages: Vec<writer::Page> = letters
        .iter()
        .flat_map(|(d, h)| compose::compose_styled(d, h, gb::HeadStyle::Letter, fonts))
        .collect();
    writer::write(title, &pages, fonts)
}

/// Titled tables (forms and lists) on portrait pages, in one PDF titled `title`: each group
/// (one 销号 dossier of a batch) numbers its pages from 1, each table starts a new page.
pub fn render_tables(title: &str, groups: &[Vec<crate::export::TitledTable>]) -> Result<Vec<u8>> {
    let fonts = FontSet::global();
    let pages: Vec<writer::Page> = groups
        .iter()
        .flat_map(|g| table::compose(g, fonts))
        .collect();
    writer::write(title, &pages, fonts)
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

/// Writes `bytes` to `path` atomically (see [`crate::export::write_atomic`]).
pub fn write_to(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::export::write_atomic(path, bytes)
}
