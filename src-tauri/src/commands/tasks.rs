//! 责任分工 and 挂图作战: tasks under findings, the five roles (bulk assign), the
//! directory of people and units, and the board of every task.

use tauri::State;

use super::dto::{BoardFilter, BoardTask};
use super::state::AppState;
use super::CmdResult;
use crate::db::{self, directory, tasks};
use crate::domain::{AssignmentPatch, DirectoryEntry, DirectoryKind, Task, TaskInput, TaskPatch};

/// Adds a task (整改措施) under a finding.
#[tauri::command(async)]
pub fn add_task(state: State<'_, AppState>, input: TaskInput) -> CmdResult<Task> {
    Ok(state
        .db()?
        .write(|tx| tasks::add_in_tx(tx, &input, db::today()))?)
}

/// Saves changes to a task's content and deadline.
#[tauri::command(async)]
pub fn update_task(state: State<'_, AppState>, id: i64, patch: TaskPatch) -> CmdResult<Task> {
    Ok(state
        .db()?
        .write(|tx| tasks::edit_in_tx(tx, id, &patch, db::today()))?)
}

/// Sets the five roles on one or several tasks.
#[tauri::command(async)]
pub fn assign_tasks(
    state: State<'_, AppState>,
    ids: Vec<i64>,
    patch: AssignmentPatch,
) -> CmdResult<Vec<Task>> {
    Ok(state
        .db()?
        .write(|tx| tasks::assign_in_tx(tx, &ids, &patch, db::today()))?)
}

/// Marks a milestone of a long-term task reached (or not).
#[tauri::command(async)]
pub fn set_milestone_done(
    state: State<'_, AppState>,
    task_id: i64,
    index: usize,
    done: bool,
) -> CmdResult<Task> {
    Ok(state
        .db()?
        .write(|tx| tasks::set_milestone_done_in_tx(tx, task_id, index, done, db::today()))?)
}

/// Every task matching the filter, overdue first, then by days left.
#[tauri::command(async)]
pub fn board(state: State<'_, AppState>, filter: BoardFilter) -> CmdResult<Vec<BoardTask>> {
    let filter = tasks::TaskFilter {
        inspection_id: filter.inspection_id,
        category_id: filter.category_id,
        status: filter.status,
        overdue: filter.overdue,
        unit: filter.unit,
        person: filter.person,
        due_within_days: filter.due_within_days,
        ..Default::default()
    };
    let rows = state
        .db()?
        .read(|c| db::board::rows(c, &filter, db::today()))?;
    Ok(rows
        .into_iter()
        .map(|r| BoardTask {
            task: r.task,
            finding_seq: r.finding_seq,
            finding_title: r.finding_title,
            category_id: r.category_id,
            category: r.category,
            close_out_pending: r.close_out_pending,
        })
        .collect())
}

/// The directory (people or units, or both).
#[tauri::command(async)]
pub fn list_directory(
    state: State<'_, AppState>,
    kind: Option<DirectoryKind>,
) -> CmdResult<Vec<DirectoryEntry>> {
    Ok(state.db()?.read(|c| directory::list(c, kind))?)
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
    Ok(state.db()?.write(|tx| {
        directory::add_in_tx(
            tx,
            kind,
            &name,
            position.as_deref().unwrap_or(""),
            unit.as_deref().unwrap_or(""),
        )
    })?)
}
