//! 分工: rectification tasks with their deadlines and who is responsible, and the
//! directory of people and units they are assigned to.

use chrono::NaiveDate;
use xuncha::app::{assignment as app, tracking};
use xuncha::db::Db;
use xuncha::domain::*;
use xuncha::{Error, Result};

use super::overview::list_tasks;
use super::req_date;
use crate::args::*;
use crate::output;

/// Who leads and who is responsible, from the options.
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

/// `xuncha task …`: rectification tasks.
pub(super) fn task(db: &Db, j: bool, c: &TaskCmd, today: NaiveDate) -> Result<()> {
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
            let t = app::add_task(db, &input, today)?;
            output::created(j, t.id, "整改任务", &t)
        }
        TaskCmd::Assign { ids, assignment: a } => {
            let patch = assignment(a);
            let out = app::assign(db, ids, &patch, today)?;
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
            let t = app::update_task(db, *id, &patch, today)?;
            output::done(j, &format!("已修改任务 {id}"), &t)
        }
        TaskCmd::Show { id } => {
            let d = tracking::task_detail(db, *id, today)?;
            if j {
                return output::json(&d);
            }
            show_task(&d);
            Ok(())
        }
        TaskCmd::List(f) => list_tasks(db, j, f, today),
        TaskCmd::Milestone { id, index, undo } => {
            if *index == 0 {
                return Err(Error::invalid("index", "阶段目标从 1 开始编号"));
            }
            let t = app::set_milestone_done(db, *id, index - 1, !undo, today)?;
            output::done(j, &format!("已更新任务 {id} 的第 {index} 个阶段目标"), &t)
        }
    }
}

/// `xuncha directory …`: the people and units tasks may name.
pub(super) fn directory(db: &Db, j: bool, c: &DirectoryCmd) -> Result<()> {
    match c {
        DirectoryCmd::Add {
            kind,
            name,
            position,
            unit,
        } => {
            let kind = DirectoryKind::parse_field(kind, "kind")?;
            let e = app::add_directory_entry(db, kind, name, position, unit)?;
            output::created(j, e.id, &format!("{}“{}”", kind.label(), e.name), &e)
        }
        DirectoryCmd::List { kind } => {
            let kind = kind
                .as_deref()
                .map(|k| DirectoryKind::parse_field(k, "kind"))
                .transpose()?;
            let all = app::directory(db, kind)?;
            output::list(j, &all, None, |e| {
                format!(
                    "{}  [{}] {} {} {}",
                    e.id,
                    e.kind.label(),
                    e.name,
                    e.position,
                    e.unit
                )
            })
        }
    }
}

/// A task with its whole history: progress with evidence, close-out requests and their
/// reviews, reopenings and follow-up checks.
fn show_task(d: &xuncha::app::TaskDetail) {
    let f = &d.finding;
    println!("反馈问题{}：{}", f.number, f.title);
    println!("{}", output::task_line(&d.task));
    if !d.next_statuses.is_empty() {
        let next: Vec<&str> = d.next_statuses.iter().map(|s| s.label()).collect();
        println!("  可改为：{}", next.join("、"));
    }
    for e in &d.progress {
        let status = e
            .status_after
            .map(|s| format!("（状态改为{}）", s.label()))
            .unwrap_or_default();
        println!(
            "  进展 {} {}：{}{status}",
            dates::format_cn(e.entered_on),
            e.by,
            e.text
        );
        for f in &e.evidence {
            println!("    佐证材料：{}（{} 字节）", f.file_name, f.size);
        }
    }
    for c in &d.close_outs {
        println!(
            "  销号申请 {}（{}）：{}",
            dates::format_cn(c.requested_on),
            c.state.label(),
            c.summary
        );
        if let Some(on) = c.first_reviewed_on {
            println!(
                "    初审 {} {}：{}",
                dates::format_cn(on),
                c.first_reviewers.join("、"),
                c.first_opinion
            );
        }
        if let Some(on) = c.reviewed_on {
            println!(
                "    审批 {} {}：{}",
                dates::format_cn(on),
                c.approvers.join("、"),
                c.verdict
            );
        }
    }
    for r in &d.reopenings {
        println!(
            "  重新打开 {} {}：{}",
            dates::format_cn(r.reopened_on),
            r.by,
            r.reason
        );
    }
    for l in &d.letters {
        println!("  {}", output::letter_line(l));
    }
    if let Some(step) = d.review_step {
        println!("  待{}", step.label());
    }
    for r in &d.follow_ups {
        println!(
            "  回头看 {} {}：{}（{}）",
            dates::format_cn(r.checked_on),
            r.checked_by,
            r.notes,
            r.result.label()
        );
    }
}
