//! Reading tasks: the filter, and a list read in three passes over the same selection —
//! the task rows, then their responsible units (`task_units`, in order), then their
//! milestones — so no row runs a subquery of its own and nothing is decoded from JSON.

use std::sync::LazyLock;

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, Row};

use super::super::util::{codes_in, date, IdMap};
use crate::domain::dates;
use crate::domain::status;
use crate::domain::{Assignment, Milestone, Status, Task};
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

/// The task columns [`from_row`] reads, in order (table alias `t`).
const COLUMNS: &str = "t.id, t.finding_id, t.seq, t.measure, t.goal, t.acceptance,
    t.deadline_kind, t.deadline, t.status, t.lead_leader, t.responsible_leader, t.lead_unit,
    t.responsible_person, t.note, t.created_at, t.updated_at";

/// A task from the [`COLUMNS`] at the start of a row, without units, milestones or derived
/// values.
fn from_row(r: &Row<'_>) -> rusqlite::Result<Task> {
    Ok(Task {
        id: r.get(0)?,
        finding_id: r.get(1)?,
        seq: r.get(2)?,
        measure: r.get(3)?,
        goal: r.get(4)?,
        acceptance: r.get(5)?,
        deadline_kind: r.get(6)?,
        deadline: date(r, 7)?,
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

/// Fills in overdue, warning and days left for `today`, and how the deadline and the days
/// left read.
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

/// A filter as SQL over `tasks t`: the WHERE clause and its parameters. Overdue and due
/// soon are pre-selected here and checked exactly by the rules after loading.
struct Selection {
    clause: String,
    args: Vec<Value>,
}

impl Selection {
    fn new(f: &TaskFilter, today: NaiveDate) -> Selection {
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
            // Both halves use an index (tasks_lead_unit, task_units_unit).
            let u = p(u.to_owned().into());
            sql.push(format!(
                "t.id IN (SELECT id FROM tasks WHERE lead_unit = {u}
                    UNION SELECT task_id FROM task_units WHERE unit = {u})"
            ));
        }
        if let Some(person) = f.person.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            let person = p(person.to_owned().into());
            sql.push(format!(
                "{person} IN (t.lead_leader, t.responsible_leader, t.responsible_person)"
            ));
        }
        if let Some(ids) = &f.task_ids {
            // One parameter (a JSON array), so the statement is the same for any ids.
            let ids = p(serde_json::to_string(ids).unwrap_or_default().into());
            sql.push(format!("t.id IN (SELECT value FROM json_each({ids}))"));
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
        Selection {
            clause: sql.join(" AND "),
            args,
        }
    }
}

/// Tasks matching `filter`, ordered by finding and sequence, derived values for `today`.
pub fn list(conn: &Connection, filter: &TaskFilter, today: NaiveDate) -> Result<Vec<Task>> {
    list_joined(conn, filter, today, &Joined::NONE, |t, _| Ok(t))
}

/// What a caller reads with each task: `columns` (after [`COLUMNS`], from index 16) of
/// the tables `joins` adds to `tasks t`.
pub(crate) struct Joined<'a> {
    pub columns: &'a str,
    pub joins: &'a str,
}

impl Joined<'_> {
    const NONE: Joined<'static> = Joined {
        columns: "",
        joins: "",
    };
}

/// Like [`list`], each task read together with the `joined` columns and made into a `T`
/// by `make` (the task still without units, milestones and derived values).
pub(crate) fn list_joined<T: AsRef<Task> + AsMut<Task>>(
    conn: &Connection,
    filter: &TaskFilter,
    today: NaiveDate,
    joined: &Joined<'_>,
    make: impl Fn(Task, &Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let sel = Selection::new(filter, today);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} {} FROM tasks t {} WHERE {}",
        joined.columns, joined.joins, sel.clause
    ))?;
    let mut out = stmt
        .query_map(params_from_iter(sel.args.iter()), |r| make(from_row(r)?, r))?
        .collect::<rusqlite::Result<Vec<T>>>()?;
    // Sorted here rather than by SQL, whose sorter would copy every column of every row.
    out.sort_by_cached_key(|t| {
        let t = t.as_ref();
        (t.finding_id, t.seq)
    });
    nest(conn, &sel, &mut out, today)?;
    if filter.overdue {
        out.retain(|t| t.as_ref().overdue);
    }
    if let Some(days) = filter.due_within_days {
        out.retain(|t| {
            let t = t.as_ref();
            t.days_left.is_some_and(|d| d <= days) && !status::is_done(t.status)
        });
    }
    Ok(out)
}

impl AsRef<Task> for Task {
    fn as_ref(&self) -> &Task {
        self
    }
}

impl AsMut<Task> for Task {
    fn as_mut(&mut self) -> &mut Task {
        self
    }
}

/// Fills in the responsible units and milestones of `tasks`, the rows `sel` selects, one
/// pass each, then the derived values for `today`.
fn nest<T: AsMut<Task>>(
    conn: &Connection,
    sel: &Selection,
    tasks: &mut [T],
    today: NaiveDate,
) -> Result<()> {
    if !tasks.is_empty() {
        let at: IdMap<usize> = tasks
            .iter_mut()
            .enumerate()
            .map(|(i, t)| (t.as_mut().id, i))
            .collect();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT u.task_id, u.unit FROM task_units u
             WHERE u.task_id IN (SELECT t.id FROM tasks t WHERE {})
             ORDER BY u.task_id, u.ord",
            sel.clause
        ))?;
        let mut rows = stmt.query(params_from_iter(sel.args.iter()))?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = at.get(&r.get::<_, i64>(0)?) {
                tasks[i]
                    .as_mut()
                    .assignment
                    .responsible_units
                    .push(r.get(1)?);
            }
        }
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT m.task_id, m.due_on, m.target, m.done FROM milestones m
             WHERE m.task_id IN (SELECT t.id FROM tasks t WHERE {})
             ORDER BY m.task_id, m.due_on, m.id",
            sel.clause
        ))?;
        let mut rows = stmt.query(params_from_iter(sel.args.iter()))?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = at.get(&r.get::<_, i64>(0)?) {
                let due_on = match date(r, 1)? {
                    Some(d) => d,
                    None => r.get(1)?,
                };
                tasks[i].as_mut().milestones.push(Milestone {
                    due_on,
                    target: r.get(2)?,
                    done: r.get(3)?,
                });
            }
        }
    }
    for t in tasks.iter_mut() {
        derive(t.as_mut(), today);
    }
    Ok(())
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
