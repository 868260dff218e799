//! The combined rectification ledger as a Word table, for documents that carry it (the
//! plan's task list, a report's attachment): the columns of [`crate::report::ledger::COLUMNS`]
//! with their widths, the two-row header with 责任分工 over its five columns, a section row
//! per category, and each finding's cells merged down across its tasks.

use super::table::{Cell, Table};
use crate::report::ledger::{LedgerTable, COLUMNS};

/// The cells' type size, as in the printed ledger (小五 is 9 pt).
const CELL_PT: f32 = 9.0;

/// The ledger table (its title and the 填报单位 line are the attachment's to place).
pub fn ledger_table(t: &LedgerTable) -> Table {
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
    while k < COLUMNS.len() {
        match COLUMNS[k].group {
            None => {
                top.push(Cell::new(COLUMNS[k].header).centered().span(1, 2));
                k += 1;
            }
            Some(group) => {
                let n = COLUMNS[k..]
                    .iter()
                    .take_while(|c| c.group == Some(group))
                    .count();
                top.push(Cell::new(group).centered().span(n, 1));
                bottom.extend(
                    COLUMNS[k..k + n]
                        .iter()
                        .map(|c| Cell::new(c.header).centered()),
                );
                k += n;
            }
        }
    }
    let mut body = Vec::new();
    let no_tasks = [Vec::new()];
    for section in &t.sections {
        body.push(vec![Cell::new(&section.heading).span(COLUMNS.len(), 1)]);
        for f in &section.findings {
            let tasks = if f.task_rows.is_empty() {
                &no_tasks[..]
            } else {
                &f.task_rows[..]
            };
            // The finding's cells are in its first row, merged down across its tasks.
            for (i, task) in tasks.iter().enumerate() {
                let (mut fc, mut tc) = (f.finding_cells.iter(), task.iter());
                let mut row = Vec::new();
                for c in &COLUMNS {
                    if c.per_finding {
                        let text = fc.next().map_or("", String::as_str);
                        if i == 0 {
                            row.push(cell(text, c.center).span(1, tasks.len()));
                        }
                    } else {
                        row.push(cell(tc.next().map_or("", String::as_str), c.center));
                    }
                }
                body.push(row);
            }
        }
    }
    Table {
        widths: COLUMNS.iter().map(|c| c.width_mm).collect(),
        header: vec![top, bottom],
        body,
        size_pt: CELL_PT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ledger::ledger_table as words;
    use crate::report::sample::sample_ledger;

    #[test]
    fn ledger_fills_its_grid() {
        let t = ledger_table(&words(&sample_ledger(6, 3)));
        assert_eq!(t.header[0].len(), COLUMNS.len() - 5 + 1);
        assert_eq!(t.header[1].len(), 5);
        // 4 section rows, 6 findings × 3 tasks.
        assert_eq!(t.body.len(), 4 + 18);
        let built = super::super::table::build(&t, 12756).unwrap();
        assert_eq!(built.header_rows, 2);
    }
}
