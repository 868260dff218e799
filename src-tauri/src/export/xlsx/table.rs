//! A plain list sheet (问题清单, 任务清单, 责任清单 and the optional lists): a title, one
//! header row and one row per item, laid out and printed like the combined ledger.

use rust_xlsxwriter::{ConditionalFormatFormula, Workbook};

use std::borrow::Cow;

use super::layout::{
    col_letter, fit_widths, page_width_pt, print_setup, write_value, xlsx_err, WidthWant,
};
use super::ledger_sheet::merge_or_write;
use super::measure::{column_pt, height_for_lines, text_height};
use super::styles::Styles;
use crate::report::ledger::CellValue;
use crate::Result;

/// One column of a list sheet.
pub struct TableColumn {
    pub header: &'static str,
    /// Widest useful width at 12 pt, in Excel character units.
    pub width: f64,
    pub centered: bool,
}

/// Shorthand for a column.
pub fn col(header: &'static str, width: f64, centered: bool) -> TableColumn {
    TableColumn {
        header,
        width,
        centered,
    }
}

/// A list sheet ready to write.
pub struct Table {
    /// Sheet name.
    pub sheet: String,
    pub title: String,
    pub columns: Vec<TableColumn>,
    pub rows: Vec<Vec<CellValue>>,
    /// A column holding a warning word (红/黄/绿…): its row is coloured by it.
    pub warning_col: Option<usize>,
}

impl Table {
    /// Leaves out the column headed `header` (the 公开版 leaves out people's names).
    pub fn drop_column(&mut self, header: &str) {
        let Some(i) = self.columns.iter().position(|c| c.header == header) else {
            return;
        };
        self.columns.remove(i);
        for row in &mut self.rows {
            if i < row.len() {
                row.remove(i);
            }
        }
        self.warning_col = match self.warning_col {
            Some(w) if w == i => None,
            Some(w) if w > i => Some(w - 1),
            w => w,
        };
    }
}

/// Writes `t` as a new sheet.
pub fn write(wb: &mut Workbook, st: &Styles, t: &Table, constant_memory: bool) -> Result<()> {
    let size = st.fonts.body_size;
    let wants: Vec<WidthWant> = t
        .columns
        .iter()
        .enumerate()
        .map(|(c, spec)| {
            let shown: Vec<Cow<str>> = t.rows.iter().map(|r| r[c].shown()).collect();
            let unbreakable: Vec<String> = t
                .rows
                .iter()
                .filter(|r| !matches!(r[c], CellValue::Text(_) | CellValue::Empty))
                .map(|r| r[c].shown().into_owned())
                .max_by_key(|s| s.chars().count())
                .into_iter()
                .collect();
            WidthWant::measure(
                spec.header,
                shown.iter().map(|s| s.as_ref()),
                &unbreakable,
                spec.width,
                size,
            )
        })
        .collect();
    let widths = fit_widths(&wants, page_width_pt());
    let ws = if constant_memory {
        wb.add_worksheet_with_constant_memory().map_err(xlsx_err)?
    } else {
        wb.add_worksheet()
    };
    ws.set_name(&t.sheet).map_err(xlsx_err)?;
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w).map_err(xlsx_err)?;
    }
    let last_col = (t.columns.len() - 1) as u16;
    let f = &st.fonts;
    ws.set_row_height(0, f.title_size * 2.2).map_err(xlsx_err)?;
    merge_or_write(ws, 0, 0, 0, last_col, &t.title, &st.title)?;
    let col_pt: Vec<f64> = widths.iter().map(|w| column_pt(*w)).collect();
    let hh = t
        .columns
        .iter()
        .zip(&col_pt)
        .map(|(c, w)| text_height(c.header, *w, f.header_size))
        .fold(0.0, f64::max);
    ws.set_row_height(1, hh).map_err(xlsx_err)?;
    for (c, spec) in t.columns.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, spec.header, &st.header)
            .map_err(xlsx_err)?;
    }
    ws.set_freeze_panes(2, 0).map_err(xlsx_err)?;
    print_setup(ws, Some((1, 1)))?;
    let one = height_for_lines(1, size);
    for (i, row) in t.rows.iter().enumerate() {
        let r = 2 + i as u32;
        let h = row
            .iter()
            .zip(&col_pt)
            .filter(|(v, _)| matches!(v, CellValue::Text(_)))
            .map(|(v, w)| text_height(&v.shown(), *w, size))
            .fold(one, f64::max);
        ws.set_row_height(r, h.min(409.0)).map_err(xlsx_err)?;
        for (c, v) in row.iter().enumerate() {
            let fmt = if t.columns[c].centered {
                &st.body_center
            } else {
                &st.body
            };
            write_value(ws, r, c as u16, v, fmt, st)?;
        }
    }
    if let (Some(w), false) = (t.warning_col, t.rows.is_empty()) {
        let last = 1 + t.rows.len() as u32;
        let cell = format!("${}3", col_letter(w as u16));
        for (word, fmt) in [("红", &st.red), ("黄", &st.yellow), ("绿", &st.green)] {
            let cf = ConditionalFormatFormula::new()
                .set_rule(format!("=LEFT({cell},1)=\"{word}\"").as_str())
                .set_format(fmt);
            ws.add_conditional_format(2, 0, last, last_col, &cf)
                .map_err(xlsx_err)?;
        }
    }
    Ok(())
}
