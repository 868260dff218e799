//! Close-out (销号): a completed task with evidence is put forward, reviewed and approved
//! (which closes it) or sent back; a closed task can be reopened with a reason.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::util::json_list;
use super::{evidence, tasks, WriteTx};
use crate::domain::status::Via;
use crate::domain::{validate, CloseOut, CloseOutState, Reopening, Status};
use crate::{Error, Result};

fn from_row(r: &Row<'_>) -> rusqlite::Result<CloseOut> {
    Ok(CloseOut {
        id: r.get(0)?,
        task_id: r.get(1)?,
        requested_on: r.get(2)?,
        requested_by: r.get(3)?,
        summary: r.get(4)?,
        state: r.get(5)?,
        reviewed_on: r.get(6)?,
        approvers: json_list(&r.get::<_, String>(7)?),
        verdict: r.get(8)?,
    })
}

const COLUMNS: &str =
    "id, task_id, requested_on, requested_by, summary, state, reviewed_on, approvers, verdict";

/// 提请销号: the task must be completed and have evidence; one open request at a time.
pub fn request_in_tx(
    tx: &mut WriteTx<'_>,
    task_id: i64,
    summary: &str,
    on: NaiveDate,
) -> Result<CloseOut> {
    validate::text("summary", "提请说明", summary, validate::limits::TEXT)?;
    validate::date("requested_on", "提请日期", on)?;
    let task = tasks::get(tx.conn(), task_id, on)?;
    if task.status != Status::Completed {
        return Err(Error::invalid(
            "status",
            format!(
                "任务当前为“{}”，只有“已完成”的任务才能提请销号",
                task.status.label()
            ),
        ));
    }
    if evidence::for_task(tx.conn(), task_id)?.is_empty() {
        return Err(Error::invalid(
            "evidence",
            "提请销号须附佐证材料：请先在整改进展中上传佐证材料",
        ));
    }
    if pending(tx.conn(), task_id)?.is_some() {
        return Err(Error::Conflict("该任务已有待审批的销号申请".into()));
    }
    let by = tx.operator().to_owned();
    tx.conn().execute(
        "INSERT INTO close_outs (task_id, requested_on, requested_by, summary, state)
         VALUES (?1, ?2, ?3, ?4, 'requested')",
        params![task_id, on, by, summary.trim()],
    )?;
    let c = get(tx.conn(), tx.conn().last_insert_rowid())?;
    tx.audit::<(), _>("request", "close_out", Some(c.id), None, Some(&c))?;
    Ok(c)
}

/// The review of a close-out request.
#[derive(Debug, Clone)]
pub struct Review {
    pub approve: bool,
    pub approvers: Vec<String>,
    pub verdict: String,
    pub on: NaiveDate,
}

/// 审批: approving closes the task (已销号); sending back leaves it completed.
pub fn review_in_tx(tx: &mut WriteTx<'_>, task_id: i64, review: &Review) -> Result<CloseOut> {
    let approvers: Vec<String> = review
        .approvers
        .iter()
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect();
    if approvers.is_empty() {
        return Err(Error::invalid(
            "approvers",
            "审批人不能为空：请填写验收、审核签字的人员",
        ));
    }
    validate::names("approvers", "审批人", &approvers, validate::limits::NAME)?;
    validate::text(
        "verdict",
        "验收意见",
        &review.verdict,
        validate::limits::TEXT,
    )?;
    if !review.approve && review.verdict.trim().is_empty() {
        return Err(Error::invalid("verdict", "退回销号申请时须写明退回理由"));
    }
    let before = pending(tx.conn(), task_id)?
        .ok_or_else(|| Error::Conflict("该任务没有待审批的销号申请：请先提请销号".into()))?;
    if review.on < before.requested_on {
        return Err(Error::invalid("reviewed_on", "审批日期不能早于提请日期"));
    }
    let state = if review.approve {
        tasks::set_status_in_tx(tx, task_id, Status::Closed, Via::CloseOut)?;
        CloseOutState::Approved
    } else {
        CloseOutState::Rejected
    };
    tx.conn().execute(
        "UPDATE close_outs SET state = ?2, reviewed_on = ?3, approvers = ?4, verdict = ?5
         WHERE id = ?1",
        params![
            before.id,
            state,
            review.on,
            serde_json::to_string(&approvers)?,
            review.verdict.trim()
        ],
    )?;
    let after = get(tx.conn(), before.id)?;
    tx.audit(
        "review",
        "close_out",
        Some(before.id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// 重新打开 a closed task (问题反弹), with a reason.
pub fn reopen_in_tx(
    tx: &mut WriteTx<'_>,
    task_id: i64,
    reason: &str,
    on: NaiveDate,
) -> Result<Reopening> {
    validate::required_text("reason", "重新打开的原因", reason, validate::limits::TEXT)?;
    tasks::set_status_in_tx(tx, task_id, Status::InProgress, Via::Reopen)?;
    let by = tx.operator().to_owned();
    tx.conn().execute(
        "INSERT INTO reopenings (task_id, reopened_on, reason, by) VALUES (?1, ?2, ?3, ?4)",
        params![task_id, on, reason.trim(), by],
    )?;
    let r = Reopening {
        id: tx.conn().last_insert_rowid(),
        task_id,
        reopened_on: on,
        reason: reason.trim().to_owned(),
        by,
    };
    tx.audit::<(), _>("reopen", "task", Some(task_id), None, Some(&r))?;
    Ok(r)
}

fn get(conn: &Connection, id: i64) -> Result<CloseOut> {
    Ok(conn.query_row(
        &format!("SELECT {COLUMNS} FROM close_outs WHERE id = ?1"),
        [id],
        from_row,
    )?)
}

/// The open request of a task, if any.
pub fn pending(conn: &Connection, task_id: i64) -> Result<Option<CloseOut>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM close_outs WHERE task_id = ?1 AND state = 'requested'"),
            [task_id],
            from_row,
        )
        .optional()?)
}

/// Close-outs of one inspection (or all) by task id, oldest first.
pub fn by_task(
    conn: &Connection,
    inspection_id: Option<i64>,
) -> Result<HashMap<i64, Vec<CloseOut>>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM close_outs WHERE ?1 IS NULL OR task_id IN
            (SELECT t.id FROM tasks t JOIN findings f ON f.id = t.finding_id
             WHERE f.inspection_id = ?1)
         ORDER BY id"
    ))?;
    let rows = stmt.query_map([inspection_id], from_row)?;
    let mut out: HashMap<i64, Vec<CloseOut>> = HashMap::new();
    for c in rows {
        let c = c?;
        out.entry(c.task_id).or_default().push(c);
    }
    Ok(out)
}
