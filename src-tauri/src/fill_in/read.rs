//! Reads a returned fill-in workbook and checks it before anything else looks at it: it
//! must be one this database signed, its hidden sheet unchanged, and every locked cell as
//! it went out. A refusal names the file, and for a changed cell its row, task and column.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Data, Range, Reader, Xlsx};

use super::sign::Signer;
use super::SIGNATURE_SHEET;
use super::{cell_text, FillColumn, SignedRow, SignedSheet, FORMAT, LOCKED, MAGIC, SHEET};
use crate::domain::Status;
use crate::import::xlsx::values;
use crate::import::xlsx::zip_guard;
use crate::{Error, Result};

/// What the unit wrote in one task's row, in [`FillColumn::ALL`] order, as cell text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub task_id: i64,
    /// The row in the sheet (0-based).
    pub row: u32,
    pub values: Vec<String>,
}

impl Written {
    /// The text of one fill-in column.
    pub fn get(&self, c: FillColumn) -> &str {
        let i = FillColumn::ALL.iter().position(|x| *x == c).unwrap_or(0);
        self.values.get(i).map(String::as_str).unwrap_or("")
    }
}

/// A returned workbook whose signature and locked cells were checked.
#[derive(Debug, Clone)]
pub struct Returned {
    pub signed: SignedSheet,
    pub rows: Vec<Written>,
}

fn refuse(file: &Path, why: impl std::fmt::Display) -> Error {
    Error::invalid("file", format!("“{}”{why}", file.display()))
}

/// Reads `file` and checks it against this database's `signer`.
pub fn read(file: &Path, signer: &Signer) -> Result<Returned> {
    let not_ours = || refuse(file, "不是本系统导出的填报表（没有签名信息），不能导入");
    let handle = File::open(file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => refuse(file, "找不到该文件"),
        _ => Error::io(file, e),
    })?;
    zip_guard::check(file, &zip_guard::ZipLimits::default())
        .map_err(|_| refuse(file, "不是 Excel 工作簿（.xlsx），不能导入"))?;
    let mut book = Xlsx::new(BufReader::new(handle))
        .map_err(|e| refuse(file, format!("已损坏或不是 Excel 工作簿（{e}）")))?;
    let hidden = book
        .worksheet_range(SIGNATURE_SHEET)
        .map_err(|_| not_ours())?;
    let signed = signed_sheet(&hidden).ok_or_else(not_ours)?;
    if signed.key_id != signer.key_id()? {
        return Err(refuse(
            file,
            "不是本台账（本数据库）导出的填报表，签名对不上，不能导入",
        ));
    }
    if signed.signature != signer.workbook(signed.inspection_id, &signed.unit, &signed.rows)? {
        return Err(refuse(
            file,
            "的签名信息被改动过，不能导入：请让填报单位在原填报表中重新填写",
        ));
    }
    let sheet = book
        .worksheet_range(SHEET)
        .map_err(|_| refuse(file, format!("里找不到工作表“{SHEET}”，不能导入")))?;
    let text = |r: u32, c: u16| {
        sheet
            .get_value((r, c as u32))
            .map(values::cell_text)
            .unwrap_or_default()
    };
    let mut rows = vec![];
    for s in &signed.rows {
        for (i, c) in LOCKED.iter().enumerate() {
            let now = cell_text(&text(s.row, i as u16));
            let mac = signer.cell(s.task_id, c.label(), &now)?;
            if s.macs.get(i) != Some(&mac) {
                return Err(refuse(
                    file,
                    format!(
                        "第 {} 行（任务 {}）的“{}”被改动过：锁定的单元格不能修改，\
                         请让填报单位在原填报表中重新填写",
                        s.row + 1,
                        s.task_id,
                        c.label()
                    ),
                ));
            }
        }
        rows.push(Written {
            task_id: s.task_id,
            row: s.row,
            values: FillColumn::ALL
                .iter()
                .map(|c| text(s.row, c.index()))
                .collect(),
        });
    }
    Ok(Returned { signed, rows })
}

/// The hidden sheet's content, or `None` if it is not one this app wrote.
fn signed_sheet(hidden: &Range<Data>) -> Option<SignedSheet> {
    let text = |r: u32, c: u32| hidden.get_value((r, c)).map(values::cell_text);
    if text(0, 0)? != MAGIC || text(0, 1)? != FORMAT.to_string() {
        return None;
    }
    let mut rows = vec![];
    let mut r = 2;
    while let Some(id) = text(r, 0).filter(|t| !t.is_empty()) {
        rows.push(SignedRow {
            task_id: id.parse().ok()?,
            version: text(r, 1)?,
            status: Status::parse(&text(r, 2)?)?,
            row: text(r, 3)?.parse().ok()?,
            macs: text(r, 4)?.split(',').map(str::to_owned).collect(),
        });
        r += 1;
    }
    Some(SignedSheet {
        inspection_id: text(0, 2)?.parse().ok()?,
        unit: text(0, 3)?,
        key_id: text(0, 4)?,
        signature: text(0, 5)?,
        rows,
    })
}
