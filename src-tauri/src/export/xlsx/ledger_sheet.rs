//! The combined ledger (整改台账) sheet as units hand it in, laid out from the ledger model
//! ([`LedgerTable`]): title, 填报单位/填报时间 line, a two-row header grouping the
//! responsibility columns, a section row per category, each finding's cells merged down
//! across its tasks, rows tall enough for their text (`ledger_fit`), and the warning
//! colours and status list (`ledger_rules`). What the cells say is the model's.

use rust_xlsxwriter::{Workbook, Worksheet};

use super::layout::{print_setup, span_pt, write_value, xlsx_err};
use super::ledger_fit::{
    block_heights, column_widths, page_breaks, page_room, BlockRows, Top, MAX_ROW_PT,
};
use super::measure::{balanced_header, column_pt, height_for_lines, text_height, text_width_pt};
use super::styles::Styles;
use super::template::{LedgerTemplate, SheetKind};
use crate::report::data::LedgerData;
use crate::report::ledger::{Block, CellValue, LedgerColumn, LedgerTable};
use crate::report::public::Edition;
use crate::Result;

/// Counts of what the ledger sheet holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct LedgerCounts {
    pub findings: usize,
    pub tasks: usize,
    pub rows: u32,
}

/// Writes the 整改台账 sheet of `all` (already masked for the 公开版).
pub fn write(
    wb: &mut Workbook,
    st: &Styles,
    tpl: &LedgerTemplate,
    all: &[&LedgerData],
    edition: Edition,
    constant_memory: bool,
) -> Result<LedgerCounts> {
    let table = LedgerTable::build(all, &tpl.model_columns(), &tpl.heading(), edition);
    let widths = column_widths(tpl, st, &table);
    let ws = if constant_memory {
        wb.add_worksheet_with_constant_memory().map_err(xlsx_err)?
    } else {
        wb.add_worksheet()
    };
    ws.set_name(SheetKind::Ledger.name()).map_err(xlsx_err)?;
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w).map_err(xlsx_err)?;
    }
    if all.is_empty() {
        return Ok(LedgerCounts::default());
    }
    let last_col = (tpl.columns.len() - 1) as u16;
    let top = write_top(ws, st, tpl, &table, &widths)?;
    let data_start = top.data_start;
    ws.set_freeze_panes(data_start, 0).map_err(xlsx_err)?;
    print_setup(ws, Some((2, data_start - 1)))?;

    let size = st.fonts.body_size;
    let total_pt = span_pt(&widths, 0, widths.len() - 1);
    let scale = (super::layout::page_width_pt() / total_pt).min(1.0);
    let room = page_room(&top, scale);
    let blocks: Vec<BlockRows> = table
        .blocks
        .iter()
        .map(|b| match b {
            Block::Inspection(text) | Block::Category(text) => BlockRows {
                section: true,
                rows: vec![text_height(text, total_pt, size).min(MAX_ROW_PT)],
                merged: 0.0,
            },
            Block::Finding(f) => {
                let (rows, merged) = block_heights(tpl, st, &widths, &f.head, &f.tasks, room);
                BlockRows {
                    section: false,
                    rows,
                    merged,
                }
            }
        })
        .collect();
    let breaks = page_breaks(&top, &blocks, scale);
    ws.set_page_breaks(&breaks).map_err(xlsx_err)?;

    let body = |column: LedgerColumn| {
        if column.is_centered() {
            &st.body_center
        } else {
            &st.body
        }
    };
    let mut counts = LedgerCounts::default();
    let mut r = data_start;
    for (block, BlockRows { rows: heights, .. }) in table.blocks.iter().zip(&blocks) {
        match block {
            Block::Inspection(text) | Block::Category(text) => {
                let h = heights.first().copied().unwrap_or(MAX_ROW_PT);
                ws.set_row_height(r, h).map_err(xlsx_err)?;
                merge_or_write(ws, r, 0, r, last_col, text, &st.section)?;
                r += 1;
            }
            Block::Finding(f) => {
                counts.findings += 1;
                counts.tasks += f.task_count;
                // The task rows, then any blank rows the merged cells need to show their text.
                let n = heights.len() as u32;
                // The finding's cells are merged down page by page: a merged cell split by
                // a page break prints cut. Later pages show the number and the problem again.
                let mut starts: Vec<u32> = vec![r];
                starts.extend(breaks.iter().copied().filter(|b| *b > r && *b < r + n));
                for (i, h) in heights.iter().enumerate() {
                    let rr = r + i as u32;
                    ws.set_row_height(rr, *h).map_err(xlsx_err)?;
                    // Rows in order: constant-memory sheets are written row by row.
                    let part = starts.iter().position(|s| *s == rr);
                    for (c, column) in table.columns.iter().enumerate() {
                        let (fmt, c16) = (body(*column), c as u16);
                        if !column.is_finding_level() {
                            let value = f.tasks.get(i).map_or(&CellValue::Empty, |row| &row[c]);
                            write_value(ws, rr, c16, value, fmt, st)?;
                            continue;
                        }
                        let Some(k) = part else { continue };
                        let end = starts.get(k + 1).copied().unwrap_or(r + n);
                        if end - rr > 1 {
                            ws.merge_range(rr, c16, end - 1, c16, "", fmt)
                                .map_err(xlsx_err)?;
                        }
                        let repeated = matches!(column, LedgerColumn::Seq | LedgerColumn::Title);
                        if k == 0 || repeated {
                            write_value(ws, rr, c16, &f.head[c], fmt, st)?;
                        }
                    }
                }
                r += n;
            }
        }
    }
    counts.rows = r;
    if r > data_start {
        super::ledger_rules::add(ws, st, tpl, data_start, r - 1)?;
    }
    Ok(counts)
}

/// Title, 填报单位/填报时间 line and the header rows; returns where the data starts.
fn write_top(
    ws: &mut Worksheet,
    st: &Styles,
    tpl: &LedgerTemplate,
    table: &LedgerTable,
    widths: &[f64],
) -> Result<Top> {
    let last = widths.len() - 1;
    let last_col = last as u16;
    let total = span_pt(widths, 0, last);
    let f = &st.fonts;
    let title_h = text_height(&table.title, total, f.title_size).max(f.title_size * 2.2);
    ws.set_row_height(0, title_h.min(MAX_ROW_PT))
        .map_err(xlsx_err)?;
    merge_or_write(ws, 0, 0, 0, last_col, &table.title, &st.title)?;

    // The date line takes as many columns from the right as it needs.
    let need = text_width_pt(&table.date_line, f.body_size) + 12.0;
    let mut split = last;
    while split > 0 && span_pt(widths, split, last) < need {
        split -= 1;
    }
    let line_h = height_for_lines(1, f.body_size) + 4.0;
    ws.set_row_height(1, line_h).map_err(xlsx_err)?;
    let title_h = title_h.min(MAX_ROW_PT);
    if split == 0 {
        merge_or_write(ws, 1, 0, 1, last_col, &table.unit_line, &st.subline_left)?;
    } else {
        let (unit_end, date_start) = (split as u16 - 1, split as u16);
        merge_or_write(ws, 1, 0, 1, unit_end, &table.unit_line, &st.subline_left)?;
        merge_or_write(
            ws,
            1,
            date_start,
            1,
            last_col,
            &table.date_line,
            &st.subline_right,
        )?;
    }

    let headers: Vec<String> = tpl
        .columns
        .iter()
        .zip(widths)
        .map(|(c, w)| balanced_header(c.header(), column_pt(*w), f.header_size))
        .collect();
    let hs = f.header_size;
    let tallest = |floor: f64| {
        headers
            .iter()
            .zip(widths)
            .map(|(t, w)| text_height(t, column_pt(*w), hs))
            .fold(floor, f64::max)
            .min(MAX_ROW_PT)
    };
    let grouped = tpl.group_assignment && table.columns.iter().any(|c| c.is_assignment());
    if !grouped {
        let h = tallest(0.0);
        ws.set_row_height(2, h).map_err(xlsx_err)?;
        for (c, t) in headers.iter().enumerate() {
            ws.write_string_with_format(2, c as u16, t, &st.header)
                .map_err(xlsx_err)?;
        }
        return Ok(Top {
            data_start: 3,
            above_header: title_h + line_h,
            header: h,
        });
    }
    let h = tallest(height_for_lines(1, hs));
    let group_h = height_for_lines(1, hs);
    ws.set_row_height(2, group_h).map_err(xlsx_err)?;
    ws.set_row_height(3, h).map_err(xlsx_err)?;
    let mut c = 0;
    while c < table.columns.len() {
        if table.columns[c].is_assignment() {
            let mut end = c;
            while end + 1 < table.columns.len() && table.columns[end + 1].is_assignment() {
                end += 1;
            }
            merge_or_write(ws, 2, c as u16, 2, end as u16, &tpl.group_label, &st.header)?;
            c = end + 1;
        } else {
            let c16 = c as u16;
            ws.merge_range(2, c16, 3, c16, &headers[c], &st.header)
                .map_err(xlsx_err)?;
            c += 1;
        }
    }
    // Row 3 only after all of row 2: constant-memory sheets are written row by row.
    for (k, t) in headers.iter().enumerate() {
        if table.columns[k].is_assignment() {
            ws.write_string_with_format(3, k as u16, t, &st.header)
                .map_err(xlsx_err)?;
        }
    }
    Ok(Top {
        data_start: 4,
        above_header: title_h + line_h,
        header: group_h + h,
    })
}

/// Merges a range and writes `text` in it, or writes one cell when the range is one cell.
pub fn merge_or_write(
    ws: &mut Worksheet,
    r1: u32,
    c1: u16,
    r2: u32,
    c2: u16,
    text: &str,
    fmt: &rust_xlsxwriter::Format,
) -> Result<()> {
    if r1 == r2 && c1 == c2 {
        ws.write_string_with_format(r1, c1, text, fmt)
            .map_err(xlsx_err)?;
    } else {
        ws.merge_range(r1, c1, r2, c2, text, fmt)
            .map_err(xlsx_err)?;
    }
    Ok(())
}
