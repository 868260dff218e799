//! Finding the header of a ledger: on any row, in one row or two (责任分工 grouping the
//! responsibility columns), with columns in any order and named by the usual synonyms.

use super::grid::Grid;
use crate::import::mapping::{MapTo, Reason};
use crate::report::ledger::LedgerColumn;

/// Header texts (spaces, line breaks and bracketed notes removed) and their column: the
/// synonyms ledgers use.
pub const EXACT: &[(&str, LedgerColumn)] = {
    use LedgerColumn::*;
    &[
        ("序号", Seq),
        ("编号", Seq),
        ("问题序号", Seq),
        ("问题编号", Seq),
        ("序", Seq),
        ("问题类别", Category),
        ("问题类型", Category),
        ("类别", Category),
        ("问题分类", Category),
        ("问题明细分类", Category),
        ("反馈问题", Title),
        ("问题内容", Title),
        ("存在问题", Title),
        ("问题", Title),
        ("巡察反馈问题", Title),
        ("反馈意见", Title),
        ("问题描述", Title),
        ("主要问题", Title),
        ("问题名称", Title),
        ("问题清单", Title),
        ("隐患内容", Title),
        ("问题简述", Title),
        ("问题概述", Title),
        ("具体表现", Manifestation),
        ("问题表现", Manifestation),
        ("具体问题", Manifestation),
        ("主要表现", Manifestation),
        ("表现形式", Manifestation),
        ("问题具体表现", Manifestation),
        ("问题具体描述", Manifestation),
        ("具体描述", Manifestation),
        ("问题性质", Nature),
        ("问题来源", Source),
        ("来源", Source),
        ("整改措施", Measure),
        ("整改举措", Measure),
        ("具体措施", Measure),
        ("措施", Measure),
        ("整改任务", Measure),
        ("整改措施与要求", Measure),
        ("处置措施", Measure),
        ("整改目标", Goal),
        ("目标", Goal),
        ("验收标准", Acceptance),
        ("完成标准", Acceptance),
        ("牵头领导", LeadLeader),
        ("分管领导", LeadLeader),
        ("牵头负责领导", LeadLeader),
        ("责任领导", ResponsibleLeader),
        ("包保领导", ResponsibleLeader),
        ("牵头单位", LeadUnit),
        ("牵头部门", LeadUnit),
        ("牵头科室", LeadUnit),
        ("责任单位", ResponsibleUnits),
        ("责任部门", ResponsibleUnits),
        ("配合单位", ResponsibleUnits),
        ("配合部门", ResponsibleUnits),
        ("责任科室", ResponsibleUnits),
        ("整改单位", ResponsibleUnits),
        ("承办单位", ResponsibleUnits),
        ("责任人", ResponsiblePerson),
        ("具体责任人", ResponsiblePerson),
        ("直接责任人", ResponsiblePerson),
        ("整改时限", Deadline),
        ("完成时限", Deadline),
        ("时限", Deadline),
        ("完成时间", Deadline),
        ("整改期限", Deadline),
        ("整改时间", Deadline),
        ("时间节点", Deadline),
        ("目标设定完成时间", Deadline),
        ("计划完成时间", Deadline),
        ("整改进展", Progress),
        ("进展情况", Progress),
        ("整改情况", Progress),
        ("整改进展情况", Progress),
        ("整改落实情况", Progress),
        ("完成情况", Progress),
        ("进展", Progress),
        ("整改状态", Status),
        ("状态", Status),
        ("完成状态", Status),
        ("隐患状态", Status),
        ("是否完成", Status),
        ("预警", Warning),
        ("预警状态", Warning),
        ("佐证材料", Evidence),
        ("佐证资料", Evidence),
        ("证明材料", Evidence),
        ("备注", Note),
    ]
};

/// Header texts of the fields the ledger model has no column for: the date a problem was
/// found, and the close-out review (复查, 验收) as the ledger recorded it.
const OTHER_FIELDS: &[(&str, MapTo)] = &[
    ("排查日期", MapTo::FoundOn),
    ("排查时间", MapTo::FoundOn),
    ("发现日期", MapTo::FoundOn),
    ("发现时间", MapTo::FoundOn),
    ("检查日期", MapTo::FoundOn),
    ("复查结果", MapTo::Review),
    ("复查日期", MapTo::Review),
    ("复查时间", MapTo::Review),
    ("复查情况", MapTo::Review),
    ("复查人", MapTo::Review),
    ("验收情况", MapTo::Review),
    ("验收结果", MapTo::Review),
    ("验收负责人", MapTo::Review),
    ("验收人", MapTo::Review),
    ("验收时间", MapTo::Review),
    ("验收日期", MapTo::Review),
];

/// Keywords for headers written some other way (整改措施及步骤, 计划完成时限…), tried in
/// order on short header texts.
const CONTAINS: &[(&str, LedgerColumn)] = {
    use LedgerColumn::*;
    &[
        ("牵头领导", LeadLeader),
        ("责任领导", ResponsibleLeader),
        ("牵头单位", LeadUnit),
        ("牵头部门", LeadUnit),
        ("责任单位", ResponsibleUnits),
        ("责任部门", ResponsibleUnits),
        ("配合单位", ResponsibleUnits),
        ("责任人", ResponsiblePerson),
        ("具体表现", Manifestation),
        ("具体描述", Manifestation),
        ("措施", Measure),
        ("目标", Goal),
        ("验收", Acceptance),
        ("时限", Deadline),
        ("期限", Deadline),
        ("进展", Progress),
        ("落实情况", Progress),
        ("状态", Status),
        ("佐证", Evidence),
        ("备注", Note),
        ("反馈问题", Title),
        ("问题", Title),
    ]
};

/// Removes spaces, line breaks, bracketed notes and punctuation from a header cell.
pub fn normalise(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = (depth - 1).max(0),
            _ if depth > 0 => {}
            _ if c.is_whitespace() || "*＊:：、".contains(c) => {}
            _ => out.push(c),
        }
    }
    out
}

/// The column a header text names, if any.
pub fn recognise(text: &str) -> Option<LedgerColumn> {
    let t = normalise(text);
    if t.is_empty() {
        return None;
    }
    if let Some((_, c)) = EXACT.iter().find(|(k, _)| *k == t) {
        return Some(*c);
    }
    // Every column's own label, so a column added to the model reads back.
    if let Some(c) = LedgerColumn::ALL.iter().find(|c| normalise(c.label()) == t) {
        return Some(*c);
    }
    if t.chars().count() > 10 {
        return None;
    }
    CONTAINS
        .iter()
        .find(|(k, _)| t.contains(k))
        .map(|(_, c)| *c)
}

/// The field a header text names and how it was told: a known name ([`Reason::Synonym`])
/// or a keyword in it ([`Reason::Keyword`]).
pub fn field_of(text: &str) -> Option<(MapTo, Reason)> {
    let t = normalise(text);
    if let Some((_, m)) = OTHER_FIELDS.iter().find(|(k, _)| *k == t) {
        return Some((*m, Reason::Synonym));
    }
    let exact = EXACT
        .iter()
        .find(|(k, _)| *k == t)
        .map(|(_, c)| *c)
        .or_else(|| {
            LedgerColumn::ALL
                .iter()
                .find(|c| normalise(c.label()) == t)
                .copied()
        });
    if let Some(c) = exact {
        return Some((MapTo::Column(c), Reason::Synonym));
    }
    if t.contains("复查") {
        return Some((MapTo::Review, Reason::Keyword));
    }
    // A dated column of a series (2025年3月底整改进展): its field is named after the date.
    let undated = t
        .trim_start_matches("截至")
        .trim_start_matches(|c: char| c.is_ascii_digit() || "年月日底.-/".contains(c));
    if undated.len() < t.len() && !undated.is_empty() {
        return field_of(undated).map(|(m, _)| (m, Reason::Keyword));
    }
    recognise(text).map(|c| (MapTo::Column(c), Reason::Keyword))
}

/// The header found on a sheet.
pub struct Header {
    /// First and last header rows (absolute, 0-based).
    pub first: u32,
    pub last: u32,
    /// (sheet column, recognised column, header text as written).
    pub columns: Vec<HeaderCell>,
}

impl Header {
    /// How many different columns were recognised.
    pub fn score(&self) -> usize {
        let mut seen: Vec<LedgerColumn> = self.columns.iter().map(|c| c.1).collect();
        seen.sort_by_key(|c| *c as u8);
        seen.dedup();
        seen.len()
    }

    /// Whether a ledger can be read with this header: it must name the problem.
    pub fn usable(&self) -> bool {
        self.score() >= 3
            && self
                .columns
                .iter()
                .any(|c| matches!(c.1, LedgerColumn::Title | LedgerColumn::Manifestation))
    }
}

/// A recognised header cell: (sheet column, recognised column, text as written).
type HeaderCell = (u32, LedgerColumn, String);

/// Recognised columns of one row.
fn row_columns(g: &Grid, r: u32) -> Vec<HeaderCell> {
    let (c0, c1) = (g.start().1, g.end().1);
    (c0..=c1)
        .filter_map(|c| {
            let t = g.text(r, c);
            recognise(&t).map(|k| (c, k, t))
        })
        .collect()
}

/// Rows searched for a header: titles, 填报单位 lines and notes may stand above it.
const SEARCH_ROWS: u32 = 40;

/// Finds the header: the row naming the most columns, joined with the row above or below
/// when that row names more (a two-row header whose group cells are not merged down).
pub fn find(g: &Grid) -> Option<Header> {
    let (r0, _) = g.start();
    let last = g.end().0.min(r0 + SEARCH_ROWS);
    let mut best: Option<(usize, u32, Vec<HeaderCell>)> = None;
    for r in r0..=last {
        let cols = row_columns(g, r);
        let n = cols.len();
        if n >= 2 && best.as_ref().is_none_or(|b| n > b.0) {
            best = Some((n, r, cols));
        }
    }
    let (_, r, mut cols) = best?;
    let (mut first, mut last_row) = (r, r);
    for other in [r.checked_sub(1), Some(r + 1)].into_iter().flatten() {
        if other < r0 || other > g.end().0 {
            continue;
        }
        let extra: Vec<_> = row_columns(g, other)
            .into_iter()
            .filter(|(c, _, _)| cols.iter().all(|x| x.0 != *c))
            .collect();
        if !extra.is_empty() {
            cols.extend(extra);
            first = first.min(other);
            last_row = last_row.max(other);
        }
    }
    // A header cell merged down (序号 over two rows) makes the row below look like a
    // header too; take it in so data starts after it.
    while last_row < g.end().0 {
        let next = last_row + 1;
        let covered = cols
            .iter()
            .filter(|(c, _, _)| g.continues_from_above(next, *c))
            .count();
        if covered > 0 && covered * 2 >= cols.len() && !row_columns(g, next).is_empty() {
            last_row = next;
        } else {
            break;
        }
    }
    while first > r0
        && cols
            .iter()
            .any(|(c, _, _)| g.continues_from_above(first, *c))
    {
        first -= 1;
    }
    cols.sort_by_key(|c| c.0);
    Some(Header {
        first,
        last: last_row,
        columns: cols,
    })
}

/// A header where none was recognised, so the user can say what the columns are: the row
/// naming the most columns (one, since [`find`] wants two), else the first row with text.
pub fn most_header_like(g: &Grid) -> Option<Header> {
    let (r0, _) = g.start();
    let last = g.end().0.min(r0 + SEARCH_ROWS);
    let has_text = |r: u32| (g.start().1..=g.end().1).any(|c| !g.text(r, c).is_empty());
    let mut best: Option<(usize, u32, Vec<HeaderCell>)> = None;
    for r in r0..=last {
        let cols = row_columns(g, r);
        if !cols.is_empty() && best.as_ref().is_none_or(|b| cols.len() > b.0) {
            best = Some((cols.len(), r, cols));
        }
    }
    let (row, columns) = match best {
        Some((_, r, cols)) => (r, cols),
        None => ((r0..=last).find(|r| has_text(*r))?, Vec::new()),
    };
    Some(Header {
        first: row,
        last: row,
        columns,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use LedgerColumn::*;

    #[test]
    fn synonyms_and_variants() {
        let cases = [
            ("反馈问题", Some(Title)),
            ("问题内容", Some(Title)),
            ("存在问题", Some(Title)),
            ("整改时限", Some(Deadline)),
            ("完成时限", Some(Deadline)),
            ("完成\n时限", Some(Deadline)),
            ("整改时限（年月日）", Some(Deadline)),
            ("责任部门", Some(ResponsibleUnits)),
            ("配合单位", Some(ResponsibleUnits)),
            ("整改措施及步骤", Some(Measure)),
            ("序  号", Some(Seq)),
            ("责任分工", None),
            ("区委统战部党组巡察反馈问题整改台账", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(recognise(text), want, "{text}");
        }
        for c in LedgerColumn::ALL {
            assert_eq!(recognise(c.label()), Some(*c), "{}", c.label());
        }
    }
}
