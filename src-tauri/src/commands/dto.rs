//! The shapes that cross the UI boundary and are not core records: the command error,
//! filters, composite views. TypeScript types are generated from these (feature `ts`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::db::backup::BackupCounts;
use crate::domain::{
    Category, CloseOut, DeadlineKind, Evidence, Finding, FollowUpCheck, Inspection,
    InspectionDeadlines, Progress, ReviewStep, Status, Task, Warning,
};

/// The error every command returns: a stable `code` the UI may branch on, the `field` a
/// validation error concerns (DOMAIN.md identifier), and a Chinese `message`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CmdError {
    pub code: String,
    pub field: Option<String>,
    pub message: String,
}

impl CmdError {
    /// An error of the shell itself (not of the core).
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        CmdError {
            code: code.to_owned(),
            field: None,
            message: message.into(),
        }
    }
}

impl From<crate::Error> for CmdError {
    fn from(e: crate::Error) -> Self {
        CmdError {
            code: e.code().to_owned(),
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

/// An inspection with its categories and the deadlines derived from the feedback date.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InspectionView {
    pub inspection: Inspection,
    pub categories: Vec<Category>,
    pub deadlines: Option<InspectionDeadlines>,
}

/// A task on the board, with the finding it belongs to.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BoardTask {
    pub task: Task,
    pub finding_seq: i64,
    pub finding_title: String,
    pub category_id: i64,
    pub category: String,
    /// A close-out request is waiting for review.
    pub close_out_pending: bool,
}

/// Board filters; empty fields do not filter. Applied by the core's task filter.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct BoardFilter {
    pub inspection_id: Option<i64>,
    pub category_id: Option<i64>,
    pub status: Option<Status>,
    pub overdue: bool,
    pub unit: Option<String>,
    pub person: Option<String>,
    pub due_within_days: Option<i64>,
}

/// Everything about one task shown in its drawer on the board.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TaskDetail {
    pub task: Task,
    pub finding: Finding,
    pub progress: Vec<Progress>,
    pub close_outs: Vec<CloseOut>,
    pub follow_ups: Vec<FollowUpCheck>,
    pub evidence: Vec<Evidence>,
    /// Whether the inspection requires 双审核 (初审 then 终审).
    pub dual_review: bool,
    /// The review the pending close-out request waits for; `None` when none is pending.
    pub review_step: Option<ReviewStep>,
}

/// A close-out review from the UI.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewInput {
    pub approve: bool,
    pub approvers: Vec<String>,
    pub verdict: String,
    pub on: Option<NaiveDate>,
    /// The step the UI showed; refused if the request now waits for another.
    #[serde(default)]
    pub step: Option<ReviewStep>,
}

/// A new lead (问题线索).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct LeadInputDto {
    pub inspection_id: i64,
    pub person: String,
    pub position: String,
    pub summary: String,
    pub found_on: Option<NaiveDate>,
}

/// One day of the burn-down chart: open tasks at the end of `on`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BurnPoint {
    pub on: NaiveDate,
    pub open: i64,
}

/// A task in the dashboard's overdue and due-soon lists.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DueItem {
    pub task_id: i64,
    pub finding_seq: i64,
    pub measure: String,
    pub lead_unit: String,
    pub responsible_person: String,
    pub deadline_kind: DeadlineKind,
    pub deadline: Option<NaiveDate>,
    pub days_left: Option<i64>,
    pub warning: Option<Warning>,
    pub status: Status,
}

/// The dashboard: official counts plus the lists and the burn-down.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Dashboard {
    pub stats: crate::domain::counting::Stats,
    pub overdue: Vec<DueItem>,
    pub due_soon: Vec<DueItem>,
    pub burndown: Vec<BurnPoint>,
}

/// What a finished export wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportResult {
    pub path: String,
    pub bytes: u64,
}

/// Which exports this build provides (buttons for the others stay disabled).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportCaps {
    pub xlsx_ledger: bool,
    pub pdf_ledger: bool,
    pub feedback_report: bool,
    pub status_report: bool,
    pub weekly_summary: bool,
    pub import_ledger: bool,
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
}

/// How a ledger export is made: the 公开版 (names masked) and, for the Excel ledger, a
/// saved template (`None`: the official layout).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ExportOptions {
    pub public: bool,
    pub template: Option<String>,
}

/// A ledger template the Excel export can use.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LedgerTemplateInfo {
    /// 默认 for the built-in official layout.
    pub name: String,
    /// The ledger's title row as the template writes it.
    pub title: String,
    pub columns: i64,
    pub builtin: bool,
}

/// One automatic backup beside the database.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AutoBackup {
    /// File name: what `restore_backup` takes.
    pub name: String,
    /// Local time it was made, 2025-03-31 08:30:00.
    pub made_at: String,
    pub bytes: u64,
    /// Kept automatically just before a restore replaced the data.
    pub before_restore: bool,
    /// Kept automatically just before the password was set, changed or removed.
    pub before_password: bool,
    /// Encrypted: restoring it needs the password it was made under.
    pub encrypted: bool,
    /// What it holds, when it could be read.
    pub counts: Option<BackupCounts>,
}

/// Which export a call makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    XlsxLedger,
    PdfLedger,
    FeedbackReport,
    StatusReport,
    WeeklySummary,
}

/// One step of a long export or import, for the progress bar.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportProgress {
    /// 0–100.
    pub percent: u8,
    pub stage: String,
}
