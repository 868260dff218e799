//! Row heights for wrapped text. rust_xlsxwriter does not size rows, and LibreOffice then
//! shows one clipped line per row; so each row's height is computed here from the measured
//! width of its cells' text, wrapped the way a spreadsheet wraps it.

use std::cell::RefCell;

use crate::export::fonts::{FontRole, FontSet};

/// Width in points of `text` set in the body font (仿宋) at `size_pt`, measured with the
/// same fonts and per-character fallback the PDF uses.
pub fn text_width_pt(text: &str, size_pt: f64) -> f64 {
    with_em(|em| text.chars().map(|c| em(c) * size_pt).sum())
}

/// Runs `f` with the advance of a character in em, cached for the Basic Multilingual Plane
/// because a large ledger measures millions of characters (the cache is borrowed once per
/// text, not per character).
fn with_em<R>(f: impl FnOnce(&mut dyn FnMut(char) -> f64) -> R) -> R {
    thread_local! {
        static CACHE: RefCell<Vec<f32>> = RefCell::new(vec![f32::NAN; 0x1_0000]);
    }
    let measure = |c| FontSet::global().advance_em(FontRole::Fang, c);
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let mut em = |c: char| match cache.get_mut(c as usize) {
            Some(w) if w.is_nan() => {
                *w = measure(c);
                f64::from(*w)
            }
            Some(w) => f64::from(*w),
            None => f64::from(measure(c)),
        };
        f(&mut em)
    })
}

/// Points of a column `width` in Excel character units (default font: 7 px per unit
/// plus 5 px padding, at 96 dpi).
pub fn column_pt(width: f64) -> f64 {
    ((width * 7.0 + 5.0).floor()) * 0.75
}

/// The space a renderer takes inside a cell before wrapping (both sides, pt).
const CELL_PADDING_PT: f64 = 5.0;

/// Wrapped text is measured against a slightly narrower box than the cell: renderers differ
/// in glyph widths and Chinese line-breaking rules push punctuation to the next line.
const WRAP_SAFETY: f64 = 0.94;

/// How many lines `text` takes in a cell `width_pt` wide at `size_pt`.
pub fn line_count(text: &str, width_pt: f64, size_pt: f64) -> usize {
    let usable = ((width_pt - CELL_PADDING_PT) * WRAP_SAFETY).max(size_pt);
    with_em(|em| {
        let mut lines = 0;
        for para in text.split('\n') {
            lines += 1;
            let mut x = 0.0;
            for c in para.chars() {
                let w = em(c) * size_pt;
                if x + w > usable && x > 0.0 {
                    lines += 1;
                    x = 0.0;
                }
                x += w;
            }
        }
        lines.max(1)
    })
}

/// Line pitch as a share of the font size: CJK fonts (and the fallback fonts LibreOffice
/// uses for 仿宋_GB2312) have tall ascent and descent. LibreOffice sets 11 pt lines 16 pt
/// apart (1.455); a little more keeps a cell of twenty lines from losing its last one.
const LINE_PITCH: f64 = 1.48;

/// Height in points a cell needs to show `lines` lines at `size_pt`.
pub fn height_for_lines(lines: usize, size_pt: f64) -> f64 {
    (lines as f64 * size_pt * LINE_PITCH + 6.0).ceil()
}

/// Height in points a cell needs to show all of `text`.
pub fn text_height(text: &str, width_pt: f64, size_pt: f64) -> f64 {
    height_for_lines(line_count(text, width_pt, size_pt), size_pt)
}

/// A header broken into balanced lines when it does not fit on one: 牵头\n领导 rather
/// than 牵头领\n导.
pub fn balanced_header(text: &str, width_pt: f64, size_pt: f64) -> String {
    if text.contains('\n') || line_count(text, width_pt, size_pt) <= 1 {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    for lines in 2..=chars.len() {
        let per = chars.len().div_ceil(lines);
        let parts: Vec<String> = chars.chunks(per).map(|c| c.iter().collect()).collect();
        if parts.iter().all(|p| line_count(p, width_pt, size_pt) == 1) {
            return parts.join("\n");
        }
    }
    text.to_owned()
}

/// Width in Excel character units that holds the longest line of `text` without wrapping.
pub fn width_for_text(text: &str, size_pt: f64) -> f64 {
    width_for_text_upto(text, size_pt, f64::INFINITY)
}

/// [`width_for_text`], measured only as far as `limit` (units): a wider text gives at least
/// `limit`. Column fitting never uses more than a page, so long texts stop early.
pub fn width_for_text_upto(text: &str, size_pt: f64, limit: f64) -> f64 {
    let units = |pt: f64| ((pt + CELL_PADDING_PT) / WRAP_SAFETY / 0.75 - 5.0) / 7.0;
    let limit_pt = (limit * 7.0 + 5.0) * 0.75 * WRAP_SAFETY - CELL_PADDING_PT;
    let longest = with_em(|em| {
        let mut longest: f64 = 0.0;
        for line in text.split('\n') {
            let mut x = 0.0;
            for c in line.chars() {
                x += em(c) * size_pt;
                if x > limit_pt {
                    return x;
                }
            }
            longest = longest.max(x);
        }
        longest
    });
    units(longest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_the_pdf_fonts() {
        assert!((text_width_pt("整改台账", 12.0) - 48.0).abs() < 0.5);
        let digits = text_width_pt("2025", 12.0);
        assert!(
            (4.0 * 0.4 * 12.0..4.0 * 0.7 * 12.0).contains(&digits),
            "{digits}"
        );
        let expected = f64::from(crate::export::fonts::text_width_pt(
            FontRole::Fang,
            "会议纪要2025.pdf",
            11.0,
        ));
        assert!((text_width_pt("会议纪要2025.pdf", 11.0) - expected).abs() < 0.01);
    }

    #[test]
    fn wraps_by_width_and_newlines() {
        let w = column_pt(20.0); // 108 pt: about 8 CJK characters at 12 pt
        assert_eq!(line_count("", w, 12.0), 1);
        assert_eq!(line_count("整改", w, 12.0), 1);
        assert_eq!(line_count(&"整".repeat(16), w, 12.0), 2);
        assert_eq!(line_count(&"整".repeat(17), w, 12.0), 3);
        assert_eq!(line_count("甲\n乙\n丙", w, 12.0), 3);
        assert!(text_height(&"整".repeat(40), w, 12.0) > text_height("整", w, 12.0) * 3.0);
    }

    #[test]
    fn headers_break_evenly() {
        let w = column_pt(7.5); // three characters at 12 pt
        assert_eq!(balanced_header("牵头领导", w, 12.0), "牵头\n领导");
        assert_eq!(balanced_header("序号", w, 12.0), "序号");
    }

    #[test]
    fn width_for_text_fits_on_one_line() {
        let text = "填报单位（盖章）";
        let w = width_for_text(text, 12.0);
        assert_eq!(line_count(text, column_pt(w + 0.2), 12.0), 1);
    }
}
