//! The exchange operations on databases in a temporary folder: enrolment rules, and the
//! sample ledger travelling whole to an empty copy and then agreeing record for record.
//! `XUNCHA_EXCHANGE_FINDINGS=10000` runs it at the benchmark's size and prints timings.

use std::path::Path;

use super::*;
use crate::db::Db;
use crate::domain::PeerRole;
use crate::error::ErrorCode;
use crate::exchange::records::{self, Scope};
use crate::report::sample::{self, Tasks};

fn copy(dir: &Path, name: &str) -> Db {
    let db = Db::open(&dir.join(format!("{name}.db")))
        .unwrap()
        .with_operator("测试");
    let id = dir.join(format!("{name}.id"));
    write_identity(&db, Some(name), &id).unwrap();
    db
}

#[test]
fn enrolment_names_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let a = copy(dir.path(), "甲");
    let _b = copy(dir.path(), "乙");
    let b_id = dir.path().join("乙.id");
    let e = trust(&a, &b_id, PeerRole::Unit, None).unwrap_err();
    assert_eq!(e.field(), Some("unit"));
    let e = trust(&a, &b_id, PeerRole::Team, Some("财务科")).unwrap_err();
    assert_eq!(e.field(), Some("unit"));
    let e = trust(&a, &dir.path().join("甲.id"), PeerRole::Team, None).unwrap_err();
    assert!(e.to_string().contains("本机自己的身份文件"), "{e}");
    let not_identity = dir.path().join("x.id");
    std::fs::write(&not_identity, "{}").unwrap();
    let e = trust(&a, &not_identity, PeerRole::Team, None).unwrap_err();
    assert!(e.to_string().contains("不是巡察整改台账的身份文件"), "{e}");
    // Made without a name, a copy is named for now and renamed later.
    let c = Db::open(&dir.path().join("丙.db")).unwrap();
    assert_eq!(make_identity(&c, None).unwrap().name, UNNAMED);
    assert_eq!(make_identity(&c, Some("财务科")).unwrap().name, "财务科");
    let empty = Db::open(&dir.path().join("丁.db")).unwrap();
    let p = trust(&a, &b_id, PeerRole::Keeper, None).unwrap();
    assert_eq!(recipient(&a, None, None).unwrap(), p);
    let e = recipient(&a, None, Some("财务科")).unwrap_err();
    assert_eq!(e.kind(), ErrorCode::NotFound);
    let e = export(&empty, &p, &dir.path().join("p.xcpkg"), sample::today()).unwrap_err();
    assert_eq!(e.field(), Some("identity"));
}

#[test]
fn the_sample_ledger_travels_whole_and_then_nothing_more() {
    let findings = std::env::var("XUNCHA_EXCHANGE_FINDINGS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let today = sample::today();
    let dir = tempfile::tempdir().unwrap();
    let keeper = copy(dir.path(), "台账");
    let team = copy(dir.path(), "巡察组");
    sample::write(&keeper, findings, Tasks::UpTo(3)).unwrap();
    // The sample's evidence names files it never stored: store one for each.
    let files = keeper.evidence_dir().unwrap();
    keeper
        .read(|c| {
            let ids: Vec<i64> = c
                .prepare("SELECT id FROM evidence")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in ids {
                let bytes = format!("佐证材料 {id}").into_bytes();
                let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes));
                let path = crate::db::evidence::stored_path(&files, &sha);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &bytes).unwrap();
                c.execute(
                    "UPDATE evidence SET sha256 = ?1, size = ?2 WHERE id = ?3",
                    rusqlite::params![sha, bytes.len(), id],
                )?;
            }
            Ok(())
        })
        .unwrap();
    trust(&keeper, &dir.path().join("巡察组.id"), PeerRole::Team, None).unwrap();
    trust(&team, &dir.path().join("台账.id"), PeerRole::Keeper, None).unwrap();

    let pkg = dir.path().join("1.xcpkg");
    let t = std::time::Instant::now();
    let sent = export(
        &keeper,
        &recipient(&keeper, None, None).unwrap(),
        &pkg,
        today,
    )
    .unwrap();
    let exported = t.elapsed();
    let t = std::time::Instant::now();
    let done = import(&team, &pkg, today).unwrap();
    let imported = t.elapsed();
    eprintln!(
        "{findings} findings: {} events exported in {exported:?}, imported in {imported:?}",
        sent.events
    );
    assert_eq!(
        done.applied.to_review,
        0,
        "{:?}",
        reviews(&team, true).unwrap()
    );
    assert_eq!(done.applied.created, sent.events);
    assert_eq!(
        done.applied.to_review,
        0,
        "{:?}",
        reviews(&team, true).unwrap()
    );
    let all = |db: &Db| db.read(|c| records::read(c, &Scope::All, today)).unwrap();
    assert_eq!(all(&keeper), all(&team));
    // The team acknowledges; the keeper then has nothing more to send.
    let back = dir.path().join("back.xcpkg");
    let empty = export(&team, &recipient(&team, None, None).unwrap(), &back, today).unwrap();
    assert_eq!(empty.events, 0);
    import(&keeper, &back, today).unwrap();
    let again = dir.path().join("2.xcpkg");
    let second = export(
        &keeper,
        &recipient(&keeper, None, None).unwrap(),
        &again,
        today,
    )
    .unwrap();
    assert_eq!((second.seq, second.events), (2, 0));
}

#[test]
fn a_close_out_refused_here_leaves_its_task_completed_and_says_why() {
    let today = sample::today();
    let dir = tempfile::tempdir().unwrap();
    let keeper = copy(dir.path(), "台账");
    let team = copy(dir.path(), "巡察组");
    sample::write(&keeper, 12, Tasks::UpTo(3)).unwrap();
    // Without evidence, no close-out can be requested on the team's copy.
    keeper
        .read(|c| Ok(c.execute("DELETE FROM evidence", [])?))
        .unwrap();
    trust(&keeper, &dir.path().join("巡察组.id"), PeerRole::Team, None).unwrap();
    trust(&team, &dir.path().join("台账.id"), PeerRole::Keeper, None).unwrap();
    let pkg = dir.path().join("1.xcpkg");
    export(
        &keeper,
        &recipient(&keeper, None, None).unwrap(),
        &pkg,
        today,
    )
    .unwrap();
    import(&team, &pkg, today).unwrap();
    let items = reviews(&team, true).unwrap();
    assert!(!items.is_empty());
    for i in &items {
        // Never “both changed”: the team changed nothing.
        assert!(!i.can_take_theirs, "{i:?}");
        match i.kind.as_str() {
            "close_out" => assert!(i.reason.contains("佐证材料"), "{i:?}"),
            _ => assert!(i.reason.contains("已销号"), "{i:?}"),
        }
    }
    let closed = keeper
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM tasks WHERE status = 'closed'",
                [],
                |r| r.get::<_, i64>(0),
            )?)
        })
        .unwrap();
    let completed_here = team
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM tasks WHERE status = 'completed'",
                [],
                |r| r.get::<_, i64>(0),
            )?)
        })
        .unwrap();
    assert!(closed > 0 && completed_here >= closed);
}
