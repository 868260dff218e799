//! A realistic inspection built in code, of any size: the fixture for the document tests,
//! the black-box PDF tests and the PDF benchmark (so all three print the same data). Names
//! include rare characters (堃 喆 犇 昇 赟 玥 𠀾) and some manifestations run over a page.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use crate::domain::status::{
    completion, effective_due, finding_status, next_open_milestone, timing,
};
use crate::domain::{
    Accountability, Assignment, Category, CloseOut, CloseOutState, DeadlineKind, Evidence, Finding,
    ImmediateFix, Inspection, InspectionKind, Milestone, Nature, Progress, Recommendation,
    Regulation, RegulationAction, Status, Task, DEFAULT_CATEGORIES,
};
use crate::report::data::LedgerData;

const PEOPLE: [&str; 8] = [
    "王堃",
    "李喆",
    "张犇",
    "刘昇",
    "陈赟",
    "赵玥",
    "孙𠀾",
    "周建国",
];
const UNITS: [&str; 6] = [
    "办公室",
    "组织人事科",
    "财务科",
    "宣传教育科",
    "机关党委",
    "经济联络科",
];
const TITLES: [&str; 6] = [
    "落实意识形态工作责任制不到位",
    "党组理论学习中心组学习流于形式",
    "落实中央八项规定精神不够严格",
    "选人用人工作不够规范",
    "基层党组织建设存在薄弱环节",
    "上轮巡察反馈问题整改不彻底",
];
const MEASURES: [&str; 4] = [
    "制定意识形态工作责任清单，每半年专题研究一次意识形态工作，形成会议纪要",
    "修订党组理论学习中心组学习制度，明确学习计划、专题研讨和学习档案要求",
    "对2023年以来的公务接待和公车使用情况开展全面自查，对违规支出予以清退",
    "完善干部选拔任用工作程序，严格执行动议、民主推荐、考察和讨论决定等环节",
];

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

fn manifestation(i: usize) -> String {
    let base = "巡察发现，该单位党组对此项工作研究部署不够，2024年度仅召开1次专题会议，\
                会议记录中未见具体工作措施；部分科室负责人对相关要求掌握不全面，\
                工作台账不完整，有关资料未按规定归档；王堃、李喆同志分管的工作中，\
                存在以会议落实会议、以文件落实文件的情况。";
    match i % 7 {
        // Every seventh finding is long enough to run over a page of the ledger.
        3 => format!("{}\n{}\n{}", base.repeat(3), base.repeat(3), base.repeat(2)),
        0 => base.to_owned(),
        _ => crate::report::numbering::sentence(
            &base.chars().take(60 + 10 * (i % 5)).collect::<String>(),
        ),
    }
}

/// An inspection with `findings` findings of `tasks_per_finding` tasks each, as the store
/// would load it on `today` (derived status, overdue and warnings filled in).
pub fn sample_ledger(findings: usize, tasks_per_finding: usize) -> LedgerData {
    let today = d(2025, 7, 15);
    let inspection = Inspection {
        id: 1,
        name: "区委第三巡察组对区委统战部党组的常规巡察".into(),
        round: "第七轮".into(),
        kind: InspectionKind::Regular,
        team: "区委第三巡察组".into(),
        team_leader: "周建国".into(),
        deputy_leader: "陈赟".into(),
        team_members: vec!["赵玥".into(), "孙𠀾".into()],
        inspected_org: "区委统战部党组".into(),
        org_secretary: "张犇".into(),
        unit_name: "区委统战部".into(),
        authority: "区委".into(),
        onsite_start: Some(d(2025, 3, 1)),
        onsite_end: Some(d(2025, 4, 10)),
        feedback_date: Some(d(2025, 5, 20)),
        plan_due_workdays: 15,
        meeting_due_months: 1,
        report_due_months: 3,
        dual_review: false,
        created_at: "2025-03-01T09:00:00".into(),
        updated_at: "2025-07-15T09:00:00".into(),
    };
    let categories: Vec<Category> = DEFAULT_CATEGORIES
        .iter()
        .enumerate()
        .map(|(i, name)| Category {
            id: i as i64 + 1,
            inspection_id: 1,
            seq: i as i64 + 1,
            name: (*name).into(),
        })
        .collect();
    let statuses = [
        Status::Closed,
        Status::Completed,
        Status::InProgress,
        Status::LongTerm,
        Status::NotStarted,
        Status::InProgress,
    ];
    let mut progress: HashMap<i64, Vec<Progress>> = HashMap::new();
    let mut close_outs: HashMap<i64, Vec<CloseOut>> = HashMap::new();
    let mut out = Vec::with_capacity(findings);
    let mut task_id = 0i64;
    for i in 0..findings {
        let cat = &categories[(i * 4 / findings.max(1)).min(3)];
        let finding_id = i as i64 + 1;
        let mut tasks = Vec::with_capacity(tasks_per_finding);
        for k in 0..tasks_per_finding {
            task_id += 1;
            let status = statuses[(i + k) % statuses.len()];
            let kind = match status {
                Status::LongTerm => DeadlineKind::LongTerm,
                _ if (i + k) % 11 == 5 => DeadlineKind::Immediate,
                _ => DeadlineKind::Date,
            };
            let deadline = Some(d(2025, 6, 30) + Duration::days(((i * 7 + k * 5) % 60) as i64));
            let milestones = if kind == DeadlineKind::LongTerm {
                vec![
                    Milestone {
                        due_on: d(2025, 6, 30),
                        target: "建立工作机制".into(),
                        done: true,
                    },
                    Milestone {
                        due_on: d(2025, 12, 31),
                        target: "形成长效机制".into(),
                        done: false,
                    },
                ]
            } else {
                Vec::new()
            };
            let t = timing(
                status,
                effective_due(kind, deadline, next_open_milestone(&milestones)),
                today,
            );
            let person = PEOPLE[(i + k) % PEOPLE.len()];
            if status != Status::NotStarted {
                let entries = (0..1 + (i + k) % 3)
                    .map(|n| Progress {
                        id: task_id * 10 + n as i64,
                        task_id,
                        entered_on: d(2025, 6, 1) + Duration::days((n * 12 + (i % 30)) as i64),
                        text: format!(
                            "{}牵头召开专题会议{}次，制定整改工作方案，逐项明确责任人和完成时限",
                            UNITS[k % UNITS.len()],
                            n + 1
                        ),
                        by: person.into(),
                        status_after: None,
                        funds_recovered: if (i + n) % 9 == 2 { 1.25 } else { 0.0 },
                        evidence: vec![Evidence {
                            id: task_id * 10 + n as i64,
                            task_id,
                            progress_id: Some(task_id * 10 + n as i64),
                            file_name: format!("会议纪要{}.pdf", n + 1),
                            sha256: String::new(),
                            size: 1000,
                            added_at: String::new(),
                        }],
                        created_at: String::new(),
                    })
                    .collect();
                progress.insert(task_id, entries);
            }
            if status == Status::Closed {
                close_outs.insert(
                    task_id,
                    vec![CloseOut {
                        id: task_id,
                        task_id,
                        requested_on: d(2025, 7, 1),
                        requested_by: person.into(),
                        summary: "整改到位，佐证材料齐全".into(),
                        state: CloseOutState::Approved,
                        reviewed_on: Some(d(2025, 7, 8)),
                        approvers: vec!["周建国".into(), "张犇".into()],
                        verdict: "同意销号".into(),
                        first_reviewed_on: None,
                        first_reviewers: vec![],
                        first_opinion: String::new(),
                    }],
                );
            }
            tasks.push(Task {
                id: task_id,
                finding_id,
                seq: k as i64 + 1,
                measure: MEASURES[(i + k) % MEASURES.len()].into(),
                goal: "问题整改到位，形成长效机制".into(),
                acceptance: "制度文件印发，会议纪要齐全".into(),
                deadline_kind: kind,
                deadline,
                milestones,
                status,
                assignment: Assignment {
                    lead_leader: "张犇".into(),
                    responsible_leader: PEOPLE[(i + k + 1) % PEOPLE.len()].into(),
                    lead_unit: UNITS[k % UNITS.len()].into(),
                    responsible_units: vec![
                        UNITS[(k + 1) % UNITS.len()].into(),
                        UNITS[(k + 2) % UNITS.len()].into(),
                    ],
                    responsible_person: person.into(),
                },
                note: if t.overdue {
                    "挂牌督办".into()
                } else {
                    String::new()
                },
                overdue: t.overdue,
                warning: t.warning,
                days_left: t.days_left,
                created_at: String::new(),
                updated_at: String::new(),
            });
        }
        let task_statuses: Vec<Status> = tasks.iter().map(|t| t.status).collect();
        out.push(Finding {
            id: finding_id,
            inspection_id: 1,
            seq: finding_id,
            category_id: cat.id,
            category: cat.name.clone(),
            title: TITLES[i % TITLES.len()].into(),
            manifestation: manifestation(i),
            nature: if i % 3 == 0 {
                Nature::Specific
            } else {
                Nature::Common
            },
            source: "巡察发现".into(),
            found_on: Some(d(2025, 3, 20)),
            tags: Vec::new(),
            working_paper_id: None,
            status: finding_status(&task_statuses),
            completion: completion(&task_statuses),
            overdue: tasks.iter().any(|t| t.overdue),
            tasks,
            created_at: String::new(),
            updated_at: String::new(),
        });
    }
    LedgerData {
        inspection,
        categories,
        findings: out,
        progress,
        close_outs,
        immediate_fixes: vec![ImmediateFix {
            id: 1,
            inspection_id: 1,
            finding_id: None,
            title: "办公用房超标".into(),
            action: "已于巡察期间完成腾退".into(),
            fixed_on: Some(d(2025, 3, 25)),
        }],
        recommendations: [
            "提高政治站位，切实扛起全面从严治党政治责任。",
            "坚持问题导向，以整改实效推动统战工作高质量发展。",
            "加强干部队伍建设，营造风清气正的政治生态。",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| Recommendation {
            id: i as i64 + 1,
            inspection_id: 1,
            seq: i as i64 + 1,
            text: (*t).into(),
        })
        .collect(),
        regulations: vec![
            Regulation {
                id: 1,
                inspection_id: 1,
                finding_id: Some(1),
                name: "区委统战部意识形态工作责任清单".into(),
                action: RegulationAction::Establish,
                issued_on: d(2025, 6, 10),
                doc_no: "区统发〔2025〕12号".into(),
            },
            Regulation {
                id: 2,
                inspection_id: 1,
                finding_id: Some(2),
                name: "区委统战部党组理论学习中心组学习制度".into(),
                action: RegulationAction::Revise,
                issued_on: d(2025, 6, 20),
                doc_no: "区统发〔2025〕15号".into(),
            },
        ],
        accountabilities: vec![Accountability {
            id: 1,
            inspection_id: 1,
            finding_id: Some(3),
            person: "刘昇".into(),
            position: "办公室主任".into(),
            form: "诫勉".into(),
            decided_on: d(2025, 6, 25),
            notes: String::new(),
        }],
        today,
    }
}
