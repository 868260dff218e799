//! Page layout shared by every sheet: column widths that fit both the content and an A4
//! landscape page, print settings, and writing one value with its format.

use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet};

use super::measure::{column_pt, width_for_text, width_for_text_upto};
use super::styles::Styles;
use crate::domain::dates::format_cn;
use crate::report::ledger::CellValue;
use crate::{Error, Result};

/// Paper size code of A4 in the xlsx page setup.
pub const PAPER_A4: u8 = 9;
/// Left and right page margins, in inches.
const SIDE_MARGIN_IN: f64 = 0.5;
/// Page footer: 第 1 页 共 3 页, centred.
pub const FOOTER: &str = "&C第 &P 页 共 &N 页";

/// Printable width of an A4 landscape page inside the margins, in points.
pub fn page_width_pt() -> f64 {
    842.0 - 2.0 * SIDE_MARGIN_IN * 72.0
}

/// What the width fitting knows about one column.
#[derive(Debug, Clone)]
pub struct WidthWant {
    /// Width the template fixes, if any.
    pub fixed: Option<f64>,
    /// Narrowest acceptable width (header in two lines, a whole date…).
    pub min: f64,
    /// Widest useful width (beyond it the column only wastes page).
    pub cap: f64,
    /// Width that shows the longest content on one line.
    pub natural: f64,
}

impl WidthWant {
    /// A column whose header and cells are `texts`, with `preferred` as the widest
    /// useful width at 12 pt (scaled to `size`); dates never wrap, so `unbreakable`
    /// texts set the minimum.
    pub fn measure<'a>(
        header: &str,
        texts: impl Iterator<Item = &'a str>,
        unbreakable: &[String],
        preferred: f64,
        size: f64,
    ) -> Self {
        // Headers of three characters or more may break over two lines.
        let n = header.chars().count();
        let half: String = if n <= 2 {
            header.to_owned()
        } else {
            header.chars().take(n.div_ceil(2)).collect()
        };
        let mut min = width_for_text(&half, size).max(3.0);
        for u in unbreakable {
            min = min.max(width_for_text(u, size));
        }
        // Wider than a page is as good as any wider.
        let page = page_width_pt() / 0.75 / 7.0;
        let natural = texts
            .map(|t| width_for_text_upto(t, size, page))
            .fold(min, f64::max);
        let cap = (preferred * size / 12.0).max(min);
        WidthWant {
            fixed: None,
            min,
            cap,
            natural,
        }
    }
}

/// Column widths (Excel character units) that fit the content and, where possible, the
/// printable width `page_pt`: wide columns give way first, and when there is room the
/// columns whose text wraps get it.
pub fn fit_widths(wants: &[WidthWant], page_pt: f64) -> Vec<f64> {
    let units_for = |n: usize| (page_pt / 0.75 - 5.0 * n as f64) / 7.0;
    let budget = units_for(wants.len());
    let mut w: Vec<f64> = wants
        .iter()
        .map(|x| x.fixed.unwrap_or_else(|| x.natural.min(x.cap).max(x.min)))
        .collect();
    let total: f64 = w.iter().sum();
    if total > budget {
        let give: f64 = wants
            .iter()
            .zip(&w)
            .filter(|(x, _)| x.fixed.is_none())
            .map(|(x, w)| w - x.min)
            .sum();
        if give > 0.0 {
            let share = ((total - budget) / give).min(1.0);
            for (x, w) in wants.iter().zip(w.iter_mut()) {
                if x.fixed.is_none() {
                    *w -= (*w - x.min) * share;
                }
            }
        }
    } else {
        let room = budget - total;
        let wrapping: f64 = wants
            .iter()
            .zip(&w)
            .filter(|(x, w)| x.fixed.is_none() && x.natural > **w)
            .map(|(x, _)| x.cap)
            .sum();
        if wrapping > 0.0 {
            for (x, w) in wants.iter().zip(w.iter_mut()) {
                if x.fixed.is_none() && x.natural > *w {
                    *w = (*w + room * x.cap / wrapping).min(x.natural);
                }
            }
        }
    }
    w.iter().map(|v| (v * 4.0).round() / 4.0).collect()
}

/// Points of the columns `from..=to`.
pub fn span_pt(widths: &[f64], from: usize, to: usize) -> f64 {
    widths[from..=to].iter().map(|w| column_pt(*w)).sum()
}

/// A4 landscape, one page wide, header rows repeated, page numbers in the footer.
pub fn print_setup(ws: &mut Worksheet, repeat: Option<(u32, u32)>) -> Result<()> {
    ws.set_paper_size(PAPER_A4)
        .set_landscape()
        .set_margins(SIDE_MARGIN_IN, SIDE_MARGIN_IN, 0.6, 0.6, 0.3, 0.3)
        .set_print_center_horizontally(true)
        .set_print_fit_to_pages(1, 0)
        .set_footer(FOOTER);
    if let Some((first, last)) = repeat {
        ws.set_repeat_rows(first, last).map_err(xlsx_err)?;
    }
    Ok(())
}

/// Excel's limit of characters in one cell.
const MAX_CELL_CHARS: usize = 32_767;

/// Writes one value: text in `text`, dates in the date format, numbers in `st.number`.
pub fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: &CellValue,
    text: &Format,
    st: &Styles,
) -> Result<()> {
    match v {
        CellValue::Empty => ws.write_blank(row, col, text),
        CellValue::Text(s) if s.chars().count() > MAX_CELL_CHARS => {
            let mut cut: String = s.chars().take(MAX_CELL_CHARS - 20).collect();
            cut.push_str("……（超出单元格容量，已截断）");
            ws.write_string_with_format(row, col, cut, text)
        }
        CellValue::Text(s) => ws.write_string_with_format(row, col, s, text),
        CellValue::Date(d) => match excel_date(*d) {
            Some(x) => ws.write_datetime_with_format(row, col, x, &st.date),
            None => ws.write_string_with_format(row, col, format_cn(*d), text),
        },
        CellValue::Number(n) => ws.write_number_with_format(row, col, *n, &st.number),
        CellValue::Percent(p) => ws.write_number_with_format(row, col, *p, &st.percent),
    }
    .map_err(xlsx_err)?;
    Ok(())
}

/// The xlsx date of `d`, if Excel can hold it (years 1900–9999).
fn excel_date(d: chrono::NaiveDate) -> Option<ExcelDateTime> {
    use chrono::Datelike;
    let y = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok()
}

/// Maps a writer error to the core error, naming what failed.
pub fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::invalid("xlsx", format!("生成 Excel 文件失败：{e}"))
}

/// Column letter(s) of a zero-based column index: 0 → A, 27 → AB.
pub fn col_letter(mut col: u16) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(col_letter(0), "A");
        assert_eq!(col_letter(25), "Z");
        assert_eq!(col_letter(26), "AA");
        assert_eq!(col_letter(27), "AB");
        assert_eq!(col_letter(701), "ZZ");
        assert_eq!(col_letter(702), "AAA");
    }

    fn want(min: f64, cap: f64, natural: f64) -> WidthWant {
        WidthWant {
            fixed: None,
            min,
            cap,
            natural,
        }
    }

    #[test]
    fn widths_shrink_to_the_page_but_not_below_min() {
        let wants = [
            want(5.0, 5.0, 5.0),
            want(10.0, 60.0, 200.0),
            want(10.0, 60.0, 200.0),
        ];
        let w = fit_widths(&wants, 300.0);
        assert_eq!(w[0], 5.0);
        assert!(w[1] >= 10.0 && w[1] < 60.0);
        let total_pt: f64 = w.iter().map(|x| column_pt(*x)).sum();
        assert!(total_pt <= 302.0, "{total_pt}");
    }

    #[test]
    fn widths_grow_wrapping_columns_when_there_is_room() {
        let wants = [
            want(5.0, 5.0, 5.0),
            want(10.0, 20.0, 50.0),
            want(8.0, 8.0, 8.0),
        ];
        let w = fit_widths(&wants, page_width_pt());
        assert_eq!(w[0], 5.0);
        assert_eq!(w[2], 8.0);
        assert_eq!(w[1], 50.0);
    }
}
