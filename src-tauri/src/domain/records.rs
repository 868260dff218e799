//! The records of the domain as stored and as shown (JSON field names are DOMAIN.md's
//! identifiers). Derived values (status of a finding, overdue, warning) are filled in
//! when records are read, by the rules in `status`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::codes::*;

/// 巡察: one inspection of one party organisation, with its deadline settings.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inspection {
    pub id: i64,
    /// Display name, e.g. 区委第三巡察组对区委统战部党组的常规巡察.
    pub name: String,
    /// 轮次, e.g. 第七轮.
    pub round: String,
    pub kind: InspectionKind,
    /// 巡察组, e.g. 区委第三巡察组.
    pub team: String,
    pub team_leader: String,
    pub deputy_leader: String,
    pub team_members: Vec<String>,
    /// 被巡察党组织.
    pub inspected_org: String,
    /// 党组书记/主要负责人: first person responsible, signs the reports.
    pub org_secretary: String,
    /// 填报单位 printed on the ledger.
    pub unit_name: String,
    /// 部署机关 named in the feedback's opening (e.g. 区委).
    pub authority: String,
    pub onsite_start: Option<NaiveDate>,
    pub onsite_end: Option<NaiveDate>,
    pub feedback_date: Option<NaiveDate>,
    /// 整改方案 due within this many working days of feedback.
    pub plan_due_workdays: u32,
    /// 整改专题民主生活会 due within this many months of feedback.
    pub meeting_due_months: u32,
    /// 整改情况报告 due within this many months of feedback (`report_due`).
    pub report_due_months: u32,
    /// 双审核: close-outs need a first review (初审) and a final one (终审).
    #[serde(default)]
    pub dual_review: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// The dates derived from the feedback date and the inspection's settings.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InspectionDeadlines {
    pub plan_due: NaiveDate,
    pub meeting_due: NaiveDate,
    pub report_due: NaiveDate,
}

/// A category of findings (一、…方面), ordered within its inspection.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub id: i64,
    pub inspection_id: i64,
    pub seq: i64,
    pub name: String,
}

/// The four default categories (四个落实), editable per inspection.
pub const DEFAULT_CATEGORIES: [&str; 4] = [
    "贯彻落实党的理论和路线方针政策及党中央重大决策部署方面",
    "落实全面从严治党主体责任和监督责任方面",
    "落实新时代党的组织路线方面",
    "落实巡视巡察、审计等监督发现问题整改方面",
];

/// 反馈问题: one problem in the feedback.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub id: i64,
    pub inspection_id: i64,
    /// Sequence number within the inspection (the order it was entered in).
    pub seq: i64,
    /// Derived: where the documents number it, （二）3 — its category's place and its own
    /// place there, as the feedback report, the ledger and the lists write it.
    #[serde(default)]
    pub number: String,
    pub category_id: i64,
    pub category: String,
    /// 反馈问题 (one line).
    pub title: String,
    /// 具体表现 (paragraphs).
    pub manifestation: String,
    pub nature: Nature,
    /// 来源: 巡察发现, 群众来信来访, 审计, 上轮巡察未整改…
    pub source: String,
    pub found_on: Option<NaiveDate>,
    /// Special areas (选人用人, 意识形态…).
    pub tags: Vec<String>,
    pub working_paper_id: Option<i64>,
    /// Derived from the tasks.
    pub status: Status,
    /// Derived official counting.
    pub completion: Completion,
    pub overdue: bool,
    pub tasks: Vec<Task>,
    pub created_at: String,
    pub updated_at: String,
}

/// 整改责任分工: the five roles on a task.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// 牵头领导.
    pub lead_leader: String,
    /// 责任领导.
    pub responsible_leader: String,
    /// 牵头单位.
    pub lead_unit: String,
    /// 责任单位 (several).
    pub responsible_units: Vec<String>,
    /// 责任人.
    pub responsible_person: String,
}

/// 阶段目标 of a long-term task.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub due_on: NaiveDate,
    pub target: String,
    #[serde(default)]
    pub done: bool,
}

/// 整改任务: one concrete measure for a finding.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: i64,
    pub finding_id: i64,
    /// Order within the finding.
    pub seq: i64,
    /// 整改措施.
    pub measure: String,
    /// 整改目标.
    pub goal: String,
    /// 验收标准.
    pub acceptance: String,
    pub deadline_kind: DeadlineKind,
    pub deadline: Option<NaiveDate>,
    pub milestones: Vec<Milestone>,
    pub status: Status,
    #[serde(flatten)]
    pub assignment: Assignment,
    /// 备注.
    pub note: String,
    /// Derived: deadline (or a milestone) passed and not done.
    pub overdue: bool,
    /// Derived warning colour.
    pub warning: Option<Warning>,
    /// Derived: days until the deadline (negative when passed).
    pub days_left: Option<i64>,
    /// Derived: the deadline as every document writes it (立行立改, 长期坚持 with its stages…).
    #[serde(default)]
    pub deadline_text: String,
    /// Derived: days left as words (剩3天, 逾期5天), empty when done.
    #[serde(default)]
    pub days_left_text: String,
    pub created_at: String,
    pub updated_at: String,
}

/// 整改进展: a dated entry on a task.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub id: i64,
    pub task_id: i64,
    pub entered_on: NaiveDate,
    pub text: String,
    /// Who did or reported it.
    pub by: String,
    /// The status the task moved to with this entry, if any.
    pub status_after: Option<Status>,
    /// 追缴/清退资金, in 万元.
    pub funds_recovered: f64,
    pub evidence: Vec<Evidence>,
    pub created_at: String,
}

/// 佐证材料: a file copied into the data folder, named by its SHA-256.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub id: i64,
    pub task_id: i64,
    pub progress_id: Option<i64>,
    /// The name the user's file had (sanitised).
    pub file_name: String,
    pub sha256: String,
    pub size: i64,
    pub added_at: String,
}

/// 销号: a close-out request and its review.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CloseOut {
    pub id: i64,
    pub task_id: i64,
    pub requested_on: NaiveDate,
    pub requested_by: String,
    /// 提请说明.
    pub summary: String,
    pub state: CloseOutState,
    /// The (final, under 双审核) review: date, 验收/审核/签字 persons, 验收意见.
    pub reviewed_on: Option<NaiveDate>,
    pub approvers: Vec<String>,
    pub verdict: String,
    /// 双审核's first review (初审): date, reviewers and opinion; empty otherwise.
    #[serde(default)]
    pub first_reviewed_on: Option<NaiveDate>,
    #[serde(default)]
    pub first_reviewers: Vec<String>,
    #[serde(default)]
    pub first_opinion: String,
}

/// A closed task reopened (问题反弹).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reopening {
    pub id: i64,
    pub task_id: i64,
    pub reopened_on: NaiveDate,
    pub reason: String,
    pub by: String,
}

/// 回头看: a later check that rectification held.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUpCheck {
    pub id: i64,
    pub inspection_id: i64,
    pub finding_id: Option<i64>,
    pub task_id: Option<i64>,
    pub checked_on: NaiveDate,
    pub checked_by: String,
    pub result: FollowUpResult,
    pub notes: String,
}

/// 建章立制: a rule made, revised or abolished.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Regulation {
    pub id: i64,
    pub inspection_id: i64,
    pub finding_id: Option<i64>,
    pub name: String,
    pub action: RegulationAction,
    pub issued_on: NaiveDate,
    /// 文号.
    pub doc_no: String,
}

/// 问责: a person held accountable.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Accountability {
    pub id: i64,
    pub inspection_id: i64,
    pub finding_id: Option<i64>,
    pub person: String,
    /// 职务.
    pub position: String,
    /// 谈话提醒, 批评教育, 诫勉, 通报批评, 党纪政务处分…
    pub form: String,
    pub decided_on: NaiveDate,
    pub notes: String,
}

/// 问题线索: kept apart from findings and never printed in reports.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lead {
    pub id: i64,
    pub inspection_id: i64,
    /// 反映对象.
    pub person: String,
    pub position: String,
    pub summary: String,
    pub found_on: Option<NaiveDate>,
    pub transfer: Option<Transfer>,
}

/// 移交 of a lead.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    /// 纪委监委 or 组织部.
    pub to: String,
    pub on: NaiveDate,
    /// 回执编号.
    pub receipt_no: String,
}

/// 立行立改: fixed on the spot during the inspection.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImmediateFix {
    pub id: i64,
    pub inspection_id: i64,
    pub finding_id: Option<i64>,
    pub title: String,
    /// What was done.
    pub action: String,
    pub fixed_on: Option<NaiveDate>,
}

/// 意见建议 of the team.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub id: i64,
    pub inspection_id: i64,
    pub seq: i64,
    pub text: String,
}

/// 问题底稿: the team's record of a problem while on site.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkingPaper {
    pub id: i64,
    pub inspection_id: i64,
    /// e.g. [2025]X巡-3组-05号.
    pub number: String,
    pub title: String,
    pub manifestation: String,
    /// 定性依据.
    pub basis: String,
    /// Numbered evidence list.
    pub evidence_list: Vec<String>,
    /// 主体责任.
    pub principal_responsibility: String,
    /// 第一责任人.
    pub first_responsible: String,
    /// 监督责任.
    pub supervisory_responsibility: String,
    pub found_by: String,
    pub found_on: Option<NaiveDate>,
    /// 组务会审议意见.
    pub review: String,
    /// 组长签字.
    pub signed_by: String,
    pub status: PaperStatus,
    pub finding_id: Option<i64>,
}

/// A person or unit in the directory.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryEntry {
    pub id: i64,
    pub kind: DirectoryKind,
    pub name: String,
    /// 职务 of a person.
    pub position: String,
    /// The unit a person belongs to.
    pub unit: String,
}

/// One row of the hash-chained audit log.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub operator: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// A 督办 letter in the register: issued for one task in one warning state, numbered per
/// inspection and year (〔2026〕3号), never renumbered; voided, it keeps its number.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupervisionLetter {
    pub id: i64,
    pub inspection_id: i64,
    /// `None` once the task was deleted (the letter stays in the register).
    pub task_id: Option<i64>,
    pub kind: LetterKind,
    pub year: i32,
    pub number: i64,
    /// Derived: 〔2026〕3号.
    #[serde(default)]
    pub number_text: String,
    pub issued_on: NaiveDate,
    pub issued_by: String,
    /// The due date the letter was issued for, and the days left then (negative: overdue).
    pub due_on: Option<NaiveDate>,
    pub days_left: Option<i64>,
    /// 回复期限.
    pub reply_by: NaiveDate,
    /// What it was about when issued: the finding's number and the measure.
    pub subject: String,
    /// 作废: when and why; a voided letter keeps its number.
    pub voided_on: Option<NaiveDate>,
    pub void_reason: String,
}
