//! 问题线索: confidential leads on persons, kept apart from findings. Nothing in `ledger`
//! or the documents reads this table.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{inspections, WriteTx};
use crate::domain::{validate, Lead, Transfer};
use crate::{Error, Result};

const COLUMNS: &str =
    "id, inspection_id, person, position, summary, found_on, transfer_to, transfer_on, receipt_no";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Lead> {
    let to: Option<String> = r.get(6)?;
    let on: Option<NaiveDate> = r.get(7)?;
    Ok(Lead {
        id: r.get(0)?,
        inspection_id: r.get(1)?,
        person: r.get(2)?,
        position: r.get(3)?,
        summary: r.get(4)?,
        found_on: r.get(5)?,
        transfer: match (to, on) {
            (Some(to), Some(on)) => Some(Transfer {
                to,
                on,
                receipt_no: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
            }),
            _ => None,
        },
    })
}

/// A new lead.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct LeadInput {
    pub inspection_id: i64,
    pub person: String,
    pub position: String,
    pub summary: String,
    pub found_on: Option<NaiveDate>,
}

/// Records a lead.
pub fn add_in_tx(tx: &mut WriteTx<'_>, input: &LeadInput) -> Result<Lead> {
    validate::required_text("person", "反映对象", &input.person, validate::limits::NAME)?;
    validate::text("position", "职务", &input.position, validate::limits::NAME)?;
    validate::required_text(
        "summary",
        "线索内容",
        &input.summary,
        validate::limits::LONG_TEXT,
    )?;
    if let Some(d) = input.found_on {
        validate::date("found_on", "发现日期", d)?;
    }
    inspections::get(tx.conn(), input.inspection_id)?;
    tx.conn().execute(
        "INSERT INTO leads (inspection_id, person, position, summary, found_on)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            input.inspection_id,
            input.person.trim(),
            input.position.trim(),
            input.summary.trim(),
            input.found_on
        ],
    )?;
    let lead = get(tx.conn(), tx.conn().last_insert_rowid())?;
    tx.audit::<(), _>("create", "lead", Some(lead.id), None, Some(&lead))?;
    Ok(lead)
}

/// 移交: records where and when a lead was handed over.
pub fn transfer_in_tx(tx: &mut WriteTx<'_>, id: i64, t: &Transfer) -> Result<Lead> {
    validate::required_text("to", "移交单位", &t.to, validate::limits::UNIT)?;
    validate::date("on", "移交日期", t.on)?;
    validate::text(
        "receipt_no",
        "回执编号",
        &t.receipt_no,
        validate::limits::NAME,
    )?;
    let before = get(tx.conn(), id)?;
    if before.transfer.is_some() {
        return Err(Error::Conflict(format!("线索 {id} 已移交，不能重复移交")));
    }
    tx.conn().execute(
        "UPDATE leads SET transfer_to = ?2, transfer_on = ?3, receipt_no = ?4 WHERE id = ?1",
        params![id, t.to.trim(), t.on, t.receipt_no.trim()],
    )?;
    let after = get(tx.conn(), id)?;
    tx.audit("transfer", "lead", Some(id), Some(&before), Some(&after))?;
    Ok(after)
}

/// One lead.
pub fn get(conn: &Connection, id: i64) -> Result<Lead> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM leads WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("没有编号为 {id} 的问题线索")))
}

/// Leads of an inspection.
pub fn list(conn: &Connection, inspection_id: i64) -> Result<Vec<Lead>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM leads WHERE inspection_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([inspection_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
