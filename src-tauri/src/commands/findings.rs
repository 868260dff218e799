//! 问题录入: findings, working papers, 立行立改, 问题线索 (confidential), 意见建议,
//! and the records that hang off findings (建章立制, 问责).

use chrono::NaiveDate;
use tauri::State;

use super::dto::LeadInputDto;
use super::state::AppState;
use super::CmdResult;
use crate::db::{self, findings, leads, records};
use crate::domain::{
    Accountability, Finding, FindingInput, FindingPatch, ImmediateFix, Lead, Nature,
    Recommendation, Regulation, Transfer, WorkingPaper,
};

/// Findings of an inspection with their tasks, in category then number order.
#[tauri::command(async)]
pub fn list_findings(state: State<'_, AppState>, inspection_id: i64) -> CmdResult<Vec<Finding>> {
    Ok(state
        .db()?
        .read(|c| findings::list(c, Some(inspection_id), db::today()))?)
}

/// Records a new finding.
#[tauri::command(async)]
pub fn add_finding(state: State<'_, AppState>, input: FindingInput) -> CmdResult<Finding> {
    Ok(state.db()?.write(|tx| findings::add_in_tx(tx, &input))?)
}

/// Saves changes to a finding.
#[tauri::command(async)]
pub fn update_finding(
    state: State<'_, AppState>,
    id: i64,
    patch: FindingPatch,
) -> CmdResult<Finding> {
    Ok(state
        .db()?
        .write(|tx| findings::edit_in_tx(tx, id, &patch, db::today()))?)
}

/// Deletes a finding that has no tasks yet.
#[tauri::command(async)]
pub fn delete_finding(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(state.db()?.write(|tx| findings::delete_in_tx(tx, id))?)
}

/// 立行立改 items of an inspection.
#[tauri::command(async)]
pub fn list_immediate_fixes(
    state: State<'_, AppState>,
    inspection_id: i64,
) -> CmdResult<Vec<ImmediateFix>> {
    Ok(state
        .db()?
        .read(|c| records::immediate_fixes(c, Some(inspection_id)))?)
}

/// Records a 立行立改 item (`id` is ignored).
#[tauri::command(async)]
pub fn add_immediate_fix(
    state: State<'_, AppState>,
    input: ImmediateFix,
) -> CmdResult<ImmediateFix> {
    Ok(state
        .db()?
        .write(|tx| records::add_immediate_fix_in_tx(tx, &input))?)
}

/// 问题线索 of an inspection (confidential: shown only in their own tab).
#[tauri::command(async)]
pub fn list_leads(state: State<'_, AppState>, inspection_id: i64) -> CmdResult<Vec<Lead>> {
    Ok(state.db()?.read(|c| leads::list(c, inspection_id))?)
}

/// Records a lead.
#[tauri::command(async)]
pub fn add_lead(state: State<'_, AppState>, input: LeadInputDto) -> CmdResult<Lead> {
    let input = leads::LeadInput {
        inspection_id: input.inspection_id,
        person: input.person,
        position: input.position,
        summary: input.summary,
        found_on: input.found_on,
    };
    Ok(state.db()?.write(|tx| leads::add_in_tx(tx, &input))?)
}

/// 移交 of a lead.
#[tauri::command(async)]
pub fn transfer_lead(state: State<'_, AppState>, id: i64, transfer: Transfer) -> CmdResult<Lead> {
    Ok(state
        .db()?
        .write(|tx| leads::transfer_in_tx(tx, id, &transfer))?)
}

/// 意见建议 of an inspection.
#[tauri::command(async)]
pub fn list_recommendations(
    state: State<'_, AppState>,
    inspection_id: i64,
) -> CmdResult<Vec<Recommendation>> {
    Ok(state
        .db()?
        .read(|c| records::recommendations(c, Some(inspection_id)))?)
}

/// Adds a recommendation at the end.
#[tauri::command(async)]
pub fn add_recommendation(
    state: State<'_, AppState>,
    inspection_id: i64,
    text: String,
) -> CmdResult<Recommendation> {
    Ok(state
        .db()?
        .write(|tx| records::add_recommendation_in_tx(tx, inspection_id, &text))?)
}

/// 问题底稿 of an inspection.
#[tauri::command(async)]
pub fn list_working_papers(
    state: State<'_, AppState>,
    inspection_id: i64,
) -> CmdResult<Vec<WorkingPaper>> {
    Ok(state
        .db()?
        .read(|c| records::working_papers(c, Some(inspection_id)))?)
}

/// Records a working paper (`id`, `status` and `finding_id` are ignored).
#[tauri::command(async)]
pub fn add_working_paper(
    state: State<'_, AppState>,
    input: WorkingPaper,
) -> CmdResult<WorkingPaper> {
    Ok(state
        .db()?
        .write(|tx| records::add_working_paper_in_tx(tx, &input))?)
}

/// Approves a working paper (组务会审定, 组长签字), turning it into a finding.
#[tauri::command(async)]
pub fn approve_working_paper(
    state: State<'_, AppState>,
    id: i64,
    category: String,
    signed_by: String,
    review: String,
    nature: Nature,
) -> CmdResult<Finding> {
    Ok(state.db()?.write(|tx| {
        records::approve_working_paper_in_tx(
            tx,
            id,
            &category,
            &signed_by,
            &review,
            nature,
            db::today(),
        )
    })?)
}

/// 建章立制 of an inspection.
#[tauri::command(async)]
pub fn list_regulations(
    state: State<'_, AppState>,
    inspection_id: i64,
) -> CmdResult<Vec<Regulation>> {
    Ok(state
        .db()?
        .read(|c| records::regulations(c, Some(inspection_id)))?)
}

/// Records a rule made, revised or abolished.
#[tauri::command(async)]
pub fn add_regulation(state: State<'_, AppState>, input: Regulation) -> CmdResult<Regulation> {
    Ok(state
        .db()?
        .write(|tx| records::add_regulation_in_tx(tx, &input))?)
}

/// 问责 of an inspection.
#[tauri::command(async)]
pub fn list_accountabilities(
    state: State<'_, AppState>,
    inspection_id: i64,
) -> CmdResult<Vec<Accountability>> {
    Ok(state
        .db()?
        .read(|c| records::accountabilities(c, Some(inspection_id)))?)
}

/// Records a person held accountable.
#[tauri::command(async)]
pub fn add_accountability(
    state: State<'_, AppState>,
    input: Accountability,
) -> CmdResult<Accountability> {
    Ok(state
        .db()?
        .write(|tx| records::add_accountability_in_tx(tx, &input))?)
}

/// Parses a date the user typed in any form ledgers use (for paste-in fields).
#[tauri::command(async)]
pub fn parse_date(text: String) -> CmdResult<Option<NaiveDate>> {
    Ok(crate::domain::dates::parse_date(&text, None))
}
