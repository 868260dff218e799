//! What goes in each cell: the text, date or number a column shows for a finding and one
//! of its tasks, written the way official ledgers write it.

use chrono::NaiveDate;

use super::columns::LedgerColumn;
use crate::domain::dates::{format_cn, format_deadline};
use crate::domain::{DeadlineKind, Finding, Task};
use crate::report::data::LedgerData;

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

    /// The text as a renderer shows it, for measuring.
    pub fn shown(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Text(s) => s.clone(),
            CellValue::Date(d) => format_cn(*d),
            CellValue::Number(n) => format!("{n}"),
            CellValue::Percent(p) => format!("{:.1}%", p * 100.0),
        }
    }
}

/// The value of a finding-level column (merged down across the finding's tasks).
pub fn finding_cell(column: LedgerColumn, f: &Finding) -> CellValue {
    use LedgerColumn::*;
    match column {
        Seq => CellValue::Number(f.seq as f64),
        Category => CellValue::text(&f.category),
        Title => CellValue::text(&f.title),
        Manifestation => CellValue::text(&f.manifestation),
        Nature => CellValue::text(f.nature.label()),
        Source => CellValue::text(&f.source),
        _ => CellValue::Empty,
    }
}

/// How a task's deadline is written: a date cell, or 立行立改 / 长期坚持 as words.
pub fn deadline_cell(t: &Task) -> CellValue {
    match t.deadline_kind {
        DeadlineKind::Date => CellValue::date(t.deadline),
        k => CellValue::text(format_deadline(k, t.deadline)),
    }
}

/// The value of a task-level column.
pub fn task_cell(column: LedgerColumn, t: &Task, data: &LedgerData) -> CellValue {
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
        // The ledger shows where the task stands; the whole history is in 任务清单.
        Progress => CellValue::text(latest_progress_text(t.id, data)),
        Status => CellValue::text(t.status.label()),
        Warning => CellValue::text(t.warning.map(|w| w.label()).unwrap_or_default()),
        Evidence => CellValue::text(evidence_text(t.id, data)),
        Note => CellValue::text(&t.note),
        _ => CellValue::Empty,
    }
}

/// A task's progress entries, oldest first, one per line: 2025年4月10日：….
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

/// A task's latest progress entry: 2025年6月1日：….
pub fn latest_progress_text(task_id: i64, data: &LedgerData) -> String {
    data.progress
        .get(&task_id)
        .and_then(|entries| entries.iter().rev().find(|p| !p.text.trim().is_empty()))
        .map(|p| format!("{}：{}", format_cn(p.entered_on), p.text.trim()))
        .unwrap_or_default()
}

/// A task's evidence files, numbered, one per line.
pub fn evidence_text(task_id: i64, data: &LedgerData) -> String {
    let names: Vec<&str> = data
        .progress
        .get(&task_id)
        .into_iter()
        .flatten()
        .flat_map(|p| p.evidence.iter().map(|e| e.file_name.as_str()))
        .collect();
    match names.len() {
        0 => String::new(),
        1 => names[0].to_owned(),
        _ => names
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{}. {n}", i + 1))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Fills a template text's placeholders from the inspection.
pub fn fill(text: &str, data: &LedgerData) -> String {
    let i = &data.inspection;
    let unit = if i.unit_name.trim().is_empty() {
        &i.inspected_org
    } else {
        &i.unit_name
    };
    text.replace("{inspected_org}", &i.inspected_org)
        .replace("{unit_name}", unit)
        .replace("{team}", &i.team)
        .replace("{round}", &i.round)
        .replace("{inspection}", &i.name)
        .replace("{today}", &format_cn(data.today))
}

/// 一、二、… for section rows.
pub fn chinese_ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "〇".into(),
        1..=9 => DIGITS[n].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 4, 10, 11, 20, 23].map(chinese_ordinal).to_vec();
        assert_eq!(got, ["一", "四", "十", "十一", "二十", "二十三"]);
    }

    #[test]
    fn shown_dates_are_chinese() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
        assert_eq!(CellValue::Date(d).shown(), "2025年3月31日");
        assert_eq!(CellValue::text("  "), CellValue::Empty);
    }
}
