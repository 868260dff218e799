//! Desktop app timings (issue targets: window usable under 1.5 s, board filtering under
//! 100 ms, whole app under 200 MB), printed, never asserted. The reference is the same app
//! started on an empty database in the same run, so ratios show what 10,000 tasks cost.
//!
//! Needs the built app, tauri-driver, WebKitWebDriver and a display:
//! `xvfb-run -a cargo bench --profile dev -p xuncha-tests --bench desktop`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../it/e2e/webdriver.rs"]
#[allow(dead_code)]
mod webdriver;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Days;
use serde_json::json;
use webdriver::Session;
use xuncha::db::{self, findings, inspections, tasks, Db};
use xuncha::domain::*;

const TASKS: usize = 10_000;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

/// 1,000 findings with 10 tasks each, spread over units, people and deadlines.
fn big_db(path: &Path) {
    let db = Db::open(path).unwrap();
    let today = db::today();
    db.write(|tx| {
        let i = inspections::add_in_tx(
            tx,
            &InspectionInput {
                inspected_org: Some("区统计局党组".into()),
                team: Some("区委第三巡察组".into()),
                feedback_date: today.checked_sub_days(Days::new(60)),
                ..Default::default()
            },
        )?;
        for f in 0..TASKS / 10 {
            let finding = findings::add_in_tx(
                tx,
                &FindingInput {
                    inspection_id: i.id,
                    category: ((f % 4) + 1).to_string(),
                    title: format!("第{f}个问题：制度执行不严格"),
                    manifestation: "部分支出报销手续不全，审批流程倒置。".repeat(3),
                    ..Default::default()
                },
            )?;
            for t in 0..10u64 {
                let n = f as u64 * 10 + t;
                tasks::add_in_tx(
                    tx,
                    &TaskInput {
                        finding_id: finding.id,
                        measure: format!("整改措施{n}：开展专项检查并建立长效机制"),
                        goal: "问题全部整改到位".into(),
                        deadline: today
                            .checked_add_days(Days::new(n % 120))
                            .map(|d| d - Days::new(30)),
                        assignment: AssignmentPatch {
                            lead_unit: Some(format!("单位{}", n % 37)),
                            responsible_person: Some(format!("责任人{}", n % 113)),
                            ..Default::default()
                        },
                        ..Default::default()
                    },
                    today,
                )?;
            }
        }
        Ok(())
    })
    .unwrap();
}

/// Memory (PSS) of the app opened on `db` and of every process it started (the WebKit
/// web and network processes), in MB.
fn app_memory_mb(db: &Path) -> f64 {
    let mut parent = std::collections::HashMap::new();
    let mut rss = std::collections::HashMap::new();
    let mut roots = vec![];
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let status = std::fs::read_to_string(entry.path().join("status")).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        };
        parent.insert(pid, field("PPid:").unwrap_or(0) as u32);
        // Proportional set size: shared libraries counted once across the processes.
        let pss = std::fs::read_to_string(entry.path().join("smaps_rollup"))
            .unwrap_or_default()
            .lines()
            .find(|l| l.starts_with("Pss:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok());
        rss.insert(pid, pss.or(field("VmRSS:")).unwrap_or(0));
        let cmd = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        let cmd = String::from_utf8_lossy(&cmd);
        if cmd.contains("xuncha-desktop") && cmd.contains(&*db.to_string_lossy()) {
            roots.push(pid);
        }
    }
    let in_tree = |mut pid: u32| {
        while pid > 1 {
            if roots.contains(&pid) {
                return true;
            }
            pid = parent.get(&pid).copied().unwrap_or(0);
        }
        false
    };
    let kb: u64 = rss
        .iter()
        .filter(|(p, _)| in_tree(**p))
        .map(|(_, k)| k)
        .sum();
    kb as f64 / 1024.0
}

struct Run {
    start_ms: f64,
    board_ms: f64,
    filter_ms: f64,
    filter_in_page_ms: f64,
    dashboard_ms: f64,
    memory_mb: f64,
}

fn measure(driver: &str, app: &Path, db_path: &Path, expect_rows: bool) -> Run {
    let args = vec!["--db".to_owned(), db_path.display().to_string()];
    let t = Instant::now();
    let s = Session::start(driver, app, &args).unwrap();
    // Usable: the menu is there and the first data call has come back.
    s.wait("window usable", || {
        let v = s.script(
            "return !!document.querySelector('[data-nav=board]') && !!document.querySelector('.header .el-select');",
            json!([]),
        )?;
        Ok((v == json!(true)).then_some(()))
    })
    .unwrap();
    let start_ms = t.elapsed().as_secs_f64() * 1000.0;

    let t = Instant::now();
    s.click("[data-nav=board]").unwrap();
    if expect_rows {
        s.find("[data-test=board-table] .el-table__row").unwrap();
    } else {
        s.find("[data-test=board-table]").unwrap();
    }
    let board_ms = t.elapsed().as_secs_f64() * 1000.0;

    // Filter: type a unit name into the search and wait for the count to change.
    let t = Instant::now();
    s.type_into("[data-test=board-search]", "措施99").unwrap();
    s.wait("filtered", || {
        let v = s.script(
            "return document.querySelector('.filters')?.innerText ?? '';",
            json!([]),
        )?;
        Ok(v.as_str()
            .is_some_and(|t| t.contains("筛选出") && !t.contains(&format!("筛选出 {TASKS} 项")))
            .then_some(()))
    })
    .unwrap();
    let filter_ms = t.elapsed().as_secs_f64() * 1000.0;
    let in_page = s
        .script("const m = /（([0-9.]+) 毫秒）/.exec(document.querySelector('.filters')?.innerText ?? ''); return m ? Number(m[1]) : -1;", json!([]))
        .unwrap()
        .as_f64()
        .unwrap_or(-1.0);

    let t = Instant::now();
    s.click("[data-nav=dashboard]").unwrap();
    s.find("canvas").ok();
    let dashboard_ms = t.elapsed().as_secs_f64() * 1000.0;
    std::thread::sleep(Duration::from_millis(500));
    let memory_mb = app_memory_mb(db_path);
    s.quit();
    Run {
        start_ms,
        board_ms,
        filter_ms,
        filter_in_page_ms: in_page,
        dashboard_ms,
        memory_mb,
    }
}

fn main() {
    let app = std::env::var_os("XUNCHA_DESKTOP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/debug/xuncha-desktop"));
    if !app.is_file() {
        eprintln!("build the app first: {} is missing", app.display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty.db");
    let big = tmp.path().join("big.db");
    // The reference: the same inspection with no findings and no tasks.
    Db::open(&empty)
        .unwrap()
        .write(|tx| {
            inspections::add_in_tx(
                tx,
                &InspectionInput {
                    inspected_org: Some("区统计局党组".into()),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let t = Instant::now();
    big_db(&big);
    println!(
        "prepared {TASKS} tasks in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    let p = port();
    let mut driver: Child = Command::new("tauri-driver")
        .args([
            "--port",
            &p.to_string(),
            "--native-port",
            &port().to_string(),
        ])
        .env("XDG_CONFIG_HOME", tmp.path().join("config"))
        .env("XDG_DATA_HOME", tmp.path().join("data"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("tauri-driver");
    let base = format!("http://127.0.0.1:{p}");
    for _ in 0..100 {
        if ureq::get(&format!("{base}/status")).call().is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    // Warm the file cache once so both runs start alike.
    let _ = measure(&base, &app, &empty, false);
    let reference = measure(&base, &app, &empty, false);
    let loaded = measure(&base, &app, &big, true);
    let _ = driver.kill();
    let _ = driver.wait();

    println!(
        "{:<34} {:>12} {:>12} {:>8}",
        "", "empty db", "10,000 tasks", "ratio"
    );
    let row = |name: &str, a: f64, b: f64, unit: &str| {
        println!(
            "{name:<34} {:>9.0} {unit} {:>9.0} {unit} {:>8.2}",
            a,
            b,
            b / a.max(1e-9)
        );
    };
    row(
        "cold start to usable window",
        reference.start_ms,
        loaded.start_ms,
        "ms",
    );
    row(
        "switch to board (rows shown)",
        reference.board_ms,
        loaded.board_ms,
        "ms",
    );
    row(
        "filter board (type → shown)",
        reference.filter_ms,
        loaded.filter_ms,
        "ms",
    );
    println!(
        "{:<34} {:>12} {:>9.1} ms",
        "filter board (scan in page)", "", loaded.filter_in_page_ms
    );
    row(
        "switch to dashboard",
        reference.dashboard_ms,
        loaded.dashboard_ms,
        "ms",
    );
    row(
        "memory of the whole app",
        reference.memory_mb,
        loaded.memory_mb,
        "MB",
    );
    println!("targets: usable < 1500 ms, filter < 100 ms, memory < 200 MB");
}
