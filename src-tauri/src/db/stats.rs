//! Reads the slim facts counting needs (no long texts) and counts them with
//! `domain::counting`, fast enough for the dashboard at 30,000 tasks.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::inspections;
use super::util::{date, IdMap, IdSet};
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
    // Each table read once in a plain scan, no subquery per row; rows of other inspections
    // are skipped here, which costs less than selecting them by index.
    let mut stmt = conn.prepare_cached(
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
    let counted: IdSet = findings.iter().map(|f| f.id).collect();

    // The next open milestone of each task that has one (`effective_due` decides whether
    // it counts).
    let mut stmt = conn.prepare_cached(
        "SELECT task_id, min(due_on) FROM milestones WHERE done = 0 GROUP BY task_id",
    )?;
    let next_milestone: IdMap<NaiveDate> = stmt
        .query_map([], |r| Ok((r.get(0)?, date(r, 1)?)))?
        .filter_map(|r| r.map(|(id, d)| d.map(|d| (id, d))).transpose())
        .collect::<rusqlite::Result<_>>()?;

    let mut stmt = conn.prepare_cached(
        "SELECT id, finding_id, status, deadline_kind, deadline, lead_unit FROM tasks",
    )?;
    let mut rows = stmt.query([])?;
    let mut tasks = vec![];
    let mut at: IdMap<usize> = IdMap::default();
    while let Some(r) = rows.next()? {
        let finding_id: i64 = r.get(1)?;
        if !counted.contains(&finding_id) {
            continue;
        }
        let id: i64 = r.get(0)?;
        let kind: DeadlineKind = r.get(3)?;
        let deadline = date(r, 4)?;
        let lead: String = r.get(5)?;
        let due = status::effective_due(kind, deadline, next_milestone.get(&id).copied());
        at.insert(id, tasks.len());
        tasks.push(TaskFacts {
            finding_id,
            status: r.get::<_, Status>(2)?,
            due,
            units: if lead.is_empty() { vec![] } else { vec![lead] },
        });
    }
    // Responsible units after the lead unit, without repeats.
    let mut stmt = conn.prepare_cached("SELECT task_id, unit FROM task_units")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&i) = at.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        let unit = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        let units = &mut tasks[i].units;
        if !units.iter().any(|u| u == unit) {
            units.push(unit.to_owned());
        }
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
