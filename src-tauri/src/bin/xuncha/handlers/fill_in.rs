//! `xuncha fill-in export|import`: fill-in workbooks (填报表) for units without the app.

use chrono::NaiveDate;
use xuncha::app::fill_in::{self as app, Accept};
use xuncha::db::Db;
use xuncha::fill_in::preview::PreviewRow;
use xuncha::{Error, Result};

use super::which;
use crate::args::FillInCmd;
use crate::output;

pub(super) fn fill_in(db: &Db, j: bool, c: &FillInCmd, today: NaiveDate) -> Result<()> {
    match c {
        FillInCmd::Export {
            inspection,
            unit,
            all_units,
            out,
        } => {
            let id = which(db, *inspection)?;
            let written = match (unit, all_units) {
                (Some(u), false) => vec![app::export_unit(db, id, u, out, today)?],
                _ => app::export_all(db, id, out, today)?,
            };
            output::list(j, &written, None, |w| {
                format!(
                    "已导出“{}”的填报表（{} 项任务）：{}",
                    w.unit,
                    w.tasks,
                    w.file.display()
                )
            })
        }
        FillInCmd::Import {
            files,
            inspection,
            dry_run,
            accept,
        } => {
            let id = which(db, *inspection)?;
            if *dry_run {
                let rows = app::preview(db, id, files, today)?;
                return output::list(j, &rows, Some("填报表中没有任务"), line);
            }
            let done = app::apply(db, id, files, &parse_accept(accept)?, today)?;
            if j {
                return output::json(&done);
            }
            for p in &done.rows {
                let mark = if done.applied.contains(&p.no) {
                    "已导入"
                } else {
                    "未导入"
                };
                println!("{}  {mark}", line(p));
            }
            match done.applied.len() {
                0 => println!("没有可导入的内容，未写入任何数据"),
                n => println!("已导入 {n} 项"),
            }
            Ok(())
        }
    }
}

/// `all`, or row numbers of the preview: 1,3.
fn parse_accept(text: &str) -> Result<Accept> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("all") || t == "全部" {
        return Ok(Accept::All);
    }
    let rows = t
        .split([',', '，', '、'])
        .map(|n| n.trim().parse::<usize>())
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|_| {
            Error::invalid(
                "accept",
                format!("“{text}”无法识别：请写 all，或预览中的序号，如 1,3"),
            )
        })?;
    Ok(Accept::Rows(rows))
}

/// One preview row: 3  财务科填报.xlsx 第 6 行  任务 12  （一）1  新进展  …
fn line(p: &PreviewRow) -> String {
    let status = p
        .status_to
        .map(|to| format!("  {} → {}", p.status_now.label(), to.label()))
        .unwrap_or_default();
    let text = if p.message.is_empty() {
        &p.text
    } else {
        &p.message
    };
    format!(
        "{}  {} 第 {} 行  任务 {}  {}  {}{status}  {}",
        p.no,
        p.file,
        p.row,
        p.task_id,
        p.finding_number,
        p.change.label(),
        text.replace('\n', " / ")
    )
}
