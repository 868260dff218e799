//! Reading a 整改进展 cell as progress entries. Ledgers (and this app's own export) write
//! one entry per line, opened by its date: “2025年4月10日：召开专题会议”. Each dated line
//! becomes its own entry with that date, so a ledger exported and imported again lands on
//! the entries it came from instead of one long new entry.

use chrono::NaiveDate;

use crate::domain::dates::parse_date;
use crate::import::plan::PlannedProgress;

/// A date prefix is at most this many characters (“2025年12月31日” is 11).
const MAX_PREFIX: usize = 16;

/// The date opening a line (“2025年4月10日：…”, “2025.4.10:…”, “4月10日：…” with
/// `year`) and the rest of the line; `None` when the line does not open with a date.
fn dated_line(line: &str, year: i32) -> Option<(NaiveDate, &str)> {
    let (i, colon) = line
        .char_indices()
        .take(MAX_PREFIX + 1)
        .find(|(_, c)| *c == '：' || *c == ':')?;
    let prefix = &line[..i];
    // A bare number (“1：…”, “2025：…”) is an item number or a year, not a date.
    if prefix.trim().chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // Only dates the store accepts (the parser reads no other years); others stay text.
    let d = parse_date(prefix.trim(), Some(year))?;
    Some((d, line[i + colon.len_utf8()..].trim()))
}

/// The entries of a progress cell, oldest line first. Lines before the first dated line
/// form one undated entry (dated on import); blank entries are dropped.
pub fn entries(text: &str, year: i32) -> Vec<PlannedProgress> {
    let mut out: Vec<PlannedProgress> = Vec::new();
    let mut current: Option<PlannedProgress> = None;
    for line in text.lines() {
        match dated_line(line.trim(), year) {
            Some((d, rest)) => {
                out.extend(current.take());
                current = Some(PlannedProgress {
                    entered_on: Some(d),
                    text: rest.to_owned(),
                });
            }
            None => {
                let p = current.get_or_insert_with(|| PlannedProgress {
                    entered_on: None,
                    text: String::new(),
                });
                if !p.text.is_empty() {
                    p.text.push('\n');
                }
                p.text.push_str(line.trim());
            }
        }
    }
    out.extend(current);
    for p in &mut out {
        p.text = p.text.trim().to_owned();
    }
    out.retain(|p| !p.text.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dated_lines_become_entries() {
        let got = entries(
            "2025年4月10日：召开专题会议\n2025.5.6: 印发制度\n第二行\n\n5月20日：完成整改",
            2025,
        );
        let want = [
            (d(2025, 4, 10), "召开专题会议"),
            (d(2025, 5, 6), "印发制度\n第二行"),
            (d(2025, 5, 20), "完成整改"),
        ];
        assert_eq!(got.len(), want.len(), "{got:?}");
        for (p, (on, text)) in got.iter().zip(want) {
            assert_eq!((p.entered_on, p.text.as_str()), (on, text));
        }
    }

    #[test]
    fn undated_text_is_one_entry() {
        let got = entries("已制定学习计划\n1：已开会\n正在推进", 2025);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].entered_on, None);
        assert_eq!(got[0].text, "已制定学习计划\n1：已开会\n正在推进");
        assert!(entries("  \n ", 2025).is_empty());
        // A date outside the store's years stays text.
        let old = entries("1990年1月1日：旧事", 2025);
        assert_eq!(old[0].entered_on, None);
        // Text before the first date is kept as its own entry.
        let mixed = entries("总体进展顺利\n2025年4月1日：开会", 2025);
        assert_eq!(mixed.len(), 2);
        assert_eq!(mixed[0].text, "总体进展顺利");
    }
}
