//! Reads the slim facts counting needs (no long texts) and counts them with
//! `domain::counting`, fast enough for the dashboard at 30,000 tasks.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::inspections;
use super::util::{date, IdHasher, IdIndex, IdMap};
use crate::domain::counting::{self, Assignment, Facts, FindingFacts, Stats, TaskFacts};
use crate::domain::{status, DeadlineKind, Status};
use crate::Result;

/// The official counts of one inspection (or all) on `today`.
pub fn stats(conn: &Connection, inspection_id: Option<i64>, today: NaiveDate) -> Result<Stats> {
    let facts = facts(conn, inspection_id)?;
    let mut stats = counting::count(&facts, today);
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

/// Reads what counting needs. Each table is read once in a plain scan, no subquery per row;
/// rows of other inspections are skipped here, which costs less than selecting them by index.
fn facts(conn: &Connection, inspection_id: Option<i64>) -> Result<Facts> {
    let categories: Vec<String> = match inspection_id {
        Some(id) => inspections::categories(conn, id)?
            .into_iter()
            .map(|c| c.name)
            .collect(),
        None => {
            let mut stmt = conn.prepare_cached(
                "SELECT name FROM categories GROUP BY name ORDER BY min(seq), name",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        }
    };
    // Across inspections a category is counted by its name.
    let mut stmt = conn
        .prepare_cached("SELECT id, name FROM categories WHERE ?1 IS NULL OR inspection_id = ?1")?;
    let mut rows = stmt.query([inspection_id])?;
    let mut category_at: IdMap<usize> = IdMap::default();
    while let Some(r) = rows.next()? {
        let name = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        if let Some(i) = categories.iter().position(|c| c == name) {
            category_at.insert(r.get(0)?, i);
        }
    }

    // Room for the row ids up to the largest: `max(id)` is one b-tree descent, where
    // `count(*)` reads every page of the table.
    let count = |table: &str| -> Result<usize> {
        let sql = format!("SELECT coalesce(max(id), 0) FROM {table}");
        Ok(conn.query_row(&sql, [], |r| r.get::<_, i64>(0))?.max(0) as usize)
    };
    let mut stmt = conn.prepare_cached(
        "SELECT id, category_id FROM findings WHERE ?1 IS NULL OR inspection_id = ?1",
    )?;
    let mut rows = stmt.query([inspection_id])?;
    let mut findings = vec![];
    let mut finding_at = IdIndex::with_capacity(count("findings")?);
    while let Some(r) = rows.next()? {
        finding_at.insert(r.get(0)?, findings.len());
        findings.push(FindingFacts {
            category: category_at.get(&r.get(1)?).copied(),
        });
    }

    // The next open milestone of each task that has one (`effective_due` decides whether
    // it counts).
    let mut stmt = conn.prepare_cached(
        "SELECT task_id, min(due_on) FROM milestones WHERE done = 0 GROUP BY task_id",
    )?;
    let next_milestone: IdMap<NaiveDate> = stmt
        .query_map([], |r| Ok((r.get(0)?, date(r, 1)?)))?
        .filter_map(|r| r.map(|(id, d)| d.map(|d| (id, d))).transpose())
        .collect::<rusqlite::Result<_>>()?;

    let mut units = Units::default();
    let mut stmt = conn.prepare_cached(
        "SELECT id, finding_id, status, deadline_kind, deadline, lead_unit FROM tasks",
    )?;
    let mut rows = stmt.query([])?;
    let n_tasks = count("tasks")?;
    let mut tasks = Vec::with_capacity(n_tasks);
    let mut assignments = Vec::with_capacity(n_tasks * 3);
    let mut task_at = IdIndex::with_capacity(n_tasks);
    while let Some(r) = rows.next()? {
        let Some(finding) = finding_at.get(r.get(1)?) else {
            continue;
        };
        let id: i64 = r.get(0)?;
        let kind: DeadlineKind = r.get(3)?;
        let due = status::effective_due(kind, date(r, 4)?, next_milestone.get(&id).copied());
        let lead = r.get_ref(5)?.as_bytes().map_err(rusqlite::Error::from)?;
        if !lead.is_empty() {
            assignments.push(Assignment {
                task: tasks.len(),
                unit: units.at(lead),
            });
        }
        task_at.insert(id, tasks.len());
        tasks.push(TaskFacts {
            finding,
            status: r.get::<_, Status>(2)?,
            due,
        });
    }
    // Responsible units (one also the lead unit counts once: `counting` sees to it).
    let mut stmt = conn.prepare_cached("SELECT task_id, unit FROM task_units")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(task) = task_at.get(r.get(0)?) else {
            continue;
        };
        let unit = units.at(r.get_ref(1)?.as_bytes().map_err(rusqlite::Error::from)?);
        assignments.push(Assignment { task, unit });
    }
    Ok(Facts {
        categories,
        units: units.names,
        findings,
        tasks,
        assignments,
    })
}

/// Unit names, each kept once and referred to by position (60,000 look-ups at 30,000
/// tasks: hashed with [`IdHasher`], not SipHash).
#[derive(Default)]
struct Units {
    names: Vec<String>,
    at: HashMap<Vec<u8>, usize, BuildHasherDefault<IdHasher>>,
}

impl Units {
    fn at(&mut self, name: &[u8]) -> usize {
        if let Some(&i) = self.at.get(name) {
            return i;
        }
        self.names.push(String::from_utf8_lossy(name).into_owned());
        self.at.insert(name.to_vec(), self.names.len() - 1);
        self.names.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::Units;

    #[test]
    fn units_are_kept_once() {
        let mut units = Units::default();
        let names: Vec<String> = (0..100).map(|i| format!("第{i}科")).collect();
        let first: Vec<usize> = names.iter().map(|n| units.at(n.as_bytes())).collect();
        let again: Vec<usize> = names.iter().rev().map(|n| units.at(n.as_bytes())).collect();
        assert_eq!(first, (0..names.len()).collect::<Vec<_>>());
        assert_eq!(again, (0..names.len()).rev().collect::<Vec<_>>());
        assert_eq!(units.names, names);
    }
}
