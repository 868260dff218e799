//! Lays out a [`Document`] on the GB/T 9704 grid: 22 lines of 28 characters in the type
//! area, title centred and balanced, headings in their fonts, paragraphs indented two
//! characters and justified, signature and date at the end (kept together with the last
//! lines of text so they never stand alone on a page), attachments on new pages, and page
//! numbers “— 1 —” on the outer side.

use super::justify::{justify, set_line};
use super::letterhead;
use super::linebreak::{break_lines_with, title_lines, Line, ScriptGap};
use super::paginate::{blank, paginate, Entry, Rel};
use super::writer::{placed_width, Page, Text};
use crate::domain::Letterhead;
use crate::export::fonts::{FontRole, FontSet};
use crate::export::gb9704::{mm, GbLayout, HeadStyle, Placed, TextStyle, GB};
use crate::report::doc::Document;

/// Lays out `doc` into A4 portrait pages.
pub fn compose(doc: &Document, fonts: &FontSet) -> Vec<Page> {
    compose_with(doc, &Letterhead::default(), fonts)
}

/// Lays out `doc` with the 版头 and 版记 of `head` ([`super::letterhead`]).
pub fn compose_with(doc: &Document, head: &Letterhead, fonts: &FontSet) -> Vec<Page> {
    compose_styled(doc, head, HeadStyle::Document, fonts)
}

/// [`compose_with`] in the format `style`: a letter (信函格式) has its own 版头, no 版记 and
/// no page number on its first page.
pub fn compose_styled(
    doc: &Document,
    head: &Letterhead,
    style: HeadStyle,
    fonts: &FontSet,
) -> Vec<Page> {
    let g = &GB;
    let entries = entries(doc, head, style, fonts);
    let mut pages = paginate(&entries, g);
    if let Some(first) = pages.first_mut() {
        letterhead::draw_header(first, head, style, g, fonts);
    }
    if style == HeadStyle::Document {
        if let Some(extra) = letterhead::draw_colophon(&mut pages, head, g, fonts) {
            pages.push(extra);
        }
    }
    let first_numbered = if style == HeadStyle::Letter { 1 } else { 0 };
    for (n, page) in pages.iter_mut().enumerate().skip(first_numbered) {
        page.texts.push(page_number(n + 1, g, fonts));
    }
    pages
}

/// How many blank lines of room for the seal stay above the signature once `doc` is laid
/// out: fewer than `GbLayout::signature_gap_lines` where giving them up keeps the signature
/// and date on the page with the text (调整行距). The Word writer leaves as many, so the
/// office suites keep them together too.
pub fn seal_lines(doc: &Document, head: &Letterhead, style: HeadStyle, fonts: &FontSet) -> u32 {
    let entries = entries(doc, head, style, fonts);
    let placed = super::paginate::place(&entries, &GB);
    let kept = entries
        .iter()
        .zip(&placed)
        .filter(|(e, at)| e.squeeze && at.is_some())
        .count();
    let any = entries.iter().any(|e| e.squeeze);
    if any {
        kept as u32
    } else {
        GB.signature_gap_lines
    }
}

/// The grid entries of `doc`: the room of its 版头, its title, text and signature.
fn entries(doc: &Document, head: &Letterhead, style: HeadStyle, fonts: &FontSet) -> Vec<Entry> {
    let g = &GB;
    let mut entries = Vec::new();
    let reserved = letterhead::header_lines(head, style, g);
    if reserved > 0 {
        entries.push(Entry {
            lines: reserved,
            keep_with_next: true,
            ..Entry::default()
        });
    }
    title_entries(&doc.title, g, fonts, &mut entries);
    for placed in g.placed(&doc.blocks) {
        match placed {
            Placed::Text { text, style } => text_entries(text, style, g, fonts, &mut entries),
            Placed::Signature { signature, date } => {
                signature_entries(signature, date, g, fonts, &mut entries)
            }
            Placed::PageBreak => entries.push(Entry {
                break_before: true,
                ..Entry::default()
            }),
            Placed::Attachment { label, title } => {
                entries.push(Entry {
                    break_before: true,
                    ..Entry::default()
                });
                let size = g.body_pt;
                entries.push(Entry {
                    lines: 1,
                    items: vec![rel(g.area_left(), g.label_role, size, label, squeeze(g))],
                    keep_with_next: true,
                    ..Entry::default()
                });
                entries.push(blank(true));
                title_entries(title, g, fonts, &mut entries);
            }
        }
    }
    entries
}

/// Spacing that sets 28 characters of 16 pt on a line (as the .docx does).
fn squeeze(g: &GbLayout) -> f32 {
    g.squeeze_pt()
}

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

/// What a line loses to LibreOffice: it sets the text a twip or two in from the left margin
/// (a justified line runs from 79.5 pt to 521.6 pt on the page, for a type area from
/// 79.4 pt) and counts the line's last character without its letter spacing (the grid's
/// −0.25 pt). Measured on lines of Chinese, digits and script gaps built to a twip: up to
/// 8,838 twips fit the 8,844-twip type area, from 8,840 they wrap. Lines are broken 0.3 pt
/// short, and laid out over the whole width.
const EDGE: f32 = 0.3;

/// A body line, justified: one piece for a line of Chinese, several when Latin words or
/// numbers must keep their natural spacing.
#[allow(clippy::too_many_arguments)]
fn justified(
    x: f32,
    avail: f32,
    role: FontRole,
    size: f32,
    base: f32,
    line: &Line,
    g: &GbLayout,
    fonts: &FontSet,
) -> Vec<Rel> {
    let advance = |c: char| fonts.advance_em(role, c) * size + base;
    justify(
        line,
        avail,
        base,
        g.char_pitch(),
        ScriptGap::set(size, base),
        advance,
    )
    .into_iter()
    .map(|p| rel(x + p.dx, role, size, &p.text, p.spacing))
    .collect()
}

/// One unjustified line of text at `x`: its pieces (split where Chinese meets Latin letters
/// or digits, a [`ScriptGap`] apart) and its width.
fn set_text(
    x: f32,
    role: FontRole,
    size: f32,
    base: f32,
    text: &str,
    fonts: &FontSet,
) -> (Vec<Rel>, f32) {
    let advance = |c: char| fonts.advance_em(role, c) * size + base;
    let (pieces, width) = set_line(text, base, ScriptGap::set(size, base), advance);
    let items = pieces
        .into_iter()
        .map(|p| rel(x + p.dx, role, size, &p.text, p.spacing))
        .collect();
    (items, width)
}

/// The title: 2号 in the title face, centred, balanced over as many lines as needed,
/// followed by one blank line.
fn title_entries(title: &str, g: &GbLayout, fonts: &FontSet, out: &mut Vec<Entry>) {
    if title.trim().is_empty() {
        return;
    }
    let size = g.title_pt;
    let width = mm(g.area_w_mm);
    let measure = |c: char| fonts.advance_em(FontRole::Title, c) * size;
    let lines = title_lines(title.trim(), width, measure);
    let pitch = g.line_pitch() * g.title_line_factor;
    let bold = !fonts.is_official(FontRole::Title);
    let items: Vec<Rel> = lines
        .iter()
        .enumerate()
        .map(|(k, l)| Rel {
            x: g.area_left() + (width - l.width) / 2.0,
            dy: k as f32 * pitch,
            role: FontRole::Title,
            size,
            text: l.text.clone(),
            spacing: 0.0,
            bold,
        })
        .collect();
    let height = (lines.len().saturating_sub(1)) as f32 * pitch + size;
    let grid_lines = (height / g.line_pitch() - 0.1).ceil().max(1.0) as u32;
    out.push(Entry {
        lines: grid_lines,
        items,
        keep_with_next: true,
        ..Entry::default()
    });
    out.push(blank(true));
}

/// A paragraph or heading: broken into justified grid lines, the first indented.
fn text_entries(text: &str, style: TextStyle, g: &GbLayout, fonts: &FontSet, out: &mut Vec<Entry>) {
    let TextStyle {
        role,
        indent_chars,
        heading,
    } = style;
    let size = g.body_pt;
    let sq = squeeze(g);
    let width = mm(g.area_w_mm);
    let indent = g.indent_pt(indent_chars);
    let measure = |c: char| fonts.advance_em(role, c) * size + sq;
    // A line feed inside a block starts a new paragraph of the same kind.
    for para in text.split('\n').map(str::trim_end) {
        let gap = ScriptGap::set(size, sq);
        let lines = break_lines_with(
            para.trim_start(),
            width - indent - EDGE,
            width - EDGE,
            measure,
            gap,
        );
        for (k, l) in lines.iter().enumerate() {
            let (x, avail) = if k == 0 {
                (g.area_left() + indent, width - indent)
            } else {
                (g.area_left(), width)
            };
            // The last line never starts a page alone (widow)…
            let widow_guard = lines.len() >= 2 && k + 2 == lines.len();
            // …nor does the first line end one alone (orphan), even right after a heading:
            // the heading then goes along, as Word, WPS and LibreOffice set it.
            let orphan_guard = !heading && lines.len() >= 2 && k == 0;
            out.push(Entry {
                lines: 1,
                items: justified(x, avail, role, size, sq, l, g, fonts),
                keep_with_next: heading || widow_guard || orphan_guard,
                para_start: k == 0,
                ..Entry::default()
            });
        }
    }
}

/// Signature and date: the date right-indented four characters, the signature centred
/// above it (the sealed form), after blank lines for the seal. The paragraph before them
/// goes with them, whole, to a new page if they do not fit (as Word, WPS and LibreOffice
/// carry the .docx's paragraph, kept together and with the next).
fn signature_entries(
    signature: Option<&str>,
    date: Option<&str>,
    g: &GbLayout,
    fonts: &FontSet,
    out: &mut Vec<Entry>,
) {
    let size = g.body_pt;
    let sq = squeeze(g);
    let role = g.body_role;
    let width_of = |t: &str| set_text(0.0, role, size, sq, t, fonts).1;
    let date_right = g.area_right() - g.date_right_chars as f32 * g.char_pitch();
    let date_w = date.map(width_of).unwrap_or(0.0);
    let center = date_right - date_w / 2.0;
    for e in out.iter_mut().rev().filter(|e| !e.blank) {
        e.keep_with_next = true;
        if e.para_start {
            break;
        }
    }
    for _ in 0..g.signature_gap_lines {
        out.push(Entry {
            squeeze: true,
            ..blank(true)
        });
    }
    // Several signature lines (unit, then 党组书记：…) each centre over the date.
    let sig_lines: Vec<&str> = signature
        .map(|s| s.lines().map(str::trim).filter(|l| !l.is_empty()).collect())
        .unwrap_or_default();
    let n = sig_lines.len();
    for (k, sig) in sig_lines.into_iter().enumerate() {
        let w = width_of(sig);
        let max_right = g.area_right() - g.signature_right_chars as f32 * g.char_pitch();
        let x = if date.is_some() {
            (center - w / 2.0).min(max_right - w)
        } else {
            max_right - w
        };
        out.push(Entry {
            lines: 1,
            items: set_text(x.max(g.area_left()), role, size, sq, sig, fonts).0,
            keep_with_next: date.is_some() || k + 1 < n,
            ..Entry::default()
        });
    }
    if let Some(d) = date {
        out.push(Entry {
            lines: 1,
            items: set_text(date_right - date_w, role, size, sq, d, fonts).0,
            ..Entry::default()
        });
    }
}

/// “— n —” in 4号 宋体, the top of its dash (一字线) 7 mm below the type area (GB/T 9704
/// 7.5), odd pages one character in from the right edge of the type area, even pages from
/// the left.
pub fn page_number(n: usize, g: &GbLayout, fonts: &FontSet) -> Text {
    let area = (g.area_left(), g.area_right(), g.area_bottom());
    page_number_under(n, area, g, fonts)
}

/// [`page_number`] under a type area of other bounds `(left, right, bottom)` (a landscape
/// table's page).
pub fn page_number_under(
    n: usize,
    (left, right, bottom): (f32, f32, f32),
    g: &GbLayout,
    fonts: &FontSet,
) -> Text {
    let size = g.page_no_pt;
    let text = g.page_number_text(n);
    let role = g.page_no_role;
    let w = placed_width(fonts, role, &text, size, 0.0);
    let inset = g.page_no_inset_chars * size;
    let x = if !n.is_multiple_of(2) {
        right - inset - w
    } else {
        left + inset
    };
    Text {
        x,
        baseline: bottom - mm(g.page_no_gap_mm) - dash_top_em(g, fonts) * size,
        role,
        size,
        text,
        spacing: 0.0,
        bold: false,
    }
}

/// Height of the top of the page number's dash above the baseline, in ems: from the glyph's
/// bounds in the face that prints it; without one, the dash of the CJK em box's middle
/// (where 宋体 draws it).
fn dash_top_em(g: &GbLayout, fonts: &FontSet) -> f32 {
    let dash = g.page_no_prefix.trim().chars().next().unwrap_or('—');
    let glyph = fonts.glyph(g.page_no_role, dash);
    glyph
        .face
        .and_then(|id| fonts.face(id))
        .and_then(|face| {
            let bounds = face
                .tables()
                .glyph_bounding_box(ttf_parser::GlyphId(glyph.gid))?;
            Some(f32::from(bounds.y_max) / face.units_per_em())
        })
        .unwrap_or(0.88 - 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::gb9704::baseline_below;
    use crate::report::doc::{paragraph, Block};

    fn doc(paragraphs: usize) -> Document {
        let mut blocks = vec![Block::Heading1 {
            id: "h1".into(),
            text: "一、总体评价".into(),
        }];
        for k in 0..paragraphs {
            blocks.push(paragraph(format!("p{k}"), "巡察组认为，该单位党组能够认真学习贯彻习近平新时代中国特色社会主义思想，落实全面从严治党主体责任。".repeat(2)));
        }
        blocks.push(Block::Signature {
            id: "sig".into(),
            text: "区委第三巡察组".into(),
        });
        blocks.push(Block::Date {
            id: "date".into(),
            text: "2025年3月20日".into(),
        });
        Document {
            title: "关于对区委统战部党组巡察情况的反馈意见".into(),
            blocks,
        }
    }

    #[test]
    fn first_line_title_and_grid_positions() {
        let fonts = FontSet::global();
        let pages = compose(&doc(3), fonts);
        let title = &pages[0].texts[0];
        assert_eq!(title.role, FontRole::Title);
        // Em box top at the type area's top (37 mm from the page top).
        assert!((title.baseline + 0.88 * 22.0 - mm(297.0 - 37.0)).abs() < 0.01);
        // The heading sits on grid line 2 (title, blank line).
        let heading = &pages[0].texts[1];
        let top = GB.area_top() - 2.0 * GB.line_pitch();
        assert!((heading.baseline - baseline_below(top, 16.0)).abs() < 0.01);
        assert!((heading.x - (GB.area_left() + GB.indent_pt(2))).abs() < 0.01);
    }

    #[test]
    fn justified_lines_fill_the_type_area() {
        let fonts = FontSet::global();
        let pages = compose(&doc(3), fonts);
        let body: Vec<&Text> = pages[0]
            .texts
            .iter()
            .filter(|t| t.role == FontRole::Fang)
            .collect();
        let full = body[1];
        // The last glyph's ink ends at the type area's right edge (the spacing after it is
        // not ink).
        let w = placed_width(fonts, full.role, &full.text, full.size, full.spacing) - full.spacing;
        assert!((full.x + w - GB.area_right()).abs() < 0.5, "{full:?} {w}");
    }

    #[test]
    fn page_number_dash_top_is_7_mm_below_the_type_area() {
        let fonts = FontSet::global();
        let num = page_number(3, &GB, fonts);
        let top = num.baseline + dash_top_em(&GB, fonts) * num.size;
        assert!((top - (GB.area_bottom() - mm(7.0))).abs() < 0.01);
        // The shipped 宋体 draws the dash in the middle of the em box, well above the
        // baseline: its top is not the em box's top.
        let em = dash_top_em(&GB, fonts);
        assert!(em > 0.2 && em < 0.6, "{em}");
    }

    #[test]
    fn page_count_signature_and_numbers() {
        let fonts = FontSet::global();
        let pages = compose(&doc(30), fonts);
        assert!(pages.len() >= 4, "{}", pages.len());
        for (n, p) in pages.iter().enumerate() {
            let num = p.texts.last().unwrap();
            assert_eq!(num.text, format!("— {} —", n + 1));
            let body_lines = p.texts.iter().filter(|t| t.role == FontRole::Fang).count();
            assert!(body_lines <= 22);
        }
        let last = pages.last().unwrap();
        // The date is set in pieces, a script gap between the digits and the Chinese.
        let day = last.texts.iter().position(|t| t.text == "日").unwrap();
        let date = &last.texts[day - 5..=day];
        let text: String = date.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(text, "2025年3月20日");
        let gap = date[1].x
            - (date[0].x + placed_width(fonts, FontRole::Fang, "2025", 16.0, date[0].spacing));
        // A fifth of 16 pt, and the 0.25 pt squeeze LibreOffice leaves out there.
        assert!((gap - 3.45).abs() < 0.01, "{gap}");
        let date = &date[5];
        let sig = last
            .texts
            .iter()
            .find(|t| t.text == "区委第三巡察组")
            .unwrap();
        let dw = placed_width(fonts, FontRole::Fang, &date.text, 16.0, date.spacing);
        assert!((date.x + dw - (GB.area_right() - 4.0 * GB.char_pitch())).abs() < 0.5);
        assert!((sig.baseline - date.baseline - GB.line_pitch()).abs() < 0.01);
        // Never alone: at least one line of text precedes the signature on its page.
        assert!(
            last.texts
                .iter()
                .filter(|t| t.role == FontRole::Fang)
                .count()
                >= 4
        );
    }
}
