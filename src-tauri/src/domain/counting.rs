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
    pub assignments: Vec<Assignment>,
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
}

/// A unit a task is assigned to: its lead unit or one of its responsible units, by
/// positions in [`Facts::tasks`] and [`Facts::units`]. A pair may repeat (a lead unit also
/// listed as responsible); it counts once.
#[derive(Debug, Clone, Copy)]
pub struct Assignment {
    pub task: usize,
    pub unit: usize,
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

/// Values laid out by group in one vector (a counting sort): group `g`'s values are
/// `values[start[g]..start[g + 1]]`, in the order given. A vector per group would cost an
/// allocation each (10,000 findings, 30,000 assignments), a tenth of the dashboard's time.
struct Grouped<T> {
    start: Vec<usize>,
    values: Vec<T>,
}

impl<T: Copy> Grouped<T> {
    /// Pairs of (group, value); a pair naming no group below `groups` is left out.
    fn new<I: Iterator<Item = (usize, T)>>(groups: usize, pairs: impl Fn() -> I) -> Self {
        let mut start = vec![0usize; groups + 1];
        let mut fill = None;
        for (g, v) in pairs().filter(|p| p.0 < groups) {
            start[g + 1] += 1;
            fill = Some(v);
        }
        for g in 0..groups {
            start[g + 1] += start[g];
        }
        let Some(fill) = fill else {
            return Grouped {
                start,
                values: vec![],
            };
        };
        let mut next = start.clone();
        let mut values = vec![fill; start[groups]];
        for (g, v) in pairs().filter(|p| p.0 < groups) {
            values[next[g]] = v;
            next[g] += 1;
        }
        Grouped { start, values }
    }

    fn of(&self, g: usize) -> &[T] {
        &self.values[self.start[g]..self.start[g + 1]]
    }
}

/// Counts findings and tasks overall, by category (in `categories` order) and by unit.
pub fn count(facts: &Facts, today: NaiveDate) -> Stats {
    let Facts {
        categories,
        findings,
        tasks,
        ..
    } = facts;
    let statuses = Grouped::new(findings.len(), || {
        tasks.iter().map(|t| (t.finding, t.status))
    });
    let completion: Vec<Completion> = (0..findings.len())
        .map(|f| status::completion(statuses.of(f)))
        .collect();
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
    let timings: Vec<status::Timing> = tasks
        .iter()
        .map(|t| status::timing(t.status, t.due, today))
        .collect();
    for (t, timing) in tasks.iter().zip(&timings) {
        stats.tasks.add(t.status, timing);
        if let Some(g) = category_of(t.finding).and_then(|k| by_cat.get_mut(k)) {
            g.tasks.add(t.status, timing);
        }
    }
    stats.findings.finish();
    stats.by_category = by_cat;
    for g in &mut stats.by_category {
        g.findings.finish();
    }
    stats.by_unit = by_unit(facts, &timings, &completion);
    stats
}

/// Per unit, in name order: its tasks' counts and the findings those tasks belong to, each
/// task and finding once however often the unit is named on it.
fn by_unit(
    facts: &Facts,
    timings: &[status::Timing],
    completion: &[Completion],
) -> Vec<GroupCounts> {
    let Facts {
        units,
        tasks,
        assignments,
        ..
    } = facts;
    let tasks_of = Grouped::new(units.len(), || {
        assignments
            .iter()
            .filter(|a| a.task < tasks.len())
            .map(|a| (a.unit, a.task))
    });
    let mut order: Vec<usize> = (0..units.len())
        .filter(|&u| !tasks_of.of(u).is_empty())
        .collect();
    order.sort_by(|&a, &b| units[a].cmp(&units[b]));
    // `task_seen[t]` / `finding_seen[f]`: the last unit (by place in `order`, plus one) that
    // counted it.
    let mut task_seen = vec![0usize; tasks.len()];
    let mut finding_seen = vec![0usize; completion.len()];
    order
        .into_iter()
        .enumerate()
        .map(|(k, u)| {
            let mut g = GroupCounts {
                name: units[u].clone(),
                ..Default::default()
            };
            for &t in tasks_of.of(u) {
                if std::mem::replace(&mut task_seen[t], k + 1) == k + 1 {
                    continue;
                }
                let task = &tasks[t];
                g.tasks.add(task.status, &timings[t]);
                let f = task.finding;
                if let (Some(c), Some(seen)) = (completion.get(f), finding_seen.get_mut(f)) {
                    if std::mem::replace(seen, k + 1) != k + 1 {
                        g.findings.add(*c);
                    }
                }
            }
            g.findings.finish();
            g
        })
        .collect()
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
#[path = "counting_props.rs"]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn counts_findings_by_outcome_and_units() {
        let units = ["办公室", "财务科", "人事科"];
        let tasks_and_units = [
            (1, Status::Closed, Some("2025-04-01"), &["办公室"][..]),
            (
                1,
                Status::Completed,
                Some("2025-04-01"),
                &["办公室", "财务科"],
            ),
            // A lead unit also named responsible counts the task once.
            (2, Status::LongTerm, None, &["财务科", "财务科"]),
            (2, Status::Closed, None, &["财务科"]),
            (3, Status::InProgress, Some("2025-04-30"), &["人事科"]),
        ];
        let tasks: Vec<TaskFacts> = tasks_and_units
            .iter()
            .map(|&(f, status, due, _)| TaskFacts {
                finding: f - 1,
                status,
                due: due.map(d),
            })
            .collect();
        let assignments = tasks_and_units
            .iter()
            .enumerate()
            .flat_map(|(task, (_, _, _, names))| {
                names.iter().map(move |n| Assignment {
                    task,
                    unit: units.iter().position(|u| u == n).unwrap(),
                })
            })
            .collect();
        let facts = Facts {
            categories: vec!["甲".to_owned(), "乙".to_owned()],
            units: units.iter().map(|u| u.to_string()).collect(),
            findings: [Some(0), Some(0), Some(1)]
                .map(|category| FindingFacts { category })
                .to_vec(),
            tasks,
            assignments,
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
