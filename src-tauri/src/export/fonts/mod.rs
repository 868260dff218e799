//! Fonts for the official documents: which face prints each role (标宋, 宋, 仿宋, 楷, 黑),
//! per-character fallback so rare name characters (堃 喆 𠀾) never print as blank boxes, and
//! text measurement by real glyph advances — used by the PDF layout and by the Excel
//! exporter to size rows.
//!
//! Order of preference for a role: the licensed official face installed on the user's
//! system (looked up by family name, e.g. 仿宋_GB2312), then the free Fandol face shipped
//! with the app, then, character by character, any installed face that has the glyph
//! (Noto CJK, 宋体, SimSun-ExtB, 微软雅黑…).
//!
//! The module is split by concern: [`system`] finds installed faces by name, [`set`] builds
//! each role's chain of faces and loads them, [`face`] reads one loaded face, [`measure`]
//! answers "which face, which glyph, how wide" per character (cached), [`runs`] cuts text
//! into runs of one face for the PDF writer.

pub mod face;
pub mod measure;
pub mod runs;
pub mod set;
pub mod system;

use serde::{Deserialize, Serialize};

pub use face::Face;
pub use measure::Glyph;
pub use runs::Run;
pub use set::{set_shipped_dir, shipped_dir, FontSet};

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

    /// The official face's family name, as documents name it (仿宋_GB2312, 方正小标宋简体…):
    /// the first of [`Self::official_names`].
    pub fn family_name(self) -> &'static str {
        match self.official_names() {
            [first, ..] => first,
            [] => "宋体",
        }
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

/// Width of `text` set in `role` at `size_pt`, in points, by real glyph advances (with the
/// same per-character fallback the PDF uses). Line breaks and other control characters
/// have no width. Always answers: without any usable font it estimates (CJK one em,
/// others half an em).
pub fn text_width_pt(role: FontRole, text: &str, size_pt: f32) -> f32 {
    FontSet::global().width_em(role, text) * size_pt
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
