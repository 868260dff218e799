//! Desktop app timings (issue targets: window usable under 1.5 s, board filtering under
//! 100 ms, whole app under 200 MB), printed, never asserted. The reference is the same app
//! started in the same run on a small board (100 tasks: two pages), so ratios show what
//! 10,000 tasks cost.
//!
//! Filtering is timed in the page, from the input event to the rows painted: the search
//! box gets each keystroke of “措施99”, then is cleared, five times over; an animation-frame
//! loop waits until the count and every shown row reflect the filter (“rows in the DOM”),
//! and the next frame, which starts once that one is rendered, stops the clock (“painted”).
//! The board's own scan time (its “毫秒” beside the count) is printed beside it, and so is
//! a keystroke that is only echoed in the box, nothing filtered: what any key costs this
//! machine's WebKit, the floor under every filter time. Typing through WebDriver, polled
//! from here, is printed too: it adds the driver's round trips. Switching views is timed
//! in the page the same way, from the click to the view's content painted.
//! Memory is sampled at the first view and once every view has been shown, and beside it
//! that of a blank window of the same Tauri and WebKit set-up (`blank_window`, built beside
//! the app), the floor under any web UI here, so the app's own share shows.
//! `XUNCHA_BENCH_RAW=1` prints every keystroke's times; `XUNCHA_DESKTOP_BIN` times another
//! build of the app (an absolute path).
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
use serde_json::{json, Value};
use webdriver::{Session, LEFT_ALIVE};
use xuncha::db::{self, findings, inspections, tasks, Db};
use xuncha::domain::*;

const TASKS: usize = 10_000;
/// The reference board: two pages.
const SMALL: usize = 100;
/// What is typed into the board's search, one keystroke at a time.
const QUERY: &str = "措施99";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

fn measure_text(n: usize) -> String {
    format!("整改措施{n}：开展专项检查并建立长效机制")
}

fn finding_title(f: usize) -> String {
    format!("第{f}个问题：制度执行不严格")
}

const GOAL: &str = "问题全部整改到位";

/// How many of `tasks` generated tasks the board's search `text` finds (measure, finding
/// title or goal), so the bench knows when the board shows the right rows.
fn expected(tasks: usize, text: &str) -> usize {
    (0..tasks)
        .filter(|&n| {
            measure_text(n).contains(text)
                || finding_title(n / 10).contains(text)
                || GOAL.contains(text)
        })
        .count()
}

/// `tasks` tasks, 10 per finding, spread over units, people and deadlines.
fn make_db(path: &Path, count: usize) {
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
        for f in 0..count / 10 {
            let finding = findings::add_in_tx(
                tx,
                &FindingInput {
                    category_id: None,
                    inspection_id: i.id,
                    category: ((f % 4) + 1).to_string(),
                    title: finding_title(f),
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
                        measure: measure_text(n as usize),
                        goal: GOAL.into(),
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
    let db = db.to_string_lossy();
    tree_memory_mb(|_, cmd| cmd.contains("xuncha-desktop") && cmd.contains(&*db))
}

/// Memory (PSS) of the processes `is_root` picks (by pid and command line) and of all
/// their descendants, in MB.
fn tree_memory_mb(is_root: impl Fn(u32, &str) -> bool) -> f64 {
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
        if is_root(pid, &String::from_utf8_lossy(&cmd)) {
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

/// Median and peak of 8 memory samples, 500 ms apart.
fn sample_memory(measure: impl Fn() -> f64) -> (f64, f64) {
    let mut samples: Vec<f64> = (0..8)
        .map(|_| {
            std::thread::sleep(Duration::from_millis(500));
            measure()
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    ((samples[3] + samples[4]) / 2.0, samples[7])
}

/// The floor: memory of `blank`, a window of the app's Tauri and WebKit set-up showing an
/// empty page (`examples/blank_window.rs`), once it has settled. Median and peak.
fn blank_window_memory(blank: &Path, tmp: &Path) -> (f64, f64) {
    let mut child = Command::new(blank)
        .env("XDG_CONFIG_HOME", tmp.join("config"))
        .env("XDG_DATA_HOME", tmp.join("data"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("blank window");
    let pid = child.id();
    let web_process_up = || {
        std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
            .unwrap_or_default()
            .split_whitespace()
            .any(|c| {
                std::fs::read_to_string(format!("/proc/{c}/comm"))
                    .is_ok_and(|n| n.starts_with("WebKitWebProces"))
            })
    };
    let t = Instant::now();
    while !web_process_up() {
        assert!(t.elapsed() < Duration::from_secs(20), "no web process");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_secs(3));
    let memory = sample_memory(|| tree_memory_mb(|p, _| p == pid));
    let _ = child.kill();
    let _ = child.wait();
    memory
}

/// Runs an asynchronous script (its last argument is the callback) and returns its value.
fn script_async(base: &str, s: &Session, script: &str, args: Value) -> Value {
    let url = format!("{base}/session/{}/execute/async", s.id);
    let resp = ureq::post(&url)
        .timeout(Duration::from_secs(60))
        .send_json(json!({ "script": script, "args": args }))
        .unwrap();
    let v: Value = resp.into_json().unwrap();
    v.get("value").cloned().unwrap_or(Value::Null)
}

/// Whether the board shows `expected` matches of `text`: the count beside the filters and
/// every row of the first page (checked on the text, without forcing a layout).
const BOARD_SHOWS: &str = "
const boardShows = (text, expected) => {
  const f = document.querySelector('.filters')?.textContent ?? '';
  if (!f.includes('筛选出 ' + expected + ' 项')) return false;
  const rows = document.querySelectorAll('[data-test=board-table] .el-table__body tr.el-table__row');
  if (rows.length !== Math.min(expected, 50)) return false;
  for (const r of rows) if (!r.textContent.includes(text)) return false;
  return true;
};";

/// Times a change made by `start()` until `ready()` holds, in frames: `dom` is the first
/// animation frame that finds it (the DOM is right before that frame renders), `painted`
/// the next frame (which starts once that frame has been rendered and shown).
const FRAMES: &str = "
const timeFrames = (start, ready, done) => {
  const t0 = performance.now();
  start();
  const tick = () => {
    if (ready()) {
      const dom = performance.now() - t0;
      requestAnimationFrame(() => done({ dom, painted: performance.now() - t0 }));
    } else if (performance.now() - t0 > 20000) done({ error: document.querySelector('.filters')?.textContent ?? 'never ready' });
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};";

/// One keystroke: sets the search box to `text` and fires its input event, as typing does,
/// until the board shows the `expected` rows. `scan` is the board's own filter time.
const KEYSTROKE: &str = "
const [text, expected, done] = arguments;
const input = document.querySelector('input[data-test=board-search]');
const scanMs = () => { const m = /（([0-9.]+) 毫秒）/.exec(document.querySelector('.filters')?.textContent ?? ''); return m ? Number(m[1]) : -1; };
timeFrames(
  () => { input.value = text; input.dispatchEvent(new Event('input', { bubbles: true })); },
  () => boardShows(text, expected),
  (r) => done({ ...r, scan: scanMs() }),
);";

/// The reference for a keystroke: the search box shows one more character but nobody is
/// told (no input event, no filtering): what echoing a key costs this machine's WebKit.
const ECHO: &str = "
const [done] = arguments;
const input = document.querySelector('input[data-test=board-search]');
const before = input.value;
timeFrames(() => { input.value = before + '9'; }, () => true, (r) => {
  input.value = before;
  requestAnimationFrame(() => requestAnimationFrame(() => done(r)));
});";

/// Clicks `arguments[0]` and times it to `arguments[1]` on the page (as above).
const SWITCH: &str = "
const [click, target, done] = arguments;
timeFrames(() => document.querySelector(click).click(), () => !!document.querySelector(target), done);";

/// Keeps a WeakRef to the element `arguments[0]` selects.
const WATCH: &str =
    "(window.__watched ??= []).push(new WeakRef(document.querySelector(arguments[0]))); return 1;";

/// Round trips between the board and the dashboard before memory is sampled again.
const TRIPS: usize = 20;

/// How many times the keystrokes are repeated (medians and worst cases are printed).
const ROUNDS: usize = 5;

#[derive(Clone, Copy, Default)]
struct Frames {
    dom: f64,
    painted: f64,
    scan: f64,
}

impl Frames {
    fn from(v: &Value) -> Frames {
        assert!(v.get("error").is_none(), "the page never got there: {v}");
        let f = |k: &str| v[k].as_f64().unwrap_or(-1.0);
        Frames {
            dom: f("dom"),
            painted: f("painted"),
            scan: f("scan"),
        }
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(-1.0)
}

fn worst(v: impl IntoIterator<Item = f64>) -> f64 {
    v.into_iter().fold(-1.0, f64::max)
}

struct Run {
    start_ms: f64,
    board: Frames,
    /// Keystroke echoes without filtering, ROUNDS of them.
    echo: Vec<Frames>,
    /// Each step (the keystrokes of QUERY, then clearing the box), ROUNDS times.
    keys: Vec<(String, Vec<Frames>)>,
    /// QUERY typed through WebDriver (a key at a time, each filtering) to the rows seen
    /// from here.
    typed_ms: f64,
    dashboard: Frames,
    /// Median of samples taken over 4 s from 2 s after the first view is usable.
    first_view_mb: f64,
    /// Median of samples taken over 4 s once the dashboard has settled, and their peak.
    memory_mb: f64,
    memory_peak_mb: f64,
    /// Median of samples after [`TRIPS`] more board ↔ dashboard round trips.
    after_trips_mb: f64,
    /// Boards and charts of those trips still alive after a forced collection, the chart
    /// on screen excepted.
    left_alive: f64,
}

impl Run {
    fn all_keys(&self) -> impl Iterator<Item = &Frames> {
        self.keys.iter().flat_map(|(_, v)| v)
    }
}

fn measure(driver: &str, app: &Path, db_path: &Path, tasks: usize) -> Run {
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
    std::thread::sleep(Duration::from_secs(2));
    let (first_view_mb, _) = sample_memory(|| app_memory_mb(db_path));

    let run = |script: &str, args: Value| {
        Frames::from(&script_async(
            driver,
            &s,
            &format!("{BOARD_SHOWS}\n{FRAMES}\n{script}"),
            args,
        ))
    };
    let board = run(
        SWITCH,
        json!(["[data-nav=board]", "[data-test=board-table] .el-table__row"]),
    );
    // Let the board settle (fonts, the first layout) before timing keystrokes.
    std::thread::sleep(Duration::from_millis(300));

    let mut steps: Vec<String> = QUERY
        .char_indices()
        .map(|(i, c)| QUERY[..i + c.len_utf8()].to_owned())
        .collect();
    steps.push(String::new());
    let mut keys: Vec<(String, Vec<Frames>)> = steps.iter().map(|t| (t.clone(), vec![])).collect();
    let mut echo = vec![];
    // Keys come at a fast typist's pace, so each is timed on a board at rest.
    let pause = || std::thread::sleep(Duration::from_millis(200));
    for _ in 0..ROUNDS {
        pause();
        echo.push(run(ECHO, json!([])));
        for (text, times) in &mut keys {
            pause();
            times.push(run(KEYSTROKE, json!([text, expected(tasks, text)])));
        }
    }

    // The same query typed through WebDriver, polled from here every 5 ms.
    let want = expected(tasks, QUERY);
    let check = format!("{BOARD_SHOWS}\nreturn boardShows(arguments[0], arguments[1]);");
    let t = Instant::now();
    s.type_into("[data-test=board-search]", QUERY).unwrap();
    while s.script(&check, json!([QUERY, want])).unwrap() != json!(true) {
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "typed filter never shown"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let typed_ms = t.elapsed().as_secs_f64() * 1000.0;

    let dashboard = run(SWITCH, json!(["[data-nav=dashboard]", "canvas"]));
    std::thread::sleep(Duration::from_millis(1000));
    let (memory_mb, memory_peak_mb) = sample_memory(|| app_memory_mb(db_path));
    // A day's use: many more trips between the two heaviest views, then memory again. Each
    // board table and chart canvas left behind is watched through a WeakRef: once garbage
    // has forced a collection, any still there is a view kept alive after it was left.
    for _ in 0..TRIPS {
        run(
            SWITCH,
            json!(["[data-nav=board]", "[data-test=board-table] .el-table__row"]),
        );
        s.script(WATCH, json!(["[data-test=board-table]"])).unwrap();
        run(SWITCH, json!(["[data-nav=dashboard]", "canvas"]));
        s.script(WATCH, json!(["canvas"])).unwrap();
    }
    std::thread::sleep(Duration::from_millis(1000));
    let (after_trips_mb, _) = sample_memory(|| app_memory_mb(db_path));
    // The dashboard is showing: of its canvases, only the current one may be alive.
    let mut left_alive = 0.0;
    for _ in 0..3 {
        let alive = s.script(LEFT_ALIVE, json!([])).unwrap();
        left_alive = alive.as_f64().unwrap_or(-1.0);
    }
    s.quit();
    Run {
        start_ms,
        board,
        echo,
        keys,
        typed_ms,
        dashboard,
        first_view_mb,
        memory_mb,
        memory_peak_mb,
        after_trips_mb,
        left_alive,
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
    let small = tmp.path().join("small.db");
    let big = tmp.path().join("big.db");
    make_db(&small, SMALL);
    let t = Instant::now();
    make_db(&big, TASKS);
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
    let blank = app
        .parent()
        .map(|d| d.join("examples/blank_window"))
        .filter(|b| b.is_file());
    // Warm the file cache once so both runs start alike.
    let _ = measure(&base, &app, &small, SMALL);
    let reference = measure(&base, &app, &small, SMALL);
    let loaded = measure(&base, &app, &big, TASKS);
    if std::env::var_os("XUNCHA_BENCH_RAW").is_some() {
        for (name, r) in [("100 tasks", &reference), ("10,000 tasks", &loaded)] {
            let raw = |v: &[Frames]| {
                v.iter()
                    .map(|k| format!("{:.0}/{:.0}", k.dom, k.painted))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            println!("{name}, dom/painted ms: echo {}", raw(&r.echo));
            for (text, v) in &r.keys {
                println!("  “{text}” {}", raw(v));
            }
        }
    }
    let _ = driver.kill();
    let _ = driver.wait();
    let floor = blank.map(|b| blank_window_memory(&b, tmp.path()));

    println!(
        "{:<44} {:>12} {:>12} {:>8}",
        "", "100 tasks", "10,000 tasks", "ratio"
    );
    let row = |name: &str, a: f64, b: f64, unit: &str| {
        let ratio = if a >= 0.5 {
            format!("{:>8.2}", b / a)
        } else {
            format!("{:>8}", "-")
        };
        println!("{name:<44} {a:>9.1} {unit} {b:>9.1} {unit} {ratio}");
    };
    row(
        "cold start to usable window",
        reference.start_ms,
        loaded.start_ms,
        "ms",
    );
    row(
        "switch to board (rows painted)",
        reference.board.painted,
        loaded.board.painted,
        "ms",
    );
    println!("keystrokes, median of {ROUNDS} (worst):");
    let med = |v: &[Frames], f: fn(&Frames) -> f64| median(v.iter().map(f).collect());
    let echo = |r: &Run| med(&r.echo, |k| k.painted);
    row(
        "  echo only, no filtering → painted",
        echo(&reference),
        echo(&loaded),
        "ms",
    );
    for ((text, a), (_, b)) in reference.keys.iter().zip(&loaded.keys) {
        let what = if text.is_empty() {
            "  clear the search".to_owned()
        } else {
            format!("  type → “{text}”")
        };
        let w = |v: &[Frames]| worst(v.iter().map(|k| k.painted));
        row(
            &format!("{what} → painted"),
            med(a, |k| k.painted),
            med(b, |k| k.painted),
            "ms",
        );
        println!("{:<44} {:>9.1} ms {:>9.1} ms", "    (worst)", w(a), w(b));
    }
    let all = |r: &Run, f: fn(&Frames) -> f64| r.all_keys().map(f).collect::<Vec<_>>();
    println!(
        "every filtering keystroke ({} per board):",
        ROUNDS * loaded.keys.len()
    );
    row(
        "  input → rows in the DOM, median",
        median(all(&reference, |k| k.dom)),
        median(all(&loaded, |k| k.dom)),
        "ms",
    );
    row(
        "  input → rows painted, median",
        median(all(&reference, |k| k.painted)),
        median(all(&loaded, |k| k.painted)),
        "ms",
    );
    row(
        "  input → rows painted, worst",
        worst(all(&reference, |k| k.painted)),
        worst(all(&loaded, |k| k.painted)),
        "ms",
    );
    row(
        "  the board's scan, median",
        median(all(&reference, |k| k.scan)),
        median(all(&loaded, |k| k.scan)),
        "ms",
    );
    row(
        "  the board's scan, worst",
        worst(all(&reference, |k| k.scan)),
        worst(all(&loaded, |k| k.scan)),
        "ms",
    );
    let over_echo = |r: &Run| median(all(r, |k| k.painted)) / echo(r).max(1e-9);
    println!(
        "{:<44} {:>12.2} {:>12.2}",
        "  painted median / echo median",
        over_echo(&reference),
        over_echo(&loaded)
    );
    row(
        "4 keys typed via WebDriver → rows seen",
        reference.typed_ms,
        loaded.typed_ms,
        "ms",
    );
    row(
        "switch to dashboard (chart painted)",
        reference.dashboard.painted,
        loaded.dashboard.painted,
        "ms",
    );
    row(
        "memory of the whole app (PSS), first view",
        reference.first_view_mb,
        loaded.first_view_mb,
        "MB",
    );
    row(
        "memory of the whole app (PSS), median",
        reference.memory_mb,
        loaded.memory_mb,
        "MB",
    );
    row(
        "memory of the whole app (PSS), peak",
        reference.memory_peak_mb,
        loaded.memory_peak_mb,
        "MB",
    );
    row(
        &format!("memory after {TRIPS} more trips (high water)"),
        reference.after_trips_mb,
        loaded.after_trips_mb,
        "MB",
    );
    row(
        &format!("  views left alive of {} (leaks)", 2 * TRIPS),
        reference.left_alive,
        loaded.left_alive,
        "",
    );
    match floor {
        Some((median, peak)) => {
            println!(
                "memory of a blank window of the same Tauri and WebKit set-up (the floor): \
                 {median:.1} MB median, {peak:.1} MB peak"
            );
            let above = |r: &Run| r.memory_mb - median;
            row(
                "the app above that floor, first view",
                reference.first_view_mb - median,
                loaded.first_view_mb - median,
                "MB",
            );
            row(
                "the app above that floor, all views shown",
                above(&reference),
                above(&loaded),
                "MB",
            );
        }
        None => println!("no blank window built (examples/blank_window beside the app): no floor"),
    }
    println!("targets: usable < 1500 ms, filter < 100 ms, memory < 200 MB");
}
