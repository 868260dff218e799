//! The board (挂图作战): every task matching a filter with its finding and category, and
//! whether a close-out request waits for review, overdue first, then by days left.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::closeout::PENDING_STATES;
use super::tasks::{self, TaskFilter};
use crate::domain::Task;
use crate::Result;

/// One task on the board.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BoardRow {
    pub task: Task,
    pub finding_seq: i64,
    pub finding_title: String,
    pub category_id: i64,
    pub category: String,
    /// A close-out request is waiting for review.
    pub close_out_pending: bool,
}

/// The board's rows for `filter` on `today`: overdue first, then by days left (no due date
/// last), then by finding and task number.
pub fn rows(conn: &Connection, filter: &TaskFilter, today: NaiveDate) -> Result<Vec<BoardRow>> {
    let list = tasks::list(conn, filter, today)?;
    let mut stmt = conn.prepare_cached(
        "SELECT f.id, f.seq, f.title, f.category_id, c.name FROM findings f
         JOIN categories c ON c.id = f.category_id WHERE ?1 IS NULL OR f.inspection_id = ?1",
    )?;
    let findings: HashMap<i64, (i64, String, i64, String)> = stmt
        .query_map([filter.inspection_id], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT task_id FROM close_outs WHERE state IN ({}) AND (?1 IS NULL OR task_id IN
            (SELECT t.id FROM tasks t JOIN findings f ON f.id = t.finding_id
             WHERE f.inspection_id = ?1))",
        *PENDING_STATES
    ))?;
    let pending: HashSet<i64> = stmt
        .query_map([filter.inspection_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut rows: Vec<BoardRow> = list
        .into_iter()
        .filter_map(|task| {
            let (seq, title, cat_id, cat) = findings.get(&task.finding_id)?.clone();
            Some(BoardRow {
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
