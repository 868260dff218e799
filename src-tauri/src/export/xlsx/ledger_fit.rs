//! Sizes of the ledger sheet: column widths that fit the content and an A4 landscape page,
//! row heights that show every line of a cell (rust_xlsxwriter does not size rows), and
//! page breaks that keep a finding, with its merged cells, on one page.

use std::borrow::Cow;

use super::layout::{fit_widths, page_width_pt, WidthWant};
use super::measure::{column_pt, height_for_lines, text_height};
use super::styles::Styles;
use super::template::LedgerTemplate;
use crate::report::ledger::{Block, CellValue, LedgerColumn, LedgerTable, OVERDUE_MARK};

/// Excel's tallest row, in points.
pub const MAX_ROW_PT: f64 = 409.0;

/// Where the data starts and how tall the rows above it are (pt).
pub struct Top {
    pub data_start: u32,
    /// Title and 填报单位 line: on the first page only.
    pub above_header: f64,
    /// Header rows: repeated on every page.
    pub header: f64,
}

/// Printable height of an A4 landscape page inside the margins, less room for the
/// footer, in points.
const PAGE_BODY_PT: f64 = 595.0 - 2.0 * 0.6 * 72.0 - 24.0;

/// Height left for data rows on a page under the repeated header, in the sheet's points
/// (`scale` is the print scale fitting the width).
pub fn page_room(top: &Top, scale: f64) -> f64 {
    PAGE_BODY_PT / scale - top.header
}

/// Most manual page breaks a sheet may hold (Excel's limit is 1,026).
const MAX_BREAKS: usize = 1000;

/// The rows of one block of the sheet, for page breaking.
pub struct BlockRows {
    /// A section row, kept with the block after it.
    pub section: bool,
    /// Each row's height.
    pub rows: Vec<f64>,
    /// Height the finding's merged text needs (0 for a section row).
    pub merged: f64,
}

/// Rows before which a page should break so that no finding (with its merged cells) is
/// split over two pages, and a section row stays with its first finding. A finding taller
/// than a page breaks between its rows instead (the writer then merges its cells page by
/// page), once its first page holds its merged text. `scale` is the print scale fitting the
/// width.
pub fn page_breaks(top: &Top, blocks: &[BlockRows], scale: f64) -> Vec<u32> {
    let avail = PAGE_BODY_PT / scale;
    // Height used on the current page, and whether it holds any data row yet (a page is
    // never left with nothing but its header).
    let mut used = top.above_header + top.header;
    let mut has_rows = false;
    let mut breaks = Vec::new();
    let mut r = top.data_start;
    let mut break_if = |used: &mut f64, has_rows: &mut bool, need: f64, r: u32| {
        let broke = *used + need > avail && *has_rows && breaks.len() < MAX_BREAKS;
        if broke {
            breaks.push(r);
            *used = top.header;
        }
        *has_rows = true;
        broke
    };
    for (i, b) in blocks.iter().enumerate() {
        let mut need: f64 = b.rows.iter().sum();
        if b.section {
            need += blocks.get(i + 1).map_or(0.0, |n| n.rows.iter().sum());
        }
        if need <= avail - top.header {
            break_if(&mut used, &mut has_rows, need, r);
            used += b.rows.iter().sum::<f64>();
        } else {
            let first = b.merged.max(b.rows.first().copied().unwrap_or(0.0));
            break_if(&mut used, &mut has_rows, first, r);
            let mut portion = 0.0;
            for (k, h) in b.rows.iter().enumerate() {
                if k > 0
                    && portion >= b.merged
                    && break_if(&mut used, &mut has_rows, *h, r + k as u32)
                {
                    portion = 0.0;
                }
                used += h;
                portion += h;
            }
        }
        // A row taller than a page leaves the next page partly used.
        while used > avail {
            used -= avail - top.header;
        }
        r += b.rows.len() as u32;
    }
    breaks
}

/// Heights of a finding's rows: each row fits its task cells, and together they fit the
/// finding's merged cells. A shortfall is shared out evenly as far as Excel lets a row grow
/// ([`MAX_ROW_PT`]); what is left goes to blank rows after the tasks, which the merged cells
/// span too. So the result can be longer than `rows`. A finding taller than a page
/// (`room`: the page below its header) is merged page by page with its text in the first
/// part, so its first row is made tall enough for that text. Also returns the height the
/// merged text needs.
pub fn block_heights(
    tpl: &LedgerTemplate,
    st: &Styles,
    widths: &[f64],
    head: &[CellValue],
    rows: &[Vec<CellValue>],
    room: f64,
) -> (Vec<f64>, f64) {
    let size = st.fonts.body_size;
    let col_pt: Vec<f64> = widths.iter().map(|w| column_pt(*w)).collect();
    let one = height_for_lines(1, size);
    let mut heights: Vec<f64> = rows
        .iter()
        .map(|row| {
            row.iter()
                .zip(&col_pt)
                .filter(|(v, _)| !v.is_empty())
                .map(|(v, w)| text_height(&v.shown(), *w, size))
                .fold(one, f64::max)
                .min(MAX_ROW_PT)
        })
        .collect();
    let need = tpl
        .columns
        .iter()
        .zip(head)
        .zip(&col_pt)
        .filter(|((c, v), _)| c.column.is_finding_level() && !v.is_empty())
        .map(|((_, v), w)| text_height(&v.shown(), *w, size))
        .fold(0.0, f64::max);
    let mut short = need - heights.iter().sum::<f64>();
    if short > 0.0 {
        let each = short / heights.len() as f64;
        for h in &mut heights {
            let add = each.min(MAX_ROW_PT - *h);
            *h += add;
            short -= add;
        }
    }
    while short > 1.0 {
        let h = short.min(MAX_ROW_PT).max(one);
        heights.push(h);
        short -= h;
    }
    if heights.iter().sum::<f64>() > room && heights.len() > 1 && heights[0] < need {
        heights[0] = need.min(MAX_ROW_PT);
    }
    let heights = heights.iter().map(|h| h.ceil().min(MAX_ROW_PT)).collect();
    (heights, need)
}

/// Widths that fit each column's header and cells on an A4 landscape page.
pub fn column_widths(tpl: &LedgerTemplate, st: &Styles, table: &LedgerTable) -> Vec<f64> {
    let size = st.fonts.body_size;
    let mut values: Vec<Vec<&CellValue>> = vec![Vec::new(); tpl.columns.len()];
    for b in &table.blocks {
        if let Block::Finding(f) = b {
            for row in std::iter::once(&f.head).chain(&f.tasks) {
                for (c, v) in row.iter().enumerate() {
                    if !v.is_empty() {
                        values[c].push(v);
                    }
                }
            }
        }
    }
    let wants: Vec<WidthWant> = tpl
        .columns
        .iter()
        .zip(&values)
        .map(|(spec, vs)| {
            let texts: Vec<Cow<str>> = vs.iter().map(|v| v.shown()).collect();
            // The column must hold its longest unbreakable piece on one line.
            let unbreakable: Vec<String> = vs
                .iter()
                .flat_map(|v| unbreakable(spec.column, v))
                .max_by_key(|s| s.chars().count())
                .into_iter()
                .collect();
            let mut w = WidthWant::measure(
                spec.header(),
                texts.iter().map(|t| t.as_ref()),
                &unbreakable,
                spec.column.width(),
                size,
            );
            w.fixed = spec.width;
            w
        })
        .collect();
    fit_widths(&wants, page_width_pt())
}

/// The pieces of a value that must not wrap: a date or a number (a spreadsheet shows ###
/// rather than wrap one), and a status word and its overdue mark (正在推进 / （逾期）, which
/// spreadsheets would otherwise break after the opening bracket).
fn unbreakable(column: LedgerColumn, v: &CellValue) -> Vec<String> {
    match v {
        CellValue::Date(_) | CellValue::Number(_) | CellValue::Percent(_) => {
            vec![v.shown().into_owned()]
        }
        CellValue::Text(s) if column == LedgerColumn::Status => {
            match s.strip_suffix(OVERDUE_MARK) {
                Some(word) => vec![word.to_owned(), OVERDUE_MARK.to_owned()],
                None => vec![s.clone()],
            }
        }
        _ => Vec::new(),
    }
}
