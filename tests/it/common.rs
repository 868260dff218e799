//! Shared helpers: run the real `xuncha` binary on a temporary database and read back
//! what it stored.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Once;

/// The fixed "today" of the tests, so derived values (overdue, warnings) are stable.
pub const TODAY: &str = "2025-06-15";

/// Path of the `xuncha` binary, built once per test run.
pub fn xuncha_bin() -> PathBuf {
    static BUILD: Once = Once::new();
    BUILD.call_once(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--quiet", "-p", "xuncha", "--bin", "xuncha"])
            .status()
            .expect("cargo build runs");
        assert!(status.success(), "building xuncha failed");
    });
    let exe = std::env::current_exe().expect("test exe path");
    // target/debug/deps/it-… → target/debug/xuncha
    let dir = exe.parent().and_then(Path::parent).expect("target dir");
    dir.join(format!("xuncha{}", std::env::consts::EXE_SUFFIX))
}

/// A temporary database and the commands to drive it.
pub struct Cli {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Cli {
    pub fn new() -> Cli {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("test.db");
        Cli { dir, db }
    }

    /// `xuncha --db <db> args…` with the fixed today, and no password from the environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(xuncha_bin());
        c.arg("--db")
            .arg(&self.db)
            .args(args)
            .env("XUNCHA_TODAY", TODAY)
            .env("LANG", "zh_CN.UTF-8")
            .env_remove("XUNCHA_PASSWORD")
            .env_remove("XUNCHA_NEW_PASSWORD")
            .env_remove("XUNCHA_BACKUP_PASSWORD");
        c
    }

    /// Runs `xuncha --db <db> args…` with the fixed today and operator.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args)
            .stdin(Stdio::null())
            .output()
            .expect("xuncha runs")
    }

    /// Runs with `input` on standard input and the extra environment `env`.
    pub fn run_with(&self, args: &[&str], input: &str, env: &[(&str, &str)]) -> Output {
        let mut child = self
            .command(args)
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("xuncha runs");
        // It may exit without reading: a closed pipe is not a failure here.
        let _ = child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes());
        child.wait_with_output().expect("xuncha ends")
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "xuncha {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs and expects a failure; returns stderr.
    pub fn fail(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            !out.status.success(),
            "xuncha {args:?} should have failed, printed: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).expect("utf-8 stderr")
    }

    /// Runs with `--json` and parses stdout.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut a = args.to_vec();
        a.push("--json");
        let out = self.ok(&a);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("bad JSON from {args:?}: {e}\n{out}"))
    }

    /// Runs an `add` command and returns the id it prints.
    pub fn add(&self, args: &[&str]) -> i64 {
        let out = self.ok(args);
        out.trim()
            .parse()
            .unwrap_or_else(|_| panic!("no id from {args:?}: {out}"))
    }

    /// Opens the database directly.
    pub fn conn(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).expect("open db")
    }

    /// The first column of every row a query returns, as text.
    pub fn column(&self, sql: &str) -> Vec<String> {
        let c = self.conn();
        let mut stmt = c.prepare(sql).expect("prepare");
        let rows = stmt.query_map([], |r| r.get(0)).expect("query");
        rows.map(|r| r.expect("row")).collect()
    }

    /// Number of rows in a table.
    pub fn count(&self, table: &str) -> i64 {
        self.conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count")
    }

    /// A standard inspection with feedback on 2025-03-20; returns its id.
    pub fn inspection(&self) -> i64 {
        self.add(&[
            "inspection",
            "add",
            "--team",
            "区委第三巡察组",
            "--inspected-org",
            "区统计局党组",
            "--org-secretary",
            "王建国",
            "--onsite-start",
            "2025-01-06",
            "--onsite-end",
            "2025-02-20",
            "--feedback-date",
            "2025-03-20",
        ])
    }
}

/// Asserts that the unusable database file `db` was kept beside it, once, with `bytes`
/// (`<db>.unusable-<time>`, set aside by a recovery from a backup).
pub fn assert_kept_unusable(db: &Path, bytes: &[u8]) {
    let name = db.file_name().unwrap().to_string_lossy().into_owned();
    let kept: Vec<PathBuf> = std::fs::read_dir(db.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().into_owned();
            n.starts_with(&format!("{name}.unusable-"))
                && !n.ends_with("-wal")
                && !n.ends_with("-shm")
        })
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        std::fs::read(&kept[0]).unwrap(),
        bytes,
        "the unusable file is kept whole"
    );
}
