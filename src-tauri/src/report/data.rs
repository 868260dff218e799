//! Everything one inspection's documents are composed from, read in one go.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{
    Accountability, Category, CloseOut, Finding, ImmediateFix, Inspection, Progress,
    Recommendation, Regulation,
};

/// The data behind the ledger, the feedback report and the status report.
/// Leads (问题线索) are deliberately absent: they never appear in these documents.
#[derive(Debug, Clone, Serialize)]
pub struct LedgerData {
    pub inspection: Inspection,
    /// In display order (一、二、…).
    pub categories: Vec<Category>,
    /// Ordered by category, then `seq`; each with its tasks (ordered by `seq`), with the
    /// derived status, overdue and warning filled in for `today`.
    pub findings: Vec<Finding>,
    /// Progress entries per task id, oldest first.
    pub progress: HashMap<i64, Vec<Progress>>,
    /// Close-outs per task id, oldest first.
    pub close_outs: HashMap<i64, Vec<CloseOut>>,
    pub immediate_fixes: Vec<ImmediateFix>,
    pub recommendations: Vec<Recommendation>,
    pub regulations: Vec<Regulation>,
    pub accountabilities: Vec<Accountability>,
    /// The day the derived values were computed for.
    pub today: NaiveDate,
}

/// What the rectification plan, the principal's report, the notice and the meeting report
/// say beyond the ledger: how the unit organised the work.
#[derive(Debug, Clone, Default, Serialize)]
pub struct UnitWork {
    /// The statutory deadlines from the feedback date (none before feedback).
    pub deadlines: Option<crate::domain::InspectionDeadlines>,
    pub leading_group: crate::domain::LeadingGroup,
    /// 整改专题民主生活会, by date.
    pub meetings: Vec<crate::domain::RectificationMeeting>,
    /// What the secretary personally did, by date.
    pub secretary_actions: Vec<crate::domain::SecretaryAction>,
    /// The official counts (`db::stats`): the notice states exactly these.
    pub stats: crate::domain::counting::Stats,
    /// The register of 督办 letters, in the order issued.
    pub letters: Vec<crate::domain::SupervisionLetter>,
}
