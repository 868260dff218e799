//! 分工: rectification tasks with their deadlines and who is responsible, and the
//! directory of people and units they are assigned to.

use chrono::NaiveDate;
use xuncha::db::{self, directory, tasks, Db};
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
            let e = db.write(|tx| directory::add_in_tx(tx, kind, name, position, unit))?;
            output::created(j, e.id, &format!("{}“{}”", kind.label(), e.name), &e)
        }
        DirectoryCmd::List { kind } => {
            let kind = kind
                .as_deref()
                .map(|k| DirectoryKind::parse_field(k, "kind"))
                .transpose()?;
            let all = db.read(|c| directory::list(c, kind))?;
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
