//! Encryption of the database at rest, through the CLI: what lands on disk, opening with
//! and without the password, backups and restore, changing and removing the password, and
//! a kill in the middle of encrypting.

use std::path::Path;
use std::process::Stdio;
use std::time::Instant;

use crate::common::Cli;

const PW: &str = "巡察密码2025";
const PW2: &str = "another-secret";
const TITLE: &str = "财务报销审核把关不严格";
const PLAIN_HEADER: &[u8] = b"SQLite format 3\0";

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// A database file with its WAL, as someone who found the disk would read them.
fn raw(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    bytes.extend(std::fs::read(wal).unwrap_or_default());
    bytes
}

/// Asserts that a file gives none of the data (nor the password) away.
fn assert_sealed(path: &Path) {
    let bytes = raw(path);
    assert!(!bytes.starts_with(PLAIN_HEADER), "{}", path.display());
    for secret in [TITLE, "区委第三巡察组", "王建国", PW, PW2] {
        assert!(
            !contains(&bytes, secret.as_bytes()),
            "{} contains {secret}",
            path.display()
        );
    }
}

fn keyed(path: &Path, pw: &str) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(path).unwrap();
    c.pragma_update(None, "key", pw).unwrap();
    c
}

fn ok(out: std::process::Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn failed(out: std::process::Output, what: &str) -> String {
    assert!(!out.status.success(), "{what} should have failed");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("错误："), "{err}");
    assert!(!err.contains("panicked") && !err.contains("hmac"), "{err}");
    err
}

fn json_with(cli: &Cli, args: &[&str], pw: &str) -> serde_json::Value {
    let mut a = args.to_vec();
    a.push("--json");
    let out = ok(
        cli.run_with(&a, "", &[("XUNCHA_PASSWORD", pw)]),
        &a.join(" "),
    );
    serde_json::from_str(&out).unwrap()
}

fn with_data() -> Cli {
    let cli = Cli::new();
    cli.inspection();
    let f = cli.add(&["finding", "add", "--category", "1", "--title", TITLE]);
    cli.add(&[
        "task",
        "add",
        "--finding",
        &f.to_string(),
        "--measure",
        "修订报销制度",
        "--deadline",
        "2025-06-30",
    ]);
    cli
}

#[test]
fn encrypt_backup_restore_change_and_decrypt() {
    let cli = with_data();
    let before = cli.json(&["list", "findings"]);
    assert!(contains(&raw(&cli.db), TITLE.as_bytes()), "plain at first");
    assert_eq!(cli.json(&["db", "status"])["encrypted"], false);

    // Too short a password is refused and nothing changes.
    let err = failed(cli.run_with(&["db", "encrypt"], "12345\n", &[]), "short");
    assert!(err.contains("密码至少6个字符"), "{err}");
    assert!(std::fs::read(&cli.db).unwrap().starts_with(PLAIN_HEADER));

    let said = ok(
        cli.run_with(&["db", "encrypt"], &format!("{PW}\n"), &[]),
        "encrypt",
    );
    assert!(
        said.contains("数据库已加密") && !said.contains(PW),
        "{said}"
    );
    assert_sealed(&cli.db);
    assert_eq!(cli.json(&["db", "status"])["encrypted"], true);
    let err = failed(
        cli.run_with(
            &["--password-stdin", "db", "encrypt"],
            &format!("{PW}\n{PW2}\n"),
            &[],
        ),
        "again",
    );
    assert!(err.contains("数据库已经加密"), "{err}");

    // Without the password, or with a wrong one: a Chinese message, and nothing read.
    let err = cli.fail(&["list", "findings"]);
    assert!(err.contains("数据库已加密，请输入密码"), "{err}");
    assert!(err.contains("--password-stdin") && err.contains("XUNCHA_PASSWORD"));
    let err = failed(
        cli.run_with(
            &["--password-stdin", "list", "findings"],
            "wrong-password\n",
            &[],
        ),
        "wrong password",
    );
    assert!(err.contains("密码不正确，无法打开数据库"), "{err}");

    // With it, everything reads back, and the file is sound.
    assert_eq!(json_with(&cli, &["list", "findings"], PW), before);
    let stdin = ok(
        cli.run_with(
            &["--password-stdin", "list", "findings", "--json"],
            &format!("{PW}\n"),
            &[],
        ),
        "stdin password",
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&stdin).unwrap(),
        before
    );
    assert_eq!(json_with(&cli, &["verify-audit"], PW)["ok"], true);
    let c = keyed(&cli.db, PW);
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let (action, after): (String, String) = c
        .query_row(
            "SELECT action, after FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (action.as_str(), after.as_str()),
        ("encrypt", r#"{"encrypted":true}"#)
    );
    let leaked: i64 = c
        .query_row(
            "SELECT count(*) FROM audit_log WHERE instr(coalesce(before, '') || coalesce(after, ''), ?1) > 0",
            [PW],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(leaked, 0, "the password is not in the audit log");
    drop(c);

    // Every backup beside it is encrypted too, and so is one made now.
    let backups = json_with(&cli, &["backups"], PW);
    let backups = backups.as_array().unwrap();
    assert!(backups.len() >= 2, "{backups:?}");
    for b in backups {
        assert_eq!(b["encrypted"], true);
        assert_sealed(Path::new(b["path"].as_str().unwrap()));
    }
    let usb = cli.dir.path().join("u盘").join("备份.db");
    let usb_s = usb.to_str().unwrap();
    json_with(&cli, &["backup", "--out", usb_s], PW);
    assert_sealed(&usb);

    // Restore needs no more than the database's password.
    let extra = cli.run_with(
        &[
            "finding",
            "add",
            "--category",
            "1",
            "--title",
            "备份之后新增的问题",
        ],
        "",
        &[("XUNCHA_PASSWORD", PW)],
    );
    ok(extra, "add after backup");
    json_with(&cli, &["restore", usb_s], PW);
    assert_eq!(json_with(&cli, &["list", "findings"], PW), before);

    // Change the password: the old one no longer opens it, the new one does.
    ok(
        cli.run_with(
            &["--password-stdin", "db", "change-password"],
            &format!("{PW}\n{PW2}\n"),
            &[],
        ),
        "change password",
    );
    assert_sealed(&cli.db);
    let err = failed(
        cli.run_with(&["list", "findings"], "", &[("XUNCHA_PASSWORD", PW)]),
        "old password",
    );
    assert!(err.contains("密码不正确"), "{err}");
    assert_eq!(json_with(&cli, &["list", "findings"], PW2), before);

    // The USB backup keeps the old password: restoring it needs that one said.
    let err = failed(
        cli.run_with(&["restore", usb_s], "", &[("XUNCHA_PASSWORD", PW2)]),
        "restore under the old password",
    );
    assert!(err.contains("--backup-password-stdin"), "{err}");
    ok(
        cli.run_with(
            &[
                "--password-stdin",
                "restore",
                usb_s,
                "--backup-password-stdin",
            ],
            &format!("{PW2}\n{PW}\n"),
            &[],
        ),
        "restore with the backup's password",
    );
    assert_eq!(json_with(&cli, &["list", "findings"], PW2), before);

    // Decrypt: a plain file again, opened without a password, nothing lost.
    ok(
        cli.run_with(&["db", "decrypt"], "", &[("XUNCHA_PASSWORD", PW2)]),
        "decrypt",
    );
    assert!(std::fs::read(&cli.db).unwrap().starts_with(PLAIN_HEADER));
    assert_eq!(cli.json(&["db", "status"])["encrypted"], false);
    assert_eq!(cli.json(&["list", "findings"]), before);
    assert_eq!(cli.json(&["verify-audit"])["ok"], true);
    let actions = cli.column(
        "SELECT action FROM audit_log WHERE entity = 'database' AND action <> 'restore' ORDER BY id",
    );
    // The second restore brought back the log as it was at the backup (after encrypt).
    assert_eq!(actions, ["encrypt", "decrypt"]);
}

#[test]
fn encrypting_is_refused_while_another_program_has_the_file_open() {
    let cli = with_data();
    let holder = cli.conn();
    let n: i64 = holder
        .query_row("SELECT count(*) FROM findings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    let err = failed(
        cli.run_with(&["db", "encrypt"], &format!("{PW}\n"), &[]),
        "encrypt while open elsewhere",
    );
    assert!(err.contains("另一个程序"), "{err}");
    drop(holder);
    assert!(std::fs::read(&cli.db).unwrap().starts_with(PLAIN_HEADER));
    assert_eq!(cli.count("findings"), 1);
}

/// Kills `xuncha db encrypt` at moments spread over its run (the last run goes to the end):
/// each time the database opens
/// either as it was (plain) or encrypted with the new password, whole, with every backup
/// readable one way or the other.
#[test]
fn a_kill_while_encrypting_leaves_the_old_or_the_new_file() {
    let template = with_data();
    let before = template.json(&["list", "findings"]);
    let fresh = || {
        let cli = Cli::new();
        std::fs::copy(&template.db, &cli.db).unwrap();
        cli
    };
    let encrypt = |cli: &Cli| {
        cli.command(&["--operator", "测试", "db", "encrypt"])
            .env("XUNCHA_NEW_PASSWORD", PW)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let t = Instant::now();
    assert!(encrypt(&fresh()).wait().unwrap().success());
    let full = t.elapsed();

    let runs = 16u32;
    let (mut old, mut new) = (0, 0);
    for i in 0..=runs {
        let cli = fresh();
        // From at once to the end of a whole run, in even steps.
        let mut child = encrypt(&cli);
        if i < runs {
            std::thread::sleep(full * i / runs);
            let _ = child.kill(); // SIGKILL
        }
        // The last run is not killed: on a loaded machine a run takes longer than the one
        // timed above, and every kill could land before the new file is in place; this one
        // is sure to end with it, so both outcomes are always checked.
        child.wait().unwrap();
        let findings = if std::fs::read(&cli.db).unwrap().starts_with(PLAIN_HEADER) {
            old += 1;
            let v = cli.json(&["verify-audit"]);
            assert_eq!(v["ok"], true, "run {i}: {v}");
            cli.json(&["list", "findings"])
        } else {
            new += 1;
            assert_sealed(&cli.db);
            let v = json_with(&cli, &["verify-audit"], PW);
            assert_eq!(v["ok"], true, "run {i}: {v}");
            json_with(&cli, &["list", "findings"], PW)
        };
        assert_eq!(findings, before, "run {i}");
        let mut partial = cli.db.as_os_str().to_owned();
        partial.push(".rekey-partial");
        assert!(!Path::new(&partial).exists(), "run {i}: leftover swept");
        for b in std::fs::read_dir(cli.dir.path().join("test.db.backups"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let p = b.path();
            if p.extension().is_some_and(|e| e == "db") {
                let c = if std::fs::read(&p).unwrap().starts_with(PLAIN_HEADER) {
                    rusqlite::Connection::open(&p).unwrap()
                } else {
                    keyed(&p, PW)
                };
                let n: i64 = c
                    .query_row("SELECT count(*) FROM findings", [], |r| r.get(0))
                    .unwrap_or_else(|e| panic!("run {i}: {}: {e}", p.display()));
                assert_eq!(n, 1);
            }
        }
    }
    println!("encrypt kills: {old} left the old file, {new} the new one");
    assert!(old > 0 && new > 0, "old {old}, new {new}");
}
