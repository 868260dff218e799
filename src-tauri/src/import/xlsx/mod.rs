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
mod tables;
mod task_row;
pub mod values;
pub mod zip_guard;

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Reader, Xls, Xlsx, XlsxError};

use super::mapping::{letter_index, Choice};
use super::plan::{ImportPlan, SkippedSheet};
use crate::{Error, Result};
use grid::Grid;
use sheet::SheetCells;
use tables::SheetRead;

/// The sheet choice that reads every sheet with a ledger into one plan (CLI `--sheet
/// 全部工作表`, the desktop's sheet picker).
pub const ALL_SHEETS: &str = "全部工作表";

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
    /// The sheet to read; `None` = the one that looks most like a ledger; [`ALL_SHEETS`]
    /// = every sheet with a ledger header, each with its own mapping.
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

/// [`read_ledger`] with a chosen sheet (or [`ALL_SHEETS`]) and column mappings. A
/// workbook in which no ledger header is found is an error.
pub fn read_ledger_with(path: &Path, options: &ReadOptions) -> Result<ImportPlan> {
    match guarded(path, options)? {
        (plan, true) => Ok(plan),
        (_, false) => Err(file_error(path, no_header(path))),
    }
}

/// [`read_ledger_with`] for a preview the user can still map: when no ledger header is
/// found, the plan holds the columns of the most header-like row (or the first with
/// text), none of them imported, and the error saying so, so the user can say what each
/// column is and read again.
pub fn read_ledger_to_map(path: &Path, options: &ReadOptions) -> Result<ImportPlan> {
    guarded(path, options).map(|(plan, _)| plan)
}

fn no_header(path: &Path) -> String {
    format!(
        "“{}”中找不到台账表头：表头应有“反馈问题”（或“问题内容”“存在问题”）、“整改措施”、“责任单位”、“整改时限”等列；若表头是本单位自己的写法，请指定各列对应的字段（桌面：预览中每列的下拉框；命令行：--map '列字母=字段'）",
        path.display()
    )
}

/// [`read`] with the parser's panics turned into an error.
fn guarded(path: &Path, options: &ReadOptions) -> Result<(ImportPlan, bool)> {
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

/// A sheet with a header to read: its name, cells and header, and the user's choices that
/// apply to it.
struct Candidate {
    sheet: String,
    read: SheetRead,
    h: header::Header,
    user: Vec<Choice>,
}

/// Reads the workbook; false with the plan of [`tables::unmapped`] when no sheet has a
/// ledger header.
fn read(path: &Path, options: &ReadOptions) -> Result<(ImportPlan, bool)> {
    let default_year = options.default_year;
    let mut book = open(path)?;
    let name = path.display().to_string();
    let all_sheets = book.sheet_names();
    let mut names = all_sheets.clone();
    if names.is_empty() {
        return Err(file_error(path, format!("“{name}”中没有工作表")));
    }
    // A workbook may itself have a sheet named 全部工作表: then that sheet is meant.
    let all =
        options.sheet.as_deref() == Some(ALL_SHEETS) && !names.iter().any(|n| n == ALL_SHEETS);
    if let Some(want) = options.sheet.as_ref().filter(|_| !all) {
        if !names.contains(want) {
            return Err(Error::invalid(
                "sheet",
                format!("“{name}”中没有工作表“{want}”：有 {}", names.join("、")),
            ));
        }
        names = vec![want.clone()];
    }
    if !all {
        names.sort_by_key(|n| {
            PREFERRED_SHEETS
                .iter()
                .position(|p| p == n)
                .unwrap_or(usize::MAX)
        });
    }
    let mut found: Vec<Candidate> = Vec::new();
    let mut skipped: Vec<SkippedSheet> = Vec::new();
    let mut first_with_data: Option<String> = None;
    for sheet in names {
        let mut cells = book
            .sheet(&sheet)
            .map_err(|e| file_error(path, format!("无法读取工作表“{sheet}”：{e}")))?;
        if cells.cells.is_empty() {
            skipped.push(SkippedSheet {
                sheet,
                reason: "工作表是空的".into(),
            });
            continue;
        }
        first_with_data.get_or_insert(sheet.clone());
        let (g, merge_problems) = Grid::new(
            std::mem::take(&mut cells.cells),
            std::mem::take(&mut cells.merges),
        );
        let recognised = header::find(&g);
        let Some(h) = recognised.or_else(|| header::most_header_like(&g)) else {
            continue;
        };
        let guessed = columns::resolve(&g, &h, default_year, &[], &[])?;
        let saved = options
            .saved
            .iter()
            .any(|(s, _)| *s == columns::shape(&guessed));
        // Reading all sheets, a choice applies to the sheets that have its column; a sheet
        // whose header is not recognised is read only when a choice names one of its
        // header texts (a letter is in every sheet).
        let user: Vec<Choice> = if all {
            options
                .mapping
                .iter()
                .filter(|c| columns::find_column(&guessed, &c.column).is_some())
                .cloned()
                .collect()
        } else {
            options.mapping.clone()
        };
        let mapped = saved
            || if all {
                user.iter().any(|c| letter_index(&c.column).is_none())
            } else {
                !user.is_empty()
            };
        let picked = !all && options.sheet.is_some();
        let readable = mapped || header::find(&g).is_some_and(|h| h.usable() || picked);
        if !readable {
            skipped.push(SkippedSheet {
                sheet,
                reason: "找不到台账表头（反馈问题、整改措施、整改时限等列）".into(),
            });
            continue;
        }
        let good_enough = h.score() >= 5;
        let read = SheetRead {
            g,
            cells,
            merge_problems,
        };
        let candidate = Candidate {
            sheet,
            read,
            h,
            user,
        };
        if all {
            found.push(candidate);
            continue;
        }
        if found
            .first()
            .is_none_or(|b| candidate.h.score() > b.h.score())
        {
            found = vec![candidate];
        }
        if good_enough {
            break;
        }
    }
    let Some(first) = first_with_data else {
        return Err(file_error(
            path,
            format!("“{name}”中没有任何内容（工作表都是空的）"),
        ));
    };
    if found.is_empty() {
        let mut cells = book
            .sheet(&first)
            .map_err(|e| file_error(path, format!("无法读取工作表“{first}”：{e}")))?;
        let (g, _) = Grid::new(
            std::mem::take(&mut cells.cells),
            std::mem::take(&mut cells.merges),
        );
        let plan = tables::unmapped(path, &first, &g, all_sheets, default_year, no_header(path))?;
        return Ok((plan, false));
    }
    if all {
        for c in &options.mapping {
            if !found.iter().any(|f| f.user.contains(c)) {
                return Err(Error::invalid(
                    "map",
                    format!(
                        "列对应关系中的“{}”在读取的工作表（{}）中都找不到：请写表头中的列字母或表头文字",
                        c.column,
                        found.iter().map(|f| f.sheet.as_str()).collect::<Vec<_>>().join("、")
                    ),
                ));
            }
        }
    }
    // Sheets named after categories (一、…方面) give their findings that category when
    // they have no section rows; otherwise such findings go under the default.
    let named_by_category = all && found.iter().all(|f| rows::looks_like_section(&f.sheet));
    let mut parts = Vec::new();
    for c in found {
        let category = named_by_category.then(|| rows::section_name(&c.sheet));
        let plan = tables::read_table(path, &c.sheet, &c.read, &c.h, options, &c.user, category)?;
        if plan.findings.is_empty() {
            let (first, last) = (c.h.first + 1, c.h.last + 1);
            let reason = format!(
                "表头（第{first}～{last}行）下面没有任何反馈问题：文件只有表头、没有数据行，未写入任何数据"
            );
            if !all {
                return Err(file_error(path, format!("工作表“{}”的{reason}", c.sheet)));
            }
            skipped.push(SkippedSheet {
                sheet: c.sheet,
                reason,
            });
            continue;
        }
        parts.push(plan);
    }
    if !all {
        let mut plan = parts.remove(0);
        plan.sheets = all_sheets;
        return Ok((plan, true));
    }
    if parts.is_empty() {
        let list: Vec<String> = skipped
            .iter()
            .map(|k| format!("“{}”{}", k.sheet, k.reason))
            .collect();
        return Err(file_error(
            path,
            format!(
                "“{name}”的工作表中都没有可导入的反馈问题：{}",
                list.join("；")
            ),
        ));
    }
    // Skipped sheets are listed in the workbook's order too.
    skipped.sort_by_key(|k| all_sheets.iter().position(|n| *n == k.sheet));
    Ok((tables::combine(parts, all_sheets, skipped), true))
}
