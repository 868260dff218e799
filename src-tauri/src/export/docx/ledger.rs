//! The combined rectification ledger as a Word table, for documents that carry it (the
//! plan's task list, a report's attachment), laid out from the ledger model
//! ([`LedgerTable`]) like the Excel and the PDF ledger: its columns with their widths, the
//! two-row header with 责任分工 over its five columns, a section row per inspection and per
//! category, and each finding's cells merged down across its tasks.

use super::table::{Cell, CellSpacing, Table};
use crate::export::ledger_page::LEDGER_PAGE;
use crate::report::ledger::{Block, LedgerTable};

/// The ledger table (its title and the 填报单位 line are the attachment's to place).
pub fn ledger_table(t: &LedgerTable) -> Table {
    let columns = &t.columns;
    let cell = |text: &str, center: bool| {
        let c = Cell::new(text);
        if center {
            c.centered()
        } else {
            c
        }
    };
    // Header: a column without a group spans both rows; a group spans its columns. A
    // table without groups has one header row.
    let rows = if columns.iter().any(|c| c.group().is_some()) {
        2
    } else {
        1
    };
    let mut top = Vec::new();
    let mut bottom = Vec::new();
    let mut k = 0;
    while k < columns.len() {
        match columns[k].group() {
            None => {
                top.push(Cell::new(&t.labels[k]).centered().span(1, rows));
                k += 1;
            }
            Some(group) => {
                let n = columns[k..]
                    .iter()
                    .take_while(|c| c.group() == Some(group))
                    .count();
                top.push(Cell::new(group).centered().span(n, 1));
                bottom.extend(t.labels[k..k + n].iter().map(|l| Cell::new(l).centered()));
                k += n;
            }
        }
    }
    let task_level = columns.iter().any(|c| !c.is_finding_level());
    let mut body = Vec::new();
    for block in &t.blocks {
        let f = match block {
            Block::Inspection(heading) | Block::Category(heading) => {
                body.push(vec![Cell::new(heading).heading().span(columns.len(), 1)]);
                continue;
            }
            Block::Finding(f) => f,
        };
        // The finding's cells are in its first row, merged down across its tasks: a row a
        // task (one for a finding without tasks), or one row when no column is a task's.
        let n = if task_level { f.tasks.len().max(1) } else { 1 };
        for i in 0..n {
            let mut row = Vec::new();
            for (c, column) in columns.iter().enumerate() {
                if !column.is_finding_level() {
                    let text = f.tasks.get(i).map(|t| t[c].shown()).unwrap_or_default();
                    row.push(cell(&text, column.is_centered()));
                } else if i == 0 {
                    let merged = cell(&f.head[c].shown(), column.is_centered());
                    row.push(merged.span(1, n));
                }
            }
            body.push(row);
        }
    }
    Table {
        widths: columns.iter().map(|c| c.width() as f32).collect(),
        header: if rows == 2 {
            vec![top, bottom]
        } else {
            vec![top]
        },
        body,
        size_pt: LEDGER_PAGE.size_pt,
        spacing: CellSpacing::LEDGER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::public::Edition;
    use crate::report::sample::{ledger, Tasks};

    #[test]
    fn ledger_fills_its_grid() {
        let data = ledger(6, Tasks::Each(3)).unwrap();
        let t = ledger_table(&LedgerTable::official(&[&data], Edition::Internal));
        let columns = crate::report::ledger::LedgerColumn::OFFICIAL.len();
        assert_eq!(t.header[0].len(), columns - 5 + 1);
        assert_eq!(t.header[1].len(), 5);
        // 4 section rows, 6 findings × 3 tasks.
        assert_eq!(t.body.len(), 4 + 18);
        let built = super::super::table::build(&t, 12756).unwrap();
        assert_eq!(built.header_rows, 2);
    }

    /// Body rows that are a finding's or a task's (not a section's heading).
    fn finding_rows(t: &Table) -> Vec<&Vec<Cell>> {
        t.body.iter().filter(|r| !r[0].heading).collect()
    }

    #[test]
    fn a_finding_without_tasks_keeps_its_row() {
        let data = ledger(4, Tasks::Each(0)).unwrap();
        let t = ledger_table(&LedgerTable::official(&[&data], Edition::Internal));
        let rows = finding_rows(&t);
        assert_eq!(rows.len(), 4);
        assert!(rows.iter().all(|r| r.len() == t.widths.len()));
    }

    #[test]
    fn a_list_without_task_columns_has_a_row_a_finding_under_one_header_row() {
        use crate::report::plan::{attachments, PlanLists};
        let data = ledger(5, Tasks::Each(3)).unwrap();
        let lists = PlanLists {
            problems: true,
            responsibilities: false,
        };
        let problems = &attachments(&data, lists)[1].table;
        assert!(problems.columns.iter().all(|c| c.is_finding_level()));
        let t = ledger_table(problems);
        assert_eq!(t.header.len(), 1);
        assert!(t.header[0].iter().all(|c| c.rows == 1));
        let rows = finding_rows(&t);
        assert_eq!(rows.len(), 5);
        assert!(rows.iter().flat_map(|r| r.iter()).all(|c| c.rows == 1));
    }
}
