//! `xuncha export ledger` and `xuncha import`: the Excel ledger out and in, through the
//! same core functions the desktop calls.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use xuncha::db::{inspections, leads, ledger, Db};
use xuncha::export::xlsx::{self, saved, LedgerTemplate};
use xuncha::import::{self, Target};
use xuncha::{Error, Result};

use crate::args::{ImportArgs, TemplateCmd};
use crate::output;

/// A template by name (saved in the database, 默认 = the official layout) or from a JSON
/// file.
fn template(db: &Db, name: Option<&str>) -> Result<LedgerTemplate> {
    let Some(name) = name else {
        return Ok(LedgerTemplate::default());
    };
    let path = Path::new(name);
    if path.extension().is_some_and(|e| e == "json") && path.exists() {
        return template_file(path);
    }
    db.read(|c| saved::load(c, name))
}

fn template_file(path: &Path) -> Result<LedgerTemplate> {
    let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::invalid("file", format!("找不到模板文件“{}”", path.display()))
        }
        _ => Error::io(path, e),
    })?;
    LedgerTemplate::from_json(&text)
        .map_err(|e| Error::invalid("file", format!("模板文件“{}”有误：{e}", path.display())))
}

/// `xuncha template save|list|show|delete`.
pub fn template_cmd(db: &Db, j: bool, c: &TemplateCmd) -> Result<()> {
    match c {
        TemplateCmd::Save { name, file } => {
            let tpl = template_file(file)?;
            db.write(|tx| saved::save_in_tx(tx, name, &tpl))?;
            output::done(
                j,
                &format!(
                    "已保存台账模板“{}”（{} 列，工作表：{}）；导出时用 --template {}",
                    name.trim(),
                    tpl.columns.len(),
                    tpl.sheets
                        .iter()
                        .map(|s| s.name())
                        .collect::<Vec<_>>()
                        .join("、"),
                    name.trim()
                ),
                &tpl,
            )
        }
        TemplateCmd::List => {
            let all = db.read(saved::list)?;
            if !j {
                println!("{}（内置官方格式）", saved::DEFAULT_NAME);
            }
            output::list(j, &all, None, |s| {
                format!("{}：{}", s.name, s.template.title)
            })
        }
        TemplateCmd::Show { name } => output::json(&db.read(|c| saved::load(c, name))?),
        TemplateCmd::Delete { name } => {
            db.write(|tx| saved::delete_in_tx(tx, name))?;
            output::done(j, &format!("已删除台账模板“{}”", name.trim()), &name.trim())
        }
    }
}

/// Which ledger `export ledger` writes.
pub struct LedgerExport<'a> {
    /// One inspection, or all.
    pub inspection: Option<i64>,
    pub template: Option<&'a str>,
    /// The 公开版 (names masked).
    pub public: bool,
}

/// The inspections asked for: one, or all (refused when there are none).
fn inspection_ids(db: &Db, inspection: Option<i64>, what: &str) -> Result<Vec<i64>> {
    let ids: Vec<i64> = match inspection {
        Some(id) => vec![db.read(|c| inspections::get(c, id))?.id],
        None => db.read(inspections::list)?.iter().map(|i| i.id).collect(),
    };
    if ids.is_empty() {
        return Err(Error::invalid(
            "inspection",
            format!("还没有任何巡察，无法导出{what}"),
        ));
    }
    Ok(ids)
}

/// Exports the ledger of one inspection, or of all.
pub fn export_ledger(
    db: &Db,
    j: bool,
    out: &Path,
    what: &LedgerExport<'_>,
    today: NaiveDate,
) -> Result<()> {
    let tpl = template(db, what.template)?;
    let ids = inspection_ids(db, what.inspection, "台账")?;
    let all = ids
        .iter()
        .map(|id| ledger::load(db, *id, today))
        .collect::<Result<Vec<_>>>()?;
    let summary = if what.public {
        let people = xuncha::documents::directory_people(db)?;
        xlsx::write_public_ledgers(&all, &people, &tpl, out)?
    } else {
        xlsx::write_ledgers(&all, &tpl, out)?
    };
    output::done(
        j,
        &format!(
            "已导出整改台账{}：{}（{} 个反馈问题，{} 项整改任务；工作表：{}）",
            if what.public { "（公开版）" } else { "" },
            out.display(),
            summary.findings,
            summary.tasks,
            summary.sheets.join("、")
        ),
        &summary,
    )
}

/// Exports the leads (问题线索) of one inspection, or of all, to their own confidential
/// workbook.
pub fn export_leads(db: &Db, j: bool, out: &Path, inspection: Option<i64>) -> Result<()> {
    let ids = inspection_ids(db, inspection, "问题线索")?;
    let groups = db.read(|c| {
        ids.iter()
            .map(|id| Ok((inspections::get(c, *id)?, leads::list(c, *id)?)))
            .collect::<Result<Vec<_>>>()
    })?;
    let summary = xlsx::leads::write_leads(&groups, out)?;
    output::done(
        j,
        &format!(
            "已导出问题线索清单（保密）：{}（{} 条，已移交 {} 条）。本表仅限巡察组内部掌握，请妥善保管，不得外传",
            out.display(),
            summary.leads,
            summary.transferred
        ),
        &summary,
    )
}

/// Reads a ledger; prints the plan on a dry run, otherwise writes it in one transaction.
pub fn import(db: &Db, j: bool, a: &ImportArgs, today: NaiveDate) -> Result<()> {
    let target =
        match (&a.inspection, &a.new_inspection) {
            (Some(id), _) => Target::Inspection(*id),
            (None, Some(name)) => Target::NewInspection(name.clone()),
            (None, None) => return Err(Error::invalid(
                "inspection",
                "请用 --inspection 编号 指定导入到哪个巡察，或用 --new-inspection 名称 新建巡察",
            )),
        };
    let year = match &target {
        Target::Inspection(id) => db
            .read(|c| inspections::get(c, *id))?
            .feedback_date
            .map_or(today.year(), |d| d.year()),
        Target::NewInspection(_) => today.year(),
    };
    let plan = import::xlsx::read_ledger(&a.file, year)?;
    if a.dry_run {
        if j {
            return output::json(&plan);
        }
        print!("{}", plan.report());
        if plan.has_errors() {
            println!("请先改正上述错误，再去掉 --dry-run 导入。");
        } else {
            println!("检查通过：去掉 --dry-run 即可导入。");
        }
        return Ok(());
    }
    let outcome = import::apply(db, &plan, &target, today)?;
    if !j {
        for i in &plan.issues {
            eprintln!("[提示] {}：{}", i.place(), i.message);
        }
    }
    output::done(
        j,
        &format!(
            "已导入到巡察 {}：新增类别 {} 个，新增反馈问题 {} 个（已有 {} 个），新增整改任务 {} 项，更新 {} 项，新增整改进展 {} 条{}",
            outcome.inspection_id,
            outcome.categories_added,
            outcome.findings_added,
            outcome.findings_matched,
            outcome.tasks_added,
            outcome.tasks_updated,
            outcome.progress_added,
            if outcome.changes.is_empty() {
                String::new()
            } else {
                format!("\n{}", outcome.changes.join("\n"))
            }
        ),
        &outcome,
    )
}
