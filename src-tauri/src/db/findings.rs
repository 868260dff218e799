//! Findings (反馈问题), numbered within their inspection, with their tasks nested on read.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::util::json_list;
use super::{inspections, tasks, WriteTx};
use crate::domain::{status, validate, Finding, FindingInput, FindingPatch, Nature, Status};
use crate::report::sections;
use crate::{Error, Result};

const COLUMNS: &str = "f.id, f.inspection_id, f.seq, f.category_id, c.name, f.title,
    f.manifestation, f.nature, f.source, f.found_on, f.tags,
    (SELECT min(w.id) FROM working_papers w WHERE w.finding_id = f.id), f.created_at, f.updated_at";
const FROM: &str = "findings f JOIN categories c ON c.id = f.category_id";

/// Where a finding comes from when not said (巡察发现).
const DEFAULT_SOURCE: &str = "巡察发现";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Finding> {
    Ok(Finding {
        id: r.get(0)?,
        inspection_id: r.get(1)?,
        seq: r.get(2)?,
        number: String::new(),
        category_id: r.get(3)?,
        category: r.get(4)?,
        title: r.get(5)?,
        manifestation: r.get(6)?,
        nature: r.get(7)?,
        source: r.get(8)?,
        found_on: r.get(9)?,
        tags: json_list(&r.get::<_, String>(10)?),
        working_paper_id: r.get(11)?,
        status: Status::NotStarted,
        completion: status::completion(&[]),
        overdue: false,
        tasks: vec![],
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
    })
}

/// Fills in the derived status, completion and overdue from the tasks.
fn derive(f: &mut Finding) {
    let statuses: Vec<Status> = f.tasks.iter().map(|t| t.status).collect();
    f.status = status::finding_status(&statuses);
    f.completion = status::completion(&statuses);
    f.overdue = f.tasks.iter().any(|t| t.overdue);
}

/// Records a new finding, numbered after the last one of its inspection.
pub fn add_in_tx(tx: &mut WriteTx<'_>, input: &FindingInput) -> Result<Finding> {
    validate::finding(input)?;
    inspections::ensure_exists(tx.conn(), input.inspection_id)?;
    let cat = inspections::pick_category(
        tx.conn(),
        input.inspection_id,
        input.category_id,
        &input.category,
    )?;
    let seq: i64 = tx
        .conn()
        .prepare_cached("SELECT coalesce(max(seq), 0) + 1 FROM findings WHERE inspection_id = ?1")?
        .query_row([input.inspection_id], |r| r.get(0))?;
    let now = super::now();
    let tags: Vec<String> = input.tags.iter().map(|t| t.trim().to_owned()).collect();
    let source = input
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(DEFAULT_SOURCE);
    tx.conn()
        .prepare_cached(
            "INSERT INTO findings (inspection_id, seq, category_id, title, manifestation, nature,
            source, found_on, tags, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        )?
        .execute(params![
            input.inspection_id,
            seq,
            cat.id,
            input.title.trim(),
            input.manifestation.trim(),
            input.nature.unwrap_or(Nature::Common),
            source,
            input.found_on,
            serde_json::to_string(&tags)?,
            &now,
        ])?;
    let id = tx.conn().last_insert_rowid();
    // Exactly what was written (no reading back): a new finding has no tasks yet.
    let f = Finding {
        id,
        inspection_id: input.inspection_id,
        seq,
        number: String::new(),
        category_id: cat.id,
        category: cat.name,
        title: input.title.trim().to_owned(),
        manifestation: input.manifestation.trim().to_owned(),
        nature: input.nature.unwrap_or(Nature::Common),
        source: source.to_owned(),
        found_on: input.found_on,
        tags,
        working_paper_id: None,
        status: status::finding_status(&[]),
        completion: status::completion(&[]),
        overdue: false,
        tasks: vec![],
        created_at: now.clone(),
        updated_at: now,
    };
    // Its number in the documents (`number`) depends on the inspection's other findings:
    // read it with `get` when needed, never here, where an import adds thousands.
    tx.audit::<(), _>("create", "finding", Some(id), None, Some(&f))?;
    Ok(f)
}

/// Changes a finding's fields; returns it with its tasks for `today`.
pub fn edit_in_tx(
    tx: &mut WriteTx<'_>,
    id: i64,
    patch: &FindingPatch,
    today: NaiveDate,
) -> Result<Finding> {
    let before = get_bare(tx.conn(), id)?;
    let mut f = before.clone();
    if patch.category_id.is_some() || patch.category.is_some() {
        let text = patch.category.as_deref().unwrap_or_default();
        let cat = inspections::pick_category(tx.conn(), f.inspection_id, patch.category_id, text)?;
        f.category_id = cat.id;
        f.category = cat.name;
    }
    if let Some(v) = &patch.title {
        f.title = v.trim().to_owned();
    }
    if let Some(v) = &patch.manifestation {
        f.manifestation = v.trim().to_owned();
    }
    if let Some(v) = patch.nature {
        f.nature = v;
    }
    if let Some(v) = &patch.source {
        f.source = v.trim().to_owned();
    }
    if patch.found_on.is_some() {
        f.found_on = patch.found_on;
    }
    if let Some(v) = &patch.tags {
        f.tags = v.iter().map(|t| t.trim().to_owned()).collect();
    }
    validate::finding_fields(
        &f.title,
        &f.manifestation,
        Some(&f.source),
        f.found_on,
        &f.tags,
    )?;
    f.updated_at = super::now();
    tx.conn().execute(
        "UPDATE findings SET category_id=?2, title=?3, manifestation=?4, nature=?5, source=?6,
            found_on=?7, tags=?8, updated_at=?9 WHERE id=?1",
        params![
            id,
            f.category_id,
            f.title,
            f.manifestation,
            f.nature,
            f.source,
            f.found_on,
            serde_json::to_string(&f.tags)?,
            f.updated_at
        ],
    )?;
    tx.audit("update", "finding", Some(id), Some(&before), Some(&f))?;
    get(tx.conn(), id, today)
}

/// Deletes a finding that has no tasks yet (a mistaken entry).
pub fn delete_in_tx(tx: &mut WriteTx<'_>, id: i64) -> Result<()> {
    let before = get_bare(tx.conn(), id)?;
    let n: i64 = tx.conn().query_row(
        "SELECT count(*) FROM tasks WHERE finding_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if n > 0 {
        return Err(Error::Conflict(format!(
            "第 {} 号问题已有 {n} 项整改任务，不能删除；请先删除或调整任务",
            before.seq
        )));
    }
    tx.conn()
        .execute("DELETE FROM findings WHERE id = ?1", [id])?;
    tx.audit::<_, ()>("delete", "finding", Some(id), Some(&before), None)
}

/// A finding without its tasks.
pub fn get_bare(conn: &Connection, id: i64) -> Result<Finding> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM {FROM} WHERE f.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("没有编号为 {id} 的反馈问题")))
}

/// A finding with its tasks and derived values for `today`.
pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<Finding> {
    let mut f = get_bare(conn, id)?;
    f.number = numbers(conn, f.inspection_id)?
        .remove(&id)
        .unwrap_or_default();
    f.tasks = tasks::list(
        conn,
        &tasks::TaskFilter {
            finding_id: Some(id),
            ..Default::default()
        },
        today,
    )?;
    derive(&mut f);
    Ok(f)
}

/// Findings of one inspection (or all), in category then number order, tasks nested.
pub fn list(
    conn: &Connection,
    inspection_id: Option<i64>,
    today: NaiveDate,
) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE (?1 IS NULL OR f.inspection_id = ?1)
         ORDER BY f.inspection_id, c.seq, f.seq"
    ))?;
    let mut findings: Vec<Finding> = stmt
        .query_map([inspection_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let all = tasks::list(
        conn,
        &tasks::TaskFilter {
            inspection_id,
            ..Default::default()
        },
        today,
    )?;
    let mut by_finding: std::collections::HashMap<i64, Vec<_>> = Default::default();
    for t in all {
        by_finding.entry(t.finding_id).or_default().push(t);
    }
    for f in &mut findings {
        f.tasks = by_finding.remove(&f.id).unwrap_or_default();
        derive(f);
    }
    // Each inspection's findings lie together (the order above): number them as a whole.
    for group in findings.chunk_by_mut(|a, b| a.inspection_id == b.inspection_id) {
        let cats = inspections::categories(conn, group[0].inspection_id)?;
        let mut nos = sections::numbers_of(&cats, group);
        for f in group.iter_mut() {
            f.number = nos.remove(&f.id).map(|n| n.to_string()).unwrap_or_default();
        }
    }
    Ok(findings)
}

/// Where the documents number each finding of an inspection (（二）3), by finding id: the
/// one numbering of `report::sections`, over the inspection's findings without their tasks.
pub fn numbers(conn: &Connection, inspection_id: i64) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE f.inspection_id = ?1 ORDER BY c.seq, f.seq"
    ))?;
    let findings: Vec<Finding> = stmt
        .query_map([inspection_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let cats = inspections::categories(conn, inspection_id)?;
    Ok(sections::numbers_of(&cats, &findings)
        .into_iter()
        .map(|(id, n)| (id, n.to_string()))
        .collect())
}
