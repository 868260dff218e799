//! What each row of a checked, returned workbook would change in the ledger: a new
//! progress entry, a status change (by the domain's rules), nothing, a conflict (the task
//! changed in the ledger after the workbook went out), a row applied before, or a row
//! whose content cannot be applied, saying why.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::read::{Returned, Written};
use super::{sign, FillColumn};
use crate::db::{fill_in, findings, tasks};
use crate::domain::status::{check_transition, Via};
use crate::domain::{dates, validate, FillInChange, ProgressInput, Status};
use crate::import::xlsx::values;
use crate::Result;

/// One row of the preview.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewRow {
    /// Numbered from 1 across all the files of one import: what `--accept` names.
    pub no: usize,
    pub file: String,
    /// The unit the workbook was made for (written as 填报人 of the progress entry).
    pub unit: String,
    /// The row as Excel numbers it.
    pub row: u32,
    pub task_id: i64,
    /// The finding's number, （一）1.
    pub finding_number: String,
    pub measure: String,
    pub change: FillInChange,
    /// The task's status in the ledger now.
    pub status_now: Status,
    /// The status the unit chose, when it differs from the one the workbook went out with.
    pub status_to: Option<Status>,
    /// The progress entry it would add.
    pub text: String,
    pub entered_on: Option<NaiveDate>,
    /// Why a row is a conflict or cannot be applied.
    pub message: String,
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub row_key: String,
}

impl PreviewRow {
    /// The progress entry applying this row adds.
    pub fn input(&self) -> ProgressInput {
        ProgressInput {
            task_id: self.task_id,
            text: self.text.clone(),
            entered_on: self.entered_on,
            by: Some(self.unit.clone()),
            status: self.status_to,
            funds_recovered: 0.0,
            evidence: vec![],
        }
    }
}

/// What the unit wrote, read: the entry's text, its date, the status it chose.
struct Parsed {
    text: String,
    entered_on: Option<NaiveDate>,
    status: Option<Status>,
}

fn parse(w: &Written) -> std::result::Result<Parsed, String> {
    let cell = |c: FillColumn, why: String| format!("“{}”：{why}", c.label());
    let status =
        values::status(w.get(FillColumn::Status)).map_err(|why| cell(FillColumn::Status, why))?;
    let date = w.get(FillColumn::Date).trim();
    let entered_on = match date {
        "" => None,
        d => Some(dates::read_date(d, None).map_err(|why| cell(FillColumn::Date, why))?),
    };
    let mut lines = vec![];
    let progress = w.get(FillColumn::Progress).trim();
    if !progress.is_empty() {
        lines.push(progress.to_owned());
    }
    for c in [FillColumn::Evidence, FillColumn::Note] {
        let v = w.get(c).trim();
        if !v.is_empty() {
            lines.push(format!("{}：{v}", c.label()));
        }
    }
    Ok(Parsed {
        text: lines.join("\n"),
        entered_on,
        status,
    })
}

/// The preview of `returned` (the rows numbered from `first_no`), against the ledger as
/// `conn` reads it.
pub fn rows(
    conn: &Connection,
    file: &str,
    returned: &Returned,
    first_no: usize,
    today: NaiveDate,
) -> Result<Vec<PreviewRow>> {
    let mut out = vec![];
    for (i, (w, s)) in returned.rows.iter().zip(&returned.signed.rows).enumerate() {
        let task = tasks::get(conn, w.task_id, today)?;
        let number = findings::get(conn, task.finding_id, today)?.number;
        let mut p = PreviewRow {
            no: first_no + i,
            file: file.to_owned(),
            unit: returned.signed.unit.clone(),
            row: w.row + 1,
            task_id: task.id,
            finding_number: number,
            measure: task.measure.clone(),
            change: FillInChange::Unchanged,
            status_now: task.status,
            status_to: None,
            text: String::new(),
            entered_on: None,
            message: String::new(),
            row_key: sign::row_key(&returned.signed.signature, w.task_id, &w.values)?,
        };
        let parsed = match parse(w) {
            Ok(parsed) => parsed,
            Err(why) => {
                p.change = FillInChange::Invalid;
                p.message = why;
                out.push(p);
                continue;
            }
        };
        p.status_to = parsed.status.filter(|to| *to != s.status);
        p.entered_on = parsed.entered_on;
        p.text = match (parsed.text.is_empty(), p.status_to) {
            (true, Some(to)) => format!("整改状态改为“{}”", to.label()),
            _ => parsed.text,
        };
        p.change = classify(conn, &mut p, &s.version, &task.updated_at)?;
        out.push(p);
    }
    Ok(out)
}

fn classify(conn: &Connection, p: &mut PreviewRow, sent: &str, now: &str) -> Result<FillInChange> {
    if p.text.is_empty() {
        return Ok(FillInChange::Unchanged);
    }
    if fill_in::applied(conn, &p.row_key)? {
        return Ok(FillInChange::Applied);
    }
    if let Err(e) = validate::progress(&p.input()) {
        p.message = e.to_string();
        return Ok(FillInChange::Invalid);
    }
    if sent != now {
        p.message = format!(
            "填报表发出后，台账中该任务已有改动（现为“{}”）",
            p.status_now.label()
        );
        return Ok(FillInChange::Conflict);
    }
    match p.status_to {
        Some(to) => match check_transition(p.status_now, to, Via::Progress) {
            Ok(()) => Ok(FillInChange::StatusChange),
            Err(e) => {
                p.message = e.to_string();
                Ok(FillInChange::Invalid)
            }
        },
        None => Ok(FillInChange::Progress),
    }
}
