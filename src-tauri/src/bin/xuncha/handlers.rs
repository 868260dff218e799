//! One handler per command: parse the arguments into core inputs, call the core once,
//! print the result.

use std::path::Path;

use chrono::NaiveDate;
use xuncha::db::{
    self, audit, closeout, directory, findings, inspections, leads, records, tasks, Db,
};
use xuncha::domain::*;
use xuncha::{Error, Result};

use crate::args::*;
use crate::output;

/// Runs the command.
pub fn dispatch(db: &Db, cli: &Cli, path: &Path) -> Result<()> {
    let j = cli.json;
    let today = db::today();
    match &cli.command {
        Command::Init => {
            println!("数据库已就绪：{}", path.display());
            Ok(())
        }
        Command::Demo => {
            let id = xuncha::demo::load(db, today)?;
            output::created(j, id, "示例巡察", &db.read(|c| inspections::get(c, id))?)
        }
        Command::Config { key, value } => config(db, j, key.as_deref(), value.as_deref()),
        Command::Inspection(c) => inspection(db, j, c),
        Command::Category(c) => category(db, j, c),
        Command::Finding(c) => finding(db, j, c, today),
        Command::Task(c) => task(db, j, c, today),
        Command::Progress(c) => progress(db, j, c, today),
        Command::CloseOut(c) => close_out(db, j, c, today),
        Command::Reopen { task, reason, date } => {
            let on = opt_date("date", date.as_deref())?.unwrap_or(today);
            let r = db.write(|tx| closeout::reopen_in_tx(tx, *task, reason, on))?;
            output::done(
                j,
                &format!("任务 {task} 已重新打开，状态改为“正在推进”"),
                &r,
            )
        }
        Command::Lead(c) => lead(db, j, c),
        Command::Immediate(c) => immediate(db, j, c),
        Command::Recommendation(c) => recommendation(db, j, c),
        Command::Regulation(c) => regulation(db, j, c),
        Command::Accountability(c) => accountability(db, j, c),
        Command::FollowUp(c) => follow_up(db, j, c, today),
        Command::Paper(c) => paper(db, j, c, today),
        Command::Directory(c) => directory_cmd(db, j, c),
        Command::Calendar(c) => calendar(db, j, c),
        Command::List(ListCmd::Findings { inspection }) => list_findings(db, j, *inspection, today),
        Command::List(ListCmd::Tasks(f)) => list_tasks(db, j, f, today),
        Command::Stats { inspection } => stats(db, j, *inspection, today),
        Command::Deadlines { inspection } => deadlines(db, j, *inspection),
        Command::Backup { out } => {
            let s = db::backup::to_file(db, out)?;
            output::done(
                j,
                &format!(
                    "已备份到 {}（{} KB，佐证材料 {} 个）",
                    s.path.display(),
                    s.bytes / 1024,
                    s.evidence_files
                ),
                &s,
            )
        }
        Command::Backups => {
            let all = db::backup::list(path);
            if j {
                return output::json(&all);
            }
            if all.is_empty() {
                println!("还没有自动备份");
            }
            for b in all {
                println!(
                    "{}  {}（{} KB{}）",
                    b.made_at,
                    b.path.display(),
                    b.bytes / 1024,
                    if b.encrypted { "，已加密" } else { "" }
                );
            }
            Ok(())
        }
        Command::Restore {
            file,
            backup_password_stdin,
        } => crate::password::restore(db, j, file, *backup_password_stdin),
        Command::Database(c) => crate::password::database(db, j, c, path),
        Command::VerifyAudit => verify(db, j),
        Command::Export(ExportCmd::Ledger {
            out,
            inspection,
            template,
            public,
        }) if is_pdf(out) => {
            if template.is_some() {
                return Err(Error::invalid(
                    "template",
                    "PDF 台账按官方格式排版，不使用模板：请导出为 .xlsx 使用模板，或去掉 --template",
                ));
            }
            crate::documents::export_ledger_pdf(db, j, out, *inspection, *public, today)
        }
        Command::Export(ExportCmd::Ledger {
            out,
            inspection,
            template,
            public,
        }) => {
            let what = crate::ledger_io::LedgerExport {
                inspection: *inspection,
                template: template.as_deref(),
                public: *public,
            };
            crate::ledger_io::export_ledger(db, j, out, &what, today)
        }
        Command::Export(ExportCmd::Leads { out, inspection }) => {
            crate::ledger_io::export_leads(db, j, out, *inspection)
        }
        Command::Export(ExportCmd::Feedback(a)) => {
            crate::documents::export_editable(db, j, DocKind::Feedback, a, today)
        }
        Command::Export(ExportCmd::Report(a)) => {
            crate::documents::export_editable(db, j, DocKind::Report, a, today)
        }
        Command::Export(ExportCmd::Weekly(a)) => crate::documents::export_weekly(db, j, a, today),
        Command::Document(c) => crate::documents::document(db, j, c, today),
        Command::Import(a) => crate::ledger_io::import(db, j, a, today),
        Command::Template(c) => crate::ledger_io::template_cmd(db, j, c),
        Command::Audit { limit, entity } => {
            let rows = db.read(|c| audit::recent(c, entity.as_deref(), *limit))?;
            if j {
                return output::json(&rows);
            }
            for r in rows {
                println!(
                    "{}  {}  {} {} {}",
                    r.at,
                    r.operator,
                    r.action,
                    r.entity,
                    r.entity_id.map(|i| i.to_string()).unwrap_or_default()
                );
            }
            Ok(())
        }
    }
}

/// Whether an output path asks for PDF.
fn is_pdf(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// Parses an optional date argument, naming the field on error.
fn opt_date(field: &str, text: Option<&str>) -> Result<Option<NaiveDate>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => dates::parse_date(t, None).map(Some).ok_or_else(|| {
            Error::invalid(
                field,
                format!("日期“{t}”无法识别，请写成 2025-03-31 或 2025年3月31日"),
            )
        }),
    }
}

fn req_date(field: &str, text: &str) -> Result<NaiveDate> {
    opt_date(field, Some(text))?.ok_or_else(|| Error::invalid(field, "日期不能为空"))
}

fn inspection_input(f: &InspectionFields) -> Result<InspectionInput> {
    Ok(InspectionInput {
        name: f.name.clone(),
        round: f.round.clone(),
        kind: f
            .kind
            .as_deref()
            .map(|k| InspectionKind::parse_field(k, "kind"))
            .transpose()?,
        team: f.team.clone(),
        team_leader: f.team_leader.clone(),
        deputy_leader: f.deputy_leader.clone(),
        team_members: f.team_members.as_deref().map(names::split_names),
        inspected_org: f.inspected_org.clone(),
        org_secretary: f.org_secretary.clone(),
        unit_name: f.unit_name.clone(),
        authority: f.authority.clone(),
        onsite_start: opt_date("onsite_start", f.onsite_start.as_deref())?,
        onsite_end: opt_date("onsite_end", f.onsite_end.as_deref())?,
        feedback_date: opt_date("feedback_date", f.feedback_date.as_deref())?,
        plan_due_workdays: f.plan_due_workdays,
        meeting_due_months: f.meeting_due_months,
        report_due_months: f.report_due_months,
    })
}

fn config(db: &Db, j: bool, key: Option<&str>, value: Option<&str>) -> Result<()> {
    use xuncha::db::settings;
    match (key, value) {
        (None, _) => {
            let all = db.read(settings::all)?;
            if j {
                return output::json(&all);
            }
            for (k, v) in all {
                println!("{k} = {v}");
            }
            Ok(())
        }
        (Some(k), None) => {
            let v = db.read(|c| settings::get(c, k))?;
            println!("{}", v.unwrap_or_default());
            Ok(())
        }
        (Some(k), Some(v)) => {
            let v = match k {
                settings::OPERATOR => {
                    validate::required_text("operator", "操作人", v, validate::limits::NAME)?;
                    v.trim().to_owned()
                }
                settings::STRICT_DIRECTORY => match v {
                    "true" | "是" | "开" | "on" => "true".to_owned(),
                    "false" | "否" | "关" | "off" => "false".to_owned(),
                    _ => {
                        return Err(Error::invalid(
                            "strict_directory",
                            "严格名录模式只能设为 true 或 false",
                        ))
                    }
                },
                _ => {
                    return Err(Error::invalid(
                        "key",
                        format!("未知设置项“{k}”，可用：operator、strict_directory"),
                    ))
                }
            };
            db.write(|tx| settings::set_in_tx(tx, k, &v))?;
            println!("{k} = {v}");
            Ok(())
        }
    }
}

fn inspection(db: &Db, j: bool, c: &InspectionCmd) -> Result<()> {
    match c {
        InspectionCmd::Add(f) => {
            let input = inspection_input(f)?;
            let i = db.write(|tx| inspections::add_in_tx(tx, &input))?;
            output::created(j, i.id, &format!("巡察“{}”", i.name), &i)
        }
        InspectionCmd::Edit { id, fields } => {
            let input = inspection_input(fields)?;
            let i = db.write(|tx| inspections::edit_in_tx(tx, *id, &input))?;
            output::done(j, &format!("已修改巡察“{}”", i.name), &i)
        }
        InspectionCmd::List => {
            let all = db.read(inspections::list)?;
            if j {
                return output::json(&all);
            }
            if all.is_empty() {
                println!(
                    "还没有巡察。可用 xuncha inspection add 新建，或 xuncha demo 载入示例数据"
                );
            }
            for i in all {
                println!(
                    "{}  {}（{}，反馈日期 {}）",
                    i.id,
                    i.name,
                    i.kind.label(),
                    output::date(i.feedback_date)
                );
            }
            Ok(())
        }
        InspectionCmd::DualReview { id, state } => {
            let on = state == "on";
            let i = db.write(|tx| inspections::set_dual_review_in_tx(tx, *id, on))?;
            let what = if on { "开启" } else { "关闭" };
            output::done(j, &format!("巡察 {id} 的销号双审核已{what}"), &i)
        }
        InspectionCmd::Show { id } => {
            let (i, d, cats) = db.read(|c| {
                let i = inspections::get(c, *id)?;
                let d = inspections::deadlines(c, &i)?;
                Ok((i, d, inspections::categories(c, *id)?))
            })?;
            if j {
                return output::json(&serde_json::json!({
                    "inspection": i, "deadlines": d, "categories": cats
                }));
            }
            println!("{}（编号 {}）", i.name, i.id);
            println!("  类型：{}　轮次：{}", i.kind.label(), i.round);
            println!(
                "  巡察组：{}　组长：{}　副组长：{}",
                i.team, i.team_leader, i.deputy_leader
            );
            println!(
                "  被巡察党组织：{}　书记：{}",
                i.inspected_org, i.org_secretary
            );
            println!(
                "  进驻：{}　撤离：{}　反馈：{}",
                output::date(i.onsite_start),
                output::date(i.onsite_end),
                output::date(i.feedback_date)
            );
            if let Some(d) = d {
                println!(
                    "  整改方案报送：{}　民主生活会：{}　整改情况报告：{}",
                    dates::format_cn(d.plan_due),
                    dates::format_cn(d.meeting_due),
                    dates::format_cn(d.report_due)
                );
            }
            for c in cats {
                println!("  类别 {}：{}", c.seq, c.name);
            }
            Ok(())
        }
    }
}

/// The inspection a command means (explicit, or the most recent).
fn which(db: &Db, id: Option<i64>) -> Result<i64> {
    Ok(db.read(|c| inspections::resolve(c, id))?.id)
}

fn category(db: &Db, j: bool, c: &CategoryCmd) -> Result<()> {
    match c {
        CategoryCmd::Add { inspection, name } => {
            let id = which(db, *inspection)?;
            let cat = db.write(|tx| inspections::add_category_in_tx(tx, id, name))?;
            output::created(j, cat.id, &format!("问题类别“{}”", cat.name), &cat)
        }
        CategoryCmd::List { inspection } => {
            let id = which(db, *inspection)?;
            let cats = db.read(|c| inspections::categories(c, id))?;
            if j {
                return output::json(&cats);
            }
            for c in cats {
                println!("{}  {}. {}", c.id, c.seq, c.name);
            }
            Ok(())
        }
        CategoryCmd::Rename { id, name } => {
            let cat = db.write(|tx| inspections::rename_category_in_tx(tx, *id, name))?;
            output::done(j, &format!("已重命名为“{}”", cat.name), &cat)
        }
    }
}

fn nature(text: Option<&str>) -> Result<Option<Nature>> {
    text.map(|n| Nature::parse_field(n, "nature")).transpose()
}

fn finding(db: &Db, j: bool, c: &FindingCmd, today: NaiveDate) -> Result<()> {
    match c {
        FindingCmd::Add {
            inspection,
            fields: f,
        } => {
            let input = FindingInput {
                inspection_id: which(db, *inspection)?,
                category: f.category.clone().unwrap_or_default(),
                title: f.title.clone().unwrap_or_default(),
                manifestation: f.manifestation.clone().unwrap_or_default(),
                nature: nature(f.nature.as_deref())?,
                source: f.source.clone(),
                found_on: opt_date("found_on", f.found_on.as_deref())?,
                tags: f.tags.clone(),
            };
            let created = db.write(|tx| findings::add_in_tx(tx, &input))?;
            output::created(
                j,
                created.id,
                &format!("反馈问题第 {} 号", created.seq),
                &created,
            )
        }
        FindingCmd::List { inspection } => list_findings(db, j, *inspection, today),
        FindingCmd::Show { id } => {
            let f = db.read(|c| findings::get(c, *id, today))?;
            if j {
                return output::json(&f);
            }
            output::finding(&f);
            Ok(())
        }
        FindingCmd::Edit { id, fields: f } => {
            let patch = FindingPatch {
                category: f.category.clone(),
                title: f.title.clone(),
                manifestation: f.manifestation.clone(),
                nature: nature(f.nature.as_deref())?,
                source: f.source.clone(),
                found_on: opt_date("found_on", f.found_on.as_deref())?,
                tags: (!f.tags.is_empty()).then(|| f.tags.clone()),
            };
            let out = db.write(|tx| findings::edit_in_tx(tx, *id, &patch, today))?;
            output::done(j, &format!("已修改反馈问题第 {} 号", out.seq), &out)
        }
        FindingCmd::Delete { id } => {
            db.write(|tx| findings::delete_in_tx(tx, *id))?;
            output::done(
                j,
                &format!("已删除反馈问题 {id}"),
                &serde_json::json!({ "deleted": id }),
            )
        }
    }
}

fn assignment(a: &AssignmentArgs) -> AssignmentPatch {
    AssignmentPatch {
        lead_leader: a.lead_leader.clone(),
        responsible_leader: a.responsible_leader.clone(),
        lead_unit: a.lead_unit.clone(),
        responsible_units: a.responsible_units.as_deref().map(names::split_names),
        responsible_person: a.responsible_person.clone(),
    }
}

/// Deadline kind, date (`Some(None)` clears it) and milestones from the options.
type DeadlineParts = (
    Option<DeadlineKind>,
    Option<Option<NaiveDate>>,
    Option<Vec<Milestone>>,
);

/// Parses `--deadline` and `--milestone DATE:TARGET` options.
fn deadline_and_milestones(f: &TaskFields) -> Result<DeadlineParts> {
    let (kind, date) = match f.deadline.as_deref().map(str::trim) {
        None => (None, None),
        Some("") => (Some(DeadlineKind::Date), Some(None)),
        Some(t) => {
            let (k, d) = dates::parse_deadline(t, None)
                .map_err(|why| Error::invalid("deadline", format!("整改时限{why}")))?;
            (Some(k), Some(d))
        }
    };
    let mut milestones = vec![];
    for m in &f.milestones {
        let (d, target) = m.split_once([':', '：']).ok_or_else(|| {
            Error::invalid("milestones", format!("阶段目标“{m}”应写成“日期:目标”"))
        })?;
        milestones.push(Milestone {
            due_on: req_date("milestones", d)?,
            target: target.trim().to_owned(),
            done: false,
        });
    }
    let kind = match kind {
        None if !milestones.is_empty() => Some(DeadlineKind::LongTerm),
        k => k,
    };
    Ok((kind, date, (!milestones.is_empty()).then_some(milestones)))
}

fn task(db: &Db, j: bool, c: &TaskCmd, today: NaiveDate) -> Result<()> {
    match c {
        TaskCmd::Add {
            finding,
            fields,
            assignment: a,
            status,
        } => {
            let (kind, date, milestones) = deadline_and_milestones(fields)?;
            let input = TaskInput {
                finding_id: *finding,
                measure: fields.measure.clone().unwrap_or_default(),
                goal: fields.goal.clone().unwrap_or_default(),
                acceptance: fields.acceptance.clone().unwrap_or_default(),
                deadline_kind: kind,
                deadline: date.flatten(),
                milestones: milestones.unwrap_or_default(),
                assignment: assignment(a),
                note: fields.note.clone().unwrap_or_default(),
                status: status
                    .as_deref()
                    .map(|s| Status::parse_field(s, "status"))
                    .transpose()?,
            };
            let t = db.write(|tx| tasks::add_in_tx(tx, &input, today))?;
            output::created(j, t.id, "整改任务", &t)
        }
        TaskCmd::Assign { ids, assignment: a } => {
            let patch = assignment(a);
            let out = db.write(|tx| tasks::assign_in_tx(tx, ids, &patch, today))?;
            output::done(j, &format!("已为 {} 项任务完成分工", out.len()), &out)
        }
        TaskCmd::Edit { id, fields } => {
            let (kind, date, milestones) = deadline_and_milestones(fields)?;
            let patch = TaskPatch {
                measure: fields.measure.clone(),
                goal: fields.goal.clone(),
                acceptance: fields.acceptance.clone(),
                deadline_kind: kind,
                deadline: date,
                milestones,
                note: fields.note.clone(),
            };
            let t = db.write(|tx| tasks::edit_in_tx(tx, *id, &patch, today))?;
            output::done(j, &format!("已修改任务 {id}"), &t)
        }
        TaskCmd::Show { id } => {
            let (t, p) =
                db.read(|c| Ok((tasks::get(c, *id, today)?, db::progress::for_task(c, *id)?)))?;
            if j {
                let mut v = serde_json::to_value(&t)?;
                v["progress"] = serde_json::to_value(&p)?;
                return output::json(&v);
            }
            println!("{}", output::task_line(&t));
            for e in p {
                println!(
                    "    {} {}：{}",
                    dates::format_cn(e.entered_on),
                    e.by,
                    e.text
                );
                for f in e.evidence {
                    println!("      佐证材料：{}（{} 字节）", f.file_name, f.size);
                }
            }
            Ok(())
        }
        TaskCmd::List(f) => list_tasks(db, j, f, today),
        TaskCmd::Milestone { id, index, undo } => {
            if *index == 0 {
                return Err(Error::invalid("index", "阶段目标从 1 开始编号"));
            }
            let t =
                db.write(|tx| tasks::set_milestone_done_in_tx(tx, *id, index - 1, !undo, today))?;
            output::done(j, &format!("已更新任务 {id} 的第 {index} 个阶段目标"), &t)
        }
    }
}

fn progress(db: &Db, j: bool, c: &ProgressCmd, today: NaiveDate) -> Result<()> {
    match c {
        ProgressCmd::Add {
            task,
            text,
            status,
            evidence,
            date,
            by,
            funds,
        } => {
            let input = ProgressInput {
                task_id: *task,
                text: text.clone(),
                entered_on: opt_date("entered_on", date.as_deref())?,
                by: by.clone(),
                status: status
                    .as_deref()
                    .map(|s| Status::parse_field(s, "status"))
                    .transpose()?,
                funds_recovered: *funds,
                evidence: evidence.clone(),
            };
            let p = db::progress::add(db, &input, today)?;
            output::created(j, p.id, "整改进展", &p)
        }
        ProgressCmd::List { task } => {
            let p = db.read(|c| db::progress::for_task(c, *task))?;
            if j {
                return output::json(&p);
            }
            for e in p {
                println!("{}  {}  {}", dates::format_cn(e.entered_on), e.by, e.text);
            }
            Ok(())
        }
    }
}

fn close_out(db: &Db, j: bool, c: &CloseOutCmd, today: NaiveDate) -> Result<()> {
    match c {
        CloseOutCmd::Request {
            task,
            summary,
            date,
        } => {
            let on = opt_date("requested_on", date.as_deref())?.unwrap_or(today);
            let co = db.write(|tx| closeout::request_in_tx(tx, *task, summary, on))?;
            output::created(j, co.id, "销号申请", &co)
        }
        CloseOutCmd::Approve {
            task,
            approvers,
            verdict,
            date,
        } => {
            let review = closeout::Review {
                approve: true,
                approvers: approvers.clone(),
                verdict: verdict.clone(),
                on: opt_date("reviewed_on", date.as_deref())?.unwrap_or(today),
            };
            let co = db.write(|tx| closeout::review_in_tx(tx, *task, &review))?;
            let said = if co.state == CloseOutState::FirstApproved {
                format!("任务 {task} 初审通过，待终审")
            } else {
                format!("任务 {task} 已销号")
            };
            output::done(j, &said, &co)
        }
        CloseOutCmd::Reject {
            task,
            approvers,
            verdict,
            date,
        } => {
            let review = closeout::Review {
                approve: false,
                approvers: approvers.clone(),
                verdict: verdict.clone(),
                on: opt_date("reviewed_on", date.as_deref())?.unwrap_or(today),
            };
            let co = db.write(|tx| closeout::review_in_tx(tx, *task, &review))?;
            output::done(j, &format!("任务 {task} 的销号申请已退回"), &co)
        }
    }
}

fn lead(db: &Db, j: bool, c: &LeadCmd) -> Result<()> {
    match c {
        LeadCmd::Add {
            inspection,
            person,
            position,
            summary,
            found_on,
        } => {
            let input = leads::LeadInput {
                inspection_id: which(db, *inspection)?,
                person: person.clone(),
                position: position.clone(),
                summary: summary.clone(),
                found_on: opt_date("found_on", found_on.as_deref())?,
            };
            let l = db.write(|tx| leads::add_in_tx(tx, &input))?;
            output::created(j, l.id, "问题线索（保密）", &l)
        }
        LeadCmd::Transfer {
            id,
            to,
            date,
            receipt,
        } => {
            let t = Transfer {
                to: to.clone(),
                on: req_date("on", date)?,
                receipt_no: receipt.clone(),
            };
            let l = db.write(|tx| leads::transfer_in_tx(tx, *id, &t))?;
            output::done(j, &format!("线索 {id} 已移交{}", t.to), &l)
        }
        LeadCmd::List { inspection } => {
            let id = which(db, *inspection)?;
            let all = db.read(|c| leads::list(c, id))?;
            if j {
                return output::json(&all);
            }
            println!("【保密】问题线索");
            for l in all {
                let t = l
                    .transfer
                    .map(|t| format!("已于{}移交{}", dates::format_cn(t.on), t.to))
                    .unwrap_or_else(|| "未移交".into());
                println!(
                    "{}  {}（{}）：{}　{}",
                    l.id, l.person, l.position, l.summary, t
                );
            }
            Ok(())
        }
    }
}

fn immediate(db: &Db, j: bool, c: &ImmediateCmd) -> Result<()> {
    match c {
        ImmediateCmd::Add {
            inspection,
            finding,
            title,
            action,
            date,
        } => {
            let v = ImmediateFix {
                id: 0,
                inspection_id: which(db, *inspection)?,
                finding_id: *finding,
                title: title.clone(),
                action: action.clone(),
                fixed_on: opt_date("fixed_on", date.as_deref())?,
            };
            let out = db.write(|tx| records::add_immediate_fix_in_tx(tx, &v))?;
            output::created(j, out.id, "立行立改事项", &out)
        }
        ImmediateCmd::List { inspection } => {
            let id = which(db, *inspection)?;
            let all = db.read(|c| records::immediate_fixes(c, Some(id)))?;
            if j {
                return output::json(&all);
            }
            for v in all {
                println!(
                    "{}  {}：{}（{}）",
                    v.id,
                    v.title,
                    v.action,
                    output::date(v.fixed_on)
                );
            }
            Ok(())
        }
    }
}

fn recommendation(db: &Db, j: bool, c: &RecommendationCmd) -> Result<()> {
    match c {
        RecommendationCmd::Add { inspection, text } => {
            let id = which(db, *inspection)?;
            let out = db.write(|tx| records::add_recommendation_in_tx(tx, id, text))?;
            output::created(j, out.id, "意见建议", &out)
        }
        RecommendationCmd::List { inspection } => {
            let id = which(db, *inspection)?;
            let all = db.read(|c| records::recommendations(c, Some(id)))?;
            if j {
                return output::json(&all);
            }
            for v in all {
                println!("{}. {}", v.seq, v.text);
            }
            Ok(())
        }
    }
}

fn regulation(db: &Db, j: bool, c: &RegulationCmd) -> Result<()> {
    match c {
        RegulationCmd::Add {
            inspection,
            finding,
            name,
            action,
            date,
            doc_no,
        } => {
            let v = Regulation {
                id: 0,
                inspection_id: which(db, *inspection)?,
                finding_id: *finding,
                name: name.clone(),
                action: RegulationAction::parse_field(action, "action")?,
                issued_on: req_date("issued_on", date)?,
                doc_no: doc_no.clone(),
            };
            let out = db.write(|tx| records::add_regulation_in_tx(tx, &v))?;
            output::created(j, out.id, "建章立制", &out)
        }
        RegulationCmd::List { inspection } => {
            let id = which(db, *inspection)?;
            let all = db.read(|c| records::regulations(c, Some(id)))?;
            if j {
                return output::json(&all);
            }
            for v in all {
                println!(
                    "{}  【{}】{} {}（{}）",
                    v.id,
                    v.action.label(),
                    v.name,
                    v.doc_no,
                    dates::format_cn(v.issued_on)
                );
            }
            Ok(())
        }
    }
}

fn accountability(db: &Db, j: bool, c: &AccountabilityCmd) -> Result<()> {
    match c {
        AccountabilityCmd::Add {
            inspection,
            finding,
            person,
            position,
            form,
            date,
            notes,
        } => {
            let v = Accountability {
                id: 0,
                inspection_id: which(db, *inspection)?,
                finding_id: *finding,
                person: person.clone(),
                position: position.clone(),
                form: form.clone(),
                decided_on: req_date("decided_on", date)?,
                notes: notes.clone(),
            };
            let out = db.write(|tx| records::add_accountability_in_tx(tx, &v))?;
            output::created(j, out.id, "问责记录", &out)
        }
        AccountabilityCmd::List { inspection } => {
            let id = which(db, *inspection)?;
            let all = db.read(|c| records::accountabilities(c, Some(id)))?;
            if j {
                return output::json(&all);
            }
            for v in all {
                println!(
                    "{}  {}（{}）：{}（{}）",
                    v.id,
                    v.person,
                    v.position,
                    v.form,
                    dates::format_cn(v.decided_on)
                );
            }
            Ok(())
        }
    }
}

fn follow_up(db: &Db, j: bool, c: &FollowUpCmd, today: NaiveDate) -> Result<()> {
    match c {
        FollowUpCmd::Add {
            inspection,
            finding,
            task,
            result,
            date,
            by,
            notes,
        } => {
            let v = FollowUpCheck {
                id: 0,
                inspection_id: which(db, *inspection)?,
                finding_id: *finding,
                task_id: *task,
                checked_on: opt_date("checked_on", date.as_deref())?.unwrap_or(today),
                checked_by: by.clone(),
                result: FollowUpResult::parse_field(result, "result")?,
                notes: notes.clone(),
            };
            let out = db.write(|tx| records::add_follow_up_in_tx(tx, &v))?;
            output::created(j, out.id, "回头看记录", &out)
        }
        FollowUpCmd::List { inspection } => {
            let id = which(db, *inspection)?;
            let all = db.read(|c| records::follow_ups(c, Some(id)))?;
            if j {
                return output::json(&all);
            }
            for v in all {
                println!(
                    "{}  {}  {}：{}",
                    v.id,
                    dates::format_cn(v.checked_on),
                    v.result.label(),
                    v.notes
                );
            }
            Ok(())
        }
    }
}

fn paper(db: &Db, j: bool, c: &PaperCmd, today: NaiveDate) -> Result<()> {
    match c {
        PaperCmd::Add {
            inspection,
            number,
            title,
            manifestation,
            basis,
            evidence,
            principal_responsibility,
            first_responsible,
            supervisory_responsibility,
            found_by,
            found_on,
        } => {
            let v = WorkingPaper {
                id: 0,
                inspection_id: which(db, *inspection)?,
                number: number.clone(),
                title: title.clone(),
                manifestation: manifestation.clone(),
                basis: basis.clone(),
                evidence_list: evidence.clone(),
                principal_responsibility: principal_responsibility.clone(),
                first_responsible: first_responsible.clone(),
                supervisory_responsibility: supervisory_responsibility.clone(),
                found_by: found_by.clone(),
                found_on: opt_date("found_on", found_on.as_deref())?,
                review: String::new(),
                signed_by: String::new(),
                status: PaperStatus::Draft,
                finding_id: None,
            };
            let out = db.write(|tx| records::add_working_paper_in_tx(tx, &v))?;
            output::created(j, out.id, "问题底稿", &out)
        }
        PaperCmd::Approve {
            id,
            category,
            signed_by,
            review,
            nature: n,
        } => {
            let n = Nature::parse_field(n, "nature")?;
            let f = db.write(|tx| {
                records::approve_working_paper_in_tx(tx, *id, category, signed_by, review, n, today)
            })?;
            output::done(
                j,
                &format!("底稿已审定，转为反馈问题第 {} 号（编号 {}）", f.seq, f.id),
                &f,
            )
        }
        PaperCmd::List { inspection } => {
            let id = which(db, *inspection)?;
            let all = db.read(|c| records::working_papers(c, Some(id)))?;
            if j {
                return output::json(&all);
            }
            for v in all {
                println!(
                    "{}  {}  {}（{}）",
                    v.id,
                    v.number,
                    v.title,
                    v.status.label()
                );
            }
            Ok(())
        }
    }
}

fn directory_cmd(db: &Db, j: bool, c: &DirectoryCmd) -> Result<()> {
    match c {
        DirectoryCmd::Add {
            kind,
            name,
            position,
            unit,
        } => {
            let kind = DirectoryKind::parse_field(kind, "kind")?;
            let e = db.write(|tx| directory::add_in_tx(tx, kind, name, position, unit))?;
            output::created(j, e.id, &format!("{}“{}”", kind.label(), e.name), &e)
        }
        DirectoryCmd::List { kind } => {
            let kind = kind
                .as_deref()
                .map(|k| DirectoryKind::parse_field(k, "kind"))
                .transpose()?;
            let all = db.read(|c| directory::list(c, kind))?;
            if j {
                return output::json(&all);
            }
            for e in all {
                println!(
                    "{}  [{}] {} {} {}",
                    e.id,
                    e.kind.label(),
                    e.name,
                    e.position,
                    e.unit
                );
            }
            Ok(())
        }
    }
}

fn calendar(db: &Db, j: bool, c: &CalendarCmd) -> Result<()> {
    match c {
        CalendarCmd::Add { file } => {
            let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
            let year = db.write(|tx| inspections::add_calendar_year_in_tx(tx, &text))?;
            output::done(j, &format!("已导入 {year} 年节假日安排"), &year)
        }
        CalendarCmd::Show => {
            let years = db.read(inspections::calendar)?.years();
            if j {
                return output::json(&years);
            }
            let list: Vec<String> = years.iter().map(|y| format!("{y}年")).collect();
            println!("已有节假日安排：{}", list.join("、"));
            Ok(())
        }
    }
}

fn list_findings(db: &Db, j: bool, inspection: Option<i64>, today: NaiveDate) -> Result<()> {
    let all = db.read(|c| findings::list(c, inspection, today))?;
    if j {
        return output::json(&all);
    }
    if all.is_empty() {
        println!("没有反馈问题");
    }
    for f in &all {
        output::finding(f);
    }
    Ok(())
}

fn task_filter(db: &Db, f: &TaskFilterArgs) -> Result<tasks::TaskFilter> {
    let category_id = match &f.category {
        None => None,
        Some(c) => {
            let id = which(db, f.inspection)?;
            Some(db.read(|conn| inspections::find_category(conn, id, c))?.id)
        }
    };
    Ok(tasks::TaskFilter {
        inspection_id: f.inspection,
        finding_id: f.finding,
        task_ids: None,
        category_id,
        status: f
            .status
            .as_deref()
            .map(|s| Status::parse_field(s, "status"))
            .transpose()?,
        overdue: f.overdue,
        unit: f.unit.clone(),
        person: f.person.clone(),
        due_within_days: f.due_within,
    })
}

fn list_tasks(db: &Db, j: bool, f: &TaskFilterArgs, today: NaiveDate) -> Result<()> {
    let filter = task_filter(db, f)?;
    let all = db.read(|c| tasks::list(c, &filter, today))?;
    if j {
        return output::json(&all);
    }
    println!("共 {} 项任务", all.len());
    for t in &all {
        println!("{}", output::task_line(t));
    }
    Ok(())
}

fn stats(db: &Db, j: bool, inspection: Option<i64>, today: NaiveDate) -> Result<()> {
    let s = db.read(|c| db::stats::stats(c, inspection, today))?;
    if j {
        return output::json(&s);
    }
    let f = &s.findings;
    println!(
        "反馈问题 {} 个：完成整改 {} 个，基本完成并持续整改 {} 个，未完成 {} 个，完成率 {}%",
        f.total, f.completed, f.basically_completed, f.incomplete, f.completion_rate
    );
    let t = &s.tasks;
    println!(
        "整改任务 {} 项：未启动 {}，正在推进 {}，已完成 {}，已销号 {}，长期坚持 {}；逾期 {} 项（红 {} 黄 {} 绿 {}）",
        t.total, t.not_started, t.in_progress, t.completed, t.closed, t.long_term, t.overdue,
        t.warning_red, t.warning_yellow, t.warning_green
    );
    println!(
        "建章立制 {} 项，问责 {} 人，立行立改 {} 项，追缴/清退资金 {} 万元",
        s.regulations, s.accountabilities, s.immediate_fixes, s.funds_recovered
    );
    println!("按类别：");
    for g in &s.by_category {
        println!(
            "  {}：问题 {} 个，完成 {} 个，完成率 {}%，任务 {} 项，逾期 {} 项",
            g.name,
            g.findings.total,
            g.findings.completed,
            g.findings.completion_rate,
            g.tasks.total,
            g.tasks.overdue
        );
    }
    println!("按单位：");
    for g in &s.by_unit {
        println!(
            "  {}：任务 {} 项，已完成/销号 {} 项，逾期 {} 项",
            g.name,
            g.tasks.total,
            g.tasks.completed + g.tasks.closed,
            g.tasks.overdue
        );
    }
    Ok(())
}

fn deadlines(db: &Db, j: bool, inspection: Option<i64>) -> Result<()> {
    let (i, d) = db.read(|c| {
        let i = inspections::resolve(c, inspection)?;
        let d = inspections::deadlines(c, &i)?;
        Ok((i, d))
    })?;
    let d =
        d.ok_or_else(|| Error::invalid("feedback_date", "该巡察尚未填写反馈日期，无法推算时限"))?;
    if j {
        return output::json(&d);
    }
    println!("{}（反馈日期 {}）", i.name, output::date(i.feedback_date));
    println!(
        "  整改方案报送（{} 个工作日内）：{}",
        i.plan_due_workdays,
        dates::format_cn(d.plan_due)
    );
    println!(
        "  整改专题民主生活会（{} 个月内）：{}",
        i.meeting_due_months,
        dates::format_cn(d.meeting_due)
    );
    println!(
        "  整改情况报告（{} 个月内）：{}",
        i.report_due_months,
        dates::format_cn(d.report_due)
    );
    Ok(())
}

fn verify(db: &Db, j: bool) -> Result<()> {
    let (rows, problems) = db.read(|c| {
        let rows = audit::verify(c)?;
        let problems = match db.evidence_dir() {
            Some(dir) => db::evidence::check_files(c, &dir)?,
            None => vec![],
        };
        Ok((rows, problems))
    })?;
    if j {
        output::json(
            &serde_json::json!({ "ok": problems.is_empty(), "rows": rows, "problems": problems }),
        )?;
    } else {
        println!("操作记录校验通过：共 {rows} 条，链条完整");
        for p in &problems {
            println!("问题：{p}");
        }
    }
    if let Some(first) = problems.first() {
        return Err(Error::Conflict(format!(
            "佐证材料检查发现 {} 个问题：{first}",
            problems.len()
        )));
    }
    Ok(())
}
