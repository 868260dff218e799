//! Reading a ledger workbook (xlsx, or the older xls that WPS still writes) as units keep
//! it into an [`ImportPlan`]; a file that cannot be a ledger gives one clear error.

pub mod grid;
pub mod header;
pub mod rows;
pub mod values;

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Data, Dimensions, Range, Reader, Xls, Xlsx, XlsxError};

use super::plan::{FoundColumn, ImportPlan};
use crate::export::xlsx::layout::col_letter;
use crate::{Error, Result};
use grid::Grid;

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

    fn sheet(&mut self, name: &str) -> std::result::Result<(Range<Data>, Vec<Dimensions>), String> {
        match self {
            Book::Xlsx(b) => {
                let range = b.worksheet_range(name).map_err(|e| e.to_string())?;
                let merges = b
                    .merge_cells_by_sheet_name(name)
                    .map_err(|e| e.to_string())?;
                Ok((range, merges))
            }
            Book::Xls(b) => {
                let range = b.worksheet_range(name).map_err(|e| e.to_string())?;
                let merges = b.merge_cells_by_sheet_name(name).unwrap_or_default();
                Ok((range, merges))
            }
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

/// Reads the ledger in `path`. Dates without a year (3月底前) take `default_year` (the
/// inspection's). Errors are for files that cannot be read as a ledger at all; problems in
/// single cells are the plan's issues.
pub fn read_ledger(path: &Path, default_year: i32) -> Result<ImportPlan> {
    let mut book = open(path)?;
    let name = path.display().to_string();
    let mut names = book.sheet_names();
    if names.is_empty() {
        return Err(file_error(path, format!("“{name}”中没有工作表")));
    }
    names.sort_by_key(|n| {
        PREFERRED_SHEETS
            .iter()
            .position(|p| p == n)
            .unwrap_or(usize::MAX)
    });
    let mut best: Option<(String, Grid, header::Header)> = None;
    let mut any_data = false;
    for sheet in names {
        let (range, merges) = book
            .sheet(&sheet)
            .map_err(|e| file_error(path, format!("无法读取工作表“{sheet}”：{e}")))?;
        if range.is_empty() {
            continue;
        }
        any_data = true;
        let g = Grid::new(range, merges);
        let Some(h) = header::find(&g) else { continue };
        if !h.usable() {
            continue;
        }
        let better = best.as_ref().is_none_or(|(_, _, b)| h.score() > b.score());
        let good_enough = h.score() >= 5;
        if better {
            best = Some((sheet, g, h));
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
    let Some((sheet, g, h)) = best else {
        return Err(file_error(
            path,
            format!(
                "“{name}”中找不到台账表头：表头应有“反馈问题”（或“问题内容”“存在问题”）、“整改措施”、“责任单位”、“整改时限”等列"
            ),
        ));
    };
    let mut plan = ImportPlan {
        file: path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or(name.clone()),
        sheet,
        header_rows: (h.first + 1, h.last + 1),
        columns: h
            .columns
            .iter()
            .map(|(c, k, t)| FoundColumn {
                letter: col_letter((*c).min(u16::MAX as u32) as u16),
                header: t.replace('\n', ""),
                column: *k,
            })
            .collect(),
        categories: Vec::new(),
        findings: Vec::new(),
        people: Vec::new(),
        units: Vec::new(),
        skipped_rows: Vec::new(),
        issues: Vec::new(),
    };
    let end = g.end().0;
    if h.last < end {
        rows::Walker::new(&g, &h, default_year, &mut plan).walk(h.last + 1, end);
    }
    if plan.findings.is_empty() {
        return Err(file_error(
            path,
            format!(
                "工作表“{}”的表头（第{}行）下面没有任何反馈问题",
                plan.sheet,
                h.last + 1
            ),
        ));
    }
    Ok(plan)
}
