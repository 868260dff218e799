//! A realistic ledger built in code, without a database: for the exporter's tests, the
//! benchmark (any number of tasks) and the look-at-it rendering script.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};

use crate::domain::status::{
    completion, effective_due, finding_status, next_open_milestone, timing,
};
use crate::domain::{
    Accountability, Assignment, Category, CloseOut, CloseOutState, DeadlineKind, Evidence, Finding,
    ImmediateFix, Inspection, InspectionKind, Milestone, Nature, Progress, Regulation,
    RegulationAction, Status, Task, DEFAULT_CATEGORIES,
};
use crate::report::data::LedgerData;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

const TITLES: [&str; 8] = [
    "学习贯彻习近平新时代中国特色社会主义思想不够深入",
    "落实意识形态工作责任制不到位",
    "全面从严治党主体责任压得不实",
    "执行中央八项规定精神不够严格，公务接待管理不规范",
    "财务管理制度执行不严",
    "选人用人工作不够规范",
    "基层党组织建设存在薄弱环节",
    "上轮巡察反馈问题整改不彻底",
];

const MANIFESTATIONS: [&str; 8] = [
    "党组理论学习中心组学习计划性不强，2024年专题研讨仅开展2次，学用结合不紧密，研究解决实际问题的成果不多。",
    "未按要求每半年专题研究意识形态工作，对所属网站、公众号的审核把关不严，出现信息发布“三审”流于形式的情况。",
    "党组书记第一责任人职责履行不到位，与班子成员、下属单位负责人开展廉政谈话不经常；班子成员“一岗双责”落实有差距。",
    "2023年以来有12笔公务接待无公函、无接待清单，存在超标准接待现象；公车使用登记不完整。",
    "部分报销凭证附件不全，大额资金支出未经集体研究；往来款长期挂账未清理，涉及金额35.6万元。",
    "干部选拔任用程序不严谨，个别干部档案材料缺失，“三龄二历一身份”认定不准确。",
    "党支部“三会一课”制度落实不严格，组织生活会批评与自我批评辣味不足；发展党员程序不规范。",
    "对上轮巡察反馈的公务用车管理问题整改不到位，同类问题在本轮巡察中仍然存在。",
];

const MEASURES: [&str; 6] = [
    "制定年度理论学习计划，每季度至少开展1次专题研讨，形成调研成果并推动转化运用。",
    "修订完善相关制度，明确审核流程和责任分工，组织全体人员集中学习。",
    "开展专项清理检查，逐笔核查问题事项，对违规问题立行立改并追缴相关款项。",
    "建立问题整改台账，实行挂图作战、销号管理，每月调度整改进展。",
    "组织开展专题培训，提高业务人员政策水平和规范操作能力。",
    "建立长效机制，纳入年度考核内容，定期开展“回头看”。",
];

const UNITS: [&str; 6] = ["办公室", "机关党委", "财务科", "人事科", "宣传科", "综合科"];
const LEADERS: [&str; 4] = ["王建国", "李明华", "张卫东", "刘芳"];
const PEOPLE: [&str; 6] = ["赵磊", "陈静", "孙立新", "周敏", "吴昊", "郑丽"];

fn inspection() -> Inspection {
    Inspection {
        id: 1,
        name: "区委第三巡察组对区委统战部党组的常规巡察".into(),
        round: "第七轮".into(),
        kind: InspectionKind::Regular,
        team: "区委第三巡察组".into(),
        team_leader: "何振华".into(),
        deputy_leader: "黄晓燕".into(),
        team_members: vec!["马超".into(), "林琳".into()],
        inspected_org: "区委统战部党组".into(),
        org_secretary: "王建国".into(),
        unit_name: "区委统战部".into(),
        authority: "区委".into(),
        onsite_start: Some(day(2025, 1, 6)),
        onsite_end: Some(day(2025, 2, 14)),
        feedback_date: Some(day(2025, 3, 20)),
        plan_due_workdays: 15,
        meeting_due_months: 1,
        report_due_months: 3,
        dual_review: false,
        created_at: String::new(),
        updated_at: String::new(),
    }
}

/// A task's shape in the sample: its deadline kind, deadline and status cycle with `n`.
fn task(id: i64, finding_id: i64, seq: i64, n: usize, today: NaiveDate) -> Task {
    let kinds = [
        DeadlineKind::Date,
        DeadlineKind::Date,
        DeadlineKind::Immediate,
        DeadlineKind::Date,
        DeadlineKind::LongTerm,
        DeadlineKind::Date,
    ];
    let statuses = [
        Status::InProgress,
        Status::Completed,
        Status::Closed,
        Status::NotStarted,
        Status::LongTerm,
        Status::InProgress,
    ];
    let kind = kinds[n % kinds.len()];
    let status = statuses[n % statuses.len()];
    let offsets = [-12i64, 30, 0, 8, 0, 18, 60, 120];
    let deadline = match kind {
        DeadlineKind::Date => {
            let off = offsets[n % offsets.len()];
            if off >= 0 {
                today.checked_add_days(Days::new(off as u64))
            } else {
                today.checked_sub_days(Days::new((-off) as u64))
            }
        }
        _ => None,
    };
    let milestones = if kind == DeadlineKind::LongTerm {
        vec![
            Milestone {
                due_on: day(2025, 6, 30),
                target: "建立制度并试运行".into(),
                done: true,
            },
            Milestone {
                due_on: day(2025, 12, 31),
                target: "形成长效机制".into(),
                done: false,
            },
        ]
    } else {
        Vec::new()
    };
    let units = if n.is_multiple_of(3) {
        vec![UNITS[n % 6].to_owned(), UNITS[(n + 2) % 6].to_owned()]
    } else {
        vec![UNITS[(n + 1) % 6].to_owned()]
    };
    let t = timing(
        status,
        effective_due(kind, deadline, next_open_milestone(&milestones)),
        today,
    );
    Task {
        id,
        finding_id,
        seq,
        measure: MEASURES[n % MEASURES.len()].into(),
        goal: if n.is_multiple_of(2) {
            "问题得到有效解决，相关制度健全完善".into()
        } else {
            "整改到位，形成长效机制".into()
        },
        acceptance: "有制度文件、会议记录等佐证材料".into(),
        deadline_kind: kind,
        deadline,
        milestones,
        status,
        assignment: Assignment {
            lead_leader: LEADERS[0].into(),
            responsible_leader: LEADERS[1 + n % 3].into(),
            lead_unit: UNITS[n % 6].into(),
            responsible_units: units,
            responsible_person: PEOPLE[n % 6].into(),
        },
        note: if n.is_multiple_of(5) {
            "挂牌督办".into()
        } else {
            String::new()
        },
        overdue: t.overdue,
        warning: t.warning,
        days_left: t.days_left,
        created_at: String::new(),
        updated_at: String::new(),
    }
}

/// A ledger of `findings` findings, with `tasks_per_finding` tasks each (cycling 1..=max
/// when `vary`), as seen on 2025-05-10.
pub fn ledger(findings: usize, tasks_per_finding: usize, vary: bool) -> LedgerData {
    let today = day(2025, 5, 10);
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
    let mut out = Vec::new();
    let mut progress: HashMap<i64, Vec<Progress>> = HashMap::new();
    let mut close_outs: HashMap<i64, Vec<CloseOut>> = HashMap::new();
    let mut task_id = 0;
    for i in 0..findings {
        // Findings are ordered by category, then seq.
        let cat = &categories[(i * categories.len()) / findings.max(1)];
        let n_tasks = if vary {
            1 + i % tasks_per_finding.max(1)
        } else {
            tasks_per_finding
        };
        let mut tasks = Vec::new();
        for k in 0..n_tasks {
            task_id += 1;
            let t = task(task_id, i as i64 + 1, k as i64 + 1, i + k, today);
            if t.status != Status::NotStarted {
                progress.entry(task_id).or_default().push(Progress {
                    id: task_id,
                    task_id,
                    entered_on: day(2025, 4, 10),
                    text: "已召开专题会议研究部署，制定整改工作方案。".into(),
                    by: PEOPLE[k % 6].into(),
                    status_after: Some(t.status),
                    funds_recovered: if k == 0 && i % 4 == 3 { 1.25 } else { 0.0 },
                    evidence: vec![Evidence {
                        id: task_id,
                        task_id,
                        progress_id: Some(task_id),
                        file_name: "专题会议纪要.pdf".into(),
                        sha256: String::new(),
                        size: 1,
                        added_at: String::new(),
                    }],
                    created_at: String::new(),
                });
            }
            if t.status == Status::Closed {
                close_outs.entry(task_id).or_default().push(CloseOut {
                    id: task_id,
                    task_id,
                    requested_on: day(2025, 4, 20),
                    requested_by: PEOPLE[k % 6].into(),
                    summary: "整改任务已完成，佐证材料齐全，提请销号。".into(),
                    state: CloseOutState::Approved,
                    reviewed_on: Some(day(2025, 4, 28)),
                    approvers: vec!["巡察办".into(), "区委第三巡察组".into(), "王建国".into()],
                    verdict: "同意销号".into(),
                    first_reviewed_on: None,
                    first_reviewers: vec![],
                    first_opinion: String::new(),
                });
            }
            tasks.push(t);
        }
        let statuses: Vec<Status> = tasks.iter().map(|t| t.status).collect();
        out.push(Finding {
            id: i as i64 + 1,
            inspection_id: 1,
            seq: i as i64 + 1,
            category_id: cat.id,
            category: cat.name.clone(),
            title: TITLES[i % TITLES.len()].into(),
            manifestation: MANIFESTATIONS[i % MANIFESTATIONS.len()].into(),
            nature: if i % 3 == 0 {
                Nature::Specific
            } else {
                Nature::Common
            },
            source: "巡察发现".into(),
            found_on: Some(day(2025, 1, 20)),
            tags: Vec::new(),
            working_paper_id: None,
            status: finding_status(&statuses),
            completion: completion(&statuses),
            overdue: tasks.iter().any(|t| t.overdue),
            tasks,
            created_at: String::new(),
            updated_at: String::new(),
        });
    }
    LedgerData {
        inspection: inspection(),
        categories,
        findings: out,
        progress,
        close_outs,
        immediate_fixes: vec![ImmediateFix {
            id: 1,
            inspection_id: 1,
            finding_id: Some(4),
            title: "公务接待无公函".into(),
            action: "补齐接待公函和清单，对超标准部分由当事人退赔".into(),
            fixed_on: Some(day(2025, 2, 10)),
        }],
        recommendations: Vec::new(),
        regulations: vec![Regulation {
            id: 1,
            inspection_id: 1,
            finding_id: Some(4),
            name: "区委统战部公务接待管理办法".into(),
            action: RegulationAction::Establish,
            issued_on: day(2025, 4, 15),
            doc_no: "区统发〔2025〕8号".into(),
        }],
        accountabilities: vec![Accountability {
            id: 1,
            inspection_id: 1,
            finding_id: Some(5),
            person: "钱某某".into(),
            position: "财务科科长".into(),
            form: "诫勉".into(),
            decided_on: day(2025, 4, 25),
            notes: String::new(),
        }],
        today,
    }
}
