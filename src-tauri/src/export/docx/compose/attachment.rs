//! A ledger table attached to a document (the plan's 附件1 整改任务清单) as the PDF prints
//! it (`export::pdf::ledger`): a landscape section with the printed ledger's margins,
//! “附件N” in 3号黑体, the title, the 填报单位 / 填报时间 line, then the table. Each takes
//! the exact height it takes in the PDF ([`LEDGER_PAGE`]), so the table starts as far
//! down the page, and its rows, of the PDF's cell margins and line pitch, break onto the
//! same pages.

use docx_rs::{AlignmentType, Run, Tab, TabValueType};

use super::Composer;
use crate::export::docx::fonts::run_fonts;
use crate::export::docx::ledger::ledger_table;
use crate::export::docx::page::{exact_paragraph, half_points, PageTwips};
use crate::export::fonts::FontRole;
use crate::export::ledger_page::LEDGER_PAGE;
use crate::report::ledger::LedgerTable;
use crate::Result;

fn run(text: &str, role: FontRole, size_pt: f32) -> Run {
    Run::new()
        .add_text(text)
        .size(half_points(size_pt))
        .fonts(run_fonts(role))
}

impl Composer<'_> {
    /// The ledger `t` on new landscape pages after what is there, labelled `label`.
    pub(in crate::export::docx) fn ledger_attachment(
        &mut self,
        label: &str,
        t: &LedgerTable,
    ) -> Result<()> {
        let page = PageTwips::ledger(self.g);
        if page == self.page || self.items.is_empty() {
            self.break_next = !self.items.is_empty();
            self.page = page;
        } else {
            self.section_break(page);
        }
        let p = LEDGER_PAGE;
        let label = exact_paragraph(p.label_step_pt())
            .keep_next(true)
            .add_run(run(label, FontRole::Hei, p.label_pt));
        self.push(label);
        let title = exact_paragraph(p.title_step_pt())
            .keep_next(true)
            .align(AlignmentType::Center)
            .add_run(run(&t.title, FontRole::Title, p.title_pt));
        self.push(title);
        // The unit at the left, the date against the right edge. Without a date, no tab:
        // LibreOffice sets a lone tab 2 pt lower, and the table with it.
        let mut units = exact_paragraph(p.unit_line_step_pt())
            .keep_next(true)
            .add_run(run(&t.unit_line, FontRole::Fang, p.unit_line_pt));
        if !t.date_line.is_empty() {
            units = units
                .add_tab(
                    Tab::new()
                        .val(TabValueType::Right)
                        .pos(page.area_width().max(0) as usize),
                )
                .add_run(run("", FontRole::Fang, p.unit_line_pt).add_tab())
                .add_run(run(&t.date_line, FontRole::Fang, p.unit_line_pt));
        }
        self.push(units);
        self.table(&ledger_table(t))
    }
}
