//! Unit tests of database encryption: opening, the password rules, setting, changing and
//! removing the password, and what happens to backups.

use std::path::{Path, PathBuf};

use super::*;
use crate::db::crypto::{is_encrypted_file, MAX_PASSWORD_CHARS};
use crate::db::{migrations, settings};

const SECRET: &str = "巡察组内部机密事项";

fn db_with_data(dir: &Path) -> (Db, PathBuf) {
    let path = dir.join("x.db");
    let db = Db::open(&path).unwrap().with_operator("测试员");
    db.write(|tx| settings::set_in_tx(tx, "note", SECRET))
        .unwrap();
    (db, path)
}

fn note(db: &Db) -> Option<String> {
    db.read(|c| settings::get(c, "note")).unwrap()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The database file and its WAL, as a thief would find them.
fn raw(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    bytes.extend(std::fs::read(suffixed(path, "-wal")).unwrap_or_default());
    bytes
}

#[test]
fn password_rules() {
    for (pw, ok) in [
        ("12345", false),
        ("123456", true),
        ("六个汉字密码", true),
        ("abc\ndef", false),
        ("tab\tabc", false),
        ("", false),
    ] {
        let r = validate_password(pw);
        assert_eq!(r.is_ok(), ok, "{pw:?}: {r:?}");
        if let Err(e) = r {
            assert_eq!(e.field(), Some("password"));
            assert!(!e.to_string().contains(pw) || pw.is_empty(), "{e}");
        }
    }
    assert_eq!(
        validate_password("12345").unwrap_err().to_string(),
        "密码至少6个字符"
    );
    assert!(validate_password(&"长".repeat(MAX_PASSWORD_CHARS)).is_ok());
    assert!(validate_password(&"长".repeat(MAX_PASSWORD_CHARS + 1)).is_err());
}

#[test]
fn tells_encrypted_files_from_plain_new_and_junk_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (db, path) = db_with_data(dir.path());
    assert!(!is_encrypted_file(&dir.path().join("missing.db")));
    assert!(!is_encrypted_file(&path), "plain");
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    assert!(!is_encrypted_file(&empty), "empty (a new database)");
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "不是数据库".repeat(300)).unwrap();
    assert!(!is_encrypted_file(&junk), "not whole pages: not a database");
    assert_eq!(Db::open(&junk).err().map(|e| e.code()), Some("BadDatabase"));
    db.set_password(Some("secret1")).unwrap();
    assert!(is_encrypted_file(&path));
    assert!(db.is_encrypted());
}

#[test]
fn encrypts_and_opens_only_with_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let (db, path) = db_with_data(dir.path());
    assert!(contains(&raw(&path), SECRET.as_bytes()), "plain before");
    let change = db.set_password(Some("it's 秘密")).unwrap();
    assert!(change.encrypted);
    // The open handle goes on working, with the new file.
    assert_eq!(note(&db).as_deref(), Some(SECRET));
    db.write(|tx| settings::set_in_tx(tx, "after", "加密后写入"))
        .unwrap();
    drop(db);

    let bytes = raw(&path);
    assert!(!bytes.starts_with(b"SQLite format 3\0"));
    assert!(!contains(&bytes, SECRET.as_bytes()));
    assert!(!contains(&bytes, "it's 秘密".as_bytes()));

    let e = Db::open(&path).err().unwrap();
    assert_eq!(e.code(), "PasswordNeeded");
    assert!(e.to_string().contains("数据库已加密，请输入密码"), "{e}");
    let e = Db::open_with_password(&path, Some("wrong-password"))
        .err()
        .unwrap();
    assert_eq!(e.code(), "WrongPassword");
    assert!(e.to_string().contains("密码不正确"), "{e}");
    assert!(!e.to_string().contains("wrong-password"));

    let db = Db::open_with_password(&path, Some("it's 秘密")).unwrap();
    assert!(db.is_encrypted());
    assert_eq!(note(&db).as_deref(), Some(SECRET));
    assert_eq!(
        db.read(|c| settings::get(c, "after")).unwrap().as_deref(),
        Some("加密后写入")
    );
    assert_eq!(
        db.read(|c| Ok(migrations::user_version(c)?)).unwrap(),
        migrations::LATEST
    );
    let ok: String = db
        .read(|c| Ok(c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(ok, "ok");
    // The change is in the audit log, the password is not; the log stays append-only.
    let rows = db.read(|c| audit::recent(c, Some("database"), 5)).unwrap();
    assert_eq!(rows[0].action, "encrypt");
    assert_eq!(rows[0].operator, "测试员");
    assert_eq!(rows[0].after.as_deref(), Some(r#"{"encrypted":true}"#));
    db.read(audit::verify).unwrap();
    let all = db.read(|c| audit::recent(c, None, 100)).unwrap();
    assert!(all.iter().all(|r| !format!("{r:?}").contains("秘密")));
    assert!(db
        .read(|c| Ok(c.execute("DELETE FROM audit_log", [])?))
        .is_err());
    assert!(!partial_path(&path).exists());
}

#[test]
fn changes_and_removes_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let (db, path) = db_with_data(dir.path());
    db.set_password(Some("first-pw")).unwrap();
    db.set_password(Some("second-pw")).unwrap();
    drop(db);
    assert_eq!(
        Db::open_with_password(&path, Some("first-pw"))
            .err()
            .map(|e| e.code()),
        Some("WrongPassword")
    );
    let db = Db::open_with_password(&path, Some("second-pw")).unwrap();
    let change = db.set_password(None).unwrap();
    assert!(!change.encrypted);
    drop(db);
    assert!(std::fs::read(&path)
        .unwrap()
        .starts_with(b"SQLite format 3\0"));
    let db = Db::open(&path).unwrap();
    assert!(!db.is_encrypted());
    assert_eq!(note(&db).as_deref(), Some(SECRET));
    let actions: Vec<String> = db
        .read(|c| audit::recent(c, Some("database"), 10))
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect();
    assert_eq!(actions, ["decrypt", "change_password", "encrypt"]);
    db.read(audit::verify).unwrap();
}

#[test]
fn refuses_what_it_cannot_do_and_keeps_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mem = Db::open_in_memory().unwrap();
    assert_eq!(
        mem.set_password(Some("secret1")).unwrap_err().field(),
        Some("password")
    );

    let (db, path) = db_with_data(dir.path());
    let e = db.set_password(None).unwrap_err();
    assert_eq!(e.code(), "Conflict");
    let e = db.set_password(Some("short")).unwrap_err();
    assert_eq!(e.to_string(), "密码至少6个字符");
    assert!(!is_encrypted_file(&path));

    // Another program with the file open would go on writing into the replaced file.
    let other = Connection::open(&path).unwrap();
    let n: i64 = other
        .query_row("SELECT count(*) FROM settings", [], |r| r.get(0))
        .unwrap();
    assert!(n > 0);
    let e = db.set_password(Some("secret1")).unwrap_err();
    assert_eq!(e.code(), "Conflict");
    assert!(e.to_string().contains("另一个程序"), "{e}");
    assert!(!is_encrypted_file(&path));
    assert!(!db.is_encrypted());
    assert_eq!(note(&db).as_deref(), Some(SECRET), "still usable");
    db.write(|tx| settings::set_in_tx(tx, "x", "y")).unwrap();
    drop(other);

    // A failure while writing the new file leaves the old one, and the handle, working.
    std::fs::create_dir(partial_path(&path)).unwrap();
    std::fs::write(partial_path(&path).join("blocker"), b"x").unwrap();
    assert!(db.set_password(Some("secret1")).is_err());
    assert!(!is_encrypted_file(&path));
    assert!(!db.is_encrypted());
    assert_eq!(note(&db).as_deref(), Some(SECRET));
    db.write(|tx| settings::set_in_tx(tx, "x", "z")).unwrap();
    std::fs::remove_dir_all(partial_path(&path)).unwrap();
    db.set_password(Some("secret1")).unwrap();
    assert!(is_encrypted_file(&path));
}

#[test]
fn backups_follow_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let (db, path) = db_with_data(dir.path());
    let daily = backup::auto(&db, chrono::Duration::zero())
        .unwrap()
        .unwrap();
    assert!(contains(&raw(&daily.path), SECRET.as_bytes()));

    let change = db.set_password(Some("secret1")).unwrap();
    // The plain daily backup and the copy kept before the change are now encrypted too.
    assert_eq!((change.backups_converted, change.backups_skipped), (2, 0));
    for b in backup::list(&path) {
        assert!(b.encrypted, "{}", b.path.display());
        assert!(!contains(&raw(&b.path), SECRET.as_bytes()));
    }
    let out = dir.path().join("u盘").join("备份.db");
    backup::to_file(&db, &out).unwrap();
    assert!(is_encrypted_file(&out));
    assert!(!contains(&raw(&out), SECRET.as_bytes()));
    let copy = Db::open_with_password(&out, Some("secret1")).unwrap();
    assert_eq!(note(&copy).as_deref(), Some(SECRET));
    drop(copy);

    // Restoring an encrypted backup into the database it came from.
    db.write(|tx| settings::set_in_tx(tx, "note", "改过了"))
        .unwrap();
    backup::restore(&db, &out).unwrap();
    assert_eq!(note(&db).as_deref(), Some(SECRET));

    // After a change of password, a backup under the old one needs it said.
    db.set_password(Some("secret2")).unwrap();
    let e = backup::restore(&db, &out).unwrap_err();
    assert_eq!(e.code(), "WrongPassword");
    backup::restore_with_password(&db, &out, Some("secret1")).unwrap();
    assert!(db.is_encrypted());
    drop(db);
    assert!(Db::open_with_password(&path, Some("secret2")).is_ok());
}

#[test]
fn restores_between_plain_and_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let (db, path) = db_with_data(dir.path());
    let plain = dir.path().join("plain-backup.db");
    backup::to_file(&db, &plain).unwrap();
    db.set_password(Some("secret1")).unwrap();
    db.write(|tx| settings::set_in_tx(tx, "note", "改过了"))
        .unwrap();
    // A plain backup restored into an encrypted database: the database stays encrypted.
    backup::restore(&db, &plain).unwrap();
    assert_eq!(note(&db).as_deref(), Some(SECRET));
    assert!(is_encrypted_file(&path));
    assert!(!contains(&raw(&path), SECRET.as_bytes()));
    let enc = dir.path().join("enc-backup.db");
    backup::to_file(&db, &enc).unwrap();

    // An encrypted backup restored into a plain database: it stays plain.
    let other = Db::open(&dir.path().join("other.db")).unwrap();
    assert_eq!(
        backup::restore(&other, &enc).unwrap_err().code(),
        "PasswordNeeded"
    );
    backup::restore_with_password(&other, &enc, Some("secret1")).unwrap();
    assert_eq!(note(&other).as_deref(), Some(SECRET));
    assert!(!other.is_encrypted());
    other.read(audit::verify).unwrap();
}
