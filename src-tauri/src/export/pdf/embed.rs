//! Fonts in the PDF: every face that prints something becomes a Type0 font (Identity-H)
//! over a CID font holding only the glyphs used (subset with `subsetter`), with their
//! widths and a ToUnicode map so the text can be searched and copied. Glyphs are numbered
//! in the subset as they are first printed, so pages are written in one pass and the fonts
//! at the end.

use std::collections::HashMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};

use crate::export::fonts::{FaceId, FontSet};
use crate::{Error, Result};

const IDENTITY: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// One face as used in the document so far.
struct Used {
    face: FaceId,
    /// Resource name in the pages' font dictionary (`F0`, `F1`…).
    name: String,
    /// Glyph id in the face → glyph id in the subset (`u32::MAX`: not used yet).
    new_gid: Vec<u32>,
    /// Subset glyph id → (glyph id in the face, character it prints).
    order: Vec<(u16, char)>,
}

/// The faces used by a document and the glyphs printed from each.
pub struct UsedFonts<'f> {
    fonts: &'f FontSet,
    used: Vec<Used>,
    by_face: HashMap<FaceId, usize>,
}

impl<'f> UsedFonts<'f> {
    pub fn new(fonts: &'f FontSet) -> Self {
        UsedFonts {
            fonts,
            used: Vec::new(),
            by_face: HashMap::new(),
        }
    }

    /// The document's font for `face`: its index and resource name.
    pub fn font(&mut self, face: FaceId) -> usize {
        if let Some(&i) = self.by_face.get(&face) {
            return i;
        }
        let glyphs = self
            .fonts
            .face(face)
            .map(|f| usize::from(f.tables().number_of_glyphs()))
            .unwrap_or(0);
        let i = self.used.len();
        self.used.push(Used {
            face,
            name: format!("F{i}"),
            new_gid: vec![u32::MAX; glyphs.max(1)],
            // .notdef is always glyph 0 of a subset.
            order: vec![(0, '\u{FFFD}')],
        });
        if let Some(u) = self.used.get_mut(i) {
            if let Some(slot) = u.new_gid.get_mut(0) {
                *slot = 0;
            }
        }
        self.by_face.insert(face, i);
        i
    }

    /// Resource name of font `font`.
    pub fn name(&self, font: usize) -> &str {
        self.used.get(font).map(|u| u.name.as_str()).unwrap_or("F0")
    }

    /// The subset glyph id printing `gid` (which prints `c`) in font `font`.
    pub fn glyph(&mut self, font: usize, gid: u16, c: char) -> u16 {
        let Some(u) = self.used.get_mut(font) else {
            return 0;
        };
        let Some(slot) = u.new_gid.get_mut(usize::from(gid)) else {
            return 0;
        };
        if *slot == u32::MAX {
            *slot = u.order.len() as u32;
            u.order.push((gid, c));
        }
        *slot as u16
    }

    /// Writes every used font; returns (resource name, Type0 font ref) pairs for the
    /// pages' font dictionary.
    pub fn write(
        self,
        pdf: &mut Pdf,
        next_ref: &mut Ref,
        compress: impl Fn(&[u8]) -> Vec<u8>,
    ) -> Result<Vec<(String, Ref)>> {
        let mut out = Vec::new();
        for u in &self.used {
            let type0 = next_ref.bump();
            write_font(self.fonts, u, type0, pdf, next_ref, &compress)?;
            out.push((u.name.clone(), type0));
        }
        Ok(out)
    }
}

fn font_error(family: &str, what: impl std::fmt::Display) -> Error {
    Error::invalid(
        "font",
        format!("字体“{family}”无法嵌入PDF（{what}），请重新安装该字体或删除它"),
    )
}

fn write_font(
    fonts: &FontSet,
    u: &Used,
    type0: Ref,
    pdf: &mut Pdf,
    next_ref: &mut Ref,
    compress: &impl Fn(&[u8]) -> Vec<u8>,
) -> Result<()> {
    let face = fonts
        .face(u.face)
        .ok_or_else(|| Error::invalid("font", "字体文件无法读取"))?;
    let ttf = face.tables();
    let old: Vec<u16> = u.order.iter().skip(1).map(|(g, _)| *g).collect();
    let remapper = subsetter::GlyphRemapper::new_from_glyphs(&old);
    let subset = subsetter::subset(face.bytes(), face.index, &remapper)
        .map_err(|e| font_error(&face.family, e))?;
    let glyf = ttf_parser::Tag::from_bytes(b"glyf");
    let truetype = ttf.raw_face().table(glyf).is_some();
    let file_data = if truetype {
        compress(&subset)
    } else {
        // CFF outlines are embedded as the bare CFF table (FontFile3/CIDFontType0C).
        let raw =
            ttf_parser::RawFace::parse(&subset, 0).map_err(|e| font_error(&face.family, e))?;
        let cff = raw
            .table(ttf_parser::Tag::from_bytes(b"CFF "))
            .ok_or_else(|| font_error(&face.family, "缺少CFF表"))?;
        compress(cff)
    };

    let base = format!("{}+{}", subset_tag(u), face.postscript_name());
    let (cid_ref, descriptor_ref, file_ref, cmap_ref) = (
        next_ref.bump(),
        next_ref.bump(),
        next_ref.bump(),
        next_ref.bump(),
    );
    pdf.type0_font(type0)
        .base_font(Name(base.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_ref)
        .to_unicode(cmap_ref);

    let mut cid = pdf.cid_font(cid_ref);
    cid.subtype(if truetype {
        CidFontType::Type2
    } else {
        CidFontType::Type0
    })
    .base_font(Name(base.as_bytes()))
    .system_info(IDENTITY)
    .font_descriptor(descriptor_ref)
    .default_width(0.0);
    if truetype {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    let widths: Vec<f32> = u
        .order
        .iter()
        .map(|(g, _)| face.glyph_advance_em(*g).unwrap_or(0.0) * 1000.0)
        .collect();
    cid.widths().consecutive(0, widths);
    cid.finish();

    let scale = 1000.0 / face.units_per_em();
    let bbox = ttf.global_bounding_box();
    let ascent = f32::from(ttf.ascender()) * scale;
    let weight = f32::from(ttf.weight().to_number());
    pdf.font_descriptor(descriptor_ref)
        .name(Name(base.as_bytes()))
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(
            f32::from(bbox.x_min) * scale,
            f32::from(bbox.y_min) * scale,
            f32::from(bbox.x_max) * scale,
            f32::from(bbox.y_max) * scale,
        ))
        .italic_angle(0.0)
        .ascent(ascent)
        .descent(f32::from(ttf.descender()) * scale)
        .cap_height(
            ttf.capital_height()
                .map_or(ascent, |h| f32::from(h) * scale),
        )
        .stem_v(10.0 + 0.244 * (weight - 50.0))
        .pair(
            Name(if truetype { b"FontFile2" } else { b"FontFile3" }),
            file_ref,
        );

    let mut file = pdf.stream(file_ref, &file_data);
    file.filter(Filter::FlateDecode);
    if truetype {
        file.pair(Name(b"Length1"), subset.len() as i32);
    } else {
        file.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    }
    file.finish();

    let mut cmap = pdf_writer::types::UnicodeCmap::new(Name(b"Custom"), IDENTITY);
    for (new, (_, c)) in u.order.iter().enumerate().skip(1) {
        cmap.pair(new as u16, *c);
    }
    let cmap = compress(cmap.finish().as_slice());
    pdf.cmap(cmap_ref, &cmap).filter(Filter::FlateDecode);
    Ok(())
}

/// Six capital letters naming this subset (the `ABCDEF+` prefix readers use to tell a
/// subset from the whole font), derived from the glyphs it holds.
fn subset_tag(u: &Used) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (g, _) in &u.order {
        for b in g.to_le_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|k| char::from(b'A' + ((h >> (k * 8)) % 26) as u8))
        .collect()
}
