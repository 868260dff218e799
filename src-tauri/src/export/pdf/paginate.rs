//! Pagination on the GB/T 9704 grid: entries of whole grid lines go onto pages of 22
//! lines, breaking only where a break is allowed (headings keep with their first line, no
//! orphan or widow lines, the signature stays with the text), dropping blank lines at the
//! top of a page and shrinking the seal gap before the signature would leave its text.

use super::writer::{Page, Text};
use crate::export::fonts::FontRole;
use crate::export::gb9704::{baseline_below, mm, GbLayout};

/// Text placed relative to the top of the grid line its entry starts on.
#[derive(Debug, Clone)]
pub(super) struct Rel {
    pub(super) x: f32,
    /// Distance of the em box's top below the entry's first grid line.
    pub(super) dy: f32,
    pub(super) role: FontRole,
    pub(super) size: f32,
    pub(super) text: String,
    pub(super) spacing: f32,
    pub(super) bold: bool,
}

/// A unit of pagination: whole grid lines with their text.
#[derive(Debug, Clone, Default)]
pub(super) struct Entry {
    pub(super) lines: u32,
    pub(super) items: Vec<Rel>,
    /// No page break between this entry and the next.
    pub(super) keep_with_next: bool,
    /// A blank line: dropped at the top of a page.
    pub(super) blank: bool,
    /// A blank line of the room left for the seal: dropped when that lets the signature
    /// and date stay on the page with the text (调整行距 rather than a page with no text).
    pub(super) squeeze: bool,
    /// The first line of a paragraph.
    pub(super) para_start: bool,
    pub(super) break_before: bool,
}

pub(super) fn blank(keep_with_next: bool) -> Entry {
    Entry {
        lines: 1,
        blank: true,
        keep_with_next,
        ..Entry::default()
    }
}

/// Places entries on pages of `g.lines` grid lines. Lines are placed while they fit; when
/// one does not, the page ends at the latest point on it where a break is allowed (not
/// after a heading, not inside a paragraph's first or last two lines, not between the
/// text and its signature) and what follows it moves on. So a page ends early only by
/// what must stay together — a heading with its first line, a paragraph's last two lines
/// — never by a whole chain of them; when nothing on the page may break, it breaks where it
/// is full.
pub(super) fn paginate(entries: &[Entry], g: &GbLayout) -> Vec<Page> {
    let placed = place(entries, g);
    let page = placed.iter().flatten().map(|p| p.0).max().unwrap_or(0);
    let mut pages: Vec<Page> = (0..=page)
        .map(|_| Page {
            width: mm(g.page_w_mm),
            height: mm(g.page_h_mm),
            ..Page::default()
        })
        .collect();
    for (e, at) in entries.iter().zip(&placed) {
        let Some((p, l)) = *at else { continue };
        let top = g.area_top() - l as f32 * g.line_pitch();
        if let Some(page) = pages.get_mut(p) {
            page.texts.extend(e.items.iter().map(|r| Text {
                x: r.x,
                baseline: baseline_below(top - r.dy, r.size),
                role: r.role,
                size: r.size,
                text: r.text.clone(),
                spacing: r.spacing,
                bold: r.bold,
            }));
        }
    }
    // A trailing page break leaves an empty last page.
    while pages.len() > 1 && pages.last().is_some_and(|p| p.texts.is_empty()) {
        pages.pop();
    }
    pages
}

/// Where each entry goes: its page and first grid line, or `None` when it is dropped (a
/// blank line at the top of a page, a line of the seal's room given up).
pub(super) fn place(entries: &[Entry], g: &GbLayout) -> Vec<Option<(usize, u32)>> {
    let mut placed: Vec<Option<(usize, u32)>> = vec![None; entries.len()];
    let (mut page, mut line) = (0usize, 0u32);
    // First entry of the current page: a break is only looked for after it.
    let mut first = 0usize;
    let mut i = 0;
    while i < entries.len() {
        let e = &entries[i];
        placed[i] = None;
        if e.break_before {
            if line > 0 {
                (page, line) = (page + 1, 0);
            }
            i += 1;
            first = i;
            continue;
        }
        if e.blank && line == 0 && page > 0 {
            i += 1;
            continue;
        }
        if e.squeeze && line + chain_lines(entries, i) > g.lines {
            i += 1;
            continue;
        }
        if line > 0 && line + e.lines > g.lines {
            let j = (first + 1..=i)
                .rev()
                .find(|&j| !entries[j - 1].keep_with_next)
                .unwrap_or(i);
            (page, line) = (page + 1, 0);
            first = j;
            i = j;
            continue;
        }
        placed[i] = Some((page, line));
        line += e.lines;
        i += 1;
    }
    placed
}

/// Grid lines from entry `i` to the end of its keep-together chain.
fn chain_lines(entries: &[Entry], i: usize) -> u32 {
    let mut n = 0;
    for e in &entries[i..] {
        n += e.lines;
        if !e.keep_with_next {
            break;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::gb9704::GB;

    fn rel(x: f32, role: FontRole, size: f32, text: &str, spacing: f32) -> Rel {
        Rel {
            x,
            dy: 0.0,
            role,
            size,
            text: text.to_owned(),
            spacing,
            bold: false,
        }
    }

    /// A one-line entry with text `t`.
    fn entry(t: &str, keep_with_next: bool) -> Entry {
        Entry {
            lines: 1,
            items: vec![rel(0.0, FontRole::Fang, 16.0, t, 0.0)],
            keep_with_next,
            ..Entry::default()
        }
    }

    fn filler(n: usize) -> Vec<Entry> {
        (0..n).map(|k| entry(&format!("f{k}"), false)).collect()
    }

    /// The texts of each page.
    fn layout(entries: &[Entry]) -> Vec<Vec<String>> {
        paginate(entries, &GB)
            .iter()
            .map(|p| p.texts.iter().map(|t| t.text.clone()).collect())
            .collect()
    }

    #[test]
    fn a_heading_ends_a_page_with_its_first_line_only() {
        let mut e = filler(20);
        e.push(entry("h", true));
        // A three-line paragraph after a heading: first line free, last two together.
        e.push(entry("p0", false));
        e.push(entry("p1", true));
        e.push(entry("p2", false));
        let pages = layout(&e);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0][20..], ["h", "p0"]);
        assert_eq!(pages[1], ["p1", "p2"]);
    }

    #[test]
    fn a_heading_chain_moves_whole_but_no_more() {
        // 三、 then a two-line （一）, then text: with three lines left, the headings move
        // (a heading never ends a page) and nothing before them does.
        let mut e = filler(19);
        e.push(entry("h1", true));
        e.push(entry("h2a", true));
        e.push(entry("h2b", true));
        e.push(entry("p0", false));
        e.push(entry("p1", true));
        e.push(entry("p2", false));
        let pages = layout(&e);
        assert_eq!(pages[0].len(), 19);
        assert_eq!(pages[1][..4], ["h1", "h2a", "h2b", "p0"]);
    }

    #[test]
    fn a_first_line_never_ends_a_page_alone() {
        let mut e = filler(21);
        e.push(entry("p0", true));
        e.push(entry("p1", true));
        e.push(entry("p2", false));
        let pages = layout(&e);
        assert_eq!(pages[0].len(), 21);
        assert_eq!(pages[1], ["p0", "p1", "p2"]);
    }

    #[test]
    fn the_seal_gap_shrinks_before_the_signature_leaves_the_text() {
        let chain = |filler_lines: usize| {
            let mut e = filler(filler_lines);
            e.push(entry("t0", true));
            e.push(entry("t1", true));
            for _ in 0..GB.signature_gap_lines {
                e.push(Entry {
                    squeeze: true,
                    ..blank(true)
                });
            }
            e.push(entry("sig", true));
            e.push(entry("date", false));
            e
        };
        // 16 + 2 text + 2 gap + signature + date = 22: fits as is.
        let pages = layout(&chain(16));
        assert_eq!(pages.len(), 1);
        // One line short: one gap line goes, everything stays on the page.
        let pages = paginate(&chain(17), &GB);
        assert_eq!(pages.len(), 1);
        let sig = pages[0].texts.iter().find(|t| t.text == "sig").unwrap();
        let t1 = pages[0].texts.iter().find(|t| t.text == "t1").unwrap();
        assert!((t1.baseline - sig.baseline - 2.0 * GB.line_pitch()).abs() < 0.01);
        // Three lines short even without the gap: the last two lines of text go along
        // (never a page with only the signature), the gap restored.
        let pages = layout(&chain(20));
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[1], ["t0", "t1", "sig", "date"]);
        let p = paginate(&chain(20), &GB);
        let (t1, sig) = (&p[1].texts[1], &p[1].texts[2]);
        assert!((t1.baseline - sig.baseline - 3.0 * GB.line_pitch()).abs() < 0.01);
    }

    #[test]
    fn an_unbreakable_run_longer_than_a_page_breaks_where_full() {
        let e: Vec<Entry> = (0..30).map(|k| entry(&format!("k{k}"), true)).collect();
        let pages = layout(&e);
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [22, 8]);
    }
}
