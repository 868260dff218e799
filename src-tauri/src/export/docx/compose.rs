//! Lays a [`Document`] out as Word paragraphs, block by block, as the PDF composer lays it on
//! the grid (`export::pdf::compose`): the title centred in 2号 over the lines the PDF breaks it
//! into, headings in their faces kept with the next line, body paragraphs indented two
//! characters and justified, signature centred over the date with room for the seal, the
//! date right-indented four characters, attachments and page breaks on new pages.
//!
//! Word breaks the body lines itself (28 a line, like the PDF), and its widow and orphan
//! control is the PDF's rule: a paragraph's first or last line never stands alone on a page.

use docx_rs::{AlignmentType, BreakType, Docx, Paragraph, Run, SpecialIndentType};

use super::fonts::run_fonts;
use super::page::{
    char_twips, exact_line, exact_paragraph, half_points, page_number_footer, pt_twips, PageTwips,
};
use super::table::{self, Table};
use crate::export::fonts::{FontRole, FontSet};
use crate::export::gb9704::{GbLayout, Placed, TextStyle};
use crate::export::pdf::linebreak::{title_lines, ScriptGap};
use crate::export::pdf::writer::placed_width;
use crate::report::doc::Document;
use crate::Result;

mod attachment;
mod letterhead;

/// What goes into the body, in order.
enum Item {
    Paragraph(Box<Paragraph>),
    Table(Box<docx_rs::Table>),
}

/// The document being composed.
pub(super) struct Composer<'a> {
    g: &'a GbLayout,
    fonts: &'a FontSet,
    items: Vec<Item>,
    /// The next paragraph starts a new page.
    break_next: bool,
    /// The page of the section being filled.
    page: PageTwips,
    /// Header rows of each table, in document order (for `w:tblHeader`).
    pub(super) header_rows: Vec<usize>,
    /// Each part (a letter, a dossier) is a section numbering its pages from 1.
    parts: bool,
    /// Nothing yet in the section just begun (it starts on a new page by itself).
    section_start: bool,
    /// Letters: the first page of each section has no page number (GB/T 9704 10.1) and its
    /// own footer, the 信函格式's lower red double rule.
    letters: bool,
    /// Blank lines left for the seal above the signature of the document being added.
    seal_lines: u32,
}

impl<'a> Composer<'a> {
    pub(super) fn new(g: &'a GbLayout, fonts: &'a FontSet) -> Self {
        Composer {
            g,
            fonts,
            items: Vec::new(),
            break_next: false,
            page: PageTwips::portrait(g),
            header_rows: Vec::new(),
            parts: false,
            section_start: false,
            letters: false,
            seal_lines: g.signature_gap_lines,
        }
    }

    /// A composer for a batch of parts (letters when `letters`), each in its own section.
    pub(super) fn for_parts(g: &'a GbLayout, fonts: &'a FontSet, letters: bool) -> Self {
        Composer {
            parts: true,
            letters,
            ..Composer::new(g, fonts)
        }
    }

    /// The next part starts a new section, on a new page, numbered from 1.
    pub(super) fn new_part(&mut self) {
        if self.items.is_empty() {
            return;
        }
        self.section_break(self.page);
    }

    /// The properties of the section being filled.
    fn section(&self) -> docx_rs::SectionProperty {
        let mut s = self.page.section(self.g);
        if self.parts {
            s = s.page_num_type(docx_rs::PageNumType::new().start(1));
        }
        if self.letters {
            s = s.title_pg();
        }
        s
    }

    /// The next paragraph starts a new page (nothing yet: the first page).
    pub(super) fn new_page(&mut self) {
        self.break_next = !self.items.is_empty() && !self.section_start;
    }

    /// Adds the title and every block of `doc`, the signature `seal_lines` blank lines
    /// below the text (as many as the PDF keeps: `pdf::compose::seal_lines`).
    pub(super) fn document(&mut self, doc: &Document, seal_lines: u32) {
        self.seal_lines = seal_lines;
        self.title(&doc.title);
        for placed in self.g.placed(&doc.blocks) {
            match placed {
                Placed::Text { text, style } => self.text(text, style),
                Placed::Signature { signature, date } => self.signature(signature, date),
                Placed::PageBreak => self.break_next = true,
                Placed::Attachment { label, title } => {
                    self.break_next = true;
                    self.attachment_head(label, title);
                }
            }
        }
    }

    /// A table under its centred title, on a new page (a form or a list standing alone).
    pub(super) fn titled_table(&mut self, title: &str, t: &Table) -> Result<()> {
        self.new_page();
        self.title(title);
        self.table(t)
    }

    /// `t` across the page's type area, its header rows noted for `w:tblHeader`.
    fn table(&mut self, t: &Table) -> Result<()> {
        let built = table::build(t, self.page.area_width())?;
        self.header_rows.push(built.header_rows);
        self.items.push(Item::Table(Box::new(built.table)));
        // Word needs a paragraph after a table; a hairline one, so it never makes a page.
        let hairline = exact_paragraph(1.0).size(2);
        self.items.push(Item::Paragraph(Box::new(hairline)));
        Ok(())
    }

    /// The composed body in a docx-rs document: the last section's page, the footers.
    pub(super) fn finish(self) -> Docx {
        let mut docx = Docx::new();
        docx.document = docx.document.default_section_property(self.section());
        let letters = self.letters;
        for item in self.items {
            docx = match item {
                Item::Paragraph(p) => docx.add_paragraph(*p),
                Item::Table(t) => docx.add_table(*t),
            };
        }
        // Odd and even pages have their own footers (the settings say so: see `patch`).
        let docx = docx
            .footer(page_number_footer(self.g, true))
            .even_footer(page_number_footer(self.g, false));
        if letters {
            docx.first_footer(letterhead::letter_first_footer())
        } else {
            docx
        }
    }

    /// Ends the current section on its last paragraph; what follows is on `page`.
    fn section_break(&mut self, page: PageTwips) {
        let section = self.section();
        match self.items.last_mut() {
            Some(Item::Paragraph(p)) => {
                let last = std::mem::take(p.as_mut());
                **p = last.section_property(section);
            }
            _ => self.items.push(Item::Paragraph(Box::new(
                Paragraph::new().section_property(section),
            ))),
        }
        self.page = page;
        self.break_next = false;
        self.section_start = true;
    }

    fn push(&mut self, mut p: Paragraph) {
        self.section_start = false;
        if std::mem::take(&mut self.break_next) {
            p = p.page_break_before(true);
        }
        self.items.push(Item::Paragraph(Box::new(p)));
    }

    /// A paragraph on the grid: one exact grid line per line, justified.
    fn line(&self) -> Paragraph {
        Paragraph::new()
            .line_spacing(exact_line(self.g))
            .align(AlignmentType::Both)
    }

    /// A run of body-size text in `role`, squeezed to 28 characters a line.
    fn run(&self, text: &str, role: FontRole) -> Run {
        Run::new()
            .add_text(text)
            .size(half_points(self.g.body_pt))
            .fonts(run_fonts(role))
            .character_spacing(super::page::squeeze(self.g))
    }

    fn blank(&self) -> Paragraph {
        self.line().keep_next(true)
    }

    /// The title: 2号, centred, broken where the PDF breaks it (balanced lines), then a
    /// blank line.
    fn title(&mut self, title: &str) {
        let title = title.trim();
        if title.is_empty() {
            return;
        }
        let size = self.g.title_pt;
        let measure = |c: char| self.fonts.advance_em(FontRole::Title, c) * size;
        let mut p = self
            .line()
            .align(AlignmentType::Center)
            .snap_to_grid(false)
            .keep_next(true);
        let width = self.page.area_width() as f32 / 20.0;
        for (k, l) in title_lines(title, width, measure).iter().enumerate() {
            let mut run = Run::new();
            if k > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            p = p.add_run(
                run.add_text(&l.text)
                    .size(half_points(size))
                    .fonts(run_fonts(FontRole::Title)),
            );
        }
        self.push(p);
        let blank = self.blank();
        self.push(blank);
    }

    /// A paragraph or heading; a line feed inside the text starts a new paragraph.
    fn text(&mut self, text: &str, style: TextStyle) {
        for para in text.split('\n').map(str::trim_end) {
            let mut p = self.line().add_run(self.run(para.trim_start(), style.role));
            if style.indent_chars > 0 {
                let indent = style.indent_chars as i32 * char_twips(self.g);
                p = p
                    .indent(None, Some(SpecialIndentType::FirstLine(indent)), None, None)
                    .first_line_chars(style.indent_chars as i32 * 100);
            }
            if style.heading {
                p = p.keep_next(true);
            }
            self.push(p);
        }
    }

    /// “附件N” in 黑体 at the top left, a blank line, the attachment's title.
    fn attachment_head(&mut self, label: &str, title: &str) {
        let p = self
            .line()
            .align(AlignmentType::Left)
            .keep_next(true)
            .add_run(self.run(label, self.g.label_role));
        self.push(p);
        let blank = self.blank();
        self.push(blank);
        self.title(title);
    }

    /// Signature and date, as the PDF places them: blank lines for the seal, the signature
    /// lines centred over the date (never nearer the right edge than two characters), the
    /// date right-indented four characters; the end of the text stays with them.
    fn signature(&mut self, signature: Option<&str>, date: Option<&str>) {
        let g = self.g;
        let role = g.body_role;
        let squeeze_pt = super::page::squeeze(g) as f32 / 20.0;
        // With the space the office suites put between Chinese and digits (as the PDF).
        let gap = ScriptGap::set(g.body_pt, squeeze_pt);
        let width_of =
            |t: &str| placed_width(self.fonts, role, t, g.body_pt, squeeze_pt) + gap.within(t);
        let date_right = g.date_right_chars as f32 * g.body_pt;
        let date_w = date.map(width_of).unwrap_or(0.0);
        // The paragraph before them goes along whole: Word and WPS would otherwise carry
        // only its last two lines, LibreOffice always carries it whole, and the PDF does.
        if let Some(Item::Paragraph(p)) = self.items.last_mut() {
            let last = std::mem::take(p.as_mut());
            **p = last.keep_next(true).keep_lines(true);
        }
        for _ in 0..self.seal_lines {
            let blank = self.blank();
            self.push(blank);
        }
        let lines: Vec<&str> = signature
            .map(|s| s.lines().map(str::trim).filter(|l| !l.is_empty()).collect())
            .unwrap_or_default();
        let n = lines.len();
        let min_right = g.signature_right_chars as f32 * g.body_pt;
        for (k, sig) in lines.into_iter().enumerate() {
            let right = match date {
                Some(_) => date_right + (date_w - width_of(sig)) / 2.0,
                None => min_right,
            };
            let p = self
                .right_aligned(right.max(min_right))
                .keep_next(date.is_some() || k + 1 < n)
                .add_run(self.run(sig, role));
            self.push(p);
        }
        if let Some(d) = date {
            let p = self.right_aligned(date_right).add_run(self.run(d, role));
            self.push(p);
        }
    }

    /// A line flush right, `right_pt` in from the right edge of the type area.
    fn right_aligned(&self, right_pt: f32) -> Paragraph {
        self.line()
            .align(AlignmentType::Right)
            .indent(None, None, Some(pt_twips(right_pt)), None)
    }
}
