//! Progress entries (整改进展) with their evidence files, optionally moving the task's
//! status. Files are stored inside the database write and removed again if it fails.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};

use super::evidence::{self, StoredFile};
use super::{tasks, Db};
use crate::domain::status::Via;
use crate::domain::{validate, Progress, ProgressInput};
use crate::{Error, Result};

/// Records a progress entry and its evidence in one transaction. Files are copied in while
/// the write lock is held, so a sweep on open (also under the lock) can tell a file left by
/// an interrupted write from one a running write is about to record.
pub fn add(db: &Db, input: &ProgressInput, today: NaiveDate) -> Result<Progress> {
    validate::progress(input)?;
    let dir = match (db.evidence_dir(), input.evidence.is_empty()) {
        (_, true) => None,
        (Some(dir), false) => Some(dir),
        (None, false) => {
            return Err(Error::invalid("evidence", "内存数据库不能保存佐证材料文件"));
        }
    };
    let mut stored: Vec<StoredFile> = vec![];
    let result = db.write(|tx| {
        tasks::get(tx.conn(), input.task_id, today)?;
        if let Some(dir) = &dir {
            for path in &input.evidence {
                stored.push(evidence::store(dir, path)?);
            }
        }
        add_in_tx(tx, input, &stored, today)
    });
    if let (Err(_), Some(dir)) = (&result, &dir) {
        evidence::discard(dir, &stored);
    }
    result
}

/// Records a progress entry, with files already stored by hash, inside a write. (Imports
/// use it, with no files, for the progress text of existing ledgers; `input.evidence` is
/// not read here.)
pub fn add_in_tx(
    tx: &mut super::WriteTx<'_>,
    input: &ProgressInput,
    stored: &[StoredFile],
    today: NaiveDate,
) -> Result<Progress> {
    validate::progress(input)?;
    let task = tasks::get(tx.conn(), input.task_id, today)?;
    if let Some(to) = input.status {
        tasks::set_status_in_tx(tx, task.id, to, Via::Progress)?;
    }
    let entered_on = input.entered_on.unwrap_or(today);
    let by = input
        .by
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(tx.operator())
        .to_owned();
    let created_at = super::now();
    tx.conn().execute(
        "INSERT INTO progress (task_id, entered_on, text, by, status_after, funds_recovered,
                created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            task.id,
            entered_on,
            input.text.trim(),
            by,
            input.status,
            input.funds_recovered,
            created_at
        ],
    )?;
    let id = tx.conn().last_insert_rowid();
    let mut files = vec![];
    for f in stored {
        files.push(evidence::insert(tx.conn(), task.id, Some(id), f)?);
    }
    let p = Progress {
        id,
        task_id: task.id,
        entered_on,
        text: input.text.trim().to_owned(),
        by,
        status_after: input.status,
        funds_recovered: input.funds_recovered,
        evidence: files,
        created_at,
    };
    tx.audit::<(), _>("create", "progress", Some(id), None, Some(&p))?;
    Ok(p)
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Progress> {
    Ok(Progress {
        id: r.get(0)?,
        task_id: r.get(1)?,
        entered_on: r.get(2)?,
        text: r.get(3)?,
        by: r.get(4)?,
        status_after: r.get(5)?,
        funds_recovered: r.get(6)?,
        evidence: vec![],
        created_at: r.get(7)?,
    })
}

/// Progress entries of the tasks of one inspection (or all), by task id, oldest first,
/// each with its evidence.
pub fn by_task(
    conn: &Connection,
    inspection_id: Option<i64>,
) -> Result<HashMap<i64, Vec<Progress>>> {
    let scope = "(?1 IS NULL OR task_id IN (SELECT t.id FROM tasks t JOIN findings f
        ON f.id = t.finding_id WHERE f.inspection_id = ?1))";
    let mut files: HashMap<i64, Vec<crate::domain::Evidence>> = HashMap::new();
    let mut stmt = conn.prepare(&format!(
        "SELECT id, task_id, progress_id, file_name, sha256, size, added_at FROM evidence
         WHERE progress_id IS NOT NULL AND {scope} ORDER BY id"
    ))?;
    let mut rows = stmt.query([inspection_id])?;
    while let Some(r) = rows.next()? {
        let e = evidence::from_row(r)?;
        if let Some(pid) = e.progress_id {
            files.entry(pid).or_default().push(e);
        }
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT id, task_id, entered_on, text, by, status_after, funds_recovered, created_at
         FROM progress WHERE {scope} ORDER BY entered_on, id"
    ))?;
    let rows = stmt.query_map([inspection_id], from_row)?;
    let mut out: HashMap<i64, Vec<Progress>> = HashMap::new();
    for p in rows {
        let mut p = p?;
        p.evidence = files.remove(&p.id).unwrap_or_default();
        out.entry(p.task_id).or_default().push(p);
    }
    Ok(out)
}

/// Progress entries of one task, oldest first.
pub fn for_task(conn: &Connection, task_id: i64) -> Result<Vec<Progress>> {
    let inspection: Option<i64> = conn
        .query_row(
            "SELECT f.inspection_id FROM tasks t JOIN findings f ON f.id = t.finding_id
             WHERE t.id = ?1",
            [task_id],
            |r| r.get(0),
        )
        .map_err(|_| Error::NotFound(format!("没有编号为 {task_id} 的整改任务")))?;
    Ok(by_task(conn, inspection)?
        .remove(&task_id)
        .unwrap_or_default())
}

/// One progress entry by id, with its evidence.
pub fn get(conn: &Connection, id: i64) -> Result<Progress> {
    let mut p = conn
        .query_row(
            "SELECT id, task_id, entered_on, text, by, status_after, funds_recovered, created_at
             FROM progress WHERE id = ?1",
            [id],
            from_row,
        )
        .map_err(|_| Error::NotFound(format!("没有编号为 {id} 的整改进展")))?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, task_id, progress_id, file_name, sha256, size, added_at FROM evidence
         WHERE progress_id = ?1 ORDER BY id",
    )?;
    let files = stmt.query_map([id], evidence::from_row)?;
    p.evidence = files.collect::<rusqlite::Result<_>>()?;
    Ok(p)
}
