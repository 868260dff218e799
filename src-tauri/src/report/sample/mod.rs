//! A realistic inspection of any size, written through the store and read back by
//! [`crate::db::ledger::load`], the loader every real export uses: the one fixture of the
//! document tests (Excel, PDF, reports) and of the benchmarks, so they all print the same
//! data as a user's export would. It is fixed: the same words and dates every run, seen on
//! [`today`]. Names carry rare characters (堃 喆 犇 昇 赟 玥 𠀾) and some manifestations run
//! over a page.

mod texts;

use chrono::{Duration, NaiveDate};

use crate::db::closeout::{self, Review};
use crate::db::evidence::StoredFile;
use crate::db::{findings, inspections, progress, records, tasks, Db, WriteTx};
use crate::domain::status::{effective_due, next_open_milestone, timing};
use crate::domain::{
    Accountability, AssignmentPatch, DeadlineKind, FindingInput, ImmediateFix, InspectionInput,
    InspectionKind, Milestone, ProgressInput, Regulation, RegulationAction, Status, TaskInput,
};
use crate::report::data::LedgerData;
use crate::Result;
use texts::*;

/// How many tasks each finding gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tasks {
    /// The same number for every finding.
    Each(usize),
    /// 1, 2, … up to this many, again and again.
    UpTo(usize),
}

impl Tasks {
    fn of(self, finding: usize) -> usize {
        match self {
            Tasks::Each(n) => n,
            Tasks::UpTo(n) => 1 + finding % n.max(1),
        }
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

/// The day the sample is seen on (its derived status, overdue and warnings).
pub fn today() -> NaiveDate {
    d(2025, 7, 15)
}

/// The sample inspection with `findings` findings, read back as a real export reads it.
pub fn ledger(findings: usize, tasks: Tasks) -> Result<LedgerData> {
    let db = Db::open_in_memory()?.with_operator(PEOPLE[0]);
    let id = write(&db, findings, tasks)?;
    crate::db::ledger::load(&db, id, today())
}

/// Writes the sample inspection into `db` in one transaction; returns its id.
pub fn write(db: &Db, findings: usize, tasks: Tasks) -> Result<i64> {
    db.write(|tx| {
        let id = inspection(tx)?;
        let mut finding_ids = Vec::with_capacity(findings);
        for i in 0..findings {
            let f = findings::add_in_tx(
                tx,
                &FindingInput {
                    inspection_id: id,
                    category_id: None,
                    // Findings are entered category by category, as the feedback lists them.
                    category: ((i * 4 / findings.max(1)).min(3) + 1).to_string(),
                    title: TITLES[i % TITLES.len()].into(),
                    manifestation: manifestation(i),
                    nature: Some(if i % 3 == 0 {
                        crate::domain::Nature::Specific
                    } else {
                        crate::domain::Nature::Common
                    }),
                    source: Some("巡察发现".into()),
                    found_on: Some(d(2025, 3, 20)),
                    tags: vec![],
                },
            )?;
            for k in 0..tasks.of(i) {
                task(tx, f.id, i, k)?;
            }
            finding_ids.push(f.id);
        }
        records_of(tx, id, &finding_ids)?;
        Ok(id)
    })
}

fn inspection(tx: &mut WriteTx<'_>) -> Result<i64> {
    let i = inspections::add_in_tx(
        tx,
        &InspectionInput {
            name: Some("区委第三巡察组对区委统战部党组的常规巡察".into()),
            round: Some("第七轮".into()),
            kind: Some(InspectionKind::Regular),
            team: Some("区委第三巡察组".into()),
            team_leader: Some("周建国".into()),
            deputy_leader: Some("陈赟".into()),
            team_members: Some(vec!["赵玥".into(), "孙𠀾".into()]),
            inspected_org: Some("区委统战部党组".into()),
            org_secretary: Some(SECRETARY.into()),
            unit_name: Some("区委统战部".into()),
            authority: Some("区委".into()),
            onsite_start: Some(d(2025, 3, 1)),
            onsite_end: Some(d(2025, 4, 10)),
            feedback_date: Some(d(2025, 5, 20)),
            ..Default::default()
        },
    )?;
    Ok(i.id)
}

/// Task `k` of finding `i`: its status, deadline kind and dates cycle with `i + k`.
fn task(tx: &mut WriteTx<'_>, finding_id: i64, i: usize, k: usize) -> Result<()> {
    let n = i + k;
    let status = [
        Status::Closed,
        Status::Completed,
        Status::InProgress,
        Status::LongTerm,
        Status::NotStarted,
        Status::InProgress,
    ][n % 6];
    let kind = match status {
        Status::LongTerm => DeadlineKind::LongTerm,
        _ if n % 11 == 5 => DeadlineKind::Immediate,
        _ => DeadlineKind::Date,
    };
    let (deadline, milestones) = if kind == DeadlineKind::LongTerm {
        let stage = |due_on, target: &str, done| Milestone {
            due_on,
            target: target.into(),
            done,
        };
        let stages = vec![
            stage(d(2025, 6, 30), "建立工作机制", true),
            stage(d(2025, 12, 31), "形成长效机制", false),
        ];
        (None, stages)
    } else {
        let days = ((i * 7 + k * 5) % 60) as i64;
        (Some(d(2025, 6, 30) + Duration::days(days)), Vec::new())
    };
    let due = effective_due(kind, deadline, next_open_milestone(&milestones));
    let overdue = timing(status, due, today()).overdue;
    let person = PEOPLE[n % PEOPLE.len()];
    let unit = UNITS[k % UNITS.len()];
    let t = tasks::add_in_tx(
        tx,
        &TaskInput {
            finding_id,
            measure: MEASURES[n % MEASURES.len()].into(),
            goal: "问题整改到位，形成长效机制".into(),
            acceptance: "制度文件印发，会议纪要齐全".into(),
            deadline_kind: Some(kind),
            deadline,
            milestones,
            assignment: AssignmentPatch {
                lead_leader: Some(SECRETARY.into()),
                responsible_leader: Some(PEOPLE[(n + 1) % PEOPLE.len()].into()),
                lead_unit: Some(unit.into()),
                responsible_units: Some(vec![
                    UNITS[(k + 1) % UNITS.len()].into(),
                    UNITS[(k + 2) % UNITS.len()].into(),
                ]),
                responsible_person: Some(person.into()),
            },
            note: if overdue {
                "挂牌督办".into()
            } else {
                String::new()
            },
            // A closed task is closed below, through its close-out.
            status: Some(if status == Status::Closed {
                Status::Completed
            } else {
                status
            }),
        },
        today(),
    )?;
    if status == Status::NotStarted {
        return Ok(());
    }
    for e in 0..1 + n % 3 {
        let on = d(2025, 6, 1) + Duration::days((e * 12 + i % 30) as i64);
        let file = StoredFile {
            file_name: format!("会议纪要{}.pdf", e + 1),
            sha256: format!("{:064x}", t.id * 10 + e as i64),
            size: 1000,
            created: false,
        };
        let input = ProgressInput {
            task_id: t.id,
            text: progress_text(unit, e),
            entered_on: Some(on.min(today())),
            by: Some(person.into()),
            status: None,
            funds_recovered: if (i + e) % 9 == 2 { 1.25 } else { 0.0 },
            evidence: vec![],
        };
        progress::add_in_tx(tx, &input, &[file], today())?;
    }
    if status == Status::Closed {
        closeout::request_in_tx(tx, t.id, "整改到位，佐证材料齐全", d(2025, 7, 1))?;
        let review = Review {
            approve: true,
            approvers: vec!["周建国".into(), SECRETARY.into(), "区委第三巡察组".into()],
            verdict: "同意销号".into(),
            on: d(2025, 7, 8),
        };
        closeout::review_in_tx(tx, t.id, &review)?;
    }
    Ok(())
}

/// The inspection's other records, tied to the first findings where there are some.
fn records_of(tx: &mut WriteTx<'_>, id: i64, findings: &[i64]) -> Result<()> {
    records::add_immediate_fix_in_tx(
        tx,
        &ImmediateFix {
            id: 0,
            inspection_id: id,
            finding_id: None,
            title: "办公用房超标".into(),
            action: "已于巡察期间完成腾退".into(),
            fixed_on: Some(d(2025, 3, 25)),
        },
    )?;
    for text in RECOMMENDATIONS {
        records::add_recommendation_in_tx(tx, id, text)?;
    }
    let regulations = [
        (
            "区委统战部意识形态工作责任清单",
            RegulationAction::Establish,
            d(2025, 6, 10),
            "区统发〔2025〕12号",
        ),
        (
            "区委统战部党组理论学习中心组学习制度",
            RegulationAction::Revise,
            d(2025, 6, 20),
            "区统发〔2025〕15号",
        ),
    ];
    for (n, (name, action, issued_on, doc_no)) in regulations.into_iter().enumerate() {
        records::add_regulation_in_tx(
            tx,
            &Regulation {
                id: 0,
                inspection_id: id,
                finding_id: findings.get(n).copied(),
                name: name.into(),
                action,
                issued_on,
                doc_no: doc_no.into(),
            },
        )?;
    }
    records::add_accountability_in_tx(
        tx,
        &Accountability {
            id: 0,
            inspection_id: id,
            finding_id: findings.get(2).copied(),
            person: "刘昇".into(),
            position: "办公室主任".into(),
            form: "诫勉".into(),
            decided_on: d(2025, 6, 25),
            notes: String::new(),
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_is_fixed_and_covers_the_ledger() {
        let a = ledger(14, Tasks::UpTo(3)).unwrap();
        let b = ledger(14, Tasks::UpTo(3)).unwrap();
        let texts = |d: &LedgerData| {
            crate::report::ledger::LedgerTable::official(
                &[d],
                crate::report::public::Edition::Internal,
            )
        };
        assert_eq!(texts(&a), texts(&b), "the same sample every time");
        let tasks: Vec<_> = a.findings.iter().flat_map(|f| &f.tasks).collect();
        assert_eq!(tasks.len(), 14 / 3 * 6 + 1 + 2);
        for status in Status::ALL {
            assert!(tasks.iter().any(|t| t.status == *status), "{status:?}");
        }
        assert!(tasks.iter().any(|t| t.overdue));
        assert!(tasks.iter().any(|t| t.warning.is_some() && !t.overdue));
        assert!(tasks
            .iter()
            .any(|t| t.deadline_kind == DeadlineKind::Immediate));
        assert!(tasks
            .iter()
            .any(|t| t.deadline_kind == DeadlineKind::LongTerm && t.milestones.len() == 2));
        assert!(a.progress.values().any(|p| p.len() == 3));
        assert!(a
            .close_outs
            .values()
            .flatten()
            .all(|c| c.reviewed_on.is_some()));
        assert!(a
            .findings
            .iter()
            .any(|f| f.manifestation.chars().count() > 800));
        let cats: std::collections::BTreeSet<i64> =
            a.findings.iter().map(|f| f.category_id).collect();
        assert_eq!(cats.len(), 4);
        assert_eq!(a.regulations.len(), 2);
        assert_eq!(a.accountabilities.len(), 1);
    }
}
