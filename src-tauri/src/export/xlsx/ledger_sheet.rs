//! The combined ledger (整改台账) as units hand it in: title, 填报单位/填报时间 line, a
//! two-row header grouping the responsibility columns, a section row per category, each
//! finding's cells merged down across its tasks, rows tall enough for their text, overdue
//! and warning colours, and a status list to pick from.

use rust_xlsxwriter::{ConditionalFormatFormula, DataValidation, Workbook, Worksheet};

use super::cells::{chinese_ordinal, fill, finding_cell, task_cell, CellValue};
use super::columns::LedgerColumn;
use super::layout::{
    col_letter, fit_widths, page_width_pt, print_setup, span_pt, write_value, xlsx_err, WidthWant,
};
use super::measure::{height_for_lines, text_height};
use super::styles::Styles;
use super::template::{LedgerTemplate, SheetKind};
use crate::domain::{Finding, Status};
use crate::report::data::LedgerData;
use crate::Result;

/// Excel's tallest row, in points.
const MAX_ROW_PT: f64 = 409.0;

/// A block of the ledger: a section row, or a finding with its task rows.
enum Block<'a> {
    Section(String),
    Finding {
        finding: &'a Finding,
        /// Finding-level values, by template column (Empty for task columns).
        head: Vec<CellValue>,
        /// One row of task-level values per task (at least one row).
        rows: Vec<Vec<CellValue>>,
    },
}

/// Orders one inspection's findings under its categories (一、…方面).
fn blocks<'a>(tpl: &LedgerTemplate, all: &[&'a LedgerData], out: &mut Vec<Block<'a>>) {
    for data in all {
        if all.len() > 1 {
            out.push(Block::Section(data.inspection.name.clone()));
        }
        let mut groups: Vec<(String, Vec<&Finding>)> = data
            .categories
            .iter()
            .map(|c| {
                let fs = data
                    .findings
                    .iter()
                    .filter(|f| f.category_id == c.id)
                    .collect();
                (c.name.clone(), fs)
            })
            .collect();
        for f in &data.findings {
            if data.categories.iter().all(|c| c.id != f.category_id) {
                match groups.iter_mut().find(|(n, _)| *n == f.category) {
                    Some((_, fs)) => fs.push(f),
                    None => groups.push((f.category.clone(), vec![f])),
                }
            }
        }
        let mut n = 0;
        for (name, findings) in groups {
            if findings.is_empty() {
                continue;
            }
            if !name.trim().is_empty() {
                n += 1;
                out.push(Block::Section(format!("{}、{}", chinese_ordinal(n), name)));
            }
            for f in findings {
                out.push(finding_block(tpl, data, f));
            }
        }
    }
}

fn finding_block<'a>(tpl: &LedgerTemplate, data: &LedgerData, f: &'a Finding) -> Block<'a> {
    let head = tpl
        .columns
        .iter()
        .map(|c| {
            if c.column.is_finding_level() {
                finding_cell(c.column, f)
            } else {
                CellValue::Empty
            }
        })
        .collect();
    let mut rows: Vec<Vec<CellValue>> = f
        .tasks
        .iter()
        .map(|t| {
            tpl.columns
                .iter()
                .map(|c| {
                    if c.column.is_finding_level() {
                        CellValue::Empty
                    } else {
                        task_cell(c.column, t, data)
                    }
                })
                .collect()
        })
        .collect();
    if rows.is_empty() {
        rows.push(vec![CellValue::Empty; tpl.columns.len()]);
    }
    Block::Finding {
        finding: f,
        head,
        rows,
    }
}

/// Counts of what the ledger sheet holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct LedgerCounts {
    pub findings: usize,
    pub tasks: usize,
    pub rows: u32,
}

/// Writes the 整改台账 sheet.
pub fn write(
    wb: &mut Workbook,
    st: &Styles,
    tpl: &LedgerTemplate,
    all: &[&LedgerData],
    constant_memory: bool,
) -> Result<LedgerCounts> {
    let mut list = Vec::new();
    blocks(tpl, all, &mut list);
    let widths = column_widths(tpl, st, &list);
    let ws = if constant_memory {
        wb.add_worksheet_with_constant_memory().map_err(xlsx_err)?
    } else {
        wb.add_worksheet()
    };
    ws.set_name(SheetKind::Ledger.name()).map_err(xlsx_err)?;
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w).map_err(xlsx_err)?;
    }
    let Some(first) = all.first() else {
        return Ok(LedgerCounts::default());
    };
    let last_col = (tpl.columns.len() - 1) as u16;
    let top = write_top(ws, st, tpl, first, &widths)?;
    let data_start = top.data_start;
    ws.set_freeze_panes(data_start, 0).map_err(xlsx_err)?;
    print_setup(ws, Some((2, data_start - 1)))?;

    let size = st.fonts.body_size;
    let total_pt = span_pt(&widths, 0, widths.len() - 1);
    let heights: Vec<(bool, Vec<f64>)> = list
        .iter()
        .map(|b| match b {
            Block::Section(text) => (
                true,
                vec![text_height(text, total_pt, size).min(MAX_ROW_PT)],
            ),
            Block::Finding { head, rows, .. } => {
                (false, block_heights(tpl, st, &widths, head, rows))
            }
        })
        .collect();
    let scale = (super::layout::page_width_pt() / total_pt).min(1.0);
    let breaks = page_breaks(&top, &heights, scale);
    ws.set_page_breaks(&breaks).map_err(xlsx_err)?;

    let mut counts = LedgerCounts::default();
    let mut r = data_start;
    for (block, (_, heights)) in list.iter().zip(&heights) {
        match block {
            Block::Section(text) => {
                let h = heights.first().copied().unwrap_or(MAX_ROW_PT);
                ws.set_row_height(r, h).map_err(xlsx_err)?;
                merge_or_write(ws, r, 0, r, last_col, text, &st.section)?;
                r += 1;
            }
            Block::Finding {
                finding,
                head,
                rows,
            } => {
                counts.findings += 1;
                counts.tasks += finding.tasks.len();
                let n = rows.len() as u32;
                for (i, (row, h)) in rows.iter().zip(heights).enumerate() {
                    let rr = r + i as u32;
                    ws.set_row_height(rr, *h).map_err(xlsx_err)?;
                    for (c, spec) in tpl.columns.iter().enumerate() {
                        let fmt = if spec.column.is_centered() {
                            &st.body_center
                        } else {
                            &st.body
                        };
                        let c16 = c as u16;
                        if spec.column.is_finding_level() {
                            if i == 0 {
                                if n > 1 {
                                    ws.merge_range(rr, c16, rr + n - 1, c16, "", fmt)
                                        .map_err(xlsx_err)?;
                                }
                                write_value(ws, rr, c16, &head[c], fmt, st)?;
                            }
                        } else {
                            write_value(ws, rr, c16, &row[c], fmt, st)?;
                        }
                    }
                }
                r += n;
            }
        }
    }
    counts.rows = r;
    if r > data_start {
        add_rules(ws, st, tpl, data_start, r - 1)?;
    }
    Ok(counts)
}

/// Title, 填报单位/填报时间 line and the header rows; returns the first data row.
fn write_top(
    ws: &mut Worksheet,
    st: &Styles,
    tpl: &LedgerTemplate,
    data: &LedgerData,
    widths: &[f64],
) -> Result<Top> {
    let last = widths.len() - 1;
    let last_col = last as u16;
    let title = fill(&tpl.title, data);
    let total = span_pt(widths, 0, last);
    let f = &st.fonts;
    let title_h = text_height(&title, total, f.title_size).max(f.title_size * 2.2);
    ws.set_row_height(0, title_h.min(MAX_ROW_PT))
        .map_err(xlsx_err)?;
    merge_or_write(ws, 0, 0, 0, last_col, &title, &st.title)?;

    // The date line takes as many columns from the right as it needs.
    let date_line = fill(&tpl.date_line, data);
    let need = super::measure::text_width_pt(&date_line, f.body_size) + 12.0;
    let mut split = last;
    while split > 0 && span_pt(widths, split, last) < need {
        split -= 1;
    }
    let line_h = height_for_lines(1, f.body_size) + 4.0;
    ws.set_row_height(1, line_h).map_err(xlsx_err)?;
    let title_h = title_h.min(MAX_ROW_PT);
    let unit_line = fill(&tpl.unit_line, data);
    if split == 0 {
        merge_or_write(ws, 1, 0, 1, last_col, &unit_line, &st.subline_left)?;
    } else {
        merge_or_write(ws, 1, 0, 1, split as u16 - 1, &unit_line, &st.subline_left)?;
        merge_or_write(
            ws,
            1,
            split as u16,
            1,
            last_col,
            &date_line,
            &st.subline_right,
        )?;
    }

    let headers: Vec<String> = tpl
        .columns
        .iter()
        .zip(widths)
        .map(|(c, w)| {
            super::measure::balanced_header(
                c.header(),
                super::measure::column_pt(*w),
                f.header_size,
            )
        })
        .collect();
    let grouped = tpl.group_assignment && tpl.columns.iter().any(|c| c.column.is_assignment());
    let hs = f.header_size;
    if !grouped {
        let h = headers
            .iter()
            .zip(widths)
            .map(|(t, w)| text_height(t, super::measure::column_pt(*w), hs))
            .fold(0.0, f64::max);
        ws.set_row_height(2, h.min(MAX_ROW_PT)).map_err(xlsx_err)?;
        for (c, t) in headers.iter().enumerate() {
            ws.write_string_with_format(2, c as u16, t, &st.header)
                .map_err(xlsx_err)?;
        }
        return Ok(Top {
            data_start: 3,
            above_header: title_h + line_h,
            header: h.min(MAX_ROW_PT),
        });
    }
    let h = headers
        .iter()
        .zip(widths)
        .map(|(t, w)| text_height(t, super::measure::column_pt(*w), hs))
        .fold(height_for_lines(1, hs), f64::max);
    let group_h = height_for_lines(1, hs);
    ws.set_row_height(2, group_h).map_err(xlsx_err)?;
    ws.set_row_height(3, h.min(MAX_ROW_PT)).map_err(xlsx_err)?;
    let mut c = 0;
    while c < tpl.columns.len() {
        if tpl.columns[c].column.is_assignment() {
            let mut end = c;
            while end + 1 < tpl.columns.len() && tpl.columns[end + 1].column.is_assignment() {
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
        if tpl.columns[k].column.is_assignment() {
            ws.write_string_with_format(3, k as u16, t, &st.header)
                .map_err(xlsx_err)?;
        }
    }
    Ok(Top {
        data_start: 4,
        above_header: title_h + line_h,
        header: group_h + h.min(MAX_ROW_PT),
    })
}

/// Where the data starts and how tall the rows above it are (pt).
struct Top {
    data_start: u32,
    /// Title and 填报单位 line: on the first page only.
    above_header: f64,
    /// Header rows: repeated on every page.
    header: f64,
}

/// Printable height of an A4 landscape page inside the margins, less room for the
/// footer, in points.
const PAGE_BODY_PT: f64 = 595.0 - 2.0 * 0.6 * 72.0 - 24.0;

/// Rows before which a page should break so that no finding (with its merged cells) is
/// split over two pages, and a section row stays with its first finding. `blocks` are
/// the heights of each block's rows; `scale` is the print scale fitting the width.
fn page_breaks(top: &Top, blocks: &[(bool, Vec<f64>)], scale: f64) -> Vec<u32> {
    let avail = PAGE_BODY_PT / scale;
    let mut used = top.above_header + top.header;
    let mut breaks = Vec::new();
    let mut r = top.data_start;
    for (i, (section, rows)) in blocks.iter().enumerate() {
        let mut need: f64 = rows.iter().sum();
        if *section {
            need += blocks.get(i + 1).map_or(0.0, |(_, n)| n.iter().sum());
        }
        let fits_a_page = need <= avail - top.header;
        if used + need > avail && used > top.header + 1.0 && fits_a_page && breaks.len() < 1000 {
            breaks.push(r);
            used = top.header;
        }
        used += rows.iter().sum::<f64>();
        // A block taller than a page leaves the next page partly used.
        while used > avail {
            used -= avail - top.header;
        }
        r += rows.len() as u32;
    }
    breaks
}

/// Heights of a finding's rows: each row fits its task cells, and together they fit the
/// finding's merged cells (any shortfall is shared out evenly).
fn block_heights(
    tpl: &LedgerTemplate,
    st: &Styles,
    widths: &[f64],
    head: &[CellValue],
    rows: &[Vec<CellValue>],
) -> Vec<f64> {
    let size = st.fonts.body_size;
    let col_pt: Vec<f64> = widths
        .iter()
        .map(|w| super::measure::column_pt(*w))
        .collect();
    let one = height_for_lines(1, size);
    let mut heights: Vec<f64> = rows
        .iter()
        .map(|row| {
            row.iter()
                .zip(&col_pt)
                .filter(|(v, _)| !matches!(v, CellValue::Empty))
                .map(|(v, w)| text_height(&v.shown(), *w, size))
                .fold(one, f64::max)
        })
        .collect();
    let need = tpl
        .columns
        .iter()
        .zip(head)
        .zip(&col_pt)
        .filter(|((c, v), _)| c.column.is_finding_level() && !matches!(v, CellValue::Empty))
        .map(|((_, v), w)| text_height(&v.shown(), *w, size))
        .fold(0.0, f64::max);
    let have: f64 = heights.iter().sum();
    if need > have {
        let extra = (need - have) / heights.len() as f64;
        for h in &mut heights {
            *h += extra;
        }
    }
    heights.iter().map(|h| h.ceil().min(MAX_ROW_PT)).collect()
}

/// Widths that fit each column's header and cells on an A4 landscape page.
fn column_widths(tpl: &LedgerTemplate, st: &Styles, list: &[Block]) -> Vec<f64> {
    let size = st.fonts.body_size;
    let mut texts: Vec<Vec<String>> = vec![Vec::new(); tpl.columns.len()];
    for b in list {
        if let Block::Finding { head, rows, .. } = b {
            for (c, v) in head.iter().enumerate() {
                if !matches!(v, CellValue::Empty) {
                    texts[c].push(v.shown());
                }
            }
            for row in rows {
                for (c, v) in row.iter().enumerate() {
                    if !matches!(v, CellValue::Empty) {
                        texts[c].push(v.shown());
                    }
                }
            }
        }
    }
    let wants: Vec<WidthWant> = tpl
        .columns
        .iter()
        .zip(&texts)
        .map(|(spec, t)| {
            // Dates and numbers cannot wrap: the column must hold the longest one.
            let unbreakable: Vec<String> = match spec.column {
                LedgerColumn::Deadline | LedgerColumn::Seq | LedgerColumn::Status => t
                    .iter()
                    .filter(|s| !s.contains('\n'))
                    .max_by_key(|s| s.chars().count())
                    .cloned()
                    .into_iter()
                    .collect(),
                _ => Vec::new(),
            };
            let mut w = WidthWant::measure(
                spec.header(),
                t.iter().map(String::as_str),
                &unbreakable,
                spec.column.preferred_width(),
                size,
            );
            w.fixed = spec.width;
            w
        })
        .collect();
    fit_widths(&wants, page_width_pt())
}

/// Overdue and warning colours (recomputed by the spreadsheet each day from the
/// deadline and status cells), and a list of statuses on the status column.
fn add_rules(
    ws: &mut Worksheet,
    st: &Styles,
    tpl: &LedgerTemplate,
    first: u32,
    last: u32,
) -> Result<()> {
    let pos = |col: LedgerColumn| tpl.columns.iter().position(|c| c.column == col);
    if let Some(s) = pos(LedgerColumn::Status) {
        let labels: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
        let dv = DataValidation::new()
            .allow_list_strings(&labels)
            .map_err(xlsx_err)?
            .set_error_title("整改状态")
            .map_err(xlsx_err)?
            .set_error_message("请从列表中选择整改状态：未启动、正在推进、已完成、已销号、长期坚持")
            .map_err(xlsx_err)?;
        ws.add_data_validation(first, s as u16, last, s as u16, &dv)
            .map_err(xlsx_err)?;
    }
    let (Some(d), Some(s)) = (pos(LedgerColumn::Deadline), pos(LedgerColumn::Status)) else {
        return Ok(());
    };
    let dref = format!("${}{}", col_letter(d as u16), first + 1);
    let sref = format!("${}{}", col_letter(s as u16), first + 1);
    let open = format!(
        "ISNUMBER({dref}),{sref}<>\"{}\",{sref}<>\"{}\"",
        Status::Completed.label(),
        Status::Closed.label()
    );
    let rules = [
        (format!("=AND({open},{dref}<TODAY())"), &st.red),
        (format!("=AND({open},{dref}-TODAY()<=10)"), &st.yellow),
        (format!("=AND({open},{dref}-TODAY()<=20)"), &st.green),
    ];
    // Task cells only: a merged finding cell would take its first task's colour.
    let mut c = 0;
    while c < tpl.columns.len() {
        if tpl.columns[c].column.is_finding_level() {
            c += 1;
            continue;
        }
        let mut end = c;
        while end + 1 < tpl.columns.len() && !tpl.columns[end + 1].column.is_finding_level() {
            end += 1;
        }
        for (rule, fmt) in &rules {
            let cf = ConditionalFormatFormula::new()
                .set_rule(rule.as_str())
                .set_format(*fmt)
                .set_stop_if_true(true);
            ws.add_conditional_format(first, c as u16, last, end as u16, &cf)
                .map_err(xlsx_err)?;
        }
        c = end + 1;
    }
    Ok(())
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
