//! Pages read back from a PDF and compared: the printed lines of each page, the paragraphs
//! they make, where the page number's ink is, and which differences between LibreOffice's
//! pages and ours LibreOffice's own rules explain.

// Test helpers panic on purpose: a failed read-back is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use xuncha::export::fonts::is_wide;

use super::{is_page_number, run};

/// A page as read back: its lines (words at one height joined, left to right, each with its
/// left edge in points), and whether it has a page number.
pub(super) struct PageLines {
    pub(super) lines: Vec<(f64, String)>,
    pub(super) number: bool,
}

pub(super) fn lines(pdf: &Path) -> Vec<PageLines> {
    let html = run("pdftotext", &["-bbox"], pdf);
    html.split("<page ")
        .skip(1)
        .map(|page| {
            let mut rows: Vec<(i64, f64, String)> = Vec::new();
            for w in page.split("<word ").skip(1) {
                let num = |k: &str| -> f64 {
                    let at = w.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
                    w[at..at + w[at..].find('"').unwrap()].parse().unwrap()
                };
                let t = &w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()];
                rows.push((num("yMax").round() as i64, num("xMin"), t.into()));
            }
            rows.sort_by(|a, b| (a.0, a.1).partial_cmp(&(b.0, b.1)).unwrap());
            let mut out: Vec<(i64, f64, String)> = Vec::new();
            for (y, x0, t) in rows {
                match out.last_mut() {
                    Some(last) if last.0 == y => last.2.push_str(&t),
                    _ => out.push((y, x0, t)),
                }
            }
            let number = out.iter().any(|l| is_page_number(&l.2));
            let lines = out
                .into_iter()
                .filter(|l| !is_page_number(&l.2))
                .map(|l| (l.1, l.2))
                .collect();
            PageLines { lines, number }
        })
        .collect()
}

/// The first line of each page whose text (white space aside) is not ours, named.
pub(super) fn line_differences(name: &str, lo: &[PageLines], ours: &[PageLines]) -> Vec<String> {
    let texts = |p: &PageLines| -> Vec<String> {
        p.lines
            .iter()
            .map(|(_, l)| l.chars().filter(|c| !c.is_whitespace()).collect())
            .collect()
    };
    let mut out = Vec::new();
    for (k, (a, b)) in lo.iter().zip(ours).enumerate() {
        let (a, b) = (texts(a), texts(b));
        if let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
            out.push(format!(
                "{name} p{} line {}: LibreOffice {:?}, ours {:?}",
                k + 1,
                i + 1,
                a.get(i),
                b.get(i)
            ));
        }
    }
    out
}

/// A paragraph as printed: its lines, the page of each, and whether it is set right of the
/// centre (signature, date).
struct Printed {
    lines: Vec<String>,
    pages: Vec<usize>,
    right: bool,
}

/// The paragraphs of a document: a line indented, centred or set right starts one (body
/// paragraphs are indented two characters); a line at the left edge continues one.
fn paragraphs(pages: &[PageLines]) -> Vec<Printed> {
    let left = 28.0 * 72.0 / 25.4;
    let mut out: Vec<Printed> = Vec::new();
    for (k, page) in pages.iter().enumerate() {
        for (x0, text) in &page.lines {
            match out.last_mut() {
                Some(p) if *x0 < left + 8.0 => {
                    p.lines.push(text.clone());
                    p.pages.push(k);
                }
                _ => out.push(Printed {
                    lines: vec![text.clone()],
                    pages: vec![k],
                    right: *x0 > left + 78.0 / 25.4 * 72.0,
                }),
            }
        }
    }
    out
}

/// A digit next to a Chinese character or mark: LibreOffice puts a fifth of an em between
/// them (it ignores `w:autoSpaceDN`, sw/source/core/text/itrform2.cxx, BuildPortions) and
/// breaks such lines on its own (“1|人”), so those paragraphs may take a line more or less.
fn digit_by_cjk(text: &str) -> bool {
    let c: Vec<char> = text.chars().collect();
    c.windows(2).any(|w| {
        (w[0].is_ascii_digit() && is_wide(w[1])) || (is_wide(w[0]) && w[1].is_ascii_digit())
    })
}

/// Compares LibreOffice's pages with ours, page by page: the same number of lines on every
/// page, except where LibreOffice's own rules explain the difference:
/// - a paragraph with a digit next to Chinese text broken into other lines (see
///   [`digit_by_cjk`]), and the pages after it until both start at the same text again;
/// - the text before the signature: LibreOffice never splits a paragraph kept with the next
///   one (sw/source/core/text/widorp.cxx, SwTextFrameBreak: keep-with-next counts as
///   keep-together), so where our PDF takes only its last two lines over to the
///   signature's page (as Word and WPS do), LibreOffice moves the whole paragraph.
///
/// Returns the differences left unexplained, and the pages explained (page: reason).
pub(super) fn compare_pages(lo: &[PageLines], ours: &[PageLines]) -> (Vec<String>, Vec<String>) {
    let (mut wrong, mut explained) = (Vec::new(), Vec::new());
    let (pl, po) = (paragraphs(lo), paragraphs(ours));
    if pl.len() != po.len() {
        wrong.push(format!("{} paragraphs, ours {}", pl.len(), po.len()));
        return (wrong, explained);
    }
    for (a, b) in pl.iter().zip(&po) {
        if a.lines != b.lines && !digit_by_cjk(&b.lines.concat()) {
            wrong.push(format!("lines broken otherwise in “{}”", b.lines[0]));
        }
    }
    // Characters before each page's first line.
    let starts = |pages: &[PageLines]| -> Vec<usize> {
        let mut n = 0;
        pages
            .iter()
            .map(|p| {
                let at = n;
                n += p.lines.iter().map(|l| l.1.chars().count()).sum::<usize>();
                at
            })
            .collect()
    };
    let (sl, so) = (starts(lo), starts(ours));
    // Pages where our PDF splits the paragraph before the signature and LibreOffice moves it.
    let mut kept = vec![false; ours.len() + 1];
    for (i, (a, b)) in pl.iter().zip(&po).enumerate() {
        let tail = &po[i + 1..];
        let (first, last) = (b.pages[0], *b.pages.last().unwrap());
        if first + 1 == last
            && !tail.is_empty()
            && tail
                .iter()
                .all(|t| t.right && t.pages.iter().all(|&p| p == last))
            && a.pages.iter().all(|&p| p == last)
            && b.pages.iter().filter(|&&p| p == last).count() == 2
        {
            kept[first] = true;
            kept[last] = true;
        }
    }
    let mut carried = false;
    for k in 0..ours.len().min(lo.len()) {
        let touched = |p: &Printed| p.pages.contains(&k);
        let digits = pl
            .iter()
            .zip(&po)
            .any(|(a, b)| (touched(a) || touched(b)) && a.lines != b.lines);
        let shifted = sl[k] != so[k];
        let reason = if kept[k] {
            Some("the paragraph before the signature moved whole")
        } else if digits {
            Some("a paragraph with digits broken otherwise")
        } else if shifted && carried {
            Some("starts where the page before ended")
        } else {
            None
        };
        carried = reason.is_some();
        let (n_lo, n_ours) = (lo[k].lines.len(), ours[k].lines.len());
        match reason {
            Some(r) if n_lo != n_ours || shifted => {
                explained.push(format!("p{}: {n_lo} lines, ours {n_ours}: {r}", k + 1))
            }
            Some(_) => {}
            None if n_lo != n_ours || shifted => {
                wrong.push(format!("p{}: {n_lo} lines, ours {n_ours}", k + 1))
            }
            None => {}
        }
    }
    (wrong, explained)
}

/// Where the page number “— n —” prints on a page, from its ink (rendered at 300 dpi), in
/// millimetres from the page's top left corner: the left and right edges of the whole
/// number, and the top of its first dash (GB/T 9704 7.5 measures from there).
#[derive(Debug, Clone, Copy)]
pub struct NumberInk {
    pub left: f64,
    pub right: f64,
    pub dash_top: f64,
}

pub fn number_ink(pdf: &Path, page: usize, dir: &Path) -> NumberInk {
    // Below the last line's ink (the type area ends at 262 mm), above the page's edge.
    number_ink_in(pdf, page, dir, (264.0, 26.0), 210.0)
}

/// [`number_ink`] in the band `(from, height)` mm from the top of a page `width` mm wide.
pub fn number_ink_in(
    pdf: &Path,
    page: usize,
    dir: &Path,
    (from_mm, height_mm): (f64, f64),
    width_mm: f64,
) -> NumberInk {
    const DPI: f64 = 300.0;
    let px = |mm: f64| (mm / 25.4 * DPI).round() as i64;
    let (w, h, pixels) = render_gray(
        pdf,
        page,
        dir,
        DPI,
        Some((px(from_mm), px(width_mm), px(height_mm))),
    );
    let ink = |x: usize, y: usize| pixels[y * w + x] < 128;
    let inked: Vec<bool> = (0..w).map(|x| (0..h).any(|y| ink(x, y))).collect();
    let left = inked.iter().position(|&i| i).expect("page number ink");
    let right = inked.iter().rposition(|&i| i).unwrap() + 1;
    let dash_end = left + inked[left..].iter().position(|&i| !i).unwrap();
    let top = (0..h)
        .find(|&y| (left..dash_end).any(|x| ink(x, y)))
        .unwrap();
    let mm = |px: usize| px as f64 * 25.4 / DPI;
    NumberInk {
        left: mm(left),
        right: mm(right),
        dash_top: from_mm + mm(top),
    }
}

/// The heights (points from the top) of a page's horizontal rules: rows of ink across more
/// than four fifths of the page, a run of such rows counted once.
pub fn horizontal_rules(pdf: &Path, page: usize, dir: &Path) -> Vec<f64> {
    const DPI: f64 = 144.0;
    let (w, h, pixels) = render_gray(pdf, page, dir, DPI, None);
    let ruled = |y: usize| {
        pixels[y * w..(y + 1) * w]
            .iter()
            .filter(|&&p| p < 160)
            .count()
            * 5
            > w * 4
    };
    (0..h)
        .filter(|&y| ruled(y) && (y == 0 || !ruled(y - 1)))
        .map(|y| y as f64 * 72.0 / DPI)
        .collect()
}

/// A page rendered in grey at `dpi` (only the band `(top, width, height)` in pixels when
/// given): width, height and one byte a pixel.
fn render_gray(
    pdf: &Path,
    page: usize,
    dir: &Path,
    dpi: f64,
    band: Option<(i64, i64, i64)>,
) -> (usize, usize, Vec<u8>) {
    let name = pdf.file_stem().unwrap().to_string_lossy();
    let out = dir.join(format!("gray-{name}-{page}"));
    let p = page.to_string();
    let mut cmd = Command::new("pdftoppm");
    cmd.args([
        "-gray",
        "-r",
        &dpi.to_string(),
        "-singlefile",
        "-f",
        &p,
        "-l",
        &p,
    ]);
    if let Some((top, width, height)) = band {
        let (top, width, height) = (top.to_string(), width.to_string(), height.to_string());
        cmd.args(["-x", "0", "-y", &top, "-W", &width, "-H", &height]);
    }
    let status = cmd
        .arg(pdf)
        .arg(&out)
        .status()
        .expect("pdftoppm (poppler-utils)");
    assert!(status.success(), "pdftoppm {}", pdf.display());
    let pgm = std::fs::read(out.with_extension("pgm")).unwrap();
    // P5: magic, width, height, maxval, each followed by one white-space byte.
    let (mut fields, mut at) = (Vec::new(), 0);
    while fields.len() < 4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        let end = at + pgm[at..].iter().position(u8::is_ascii_whitespace).unwrap();
        fields.push(String::from_utf8_lossy(&pgm[at..end]).into_owned());
        at = end;
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, pgm[at + 1..].to_vec())
}

/// The page comparison explains only what LibreOffice's rules explain.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_comparison_explains_only_libreoffices_rules() {
        let (indent, left, right) = (111.0, 79.4, 400.0);
        let page = |lines: &[(f64, &str)]| PageLines {
            lines: lines.iter().map(|(x, t)| (*x, t.to_string())).collect(),
            number: true,
        };
        // Two paragraphs of two lines on page 1, the second moved whole in LibreOffice.
        let ours = [
            page(&[
                (indent, "甲甲"),
                (left, "乙乙"),
                (indent, "丙丙"),
                (left, "丁丁"),
            ]),
            page(&[(right, "戊")]),
        ];
        assert_eq!(compare_pages(&ours, &ours), (vec![], vec![]));
        let moved = [
            page(&[(indent, "甲甲"), (left, "乙乙")]),
            page(&[(indent, "丙丙"), (left, "丁丁"), (right, "戊")]),
        ];
        let (wrong, _) = compare_pages(&moved, &ours);
        assert_eq!(wrong, ["p1: 2 lines, ours 4", "p2: 3 lines, ours 1"]);
        // A line broken elsewhere in a paragraph without digits is a difference…
        let rebroken = [
            page(&[
                (indent, "甲"),
                (left, "甲乙乙"),
                (indent, "丙丙"),
                (left, "丁丁"),
            ]),
            page(&[(right, "戊")]),
        ];
        let (wrong, _) = compare_pages(&rebroken, &ours);
        assert_eq!(wrong, ["lines broken otherwise in “甲甲”"]);
        // …and explained where a digit stands next to Chinese text.
        let ours_digits = [
            page(&[
                (indent, "甲1"),
                (left, "乙乙"),
                (indent, "丙丙"),
                (left, "丁丁"),
            ]),
            page(&[(right, "戊")]),
        ];
        let lo_digits = [
            page(&[
                (indent, "甲"),
                (left, "1乙乙"),
                (indent, "丙丙"),
                (left, "丁丁"),
            ]),
            page(&[(right, "戊")]),
        ];
        let (wrong, explained) = compare_pages(&lo_digits, &ours_digits);
        assert!(wrong.is_empty(), "{wrong:?}");
        assert!(explained.is_empty(), "same lines per page: {explained:?}");
        // The paragraph before the signature: ours takes its last two lines over, LibreOffice
        // the whole paragraph.
        let ours_sig = [
            page(&[(indent, "甲甲"), (indent, "丙丙"), (left, "丁丁")]),
            page(&[(left, "己己"), (left, "庚庚"), (right, "戊")]),
        ];
        let lo_sig = [
            page(&[(indent, "甲甲")]),
            page(&[
                (indent, "丙丙"),
                (left, "丁丁"),
                (left, "己己"),
                (left, "庚庚"),
                (right, "戊"),
            ]),
        ];
        let (wrong, explained) = compare_pages(&lo_sig, &ours_sig);
        assert!(wrong.is_empty(), "{wrong:?}");
        assert_eq!(explained.len(), 2, "{explained:?}");
    }
}
