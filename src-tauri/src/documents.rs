//! The official documents of an inspection, composed from the store with the user's
//! edits applied: the one place the CLI and the desktop get a document to show, edit,
//! print or save.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Days, NaiveDate};

use crate::db::{drafts, ledger, Db};
use crate::export::pdf;
use crate::report::data::LedgerData;
use crate::report::doc::{apply_edits, Document};
use crate::report::public::{masked_ledgers, Edition};
use crate::report::{feedback, status_report, weekly};
use crate::{Error, Result};

/// The documents a user can edit before printing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditableDoc {
    /// 巡察反馈意见.
    Feedback,
    /// 整改情况报告.
    StatusReport,
}

impl EditableDoc {
    fn draft_kind(self) -> &'static str {
        match self {
            EditableDoc::Feedback => drafts::FEEDBACK,
            EditableDoc::StatusReport => drafts::STATUS_REPORT,
        }
    }

    fn generate(self, data: &LedgerData) -> Document {
        match self {
            EditableDoc::Feedback => feedback::feedback_report(data),
            EditableDoc::StatusReport => status_report::status_report(data),
        }
    }
}

/// The user's saved edits of a document (paragraph id → text).
fn saved_edits(db: &Db, inspection_id: i64, kind: EditableDoc) -> Result<HashMap<String, String>> {
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
    let data = ledger::load(db, inspection_id, today)?;
    let generated = kind.generate(&data);
    Ok(apply_edits(
        generated,
        &saved_edits(db, inspection_id, kind)?,
    ))
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
    let data = ledger::load(db, inspection_id, today)?;
    let generated = kind.generate(&data);
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
