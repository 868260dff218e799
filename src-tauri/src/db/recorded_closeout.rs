//! A close-out the paper ledger already records (已销号, with its 复查/验收 columns), written
//! when that ledger is imported: the review as the ledger states it, approved, and marked
//! as taken from the ledger, never as a review made in the app.

use chrono::NaiveDate;
use rusqlite::params;

use super::{closeout, tasks, WriteTx};
use crate::domain::status::Via;
use crate::domain::{CloseOut, CloseOutState, Status};
use crate::{Error, Result};

/// The review a ledger records for a closed task.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// 复查/验收日期, if the ledger gives one.
    pub on: Option<NaiveDate>,
    /// 复查人/验收人 as written.
    pub reviewers: Vec<String>,
    /// The review as the ledger words it (复查结果…).
    pub verdict: String,
    /// Where it came from (the file), said in the request's summary.
    pub source: String,
}

/// Closes task `task_id` with the review its ledger records: the task is brought to 已完成
/// if it is not, and an approved close-out is written whose summary says it was taken
/// from the ledger. Refused for a task already closed.
pub fn record_in_tx(
    tx: &mut WriteTx<'_>,
    task_id: i64,
    r: &Recorded,
    today: NaiveDate,
) -> Result<CloseOut> {
    let task = tasks::get(tx.conn(), task_id, today)?;
    if task.status == Status::Closed {
        return Err(Error::Conflict("该任务已销号".into()));
    }
    if closeout::pending(tx.conn(), task_id)?.is_some() {
        return Err(Error::Conflict("该任务已有待审批的销号申请".into()));
    }
    if task.status != Status::Completed {
        tasks::set_status_in_tx(tx, task_id, Status::Completed, Via::Progress)?;
    }
    let on = r.on.unwrap_or(today);
    let summary = format!("据导入的台账记载已复查验收销号（{}）", r.source);
    let by = tx.operator().to_owned();
    tx.conn().execute(
        "INSERT INTO close_outs (task_id, requested_on, requested_by, summary, state, reviewed_on,
            approvers, verdict)
         VALUES (?1, ?2, ?3, ?4, ?5, ?2, ?6, ?7)",
        params![
            task_id,
            on,
            by,
            summary,
            CloseOutState::Approved,
            serde_json::to_string(&r.reviewers)?,
            r.verdict.trim()
        ],
    )?;
    let c = closeout::get(tx.conn(), tx.conn().last_insert_rowid())?;
    tasks::set_status_in_tx(tx, task_id, Status::Closed, Via::CloseOut)?;
    tx.audit::<(), _>("record", "close_out", Some(c.id), None, Some(&c))?;
    Ok(c)
}
