use super::*;
use crate::domain::dates::{format_cn, format_deadline};
use crate::domain::DeadlineKind;
use crate::report::feedback::feedback_report;
use crate::report::sample::{ledger as sample, Tasks};

fn official(data: &LedgerData) -> LedgerTable {
    LedgerTable::official(&[data], Edition::Internal)
}

fn col(table: &LedgerTable, c: LedgerColumn) -> usize {
    table.columns.iter().position(|x| *x == c).unwrap()
}

#[test]
fn rows_match_the_columns() {
    let data = sample(12, Tasks::UpTo(3)).unwrap();
    let table = official(&data);
    assert_eq!(
        table.title,
        "区委统战部党组落实区委第三巡察组巡察反馈意见整改台账"
    );
    assert_eq!(table.unit_line, "填报单位（盖章）：区委统战部");
    assert_eq!(table.date_line, "填报时间：2025年7月15日");
    let sections: Vec<&str> = table
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Category(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(sections.len(), 4);
    assert!(sections[0].starts_with("一、贯彻落实"));
    assert!(sections[3].starts_with("四、"));
    let findings: Vec<&FindingRows> = table.findings().collect();
    assert_eq!(findings.len(), 12);
    for (r, f) in findings.iter().zip(&data.findings) {
        assert_eq!(r.head.len(), table.columns.len());
        assert_eq!(r.tasks.len(), f.tasks.len());
        assert_eq!(r.task_count, f.tasks.len());
        for (c, column) in table.columns.iter().enumerate() {
            // Each value sits on its level's row only.
            assert_eq!(
                column.is_finding_level(),
                !r.head[c].is_empty(),
                "{column:?}"
            );
            assert!(r.tasks.iter().all(|t| t.len() == table.columns.len()));
            if column.is_finding_level() {
                assert!(r.tasks.iter().all(|t| t[c].is_empty()));
            }
        }
    }
}

#[test]
fn numbers_are_those_of_the_feedback_report() {
    let data = sample(24, Tasks::Each(1)).unwrap();
    let table = official(&data);
    let doc = feedback_report(&data);
    let seq = col(&table, LedgerColumn::Seq);
    let numbers: Vec<usize> = table.findings().map(|f| f.number).collect();
    // Six findings in each of the four categories, each numbered from 1.
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6].repeat(4));
    for (r, f) in table.findings().zip(&data.findings) {
        assert_eq!(r.head[seq], CellValue::Number(r.number as f64));
        let para = doc
            .blocks
            .iter()
            .find(|b| b.id() == Some(format!("finding-{}", f.id).as_str()))
            .unwrap();
        assert!(
            para.text()
                .starts_with(&format!("{}.{}", r.number, f.title)),
            "{}",
            para.text()
        );
    }
}

#[test]
fn cells_say_everything_once_for_both_formats() {
    let data = sample(12, Tasks::UpTo(3)).unwrap();
    let table = official(&data);
    let (progress, status, deadline) = (
        col(&table, LedgerColumn::Progress),
        col(&table, LedgerColumn::Status),
        col(&table, LedgerColumn::Deadline),
    );
    let rows: Vec<&Vec<CellValue>> = table.findings().flat_map(|f| &f.tasks).collect();
    let tasks: Vec<_> = data.findings.iter().flat_map(|f| &f.tasks).collect();
    assert_eq!(rows.len(), tasks.len());
    let mut several = 0;
    for (row, t) in rows.iter().zip(&tasks) {
        // Every dated entry, oldest first.
        let entries = data.progress.get(&t.id).map(Vec::as_slice).unwrap_or(&[]);
        let shown = row[progress].shown();
        let lines: Vec<&str> = shown.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), entries.len(), "{shown}");
        for (line, p) in lines.iter().zip(entries) {
            assert_eq!(*line, format!("{}：{}", format_cn(p.entered_on), p.text));
        }
        several += usize::from(entries.len() > 1);
        // Overdue says so in words.
        let s = row[status].shown();
        assert_eq!(s.ends_with(OVERDUE_MARK), t.overdue, "{s}");
        assert!(s.starts_with(t.status.label()));
        // A date is a date cell; the other kinds are the one wording.
        match t.deadline_kind {
            DeadlineKind::Date => assert_eq!(row[deadline], CellValue::date(t.deadline)),
            k => assert_eq!(
                row[deadline].shown(),
                format_deadline(k, t.deadline, &t.milestones)
            ),
        }
    }
    assert!(several > 0);
    assert!(tasks.iter().any(|t| t.overdue));
}

#[test]
fn several_inspections_each_get_a_section() {
    let db = crate::db::Db::open_in_memory().unwrap();
    let today = crate::report::sample::today();
    crate::report::sample::write(&db, 3, Tasks::Each(1)).unwrap();
    crate::demo::load(&db, today).unwrap();
    let all: Vec<LedgerData> = [1, 2]
        .iter()
        .map(|id| crate::db::ledger::load(&db, *id, today).unwrap())
        .collect();
    let refs: Vec<&LedgerData> = all.iter().collect();
    let table = LedgerTable::official(&refs, Edition::Public);
    assert_eq!(
        table.title,
        "区委统战部党组、区统计局党组落实区委第三巡察组巡察反馈意见整改台账（公开版）"
    );
    let heads: Vec<String> = table
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Inspection(name) => Some(name.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        heads,
        [
            all[0].inspection.name.clone(),
            all[1].inspection.name.clone()
        ]
    );
    // The second inspection's categories are numbered afresh.
    let second = table
        .blocks
        .iter()
        .skip_while(|b| !matches!(b, Block::Inspection(n) if *n == heads[1]))
        .find_map(|b| match b {
            Block::Category(h) => Some(h.clone()),
            _ => None,
        })
        .unwrap();
    assert!(second.starts_with("一、"), "{second}");
    let findings: usize = all.iter().map(|d| d.findings.len()).sum();
    assert_eq!(table.findings().count(), findings);
}
