//! Reading one worksheet's cells within limits. An xlsx sheet is streamed cell by cell, so
//! a stray cell at XFD1048576 or a sheet of a million rows costs what it holds, not the
//! area it spans, and reading stops at the row limit instead of hanging. Formula cells give
//! their saved result; a formula saved without one is remembered so it can be reported.

use std::io::{Read, Seek};

use calamine::{Data, Dimensions, Range, Reader, Xls, Xlsx};

/// Rows read from a sheet, counted from its first row with data. The store is measured at
/// 10,000 findings with 30,000 tasks; a ledger is one row per task plus section rows, so
/// 50,000 rows hold the largest ledger the app is built for, and a sheet longer than that
/// is not one (or must be split).
pub const MAX_ROWS: u32 = 50_000;

/// Columns read: ledgers have 10–30. Cells further right are left out (and said so).
pub const MAX_COLS: u32 = 200;

/// The cells of a sheet that hold something.
#[derive(Default)]
pub struct SheetCells {
    /// (row, column, value), 0-based, values only (blank cells left out).
    pub cells: Vec<(u32, u32, Data)>,
    /// Formula cells saved without a result: (row, column, formula).
    pub formulas_without_value: Vec<(u32, u32, String)>,
    /// The first row (0-based) not read because of [`MAX_ROWS`].
    pub rows_cut_at: Option<u32>,
    /// How many cells right of [`MAX_COLS`] were left out.
    pub cells_beyond_cols: usize,
    pub merges: Vec<Dimensions>,
}

impl SheetCells {
    /// Takes a cell if it is within the limits; false when reading should stop.
    fn push(&mut self, r: u32, c: u32, v: Data, first_row: &mut Option<u32>) -> bool {
        let first = *first_row.get_or_insert(r);
        if r >= first.saturating_add(MAX_ROWS) {
            self.rows_cut_at = Some(r);
            return false;
        }
        if c >= MAX_COLS {
            self.cells_beyond_cols += 1;
        } else {
            self.cells.push((r, c, v));
        }
        true
    }
}

/// Streams an xlsx sheet.
pub fn read_xlsx<RS: Read + Seek>(
    book: &mut Xlsx<RS>,
    name: &str,
) -> Result<SheetCells, calamine::XlsxError> {
    let mut out = SheetCells::default();
    let mut first_row = None;
    {
        let mut reader = book.worksheet_cells_reader(name)?;
        while let Some(cell) = reader.next_cell_with_formula()? {
            let (r, c) = cell.pos;
            let value: Data = cell.value.into();
            if matches!(value, Data::Empty) {
                if let Some(f) = cell.formula.filter(|f| !f.trim().is_empty()) {
                    if c < MAX_COLS && first_row.is_none_or(|f0| r < f0 + MAX_ROWS) {
                        out.formulas_without_value.push((r, c, f));
                    }
                }
                continue;
            }
            if !out.push(r, c, value, &mut first_row) {
                break;
            }
        }
    }
    out.merges = book.merge_cells_by_sheet_name(name)?;
    Ok(out)
}

/// Reads an xls sheet (the format itself is limited to 65,536 × 256 cells).
pub fn read_xls<RS: Read + Seek>(
    book: &mut Xls<RS>,
    name: &str,
) -> Result<SheetCells, calamine::XlsError> {
    let range: Range<Data> = book.worksheet_range(name)?;
    let mut out = SheetCells::default();
    let mut first_row = None;
    for (r, c, v) in range.used_cells() {
        let (r, c) = (
            range.start().map_or(0, |s| s.0) + r as u32,
            range.start().map_or(0, |s| s.1) + c as u32,
        );
        if !out.push(r, c, v.clone(), &mut first_row) {
            break;
        }
    }
    out.merges = book.merge_cells_by_sheet_name(name).unwrap_or_default();
    Ok(out)
}
