//! The board (挂图作战): every task matching a filter with its finding and category, and
//! whether a close-out request waits for review, overdue first, then by days left.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::closeout::PENDING_STATES;
use super::findings;
use super::tasks::{self, Joined, TaskFilter};
use crate::domain::{SupervisionLetter, Task};
use crate::Result;

/// One task on the board.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BoardRow {
    pub task: Task,
    pub finding_seq: i64,
    /// Where the documents number the finding: （二）3.
    pub finding_number: String,
    pub inspection_id: i64,
    pub finding_title: String,
    pub category_id: i64,
    pub category: String,
    /// A close-out request is waiting for review.
    pub close_out_pending: bool,
    /// The last 督办 letter issued for the task and not voided, if any.
    #[serde(default)]
    pub letter: Option<SupervisionLetter>,
}

impl AsRef<Task> for BoardRow {
    fn as_ref(&self) -> &Task {
        &self.task
    }
}

impl AsMut<Task> for BoardRow {
    fn as_mut(&mut self) -> &mut Task {
        &mut self.task
    }
}

/// The board's rows for `filter` on `today`: overdue first, then by days left (no due date
/// last), then by finding and task number.
pub fn rows(conn: &Connection, filter: &TaskFilter, today: NaiveDate) -> Result<Vec<BoardRow>> {
    let columns = format!(
        ", f.seq, f.title, f.category_id, c.name,
         t.id IN (SELECT task_id FROM close_outs WHERE state IN ({})), f.inspection_id",
        *PENDING_STATES
    );
    let joined = Joined {
        columns: &columns,
        joins: "JOIN findings f ON f.id = t.finding_id JOIN categories c ON c.id = f.category_id",
    };
    let mut rows = tasks::list_joined(conn, filter, today, &joined, |task, r| {
        Ok(BoardRow {
            task,
            finding_seq: r.get(16)?,
            finding_title: r.get(17)?,
            category_id: r.get(18)?,
            category: r.get(19)?,
            close_out_pending: r.get(20)?,
            finding_number: String::new(),
            inspection_id: r.get(21)?,
            letter: None,
        })
    })?;
    let mut last_letter: HashMap<i64, SupervisionLetter> = HashMap::new();
    for l in super::letters::list(conn, filter.inspection_id, None)? {
        if let (Some(task), None) = (l.task_id, l.voided_on) {
            last_letter.insert(task, l);
        }
    }
    // The documents' numbers, once per inspection on the board.
    let mut numbers: HashMap<i64, HashMap<i64, String>> = HashMap::new();
    for r in &mut rows {
        let of_inspection = match numbers.entry(r.inspection_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(findings::numbers(conn, r.inspection_id)?)
            }
        };
        r.finding_number = of_inspection
            .get(&r.task.finding_id)
            .cloned()
            .unwrap_or_default();
        r.letter = last_letter.remove(&r.task.id);
    }
    // Keys computed once; the rows (large) are moved once each, not at every comparison.
    rows.sort_by_cached_key(|r| {
        (
            !r.task.overdue,
            r.task.days_left.unwrap_or(i64::MAX),
            r.finding_seq,
            r.task.seq,
        )
    });
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{closeout, evidence, findings, Db};
    use crate::domain::Status;

    #[test]
    fn overdue_first_then_days_left_with_findings_and_pending_close_outs() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.db")).unwrap();
        let today = crate::db::today();
        let inspection = crate::demo::load(&db, today).unwrap();
        let filter = TaskFilter {
            inspection_id: Some(inspection),
            ..Default::default()
        };
        // A completed task with evidence, put forward for close-out.
        let asked = db
            .read(|c| {
                let done = TaskFilter {
                    status: Some(Status::Completed),
                    ..filter.clone()
                };
                for t in tasks::list(c, &done, today)? {
                    if closeout::pending(c, t.id)?.is_none()
                        && !evidence::for_task(c, t.id)?.is_empty()
                    {
                        return Ok(t.id);
                    }
                }
                panic!("the demo has a completed task with evidence");
            })
            .unwrap();
        db.write(|tx| closeout::request_in_tx(tx, asked, "齐全", today))
            .unwrap();

        let rows = db.read(|c| rows(c, &filter, today)).unwrap();
        let all = db.read(|c| tasks::list(c, &filter, today)).unwrap();
        assert_eq!(rows.len(), all.len());
        assert!(rows.iter().any(|r| r.task.overdue));
        let keys: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    !r.task.overdue,
                    r.task.days_left.unwrap_or(i64::MAX),
                    r.finding_seq,
                    r.task.seq,
                )
            })
            .collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
        let pending: Vec<i64> = rows
            .iter()
            .filter(|r| r.close_out_pending)
            .map(|r| r.task.id)
            .collect();
        let mut before = db
            .read(|c| {
                let mut n = vec![];
                for t in &all {
                    if closeout::pending(c, t.id)?.is_some() {
                        n.push(t.id);
                    }
                }
                Ok(n)
            })
            .unwrap();
        assert!(pending.contains(&asked));
        let mut sorted = pending.clone();
        sorted.sort();
        before.sort();
        assert_eq!(sorted, before);
        for r in &rows {
            let f = db
                .read(|c| findings::get(c, r.task.finding_id, today))
                .unwrap();
            assert_eq!(
                (r.finding_seq, &r.finding_title, r.category_id, &r.category),
                (f.seq, &f.title, f.category_id, &f.category)
            );
        }
    }
}
