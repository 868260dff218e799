//! What an import would create, and every problem found on the way, row by row with the
//! cell reference and a Chinese message. Nothing is written until the user accepts it.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::mapping::ColumnMap;
use crate::domain::dates::format_cn;
use crate::domain::{Assignment, DeadlineKind, Nature, Status};

/// How serious a problem is: errors block the import, warnings are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, at a cell ("C7") or a row ("第7行").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Issue {
    /// The sheet, when several were read (全部工作表); empty when one was.
    #[serde(default)]
    pub sheet: String,
    /// Excel row number (1-based).
    pub row: u32,
    /// Cell reference such as "C7" (or "整改台账!C7" when several sheets were read), or
    /// empty when the whole row is concerned.
    pub cell: String,
    pub severity: Severity,
    pub message: String,
}

impl Issue {
    /// Where the problem is, as shown to the user.
    pub fn place(&self) -> String {
        let sheet = if self.sheet.is_empty() {
            String::new()
        } else {
            format!("工作表“{}”", self.sheet)
        };
        if self.cell.is_empty() && self.row == 0 {
            if sheet.is_empty() {
                "整个工作表".into()
            } else {
                sheet
            }
        } else if self.cell.is_empty() {
            format!("{sheet}第{}行", self.row)
        } else {
            format!("{}单元格", self.cell)
        }
    }
}

/// A task (整改措施) to create.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlannedTask {
    /// Excel row number.
    pub row: u32,
    pub measure: String,
    pub goal: String,
    pub acceptance: String,
    #[serde(flatten)]
    pub assignment: Assignment,
    pub deadline_kind: DeadlineKind,
    pub deadline: Option<NaiveDate>,
    /// The deadline as the ledger will write it.
    pub deadline_text: String,
    /// As written; `None` when the cell was blank.
    pub status: Option<Status>,
    /// The 整改进展 cell as written.
    pub progress: String,
    /// The same, split into the entries to record (one per dated line).
    pub progress_entries: Vec<PlannedProgress>,
    pub evidence: String,
    pub note: String,
    /// The review the ledger records (复查, 验收 columns), if any.
    pub review: Option<PlannedReview>,
}

/// The close-out review a ledger records for a task: of a task it marks 已销号 it becomes
/// the task's close-out (taken from the ledger); of any other, a dated progress entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlannedReview {
    /// The first date among the review columns.
    pub on: Option<NaiveDate>,
    /// The names in the columns of a person (复查人, 验收负责人…).
    pub reviewers: Vec<String>,
    /// Every review column under its header: “复查验收情况：复查结果：…；复查日期：…”.
    pub text: String,
}

/// One progress entry (整改进展) read from a task's progress cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlannedProgress {
    /// The date written before it; `None` = recorded as of the import.
    pub entered_on: Option<NaiveDate>,
    pub text: String,
}

/// A finding (反馈问题) to create, with its tasks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlannedFinding {
    /// The sheet it was read from.
    pub sheet: String,
    /// Excel row number of its first row.
    pub row: u32,
    pub seq: Option<i64>,
    pub category: String,
    pub title: String,
    pub manifestation: String,
    pub nature: Option<Nature>,
    pub source: String,
    /// The date the problem was found (排查日期), when the ledger has it.
    pub found_on: Option<NaiveDate>,
    pub tasks: Vec<PlannedTask>,
}

/// One sheet read as a ledger table: where its header is and what its columns go to.
/// Each sheet keeps its own mapping.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SheetTable {
    pub sheet: String,
    /// Excel row numbers of the header (first, last).
    pub header_rows: (u32, u32),
    /// Every column of the table and the field it goes to, with why.
    pub columns: Vec<ColumnMap>,
    /// The header's shape: the key a mapping made for it is saved under.
    pub shape: String,
    /// Excel row numbers of rows under the table that are not records (注：, 说明,
    /// 填表说明, 填报人…), skipped.
    pub skipped_rows: Vec<u32>,
}

/// A sheet of the workbook not read when all sheets were asked for, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SkippedSheet {
    pub sheet: String,
    pub reason: String,
}

/// Everything read from one workbook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportPlan {
    /// The file's name.
    pub file: String,
    /// The sheet the ledger was read from, or [`ALL_SHEETS`](super::xlsx::ALL_SHEETS).
    pub sheet: String,
    /// Every sheet of the workbook, to pick another.
    pub sheets: Vec<String>,
    /// The tables read, in sheet order: one, or one per sheet with a ledger.
    pub tables: Vec<SheetTable>,
    /// Sheets left out when all were read, with the reason.
    pub skipped_sheets: Vec<SkippedSheet>,
    /// Categories in the order met.
    pub categories: Vec<String>,
    pub findings: Vec<PlannedFinding>,
    /// People named (leaders, 责任人), for the directory.
    pub people: Vec<String>,
    /// Units named, for the directory.
    pub units: Vec<String>,
    pub issues: Vec<Issue>,
}

/// Issues listed in a plan: a sheet with a problem on every one of 50,000 rows needs its
/// first problems fixed, not a list no one reads.
pub const MAX_ISSUES: usize = 2_000;

impl ImportPlan {
    /// Keeps the first [`MAX_ISSUES`] issues and says how many more there were.
    pub fn cap_issues(&mut self) {
        if self.issues.len() <= MAX_ISSUES {
            return;
        }
        let rest = self.issues.split_off(MAX_ISSUES);
        let errors = rest
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count();
        self.issues.push(Issue {
            sheet: String::new(),
            row: 0,
            cell: String::new(),
            severity: if errors > 0 {
                Severity::Error
            } else {
                Severity::Warning
            },
            message: format!(
                "另有 {} 个问题（其中 {errors} 个错误）未列出：请先改正以上问题，再检查一次",
                rest.len()
            ),
        });
    }

    /// The table a finding read from `sheet` came from.
    /// Where a row of `sheet` is, as messages name it: 第5行, or 工作表“2025年”第5行 when
    /// several sheets are read (each numbers its own rows).
    pub fn row_place(&self, sheet: &str, row: u32) -> String {
        if self.tables.len() > 1 && !sheet.is_empty() {
            format!("工作表“{sheet}”第{row}行")
        } else {
            format!("第{row}行")
        }
    }

    pub fn table_of(&self, sheet: &str) -> Option<&SheetTable> {
        self.tables.iter().find(|t| t.sheet == sheet)
    }

    /// Whether any problem blocks the import.
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
    }

    /// Number of tasks in the plan.
    pub fn task_count(&self) -> usize {
        self.findings.iter().map(|f| f.tasks.len()).sum()
    }

    /// The plan as the CLI's dry run prints it.
    pub fn report(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "文件“{}”，工作表“{}”", self.file, self.sheet);
        for t in &self.tables {
            let _ = writeln!(
                s,
                "工作表“{}”：表头在第{}～{}行；列对应关系（可用 --map '列字母=字段' 更改）：",
                t.sheet, t.header_rows.0, t.header_rows.1
            );
            for c in &t.columns {
                let explain = if c.explain.is_empty() {
                    String::new()
                } else {
                    format!("；{}", c.explain)
                };
                let _ = writeln!(
                    s,
                    "  {}列“{}”→ {}（{}{explain}）",
                    c.letter,
                    c.header,
                    c.to.label(),
                    c.reason.label()
                );
            }
        }
        for k in &self.skipped_sheets {
            let _ = writeln!(s, "工作表“{}”未导入：{}", k.sheet, k.reason);
        }
        let _ = writeln!(
            s,
            "将导入：{} 个类别，{} 个反馈问题，{} 项整改任务，{} 条整改进展；名录新增候选：{} 人、{} 个单位",
            self.categories.len(),
            self.findings.len(),
            self.task_count(),
            self.findings
                .iter()
                .flat_map(|f| &f.tasks)
                .map(|t| t.progress_entries.len())
                .sum::<usize>(),
            self.people.len(),
            self.units.len()
        );
        for f in &self.findings {
            let seq = f.seq.map(|n| format!("{n}. ")).unwrap_or_default();
            let place = if self.tables.len() > 1 {
                format!("{}!", f.sheet)
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "  {place}第{}行 [{}] {seq}{}（{} 项任务）",
                f.row,
                f.category,
                f.title,
                f.tasks.len()
            );
            for t in &f.tasks {
                let due = match (t.deadline_kind, t.deadline) {
                    (DeadlineKind::Date, Some(d)) => format_cn(d),
                    (DeadlineKind::Date, None) => "未定时限".into(),
                    (k, Some(d)) => format!("{}（{}）", k.label(), format_cn(d)),
                    (k, None) => k.label().into(),
                };
                let _ = writeln!(s, "    第{}行 {}（{due}）", t.row, short(&t.measure, 30));
            }
        }
        for t in self.tables.iter().filter(|t| !t.skipped_rows.is_empty()) {
            let rows: Vec<String> = t.skipped_rows.iter().map(|r| r.to_string()).collect();
            let _ = writeln!(
                s,
                "工作表“{}”表格下方的说明、注释行不是台账记录，不导入：第{}行",
                t.sheet,
                rows.join("、")
            );
        }
        if self.issues.is_empty() {
            let _ = writeln!(s, "未发现问题。");
        } else {
            let errors = self
                .issues
                .iter()
                .filter(|i| i.severity == Severity::Error)
                .count();
            let _ = writeln!(
                s,
                "发现 {} 个问题（{} 个错误须先改正，{} 个提示）：",
                self.issues.len(),
                errors,
                self.issues.len() - errors
            );
            for i in &self.issues {
                let tag = match i.severity {
                    Severity::Error => "错误",
                    Severity::Warning => "提示",
                };
                let _ = writeln!(s, "  [{tag}] {}：{}", i.place(), i.message);
            }
        }
        s
    }
}

fn short(text: &str, n: usize) -> String {
    let first = text.lines().next().unwrap_or_default();
    let mut s: String = first.chars().take(n).collect();
    if first.chars().count() > n || text.lines().count() > 1 {
        s.push('…');
    }
    s
}
