//! The faces a Word document names, and the font table that tells Word and WPS what to use
//! on a machine without them.
//!
//! Every run names one face for all scripts (`w:ascii`, `w:hAnsi`, `w:eastAsia`, `w:cs`):
//! the role's official face ([`FontRole::family_name`]: 仿宋_GB2312, 方正小标宋简体,
//! 楷体_GB2312, 黑体, 宋体). Digits and Latin letters are set in the same face, as the PDF
//! sets them, so a line holds the same text in both; and no further face (Times New Roman,
//! which 信创 machines lack) can be reported missing.
//!
//! Which of these names a machine has (from the vendors' font lists, not checked here):
//! - **Windows 7–11** (Chinese): 宋体 (SimSun), 黑体 (SimHei), 仿宋 (FangSong) and 楷体 (KaiTi)
//!   come with the system, 华文中宋 (STZhongsong) with Microsoft Office. 仿宋_GB2312 and
//!   楷体_GB2312 (the Windows XP faces) and 方正小标宋简体 do not: offices install them (the
//!   公文字体 set), so an official machine usually has all five names.
//! - **信创 machines** (统信UOS, 银河麒麟, with WPS for Linux): no Windows faces as such; the
//!   official images carry licensed 方正 faces, either under the names above or as the GBK
//!   editions (方正仿宋_GBK, 方正小标宋_GBK, 方正楷体_GBK, 方正黑体_GBK).
//!
//! Where a named face is missing, the font table says what to use instead: each official
//! name carries `w:altName` with the next face of its chain (仿宋_GB2312 → 仿宋 → FangSong;
//! 方正小标宋简体 → 华文中宋 → 宋体; 楷体_GB2312 → 楷体 → KaiTi; 黑体 → SimHei; 宋体 → SimSun),
//! and every entry carries the GB2312 character set (86), a PANOSE number and the pitch, which
//! is what Word matches a substitute by.
//!
//! Not verified (no Word or WPS on the build machine): whether WPS, lacking 仿宋_GB2312,
//! follows `w:altName` silently or still lists the face under 缺失字体. LibreOffice
//! substitutes through fontconfig and ignores `w:altName`.

use docx_rs::RunFonts;

use crate::export::fonts::FontRole;

/// The run fonts of a role: one face for every script.
pub(super) fn run_fonts(role: FontRole) -> RunFonts {
    let name = role.family_name();
    RunFonts::new()
        .ascii(name)
        .hi_ansi(name)
        .east_asia(name)
        .cs(name)
}

/// One entry of the font table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FontEntry {
    pub name: &'static str,
    /// The face to use where this one is missing (the next face of its chain).
    pub alt_name: &'static str,
    /// PANOSE classification, 10 bytes in hex.
    pub panose: &'static str,
    /// `w:family`: `modern` for the fixed-pitch CJK faces, `auto` for the Song faces.
    pub family: &'static str,
    /// `w:pitch`: `fixed` or `variable`.
    pub pitch: &'static str,
}

const fn entry(
    name: &'static str,
    alt_name: &'static str,
    panose: &'static str,
    fixed: bool,
) -> FontEntry {
    FontEntry {
        name,
        alt_name,
        panose,
        family: if fixed { "modern" } else { "auto" },
        pitch: if fixed { "fixed" } else { "variable" },
    }
}

/// The font table: the official faces the runs name, then the faces of their chains.
/// 方正小标宋简体 carries a Song PANOSE so that Word, lacking it and 华文中宋, picks 宋体.
pub const FONT_TABLE: [FontEntry; 8] = [
    entry("仿宋_GB2312", "仿宋", "02010609030101010101", true),
    entry("方正小标宋简体", "华文中宋", "02010600030101010101", false),
    entry("楷体_GB2312", "楷体", "02010609030101010101", true),
    entry("黑体", "SimHei", "02010609060101010101", true),
    entry("宋体", "SimSun", "02010600030101010101", false),
    entry("仿宋", "FangSong", "02010609060101010101", true),
    entry("华文中宋", "宋体", "02010600040101010101", false),
    entry("楷体", "KaiTi", "02010609060101010101", true),
];

/// GB2312, the character set every entry declares.
pub const CHARSET_GB2312: &str = "86";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_face_is_in_the_table_and_chains_end_in_windows_names() {
        for role in FontRole::ALL {
            assert!(
                FONT_TABLE.iter().any(|e| e.name == role.family_name()),
                "{role:?}"
            );
        }
        // Following altName from an official face reaches a face every Windows has.
        let windows = ["SimSun", "SimHei", "FangSong", "KaiTi", "宋体"];
        for role in FontRole::ALL {
            let mut name = role.family_name();
            for _ in 0..4 {
                if windows.contains(&name) {
                    break;
                }
                name = match FONT_TABLE.iter().find(|e| e.name == name) {
                    Some(e) => e.alt_name,
                    None => break,
                };
            }
            assert!(windows.contains(&name), "{role:?} ends at {name}");
        }
    }
}
