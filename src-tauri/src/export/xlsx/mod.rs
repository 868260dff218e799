//! The rectification ledger as an xlsx workbook that a unit can hand in unchanged: the
//! combined 整改台账, the three lists, the statistics and the optional sheets, laid out by a
//! [`LedgerTemplate`]. What the combined ledger says is the ledger model's
//! ([`crate::report::ledger`]); this module lays it out. The CLI and the desktop call
//! [`write_ledger`] / [`write_ledgers`], [`write_public_ledgers`] for the 公开版, and
//! [`leads::write_leads`] for the confidential leads, which no ledger contains.

pub mod layout;
pub mod leads;
mod ledger_fit;
mod ledger_rules;
pub mod ledger_sheet;
pub mod lists;
pub mod measure;
pub mod saved;
pub mod stats;
pub mod styles;
pub mod table;
pub mod template;

use std::io::BufWriter;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;
use serde::Serialize;

pub use template::{ColumnSpec, Fonts, LedgerTemplate, SheetKind};

use crate::report::data::LedgerData;
use crate::report::public::{masked_ledgers, Edition};
use crate::{Error, Result};

/// Above this many tasks the big sheets are streamed row by row (constant-memory mode).
pub const CONSTANT_MEMORY_TASKS: usize = 2000;

/// What an export wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ExportSummary {
    pub path: PathBuf,
    /// Sheet names, in workbook order.
    pub sheets: Vec<String>,
    pub findings: usize,
    pub tasks: usize,
    /// Whether the big sheets were streamed (very large ledgers).
    pub constant_memory: bool,
}

/// Writes one inspection's ledger workbook to `path` (atomically: a temporary file in the
/// same folder, renamed over `path` when complete).
pub fn write_ledger(
    data: &LedgerData,
    template: &LedgerTemplate,
    path: &Path,
) -> Result<ExportSummary> {
    write_all(&[data], template, path)
}

/// Writes one workbook for several inspections (all of a team's): each inspection is a
/// section of the combined ledger, and the lists and counts cover them all.
pub fn write_ledgers(
    all: &[LedgerData],
    template: &LedgerTemplate,
    path: &Path,
) -> Result<ExportSummary> {
    let refs: Vec<&LedgerData> = all.iter().collect();
    write_all(&refs, template, path)
}

/// Writes the 公开版 of the ledgers: people's names masked to their surname everywhere
/// (see [`crate::report::public`]), the accountable people's names left out, every title
/// marked （公开版）. `known_people` are further names (the directory's) to mask where text
/// mentions them.
pub fn write_public_ledgers(
    all: &[LedgerData],
    known_people: &[String],
    template: &LedgerTemplate,
    path: &Path,
) -> Result<ExportSummary> {
    let masked = masked_ledgers(all, known_people);
    let refs: Vec<&LedgerData> = masked.iter().collect();
    write_edition(&refs, template, path, Edition::Public)
}

fn write_all(all: &[&LedgerData], tpl: &LedgerTemplate, path: &Path) -> Result<ExportSummary> {
    write_edition(all, tpl, path, Edition::Internal)
}

/// Writes the workbook of `all` as `edition` (for the 公开版, `all` must already be masked:
/// [`masked_ledgers`]).
pub fn write_edition(
    all: &[&LedgerData],
    tpl: &LedgerTemplate,
    path: &Path,
    edition: Edition,
) -> Result<ExportSummary> {
    tpl.validate()?;
    if all.is_empty() {
        return Err(Error::invalid("inspection", "没有可导出的巡察"));
    }
    let tasks: usize = all
        .iter()
        .flat_map(|d| &d.findings)
        .map(|f| f.tasks.len())
        .sum();
    let constant_memory = tasks > CONSTANT_MEMORY_TASKS;
    let mut wb = build_edition(all, tpl, constant_memory, edition)?;
    save_atomic(&mut wb, path)?;
    Ok(ExportSummary {
        path: path.to_path_buf(),
        sheets: tpl.sheets.iter().map(|s| s.name().to_owned()).collect(),
        findings: all.iter().map(|d| d.findings.len()).sum(),
        tasks,
        constant_memory,
    })
}

/// Builds the workbook in memory (the big sheets streamed to temporary files when
/// `constant_memory`).
pub fn build(all: &[&LedgerData], tpl: &LedgerTemplate, constant_memory: bool) -> Result<Workbook> {
    build_edition(all, tpl, constant_memory, Edition::Internal)
}

/// Builds the internal edition, or the 公开版 from already masked data.
fn build_edition(
    all: &[&LedgerData],
    tpl: &LedgerTemplate,
    constant_memory: bool,
    ed: Edition,
) -> Result<Workbook> {
    let st = styles::Styles::new(&tpl.fonts);
    // The 公开版 marks each list's title and leaves out the accountable people's names.
    let edition = |mut t: table::Table| {
        t.title = ed.title(&t.title);
        if ed == Edition::Public {
            t.drop_column("姓名");
        }
        t
    };
    let mut wb = Workbook::new();
    for (i, kind) in tpl.sheets.iter().enumerate() {
        if tpl.sheets[..i].contains(kind) {
            continue;
        }
        match kind {
            SheetKind::Ledger => {
                ledger_sheet::write(&mut wb, &st, tpl, all, ed, constant_memory)?;
            }
            SheetKind::Statistics => stats::write(&mut wb, &st, all, ed)?,
            SheetKind::Findings => {
                table::write(&mut wb, &st, &edition(lists::findings_table(all)), false)?
            }
            SheetKind::Tasks => table::write(
                &mut wb,
                &st,
                &edition(lists::tasks_table(all)),
                constant_memory,
            )?,
            SheetKind::Responsibilities => table::write(
                &mut wb,
                &st,
                &edition(lists::responsibilities_table(all)),
                false,
            )?,
            SheetKind::ImmediateFixes => {
                table::write(&mut wb, &st, &edition(lists::immediate_table(all)), false)?
            }
            SheetKind::Regulations => {
                table::write(&mut wb, &st, &edition(lists::regulations_table(all)), false)?
            }
            SheetKind::Accountability => table::write(
                &mut wb,
                &st,
                &edition(lists::accountability_table(all)),
                false,
            )?,
            SheetKind::CloseOuts => table::write(
                &mut wb,
                &st,
                &edition(lists::close_outs_table(all)),
                constant_memory,
            )?,
        }
    }
    Ok(wb)
}

/// Saves to a temporary file beside `path`, then renames it over `path`, so a failed
/// export never leaves a half-written ledger where the user expects one.
pub(crate) fn save_atomic(wb: &mut Workbook, path: &Path) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".xuncha-")
        .suffix(".xlsx.tmp")
        .tempfile_in(&dir)
        .map_err(|e| Error::io(&dir, e))?;
    {
        let mut w = BufWriter::new(tmp.as_file());
        wb.save_to_writer(&mut w).map_err(layout::xlsx_err)?;
        std::io::Write::flush(&mut w).map_err(|e| Error::io(path, e))?;
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    // The temporary file is private (0600); the ledger is an ordinary document.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let perms = std::fs::Permissions::from_mode(0o644);
        std::fs::set_permissions(tmp.path(), perms).map_err(|e| Error::io(path, e))?;
    }
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}
