//! Close-out (销号): a completed task with evidence is put forward, reviewed and approved
//! (which closes it) or sent back; a closed task can be reopened with a reason. When the
//! inspection requires 双审核, the request is reviewed twice: 初审 by the unit's principal,
//! then 终审 by the superior leader in charge.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::util::{codes_in, json_list};
use super::{evidence, tasks, WriteTx};
use crate::domain::status::{self, Via};
use crate::domain::{validate, CloseOut, CloseOutState, Reopening, ReviewStep, Status};
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
        first_reviewed_on: r.get(9)?,
        first_reviewers: json_list(&r.get::<_, String>(10)?),
        first_opinion: r.get(11)?,
    })
}

const COLUMNS: &str = "id, task_id, requested_on, requested_by, summary, state, reviewed_on,
    approvers, verdict, first_reviewed_on, first_reviewers, first_opinion";

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
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![task_id, on, by, summary.trim(), CloseOutState::Requested],
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

/// Whether the task's inspection requires 双审核.
fn dual_review(conn: &Connection, task_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT i.dual_review FROM tasks t JOIN findings f ON f.id = t.finding_id
         JOIN inspections i ON i.id = f.inspection_id WHERE t.id = ?1",
        [task_id],
        |r| r.get(0),
    )?)
}

/// The review a pending request `c` waits for: past its first review it needs the final
/// one; otherwise the inspection's setting decides (双审核: 初审 first, else one 审批).
fn step_of(conn: &Connection, c: &CloseOut) -> Result<ReviewStep> {
    Ok(match c.state {
        CloseOutState::FirstApproved => ReviewStep::Final,
        _ if dual_review(conn, c.task_id)? => ReviewStep::First,
        _ => ReviewStep::Single,
    })
}

/// The review the task's pending close-out request waits for, if there is one.
pub fn review_step(conn: &Connection, task_id: i64) -> Result<Option<ReviewStep>> {
    pending(conn, task_id)?
        .map(|c| step_of(conn, &c))
        .transpose()
}

/// Who signs each review, for the messages.
fn reviewer_of(step: ReviewStep) -> &'static str {
    match step {
        ReviewStep::Single => "审批人",
        ReviewStep::First => "初审人",
        ReviewStep::Final => "终审人",
    }
}

/// 审批: approving closes the task (已销号); sending back leaves it completed. Under
/// 双审核 the request is reviewed twice: this is the review it waits for.
pub fn review_in_tx(tx: &mut WriteTx<'_>, task_id: i64, review: &Review) -> Result<CloseOut> {
    review_step_in_tx(tx, task_id, review, None)
}

/// Like [`review_in_tx`], refusing when the request does not wait for `expect` (the UI
/// showed another step than the one now due: someone reviewed it meanwhile).
///
/// 初审 (first review, the unit's principal): approving passes the request on to the final
/// review, sending back ends it. 终审 (final review, the superior leader in charge, not the
/// same person): approving closes the task. A single review (审批) closes it at once.
pub fn review_step_in_tx(
    tx: &mut WriteTx<'_>,
    task_id: i64,
    review: &Review,
    expect: Option<ReviewStep>,
) -> Result<CloseOut> {
    let before = pending(tx.conn(), task_id)?
        .ok_or_else(|| Error::Conflict("该任务没有待审批的销号申请：请先提请销号".into()))?;
    let step = step_of(tx.conn(), &before)?;
    if expect.is_some_and(|e| e != step) {
        return Err(Error::Conflict(format!(
            "该销号申请现在等待{}：页面显示的已不是最新情况，请关闭后重新打开再审核",
            step.label()
        )));
    }
    let who = reviewer_of(step);
    let approvers: Vec<String> = review
        .approvers
        .iter()
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect();
    if approvers.is_empty() {
        let hint = match step {
            ReviewStep::Single => "请填写验收、审核签字的人员",
            ReviewStep::First => "请填写初审签字的人员（被巡察单位主要负责人）",
            ReviewStep::Final => "请填写终审签字的人员（上级分管领导）",
        };
        return Err(Error::invalid(
            "approvers",
            format!("{who}不能为空：{hint}"),
        ));
    }
    validate::names("approvers", who, &approvers, validate::limits::NAME)?;
    let opinion = if step == ReviewStep::First {
        "初审意见"
    } else {
        "验收意见"
    };
    validate::text("verdict", opinion, &review.verdict, validate::limits::TEXT)?;
    if !review.approve && review.verdict.trim().is_empty() {
        return Err(Error::invalid("verdict", "退回销号申请时须写明退回理由"));
    }
    match (step, before.first_reviewed_on) {
        (ReviewStep::Final, Some(first)) if review.on < first => {
            return Err(Error::invalid("reviewed_on", "终审日期不能早于初审日期"));
        }
        _ if review.on < before.requested_on => {
            return Err(Error::invalid("reviewed_on", "审批日期不能早于提请日期"));
        }
        _ => {}
    }
    if step == ReviewStep::Final {
        if let Some(same) = approvers
            .iter()
            .find(|a| before.first_reviewers.contains(a))
        {
            return Err(Error::invalid(
                "approvers",
                format!("“{same}”已作初审：双审核的终审须由另一位领导（上级分管领导）签字"),
            ));
        }
    }
    let approvers = serde_json::to_string(&approvers)?;
    let verdict = review.verdict.trim();
    if step == ReviewStep::First {
        let state = if review.approve {
            CloseOutState::FirstApproved
        } else {
            CloseOutState::Rejected
        };
        tx.conn().execute(
            "UPDATE close_outs SET state = ?2, first_reviewed_on = ?3, first_reviewers = ?4,
                first_opinion = ?5
             WHERE id = ?1",
            params![before.id, state, review.on, approvers, verdict],
        )?;
    } else {
        let state = if review.approve {
            tasks::set_status_in_tx(tx, task_id, Status::Closed, Via::CloseOut)?;
            CloseOutState::Approved
        } else {
            CloseOutState::Rejected
        };
        tx.conn().execute(
            "UPDATE close_outs SET state = ?2, reviewed_on = ?3, approvers = ?4, verdict = ?5
             WHERE id = ?1",
            params![before.id, state, review.on, approvers, verdict],
        )?;
    }
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

/// One close-out request by id.
pub fn get(conn: &Connection, id: i64) -> Result<CloseOut> {
    Ok(conn.query_row(
        &format!("SELECT {COLUMNS} FROM close_outs WHERE id = ?1"),
        [id],
        from_row,
    )?)
}

/// The states of a request still waiting for a review ([`status::close_out_pending`]), as
/// an SQL list.
pub(super) static PENDING_STATES: LazyLock<String> = LazyLock::new(|| {
    codes_in(
        CloseOutState::ALL,
        status::close_out_pending,
        CloseOutState::code,
    )
});

/// The open request of a task (waiting for a review, under 双审核 either one), if any.
pub fn pending(conn: &Connection, task_id: i64) -> Result<Option<CloseOut>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM close_outs
                 WHERE task_id = ?1 AND state IN ({})",
                *PENDING_STATES
            ),
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

/// The close-out requests of one task, oldest first.
pub fn for_task(conn: &Connection, task_id: i64) -> Result<Vec<CloseOut>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM close_outs WHERE task_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([task_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The times a task was reopened (问题反弹), oldest first.
pub fn reopenings(conn: &Connection, task_id: i64) -> Result<Vec<Reopening>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, task_id, reopened_on, reason, by FROM reopenings WHERE task_id = ?1
         ORDER BY id",
    )?;
    let rows = stmt.query_map([task_id], |r| {
        Ok(Reopening {
            id: r.get(0)?,
            task_id: r.get(1)?,
            reopened_on: r.get(2)?,
            reason: r.get(3)?,
            by: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{inspections, Db};

    /// A demo database on disk (evidence needs files) and a completed task with evidence.
    fn completed_task() -> (tempfile::TempDir, Db, i64, i64) {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.db")).unwrap();
        let today = crate::db::today();
        let inspection = crate::demo::load(&db, today).unwrap();
        let filter = tasks::TaskFilter {
            inspection_id: Some(inspection),
            status: Some(Status::Completed),
            ..Default::default()
        };
        let task = db
            .read(|c| {
                for t in tasks::list(c, &filter, today)? {
                    if pending(c, t.id)?.is_none() && !evidence::for_task(c, t.id)?.is_empty() {
                        return Ok(t.id);
                    }
                }
                panic!("the demo has a completed task with evidence");
            })
            .unwrap();
        (dir, db, inspection, task)
    }

    fn review(approve: bool, who: &str, verdict: &str) -> Review {
        Review {
            approve,
            approvers: vec![who.into()],
            verdict: verdict.into(),
            on: crate::db::today(),
        }
    }

    #[test]
    fn single_review_closes_at_once() {
        let (_dir, db, _, task) = completed_task();
        let today = crate::db::today();
        db.write(|tx| request_in_tx(tx, task, "齐全", today))
            .unwrap();
        assert_eq!(
            db.read(|c| review_step(c, task)).unwrap(),
            Some(ReviewStep::Single)
        );
        let c = db
            .write(|tx| review_in_tx(tx, task, &review(true, "李四", "同意")))
            .unwrap();
        assert_eq!(c.state, CloseOutState::Approved);
        assert!(c.first_reviewed_on.is_none());
        assert_eq!(
            db.read(|c| tasks::get(c, task, today)).unwrap().status,
            Status::Closed
        );
    }

    #[test]
    fn dual_review_needs_first_then_final_by_another_person() {
        let (_dir, db, inspection, task) = completed_task();
        let today = crate::db::today();
        db.write(|tx| inspections::set_dual_review_in_tx(tx, inspection, true))
            .unwrap();
        db.write(|tx| request_in_tx(tx, task, "齐全", today))
            .unwrap();
        assert_eq!(
            db.read(|c| review_step(c, task)).unwrap(),
            Some(ReviewStep::First)
        );
        // The UI showed the final step, but the request waits for the first.
        let err = db
            .write(|tx| {
                review_step_in_tx(
                    tx,
                    task,
                    &review(true, "王书记", ""),
                    Some(ReviewStep::Final),
                )
            })
            .unwrap_err();
        assert!(err.to_string().contains("等待初审"), "{err}");
        let empty = Review {
            approvers: vec![],
            ..review(true, "", "")
        };
        let err = db.write(|tx| review_in_tx(tx, task, &empty)).unwrap_err();
        assert_eq!(err.field(), Some("approvers"));
        assert!(err.to_string().contains("初审人不能为空"), "{err}");

        let c = db
            .write(|tx| {
                review_step_in_tx(
                    tx,
                    task,
                    &review(true, "王书记", "整改到位"),
                    Some(ReviewStep::First),
                )
            })
            .unwrap();
        assert_eq!(c.state, CloseOutState::FirstApproved);
        assert_eq!(c.first_reviewers, vec!["王书记".to_owned()]);
        assert_eq!(c.first_opinion, "整改到位");
        assert!(c.reviewed_on.is_none());
        // Still completed, not closed, until the final review.
        assert_eq!(
            db.read(|c| tasks::get(c, task, today)).unwrap().status,
            Status::Completed
        );
        assert_eq!(
            db.read(|c| review_step(c, task)).unwrap(),
            Some(ReviewStep::Final)
        );
        let err = db
            .write(|tx| review_in_tx(tx, task, &review(true, "王书记", "")))
            .unwrap_err();
        assert_eq!(err.field(), Some("approvers"));
        assert!(err.to_string().contains("已作初审"), "{err}");

        let c = db
            .write(|tx| {
                review_step_in_tx(
                    tx,
                    task,
                    &review(true, "赵副区长", "同意销号"),
                    Some(ReviewStep::Final),
                )
            })
            .unwrap();
        assert_eq!(c.state, CloseOutState::Approved);
        assert_eq!(c.approvers, vec!["赵副区长".to_owned()]);
        assert_eq!(c.first_reviewers, vec!["王书记".to_owned()]);
        assert_eq!(
            db.read(|c| tasks::get(c, task, today)).unwrap().status,
            Status::Closed
        );
        assert_eq!(db.read(|c| review_step(c, task)).unwrap(), None);
    }

    #[test]
    fn first_review_can_send_back_with_a_reason() {
        let (_dir, db, inspection, task) = completed_task();
        let today = crate::db::today();
        db.write(|tx| inspections::set_dual_review_in_tx(tx, inspection, true))
            .unwrap();
        db.write(|tx| request_in_tx(tx, task, "齐全", today))
            .unwrap();
        let err = db
            .write(|tx| review_in_tx(tx, task, &review(false, "王书记", " ")))
            .unwrap_err();
        assert_eq!(err.field(), Some("verdict"));
        let c = db
            .write(|tx| review_in_tx(tx, task, &review(false, "王书记", "佐证不足")))
            .unwrap();
        assert_eq!(c.state, CloseOutState::Rejected);
        assert_eq!(c.first_opinion, "佐证不足");
        assert_eq!(db.read(|c| review_step(c, task)).unwrap(), None);
        // Sent back: it can be put forward again.
        db.write(|tx| request_in_tx(tx, task, "已补充佐证", today))
            .unwrap();
    }
}
