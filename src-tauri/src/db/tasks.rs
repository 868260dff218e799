//! Tasks (整改任务) with their measure, deadline, milestones and the five roles; status
//! changes go through the rules in `domain::status`.

use std::sync::LazyLock;

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use super::util::codes_in;
use super::{directory, WriteTx};
use crate::domain::dates;
use crate::domain::status::{self, Via};
use crate::domain::validate::{self, TaskDraft};
use crate::domain::{
    Assignment, AssignmentPatch, DeadlineKind, Status, Task, TaskInput, TaskPatch,
};
use crate::{Error, Result};

/// Which tasks to list (the board's filters too). Empty fields, and blank text, do not
/// filter.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct TaskFilter {
    pub inspection_id: Option<i64>,
    pub finding_id: Option<i64>,
    pub task_ids: Option<Vec<i64>>,
    pub category_id: Option<i64>,
    pub status: Option<Status>,
    /// Only overdue tasks (derived for `today`).
    pub overdue: bool,
    /// Lead unit or one of the responsible units.
    pub unit: Option<String>,
    /// Lead leader, responsible leader or responsible person.
    pub person: Option<String>,
    /// Due (deadline or next milestone) within this many days, overdue included.
    pub due_within_days: Option<i64>,
}

const COLUMNS: &str = "t.id, t.finding_id, t.seq, t.measure, t.goal, t.acceptance,
    t.deadline_kind, t.deadline, t.status, t.lead_leader, t.responsible_leader, t.lead_unit,
    t.responsible_person, t.note, t.created_at, t.updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Task> {
    Ok(Task {
        id: r.get(0)?,
        finding_id: r.get(1)?,
        seq: r.get(2)?,
        measure: r.get(3)?,
        goal: r.get(4)?,
        acceptance: r.get(5)?,
        deadline_kind: r.get(6)?,
        deadline: r.get(7)?,
        milestones: vec![],
        status: r.get(8)?,
        assignment: Assignment {
            lead_leader: r.get(9)?,
            responsible_leader: r.get(10)?,
            lead_unit: r.get(11)?,
            responsible_units: vec![],
            responsible_person: r.get(12)?,
        },
        note: r.get(13)?,
        overdue: false,
        warning: None,
        days_left: None,
        deadline_text: String::new(),
        days_left_text: String::new(),
        created_at: r.get(14)?,
        updated_at: r.get(15)?,
    })
}

/// Fills in overdue, warning and days left for `today`.
pub fn derive(t: &mut Task, today: NaiveDate) {
    let next = status::next_open_milestone(&t.milestones);
    let due = status::effective_due(t.deadline_kind, t.deadline, next);
    let timing = status::timing(t.status, due, today);
    t.overdue = timing.overdue;
    t.warning = timing.warning;
    t.days_left = timing.days_left;
    t.deadline_text = dates::format_deadline(t.deadline_kind, t.deadline, &t.milestones);
    t.days_left_text = status::days_left_text(t.status, t.days_left);
}

/// The WHERE clause and parameters for a filter. Overdue is pre-selected here and checked
/// exactly by the rules after loading.
fn where_clause(f: &TaskFilter, today: NaiveDate) -> (String, Vec<Value>) {
    let mut sql = vec!["1=1".to_owned()];
    let mut args: Vec<Value> = vec![];
    // Pushes a value and returns its numbered placeholder, so it can be used twice.
    let mut p = |v: Value| {
        args.push(v);
        format!("?{}", args.len())
    };
    if let Some(id) = f.inspection_id {
        let id = p(id.into());
        sql.push(format!(
            "t.finding_id IN (SELECT id FROM findings WHERE inspection_id = {id})"
        ));
    }
    if let Some(id) = f.finding_id {
        sql.push(format!("t.finding_id = {}", p(id.into())));
    }
    if let Some(id) = f.category_id {
        let id = p(id.into());
        sql.push(format!(
            "t.finding_id IN (SELECT id FROM findings WHERE category_id = {id})"
        ));
    }
    if let Some(s) = f.status {
        sql.push(format!("t.status = {}", p(s.code().to_owned().into())));
    }
    if let Some(u) = f.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        let u = p(u.to_owned().into());
        sql.push(format!(
            "(t.lead_unit = {u} OR t.id IN (SELECT task_id FROM task_units WHERE unit = {u}))"
        ));
    }
    if let Some(person) = f.person.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        let person = p(person.to_owned().into());
        sql.push(format!(
            "{person} IN (t.lead_leader, t.responsible_leader, t.responsible_person)"
        ));
    }
    if let Some(ids) = &f.task_ids {
        let list: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
        sql.push(format!("t.id IN ({})", list.join(",")));
    }
    if f.overdue || f.due_within_days.is_some() {
        static DONE: LazyLock<String> =
            LazyLock::new(|| codes_in(Status::ALL, status::is_done, Status::code));
        let limit = match f.due_within_days {
            Some(days) if !f.overdue => today + chrono::Days::new(days.max(0) as u64),
            _ => today.pred_opt().unwrap_or(today),
        };
        let limit = p(limit.format("%Y-%m-%d").to_string().into());
        sql.push(format!(
            "t.status NOT IN ({}) AND (t.deadline <= {limit} OR t.id IN
                (SELECT task_id FROM milestones WHERE done = 0 AND due_on <= {limit}))",
            *DONE
        ));
    }
    (sql.join(" AND "), args)
}

/// Units (from `task_units`, in order, joined by U+001F) and milestones (as JSON), so one
/// query reads a task whole.
const NESTED: &str =
    "(SELECT group_concat(unit, char(31) ORDER BY ord) FROM task_units WHERE task_id = t.id),
    CASE WHEN EXISTS (SELECT 1 FROM milestones WHERE task_id = t.id) THEN
    (SELECT json_group_array(json_object('due_on', due_on, 'target', target,
            'done', json(CASE WHEN done THEN 'true' ELSE 'false' END)))
        FROM (SELECT * FROM milestones WHERE task_id = t.id ORDER BY due_on, id)) END";

/// Tasks matching `filter`, ordered by finding and sequence, derived values for `today`.
pub fn list(conn: &Connection, filter: &TaskFilter, today: NaiveDate) -> Result<Vec<Task>> {
    let (clause, args) = where_clause(filter, today);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, {NESTED} FROM tasks t WHERE {clause} ORDER BY t.finding_id, t.seq"
    ))?;
    let mut rows = stmt.query(params_from_iter(args.iter()))?;
    let mut tasks = vec![];
    while let Some(r) = rows.next()? {
        let mut t = from_row(r)?;
        t.assignment.responsible_units = split_units(&r.get::<_, Option<String>>(16)?);
        if let Some(ms) = r.get::<_, Option<String>>(17)? {
            t.milestones = serde_json::from_str(&ms)?;
        }
        derive(&mut t, today);
        tasks.push(t);
    }
    if filter.overdue {
        tasks.retain(|t| t.overdue);
    }
    if let Some(days) = filter.due_within_days {
        tasks.retain(|t| t.days_left.is_some_and(|d| d <= days) && !status::is_done(t.status));
    }
    Ok(tasks)
}

/// Separator of the units as one query joins them (`char(31)` in SQL).
const UNIT_SEP: char = '\u{1f}';

/// Splits the units a query joined with `char(31)` (`None`: the task has none).
pub(super) fn split_units(joined: &Option<String>) -> Vec<String> {
    joined
        .as_deref()
        .unwrap_or_default()
        .split(UNIT_SEP)
        .filter(|u| !u.is_empty())
        .map(str::to_owned)
        .collect()
}

/// One task with derived values for `today`.
pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<Task> {
    let filter = TaskFilter {
        task_ids: Some(vec![id]),
        ..Default::default()
    };
    list(conn, &filter, today)?
        .pop()
        .ok_or_else(|| Error::NotFound(format!("没有编号为 {id} 的整改任务")))
}

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
        conn.execute(
            "INSERT INTO tasks (finding_id, seq, measure, goal, acceptance, deadline_kind, deadline,
                status, lead_leader, responsible_leader, lead_unit, responsible_person, note,
                created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                t.finding_id, t.seq, t.measure, t.goal, t.acceptance, t.deadline_kind, t.deadline,
                t.status, a.lead_leader, a.responsible_leader, a.lead_unit, a.responsible_person,
                t.note, t.created_at, t.updated_at
            ],
        )?;
        t.id = conn.last_insert_rowid();
    } else {
        conn.execute(
            "UPDATE tasks SET measure=?2, goal=?3, acceptance=?4, deadline_kind=?5, deadline=?6,
                status=?7, lead_leader=?8, responsible_leader=?9, lead_unit=?10,
                responsible_person=?11, note=?12, updated_at=?13 WHERE id=?1",
            params![
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
            ],
        )?;
        conn.execute("DELETE FROM task_units WHERE task_id = ?1", [t.id])?;
        conn.execute("DELETE FROM milestones WHERE task_id = ?1", [t.id])?;
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
    let seq: i64 = tx.conn().query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM tasks WHERE finding_id = ?1",
        [input.finding_id],
        |r| r.get(0),
    )?;
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
