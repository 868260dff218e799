//! The official documents of an inspection, composed from the store with the user's
//! edits applied: the one place the CLI and the desktop get a document to show, edit,
//! print or save.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Days, NaiveDate};

use crate::db::{drafts, ledger, Db};
use crate::domain::Letterhead;
use crate::export::{docx, pdf};
use crate::report::data::{LedgerData, UnitWork};
use crate::report::doc::{apply_edits, Document};
use crate::report::plan::{PlanAttachment, PlanLists};
use crate::report::public::{masked_ledgers, public_document, Edition};
use crate::report::{
    closeout, endorsement, feedback, meeting, notice, plan, principal, status_report, supervision,
    weekly,
};
use crate::{Error, Result};

/// The documents a user can edit before printing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditableDoc {
    /// 巡察反馈意见.
    Feedback,
    /// 整改情况报告.
    StatusReport,
    /// 整改方案.
    Plan,
    /// 主要负责人组织落实整改情况报告.
    PrincipalReport,
    /// 整改情况通报.
    Notice,
    /// 整改专题民主生活会情况报告.
    MeetingReport,
    /// 督办函件: every letter in force, edited together; printed by `app::supervision`.
    Supervision,
    /// 销号材料: the 整改结果 of each task with a dossier; printed by `app::dossiers`.
    Closeout,
}

/// How a document is drafted beyond its data: the lists the plan carries, and whether a
/// report ends with the 签字背书 page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DraftOptions {
    pub lists: PlanLists,
    pub endorsement: bool,
}

impl EditableDoc {
    fn draft_kind(self) -> &'static str {
        match self {
            EditableDoc::Feedback => drafts::FEEDBACK,
            EditableDoc::StatusReport => drafts::STATUS_REPORT,
            EditableDoc::Plan => drafts::PLAN,
            EditableDoc::PrincipalReport => drafts::PRINCIPAL_REPORT,
            EditableDoc::Notice => drafts::NOTICE,
            EditableDoc::MeetingReport => drafts::MEETING_REPORT,
            EditableDoc::Supervision => drafts::SUPERVISION,
            EditableDoc::Closeout => drafts::CLOSEOUT,
        }
    }

    fn generate(self, data: &LedgerData, work: &UnitWork, o: &DraftOptions) -> Document {
        let mut doc = match self {
            EditableDoc::Feedback => feedback::feedback_report(data),
            EditableDoc::StatusReport => status_report::status_report(data),
            EditableDoc::Plan => plan::plan(data, work, o.lists),
            EditableDoc::PrincipalReport => principal::principal_report(data, work),
            EditableDoc::Notice => notice::notice(data, work),
            EditableDoc::MeetingReport => meeting::meeting_report(data, work),
            EditableDoc::Supervision => supervision::editable(data, &work.letters),
            EditableDoc::Closeout => closeout::editable(data),
        };
        if o.endorsement && self.endorsable() {
            endorsement::append(&mut doc, data);
        }
        doc
    }

    /// Whether the document can end with the 签字背书 page (the two reports).
    pub fn endorsable(self) -> bool {
        matches!(
            self,
            EditableDoc::StatusReport | EditableDoc::PrincipalReport
        )
    }
}

/// Everything a document of `kind` is drafted from.
fn draft(
    db: &Db,
    inspection_id: i64,
    kind: EditableDoc,
    today: NaiveDate,
    o: &DraftOptions,
) -> Result<(LedgerData, Document)> {
    let data = ledger::load(db, inspection_id, today)?;
    let work = ledger::load_work(db, inspection_id, today)?;
    let doc = kind.generate(&data, &work, o);
    Ok((data, doc))
}

/// The user's saved edits of a document (paragraph id → text).
pub(crate) fn saved_edits(
    db: &Db,
    inspection_id: i64,
    kind: EditableDoc,
) -> Result<HashMap<String, String>> {
    let stored = db.read(|c| drafts::get(c, inspection_id, kind.draft_kind()))?;
    Ok(match stored {
        Some(json) => serde_json::from_str(&json)?,
        None => HashMap::new(),
    })
}

/// The document as generated from today's data, with the user's saved edits applied.
pub fn compose(
    db: &Db,
    inspection_id: i64,
    kind: EditableDoc,
    today: NaiveDate,
) -> Result<Document> {
    compose_with(db, inspection_id, kind, today, &DraftOptions::default())
}

/// [`compose`] with the plan's lists and the 签字背书 page as chosen.
pub fn compose_with(
    db: &Db,
    inspection_id: i64,
    kind: EditableDoc,
    today: NaiveDate,
    o: &DraftOptions,
) -> Result<Document> {
    let (_, generated) = draft(db, inspection_id, kind, today, o)?;
    Ok(apply_edits(
        generated,
        &saved_edits(db, inspection_id, kind)?,
    ))
}

/// The 公开版 of a document: as printed inside, then every person the data or the directory
/// names masked wherever the text mentions them (the user's edits included), and the title
/// marked （公开版）.
pub fn compose_public(
    db: &Db,
    inspection_id: i64,
    kind: EditableDoc,
    today: NaiveDate,
) -> Result<Document> {
    let (data, generated) = draft(db, inspection_id, kind, today, &DraftOptions::default())?;
    let doc = apply_edits(generated, &saved_edits(db, inspection_id, kind)?);
    Ok(public_document(&doc, &data, &directory_people(db)?))
}

/// The plan's attached lists, as chosen.
pub fn plan_attachments(
    db: &Db,
    inspection_id: i64,
    today: NaiveDate,
    lists: PlanLists,
) -> Result<Vec<PlanAttachment>> {
    let data = ledger::load(db, inspection_id, today)?;
    Ok(plan::attachments(&data, lists))
}

/// Saves edits of paragraphs (merged with earlier ones); returns the edited document.
/// Unknown paragraph ids are refused, so an edit never silently goes nowhere.
pub fn save_edits(
    db: &Db,
    inspection_id: i64,
    kind: EditableDoc,
    edits: &HashMap<String, String>,
    today: NaiveDate,
) -> Result<Document> {
    let (_, generated) = draft(db, inspection_id, kind, today, &DraftOptions::default())?;
    let known = generated.texts();
    for (id, text) in edits {
        if !known.contains_key(id) {
            return Err(Error::invalid(
                "id",
                format!("文稿中没有编号为“{id}”的段落"),
            ));
        }
        crate::domain::validate::text(
            "text",
            "段落",
            text,
            crate::domain::validate::limits::LONG_TEXT,
        )?;
    }
    let mut all = saved_edits(db, inspection_id, kind)?;
    all.extend(edits.clone());
    let edited = apply_edits(generated.clone(), &all);
    // Store only what differs from the generated text.
    let diff = edited.edits_from(&generated);
    let json = serde_json::to_string(&diff)?;
    db.write(|tx| drafts::save_in_tx(tx, inspection_id, kind.draft_kind(), &json))?;
    Ok(edited)
}

/// Drops the user's edits: the document is generated afresh.
pub fn reset(db: &Db, inspection_id: i64, kind: EditableDoc) -> Result<()> {
    db.write(|tx| drafts::discard_in_tx(tx, inspection_id, kind.draft_kind()))
}

/// The weekly summary since the last one (or the last 7 days), optionally recording
/// today as the last one.
pub fn weekly(db: &Db, inspection_id: i64, today: NaiveDate, mark: bool) -> Result<Document> {
    let data = ledger::load(db, inspection_id, today)?;
    let since = db
        .read(|c| drafts::weekly_since(c, inspection_id, today))?
        .unwrap_or_else(|| today.checked_sub_days(Days::new(7)).unwrap_or(today));
    let doc = weekly::weekly_summary(&data, since);
    if mark {
        db.write(|tx| drafts::mark_weekly_in_tx(tx, inspection_id, today, since))?;
    }
    Ok(doc)
}

/// Writes a document as a GB/T 9704 PDF (atomically).
pub fn write_pdf(doc: &Document, out: &Path) -> Result<()> {
    pdf::write_to(out, &pdf::render(doc)?)
}

/// Writes a document as a GB/T 9704 PDF with its 版头/版记 and attached tables (landscape).
pub fn write_pdf_with(
    doc: &Document,
    head: &Letterhead,
    tables: &[PlanAttachment],
    out: &Path,
) -> Result<()> {
    pdf::write_to(out, &pdf::render_full(doc, head, &attached(tables))?)
}

/// The attachments as the PDF and Word writers take them: label and table.
fn attached(tables: &[PlanAttachment]) -> Vec<(&str, &crate::report::ledger::LedgerTable)> {
    tables
        .iter()
        .map(|a| (a.label.as_str(), &a.table))
        .collect()
}

/// Writes a document as .docx with its 版头/版记 and attached tables (landscape sections,
/// header rows repeated, rows kept whole).
pub fn write_docx_with(
    doc: &Document,
    head: &Letterhead,
    tables: &[PlanAttachment],
    out: &Path,
) -> Result<()> {
    crate::export::write_atomic(out, &docx::render_full(doc, head, &attached(tables))?)
}

/// The ledger data of the inspections `ids`, in that order; for the 公开版 (`public`) masked
/// as [`masked_ledgers`] masks it, the directory's people included.
pub fn ledger_data(
    db: &Db,
    ids: &[i64],
    today: NaiveDate,
    edition: Edition,
) -> Result<Vec<LedgerData>> {
    if ids.is_empty() {
        return Err(Error::invalid("inspection", "没有可导出的巡察"));
    }
    let all = ids
        .iter()
        .map(|id| ledger::load(db, *id, today))
        .collect::<Result<Vec<_>>>()?;
    Ok(match edition {
        Edition::Internal => all,
        Edition::Public => masked_ledgers(&all, &directory_people(db)?),
    })
}

/// The people of the directory: the 公开版 masks them wherever free text mentions them,
/// besides the names the ledger itself holds.
pub fn directory_people(db: &Db) -> Result<Vec<String>> {
    let people =
        db.read(|c| crate::db::directory::list(c, Some(crate::domain::DirectoryKind::Person)))?;
    Ok(people.into_iter().map(|e| e.name).collect())
}
