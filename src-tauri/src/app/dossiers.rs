//! 销号 dossiers: the 整改销号申请审批表 and 佐证材料目录 of one task, or of every closed task
//! of an inspection in one file (a batch to print and file); optionally with the evidence
//! itself appended (PDFs and images), the 目录 giving the page each file starts on.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::app::exports::{DocumentKind, Format};
use crate::db::{evidence, findings, ledger, tasks, Db};
use crate::documents::{self, EditableDoc};
use crate::domain::{Evidence, Finding, Status, Task};
use crate::export::fonts::FontSet;
use crate::export::pdf::append::{self, page_count, part_of, Part};
use crate::export::pdf::{self, table};
use crate::export::TitledTable;
use crate::report::closeout::{dossier, has_dossier, result_id, DossierData};
use crate::report::data::LedgerData;
use crate::{Error, Result};

/// One task's dossier: its tables, and the evidence to append after them (when asked for).
#[derive(Debug, Clone)]
pub struct Dossier {
    pub tables: Vec<TitledTable>,
    pub evidence: Vec<Part>,
}

/// The evidence files that can be appended, with the 页码 and 备注 each gets in the list,
/// the pages counted from `first`.
fn appendix(
    db: &Db,
    files: &[Evidence],
    first: usize,
) -> Result<(Vec<Part>, Vec<String>, Vec<String>)> {
    let dir = db
        .evidence_dir()
        .ok_or_else(|| Error::NotFound("内存数据库没有佐证材料文件".into()))?;
    let (mut parts, mut pages, mut notes) = (Vec::new(), Vec::new(), Vec::new());
    let mut next = first;
    for e in files {
        let read = std::fs::read(evidence::stored_path(&dir, &e.sha256));
        let part = match read {
            Err(_) => Err("文件缺失，未并入".to_owned()),
            Ok(bytes) => part_of(&e.file_name, bytes)
                .ok_or_else(|| "未并入，请另行打印".to_owned())
                .and_then(|p| match page_count(&p) {
                    Ok(n) if n > 0 => Ok((p, n)),
                    Ok(_) => Err("文件没有页面，未并入".to_owned()),
                    Err(err) => Err(format!("{err}，未并入")),
                }),
        };
        match part {
            Ok((p, n)) => {
                pages.push(if n == 1 {
                    next.to_string()
                } else {
                    format!("{next}-{}", next + n - 1)
                });
                notes.push(String::new());
                parts.push(p);
                next += n;
            }
            Err(why) => {
                pages.push(String::new());
                notes.push(why);
            }
        }
    }
    Ok((parts, pages, notes))
}

fn one(
    db: &Db,
    data: &LedgerData,
    (f, t): (&Finding, &Task),
    edits: &HashMap<String, String>,
    with_evidence: bool,
) -> Result<Dossier> {
    let files = db.read(|c| evidence::for_task(c, t.id))?;
    let progress = data.progress.get(&t.id).map_or(&[][..], Vec::as_slice);
    let close_outs = data.close_outs.get(&t.id).map_or(&[][..], Vec::as_slice);
    let tables = |pages: &[String], notes: &[String]| {
        dossier(&DossierData {
            inspection: &data.inspection,
            finding: f,
            task: t,
            progress,
            evidence: &files,
            close_outs,
            pages,
            notes,
            result: edits.get(&result_id(t.id)).map(String::as_str),
        })
    };
    if !with_evidence {
        return Ok(Dossier {
            tables: tables(&[], &[]),
            evidence: vec![],
        });
    }
    // The list says where each file starts, after the dossier's own pages; filling in the
    // pages could in principle move the list onto one more page: then count again.
    let fonts = FontSet::global();
    let mut own = table::compose(&tables(&[], &[]), fonts).len();
    loop {
        let (parts, pages, notes) = appendix(db, &files, own + 1)?;
        let t = tables(&pages, &notes);
        let now = table::compose(&t, fonts).len();
        if now == own {
            return Ok(Dossier {
                tables: t,
                evidence: parts,
            });
        }
        own = now;
    }
}

/// The dossier of each task named (in the order of the findings).
fn compose(
    db: &Db,
    data: &LedgerData,
    task_ids: &[i64],
    with_evidence: bool,
) -> Result<Vec<Dossier>> {
    let mut out = Vec::with_capacity(task_ids.len());
    let edits = documents::saved_edits(db, data.inspection.id, EditableDoc::Closeout)?;
    for f in &data.findings {
        for t in f.tasks.iter().filter(|t| task_ids.contains(&t.id)) {
            out.push(one(db, data, (f, t), &edits, with_evidence)?);
        }
    }
    Ok(out)
}

/// The dossier of one task: it must be completed or closed, or have been put forward.
pub fn for_task(db: &Db, task_id: i64, today: NaiveDate, with_evidence: bool) -> Result<Dossier> {
    let (task, inspection) = db.read(|c| {
        let t = tasks::get(c, task_id, today)?;
        let f = findings::get(c, t.finding_id, today)?;
        Ok((t, f.inspection_id))
    })?;
    let data = ledger::load(db, inspection, today)?;
    let close_outs = data.close_outs.get(&task_id).map_or(&[][..], Vec::as_slice);
    if !has_dossier(&task, close_outs) {
        return Err(Error::invalid(
            "task",
            format!(
                "任务 {task_id} 当前为“{}”，还没有提请销号：销号材料只为已完成、已提请销号或已销号的任务生成",
                task.status.label()
            ),
        ));
    }
    compose(db, &data, &[task_id], with_evidence)?
        .pop()
        .ok_or_else(|| Error::NotFound(format!("没有编号为 {task_id} 的整改任务")))
}

/// The dossiers of every closed task of an inspection, in the order of the findings.
pub fn closed(
    db: &Db,
    inspection_id: i64,
    today: NaiveDate,
    with_evidence: bool,
) -> Result<Vec<Dossier>> {
    let data = ledger::load(db, inspection_id, today)?;
    let ids: Vec<i64> = data
        .findings
        .iter()
        .flat_map(|f| &f.tasks)
        .filter(|t| t.status == Status::Closed)
        .map(|t| t.id)
        .collect();
    if ids.is_empty() {
        return Err(Error::invalid(
            "task",
            "这个巡察还没有已销号的任务：可用 --task 编号 导出一项已完成或已提请销号任务的销号材料",
        ));
    }
    compose(db, &data, &ids, with_evidence)
}

/// Which dossiers an export holds.
#[derive(Debug, Clone, Copy)]
pub enum Which {
    /// One task's.
    Task(i64),
    /// Every closed task's of this inspection.
    Closed(i64),
}

/// Writes the dossiers into one file at `out`: Word, or PDF (each dossier numbering its
/// pages from 1), with each one's evidence after it when `with_evidence`. Returns how many
/// dossiers it holds.
pub fn export(
    db: &Db,
    which: Which,
    with_evidence: bool,
    format: Format,
    out: &std::path::Path,
    today: NaiveDate,
) -> Result<usize> {
    let title = DocumentKind::Closeout.info().title;
    let all = match which {
        Which::Task(task) => vec![for_task(db, task, today, with_evidence)?],
        Which::Closed(inspection) => closed(db, inspection, today, with_evidence)?,
    };
    let n = all.len();
    let bytes = match format {
        Format::Docx => {
            let groups: Vec<_> = all.into_iter().map(|d| d.tables).collect();
            crate::export::docx::render_tables(title, &groups)?
        }
        _ if with_evidence => {
            let mut parts = Vec::new();
            for d in all {
                parts.push(Part::Pdf(pdf::render_tables(title, &[d.tables])?));
                parts.extend(d.evidence);
            }
            append::concat(&parts)?
        }
        _ => {
            let groups: Vec<_> = all.into_iter().map(|d| d.tables).collect();
            pdf::render_tables(title, &groups)?
        }
    };
    crate::export::write_atomic(out, &bytes)?;
    Ok(n)
}
