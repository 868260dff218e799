//! Nothing is lost: kills at random moments, restore, automatic backups, damaged files and
//! concurrent writers.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::{assert_kept_unusable, xuncha_bin, Cli, TODAY};

/// A small deterministic generator, so a failing run can be repeated.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn stored_files(cli: &Cli) -> Vec<String> {
    let dir = cli.dir.path().join("test.db.files");
    let mut out = vec![];
    for sub in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(sub.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            out.push(f.file_name().to_string_lossy().into_owned());
        }
        if sub.file_name().to_string_lossy().starts_with(".incoming-") {
            out.push(sub.file_name().to_string_lossy().into_owned());
        }
    }
    out.sort();
    out
}

#[test]
fn random_kills_lose_nothing_reported_and_leave_no_orphans() {
    let kills: usize = std::env::var("XUNCHA_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(80);
    let cli = Cli::new();
    cli.inspection();
    let finding = cli
        .add(&["finding", "add", "--category", "1", "--title", "初始问题"])
        .to_string();
    let task = cli
        .add(&[
            "task",
            "add",
            "--finding",
            &finding,
            "--measure",
            "初始措施",
            "--deadline",
            "2025-06-30",
        ])
        .to_string();
    // Kill delays start from how long a write takes on this machine and adapt as they go.
    let timed = |args: &[&str]| {
        let t = std::time::Instant::now();
        cli.ok(args);
        t.elapsed().as_micros() as u64
    };
    let mut single = (0..3)
        .map(|_| timed(&["finding", "add", "--category", "1", "--title", "计时用问题"]))
        .min()
        .unwrap_or(20_000);
    let mut demo = timed(&["demo"]);
    let mut rng = Lcg(std::env::var("XUNCHA_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20251122));
    let mut reported: Vec<(&str, i64)> = vec![];
    let (mut mid_write, mut completed) = (0, 0);
    for i in 0..kills {
        let file = cli.dir.path().join(format!("佐证{i}.txt"));
        std::fs::write(&file, format!("evidence {i} ").repeat(1 + i % 2000)).unwrap();
        let title = format!("问题{i}");
        let (table, args): (&str, Vec<String>) = match rng.next(5) {
            0 => (
                "findings",
                vec![
                    "finding".into(),
                    "add".into(),
                    "--category".into(),
                    "2".into(),
                    "--title".into(),
                    title,
                ],
            ),
            1 => (
                "tasks",
                vec![
                    "task".into(),
                    "add".into(),
                    "--finding".into(),
                    finding.clone(),
                    "--measure".into(),
                    title,
                    "--deadline".into(),
                    "2025年6月底前".into(),
                    "--units".into(),
                    format!("单位{}、办公室", i % 7),
                ],
            ),
            2 | 3 => (
                "progress",
                vec![
                    "progress".into(),
                    "add".into(),
                    "--task".into(),
                    task.clone(),
                    "--text".into(),
                    title,
                    "--evidence".into(),
                    file.to_string_lossy().into_owned(),
                ],
            ),
            _ => ("inspections", vec!["demo".into()]),
        };
        let mut child = Command::new(xuncha_bin())
            .arg("--db")
            .arg(&cli.db)
            .args(&args)
            .env("XUNCHA_TODAY", TODAY)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let span = if table == "inspections" {
            &mut demo
        } else {
            &mut single
        };
        std::thread::sleep(Duration::from_micros(rng.next(*span + 1)));
        let _ = child.kill(); // SIGKILL
        let out = child.wait_with_output().unwrap();
        // Steer the kill delay so that about half the runs are cut off mid-write.
        *span = if out.status.success() {
            *span * 4 / 5
        } else {
            *span * 5 / 4 + 100
        };
        if out.status.success() {
            completed += 1;
            let id: i64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
            reported.push((table, id));
        } else {
            mid_write += 1;
        }
        // After every kill: the file opens, is sound, the chain verifies, nothing reported is lost,
        // no evidence file is missing or orphaned.
        let v = cli.json(&["verify-audit"]);
        assert_eq!(v["ok"], true, "after kill {i}: {v}");
        let ok: String = cli
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok", "after kill {i}");
        for (table, id) in &reported {
            let n: i64 = cli
                .conn()
                .query_row(
                    &format!("SELECT count(*) FROM {table} WHERE id = ?1"),
                    [id],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(
                n, 1,
                "after kill {i}: {table} {id} was reported saved but is gone"
            );
        }
        let recorded = cli.column("SELECT DISTINCT sha256 FROM evidence ORDER BY sha256");
        assert_eq!(
            stored_files(&cli),
            recorded,
            "after kill {i}: evidence files and records differ"
        );
    }
    let report = format!("crash harness: {kills} kills survived ({mid_write} mid-write, {completed} after completing), {} reported writes all present", reported.len());
    println!("{report}");
    let _ = std::fs::write(
        std::env::temp_dir().join("xuncha-crash-report.txt"),
        &report,
    );
    assert!(
        mid_write > kills / 10,
        "too few kills landed mid-write: {report}"
    );
}

#[test]
fn restore_keeps_the_current_data_first() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let backup = cli.dir.path().join("u盘").join("备份.db");
    cli.ok(&["backup", "--out", backup.to_str().unwrap()]);
    let extra = cli.add(&[
        "finding",
        "add",
        "--category",
        "1",
        "--title",
        "备份之后新增的问题",
    ]);
    let r = cli.json(&["restore", backup.to_str().unwrap()]);
    let kept = r["kept_current_as"].as_str().unwrap().to_owned();
    let n: i64 = cli
        .conn()
        .query_row(
            "SELECT count(*) FROM findings WHERE id = ?1",
            [extra],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 0, "restored contents");
    let kept_conn = rusqlite::Connection::open(&kept).unwrap();
    let n: i64 = kept_conn
        .query_row(
            "SELECT count(*) FROM findings WHERE id = ?1",
            [extra],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1, "the data before the restore was kept");
    let list = cli.json(&["backups"]);
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["path"] == kept.as_str()));
    assert_eq!(cli.json(&["verify-audit"])["ok"], true);

    // A file that is not a backup is refused and the current data stays.
    let junk = cli.dir.path().join("junk.db");
    std::fs::write(&junk, "不是数据库".repeat(300)).unwrap();
    let before = cli.count("findings");
    let err = cli.fail(&["restore", junk.to_str().unwrap()]);
    assert!(err.contains("不是巡察整改台账的数据库文件"), "{err}");
    assert_eq!(cli.count("findings"), before);
}

#[test]
fn first_change_of_the_day_makes_an_automatic_backup() {
    let cli = Cli::new();
    cli.inspection();
    cli.add(&["finding", "add", "--category", "1", "--title", "一"]);
    cli.add(&["finding", "add", "--category", "1", "--title", "二"]);
    let list = cli.json(&["backups"]);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    let b = rusqlite::Connection::open(list[0]["path"].as_str().unwrap()).unwrap();
    let n: i64 = b
        .query_row("SELECT count(*) FROM inspections", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn a_damaged_database_gives_a_way_out_not_a_crash() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    // The first change after the demo keeps a backup of it.
    cli.add(&["finding", "add", "--category", "1", "--title", "演示之后"]);
    cli.conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    let bytes = std::fs::read(&cli.db).unwrap();
    // Overwrite pages in the middle of the file with garbage.
    let mut damaged = bytes.clone();
    let mid = damaged.len() / 2;
    for b in &mut damaged[4096..mid] {
        *b = 0xA5;
    }
    std::fs::write(&cli.db, &damaged).unwrap();
    let out = cli.run(&["list", "findings"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("错误："), "{err}");
    assert!(err.contains("损坏") && err.contains("备份"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        std::fs::read(&cli.db).unwrap(),
        damaged,
        "never overwritten"
    );

    // The way out: the automatic backups are listed without opening the file, and one of
    // them takes its place; the damaged file is kept beside it.
    let list = cli.json(&["backups"]);
    let path = list[0]["path"].as_str().unwrap();
    let name = std::path::Path::new(path)
        .file_name()
        .unwrap()
        .to_str()
        .unwrap();
    let said = cli.ok(&["recover", name]);
    assert!(said.contains("原文件保留为"), "{said}");
    assert_kept_unusable(&cli.db, &damaged);
    let titles = cli.json(&["list", "findings"]);
    assert!(titles.as_array().is_some_and(|a| !a.is_empty()), "{titles}");
    assert!(cli.ok(&["verify-audit"]).contains("链条完整"));
}

#[test]
fn concurrent_writers_are_serialised() {
    let cli = Cli::new();
    cli.inspection();
    let children: Vec<_> = (0..4)
        .map(|w| {
            let script: Vec<String> = (0..15).map(|k| format!("问题{w}-{k}")).collect();
            let db = cli.db.clone();
            std::thread::spawn(move || {
                for title in script {
                    let out = Command::new(xuncha_bin())
                        .arg("--db")
                        .arg(&db)
                        .args(["finding", "add", "--category", "1", "--title", &title])
                        .env("XUNCHA_TODAY", TODAY)
                        .stdin(Stdio::null())
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for c in children {
        c.join().unwrap();
    }
    let c = cli.conn();
    let (n, distinct, max): (i64, i64, i64) = c
        .query_row(
            "SELECT count(*), count(DISTINCT seq), max(seq) FROM findings",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((n, distinct, max), (60, 60, 60));
}

/// Mounts a small tmpfs (root only); `None` where mounting is not allowed.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(dir: &std::path::Path, size: &str) -> Option<SmallDisk> {
        let point = dir.join("small-disk");
        std::fs::create_dir_all(&point).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&point)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(SmallDisk(point))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_refuses_the_change_and_keeps_what_was_saved() {
    let outer = tempfile::tempdir().unwrap();
    let Some(disk) = SmallDisk::mount(outer.path(), "2m") else {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root)");
        return;
    };
    let cli = Cli {
        dir: tempfile::tempdir().unwrap(),
        db: disk.0.join("full.db"),
    };
    cli.inspection();
    let kept = cli.add(&[
        "finding",
        "add",
        "--category",
        "1",
        "--title",
        "磁盘满之前保存的问题",
    ]);
    // Fill the disk.
    let filler = disk.0.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let block = vec![0u8; 16 * 1024];
    while std::io::Write::write_all(&mut f, &block).is_ok() {}
    drop(f);
    let big = "具体表现。".repeat(3_900);
    let err = cli.fail(&[
        "finding",
        "add",
        "--category",
        "1",
        "--title",
        "磁盘满时录入",
        "--manifestation",
        &big,
    ]);
    assert!(err.contains("磁盘空间已满"), "{err}");
    // Evidence that does not fit is refused the same way.
    let src = cli.dir.path().join("扫描件.pdf");
    std::fs::write(&src, vec![7u8; 512 * 1024]).unwrap();
    let task = {
        std::fs::remove_file(&filler).unwrap();
        let t = cli.add(&[
            "task",
            "add",
            "--finding",
            &kept.to_string(),
            "--measure",
            "措施",
            "--deadline",
            "2025-06-30",
        ]);
        let mut f = std::fs::File::create(&filler).unwrap();
        while std::io::Write::write_all(&mut f, &block).is_ok() {}
        t
    };
    let err = cli.fail(&[
        "progress",
        "add",
        "--task",
        &task.to_string(),
        "--text",
        "上传扫描件",
        "--evidence",
        src.to_str().unwrap(),
    ]);
    assert!(err.contains("磁盘空间已满"), "{err}");
    std::fs::remove_file(&filler).unwrap();
    let titles = cli.column("SELECT title FROM findings ORDER BY id");
    assert_eq!(titles, ["磁盘满之前保存的问题"]);
    assert_eq!(cli.count("progress"), 0);
    assert_eq!(cli.json(&["verify-audit"])["ok"], true);
}

#[test]
fn a_database_held_by_another_program_gives_a_clear_message() {
    let cli = Cli::new();
    cli.inspection();
    let holder = cli.conn();
    holder
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('x', 'y');")
        .unwrap();
    let err = cli.fail(&[
        "finding",
        "add",
        "--category",
        "1",
        "--title",
        "被占用时录入",
    ]);
    assert!(err.contains("正被另一个程序长时间占用"), "{err}");
    holder.execute_batch("ROLLBACK").unwrap();
    cli.add(&["finding", "add", "--category", "1", "--title", "释放后录入"]);
}

#[test]
fn a_read_only_database_gives_a_clear_message_and_loses_nothing() {
    let outer = tempfile::tempdir().unwrap();
    let Some(disk) = SmallDisk::mount(outer.path(), "8m") else {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root)");
        return;
    };
    let cli = Cli {
        dir: tempfile::tempdir().unwrap(),
        db: disk.0.join("ro.db"),
    };
    cli.inspection();
    cli.add(&[
        "finding",
        "add",
        "--category",
        "1",
        "--title",
        "只读之前保存的问题",
    ]);
    cli.conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    let before = std::fs::read(&cli.db).unwrap();
    // A read-only file system: file modes alone would not stop root, which CI runs as.
    let ro = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&disk.0)
        .status()
        .is_ok_and(|s| s.success());
    if !ro {
        eprintln!("skipped: cannot remount read-only here");
        return;
    }
    let out = cli.run(&["finding", "add", "--category", "1", "--title", "只读时录入"]);
    let err = String::from_utf8_lossy(&out.stderr);
    let _ = Command::new("mount")
        .args(["-o", "remount,rw"])
        .arg(&disk.0)
        .status();
    assert!(!out.status.success());
    assert!(err.starts_with("错误："), "{err}");
    assert!(
        err.contains("只读"),
        "the message says the file cannot be written: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(std::fs::read(&cli.db).unwrap(), before, "nothing changed");
    let titles = cli.column("SELECT title FROM findings ORDER BY id");
    assert_eq!(titles, ["只读之前保存的问题"]);
}
