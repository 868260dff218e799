//! The ledger model ([`LedgerTable`]) as a printed table: A4 landscape, the two-row header
//! (责任分工 over its five columns) repeated on every page, a section row per inspection and
//! per category, each finding's cells merged down across its task rows, and rows that do
//! not fit split cleanly: the lines that fit stay, the rest continue on the next page under
//! the repeated header. What the cells say is the model's; this only places it.

use super::gb::{mm, GB};
use super::justify::CellLine;
use super::linebreak::{balanced_lines, break_lines_with, ScriptGap};
use super::writer::{placed_width, Page, Rule, Text};
use crate::export::docx::table::RULE_PT;
use crate::export::fonts::{FontRole, FontSet};
use crate::export::ledger_page::LEDGER_PAGE;
use crate::report::ledger::{Block, LedgerColumn, LedgerTable};

mod group;

/// The ledger page in PDF points (y from the page's bottom), from [`LEDGER_PAGE`].
struct Geometry {
    page_w: f32,
    page_h: f32,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    size: f32,
    line: f32,
    pad_x: f32,
    pad_y: f32,
    title_size: f32,
}

const GEO: Geometry = {
    let p = LEDGER_PAGE;
    Geometry {
        page_w: mm(p.page_w_mm),
        page_h: mm(p.page_h_mm),
        left: mm(p.side_mm),
        right: mm(p.page_w_mm - p.side_mm),
        top: mm(p.page_h_mm - p.top_mm),
        bottom: mm(p.bottom_mm),
        size: p.size_pt,
        line: p.line_pt,
        pad_x: p.pad_x_pt,
        pad_y: p.pad_y_pt,
        title_size: p.title_pt,
    }
};

/// A wrapped cell.
#[derive(Debug, Clone, Default)]
struct Cell {
    lines: Vec<String>,
}

/// Lays out the ledger table into landscape pages.
pub fn compose(table: &LedgerTable, fonts: &FontSet) -> Vec<Page> {
    let mut pages = table_pages(table, None, fonts);
    for (n, page) in pages.iter_mut().enumerate() {
        page.texts.push(page_number(n + 1, fonts));
    }
    pages
}

/// A table attached to a document (the plan's 附件1 整改任务清单): “附件N” in 黑体 at the
/// top left of its first page, its title, then the table; a row never splits across pages
/// unless it is taller than a page. No page numbers: the document numbers all its pages
/// ([`number_landscape`]).
pub fn attachment_pages(table: &LedgerTable, label: &str, fonts: &FontSet) -> Vec<Page> {
    table_pages(table, Some(label), fonts)
}

/// Numbers a landscape page as the `n`th page of its document.
pub fn number_landscape(page: &mut Page, n: usize, fonts: &FontSet) {
    page.texts.push(page_number(n, fonts));
}

fn table_pages(table: &LedgerTable, label: Option<&str>, fonts: &FontSet) -> Vec<Page> {
    let mut l = Layout::new(fonts, &table.columns, &table.labels);
    l.keep_rows = label.is_some();
    if let Some(label) = label {
        l.attachment_label(label);
    }
    l.first_page_head(table);
    for (i, block) in table.blocks.iter().enumerate() {
        match block {
            Block::Inspection(heading) | Block::Category(heading) => {
                // A section row stays with the first lines of what follows it; where rows
                // are kept whole, with its first row (as Word and WPS keep a row marked
                // keep-with-next with the next row).
                let first_lines = match table.blocks.get(i + 1) {
                    Some(Block::Finding(f)) if l.keep_rows => l.first_row_lines(&f.head, &f.tasks),
                    Some(Block::Finding(_)) => 3,
                    _ => 1,
                };
                let need = l.row_h(1) + l.row_h(first_lines);
                if l.y - need < GEO.bottom {
                    l.new_page();
                }
                l.section_row(heading);
            }
            Block::Finding(f) => l.group(&f.head, &f.tasks),
        }
    }
    l.pages
}

struct Layout<'f> {
    fonts: &'f FontSet,
    columns: &'f [LedgerColumn],
    labels: &'f [String],
    xs: Vec<f32>,
    pages: Vec<Page>,
    y: f32,
    /// Whether the current page has body rows under its header.
    body_started: bool,
    /// Keep each task row whole on one page (an attachment's table).
    keep_rows: bool,
}

impl<'f> Layout<'f> {
    fn new(fonts: &'f FontSet, columns: &'f [LedgerColumn], labels: &'f [String]) -> Self {
        // The columns share the page by their relative widths.
        let total: f64 = columns.iter().map(|c| c.width()).sum();
        let scale = f64::from(GEO.right - GEO.left) / total.max(1.0);
        let mut xs = vec![GEO.left];
        for c in columns {
            let last = xs.last().copied().unwrap_or(GEO.left);
            xs.push(last + (c.width() * scale) as f32);
        }
        Layout {
            fonts,
            columns,
            labels,
            xs,
            pages: vec![blank_page()],
            y: GEO.top,
            body_started: false,
            keep_rows: false,
        }
    }

    /// “附件N” in 3号黑体 at the top left, a line above the title.
    fn attachment_label(&mut self, label: &str) {
        let size = LEDGER_PAGE.label_pt;
        self.text(
            GEO.left,
            self.y + (GEO.line - size) / 2.0,
            FontRole::Hei,
            size,
            label,
        );
        self.y -= LEDGER_PAGE.label_step_pt();
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(blank_page());
        }
        let n = self.pages.len() - 1;
        &mut self.pages[n]
    }

    fn row_h(&self, lines: usize) -> f32 {
        lines as f32 * GEO.line + 2.0 * GEO.pad_y
    }

    fn wrap(&self, text: &str, col: usize, role: FontRole) -> Cell {
        let w = self.xs[col + 1] - self.xs[col] - 2.0 * GEO.pad_x;
        let measure = |c: char| self.fonts.advance_em(role, c) * GEO.size;
        // Headers wrap balanced (牵头/领导, not 牵头领/导).
        let balanced = role == FontRole::Hei;
        let lines = text
            .split('\n')
            .flat_map(|p| {
                if balanced {
                    balanced_lines(p.trim(), w, measure)
                } else {
                    break_lines_with(p.trim(), w, w, measure, ScriptGap::set(GEO.size, 0.0))
                }
            })
            .map(|l| l.text)
            .filter(|t| !t.is_empty())
            .collect();
        Cell { lines }
    }

    fn text(&mut self, x: f32, top: f32, role: FontRole, size: f32, text: &str) {
        let baseline = top - (GEO.line - size) / 2.0 - 0.88 * size;
        self.page().texts.push(Text {
            x,
            baseline,
            role,
            size,
            text: text.to_owned(),
            spacing: 0.0,
            bold: false,
        });
    }

    /// Writes `lines` of a cell spanning columns `c0..=c1` from `top`.
    fn cell_lines(
        &mut self,
        c0: usize,
        c1: usize,
        top: f32,
        lines: &[String],
        center: bool,
        role: FontRole,
    ) {
        for (j, t) in lines.iter().enumerate() {
            let line = CellLine::new(self.fonts, role, GEO.size, t);
            let x = if center {
                (self.xs[c0] + self.xs[c1 + 1] - line.width) / 2.0
            } else {
                self.xs[c0] + GEO.pad_x
            };
            let line_top = top - GEO.pad_y - j as f32 * GEO.line;
            let baseline = line_top - (GEO.line - GEO.size) / 2.0 - 0.88 * GEO.size;
            let texts = line.texts(x, baseline, role, GEO.size);
            self.page().texts.extend(texts);
        }
    }

    fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.page().rules.push(Rule {
            x1,
            y1,
            x2,
            y2,
            width: RULE_PT,
        });
    }

    fn first_page_head(&mut self, table: &LedgerTable) {
        let size = GEO.title_size;
        let w = placed_width(self.fonts, FontRole::Title, &table.title, size, 0.0);
        let baseline = self.y - 0.88 * size;
        let bold = !self.fonts.is_official(FontRole::Title);
        self.page().texts.push(Text {
            x: (GEO.left + GEO.right - w) / 2.0,
            baseline,
            role: FontRole::Title,
            size,
            text: table.title.clone(),
            spacing: 0.0,
            bold,
        });
        self.y -= LEDGER_PAGE.title_step_pt();
        let small = LEDGER_PAGE.unit_line_pt;
        let dw = placed_width(self.fonts, FontRole::Fang, &table.date_line, small, 0.0);
        let b = self.y - 0.88 * small;
        for (x, t) in [
            (GEO.left, &table.unit_line),
            (GEO.right - dw, &table.date_line),
        ] {
            self.page().texts.push(Text {
                x,
                baseline: b,
                role: FontRole::Fang,
                size: small,
                text: t.clone(),
                spacing: 0.0,
                bold: false,
            });
        }
        self.y -= LEDGER_PAGE.unit_line_step_pt();
        self.header();
    }

    fn new_page(&mut self) {
        self.pages.push(blank_page());
        self.y = GEO.top;
        self.header();
    }

    /// The two header rows: 责任分工 over its columns, the others merged down both rows.
    fn header(&mut self) {
        let role = FontRole::Hei;
        let columns = self.columns;
        let cells: Vec<Cell> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                self.wrap(
                    self.labels.get(i).map_or(c.label(), String::as_str),
                    i,
                    role,
                )
            })
            .collect();
        let grouped: Vec<usize> = (0..columns.len())
            .filter(|&i| columns[i].group().is_some())
            .collect();
        let lower = grouped
            .iter()
            .map(|&i| cells[i].lines.len())
            .max()
            .unwrap_or(1);
        let single = (0..columns.len())
            .filter(|i| !grouped.contains(i))
            .map(|i| cells[i].lines.len())
            .max()
            .unwrap_or(1);
        let upper_h = self.row_h(1);
        // Without groups the header is one row.
        let total = if grouped.is_empty() {
            self.row_h(single)
        } else {
            (upper_h + self.row_h(lower)).max(self.row_h(single))
        };
        let top = self.y;
        let bottom = top - total;
        let mid = bottom + self.row_h(lower);
        for (i, cell) in cells.iter().enumerate() {
            let (t, h) = if columns[i].group().is_some() {
                (mid, mid - bottom)
            } else {
                (top, total)
            };
            let inner = self.row_h(cell.lines.len());
            self.cell_lines(i, i, t - (h - inner) / 2.0, &cell.lines, true, role);
        }
        if let (Some(&g0), Some(&g1)) = (grouped.first(), grouped.last()) {
            let label = columns[g0].group().unwrap_or_default();
            self.cell_lines(
                g0,
                g1,
                top - (upper_h - self.row_h(1)) / 2.0,
                &[label.to_owned()],
                true,
                role,
            );
            self.rule(self.xs[g0], mid, self.xs[g1 + 1], mid);
        }
        let (l, r) = (GEO.left, GEO.right);
        self.rule(l, top, r, top);
        self.rule(l, bottom, r, bottom);
        for i in 0..=columns.len() {
            let inside_group = grouped.contains(&i) && grouped.first() != Some(&i);
            let y_top = if inside_group { mid } else { top };
            self.rule(self.xs[i], y_top, self.xs[i], bottom);
        }
        self.y = bottom;
        self.body_started = false;
    }

    fn section_row(&mut self, heading: &str) {
        let last = self.columns.len().saturating_sub(1);
        let w = self.xs[last + 1] - self.xs[0] - 2.0 * GEO.pad_x;
        let measure = |c: char| self.fonts.advance_em(FontRole::Hei, c) * GEO.size;
        let gap = ScriptGap::set(GEO.size, 0.0);
        let lines: Vec<String> = break_lines_with(heading, w, w, measure, gap)
            .into_iter()
            .map(|l| l.text)
            .collect();
        let h = self.row_h(lines.len());
        let top = self.y;
        self.cell_lines(0, last, top, &lines, false, FontRole::Hei);
        self.box_rules(top, top - h, &[]);
        self.y -= h;
        self.body_started = true;
    }

    /// Outer and column rules of a band from `top` to `bottom`; `skip` columns get no
    /// inner verticals (a spanning cell).
    fn box_rules(&mut self, top: f32, bottom: f32, inner_cols: &[usize]) {
        let (l, r) = (GEO.left, GEO.right);
        self.rule(l, top, r, top);
        self.rule(l, bottom, r, bottom);
        self.rule(l, top, l, bottom);
        self.rule(r, top, r, bottom);
        for &i in inner_cols {
            self.rule(self.xs[i], top, self.xs[i], bottom);
        }
    }
}

fn blank_page() -> Page {
    Page {
        width: GEO.page_w,
        height: GEO.page_h,
        ..Page::default()
    }
}

/// “— n —” as on portrait pages: 7 mm below the table, odd pages right, even left.
fn page_number(n: usize, fonts: &FontSet) -> Text {
    super::compose::page_number_under(n, (GEO.left, GEO.right, GEO.bottom), &GB, fonts)
}
