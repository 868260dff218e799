//! One loaded font face: its bytes (for embedding in a PDF) and its parsed tables (for
//! glyph lookup, advances and the metrics a PDF font descriptor states).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use super::FaceOrigin;

/// A font face, loaded: its bytes (for embedding) and its parsed tables (for measuring).
pub struct Face {
    /// The family name it was chosen by.
    pub family: String,
    pub path: PathBuf,
    /// Face index in a collection (`.ttc`), 0 otherwise.
    pub index: u32,
    pub origin: FaceOrigin,
    data: &'static [u8],
    ttf: ttf_parser::Face<'static>,
    units_per_em: f32,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("family", &self.family)
            .field("path", &self.path)
            .field("index", &self.index)
            .field("origin", &self.origin)
            .finish()
    }
}

impl Face {
    /// Loads face `index` of the file at `path`; `None` if it cannot be read or parsed.
    pub(super) fn load(family: &str, path: &Path, index: u32, origin: FaceOrigin) -> Option<Face> {
        let data = load_bytes(path)?;
        let ttf = ttf_parser::Face::parse(data, index).ok()?;
        let units_per_em = f32::from(ttf.units_per_em().max(1));
        Some(Face {
            family: family.to_owned(),
            path: path.to_path_buf(),
            index,
            origin,
            data,
            ttf,
            units_per_em,
        })
    }

    /// The whole font file (a collection for `.ttc`; see [`Face::index`]).
    pub fn bytes(&self) -> &'static [u8] {
        self.data
    }

    /// The parsed tables, for metrics.
    pub fn tables(&self) -> &ttf_parser::Face<'static> {
        &self.ttf
    }

    /// Font units per em.
    pub fn units_per_em(&self) -> f32 {
        self.units_per_em
    }

    /// Whether the face has a real glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.ttf.glyph_index(c).is_some_and(|g| g.0 != 0)
    }

    /// Glyph id of `c` (0 when missing).
    pub fn glyph_id(&self, c: char) -> u16 {
        self.ttf.glyph_index(c).map(|g| g.0).unwrap_or(0)
    }

    /// Advance of glyph `gid` in ems.
    pub fn glyph_advance_em(&self, gid: u16) -> Option<f32> {
        let adv = self.ttf.glyph_hor_advance(ttf_parser::GlyphId(gid))?;
        Some(f32::from(adv) / self.units_per_em)
    }

    /// Advance of `c` in ems, if the face has it.
    pub fn advance_em(&self, c: char) -> Option<f32> {
        let gid = self.glyph_id(c);
        if gid == 0 {
            return None;
        }
        self.glyph_advance_em(gid)
    }

    /// The PostScript name (name id 6), else the family name without spaces: what a PDF
    /// calls the font.
    pub fn postscript_name(&self) -> String {
        let ps = self
            .ttf
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string());
        let name = ps.unwrap_or_else(|| self.family.clone());
        let clean: String = name
            .chars()
            .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%#".contains(*c))
            .collect();
        if clean.is_empty() {
            "Font".to_owned()
        } else {
            clean
        }
    }
}

/// Reads a font file once per process; the bytes live as long as the process, as the
/// global font set does.
fn load_bytes(path: &Path) -> Option<&'static [u8]> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, &'static [u8]>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = cache.lock().ok()?;
    if let Some(bytes) = map.get(path) {
        return Some(bytes);
    }
    let bytes: &'static [u8] = Box::leak(std::fs::read(path).ok()?.into_boxed_slice());
    map.insert(path.to_path_buf(), bytes);
    Some(bytes)
}
