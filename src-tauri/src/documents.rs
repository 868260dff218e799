//! The official documents of an inspection, composed from the store with the user's
//! edits applied: the one place the CLI and the desktop get a document to show, edit,
//! print or save.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Days, NaiveDate};

use crate::db::{drafts, ledger, Db};
use crate::export::pdf;
use crate::export::xlsx::{self, saved, LedgerTemplate};
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
        .read(|c| drafts::last_weekly(c, inspection_id))?
        .unwrap_or_else(|| today.checked_sub_days(Days::new(7)).unwrap_or(today));
    let doc = weekly::weekly_summary(&data, since);
    if mark {
        db.write(|tx| drafts::mark_weekly_in_tx(tx, inspection_id, today))?;
    }
    Ok(doc)
}

/// Writes a document as a GB/T 9704 PDF (atomically).
pub fn write_pdf(doc: &Document, out: &Path) -> Result<()> {
    pdf::write_to(out, &pdf::render(doc)?)
}

/// The ledger data of the inspections `ids`, in that order; for the 公开版 masked as
/// [`masked_ledgers`] masks it, the directory's people included.
fn ledgers(db: &Db, ids: &[i64], today: NaiveDate, edition: Edition) -> Result<Vec<LedgerData>> {
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

fn edition(public: bool) -> Edition {
    if public {
        Edition::Public
    } else {
        Edition::Internal
    }
}

/// Writes the ledger of one inspection as a landscape PDF; `public` writes the 公开版.
pub fn write_ledger_pdf(
    db: &Db,
    inspection_id: i64,
    today: NaiveDate,
    public: bool,
    out: &Path,
) -> Result<()> {
    write_ledgers_pdf(db, &[inspection_id], today, public, out)
}

/// Writes the ledger of the inspections `ids` (one section each) as a landscape PDF, laid
/// out from the same model as the Excel ledger; `public` writes the 公开版 (people's names
/// masked, also the directory's wherever the text mentions them, the title marked).
pub fn write_ledgers_pdf(
    db: &Db,
    ids: &[i64],
    today: NaiveDate,
    public: bool,
    out: &Path,
) -> Result<()> {
    let ed = edition(public);
    let all = ledgers(db, ids, today, ed)?;
    let refs: Vec<&LedgerData> = all.iter().collect();
    pdf::write_to(out, &pdf::ledger_pdf(&refs, ed)?)
}

/// The people of the directory: the 公开版 masks them wherever free text mentions them,
/// besides the names the ledger itself holds.
pub fn directory_people(db: &Db) -> Result<Vec<String>> {
    let people =
        db.read(|c| crate::db::directory::list(c, Some(crate::domain::DirectoryKind::Person)))?;
    Ok(people.into_iter().map(|e| e.name).collect())
}

/// Writes the Excel ledger of one inspection with the saved template `template` (`None`
/// or 默认: the official layout); `public` writes the 公开版.
pub fn write_ledger_xlsx(
    db: &Db,
    inspection_id: i64,
    today: NaiveDate,
    template: Option<&str>,
    public: bool,
    out: &Path,
) -> Result<()> {
    write_ledgers_xlsx(db, &[inspection_id], today, template, public, out).map(|_| ())
}

/// Writes the Excel ledger workbook of the inspections `ids` (one section each) with the
/// saved template `template` (`None` or 默认: the official layout); `public` writes the
/// 公开版, masking also the directory's people wherever the text mentions them.
pub fn write_ledgers_xlsx(
    db: &Db,
    ids: &[i64],
    today: NaiveDate,
    template: Option<&str>,
    public: bool,
    out: &Path,
) -> Result<xlsx::ExportSummary> {
    let tpl = match template.map(str::trim).filter(|t| !t.is_empty()) {
        Some(name) => db.read(|c| saved::load(c, name))?,
        None => LedgerTemplate::default(),
    };
    let ed = edition(public);
    let all = ledgers(db, ids, today, ed)?;
    let refs: Vec<&LedgerData> = all.iter().collect();
    xlsx::write_edition(&refs, &tpl, out, ed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::Reader;

    /// Every cell of every sheet, one per line.
    fn cells(path: &Path) -> String {
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
        let mut out = String::new();
        for name in book.sheet_names() {
            for row in book.worksheet_range(&name).unwrap().rows() {
                for c in row {
                    out.push_str(&c.to_string());
                    out.push('\n');
                }
            }
        }
        out
    }

    #[test]
    fn excel_ledger_with_a_saved_template_and_the_public_edition() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.db")).unwrap();
        let today = crate::db::today();
        let id = crate::demo::load(&db, today).unwrap();
        let tpl = LedgerTemplate {
            title: "区委巡察办样式整改台账".into(),
            ..LedgerTemplate::default()
        };
        db.write(|tx| saved::save_in_tx(tx, "区委巡察办", &tpl))
            .unwrap();
        let leader = db
            .read(|c| crate::db::findings::list(c, Some(id), today))
            .unwrap()[0]
            .tasks[0]
            .assignment
            .lead_leader
            .clone();
        assert_eq!(leader.chars().count(), 3, "a full name: {leader}");

        let internal = dir.path().join("内部.xlsx");
        write_ledger_xlsx(&db, id, today, Some("区委巡察办"), false, &internal).unwrap();
        let text = cells(&internal);
        assert!(text.contains("区委巡察办样式整改台账"));
        assert!(text.contains(&leader));

        let public = dir.path().join("公开.xlsx");
        write_ledger_xlsx(&db, id, today, None, true, &public).unwrap();
        let text = cells(&public);
        assert!(text.contains("（公开版）"));
        assert!(
            !text.contains("区委巡察办样式整改台账"),
            "默认: the official layout"
        );
        assert!(!text.contains(&leader), "names are masked in the 公开版");

        let err = write_ledger_xlsx(&db, id, today, Some("没有这个"), false, &public).unwrap_err();
        assert_eq!(err.field(), Some("template"));
    }
}
