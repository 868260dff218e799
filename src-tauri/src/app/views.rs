//! The composite shapes the application layer returns and takes, beyond the core records:
//! what the board, the task drawer and the dashboard show, and their filters. The desktop
//! receives them as JSON (TypeScript types generated with feature `ts`); the CLI prints
//! them or writes them as `--json`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::db::backup::BackupCounts;
pub use crate::db::board::BoardRow;
pub use crate::db::tasks::TaskFilter;
use crate::domain::{
    Category, CloseOut, DeadlineKind, Evidence, Finding, FollowUpCheck, Inspection,
    InspectionDeadlines, Progress, Reopening, ReviewStep, Status, SupervisionLetter, Task, Warning,
};

/// An inspection with its categories and the deadlines derived from the feedback date.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InspectionView {
    pub inspection: Inspection,
    pub categories: Vec<Category>,
    pub deadlines: Option<InspectionDeadlines>,
}

/// Everything about one task shown in its drawer on the board (and by `task show`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TaskDetail {
    pub task: Task,
    pub finding: Finding,
    pub progress: Vec<Progress>,
    pub close_outs: Vec<CloseOut>,
    /// The times the task was reopened (问题反弹).
    pub reopenings: Vec<Reopening>,
    pub follow_ups: Vec<FollowUpCheck>,
    pub evidence: Vec<Evidence>,
    /// The 督办 letters issued for the task, in the order issued (voided ones included).
    #[serde(default)]
    pub letters: Vec<SupervisionLetter>,
    /// Whether the inspection requires 双审核 (初审 then 终审).
    pub dual_review: bool,
    /// The review the pending close-out request waits for; `None` when none is pending.
    pub review_step: Option<ReviewStep>,
    /// The statuses a progress entry may move the task to (the rules in
    /// `domain::status`), so the UI offers nothing the core would refuse.
    pub next_statuses: Vec<Status>,
}

/// A close-out review: approve or send back, by whom, with what opinion.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewInput {
    pub approve: bool,
    pub approvers: Vec<String>,
    pub verdict: String,
    /// The review's date (today when absent).
    pub on: Option<NaiveDate>,
    /// The step the UI showed; refused if the request now waits for another.
    #[serde(default)]
    pub step: Option<ReviewStep>,
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
    /// Where the documents number the finding: （二）3.
    pub finding_number: String,
    pub measure: String,
    pub lead_unit: String,
    pub responsible_person: String,
    pub deadline_kind: DeadlineKind,
    pub deadline: Option<NaiveDate>,
    pub deadline_text: String,
    pub days_left: Option<i64>,
    pub days_left_text: String,
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
    /// Days left at which the green warning starts (the due-soon list's horizon).
    pub green_days: i64,
}

/// One automatic backup beside the database.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AutoBackup {
    /// File name: what a restore by name takes.
    pub name: String,
    /// Where it is (shown; a restore takes only the name).
    pub path: String,
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
