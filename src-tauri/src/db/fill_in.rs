//! What the store keeps for fill-in workbooks (填报表): the secret that signs them, made once
//! per database, and the rows already applied, so a workbook imported twice adds nothing.

use rusqlite::{params, Connection, OptionalExtension};

use super::{settings, WriteTx};
use crate::{Error, Result};

/// The signing secret, if one was made.
pub fn secret(conn: &Connection) -> Result<Option<Vec<u8>>> {
    settings::get(conn, settings::FILL_IN_SECRET)?
        .map(|h| {
            hex::decode(h.trim())
                .map_err(|_| Error::Storage("填报表签名密钥已损坏，无法核对填报表".into()))
        })
        .transpose()
}

/// The signing secret, made on first use (call it only when [`secret`] found none: a
/// write that finds one writes nothing) from SQLite's random source (seeded by the
/// operating system). Its creation is audited, its value is not: the audit log is
/// readable, and a unit holding the secret could sign a changed workbook.
pub fn secret_in_tx(tx: &mut WriteTx<'_>) -> Result<Vec<u8>> {
    if let Some(s) = secret(tx.conn())? {
        return Ok(s);
    }
    let value: String = tx
        .conn()
        .query_row("SELECT lower(hex(randomblob(32)))", [], |r| r.get(0))?;
    tx.conn().execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)",
        params![settings::FILL_IN_SECRET, value],
    )?;
    tx.audit::<(), _>(
        "create",
        "setting",
        None,
        None,
        Some(&(settings::FILL_IN_SECRET, "（密钥不记入操作记录）")),
    )?;
    secret(tx.conn())?.ok_or_else(|| Error::Storage("填报表签名密钥未能保存".into()))
}

/// Whether the row with this key was applied before.
pub fn applied(conn: &Connection, row_key: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM fill_in_rows WHERE row_key = ?1")?
        .query_row([row_key], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Remembers an applied row (the progress entry it made).
pub fn record_in_tx(
    tx: &mut WriteTx<'_>,
    row_key: &str,
    task_id: i64,
    progress_id: i64,
    unit: &str,
) -> Result<()> {
    tx.conn()
        .prepare_cached(
            "INSERT INTO fill_in_rows (row_key, task_id, progress_id, unit, applied_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![row_key, task_id, progress_id, unit, super::now()])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn the_secret_is_made_once_kept_out_of_the_list_and_out_of_the_audit_log() {
        let db = Db::open_in_memory().unwrap();
        assert!(db.read(secret).unwrap().is_none());
        let a = db.write(secret_in_tx).unwrap();
        let b = db.read(secret).unwrap().unwrap();
        assert_eq!(a, b);
        assert_eq!(a.len(), 32);
        assert!(db
            .read(settings::all)
            .unwrap()
            .iter()
            .all(|(k, _)| k != settings::FILL_IN_SECRET));
        let logged: String = db
            .read(|c| {
                Ok(c.query_row(
                    "SELECT group_concat(coalesce(after, ''), ' ') FROM audit_log",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        assert!(!logged.contains(&hex::encode(&a)), "{logged}");
    }
}
