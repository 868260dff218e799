//! A worksheet as a grid of cells that knows its merged regions: a merged cell's value is
//! seen in every cell it covers, and a cell can tell whether it only continues a merge
//! that started above (a task row of a finding merged down across its tasks). Cells are
//! kept sparsely (memory follows what the sheet holds, not the area it spans), and merges
//! that overlap or are absurdly large are reported instead of followed.

use std::collections::HashMap;

use calamine::{CellErrorType, Data, Dimensions};

use super::values::cell_text;
use crate::export::xlsx::layout::col_letter;

/// Cells covered by merges, in all: far above any ledger (a finding merged over its tasks
/// in a few columns), low enough that a crafted sheet cannot exhaust memory.
pub const MAX_COVERED: usize = 2_000_000;

/// A merge problem found while building the grid: (row, cell reference, message).
pub type MergeProblem = (u32, String, String);

/// One worksheet's cells with their merges.
pub struct Grid {
    /// Cells by row (index = row − first row), each row sorted by column.
    rows: Vec<Vec<(u32, Data)>>,
    start: (u32, u32),
    end: (u32, u32),
    /// Covered cell → the top-left cell of its merged region.
    origin: HashMap<(u32, u32), (u32, u32)>,
    /// Merged regions by their top-left cell.
    regions: HashMap<(u32, u32), Dimensions>,
}

/// "B3:D5" for a region.
pub fn range_ref(m: &Dimensions) -> String {
    format!(
        "{}:{}",
        cell_ref(m.start.0, m.start.1),
        cell_ref(m.end.0, m.end.1)
    )
}

/// "B3" for a 0-based cell.
pub fn cell_ref(r: u32, c: u32) -> String {
    format!(
        "{}{}",
        col_letter(c.min(u16::MAX as u32) as u16),
        r as u64 + 1
    )
}

impl Grid {
    /// A grid over `cells` (row, column, value) with the sheet's merged regions, and what
    /// was wrong with the merges.
    pub fn new(
        mut cells: Vec<(u32, u32, Data)>,
        merges: Vec<Dimensions>,
    ) -> (Self, Vec<MergeProblem>) {
        cells.sort_by_key(|(r, c, _)| (*r, *c));
        let start = (
            cells.first().map_or(0, |x| x.0),
            cells.iter().map(|x| x.1).min().unwrap_or(0),
        );
        let end = (
            cells.last().map_or(0, |x| x.0),
            cells.iter().map(|x| x.1).max().unwrap_or(0),
        );
        let mut rows: Vec<Vec<(u32, Data)>> = Vec::new();
        if !cells.is_empty() {
            rows.resize_with((end.0 - start.0 + 1) as usize, Vec::new);
        }
        for (r, c, v) in cells {
            if let Some(row) = rows.get_mut((r - start.0) as usize) {
                // A cell written twice (a malformed file): the later one stands.
                match row.last_mut() {
                    Some(last) if last.0 == c => last.1 = v,
                    _ => row.push((c, v)),
                }
            }
        }
        let mut g = Grid {
            rows,
            start,
            end,
            origin: HashMap::new(),
            regions: HashMap::new(),
        };
        let problems = g.add_merges(merges);
        (g, problems)
    }

    fn add_merges(&mut self, mut merges: Vec<Dimensions>) -> Vec<MergeProblem> {
        let mut problems = Vec::new();
        let mut overlaps = 0usize;
        let mut covered = 0usize;
        merges.sort_by_key(|m| (m.start, m.end));
        for m in merges {
            if m.end.0 < m.start.0 || m.end.1 < m.start.1 {
                continue;
            }
            // Rows and columns beyond the data are of no interest (a merge over a whole
            // column would flood the map).
            let last_row = m.end.0.min(self.end.0);
            let last_col = m.end.1.min(self.end.1);
            if m.start.0 > last_row || m.start.1 > last_col {
                continue;
            }
            let area = (last_row - m.start.0 + 1) as usize * (last_col - m.start.1 + 1) as usize;
            if covered + area > MAX_COVERED {
                problems.push((
                    m.start.0 + 1,
                    range_ref(&m),
                    format!(
                        "合并单元格过多或过大（共超过 {MAX_COVERED} 个单元格），从 {} 起的合并已忽略：请取消无关的合并后再导入",
                        range_ref(&m)
                    ),
                ));
                break;
            }
            let clash = self.clash(&m, last_row, last_col);
            if let Some(other) = clash {
                overlaps += 1;
                if overlaps <= 20 {
                    problems.push((
                        m.start.0 + 1,
                        range_ref(&m),
                        format!(
                            "合并单元格 {} 与 {} 重叠（文件已损坏），无法判断单元格属于哪一处：请在 Excel 或 WPS 中取消这两处合并，重新合并后保存",
                            range_ref(&m),
                            range_ref(&other)
                        ),
                    ));
                }
                continue;
            }
            covered += area;
            for r in m.start.0..=last_row {
                for c in m.start.1..=last_col {
                    if (r, c) != m.start {
                        self.origin.insert((r, c), m.start);
                    }
                }
            }
            self.regions.insert(m.start, m);
        }
        if overlaps > 20 {
            problems.push((
                self.start.0 + 1,
                String::new(),
                format!("共有 {overlaps} 处合并单元格重叠，以上只列出前 20 处"),
            ));
        }
        problems
    }

    /// A region already taken that `m` overlaps.
    fn clash(&self, m: &Dimensions, last_row: u32, last_col: u32) -> Option<Dimensions> {
        for r in m.start.0..=last_row {
            for c in m.start.1..=last_col {
                let owner = match self.origin.get(&(r, c)) {
                    Some(o) => Some(*o),
                    None => self.regions.contains_key(&(r, c)).then_some((r, c)),
                };
                if let Some(o) = owner.and_then(|o| self.regions.get(&o)) {
                    return Some(*o);
                }
            }
        }
        None
    }

    /// Merged regions, by their top-left cell.
    pub fn merges(&self) -> impl Iterator<Item = &Dimensions> {
        self.regions.values()
    }

    /// Whether the sheet holds no value at all.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Last row and column holding data (absolute, 0-based).
    pub fn end(&self) -> (u32, u32) {
        self.end
    }

    /// First row and column holding data.
    pub fn start(&self) -> (u32, u32) {
        self.start
    }

    /// The raw value of a cell (blank for covered cells of a merge).
    pub fn raw(&self, r: u32, c: u32) -> &Data {
        static EMPTY: Data = Data::Empty;
        let Some(row) = r
            .checked_sub(self.start.0)
            .and_then(|i| self.rows.get(i as usize))
        else {
            return &EMPTY;
        };
        match row.binary_search_by_key(&c, |(col, _)| *col) {
            Ok(i) => &row[i].1,
            Err(_) => &EMPTY,
        }
    }

    /// The value shown in a cell: a merged region's value in every cell it covers.
    pub fn value(&self, r: u32, c: u32) -> &Data {
        match self.origin.get(&(r, c)) {
            Some(&(r0, c0)) => self.raw(r0, c0),
            None => self.raw(r, c),
        }
    }

    /// The shown value as trimmed text.
    pub fn text(&self, r: u32, c: u32) -> String {
        cell_text(self.value(r, c))
    }

    /// Whether the cell is covered by a merge that started on an earlier row.
    pub fn continues_from_above(&self, r: u32, c: u32) -> bool {
        matches!(self.origin.get(&(r, c)), Some(&(r0, _)) if r0 < r)
    }

    /// The top-left cell of the merge covering this cell, when it is covered by one.
    pub fn origin(&self, r: u32, c: u32) -> Option<(u32, u32)> {
        self.origin.get(&(r, c)).copied()
    }

    /// Number of columns a merge starting at this cell spans (1 when not merged).
    pub fn merged_width(&self, r: u32, c: u32) -> u32 {
        self.regions
            .get(&(r, c))
            .map_or(1, |m| m.end.1 - m.start.1 + 1)
    }

    /// Cells holding an error value (#REF!, #N/A…): (row, column, error).
    pub fn errors(&self) -> impl Iterator<Item = (u32, u32, &CellErrorType)> {
        self.rows.iter().enumerate().flat_map(move |(i, row)| {
            row.iter().filter_map(move |(c, v)| match v {
                Data::Error(e) => Some((self.start.0 + i as u32, *c, e)),
                _ => None,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dims(r0: u32, c0: u32, r1: u32, c1: u32) -> Dimensions {
        Dimensions {
            start: (r0, c0),
            end: (r1, c1),
        }
    }

    #[test]
    fn merged_values_and_overlaps() {
        let cells = vec![
            (0, 0, Data::String("甲".into())),
            (3, 2, Data::String("乙".into())),
        ];
        let (g, problems) = Grid::new(cells, vec![dims(0, 0, 2, 0), dims(1, 0, 3, 1)]);
        assert_eq!(g.text(2, 0), "甲");
        assert!(g.continues_from_above(1, 0));
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].2.contains("A2:B4 与 A1:A3 重叠"),
            "{problems:?}"
        );
        // A merge over whole columns is clipped to the data.
        let (g, problems) = Grid::new(
            vec![(0, 0, Data::Int(1)), (1, 1, Data::Int(2))],
            vec![dims(0, 0, 1_048_575, 16_383)],
        );
        assert!(problems.is_empty());
        assert_eq!(g.origin.len(), 3);
        assert_eq!(g.text(1, 1), "1");
    }
}
