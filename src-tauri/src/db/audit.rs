//! The audit log: one row per change, each hashed together with the previous row's hash,
//! so any edit or deletion of history breaks the chain and `verify` finds it. Triggers in
//! the schema refuse UPDATE and DELETE on the table.

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::domain::AuditEntry;
use crate::{Error, Result};

/// The `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of one row: SHA-256 over its fields and the previous hash, unit-separated.
fn row_hash(prev: &str, e: &AuditEntry) -> String {
    let mut h = Sha256::new();
    let id = e.entity_id.map(|i| i.to_string()).unwrap_or_default();
    for part in [
        prev,
        &e.at,
        &e.operator,
        &e.action,
        &e.entity,
        &id,
        e.before.as_deref().unwrap_or("\u{0}"),
        e.after.as_deref().unwrap_or("\u{0}"),
    ] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    hex::encode(h.finalize())
}

/// Appends one row, chained to the last one: `last`, the hash of the row this transaction
/// appended before (no other writer can append meanwhile), or else the last row stored.
/// Returns the new row's hash.
#[allow(clippy::too_many_arguments)]
pub(super) fn append(
    conn: &Connection,
    last: Option<String>,
    operator: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    before: Option<String>,
    after: Option<String>,
) -> Result<String> {
    let prev = match last {
        Some(hash) => hash,
        None => conn
            .prepare_cached("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")?
            .query_row([], |r| r.get(0))
            .optional()?
            .unwrap_or_else(|| GENESIS.to_owned()),
    };
    let mut e = AuditEntry {
        id: 0,
        at: super::now(),
        operator: operator.to_owned(),
        action: action.to_owned(),
        entity: entity.to_owned(),
        entity_id,
        before,
        after,
        prev_hash: prev,
        hash: String::new(),
    };
    e.hash = row_hash(&e.prev_hash, &e);
    conn.prepare_cached(
        "INSERT INTO audit_log (at, operator, action, entity, entity_id, before, after, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(
        params![e.at, e.operator, e.action, e.entity, e.entity_id, e.before, e.after, e.prev_hash, e.hash],
    )?;
    Ok(e.hash)
}

/// Checks the whole chain; returns the number of rows verified.
pub fn verify(conn: &Connection) -> Result<i64> {
    let mut stmt = conn.prepare(
        "SELECT id, at, operator, action, entity, entity_id, before, after, prev_hash, hash
         FROM audit_log ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_owned();
    let mut count = 0;
    while let Some(r) = rows.next()? {
        let e = entry(r)?;
        if e.prev_hash != prev {
            return Err(Error::AuditBroken {
                row: e.id,
                reason: "与前一条记录的链接不符（前面的记录被删除或改动）".into(),
            });
        }
        let want = row_hash(&e.prev_hash, &e);
        if want != e.hash {
            return Err(Error::AuditBroken {
                row: e.id,
                reason: "的内容与其校验值不符（记录被改动）".into(),
            });
        }
        prev = e.hash;
        count += 1;
    }
    Ok(count)
}

/// The most recent `limit` rows, newest first, optionally for one entity.
pub fn recent(conn: &Connection, entity: Option<&str>, limit: i64) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, operator, action, entity, entity_id, before, after, prev_hash, hash
         FROM audit_log WHERE (?1 IS NULL OR entity = ?1) ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![entity, limit], entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        operator: r.get(2)?,
        action: r.get(3)?,
        entity: r.get(4)?,
        entity_id: r.get(5)?,
        before: r.get(6)?,
        after: r.get(7)?,
        prev_hash: r.get(8)?,
        hash: r.get(9)?,
    })
}
