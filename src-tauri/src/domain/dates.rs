//! Reading dates and deadlines as ledgers write them, and writing them the official way.
//! STUB: to be replaced by the full implementation.

use chrono::{Datelike, NaiveDate};

use super::codes::DeadlineKind;

/// Reads a date: 2025-03-31 for now.
pub fn parse_date(text: &str, _default_year: Option<i32>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// Reads a deadline cell: a date, 立行立改 or 长期坚持.
pub fn parse_deadline(
    text: &str,
    default_year: Option<i32>,
) -> Result<(DeadlineKind, Option<NaiveDate>), String> {
    if let Some(kind) = DeadlineKind::parse(text) {
        return Ok((kind, None));
    }
    parse_date(text, default_year)
        .map(|d| (DeadlineKind::Date, Some(d)))
        .ok_or_else(|| format!("无法识别的日期“{text}”"))
}

/// 2025年3月20日 (no zero padding).
pub fn format_cn(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// A deadline as ledgers write it: 立行立改, 长期坚持 or 2025年3月31日.
pub fn format_deadline(kind: DeadlineKind, date: Option<NaiveDate>) -> String {
    match (kind, date) {
        (DeadlineKind::Date, Some(d)) => format_cn(d),
        (DeadlineKind::Date, None) => String::new(),
        (k, _) => k.label().to_owned(),
    }
}
