//! 问题录入: findings, working papers, 立行立改, 问题线索 (confidential), 意见建议,
//! and the records that hang off findings (建章立制, 问责).

use chrono::NaiveDate;
use tauri::State;

use super::state::AppState;
use super::CmdResult;
use crate::app::intake as app;
use crate::app::today;
use crate::db::leads::LeadInput;
use crate::domain::{
    Accountability, Finding, FindingInput, FindingPatch, ImmediateFix, Lead, PaperApproval,
    Recommendation, Regulation, Transfer, WorkingPaper,
};

/// Findings of an inspection with their tasks, in category then number order.
#[tauri::command(async)]
pub fn list_findings(state: State<'_, AppState>, inspection_id: i64) -> CmdResult<Vec<Finding>> {
    Ok(app::findings(&*state.db()?, Some(inspection_id), today())?)
}

/// Records a new finding.
#[tauri::command(async)]
pub fn add_finding(state: State<'_, AppState>, input: FindingInput) -> CmdResult<Finding> {
    Ok(app::add_finding(&*state.db()?, &input, today())?)
}

/// Saves changes to a finding.
#[tauri::command(async)]
pub fn update_finding(
    state: State<'_, AppState>,
    id: i64,
    patch: FindingPatch,
) -> CmdResult<Finding> {
    Ok(app::update_finding(&*state.db()?, id, &patch, today())?)
}

/// Deletes a finding that has no tasks yet.
#[tauri::command(async)]
pub fn delete_finding(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(app::delete_finding(&*state.db()?, id)?)
}

/// 立行立改 items of an inspection.
#[tauri::command(async)]
pub fn list_immediate_fixes(
    state: State<'_, AppState>,
    inspection_id: i64,
) -> CmdResult<Vec<ImmediateFix>> {
    Ok(app::immediate_fixes(&*state.db()?, inspection_id)?)
}

/// Records a 立行立改 item (`id` is ignored).
#[tauri::command(async)]
pub fn add_immediate_fix(
    state: State<'_, AppState>,
    input: ImmediateFix,
) -> CmdResult<ImmediateFix> {
    Ok(app::add_immediate_fix(&*state.db()?, &input)?)
}

/// 问题线索 of an inspection (confidential: shown only in their own tab).
#[tauri::command(async)]
pub fn list_leads(state: State<'_, AppState>, inspection_id: i64) -> CmdResult<Vec<Lead>> {
    Ok(app::leads(&*state.db()?, inspection_id)?)
}

/// Records a lead.
#[tauri::command(async)]
pub fn add_lead(state: State<'_, AppState>, input: LeadInput) -> CmdResult<Lead> {
    Ok(app::add_lead(&*state.db()?, &input)?)
}

/// 移交 of a lead.
#[tauri::command(async)]
pub fn transfer_lead(state: State<'_, AppState>, id: i64, transfer: Transfer) -> CmdResult<Lead> {
    Ok(app::transfer_lead(&*state.db()?, id, &transfer)?)
}

/// 意见建议 of an inspection.
#[tauri::command(async)]
pub fn list_recommendations(
    state: State<'_, AppState>,
    inspection_id: i64,
) -> CmdResult<Vec<Recommendation>> {
    Ok(app::recommendations(&*state.db()?, inspection_id)?)
}

/// Adds a recommendation at the end.
#[tauri::command(async)]
pub fn add_recommendation(
    state: State<'_, AppState>,
    inspection_id: i64,
    text: String,
) -> CmdResult<Recommendation> {
    Ok(app::add_recommendation(
        &*state.db()?,
        inspection_id,
        &text,
    )?)
}

/// 问题底稿 of an inspection.
#[tauri::command(async)]
pub fn list_working_papers(
    state: State<'_, AppState>,
    inspection_id: i64,
) -> CmdResult<Vec<WorkingPaper>> {
    Ok(app::working_papers(&*state.db()?, inspection_id)?)
}

/// Records a working paper (`id`, `status` and `finding_id` are ignored).
#[tauri::command(async)]
pub fn add_working_paper(
    state: State<'_, AppState>,
    input: WorkingPaper,
) -> CmdResult<WorkingPaper> {
    Ok(app::add_working_paper(&*state.db()?, &input)?)
}

/// Approves a working paper (组务会审定, 组长签字), turning it into a finding.
#[tauri::command(async)]
pub fn approve_working_paper(
    state: State<'_, AppState>,
    id: i64,
    approval: PaperApproval,
) -> CmdResult<Finding> {
    Ok(app::approve_working_paper(
        &*state.db()?,
        id,
        &approval,
        today(),
    )?)
}

/// 建章立制 of an inspection.
#[tauri::command(async)]
pub fn list_regulations(
    state: State<'_, AppState>,
    inspection_id: i64,
) -> CmdResult<Vec<Regulation>> {
    Ok(app::regulations(&*state.db()?, inspection_id)?)
}

/// Records a rule made, revised or abolished.
#[tauri::command(async)]
pub fn add_regulation(state: State<'_, AppState>, input: Regulation) -> CmdResult<Regulation> {
    Ok(app::add_regulation(&*state.db()?, &input)?)
}

/// 问责 of an inspection.
#[tauri::command(async)]
pub fn list_accountabilities(
    state: State<'_, AppState>,
    inspection_id: i64,
) -> CmdResult<Vec<Accountability>> {
    Ok(app::accountabilities(&*state.db()?, inspection_id)?)
}

/// Records a person held accountable.
#[tauri::command(async)]
pub fn add_accountability(
    state: State<'_, AppState>,
    input: Accountability,
) -> CmdResult<Accountability> {
    Ok(app::add_accountability(&*state.db()?, &input)?)
}

/// Parses a date the user typed in any form ledgers use (for paste-in fields).
#[tauri::command(async)]
pub fn parse_date(text: String) -> CmdResult<Option<NaiveDate>> {
    Ok(crate::domain::dates::parse_date(&text, None))
}
