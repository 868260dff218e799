//! Measurement: for a character in a role, the face that prints it (the first in the
//! role's chain that has it), its glyph id there and its advance. A 1,000-task ledger asks
//! this millions of times, for a few thousand distinct characters, so answers are cached:
//! lock-free for the Basic Multilingual Plane, behind a mutex for the rare rest (𠀾).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

use super::{estimate_em, FaceId, FontRole, FontSet};

/// How one character prints in one role.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// `None` when no face at all has the character (it is measured by estimate and not
    /// printed).
    pub face: Option<FaceId>,
    /// Glyph id in that face (0 when none).
    pub gid: u16,
    /// Advance in ems.
    pub advance_em: f32,
}

impl Glyph {
    /// Control characters (line feeds…) take no room and print nothing.
    const NONE: Glyph = Glyph {
        face: None,
        gid: 0,
        advance_em: 0.0,
    };
}

/// Answers already computed for one role.
#[derive(Default)]
pub(crate) struct GlyphCache {
    /// One packed [`Glyph`] per BMP code point; 0 while unknown.
    bmp: OnceLock<Box<[AtomicU64]>>,
    astral: Mutex<HashMap<char, Glyph>>,
}

const KNOWN: u64 = 1 << 63;

/// Packs a glyph into 64 bits: known flag, face + 1 (8 bits, 0 = none), gid, advance bits.
/// Sets with more than 254 faces are not cached (never seen in practice).
fn pack(g: Glyph) -> Option<u64> {
    let face = match g.face {
        None => 0,
        Some(id) => u8::try_from(id + 1).ok().filter(|&f| f != u8::MAX)?,
    };
    Some(
        KNOWN
            | (u64::from(face) << 48)
            | (u64::from(g.gid) << 32)
            | u64::from(g.advance_em.to_bits()),
    )
}

fn unpack(v: u64) -> Glyph {
    let face = ((v >> 48) & 0xFF) as usize;
    Glyph {
        face: face.checked_sub(1),
        gid: ((v >> 32) & 0xFFFF) as u16,
        advance_em: f32::from_bits(v as u32),
    }
}

impl FontSet {
    /// How `c` prints in `role`: face, glyph id and advance (cached).
    pub fn glyph(&self, role: FontRole, c: char) -> Glyph {
        if c.is_control() {
            return Glyph::NONE;
        }
        let cache = &self.glyphs[role.slot()];
        let u = c as usize;
        if u < 0x1_0000 {
            let table = cache
                .bmp
                .get_or_init(|| (0..0x1_0000).map(|_| AtomicU64::new(0)).collect());
            // Races only compute the same answer twice.
            let v = table[u].load(Ordering::Relaxed);
            if v & KNOWN != 0 {
                return unpack(v);
            }
            let g = self.resolve(role, c);
            if let Some(v) = pack(g) {
                table[u].store(v, Ordering::Relaxed);
            }
            return g;
        }
        if let Some(g) = cache.astral.lock().ok().and_then(|m| m.get(&c).copied()) {
            return g;
        }
        let g = self.resolve(role, c);
        if let Ok(mut m) = cache.astral.lock() {
            m.insert(c, g);
        }
        g
    }

    /// The uncached answer: the first face of the chain with a real glyph for `c`.
    fn resolve(&self, role: FontRole, c: char) -> Glyph {
        for &id in self.chain(role) {
            let Some(face) = self.face(id) else {
                continue;
            };
            let gid = face.glyph_id(c);
            if gid != 0 {
                return Glyph {
                    face: Some(id),
                    gid,
                    advance_em: face.glyph_advance_em(gid).unwrap_or_else(|| estimate_em(c)),
                };
            }
        }
        Glyph {
            face: None,
            gid: 0,
            advance_em: estimate_em(c),
        }
    }

    /// The face that prints `c` in `role`: the first in the chain that has it.
    pub fn face_for(&self, role: FontRole, c: char) -> Option<FaceId> {
        self.glyph(role, c).face
    }

    /// Advance of `c` in `role`, in ems (control characters: 0; no face: an estimate).
    pub fn advance_em(&self, role: FontRole, c: char) -> f32 {
        self.glyph(role, c).advance_em
    }

    /// Width of `text` in `role`, in ems.
    pub fn width_em(&self, role: FontRole, text: &str) -> f32 {
        text.chars().map(|c| self.advance_em(role, c)).sum()
    }

    /// Characters of `text` that no available face can print in `role` (they would print
    /// as boxes); the UI warns about them.
    pub fn missing_chars(&self, role: FontRole, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = text
            .chars()
            .filter(|c| !c.is_control() && !c.is_whitespace())
            .filter(|&c| self.face_for(role, c).is_none())
            .collect();
        missing.sort_unstable();
        missing.dedup();
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::super::text_width_pt;
    use super::*;

    fn set() -> &'static FontSet {
        FontSet::global()
    }

    #[test]
    fn cjk_is_one_em_and_latin_is_narrower() {
        let w = text_width_pt(FontRole::Fang, "巡察整改", 16.0);
        assert!((w - 64.0).abs() < 0.5, "{w}");
        let digits = text_width_pt(FontRole::Fang, "2025", 16.0);
        assert!(digits > 10.0 && digits < 48.0, "{digits}");
        let il = text_width_pt(FontRole::Fang, "il", 16.0);
        let mw = text_width_pt(FontRole::Fang, "MW", 16.0);
        assert!(il < mw, "proportional Latin: {il} vs {mw}");
        assert_eq!(text_width_pt(FontRole::Fang, "\n", 16.0), 0.0);
    }

    #[test]
    fn full_width_punctuation_fills_a_cell_in_the_primary_face() {
        let s = set();
        let (primary, _) = s.primary(FontRole::Fang).unwrap();
        for c in "，。、；：？！（）《》“”—".chars() {
            assert_eq!(s.face_for(FontRole::Fang, c), Some(primary), "{c}");
            let adv = s.advance_em(FontRole::Fang, c);
            assert!((adv - 1.0).abs() < 0.01, "{c} {adv}");
        }
    }

    #[test]
    fn cached_answers_equal_fresh_ones() {
        let s = set();
        for role in FontRole::ALL {
            for c in "国王堃𠀾A1，\u{E000}".chars() {
                let fresh = s.resolve(role, c);
                assert_eq!(s.glyph(role, c), fresh, "{role:?} {c}");
                assert_eq!(s.glyph(role, c), fresh, "{role:?} {c} (cached)");
                if let Some(id) = fresh.face {
                    assert_eq!(s.face(id).unwrap().glyph_id(c), fresh.gid);
                }
            }
        }
        let g = Glyph {
            face: Some(3),
            gid: 4321,
            advance_em: 0.515,
        };
        assert_eq!(pack(g).map(unpack), Some(g));
    }

    #[test]
    fn rare_name_characters_are_found() {
        // Needs an installed CJK face with these (Debian: fonts-noto-cjk).
        let text = "王堃、李喆、张犇、刘昇、陈赟、赵玥、𠀾";
        assert!(
            set().missing_chars(FontRole::Fang, text).is_empty(),
            "{:?}",
            set().missing_chars(FontRole::Fang, text)
        );
    }
}
