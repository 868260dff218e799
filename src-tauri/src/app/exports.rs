//! 导出与打印: which documents there are, which formats each is written in (the format
//! follows the file's extension), the option rules (公开版, templates, one inspection or
//! all), and the one dispatch the CLI and the desktop both call. The editable documents'
//! paragraphs are shown, edited and reset here too.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::db::{inspections, leads, unit_work, Db};
use crate::documents::{self, DraftOptions, EditableDoc};
use crate::domain::Letterhead;
use crate::export::pdf;
use crate::export::xlsx::{self, saved, LedgerTemplate};
use crate::report::data::LedgerData;
use crate::report::doc::Document;
use crate::report::plan::{PlanAttachment, PlanLists};
use crate::report::public::{Edition, PUBLIC_MARK};
use crate::{Error, Result};

pub use super::catalog::{catalog, DocumentInfo, DocumentKind, Format};

/// How an export is made.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ExportOptions {
    /// The inspection (`None`: the most recent).
    pub inspection_id: Option<i64>,
    /// Every inspection in one file (the ledger and the leads).
    pub all_inspections: bool,
    /// The 公开版: people's names masked (the ledger).
    pub public: bool,
    /// A saved ledger template by name, or a template file (.json), for the Excel ledger;
    /// `None` or 默认: the official layout.
    pub template: Option<String>,
    /// The plan also carries the 问题清单.
    pub problem_list: bool,
    /// The plan also carries the 责任清单.
    pub responsibility_list: bool,
    /// A report ends with the 签字背书 page.
    pub endorsement: bool,
    /// 督办函件: issue a new letter to every task in a warning state, even one that already
    /// has a letter in force.
    pub reissue: bool,
    /// 销号材料: the task (`None`: every closed task of the inspection).
    pub task_id: Option<i64>,
    /// 销号材料 as PDF: the evidence files (PDFs and images) appended after each dossier.
    pub with_evidence: bool,
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Exported {
    pub path: String,
    pub format: Format,
    pub bytes: u64,
    /// What it is, in words: 整改台账（公开版）, 巡察反馈意见….
    pub what: String,
    /// The inspections it covers.
    pub inspections: Vec<i64>,
    /// Findings and tasks in a ledger; leads in the leads list, and how many of them were
    /// transferred.
    pub findings: u64,
    pub tasks: u64,
    pub leads: u64,
    pub leads_transferred: u64,
    /// 督办函件: the letters printed, and how many of them this export issued.
    #[serde(default)]
    pub letters: u64,
    #[serde(default)]
    pub letters_issued: u64,
    /// 销号材料: the dossiers (tasks) in the file.
    #[serde(default)]
    pub dossiers: u64,
}

/// Checks the options against what the document allows, and the path's format.
fn check(kind: DocumentKind, out: &Path, o: &ExportOptions) -> Result<Format> {
    let info = kind.info();
    let allowed: Vec<String> = info
        .formats
        .iter()
        .map(|f| format!(".{}", f.extension()))
        .collect();
    let format = Format::of(out)
        .filter(|f| info.formats.contains(f))
        .ok_or_else(|| {
            let ext = out
                .extension()
                .map(|e| format!("“.{}”", e.to_string_lossy()))
                .unwrap_or_else(|| "没有扩展名".into());
            Error::invalid(
                "out",
                format!(
                    "{}不能导出为{ext}的文件：请用 {} 作为文件扩展名",
                    info.title,
                    allowed.join(" 或 ")
                ),
            )
        })?;
    if o.public && !info.public {
        return Err(Error::invalid(
            "public",
            "只有整改台账和整改情况通报有公开版",
        ));
    }
    if (o.problem_list || o.responsibility_list) && !info.lists {
        return Err(Error::invalid(
            "problem_list",
            "问题清单、责任清单只作为整改方案的附件",
        ));
    }
    if o.endorsement && !info.endorsement {
        return Err(Error::invalid(
            "endorsement",
            "签字背书页只用于整改情况报告和主要负责人组织落实整改情况报告",
        ));
    }
    let template = o
        .template
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty() && *t != saved::DEFAULT_NAME);
    if template.is_some() && !(info.template && format == Format::Xlsx) {
        return Err(Error::invalid(
            "template",
            "台账模板只用于 Excel 整改台账：PDF 台账按官方格式排版，不使用模板；请导出为 .xlsx 使用模板，或不选模板",
        ));
    }
    if o.reissue && kind != DocumentKind::Supervision {
        return Err(Error::invalid("reissue", "重新发函只用于督办函件"));
    }
    if o.task_id.is_some() && kind != DocumentKind::Closeout {
        return Err(Error::invalid(
            "task",
            format!("{}不按任务导出：只有销号材料按任务导出", info.title),
        ));
    }
    if o.with_evidence && !(kind == DocumentKind::Closeout && format == Format::Pdf) {
        return Err(Error::invalid(
            "with_evidence",
            "佐证材料只能并入 PDF 格式的销号材料：请导出为 .pdf",
        ));
    }
    if o.all_inspections && !matches!(kind, DocumentKind::Ledger | DocumentKind::Leads) {
        return Err(Error::invalid(
            "inspection",
            format!("{}一次只能导出一个巡察", info.title),
        ));
    }
    Ok(format)
}

/// The inspections an export covers: one (given, or the most recent), or all.
fn inspection_ids(db: &Db, o: &ExportOptions) -> Result<Vec<i64>> {
    if o.all_inspections {
        // Oldest first: the order they were entered in.
        let mut ids: Vec<i64> = db.read(inspections::list)?.iter().map(|i| i.id).collect();
        ids.sort_unstable();
        if ids.is_empty() {
            return Err(Error::invalid("inspection", "还没有任何巡察，无法导出"));
        }
        return Ok(ids);
    }
    Ok(vec![
        db.read(|c| inspections::resolve(c, o.inspection_id))?.id,
    ])
}

/// A ledger template by name (saved in the database) or from a JSON file.
pub fn ledger_template(db: &Db, name: Option<&str>) -> Result<LedgerTemplate> {
    let Some(name) = name
        .map(str::trim)
        .filter(|n| !n.is_empty() && *n != saved::DEFAULT_NAME)
    else {
        return Ok(LedgerTemplate::default());
    };
    let path = Path::new(name);
    if path.extension().is_some_and(|e| e == "json") && path.exists() {
        return template_file(path);
    }
    db.read(|c| saved::load(c, name))
}

/// The saved ledger templates, by name.
pub fn templates(db: &Db) -> Result<Vec<saved::SavedTemplate>> {
    db.read(saved::list)
}

/// A ledger template the Excel export can use, as the export page lists it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateInfo {
    /// 默认 for the built-in official layout.
    pub name: String,
    /// The ledger's title row as the template writes it.
    pub title: String,
    pub columns: i64,
    pub builtin: bool,
}

/// The official layout (默认) first, then the saved templates.
pub fn template_list(db: &Db) -> Result<Vec<TemplateInfo>> {
    let info = |name: &str, t: &LedgerTemplate, builtin: bool| TemplateInfo {
        name: name.to_owned(),
        title: t.title.clone(),
        columns: t.columns.len() as i64,
        builtin,
    };
    let mut out = vec![info(saved::DEFAULT_NAME, &LedgerTemplate::default(), true)];
    for s in templates(db)? {
        out.push(info(&s.name, &s.template, false));
    }
    Ok(out)
}

/// Saves a ledger template under `name` (replacing one of the same name).
pub fn save_template(db: &Db, name: &str, template: &LedgerTemplate) -> Result<()> {
    db.write(|tx| saved::save_in_tx(tx, name, template))
}

/// Deletes a saved ledger template.
pub fn delete_template(db: &Db, name: &str) -> Result<()> {
    db.write(|tx| saved::delete_in_tx(tx, name))
}

/// Reads a ledger template from a JSON file.
pub fn template_file(path: &Path) -> Result<LedgerTemplate> {
    let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::invalid("file", format!("找不到模板文件“{}”", path.display()))
        }
        _ => Error::io(path, e),
    })?;
    LedgerTemplate::from_json(&text)
        .map_err(|e| Error::invalid("file", format!("模板文件“{}”有误：{e}", path.display())))
}

/// Writes the document `kind` to `out`, in the format its extension names. The weekly
/// summary records today as the last one, so the next covers what changed since.
pub fn export(
    db: &Db,
    kind: DocumentKind,
    o: &ExportOptions,
    out: &Path,
    today: NaiveDate,
) -> Result<Exported> {
    let format = check(kind, out, o)?;
    let ids = inspection_ids(db, o)?;
    let info = kind.info();
    let mut done = Exported {
        path: out.display().to_string(),
        format,
        bytes: 0,
        what: info.title.to_owned(),
        inspections: ids.clone(),
        findings: 0,
        tasks: 0,
        leads: 0,
        leads_transferred: 0,
        letters: 0,
        letters_issued: 0,
        dossiers: 0,
    };
    match kind {
        DocumentKind::Ledger => {
            let edition = if o.public {
                done.what.push_str(PUBLIC_MARK);
                Edition::Public
            } else {
                Edition::Internal
            };
            let all = documents::ledger_data(db, &ids, today, edition)?;
            let refs: Vec<&LedgerData> = all.iter().collect();
            done.findings = all.iter().map(|d| d.findings.len() as u64).sum();
            done.tasks = all
                .iter()
                .flat_map(|d| &d.findings)
                .map(|f| f.tasks.len() as u64)
                .sum();
            match format {
                Format::Xlsx => {
                    let tpl = ledger_template(db, o.template.as_deref())?;
                    xlsx::write_edition(&refs, &tpl, out, edition)?;
                }
                _ => pdf::write_to(out, &pdf::ledger_pdf(&refs, edition)?)?,
            }
        }
        DocumentKind::Leads => {
            let groups = db.read(|c| {
                ids.iter()
                    .map(|id| Ok((inspections::get(c, *id)?, leads::list(c, *id)?)))
                    .collect::<Result<Vec<_>>>()
            })?;
            let s = xlsx::leads::write_leads(&groups, out)?;
            done.leads = s.leads as u64;
            done.leads_transferred = s.transferred as u64;
        }
        DocumentKind::Supervision => {
            let (letters, issued) =
                super::supervision::export(db, ids[0], today, o.reissue, format, out)?;
            done.letters = letters as u64;
            done.letters_issued = issued as u64;
        }
        DocumentKind::Closeout => {
            let which = match o.task_id {
                Some(task) => super::dossiers::Which::Task(task),
                None => super::dossiers::Which::Closed(ids[0]),
            };
            done.dossiers =
                super::dossiers::export(db, which, o.with_evidence, format, out, today)? as u64;
        }
        DocumentKind::Weekly => {
            let doc = documents::weekly(db, ids[0], today, true)?;
            done.what = doc.title.clone();
            write_document(&doc, &Letterhead::default(), &[], format, out)?;
        }
        _ => {
            let e = editable(kind)?;
            let draft = DraftOptions {
                lists: PlanLists {
                    problems: o.problem_list,
                    responsibilities: o.responsibility_list,
                },
                endorsement: o.endorsement,
            };
            let doc = if o.public {
                documents::compose_public(db, ids[0], e, today)?
            } else {
                documents::compose_with(db, ids[0], e, today, &draft)?
            };
            let tables = if kind == DocumentKind::Plan {
                documents::plan_attachments(db, ids[0], today, draft.lists)?
            } else {
                Vec::new()
            };
            let head = db.read(|c| unit_work::letterhead(c, ids[0], kind.code()))?;
            done.what = doc.title.clone();
            write_document(&doc, &head, &tables, format, out)?;
        }
    }
    done.bytes = std::fs::metadata(out).map_err(|e| Error::io(out, e))?.len();
    Ok(done)
}

/// Writes a composed document in `format`, with its GB/T 9704 elements and attached tables.
fn write_document(
    doc: &Document,
    head: &Letterhead,
    tables: &[PlanAttachment],
    format: Format,
    out: &Path,
) -> Result<()> {
    match format {
        Format::Pdf => documents::write_pdf_with(doc, head, tables, out),
        Format::Docx => documents::write_docx_with(doc, head, tables, out),
        f => Err(Error::invalid(
            "out",
            format!("文稿不能导出为 {} 格式", f.label()),
        )),
    }
}

/// A document as it will be printed: generated from today's data with the user's saved
/// edits applied (the weekly summary covers what changed since the last one).
pub fn compose(db: &Db, kind: DocumentKind, inspection: i64, today: NaiveDate) -> Result<Document> {
    match (kind, kind.editable()) {
        (_, Some(e)) => documents::compose(db, inspection, e, today),
        (DocumentKind::Weekly, None) => documents::weekly(db, inspection, today, false),
        _ => Err(not_a_text(kind)),
    }
}

fn not_a_text(kind: DocumentKind) -> Error {
    Error::invalid(
        "kind",
        format!("{}不是文稿，没有可修改的段落", kind.info().title),
    )
}

fn editable(kind: DocumentKind) -> Result<EditableDoc> {
    kind.editable().ok_or_else(|| {
        Error::invalid(
            "kind",
            format!(
                "{}的段落不能修改：可以修改的是反馈意见、整改方案、各类报告和通报",
                kind.info().title
            ),
        )
    })
}

/// Saves edited paragraphs (paragraph id → text); returns the edited document.
pub fn save_edits(
    db: &Db,
    kind: DocumentKind,
    inspection: i64,
    edits: &HashMap<String, String>,
    today: NaiveDate,
) -> Result<Document> {
    documents::save_edits(db, inspection, editable(kind)?, edits, today)
}

/// Drops the edits: the document is generated afresh from the data; returns it.
pub fn reset(db: &Db, kind: DocumentKind, inspection: i64, today: NaiveDate) -> Result<Document> {
    let e = editable(kind)?;
    documents::reset(db, inspection, e)?;
    documents::compose(db, inspection, e, today)
}

/// `path` with the extension of `format` (a save dialog may return a name without one).
pub fn with_extension(path: &Path, format: Format) -> PathBuf {
    if Format::of(path) == Some(format) {
        path.to_owned()
    } else {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".");
        name.push(format.extension());
        path.with_file_name(name)
    }
}

#[cfg(test)]
#[path = "exports_tests.rs"]
mod tests;
