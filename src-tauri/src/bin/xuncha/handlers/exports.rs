//! 导出、导入、文稿和台账模板: `xuncha export …` (the format follows the file's
//! extension), `xuncha import`, `xuncha document …` and `xuncha template …`, each through
//! the one application function the desktop calls too.

use std::collections::HashMap;

use chrono::NaiveDate;
use xuncha::app::exports::{self, DocumentKind, ExportOptions};
use xuncha::app::{imports, inspections};
use xuncha::db::Db;
use xuncha::export::xlsx::saved;
use xuncha::import::mapping::parse_choices;
use xuncha::import::Target;
use xuncha::{Error, Result};

use crate::args::*;
use crate::output;

/// `xuncha export …`.
pub(super) fn export(db: &Db, j: bool, c: &ExportCmd, today: NaiveDate) -> Result<()> {
    let one = |a: &DocArgs| ExportOptions {
        inspection_id: a.inspection,
        ..Default::default()
    };
    let (kind, options, out) = match c {
        ExportCmd::Feedback(a) => (DocumentKind::Feedback, one(a), &a.out),
        ExportCmd::Report(a) => (
            DocumentKind::StatusReport,
            ExportOptions {
                endorsement: a.endorsement,
                ..one(&a.doc)
            },
            &a.doc.out,
        ),
        ExportCmd::PrincipalReport(a) => (
            DocumentKind::PrincipalReport,
            ExportOptions {
                endorsement: a.endorsement,
                ..one(&a.doc)
            },
            &a.doc.out,
        ),
        ExportCmd::Plan(a) => (
            DocumentKind::Plan,
            ExportOptions {
                problem_list: a.problem_list,
                responsibility_list: a.responsibility_list,
                ..one(&a.doc)
            },
            &a.doc.out,
        ),
        ExportCmd::Notice(a) => (
            DocumentKind::Notice,
            ExportOptions {
                public: a.public,
                ..one(&a.doc)
            },
            &a.doc.out,
        ),
        ExportCmd::MeetingReport(a) => (DocumentKind::MeetingReport, one(a), &a.out),
        ExportCmd::Weekly(a) => (DocumentKind::Weekly, one(a), &a.out),
        ExportCmd::Ledger(a) => (
            DocumentKind::Ledger,
            ExportOptions {
                inspection_id: a.scope.inspection,
                all_inspections: a.scope.all,
                public: a.public,
                template: a.template.clone(),
                ..Default::default()
            },
            &a.out,
        ),
        ExportCmd::Supervision(a) => (
            DocumentKind::Supervision,
            ExportOptions {
                inspection_id: a.inspection,
                reissue: a.reissue,
                ..Default::default()
            },
            &a.out,
        ),
        ExportCmd::Closeout(a) => (
            DocumentKind::Closeout,
            ExportOptions {
                inspection_id: a.inspection,
                task_id: a.task,
                with_evidence: a.with_evidence,
                ..Default::default()
            },
            &a.out,
        ),
        ExportCmd::Leads { out, scope } => (
            DocumentKind::Leads,
            ExportOptions {
                inspection_id: scope.inspection,
                all_inspections: scope.all,
                ..Default::default()
            },
            out,
        ),
    };
    let r = exports::export(db, kind, &options, out, today)?;
    let detail = match kind {
        DocumentKind::Ledger => format!("（{} 个反馈问题，{} 项整改任务）", r.findings, r.tasks),
        DocumentKind::Leads => format!(
            "（{} 条，已移交 {} 条）。本表仅限巡察组内部掌握，请妥善保管，不得外传",
            r.leads, r.leads_transferred
        ),
        DocumentKind::Supervision => format!(
            "（{} 份函件，其中本次新发 {} 份）",
            r.letters, r.letters_issued
        ),
        DocumentKind::Closeout => format!("（{} 项任务）", r.dossiers),
        _ => String::new(),
    };
    output::done(
        j,
        &format!(
            "已导出{}（{}）：{}{detail}",
            r.what,
            r.format.label(),
            out.display()
        ),
        &r,
    )
}

/// The document a `document` command names.
pub(super) fn kind(k: DocKind) -> DocumentKind {
    match k {
        DocKind::Feedback => DocumentKind::Feedback,
        DocKind::Report => DocumentKind::StatusReport,
        DocKind::Plan => DocumentKind::Plan,
        DocKind::PrincipalReport => DocumentKind::PrincipalReport,
        DocKind::Notice => DocumentKind::Notice,
        DocKind::MeetingReport => DocumentKind::MeetingReport,
        DocKind::Supervision => DocumentKind::Supervision,
        DocKind::Closeout => DocumentKind::Closeout,
    }
}

/// `xuncha document show|edit|reset`: a document's paragraphs before printing.
pub(super) fn document(db: &Db, j: bool, c: &DocumentCmd, today: NaiveDate) -> Result<()> {
    let which = |id: Option<i64>| -> Result<i64> { Ok(inspections::resolve(db, id)?.id) };
    match c {
        DocumentCmd::Show {
            kind: k,
            inspection,
        } => {
            let doc = exports::compose(db, kind(*k), which(*inspection)?, today)?;
            if j {
                return output::json(&doc);
            }
            println!("{}", doc.title);
            for b in &doc.blocks {
                if let Some(id) = b.id() {
                    println!("[{id}] {}", b.text());
                }
            }
            Ok(())
        }
        DocumentCmd::Edit {
            kind: k,
            inspection,
            id,
            text,
        } => {
            let edits = HashMap::from([(id.clone(), text.clone())]);
            let doc = exports::save_edits(db, kind(*k), which(*inspection)?, &edits, today)?;
            output::done(j, &format!("已保存段落 {id} 的修改"), &doc)
        }
        DocumentCmd::Reset {
            kind: k,
            inspection,
        } => {
            exports::reset(db, kind(*k), which(*inspection)?, today)?;
            output::done(
                j,
                "已放弃修改，将按当前数据重新生成",
                &serde_json::json!({ "reset": true }),
            )
        }
    }
}

/// `xuncha import`: the dry run prints the plan; otherwise it is written in one transaction.
pub(super) fn import(db: &Db, j: bool, a: &ImportArgs, today: NaiveDate) -> Result<()> {
    let target =
        match (&a.inspection, &a.new_inspection) {
            (Some(id), _) => Target::Inspection(*id),
            (None, Some(name)) => Target::NewInspection(name.clone()),
            (None, None) => return Err(Error::invalid(
                "inspection",
                "请用 --inspection 编号 指定导入到哪个巡察，或用 --new-inspection 名称 新建巡察",
            )),
        };
    let choices = imports::ImportChoices {
        sheet: a.sheet.clone(),
        mapping: match &a.map {
            Some(spec) => parse_choices(spec)?,
            None => Vec::new(),
        },
        skip_faulty: a.skip_errors,
    };
    if a.dry_run {
        let plan = imports::preview(db, &a.file, &target, today, &choices)?;
        if j {
            return output::json(&plan);
        }
        print!("{}", plan.report());
        if plan.has_errors() {
            println!(
                "请先改正上述错误，再去掉 --dry-run 导入；或加 --skip-errors 只导入没有错误的行。"
            );
        } else {
            println!("检查通过：去掉 --dry-run 即可导入。");
        }
        return Ok(());
    }
    let (plan, outcome) = imports::apply(db, &a.file, &target, today, &choices)?;
    if !j {
        for i in &plan.issues {
            eprintln!("[提示] {}：{}", i.place(), i.message);
        }
    }
    output::done(
        j,
        &format!(
            "已导入到巡察 {}：新增类别 {} 个，新增反馈问题 {} 个（已有 {} 个），新增整改任务 {} 项，更新 {} 项，新增整改进展 {} 条{}{}",
            outcome.inspection_id,
            outcome.categories_added,
            outcome.findings_added,
            outcome.findings_matched,
            outcome.tasks_added,
            outcome.tasks_updated,
            outcome.progress_added,
            skipped_and_saved(&outcome),
            if outcome.changes.is_empty() {
                String::new()
            } else {
                format!("\n{}", outcome.changes.join("\n"))
            }
        ),
        &outcome,
    )
}

/// The rows left out and whether the mapping was kept, as the import's report says them.
fn skipped_and_saved(o: &xuncha::import::ImportOutcome) -> String {
    let mut s = String::new();
    if o.closed_as_recorded > 0 {
        s.push_str(&format!(
            "，按台账记载的复查验收销号 {} 项",
            o.closed_as_recorded
        ));
    }
    if !o.skipped_rows.is_empty() {
        let rows: Vec<String> = o.skipped_rows.iter().map(|r| r.to_string()).collect();
        s.push_str(&format!("；有错误未导入的行：第{}行", rows.join("、")));
    }
    if o.mapping_saved {
        s.push_str("；列对应关系已保存，表头相同的文件下次自动使用");
    }
    s
}

/// `xuncha template save|list|show|delete`.
pub(super) fn template(db: &Db, j: bool, c: &TemplateCmd) -> Result<()> {
    match c {
        TemplateCmd::Save { name, file } => {
            let tpl = exports::template_file(file)?;
            exports::save_template(db, name, &tpl)?;
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
            let all = exports::templates(db)?;
            if !j {
                println!("{}（内置官方格式）", saved::DEFAULT_NAME);
            }
            output::list(j, &all, None, |s| {
                format!("{}：{}", s.name, s.template.title)
            })
        }
        TemplateCmd::Show { name } => output::json(&exports::ledger_template(db, Some(name))?),
        TemplateCmd::Delete { name } => {
            exports::delete_template(db, name)?;
            output::done(j, &format!("已删除台账模板“{}”", name.trim()), &name.trim())
        }
    }
}
