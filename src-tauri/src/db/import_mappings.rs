//! Column mappings made on import, kept by the header's shape: a unit that keeps its
//! ledger in its own columns maps them once, and the next file with the same header is
//! read the same way.

use rusqlite::{params, Connection, OptionalExtension};

use super::WriteTx;
use crate::import::mapping::Choice;
use crate::Result;

/// Every saved mapping: (header shape, choices).
pub fn all(conn: &Connection) -> Result<Vec<(String, Vec<Choice>)>> {
    let mut st = conn.prepare("SELECT shape, choices FROM import_mappings ORDER BY id")?;
    let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (shape, json) = row?;
        // A mapping naming a field this version does not know is left out, not fatal.
        if let Ok(choices) = serde_json::from_str::<Vec<Choice>>(&json) {
            out.push((shape, choices));
        }
    }
    Ok(out)
}

/// Saves `choices` for `shape`, replacing what was saved for it.
pub fn save_in_tx(tx: &mut WriteTx<'_>, shape: &str, choices: &[Choice]) -> Result<()> {
    let json = serde_json::to_string(choices)?;
    let before: Option<(i64, String)> = tx
        .conn()
        .query_row(
            "SELECT id, choices FROM import_mappings WHERE shape = ?1",
            [shape],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    tx.conn().execute(
        "INSERT INTO import_mappings (shape, choices) VALUES (?1, ?2)
         ON CONFLICT(shape) DO UPDATE SET choices = excluded.choices, saved_at = datetime('now')",
        params![shape, json],
    )?;
    let id: i64 = tx.conn().query_row(
        "SELECT id FROM import_mappings WHERE shape = ?1",
        [shape],
        |r| r.get(0),
    )?;
    let after = serde_json::json!({ "shape": shape, "choices": choices });
    let before = before.map(|(_, c)| serde_json::json!({ "shape": shape, "choices": c }));
    tx.audit(
        "save",
        "import_mapping",
        Some(id),
        before.as_ref(),
        Some(&after),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use crate::import::mapping::MapTo;
    use crate::report::ledger::LedgerColumn;

    #[test]
    fn saved_by_shape_and_replaced() {
        let db = Db::open_in_memory().unwrap();
        let one = vec![Choice {
            column: "H".into(),
            to: MapTo::Column(LedgerColumn::Deadline),
        }];
        db.write(|tx| save_in_tx(tx, "序号|问题|时间", &one))
            .unwrap();
        let two = vec![Choice {
            column: "H".into(),
            to: MapTo::Ignore,
        }];
        db.write(|tx| save_in_tx(tx, "序号|问题|时间", &two))
            .unwrap();
        let got = db.read(all).unwrap();
        assert_eq!(got, vec![("序号|问题|时间".to_owned(), two)]);
        let audited: i64 = db
            .read(|c| {
                Ok(c.query_row(
                    "SELECT count(*) FROM audit_log WHERE entity = 'import_mapping'",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        assert_eq!(audited, 2);
    }
}
