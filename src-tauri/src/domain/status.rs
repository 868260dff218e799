//! The status rules, in one place: which transitions are allowed, when a task is overdue
//! and which warning colour it shows, and a finding's status from its tasks.

use chrono::NaiveDate;

use super::codes::{CloseOutState, Completion, DeadlineKind, Status, Warning};
use super::records::Milestone;
use crate::{Error, Result};

/// Days left at which the green and yellow warnings start (DOMAIN.md).
pub const GREEN_DAYS: i64 = 20;
pub const YELLOW_DAYS: i64 = 10;

/// How a status change is being made: some moves need a close-out or a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A progress entry or a direct edit.
    Progress,
    /// An approved close-out (提请销号 → 批准).
    CloseOut,
    /// Reopening a closed task, with a reason (问题反弹).
    Reopen,
}

/// Checks that `from → to` is allowed when made `via` this path.
pub fn check_transition(from: Status, to: Status, via: Via) -> Result<()> {
    use Status::*;
    if from == to {
        return Ok(());
    }
    let allowed = match via {
        Via::Progress => matches!(
            (from, to),
            (NotStarted, InProgress | Completed | LongTerm)
                | (InProgress, Completed | LongTerm | NotStarted)
                | (LongTerm, InProgress | Completed)
                | (Completed, InProgress | LongTerm)
        ),
        Via::CloseOut => matches!((from, to), (Completed, Closed)),
        Via::Reopen => matches!((from, to), (Closed, InProgress)),
    };
    if allowed {
        return Ok(());
    }
    let hint = match (to, from) {
        (Closed, Completed) => "：销号须先提请销号并经审批",
        (Closed, _) => "：只有已完成的任务才能提请销号",
        (_, Closed) => "：已销号的任务须说明原因后“重新打开”（问题反弹）",
        _ => "",
    };
    Err(Error::invalid(
        "status",
        format!("整改状态不能从“{}”改为“{}”{hint}", from.label(), to.label()),
    ))
}

/// The statuses a task in `from` may move to `via` this path (itself excluded), in display
/// order: what a form offers, so it never offers a move the rules refuse.
pub fn next_statuses(from: Status, via: Via) -> Vec<Status> {
    Status::ALL
        .iter()
        .copied()
        .filter(|&to| to != from && check_transition(from, to, via).is_ok())
        .collect()
}

/// Whether a status counts as done for deadlines.
pub fn is_done(status: Status) -> bool {
    matches!(status, Status::Completed | Status::Closed)
}

/// Whether a close-out request is still waiting for a review (under 双审核, either one).
pub fn close_out_pending(state: CloseOutState) -> bool {
    matches!(
        state,
        CloseOutState::Requested | CloseOutState::FirstApproved
    )
}

/// The date that decides overdue and warnings: the deadline, or for long-term tasks the
/// next milestone not yet done (falling back to the deadline).
pub fn effective_due(
    kind: DeadlineKind,
    deadline: Option<NaiveDate>,
    next_open_milestone: Option<NaiveDate>,
) -> Option<NaiveDate> {
    match kind {
        DeadlineKind::LongTerm => next_open_milestone.or(deadline),
        _ => deadline,
    }
}

/// The earliest milestone not yet reached.
pub fn next_open_milestone(milestones: &[Milestone]) -> Option<NaiveDate> {
    milestones
        .iter()
        .filter(|m| !m.done)
        .map(|m| m.due_on)
        .min()
}

/// Derived timing of a task on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    pub overdue: bool,
    pub warning: Option<Warning>,
    pub days_left: Option<i64>,
}

/// Overdue, warning colour and days left for a task with this status and due date.
pub fn timing(status: Status, due: Option<NaiveDate>, today: NaiveDate) -> Timing {
    let days_left = due.map(|d| (d - today).num_days());
    if is_done(status) {
        return Timing {
            overdue: false,
            warning: None,
            days_left,
        };
    }
    let warning = match days_left {
        Some(n) if n < 0 => Some(Warning::Red),
        Some(n) if n <= YELLOW_DAYS => Some(Warning::Yellow),
        Some(n) if n <= GREEN_DAYS => Some(Warning::Green),
        _ => None,
    };
    Timing {
        overdue: matches!(days_left, Some(n) if n < 0),
        warning,
        days_left,
    }
}

/// Days left as words, as the board, the drawer and the CLI show them: 剩3天, 今天到期,
/// 逾期5天; nothing for a task that is done or has no due date.
pub fn days_left_text(status: Status, days_left: Option<i64>) -> String {
    match days_left {
        _ if is_done(status) => String::new(),
        None => String::new(),
        Some(n) if n < 0 => format!("逾期{}天", -n),
        Some(0) => "今天到期".into(),
        Some(n) => format!("剩{n}天"),
    }
}

/// A finding's status from its tasks' statuses.
pub fn finding_status(tasks: &[Status]) -> Status {
    use Status::*;
    if tasks.is_empty() || tasks.iter().all(|s| *s == NotStarted) {
        return NotStarted;
    }
    if tasks.iter().all(|s| *s == Closed) {
        return Closed;
    }
    if tasks.iter().all(|s| is_done(*s)) {
        return Completed;
    }
    if tasks.iter().all(|s| is_done(*s) || *s == LongTerm) {
        return LongTerm;
    }
    InProgress
}

/// The official counting of a finding from its tasks' statuses.
pub fn completion(tasks: &[Status]) -> Completion {
    match finding_status(tasks) {
        Status::Closed | Status::Completed => Completion::Completed,
        Status::LongTerm => Completion::BasicallyCompleted,
        _ => Completion::Incomplete,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_left_as_words() {
        use Status::*;
        assert_eq!(days_left_text(InProgress, Some(-5)), "逾期5天");
        assert_eq!(days_left_text(InProgress, Some(0)), "今天到期");
        assert_eq!(days_left_text(LongTerm, Some(3)), "剩3天");
        assert_eq!(days_left_text(InProgress, None), "");
        assert_eq!(days_left_text(Closed, Some(-9)), "", "nothing once done");
        assert_eq!(days_left_text(Completed, Some(2)), "");
    }
    use Status::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn transitions_table() {
        let cases = [
            (NotStarted, InProgress, Via::Progress, true),
            (InProgress, Completed, Via::Progress, true),
            (Completed, Closed, Via::Progress, false),
            (Completed, Closed, Via::CloseOut, true),
            (InProgress, Closed, Via::CloseOut, false),
            (Closed, InProgress, Via::Progress, false),
            (Closed, InProgress, Via::Reopen, true),
            (LongTerm, Completed, Via::Progress, true),
            (NotStarted, Closed, Via::Progress, false),
        ];
        for (from, to, via, ok) in cases {
            assert_eq!(
                check_transition(from, to, via).is_ok(),
                ok,
                "{from:?}→{to:?} via {via:?}"
            );
        }
        let err = check_transition(InProgress, Closed, Via::Progress).unwrap_err();
        assert_eq!(err.field(), Some("status"));
        assert!(err.to_string().contains("只有已完成的任务才能提请销号"));
    }

    #[test]
    fn pending_close_outs_wait_for_a_review() {
        use CloseOutState::*;
        for (state, pending) in [
            (Requested, true),
            (FirstApproved, true),
            (Approved, false),
            (Rejected, false),
        ] {
            assert_eq!(close_out_pending(state), pending, "{state:?}");
        }
    }

    #[test]
    fn warning_colours_by_days_left() {
        let today = d("2025-05-01");
        let cases = [
            ("2025-06-01", None, false),
            ("2025-05-21", Some(Warning::Green), false),
            ("2025-05-11", Some(Warning::Yellow), false),
            ("2025-05-01", Some(Warning::Yellow), false),
            ("2025-04-30", Some(Warning::Red), true),
        ];
        for (due, warning, overdue) in cases {
            let t = timing(InProgress, Some(d(due)), today);
            assert_eq!((t.warning, t.overdue), (warning, overdue), "{due}");
        }
        let done = timing(Completed, Some(d("2025-04-01")), today);
        assert!(!done.overdue && done.warning.is_none());
    }

    #[test]
    fn long_term_uses_next_open_milestone() {
        let ms = vec![
            Milestone {
                due_on: d("2025-03-31"),
                target: "a".into(),
                done: true,
            },
            Milestone {
                due_on: d("2025-06-30"),
                target: "b".into(),
                done: false,
            },
        ];
        assert_eq!(
            effective_due(DeadlineKind::LongTerm, None, next_open_milestone(&ms)),
            Some(d("2025-06-30"))
        );
    }

    #[test]
    fn finding_status_and_completion() {
        let cases: [(&[Status], Status, Completion); 6] = [
            (&[], NotStarted, Completion::Incomplete),
            (&[Closed, Closed], Closed, Completion::Completed),
            (&[Closed, Completed], Completed, Completion::Completed),
            (
                &[Closed, LongTerm],
                LongTerm,
                Completion::BasicallyCompleted,
            ),
            (&[NotStarted, Completed], InProgress, Completion::Incomplete),
            (
                &[NotStarted, NotStarted],
                NotStarted,
                Completion::Incomplete,
            ),
        ];
        for (tasks, status, done) in cases {
            assert_eq!(finding_status(tasks), status, "{tasks:?}");
            assert_eq!(completion(tasks), done, "{tasks:?}");
        }
    }
}
