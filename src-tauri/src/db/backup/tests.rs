//! Unit tests of the automatic backups: listing, counting, finding by name, recovery.

use super::*;
use crate::db::files::suffixed;
use crate::db::Db;

#[test]
fn automatic_backups_are_listed_counted_and_found_by_name_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let db = Db::open(&path).unwrap();
    crate::demo::load(&db, crate::db::today()).unwrap();
    let made = auto(&db, chrono::Duration::zero()).unwrap().unwrap();
    let all = list(&path);
    assert_eq!(all.len(), 1);
    let name = made.path.file_name().unwrap().to_str().unwrap();
    assert_eq!(named(&path, name).unwrap().path, made.path);
    let c = counts(&made.path, None).unwrap();
    assert_eq!(c.inspections, 1);
    assert!(c.findings > 0 && c.tasks >= c.findings, "{c:?}");
    // Anything but a listed name is refused, whatever it points at.
    std::fs::write(dir.path().join("other.db"), b"x").unwrap();
    let elsewhere = format!("../{}", path.file_name().unwrap().to_str().unwrap());
    for bad in [
        "",
        "t.db",
        "other.db",
        "../other.db",
        elsewhere.as_str(),
        made.path.to_str().unwrap(),
    ] {
        let err = named(&path, bad).unwrap_err();
        assert_eq!(err.field(), Some("name"), "{bad}");
    }
    assert_eq!(counts(&dir.path().join("other.db"), None), None);
}

#[test]
fn backups_of_an_encrypted_database_are_counted_with_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let db = Db::open(&path).unwrap();
    crate::demo::load(&db, crate::db::today()).unwrap();
    db.set_password(Some("巡察密码123")).unwrap();
    let made = auto(&db, chrono::Duration::zero()).unwrap().unwrap();
    assert!(crate::db::crypto::is_encrypted_file(&made.path));
    assert_eq!(counts(&made.path, None), None, "unreadable without the key");
    let key = db.key();
    let c = counts(&made.path, key.as_deref()).unwrap();
    assert_eq!(c.inspections, 1);
}

#[test]
fn a_damaged_database_is_replaced_by_a_backup_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let db = Db::open(&path).unwrap();
    crate::demo::load(&db, crate::db::today()).unwrap();
    let made = auto(&db, chrono::Duration::zero()).unwrap().unwrap();
    drop(db);
    let junk = b"this file was overwritten by something else".repeat(100);
    std::fs::write(&path, &junk).unwrap();
    assert!(Db::open(&path).is_err());
    // Only a listed backup is taken.
    assert_eq!(recover(&path, "../t.db").unwrap_err().field(), Some("name"));
    let name = made.path.file_name().unwrap().to_str().unwrap();
    let kept = recover(&path, name).unwrap().unwrap();
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        junk,
        "the unusable file is kept"
    );
    assert!(kept.to_string_lossy().contains(".unusable-"));
    let db = Db::open(&path).unwrap();
    let n: i64 = db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM findings", [], |r| r.get(0))?))
        .unwrap();
    assert!(n > 0);
    assert!(!suffixed(&path, ".recover-partial").exists());
}
