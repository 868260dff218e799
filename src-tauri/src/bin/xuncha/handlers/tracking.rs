//! 跟踪: progress on tasks, closing them out (or reopening them), follow-up checks, and
//! the regulations and accountability that rectification produced.

use chrono::NaiveDate;
use xuncha::app::{intake, supervision, tracking as app, ReviewInput};
use xuncha::db::Db;
use xuncha::domain::*;
use xuncha::Result;

use super::{opt_date, req_date, which};
use crate::args::*;
use crate::output;

/// `xuncha progress …`: progress entries on a task.
pub(super) fn progress(db: &Db, j: bool, c: &ProgressCmd, today: NaiveDate) -> Result<()> {
    match c {
        ProgressCmd::Add {
            task,
            text,
            status,
            evidence,
            date,
            by,
            funds,
        } => {
            let input = ProgressInput {
                task_id: *task,
                text: text.clone(),
                entered_on: opt_date("entered_on", date.as_deref())?,
                by: by.clone(),
                status: status
                    .as_deref()
                    .map(|s| Status::parse_field(s, "status"))
                    .transpose()?,
                funds_recovered: *funds,
                evidence: evidence.clone(),
            };
            let p = app::add_progress(db, &input, today)?;
            output::created(j, p.id, "整改进展", &p)
        }
        ProgressCmd::List { task } => {
            let p = app::progress_of(db, *task)?;
            output::list(j, &p, None, |e| {
                format!("{}  {}  {}", dates::format_cn(e.entered_on), e.by, e.text)
            })
        }
    }
}

/// `xuncha close-out …`: request, approve or reject closing a task out.
/// `xuncha letter list|void`: the register of 督办 letters.
pub(super) fn letter(db: &Db, j: bool, c: &LetterCmd, today: NaiveDate) -> Result<()> {
    match c {
        LetterCmd::List { inspection, task } => {
            let all = supervision::list(db, *inspection, *task)?;
            output::list(j, &all, Some("还没有发过督办函件"), output::letter_line)
        }
        LetterCmd::Void { id, reason, date } => {
            let on = opt_date("date", date.as_deref())?;
            let l = supervision::void(db, *id, reason, on, today)?;
            output::done(
                j,
                &format!("已作废{}{}（编号不再使用）", l.kind.label(), l.number_text),
                &l,
            )
        }
    }
}

pub(super) fn close_out(db: &Db, j: bool, c: &CloseOutCmd, today: NaiveDate) -> Result<()> {
    match c {
        CloseOutCmd::Request {
            task,
            summary,
            date,
        } => {
            let on = opt_date("requested_on", date.as_deref())?;
            let co = app::request_close_out(db, *task, summary, on, today)?;
            output::created(j, co.id, "销号申请", &co)
        }
        CloseOutCmd::Approve {
            task,
            approvers,
            verdict,
            date,
        } => {
            let review = ReviewInput {
                approve: true,
                approvers: approvers.clone(),
                verdict: verdict.clone(),
                on: opt_date("reviewed_on", date.as_deref())?,
                step: None,
            };
            let co = app::review_close_out(db, *task, &review, today)?;
            let said = if co.state == CloseOutState::FirstApproved {
                format!("任务 {task} 初审通过，待终审")
            } else {
                format!("任务 {task} 已销号")
            };
            output::done(j, &said, &co)
        }
        CloseOutCmd::Reject {
            task,
            approvers,
            verdict,
            date,
        } => {
            let review = ReviewInput {
                approve: false,
                approvers: approvers.clone(),
                verdict: verdict.clone(),
                on: opt_date("reviewed_on", date.as_deref())?,
                step: None,
            };
            let co = app::review_close_out(db, *task, &review, today)?;
            output::done(j, &format!("任务 {task} 的销号申请已退回"), &co)
        }
    }
}

/// `xuncha reopen`: a closed-out task goes back to 正在推进 (the problem came back).
pub(super) fn reopen(
    db: &Db,
    j: bool,
    task: i64,
    reason: &str,
    date: Option<&str>,
    today: NaiveDate,
) -> Result<()> {
    let on = opt_date("date", date)?;
    let r = app::reopen(db, task, reason, on, today)?;
    output::done(
        j,
        &format!("任务 {task} 已重新打开，状态改为“正在推进”"),
        &r,
    )
}

/// `xuncha follow-up …`: follow-up checks (回头看).
pub(super) fn follow_up(db: &Db, j: bool, c: &FollowUpCmd, today: NaiveDate) -> Result<()> {
    match c {
        FollowUpCmd::Add {
            inspection,
            finding,
            task,
            result,
            date,
            by,
            notes,
        } => {
            let v = FollowUpCheck {
                id: 0,
                inspection_id: which(db, *inspection)?,
                finding_id: *finding,
                task_id: *task,
                checked_on: opt_date("checked_on", date.as_deref())?.unwrap_or(today),
                checked_by: by.clone(),
                result: FollowUpResult::parse_field(result, "result")?,
                notes: notes.clone(),
            };
            let out = app::add_follow_up(db, &v)?;
            output::created(j, out.id, "回头看记录", &out)
        }
        FollowUpCmd::List { inspection } => {
            let id = which(db, *inspection)?;
            let all = app::follow_ups(db, id)?;
            output::list(j, &all, None, |v| {
                format!(
                    "{}  {}  {}：{}",
                    v.id,
                    dates::format_cn(v.checked_on),
                    v.result.label(),
                    v.notes
                )
            })
        }
    }
}

/// `xuncha regulation …`: regulations established, revised or abolished.
pub(super) fn regulation(db: &Db, j: bool, c: &RegulationCmd) -> Result<()> {
    match c {
        RegulationCmd::Add {
            inspection,
            finding,
            name,
            action,
            date,
            doc_no,
        } => {
            let v = Regulation {
                id: 0,
                inspection_id: which(db, *inspection)?,
                finding_id: *finding,
                name: name.clone(),
                action: RegulationAction::parse_field(action, "action")?,
                issued_on: req_date("issued_on", date)?,
                doc_no: doc_no.clone(),
            };
            let out = intake::add_regulation(db, &v)?;
            output::created(j, out.id, "建章立制", &out)
        }
        RegulationCmd::List { inspection } => {
            let id = which(db, *inspection)?;
            let all = intake::regulations(db, id)?;
            output::list(j, &all, None, |v| {
                format!(
                    "{}  【{}】{} {}（{}）",
                    v.id,
                    v.action.label(),
                    v.name,
                    v.doc_no,
                    dates::format_cn(v.issued_on)
                )
            })
        }
    }
}

/// `xuncha accountability …`: who was held accountable, and how.
pub(super) fn accountability(db: &Db, j: bool, c: &AccountabilityCmd) -> Result<()> {
    match c {
        AccountabilityCmd::Add {
            inspection,
            finding,
            person,
            position,
            form,
            date,
            notes,
        } => {
            let v = Accountability {
                id: 0,
                inspection_id: which(db, *inspection)?,
                finding_id: *finding,
                person: person.clone(),
                position: position.clone(),
                form: form.clone(),
                decided_on: req_date("decided_on", date)?,
                notes: notes.clone(),
            };
            let out = intake::add_accountability(db, &v)?;
            output::created(j, out.id, "问责记录", &out)
        }
        AccountabilityCmd::List { inspection } => {
            let id = which(db, *inspection)?;
            let all = intake::accountabilities(db, id)?;
            output::list(j, &all, None, |v| {
                format!(
                    "{}  {}（{}）：{}（{}）",
                    v.id,
                    v.person,
                    v.position,
                    v.form,
                    dates::format_cn(v.decided_on)
                )
            })
        }
    }
}
