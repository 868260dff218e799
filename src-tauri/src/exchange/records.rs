//! The records that travel between copies, read from the store: each under its uid, with
//! its parent's uid and the fields another copy may receive. Derived values (overdue,
//! numbers, texts) never travel: each copy derives them.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::db::exchange::{uids, Fields, Table};
use crate::db::{closeout, findings, inspections, progress, tasks};
use crate::Result;

/// The kinds of record, in the order a package applies them (parents first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Inspection,
    Finding,
    Task,
    Progress,
    CloseOut,
    /// 建章立制, 问责, 立行立改 and 回头看: records of an inspection that may name a finding
    /// (and a task); written once, never edited.
    Regulation,
    Accountability,
    ImmediateFix,
    FollowUp,
}

/// The kinds written once and kept as they are, hanging on an inspection.
pub const INSPECTION_RECORDS: [Kind; 4] = [
    Kind::Regulation,
    Kind::Accountability,
    Kind::ImmediateFix,
    Kind::FollowUp,
];

impl Kind {
    pub fn table(self) -> Table {
        match self {
            Kind::Inspection => Table::Inspections,
            Kind::Finding => Table::Findings,
            Kind::Task => Table::Tasks,
            Kind::Progress => Table::Progress,
            Kind::CloseOut => Table::CloseOuts,
            Kind::Regulation => Table::Regulations,
            Kind::Accountability => Table::Accountabilities,
            Kind::ImmediateFix => Table::ImmediateFixes,
            Kind::FollowUp => Table::FollowUps,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Kind::Inspection => "inspection",
            Kind::Finding => "finding",
            Kind::Task => "task",
            Kind::Progress => "progress",
            Kind::CloseOut => "close_out",
            Kind::Regulation => "regulation",
            Kind::Accountability => "accountability",
            Kind::ImmediateFix => "immediate_fix",
            Kind::FollowUp => "follow_up",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Inspection => "巡察",
            Kind::Finding => "问题",
            Kind::Task => "整改任务",
            Kind::Progress => "整改进展",
            Kind::CloseOut => "销号",
            Kind::Regulation => "建章立制",
            Kind::Accountability => "问责",
            Kind::ImmediateFix => "立行立改",
            Kind::FollowUp => "回头看",
        }
    }

    /// The fields of this kind that travel (names as the domain types serialise them).
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Inspection => &[
                "name",
                "round",
                "kind",
                "team",
                "team_leader",
                "deputy_leader",
                "team_members",
                "inspected_org",
                "org_secretary",
                "unit_name",
                "authority",
                "onsite_start",
                "onsite_end",
                "feedback_date",
                "plan_due_workdays",
                "meeting_due_months",
                "report_due_months",
                "dual_review",
            ],
            Kind::Finding => &[
                "seq",
                "category",
                "title",
                "manifestation",
                "nature",
                "source",
                "found_on",
                "tags",
            ],
            Kind::Task => &[
                "seq",
                "measure",
                "goal",
                "acceptance",
                "deadline_kind",
                "deadline",
                "milestones",
                "status",
                "lead_leader",
                "responsible_leader",
                "lead_unit",
                "responsible_units",
                "responsible_person",
                "note",
            ],
            Kind::Progress => &[
                "entered_on",
                "text",
                "by",
                "status_after",
                "funds_recovered",
                "evidence",
            ],
            Kind::CloseOut => &[
                "requested_on",
                "requested_by",
                "summary",
                "state",
                "reviewed_on",
                "approvers",
                "verdict",
                "first_reviewed_on",
                "first_reviewers",
                "first_opinion",
            ],
            Kind::Regulation => &["name", "action", "issued_on", "doc_no", "finding"],
            Kind::Accountability => &[
                "person",
                "position",
                "form",
                "decided_on",
                "notes",
                "finding",
            ],
            Kind::ImmediateFix => &["title", "action", "fixed_on", "finding"],
            Kind::FollowUp => &[
                "checked_on",
                "checked_by",
                "result",
                "notes",
                "finding",
                "task",
            ],
        }
    }
}

/// One record as it travels.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub kind: Kind,
    pub uid: String,
    /// The uid of the inspection, finding or task it belongs to.
    pub parent: Option<String>,
    pub fields: Fields,
}

/// A piece of evidence as it travels inside its progress entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceRef {
    pub uid: String,
    pub file_name: String,
    pub sha256: String,
    pub size: i64,
}

/// The fields of `kind` out of a domain value.
fn pick(kind: Kind, value: &impl Serialize) -> Result<Fields> {
    let Value::Object(all) = serde_json::to_value(value)? else {
        return Ok(Fields::new());
    };
    Ok(kind
        .fields()
        .iter()
        .map(|f| (f.to_string(), all.get(*f).cloned().unwrap_or(Value::Null)))
        .collect())
}

/// A progress entry's fields, its evidence by uid.
fn progress_fields(p: &crate::domain::Progress, e_uids: &HashMap<i64, String>) -> Result<Fields> {
    let mut fields = pick(Kind::Progress, p)?;
    let evidence = p
        .evidence
        .iter()
        .map(|e| {
            Ok(EvidenceRef {
                uid: uid_of(e_uids, e.id)?,
                file_name: e.file_name.clone(),
                sha256: e.sha256.clone(),
                size: e.size,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    fields.insert("evidence".into(), serde_json::to_value(evidence)?);
    Ok(fields)
}

/// Which records a copy receives: everything, or one unit's tasks with what they hang on.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    All,
    Unit(String),
}

fn uid_of(map: &HashMap<i64, String>, id: i64) -> Result<String> {
    map.get(&id)
        .cloned()
        .ok_or_else(|| crate::Error::Storage(format!("记录 {id} 没有交换编号（uid）")))
}

/// The records in `scope`, parents before children.
pub fn read(conn: &Connection, scope: &Scope, today: NaiveDate) -> Result<Vec<Record>> {
    let in_scope: Option<HashSet<i64>> = match scope {
        Scope::All => None,
        Scope::Unit(u) => {
            let filter = tasks::TaskFilter {
                unit: Some(u.clone()),
                ..Default::default()
            };
            Some(
                tasks::list(conn, &filter, today)?
                    .iter()
                    .map(|t| t.id)
                    .collect(),
            )
        }
    };
    let wanted = |task: i64| in_scope.as_ref().is_none_or(|s| s.contains(&task));
    let ins_uids = uids(conn, Table::Inspections)?;
    let f_uids = uids(conn, Table::Findings)?;
    let t_uids = uids(conn, Table::Tasks)?;
    let p_uids = uids(conn, Table::Progress)?;
    let e_uids = uids(conn, Table::Evidence)?;
    let c_uids = uids(conn, Table::CloseOuts)?;

    let findings: Vec<_> = findings::list(conn, None, today)?
        .into_iter()
        .filter(|f| in_scope.is_none() || f.tasks.iter().any(|t| wanted(t.id)))
        .collect();
    let inspections_wanted: HashSet<i64> = findings.iter().map(|f| f.inspection_id).collect();
    let mut out = vec![];
    for i in inspections::list(conn)? {
        if in_scope.is_none() || inspections_wanted.contains(&i.id) {
            out.push(Record {
                kind: Kind::Inspection,
                uid: uid_of(&ins_uids, i.id)?,
                parent: None,
                fields: pick(Kind::Inspection, &i)?,
            });
        }
    }
    let mut task_list = vec![];
    for f in &findings {
        out.push(Record {
            kind: Kind::Finding,
            uid: uid_of(&f_uids, f.id)?,
            parent: Some(uid_of(&ins_uids, f.inspection_id)?),
            fields: pick(Kind::Finding, f)?,
        });
        task_list.extend(f.tasks.iter().filter(|t| wanted(t.id)));
    }
    for t in &task_list {
        out.push(Record {
            kind: Kind::Task,
            uid: uid_of(&t_uids, t.id)?,
            parent: Some(uid_of(&f_uids, t.finding_id)?),
            fields: pick(Kind::Task, t)?,
        });
    }
    if in_scope.is_none() {
        out.extend(inspection_records(conn, None)?);
    }
    let mut progress = progress::by_task(conn, None)?;
    let mut close_outs = closeout::by_task(conn, None)?;
    for t in &task_list {
        let task_uid = uid_of(&t_uids, t.id)?;
        for p in progress.remove(&t.id).unwrap_or_default() {
            let fields = progress_fields(&p, &e_uids)?;
            out.push(Record {
                kind: Kind::Progress,
                uid: uid_of(&p_uids, p.id)?,
                parent: Some(task_uid.clone()),
                fields,
            });
        }
        for c in close_outs.remove(&t.id).unwrap_or_default() {
            out.push(Record {
                kind: Kind::CloseOut,
                uid: uid_of(&c_uids, c.id)?,
                parent: Some(task_uid.clone()),
                fields: pick(Kind::CloseOut, &c)?,
            });
        }
    }
    Ok(out)
}

/// One record of `kind` by uid as it stands here, if this copy has it.
pub fn read_one(
    conn: &Connection,
    kind: Kind,
    uid: &str,
    today: NaiveDate,
) -> Result<Option<Fields>> {
    use crate::db::exchange::id_of;
    let Some(id) = id_of(conn, kind.table(), uid)? else {
        return Ok(None);
    };
    let fields = match kind {
        Kind::Inspection => pick(kind, &inspections::get(conn, id)?)?,
        Kind::Finding => pick(kind, &findings::get_bare(conn, id)?)?,
        Kind::Task => pick(kind, &tasks::get(conn, id, today)?)?,
        Kind::CloseOut => pick(kind, &closeout::get(conn, id)?)?,
        Kind::Regulation | Kind::Accountability | Kind::ImmediateFix | Kind::FollowUp => {
            return Ok(inspection_records(conn, Some((kind, id)))?
                .into_iter()
                .next()
                .map(|r| r.fields))
        }
        // Entries never change once written: their text and files are what they were.
        Kind::Progress => {
            progress_fields(&progress::get(conn, id)?, &uids(conn, Table::Evidence)?)?
        }
    };
    Ok(Some(fields))
}

/// The 建章立制, 问责, 立行立改 and 回头看 records (or the one of `only`), each naming
/// its finding and task by uid.
fn inspection_records(conn: &Connection, only: Option<(Kind, i64)>) -> Result<Vec<Record>> {
    use crate::db::records as r;
    let ins = uids(conn, Table::Inspections)?;
    let findings = uids(conn, Table::Findings)?;
    let tasks = uids(conn, Table::Tasks)?;
    let mut out = vec![];
    let mut push =
        |kind: Kind, value: Value, id: i64, uid_map: &HashMap<i64, String>| -> Result<()> {
            if only.is_some_and(|o| o != (kind, id)) {
                return Ok(());
            }
            let refer = |key: &str, map: &HashMap<i64, String>| {
                value
                    .get(key)
                    .and_then(Value::as_i64)
                    .and_then(|i| map.get(&i))
                    .cloned()
            };
            let mut fields = pick(kind, &value)?;
            fields.insert(
                "finding".into(),
                serde_json::to_value(refer("finding_id", &findings))?,
            );
            if kind == Kind::FollowUp {
                fields.insert(
                    "task".into(),
                    serde_json::to_value(refer("task_id", &tasks))?,
                );
            }
            let inspection = value
                .get("inspection_id")
                .and_then(Value::as_i64)
                .unwrap_or_default();
            out.push(Record {
                kind,
                uid: uid_of(uid_map, id)?,
                parent: Some(uid_of(&ins, inspection)?),
                fields,
            });
            Ok(())
        };
    let map = uids(conn, Table::Regulations)?;
    for v in r::regulations(conn, None)? {
        push(Kind::Regulation, serde_json::to_value(&v)?, v.id, &map)?;
    }
    let map = uids(conn, Table::Accountabilities)?;
    for v in r::accountabilities(conn, None)? {
        push(Kind::Accountability, serde_json::to_value(&v)?, v.id, &map)?;
    }
    let map = uids(conn, Table::ImmediateFixes)?;
    for v in r::immediate_fixes(conn, None)? {
        push(Kind::ImmediateFix, serde_json::to_value(&v)?, v.id, &map)?;
    }
    let map = uids(conn, Table::FollowUps)?;
    for v in r::follow_ups(conn, None)? {
        push(Kind::FollowUp, serde_json::to_value(&v)?, v.id, &map)?;
    }
    Ok(out)
}
