//! 进展统计: the official counts (findings 完成整改 / 基本完成并持续整改 / 未完成 and the
//! 完成率, tasks by status, overdue and warnings, rules made, people held accountable,
//! money recovered), in total, by category and by unit.

use std::collections::HashMap;

use rust_xlsxwriter::{ConditionalFormatCell, ConditionalFormatCellRule, Format, Workbook};

use super::layout::{print_setup, write_value, xlsx_err};
use super::ledger_sheet::merge_or_write;
use super::measure::{column_pt, height_for_lines, text_height};
use super::styles::Styles;
use super::template::SheetKind;
use crate::domain::names::split_names;
use crate::domain::{Completion, Finding, Status, Warning};
use crate::report::data::LedgerData;
use crate::report::ledger::{fill, CellValue};
use crate::report::numbering::level1;
use crate::report::public::Edition;
use crate::Result;

/// Counts of a set of tasks.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct TaskCounts {
    pub total: usize,
    pub done: usize,
    pub closed: usize,
    pub in_progress: usize,
    pub not_started: usize,
    pub long_term: usize,
    pub overdue: usize,
    pub red: usize,
    pub yellow: usize,
    pub green: usize,
}

impl TaskCounts {
    fn add(&mut self, t: &crate::domain::Task) {
        self.total += 1;
        match t.status {
            Status::Completed => self.done += 1,
            Status::Closed => {
                self.done += 1;
                self.closed += 1
            }
            Status::InProgress => self.in_progress += 1,
            Status::NotStarted => self.not_started += 1,
            Status::LongTerm => self.long_term += 1,
        }
        self.overdue += usize::from(t.overdue);
        match t.warning {
            Some(Warning::Red) => self.red += 1,
            Some(Warning::Yellow) => self.yellow += 1,
            Some(Warning::Green) => self.green += 1,
            None => {}
        }
    }
}

/// The official counting of a set of findings.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct FindingCounts {
    pub total: usize,
    pub completed: usize,
    pub basically: usize,
    pub incomplete: usize,
}

impl FindingCounts {
    fn add(&mut self, f: &Finding) {
        self.total += 1;
        match f.completion {
            Completion::Completed => self.completed += 1,
            Completion::BasicallyCompleted => self.basically += 1,
            Completion::Incomplete => self.incomplete += 1,
        }
    }

    /// 完成率 = completed / total.
    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.completed as f64 / self.total as f64
        }
    }
}

fn n(x: usize) -> CellValue {
    CellValue::Number(x as f64)
}

const WIDTHS: [f64; 9] = [36.0, 10.0, 10.0, 12.0, 10.0, 10.0, 10.0, 10.0, 10.0];

/// Writes the 进展统计 sheet of `edition` (the 公开版 marks its title).
pub fn write(wb: &mut Workbook, st: &Styles, all: &[&LedgerData], edition: Edition) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(SheetKind::Statistics.name())
        .map_err(xlsx_err)?;
    for (i, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(i as u16, *w).map_err(xlsx_err)?;
    }
    print_setup(ws, None)?;
    let last = (WIDTHS.len() - 1) as u16;
    let size = st.fonts.body_size;
    let org = fill("{inspected_org}", all);
    ws.set_row_height(0, st.fonts.title_size * 2.2)
        .map_err(xlsx_err)?;
    merge_or_write(
        ws,
        0,
        0,
        0,
        last,
        &edition.title(&format!("{org}巡察整改进展统计")),
        &st.title,
    )?;
    let today = all.iter().map(|d| d.today).max();
    let line = today.map_or(String::new(), |d| {
        format!("统计日期：{}", crate::domain::dates::format_cn(d))
    });
    merge_or_write(ws, 1, 0, 1, last, &line, &st.subline_right)?;

    let mut fc = FindingCounts::default();
    let mut tc = TaskCounts::default();
    let mut by_cat: Vec<(String, FindingCounts, TaskCounts)> = Vec::new();
    let mut by_unit: Vec<(String, TaskCounts)> = Vec::new();
    let mut unit_pos: HashMap<String, usize> = HashMap::new();
    for d in all {
        for f in &d.findings {
            fc.add(f);
            let ci = match by_cat.iter().position(|(c, ..)| *c == f.category) {
                Some(i) => i,
                None => {
                    by_cat.push((f.category.clone(), Default::default(), Default::default()));
                    by_cat.len() - 1
                }
            };
            by_cat[ci].1.add(f);
            for t in &f.tasks {
                tc.add(t);
                by_cat[ci].2.add(t);
                let a = &t.assignment;
                let mut units: Vec<String> = split_names(&a.lead_unit);
                for u in &a.responsible_units {
                    for x in split_names(u) {
                        if !units.contains(&x) {
                            units.push(x);
                        }
                    }
                }
                for u in units {
                    let i = *unit_pos.entry(u.clone()).or_insert_with(|| {
                        by_unit.push((u, TaskCounts::default()));
                        by_unit.len() - 1
                    });
                    by_unit[i].1.add(t);
                }
            }
        }
    }
    let regs = all.iter().map(|d| d.regulations.len()).sum::<usize>();
    let people = all.iter().map(|d| d.accountabilities.len()).sum::<usize>();
    let funds: f64 = all
        .iter()
        .flat_map(|d| d.progress.values().flatten())
        .map(|p| p.funds_recovered)
        .sum();

    let mut r = 2u32;
    let section = |ws: &mut rust_xlsxwriter::Worksheet, r: &mut u32, k: usize, text: &str| {
        let h = height_for_lines(1, st.fonts.header_size) + 4.0;
        ws.set_row_height(*r, h).map_err(xlsx_err)?;
        merge_or_write(
            ws,
            *r,
            0,
            *r,
            last,
            &format!("{}{text}", level1(k)),
            &st.section,
        )?;
        *r += 1;
        Ok::<(), crate::Error>(())
    };
    section(ws, &mut r, 1, "总体情况")?;
    let overall: Vec<(&str, CellValue, Option<&Format>)> = vec![
        ("反馈问题总数", n(fc.total), None),
        ("完成整改", n(fc.completed), None),
        ("基本完成并持续整改", n(fc.basically), None),
        ("未完成", n(fc.incomplete), None),
        ("完成率", CellValue::Percent(fc.rate()), None),
        ("整改任务总数", n(tc.total), None),
        ("已完成（含已销号）", n(tc.done), None),
        ("其中：已销号", n(tc.closed), None),
        ("正在推进", n(tc.in_progress), None),
        ("未启动", n(tc.not_started), None),
        ("长期坚持", n(tc.long_term), None),
        ("逾期任务", n(tc.overdue), Some(&st.red)),
        ("红色预警（逾期）", n(tc.red), Some(&st.red)),
        ("黄色预警（10日内到期）", n(tc.yellow), Some(&st.yellow)),
        ("绿色预警（20日内到期）", n(tc.green), Some(&st.green)),
        ("建章立制（项）", n(regs), None),
        ("问责人数", n(people), None),
        ("追缴/清退资金（万元）", CellValue::Number(funds), None),
    ];
    let one = height_for_lines(1, size);
    for (label, v, colour) in overall {
        ws.set_row_height(r, one).map_err(xlsx_err)?;
        ws.write_string_with_format(r, 0, label, &st.body)
            .map_err(xlsx_err)?;
        if let CellValue::Number(x) = v {
            if x.fract() != 0.0 {
                ws.write_number_with_format(
                    r,
                    1,
                    x,
                    &st.body_center.clone().set_num_format("0.00"),
                )
                .map_err(xlsx_err)?;
            } else {
                write_value(ws, r, 1, &v, &st.body_center, st)?;
            }
        } else {
            write_value(ws, r, 1, &v, &st.body_center, st)?;
        }
        if let Some(fmt) = colour {
            positive(ws, r, 1, r, 1, fmt)?;
        }
        r += 1;
    }

    r += 1;
    section(ws, &mut r, 2, "分类别统计")?;
    let head = [
        "问题类别",
        "问题数",
        "完成整改",
        "基本完成并持续整改",
        "未完成",
        "完成率",
        "任务数",
        "逾期任务",
    ];
    header_row(ws, st, r, &head)?;
    r += 1;
    let first = r;
    let a_pt = column_pt(WIDTHS[0]);
    for (cat, f, t) in &by_cat {
        ws.set_row_height(r, text_height(cat, a_pt, size))
            .map_err(xlsx_err)?;
        let row = [
            CellValue::text(cat),
            n(f.total),
            n(f.completed),
            n(f.basically),
            n(f.incomplete),
            CellValue::Percent(f.rate()),
            n(t.total),
            n(t.overdue),
        ];
        for (c, v) in row.iter().enumerate() {
            let fmt = if c == 0 { &st.body } else { &st.body_center };
            write_value(ws, r, c as u16, v, fmt, st)?;
        }
        r += 1;
    }
    if r > first {
        positive(ws, first, 7, r - 1, 7, &st.red)?;
    }

    r += 1;
    section(ws, &mut r, 3, "分单位统计")?;
    let head = [
        "责任单位",
        "任务数",
        "已完成",
        "正在推进",
        "未启动",
        "长期坚持",
        "逾期任务",
        "完成率",
    ];
    header_row(ws, st, r, &head)?;
    r += 1;
    let first = r;
    by_unit.sort_by(|a, b| b.1.total.cmp(&a.1.total).then(a.0.cmp(&b.0)));
    for (unit, t) in &by_unit {
        ws.set_row_height(r, text_height(unit, a_pt, size))
            .map_err(xlsx_err)?;
        let rate = if t.total == 0 {
            0.0
        } else {
            t.done as f64 / t.total as f64
        };
        let row = [
            CellValue::text(unit),
            n(t.total),
            n(t.done),
            n(t.in_progress),
            n(t.not_started),
            n(t.long_term),
            n(t.overdue),
            CellValue::Percent(rate),
        ];
        for (c, v) in row.iter().enumerate() {
            let fmt = if c == 0 { &st.body } else { &st.body_center };
            write_value(ws, r, c as u16, v, fmt, st)?;
        }
        r += 1;
    }
    if r > first {
        positive(ws, first, 6, r - 1, 6, &st.red)?;
    }
    Ok(())
}

fn header_row(
    ws: &mut rust_xlsxwriter::Worksheet,
    st: &Styles,
    r: u32,
    head: &[&str],
) -> Result<()> {
    let h = head
        .iter()
        .zip(WIDTHS)
        .map(|(t, w)| text_height(t, column_pt(w), st.fonts.header_size))
        .fold(0.0, f64::max);
    ws.set_row_height(r, h).map_err(xlsx_err)?;
    for (c, t) in head.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *t, &st.header)
            .map_err(xlsx_err)?;
    }
    Ok(())
}

/// Colours cells holding a count above zero.
fn positive(
    ws: &mut rust_xlsxwriter::Worksheet,
    r1: u32,
    c1: u16,
    r2: u32,
    c2: u16,
    fmt: &Format,
) -> Result<()> {
    let cf = ConditionalFormatCell::new()
        .set_rule(ConditionalFormatCellRule::GreaterThan(0))
        .set_format(fmt);
    ws.add_conditional_format(r1, c1, r2, c2, &cf)
        .map_err(xlsx_err)?;
    Ok(())
}
