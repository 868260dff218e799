//! What goes in each cell of the ledger: the text, date or number a column shows for a
//! finding and one of its tasks, written the way official ledgers write it. Values are
//! typed so that Excel keeps real date and number cells; the PDF prints [`CellValue::shown`].

use std::borrow::Cow;

use chrono::NaiveDate;

use super::columns::LedgerColumn;
use crate::domain::dates::{format_cn, format_deadline};
use crate::domain::status::is_done;
use crate::domain::{DeadlineKind, Finding, Status, Task};
use crate::report::data::LedgerData;

/// What an overdue task's status cell adds to the status (a printed page in black and
/// white cannot rely on the warning colour).
pub const OVERDUE_MARK: &str = "（逾期）";

/// A value to write in one cell.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Empty,
    Text(String),
    Date(NaiveDate),
    Number(f64),
    Percent(f64),
}

impl CellValue {
    /// Text, or empty when `s` is blank.
    pub fn text(s: impl Into<String>) -> Self {
        let s = s.into();
        if s.trim().is_empty() {
            CellValue::Empty
        } else {
            CellValue::Text(s)
        }
    }

    /// A date cell, or empty.
    pub fn date(d: Option<NaiveDate>) -> Self {
        d.map_or(CellValue::Empty, CellValue::Date)
    }

    /// The text as a reader sees it: what the PDF prints and what Excel shows.
    pub fn shown(&self) -> Cow<'_, str> {
        match self {
            CellValue::Empty => Cow::Borrowed(""),
            CellValue::Text(s) => Cow::Borrowed(s),
            CellValue::Date(d) => Cow::Owned(format_cn(*d)),
            CellValue::Number(n) => Cow::Owned(format!("{n}")),
            CellValue::Percent(p) => Cow::Owned(format!("{:.1}%", p * 100.0)),
        }
    }

    /// Whether the cell is blank.
    pub fn is_empty(&self) -> bool {
        matches!(self, CellValue::Empty)
    }
}

/// The value `column` shows for task `t` of finding `f` (numbered `number` within its
/// category, see [`crate::report::sections`]). Finding-level columns show the finding (the
/// writers merge it down across its tasks); task-level columns show the task, or nothing
/// when there is none (a finding without tasks). Every column is matched by name here and
/// in [`task_value`], so a column cannot be added without saying what it shows.
pub fn cell(
    column: LedgerColumn,
    number: usize,
    f: &Finding,
    t: Option<&Task>,
    data: &LedgerData,
) -> CellValue {
    use LedgerColumn::*;
    match column {
        Seq => CellValue::Number(number as f64),
        Category => CellValue::text(&f.category),
        Title => CellValue::text(&f.title),
        Manifestation => CellValue::text(&f.manifestation),
        Nature => CellValue::text(f.nature.label()),
        Source => CellValue::text(&f.source),
        Measure | Goal | Acceptance | LeadLeader | ResponsibleLeader | LeadUnit
        | ResponsibleUnits | ResponsiblePerson | Deadline | DeadlineType | Progress | Status
        | Warning | Evidence | Note => t.map_or(CellValue::Empty, |t| task_value(column, t, data)),
    }
}

/// The value of a task-level column for `t`.
fn task_value(column: LedgerColumn, t: &Task, data: &LedgerData) -> CellValue {
    use LedgerColumn::*;
    let a = &t.assignment;
    match column {
        Measure => CellValue::text(&t.measure),
        Goal => CellValue::text(&t.goal),
        Acceptance => CellValue::text(&t.acceptance),
        LeadLeader => CellValue::text(&a.lead_leader),
        ResponsibleLeader => CellValue::text(&a.responsible_leader),
        LeadUnit => CellValue::text(&a.lead_unit),
        ResponsibleUnits => CellValue::text(a.responsible_units.join("、")),
        ResponsiblePerson => CellValue::text(&a.responsible_person),
        Deadline => deadline_cell(t),
        DeadlineType => CellValue::text(t.deadline_kind.label()),
        Progress => CellValue::text(progress_text(t.id, data)),
        Status => CellValue::text(status_text(t.status, t.overdue)),
        Warning => CellValue::text(t.warning.map(|w| w.label()).unwrap_or_default()),
        Evidence => CellValue::text(evidence_text(t.id, data)),
        Note => CellValue::text(&t.note),
        Seq | Category | Title | Manifestation | Nature | Source => CellValue::Empty,
    }
}

/// How a task's deadline is written: a date cell, or 立行立改 / 长期坚持 as words
/// ([`format_deadline`]).
pub fn deadline_cell(t: &Task) -> CellValue {
    match t.deadline_kind {
        DeadlineKind::Date => CellValue::date(t.deadline),
        k => CellValue::text(format_deadline(k, t.deadline, &t.milestones)),
    }
}

/// 整改状态 as the ledger writes it: the status, with [`OVERDUE_MARK`] when overdue.
pub fn status_text(status: Status, overdue: bool) -> String {
    if overdue {
        format!("{}{OVERDUE_MARK}", status.label())
    } else {
        status.label().to_owned()
    }
}

/// Every text [`status_text`] can write: the statuses, then those that can be overdue
/// with the mark (the Excel drop-down offers exactly these).
pub fn status_choices() -> Vec<String> {
    let plain = Status::ALL.iter().map(|s| status_text(*s, false));
    let overdue = Status::ALL
        .iter()
        .filter(|s| !is_done(**s))
        .map(|s| status_text(*s, true));
    plain.chain(overdue).collect()
}

/// A task's progress entries, oldest first, one per line: 2025年4月10日：…. The filed
/// ledger shows everything that was done, when.
pub fn progress_text(task_id: i64, data: &LedgerData) -> String {
    data.progress
        .get(&task_id)
        .map(|entries| {
            entries
                .iter()
                .filter(|p| !p.text.trim().is_empty())
                .map(|p| format!("{}：{}", format_cn(p.entered_on), p.text.trim()))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

/// A task's evidence files, numbered when there are several, one per line.
pub fn evidence_text(task_id: i64, data: &LedgerData) -> String {
    let names: Vec<&str> = data
        .progress
        .get(&task_id)
        .into_iter()
        .flatten()
        .flat_map(|p| p.evidence.iter().map(|e| e.file_name.as_str()))
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        _ => names
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{}. {n}", i + 1))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_dates_are_chinese() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
        assert_eq!(CellValue::Date(d).shown(), "2025年3月31日");
        assert_eq!(CellValue::Number(3.0).shown(), "3");
        assert_eq!(CellValue::text("  "), CellValue::Empty);
    }

    #[test]
    fn overdue_statuses_say_so_and_are_offered() {
        assert_eq!(status_text(Status::InProgress, true), "正在推进（逾期）");
        assert_eq!(status_text(Status::Completed, false), "已完成");
        let choices = status_choices();
        assert_eq!(
            choices,
            [
                "未启动",
                "正在推进",
                "长期坚持",
                "已完成",
                "已销号",
                "未启动（逾期）",
                "正在推进（逾期）",
                "长期坚持（逾期）"
            ]
        );
    }
}
