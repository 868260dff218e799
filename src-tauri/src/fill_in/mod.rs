//! Fill-in workbooks (填报表) for units that do not run the app: the keeper exports one per
//! 责任单位 with its tasks, the unit fills in the unlocked columns on its own machine and
//! sends the file back, and the keeper imports it. What the unit must not change is locked
//! and signed ([`sign`]), so a returned file is matched back to its tasks and anything
//! changed outside the unlocked cells is named and refused.
//!
//! The workbook's layout is said once here: [`LOCKED`] (the ledger's own columns and
//! labels), [`FillColumn`], and where the header and the rows are; [`write`] lays it out,
//! [`read`] reads a returned one back, [`preview`] says what each row would change.

pub mod preview;
pub mod read;
pub mod sign;
pub mod write;

use serde::{Deserialize, Serialize};

use crate::domain::Status;
use crate::report::ledger::LedgerColumn;

/// The version of the workbook's layout and signature.
pub const FORMAT: u32 = 1;
/// The first cell of the hidden sheet says what the workbook is.
pub const MAGIC: &str = "xuncha-fill-in";
/// The sheet the unit fills in.
pub const SHEET: &str = "填报表";
/// The very hidden sheet with the task ids, their versions and the signature.
pub const SIGNATURE_SHEET: &str = "签名";
/// The header row (0-based); task rows follow it.
pub const HEADER_ROW: u32 = 3;

/// The locked columns: the ledger's own, as [`crate::report::ledger`] writes them (序号 is
/// the finding's number as every document writes it, （一）1).
pub const LOCKED: &[LedgerColumn] = &[
    LedgerColumn::Seq,
    LedgerColumn::Title,
    LedgerColumn::Measure,
    LedgerColumn::Goal,
    LedgerColumn::LeadUnit,
    LedgerColumn::ResponsibleUnits,
    LedgerColumn::ResponsiblePerson,
    LedgerColumn::Deadline,
    LedgerColumn::Progress,
    LedgerColumn::Status,
];

/// The columns the unit fills in, after the locked ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FillColumn {
    /// 本期进展: becomes a progress entry.
    Progress,
    /// 状态: a drop-down of the statuses the task may move to.
    Status,
    /// 完成日期: the date of the progress entry.
    Date,
    /// 佐证材料名称: the evidence the unit names (the files travel separately).
    Evidence,
    /// 备注.
    Note,
}

impl FillColumn {
    pub const ALL: &'static [FillColumn] = &[
        FillColumn::Progress,
        FillColumn::Status,
        FillColumn::Date,
        FillColumn::Evidence,
        FillColumn::Note,
    ];

    /// The header text.
    pub fn label(self) -> &'static str {
        match self {
            FillColumn::Progress => "本期进展",
            FillColumn::Status => "状态",
            FillColumn::Date => "完成日期",
            FillColumn::Evidence => "佐证材料名称",
            FillColumn::Note => "备注",
        }
    }

    /// The column (0-based) in the sheet.
    pub fn index(self) -> u16 {
        let at = FillColumn::ALL.iter().position(|c| *c == self).unwrap_or(0);
        (LOCKED.len() + at) as u16
    }

    /// The relative width (character units).
    pub fn width(self) -> f64 {
        match self {
            FillColumn::Progress => 40.0,
            FillColumn::Status => 12.0,
            FillColumn::Date => 14.0,
            FillColumn::Evidence => 24.0,
            FillColumn::Note => 16.0,
        }
    }
}

/// What the hidden sheet holds for one task row; the signature covers all of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedRow {
    pub task_id: i64,
    /// The task's version when the workbook went out (its `updated_at`).
    pub version: String,
    /// Its status then (what 状态 was filled with).
    pub status: Status,
    /// Its row in the sheet (0-based).
    pub row: u32,
    /// The MACs of its locked cells, in [`LOCKED`] order.
    pub macs: Vec<String>,
}

/// What the hidden sheet holds for the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedSheet {
    pub inspection_id: i64,
    pub unit: String,
    pub key_id: String,
    pub signature: String,
    pub rows: Vec<SignedRow>,
}

/// A cell's text as both the signer and the reader take it: trimmed lines, as the ledger
/// importer reads cells (one normalisation for writing and reading).
pub fn cell_text(text: &str) -> String {
    crate::import::xlsx::values::cell_text(&calamine::Data::String(text.to_owned()))
}
