//! A worksheet as a grid of cells that knows its merged regions: a merged cell's value is
//! seen in every cell it covers, and a cell can tell whether it only continues a merge
//! that started above (a task row of a finding merged down across its tasks).

use std::collections::HashMap;

use calamine::{Data, Dimensions, Range};

use super::values::cell_text;

/// One worksheet's cells with their merges.
pub struct Grid {
    range: Range<Data>,
    /// Covered cell → the top-left cell of its merged region.
    origin: HashMap<(u32, u32), (u32, u32)>,
    /// Merged regions by their top-left cell.
    regions: HashMap<(u32, u32), Dimensions>,
}

impl Grid {
    /// A grid over `range` with the sheet's merged regions.
    pub fn new(range: Range<Data>, merges: Vec<Dimensions>) -> Self {
        let mut origin = HashMap::new();
        let mut regions = HashMap::new();
        for m in merges {
            // A pathological merge over a whole column would flood the map: the rows
            // beyond the data are of no interest.
            let last_row = m.end.0.min(range.end().map_or(0, |e| e.0));
            for r in m.start.0..=last_row {
                for c in m.start.1..=m.end.1 {
                    if (r, c) != m.start {
                        origin.insert((r, c), m.start);
                    }
                }
            }
            regions.insert(m.start, m);
        }
        Grid {
            range,
            origin,
            regions,
        }
    }

    /// Last row and column holding data (absolute, 0-based).
    pub fn end(&self) -> (u32, u32) {
        self.range.end().unwrap_or((0, 0))
    }

    /// First row and column holding data.
    pub fn start(&self) -> (u32, u32) {
        self.range.start().unwrap_or((0, 0))
    }

    /// The raw value of a cell (blank for covered cells of a merge).
    pub fn raw(&self, r: u32, c: u32) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.range.get_value((r, c)).unwrap_or(&EMPTY)
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

    /// Number of columns a merge starting at this cell spans (1 when not merged).
    pub fn merged_width(&self, r: u32, c: u32) -> u32 {
        self.regions
            .get(&(r, c))
            .map_or(1, |m| m.end.1 - m.start.1 + 1)
    }
}
