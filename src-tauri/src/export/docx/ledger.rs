//! The combined rectification ledger as a Word table, for documents that carry it (the
//! plan's task list, a report's attachment), laid out from the ledger model
//! ([`LedgerTable`]) like the Excel and the PDF ledger: its columns with their widths, the
//! two-row header with 责任分工 over its five columns, a section row per inspection and per
//! category, and each finding's cells merged down across its tasks.

use super::table::{Cell, Table};
use crate::report::ledger::{Block, LedgerTable};

/// The cells' type size, as in the printed ledger (小五 is 9 pt).
const CELL_PT: f32 = 9.0;

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
    // Header: a column without a group spans both rows; a group spans its columns.
    let mut top = Vec::new();
    let mut bottom = Vec::new();
    let mut k = 0;
    while k < columns.len() {
        match columns[k].group() {
            None => {
                top.push(Cell::new(&t.labels[k]).centered().span(1, 2));
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
    let mut body = Vec::new();
    for block in &t.blocks {
        let f = match block {
            Block::Inspection(heading) | Block::Category(heading) => {
                body.push(vec![Cell::new(heading).span(columns.len(), 1)]);
                continue;
            }
            Block::Finding(f) => f,
        };
        // The finding's cells are in its first row, merged down across its tasks.
        for (i, task) in f.tasks.iter().enumerate() {
            let mut row = Vec::new();
            for (c, column) in columns.iter().enumerate() {
                if !column.is_finding_level() {
                    row.push(cell(&task[c].shown(), column.is_centered()));
                } else if i == 0 {
                    let merged = cell(&f.head[c].shown(), column.is_centered());
                    row.push(merged.span(1, f.tasks.len()));
                }
            }
            body.push(row);
        }
    }
    Table {
        widths: columns.iter().map(|c| c.width() as f32).collect(),
        header: vec![top, bottom],
        body,
        size_pt: CELL_PT,
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
}
