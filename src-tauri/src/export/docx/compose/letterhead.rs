//! The GB/T 9704 elements around a Word document's text, as the PDF places them
//! (`export::pdf::letterhead`): the 版头 of a 文件 (7.2) or of a letter (信函格式, 10.1), and
//! the 版记 (7.4).

use docx_rs::{AlignmentType, Paragraph, Run};

use super::super::fonts::run_fonts;
use super::super::page::{char_twips, exact_paragraph, half_points, line_pitch, pt_twips};
use super::Composer;
use crate::domain::Letterhead;
use crate::export::fonts::FontRole;
use crate::export::gb9704::HeadStyle;
use crate::export::pdf::letterhead::{header_lines, mark_size};

/// The red double rule under a letter's mark: a paragraph border (eighths of a point) and
/// its space below the mark's line, in points; together what the rule adds to the mark's
/// paragraph.
const MARK_RULE_EIGHTHS: usize = 18;
const MARK_RULE_WIDTH_PT: f32 = MARK_RULE_EIGHTHS as f32 / 8.0;
const MARK_RULE_SPACE_PT: f32 = 8.0;
const MARK_RULE_PT: f32 = MARK_RULE_SPACE_PT + MARK_RULE_WIDTH_PT;

impl Composer<'_> {
    /// The 版头 before the title, as the PDF places it (`export::pdf::letterhead`): 密级 and
    /// 紧急程度 in 黑体 at the top left, the red 发文机关标志 centred, the 发文字号 (with 签发人
    /// for an upward document) and the red rule under it. With pre-printed paper, blank lines
    /// keep the mark's room and no rule is drawn.
    pub(in crate::export::docx) fn letterhead(&mut self, h: &Letterhead) {
        if !h.has_header() {
            return;
        }
        let mut lines = 0u32;
        for m in h.corner_marks() {
            let p = self
                .line()
                .align(AlignmentType::Left)
                .add_run(self.run(m, FontRole::Hei));
            self.push(p);
            lines += 1;
        }
        let mark = h.issuer_mark.trim();
        let has_mark = h.preprinted || !mark.is_empty();
        if has_mark {
            // The mark's top 35 mm below the type area's top: about 3½ grid lines.
            let pitch_mm = self.g.area_h_mm / self.g.lines as f32;
            let before = ((35.0 / pitch_mm).ceil() as u32).saturating_sub(lines);
            for _ in 0..before {
                let b = self.blank();
                self.push(b);
            }
            let size = mark_size(h, self.g);
            let mut p = Paragraph::new()
                .align(AlignmentType::Center)
                .snap_to_grid(false)
                .line_spacing(
                    docx_rs::LineSpacing::new()
                        .line_rule(docx_rs::LineSpacingType::Exact)
                        .line(pt_twips(size * 1.2)),
                );
            if !h.preprinted {
                p = p.add_run(
                    Run::new()
                        .add_text(mark)
                        .size(half_points(size))
                        .fonts(run_fonts(FontRole::Title))
                        .color("FF0000"),
                );
            }
            self.push(p);
            for _ in 0..2 {
                let b = self.blank();
                self.push(b);
            }
        }
        let no = h.doc_no.trim();
        let signer = h.signer.trim();
        if !no.is_empty() || !signer.is_empty() {
            let inset = char_twips(self.g);
            let mut p = if signer.is_empty() {
                self.line()
                    .align(AlignmentType::Center)
                    .add_run(self.run(no, self.g.body_role))
            } else {
                let right = self.page.area_width() as usize - inset as usize;
                self.line()
                    .align(AlignmentType::Left)
                    .indent(Some(inset), None, Some(inset), None)
                    .add_tab(
                        docx_rs::Tab::new()
                            .val(docx_rs::TabValueType::Right)
                            .pos(right),
                    )
                    .add_run(self.run(no, self.g.body_role))
                    .add_run(Run::new().add_tab())
                    .add_run(self.run("签发人：", self.g.body_role))
                    .add_run(self.run(signer, FontRole::Kai))
            };
            if has_mark && !h.preprinted {
                p = p.set_borders(
                    docx_rs::ParagraphBorders::with_empty().set(
                        docx_rs::ParagraphBorder::new(docx_rs::ParagraphBorderPosition::Bottom)
                            .size(8)
                            .space(4)
                            .color("FF0000"),
                    ),
                );
            }
            self.push(p);
            let b = self.blank();
            self.push(b);
        }
    }

    /// The 版记 after the text: 抄送, then 印发机关 and 印发日期, in 4号仿宋 between rules.
    pub(in crate::export::docx) fn colophon(&mut self, h: &Letterhead) {
        if !h.has_colophon() {
            return;
        }
        let inset = char_twips(self.g);
        let size = half_points(14.0);
        let run = |t: &str| {
            Run::new()
                .add_text(t)
                .size(size)
                .fonts(run_fonts(self.g.body_role))
        };
        let border = |pos, sz| docx_rs::ParagraphBorder::new(pos).size(sz).space(1);
        let mut rows: Vec<Paragraph> = Vec::new();
        if !h.cc.trim().is_empty() {
            let cc = format!("抄送：{}。", h.cc.trim().trim_end_matches('。'));
            rows.push(Paragraph::new().add_run(run(&cc)));
        }
        if !h.printer.trim().is_empty() || h.printed_on.is_some() {
            let right = self.page.area_width() as usize - inset as usize;
            let date = h
                .printed_on
                .map(|d| format!("{}印发", crate::domain::dates::format_cn(d)))
                .unwrap_or_default();
            rows.push(
                Paragraph::new()
                    .add_tab(
                        docx_rs::Tab::new()
                            .val(docx_rs::TabValueType::Right)
                            .pos(right),
                    )
                    .add_run(run(h.printer.trim()))
                    .add_run(Run::new().add_tab())
                    .add_run(run(&date)),
            );
        }
        let n = rows.len();
        let blank = self.blank();
        self.push(blank);
        for (k, p) in rows.into_iter().enumerate() {
            use docx_rs::ParagraphBorderPosition::{Bottom, Top};
            let mut borders = docx_rs::ParagraphBorders::with_empty()
                .set(border(Bottom, if k + 1 == n { 8 } else { 4 }));
            if k == 0 {
                borders = borders.set(border(Top, 8));
            }
            let p = p
                .indent(Some(inset), None, Some(inset), None)
                .snap_to_grid(false)
                .keep_next(k + 1 < n)
                .set_borders(borders);
            self.push(p);
        }
    }

    /// The 信函格式's 版头 (GB/T 9704 10.1), as the PDF places it: the red mark centred at the
    /// top of the type area over a red double rule (thick over thin) 170 mm long, then the
    /// 密级 and 紧急程度 flush left and the number flush right on the line under it, and two
    /// blank lines before the title. Word cannot set text above the top margin, so the mark
    /// stands 7 mm lower than the standard's 30 mm (and the PDF's).
    pub(in crate::export::docx) fn letter_head(&mut self, h: &Letterhead) {
        if !h.has_header() {
            return;
        }
        let mark = h.issuer_mark.trim();
        let size = mark_size(h, self.g);
        if h.preprinted || !mark.is_empty() {
            // The rule runs 7 mm past the type area on each side: 170 mm.
            let out = -pt_twips(7.0 * 72.0 / 25.4);
            let mut p = Paragraph::new()
                .align(AlignmentType::Center)
                .snap_to_grid(false)
                .indent(Some(out), None, Some(out), None)
                .line_spacing(
                    docx_rs::LineSpacing::new()
                        .line_rule(docx_rs::LineSpacingType::Exact)
                        // LibreOffice fills the page as if the rule under the mark took
                        // its width more than it sets the text below by (measured: a letter
                        // of 22 lines kept 21 on its first page); the mark's line gives
                        // that width back.
                        .line(pt_twips(size * 1.2 - MARK_RULE_WIDTH_PT)),
                );
            if !h.preprinted {
                p = p
                    .add_run(
                        Run::new()
                            .add_text(mark)
                            .size(half_points(size))
                            .fonts(run_fonts(FontRole::Title))
                            .color("FF0000"),
                    )
                    .set_borders(
                        docx_rs::ParagraphBorders::with_empty().set(
                            docx_rs::ParagraphBorder::new(docx_rs::ParagraphBorderPosition::Bottom)
                                .val(docx_rs::BorderType::ThickThinSmallGap)
                                .size(MARK_RULE_EIGHTHS)
                                .space(MARK_RULE_SPACE_PT as usize)
                                .color("FF0000"),
                        ),
                    );
            }
            self.push(p);
        }
        let marks = h.corner_marks();
        let no = h.doc_no.trim();
        let rows = marks.len().max(usize::from(!no.is_empty()));
        for k in 0..rows {
            let mut p = self.line().align(AlignmentType::Left);
            if let Some(m) = marks.get(k) {
                p = p.add_run(self.run(m, FontRole::Hei));
            }
            if k == 0 && !no.is_empty() {
                let right = self.page.area_width() as usize;
                p = p
                    .add_tab(
                        docx_rs::Tab::new()
                            .val(docx_rs::TabValueType::Right)
                            .pos(right),
                    )
                    .add_run(Run::new().add_tab())
                    .add_run(self.run(no, self.g.body_role));
            }
            self.push(p);
        }
        // The title on the grid line the PDF starts it on: what the mark, its rule and the
        // number leave of the PDF's head is one blank paragraph of that height.
        let pitch = line_pitch(self.g) as f32 / 20.0;
        let reserved = header_lines(h, HeadStyle::Letter, self.g) as f32 * pitch;
        // The mark's line is short by the rule's width (above), which the page keeps: the
        // text under it stands that much above the PDF's grid.
        let mark_h = if h.preprinted || !mark.is_empty() {
            size * 1.2 + MARK_RULE_PT
        } else {
            0.0
        };
        let rest = reserved - mark_h - rows as f32 * pitch;
        if rest > 0.5 {
            self.push(exact_paragraph(rest).keep_next(true));
        }
    }
}

/// The footer of a letter's first page: no page number (GB/T 9704 10.1), the red double rule
/// (thin over thick) 170 mm long near the foot of the page.
pub(super) fn letter_first_footer() -> docx_rs::Footer {
    let out = -pt_twips(7.0 * 72.0 / 25.4);
    docx_rs::Footer::new().add_paragraph(
        Paragraph::new()
            .indent(Some(out), None, Some(out), None)
            .snap_to_grid(false)
            .size(2)
            .line_spacing(
                docx_rs::LineSpacing::new()
                    .line_rule(docx_rs::LineSpacingType::Exact)
                    .line(20),
            )
            .set_borders(
                docx_rs::ParagraphBorders::with_empty().set(
                    docx_rs::ParagraphBorder::new(docx_rs::ParagraphBorderPosition::Top)
                        .val(docx_rs::BorderType::ThinThickSmallGap)
                        .size(18)
                        .space(1)
                        .color("FF0000"),
                ),
            ),
    )
}
