//! Reading one cell's value the way ledgers write it: text, sequence numbers, deadlines
//! (date cells, Excel date numbers, written dates, 立行立改, 长期坚持) and status words.

use calamine::Data;
use chrono::NaiveDate;

use crate::domain::dates::{format_cn, from_excel_serial, parse_deadline};
use crate::domain::{DeadlineKind, Status};
use crate::report::ledger::OVERDUE_MARK;

/// A cell as trimmed text; numbers without a needless ".0", dates as 2025年3月31日.
pub fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => normalise_text(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => if *b { "是" } else { "否" }.into(),
        Data::DateTime(x) => x
            .as_datetime()
            .map(|dt| format_cn(dt.date()))
            .unwrap_or_else(|| x.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
    }
}

/// Trims each line and drops the blank lines Excel users leave at the end of a cell;
/// a non-breaking or full-width space at the ends counts as blank too.
fn normalise_text(s: &str) -> String {
    let lines: Vec<&str> = s
        .split('\n')
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
        .collect();
    let mut out = lines.join("\n");
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    out.trim_matches('\n').to_owned()
}

/// Whether a cell says “nothing here” instead of being blank: /, \\, 无, -.
pub fn is_placeholder(text: &str) -> bool {
    ["/", "／", "\\", "＼", "无", "-", "－", "—", "——"].contains(&text.trim())
}

/// A name broken over lines by a narrow column (“张\n三”) is one name: a line of one
/// character is never a name of its own, so it is joined to its neighbours.
pub fn join_broken_name(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() > 1 && lines.iter().any(|l| l.chars().count() == 1) {
        lines.concat()
    } else {
        text.to_owned()
    }
}

/// A sequence number: 1, "1", "1.", "（1）", "第1项".
pub fn seq_number(d: &Data) -> Option<i64> {
    match d {
        Data::Int(i) => Some(*i),
        Data::Float(f) if f.fract() == 0.0 => Some(*f as i64),
        Data::String(s) => {
            let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
            let rest = s
                .chars()
                .filter(|c| !c.is_ascii_digit())
                .all(|c| "()（）.．、第项号 ".contains(c));
            if rest && !digits.is_empty() && digits.len() < 7 {
                digits.parse().ok()
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Excel dates lie in this serial range (1954–2119): a plain number outside it in a
/// deadline column is not a date.
pub const SERIAL_RANGE: std::ops::RangeInclusive<f64> = 20000.0..=80000.0;

fn serial_date(serial: f64) -> Option<NaiveDate> {
    if !SERIAL_RANGE.contains(&serial) {
        return None;
    }
    from_excel_serial(serial)
}

/// A deadline cell: a date cell, an Excel date number, or words and written dates that
/// the domain's date parser reads (`default_year` for 6月底前). `Ok(None)` for a blank cell.
pub fn deadline(
    d: &Data,
    default_year: i32,
) -> Result<Option<(DeadlineKind, Option<NaiveDate>)>, String> {
    let date = |x: Option<NaiveDate>| Ok(x.map(|x| (DeadlineKind::Date, Some(x))));
    match d {
        Data::Empty => Ok(None),
        Data::DateTime(x) => match x.as_datetime() {
            Some(dt) => date(Some(dt.date())),
            None => Err(format!("无法识别的日期值 {}", x.as_f64())),
        },
        Data::Float(f) => match serial_date(*f) {
            Some(x) => date(Some(x)),
            None => Err(format!("数字“{f}”不是日期")),
        },
        Data::Int(i) => match serial_date(*i as f64) {
            Some(x) => date(Some(x)),
            None => Err(format!("数字“{i}”不是日期")),
        },
        _ => {
            let text = cell_text(d);
            if text.is_empty() {
                return Ok(None);
            }
            words_deadline(&text, default_year).map(Some)
        }
    }
}

/// A written deadline, read by the domain's parser; inner spaces are dropped first
/// (“2025年 6月底前”).
fn words_deadline(text: &str, year: i32) -> Result<(DeadlineKind, Option<NaiveDate>), String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    parse_deadline(&compact, Some(year))
}

/// A status word in its common variants; `Ok(None)` for a blank cell. The overdue mark
/// our ledgers add (正在推进（逾期）) is read past: overdue is derived, not stored.
pub fn status(text: &str) -> Result<Option<Status>, String> {
    let t = text.trim();
    let t = t
        .strip_suffix(OVERDUE_MARK)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(t);
    if t.is_empty() {
        return Ok(None);
    }
    if let Some(s) = Status::parse(t) {
        return Ok(Some(s));
    }
    let loose = [
        ("销号", Status::Closed),
        ("未完成", Status::InProgress),
        ("未整改", Status::NotStarted),
        ("已整改", Status::Completed),
        ("完成", Status::Completed),
        ("推进", Status::InProgress),
        ("整改中", Status::InProgress),
        ("持续", Status::LongTerm),
        ("长期", Status::LongTerm),
        ("未启动", Status::NotStarted),
        ("未开始", Status::NotStarted),
    ];
    for (word, s) in loose {
        if t.contains(word) {
            return Ok(Some(s));
        }
    }
    Err(format!("无法识别的整改状态“{t}”"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_drops_needless_decimals_and_blank_lines() {
        assert_eq!(cell_text(&Data::Float(3.0)), "3");
        assert_eq!(cell_text(&Data::String(" 甲 \n乙\n\n".into())), "甲\n乙");
        assert_eq!(cell_text(&Data::Empty), "");
    }

    #[test]
    fn seq_numbers() {
        let cases = [
            (Data::Int(3), Some(3)),
            (Data::Float(4.0), Some(4)),
            (Data::String("5.".into()), Some(5)),
            (Data::String("（6）".into()), Some(6)),
            (Data::String("一".into()), None),
            (Data::String("问题1".into()), None),
        ];
        for (d, want) in cases {
            assert_eq!(seq_number(&d), want, "{d:?}");
        }
    }

    #[test]
    fn deadlines_from_cells() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        // 45747 = 2025-03-31 in the 1900 date system.
        assert_eq!(
            deadline(&Data::Float(45747.0), 2025),
            Ok(Some((DeadlineKind::Date, d(2025, 3, 31))))
        );
        assert_eq!(
            deadline(&Data::String("立行立改".into()), 2025),
            Ok(Some((DeadlineKind::Immediate, None)))
        );
        assert_eq!(
            deadline(&Data::String("长期坚持".into()), 2025),
            Ok(Some((DeadlineKind::LongTerm, None)))
        );
        assert_eq!(
            deadline(&Data::String("持续整改".into()), 2025),
            Ok(Some((DeadlineKind::LongTerm, None)))
        );
        assert_eq!(deadline(&Data::Empty, 2025), Ok(None));
        assert!(deadline(&Data::Float(12.5), 2025).is_err());
        assert!(deadline(&Data::String("尽快".into()), 2025).is_err());
    }

    #[test]
    fn status_words() {
        let cases = [
            ("已完成", Some(Status::Completed)),
            ("整改中", Some(Status::InProgress)),
            ("基本完成并持续整改", Some(Status::LongTerm)),
            ("已销号", Some(Status::Closed)),
            ("正在整改中", Some(Status::InProgress)),
            ("已整改", Some(Status::Completed)),
            ("未整改", Some(Status::NotStarted)),
            ("正在推进（逾期）", Some(Status::InProgress)),
            ("未启动（逾期）", Some(Status::NotStarted)),
            ("长期坚持（逾期）", Some(Status::LongTerm)),
            ("", None),
        ];
        for (t, want) in cases {
            assert_eq!(status(t), Ok(want), "{t}");
        }
        assert!(status("不知道").is_err());
    }
}
