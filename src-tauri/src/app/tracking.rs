//! 挂图作战、销号管理: the board of every task, one task's whole history, progress with
//! evidence, close-out request and review, reopening, and 回头看 follow-up checks.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use chrono::NaiveDate;

use super::views::{BoardFilter, BoardTask, ReviewInput, TaskDetail};
use crate::db::{closeout, evidence, findings, inspections, progress, records, tasks, Db};
use crate::domain::status::{self, Via};
use crate::domain::{CloseOut, Evidence, FollowUpCheck, Progress, ProgressInput, Reopening};
use crate::{Error, Result};

impl From<&BoardFilter> for tasks::TaskFilter {
    fn from(f: &BoardFilter) -> Self {
        tasks::TaskFilter {
            inspection_id: f.inspection_id,
            category_id: f.category_id,
            status: f.status,
            overdue: f.overdue,
            unit: f.unit.clone().filter(|u| !u.trim().is_empty()),
            person: f.person.clone().filter(|p| !p.trim().is_empty()),
            due_within_days: f.due_within_days,
            ..Default::default()
        }
    }
}

/// Every task matching the filter with its finding, overdue first, then by days left.
pub fn board(db: &Db, filter: &tasks::TaskFilter, today: NaiveDate) -> Result<Vec<BoardTask>> {
    db.read(|c| {
        let list = tasks::list(c, filter, today)?;
        let mut stmt = c.prepare(
            "SELECT f.id, f.seq, f.title, f.category_id, c.name FROM findings f
             JOIN categories c ON c.id = f.category_id WHERE ?1 IS NULL OR f.inspection_id = ?1",
        )?;
        let findings: HashMap<i64, (i64, String, i64, String)> = stmt
            .query_map([filter.inspection_id], |r| {
                Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = c.prepare(
            "SELECT task_id FROM close_outs WHERE state IN ('requested', 'first_approved')",
        )?;
        let pending: HashSet<i64> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut rows: Vec<BoardTask> = list
            .into_iter()
            .filter_map(|task| {
                let (seq, title, cat_id, cat) = findings.get(&task.finding_id)?.clone();
                Some(BoardTask {
                    close_out_pending: pending.contains(&task.id),
                    task,
                    finding_seq: seq,
                    finding_title: title,
                    category_id: cat_id,
                    category: cat,
                })
            })
            .collect();
        rows.sort_by_key(|r| {
            (
                !r.task.overdue,
                r.task.days_left.unwrap_or(i64::MAX),
                r.finding_seq,
                r.task.seq,
            )
        });
        Ok(rows)
    })
}

/// Everything about one task: its finding, progress with evidence, close-out requests
/// and reviews, follow-up checks, the review a pending request waits for and the statuses
/// a progress entry may move it to.
pub fn task_detail(db: &Db, task_id: i64, today: NaiveDate) -> Result<TaskDetail> {
    db.read(|c| {
        let task = tasks::get(c, task_id, today)?;
        let finding = findings::get(c, task.finding_id, today)?;
        let follow_ups = records::follow_ups(c, Some(finding.inspection_id))?
            .into_iter()
            .filter(|f| f.task_id == Some(task_id))
            .collect();
        Ok(TaskDetail {
            dual_review: inspections::get(c, finding.inspection_id)?.dual_review,
            review_step: closeout::review_step(c, task_id)?,
            next_statuses: status::next_statuses(task.status, Via::Progress),
            progress: progress::for_task(c, task_id)?,
            evidence: evidence::for_task(c, task_id)?,
            close_outs: closeout::for_task(c, task_id)?,
            reopenings: closeout::reopenings(c, task_id)?,
            follow_ups,
            finding,
            task,
        })
    })
}

/// Records a progress entry; evidence files named in it are copied into the store.
pub fn add_progress(db: &Db, input: &ProgressInput, today: NaiveDate) -> Result<Progress> {
    progress::add(db, input, today)
}

/// An evidence file of a task: its record and where the store keeps its bytes.
pub fn evidence_file(db: &Db, task_id: i64, evidence_id: i64) -> Result<(Evidence, PathBuf)> {
    let e = db
        .read(|c| evidence::for_task(c, task_id))?
        .into_iter()
        .find(|e| e.id == evidence_id)
        .ok_or_else(|| Error::NotFound(format!("没有编号为 {evidence_id} 的佐证材料")))?;
    let dir = db
        .evidence_dir()
        .ok_or_else(|| Error::NotFound("内存数据库没有佐证材料文件".into()))?;
    let path = evidence::stored_path(&dir, &e.sha256);
    Ok((e, path))
}

/// The progress entries of a task, oldest first.
pub fn progress_of(db: &Db, task_id: i64) -> Result<Vec<Progress>> {
    db.read(|c| progress::for_task(c, task_id))
}

/// 提请销号 on `on` (today when `None`).
pub fn request_close_out(
    db: &Db,
    task_id: i64,
    summary: &str,
    on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<CloseOut> {
    db.write(|tx| closeout::request_in_tx(tx, task_id, summary, on.unwrap_or(today)))
}

/// 审批 a close-out request: approve or send back. Under 双审核 this is the step the
/// request waits for (初审, then 终审, which closes the task); `review.step` is the step the
/// caller showed, refused if another is now due.
pub fn review_close_out(
    db: &Db,
    task_id: i64,
    review: &ReviewInput,
    today: NaiveDate,
) -> Result<CloseOut> {
    let r = closeout::Review {
        approve: review.approve,
        approvers: review.approvers.clone(),
        verdict: review.verdict.clone(),
        on: review.on.unwrap_or(today),
    };
    db.write(|tx| closeout::review_step_in_tx(tx, task_id, &r, review.step))
}

/// 重新打开 a closed task (问题反弹), with a reason, on `on` (today when `None`).
pub fn reopen(
    db: &Db,
    task_id: i64,
    reason: &str,
    on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Reopening> {
    db.write(|tx| closeout::reopen_in_tx(tx, task_id, reason, on.unwrap_or(today)))
}

/// 回头看 checks of an inspection.
pub fn follow_ups(db: &Db, inspection: i64) -> Result<Vec<FollowUpCheck>> {
    db.read(|c| records::follow_ups(c, Some(inspection)))
}

/// Records a 回头看 check (`id` is ignored); a rebound reopens the task.
pub fn add_follow_up(db: &Db, input: &FollowUpCheck) -> Result<FollowUpCheck> {
    db.write(|tx| records::add_follow_up_in_tx(tx, input))
}
