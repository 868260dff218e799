//! 挂图作战、销号管理: the board of every task, one task's whole history, progress with
//! evidence, close-out request and review, reopening, and 回头看 follow-up checks.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::views::{BoardRow, ReviewInput, TaskDetail, TaskFilter};
use crate::db::{
    board, closeout, evidence, findings, inspections, letters, progress, records, tasks, Db,
};
use crate::domain::status::{self, Via};
use crate::domain::{CloseOut, Evidence, FollowUpCheck, Progress, ProgressInput, Reopening};
use crate::{Error, Result};

/// Every task matching the filter with its finding, overdue first, then by days left.
pub fn board(db: &Db, filter: &TaskFilter, today: NaiveDate) -> Result<Vec<BoardRow>> {
    db.read(|c| board::rows(c, filter, today))
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
            letters: letters::list(c, None, Some(task_id))?,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sections;

    #[test]
    fn the_board_numbers_findings_as_the_documents_do() {
        let db = Db::open_in_memory().unwrap();
        let today = crate::db::today();
        let id = crate::demo::load(&db, today).unwrap();
        let data = crate::db::ledger::load(&db, id, today).unwrap();
        let printed = sections::numbers(&data);
        let rows = board(&db, &TaskFilter::default(), today).unwrap();
        assert!(!rows.is_empty());
        for r in &rows {
            let want = printed[&r.task.finding_id].to_string();
            assert_eq!(r.finding_number, want, "task {}", r.task.id);
        }
        // Category 一 first: 第 1 号 there is （一）1; a later category restarts at 1.
        let f = crate::app::intake::findings(&db, Some(id), today).unwrap();
        assert_eq!(f[0].number, "（一）1");
        assert!(f.iter().any(|f| f.number == "（二）1"));
        let d = task_detail(&db, rows[0].task.id, today).unwrap();
        assert_eq!(d.finding.number, rows[0].finding_number);
    }
}
