//! Titled tables on portrait GB/T 9704 pages (forms and lists: the 销号审批表, the 佐证材料
//! 目录): the title centred in 2号 at the top of the type area, then the table across the
//! type area's width, header rows repeated on every page, cells spanning columns, rows kept
//! whole, and page numbers where the documents have them. It lays out the same
//! [`Table`](crate::export::docx::Table) the Word writer builds, so both say the same.

use super::compose::page_number;
use super::justify::CellLine;
use super::linebreak::{break_lines_with, title_lines, ScriptGap};
use super::writer::{Page, Rule, Text};
use crate::export::docx::table::RULE_PT;
use crate::export::docx::{Align, Cell};
use crate::export::fonts::{FontRole, FontSet};
use crate::export::gb9704::{baseline_below, mm, GB};
use crate::export::TitledTable;

/// Lays out `parts` on portrait pages, each part from a new page; pages numbered from 1.
pub fn compose(parts: &[TitledTable], fonts: &FontSet) -> Vec<Page> {
    let mut pages = Vec::new();
    for part in parts {
        Layout::new(part, fonts).run(&mut pages);
    }
    for (n, page) in pages.iter_mut().enumerate() {
        page.texts.push(page_number(n + 1, &GB, fonts));
    }
    pages
}

struct Layout<'a> {
    part: &'a TitledTable,
    fonts: &'a FontSet,
    xs: Vec<f32>,
    line: f32,
    size: f32,
    pad_x: f32,
    pad_y: f32,
}

/// A row wrapped to its cells: each cell's column span, alignment, face and lines.
struct Row {
    cells: Vec<(usize, usize, Align, FontRole, Vec<String>)>,
    lines: usize,
}

impl<'a> Layout<'a> {
    fn new(part: &'a TitledTable, fonts: &'a FontSet) -> Self {
        let t = &part.table;
        let total: f32 = t.widths.iter().sum::<f32>().max(f32::EPSILON);
        let width = GB.area_right() - GB.area_left();
        let mut xs = vec![GB.area_left()];
        for w in &t.widths {
            let last = xs.last().copied().unwrap_or_default();
            xs.push(last + w / total * width);
        }
        let size = t.size_pt;
        Layout {
            part,
            fonts,
            xs,
            line: t.spacing.line_pt,
            size,
            pad_x: t.spacing.pad_x_pt,
            pad_y: t.spacing.pad_y_pt,
        }
    }

    fn wrap(&self, row: &[Cell], role: FontRole) -> Row {
        let mut col = 0;
        let mut cells = Vec::with_capacity(row.len());
        for c in row {
            let span = c.cols.max(1);
            let end = (col + span).min(self.xs.len() - 1);
            let role = if c.heading { FontRole::Hei } else { role };
            let w = self.xs[end] - self.xs[col.min(end)] - 2.0 * self.pad_x;
            let measure = |ch: char| self.fonts.advance_em(role, ch) * self.size;
            let lines: Vec<String> = c
                .text
                .split('\n')
                .flat_map(|p| {
                    let gap = ScriptGap::set(self.size, 0.0);
                    let l = break_lines_with(p.trim(), w, w, measure, gap);
                    if l.is_empty() {
                        vec![String::new()]
                    } else {
                        l.into_iter().map(|l| l.text).collect()
                    }
                })
                .collect();
            cells.push((col, end, c.align, role, lines));
            col = end;
        }
        let lines = cells.iter().map(|c| c.4.len()).max().unwrap_or(1).max(1);
        Row { cells, lines }
    }

    fn height(&self, r: &Row) -> f32 {
        r.lines as f32 * self.line + 2.0 * self.pad_y
    }

    fn run(&self, pages: &mut Vec<Page>) {
        let header: Vec<Row> = self
            .part
            .table
            .header
            .iter()
            .map(|r| self.wrap(r, FontRole::Hei))
            .collect();
        let body: Vec<Row> = self
            .part
            .table
            .body
            .iter()
            .map(|r| self.wrap(r, FontRole::Fang))
            .collect();
        let mut page = blank();
        let mut y = self.title(&mut page);
        for r in &header {
            y = self.row(&mut page, r, y);
        }
        for r in &body {
            let h = self.height(r);
            if y - h < GB.area_bottom() && y < GB.area_top() - 1.0 {
                pages.push(std::mem::replace(&mut page, blank()));
                y = GB.area_top();
                for hr in &header {
                    y = self.row(&mut page, hr, y);
                }
            }
            y = self.row(&mut page, r, y);
        }
        pages.push(page);
    }

    /// The title, balanced over as many lines as it needs, and a blank line; returns the
    /// top of the table.
    fn title(&self, page: &mut Page) -> f32 {
        let size = GB.title_pt;
        let width = mm(GB.area_w_mm);
        let measure = |c: char| self.fonts.advance_em(FontRole::Title, c) * size;
        let lines = title_lines(self.part.title.trim(), width, measure);
        let pitch = GB.line_pitch() * GB.title_line_factor;
        let bold = !self.fonts.is_official(FontRole::Title);
        for (k, l) in lines.iter().enumerate() {
            page.texts.push(Text {
                x: GB.area_left() + (width - l.width) / 2.0,
                baseline: baseline_below(GB.area_top(), size) - k as f32 * pitch,
                role: FontRole::Title,
                size,
                text: l.text.clone(),
                spacing: 0.0,
                bold,
            });
        }
        GB.area_top() - lines.len() as f32 * pitch - GB.line_pitch() / 2.0
    }

    /// Draws a row from `top`; returns its bottom.
    fn row(&self, page: &mut Page, r: &Row, top: f32) -> f32 {
        let bottom = top - self.height(r);
        let rule = |x1, y1, x2, y2| Rule {
            x1,
            y1,
            x2,
            y2,
            width: RULE_PT,
        };
        let (l, rt) = (GB.area_left(), GB.area_right());
        page.rules.push(rule(l, top, rt, top));
        page.rules.push(rule(l, bottom, rt, bottom));
        page.rules.push(rule(l, top, l, bottom));
        for (c0, c1, align, role, lines) in &r.cells {
            let (x0, x1) = (self.xs[*c0], self.xs[*c1]);
            page.rules.push(rule(x1, top, x1, bottom));
            // A label beside a tall box sits in the middle of it; long text starts at the top.
            let from_top = self.part.table.spacing.left_from_top && *align == Align::Left;
            let dy = if !from_top {
                (r.lines - lines.len()) as f32 * self.line / 2.0
            } else {
                0.0
            };
            for (k, t) in lines.iter().enumerate() {
                let line = CellLine::new(self.fonts, *role, self.size, t);
                let x = match align {
                    Align::Center => (x0 + x1 - line.width) / 2.0,
                    Align::Left => x0 + self.pad_x,
                };
                let line_top = top - self.pad_y - dy - k as f32 * self.line;
                let baseline = line_top - (self.line - self.size) / 2.0 - 0.88 * self.size;
                page.texts.extend(line.texts(x, baseline, *role, self.size));
            }
        }
        bottom
    }
}

fn blank() -> Page {
    Page {
        width: mm(GB.page_w_mm),
        height: mm(GB.page_h_mm),
        ..Page::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::docx::{CellSpacing, Table};
    use crate::export::pdf::writer::placed_width;

    fn list(rows: usize) -> TitledTable {
        TitledTable {
            title: "佐证材料目录".into(),
            table: Table {
                widths: vec![0.7, 3.2, 1.8],
                header: vec![vec![
                    Cell::new("序号").centered(),
                    Cell::new("材料名称").centered(),
                    Cell::new("文号/日期").centered(),
                ]],
                body: (1..=rows)
                    .map(|k| {
                        vec![
                            Cell::new(k.to_string()).centered(),
                            Cell::new(format!("第{k}份材料")),
                            Cell::new("2025年6月1日").centered(),
                        ]
                    })
                    .collect(),
                size_pt: 12.0,
                spacing: CellSpacing::form(12.0),
            },
        }
    }

    #[test]
    fn long_tables_repeat_their_header_and_stay_in_the_type_area() {
        let fonts = FontSet::global();
        let pages = compose(&[list(80)], fonts);
        assert!(pages.len() >= 3, "{}", pages.len());
        let mut rows = 0;
        for (n, p) in pages.iter().enumerate() {
            assert_eq!(p.width, mm(210.0));
            let heads = p.texts.iter().filter(|t| t.text == "材料名称").count();
            assert_eq!(heads, 1, "page {}", n + 1);
            rows += p
                .texts
                .iter()
                .filter(|t| t.text.ends_with("份材料"))
                .count();
            for r in &p.rules {
                for y in [r.y1, r.y2] {
                    assert!(
                        y <= GB.area_top() + 0.01 && y >= GB.area_bottom() - 0.01,
                        "{r:?}"
                    );
                }
                for x in [r.x1, r.x2] {
                    assert!(
                        x >= GB.area_left() - 0.01 && x <= GB.area_right() + 0.01,
                        "{r:?}"
                    );
                }
            }
            assert_eq!(
                p.texts.last().map(|t| t.text.clone()),
                Some(format!("— {} —", n + 1))
            );
        }
        assert_eq!(rows, 80, "every row once, none split or lost");
        // The title only on the first page.
        assert_eq!(pages[0].texts[0].text, "佐证材料目录");
        assert!(pages[1].texts.iter().all(|t| t.role != FontRole::Title));
    }

    #[test]
    fn each_part_starts_a_page_and_a_spanning_cell_is_centred_across() {
        let fonts = FontSet::global();
        let mut empty = list(0);
        empty.table.body = vec![vec![Cell::new("（无佐证材料）").span(3, 1).centered()]];
        let pages = compose(&[list(2), empty], fonts);
        assert_eq!(pages.len(), 2);
        let t = pages[1]
            .texts
            .iter()
            .find(|t| t.text == "（无佐证材料）")
            .unwrap();
        let w = placed_width(fonts, FontRole::Fang, &t.text, t.size, 0.0);
        let mid = (GB.area_left() + GB.area_right()) / 2.0;
        assert!((t.x + w / 2.0 - mid).abs() < 0.5, "{t:?}");
    }
}
