//! A task the ledger marks 已销号 together with its review (复查, 验收 columns) is closed
//! with that review, as a close-out taken from the ledger (`db::recorded_closeout`). Without
//! a recorded review it stays 已完成, and the user completes the close-out in the app.

use chrono::NaiveDate;

use super::plan::PlannedTask;
use crate::db::recorded_closeout::{self, Recorded};
use crate::db::{tasks, WriteTx};
use crate::domain::Status;
use crate::Result;

/// Whether the row closes its task with a recorded review.
pub(super) fn closes(pt: &PlannedTask) -> bool {
    pt.status == Some(Status::Closed) && pt.review.is_some()
}

/// Closes task `task_id` with the review row `pt` records, unless it is closed already;
/// a refusal is told in `changes` and leaves the task as it was. Returns whether it closed.
pub(super) fn close_out(
    tx: &mut WriteTx<'_>,
    task_id: i64,
    pt: &PlannedTask,
    at: &str,
    file: &str,
    today: NaiveDate,
    changes: &mut Vec<String>,
) -> Result<bool> {
    let Some(review) = pt.review.as_ref().filter(|_| closes(pt)) else {
        return Ok(false);
    };
    if tasks::get(tx.conn(), task_id, today)?.status == Status::Closed {
        return Ok(false);
    }
    let recorded = Recorded {
        on: review.on,
        reviewers: review.reviewers.clone(),
        verdict: review.text.clone(),
        source: file.to_owned(),
    };
    match tx.step(|tx| recorded_closeout::record_in_tx(tx, task_id, &recorded, today)) {
        Ok(_) => Ok(true),
        Err(e) => {
            changes.push(format!("{at}：未按台账记载销号：{e}"));
            Ok(false)
        }
    }
}
