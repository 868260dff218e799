//! The numbers of GB/T 9704-2012 (党政机关公文格式), in one place: page, type area, grid,
//! type sizes, the face of each kind of block, page-number placement. The PDF composer
//! places every line from these, and the Word writer derives its twips from the same
//! numbers; the tests check both outputs against them.

use crate::export::fonts::FontRole;
use crate::report::doc::Block;

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Converts millimetres to points.
pub const fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// Page, type area, grid and type sizes of a GB/T 9704 document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GbLayout {
    /// A4.
    pub page_w_mm: f32,
    pub page_h_mm: f32,
    /// 天头 (top margin) 37 mm ± 1 mm.
    pub top_mm: f32,
    /// 订口 (left margin) 28 mm ± 1 mm.
    pub left_mm: f32,
    /// 版心 156 mm × 225 mm.
    pub area_w_mm: f32,
    pub area_h_mm: f32,
    /// 22 lines a page, 28 characters a line, filling the type area.
    pub lines: u32,
    pub chars: u32,
    /// 2号 title.
    pub title_pt: f32,
    /// Title lines are spaced this many grid lines apart (22 pt type needs more than one
    /// 16 pt line, less than two).
    pub title_line_factor: f32,
    /// 3号 body.
    pub body_pt: f32,
    /// 4号 page numbers.
    pub page_no_pt: f32,
    /// The top of the page number's dash (一字线) is this far below the type area (7.5).
    pub page_no_gap_mm: f32,
    /// Odd page numbers sit this many (page-number) characters in from the right edge of
    /// the type area, even ones from the left edge.
    pub page_no_inset_chars: f32,
    /// 成文日期右空四字.
    pub date_right_chars: u32,
    /// 段首空两字.
    pub indent_chars: u32,
    /// Blank lines between the end of the text and the signature (room for the seal).
    pub signature_gap_lines: u32,
    /// 3号仿宋: body text, 主送机关, signature and date.
    pub body_role: FontRole,
    /// “附件N” in 黑体.
    pub label_role: FontRole,
    /// 4号宋体 page numbers.
    pub page_no_role: FontRole,
    /// A page number is written “— 1 —”: the number between these.
    pub page_no_prefix: &'static str,
    pub page_no_suffix: &'static str,
    /// A signature never ends nearer the right edge of the type area than this many
    /// characters (it is centred over the date when there is one).
    pub signature_right_chars: u32,
}

/// How a block of text is set: its face, the characters its first line is indented, and
/// whether it is a heading (never the last line of a page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextStyle {
    pub role: FontRole,
    pub indent_chars: u32,
    pub heading: bool,
}

/// GB/T 9704-2012 as DOMAIN.md states it.
pub const GB: GbLayout = GbLayout {
    page_w_mm: 210.0,
    page_h_mm: 297.0,
    top_mm: 37.0,
    left_mm: 28.0,
    area_w_mm: 156.0,
    area_h_mm: 225.0,
    lines: 22,
    chars: 28,
    title_pt: 22.0,
    title_line_factor: 1.25,
    body_pt: 16.0,
    page_no_pt: 14.0,
    page_no_gap_mm: 7.0,
    page_no_inset_chars: 1.0,
    date_right_chars: 4,
    indent_chars: 2,
    signature_gap_lines: 2,
    body_role: FontRole::Fang,
    label_role: FontRole::Hei,
    page_no_role: FontRole::Song,
    page_no_prefix: "— ",
    page_no_suffix: " —",
    signature_right_chars: 2,
};

/// A block as GB/T 9704 places it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Placed<'a> {
    /// 主送机关, a heading or a paragraph, in its style.
    Text { text: &'a str, style: TextStyle },
    /// The signature lines (one a line) and the date under them; either may be missing.
    Signature {
        signature: Option<&'a str>,
        date: Option<&'a str>,
    },
    /// The next block starts a new page.
    PageBreak,
    /// “附件N” at the top left of a new page, then the attachment's title.
    Attachment { label: &'a str, title: &'a str },
}

impl GbLayout {
    /// The blocks as they are placed: text in its style (主送机关 flush left; 一、 in 黑体,
    /// （一） in 楷体, 1. and （1） in 仿宋, each indented two characters; paragraphs in 仿宋,
    /// indented two characters), a signature together with the date that follows it.
    pub fn placed<'a>(&self, blocks: &'a [Block]) -> Vec<Placed<'a>> {
        let text = |text: &'a String, role, indent_chars, heading| Placed::Text {
            text,
            style: TextStyle {
                role,
                indent_chars,
                heading,
            },
        };
        let mut out = Vec::with_capacity(blocks.len());
        let mut i = 0;
        while i < blocks.len() {
            out.push(match &blocks[i] {
                Block::Addressee { text: t, .. } => text(t, self.body_role, 0, false),
                Block::Heading1 { text: t, .. } => text(t, FontRole::Hei, self.indent_chars, true),
                Block::Heading2 { text: t, .. } => text(t, FontRole::Kai, self.indent_chars, true),
                Block::Heading3 { text: t, .. } => text(t, self.body_role, self.indent_chars, true),
                Block::Paragraph { text: t, .. } => {
                    text(t, self.body_role, self.indent_chars, false)
                }
                Block::Signature { text: sig, .. } => {
                    let date = match blocks.get(i + 1) {
                        Some(Block::Date { text, .. }) => {
                            i += 1;
                            Some(text.as_str())
                        }
                        _ => None,
                    };
                    Placed::Signature {
                        signature: Some(sig),
                        date,
                    }
                }
                Block::Date { text, .. } => Placed::Signature {
                    signature: None,
                    date: Some(text),
                },
                Block::PageBreak => Placed::PageBreak,
                Block::Attachment { label, title } => Placed::Attachment { label, title },
            });
            i += 1;
        }
        out
    }

    /// Width of one character cell: the type area's width over 28 (≈15.79 pt, a little
    /// less than the 16 pt type, as WPS's document grid sets it).
    pub fn char_pitch(&self) -> f32 {
        mm(self.area_w_mm) / self.chars as f32
    }

    /// The spacing after each body character that fits 28 on a line: the cell less the type
    /// size, rounded down to the 1/20 pt a .docx can say (−0.25 pt: 15.75 pt a character).
    /// The PDF sets the same, so both break lines at the same places.
    pub fn squeeze_twentieths(&self) -> i32 {
        ((self.char_pitch() - self.body_pt) * 20.0).floor() as i32
    }

    /// [`GbLayout::squeeze_twentieths`] in points.
    pub fn squeeze_pt(&self) -> f32 {
        self.squeeze_twentieths() as f32 / 20.0
    }

    /// An indent of `chars` characters, in points: characters of the type size, as Word and
    /// WPS count 字 (2 字 = 32 pt at 3号).
    pub fn indent_pt(&self, chars: u32) -> f32 {
        chars as f32 * self.body_pt
    }

    /// Page `n`'s number as printed: “— n —”.
    pub fn page_number_text(&self, n: usize) -> String {
        format!("{}{n}{}", self.page_no_prefix, self.page_no_suffix)
    }

    /// Height of one grid line: the type area's height over 22 (≈28.99 pt).
    pub fn line_pitch(&self) -> f32 {
        mm(self.area_h_mm) / self.lines as f32
    }

    /// Type area in PDF coordinates (origin bottom left): left, right, top, bottom.
    pub fn area_left(&self) -> f32 {
        mm(self.left_mm)
    }
    pub fn area_right(&self) -> f32 {
        mm(self.left_mm + self.area_w_mm)
    }
    pub fn area_top(&self) -> f32 {
        mm(self.page_h_mm - self.top_mm)
    }
    pub fn area_bottom(&self) -> f32 {
        mm(self.page_h_mm - self.top_mm - self.area_h_mm)
    }
}

/// Which of GB/T 9704's formats a document's 版头 takes: the 文件格式 (7.2: the mark 35 mm
/// below the type area's top, the number centred, a single red rule, the 版记 at the end), or
/// the 信函格式 (10.1) of the 督办 letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HeadStyle {
    #[default]
    Document,
    /// 信函格式: the mark's top 30 mm below the page's top edge, a red double rule (thick over
    /// thin) 4 mm under it, the number flush right under the rule, a red double rule (thin
    /// over thick) 20 mm above the page's bottom edge, both rules 170 mm long and centred; no
    /// page number on the first page and no 版记 (10.1 leaves the 印发机关 and its rules out).
    Letter,
}

/// The 信函格式's numbers (GB/T 9704 10.1).
pub mod letter {
    /// The mark's top below the page's top edge.
    pub const MARK_TOP_MM: f32 = 30.0;
    /// The double rule below the mark.
    pub const RULE_GAP_MM: f32 = 4.0;
    /// The lower double rule above the page's bottom edge.
    pub const BOTTOM_RULE_MM: f32 = 20.0;
    /// Both double rules' length.
    pub const RULE_LEN_MM: f32 = 170.0;
    /// The first element under the upper rule: 7/8 of a 3号 character below it.
    pub const BELOW_RULE_EM: f32 = 7.0 / 8.0;
}

/// The position of the baseline for type of `size` whose em box's top is at `top`: CJK
/// faces put the ideographic em box from −0.12 em to 0.88 em around the baseline.
pub fn baseline_below(top: f32, size: f32) -> f32 {
    top - 0.88 * size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_fills_the_type_area() {
        assert!((GB.char_pitch() * 28.0 - mm(156.0)).abs() < 0.01);
        assert!((GB.line_pitch() * 22.0 - mm(225.0)).abs() < 0.01);
        // 28 characters of 3号 (16 pt) are a touch wider than 156 mm: the grid squeezes.
        assert!(GB.char_pitch() < GB.body_pt && GB.char_pitch() > 15.7);
        assert!((GB.area_top() - mm(260.0)).abs() < 0.01);
        assert!((GB.area_bottom() - mm(35.0)).abs() < 0.01);
        assert!((GB.area_right() - mm(184.0)).abs() < 0.01);
    }
}
