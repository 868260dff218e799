//! 督办 letters: issuing them for the tasks in a warning state and keeping their register.
//!
//! Exporting the letters issues what is due and prints every letter in force. A task gets a
//! new letter only when it has none in force for its present warning state: none of the
//! letter kind its colour calls for, issued for its present due date, and not voided. So
//! exporting again the same day (or any day while nothing changed) prints the same letters
//! with the same numbers; a task turning from green to yellow, or from yellow to red, or
//! whose deadline moved, gets a new one. `reissue` issues a new letter to every task in a
//! warning state regardless (the earlier ones stay in the register).

use chrono::NaiveDate;

use crate::app::exports::{DocumentKind, Format};
use crate::db::letters::{self, NewLetter};
use crate::db::{inspections, ledger, unit_work, Db};
use crate::documents::EditableDoc;
use crate::domain::supervision::{due_of, letter_for, reply_by};
use crate::domain::{Letterhead, SupervisionLetter};
use crate::export::{docx, pdf};
use crate::report;
use crate::report::doc::{apply_edits, Document};
use crate::report::supervision::{letter, letterhead};
use crate::{Error, Result};

/// The letters of an export, in the order of the findings (each with its 信函格式 版头), and
/// how many were newly issued.
#[derive(Debug, Clone)]
pub struct Letters {
    pub documents: Vec<(Document, Letterhead)>,
    pub letters: Vec<SupervisionLetter>,
    pub issued: usize,
}

/// Issues the letters due for the inspection's tasks in a warning state (every one of them
/// anew with `reissue`) on `today`, and composes every letter in force.
pub fn issue(db: &Db, inspection_id: i64, today: NaiveDate, reissue: bool) -> Result<Letters> {
    let data = ledger::load(db, inspection_id, today)?;
    let existing = db.read(|c| letters::list(c, Some(inspection_id), None))?;
    let warned = report::supervision::warned(&data, &existing);
    if warned.is_empty() {
        return Err(Error::invalid(
            "inspection",
            "没有需要发函的整改任务：当前没有处于预警（剩余20天以内）或逾期的任务",
        ));
    }
    let due: Vec<NewLetter> = {
        let cal = db.read(inspections::calendar)?;
        warned
            .iter()
            .filter(|(_, _, in_force)| reissue || in_force.is_none())
            .filter_map(|(f, t, _)| {
                Some(NewLetter {
                    inspection_id,
                    task_id: t.id,
                    kind: letter_for(t.warning?),
                    issued_on: today,
                    due_on: due_of(t),
                    days_left: t.days_left,
                    reply_by: reply_by(&cal, today),
                    subject: format!("{} {}", f.number, t.measure.trim()),
                })
            })
            .collect()
    };
    let issued = due.len();
    if issued > 0 {
        db.write(|tx| {
            due.iter()
                .map(|l| letters::issue_in_tx(tx, l))
                .collect::<Result<Vec<_>>>()
        })?;
    }
    let (all, set) = db.read(|c| {
        Ok((
            letters::list(c, Some(inspection_id), None)?,
            unit_work::letterhead(c, inspection_id, DocumentKind::Supervision.code())?,
        ))
    })?;
    let edits = crate::documents::saved_edits(db, inspection_id, EditableDoc::Supervision)?;
    let mut out = Letters {
        documents: Vec::with_capacity(warned.len()),
        letters: Vec::with_capacity(warned.len()),
        issued,
    };
    for (f, t, l) in report::supervision::warned(&data, &all) {
        if let Some(l) = l {
            out.documents.push((
                apply_edits(letter(&data.inspection, f, t, l), &edits),
                letterhead(&data.inspection, &set, l),
            ));
            out.letters.push(l.clone());
        }
    }
    Ok(out)
}

/// The register: the letters of an inspection (all when `None`) or of one task, in the
/// order issued.
pub fn list(
    db: &Db,
    inspection_id: Option<i64>,
    task_id: Option<i64>,
) -> Result<Vec<SupervisionLetter>> {
    db.read(|c| letters::list(c, inspection_id, task_id))
}

/// 作废 a letter with a reason on `on` (today when `None`); its number is never given again.
pub fn void(
    db: &Db,
    id: i64,
    reason: &str,
    on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<SupervisionLetter> {
    db.write(|tx| letters::void_in_tx(tx, id, reason, on.unwrap_or(today)))
}

/// Issues what is due (see [`issue`]) and writes every letter in force into one file at
/// `out`, each letter on new pages; returns the letters written and how many were issued.
/// The letters are recorded before the file is written: a failed write leaves them in the
/// register, and the next export prints them with their numbers.
pub fn export(
    db: &Db,
    inspection_id: i64,
    today: NaiveDate,
    reissue: bool,
    format: Format,
    out: &std::path::Path,
) -> Result<(usize, usize)> {
    let l = issue(db, inspection_id, today, reissue)?;
    let bytes = match format {
        Format::Docx => docx::render_letters(&l.documents)?,
        _ => pdf::render_letters(DocumentKind::Supervision.info().title, &l.documents)?,
    };
    crate::export::write_atomic(out, &bytes)?;
    Ok((l.letters.len(), l.issued))
}
