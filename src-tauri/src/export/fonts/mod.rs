//! Fonts for the official documents: which face prints each role (标宋, 宋, 仿宋, 楷, 黑),
//! per-character fallback so rare name characters (堃 喆 𠀾) never print as blank boxes, and
//! text measurement by real glyph advances — used by the PDF layout and by the Excel
//! exporter to size rows.
//!
//! Order of preference for a role: the licensed official face installed on the user's
//! system (looked up by family name, e.g. 仿宋_GB2312), then the free Fandol face shipped
//! with the app, then, character by character, any installed face that has the glyph
//! (Noto CJK, 宋体, SimSun-ExtB, 微软雅黑…).

pub mod system;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The font roles of GB/T 9704 documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FontRole {
    /// 方正小标宋简体: document titles, table titles.
    Title,
    /// 宋体: page numbers, ledger text where a unit prefers it.
    Song,
    /// 仿宋_GB2312: body text, third/fourth-level headings.
    Fang,
    /// 楷体_GB2312: second-level headings （一）.
    Kai,
    /// 黑体: first-level headings 一、, 附件 labels, table headers.
    Hei,
}

impl FontRole {
    /// Every role.
    pub const ALL: [FontRole; 5] = [Self::Title, Self::Song, Self::Fang, Self::Kai, Self::Hei];

    fn slot(self) -> usize {
        self as usize
    }

    /// Installed family names that are this role's official face, best first.
    fn official_names(self) -> &'static [&'static str] {
        match self {
            Self::Title => &[
                "方正小标宋简体",
                "方正小标宋_GBK",
                "FZXiaoBiaoSong-B05S",
                "FZXiaoBiaoSong-B05",
                "方正小标宋",
            ],
            Self::Song => &["宋体", "SimSun", "华文宋体", "STSong"],
            Self::Fang => &[
                "仿宋_GB2312",
                "FangSong_GB2312",
                "仿宋",
                "FangSong",
                "华文仿宋",
                "STFangsong",
            ],
            Self::Kai => &[
                "楷体_GB2312",
                "KaiTi_GB2312",
                "楷体",
                "KaiTi",
                "华文楷体",
                "STKaiti",
            ],
            Self::Hei => &["黑体", "SimHei", "华文黑体", "STHeiti"],
        }
    }

    /// The Fandol file shipped for this role (the title borrows the Song face).
    fn shipped_file(self) -> &'static str {
        match self {
            Self::Title | Self::Song => "FandolSong-Regular.otf",
            Self::Fang => "FandolFang-Regular.otf",
            Self::Kai => "FandolKai-Regular.otf",
            Self::Hei => "FandolHei-Regular.otf",
        }
    }

    /// Installed faces tried per character when the role's faces lack a glyph.
    fn fallback_names(self) -> &'static [&'static str] {
        const SERIF_FIRST: &[&str] = &[
            "Noto Serif CJK SC",
            "Source Han Serif SC",
            "思源宋体",
            "宋体",
            "SimSun",
            "SimSun-ExtB",
            "SimSun-ExtG",
            "Noto Sans CJK SC",
            "Source Han Sans SC",
            "思源黑体",
            "微软雅黑",
            "Microsoft YaHei",
            "HanaMinA",
            "HanaMinB",
        ];
        const SANS_FIRST: &[&str] = &[
            "Noto Sans CJK SC",
            "Source Han Sans SC",
            "思源黑体",
            "微软雅黑",
            "Microsoft YaHei",
            "黑体",
            "SimHei",
            "Noto Serif CJK SC",
            "Source Han Serif SC",
            "宋体",
            "SimSun",
            "SimSun-ExtB",
            "SimSun-ExtG",
            "HanaMinA",
            "HanaMinB",
        ];
        match self {
            Self::Hei => SANS_FIRST,
            _ => SERIF_FIRST,
        }
    }
}

/// Where a face comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FaceOrigin {
    /// The licensed official face, installed on the system.
    Official,
    /// The free face shipped with the app.
    Shipped,
    /// An installed face used only for characters the others lack.
    Fallback,
}

/// Index of a face within a [`FontSet`].
pub type FaceId = usize;

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
    /// The whole font file (a collection for `.ttc`; see [`Face::index`]).
    pub fn bytes(&self) -> &'static [u8] {
        self.data
    }

    /// Whether the face has a real glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.ttf.glyph_index(c).is_some_and(|g| g.0 != 0)
    }

    /// Advance of `c` in ems, if the face has it.
    pub fn advance_em(&self, c: char) -> Option<f32> {
        let gid = self.ttf.glyph_index(c).filter(|g| g.0 != 0)?;
        let adv = self.ttf.glyph_hor_advance(gid)?;
        Some(f32::from(adv) / self.units_per_em)
    }

    /// Glyph id of `c` (0 when missing).
    pub fn glyph_id(&self, c: char) -> u16 {
        self.ttf.glyph_index(c).map(|g| g.0).unwrap_or(0)
    }
}

/// Where a face will be loaded from when first needed.
struct Slot {
    family: String,
    path: PathBuf,
    index: u32,
    origin: FaceOrigin,
    loaded: OnceLock<Option<Face>>,
}

/// A run of text printed in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Run<'a> {
    /// `None` when no face at all has these characters (measured by estimate).
    pub face: Option<FaceId>,
    pub text: &'a str,
    /// Width in ems.
    pub width_em: f32,
}

/// The faces available on this machine and the chain of faces for each role.
pub struct FontSet {
    slots: Vec<Slot>,
    chains: [Vec<FaceId>; 5],
}

static SHIPPED_DIR: OnceLock<PathBuf> = OnceLock::new();
static GLOBAL: OnceLock<FontSet> = OnceLock::new();

/// Tells where the shipped fonts are (the desktop shell passes its resource folder) before
/// the first document is made. Later calls are ignored.
pub fn set_shipped_dir(dir: PathBuf) {
    let _ = SHIPPED_DIR.set(dir);
}

/// Folder of the shipped Fandol fonts: as set by [`set_shipped_dir`], else `XUNCHA_FONTS_DIR`,
/// else a `fonts` folder next to the program (installers put it there), else the source
/// tree's `src-tauri/fonts` (development builds and tests).
pub fn shipped_dir() -> Option<PathBuf> {
    let marker = FontRole::Fang.shipped_file();
    let mut candidates: Vec<PathBuf> = SHIPPED_DIR.get().cloned().into_iter().collect();
    if let Some(dir) = std::env::var_os("XUNCHA_FONTS_DIR") {
        candidates.push(PathBuf::from(dir));
    }
    if let Some(exe_dir) = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
    {
        candidates.push(exe_dir.join("fonts"));
        candidates.push(exe_dir.join("resources").join("fonts"));
        candidates.push(exe_dir.join("../Resources/fonts"));
        candidates.push(exe_dir.join("../lib/xuncha/fonts"));
        candidates.push(exe_dir.join("../share/xuncha/fonts"));
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts"));
    candidates.into_iter().find(|d| d.join(marker).is_file())
}

/// Width of `text` set in `role` at `size_pt`, in points, by real glyph advances (with the
/// same per-character fallback the PDF uses). Line breaks and other control characters
/// have no width. Always answers: without any usable font it estimates (CJK one em,
/// others half an em).
pub fn text_width_pt(role: FontRole, text: &str, size_pt: f32) -> f32 {
    FontSet::global().width_em(role, text) * size_pt
}

impl FontSet {
    /// The fonts of this machine, discovered once per process.
    pub fn global() -> &'static FontSet {
        GLOBAL.get_or_init(|| FontSet::discover(shipped_dir().as_deref(), &system::font_dirs()))
    }

    /// Builds the set from a shipped-font folder and system font folders.
    pub fn discover(shipped: Option<&Path>, system_dirs: &[PathBuf]) -> FontSet {
        let installed = system::scan(system_dirs);
        let find = |name: &str| {
            // Of the faces with this name, the regular weight (not 粗体 / Bold).
            let want = system::normalise(name);
            installed
                .iter()
                .filter(|f| f.names.contains(&want))
                .min_by_key(|f| (i32::from(f.weight) - 400).abs())
        };
        let mut set = FontSet {
            slots: Vec::new(),
            chains: Default::default(),
        };
        for role in FontRole::ALL {
            let mut chain = Vec::new();
            if let Some((name, face)) = role
                .official_names()
                .iter()
                .find_map(|n| find(n).map(|f| (*n, f)))
            {
                chain.push(set.slot(name, &face.path, face.index, FaceOrigin::Official));
            }
            if let Some(dir) = shipped {
                let file = role.shipped_file();
                let path = dir.join(file);
                if path.is_file() {
                    let family = file.trim_end_matches(".otf").replace("-Regular", "");
                    chain.push(set.slot(&family, &path, 0, FaceOrigin::Shipped));
                }
            }
            for name in role.fallback_names() {
                if let Some(face) = find(name) {
                    let id = set.slot(name, &face.path, face.index, FaceOrigin::Fallback);
                    if !chain.contains(&id) {
                        chain.push(id);
                    }
                }
            }
            set.chains[role.slot()] = chain;
        }
        set
    }

    fn slot(&mut self, family: &str, path: &Path, index: u32, origin: FaceOrigin) -> FaceId {
        if let Some(i) = self
            .slots
            .iter()
            .position(|s| s.path == path && s.index == index)
        {
            return i;
        }
        self.slots.push(Slot {
            family: family.to_owned(),
            path: path.to_path_buf(),
            index,
            origin,
            loaded: OnceLock::new(),
        });
        self.slots.len() - 1
    }

    /// The face `id`, loaded on first use; `None` if its file cannot be read or parsed.
    pub fn face(&self, id: FaceId) -> Option<&Face> {
        let slot = self.slots.get(id)?;
        slot.loaded
            .get_or_init(|| {
                let data = load_bytes(&slot.path)?;
                let ttf = ttf_parser::Face::parse(data, slot.index).ok()?;
                let units_per_em = f32::from(ttf.units_per_em().max(1));
                Some(Face {
                    family: slot.family.clone(),
                    path: slot.path.clone(),
                    index: slot.index,
                    origin: slot.origin,
                    data,
                    ttf,
                    units_per_em,
                })
            })
            .as_ref()
    }

    /// The faces tried for `role`, in order (loaded or not).
    pub fn chain(&self, role: FontRole) -> &[FaceId] {
        &self.chains[role.slot()]
    }

    /// The first usable face of `role`: official if installed, else shipped.
    pub fn primary(&self, role: FontRole) -> Option<(FaceId, &Face)> {
        self.chain(role)
            .iter()
            .find_map(|&id| self.face(id).map(|f| (id, f)))
    }

    /// Whether `role` prints in its licensed official face (else a free substitute; the
    /// PDF then emboldens the Song face slightly for titles, as 小标宋 is heavy).
    pub fn is_official(&self, role: FontRole) -> bool {
        self.primary(role)
            .is_some_and(|(_, f)| f.origin == FaceOrigin::Official)
    }

    /// The face that prints `c` in `role`: the first in the chain that has it.
    pub fn face_for(&self, role: FontRole, c: char) -> Option<FaceId> {
        self.chain(role)
            .iter()
            .copied()
            .find(|&id| self.face(id).is_some_and(|f| f.has(c)))
    }

    /// Advance of `c` in `role`, in ems (control characters: 0; no face: an estimate).
    pub fn advance_em(&self, role: FontRole, c: char) -> f32 {
        if c.is_control() {
            return 0.0;
        }
        self.face_for(role, c)
            .and_then(|id| self.face(id))
            .and_then(|f| f.advance_em(c))
            .unwrap_or_else(|| estimate_em(c))
    }

    /// Width of `text` in `role`, in ems.
    pub fn width_em(&self, role: FontRole, text: &str) -> f32 {
        text.chars().map(|c| self.advance_em(role, c)).sum()
    }

    /// Splits `text` into runs that each print in one face (control characters dropped).
    pub fn runs<'a>(&self, role: FontRole, text: &'a str) -> Vec<Run<'a>> {
        let mut runs: Vec<Run<'a>> = Vec::new();
        let mut start = 0;
        let mut current: Option<(Option<FaceId>, f32)> = None;
        for (i, c) in text.char_indices() {
            if c.is_control() {
                if let Some((face, w)) = current.take() {
                    runs.push(Run {
                        face,
                        text: &text[start..i],
                        width_em: w,
                    });
                }
                start = i + c.len_utf8();
                continue;
            }
            let face = self.face_for(role, c);
            let adv = face
                .and_then(|id| self.face(id))
                .and_then(|f| f.advance_em(c))
                .unwrap_or_else(|| estimate_em(c));
            match current {
                Some((f, ref mut w)) if f == face => *w += adv,
                _ => {
                    if let Some((f, w)) = current.take() {
                        runs.push(Run {
                            face: f,
                            text: &text[start..i],
                            width_em: w,
                        });
                    }
                    start = i;
                    current = Some((face, adv));
                }
            }
        }
        if let Some((face, w)) = current {
            runs.push(Run {
                face,
                text: &text[start..],
                width_em: w,
            });
        }
        runs
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

/// Width guess when no face has the character: full width for CJK and full-width forms.
fn estimate_em(c: char) -> f32 {
    if is_wide(c) {
        1.0
    } else {
        0.5
    }
}

/// Whether `c` is a full-width (CJK) character.
pub fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Reads a font file once per process; the bytes live as long as the process, as the
/// global font set does.
fn load_bytes(path: &Path) -> Option<&'static [u8]> {
    use std::collections::HashMap;
    use std::sync::Mutex;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> &'static FontSet {
        FontSet::global()
    }

    #[test]
    fn every_role_has_a_face() {
        for role in FontRole::ALL {
            let (_, face) = set().primary(role).unwrap();
            assert!(face.has('国'), "{role:?} {face:?}");
        }
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
    fn rare_name_characters_fall_back_per_character() {
        // Needs an installed CJK face with these (Debian: fonts-noto-cjk).
        let s = set();
        let text = "王堃、李喆、张犇、刘昇、陈赟、赵玥、𠀾";
        assert!(
            s.missing_chars(FontRole::Fang, text).is_empty(),
            "{:?}",
            s.missing_chars(FontRole::Fang, text)
        );
        let runs = s.runs(FontRole::Fang, "王堃同志");
        assert_eq!(runs.len(), 3, "{runs:?}");
        assert_eq!(runs[1].text, "堃");
        assert_ne!(runs[0].face, runs[1].face);
        assert_eq!(runs[0].face, runs[2].face);
        let total: String = runs.iter().map(|r| r.text).collect();
        assert_eq!(total, "王堃同志");
    }
}
