//! The records of how the unit organised its rectification (`domain::unit_work`): the
//! leading group and each document's GB/T 9704 elements (kept as JSON per inspection in
//! `document_settings`), the 整改专题民主生活会 and the secretary's own actions.

use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::util::json_list;
use super::{inspections, WriteTx};
use crate::domain::{LeadingGroup, Letterhead, RectificationMeeting, SecretaryAction};
use crate::Result;

const LEADING_GROUP: &str = "leading_group";

fn letterhead_kind(document: &str) -> String {
    format!("letterhead:{document}")
}

fn setting<T: DeserializeOwned + Default>(conn: &Connection, id: i64, kind: &str) -> Result<T> {
    let body: Option<String> = conn
        .query_row(
            "SELECT body FROM document_settings WHERE inspection_id = ?1 AND kind = ?2",
            params![id, kind],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match body {
        Some(b) => serde_json::from_str(&b)?,
        None => T::default(),
    })
}

fn set_setting<T: Serialize + DeserializeOwned + Default>(
    tx: &mut WriteTx<'_>,
    id: i64,
    kind: &str,
    value: &T,
) -> Result<()> {
    inspections::get(tx.conn(), id)?;
    let before: T = setting(tx.conn(), id, kind)?;
    tx.conn().execute(
        "INSERT INTO document_settings (inspection_id, kind, body, updated_at)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(inspection_id, kind) DO UPDATE SET body = excluded.body,
            updated_at = excluded.updated_at",
        params![id, kind, serde_json::to_string(value)?, super::now()],
    )?;
    tx.audit(
        "set",
        &format!("document_setting:{kind}"),
        Some(id),
        Some(&before),
        Some(value),
    )
}

/// The inspection's 整改工作领导小组 (empty until set).
pub fn leading_group(conn: &Connection, inspection_id: i64) -> Result<LeadingGroup> {
    setting(conn, inspection_id, LEADING_GROUP)
}

/// Sets the leading group (audited).
pub fn set_leading_group_in_tx(
    tx: &mut WriteTx<'_>,
    inspection_id: i64,
    g: &LeadingGroup,
) -> Result<()> {
    g.validate()?;
    set_setting(tx, inspection_id, LEADING_GROUP, g)
}

/// The GB/T 9704 elements of `document` (a `DocumentKind` code) for the inspection.
pub fn letterhead(conn: &Connection, inspection_id: i64, document: &str) -> Result<Letterhead> {
    setting(conn, inspection_id, &letterhead_kind(document))
}

/// Sets the GB/T 9704 elements of `document` (audited).
pub fn set_letterhead_in_tx(
    tx: &mut WriteTx<'_>,
    inspection_id: i64,
    document: &str,
    l: &Letterhead,
) -> Result<()> {
    l.validate()?;
    set_setting(tx, inspection_id, &letterhead_kind(document), l)
}

/// Records a 整改专题民主生活会 (the id in `m` is ignored).
pub fn add_meeting_in_tx(
    tx: &mut WriteTx<'_>,
    m: &RectificationMeeting,
) -> Result<RectificationMeeting> {
    m.validate()?;
    inspections::get(tx.conn(), m.inspection_id)?;
    let trim = |v: &[String]| -> Vec<String> { v.iter().map(|s| s.trim().to_owned()).collect() };
    let out = RectificationMeeting {
        chair: m.chair.trim().to_owned(),
        attendees: trim(&m.attendees),
        observers: trim(&m.observers),
        ..m.clone()
    };
    tx.conn().execute(
        "INSERT INTO rectification_meetings (inspection_id, held_on, chair, attendees, observers,
            materials, criticism, measures, summary, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            out.inspection_id,
            out.held_on,
            out.chair,
            serde_json::to_string(&out.attendees)?,
            serde_json::to_string(&out.observers)?,
            out.materials.trim(),
            out.criticism.trim(),
            out.measures.trim(),
            out.summary.trim(),
            super::now(),
        ],
    )?;
    let out = RectificationMeeting {
        id: tx.conn().last_insert_rowid(),
        ..out
    };
    tx.audit::<(), _>(
        "create",
        "rectification_meeting",
        Some(out.id),
        None,
        Some(&out),
    )?;
    Ok(out)
}

/// The inspection's 整改专题民主生活会, by date.
pub fn meetings(conn: &Connection, inspection_id: i64) -> Result<Vec<RectificationMeeting>> {
    let mut stmt = conn.prepare(
        "SELECT id, inspection_id, held_on, chair, attendees, observers, materials, criticism,
            measures, summary FROM rectification_meetings WHERE inspection_id = ?1
         ORDER BY held_on, id",
    )?;
    let rows = stmt.query_map([inspection_id], |r| {
        Ok(RectificationMeeting {
            id: r.get(0)?,
            inspection_id: r.get(1)?,
            held_on: r.get(2)?,
            chair: r.get(3)?,
            attendees: json_list(&r.get::<_, String>(4)?),
            observers: json_list(&r.get::<_, String>(5)?),
            materials: r.get(6)?,
            criticism: r.get(7)?,
            measures: r.get(8)?,
            summary: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records something the secretary personally did (the id in `a` is ignored).
pub fn add_secretary_action_in_tx(
    tx: &mut WriteTx<'_>,
    a: &SecretaryAction,
) -> Result<SecretaryAction> {
    a.validate()?;
    inspections::get(tx.conn(), a.inspection_id)?;
    tx.conn().execute(
        "INSERT INTO secretary_actions (inspection_id, kind, done_on, text, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            a.inspection_id,
            a.kind,
            a.done_on,
            a.text.trim(),
            super::now()
        ],
    )?;
    let out = SecretaryAction {
        id: tx.conn().last_insert_rowid(),
        text: a.text.trim().to_owned(),
        ..a.clone()
    };
    tx.audit::<(), _>("create", "secretary_action", Some(out.id), None, Some(&out))?;
    Ok(out)
}

/// What the secretary did for the inspection's rectification, by date.
pub fn secretary_actions(conn: &Connection, inspection_id: i64) -> Result<Vec<SecretaryAction>> {
    let mut stmt = conn.prepare(
        "SELECT id, inspection_id, kind, done_on, text FROM secretary_actions
         WHERE inspection_id = ?1 ORDER BY done_on, id",
    )?;
    let rows = stmt.query_map([inspection_id], |r| {
        Ok(SecretaryAction {
            id: r.get(0)?,
            inspection_id: r.get(1)?,
            kind: r.get(2)?,
            done_on: r.get(3)?,
            text: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
