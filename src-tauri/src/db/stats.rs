//! Reads the slim facts counting needs (no long texts) and counts them with
//! `domain::counting`, fast enough for the dashboard at 30,000 tasks.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::inspections;
use crate::domain::counting::{self, FindingFacts, Stats, TaskFacts};
use crate::domain::{status, DeadlineKind, Milestone, Status};
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

    let scope = "t.finding_id IN (SELECT id FROM findings WHERE ?1 IS NULL OR inspection_id = ?1)";
    let mut units: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare(&format!(
        "SELECT tu.task_id, tu.unit FROM task_units tu JOIN tasks t ON t.id = tu.task_id
         WHERE {scope} ORDER BY tu.task_id, tu.ord"
    ))?;
    let mut rows = stmt.query([inspection_id])?;
    while let Some(r) = rows.next()? {
        units.entry(r.get(0)?).or_default().push(r.get(1)?);
    }
    let mut milestones: HashMap<i64, Vec<Milestone>> = HashMap::new();
    let mut stmt = conn.prepare(&format!(
        "SELECT m.task_id, m.due_on FROM milestones m JOIN tasks t ON t.id = m.task_id
         WHERE m.done = 0 AND {scope}"
    ))?;
    let mut rows = stmt.query([inspection_id])?;
    while let Some(r) = rows.next()? {
        milestones.entry(r.get(0)?).or_default().push(Milestone {
            due_on: r.get(1)?,
            target: String::new(),
            done: false,
        });
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT t.id, t.finding_id, t.status, t.deadline_kind, t.deadline, t.lead_unit
         FROM tasks t WHERE {scope}"
    ))?;
    let mut rows = stmt.query([inspection_id])?;
    let mut tasks = vec![];
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let kind: DeadlineKind = r.get(3)?;
        let deadline: Option<NaiveDate> = r.get(4)?;
        let lead: String = r.get(5)?;
        let ms = milestones.get(&id).map(Vec::as_slice).unwrap_or(&[]);
        let mut task_units = units.remove(&id).unwrap_or_default();
        if !lead.is_empty() && !task_units.contains(&lead) {
            task_units.insert(0, lead);
        }
        tasks.push(TaskFacts {
            finding_id: r.get(1)?,
            status: r.get::<_, Status>(2)?,
            due: status::effective_due(kind, deadline, ms),
            units: task_units,
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
