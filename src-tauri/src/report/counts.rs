//! The official numbers the status report states: findings by completion (完成整改 /
//! 基本完成并持续整改 / 未完成) and 完成率, tasks by status and overdue, rules made by kind,
//! people held accountable, money recovered, immediate fixes.

use crate::domain::{Completion, RegulationAction, Status};
use crate::report::data::LedgerData;

/// The numbers the report states, from the same derived values as `domain::counting`
/// (each finding's completion, each task's status and overdue), plus the breakdowns of
/// rules made that the report words separately.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub findings: usize,
    pub completed: usize,
    pub basically_completed: usize,
    pub incomplete: usize,
    pub tasks: usize,
    pub tasks_done: usize,
    pub tasks_in_progress: usize,
    pub tasks_long_term: usize,
    pub tasks_not_started: usize,
    pub tasks_overdue: usize,
    pub regulations: usize,
    pub regulations_new: usize,
    pub regulations_revised: usize,
    pub regulations_abolished: usize,
    pub accountable_people: usize,
    /// 追缴/清退资金, 万元.
    pub funds: f64,
    pub immediate_fixes: usize,
}

impl Counts {
    /// 完成率 in percent (completed findings over all).
    pub fn completion_rate(&self) -> f64 {
        crate::domain::counting::rate(self.completed as u32, self.findings as u32)
    }
}

/// Counts the data.
pub fn counts(data: &LedgerData) -> Counts {
    let mut c = Counts {
        findings: data.findings.len(),
        regulations: data.regulations.len(),
        accountable_people: data.accountabilities.len(),
        immediate_fixes: data.immediate_fixes.len(),
        ..Counts::default()
    };
    for f in &data.findings {
        match f.completion {
            Completion::Completed => c.completed += 1,
            Completion::BasicallyCompleted => c.basically_completed += 1,
            Completion::Incomplete => c.incomplete += 1,
        }
        for t in &f.tasks {
            c.tasks += 1;
            match t.status {
                Status::Completed | Status::Closed => c.tasks_done += 1,
                Status::InProgress => c.tasks_in_progress += 1,
                Status::LongTerm => c.tasks_long_term += 1,
                Status::NotStarted => c.tasks_not_started += 1,
            }
            if t.overdue {
                c.tasks_overdue += 1;
            }
        }
    }
    for r in &data.regulations {
        match r.action {
            RegulationAction::Establish => c.regulations_new += 1,
            RegulationAction::Revise => c.regulations_revised += 1,
            RegulationAction::Abolish => c.regulations_abolished += 1,
        }
    }
    c.funds = data
        .progress
        .values()
        .flatten()
        .map(|p| p.funds_recovered)
        .sum();
    c
}

/// 12.5 → "12.5", 3.0 → "3".
pub fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample::{ledger as sample, Tasks};

    #[test]
    fn figures_match_the_data() {
        let data = sample(24, Tasks::Each(2)).unwrap();
        let c = counts(&data);
        assert_eq!(c.findings, 24);
        assert_eq!(c.tasks, 48);
        assert_eq!(c.completed + c.basically_completed + c.incomplete, 24);
        let by_status = |s: &[Status]| {
            data.findings
                .iter()
                .flat_map(|f| &f.tasks)
                .filter(|t| s.contains(&t.status))
                .count()
        };
        assert_eq!(
            c.tasks_done,
            by_status(&[Status::Completed, Status::Closed])
        );
        assert_eq!(c.tasks_long_term, by_status(&[Status::LongTerm]));
        assert_eq!(
            (
                c.regulations_new,
                c.regulations_revised,
                c.accountable_people
            ),
            (1, 1, 1)
        );
    }

    #[test]
    fn rate_formatting() {
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(50.0), "50");
        assert_eq!(num(33.333_333), "33.33");
    }
}
