//! Forward-only schema migrations counted by `PRAGMA user_version`.
//!
//! Never edit or remove a step that has shipped: append a new one. All pending steps run in
//! one exclusive transaction, so a crash mid-way leaves the old schema intact.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::{Error, Result};

/// The schema steps, in order. Step `i` brings the database to version `i + 1`.
const STEPS: &[&str] = &[
    include_str!("sql/001_initial.sql"),
    include_str!("sql/002_task_units_column.sql"),
    include_str!("sql/003_dual_review.sql"),
    include_str!("sql/004_one_place_per_fact.sql"),
    include_str!("sql/005_import_mappings.sql"),
    include_str!("sql/006_rectification_documents.sql"),
    include_str!("sql/007_supervision_letters.sql"),
    include_str!("sql/008_fill_in_returns.sql"),
    include_str!("sql/009_exchange.sql"),
    include_str!("sql/010_finding_counting.sql"),
];

/// The schema version this binary writes.
pub const LATEST: i64 = STEPS.len() as i64;

/// Brings the database up to [`LATEST`], or refuses one written by a newer binary.
pub fn migrate(conn: &mut Connection, path: Option<&Path>) -> Result<()> {
    let version = user_version(conn).map_err(|e| Error::BadDatabase {
        path: path.map(Path::to_owned).unwrap_or_default(),
        reason: super::describe_open_error(&e),
    })?;
    if version > LATEST {
        return Err(Error::NewerSchema {
            found: version,
            supported: LATEST,
        });
    }
    if version == LATEST {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    for (i, step) in STEPS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

/// The schema version stored in the file (0 for a new file).
pub fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_empty_database_and_is_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, None).unwrap();
        assert_eq!(user_version(&conn).unwrap(), LATEST);
        migrate(&mut conn, None).unwrap();
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN ('findings','tasks','audit_log')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 3);
    }

    #[test]
    fn refuses_newer_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", LATEST + 1)
            .unwrap();
        let err = migrate(&mut conn, None).unwrap_err();
        assert_eq!(err.code(), "NewerSchema");
        assert!(err.to_string().contains("请升级"));
    }
}
