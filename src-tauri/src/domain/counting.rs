//! The official counting used in reports, notices and the dashboard: each finding is
//! 完成整改, 基本完成并持续整改 or 未完成, 完成率 = 完成 / 总数; tasks by status, overdue and
//! warning colour; the same by category and by unit.

use chrono::NaiveDate;
use serde::Serialize;

use super::codes::{AccountabilityKind, Completion, Status, Warning};
use super::status;

/// What counting needs to know: findings, tasks and names, each referring to the others by
/// position. Positions rather than ids and names keep counting 30,000 tasks free of hashing
/// and copying strings (the dashboard recounts on every change).
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Category names, in report order.
    pub categories: Vec<String>,
    /// Unit names, in any order (the counts list them sorted).
    pub units: Vec<String>,
    pub findings: Vec<FindingFacts>,
    pub tasks: Vec<TaskFacts>,
}

/// What counting needs to know of a finding.
#[derive(Debug, Clone)]
pub struct FindingFacts {
    /// Position in [`Facts::categories`], if the category is among them.
    pub category: Option<usize>,
}

/// What counting needs to know of a task.
#[derive(Debug, Clone)]
pub struct TaskFacts {
    /// Position of its finding in [`Facts::findings`].
    pub finding: usize,
    pub status: Status,
    /// Deadline, or next open milestone of a long-term task.
    pub due: Option<NaiveDate>,
    /// Positions in [`Facts::units`] of the lead unit and responsible units, without repeats.
    pub units: Vec<usize>,
}

/// Findings by official outcome.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FindingCounts {
    pub total: u32,
    pub completed: u32,
    pub basically_completed: u32,
    pub incomplete: u32,
    /// 完成率 in percent, one decimal (0 when there are no findings).
    pub completion_rate: f64,
}

/// Tasks by status and timing.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TaskCounts {
    pub total: u32,
    pub not_started: u32,
    pub in_progress: u32,
    pub completed: u32,
    pub closed: u32,
    pub long_term: u32,
    pub overdue: u32,
    pub warning_green: u32,
    pub warning_yellow: u32,
    pub warning_red: u32,
}

/// Counts for one category or unit.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GroupCounts {
    pub name: String,
    pub findings: FindingCounts,
    pub tasks: TaskCounts,
}

/// Everything the dashboard and the reports count.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub findings: FindingCounts,
    pub tasks: TaskCounts,
    pub by_category: Vec<GroupCounts>,
    /// Per unit: its tasks, and the findings those tasks belong to.
    pub by_unit: Vec<GroupCounts>,
    pub regulations: u32,
    pub accountabilities: u32,
    pub immediate_fixes: u32,
    /// 追缴/清退资金, 万元.
    pub funds_recovered: f64,
}

impl FindingCounts {
    fn add(&mut self, c: Completion) {
        self.total += 1;
        match c {
            Completion::Completed => self.completed += 1,
            Completion::BasicallyCompleted => self.basically_completed += 1,
            Completion::Incomplete => self.incomplete += 1,
        }
    }

    fn finish(&mut self) {
        self.completion_rate = rate(self.completed, self.total);
    }
}

/// A percentage with one decimal.
pub fn rate(part: u32, total: u32) -> f64 {
    if total == 0 {
        return 0.0;
    }
    (f64::from(part) * 1000.0 / f64::from(total)).round() / 10.0
}

impl TaskCounts {
    fn add(&mut self, status: Status, timing: &status::Timing) {
        self.total += 1;
        match status {
            Status::NotStarted => self.not_started += 1,
            Status::InProgress => self.in_progress += 1,
            Status::Completed => self.completed += 1,
            Status::Closed => self.closed += 1,
            Status::LongTerm => self.long_term += 1,
        }
        if timing.overdue {
            self.overdue += 1;
        }
        match timing.warning {
            Some(Warning::Green) => self.warning_green += 1,
            Some(Warning::Yellow) => self.warning_yellow += 1,
            Some(Warning::Red) => self.warning_red += 1,
            None => {}
        }
    }
}

/// Counts findings and tasks overall, by category (in `categories` order) and by unit.
pub fn count(facts: &Facts, today: NaiveDate) -> Stats {
    let Facts {
        categories,
        units,
        findings,
        tasks,
    } = facts;
    let mut statuses: Vec<Vec<Status>> = vec![Vec::new(); findings.len()];
    for t in tasks {
        if let Some(s) = statuses.get_mut(t.finding) {
            s.push(t.status);
        }
    }
    let completion: Vec<Completion> = statuses.iter().map(|s| status::completion(s)).collect();
    let category_of = |finding: usize| findings.get(finding).and_then(|f| f.category);

    let mut stats = Stats::default();
    let mut by_cat: Vec<GroupCounts> = categories
        .iter()
        .map(|c| GroupCounts {
            name: c.clone(),
            ..Default::default()
        })
        .collect();
    for (i, c) in completion.iter().enumerate() {
        stats.findings.add(*c);
        if let Some(g) = category_of(i).and_then(|k| by_cat.get_mut(k)) {
            g.findings.add(*c);
        }
    }
    // Per unit: its tasks' counts and the findings they belong to.
    let mut by_unit: Vec<Option<(TaskCounts, Vec<usize>)>> = vec![None; units.len()];
    for t in tasks {
        let timing = status::timing(t.status, t.due, today);
        stats.tasks.add(t.status, &timing);
        if let Some(g) = category_of(t.finding).and_then(|k| by_cat.get_mut(k)) {
            g.tasks.add(t.status, &timing);
        }
        for &u in &t.units {
            if let Some(slot) = by_unit.get_mut(u) {
                let entry = slot.get_or_insert_with(Default::default);
                entry.0.add(t.status, &timing);
                entry.1.push(t.finding);
            }
        }
    }
    stats.findings.finish();
    stats.by_category = by_cat;
    for g in &mut stats.by_category {
        g.findings.finish();
    }
    let mut counted: Vec<(&String, (TaskCounts, Vec<usize>))> = units
        .iter()
        .zip(by_unit)
        .filter_map(|(name, c)| Some((name, c?)))
        .collect();
    counted.sort_by(|a, b| a.0.cmp(b.0));
    stats.by_unit = counted
        .into_iter()
        .map(|(name, (tasks, mut ids))| {
            let mut g = GroupCounts {
                name: name.clone(),
                tasks,
                ..Default::default()
            };
            ids.sort_unstable();
            ids.dedup();
            for i in ids {
                if let Some(c) = completion.get(i) {
                    g.findings.add(*c);
                }
            }
            g.findings.finish();
            g
        })
        .collect();
    stats
}

/// The kind an accountability's free-text form (问责方式) is counted under in the notice:
/// its exact name or a known variant, else the kind a word in it names (党内严重警告 is a
/// 党纪政务处分, 免职 an 组织处理); `None` when it names none of them.
pub fn accountability_kind(form: &str) -> Option<AccountabilityKind> {
    use AccountabilityKind::*;
    if let Some(k) = AccountabilityKind::parse(form) {
        return Some(k);
    }
    // Heavier kinds first: 诫勉谈话 is an admonition, not a talk.
    const WORDS: &[(AccountabilityKind, &[&str])] = &[
        (
            Discipline,
            &[
                "处分",
                "警告",
                "撤销党内职务",
                "留党察看",
                "开除",
                "记过",
                "记大过",
                "降级",
                "撤职",
            ],
        ),
        (
            Organisational,
            &[
                "组织处理",
                "停职",
                "调离",
                "调整职务",
                "责令辞职",
                "免职",
                "降职",
                "引咎辞职",
            ],
        ),
        (Admonition, &["诫勉"]),
        (Criticism, &["批评", "检查", "检讨"]),
        (Reminder, &["谈话", "提醒", "约谈"]),
    ];
    WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| form.contains(w)))
        .map(|(k, _)| *k)
}

#[cfg(test)]
mod accountability_tests {
    use super::*;

    #[test]
    fn forms_count_under_their_kind() {
        use AccountabilityKind::*;
        let cases = [
            ("诫勉", Some(Admonition)),
            ("诫勉谈话", Some(Admonition)),
            ("谈话提醒", Some(Reminder)),
            ("提醒谈话", Some(Reminder)),
            ("通报批评", Some(Criticism)),
            ("批评教育", Some(Criticism)),
            ("党内严重警告处分", Some(Discipline)),
            ("政务记过", Some(Discipline)),
            ("免职", Some(Organisational)),
            ("组织处理", Some(Organisational)),
            ("移送司法机关", None),
        ];
        for (form, want) in cases {
            assert_eq!(accountability_kind(form), want, "{form}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn counts_findings_by_outcome_and_units() {
        let units = ["办公室", "财务科", "人事科"];
        let t = |f: usize, status, due: Option<&str>, names: &[&str]| TaskFacts {
            finding: f - 1,
            status,
            due: due.map(d),
            units: names
                .iter()
                .filter_map(|n| units.iter().position(|u| u == n))
                .collect(),
        };
        let tasks = vec![
            t(1, Status::Closed, Some("2025-04-01"), &["办公室"]),
            t(
                1,
                Status::Completed,
                Some("2025-04-01"),
                &["办公室", "财务科"],
            ),
            t(2, Status::LongTerm, None, &["财务科"]),
            t(2, Status::Closed, None, &["财务科"]),
            t(3, Status::InProgress, Some("2025-04-30"), &["人事科"]),
        ];
        let facts = Facts {
            categories: vec!["甲".to_owned(), "乙".to_owned()],
            units: units.iter().map(|u| u.to_string()).collect(),
            findings: [Some(0), Some(0), Some(1)]
                .map(|category| FindingFacts { category })
                .to_vec(),
            tasks,
        };
        let s = count(&facts, d("2025-05-01"));
        assert_eq!(
            (
                s.findings.total,
                s.findings.completed,
                s.findings.basically_completed,
                s.findings.incomplete
            ),
            (3, 1, 1, 1)
        );
        assert_eq!(s.findings.completion_rate, 33.3);
        assert_eq!(
            (s.tasks.total, s.tasks.overdue, s.tasks.warning_red),
            (5, 1, 1)
        );
        assert_eq!(s.by_category[0].findings.total, 2);
        assert_eq!(s.by_category[1].tasks.overdue, 1);
        let fin = s.by_unit.iter().find(|g| g.name == "财务科").unwrap();
        assert_eq!((fin.tasks.total, fin.findings.total), (3, 2));
    }

    #[test]
    fn rate_rounds_to_one_decimal() {
        assert_eq!(rate(2, 3), 66.7);
        assert_eq!(rate(0, 0), 0.0);
        assert_eq!(rate(5, 5), 100.0);
    }
}
