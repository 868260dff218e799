//! Tasks (整改任务) with their measure, deadline, milestones and the five roles; status
//! changes go through the rules in `domain::status`.

mod query;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

pub use query::{derive, get, list, TaskFilter};
pub(crate) use query::{list_joined, Joined};

use super::{directory, WriteTx};
use crate::domain::status::{self, Via};
use crate::domain::validate::{self, TaskDraft};
use crate::domain::{
    Assignment, AssignmentPatch, DeadlineKind, Status, Task, TaskInput, TaskPatch,
};
use crate::{Error, Result};

/// The feedback date of the inspection a finding belongs to (deadlines must not precede it).
fn feedback_date_of_finding(conn: &Connection, finding_id: i64) -> Result<Option<NaiveDate>> {
    conn.prepare_cached(
        "SELECT i.feedback_date FROM findings f JOIN inspections i ON i.id = f.inspection_id
         WHERE f.id = ?1",
    )?
    .query_row([finding_id], |r| r.get(0))
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("没有编号为 {finding_id} 的反馈问题")))
}

fn trimmed(v: &Option<String>) -> Option<String> {
    v.as_ref().map(|s| s.trim().to_owned())
}

/// Applies an assignment patch to a task in memory.
fn apply_assignment(a: &mut Assignment, p: &AssignmentPatch) {
    if let Some(v) = trimmed(&p.lead_leader) {
        a.lead_leader = v;
    }
    if let Some(v) = trimmed(&p.responsible_leader) {
        a.responsible_leader = v;
    }
    if let Some(v) = trimmed(&p.lead_unit) {
        a.lead_unit = v;
    }
    if let Some(v) = &p.responsible_units {
        a.responsible_units = v.iter().map(|u| u.trim().to_owned()).collect();
    }
    if let Some(v) = trimmed(&p.responsible_person) {
        a.responsible_person = v;
    }
}

/// Writes a task's row, units and milestones (insert when `t.id == 0`).
fn save(conn: &Connection, t: &mut Task) -> Result<()> {
    let a = &t.assignment;
    if t.id == 0 {
        conn.prepare_cached(
            "INSERT INTO tasks (finding_id, seq, measure, goal, acceptance, deadline_kind, deadline,
                status, lead_leader, responsible_leader, lead_unit, responsible_person, note,
                created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?
        .execute(params![
            t.finding_id,
            t.seq,
            t.measure,
            t.goal,
            t.acceptance,
            t.deadline_kind,
            t.deadline,
            t.status,
            a.lead_leader,
            a.responsible_leader,
            a.lead_unit,
            a.responsible_person,
            t.note,
            t.created_at,
            t.updated_at
        ])?;
        t.id = conn.last_insert_rowid();
    } else {
        conn.prepare_cached(
            "UPDATE tasks SET measure=?2, goal=?3, acceptance=?4, deadline_kind=?5, deadline=?6,
                status=?7, lead_leader=?8, responsible_leader=?9, lead_unit=?10,
                responsible_person=?11, note=?12, updated_at=?13 WHERE id=?1",
        )?
        .execute(params![
            t.id,
            t.measure,
            t.goal,
            t.acceptance,
            t.deadline_kind,
            t.deadline,
            t.status,
            a.lead_leader,
            a.responsible_leader,
            a.lead_unit,
            a.responsible_person,
            t.note,
            t.updated_at
        ])?;
        conn.prepare_cached("DELETE FROM task_units WHERE task_id = ?1")?
            .execute([t.id])?;
        conn.prepare_cached("DELETE FROM milestones WHERE task_id = ?1")?
            .execute([t.id])?;
    }
    let mut ins =
        conn.prepare_cached("INSERT INTO task_units (task_id, ord, unit) VALUES (?1, ?2, ?3)")?;
    for (i, u) in a.responsible_units.iter().enumerate() {
        ins.execute(params![t.id, i as i64, u])?;
    }
    let mut ins = conn.prepare_cached(
        "INSERT INTO milestones (task_id, due_on, target, done) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for m in &t.milestones {
        ins.execute(params![t.id, m.due_on, m.target.trim(), m.done])?;
    }
    Ok(())
}

fn check(t: &Task, feedback: Option<NaiveDate>) -> Result<()> {
    validate::task_fields(
        &TaskDraft {
            measure: &t.measure,
            goal: &t.goal,
            acceptance: &t.acceptance,
            note: &t.note,
            kind: t.deadline_kind,
            deadline: t.deadline,
            milestones: &t.milestones,
        },
        feedback,
    )
}

/// Adds a task under a finding, numbered after its last task.
pub fn add_in_tx(tx: &mut WriteTx<'_>, input: &TaskInput, today: NaiveDate) -> Result<Task> {
    let feedback = feedback_date_of_finding(tx.conn(), input.finding_id)?;
    validate::assignment(&input.assignment)?;
    let now = super::now();
    let seq: i64 = tx
        .conn()
        .prepare_cached("SELECT coalesce(max(seq), 0) + 1 FROM tasks WHERE finding_id = ?1")?
        .query_row([input.finding_id], |r| r.get(0))?;
    let kind = input.deadline_kind.unwrap_or(DeadlineKind::Date);
    let mut t = Task {
        id: 0,
        finding_id: input.finding_id,
        seq,
        measure: input.measure.trim().to_owned(),
        goal: input.goal.trim().to_owned(),
        acceptance: input.acceptance.trim().to_owned(),
        deadline_kind: kind,
        deadline: input.deadline,
        milestones: input.milestones.clone(),
        status: input.status.unwrap_or(if kind == DeadlineKind::LongTerm {
            Status::LongTerm
        } else {
            Status::NotStarted
        }),
        assignment: Assignment::default(),
        note: input.note.trim().to_owned(),
        overdue: false,
        warning: None,
        days_left: None,
        deadline_text: String::new(),
        days_left_text: String::new(),
        created_at: now.clone(),
        updated_at: now,
    };
    if t.status == Status::Closed {
        return Err(Error::invalid(
            "status",
            "新建的任务不能直接设为“已销号”：销号须经审批",
        ));
    }
    apply_assignment(&mut t.assignment, &input.assignment);
    check(&t, feedback)?;
    directory::ensure_assignment_in_tx(tx, &input.assignment)?;
    save(tx.conn(), &mut t)?;
    derive(&mut t, today);
    tx.audit::<(), _>("create", "task", Some(t.id), None, Some(&t))?;
    Ok(t)
}

/// Changes a task's content or deadline.
pub fn edit_in_tx(tx: &mut WriteTx<'_>, id: i64, p: &TaskPatch, today: NaiveDate) -> Result<Task> {
    let before = get(tx.conn(), id, today)?;
    let feedback = feedback_date_of_finding(tx.conn(), before.finding_id)?;
    let mut t = before.clone();
    let set = |dst: &mut String, v: &Option<String>| {
        if let Some(v) = v {
            *dst = v.trim().to_owned();
        }
    };
    set(&mut t.measure, &p.measure);
    set(&mut t.goal, &p.goal);
    set(&mut t.acceptance, &p.acceptance);
    set(&mut t.note, &p.note);
    if let Some(k) = p.deadline_kind {
        t.deadline_kind = k;
    }
    if let Some(d) = p.deadline {
        t.deadline = d;
    }
    if let Some(m) = &p.milestones {
        t.milestones = m.clone();
    }
    check(&t, feedback)?;
    t.updated_at = super::now();
    save(tx.conn(), &mut t)?;
    derive(&mut t, today);
    tx.audit("update", "task", Some(id), Some(&before), Some(&t))?;
    Ok(t)
}

/// Sets the five roles on several tasks at once (bulk assign).
pub fn assign_in_tx(
    tx: &mut WriteTx<'_>,
    ids: &[i64],
    p: &AssignmentPatch,
    today: NaiveDate,
) -> Result<Vec<Task>> {
    if ids.is_empty() {
        return Err(Error::invalid("task_ids", "请至少选择一项整改任务"));
    }
    validate::assignment(p)?;
    directory::ensure_assignment_in_tx(tx, p)?;
    let mut out = vec![];
    for &id in ids {
        let before = get(tx.conn(), id, today)?;
        let mut t = before.clone();
        apply_assignment(&mut t.assignment, p);
        t.updated_at = super::now();
        save(tx.conn(), &mut t)?;
        tx.audit(
            "assign",
            "task",
            Some(id),
            Some(&before.assignment),
            Some(&t.assignment),
        )?;
        out.push(t);
    }
    Ok(out)
}

/// Moves a task to `to` if the rules allow it on this path; returns the old status.
pub fn set_status_in_tx(tx: &mut WriteTx<'_>, id: i64, to: Status, via: Via) -> Result<Status> {
    let from: Status = tx
        .conn()
        .query_row("SELECT status FROM tasks WHERE id = ?1", [id], |r| r.get(0))
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => {
                Error::NotFound(format!("没有编号为 {id} 的整改任务"))
            }
            e => e.into(),
        })?;
    status::check_transition(from, to, via)?;
    if from != to {
        tx.conn().execute(
            "UPDATE tasks SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, to, super::now()],
        )?;
        tx.audit("status", "task", Some(id), Some(&from), Some(&to))?;
    }
    Ok(from)
}

/// Marks a milestone of a long-term task as reached (or not).
pub fn set_milestone_done_in_tx(
    tx: &mut WriteTx<'_>,
    task_id: i64,
    index: usize,
    done: bool,
    today: NaiveDate,
) -> Result<Task> {
    let before = get(tx.conn(), task_id, today)?;
    let mut t = before.clone();
    let n = t.milestones.len();
    let m = t.milestones.get_mut(index).ok_or_else(|| {
        Error::invalid(
            "milestones",
            format!("该任务只有 {n} 个阶段目标，没有第 {} 个", index + 1),
        )
    })?;
    m.done = done;
    t.updated_at = super::now();
    save(tx.conn(), &mut t)?;
    derive(&mut t, today);
    tx.audit(
        "update",
        "task",
        Some(task_id),
        Some(&before.milestones),
        Some(&t.milestones),
    )?;
    Ok(t)
}
