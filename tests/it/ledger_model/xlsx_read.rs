//! The Excel ledger as a reader sees it: the cells of the 整改台账 sheet, dates as their
//! format shows them (2025年3月31日), and a finding continued on the next page (its number
//! and problem shown again) read once.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use xuncha::domain::dates::format_cn;
use xuncha::report::ledger::LedgerColumn;

use super::{columns, squeeze, Seen};

fn shown(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => squeeze(s),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::DateTime(d)) => format_cn(d.as_datetime().unwrap().date()),
        Some(Data::Empty) | None => String::new(),
        Some(other) => panic!("unexpected cell {other:?}"),
    }
}

pub fn seen(path: &Path) -> Seen {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let r = wb.worksheet_range("整改台账").unwrap();
    let at = |row: u32, col: usize| shown(r.get_value((row, col as u32)));
    let width = r.width();
    // The header: each column by its label (over one or two rows).
    let mut index: Vec<(LedgerColumn, usize)> = Vec::new();
    for c in 0..width {
        let label = [at(2, c), at(3, c)]
            .into_iter()
            .find(|t| LedgerColumn::OFFICIAL.iter().any(|l| l.label() == t))
            .unwrap_or_else(|| panic!("no header in column {c}"));
        let column = *LedgerColumn::OFFICIAL
            .iter()
            .find(|l| l.label() == label)
            .unwrap();
        index.push((column, c));
    }
    let col = |c: LedgerColumn| index.iter().find(|(k, _)| *k == c).unwrap().1;
    let (finding_cols, task_cols) = (columns(true), columns(false));
    let mut out = Seen {
        title: at(0, 0),
        unit_line: at(1, 0),
        date_line: (1..width)
            .map(|c| at(1, c))
            .find(|t| t.starts_with("填报时间"))
            .unwrap_or_default(),
        ..Seen::default()
    };
    let seq = col(LedgerColumn::Seq);
    let mut after_section = false;
    for row in 4..r.height() as u32 {
        let first = r.get_value((row, seq as u32));
        if matches!(first, Some(Data::String(_))) {
            out.sections.push(at(row, seq));
            after_section = true;
            continue;
        }
        if matches!(first, Some(Data::Float(_))) {
            let finding: Vec<String> = finding_cols.iter().map(|c| at(row, col(*c))).collect();
            // A finding continued on a new page shows its number and problem again.
            let continued = !after_section
                && out.findings.last().is_some_and(|last| {
                    last[0] == finding[0] && last[1] == finding[1] && finding[2].is_empty()
                });
            if !continued {
                out.findings.push(finding);
            }
            after_section = false;
        }
        let task: Vec<String> = task_cols.iter().map(|c| at(row, col(*c))).collect();
        // Blank rows below a finding give its merged text room.
        if task.iter().any(|t| !t.is_empty()) {
            out.tasks.push(task);
        }
    }
    out
}
