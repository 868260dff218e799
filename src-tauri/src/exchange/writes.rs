//! Writing a received change here: through the same store functions as a change made in a
//! form (which validate it and write the audit log), never by copying rows, then giving the
//! new row the sender's uid.

use std::path::Path;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::package::Verified;
use super::records::{EvidenceRef, Kind};
use crate::db::closeout::{self, Review};
use crate::db::evidence::{self, StoredFile};
use crate::db::exchange::{id_of, set_uid, try_set_seq, Fields, Table};
use crate::db::{findings, inspections, progress, tasks, WriteTx};
use crate::domain::status::Via;
use crate::domain::*;
use crate::{Error, Result};

/// The value of `key` in `fields`, if present.
pub fn get<T: DeserializeOwned>(fields: &Fields, key: &str) -> Result<Option<T>> {
    fields
        .get(key)
        .map(|v| serde_json::from_value(v.clone()).map_err(Error::from))
        .transpose()
}

fn text(fields: &Fields, key: &str) -> Result<String> {
    Ok(get::<Option<String>>(fields, key)?
        .flatten()
        .unwrap_or_default())
}

const ASSIGNMENT: [&str; 5] = [
    "lead_leader",
    "responsible_leader",
    "lead_unit",
    "responsible_units",
    "responsible_person",
];

fn assignment(fields: &Fields) -> Result<AssignmentPatch> {
    Ok(AssignmentPatch {
        lead_leader: get(fields, "lead_leader")?,
        responsible_leader: get(fields, "responsible_leader")?,
        lead_unit: get(fields, "lead_unit")?,
        responsible_units: get(fields, "responsible_units")?,
        responsible_person: get(fields, "responsible_person")?,
    })
}

/// The local row of the parent a received record hangs on.
pub fn parent_id(tx: &WriteTx<'_>, kind: Kind, parent: Option<&str>) -> Result<Option<i64>> {
    let table = match kind {
        Kind::Inspection => return Ok(None),
        Kind::Finding
        | Kind::Regulation
        | Kind::Accountability
        | Kind::ImmediateFix
        | Kind::FollowUp => Table::Inspections,
        Kind::Task => Table::Findings,
        Kind::Progress | Kind::CloseOut => Table::Tasks,
    };
    let uid = parent.unwrap_or_default();
    id_of(tx.conn(), table, uid)?.map(Some).ok_or_else(|| {
        Error::NotFound(format!(
            "本机没有它所属的{}（对方应先发来该记录）",
            match table {
                Table::Inspections => "巡察",
                Table::Findings => "问题",
                _ => "整改任务",
            }
        ))
    })
}

/// Where a received record's files come from.
pub struct Files<'a> {
    pub package: &'a Verified,
    /// This database's evidence folder (none in memory: files cannot be kept).
    pub dir: Option<&'a Path>,
    /// Files this import stored that no record held before (removed if the import fails).
    pub stored: Vec<StoredFile>,
}

impl Files<'_> {
    fn store(&mut self, e: &EvidenceRef) -> Result<StoredFile> {
        let dir = self
            .dir
            .ok_or_else(|| Error::invalid("evidence", "内存中的数据库不能保存佐证材料文件"))?;
        let mut f = match self.package.file(&e.sha256) {
            Some(path) => evidence::store(dir, &path)?,
            None if evidence::stored_path(dir, &e.sha256).is_file() => StoredFile {
                file_name: String::new(),
                sha256: e.sha256.clone(),
                size: e.size,
                created: false,
            },
            None => {
                return Err(Error::invalid(
                    "evidence",
                    format!("佐证材料“{}”的文件不在交换包中", e.file_name),
                ))
            }
        };
        if f.sha256 != e.sha256 {
            return Err(Error::Refused(format!(
                "佐证材料“{}”与其校验值不符",
                e.file_name
            )));
        }
        f.file_name = evidence::sanitize_name(&e.file_name);
        if f.created {
            self.stored.push(f.clone());
        }
        Ok(f)
    }
}

/// Creates a received record under its uid; returns the new row's id.
pub fn create(
    tx: &mut WriteTx<'_>,
    kind: Kind,
    uid: &str,
    parent: Option<i64>,
    fields: &Fields,
    files: &mut Files<'_>,
    today: NaiveDate,
) -> Result<i64> {
    let parent = parent.unwrap_or_default();
    let id = match kind {
        Kind::Inspection => {
            let input: InspectionInput = serde_json::from_value(Value::Object(fields.clone()))?;
            let i = inspections::add_in_tx(tx, &input)?;
            if get::<bool>(fields, "dual_review")?.unwrap_or(false) {
                inspections::set_dual_review_in_tx(tx, i.id, true)?;
            }
            i.id
        }
        Kind::Finding => {
            let mut input: FindingInput = serde_json::from_value(Value::Object(fields.clone()))?;
            input.inspection_id = parent;
            findings::add_in_tx(tx, &input)?.id
        }
        Kind::Task => {
            let input = TaskInput {
                finding_id: parent,
                measure: text(fields, "measure")?,
                goal: text(fields, "goal")?,
                acceptance: text(fields, "acceptance")?,
                deadline_kind: get(fields, "deadline_kind")?,
                deadline: get::<Option<NaiveDate>>(fields, "deadline")?.flatten(),
                milestones: get(fields, "milestones")?.unwrap_or_default(),
                assignment: assignment(fields)?,
                note: text(fields, "note")?,
                status: get(fields, "status")?,
            };
            tasks::add_in_tx(tx, &input, today)?.id
        }
        Kind::Progress => {
            let refs: Vec<EvidenceRef> = get(fields, "evidence")?.unwrap_or_default();
            let stored = refs
                .iter()
                .map(|e| files.store(e))
                .collect::<Result<Vec<_>>>()?;
            let input = ProgressInput {
                task_id: parent,
                text: text(fields, "text")?,
                entered_on: get::<Option<NaiveDate>>(fields, "entered_on")?.flatten(),
                by: get::<Option<String>>(fields, "by")?.flatten(),
                status: get::<Option<Status>>(fields, "status_after")?.flatten(),
                funds_recovered: get(fields, "funds_recovered")?.unwrap_or(0.0),
                evidence: vec![],
            };
            let p = progress::add_in_tx(tx, &input, &stored, today)?;
            for (e, r) in p.evidence.iter().zip(&refs) {
                set_uid(tx, Table::Evidence, e.id, &r.uid)?;
            }
            p.id
        }
        Kind::CloseOut => {
            let by = text(fields, "requested_by")?;
            let on = get::<NaiveDate>(fields, "requested_on")?.unwrap_or(today);
            let was = tx.act_as(&by);
            let c = closeout::request_in_tx(tx, parent, &text(fields, "summary")?, on);
            tx.act_as(&was);
            c?.id
        }
        Kind::Regulation | Kind::Accountability | Kind::ImmediateFix | Kind::FollowUp => {
            inspection_record(tx, kind, parent, fields)?
        }
    };
    set_uid(tx, kind.table(), id, uid)?;
    if let Some(seq) = get::<i64>(fields, "seq")? {
        try_set_seq(tx, kind.table(), id, seq)?;
    }
    Ok(id)
}

/// Applies edited fields (`to`) to the record `id` of `kind`; `ours` is the record now.
pub fn edit(
    tx: &mut WriteTx<'_>,
    kind: Kind,
    id: i64,
    ours: &Fields,
    to: &Fields,
    today: NaiveDate,
) -> Result<()> {
    match kind {
        Kind::Inspection => {
            let mut input: InspectionInput = serde_json::from_value(Value::Object(to.clone()))?;
            input.name = input.name.or(get(ours, "name")?);
            if to.keys().any(|k| k != "dual_review") {
                inspections::edit_in_tx(tx, id, &input)?;
            }
            if let Some(on) = get::<bool>(to, "dual_review")? {
                inspections::set_dual_review_in_tx(tx, id, on)?;
            }
        }
        Kind::Finding => {
            let patch = FindingPatch {
                category: get(to, "category")?,
                title: get(to, "title")?,
                manifestation: get(to, "manifestation")?,
                nature: get(to, "nature")?,
                source: get(to, "source")?,
                found_on: get::<Option<NaiveDate>>(to, "found_on")?.flatten(),
                tags: get(to, "tags")?,
                ..Default::default()
            };
            if to.keys().any(|k| k != "seq") {
                findings::edit_in_tx(tx, id, &patch, today)?;
            }
        }
        Kind::Task => {
            let patch = TaskPatch {
                measure: get(to, "measure")?,
                goal: get(to, "goal")?,
                acceptance: get(to, "acceptance")?,
                deadline_kind: get(to, "deadline_kind")?,
                deadline: get(to, "deadline")?,
                milestones: get(to, "milestones")?,
                note: get(to, "note")?,
            };
            let content = [
                "measure",
                "goal",
                "acceptance",
                "deadline_kind",
                "deadline",
                "milestones",
                "note",
            ];
            if to.keys().any(|k| content.contains(&k.as_str())) {
                tasks::edit_in_tx(tx, id, &patch, today)?;
            }
            if to.keys().any(|k| ASSIGNMENT.contains(&k.as_str())) {
                tasks::assign_in_tx(tx, &[id], &assignment(to)?, today)?;
            }
            if let Some(status) = get::<Status>(to, "status")? {
                tasks::set_status_in_tx(tx, id, status, Via::Progress)?;
            }
        }
        Kind::Progress => {
            return Err(Error::Conflict(
                "整改进展写入后不再修改：对方的这条进展与本机的不同".into(),
            ))
        }
        Kind::CloseOut => review_close_out(tx, id, to)?,
        Kind::Regulation | Kind::Accountability | Kind::ImmediateFix | Kind::FollowUp => {
            return Err(Error::Conflict(format!(
                "{}记录写入后不再修改：对方的这条记录与本机的不同",
                kind.label()
            )))
        }
    }
    if let Some(seq) = get::<i64>(to, "seq")? {
        try_set_seq(tx, kind.table(), id, seq)?;
    }
    Ok(())
}

/// Brings a close-out request to the reviewed state the sender has, one review at a time
/// (初审 then 终审 under 双审核), each through the same review as in the app.
fn review_close_out(tx: &mut WriteTx<'_>, id: i64, to: &Fields) -> Result<()> {
    let want: CloseOutState =
        get(to, "state")?.ok_or_else(|| Error::Conflict("销号记录的审批内容不完整".into()))?;
    for _ in 0..2 {
        let c = closeout::get(tx.conn(), id)?;
        if c.state == want {
            return Ok(());
        }
        let Some(step) = closeout::review_step(tx.conn(), c.task_id)? else {
            break;
        };
        let review = match step {
            ReviewStep::First => Review {
                approve: matches!(want, CloseOutState::FirstApproved | CloseOutState::Approved),
                approvers: get(to, "first_reviewers")?.unwrap_or_default(),
                verdict: text(to, "first_opinion")?,
                on: get::<Option<NaiveDate>>(to, "first_reviewed_on")?
                    .flatten()
                    .unwrap_or(c.requested_on),
            },
            _ => Review {
                approve: want == CloseOutState::Approved,
                approvers: get(to, "approvers")?.unwrap_or_default(),
                verdict: text(to, "verdict")?,
                on: get::<Option<NaiveDate>>(to, "reviewed_on")?
                    .flatten()
                    .unwrap_or(c.requested_on),
            },
        };
        let was = tx.act_as(&review.approvers.join("、"));
        let done = closeout::review_in_tx(tx, c.task_id, &review);
        tx.act_as(&was);
        done?;
    }
    let c = closeout::get(tx.conn(), id)?;
    if c.state != want {
        return Err(Error::Conflict(format!(
            "本机的这项销号申请为“{}”，无法改为对方的“{}”",
            c.state.label(),
            want.label()
        )));
    }
    Ok(())
}

/// Writes a 建章立制, 问责, 立行立改 or 回头看 record of inspection `inspection`, its
/// finding and task named by uid.
fn inspection_record(
    tx: &mut WriteTx<'_>,
    kind: Kind,
    inspection: i64,
    fields: &Fields,
) -> Result<i64> {
    use crate::db::records as r;
    let mut v = fields.clone();
    let refer = |key: &str, table: Table| -> Result<Value> {
        match get::<Option<String>>(fields, key)?.flatten() {
            None => Ok(Value::Null),
            Some(uid) => Ok(id_of(tx.conn(), table, &uid)?
                .map(Value::from)
                .ok_or_else(|| {
                    Error::NotFound(format!("本机没有{}所指的{}", kind.label(), key))
                })?),
        }
    };
    v.insert("id".into(), 0.into());
    v.insert("inspection_id".into(), inspection.into());
    v.insert("finding_id".into(), refer("finding", Table::Findings)?);
    v.insert("task_id".into(), refer("task", Table::Tasks)?);
    let v = Value::Object(v);
    Ok(match kind {
        Kind::Regulation => r::add_regulation_in_tx(tx, &serde_json::from_value(v)?)?.id,
        Kind::Accountability => r::add_accountability_in_tx(tx, &serde_json::from_value(v)?)?.id,
        Kind::ImmediateFix => r::add_immediate_fix_in_tx(tx, &serde_json::from_value(v)?)?.id,
        _ => r::add_follow_up_in_tx(tx, &serde_json::from_value(v)?)?.id,
    })
}
