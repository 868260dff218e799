//! 挂图作战 actions on one task: progress with evidence, close-out request and review,
//! reopening, and 回头看 follow-up checks.

use tauri::State;

use super::dto::{ReviewInput, TaskDetail};
use super::state::AppState;
use super::CmdResult;
use crate::db::{self, closeout, evidence, findings, inspections, progress, records, tasks};
use crate::domain::{CloseOut, FollowUpCheck, Progress, ProgressInput, Reopening};

/// Everything about one task for its drawer.
#[tauri::command(async)]
pub fn task_detail(state: State<'_, AppState>, task_id: i64) -> CmdResult<TaskDetail> {
    let today = db::today();
    Ok(state.db()?.read(|c| {
        let task = tasks::get(c, task_id, today)?;
        let finding = findings::get(c, task.finding_id, today)?;
        let close_outs = closeout::by_task(c, Some(finding.inspection_id))?
            .remove(&task_id)
            .unwrap_or_default();
        let follow_ups = records::follow_ups(c, Some(finding.inspection_id))?
            .into_iter()
            .filter(|f| f.task_id == Some(task_id))
            .collect();
        Ok(TaskDetail {
            dual_review: inspections::get(c, finding.inspection_id)?.dual_review,
            review_step: closeout::review_step(c, task_id)?,
            progress: progress::for_task(c, task_id)?,
            evidence: evidence::for_task(c, task_id)?,
            close_outs,
            follow_ups,
            finding,
            task,
        })
    })?)
}

/// Records a progress entry; evidence files the user picked are copied into the store.
#[tauri::command(async)]
pub fn add_progress(state: State<'_, AppState>, input: ProgressInput) -> CmdResult<Progress> {
    Ok(progress::add(&*state.db()?, &input, db::today())?)
}

/// 提请销号.
#[tauri::command(async)]
pub fn request_close_out(
    state: State<'_, AppState>,
    task_id: i64,
    summary: String,
) -> CmdResult<CloseOut> {
    Ok(state
        .db()?
        .write(|tx| closeout::request_in_tx(tx, task_id, &summary, db::today()))?)
}

/// 审批 a close-out request: approve or send back. Under 双审核 this is the step the request
/// waits for (初审, then 终审, which closes the task).
#[tauri::command(async)]
pub fn review_close_out(
    state: State<'_, AppState>,
    task_id: i64,
    review: ReviewInput,
) -> CmdResult<CloseOut> {
    let step = review.step;
    let review = closeout::Review {
        approve: review.approve,
        approvers: review.approvers,
        verdict: review.verdict,
        on: review.on.unwrap_or_else(db::today),
    };
    Ok(state
        .db()?
        .write(|tx| closeout::review_step_in_tx(tx, task_id, &review, step))?)
}

/// 重新打开 a closed task (问题反弹), with a reason.
#[tauri::command(async)]
pub fn reopen_task(
    state: State<'_, AppState>,
    task_id: i64,
    reason: String,
) -> CmdResult<Reopening> {
    Ok(state
        .db()?
        .write(|tx| closeout::reopen_in_tx(tx, task_id, &reason, db::today()))?)
}

/// 回头看 checks of an inspection.
#[tauri::command(async)]
pub fn list_follow_ups(
    state: State<'_, AppState>,
    inspection_id: i64,
) -> CmdResult<Vec<FollowUpCheck>> {
    Ok(state
        .db()?
        .read(|c| records::follow_ups(c, Some(inspection_id)))?)
}

/// Records a 回头看 check (`id` is ignored); a rebound reopens the task.
#[tauri::command(async)]
pub fn add_follow_up(state: State<'_, AppState>, input: FollowUpCheck) -> CmdResult<FollowUpCheck> {
    Ok(state
        .db()?
        .write(|tx| records::add_follow_up_in_tx(tx, &input))?)
}
