//! The optional GB/T 9704 elements around a document's text: the 版头 (份号/密级, 紧急程度,
//! the red 发文机关标志 35 mm below the top of the type area, 发文字号 two lines under it —
//! with 签发人 on the same line for an upward document — and the red rule 4 mm below that),
//! and the 版记 at the foot of the last page (抄送, 印发机关 and 印发日期 between rules).
//! Letters take the 信函格式 instead (10.1, [`HeadStyle::Letter`]): the mark 30 mm from the
//! page's top, red double rules under it and near the foot, the number flush right under
//! the upper rule. On paper with a pre-printed red header the mark and the rules are left
//! out and their room is kept blank.

use super::gb::{letter as lf, mm, GbLayout, HeadStyle};
use super::writer::{placed_width, Page, Rule, Text};
use crate::domain::dates::format_cn;
use crate::domain::Letterhead;
use crate::export::fonts::{FontRole, FontSet};

/// The 发文机关标志's type size at most: about 15 mm high.
const MARK_PT: f32 = 42.0;
/// 版记 text: 4号.
const COLOPHON_PT: f32 = 14.0;

/// The double rules' strokes: the thick one, the thin one, and the distance between their
/// centres.
const THICK_PT: f32 = 2.0;
const THIN_PT: f32 = 0.75;
const DOUBLE_GAP_PT: f32 = 3.0;

/// What the 版头 takes on the first page: grid lines before the title, and what to print
/// in them (placed by [`draw_header`]).
/// The size of the 发文机关标志: 42 pt, or less so that it fits the type area's width.
pub(crate) fn mark_size(h: &Letterhead, g: &GbLayout) -> f32 {
    let n = h.issuer_mark.trim().chars().count().max(1) as f32;
    MARK_PT.min(mm(g.area_w_mm) / n)
}

pub(crate) fn header_lines(h: &Letterhead, style: HeadStyle, g: &GbLayout) -> u32 {
    match style {
        HeadStyle::Document => layout(h, g).map_or(0, |l| l.title_line),
        HeadStyle::Letter => letter_layout(h, g).map_or(0, |l| l.title_line),
    }
}

struct HeaderLayout {
    marks: Vec<String>,
    /// Grid line (from 0) of the 发文字号, if any.
    doc_line: Option<u32>,
    /// Top of the mark below the type area's top, in points, when it is printed or its room kept.
    mark_top: Option<f32>,
    mark_size: f32,
    /// Grid line the title starts on.
    title_line: u32,
}

fn layout(h: &Letterhead, g: &GbLayout) -> Option<HeaderLayout> {
    if !h.has_header() {
        return None;
    }
    let marks: Vec<String> = h.corner_marks().into_iter().map(str::to_owned).collect();
    let pitch = g.line_pitch();
    let has_mark = h.preprinted || !h.issuer_mark.trim().is_empty();
    let mark_size = mark_size(h, g);
    let mark_top = has_mark.then(|| (marks.len() as f32 * pitch).max(mm(35.0)));
    // 发文字号: two blank lines under the mark, else on the line after the marks.
    let after_mark = mark_top.map_or(marks.len() as u32, |t| {
        ((t + mark_size) / pitch).ceil() as u32 + 2
    });
    let has_no = !h.doc_no.trim().is_empty() || !h.signer.trim().is_empty();
    let doc_line = has_no.then_some(after_mark);
    // The title: two lines under the red rule (which sits under the number), or one blank
    // line under whatever is last.
    let title_line = match (doc_line, has_mark) {
        (Some(d), true) => d + 3,
        (Some(d), false) => d + 2,
        (None, true) => after_mark,
        (None, false) => marks.len() as u32 + 1,
    };
    Some(HeaderLayout {
        marks,
        doc_line,
        mark_top,
        mark_size,
        title_line,
    })
}

fn text(x: f32, baseline: f32, role: FontRole, size: f32, t: &str) -> Text {
    Text {
        x,
        baseline,
        role,
        size,
        text: t.to_owned(),
        spacing: 0.0,
        bold: false,
    }
}

/// Places the 版头 on the first page.
pub(super) fn draw_header(
    page: &mut Page,
    h: &Letterhead,
    style: HeadStyle,
    g: &GbLayout,
    fonts: &FontSet,
) {
    if style == HeadStyle::Letter {
        return draw_letter_header(page, h, g, fonts);
    }
    let Some(l) = layout(h, g) else { return };
    let pitch = g.line_pitch();
    let size = g.body_pt;
    let line_baseline =
        |k: u32| g.area_top() - k as f32 * pitch - (pitch - size) / 2.0 - 0.88 * size;
    for (k, m) in l.marks.iter().enumerate() {
        page.texts.push(text(
            g.area_left(),
            line_baseline(k as u32),
            FontRole::Hei,
            size,
            m,
        ));
    }
    let mark = h.issuer_mark.trim();
    if let (Some(top), false, false) = (l.mark_top, h.preprinted, mark.is_empty()) {
        let w = placed_width(fonts, FontRole::Title, mark, l.mark_size, 0.0);
        let bold = !fonts.is_official(FontRole::Title);
        page.red_texts.push(Text {
            bold,
            ..text(
                (g.area_left() + g.area_right() - w) / 2.0,
                g.area_top() - top - 0.88 * l.mark_size,
                FontRole::Title,
                l.mark_size,
                mark,
            )
        });
    }
    let Some(d) = l.doc_line else {
        return;
    };
    let baseline = line_baseline(d);
    let no = h.doc_no.trim();
    let signer = h.signer.trim();
    let inset = g.char_pitch();
    if signer.is_empty() {
        let w = placed_width(fonts, g.body_role, no, size, 0.0);
        let x = (g.area_left() + g.area_right() - w) / 2.0;
        page.texts.push(text(x, baseline, g.body_role, size, no));
    } else {
        // 上行文: the number one character in from the left, 签发人 one in from the right.
        page.texts
            .push(text(g.area_left() + inset, baseline, g.body_role, size, no));
        let label = "签发人：";
        let lw = placed_width(fonts, g.body_role, label, size, 0.0);
        let nw = placed_width(fonts, FontRole::Kai, signer, size, 0.0);
        let x = g.area_right() - inset - nw;
        page.texts
            .push(text(x - lw, baseline, g.body_role, size, label));
        page.texts
            .push(text(x, baseline, FontRole::Kai, size, signer));
    }
    if l.mark_top.is_some() && !h.preprinted {
        let y = baseline - 0.12 * size - mm(4.0);
        page.red_rules.push(Rule {
            x1: g.area_left(),
            y1: y,
            x2: g.area_right(),
            y2: y,
            width: 1.0,
        });
    }
}

/// Where the 信函格式's elements sit on the first page.
struct LetterLayout {
    /// 密级 and 紧急程度, flush left under the rule, one a line.
    marks: Vec<String>,
    mark_size: f32,
    /// The mark (or its room on pre-printed paper) and the double rules.
    has_mark: bool,
    /// Centre of the upper double rule's thick line.
    rule_y: f32,
    /// Top of the first line under the rule (the number's, and the first of `marks`).
    first_top: f32,
    title_line: u32,
}

fn letter_layout(h: &Letterhead, g: &GbLayout) -> Option<LetterLayout> {
    if !h.has_header() {
        return None;
    }
    let marks: Vec<String> = h.corner_marks().into_iter().map(str::to_owned).collect();
    let pitch = g.line_pitch();
    let mark = h.issuer_mark.trim();
    let has_mark = h.preprinted || !mark.is_empty();
    let mark_size = mark_size(h, g);
    let rule_y = mm(g.page_h_mm - lf::MARK_TOP_MM - lf::RULE_GAP_MM) - mark_size;
    let first_top = if has_mark {
        rule_y - DOUBLE_GAP_PT - lf::BELOW_RULE_EM * g.body_pt
    } else {
        g.area_top()
    };
    let rows = marks.len().max(usize::from(!h.doc_no.trim().is_empty()));
    let bottom = if rows == 0 {
        rule_y - DOUBLE_GAP_PT
    } else {
        first_top - (rows - 1) as f32 * pitch - g.body_pt
    };
    // The title two lines under the last element.
    let used = ((g.area_top() - bottom) / pitch).ceil().max(0.0) as u32;
    Some(LetterLayout {
        marks,
        mark_size,
        has_mark,
        rule_y,
        first_top,
        title_line: used + 2,
    })
}

/// A red double rule, 170 mm long and centred on the page, its first line at `y`; the second
/// below it (`thick_first`: thick over thin, as under the mark) or above (thin over thick).
fn double_rule(page: &mut Page, g: &GbLayout, y: f32, thick_first: bool) {
    let x1 = mm((g.page_w_mm - lf::RULE_LEN_MM) / 2.0);
    let x2 = x1 + mm(lf::RULE_LEN_MM);
    let (upper, lower) = if thick_first {
        (THICK_PT, THIN_PT)
    } else {
        (THIN_PT, THICK_PT)
    };
    for (y, width) in [(y, upper), (y - DOUBLE_GAP_PT, lower)] {
        page.red_rules.push(Rule {
            x1,
            y1: y,
            x2,
            y2: y,
            width,
        });
    }
}

/// Places the 信函格式's 版头 on the first page, and its lower double rule.
fn draw_letter_header(page: &mut Page, h: &Letterhead, g: &GbLayout, fonts: &FontSet) {
    let Some(l) = letter_layout(h, g) else { return };
    let size = g.body_pt;
    let mark = h.issuer_mark.trim();
    if l.has_mark && !h.preprinted {
        let w = placed_width(fonts, FontRole::Title, mark, l.mark_size, 0.0);
        let top = mm(g.page_h_mm - lf::MARK_TOP_MM);
        page.red_texts.push(Text {
            bold: !fonts.is_official(FontRole::Title),
            ..text(
                (g.area_left() + g.area_right() - w) / 2.0,
                top - 0.88 * l.mark_size,
                FontRole::Title,
                l.mark_size,
                mark,
            )
        });
        double_rule(page, g, l.rule_y, true);
        double_rule(page, g, mm(lf::BOTTOM_RULE_MM) + DOUBLE_GAP_PT, false);
    }
    let baseline = |k: usize| l.first_top - k as f32 * g.line_pitch() - 0.88 * size;
    for (k, m) in l.marks.iter().enumerate() {
        page.texts
            .push(text(g.area_left(), baseline(k), FontRole::Hei, size, m));
    }
    let no = h.doc_no.trim();
    if !no.is_empty() {
        let w = placed_width(fonts, g.body_role, no, size, 0.0);
        page.texts
            .push(text(g.area_right() - w, baseline(0), g.body_role, size, no));
    }
}

/// Places the 版记 at the foot of the last page, or of a new page when the text leaves no
/// room for it; returns the new page, if one was needed.
pub(super) fn draw_colophon(
    pages: &mut [Page],
    h: &Letterhead,
    g: &GbLayout,
    fonts: &FontSet,
) -> Option<Page> {
    if !h.has_colophon() {
        return None;
    }
    let pitch = COLOPHON_PT * 1.9;
    let mut rows: Vec<(String, String)> = Vec::new();
    if !h.cc.trim().is_empty() {
        rows.push((
            format!("抄送：{}。", h.cc.trim().trim_end_matches('。')),
            String::new(),
        ));
    }
    if !h.printer.trim().is_empty() || h.printed_on.is_some() {
        rows.push((
            h.printer.trim().to_owned(),
            h.printed_on
                .map(|d| format!("{}印发", format_cn(d)))
                .unwrap_or_default(),
        ));
    }
    let height = rows.len() as f32 * pitch;
    let bottom = g.area_bottom();
    let last_text = pages
        .last()
        .map(|p| {
            p.texts
                .iter()
                .filter(|t| t.role != g.page_no_role)
                .map(|t| t.baseline)
                .fold(f32::MAX, f32::min)
        })
        .unwrap_or(f32::MAX);
    let fits = last_text - g.body_pt > bottom + height + g.line_pitch();
    let mut extra = None;
    let page: &mut Page = if fits {
        pages.last_mut()?
    } else {
        extra = Some(Page {
            width: mm(g.page_w_mm),
            height: mm(g.page_h_mm),
            ..Page::default()
        });
        extra.as_mut()?
    };
    let inset = g.char_pitch();
    let rule = |y: f32, width: f32| Rule {
        x1: g.area_left(),
        y1: y,
        x2: g.area_right(),
        y2: y,
        width,
    };
    let top = bottom + height;
    page.rules.push(rule(top, 1.0));
    for (k, (left, right)) in rows.iter().enumerate() {
        let row_top = top - k as f32 * pitch;
        let baseline = row_top - (pitch - COLOPHON_PT) / 2.0 - 0.88 * COLOPHON_PT;
        page.texts.push(text(
            g.area_left() + inset,
            baseline,
            g.body_role,
            COLOPHON_PT,
            left,
        ));
        if !right.is_empty() {
            let w = placed_width(fonts, g.body_role, right, COLOPHON_PT, 0.0);
            let x = g.area_right() - inset - w;
            page.texts
                .push(text(x, baseline, g.body_role, COLOPHON_PT, right));
        }
        let below = row_top - pitch;
        let last = k + 1 == rows.len();
        page.rules.push(rule(below, if last { 1.0 } else { 0.5 }));
    }
    extra
}
