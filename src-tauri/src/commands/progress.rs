//! 挂图作战 actions on one task: progress with evidence, close-out request and review,
//! reopening, and 回头看 follow-up checks.

use tauri::State;

use super::state::AppState;
use super::CmdResult;
use crate::app::{today, tracking as app, ReviewInput, TaskDetail};
use crate::domain::{
    CloseOut, FollowUpCheck, Progress, ProgressInput, Reopening, SupervisionLetter,
};

/// Everything about one task for its drawer.
#[tauri::command(async)]
pub fn task_detail(state: State<'_, AppState>, task_id: i64) -> CmdResult<TaskDetail> {
    Ok(app::task_detail(&*state.db()?, task_id, today())?)
}

/// Records a progress entry; evidence files the user picked are copied into the store.
#[tauri::command(async)]
pub fn add_progress(state: State<'_, AppState>, input: ProgressInput) -> CmdResult<Progress> {
    Ok(app::add_progress(&*state.db()?, &input, today())?)
}

/// 提请销号.
#[tauri::command(async)]
pub fn request_close_out(
    state: State<'_, AppState>,
    task_id: i64,
    summary: String,
) -> CmdResult<CloseOut> {
    Ok(app::request_close_out(
        &*state.db()?,
        task_id,
        &summary,
        None,
        today(),
    )?)
}

/// 审批 a close-out request: approve or send back. Under 双审核 this is the step the request
/// waits for (初审, then 终审, which closes the task).
#[tauri::command(async)]
pub fn review_close_out(
    state: State<'_, AppState>,
    task_id: i64,
    review: ReviewInput,
) -> CmdResult<CloseOut> {
    Ok(app::review_close_out(
        &*state.db()?,
        task_id,
        &review,
        today(),
    )?)
}

/// 作废 a 督办 letter, with a reason (its number is never given again).
#[tauri::command(async)]
pub fn void_letter(
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> CmdResult<SupervisionLetter> {
    Ok(crate::app::supervision::void(
        &*state.db()?,
        id,
        &reason,
        None,
        today(),
    )?)
}

/// 重新打开 a closed task (问题反弹), with a reason.
#[tauri::command(async)]
pub fn reopen_task(
    state: State<'_, AppState>,
    task_id: i64,
    reason: String,
) -> CmdResult<Reopening> {
    Ok(app::reopen(&*state.db()?, task_id, &reason, None, today())?)
}

/// 回头看 checks of an inspection.
#[tauri::command(async)]
pub fn list_follow_ups(
    state: State<'_, AppState>,
    inspection_id: i64,
) -> CmdResult<Vec<FollowUpCheck>> {
    Ok(app::follow_ups(&*state.db()?, inspection_id)?)
}

/// Records a 回头看 check (`id` is ignored); a rebound reopens the task.
#[tauri::command(async)]
pub fn add_follow_up(state: State<'_, AppState>, input: FollowUpCheck) -> CmdResult<FollowUpCheck> {
    Ok(app::add_follow_up(&*state.db()?, &input)?)
}
