//! Walking a ledger's rows under its header: section rows (一、…方面) set the category, a
//! finding's cells merged down (or left blank) across several task rows make those rows
//! its tasks, footnotes (注：…) and blank rows are skipped, and every unreadable cell
//! becomes an issue with its cell reference.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::checks;
use super::columns::Layout;
use super::grid::{cell_ref, Grid};
use super::header::Header;
use super::values;
use crate::db::inspections::strip_section_number;
use crate::domain::names::split_names;
use crate::domain::{validate, Nature};
use crate::import::plan::{ImportPlan, Issue, PlannedFinding, Severity};
use crate::report::ledger::LedgerColumn;

/// Category given to findings met before any section row, when the sheet has none.
pub const UNCATEGORISED: &str = "未分类";

/// Words that open a footnote or a signature line under the table.
const FOOTNOTES: &[&str] = &[
    "注：",
    "注:",
    "注 ",
    "备注：",
    "备注:",
    "说明：",
    "说明:",
    "填表说明",
    "填报说明",
    "附注",
    "填报人",
    "审核人",
    "联系人",
    "制表人",
    "单位负责人",
];

/// Whether a column holds what a unit writes about a task: the model's task-level columns
/// but 预警, which is derived and never read.
fn is_task_column(c: LedgerColumn) -> bool {
    !c.is_finding_level() && c != LedgerColumn::Warning
}

/// Reads the rows under `header` into `plan`.
pub struct Walker<'a> {
    pub(super) g: &'a Grid,
    pub(super) cols: HashMap<LedgerColumn, Vec<u32>>,
    /// The rest of the mapping: notes, the found date, review columns, dated progress.
    pub(super) layout: Layout,
    pub(super) year: i32,
    pub(super) plan: &'a mut ImportPlan,
    /// Excel rows under the table that are not records (说明, 注：…).
    pub skipped_rows: Vec<u32>,
    /// The category of findings met before any section row: the sheet's name when the
    /// sheets are named after categories, else [`UNCATEGORISED`] (said once).
    fallback_category: Option<String>,
    section: Option<String>,
    /// A section row was just read: the next data row starts a finding of its own, even
    /// with the same title and number as the one above (numbers restart per category).
    section_ended_finding: bool,
    warned_uncategorised: bool,
    /// Last column of the table (the header's): cells further right are notes.
    last_col: u32,
    /// Findings met, by (category, title) → their first row, to spot repeats.
    seen: HashMap<(String, String), u32>,
    /// 序号 met, by (section, number) → their row, to spot repeats.
    seqs: HashMap<(Option<String>, i64), u32>,
    pub(super) people: HashSet<String>,
    pub(super) units: HashSet<String>,
    /// The stage date a long-term task gets on import, for checking it.
    pub(super) stage_due: NaiveDate,
}

/// "一、", "（二）", "三．" at the start of a section row.
fn strip_ordinal(text: &str) -> Option<&str> {
    const NUMS: &str = "一二三四五六七八九十百零〇";
    let t = text.trim_start_matches(['（', '(']);
    let digits = t.chars().take_while(|c| NUMS.contains(*c)).count();
    if digits == 0 {
        return None;
    }
    let rest: String = t.chars().skip(digits).collect();
    let after = rest.trim_start_matches(['）', ')']);
    let after = after.trim_start_matches(['、', '．', '.', ' ']);
    if after.len() == rest.len() {
        return None;
    }
    let skip = text.len() - after.len();
    Some(&text[skip..])
}

/// Whether a text reads as a category (一、…, …方面): a section row, or a sheet named
/// after a category.
pub fn looks_like_section(text: &str) -> bool {
    strip_ordinal(text).is_some() || text.trim_end_matches(['：', ':']).ends_with("方面")
}

/// A category as the store keeps it: without its ordinal or a closing colon.
pub fn section_name(text: &str) -> String {
    strip_ordinal(text)
        .unwrap_or(text)
        .trim()
        .trim_end_matches(['：', ':'])
        .to_owned()
}

impl<'a> Walker<'a> {
    /// A walker over `g` under `header`, reading the columns as `layout` maps them; a
    /// ledger without a measure or a deadline column is reported.
    pub fn new(
        g: &'a Grid,
        header: &Header,
        mut layout: Layout,
        year: i32,
        plan: &'a mut ImportPlan,
    ) -> Self {
        let cols = std::mem::take(&mut layout.cols);
        for k in [LedgerColumn::Measure, LedgerColumn::Deadline] {
            if !cols.contains_key(&k) {
                let what = k.label();
                plan.issues.push(Issue {
                    sheet: String::new(),
                    row: header.last + 1,
                    cell: String::new(),
                    severity: Severity::Error,
                    message: format!(
                        "表头中没有“{what}”列：每项整改任务都须有{what}。若某列就是{what}，请在列对应关系中把它指定为“{what}”（命令行：--map '列字母={what}'）；否则请在表中补上这一列"
                    ),
                });
            }
        }
        let last_col = layout.last_col;
        let stage_due = NaiveDate::from_ymd_opt(year, 12, 31)
            .filter(|d| crate::domain::validate::YEARS.contains(&chrono::Datelike::year(d)))
            .unwrap_or(NaiveDate::MAX);
        Walker {
            g,
            cols,
            layout,
            year,
            plan,
            skipped_rows: Vec::new(),
            fallback_category: None,
            section: None,
            section_ended_finding: false,
            warned_uncategorised: false,
            last_col,
            seen: HashMap::new(),
            seqs: HashMap::new(),
            people: HashSet::new(),
            units: HashSet::new(),
            stage_due,
        }
    }

    /// Findings met before any section row go under `category` (the sheet's name)
    /// instead of [`UNCATEGORISED`].
    pub fn with_fallback_category(mut self, category: Option<String>) -> Self {
        self.fallback_category = category;
        self
    }

    /// Reports a broken store rule on the cell of its field (the row when the sheet has
    /// no such column). Rules on a column the sheet lacks altogether were reported once
    /// with the header.
    pub(super) fn rule(&mut self, r: u32, broken: Option<checks::Broken>) {
        let Some((field, message)) = broken else {
            return;
        };
        let column = checks::column_of(&field);
        let missing = |k| !self.cols.contains_key(&k);
        if matches!(column, Some(k @ (LedgerColumn::Measure | LedgerColumn::Deadline)) if missing(k))
        {
            return;
        }
        let c = column.and_then(|k| match k {
            LedgerColumn::Title => self.col(k).or(self.col(LedgerColumn::Manifestation)),
            _ => self.col(k),
        });
        self.issue(r, c, Severity::Error, message);
    }

    pub(super) fn col(&self, k: LedgerColumn) -> Option<u32> {
        self.cols.get(&k).and_then(|v| v.first().copied())
    }

    pub(super) fn text(&self, r: u32, k: LedgerColumn) -> String {
        self.col(k).map(|c| self.g.text(r, c)).unwrap_or_default()
    }

    /// Names in the columns of `k`, split and joined with 、.
    pub(super) fn names(&self, r: u32, k: LedgerColumn) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in self.cols.get(&k).into_iter().flatten() {
            for n in split_names(&values::join_broken_name(&self.g.text(r, *c))) {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        out
    }

    pub(super) fn issue(&mut self, r: u32, c: Option<u32>, severity: Severity, message: String) {
        self.plan.issues.push(Issue {
            sheet: String::new(),
            row: r + 1,
            cell: c.map(|c| cell_ref(r, c)).unwrap_or_default(),
            severity,
            message,
        });
    }

    /// Reads rows `from..=to`.
    pub fn walk(&mut self, from: u32, to: u32) {
        let (c0, c1) = (self.g.start().1, self.last_col.max(self.g.start().1));
        let width = c1 - c0 + 1;
        let title_col = self
            .col(LedgerColumn::Title)
            .or(self.col(LedgerColumn::Manifestation));
        let mut in_notes = false;
        for r in from..=to {
            let fresh: Vec<(u32, String)> = (c0..=c1)
                .filter(|c| !self.g.continues_from_above(r, *c))
                .map(|c| (c, self.g.text(r, c)))
                .filter(|(_, t)| !t.is_empty())
                .collect();
            let Some((first_col, first)) = fresh.first().cloned() else {
                continue;
            };
            if FOOTNOTES.iter().any(|w| first.starts_with(w)) || first == "注" {
                self.skipped_rows.push(r + 1);
                in_notes = true;
                continue;
            }
            let mut distinct: Vec<&str> = fresh.iter().map(|(_, t)| t.as_str()).collect();
            distinct.dedup();
            // A 说明 block goes on over several lines (“2. 复查日期由…”): they are notes too,
            // not a category.
            if in_notes && distinct.len() == 1 {
                self.skipped_rows.push(r + 1);
                continue;
            }
            if distinct.len() == 1 {
                let merged = self.g.merged_width(r, first_col);
                let looks = looks_like_section(&first);
                let is_task = self
                    .cols
                    .iter()
                    .any(|(k, v)| is_task_column(*k) && v.contains(&first_col));
                if (looks && (merged > 1 || !is_task)) || merged * 2 >= width {
                    self.section_row(r, first_col, &first);
                    continue;
                }
            }
            self.data_row(r, title_col, &fresh);
        }
    }

    /// A section row (一、…方面): the category of the findings below it, checked as the
    /// store will keep it.
    fn section_row(&mut self, r: u32, c: u32, text: &str) {
        let name = section_name(text);
        if strip_section_number(&name).is_empty() {
            let msg = format!("类别行“{text}”没有写类别名称，已忽略（下面的问题仍归入上一个类别）");
            self.issue(r, Some(c), Severity::Warning, msg);
            return;
        }
        let rule = validate::required_text(
            "category",
            "问题类别",
            strip_section_number(&name),
            validate::limits::LINE,
        );
        if let Err(e) = rule {
            self.issue(r, Some(c), Severity::Error, e.to_string());
        }
        if !self.plan.categories.contains(&name) {
            self.plan.categories.push(name.clone());
        }
        self.section = Some(name);
        self.section_ended_finding = true;
    }

    fn data_row(&mut self, r: u32, title_col: Option<u32>, fresh: &[(u32, String)]) {
        let is_fresh = |c: u32| fresh.iter().any(|(fc, _)| *fc == c);
        let seq_col = self.col(LedgerColumn::Seq);
        if let Some(sc) = seq_col.filter(|c| is_fresh(*c)) {
            let text = self.g.text(r, sc);
            if values::is_placeholder(&text) {
                let msg = format!("序号写的是“{text}”，不是数字：请填写序号");
                self.issue(r, Some(sc), Severity::Warning, msg);
            }
        }
        if let ([(c, text)], Some(sc)) = (fresh, seq_col) {
            if *c == sc {
                let msg = format!("这一行只有序号“{text}”，没有其他内容，不是一条记录，未导入：请删除这一行或补全内容");
                self.issue(r, Some(sc), Severity::Warning, msg);
                return;
            }
        }
        let seq = self
            .col(LedgerColumn::Seq)
            .filter(|c| is_fresh(*c))
            .and_then(|c| values::seq_number(self.g.value(r, c)));
        let title_fresh = title_col.is_some_and(is_fresh);
        let title = title_col.map(|c| self.g.text(r, c)).unwrap_or_default();
        let after_section = std::mem::take(&mut self.section_ended_finding);
        let current = self.plan.findings.last();
        let new_finding = match current {
            None => true,
            Some(_) if after_section => true,
            Some(f) if title_fresh => {
                title != f.title || (seq.is_some() && seq != f.seq && f.seq.is_some())
            }
            Some(f) => seq.is_some() && seq != f.seq,
        };
        if new_finding {
            self.new_finding(r, seq, title_col, title_fresh);
        }
        let has_task = self
            .cols
            .iter()
            .any(|(k, v)| is_task_column(*k) && v.iter().any(|c| is_fresh(*c)))
            || self.layout.notes.iter().any(|(c, _)| is_fresh(*c))
            || self.layout.review.iter().any(|(c, _)| is_fresh(*c));
        if has_task {
            let task = self.task(r);
            if let Some(f) = self.plan.findings.last_mut() {
                f.tasks.push(task);
            }
        }
    }

    fn new_finding(&mut self, r: u32, seq: Option<i64>, title_col: Option<u32>, fresh: bool) {
        let mut title = self.text(r, LedgerColumn::Title);
        let manifestation = self.text(r, LedgerColumn::Manifestation);
        if title.is_empty() && !manifestation.is_empty() && self.col(LedgerColumn::Title).is_none()
        {
            // Ledgers without a 反馈问题 column: the first line of 具体表现 names it.
            title = manifestation.lines().next().unwrap_or_default().to_owned();
        }
        if title.is_empty() || !fresh {
            self.issue(
                r,
                title_col,
                Severity::Error,
                "反馈问题为空：这一行不在任何反馈问题之下，请填写反馈问题或与上方问题合并单元格"
                    .into(),
            );
        }
        let mut category = self.text(r, LedgerColumn::Category);
        if category.is_empty() {
            category = match self.section.as_ref().or(self.fallback_category.as_ref()) {
                Some(s) => s.clone(),
                None => {
                    if !self.warned_uncategorised {
                        self.warned_uncategorised = true;
                        self.issue(
                            r,
                            None,
                            Severity::Warning,
                            format!(
                                "表中没有“一、…方面”这样的类别行，之前的问题归入“{UNCATEGORISED}”"
                            ),
                        );
                    }
                    UNCATEGORISED.into()
                }
            };
        } else {
            category = section_name(&category);
        }
        if !self.plan.categories.contains(&category) {
            self.plan.categories.push(category.clone());
        }
        let nature_text = self.text(r, LedgerColumn::Nature);
        let nature = Nature::parse(&nature_text);
        if nature.is_none() && !nature_text.is_empty() {
            let c = self.col(LedgerColumn::Nature);
            self.issue(
                r,
                c,
                Severity::Warning,
                format!("问题性质“{nature_text}”无法识别（应为共性问题或个性问题），已留空"),
            );
        }
        if let Some(n) = seq {
            let place = (self.section.clone(), n);
            match self.seqs.get(&place) {
                Some(prev) => {
                    let msg = format!("序号{n}与第{prev}行重复：请核对序号");
                    self.issue(r, self.col(LedgerColumn::Seq), Severity::Warning, msg);
                }
                None => {
                    self.seqs.insert(place, r + 1);
                }
            }
        }
        let found_on = self.found_on(r);
        let key = (category.clone(), title.clone());
        match self.seen.get(&key) {
            Some(prev) if !title.is_empty() => {
                let msg = format!("与第{prev}行的反馈问题相同，导入时将合并为一个问题");
                self.issue(r, title_col, Severity::Warning, msg);
            }
            Some(_) => {}
            None => {
                self.seen.insert(key, r + 1);
            }
        }
        let finding = PlannedFinding {
            sheet: self.plan.sheet.clone(),
            row: r + 1,
            seq,
            category,
            title,
            manifestation: if self.col(LedgerColumn::Title).is_some() {
                manifestation
            } else {
                String::new()
            },
            nature,
            source: self.text(r, LedgerColumn::Source),
            found_on,
            tasks: Vec::new(),
        };
        // An empty title was reported above.
        if !finding.title.is_empty() {
            let broken = checks::finding(&finding);
            self.rule(r, broken);
        }
        self.plan.findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_names_lose_their_ordinal() {
        let cases = [
            ("一、贯彻落实党的理论方面", "贯彻落实党的理论方面"),
            ("（二）选人用人方面：", "选人用人方面"),
            ("十一．其他", "其他"),
            ("落实主体责任方面", "落实主体责任方面"),
            ("一把手", "一把手"),
        ];
        for (text, want) in cases {
            assert_eq!(section_name(text), want, "{text}");
        }
        assert!(strip_ordinal("一把手").is_none());
    }
}
