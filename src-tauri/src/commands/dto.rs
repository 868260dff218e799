//! The shapes only the desktop shell needs (the application layer's views are in
//! `app::views`): the command error, what the window shows of the open database, the import
//! preview with its token, and export progress. TypeScript types are generated from these
//! (feature `ts`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::ErrorCode;

/// The error every command returns: a stable `code` the UI may branch on, the `field` a
/// validation error concerns (DOMAIN.md identifier), and a Chinese `message`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CmdError {
    pub code: ErrorCode,
    pub field: Option<String>,
    pub message: String,
}

impl CmdError {
    /// An error of the shell itself (not of the core).
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        CmdError {
            code,
            field: None,
            message: message.into(),
        }
    }
}

impl From<crate::Error> for CmdError {
    fn from(e: crate::Error) -> Self {
        CmdError {
            code: e.kind(),
            field: e.field().map(str::to_owned),
            message: e.to_string(),
        }
    }
}

impl std::fmt::Display for CmdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// What the window shows in its title bar and the start page decides on.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppInfo {
    /// The open database file, or `None` when none could be opened.
    pub db_path: Option<String>,
    /// Why the database could not be opened, if so.
    pub open_error: Option<CmdError>,
    /// When no database is open because the file is encrypted: that file, whose password
    /// the UI asks for (then `open_database` with it).
    pub locked_path: Option<String>,
    /// Whether the open database is encrypted with a password.
    pub encrypted: bool,
    /// The shortest password the core accepts, for the hint beside the field.
    pub min_password_chars: usize,
    pub operator: String,
    pub today: NaiveDate,
    pub version: String,
    pub inspections: i64,
    /// The folder exports were last saved to.
    pub export_dir: Option<String>,
}

/// The dry-run preview of an import: what would be created and every problem found.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportPreview {
    /// Identifies the copy of the file that `import_apply` will read.
    pub token: String,
    pub file: String,
    pub sheet: String,
    pub categories: Vec<String>,
    pub findings: Vec<crate::import::plan::PlannedFinding>,
    pub people: Vec<String>,
    pub units: Vec<String>,
    pub issues: Vec<crate::import::plan::Issue>,
    pub has_errors: bool,
    pub task_count: i64,
    /// Every sheet of the workbook, to read another.
    pub sheets: Vec<String>,
    /// The tables read (one, or one per sheet when all are read): each column, the field it
    /// goes to and why, and the rows under the table that are not records.
    pub tables: Vec<crate::import::plan::SheetTable>,
    /// Sheets not read when all were asked for, with why.
    pub skipped_sheets: Vec<crate::import::plan::SkippedSheet>,
    /// The sheet choice that reads every sheet (全部工作表).
    pub all_sheets: String,
    /// The fields a column can be mapped to, for the drop-downs.
    pub fields: Vec<FieldOption>,
    /// How each reason a column maps where it does is said (`synonym` → 按表头名称).
    pub reasons: Vec<FieldOption>,
}

/// A field a column can go to (or a reason it went there): its key and its Chinese name.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldOption {
    pub key: String,
    pub label: String,
}

impl ImportPreview {
    /// The preview of `plan`, read from the copy `token` of the file named `file`.
    pub fn new(token: String, file: String, plan: crate::import::plan::ImportPlan) -> Self {
        ImportPreview {
            token,
            has_errors: plan.has_errors(),
            task_count: plan.task_count() as i64,
            file,
            sheet: plan.sheet,
            categories: plan.categories,
            findings: plan.findings,
            people: plan.people,
            units: plan.units,
            issues: plan.issues,
            sheets: plan.sheets,
            tables: plan.tables,
            skipped_sheets: plan.skipped_sheets,
            all_sheets: crate::import::xlsx::ALL_SHEETS.to_owned(),
            fields: crate::import::mapping::MapTo::options()
                .into_iter()
                .map(|m| FieldOption {
                    key: m.key(),
                    label: m.label().to_owned(),
                })
                .collect(),
            reasons: crate::import::mapping::Reason::ALL
                .iter()
                .map(|r| FieldOption {
                    key: r.key().to_owned(),
                    label: r.label().to_owned(),
                })
                .collect(),
        }
    }
}

/// The preview of returned fill-in workbooks (填报表), row by row.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FillInPreview {
    /// Identify the copies of the files that `fill_in_apply` will read, in the order chosen.
    pub tokens: Vec<String>,
    pub rows: Vec<crate::fill_in::preview::PreviewRow>,
}

/// The preview of an exchange package: what it holds, checked, and the copy that
/// `exchange_import` will read.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExchangePreview {
    pub token: String,
    /// The name of the file the user picked.
    pub file: String,
    pub package: crate::app::exchange::PackageInfo,
}

/// One step of a long export or import, for the progress bar.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportProgress {
    /// 0–100.
    pub percent: u8,
    pub stage: String,
}
