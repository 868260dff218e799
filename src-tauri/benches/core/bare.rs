//! The bare side of the store benchmark: the same rows written and read back by plain SQL
//! on a database with the same tables, with none of our layer.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};
use xuncha::domain::DeadlineKind;

use super::{finding_input, task_input, Res, TASKS_PER_FINDING};

/// The same findings, tasks, units and milestones as the bulk import, by plain INSERTs.
pub fn bare_import(conn: &Connection, n_findings: usize) -> Res<()> {
    let tx = conn.unchecked_transaction()?;
    let now = "2025-06-15T09:00:00.000+08:00";
    let mut finding = tx.prepare(
        "INSERT INTO findings (inspection_id, seq, category_id, title, manifestation,
            created_at, updated_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?5)",
    )?;
    let mut task = tx.prepare(
        "INSERT INTO tasks (finding_id, seq, measure, goal, deadline_kind, deadline, status,
            lead_leader, lead_unit, responsible_person, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?;
    let mut unit = tx.prepare("INSERT INTO task_units (task_id, ord, unit) VALUES (?1, ?2, ?3)")?;
    let mut milestone =
        tx.prepare("INSERT INTO milestones (task_id, due_on, target) VALUES (?1, ?2, ?3)")?;
    for i in 0..n_findings {
        let fi = finding_input(1, i);
        finding.execute(params![
            (i + 1) as i64,
            (i % 4 + 1) as i64,
            fi.title,
            fi.manifestation,
            now
        ])?;
        let fid = tx.last_insert_rowid();
        for k in 0..TASKS_PER_FINDING {
            let ti = task_input(fid, i, k);
            let a = &ti.assignment;
            let kind = ti.deadline_kind.unwrap_or(DeadlineKind::Date);
            let status = if kind == DeadlineKind::LongTerm {
                "long_term"
            } else {
                "not_started"
            };
            task.execute(params![
                fid,
                (k + 1) as i64,
                ti.measure,
                ti.goal,
                kind.code(),
                ti.deadline,
                status,
                a.lead_leader,
                a.lead_unit,
                a.responsible_person,
                now
            ])?;
            let tid = tx.last_insert_rowid();
            for (ord, u) in a.responsible_units.iter().flatten().enumerate() {
                unit.execute(params![tid, ord as i64, u])?;
            }
            for m in &ti.milestones {
                milestone.execute(params![tid, m.due_on, m.target])?;
            }
        }
    }
    drop((finding, task, unit, milestone));
    tx.commit()?;
    Ok(())
}

/// A task as bare SQL returns it: every column, its units and milestones, as plain values.
#[allow(dead_code)]
pub struct BareTask {
    id: i64,
    finding_id: i64,
    seq: i64,
    text: [String; 11],
    deadline: Option<String>,
    units: Vec<String>,
    milestones: Vec<(String, String, bool)>,
    extra: Option<(i64, String, i64, String, bool)>,
}

const BARE_COLUMNS: &str = "t.id, t.finding_id, t.seq, t.measure, t.goal, t.acceptance,
    t.deadline_kind, t.status, t.lead_leader, t.responsible_leader, t.lead_unit,
    t.responsible_person, t.note, t.created_at, t.deadline";

/// Tasks selected by `cond` (one parameter), with `extra` columns of `from`, their units
/// and milestones read in one pass each (the fastest plain way we found).
pub fn bare_tasks(
    conn: &Connection,
    extra: &str,
    cond: &str,
    arg: &dyn rusqlite::ToSql,
) -> Res<Vec<BareTask>> {
    let from = if extra.is_empty() {
        "tasks t"
    } else {
        "tasks t JOIN findings f ON f.id = t.finding_id JOIN categories c ON c.id = f.category_id"
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {BARE_COLUMNS} {extra} FROM {from} WHERE {cond}"
    ))?;
    let mut out: Vec<BareTask> = stmt
        .query_map([arg], |r: &Row<'_>| {
            let text = |i| r.get::<_, String>(i);
            Ok(BareTask {
                id: r.get(0)?,
                finding_id: r.get(1)?,
                seq: r.get(2)?,
                text: [
                    text(3)?,
                    text(4)?,
                    text(5)?,
                    text(6)?,
                    text(7)?,
                    text(8)?,
                    text(9)?,
                    text(10)?,
                    text(11)?,
                    text(12)?,
                    text(13)?,
                ],
                deadline: r.get(14)?,
                units: vec![],
                milestones: vec![],
                extra: if extra.is_empty() {
                    None
                } else {
                    Some((r.get(15)?, r.get(16)?, r.get(17)?, r.get(18)?, r.get(19)?))
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let at: HashMap<i64, usize> = out.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT task_id, unit FROM task_units WHERE task_id IN (SELECT t.id FROM tasks t WHERE {cond})
         ORDER BY task_id, ord"
    ))?;
    let mut rows = stmt.query([arg])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = at.get(&r.get::<_, i64>(0)?) {
            out[i].units.push(r.get(1)?);
        }
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT task_id, due_on, target, done FROM milestones
         WHERE task_id IN (SELECT t.id FROM tasks t WHERE {cond}) ORDER BY task_id, due_on, id"
    ))?;
    let mut rows = stmt.query([arg])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = at.get(&r.get::<_, i64>(0)?) {
            out[i].milestones.push((r.get(1)?, r.get(2)?, r.get(3)?));
        }
    }
    out.sort_by_key(|t| (t.finding_id, t.seq));
    Ok(out)
}

/// The board: tasks with finding, category and pending close-out, in the board's order
/// (overdue first, then days left), which needs each task's due date on `today`.
pub fn bare_board_rows(conn: &Connection, today: NaiveDate) -> Res<Vec<BareTask>> {
    let extra = ", f.seq, f.title, f.category_id, c.name,
        t.id IN (SELECT task_id FROM close_outs WHERE state IN ('requested', 'first_approved'))";
    let cond = "t.finding_id IN (SELECT id FROM findings WHERE inspection_id = ?1)";
    let mut rows = bare_tasks(conn, extra, cond, &1)?;
    // ISO dates order as text, and days left order as the due date: nothing to parse.
    let today = today.format("%Y-%m-%d").to_string();
    rows.sort_by_cached_key(|t| {
        let next = t
            .milestones
            .iter()
            .filter(|m| !m.2)
            .map(|m| m.0.clone())
            .min();
        let due = if t.text[3] == "long_term" { next } else { None };
        let due = due.or_else(|| t.deadline.clone());
        let done = t.text[4] == "completed" || t.text[4] == "closed";
        let overdue = !done && due.as_ref().is_some_and(|d| *d < today);
        let f = t.extra.as_ref().map_or(0, |e| e.0);
        // No due date sorts last, as days left i64::MAX does.
        (!overdue, due.is_none(), due, f, t.seq)
    });
    Ok(rows)
}

/// What counting reads: each finding's category, each task's status, deadline and units,
/// the next open milestones — plain scans into plain vectors, rows of other inspections
/// skipped (the fastest plain way we found).
pub fn bare_facts(conn: &Connection) -> Res<usize> {
    let mut s = conn.prepare_cached(
        "SELECT f.id, c.name FROM findings f JOIN categories c ON c.id = f.category_id
         WHERE f.inspection_id = 1",
    )?;
    let f: Vec<(i64, String)> = s
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let ids: HashSet<i64> = f.iter().map(|f| f.0).collect();
    let mut s = conn.prepare_cached(
        "SELECT id, finding_id, status, deadline_kind, deadline, lead_unit FROM tasks",
    )?;
    type Fact = (i64, i64, String, String, Option<String>, String);
    let mut t: Vec<Fact> = vec![];
    let mut rows = s.query([])?;
    while let Some(r) = rows.next()? {
        if ids.contains(&r.get(1)?) {
            t.push((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ));
        }
    }
    let tasks: HashSet<i64> = t.iter().map(|t| t.0).collect();
    let mut s = conn.prepare_cached("SELECT task_id, unit FROM task_units")?;
    let mut u: Vec<(i64, String)> = vec![];
    let mut rows = s.query([])?;
    while let Some(r) = rows.next()? {
        if tasks.contains(&r.get(0)?) {
            u.push((r.get(0)?, r.get(1)?));
        }
    }
    let mut s = conn.prepare_cached(
        "SELECT task_id, min(due_on) FROM milestones WHERE done = 0 GROUP BY task_id",
    )?;
    let m: Vec<(i64, String)> = s
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(f.len() + t.len() + u.len() + m.len())
}
