//! `xuncha export feedback|report|weekly`, the ledger as PDF, and `xuncha document` to
//! read and edit the paragraphs of the two reports before printing.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use xuncha::db::{inspections, Db};
use xuncha::documents::{self, EditableDoc};
use xuncha::report::doc::Document;
use xuncha::Result;

use crate::args::{DocArgs, DocKind, DocumentCmd};
use crate::output;

fn which(db: &Db, id: Option<i64>) -> Result<i64> {
    Ok(db.read(|c| inspections::resolve(c, id))?.id)
}

fn editable(kind: DocKind) -> EditableDoc {
    match kind {
        DocKind::Feedback => EditableDoc::Feedback,
        DocKind::Report => EditableDoc::StatusReport,
    }
}

fn written(j: bool, what: &str, out: &Path, doc: Option<&Document>) -> Result<()> {
    let message = format!("已生成{what}：{}", out.display());
    match doc {
        Some(d) => output::done(
            j,
            &message,
            &serde_json::json!({ "out": out, "title": d.title }),
        ),
        None => output::done(j, &message, &serde_json::json!({ "out": out })),
    }
}

/// Writes the feedback report or the status report as PDF.
pub fn export_editable(
    db: &Db,
    j: bool,
    kind: DocKind,
    a: &DocArgs,
    today: NaiveDate,
) -> Result<()> {
    let id = which(db, a.inspection)?;
    let doc = documents::compose(db, id, editable(kind), today)?;
    documents::write_pdf(&doc, &a.out)?;
    let what = match kind {
        DocKind::Feedback => "巡察反馈意见",
        DocKind::Report => "整改情况报告",
    };
    written(j, what, &a.out, Some(&doc))
}

/// Writes the weekly summary and records today as the last one.
pub fn export_weekly(db: &Db, j: bool, a: &DocArgs, today: NaiveDate) -> Result<()> {
    let id = which(db, a.inspection)?;
    let doc = documents::weekly(db, id, today, true)?;
    documents::write_pdf(&doc, &a.out)?;
    written(j, "一周小结", &a.out, Some(&doc))
}

/// Writes the ledger as a landscape PDF (the 公开版 with `public`).
pub fn export_ledger_pdf(
    db: &Db,
    j: bool,
    out: &Path,
    inspection: Option<i64>,
    public: bool,
    today: NaiveDate,
) -> Result<()> {
    let id = which(db, inspection)?;
    documents::write_ledger_pdf(db, id, today, public, out)?;
    written(j, "整改台账（PDF）", out, None)
}

/// Shows, edits or resets a document's paragraphs.
pub fn document(db: &Db, j: bool, c: &DocumentCmd, today: NaiveDate) -> Result<()> {
    match c {
        DocumentCmd::Show { kind, inspection } => {
            let doc = documents::compose(db, which(db, *inspection)?, editable(*kind), today)?;
            if j {
                return output::json(&doc);
            }
            println!("{}", doc.title);
            for b in &doc.blocks {
                if let Some(id) = b.id() {
                    println!("[{id}] {}", b.text());
                }
            }
            Ok(())
        }
        DocumentCmd::Edit {
            kind,
            inspection,
            id,
            text,
        } => {
            let edits = HashMap::from([(id.clone(), text.clone())]);
            let doc =
                documents::save_edits(db, which(db, *inspection)?, editable(*kind), &edits, today)?;
            output::done(j, &format!("已保存段落 {id} 的修改"), &doc)
        }
        DocumentCmd::Reset { kind, inspection } => {
            documents::reset(db, which(db, *inspection)?, editable(*kind))?;
            output::done(
                j,
                "已放弃修改，将按当前数据重新生成",
                &serde_json::json!({ "reset": true }),
            )
        }
    }
}
