//! 问题录入: findings, working papers, 立行立改, 问题线索 (confidential), 意见建议, and the
//! records that hang off findings (建章立制, 问责).

use chrono::NaiveDate;

use crate::db::leads::LeadInput;
use crate::db::{findings, leads, records, Db};
use crate::domain::{
    Accountability, Finding, FindingInput, FindingPatch, ImmediateFix, Lead, PaperApproval,
    Recommendation, Regulation, Transfer, WorkingPaper,
};
use crate::Result;

/// Findings of an inspection (`None`: of all) with their tasks, in category then number
/// order.
pub fn findings(db: &Db, inspection: Option<i64>, today: NaiveDate) -> Result<Vec<Finding>> {
    db.read(|c| findings::list(c, inspection, today))
}

/// One finding with its tasks.
pub fn finding(db: &Db, id: i64, today: NaiveDate) -> Result<Finding> {
    db.read(|c| findings::get(c, id, today))
}

/// Records a new finding; returns it as it reads now, with its number in the documents.
pub fn add_finding(db: &Db, input: &FindingInput, today: NaiveDate) -> Result<Finding> {
    let f = db.write(|tx| findings::add_in_tx(tx, input))?;
    finding(db, f.id, today)
}

/// Saves changes to a finding.
pub fn update_finding(db: &Db, id: i64, patch: &FindingPatch, today: NaiveDate) -> Result<Finding> {
    db.write(|tx| findings::edit_in_tx(tx, id, patch, today))
}

/// Deletes a finding that has no tasks yet.
pub fn delete_finding(db: &Db, id: i64) -> Result<()> {
    db.write(|tx| findings::delete_in_tx(tx, id))
}

/// 问题底稿 of an inspection.
pub fn working_papers(db: &Db, inspection: i64) -> Result<Vec<WorkingPaper>> {
    db.read(|c| records::working_papers(c, Some(inspection)))
}

/// Records a working paper (`id`, `status` and `finding_id` are ignored).
pub fn add_working_paper(db: &Db, input: &WorkingPaper) -> Result<WorkingPaper> {
    db.write(|tx| records::add_working_paper_in_tx(tx, input))
}

/// Approves a working paper, turning it into a finding.
pub fn approve_working_paper(
    db: &Db,
    id: i64,
    a: &PaperApproval,
    today: NaiveDate,
) -> Result<Finding> {
    db.write(|tx| records::approve_working_paper_in_tx(tx, id, a, today))
}

/// 立行立改 items of an inspection.
pub fn immediate_fixes(db: &Db, inspection: i64) -> Result<Vec<ImmediateFix>> {
    db.read(|c| records::immediate_fixes(c, Some(inspection)))
}

/// Records a 立行立改 item (`id` is ignored).
pub fn add_immediate_fix(db: &Db, input: &ImmediateFix) -> Result<ImmediateFix> {
    db.write(|tx| records::add_immediate_fix_in_tx(tx, input))
}

/// 问题线索 of an inspection (confidential: shown only in their own tab).
pub fn leads(db: &Db, inspection: i64) -> Result<Vec<Lead>> {
    db.read(|c| leads::list(c, inspection))
}

/// Records a lead.
pub fn add_lead(db: &Db, input: &LeadInput) -> Result<Lead> {
    db.write(|tx| leads::add_in_tx(tx, input))
}

/// 移交 of a lead.
pub fn transfer_lead(db: &Db, id: i64, transfer: &Transfer) -> Result<Lead> {
    db.write(|tx| leads::transfer_in_tx(tx, id, transfer))
}

/// 意见建议 of an inspection.
pub fn recommendations(db: &Db, inspection: i64) -> Result<Vec<Recommendation>> {
    db.read(|c| records::recommendations(c, Some(inspection)))
}

/// Adds a recommendation at the end.
pub fn add_recommendation(db: &Db, inspection: i64, text: &str) -> Result<Recommendation> {
    db.write(|tx| records::add_recommendation_in_tx(tx, inspection, text))
}

/// 建章立制 of an inspection.
pub fn regulations(db: &Db, inspection: i64) -> Result<Vec<Regulation>> {
    db.read(|c| records::regulations(c, Some(inspection)))
}

/// Records a rule made, revised or abolished (`id` is ignored).
pub fn add_regulation(db: &Db, input: &Regulation) -> Result<Regulation> {
    db.write(|tx| records::add_regulation_in_tx(tx, input))
}

/// 问责 of an inspection.
pub fn accountabilities(db: &Db, inspection: i64) -> Result<Vec<Accountability>> {
    db.read(|c| records::accountabilities(c, Some(inspection)))
}

/// Records a person held accountable (`id` is ignored).
pub fn add_accountability(db: &Db, input: &Accountability) -> Result<Accountability> {
    db.write(|tx| records::add_accountability_in_tx(tx, input))
}
