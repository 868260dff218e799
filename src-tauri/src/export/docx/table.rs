//! Tables in Word documents (the ledger inside a document, the plan's task list): columns of
//! given relative widths, header rows repeated on every page, cells spanning columns and
//! rows, and rows that never split across pages.
//!
//! A table is described like an HTML table: each row lists its cells left to right, a cell
//! may span several columns (`gridSpan`) and several rows (`vMerge`), and a row leaves out
//! the columns that a cell above still covers. [`build`] turns that into Word's grid: the
//! widths are written both as `w:gridCol` (WPS sizes a table from these) and as each cell's
//! `w:tcW`, and the layout is fixed so neither Word nor WPS re-flows the columns. Header rows
//! get `w:tblHeader` through the patch (docx-rs has no API for it).

use docx_rs::{
    AlignmentType, LineSpacing, LineSpacingType, Paragraph, Run, TableBorder, TableBorders,
    TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};

use super::fonts::run_fonts;
use super::page::{half_points, pt_twips};
use crate::export::fonts::FontRole;
use crate::export::ledger_page::LEDGER_PAGE;
use crate::{Error, Result};

/// How a cell's text sits between its borders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Flush left (long text: justifying a narrow column spreads its characters apart).
    #[default]
    Left,
    /// Centred (序号, names, dates, status, header cells).
    Center,
}

/// One cell: its text (a line feed starts a new paragraph), how many columns and rows it
/// covers, its alignment, and whether it is a heading inside the body (a ledger's section
/// row), set in 黑体 like the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub cols: usize,
    pub rows: usize,
    pub align: Align,
    pub heading: bool,
}

impl Cell {
    /// A one-column, one-row cell, flush left.
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            cols: 1,
            rows: 1,
            align: Align::Left,
            heading: false,
        }
    }

    /// The same cell set as a heading.
    pub fn heading(mut self) -> Cell {
        self.heading = true;
        self
    }

    /// The same cell spanning `cols` columns and `rows` rows.
    pub fn span(mut self, cols: usize, rows: usize) -> Cell {
        self.cols = cols;
        self.rows = rows;
        self
    }

    /// The same cell, centred.
    pub fn centered(mut self) -> Cell {
        self.align = Align::Center;
        self
    }
}

/// A table: relative column widths (scaled to the type area), header rows (repeated at the
/// top of every page, set in 黑体) and body rows (in 仿宋), at one type size and spacing.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub widths: Vec<f32>,
    pub header: Vec<Vec<Cell>>,
    pub body: Vec<Vec<Cell>>,
    pub size_pt: f32,
    pub spacing: CellSpacing,
}

/// The space between a cell's rules and its text, the pitch of its lines (points), and where
/// text stands in a taller row. The PDF lays a table out with these and Word gets them as
/// cell margins, exact line heights and vertical alignment, so both look alike and break
/// rows onto the same pages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellSpacing {
    pub pad_x_pt: f32,
    pub pad_y_pt: f32,
    pub line_pt: f32,
    /// Flush-left text starts at the top of a taller row (a form's long answers); else
    /// every cell's text stands in the middle (the ledger).
    pub left_from_top: bool,
}

impl CellSpacing {
    /// Forms and lists (the 销号审批表, the 佐证材料目录): 4 pt inside the rules, lines
    /// one and a half times the type.
    pub fn form(size_pt: f32) -> CellSpacing {
        CellSpacing {
            pad_x_pt: 4.0,
            pad_y_pt: 4.0,
            line_pt: size_pt * 1.5,
            left_from_top: true,
        }
    }

    /// A ledger table, as printed ([`LEDGER_PAGE`]).
    pub const LEDGER: CellSpacing = CellSpacing {
        pad_x_pt: LEDGER_PAGE.pad_x_pt,
        pad_y_pt: LEDGER_PAGE.pad_y_pt,
        line_pt: LEDGER_PAGE.line_pt,
        left_from_top: false,
    };
}

/// The width of a table's rules, as the PDF draws them: half a point (docx-rs's default
/// quarter point prints faint).
pub const RULE_PT: f32 = 0.5;

/// A built table and how many of its first rows are header rows.
pub(super) struct Built {
    pub table: docx_rs::Table,
    pub header_rows: usize,
}

/// Column widths in twips: `widths` scaled to `total`, the rounding remainder in the last
/// column so they add up exactly.
fn grid(widths: &[f32], total: i32) -> Result<Vec<usize>> {
    let sum: f32 = widths.iter().sum();
    if widths.is_empty() || widths.iter().any(|w| !w.is_finite() || *w <= 0.0) {
        return Err(Error::invalid("table", "表格的列宽必须都是正数"));
    }
    let mut cols: Vec<usize> = widths
        .iter()
        .map(|w| (w / sum * total as f32).floor() as usize)
        .collect();
    let used: usize = cols.iter().sum();
    if let Some(last) = cols.last_mut() {
        *last += (total.max(0) as usize).saturating_sub(used);
    }
    Ok(cols)
}

/// Builds `t` to fill a type area `width` twips wide.
pub(super) fn build(t: &Table, width: i32) -> Result<Built> {
    if !(t.size_pt.is_finite() && t.size_pt > 0.0) {
        return Err(Error::invalid("table", "表格的字号必须是正数"));
    }
    let cols = grid(&t.widths, width)?;
    let mut rows = rows_of(&t.header, &cols, t, FontRole::Hei, "表头")?;
    let header_rows = rows.len();
    rows.extend(rows_of(&t.body, &cols, t, FontRole::Fang, "表格")?);
    let pad_x = pt_twips(t.spacing.pad_x_pt).max(0) as usize;
    // LibreOffice adds a row's rule to its height (the PDF draws rules on the cells'
    // edges): half of it comes off each vertical margin, so rows are as tall as the PDF's.
    let pad_y = pt_twips(t.spacing.pad_y_pt - RULE_PT / 2.0).max(0) as usize;
    use docx_rs::TableBorderPosition::*;
    let eighths = (RULE_PT * 8.0).round() as usize;
    let borders = [Top, Left, Bottom, Right, InsideH, InsideV]
        .into_iter()
        .fold(TableBorders::new(), |b, p| {
            b.set(TableBorder::new(p).size(eighths))
        });
    let table = docx_rs::Table::new(rows)
        .set_borders(borders)
        .set_grid(cols)
        .width(width.max(0) as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(pad_y, pad_x, pad_y, pad_x));
    Ok(Built { table, header_rows })
}

/// A vertical merge still running down a column: rows left, columns covered.
#[derive(Clone, Copy, Default)]
struct Running {
    rows_left: usize,
    cols: usize,
}

/// The Word rows of one group (header or body). Merges stay within their group.
fn rows_of(
    rows: &[Vec<Cell>],
    cols: &[usize],
    t: &Table,
    role: FontRole,
    what: &str,
) -> Result<Vec<TableRow>> {
    let n = cols.len();
    let mut running = vec![Running::default(); n];
    let mut out = Vec::with_capacity(rows.len());
    for (r, cells) in rows.iter().enumerate() {
        let at = |msg: &str| Error::invalid("table", format!("{what}第{}行{msg}", r + 1));
        let mut word_cells = Vec::new();
        let mut given = cells.iter();
        let mut c = 0;
        while c < n {
            let run = running[c];
            if run.rows_left > 0 {
                let w = cols[c..c + run.cols].iter().sum();
                word_cells.push(
                    TableCell::new()
                        .width(w, WidthType::Dxa)
                        .grid_span(run.cols)
                        .vertical_merge(VMergeType::Continue)
                        .add_paragraph(cell_paragraph("", Align::Left, role, t)),
                );
                running[c].rows_left -= 1;
                c += run.cols;
                continue;
            }
            let cell = given.next().ok_or_else(|| at("的单元格少于列数"))?;
            if cell.cols == 0 || cell.rows == 0 || c + cell.cols > n {
                return Err(at("有单元格超出表格的列"));
            }
            if r + cell.rows > rows.len() {
                return Err(at("有单元格向下合并超出了表格"));
            }
            let w = cols[c..c + cell.cols].iter().sum();
            let top = t.spacing.left_from_top && cell.align == Align::Left;
            let mut wc = TableCell::new()
                .width(w, WidthType::Dxa)
                .vertical_align(if top {
                    VAlignType::Top
                } else {
                    VAlignType::Center
                });
            if cell.cols > 1 {
                wc = wc.grid_span(cell.cols);
            }
            if cell.rows > 1 {
                wc = wc.vertical_merge(VMergeType::Restart);
                running[c] = Running {
                    rows_left: cell.rows - 1,
                    cols: cell.cols,
                };
            }
            let role = if cell.heading { FontRole::Hei } else { role };
            for line in cell.text.split('\n') {
                // A heading row stays on the page of the row after it.
                let p = cell_paragraph(line, cell.align, role, t).keep_next(cell.heading);
                wc = wc.add_paragraph(p);
            }
            word_cells.push(wc);
            c += cell.cols;
        }
        if given.next().is_some() {
            return Err(at("的单元格多于列数"));
        }
        out.push(TableRow::new(word_cells).cant_split());
    }
    Ok(out)
}

/// A paragraph of cell text: lines of the table's pitch, off the page's line grid (a grid
/// line is 28.95 pt), no indent.
fn cell_paragraph(text: &str, align: Align, role: FontRole, t: &Table) -> Paragraph {
    let size = half_points(t.size_pt);
    let p = Paragraph::new()
        .size(size)
        .fonts(run_fonts(role))
        .snap_to_grid(false)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(pt_twips(t.spacing.line_pt)),
        )
        .align(match align {
            Align::Left => AlignmentType::Left,
            Align::Center => AlignmentType::Center,
        });
    if text.is_empty() {
        return p;
    }
    p.add_run(Run::new().add_text(text).size(size).fonts(run_fonts(role)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_row_header() -> Vec<Vec<Cell>> {
        vec![
            vec![
                Cell::new("序号").span(1, 2),
                Cell::new("责任分工").span(2, 1),
                Cell::new("备注").span(1, 2),
            ],
            vec![Cell::new("牵头单位"), Cell::new("责任人")],
        ]
    }

    #[test]
    fn widths_add_up_to_the_type_area() {
        let g = grid(&[8.0, 20.0, 34.0, 13.0], 12756).unwrap();
        assert_eq!(g.iter().sum::<usize>(), 12756);
        assert!(grid(&[1.0, 0.0], 100).is_err());
        assert!(grid(&[], 100).is_err());
    }

    #[test]
    fn spans_fill_the_grid_and_bad_spans_are_refused() {
        let t = Table {
            widths: vec![1.0; 4],
            header: two_row_header(),
            body: vec![vec![
                Cell::new("1"),
                Cell::new("a"),
                Cell::new("b"),
                Cell::new("c"),
            ]],
            size_pt: 10.5,
            spacing: CellSpacing::form(10.5),
        };
        let built = build(&t, 8000).unwrap();
        assert_eq!(built.header_rows, 2);

        let mut over = t.clone();
        over.body[0].push(Cell::new("多余"));
        let e = build(&over, 8000).err().unwrap().to_string();
        assert!(e.contains("表格第1行的单元格多于列数"), "{e}");

        let mut down = t.clone();
        down.body[0][0] = Cell::new("1").span(1, 2);
        let e = build(&down, 8000).err().unwrap().to_string();
        assert!(e.contains("向下合并超出了表格"), "{e}");

        let mut short = t;
        short.header[1].pop();
        let e = build(&short, 8000).err().unwrap().to_string();
        assert!(e.contains("表头第2行的单元格少于列数"), "{e}");
    }
}
