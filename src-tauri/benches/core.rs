//! Store benchmark at 10,000 findings / 30,000 tasks: bulk import, single intake writes
//! (each with its audit row, synchronous=FULL), a filtered task list and the stats, each
//! compared with the same work on a bare SQLite table without our layer, in the same run.
//!
//! Run: `cargo bench -p xuncha --bench core` (add `-- --quick` for a 1/10 size run).

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use xuncha::db::{findings, inspections, stats, tasks, Db};
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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let quick = std::env::args().any(|a| a == "--quick");
    let n_findings: usize = if quick { 1_000 } else { 10_000 };
    let tasks_per = 3;
    let singles = if quick { 100 } else { 500 };
    let today = NaiveDate::from_ymd_opt(2025, 6, 15).ok_or("date")?;
    let dir = tempfile::tempdir()?;
    // XUNCHA_BENCH_KEEP=DIR keeps the databases for inspection.
    let dir_path = std::env::var_os("XUNCHA_BENCH_KEEP").map(std::path::PathBuf::from);
    let base = dir_path.unwrap_or_else(|| dir.path().to_owned());

    println!(
        "xuncha store benchmark: {n_findings} findings / {} tasks",
        n_findings * tasks_per
    );
    println!(
        "{:<34} {:>12} {:>12} {:>8}",
        "operation", "xuncha", "bare SQLite", "ratio"
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
            for k in 0..tasks_per {
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
    let filter = tasks::TaskFilter {
        unit: Some("财务科".into()),
        ..Default::default()
    };
    let (ours_list, n_list) = best_of(5, || {
        db.read(|c| tasks::list(c, &filter, today)).map(|v| v.len())
    })?;
    let overdue = tasks::TaskFilter {
        overdue: true,
        ..Default::default()
    };
    let (ours_overdue, n_overdue) = best_of(5, || {
        db.read(|c| tasks::list(c, &overdue, today))
            .map(|v| v.len())
    })?;
    let (ours_stats, _) = best_of(5, || db.read(|c| stats::stats(c, Some(insp.id), today)))?;

    // --- bare table, same sizes and pragmas ---
    let bare = Connection::open(base.join("bare.db"))?;
    bare.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
         CREATE TABLE f (id INTEGER PRIMARY KEY, title TEXT, manifestation TEXT);
         CREATE TABLE t (id INTEGER PRIMARY KEY, finding_id INTEGER, measure TEXT, status TEXT,
            unit TEXT, deadline TEXT);
         CREATE INDEX t_unit ON t(unit);",
    )?;
    let t0 = Instant::now();
    {
        let tx = bare.unchecked_transaction()?;
        for i in 0..n_findings {
            let fi = finding_input(0, i);
            tx.execute(
                "INSERT INTO f (title, manifestation) VALUES (?1, ?2)",
                params![fi.title, fi.manifestation],
            )?;
            let fid = tx.last_insert_rowid();
            for k in 0..tasks_per {
                let ti = task_input(fid, i, k);
                tx.execute(
                    "INSERT INTO t (finding_id, measure, status, unit, deadline) VALUES (?1, ?2, 'not_started', ?3, ?4)",
                    params![fid, ti.measure, ti.assignment.lead_unit, ti.deadline],
                )?;
            }
        }
        tx.commit()?;
    }
    let bare_bulk = t0.elapsed();
    let mut bare_single = vec![];
    for i in 0..singles {
        let fi = finding_input(0, i);
        let t = Instant::now();
        let tx = bare.unchecked_transaction()?;
        tx.execute(
            "INSERT INTO f (title, manifestation) VALUES (?1, ?2)",
            params![fi.title, fi.manifestation],
        )?;
        tx.commit()?;
        bare_single.push(t.elapsed());
    }
    let (bare_list, _) = best_of(5, || -> rusqlite::Result<usize> {
        let mut s = bare.prepare(
            "SELECT id, finding_id, measure, status, unit, deadline FROM t WHERE unit = ?1",
        )?;
        let rows = s.query_map(["财务科"], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(2)?))
        })?;
        Ok(rows.count())
    })?;
    let (bare_overdue, _) = best_of(5, || -> rusqlite::Result<usize> {
        let mut s = bare.prepare("SELECT id, measure FROM t WHERE status NOT IN ('completed','closed') AND deadline < ?1")?;
        let rows = s.query_map(["2025-06-15"], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        Ok(rows.count())
    })?;
    let (bare_stats, _) = best_of(5, || -> rusqlite::Result<usize> {
        let mut s = bare.prepare("SELECT unit, status, count(*) FROM t GROUP BY unit, status")?;
        let rows = s.query_map([], |r| r.get::<_, i64>(2))?;
        Ok(rows.count())
    })?;

    row("bulk import (one transaction)", ours_bulk, bare_bulk);
    row(
        "single intake write, median",
        median(&mut ours_single),
        median(&mut bare_single),
    );
    row(
        "single intake write, p95",
        p95(&mut ours_single),
        p95(&mut bare_single),
    );
    row(
        &format!("list tasks --unit ({n_list} rows)"),
        ours_list,
        bare_list,
    );
    row(
        &format!("list tasks --overdue ({n_overdue} rows)"),
        ours_overdue,
        bare_overdue,
    );
    row("stats (official counts)", ours_stats, bare_stats);
    println!();
    println!("targets: single write < 5 ms, filtered list and stats < 30 ms");
    let ok = median(&mut ours_single) < Duration::from_millis(5)
        && ours_list < Duration::from_millis(30)
        && ours_stats < Duration::from_millis(30);
    println!("targets met: {}", if ok { "yes" } else { "NO" });
    Ok(())
}

fn finding_input(inspection_id: i64, i: usize) -> FindingInput {
    FindingInput {
        category_id: None,
        inspection_id,
        category: ((i % 4) + 1).to_string(),
        title: format!("第{i}号问题：制度执行不严格，监督管理存在薄弱环节"),
        manifestation: "部分支出报销手续不全，审批流程倒置；政府采购未严格执行内控制度。".repeat(3),
        ..Default::default()
    }
}

fn task_input(finding_id: i64, i: usize, k: usize) -> TaskInput {
    let day = 60 + ((i * 7 + k * 13) % 200) as u64;
    TaskInput {
        finding_id,
        measure: format!("整改措施{k}：修订完善相关制度并严格执行"),
        goal: "制度健全，执行到位".into(),
        deadline_kind: Some(DeadlineKind::Date),
        deadline: NaiveDate::from_ymd_opt(2025, 3, 20)
            .and_then(|d| d.checked_add_days(chrono::Days::new(day))),
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

fn best_of<T, E>(n: usize, mut f: impl FnMut() -> Result<T, E>) -> Result<(Duration, T), E> {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..n {
        let t = Instant::now();
        let v = f()?;
        best = best.min(t.elapsed());
        out = Some(v);
    }
    Ok((best, out.unwrap_or_else(|| unreachable!("n > 0"))))
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn p95(v: &mut [Duration]) -> Duration {
    v.sort();
    v[(v.len() * 95 / 100).min(v.len() - 1)]
}

fn row(name: &str, ours: Duration, bare: Duration) {
    println!(
        "{name:<34} {:>10.2}ms {:>10.2}ms {:>7.1}×",
        ms(ours),
        ms(bare),
        ms(ours) / ms(bare).max(1e-6)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
