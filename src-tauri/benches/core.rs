//! Store benchmark at 10,000 findings / 30,000 tasks (every tenth task long-term with two
//! milestones): bulk import, single intake writes (each with its audit row,
//! synchronous=FULL), a list filtered by unit, the board rows and the stats, each compared
//! in the same run with the same work done in plain SQL on bare SQLite.
//!
//! The bare side is a second database with the same tables and indexes (the same DDL) and
//! the same pragmas, filled with the same rows by plain INSERTs, and read by plain queries
//! returning the same rows and columns — units and milestones included — into plain
//! structs (dates and codes left as text). It has none of our layer: no validation,
//! directory, audit rows, typed values or derived fields. Each read is the best of 7 runs;
//! the machine is shared, so the ratios are what to compare.
//!
//! Run: `cargo bench -p xuncha --bench core` (add `-- --quick` for a 1/10 size run).

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use xuncha::db::{board, findings, inspections, migrations, stats, tasks, Db};
use xuncha::domain::*;

const UNITS: [&str; 12] = [
    "办公室",
    "人事科",
    "财务科",
    "综合统计科",
    "机关党委",
    "统计执法监督科",
    "法规科",
    "信息中心",
    "普查中心",
    "调查队",
    "工会",
    "团委",
];
pub(crate) const TASKS_PER_FINDING: usize = 3;
const RUNS: usize = 7;

pub(crate) type Res<T> = std::result::Result<T, Box<dyn std::error::Error>>;

// The bare side lives beside this file (not in benches/, where it would be taken for a
// benchmark of its own).
#[path = "core/bare.rs"]
mod bare;
use bare::{bare_board_rows, bare_facts, bare_import, bare_tasks};

fn main() -> Res<()> {
    let quick = std::env::args().any(|a| a == "--quick");
    let n_findings: usize = if quick { 1_000 } else { 10_000 };
    let singles = if quick { 100 } else { 500 };
    let today = NaiveDate::from_ymd_opt(2025, 6, 15).ok_or("date")?;
    let dir = tempfile::tempdir()?;
    // XUNCHA_BENCH_KEEP=DIR keeps the databases for inspection.
    let base = std::env::var_os("XUNCHA_BENCH_KEEP")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().to_owned());
    println!(
        "xuncha store benchmark: {n_findings} findings / {} tasks",
        n_findings * TASKS_PER_FINDING
    );

    // --- ours ---
    let db = Db::open(&base.join("bench.db"))?.with_operator("bench");
    let insp = db.write(|tx| {
        inspections::add_in_tx(
            tx,
            &InspectionInput {
                inspected_org: Some("基准测试党组".into()),
                feedback_date: NaiveDate::from_ymd_opt(2025, 3, 20),
                ..Default::default()
            },
        )
    })?;
    let t0 = Instant::now();
    db.write(|tx| {
        for i in 0..n_findings {
            let f = findings::add_in_tx(tx, &finding_input(insp.id, i))?;
            for k in 0..TASKS_PER_FINDING {
                tasks::add_in_tx(tx, &task_input(f.id, i, k), today)?;
            }
        }
        Ok(())
    })?;
    let ours_bulk = t0.elapsed();
    let mut ours_single = vec![];
    for i in 0..singles {
        let t = Instant::now();
        db.write(|tx| findings::add_in_tx(tx, &finding_input(insp.id, n_findings + i)))?;
        ours_single.push(t.elapsed());
    }
    let by_unit = tasks::TaskFilter {
        unit: Some("财务科".into()),
        ..Default::default()
    };
    let whole = tasks::TaskFilter {
        inspection_id: Some(insp.id),
        ..Default::default()
    };
    let (ours_list, n_list) = best(|| {
        db.read(|c| tasks::list(c, &by_unit, today))
            .map(|v| v.len())
    })?;
    let (ours_board, n_board) =
        best(|| db.read(|c| board::rows(c, &whole, today)).map(|v| v.len()))?;
    let (ours_stats, _) = best(|| db.read(|c| stats::stats(c, Some(insp.id), today)))?;

    // --- bare: same tables, pragmas and rows, plain SQL ---
    let mut bare = Connection::open(base.join("bare.db"))?;
    bare.execute_batch(
        "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
         PRAGMA cache_size=-65536;",
    )?;
    migrations::migrate(&mut bare, None)?;
    bare.execute_batch(
        "INSERT INTO inspections (id, name, created_at, updated_at) VALUES (1, '', '', '');
         INSERT INTO categories (inspection_id, seq, name) VALUES (1, 1, '一'), (1, 2, '二'),
            (1, 3, '三'), (1, 4, '四');",
    )?;
    let t0 = Instant::now();
    bare_import(&bare, n_findings)?;
    let bare_bulk = t0.elapsed();
    let mut bare_single = vec![];
    for i in 0..singles {
        let fi = finding_input(1, n_findings + i);
        let t = Instant::now();
        let tx = bare.unchecked_transaction()?;
        tx.execute(
            "INSERT INTO findings (inspection_id, seq, category_id, title, manifestation,
                created_at, updated_at) VALUES (1, ?1, 1, ?2, ?3, '', '')",
            params![(n_findings + i + 1) as i64, fi.title, fi.manifestation],
        )?;
        tx.commit()?;
        bare_single.push(t.elapsed());
    }
    let unit_sel = "t.id IN (SELECT id FROM tasks WHERE lead_unit = ?1
        UNION SELECT task_id FROM task_units WHERE unit = ?1)";
    let (bare_list, n_bare_list) =
        best(|| bare_tasks(&bare, "", unit_sel, &"财务科").map(|v| v.len()))?;
    let (bare_board, n_bare_board) = best(|| bare_board_rows(&bare, today).map(|v| v.len()))?;
    let (bare_stats, _) = best(|| bare_facts(&bare))?;
    if (n_list, n_board) != (n_bare_list, n_bare_board) {
        return Err(format!(
            "bare returned other rows: list {n_list}/{n_bare_list}, board {n_board}/{n_bare_board}"
        )
        .into());
    }

    println!(
        "{:<36} {:>11} {:>12} {:>7}  target",
        "operation", "xuncha", "bare SQLite", "ratio"
    );
    let mut met = vec![];
    met.push(row(
        "bulk import (one transaction)",
        ours_bulk,
        bare_bulk,
        Some(4.0),
    ));
    row(
        "single intake write, median",
        median(&mut ours_single),
        median(&mut bare_single),
        None,
    );
    row(
        "single intake write, p95",
        p95(&mut ours_single),
        p95(&mut bare_single),
        None,
    );
    met.push(row(
        &format!("list tasks --unit ({n_list} rows)"),
        ours_list,
        bare_list,
        Some(3.0),
    ));
    met.push(row(
        &format!("board rows ({n_board} rows)"),
        ours_board,
        bare_board,
        Some(3.0),
    ));
    met.push(row(
        "stats (official counts)",
        ours_stats,
        bare_stats,
        Some(3.0),
    ));
    if !quick {
        let under = ours_stats < Duration::from_millis(15);
        println!(
            "{:<36} {:>9.2}ms {:>12} {:>7}  < 15 ms: {}",
            "stats, absolute",
            ms(ours_stats),
            "",
            "",
            verdict(under)
        );
        met.push(under);
    }
    let missed = met.iter().filter(|m| !**m).count();
    println!();
    if missed == 0 {
        println!("targets: all {} met", met.len());
    } else {
        println!("targets: {missed} of {} NOT met", met.len());
    }
    Ok(())
}

pub(crate) fn finding_input(inspection_id: i64, i: usize) -> FindingInput {
    FindingInput {
        category_id: None,
        inspection_id,
        category: ((i % 4) + 1).to_string(),
        title: format!("第{i}号问题：制度执行不严格，监督管理存在薄弱环节"),
        manifestation: "部分支出报销手续不全，审批流程倒置；政府采购未严格执行内控制度。".repeat(3),
        ..Default::default()
    }
}

/// Task `k` of finding `i`: every tenth task is long-term with two milestones.
pub(crate) fn task_input(finding_id: i64, i: usize, k: usize) -> TaskInput {
    let feedback = NaiveDate::from_ymd_opt(2025, 3, 20).unwrap_or_default();
    let day = |n: usize| feedback.checked_add_days(chrono::Days::new(n as u64));
    let long_term = (i * TASKS_PER_FINDING + k) % 10 == 9;
    let (kind, milestones) = if long_term {
        let m = |n, target: &str| {
            day(n).map(|due_on| Milestone {
                due_on,
                target: target.into(),
                done: false,
            })
        };
        let ms = [
            m(40 + i % 90, "阶段目标一：完成排查"),
            m(150 + i % 90, "阶段目标二：建立长效机制"),
        ];
        (DeadlineKind::LongTerm, ms.into_iter().flatten().collect())
    } else {
        (DeadlineKind::Date, vec![])
    };
    TaskInput {
        finding_id,
        measure: format!("整改措施{k}：修订完善相关制度并严格执行"),
        goal: "制度健全，执行到位".into(),
        deadline_kind: Some(kind),
        deadline: day(60 + (i * 7 + k * 13) % 200),
        milestones,
        assignment: AssignmentPatch {
            lead_leader: Some("李明华".into()),
            lead_unit: Some(UNITS[(i + k) % UNITS.len()].into()),
            responsible_units: Some(vec![
                UNITS[(i + k) % UNITS.len()].into(),
                UNITS[(i + k + 1) % UNITS.len()].into(),
            ]),
            responsible_person: Some(format!("责任人{}", i % 50)),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// The fastest of [`RUNS`] runs in CPU time of this thread, and what the last returned.
/// CPU time leaves out the time other programs on the shared machine took the core, so
/// it stands for what a quiet machine would take (reads do no I/O once cached).
fn best<T, E>(mut f: impl FnMut() -> Result<T, E>) -> Result<(Duration, T), E> {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..RUNS {
        let (t, c) = (Instant::now(), cpu_time());
        let v = f()?;
        let spent = match (c, cpu_time()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => t.elapsed(),
        };
        best = best.min(spent);
        out = Some(v);
    }
    Ok((best, out.unwrap_or_else(|| unreachable!("RUNS > 0"))))
}

/// CPU time this thread has run (Linux: `/proc/thread-self/schedstat`, nanoseconds).
fn cpu_time() -> Option<Duration> {
    // The kernel adds up a running thread's time at scheduler events only; yielding is one,
    // so the figure read next is up to date (not up to one tick behind).
    std::thread::yield_now();
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn p95(v: &mut [Duration]) -> Duration {
    v.sort();
    v[(v.len() * 95 / 100).min(v.len() - 1)]
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT met"
    }
}

/// Prints one line; with a target ratio, whether it is met.
fn row(name: &str, ours: Duration, bare: Duration, target: Option<f64>) -> bool {
    let ratio = ms(ours) / ms(bare).max(1e-6);
    let goal = match target {
        Some(t) => format!("≤ {t}×: {}", verdict(ratio <= t)),
        None => String::new(),
    };
    println!(
        "{name:<36} {:>9.2}ms {:>10.2}ms {:>6.1}×  {goal}",
        ms(ours),
        ms(bare),
        ratio
    );
    target.is_none_or(|t| ratio <= t)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
