//! The GB/T 9704 page in Word's units: A4, the margins that leave the 156 × 225 mm type area,
//! the line grid of 22 lines, the squeeze that fits 28 characters on a line, and the footers
//! with the page number “— 1 —” on the outer side.
//!
//! All numbers derive from [`crate::export::gb9704::GB`]. Measured with LibreOffice 7.4:
//! exact 579-twip lines give 22 lines a page, and characters 0.25 pt narrower than 3号 give
//! 28 a line (a character grid does not: LibreOffice only widens characters to a grid).

use docx_rs::{
    AlignmentType, DocGrid, DocGridType, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing,
    LineSpacingType, PageMargin, PageOrientationType, PageSize, Paragraph, Run, SectionProperty,
};

use super::fonts::run_fonts;
use crate::export::gb9704::{GbLayout, GB};
use crate::export::ledger_page::LEDGER_PAGE;

/// Twips (twentieths of a point) in a millimetre.
const TWIPS_PER_MM: f32 = 1440.0 / 25.4;

/// Millimetres to twips, rounded.
pub fn twips(mm: f32) -> i32 {
    (mm * TWIPS_PER_MM).round() as i32
}

/// Points to twips.
pub fn pt_twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// Points to Word's half-points (`w:sz`).
pub fn half_points(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

/// The page in twips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageTwips {
    pub width: i32,
    pub height: i32,
    pub top: i32,
    pub bottom: i32,
    pub left: i32,
    pub right: i32,
    /// Distance of the footer's bottom from the page's bottom edge.
    pub footer: i32,
    /// Whether the text sits on the document's line grid (GB/T 9704 pages). A table page
    /// has none: LibreOffice centres a grid's whole lines in the type area, which would
    /// push the table down by what is left over (13 pt on the ledger page).
    pub line_grid: bool,
}

impl PageTwips {
    /// The portrait page: the type area keeps its exact size (8844 × 12756 twips), so the
    /// left and bottom margins take what rounding leaves (1588 and 1984).
    pub fn portrait(g: &GbLayout) -> PageTwips {
        let width = twips(g.page_w_mm);
        let height = twips(g.page_h_mm);
        let top = twips(g.top_mm);
        let right = twips(g.page_w_mm - g.left_mm - g.area_w_mm);
        PageTwips {
            width,
            height,
            top,
            bottom: height - top - twips(g.area_h_mm),
            left: width - right - twips(g.area_w_mm),
            right,
            footer: footer_twips(g, g.page_h_mm - g.top_mm - g.area_h_mm),
            line_grid: true,
        }
    }

    /// The landscape page of a ledger table (a document's 附件 整改任务清单), with the
    /// margins the PDF prints it with ([`LEDGER_PAGE`]).
    pub fn ledger(g: &GbLayout) -> PageTwips {
        let p = LEDGER_PAGE;
        let width = twips(p.page_w_mm);
        let side = twips(p.side_mm);
        PageTwips {
            width,
            height: twips(p.page_h_mm),
            top: twips(p.top_mm),
            bottom: twips(p.bottom_mm),
            left: side,
            right: side,
            footer: footer_twips(g, p.bottom_mm),
            line_grid: false,
        }
    }

    /// Width of the type area.
    pub fn area_width(&self) -> i32 {
        self.width - self.left - self.right
    }

    /// The section properties of pages of this size (without footers: the patch gives
    /// every section the document's footers).
    pub(super) fn section(&self, g: &GbLayout) -> SectionProperty {
        let orient = if self.width > self.height {
            PageOrientationType::Landscape
        } else {
            PageOrientationType::Portrait
        };
        let section = SectionProperty::new()
            .page_size(
                PageSize::new()
                    .width(self.width as u32)
                    .height(self.height as u32)
                    .orient(orient),
            )
            .page_margin(self.margin());
        if !self.line_grid {
            return section;
        }
        section.doc_grid(
            DocGrid::with_empty()
                .grid_type(DocGridType::Lines)
                .line_pitch(line_pitch(g) as usize),
        )
    }

    pub(super) fn margin(&self) -> PageMargin {
        PageMargin::new()
            .top(self.top)
            .bottom(self.bottom)
            .left(self.left)
            .right(self.right)
            .header(twips(15.0))
            .footer(self.footer)
            .gutter(0)
    }
}

/// The grid line: the largest whole number of twips of which 22 lines fit the type area
/// (579; 580 would overflow it by 4 twips).
pub fn line_pitch(g: &GbLayout) -> i32 {
    twips(g.area_h_mm) / g.lines as i32
}

/// The run spacing (twentieths of a point, `w:spacing`) that sets 16 pt characters on the
/// 28-a-line grid: −5 (15.75 pt a character; the grid cell is 15.79 pt).
pub fn squeeze(g: &GbLayout) -> i32 {
    g.squeeze_twentieths()
}

/// A body character in twips (indents counted in characters: 2 字 = 640).
pub fn char_twips(g: &GbLayout) -> i32 {
    pt_twips(g.body_pt)
}

/// An empty paragraph, or one to fill, exactly `height_pt` tall and off the line grid.
pub(super) fn exact_paragraph(height_pt: f32) -> Paragraph {
    Paragraph::new().snap_to_grid(false).line_spacing(
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(pt_twips(height_pt)),
    )
}

/// Exact line spacing of one grid line.
pub(super) fn exact_line(g: &GbLayout) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line_pitch(g))
}

/// Footer distance that puts the page number's dash 7 mm under the type area. Word measures
/// it from the page's bottom edge to the footer line's bottom; measured in LibreOffice, 1440
/// twips (25.4 mm) puts the top of the 4号 dash at 268.9–269.2 mm from the top with Noto Serif
/// CJK, 268.7 mm with the shipped FandolSong (wanted: 262 + 7 mm; our PDF: 269.0).
fn footer_twips(g: &GbLayout, bottom_margin_mm: f32) -> i32 {
    let dash_from_bottom = bottom_margin_mm - g.page_no_gap_mm;
    // The dash stands 2.6 mm above the line's bottom at 4号.
    twips(dash_from_bottom - 2.6)
}

/// The footer of odd (`odd`) or even pages: “— PAGE —” in 4号宋体, one character in from the
/// outer edge of the type area.
pub(super) fn page_number_footer(g: &GbLayout, odd: bool) -> Footer {
    let size = half_points(g.page_no_pt);
    let run = || Run::new().size(size).fonts(run_fonts(g.page_no_role));
    let inset = pt_twips(g.page_no_inset_chars * g.page_no_pt);
    let p = Paragraph::new()
        .size(size)
        .fonts(run_fonts(g.page_no_role))
        .add_run(run().add_text(g.page_no_prefix))
        .add_run(run().add_field_char(FieldCharType::Begin, false))
        .add_run(run().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
        .add_run(run().add_field_char(FieldCharType::Separate, false))
        .add_run(run().add_text("1"))
        .add_run(run().add_field_char(FieldCharType::End, false))
        .add_run(run().add_text(g.page_no_suffix));
    let p = if odd {
        p.align(AlignmentType::Right)
            .indent(None, None, Some(inset), None)
    } else {
        p.align(AlignmentType::Left)
            .indent(Some(inset), None, None, None)
    };
    Footer::new().add_paragraph(p)
}

/// The portrait page of GB/T 9704.
pub fn portrait() -> PageTwips {
    PageTwips::portrait(&GB)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb_9704_in_twips() {
        let p = portrait();
        assert_eq!((p.width, p.height), (11906, 16838));
        assert_eq!((p.top, p.bottom, p.left, p.right), (2098, 1984, 1588, 1474));
        assert_eq!((p.area_width(), p.height - p.top - p.bottom), (8844, 12756));
        assert_eq!(line_pitch(&GB), 579);
        let (lp, area_h) = (line_pitch(&GB), p.height - p.top - p.bottom);
        assert!(22 * lp <= area_h && 22 * (lp + 1) > area_h);
        assert_eq!(squeeze(&GB), -5);
        // 28 squeezed characters fit the line; 29 do not.
        let cell = 16.0 * 20.0 + squeeze(&GB) as f32;
        assert!(28.0 * cell <= 8844.0 && 29.0 * cell > 8844.0);
        assert_eq!(char_twips(&GB), 320);
        assert_eq!(p.footer, 1440);
    }

    #[test]
    fn the_ledger_page_is_the_printed_ledger_s() {
        let l = PageTwips::ledger(&GB);
        assert_eq!((l.width, l.height), (16838, 11906));
        // 15 mm either side, 15 mm above, 22 mm below (room for the page number).
        assert_eq!((l.left, l.right, l.top, l.bottom), (850, 850, 850, 1247));
        // The dash 7 mm under the table, as on portrait pages: 13 mm less room below.
        assert_eq!(l.footer, 1440 - twips(13.0));
    }
}
