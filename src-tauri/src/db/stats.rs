//! Reads the slim facts counting needs (no long texts) and counts them with
//! `domain::counting`, fast enough for the dashboard at 30,000 tasks.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{inspections, tasks};
use crate::domain::counting::{self, FindingFacts, Stats, TaskFacts};
use crate::domain::{status, DeadlineKind, Status};
use crate::Result;

/// The official counts of one inspection (or all) on `today`.
pub fn stats(conn: &Connection, inspection_id: Option<i64>, today: NaiveDate) -> Result<Stats> {
    let categories: Vec<String> = match inspection_id {
        Some(id) => inspections::categories(conn, id)?
            .into_iter()
            .map(|c| c.name)
            .collect(),
        None => {
            let mut stmt =
                conn.prepare("SELECT name FROM categories GROUP BY name ORDER BY min(seq), name")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        }
    };
    let mut stmt = conn.prepare(
        "SELECT f.id, c.name FROM findings f JOIN categories c ON c.id = f.category_id
         WHERE ?1 IS NULL OR f.inspection_id = ?1",
    )?;
    let findings: Vec<FindingFacts> = stmt
        .query_map([inspection_id], |r| {
            Ok(FindingFacts {
                id: r.get(0)?,
                category: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    // One pass over the tasks, with their next open milestone (`effective_due` decides
    // whether it counts).
    let mut stmt = conn.prepare_cached(
        "SELECT t.finding_id, t.status, t.deadline_kind, t.deadline, t.lead_unit,
            (SELECT group_concat(unit, char(31) ORDER BY ord) FROM task_units WHERE task_id = t.id),
            (SELECT min(due_on) FROM milestones WHERE task_id = t.id AND done = 0)
         FROM tasks t
         WHERE t.finding_id IN (SELECT id FROM findings WHERE ?1 IS NULL OR inspection_id = ?1)",
    )?;
    let mut rows = stmt.query([inspection_id])?;
    let mut tasks = vec![];
    while let Some(r) = rows.next()? {
        let kind: DeadlineKind = r.get(2)?;
        let deadline: Option<NaiveDate> = r.get(3)?;
        let lead: String = r.get(4)?;
        let listed = tasks::split_units(&r.get(5)?);
        let next_milestone: Option<NaiveDate> = r.get(6)?;
        let mut units: Vec<String> = Vec::with_capacity(3);
        if !lead.is_empty() {
            units.push(lead);
        }
        for u in listed {
            if !units.contains(&u) {
                units.push(u);
            }
        }
        let due = status::effective_due(kind, deadline, next_milestone);
        tasks.push(TaskFacts {
            finding_id: r.get(0)?,
            status: r.get::<_, Status>(1)?,
            due,
            units,
        });
    }
    let mut stats = counting::count(&categories, &findings, &tasks, today);
    let one = |sql: &str| -> Result<f64> {
        Ok(conn
            .query_row(sql, [inspection_id], |r| r.get::<_, Option<f64>>(0))?
            .unwrap_or(0.0))
    };
    stats.regulations =
        one("SELECT count(*) FROM regulations WHERE ?1 IS NULL OR inspection_id = ?1")? as u32;
    stats.accountabilities =
        one("SELECT count(*) FROM accountabilities WHERE ?1 IS NULL OR inspection_id = ?1")? as u32;
    stats.immediate_fixes =
        one("SELECT count(*) FROM immediate_fixes WHERE ?1 IS NULL OR inspection_id = ?1")? as u32;
    stats.funds_recovered = one(
        "SELECT sum(p.funds_recovered) FROM progress p JOIN tasks t ON t.id = p.task_id
         JOIN findings f ON f.id = t.finding_id WHERE ?1 IS NULL OR f.inspection_id = ?1",
    )?;
    Ok(stats)
}
