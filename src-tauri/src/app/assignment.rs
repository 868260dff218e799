//! 整改责任分工: tasks (measures) under findings with their deadlines, the five roles (also
//! set on many tasks at once), and the directory of people and units they name.

use chrono::NaiveDate;

use crate::db::{directory, tasks, Db};
use crate::domain::{AssignmentPatch, DirectoryEntry, DirectoryKind, Task, TaskInput, TaskPatch};
use crate::Result;

/// Tasks matching `filter`, ordered by finding and sequence.
pub fn tasks(db: &Db, filter: &tasks::TaskFilter, today: NaiveDate) -> Result<Vec<Task>> {
    db.read(|c| tasks::list(c, filter, today))
}

/// Adds a task (整改措施) under a finding.
pub fn add_task(db: &Db, input: &TaskInput, today: NaiveDate) -> Result<Task> {
    db.write(|tx| tasks::add_in_tx(tx, input, today))
}

/// Saves changes to a task's content and deadline.
pub fn update_task(db: &Db, id: i64, patch: &TaskPatch, today: NaiveDate) -> Result<Task> {
    db.write(|tx| tasks::edit_in_tx(tx, id, patch, today))
}

/// Sets the five roles on one or several tasks; returns them as they now read.
pub fn assign(
    db: &Db,
    ids: &[i64],
    patch: &AssignmentPatch,
    today: NaiveDate,
) -> Result<Vec<Task>> {
    db.write(|tx| tasks::assign_in_tx(tx, ids, patch, today))?;
    let filter = tasks::TaskFilter {
        task_ids: Some(ids.to_vec()),
        ..Default::default()
    };
    tasks(db, &filter, today)
}

/// Marks a milestone of a long-term task reached (or not); `index` counts from 0.
pub fn set_milestone_done(
    db: &Db,
    task_id: i64,
    index: usize,
    done: bool,
    today: NaiveDate,
) -> Result<Task> {
    db.write(|tx| tasks::set_milestone_done_in_tx(tx, task_id, index, done, today))
}

/// The directory (people or units, or both).
pub fn directory(db: &Db, kind: Option<DirectoryKind>) -> Result<Vec<DirectoryEntry>> {
    db.read(|c| directory::list(c, kind))
}

/// Adds a person or unit to the directory.
pub fn add_directory_entry(
    db: &Db,
    kind: DirectoryKind,
    name: &str,
    position: &str,
    unit: &str,
) -> Result<DirectoryEntry> {
    db.write(|tx| directory::add_in_tx(tx, kind, name, position, unit))
}
