//! 一周一小结: the weekly summary — what moved since the last summary (`since`, recorded by
//! the store), what is overdue, and what falls due in the next two weeks.

use chrono::{Duration, NaiveDate};

use crate::domain::dates::{format_cn, format_deadline};
use crate::domain::status::{effective_due, is_done, next_open_milestone};
use crate::domain::{CloseOutState, Status, Task};
use crate::report::data::LedgerData;
use crate::report::doc::{paragraph, signed, Block, Document};
use crate::report::numbering::{level1, sentence};

/// How far ahead “due soon” looks.
pub const DUE_SOON_DAYS: i64 = 14;

fn who(t: &Task) -> String {
    let a = &t.assignment;
    let unit = if a.lead_unit.is_empty() {
        a.responsible_units.join("、")
    } else {
        a.lead_unit.clone()
    };
    match (unit.is_empty(), a.responsible_person.is_empty()) {
        (false, false) => format!("{unit}，责任人{}", a.responsible_person),
        (false, true) => unit,
        (true, false) => format!("责任人{}", a.responsible_person),
        (true, true) => String::new(),
    }
}

/// Composes the weekly summary of changes after `since` up to `data.today`.
pub fn weekly_summary(data: &LedgerData, since: NaiveDate) -> Document {
    let ins = &data.inspection;
    let today = data.today;
    let tasks: Vec<&Task> = data.findings.iter().flat_map(|f| f.tasks.iter()).collect();
    let done = tasks.iter().filter(|t| is_done(t.status)).count();
    let from = since + Duration::days(1);
    let mut blocks = vec![paragraph(
        "opening",
        format!(
            "本周（{}至{}），{}巡察整改工作按计划推进。截至{}，{}项整改措施中已完成{}项，正在推进{}项，长期坚持{}项，未启动{}项。",
            format_cn(from),
            format_cn(today),
            ins.inspected_org,
            format_cn(today),
            tasks.len(),
            done,
            tasks.iter().filter(|t| t.status == Status::InProgress).count(),
            tasks.iter().filter(|t| t.status == Status::LongTerm).count(),
            tasks.iter().filter(|t| t.status == Status::NotStarted).count(),
        ),
    )];

    blocks.push(Block::Heading1 {
        id: "h-changes".into(),
        text: format!("{}本周进展", level1(1)),
    });
    let mut n = 0;
    for t in &tasks {
        let entries: Vec<String> = data
            .progress
            .get(&t.id)
            .into_iter()
            .flatten()
            .filter(|p| p.entered_on > since && p.entered_on <= today)
            .map(|p| {
                format!(
                    "{}，{}",
                    format_cn(p.entered_on),
                    sentence(&p.text).trim_end_matches('。')
                )
            })
            .collect();
        let closed: Vec<String> = data
            .close_outs
            .get(&t.id)
            .into_iter()
            .flatten()
            .filter(|c| c.state == CloseOutState::Approved)
            .filter_map(|c| c.reviewed_on.filter(|d| *d > since && *d <= today))
            .map(|d| format!("{}经审核销号", format_cn(d)))
            .collect();
        if entries.is_empty() && closed.is_empty() {
            continue;
        }
        n += 1;
        let mut parts = entries;
        parts.extend(closed);
        blocks.push(paragraph(
            format!("change-{}", t.id),
            format!(
                "{n}.{}：{}。当前状态：{}。",
                t.measure.trim().trim_end_matches('。'),
                parts.join("；"),
                t.status.label()
            ),
        ));
    }
    if n == 0 {
        blocks.push(paragraph("changes-none", "本周无新的整改进展。"));
    }

    blocks.push(Block::Heading1 {
        id: "h-overdue".into(),
        text: format!("{}逾期事项", level1(2)),
    });
    let overdue: Vec<&&Task> = tasks.iter().filter(|t| t.overdue).collect();
    if overdue.is_empty() {
        blocks.push(paragraph("overdue-none", "目前无逾期未完成的整改任务。"));
    }
    for (k, t) in overdue.iter().enumerate() {
        let late = t
            .days_left
            .map(|d| format!("，已逾期{}天", -d))
            .unwrap_or_default();
        blocks.push(paragraph(
            format!("overdue-{}", t.id),
            format!(
                "{}.{}（时限{}{late}；{}），已挂牌督办。",
                k + 1,
                t.measure.trim().trim_end_matches('。'),
                format_deadline(t.deadline_kind, t.deadline, &t.milestones),
                who(t)
            ),
        ));
    }

    blocks.push(Block::Heading1 {
        id: "h-due".into(),
        text: format!("{}近两周到期事项", level1(3)),
    });
    let horizon = today + Duration::days(DUE_SOON_DAYS);
    let mut due: Vec<(NaiveDate, &&Task)> = tasks
        .iter()
        .filter(|t| !is_done(t.status))
        .filter_map(|t| {
            effective_due(
                t.deadline_kind,
                t.deadline,
                next_open_milestone(&t.milestones),
            )
            .map(|d| (d, t))
        })
        .filter(|(d, _)| *d >= today && *d <= horizon)
        .collect();
    due.sort_by_key(|(d, t)| (*d, t.id));
    if due.is_empty() {
        blocks.push(paragraph("due-none", "近两周无到期的整改任务。"));
    }
    for (k, (d, t)) in due.iter().enumerate() {
        blocks.push(paragraph(
            format!("due-{}", t.id),
            format!(
                "{}.{}（{}到期；{}）。",
                k + 1,
                t.measure.trim().trim_end_matches('。'),
                format_cn(*d),
                who(t)
            ),
        ));
    }

    blocks.push(Block::Heading1 {
        id: "h-plan".into(),
        text: format!("{}下周工作安排", level1(4)),
    });
    blocks.push(paragraph(
        "plan",
        "对逾期事项逐项督办，对即将到期事项提前提醒，督促责任单位按时限完成整改并及时报送佐证材料。",
    ));
    blocks.extend(signed(
        format!("{}整改工作领导小组办公室", ins.inspected_org),
        format_cn(today),
    ));
    Document {
        title: format!("{}巡察整改工作周小结", ins.inspected_org),
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample::{ledger as sample, Tasks};

    #[test]
    fn changes_overdue_and_due_soon() {
        let data = sample(20, Tasks::Each(2)).unwrap();
        let since = data.today - Duration::days(7);
        let doc = weekly_summary(&data, since);
        let ids: Vec<&str> = doc.blocks.iter().filter_map(|b| b.id()).collect();
        // Changes: exactly the tasks with a progress entry or a close-out in the week.
        let moved: Vec<i64> = data
            .findings
            .iter()
            .flat_map(|f| &f.tasks)
            .filter(|t| {
                data.progress
                    .get(&t.id)
                    .into_iter()
                    .flatten()
                    .any(|p| p.entered_on > since)
                    || data
                        .close_outs
                        .get(&t.id)
                        .into_iter()
                        .flatten()
                        .any(|c| c.reviewed_on.is_some_and(|d| d > since))
            })
            .map(|t| t.id)
            .collect();
        let listed: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|i| i.starts_with("change-"))
            .collect();
        assert_eq!(listed.len(), moved.len());
        assert!(!moved.is_empty());
        // Overdue: every overdue task, none other.
        let overdue = data
            .findings
            .iter()
            .flat_map(|f| &f.tasks)
            .filter(|t| t.overdue)
            .count();
        assert!(overdue > 0);
        assert_eq!(
            ids.iter().filter(|i| i.starts_with("overdue-")).count(),
            overdue
        );
        // Due soon: not done and due within 14 days.
        assert!(ids
            .iter()
            .any(|i| i.starts_with("due-") && *i != "due-none"));
        for b in doc.blocks.iter().filter(|b| {
            b.id()
                .is_some_and(|i| i.starts_with("due-") && i != "due-none")
        }) {
            let id: i64 = b.id().unwrap()[4..].parse().unwrap();
            let t = data
                .findings
                .iter()
                .flat_map(|f| &f.tasks)
                .find(|t| t.id == id)
                .unwrap();
            let d = effective_due(
                t.deadline_kind,
                t.deadline,
                next_open_milestone(&t.milestones),
            )
            .unwrap();
            assert!(
                d >= data.today && d <= data.today + Duration::days(14),
                "{d}"
            );
            assert!(!is_done(t.status));
        }
        assert!(doc
            .plain_text()
            .contains("本周（2025年7月9日至2025年7月15日）"));
    }

    #[test]
    fn a_quiet_week_says_so() {
        let data = sample(4, Tasks::Each(1)).unwrap();
        let doc = weekly_summary(&data, data.today);
        assert!(doc.plain_text().contains("本周无新的整改进展。"));
    }
}
