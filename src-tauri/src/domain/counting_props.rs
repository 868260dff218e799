//! Property test of the counting: whatever the findings, tasks and assignments (units named
//! twice on a task, findings without tasks, units without tasks), the counts equal a plain
//! recount with sets, as a person would count the ledger by hand.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;

const STATUSES: [Status; 5] = [
    Status::NotStarted,
    Status::InProgress,
    Status::Completed,
    Status::Closed,
    Status::LongTerm,
];

fn facts() -> impl Strategy<Value = Facts> {
    (1usize..12, 1usize..5, 1usize..4).prop_flat_map(|(n_findings, n_units, n_cats)| {
        let findings = prop::collection::vec(prop::option::of(0..n_cats + 1), n_findings);
        let tasks = prop::collection::vec(
            (
                0..n_findings,
                0..STATUSES.len(),
                prop::option::of(-40i64..40),
            ),
            0..30,
        );
        (findings, tasks).prop_flat_map(move |(cats, tasks)| {
            let n_tasks = tasks.len().max(1);
            let assignments =
                prop::collection::vec((0..n_tasks + 1, 0..n_units + 1), 0..tasks.len() * 3 + 1);
            (Just(cats), Just(tasks), assignments).prop_map(move |(cats, tasks, pairs)| Facts {
                categories: (0..n_cats).map(|c| format!("类{c}")).collect(),
                units: (0..n_units).rev().map(|u| format!("单位{u}")).collect(),
                findings: cats
                    .into_iter()
                    .map(|category| FindingFacts { category })
                    .collect(),
                tasks: tasks
                    .into_iter()
                    .map(|(finding, s, due)| TaskFacts {
                        finding,
                        status: STATUSES[s],
                        due: due
                            .and_then(|n| today().checked_add_signed(chrono::Duration::days(n))),
                    })
                    .collect(),
                // Positions past the end stand for rows counting must skip.
                assignments: pairs
                    .into_iter()
                    .map(|(task, unit)| Assignment { task, unit })
                    .collect(),
            })
        })
    })
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 15).unwrap_or_default()
}

/// The counts of a set of tasks and the set of findings, by hand.
fn recount(
    facts: &Facts,
    name: &str,
    tasks: &BTreeSet<usize>,
    findings: &BTreeSet<usize>,
) -> GroupCounts {
    let mut g = GroupCounts {
        name: name.to_owned(),
        ..Default::default()
    };
    for &t in tasks {
        let task = &facts.tasks[t];
        g.tasks
            .add(task.status, &status::timing(task.status, task.due, today()));
    }
    for &f in findings {
        let all: Vec<Status> = facts
            .tasks
            .iter()
            .filter(|t| t.finding == f)
            .map(|t| t.status)
            .collect();
        g.findings.add(status::completion(&all));
    }
    g.findings.finish();
    g
}

proptest! {
    #![proptest_config(crate::proptest_config::config(500))]

    #[test]
    fn counts_equal_a_recount_by_hand(facts in facts()) {
        let stats = count(&facts, today());
        let all_tasks: BTreeSet<usize> = (0..facts.tasks.len()).collect();
        let all_findings: BTreeSet<usize> = (0..facts.findings.len()).collect();
        let whole = recount(&facts, "", &all_tasks, &all_findings);
        prop_assert_eq!(&stats.findings, &whole.findings);
        prop_assert_eq!(&stats.tasks, &whole.tasks);

        for (k, name) in facts.categories.iter().enumerate() {
            let findings: BTreeSet<usize> = (0..facts.findings.len())
                .filter(|&f| facts.findings[f].category == Some(k))
                .collect();
            let tasks = all_tasks.iter().copied().filter(|&t| findings.contains(&facts.tasks[t].finding)).collect();
            prop_assert_eq!(&stats.by_category[k], &recount(&facts, name, &tasks, &findings));
        }

        let mut by_unit: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        for a in &facts.assignments {
            if let (Some(name), true) = (facts.units.get(a.unit), a.task < facts.tasks.len()) {
                by_unit.entry(name).or_default().insert(a.task);
            }
        }
        let want: Vec<GroupCounts> = by_unit
            .into_iter()
            .map(|(name, tasks)| {
                let findings = tasks.iter().map(|&t| facts.tasks[t].finding).collect();
                recount(&facts, name, &tasks, &findings)
            })
            .collect();
        prop_assert_eq!(stats.by_unit, want);
    }
}
