//! Turns laid-out pages into PDF bytes with printpdf: splits each text item into runs by
//! the face that has its characters, embeds only the glyphs used (subsetting, with a
//! ToUnicode map so text can be searched and copied) and draws table rules.

use std::collections::HashMap;

use printpdf::{
    Codepoint, Color, FontId, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rgb, TextItem as PdfText, TextMatrix, TextRenderingMode,
};

use crate::export::fonts::{FaceId, FontRole, FontSet};
use crate::{Error, Result};

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
}

/// Width of `text` as placed: advances plus spacing after each character.
pub fn placed_width(fonts: &FontSet, role: FontRole, text: &str, size: f32, spacing: f32) -> f32 {
    let n = text.chars().filter(|c| !c.is_control()).count() as f32;
    fonts.width_em(role, text) * size + spacing * n
}

/// Writes `pages` as a PDF titled `title`.
pub fn write(title: &str, pages: &[Page], fonts: &FontSet) -> Result<Vec<u8>> {
    let mut doc = PdfDocument::new(title);
    let mut registered: HashMap<FaceId, FontId> = HashMap::new();
    let mut pdf_pages = Vec::with_capacity(pages.len());
    for page in pages {
        let mut ops = Vec::with_capacity(page.texts.len() * 6 + page.rules.len() + 8);
        if !page.rules.is_empty() {
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetOutlineColor {
                col: Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)),
            });
            let mut width = f32::NAN;
            for r in &page.rules {
                if r.width != width {
                    width = r.width;
                    ops.push(Op::SetOutlineThickness { pt: Pt(width) });
                }
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(r.x1, r.y1), point(r.x2, r.y2)],
                        is_closed: false,
                    },
                });
            }
            ops.push(Op::RestoreGraphicsState);
        }
        ops.push(Op::StartTextSection);
        let mut bold = false;
        let mut current_font: Option<(FaceId, f32)> = None;
        let mut current_spacing: Option<f32> = None;
        for t in &page.texts {
            if t.bold != bold {
                bold = t.bold;
                ops.extend(bold_ops(bold, t.size));
            }
            let mut x = t.x;
            for run in fonts.runs(t.role, &t.text) {
                let n = run.text.chars().count() as f32;
                let advance = run.width_em * t.size + t.spacing * n;
                let Some(face_id) = run.face else {
                    x += advance;
                    continue;
                };
                let font_id = match registered.get(&face_id) {
                    Some(id) => id.clone(),
                    None => {
                        let id = register(&mut doc, fonts, face_id)?;
                        registered.insert(face_id, id.clone());
                        id
                    }
                };
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(x), Pt(t.baseline)),
                });
                // Font and spacing persist within the text object: set them only when they
                // change (a 1,000-row ledger has tens of thousands of cell lines).
                if current_font.as_ref() != Some(&(face_id, t.size)) {
                    current_font = Some((face_id, t.size));
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font_id),
                        size: Pt(t.size),
                    });
                }
                if current_spacing != Some(t.spacing) {
                    current_spacing = Some(t.spacing);
                    ops.push(Op::SetCharacterSpacing {
                        multiplier: t.spacing,
                    });
                }
                // Glyph ids from our own cmap lookup: printpdf's per-character lookup is a
                // linear scan and took half the time of a 1,000-row ledger. The character
                // goes along for the ToUnicode map.
                let glyphs = match fonts.face(face_id) {
                    Some(face) => run
                        .text
                        .chars()
                        .map(|c| Codepoint {
                            gid: face.glyph_id(c),
                            offset: 0.0,
                            cid: Some(c.to_string()),
                        })
                        .collect(),
                    None => Vec::new(),
                };
                ops.push(Op::ShowText {
                    items: vec![PdfText::GlyphIds(glyphs)],
                });
                x += advance;
            }
        }
        if bold {
            ops.extend(bold_ops(false, 0.0));
        }
        ops.push(Op::EndTextSection);
        pdf_pages.push(PdfPage::new(
            Mm(page.width / super::gb::PT_PER_MM),
            Mm(page.height / super::gb::PT_PER_MM),
            ops,
        ));
    }
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    Ok(doc.with_pages(pdf_pages).save(&options, &mut warnings))
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

/// Fill-and-stroke rendering with a thin outline: the "加粗" WPS applies to a face
/// without a bold weight.
fn bold_ops(on: bool, size: f32) -> Vec<Op> {
    if on {
        vec![
            Op::SetTextRenderingMode {
                mode: TextRenderingMode::FillStroke,
            },
            Op::SetOutlineThickness {
                pt: Pt(size * 0.025),
            },
        ]
    } else {
        vec![Op::SetTextRenderingMode {
            mode: TextRenderingMode::Fill,
        }]
    }
}

fn register(doc: &mut PdfDocument, fonts: &FontSet, id: FaceId) -> Result<FontId> {
    let face = fonts
        .face(id)
        .ok_or_else(|| Error::invalid("font", "字体文件无法读取"))?;
    let mut warnings = Vec::new();
    let parsed = ParsedFont::from_bytes(face.bytes(), face.index as usize, &mut warnings)
        .ok_or_else(|| {
            Error::invalid(
                "font",
                format!(
                    "字体“{}”（{}）无法解析，请重新安装该字体或删除它",
                    face.family,
                    face.path.display()
                ),
            )
        })?;
    Ok(doc.add_font(&parsed))
}
