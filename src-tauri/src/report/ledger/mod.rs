//! The combined rectification ledger (整改台账) as a model both writers lay out: its columns
//! ([`LedgerColumn`]), the heading ([`Heading`]), a section row per category (一、…方面) and,
//! per finding, the values merged down across its tasks beside one row of task values per
//! task. Everything a reader of the ledger sees is decided here once — the words, the
//! numbers, which cells are dates — so the Excel and the PDF ledger cannot disagree. A
//! ledger holds one inspection or several (a section per inspection).

pub mod cells;
pub mod columns;
pub mod heading;

pub use cells::{CellValue, OVERDUE_MARK};
pub use columns::{LedgerColumn, ASSIGNMENT_GROUP};
pub use heading::{fill, Heading};

use crate::report::data::LedgerData;
use crate::report::numbering::level1;
use crate::report::public::Edition;
use crate::report::sections::sections;

/// One finding's rows.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingRows {
    /// Its number within its category, as every document numbers it.
    pub number: usize,
    /// One value per column: the finding-level columns' values, the others empty.
    pub head: Vec<CellValue>,
    /// One row per task (one empty row for a finding without tasks): one value per
    /// column, the task-level columns' values, the others empty.
    pub tasks: Vec<Vec<CellValue>>,
    /// How many tasks the finding has.
    pub task_count: usize,
}

/// A part of the table, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// An inspection's name above its categories, when the ledger holds several.
    Inspection(String),
    /// A category's section row: 一、…方面.
    Category(String),
    /// A finding with its tasks.
    Finding(FindingRows),
}

/// The ledger table with its heading, ready to lay out.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerTable {
    /// …整改台账 (with （公开版） in the public edition).
    pub title: String,
    /// 填报单位（盖章）：….
    pub unit_line: String,
    /// 填报时间：….
    pub date_line: String,
    /// The columns, in order; every row has one value per column.
    pub columns: Vec<LedgerColumn>,
    /// Each column's header text: its [`LedgerColumn::label`], unless the document names
    /// it otherwise ([`LedgerTable::relabel`]: the plan's 牵头部门).
    pub labels: Vec<String>,
    pub blocks: Vec<Block>,
}

impl LedgerTable {
    /// The ledger of `all` with the official columns and heading.
    pub fn official(all: &[&LedgerData], edition: Edition) -> Self {
        Self::build(all, LedgerColumn::OFFICIAL, &Heading::OFFICIAL, edition)
    }

    /// The ledger of `all` (one inspection, or several, each in its own section) with
    /// these columns and heading. For the 公开版, `all` must already be masked
    /// ([`crate::report::public::masked_ledgers`]); the edition marks the title.
    pub fn build(
        all: &[&LedgerData],
        columns: &[LedgerColumn],
        heading: &Heading<'_>,
        edition: Edition,
    ) -> Self {
        let mut blocks = Vec::new();
        for data in all {
            if all.len() > 1 {
                blocks.push(Block::Inspection(data.inspection.name.trim().to_owned()));
            }
            for section in sections(data) {
                if let Some(k) = section.ordinal {
                    blocks.push(Block::Category(format!("{}{}", level1(k), section.name)));
                }
                for (number, f) in section.findings {
                    blocks.push(Block::Finding(finding_rows(columns, data, number, f)));
                }
            }
        }
        LedgerTable {
            title: edition.title(&fill(heading.title, all)),
            unit_line: fill(heading.unit_line, all),
            date_line: fill(heading.date_line, all),
            columns: columns.to_vec(),
            labels: columns.iter().map(|c| c.label().to_owned()).collect(),
            blocks,
        }
    }

    /// The same table with some columns' headers named as a document names them.
    pub fn relabel(mut self, names: &[(LedgerColumn, &str)]) -> Self {
        for (column, name) in names {
            if let Some(i) = self.columns.iter().position(|c| c == column) {
                self.labels[i] = (*name).to_owned();
            }
        }
        self
    }

    /// The findings, in order.
    pub fn findings(&self) -> impl Iterator<Item = &FindingRows> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Finding(f) => Some(f),
            _ => None,
        })
    }
}

fn finding_rows(
    columns: &[LedgerColumn],
    data: &LedgerData,
    number: usize,
    f: &crate::domain::Finding,
) -> FindingRows {
    let head = columns
        .iter()
        .map(|c| {
            if c.is_finding_level() {
                cells::cell(*c, number, f, None, data)
            } else {
                CellValue::Empty
            }
        })
        .collect();
    let mut tasks: Vec<Vec<CellValue>> = f
        .tasks
        .iter()
        .map(|t| {
            columns
                .iter()
                .map(|c| {
                    if c.is_finding_level() {
                        CellValue::Empty
                    } else {
                        cells::cell(*c, number, f, Some(t), data)
                    }
                })
                .collect()
        })
        .collect();
    if tasks.is_empty() {
        tasks.push(vec![CellValue::Empty; columns.len()]);
    }
    FindingRows {
        number,
        head,
        tasks,
        task_count: f.tasks.len(),
    }
}

#[cfg(test)]
mod tests;
