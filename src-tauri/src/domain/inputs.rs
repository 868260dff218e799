//! What the user submits to create or change records. Every field is checked by
//! `validate` before anything is written. `Option` fields in patches mean "leave as is".

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::codes::*;
use super::records::Milestone;

/// New inspection, or changes to one (all fields optional in a patch).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InspectionInput {
    pub name: Option<String>,
    pub round: Option<String>,
    pub kind: Option<InspectionKind>,
    pub team: Option<String>,
    pub team_leader: Option<String>,
    pub deputy_leader: Option<String>,
    pub team_members: Option<Vec<String>>,
    pub inspected_org: Option<String>,
    pub org_secretary: Option<String>,
    pub unit_name: Option<String>,
    pub authority: Option<String>,
    pub onsite_start: Option<NaiveDate>,
    pub onsite_end: Option<NaiveDate>,
    pub feedback_date: Option<NaiveDate>,
    pub plan_due_workdays: Option<u32>,
    pub meeting_due_months: Option<u32>,
    pub report_due_months: Option<u32>,
}

/// A new finding.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FindingInput {
    pub inspection_id: i64,
    /// The category by id (the desktop picks from the list).
    pub category_id: Option<i64>,
    /// Or by its name or its number (1–4…) within the inspection (the CLI, imports); used
    /// when `category_id` is absent.
    pub category: String,
    pub title: String,
    pub manifestation: String,
    pub nature: Option<Nature>,
    pub source: Option<String>,
    pub found_on: Option<NaiveDate>,
    pub tags: Vec<String>,
}

/// Changes to a finding.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FindingPatch {
    /// A new category by id; or by name or number in `category`.
    pub category_id: Option<i64>,
    pub category: Option<String>,
    pub title: Option<String>,
    pub manifestation: Option<String>,
    pub nature: Option<Nature>,
    pub source: Option<String>,
    pub found_on: Option<NaiveDate>,
    pub tags: Option<Vec<String>>,
}

/// Changes to the five roles of one or more tasks.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AssignmentPatch {
    pub lead_leader: Option<String>,
    pub responsible_leader: Option<String>,
    pub lead_unit: Option<String>,
    pub responsible_units: Option<Vec<String>>,
    pub responsible_person: Option<String>,
}

/// A new task (整改措施) under a finding.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskInput {
    pub finding_id: i64,
    pub measure: String,
    pub goal: String,
    pub acceptance: String,
    pub deadline_kind: Option<DeadlineKind>,
    pub deadline: Option<NaiveDate>,
    pub milestones: Vec<Milestone>,
    pub assignment: AssignmentPatch,
    pub note: String,
    /// Initial status (imports of ledgers already under way); default 未启动.
    pub status: Option<Status>,
}

/// Changes to a task's content and deadline.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskPatch {
    pub measure: Option<String>,
    pub goal: Option<String>,
    pub acceptance: Option<String>,
    pub deadline_kind: Option<DeadlineKind>,
    /// `Some(None)` clears the date.
    pub deadline: Option<Option<NaiveDate>>,
    pub milestones: Option<Vec<Milestone>>,
    pub note: Option<String>,
}

/// A progress entry, optionally moving the task's status and attaching files.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgressInput {
    pub task_id: i64,
    pub text: String,
    pub entered_on: Option<NaiveDate>,
    pub by: Option<String>,
    pub status: Option<Status>,
    /// 万元.
    pub funds_recovered: f64,
    /// Paths of files to copy in as evidence.
    pub evidence: Vec<std::path::PathBuf>,
}

/// How a working paper is approved (组务会审定, 组长签字) into a finding.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaperApproval {
    /// The category the finding goes under, by id (the desktop) …
    #[serde(default)]
    pub category_id: Option<i64>,
    /// … or by its number, name or a unique part of it (the CLI).
    #[serde(default)]
    pub category: String,
    pub signed_by: String,
    pub review: String,
    pub nature: Nature,
}
