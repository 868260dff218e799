//! One sheet read as a ledger table into a plan of its own, and the plans of several
//! sheets put together (全部工作表): findings and problems in sheet order, each problem's
//! cell naming its sheet (整改台账!H7), each sheet with its own column mapping. Also the
//! plan of a sheet whose header is not recognised: its columns, for the user to map.

use std::path::Path;

use super::columns;
use super::grid::{cell_ref, range_ref, Grid, MergeProblem};
use super::header::{self, Header};
use super::rows;
use super::sheet::{self, SheetCells};
use super::ReadOptions;
use crate::export::xlsx::layout::col_letter;
use crate::import::mapping::{Choice, MapTo, Reason};
use crate::import::plan::{ImportPlan, Issue, Severity, SheetTable, SkippedSheet};
use crate::Result;

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn empty_plan(path: &Path, sheet: &str, table: SheetTable) -> ImportPlan {
    ImportPlan {
        file: file_name(path),
        sheet: sheet.to_owned(),
        sheets: Vec::new(),
        tables: vec![table],
        skipped_sheets: Vec::new(),
        categories: Vec::new(),
        findings: Vec::new(),
        people: Vec::new(),
        units: Vec::new(),
        issues: Vec::new(),
    }
}

/// Reads `sheet` under its header `h` with the mapping saved for its shape and the user's
/// choices `user`. Findings before any section row go under `category` when given.
pub(super) fn read_table(
    path: &Path,
    sheet: &str,
    read: &SheetRead,
    h: &Header,
    options: &ReadOptions,
    user: &[Choice],
    category: Option<String>,
) -> Result<ImportPlan> {
    let year = options.default_year;
    let g = &read.g;
    let guessed = columns::resolve(g, h, year, &[], &[])?;
    let shape = columns::shape(&guessed);
    let saved = options
        .saved
        .iter()
        .find(|(s, _)| *s == shape)
        .map(|(_, c)| c.as_slice())
        .unwrap_or_default();
    let mapped = columns::resolve(g, h, year, saved, user)?;
    let mut plan = empty_plan(
        path,
        sheet,
        SheetTable {
            sheet: sheet.to_owned(),
            header_rows: (h.first + 1, h.last + 1),
            columns: mapped.iter().map(|m| m.map.clone()).collect(),
            shape,
            skipped_rows: Vec::new(),
        },
    );
    let table: Vec<u32> = mapped
        .iter()
        .filter(|m| m.map.to != MapTo::Ignore)
        .map(|m| m.col)
        .collect();
    sheet_issues(read, h, &table, &mut plan.issues);
    let end = g.end().0;
    if h.last < end {
        let layout = columns::layout(&mapped, year);
        let mut walker =
            rows::Walker::new(g, h, layout, year, &mut plan).with_fallback_category(category);
        walker.walk(h.last + 1, end);
        let skipped = std::mem::take(&mut walker.skipped_rows);
        plan.tables[0].skipped_rows = skipped;
    }
    plan.cap_issues();
    Ok(plan)
}

/// The plan of a sheet without a recognised header: the columns under the most
/// header-like row, none imported yet (a header text recognised keeps its field; a guess from content alone is dropped), and
/// `error` as its one problem.
pub(super) fn unmapped(
    path: &Path,
    sheet: &str,
    g: &Grid,
    sheets: Vec<String>,
    year: i32,
    error: String,
) -> Result<ImportPlan> {
    let Some(h) = header::find(g).or_else(|| header::most_header_like(g)) else {
        return Err(crate::Error::invalid("file", error));
    };
    let mut columns: Vec<_> = columns::resolve(g, &h, year, &[], &[])?
        .into_iter()
        .map(|m| m.map)
        .collect();
    // A guess from content alone (dates → 备注) is no field: the user says what it is.
    for c in columns
        .iter_mut()
        .filter(|c| !matches!(c.reason, Reason::Synonym | Reason::Keyword))
    {
        c.to = MapTo::Ignore;
        c.reason = Reason::Unknown;
        c.explain.clear();
    }
    let shape = String::new();
    let mut plan = empty_plan(
        path,
        sheet,
        SheetTable {
            sheet: sheet.to_owned(),
            header_rows: (h.first + 1, h.last + 1),
            columns,
            shape,
            skipped_rows: Vec::new(),
        },
    );
    plan.sheets = sheets;
    plan.issues.push(Issue {
        sheet: String::new(),
        row: 0,
        cell: String::new(),
        severity: Severity::Error,
        message: error,
    });
    Ok(plan)
}

/// The plans of several sheets as one, in sheet order; each problem names its sheet.
pub(super) fn combine(
    parts: Vec<ImportPlan>,
    sheets: Vec<String>,
    skipped_sheets: Vec<SkippedSheet>,
) -> ImportPlan {
    let mut out = ImportPlan {
        file: parts.first().map(|p| p.file.clone()).unwrap_or_default(),
        sheet: super::ALL_SHEETS.to_owned(),
        sheets,
        tables: Vec::new(),
        skipped_sheets,
        categories: Vec::new(),
        findings: Vec::new(),
        people: Vec::new(),
        units: Vec::new(),
        issues: Vec::new(),
    };
    for p in parts {
        let sheet = p.sheet;
        out.tables.extend(p.tables);
        out.findings.extend(p.findings);
        for i in p.issues {
            let cell = if i.cell.is_empty() {
                String::new()
            } else {
                format!("{sheet}!{}", i.cell)
            };
            out.issues.push(Issue {
                sheet: sheet.clone(),
                cell,
                ..i
            });
        }
        for (from, to) in [
            (p.categories, &mut out.categories),
            (p.people, &mut out.people),
            (p.units, &mut out.units),
        ] {
            for x in from {
                if !to.contains(&x) {
                    to.push(x);
                }
            }
        }
    }
    out.cap_issues();
    out
}

/// A sheet as read: its grid, what was left out, and its merge problems.
pub(super) struct SheetRead {
    pub g: Grid,
    pub cells: SheetCells,
    pub merge_problems: Vec<MergeProblem>,
}

fn error(row: u32, cell: String, message: String) -> Issue {
    Issue {
        sheet: String::new(),
        row,
        cell,
        severity: Severity::Error,
        message,
    }
}

/// Problems of the sheet as a whole: rows or columns beyond the limits, merges that
/// overlap or run from the header into the data, formulas without a saved result and
/// error values in the ledger's columns.
fn sheet_issues(read: &SheetRead, h: &Header, table: &[u32], out: &mut Vec<Issue>) {
    let (g, cells) = (&read.g, &read.cells);
    if let Some(r) = cells.rows_cut_at {
        out.push(error(
            r + 1,
            String::new(),
            format!(
                "工作表超过 {} 行，从第{}行起未读取：一个台账不会这么长，请检查是否选错了文件，或把台账拆成几个文件分别导入",
                sheet::MAX_ROWS,
                r + 1
            ),
        ));
    }
    if cells.cells_beyond_cols > 0 {
        out.push(Issue {
            sheet: String::new(),
            row: h.first + 1,
            cell: String::new(),
            severity: Severity::Warning,
            message: format!(
                "第 {} 列（{}列）以右的 {} 个单元格未读取：台账不会有这么多列",
                sheet::MAX_COLS,
                col_letter(sheet::MAX_COLS as u16),
                cells.cells_beyond_cols
            ),
        });
    }
    for (row, cell, message) in &read.merge_problems {
        out.push(error(*row, cell.clone(), message.clone()));
    }
    let mut spanning: Vec<_> = g
        .merges()
        .filter(|m| m.start.0 <= h.last && m.end.0 > h.last && g.end().0 > h.last)
        .collect();
    spanning.sort_by_key(|m| (m.start.1, m.start.0));
    for m in spanning {
        out.push(error(
            m.start.0 + 1,
            range_ref(m),
            format!(
                "合并单元格 {} 从表头（第{}～{}行）延伸到了数据行，表头和数据会混在一起：请取消这处合并，表头只合并表头行",
                range_ref(m),
                h.first + 1,
                h.last + 1
            ),
        ));
    }
    let in_ledger = |r: u32, c: u32| r > h.last && table.contains(&c);
    for (r, c, f) in &cells.formulas_without_value {
        if in_ledger(*r, *c) {
            out.push(error(
                r + 1,
                cell_ref(*r, *c),
                format!(
                    "单元格是公式“={}”，但文件中没有保存计算结果：请在 Excel 或 WPS 中打开、保存后再导入（或把公式改为数值）",
                    f.trim_start_matches('=')
                ),
            ));
        }
    }
    for (r, c, e) in g.errors() {
        if in_ledger(r, c) {
            out.push(error(
                r + 1,
                cell_ref(r, c),
                format!("单元格的公式结果是错误值 {e}：请改正公式或填写内容后再导入"),
            ));
        }
    }
}
