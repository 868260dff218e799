//! Turns laid-out pages into PDF bytes: one content stream per page (table rules, then
//! the text with font switches where a character falls back to another face), the fonts
//! subset to the glyphs printed ([`super::embed`]), all streams deflated.
//!
//! Written directly with `pdf-writer` rather than through a document model: a 1,000-task
//! ledger is some 300 pages and a quarter of a million text lines, and building an object
//! per operator before serialising took most of the time.

use pdf_writer::types::TextRenderingMode;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::embed::UsedFonts;
use crate::export::fonts::{FontRole, FontSet};
use crate::Result;

/// A piece of text placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// Left edge of the first character, in points from the page's left edge.
    pub x: f32,
    /// Baseline, in points from the page's bottom edge.
    pub baseline: f32,
    pub role: FontRole,
    pub size: f32,
    pub text: String,
    /// Character spacing added after every character, in points (grid squeeze plus
    /// justification).
    pub spacing: f32,
    /// Thicken the strokes (titles set in a substitute for the heavy 小标宋).
    pub bold: bool,
}

/// A straight rule (table borders), in points from the bottom left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub width: f32,
}

/// One laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub texts: Vec<Text>,
    pub rules: Vec<Rule>,
    /// Text printed in red (GB/T 9704's 发文机关标志).
    pub red_texts: Vec<Text>,
    /// Rules printed in red (the 版头's 分隔线).
    pub red_rules: Vec<Rule>,
}

/// Width of `text` as placed: advances plus spacing after each character.
pub fn placed_width(fonts: &FontSet, role: FontRole, text: &str, size: f32, spacing: f32) -> f32 {
    let n = text.chars().filter(|c| !c.is_control()).count() as f32;
    fonts.width_em(role, text) * size + spacing * n
}

/// Writes `pages` as a PDF titled `title`.
pub fn write(title: &str, pages: &[Page], fonts: &FontSet) -> Result<Vec<u8>> {
    let mut pdf = Pdf::new();
    let mut next = Ref::new(1);
    let catalog = next.bump();
    let tree = next.bump();
    let info = next.bump();
    let resources = next.bump();
    let mut used = UsedFonts::new(fonts);
    let mut kids = Vec::with_capacity(pages.len());
    let mut glyphs: Vec<u8> = Vec::new();
    for page in pages {
        let content = page_content(page, fonts, &mut used, &mut glyphs);
        let (page_ref, content_ref) = (next.bump(), next.bump());
        kids.push(page_ref);
        let mut p = pdf.page(page_ref);
        p.parent(tree)
            .media_box(Rect::new(0.0, 0.0, page.width, page.height))
            .contents(content_ref);
        p.pair(Name(b"Resources"), resources);
        p.finish();
        pdf.stream(content_ref, &deflate(&content))
            .filter(Filter::FlateDecode);
    }
    let font_refs = used.write(&mut pdf, &mut next, deflate)?;
    {
        let mut res = pdf.indirect(resources).dict();
        let mut dict = res.insert(Name(b"Font")).dict();
        for (name, r) in &font_refs {
            dict.pair(Name(name.as_bytes()), *r);
        }
    }
    pdf.pages(tree)
        .kids(kids.iter().copied())
        .count(kids.len() as i32);
    pdf.catalog(catalog).pages(tree);
    pdf.document_info(info)
        .title(TextStr(title))
        .producer(TextStr("巡察整改台账（xuncha）"));
    Ok(pdf.finish())
}

/// Rounds a coordinate to 1/100 pt (0.004 mm): shorter content, same look.
fn r2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// The content stream of one page: black rules and text, then what is printed in red.
fn page_content(
    page: &Page,
    fonts: &FontSet,
    used: &mut UsedFonts,
    glyphs: &mut Vec<u8>,
) -> Vec<u8> {
    let mut c = Content::with_capacity(page.texts.len() * 48 + page.rules.len() * 32);
    draw_rules(&mut c, &page.rules);
    draw_texts(&mut c, &page.texts, fonts, used, glyphs);
    if !page.red_rules.is_empty() || !page.red_texts.is_empty() {
        c.save_state();
        c.set_fill_rgb(1.0, 0.0, 0.0);
        c.set_stroke_rgb(1.0, 0.0, 0.0);
        draw_rules(&mut c, &page.red_rules);
        draw_texts(&mut c, &page.red_texts, fonts, used, glyphs);
        c.restore_state();
    }
    c.finish().into_vec()
}

fn draw_rules(c: &mut Content, rules: &[Rule]) {
    if rules.is_empty() {
        return;
    }
    c.save_state();
    let mut width = f32::NAN;
    for r in rules {
        if r.width != width {
            if !width.is_nan() {
                c.stroke();
            }
            width = r.width;
            c.set_line_width(width);
        }
        c.move_to(r2(r.x1), r2(r.y1));
        c.line_to(r2(r.x2), r2(r.y2));
    }
    c.stroke();
    c.restore_state();
}

fn draw_texts(
    c: &mut Content,
    texts: &[Text],
    fonts: &FontSet,
    used: &mut UsedFonts,
    glyphs: &mut Vec<u8>,
) {
    if texts.is_empty() {
        return;
    }
    c.begin_text();
    // State of the text object, set only on change: a ledger page has hundreds of lines.
    let mut bold = false;
    let mut font: Option<(usize, f32)> = None;
    let mut spacing = 0.0f32;
    // Start of the current line as the reader computes it (each Td moves it).
    let (mut lx, mut ly) = (0.0f32, 0.0f32);
    for t in texts {
        if t.bold != bold {
            bold = t.bold;
            if bold {
                c.set_text_rendering_mode(TextRenderingMode::FillStroke);
                c.set_line_width(r2(t.size * 0.025));
            } else {
                c.set_text_rendering_mode(TextRenderingMode::Fill);
            }
        }
        let sp = (t.spacing * 1000.0).round() / 1000.0;
        if sp != spacing {
            spacing = sp;
            c.set_char_spacing(sp);
        }
        let mut x = t.x;
        // Whether the reader's pen is at `x` (after a shown run it is; after an unprintable
        // one it is not).
        let mut at_x = false;
        for run in fonts.runs(t.role, &t.text) {
            let n = run.text.chars().count() as f32;
            let advance = run.width_em * t.size + t.spacing * n;
            let Some(face) = run.face else {
                x += advance;
                at_x = false;
                continue;
            };
            if !at_x {
                let (dx, dy) = (r2(x - lx), r2(t.baseline - ly));
                c.next_line(dx, dy);
                lx += dx;
                ly += dy;
            }
            let f = used.font(face);
            if font != Some((f, t.size)) {
                font = Some((f, t.size));
                c.set_font(Name(used.name(f).as_bytes()), t.size);
            }
            glyphs.clear();
            for ch in run.text.chars() {
                let g = fonts.glyph(t.role, ch);
                glyphs.extend_from_slice(&used.glyph(f, g.gid, ch).to_be_bytes());
            }
            c.show(Str(glyphs));
            x += advance;
            at_x = true;
        }
    }
    if bold {
        c.set_text_rendering_mode(TextRenderingMode::Fill);
    }
    c.end_text();
}

/// Deflates a stream. Level 6: content streams shrink about 5×; higher levels gain little
/// and cost much.
fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 4 + 64),
        flate2::Compression::new(6),
    );
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tool(name: &str, file: &std::path::Path) -> String {
        let mut cmd = std::process::Command::new(name);
        cmd.arg(file);
        if name == "pdftotext" {
            cmd.arg("-");
        }
        let out = cmd.output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    }

    #[test]
    fn truetype_faces_embed_as_cid_truetype_subsets() {
        // The official faces on users' machines (仿宋_GB2312…) are TrueType, the shipped
        // ones CFF: both paths must embed. Carlito is TrueType (fonts-crosextra-carlito).
        let path = std::path::Path::new("/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf");
        let fonts = FontSet::with_one_face(path);
        let page = Page {
            width: 300.0,
            height: 200.0,
            texts: vec![Text {
                x: 20.0,
                baseline: 100.0,
                role: FontRole::Fang,
                size: 16.0,
                text: "Xuncha 2025".into(),
                spacing: 0.5,
                bold: false,
            }],
            rules: Vec::new(),
            ..Page::default()
        };
        let bytes = write("TrueType", &[page], &fonts).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.pdf");
        std::fs::write(&file, bytes).unwrap();
        let listed = tool("pdffonts", &file);
        let row = listed.lines().nth(2).unwrap_or_default();
        assert!(row.contains("+Carlito"), "{listed}");
        assert!(row.contains("CID TrueType"), "{listed}");
        assert!(row.contains("yes yes yes"), "{listed}");
        assert_eq!(tool("pdftotext", &file).trim(), "Xuncha 2025");
    }
}
