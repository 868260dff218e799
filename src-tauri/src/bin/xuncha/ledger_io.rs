//! `xuncha export ledger` and `xuncha import`: the Excel ledger out and in, through the
//! same core functions the desktop calls.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use xuncha::db::{inspections, ledger, settings, Db};
use xuncha::export::xlsx::{self, LedgerTemplate};
use xuncha::import::{self, Target};
use xuncha::{Error, Result};

use crate::args::ImportArgs;
use crate::output;

/// Settings key under which a named ledger template is saved (JSON).
pub fn template_key(name: &str) -> String {
    format!("ledger_template.{name}")
}

/// A template by name (saved in the database) or from a JSON file.
fn template(db: &Db, name: Option<&str>) -> Result<LedgerTemplate> {
    let Some(name) = name else {
        return Ok(LedgerTemplate::default());
    };
    let path = Path::new(name);
    if path.extension().is_some_and(|e| e == "json") && path.exists() {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        return LedgerTemplate::from_json(&text);
    }
    match db.read(|c| settings::get(c, &template_key(name)))? {
        Some(json) => LedgerTemplate::from_json(&json),
        None => Err(Error::invalid(
            "template",
            format!("没有名为“{name}”的台账模板：可用已保存的模板名称，或一个模板 JSON 文件"),
        )),
    }
}

/// Exports the ledger of one inspection, or of all.
pub fn export_ledger(
    db: &Db,
    j: bool,
    out: &Path,
    inspection: Option<i64>,
    template_name: Option<&str>,
    today: NaiveDate,
) -> Result<()> {
    let tpl = template(db, template_name)?;
    let ids: Vec<i64> = match inspection {
        Some(id) => vec![id],
        None => db.read(inspections::list)?.iter().map(|i| i.id).collect(),
    };
    if ids.is_empty() {
        return Err(Error::invalid("inspection", "还没有任何巡察，无法导出台账"));
    }
    let all = ids
        .iter()
        .map(|id| ledger::load(db, *id, today))
        .collect::<Result<Vec<_>>>()?;
    let summary = xlsx::write_ledgers(&all, &tpl, out)?;
    output::done(
        j,
        &format!(
            "已导出整改台账：{}（{} 个反馈问题，{} 项整改任务；工作表：{}）",
            out.display(),
            summary.findings,
            summary.tasks,
            summary.sheets.join("、")
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
            "已导入到巡察 {}：新增类别 {} 个，新增反馈问题 {} 个（已有 {} 个），新增整改任务 {} 项，更新 {} 项{}",
            outcome.inspection_id,
            outcome.categories_added,
            outcome.findings_added,
            outcome.findings_matched,
            outcome.tasks_added,
            outcome.tasks_updated,
            if outcome.changes.is_empty() {
                String::new()
            } else {
                format!("\n{}", outcome.changes.join("\n"))
            }
        ),
        &outcome,
    )
}
