//! Key–value settings stored in the database (operator name, strict directory mode…).

use rusqlite::{params, Connection, OptionalExtension};

use super::WriteTx;
use crate::Result;

/// The operator's name, written into the audit log and progress entries.
pub const OPERATOR: &str = "operator";
/// When "true", responsible units and people must already be in the directory.
pub const STRICT_DIRECTORY: &str = "strict_directory";
/// The secret that signs fill-in workbooks (hex); never listed, never in the audit log.
pub const FILL_IN_SECRET: &str = "fill_in_secret";

/// Reads a setting.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Reads a boolean setting (absent = false).
pub fn flag(conn: &Connection, key: &str) -> Result<bool> {
    Ok(get(conn, key)?.is_some_and(|v| v == "true"))
}

/// Writes a setting (audited).
pub fn set_in_tx(tx: &mut WriteTx<'_>, key: &str, value: &str) -> Result<()> {
    let before = get(tx.conn(), key)?;
    tx.conn().execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    tx.audit(
        "set",
        "setting",
        None,
        before.map(|b| (key, b)).as_ref(),
        Some(&(key, value)),
    )
}

/// All settings, sorted by key, but the signing secret.
pub fn all(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare("SELECT key, value FROM settings WHERE key <> ?1 ORDER BY key")?;
    let rows = stmt.query_map([FILL_IN_SECRET], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Removes a setting (audited); returns whether it was there.
pub fn remove_in_tx(tx: &mut WriteTx<'_>, key: &str) -> Result<bool> {
    let Some(before) = get(tx.conn(), key)? else {
        return Ok(false);
    };
    tx.conn()
        .execute("DELETE FROM settings WHERE key = ?1", [key])?;
    tx.audit::<_, ()>("delete", "setting", None, Some(&(key, before)), None)?;
    Ok(true)
}
