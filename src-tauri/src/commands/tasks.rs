//! 责任分工 and 挂图作战: tasks under findings, the five roles (bulk assign), the
//! directory of people and units, and the board of every task.

use std::collections::{HashMap, HashSet};

use tauri::State;

use super::dto::{BoardFilter, BoardTask};
use super::state::AppState;
use super::CmdResult;
use crate::db::{self, directory, tasks};
use crate::domain::{AssignmentPatch, DirectoryEntry, DirectoryKind, Task, TaskInput, TaskPatch};
use crate::Result;

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
    Ok(state.db()?.read(|c| board_rows(c, &filter))?)
}

fn board_rows(c: &rusqlite::Connection, filter: &BoardFilter) -> Result<Vec<BoardTask>> {
    let today = db::today();
    let list = tasks::list(
        c,
        &tasks::TaskFilter {
            inspection_id: filter.inspection_id,
            category_id: filter.category_id,
            status: filter.status,
            overdue: filter.overdue,
            unit: filter.unit.clone().filter(|u| !u.trim().is_empty()),
            person: filter.person.clone().filter(|p| !p.trim().is_empty()),
            due_within_days: filter.due_within_days,
            ..Default::default()
        },
        today,
    )?;
    let mut stmt = c.prepare(
        "SELECT f.id, f.seq, f.title, f.category_id, c.name FROM findings f
         JOIN categories c ON c.id = f.category_id WHERE ?1 IS NULL OR f.inspection_id = ?1",
    )?;
    let findings: HashMap<i64, (i64, String, i64, String)> = stmt
        .query_map([filter.inspection_id], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt =
        c.prepare("SELECT task_id FROM close_outs WHERE state IN ('requested', 'first_approved')")?;
    let pending: HashSet<i64> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut rows: Vec<BoardTask> = list
        .into_iter()
        .filter_map(|task| {
            let (seq, title, cat_id, cat) = findings.get(&task.finding_id)?.clone();
            Some(BoardTask {
                close_out_pending: pending.contains(&task.id),
                task,
                finding_seq: seq,
                finding_title: title,
                category_id: cat_id,
                category: cat,
            })
        })
        .collect();
    rows.sort_by_key(|r| {
        (
            !r.task.overdue,
            r.task.days_left.unwrap_or(i64::MAX),
            r.finding_seq,
            r.task.seq,
        )
    });
    Ok(rows)
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
