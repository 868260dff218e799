//! Reading a ledger workbook (xlsx, or the older xls that WPS still writes) as units keep
//! it into an [`ImportPlan`]; a file that cannot be a ledger gives one clear error.
//!
//! Any file a user picks must be refused early and clearly, never crash the app: an xlsx
//! is checked for what it would unpack to before it is parsed ([`zip_guard`]), an xls for
//! chains that loop or streams larger than the file ([`ole_guard`]), sheets are
//! read within row and column limits ([`sheet`]), merges that overlap or run from the
//! header into the data are reported, and every cell is checked against the store's own
//! rules so that a plan without errors imports.

pub mod checks;
pub mod columns;
pub mod content;
pub mod grid;
pub mod header;
pub mod ole_guard;
pub mod progress;
pub mod rows;
pub mod sheet;
mod task_row;
pub mod values;
pub mod zip_guard;

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Reader, Xls, Xlsx, XlsxError};

use super::mapping::{Choice, MapTo};
use super::plan::{ImportPlan, Issue, Severity};
use crate::export::xlsx::layout::col_letter;
use crate::{Error, Result};
use grid::{cell_ref, range_ref, Grid};
use sheet::SheetCells;

/// The sheet most likely to be the combined ledger is tried first.
const PREFERRED_SHEETS: &[&str] = &["整改台账", "台账", "整改清单"];

enum Book {
    Xlsx(Xlsx<BufReader<File>>),
    Xls(Xls<BufReader<File>>),
}

impl Book {
    fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Xlsx(b) => b.sheet_names(),
            Book::Xls(b) => b.sheet_names(),
        }
    }

    fn sheet(&mut self, name: &str) -> std::result::Result<SheetCells, String> {
        match self {
            Book::Xlsx(b) => sheet::read_xlsx(b, name).map_err(|e| e.to_string()),
            Book::Xls(b) => sheet::read_xls(b, name).map_err(|e| e.to_string()),
        }
    }
}

fn file_error(path: &Path, message: String) -> Error {
    let _ = path;
    Error::invalid("file", message)
}

/// Opens the workbook by its content, whatever its extension says.
fn open(path: &Path) -> Result<Book> {
    let name = path.display();
    let mut head = [0u8; 8];
    let n = File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => file_error(path, format!("找不到文件“{name}”")),
            _ => Error::io(path, e),
        })?;
    let not_excel = || {
        file_error(
            path,
            format!("“{name}”不是 Excel 文件：请在 Excel 或 WPS 中打开它，另存为 .xlsx 后再导入"),
        )
    };
    if n == 0 {
        return Err(file_error(path, format!("“{name}”是空文件（0 字节）")));
    }
    let reader = || {
        File::open(path)
            .map(BufReader::new)
            .map_err(|e| Error::io(path, e))
    };
    let encrypted = || {
        file_error(
            path,
            format!("“{name}”设置了打开密码：请在 Excel 或 WPS 中取消密码（文件→信息→保护工作簿）并保存后再导入"),
        )
    };
    if head.starts_with(b"PK\x03\x04") {
        zip_guard::check(path, &zip_guard::ZipLimits::default())?;
        return Xlsx::new(reader()?).map(Book::Xlsx).map_err(|e| match e {
            XlsxError::Password => encrypted(),
            _ => file_error(
                path,
                format!("“{name}”已损坏或不是 Excel 工作簿（{e}）：请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入"),
            ),
        });
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An OLE container: an encrypted xlsx or an old .xls workbook.
        ole_guard::check(path)?;
        if let Err(XlsxError::Password) = Xlsx::new(reader()?) {
            return Err(encrypted());
        }
        return Xls::new(reader()?).map(Book::Xls).map_err(|e| match e {
            calamine::XlsError::Password => encrypted(),
            _ => not_excel(),
        });
    }
    Err(not_excel())
}

/// How to read a workbook: the year of dates written without one, which sheet, and the
/// column mappings (saved ones by header shape, and the user's own).
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Dates without a year (3月底前) take this one (the inspection's).
    pub default_year: i32,
    /// The sheet to read; `None` = the one that looks most like a ledger.
    pub sheet: Option<String>,
    /// The user's choices for this file.
    pub mapping: Vec<Choice>,
    /// Mappings saved before, by header shape.
    pub saved: Vec<(String, Vec<Choice>)>,
}

/// Reads the ledger in `path`. Dates without a year (3月底前) take `default_year` (the
/// inspection's). Errors are for files that cannot be read as a ledger at all; problems in
/// single cells are the plan's issues.
pub fn read_ledger(path: &Path, default_year: i32) -> Result<ImportPlan> {
    read_ledger_with(
        path,
        &ReadOptions {
            default_year,
            ..ReadOptions::default()
        },
    )
}

/// [`read_ledger`] with a chosen sheet and column mappings.
pub fn read_ledger_with(path: &Path, options: &ReadOptions) -> Result<ImportPlan> {
    // The spreadsheet parser is a dependency fed arbitrary files: should it ever panic on
    // one, the user gets an error naming the file, not a crashed app.
    std::panic::catch_unwind(|| read(path, options)).unwrap_or_else(|_| {
        Err(file_error(
            path,
            format!(
                "无法读取“{}”：文件结构异常，读取时出错。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入",
                path.display()
            ),
        ))
    })
}

fn read(path: &Path, options: &ReadOptions) -> Result<ImportPlan> {
    let default_year = options.default_year;
    let mut book = open(path)?;
    let name = path.display().to_string();
    let all_sheets = book.sheet_names();
    let mut names = all_sheets.clone();
    if names.is_empty() {
        return Err(file_error(path, format!("“{name}”中没有工作表")));
    }
    if let Some(want) = &options.sheet {
        if !names.contains(want) {
            return Err(Error::invalid(
                "sheet",
                format!("“{name}”中没有工作表“{want}”：有 {}", names.join("、")),
            ));
        }
        names = vec![want.clone()];
    }
    names.sort_by_key(|n| {
        PREFERRED_SHEETS
            .iter()
            .position(|p| p == n)
            .unwrap_or(usize::MAX)
    });
    let mut best: Option<(String, SheetRead, header::Header)> = None;
    let mut any_data = false;
    for sheet in names {
        let mut cells = book
            .sheet(&sheet)
            .map_err(|e| file_error(path, format!("无法读取工作表“{sheet}”：{e}")))?;
        if cells.cells.is_empty() {
            continue;
        }
        any_data = true;
        let (g, merge_problems) = Grid::new(
            std::mem::take(&mut cells.cells),
            std::mem::take(&mut cells.merges),
        );
        let Some(h) = header::find(&g) else { continue };
        // A sheet the user picked, or a header the user mapped (now or before), is read
        // with whatever header it has: the mapping says what its columns are.
        let mapped = !options.mapping.is_empty()
            || columns::resolve(&g, &h, default_year, &[], &[])
                .is_ok_and(|m| options.saved.iter().any(|(s, _)| *s == columns::shape(&m)));
        if !h.usable() && options.sheet.is_none() && !mapped {
            continue;
        }
        let better = best.as_ref().is_none_or(|(_, _, b)| h.score() > b.score());
        let good_enough = h.score() >= 5;
        if better {
            best = Some((
                sheet,
                SheetRead {
                    g,
                    cells,
                    merge_problems,
                },
                h,
            ));
        }
        if good_enough {
            break;
        }
    }
    if !any_data {
        return Err(file_error(
            path,
            format!("“{name}”中没有任何内容（工作表都是空的）"),
        ));
    }
    let Some((sheet, read, h)) = best else {
        return Err(file_error(
            path,
            format!(
                "“{name}”中找不到台账表头：表头应有“反馈问题”（或“问题内容”“存在问题”）、“整改措施”、“责任单位”、“整改时限”等列；若表头是本单位自己的写法，请指定各列对应的字段（命令行：--map '列字母=字段'）"
            ),
        ));
    };
    let g = &read.g;
    let guessed = columns::resolve(g, &h, default_year, &[], &[])?;
    let shape = columns::shape(&guessed);
    let saved = options
        .saved
        .iter()
        .find(|(s, _)| *s == shape)
        .map(|(_, c)| c.as_slice())
        .unwrap_or_default();
    let mapped = columns::resolve(g, &h, default_year, saved, &options.mapping)?;
    let mut plan = ImportPlan {
        file: path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or(name.clone()),
        sheet,
        sheets: all_sheets,
        header_rows: (h.first + 1, h.last + 1),
        columns: mapped.iter().map(|m| m.map.clone()).collect(),
        shape,
        categories: Vec::new(),
        findings: Vec::new(),
        people: Vec::new(),
        units: Vec::new(),
        skipped_rows: Vec::new(),
        issues: Vec::new(),
    };
    let table: Vec<u32> = mapped
        .iter()
        .filter(|m| m.map.to != MapTo::Ignore)
        .map(|m| m.col)
        .collect();
    sheet_issues(&read, &h, &table, &mut plan.issues);
    let end = g.end().0;
    if h.last < end {
        let layout = columns::layout(&mapped, default_year);
        rows::Walker::new(g, &h, layout, default_year, &mut plan).walk(h.last + 1, end);
    }
    plan.cap_issues();
    if plan.findings.is_empty() {
        return Err(file_error(
            path,
            format!(
                "工作表“{}”的表头（第{}～{}行）下面没有任何反馈问题：文件只有表头、没有数据行，未写入任何数据",
                plan.sheet,
                h.first + 1,
                h.last + 1
            ),
        ));
    }
    Ok(plan)
}

/// A sheet as read: its grid, what was left out, and its merge problems.
struct SheetRead {
    g: Grid,
    cells: SheetCells,
    merge_problems: Vec<grid::MergeProblem>,
}

fn error(row: u32, cell: String, message: String) -> Issue {
    Issue {
        row,
        cell,
        severity: Severity::Error,
        message,
    }
}

/// Problems of the sheet as a whole: rows or columns beyond the limits, merges that
/// overlap or run from the header into the data, formulas without a saved result and
/// error values in the ledger's columns.
fn sheet_issues(read: &SheetRead, h: &header::Header, table: &[u32], out: &mut Vec<Issue>) {
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
