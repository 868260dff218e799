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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{dashboard, exports, tracking};
    use crate::domain::AssignmentPatch;

    #[test]
    fn a_reassignment_through_the_app_layer_reads_back_everywhere() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.db")).unwrap();
        let today = crate::db::today();
        let insp = crate::demo::load(&db, today).unwrap();
        let all = tasks(&db, &tasks::TaskFilter::default(), today).unwrap();
        let id = all[0].id;
        let units = vec!["纪检组".to_owned(), "人事科".to_owned()];
        let patch = AssignmentPatch {
            responsible_units: Some(units.clone()),
            ..Default::default()
        };
        let out = assign(&db, &[id], &patch, today).unwrap();
        assert_eq!(out[0].assignment.responsible_units, units);

        let detail = tracking::task_detail(&db, id, today).unwrap();
        assert_eq!(detail.task.assignment.responsible_units, units);
        let by_unit = tasks::TaskFilter {
            unit: Some("纪检组".into()),
            ..Default::default()
        };
        let found = tasks(&db, &by_unit, today).unwrap();
        assert!(found
            .iter()
            .any(|t| t.id == id && t.assignment.responsible_units == units));
        let stats = dashboard::stats(&db, Some(insp), today).unwrap();
        assert!(stats
            .by_unit
            .iter()
            .any(|g| g.name == "纪检组" && g.tasks.total >= 1));

        let out = dir.path().join("台账.xlsx");
        exports::export(
            &db,
            exports::DocumentKind::Ledger,
            &Default::default(),
            &out,
            today,
        )
        .unwrap();
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
        let sheet = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&sheet).unwrap();
        let cells: Vec<String> = range.rows().flatten().map(|c| c.to_string()).collect();
        assert!(
            cells.iter().any(|c| c == "纪检组、人事科"),
            "the ledger shows the new units"
        );
    }
}
