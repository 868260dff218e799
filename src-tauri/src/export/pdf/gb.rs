//! The numbers of GB/T 9704-2012 (党政机关公文格式), in one place. Every position the
//! composer computes derives from these; the tests check the PDFs against them.

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
    /// The page number's top is this far below the type area.
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
};

impl GbLayout {
    /// Width of one character cell: the type area's width over 28 (≈15.79 pt, a little
    /// less than the 16 pt type, as WPS's document grid sets it).
    pub fn char_pitch(&self) -> f32 {
        mm(self.area_w_mm) / self.chars as f32
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
