//! 填报表: fill-in workbooks for units without the app. Export one per unit (or one for
//! every unit into a folder); import returned ones as a preview, then apply the accepted
//! rows in one transaction through the same store functions as a progress entry typed in.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::db::tasks::{self, TaskFilter};
use crate::db::{self, fill_in as store, progress, Db};
use crate::domain::FillInChange;
use crate::fill_in::preview::{self, PreviewRow};
use crate::fill_in::read::{self, Returned};
use crate::fill_in::sign::Signer;
use crate::fill_in::write::{self, UnitSheet};
use crate::{Error, Result};

/// One workbook written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FillInExport {
    pub unit: String,
    pub file: PathBuf,
    pub tasks: usize,
}

/// Which preview rows to apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accept {
    /// Every row with new progress or a status change; conflicts are left out.
    All,
    /// These rows (by [`PreviewRow::no`]), conflicts included.
    Rows(Vec<usize>),
}

/// What an import applied.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FillInApplied {
    pub rows: Vec<PreviewRow>,
    /// The rows applied, by number.
    pub applied: Vec<usize>,
}

/// The units with tasks in an inspection (lead or responsible), in ledger order.
pub fn units(db: &Db, inspection_id: i64, today: NaiveDate) -> Result<Vec<String>> {
    let filter = TaskFilter {
        inspection_id: Some(inspection_id),
        ..Default::default()
    };
    let mut out: Vec<String> = vec![];
    for t in db.read(|c| tasks::list(c, &filter, today))? {
        let a = t.assignment;
        for u in std::iter::once(a.lead_unit).chain(a.responsible_units) {
            if !u.trim().is_empty() && !out.contains(&u) {
                out.push(u);
            }
        }
    }
    Ok(out)
}

/// This database's signer; the secret is made on the first export.
fn signer(db: &Db) -> Result<Signer> {
    let key = match db.read(store::secret)? {
        Some(k) => k,
        None => db.write(store::secret_in_tx)?,
    };
    Ok(Signer::new(key))
}

/// Writes the fill-in workbook of `unit`'s tasks in an inspection to `out`.
pub fn export_unit(
    db: &Db,
    inspection_id: i64,
    unit: &str,
    out: &Path,
    today: NaiveDate,
) -> Result<FillInExport> {
    let unit = unit.trim();
    if unit.is_empty() {
        return Err(Error::invalid("unit", "请填写责任单位"));
    }
    let filter = TaskFilter {
        inspection_id: Some(inspection_id),
        unit: Some(unit.to_owned()),
        ..Default::default()
    };
    let ids: Vec<i64> = db
        .read(|c| tasks::list(c, &filter, today))?
        .iter()
        .map(|t| t.id)
        .collect();
    if ids.is_empty() {
        return Err(Error::invalid(
            "unit",
            format!("“{unit}”在本次巡察中没有整改任务（按牵头单位和责任单位查找）"),
        ));
    }
    let mut data = db::ledger::load(db, inspection_id, today)?;
    for f in &mut data.findings {
        f.tasks.retain(|t| ids.contains(&t.id));
    }
    data.findings.retain(|f| !f.tasks.is_empty());
    let signer = signer(db)?;
    let sheet = UnitSheet {
        data: &data,
        unit,
        signer: &signer,
    };
    let signed = write::write(&sheet, out)?;
    Ok(FillInExport {
        unit: unit.to_owned(),
        file: out.to_owned(),
        tasks: signed.rows.len(),
    })
}

/// Writes one workbook per unit of the inspection into `dir`, named 〈单位〉填报.xlsx.
pub fn export_all(
    db: &Db,
    inspection_id: i64,
    dir: &Path,
    today: NaiveDate,
) -> Result<Vec<FillInExport>> {
    let units = units(db, inspection_id, today)?;
    if units.is_empty() {
        return Err(Error::invalid(
            "unit",
            "本次巡察的整改任务还没有分配责任单位",
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    units
        .iter()
        .map(|u| export_unit(db, inspection_id, u, &dir.join(file_name(u)), today))
        .collect()
}

/// 〈单位〉填报.xlsx, with the characters no file system accepts replaced.
pub fn file_name(unit: &str) -> String {
    let safe: String = unit
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    format!("{}填报.xlsx", safe.trim_start_matches('.'))
}

/// Reads and checks the returned workbooks: each must be signed by this database for
/// `inspection_id`, with its locked cells unchanged.
fn read_all(db: &Db, inspection_id: i64, files: &[PathBuf]) -> Result<Vec<(String, Returned)>> {
    if files.is_empty() {
        return Err(Error::invalid("file", "请选择要导入的填报表"));
    }
    let key = db.read(store::secret)?.ok_or_else(|| {
        Error::invalid(
            "file",
            "本台账还没有导出过填报表，无法核对这些文件：请导入本台账导出的填报表",
        )
    })?;
    let signer = Signer::new(key);
    let mut out = vec![];
    for f in files {
        let returned = read::read(f, &signer)?;
        let sent_for = returned.signed.inspection_id;
        if sent_for != inspection_id {
            let current = super::inspections::resolve(db, Some(inspection_id))?;
            let other = super::inspections::resolve(db, Some(sent_for))
                .map(|i| format!("“{}”", i.name))
                .unwrap_or_else(|_| format!("编号 {sent_for}"));
            return Err(Error::invalid(
                "file",
                format!(
                    "“{}”是另一次巡察（{other}）的填报表，不是“{}”的，不能导入",
                    f.display(),
                    current.name
                ),
            ));
        }
        out.push((f.display().to_string(), returned));
    }
    Ok(out)
}

fn preview_in(
    conn: &rusqlite::Connection,
    files: &[(String, Returned)],
    today: NaiveDate,
) -> Result<Vec<PreviewRow>> {
    let mut rows = vec![];
    for (name, r) in files {
        let more = preview::rows(conn, name, r, rows.len() + 1, today)?;
        rows.extend(more);
    }
    Ok(rows)
}

/// What importing `files` would change, row by row; writes nothing.
pub fn preview(
    db: &Db,
    inspection_id: i64,
    files: &[PathBuf],
    today: NaiveDate,
) -> Result<Vec<PreviewRow>> {
    let files = read_all(db, inspection_id, files)?;
    db.read(|c| preview_in(c, &files, today))
}

/// The rows `accept` picks, or why it cannot be applied.
fn chosen(rows: &[PreviewRow], accept: &Accept) -> Result<Vec<usize>> {
    let applies =
        |c: FillInChange| matches!(c, FillInChange::Progress | FillInChange::StatusChange);
    let bad = |p: &PreviewRow| {
        Error::invalid(
            "accept",
            format!(
                "第 {} 项（{} 第 {} 行，任务 {}）有误，不能导入：{}",
                p.no, p.file, p.row, p.task_id, p.message
            ),
        )
    };
    match accept {
        Accept::All => {
            if let Some(p) = rows.iter().find(|p| p.change == FillInChange::Invalid) {
                return Err(Error::invalid(
                    "accept",
                    format!("{}；请改正后重新导入，或用 --accept 只导入其他各项", bad(p)),
                ));
            }
            Ok(rows
                .iter()
                .filter(|p| applies(p.change))
                .map(|p| p.no)
                .collect())
        }
        Accept::Rows(nos) => {
            let mut out = vec![];
            for &no in nos {
                let p = rows.iter().find(|p| p.no == no).ok_or_else(|| {
                    Error::invalid(
                        "accept",
                        format!("没有第 {no} 项：预览共 {} 项", rows.len()),
                    )
                })?;
                match p.change {
                    FillInChange::Invalid => return Err(bad(p)),
                    c if applies(c) || c == FillInChange::Conflict => out.push(no),
                    _ => {}
                }
            }
            out.sort_unstable();
            out.dedup();
            Ok(out)
        }
    }
}

/// Applies the accepted rows of `files` in one transaction: each adds a progress entry
/// (moving the status where the unit chose one) through the store's own progress write,
/// and is remembered so the same workbook adds nothing a second time. The preview is
/// made again inside the transaction, so it is the ledger as written that is compared.
pub fn apply(
    db: &Db,
    inspection_id: i64,
    files: &[PathBuf],
    accept: &Accept,
    today: NaiveDate,
) -> Result<FillInApplied> {
    let files = read_all(db, inspection_id, files)?;
    let rows = db.read(|c| preview_in(c, &files, today))?;
    if chosen(&rows, accept)?.is_empty() {
        // Nothing new (a workbook applied before, or only conflicts): nothing is written.
        return Ok(FillInApplied {
            rows,
            applied: vec![],
        });
    }
    db.write(|tx| {
        let rows = preview_in(tx.conn(), &files, today)?;
        let applied = chosen(&rows, accept)?;
        if applied.is_empty() {
            return Err(Error::Conflict("台账在预览之后有了改动，请重新导入".into()));
        }
        for p in rows.iter().filter(|p| applied.contains(&p.no)) {
            let entry = progress::add_in_tx(tx, &p.input(), &[], today).map_err(|e| {
                Error::invalid(
                    "accept",
                    format!("第 {} 项（任务 {}）不能导入：{e}", p.no, p.task_id),
                )
            })?;
            store::record_in_tx(tx, &p.row_key, p.task_id, entry.id, &p.unit)?;
        }
        let files: Vec<&str> = files.iter().map(|(f, _)| f.as_str()).collect();
        tx.audit::<(), _>("import", "fill_in", None, None, Some(&(files, &applied)))?;
        Ok(FillInApplied { rows, applied })
    })
}
