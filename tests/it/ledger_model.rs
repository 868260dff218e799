//! The Excel and the PDF ledger of the same data say the same thing: the title and the
//! 填报单位/填报时间 lines, the section rows, finding by finding the 序号, 反馈问题 and
//! 具体表现, and task by task the text of every other column. Each is read back as a reader
//! gets it: the xlsx with calamine (dates as the cell shows them), the PDF with
//! `pdftotext -bbox`, its words put in their columns and rows by position. Run on the demo,
//! on a generated ledger of 300 tasks, and on all inspections at once.

mod pdf_read;
mod xlsx_read;

use std::path::Path;

use chrono::NaiveDate;
use xuncha::app::exports::{self, DocumentKind, ExportOptions};
use xuncha::db::Db;
use xuncha::report::ledger::LedgerColumn;
use xuncha::report::sample::{self, Tasks};

/// What a reader sees in a ledger, whitespace removed.
#[derive(Debug, Default)]
pub struct Seen {
    pub title: String,
    pub unit_line: String,
    pub date_line: String,
    /// Inspection and category rows, in order.
    pub sections: Vec<String>,
    /// Per finding, the finding-level columns' texts (in [`LedgerColumn::OFFICIAL`] order).
    pub findings: Vec<Vec<String>>,
    /// Per task, the task-level columns' texts.
    pub tasks: Vec<Vec<String>>,
}

/// The official columns of one level, in order.
pub fn columns(finding_level: bool) -> Vec<LedgerColumn> {
    LedgerColumn::OFFICIAL
        .iter()
        .copied()
        .filter(|c| c.is_finding_level() == finding_level)
        .collect()
}

/// Text as compared: what is printed, without the line breaks and spaces each format
/// places its own way.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Exports the ledgers of `ids` in both formats and compares what they show.
fn both_formats_agree(
    db: &Db,
    ids: &[i64],
    today: NaiveDate,
    title: &str,
) -> (Seen, pdf_read::Met) {
    let dir = tempfile::tempdir().unwrap();
    let (xlsx, pdf) = (dir.path().join("台账.xlsx"), dir.path().join("台账.pdf"));
    // One inspection, or all of them: the app's two scopes.
    let options = match ids {
        [one] => ExportOptions {
            inspection_id: Some(*one),
            ..Default::default()
        },
        _ => ExportOptions {
            all_inspections: true,
            ..Default::default()
        },
    };
    for out in [&xlsx, &pdf] {
        let r = exports::export(db, DocumentKind::Ledger, &options, out, today).unwrap();
        assert_eq!(
            r.inspections, ids,
            "the export covers the inspections asked for"
        );
    }
    let want = xlsx_read::seen(&xlsx);
    assert_eq!(want.title, title);
    match pdf_read::check(&pdf, &want) {
        Ok(met) => (want, met),
        Err(e) => panic!("the PDF ledger differs from the Excel one: {e}"),
    }
}

/// Counts in the store, to check the Excel side read everything.
fn counts(db: &Db, ids: &[i64], today: NaiveDate) -> (usize, usize) {
    let all: Vec<_> = ids
        .iter()
        .map(|id| xuncha::db::ledger::load(db, *id, today).unwrap())
        .collect();
    let findings = all.iter().map(|d| d.findings.len()).sum();
    let tasks = all
        .iter()
        .flat_map(|d| &d.findings)
        .map(|f| f.tasks.len())
        .sum();
    (findings, tasks)
}

fn file_db(dir: &Path) -> Db {
    Db::open(&dir.join("t.db")).unwrap().with_operator("测试")
}

#[test]
fn the_demo_reads_the_same_in_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_db(dir.path());
    let today = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
    let id = xuncha::demo::load(&db, today).unwrap();
    let (seen, _) = both_formats_agree(
        &db,
        &[id],
        today,
        "区统计局党组落实区委第三巡察组巡察反馈意见整改台账",
    );
    assert_eq!(
        (seen.findings.len(), seen.tasks.len()),
        counts(&db, &[id], today)
    );
    assert_eq!(seen.sections.len(), 4);
    // What the two ledgers used to disagree on is there, once, in both.
    let status = columns(false)
        .iter()
        .position(|c| *c == LedgerColumn::Status)
        .unwrap();
    assert!(seen.tasks.iter().any(|t| t[status] == "正在推进（逾期）"));
    let numbers: Vec<&str> = seen.findings.iter().map(|f| f[0].as_str()).collect();
    assert_eq!(
        numbers[..4],
        ["1", "2", "3", "1"],
        "numbered within categories"
    );
}

#[test]
fn a_ledger_of_300_tasks_reads_the_same_in_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_db(dir.path());
    let id = sample::write(&db, 120, Tasks::UpTo(4)).unwrap();
    let today = sample::today();
    assert_eq!(counts(&db, &[id], today), (120, 300));
    let (seen, met) = both_formats_agree(
        &db,
        &[id],
        today,
        "区委统战部党组落实区委第三巡察组巡察反馈意见整改台账",
    );
    assert_eq!(seen.tasks.len(), 300);
    // Rows split over pages, and findings continued on the next page, were read and
    // compared too.
    assert!(met.split_rows > 0 && met.continued > 0, "{met:?}");
    let progress = columns(false)
        .iter()
        .position(|c| *c == LedgerColumn::Progress)
        .unwrap();
    assert!(
        seen.tasks
            .iter()
            .any(|t| t[progress].matches("日：").count() == 3),
        "every entry of a task"
    );
}

#[test]
fn all_inspections_read_the_same_in_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_db(dir.path());
    let today = sample::today();
    let a = sample::write(&db, 10, Tasks::UpTo(3)).unwrap();
    let b = xuncha::demo::load(&db, today).unwrap();
    let (seen, _) = both_formats_agree(
        &db,
        &[a, b],
        today,
        "区委统战部党组、区统计局党组落实区委第三巡察组巡察反馈意见整改台账",
    );
    assert_eq!(
        (seen.findings.len(), seen.tasks.len()),
        counts(&db, &[a, b], today)
    );
    // Each inspection's name, then its four categories.
    assert_eq!(seen.sections.len(), 2 + 4 + 4);
    assert!(
        seen.sections[0].ends_with("常规巡察"),
        "{:?}",
        seen.sections
    );
}
