//! One finding of the printed ledger: its merged cells beside its task rows, split across
//! pages where they do not fit (the lines that fit stay, the rest continue under the
//! repeated header).

use super::{Cell, Layout, GEO};
use crate::export::fonts::FontRole;
use crate::report::ledger::CellValue;

/// A finding wrapped to its columns: which columns are merged across its task rows and
/// which are the tasks', the merged cells, the task rows' cells and each row's lines.
struct Group {
    merged_cols: Vec<usize>,
    task_cols: Vec<usize>,
    merged: Vec<Cell>,
    rows: Vec<Vec<Cell>>,
    row_lines: Vec<usize>,
}

impl Layout<'_> {
    /// The lines of a finding's first row.
    pub(super) fn first_row_lines(&self, head: &[CellValue], tasks: &[Vec<CellValue>]) -> usize {
        self.wrap_group(head, tasks).row_lines[0]
    }

    /// A finding's cells wrapped: its merged cells, its task rows and their lines.
    fn wrap_group(&self, head: &[CellValue], task_rows: &[Vec<CellValue>]) -> Group {
        let columns = self.columns;
        let merged_cols: Vec<usize> = (0..columns.len())
            .filter(|&i| columns[i].is_finding_level())
            .collect();
        let task_cols: Vec<usize> = (0..columns.len())
            .filter(|&i| !columns[i].is_finding_level())
            .collect();
        let merged: Vec<Cell> = merged_cols
            .iter()
            .map(|&c| self.wrap(&head[c].shown(), c, FontRole::Fang))
            .collect();
        // A table without a task's column gives a finding one row.
        let task_rows = if task_cols.is_empty() {
            &task_rows[..0]
        } else {
            task_rows
        };
        let mut rows: Vec<Vec<Cell>> = task_rows
            .iter()
            .map(|r| {
                task_cols
                    .iter()
                    .map(|&c| self.wrap(&r[c].shown(), c, FontRole::Fang))
                    .collect()
            })
            .collect();
        if rows.is_empty() {
            rows.push(vec![Cell::default(); task_cols.len()]);
        }
        let mut row_lines: Vec<usize> = rows
            .iter()
            .map(|r| r.iter().map(|c| c.lines.len()).max().unwrap_or(1).max(1))
            .collect();
        let merged_max = merged.iter().map(|c| c.lines.len()).max().unwrap_or(1);
        let sum: usize = row_lines.iter().sum();
        if merged_max > sum {
            if let Some(last) = row_lines.last_mut() {
                *last += merged_max - sum;
            }
        }
        Group {
            merged_cols,
            task_cols,
            merged,
            rows,
            row_lines,
        }
    }

    /// One finding: merged cells beside its task rows, split across pages as needed.
    pub(super) fn group(&mut self, head: &[CellValue], task_rows: &[Vec<CellValue>]) {
        let columns = self.columns;
        let Group {
            merged_cols,
            task_cols,
            merged,
            rows,
            row_lines,
        } = self.wrap_group(head, task_rows);
        let total: usize = row_lines.iter().sum();
        let whole_group = self.y - self.row_h(total) >= GEO.bottom;

        // Walk the rows, taking what fits on each page.
        let (mut row, mut offset, mut merged_from) = (0usize, 0usize, 0usize);
        // Whether part of this finding is already on an earlier page.
        let mut continued = false;
        while row < rows.len() {
            let mut parts: Vec<(usize, usize, usize)> = Vec::new(); // (row, from, to)
            let mut avail = self.y - GEO.bottom;
            while row < rows.len() {
                let rem = row_lines[row] - offset;
                let h = self.row_h(rem);
                if h <= avail + 0.01 {
                    parts.push((row, offset, row_lines[row]));
                    avail -= h;
                    row += 1;
                    offset = 0;
                    continue;
                }
                let fit = ((avail - 2.0 * GEO.pad_y) / GEO.line).floor().max(0.0) as usize;
                let nothing_here = parts.is_empty() && !self.body_started;
                // A table that keeps rows whole splits a row only when a page cannot hold it.
                let may_split = !self.keep_rows || nothing_here;
                if may_split && (fit >= 3 || (nothing_here && fit >= 1)) {
                    // Leave at least two lines for the next page when possible.
                    let take = if rem - fit < 2 && fit > 3 {
                        rem - 2
                    } else {
                        fit
                    };
                    parts.push((row, offset, offset + take));
                    offset += take;
                }
                break;
            }
            if parts.is_empty() {
                self.new_page();
                continue;
            }
            let lines_here: usize = parts.iter().map(|p| p.2 - p.1).sum();
            let slice_h: f32 = parts.iter().map(|p| self.row_h(p.2 - p.1)).sum();
            let top = self.y;
            // Merged cells: the next lines of their text, centred when the whole group is here.
            let capacity = ((slice_h - 2.0 * GEO.pad_y) / GEO.line).floor() as usize;
            let done = row >= rows.len();
            let take = if done {
                usize::MAX
            } else {
                lines_here.min(capacity)
            };
            for (k, &c) in merged_cols.iter().enumerate() {
                let mut lines: Vec<String> = merged[k]
                    .lines
                    .iter()
                    .skip(merged_from)
                    .take(take)
                    .cloned()
                    .collect();
                // On a continuation page the number and the problem are shown again (the
                // number marked 续), so the rows there are not orphans of an unknown finding;
                // not in a document's attachment, whose Word file (a merged cell Word and
                // WPS leave blank on the next page) says the same as the PDF.
                if continued && lines.is_empty() && k < 2 && !self.keep_rows {
                    lines = merged[k].lines.iter().take(lines_here).cloned().collect();
                    if k == 0 && lines_here >= 2 {
                        lines.push("续".to_owned());
                    }
                }
                let dy = if whole_group {
                    (slice_h - self.row_h(lines.len())) / 2.0
                } else {
                    0.0
                };
                let center = columns[c].is_centered();
                self.cell_lines(c, c, top - dy, &lines, center, FontRole::Fang);
            }
            merged_from = merged_from.saturating_add(take);
            let mut y = top;
            for &(r, from, to) in &parts {
                let h = self.row_h(to - from);
                let complete = from == 0 && to == row_lines[r];
                for (k, &c) in task_cols.iter().enumerate() {
                    let cell = &rows[r][k];
                    let lines: Vec<String> = cell
                        .lines
                        .iter()
                        .skip(from)
                        .take(to - from)
                        .cloned()
                        .collect();
                    let dy = if complete {
                        (h - self.row_h(lines.len())) / 2.0
                    } else {
                        0.0
                    };
                    let center = columns[c].is_centered();
                    self.cell_lines(c, c, y - dy, &lines, center, FontRole::Fang);
                }
                y -= h;
                if y > top - slice_h + 0.01 {
                    let x0 = task_cols.first().map_or(GEO.left, |&c| self.xs[c]);
                    self.rule(x0, y, GEO.right, y);
                }
            }
            let cols: Vec<usize> = (1..columns.len()).collect();
            self.box_rules(top, top - slice_h, &cols);
            self.y = top - slice_h;
            self.body_started = true;
            if row < rows.len() {
                self.new_page();
                continued = true;
            }
        }
    }
}
