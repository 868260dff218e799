//! 整改组织: how the unit organised its rectification — the 整改专题民主生活会, what the
//! secretary personally did, the plan's leading group, and each document's GB/T 9704
//! elements (版头, 版记). One function per operation, for the desktop and the CLI.

use super::exports::DocumentKind;
use crate::db::{inspections, unit_work, Db};
use crate::domain::{LeadingGroup, Letterhead, RectificationMeeting, SecretaryAction};
use crate::Result;

/// Records a 整改专题民主生活会 (`m.inspection_id` 0: the most recent inspection).
pub fn add_meeting(db: &Db, m: &RectificationMeeting) -> Result<RectificationMeeting> {
    db.write(|tx| {
        let id = resolve(tx.conn(), m.inspection_id)?;
        unit_work::add_meeting_in_tx(
            tx,
            &RectificationMeeting {
                inspection_id: id,
                ..m.clone()
            },
        )
    })
}

/// The 整改专题民主生活会 of an inspection (`None`: the most recent).
pub fn meetings(db: &Db, inspection: Option<i64>) -> Result<Vec<RectificationMeeting>> {
    db.read(|c| unit_work::meetings(c, inspections::resolve(c, inspection)?.id))
}

/// Records something the secretary did (`a.inspection_id` 0: the most recent inspection).
pub fn add_secretary_action(db: &Db, a: &SecretaryAction) -> Result<SecretaryAction> {
    db.write(|tx| {
        let id = resolve(tx.conn(), a.inspection_id)?;
        unit_work::add_secretary_action_in_tx(
            tx,
            &SecretaryAction {
                inspection_id: id,
                ..a.clone()
            },
        )
    })
}

/// What the secretary did for an inspection (`None`: the most recent).
pub fn secretary_actions(db: &Db, inspection: Option<i64>) -> Result<Vec<SecretaryAction>> {
    db.read(|c| unit_work::secretary_actions(c, inspections::resolve(c, inspection)?.id))
}

/// The leading group of an inspection (`None`: the most recent).
pub fn leading_group(db: &Db, inspection: Option<i64>) -> Result<LeadingGroup> {
    db.read(|c| unit_work::leading_group(c, inspections::resolve(c, inspection)?.id))
}

/// Sets the leading group of an inspection (`None`: the most recent).
pub fn set_leading_group(db: &Db, inspection: Option<i64>, g: &LeadingGroup) -> Result<()> {
    db.write(|tx| {
        let id = inspections::resolve(tx.conn(), inspection)?.id;
        unit_work::set_leading_group_in_tx(tx, id, g)
    })
}

/// The GB/T 9704 elements of `document` for an inspection (`None`: the most recent).
pub fn letterhead(db: &Db, inspection: Option<i64>, document: DocumentKind) -> Result<Letterhead> {
    printed_with_letterhead(document)?;
    db.read(|c| {
        let id = inspections::resolve(c, inspection)?.id;
        unit_work::letterhead(c, id, document.code())
    })
}

/// Sets the GB/T 9704 elements of `document` for an inspection.
pub fn set_letterhead(
    db: &Db,
    inspection: Option<i64>,
    document: DocumentKind,
    l: &Letterhead,
) -> Result<()> {
    printed_with_letterhead(document)?;
    db.write(|tx| {
        let id = inspections::resolve(tx.conn(), inspection)?.id;
        unit_work::set_letterhead_in_tx(tx, id, document.code(), l)
    })
}

/// Only the documents the catalog prints with a 版头/版记 have one to set.
fn printed_with_letterhead(document: DocumentKind) -> Result<()> {
    let info = document.info();
    if info.letterhead {
        Ok(())
    } else {
        Err(crate::Error::invalid(
            "document",
            format!("{}不按公文格式印发，没有版头和版记", info.title),
        ))
    }
}

fn resolve(conn: &rusqlite::Connection, id: i64) -> Result<i64> {
    Ok(inspections::resolve(conn, (id > 0).then_some(id))?.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.db")).unwrap();
        crate::demo::load(&db, crate::db::today()).unwrap();
        (dir, db)
    }

    #[test]
    fn letterheads_are_kept_per_document_and_only_where_the_catalog_prints_them() {
        let (_dir, db) = demo();
        let head = Letterhead {
            issuer_mark: "中共区统计局党组文件".into(),
            doc_no: "区统党〔2025〕3号".into(),
            preprinted: true,
            ..Default::default()
        };
        set_letterhead(&db, None, DocumentKind::Plan, &head).unwrap();
        assert_eq!(letterhead(&db, None, DocumentKind::Plan).unwrap(), head);
        assert_eq!(
            letterhead(&db, None, DocumentKind::Notice).unwrap(),
            Letterhead::default()
        );
        for kind in DocumentKind::ALL {
            let got = set_letterhead(&db, None, kind, &head);
            assert_eq!(got.is_ok(), kind.info().letterhead, "{kind:?}");
            if let Err(e) = got {
                assert_eq!(e.field(), Some("document"));
                assert!(e.to_string().contains("没有版头和版记"), "{e}");
            }
        }
    }
}
