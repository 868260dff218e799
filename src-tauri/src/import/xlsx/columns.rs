//! Every column under a ledger's header, mapped to a field: guessed from its header and
//! its content, replaced by a mapping saved for the same header, then by the user's own
//! choices; where two columns would fill one field, the stronger one wins and the other's
//! text goes to 备注 under its header, and the plan says so.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::content::{self, Content};
use super::grid::Grid;
use super::header::{self, normalise, Header};
use crate::domain::dates::parse_date;
use crate::export::xlsx::layout::col_letter;
use crate::import::mapping::{letter_index, Choice, ColumnMap, MapTo, Reason};
use crate::report::ledger::LedgerColumn;
use crate::{Error, Result};

/// A source column and where it goes.
#[derive(Debug, Clone)]
pub struct Mapped {
    /// Sheet column (0-based).
    pub col: u32,
    pub map: ColumnMap,
    /// The header's words, without spaces and notes (for keys and notes).
    pub key: String,
}

/// What the row walker reads, by field.
#[derive(Debug, Default)]
pub struct Layout {
    /// The model's columns, each with its source columns (several only where they combine).
    pub cols: HashMap<LedgerColumn, Vec<u32>>,
    /// Columns whose text goes to 备注: (column, header to write before it; `None` for the
    /// sheet's own 备注 column).
    pub notes: Vec<(u32, Option<String>)>,
    pub found_on: Option<u32>,
    /// Review columns with their headers.
    pub review: Vec<(u32, String)>,
    /// Progress columns whose header carries a date (2025年3月进展): their entries' date.
    pub progress_dates: HashMap<u32, NaiveDate>,
    /// Last column of the table.
    pub last_col: u32,
}

/// Fields whose text a date, a name or an amount must never fill.
fn is_text_field(m: MapTo) -> bool {
    use LedgerColumn::*;
    matches!(
        m,
        MapTo::Column(
            Category
                | Title
                | Manifestation
                | Nature
                | Source
                | Measure
                | Goal
                | Acceptance
                | Progress
                | Evidence
        )
    )
}

fn is_person_field(m: MapTo) -> bool {
    use LedgerColumn::*;
    matches!(
        m,
        MapTo::Column(LeadLeader | ResponsibleLeader | ResponsiblePerson) | MapTo::Review
    )
}

const TIME_WORDS: &[&str] = &["时间", "时限", "期限", "日期"];

fn mentions(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// The guess for one column from its header and its content.
fn guess(text: &str, content: Content) -> (MapTo, Reason) {
    let named = header::field_of(text);
    let note = (MapTo::Column(LedgerColumn::Note), Reason::Content);
    // A header that is a known name of its field is believed whatever its column holds;
    // content decides only where the header is vague.
    if let Some(n @ (_, Reason::Synonym)) = named {
        return n;
    }
    match content {
        Content::Dates => match named {
            Some((
                m @ (MapTo::Column(LedgerColumn::Deadline) | MapTo::FoundOn | MapTo::Review),
                r,
            )) => (m, r),
            _ if mentions(text, &["复查", "验收"]) => (MapTo::Review, Reason::Content),
            _ if mentions(text, &["排查", "发现", "检查"]) => {
                (MapTo::FoundOn, Reason::Content)
            }
            _ if mentions(text, TIME_WORDS) => {
                (MapTo::Column(LedgerColumn::Deadline), Reason::Content)
            }
            Some((m, _)) if is_text_field(m) => note,
            Some(n) => n,
            None => note,
        },
        Content::Names => match named {
            Some((m, r)) if is_person_field(m) => (m, r),
            _ if mentions(text, &["复查", "验收"]) => (MapTo::Review, Reason::Content),
            Some((m, _)) if is_text_field(m) || m == MapTo::Column(LedgerColumn::Note) => (
                MapTo::Column(LedgerColumn::ResponsiblePerson),
                Reason::Content,
            ),
            Some(n) => n,
            None => (
                MapTo::Column(LedgerColumn::ResponsiblePerson),
                Reason::Content,
            ),
        },
        Content::Amounts => match named {
            Some((m, _)) if is_text_field(m) => note,
            Some(n) if !mentions(text, &["金额", "万元", "资金"]) => n,
            _ => note,
        },
        Content::Text | Content::Empty => match named {
            Some(n) => n,
            None if content == Content::Text => {
                (MapTo::Column(LedgerColumn::Note), Reason::Unknown)
            }
            None => (MapTo::Ignore, Reason::Unknown),
        },
    }
}

/// The header texts of column `c`, top to bottom, each once.
fn header_texts(g: &Grid, h: &Header, c: u32) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in h.first..=h.last {
        let t = g.text(r, c).replace('\n', "");
        if !t.is_empty() && out.last() != Some(&t) {
            out.push(t);
        }
    }
    out
}

/// Whether column `c`'s header only continues a header merged from a column on its left
/// (a measure merged over five columns).
fn continues_left(g: &Grid, h: &Header, c: u32) -> Option<u32> {
    let mut from = None;
    for r in h.first..=h.last {
        match g.origin(r, c) {
            Some((_, c0)) if c0 < c => from = Some(c0),
            Some(_) => {}
            None if g.text(r, c).is_empty() => {}
            None => return None,
        }
    }
    from
}

/// Whether any data row has a value of its own in column `c` (not a merge's copy).
fn has_own_data(g: &Grid, c: u32, from: u32, to: u32) -> bool {
    (from..=to)
        .any(|r| g.origin(r, c).is_none() && !super::values::cell_text(g.raw(r, c)).is_empty())
}

/// The date a progress column's header names (“2025年3月底进展”), if any.
fn header_date(text: &str, year: i32) -> Option<NaiveDate> {
    let chars: Vec<char> = text.chars().collect();
    let start = chars.iter().position(|c| c.is_ascii_digit())?;
    let date: String = chars[start..]
        .iter()
        .take_while(|c| c.is_ascii_digit() || "年月日底.-/".contains(**c))
        .collect();
    parse_date(&date, Some(year))
}

/// The user's column: a letter, or a header text.
pub fn find_column(mapped: &[Mapped], column: &str) -> Option<usize> {
    let key = normalise(column);
    mapped
        .iter()
        .position(|m| normalise(&m.map.header) == key && !key.is_empty())
        .or_else(|| {
            let i = letter_index(column)?;
            mapped.iter().position(|m| m.col == i)
        })
}

/// The header's shape: its texts in order, the key a saved mapping is found by.
pub fn shape(mapped: &[Mapped]) -> String {
    mapped
        .iter()
        .map(|m| m.key.as_str())
        .collect::<Vec<_>>()
        .join("|")
}

/// Maps every column of the table under `h`. `saved` is the mapping saved for this
/// header's shape, `user` the choices made now (an unknown column is an error naming it).
pub fn resolve(
    g: &Grid,
    h: &Header,
    year: i32,
    saved: &[Choice],
    user: &[Choice],
) -> Result<Vec<Mapped>> {
    // The table ends at its last header cell, recognised or not; cells further right are
    // notes beside it.
    let last_col = (g.start().1..=g.end().1)
        .rev()
        .find(|&c| (h.first..=h.last).any(|r| !g.text(r, c).is_empty()))
        .unwrap_or(g.end().1);
    let (from, to) = (h.last + 1, g.end().0.max(h.last + 1));
    let mut out: Vec<Mapped> = Vec::new();
    for c in g.start().1..=last_col {
        let texts = header_texts(g, h, c);
        let own = has_own_data(g, c, from, to);
        let letter = col_letter(c.min(u16::MAX as u32) as u16);
        if let Some(c0) = continues_left(g, h, c) {
            let head = texts.last().cloned().unwrap_or_default();
            let (to_, explain) = if own {
                (
                    MapTo::Column(LedgerColumn::Note),
                    format!(
                        "表头与{}列合并，本列另有内容，写入备注",
                        col_letter(c0 as u16)
                    ),
                )
            } else {
                (
                    MapTo::Ignore,
                    format!("与{}列合并为一列", col_letter(c0 as u16)),
                )
            };
            out.push(Mapped {
                col: c,
                key: normalise(&head),
                map: ColumnMap {
                    letter,
                    header: head,
                    to: to_,
                    reason: Reason::Position,
                    explain,
                },
            });
            continue;
        }
        if texts.is_empty() && !own {
            continue;
        }
        // A split header: the lower text alone (牵头领导 under 责任分工), else the texts
        // together (复查 over 结果), else the upper one.
        let last = texts.last().cloned().unwrap_or_default();
        let joined = texts.concat();
        let text = if header::field_of(&last).is_some() || texts.len() < 2 {
            last
        } else if header::field_of(&joined).is_some() {
            joined
        } else {
            texts.join("／")
        };
        let dated = mentions(&text, TIME_WORDS) || mentions(&text, &["复查", "验收", "排查"]);
        let kind = content::of_column(g, c, from, to, year, dated);
        let (to_, reason) = guess(&text, kind);
        out.push(Mapped {
            col: c,
            key: normalise(&text),
            map: ColumnMap {
                letter,
                header: text,
                to: to_,
                reason,
                explain: String::new(),
            },
        });
    }
    for (choices, reason) in [(saved, Reason::Saved), (user, Reason::User)] {
        for ch in choices {
            match find_column(&out, &ch.column) {
                Some(i) => {
                    out[i].map.to = ch.to;
                    out[i].map.reason = reason;
                    out[i].map.explain.clear();
                }
                None if reason == Reason::User => {
                    let heads: Vec<String> = out
                        .iter()
                        .map(|m| format!("{}“{}”", m.map.letter, m.map.header))
                        .collect();
                    return Err(Error::invalid(
                        "map",
                        format!(
                            "列对应关系中的“{}”既不是表头中的列字母，也不是表头文字：表头有 {}",
                            ch.column,
                            heads.join("、")
                        ),
                    ));
                }
                None => {}
            }
        }
    }
    settle_conflicts(&mut out);
    Ok(out)
}

/// Two columns for one field that does not combine: the stronger reason wins (the left
/// one on a tie) and the others go to 备注 under their headers, said in `explain`.
fn settle_conflicts(out: &mut [Mapped]) {
    let mut by_field: HashMap<MapTo, Vec<usize>> = HashMap::new();
    for (i, m) in out.iter().enumerate() {
        by_field.entry(m.map.to).or_default().push(i);
    }
    let mut fields: Vec<_> = by_field.into_iter().filter(|(_, v)| v.len() > 1).collect();
    fields.sort_by_key(|(_, v)| v[0]);
    for (field, idx) in fields {
        if field.combines() {
            if field == MapTo::Column(LedgerColumn::Progress) {
                for &i in &idx {
                    out[i].map.explain = format!(
                        "共{}列整改进展，每列各记为进展（表头有日期的以其为准）",
                        idx.len()
                    );
                }
            }
            continue;
        }
        let winner = idx
            .iter()
            .copied()
            .max_by_key(|&i| (out[i].map.reason, std::cmp::Reverse(out[i].col)))
            .unwrap_or(idx[0]);
        let (wl, wh) = (
            out[winner].map.letter.clone(),
            out[winner].map.header.clone(),
        );
        for &i in idx.iter().filter(|&&i| i != winner) {
            out[i].map.explain = format!(
                "与{wl}列“{wh}”同为“{}”，{wl}列优先；本列内容写入备注",
                field.label()
            );
            out[i].map.to = MapTo::Column(LedgerColumn::Note);
        }
    }
}

/// The walker's view of the mapping.
pub fn layout(mapped: &[Mapped], year: i32) -> Layout {
    let mut l = Layout {
        last_col: mapped.iter().map(|m| m.col).max().unwrap_or(0),
        ..Layout::default()
    };
    for m in mapped {
        match m.map.to {
            MapTo::Column(LedgerColumn::Note) => {
                let own = m.key == normalise(LedgerColumn::Note.label());
                l.notes.push((m.col, (!own).then(|| m.map.header.clone())));
            }
            MapTo::Column(LedgerColumn::Warning) | MapTo::Ignore => {}
            MapTo::Column(k) => {
                l.cols.entry(k).or_default().push(m.col);
                if k == LedgerColumn::Progress {
                    if let Some(d) = header_date(&m.map.header, year) {
                        l.progress_dates.insert(m.col, d);
                    }
                }
            }
            MapTo::FoundOn => {
                l.found_on.get_or_insert(m.col);
            }
            MapTo::Review => l.review.push((m.col, m.map.header.clone())),
        }
    }
    // The sheet's own 备注 first, then the other columns' text under their headers.
    l.notes.sort_by_key(|(c, h)| (h.is_some(), *c));
    l
}

#[cfg(test)]
mod tests {
    use super::*;
    use LedgerColumn::*;

    #[test]
    fn guesses_by_header_and_content() {
        let cases = [
            ("目标设定完成时间", Content::Dates, MapTo::Column(Deadline)),
            ("目标设定完成时间", Content::Empty, MapTo::Column(Deadline)),
            ("实际完成时间", Content::Dates, MapTo::Column(Deadline)),
            ("验收负责人", Content::Names, MapTo::Review),
            ("验收情况说明", Content::Names, MapTo::Review),
            ("目标任务", Content::Names, MapTo::Column(ResponsiblePerson)),
            ("整改进展", Content::Names, MapTo::Column(Progress)),
            (
                "提示问题金额（万元）",
                Content::Amounts,
                MapTo::Column(Note),
            ),
            ("问题简述", Content::Text, MapTo::Column(Title)),
            ("隐患内容", Content::Text, MapTo::Column(Title)),
            ("排查日期", Content::Dates, MapTo::FoundOn),
            ("复查结果", Content::Text, MapTo::Review),
            ("整改措施与要求", Content::Text, MapTo::Column(Measure)),
            ("处置措施", Content::Text, MapTo::Column(Measure)),
            ("审计报告文号", Content::Text, MapTo::Column(Note)),
            ("审计报告文号", Content::Empty, MapTo::Ignore),
            ("问题情况", Content::Dates, MapTo::Column(Note)),
        ];
        for (text, content, want) in cases {
            assert_eq!(guess(text, content).0, want, "{text} {content:?}");
        }
    }

    #[test]
    fn dates_in_headers() {
        let d = NaiveDate::from_ymd_opt;
        assert_eq!(header_date("截至2025年3月底整改进展", 2025), d(2025, 3, 31));
        assert_eq!(header_date("2025.6.30进展", 2025), d(2025, 6, 30));
        assert_eq!(header_date("整改进展", 2025), None);
    }
}
