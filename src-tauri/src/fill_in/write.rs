//! Lays out a unit's fill-in workbook: a title, the unit and the date, how to fill it in,
//! then one row per task with the ledger's locked columns and the unlocked fill-in
//! columns; the sheet is protected, and a very hidden sheet holds what the signature covers.

use std::path::Path;

use rust_xlsxwriter::{
    Color, DataValidation, Format, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::sign::Signer;
use super::{cell_text, FillColumn, SignedRow, FORMAT, HEADER_ROW, LOCKED, MAGIC, SHEET};
use super::{SignedSheet, SIGNATURE_SHEET};
use crate::domain::dates::format_cn;
use crate::domain::status::{next_statuses, Via};
use crate::domain::{Finding, Task};
use crate::export::xlsx::layout::xlsx_err;
use crate::export::xlsx::styles::{Styles, DATE_FORMAT};
use crate::export::xlsx::template::Fonts;
use crate::report::data::LedgerData;
use crate::report::ledger::{cells, LedgerColumn};
use crate::report::sections::sections;
use crate::Result;

/// What the unit reads above the table.
const HOW_TO: &str =
    "填写说明：只填写右侧底色为浅黄的“本期进展、状态、完成日期、佐证材料名称、备注”五列；\
状态请从下拉列表中选择；完成日期写成 2025年6月30日 或 2025-06-30；佐证材料文件另行报送。\
其他单元格已锁定，改动后本表将无法导入。";

/// A unit's workbook: `data` holds only the unit's tasks.
pub struct UnitSheet<'a> {
    pub data: &'a LedgerData,
    pub unit: &'a str,
    pub signer: &'a Signer,
}

/// The locked cells' texts of a task's row, in [`LOCKED`] order.
pub fn locked_texts(number: usize, f: &Finding, t: &Task, data: &LedgerData) -> Vec<String> {
    LOCKED
        .iter()
        .map(|c| match c {
            LedgerColumn::Seq => f.number.clone(),
            c => cells::cell(*c, number, f, Some(t), data)
                .shown()
                .into_owned(),
        })
        .collect()
}

/// Writes the workbook to `path` (atomically); returns what it signed.
pub fn write(sheet: &UnitSheet<'_>, path: &Path) -> Result<SignedSheet> {
    let mut wb = Workbook::new();
    let signed = lay_out(&mut wb, sheet)?;
    crate::export::xlsx::save_atomic(&mut wb, path)?;
    Ok(signed)
}

fn lay_out(wb: &mut Workbook, s: &UnitSheet<'_>) -> Result<SignedSheet> {
    let data = s.data;
    let styles = Styles::new(&Fonts::default());
    let fill = styles
        .body
        .clone()
        .set_unlocked()
        .set_background_color(Color::RGB(0xFFF8DC));
    let fill_center = fill.clone().set_align(rust_xlsxwriter::FormatAlign::Center);
    let fill_date = fill_center.clone().set_num_format(DATE_FORMAT);
    let ws = wb.add_worksheet();
    ws.set_name(SHEET).map_err(xlsx_err)?;
    let last = (LOCKED.len() + FillColumn::ALL.len() - 1) as u16;
    let title = format!("{}整改进展填报表", data.inspection.name.trim());
    ws.merge_range(0, 0, 0, last, &title, &styles.title)
        .map_err(xlsx_err)?;
    let line = format!(
        "填报单位：{}　　导出日期：{}",
        s.unit,
        format_cn(data.today)
    );
    ws.merge_range(1, 0, 1, last, &line, &styles.subline_left)
        .map_err(xlsx_err)?;
    ws.merge_range(
        2,
        0,
        2,
        last,
        HOW_TO,
        &styles.subline_left.clone().set_text_wrap(),
    )
    .map_err(xlsx_err)?;
    ws.set_row_height(2, 36).map_err(xlsx_err)?;
    for (i, c) in LOCKED.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, i as u16, c.label(), &styles.header)
            .map_err(xlsx_err)?;
        ws.set_column_width(i as u16, c.width() * 0.8)
            .map_err(xlsx_err)?;
    }
    for c in FillColumn::ALL {
        ws.write_string_with_format(HEADER_ROW, c.index(), c.label(), &styles.header)
            .map_err(xlsx_err)?;
        ws.set_column_width(c.index(), c.width())
            .map_err(xlsx_err)?;
    }
    let mut rows = vec![];
    let mut row = HEADER_ROW + 1;
    for section in sections(data) {
        for (number, f) in section.findings {
            for t in &f.tasks {
                let texts = locked_texts(number, f, t, data);
                let mut macs = vec![];
                for (i, (c, text)) in LOCKED.iter().zip(&texts).enumerate() {
                    let format = if c.is_centered() {
                        &styles.body_center
                    } else {
                        &styles.body
                    };
                    ws.write_string_with_format(row, i as u16, text, format)
                        .map_err(xlsx_err)?;
                    macs.push(s.signer.cell(t.id, c.label(), &cell_text(text))?);
                }
                fill_cells(ws, row, t, [&fill, &fill_center, &fill_date])?;
                rows.push(SignedRow {
                    task_id: t.id,
                    version: t.updated_at.clone(),
                    status: t.status,
                    row,
                    macs,
                });
                row += 1;
            }
        }
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0).map_err(xlsx_err)?;
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    let signed = SignedSheet {
        inspection_id: data.inspection.id,
        unit: s.unit.to_owned(),
        key_id: s.signer.key_id()?,
        signature: s.signer.workbook(data.inspection.id, s.unit, &rows)?,
        rows,
    };
    write_signature(wb.add_worksheet(), &signed).map_err(xlsx_err)?;
    Ok(signed)
}

/// The unlocked cells of a task's row: 状态 filled with its status, and a drop-down of
/// the statuses a progress entry may move it to (the domain's rules, never 已销号).
fn fill_cells(ws: &mut Worksheet, row: u32, t: &Task, formats: [&Format; 3]) -> Result<()> {
    let [fill, center, date] = formats;
    for c in FillColumn::ALL {
        let format = match c {
            FillColumn::Status => center,
            FillColumn::Date => date,
            _ => fill,
        };
        ws.write_blank(row, c.index(), format).map_err(xlsx_err)?;
    }
    let status = FillColumn::Status.index();
    ws.write_string_with_format(row, status, t.status.label(), center)
        .map_err(xlsx_err)?;
    let choices: Vec<&str> = std::iter::once(t.status)
        .chain(next_statuses(t.status, Via::Progress))
        .map(|s| s.label())
        .collect();
    let v = DataValidation::new()
        .allow_list_strings(&choices)
        .and_then(|v| v.set_error_title("状态"))
        .and_then(|v| v.set_error_message(format!("请从下拉列表中选择：{}", choices.join("、"))))
        .map_err(xlsx_err)?;
    ws.add_data_validation(row, status, row, status, &v)
        .map_err(xlsx_err)?;
    Ok(())
}

/// The very hidden sheet: [`MAGIC`], the format, the inspection, the unit, the key's id and
/// the signature on the first row; a header; then one row per task. Every value is text, so
/// nothing is rounded on the way back.
fn write_signature(ws: &mut Worksheet, s: &SignedSheet) -> std::result::Result<(), XlsxError> {
    ws.set_name(SIGNATURE_SHEET)?;
    let head = [
        MAGIC.to_owned(),
        FORMAT.to_string(),
        s.inspection_id.to_string(),
        s.unit.clone(),
        s.key_id.clone(),
        s.signature.clone(),
    ];
    for (i, v) in head.iter().enumerate() {
        ws.write_string(0, i as u16, v)?;
    }
    for (i, h) in ["任务编号", "版本", "导出时状态", "行", "校验码"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, i as u16, *h)?;
    }
    for (n, r) in s.rows.iter().enumerate() {
        let at = n as u32 + 2;
        ws.write_string(at, 0, r.task_id.to_string())?;
        ws.write_string(at, 1, &r.version)?;
        ws.write_string(at, 2, r.status.code())?;
        ws.write_string(at, 3, r.row.to_string())?;
        ws.write_string(at, 4, r.macs.join(","))?;
    }
    ws.protect();
    ws.set_very_hidden(true);
    Ok(())
}
