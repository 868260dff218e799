//! 责任分工 and 挂图作战: tasks under findings, the five roles (bulk assign), the
//! directory of people and units, and the board of every task.

use tauri::State;

use super::state::AppState;
use super::CmdResult;
use crate::app::{assignment as app, today, tracking, BoardFilter, BoardTask};
use crate::domain::{AssignmentPatch, DirectoryEntry, DirectoryKind, Task, TaskInput, TaskPatch};

/// Adds a task (整改措施) under a finding.
#[tauri::command(async)]
pub fn add_task(state: State<'_, AppState>, input: TaskInput) -> CmdResult<Task> {
    Ok(app::add_task(&*state.db()?, &input, today())?)
}

/// Saves changes to a task's content and deadline.
#[tauri::command(async)]
pub fn update_task(state: State<'_, AppState>, id: i64, patch: TaskPatch) -> CmdResult<Task> {
    Ok(app::update_task(&*state.db()?, id, &patch, today())?)
}

/// Sets the five roles on one or several tasks.
#[tauri::command(async)]
pub fn assign_tasks(
    state: State<'_, AppState>,
    ids: Vec<i64>,
    patch: AssignmentPatch,
) -> CmdResult<Vec<Task>> {
    Ok(app::assign(&*state.db()?, &ids, &patch, today())?)
}

/// Marks a milestone of a long-term task reached (or not).
#[tauri::command(async)]
pub fn set_milestone_done(
    state: State<'_, AppState>,
    task_id: i64,
    index: usize,
    done: bool,
) -> CmdResult<Task> {
    Ok(app::set_milestone_done(
        &*state.db()?,
        task_id,
        index,
        done,
        today(),
    )?)
}

/// Every task matching the filter, overdue first, then by days left.
#[tauri::command(async)]
pub fn board(state: State<'_, AppState>, filter: BoardFilter) -> CmdResult<Vec<BoardTask>> {
    Ok(tracking::board(&*state.db()?, &(&filter).into(), today())?)
}

/// The directory (people or units, or both).
#[tauri::command(async)]
pub fn list_directory(
    state: State<'_, AppState>,
    kind: Option<DirectoryKind>,
) -> CmdResult<Vec<DirectoryEntry>> {
    Ok(app::directory(&*state.db()?, kind)?)
}

/// Adds a person or unit to the directory.
#[tauri::command(async)]
pub fn add_directory_entry(
    state: State<'_, AppState>,
    kind: DirectoryKind,
    name: String,
    position: Option<String>,
    unit: Option<String>,
) -> CmdResult<DirectoryEntry> {
    Ok(app::add_directory_entry(
        &*state.db()?,
        kind,
        &name,
        position.as_deref().unwrap_or(""),
        unit.as_deref().unwrap_or(""),
    )?)
}
