//! The landscape page of a ledger table, in one place: the printed ledger and a document's
//! 附件 table (the plan's 整改任务清单) in the PDF, and that 附件 in Word. The PDF places
//! every line from these numbers and the Word writer derives its section, cell margins and
//! line heights from the same ones, so LibreOffice and WPS break the table's rows onto the
//! same pages as the PDF.

use super::gb9704::GB;

/// Page, margins, type and cell spacing of a ledger table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LedgerPage {
    /// A4 turned.
    pub page_w_mm: f32,
    pub page_h_mm: f32,
    /// Left and right margins: a wide table wants the width (GB/T 9704's 横排表格 leaves
    /// the margins of a table page open).
    pub side_mm: f32,
    pub top_mm: f32,
    /// Room under the table for the page number, 7 mm below it as on portrait pages.
    pub bottom_mm: f32,
    /// Cell text (小五), its line pitch, and the space between a cell's rules and its text.
    pub size_pt: f32,
    pub line_pt: f32,
    pub pad_x_pt: f32,
    pub pad_y_pt: f32,
    /// The table's title, and the space it takes (in ems of its size).
    pub title_pt: f32,
    pub title_step_em: f32,
    /// “附件N” (3号) and the space it takes, in ems.
    pub label_pt: f32,
    pub label_step_em: f32,
    /// The 填报单位 / 填报时间 line under the title, and its space in ems.
    pub unit_line_pt: f32,
    pub unit_line_step_em: f32,
}

pub const LEDGER_PAGE: LedgerPage = LedgerPage {
    page_w_mm: 297.0,
    page_h_mm: 210.0,
    side_mm: 15.0,
    top_mm: 15.0,
    bottom_mm: 22.0,
    size_pt: 9.0,
    line_pt: 12.0,
    pad_x_pt: 2.0,
    pad_y_pt: 3.0,
    title_pt: 18.0,
    title_step_em: 1.8,
    label_pt: GB.body_pt,
    label_step_em: 1.8,
    unit_line_pt: 11.0,
    unit_line_step_em: 1.6,
};

impl LedgerPage {
    /// The height the head of an attachment takes above its table, in points: the label,
    /// the title and the unit line.
    pub fn label_step_pt(&self) -> f32 {
        self.label_pt * self.label_step_em
    }

    pub fn title_step_pt(&self) -> f32 {
        self.title_pt * self.title_step_em
    }

    pub fn unit_line_step_pt(&self) -> f32 {
        self.unit_line_pt * self.unit_line_step_em
    }
}
