//! A realistic, fictional demo inspection, dated relative to today so that it always shows
//! work under way: finished and closed tasks, an overdue one, warnings, a long-term task
//! with milestones, progress with evidence, a close-out, leads, rules made, accountability.
//! Every name and unit here is invented.

use chrono::{Days, NaiveDate};

use crate::db::{closeout, findings, inspections, leads, progress, records, tasks, Db};
use crate::domain::*;
use crate::Result;

/// One demo task: measure, goal, deadline (days after feedback; None = long-term),
/// lead leader, lead unit, responsible units, person, status.
struct T(
    &'static str,
    &'static str,
    Option<u64>,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Status,
);

/// One demo finding: category number, title, manifestation, nature, tasks.
struct F(i64, &'static str, &'static str, Nature, &'static [T]);

use Status::*;

const SECRETARY: &str = "王建国";

const FINDINGS: &[F] = &[
    F(1, "学习贯彻党的创新理论不够深入", "党组理论学习中心组学习以领读文件为主，研讨交流不够，2024年度12次集体学习中有7次未安排研讨发言；学用结合不紧，运用党的创新理论指导统计改革发展的办法不多。", Nature::Common, &[
        T("制定党组理论学习中心组年度学习计划，每次集体学习安排不少于2名成员研讨发言", "学习研讨制度化、常态化", Some(30), "李明华", "办公室", "办公室", "周晓燕", Closed),
        T("围绕统计改革发展开展专题调研，形成调研报告并推动成果转化", "形成至少2篇高质量调研报告", Some(75), "李明华", "综合统计科", "综合统计科、办公室", "赵堃", InProgress),
    ]),
    F(1, "落实统计造假不正当干预防范机制不到位", "防范和惩治统计造假、弄虚作假责任制规定落实不够有力，对基层统计数据质量核查覆盖面不足，2024年仅抽查企业36家。", Nature::Common, &[
        T("修订统计数据质量核查办法，扩大对基层和企业的抽查覆盖面", "年度抽查企业不少于100家", Some(60), "刘志强", "统计执法监督科", "统计执法监督科", "孙立群", Completed),
        T("建立统计违法案件移送机制，与区纪委监委建立线索移送通道", "机制建立并运行", Some(45), "刘志强", "统计执法监督科", "统计执法监督科、办公室", "孙立群", Closed),
        T("开展统计法治宣传教育，对重点企业统计人员轮训", "轮训覆盖率100%", None, "刘志强", "统计执法监督科", "统计执法监督科", "孙立群", LongTerm),
    ]),
    F(1, "服务区域经济发展大局作用发挥不充分", "统计分析多停留在数据发布层面，对区委区政府决策的参考作用不明显，全年报送的统计分析仅9篇被领导批示。", Nature::Common, &[
        T("建立重点经济指标月度分析制度，按月报送区委区政府", "全年报送分析不少于12篇", Some(100), "张秀英", "综合统计科", "综合统计科", "吴思远", InProgress),
        T("组建经济运行监测分析专班", "专班建立并有效运行", Some(20), "张秀英", "综合统计科", "综合统计科、人事科", "吴思远", Completed),
    ]),
    F(2, "党组落实全面从严治党主体责任有差距", "党组研究全面从严治党工作次数偏少，2024年仅专题研究1次；责任清单制定后未动态调整，压力传导层层递减。", Nature::Common, &[
        T("修订党组落实全面从严治党主体责任清单，每半年专题研究一次", "清单完成修订并印发", Some(15), SECRETARY, "机关党委", "机关党委、办公室", "郑海燕", Closed),
        T("开展班子成员履行一岗双责情况述职", "每名班子成员年内述职", Some(120), SECRETARY, "机关党委", "机关党委", "郑海燕", NotStarted),
    ]),
    F(2, "违反中央八项规定精神问题仍有发生", "2023年以来存在以会议费名义列支餐费1.2万元的问题；公务用车管理不规范，存在未经审批使用情况4次。", Nature::Specific, &[
        T("对违规列支的餐费进行清退，并对相关责任人提醒谈话", "资金全额清退，责任人受到处理", Some(10), "刘志强", "财务科", "财务科", "钱卫东", Closed),
        T("修订公务用车管理办法，建立用车审批台账", "制度印发，台账规范", Some(40), "刘志强", "办公室", "办公室", "周晓燕", Completed),
    ]),
    F(2, "财务管理制度执行不严格", "部分支出报销手续不全，审批流程倒置；政府采购未严格执行内控制度，3个项目未经集体研究。", Nature::Common, &[
        T("开展财务报销专项检查，对手续不全的票据进行整改", "问题票据全部整改到位", Some(50), "张秀英", "财务科", "财务科", "钱卫东", Overdue_),
        T("修订内部控制制度，明确政府采购集体决策程序", "内控制度修订并执行", Some(95), "张秀英", "财务科", "财务科、办公室", "钱卫东", InProgress),
    ]),
    F(2, "日常监督执纪问责偏松偏软", "对苗头性、倾向性问题咬耳扯袖不够，运用监督执纪第一种形态处理人数偏少。", Nature::Common, &[
        T("建立廉政风险点台账，开展常态化提醒谈话", "廉政风险点排查全覆盖", Some(80), SECRETARY, "机关党委", "机关党委", "郑海燕", InProgress),
    ]),
    F(3, "选人用人工作不够规范", "干部选拔任用纪实材料不完整，2名干部任职前未按规定进行个人有关事项报告核查。", Nature::Specific, &[
        T("完善干部选拔任用纪实，补齐缺失材料", "纪实材料完整规范", Some(25), SECRETARY, "人事科", "人事科", "冯丽娟", Closed),
        T("对个人有关事项报告未核查问题进行补查，对责任人批评教育", "补查完成，责任明确", Some(35), SECRETARY, "人事科", "人事科", "冯丽娟", Completed),
    ]),
    F(3, "干部队伍结构不够合理", "35岁以下年轻干部占比仅8%，专业统计人才短缺，干部教育培训针对性不强。", Nature::Common, &[
        T("制定年轻干部培养计划，开展统计专业能力培训", "年内培训不少于4期", Some(110), "李明华", "人事科", "人事科", "冯丽娟", InProgress),
        T("制定干部队伍建设中长期规划", "规划印发实施", None, "李明华", "人事科", "人事科、机关党委", "冯丽娟", LongTerm),
    ]),
    F(3, "基层党组织建设存在薄弱环节", "个别党支部“三会一课”制度落实不到位，组织生活会质量不高，发展党员工作程序不规范。", Nature::Common, &[
        T("开展党支部标准化规范化建设，逐一检查“三会一课”记录", "支部达标率100%", Some(55), "李明华", "机关党委", "机关党委", "郑海燕", Completed),
        T("规范发展党员程序，对档案进行全面复查", "档案复查全覆盖", Some(18), "李明华", "机关党委", "机关党委", "郑海燕", InProgress),
    ]),
    F(4, "上轮巡察反馈问题整改不彻底", "上轮巡察反馈的“统计数据报送不及时”问题仍未根本解决，整改存在“表面化”现象。", Nature::Common, &[
        T("对上轮巡察反馈问题整改情况进行全面回头看", "逐项核查，形成报告", Some(30), SECRETARY, "办公室", "办公室", "周晓燕", Closed),
        T("建立数据报送时效考核机制", "报送及时率达到98%以上", Some(70), "张秀英", "综合统计科", "综合统计科", "吴思远", InProgress),
    ]),
    F(4, "审计发现问题整改不到位", "2023年区审计局指出的2项资产管理问题未按期完成整改，固定资产账实不符。", Nature::Common, &[
        T("开展固定资产清查，做到账实相符", "账实相符率100%", Some(45), "张秀英", "财务科", "财务科、办公室", "钱卫东", Overdue_),
        T("建立审计整改长效机制，定期对账", "机制建立并运行", Some(105), "张秀英", "财务科", "财务科", "钱卫东", NotStarted),
    ]),
    F(4, "意识形态工作责任制落实不够到位", "意识形态工作专题研究不足，网站和新媒体平台信息发布审核把关不严。", Nature::Common, &[
        T("健全信息发布三审三校制度", "制度印发并执行", Some(28), "李明华", "办公室", "办公室", "周晓燕", Completed),
    ]),
];

/// Marks tasks whose deadline the demo leaves passed while still in progress.
#[allow(non_upper_case_globals)]
const Overdue_: Status = InProgress;

/// Loads the demo inspection; returns its id.
pub fn load(db: &Db, today: NaiveDate) -> Result<i64> {
    let back = |n: u64| today.checked_sub_days(Days::new(n)).unwrap_or(today);
    let feedback = back(60);
    let after = |n: u64| feedback.checked_add_days(Days::new(n)).unwrap_or(feedback);
    let (inspection_id, task_ids) = db.write(|tx| {
        let i = inspections::add_in_tx(
            tx,
            &InspectionInput {
                round: Some("第七轮".into()),
                kind: Some(InspectionKind::Regular),
                team: Some("区委第三巡察组".into()),
                team_leader: Some("黄志远".into()),
                deputy_leader: Some("林雪梅".into()),
                team_members: Some(vec!["何晓东".into(), "罗佳琪".into(), "谢文博".into()]),
                inspected_org: Some("区统计局党组".into()),
                org_secretary: Some(SECRETARY.into()),
                unit_name: Some("中共示例区统计局党组".into()),
                authority: Some("区委".into()),
                onsite_start: Some(back(130)),
                onsite_end: Some(back(90)),
                feedback_date: Some(feedback),
                ..Default::default()
            },
        )?;
        let mut ids = vec![];
        for f in FINDINGS {
            let finding = findings::add_in_tx(
                tx,
                &FindingInput {
                    category_id: None,
                    inspection_id: i.id,
                    category: f.0.to_string(),
                    title: f.1.into(),
                    manifestation: f.2.into(),
                    nature: Some(f.3),
                    source: Some("巡察发现".into()),
                    found_on: Some(back(110)),
                    tags: vec![],
                },
            )?;
            for t in f.4 {
                let long_term = t.2.is_none();
                let input = TaskInput {
                    finding_id: finding.id,
                    measure: t.0.into(),
                    goal: t.1.into(),
                    acceptance: format!("{}，佐证材料齐全", t.1),
                    deadline_kind: Some(if long_term {
                        DeadlineKind::LongTerm
                    } else {
                        DeadlineKind::Date
                    }),
                    deadline: t.2.map(after),
                    milestones: if long_term {
                        vec![
                            Milestone {
                                due_on: after(30),
                                target: "制定方案并启动".into(),
                                done: true,
                            },
                            Milestone {
                                due_on: after(120),
                                target: "完成阶段性任务".into(),
                                done: false,
                            },
                            Milestone {
                                due_on: after(300),
                                target: "形成长效机制".into(),
                                done: false,
                            },
                        ]
                    } else {
                        vec![]
                    },
                    assignment: AssignmentPatch {
                        lead_leader: Some(t.3.into()),
                        responsible_leader: Some(
                            if t.3 == SECRETARY { "陈静" } else { t.3 }.into(),
                        ),
                        lead_unit: Some(t.4.into()),
                        responsible_units: Some(t.5.split('、').map(str::to_owned).collect()),
                        responsible_person: Some(t.6.into()),
                    },
                    note: String::new(),
                    // Closed tasks are closed through the real close-out below.
                    status: Some(if t.7 == Closed { Completed } else { t.7 }),
                };
                let task = tasks::add_in_tx(tx, &input, today)?;
                ids.push((task.id, t.7, t.0));
            }
        }
        records::add_immediate_fix_in_tx(
            tx,
            &ImmediateFix {
                id: 0,
                inspection_id: i.id,
                finding_id: None,
                title: "机关食堂公示制度未上墙".into(),
                action: "巡察期间已制作公示牌并上墙".into(),
                fixed_on: Some(back(105)),
            },
        )?;
        for text in [
            "深入学习贯彻党的创新理论，切实提高政治站位，把统计工作放在全区发展大局中谋划推进。",
            "压紧压实管党治党政治责任，持之以恒正风肃纪，一体推进不敢腐、不能腐、不想腐。",
            "坚持新时代好干部标准，加强干部队伍建设，夯实基层党组织战斗堡垒作用。",
        ] {
            records::add_recommendation_in_tx(tx, i.id, text)?;
        }
        let finding_ids: Vec<i64> = findings::list(tx.conn(), Some(i.id), today)?
            .iter()
            .map(|f| f.id)
            .collect();
        records::add_regulation_in_tx(
            tx,
            &Regulation {
                id: 0,
                inspection_id: i.id,
                finding_id: finding_ids.get(4).copied(),
                name: "区统计局公务用车管理办法（修订）".into(),
                action: RegulationAction::Revise,
                issued_on: after(30),
                doc_no: "示统发〔2025〕12号".into(),
            },
        )?;
        records::add_regulation_in_tx(
            tx,
            &Regulation {
                id: 0,
                inspection_id: i.id,
                finding_id: finding_ids.get(1).copied(),
                name: "区统计局统计数据质量核查办法".into(),
                action: RegulationAction::Establish,
                issued_on: after(50),
                doc_no: "示统发〔2025〕15号".into(),
            },
        )?;
        records::add_accountability_in_tx(
            tx,
            &Accountability {
                id: 0,
                inspection_id: i.id,
                finding_id: finding_ids.get(4).copied(),
                person: "钱某某".into(),
                position: "财务科原科长".into(),
                form: "诫勉".into(),
                decided_on: after(12),
                notes: "违规列支餐费".into(),
            },
        )?;
        leads::add_in_tx(
            tx,
            &leads::LeadInput {
                inspection_id: i.id,
                person: "某某".into(),
                position: "下属单位负责人".into(),
                summary: "反映其在项目验收中收受好处（示例，仅供演示）".into(),
                found_on: Some(back(100)),
            },
        )?;
        Ok((i.id, ids))
    })?;
    add_progress_and_close_outs(db, &task_ids, today, feedback)?;
    Ok(inspection_id)
}

fn add_progress_and_close_outs(
    db: &Db,
    task_ids: &[(i64, Status, &str)],
    today: NaiveDate,
    feedback: NaiveDate,
) -> Result<()> {
    // Removed when this function returns, on success or error.
    let tmp = tempfile::Builder::new()
        .prefix("xuncha-demo-")
        .tempdir()
        .map_err(|e| crate::Error::io(std::env::temp_dir(), e))?;
    let dir = tmp.path();
    let minutes = dir.join("党组会议纪要.txt");
    let photo = dir.join("整改现场照片.png");
    std::fs::write(&minutes, "示例：党组会议研究部署整改工作的会议纪要。\n")
        .map_err(|e| crate::Error::io(&minutes, e))?;
    std::fs::write(&photo, TINY_PNG).map_err(|e| crate::Error::io(&photo, e))?;
    let files = if db.evidence_dir().is_some() {
        vec![minutes, photo]
    } else {
        vec![]
    };
    for (n, (id, status, measure)) in task_ids.iter().enumerate() {
        let refund = measure.contains("清退");
        if *status == NotStarted {
            continue;
        }
        let day = feedback
            .checked_add_days(Days::new(10 + n as u64 * 2))
            .unwrap_or(feedback)
            .min(today);
        progress::add(
            db,
            &ProgressInput {
                task_id: *id,
                text: progress_text(measure, *status),
                entered_on: Some(day),
                by: None,
                status: None,
                funds_recovered: if refund { 1.2 } else { 0.0 },
                evidence: if matches!(status, Completed | Closed) {
                    files.clone()
                } else {
                    vec![]
                },
            },
            today,
        )?;
        if *status == Closed && !files.is_empty() {
            db.write(|tx| {
                closeout::request_in_tx(tx, *id, "整改任务已完成，佐证材料齐全，提请销号。", day)?;
                closeout::review_in_tx(
                    tx,
                    *id,
                    &closeout::Review {
                        approve: true,
                        approvers: vec!["黄志远".into(), SECRETARY.into(), "区委巡察办".into()],
                        verdict: "经三方验收，整改到位，同意销号。".into(),
                        on: day,
                    },
                )
            })?;
        } else if *status == Closed {
            // In-memory databases keep no files: close the task through the rules anyway.
            db.write(|tx| {
                tasks::set_status_in_tx(tx, *id, Closed, crate::domain::status::Via::CloseOut)
                    .map(|_| ())
            })?;
        }
    }
    Ok(())
}

/// What a unit would write about a task in this state (整改了什么就写什么).
fn progress_text(measure: &str, status: Status) -> String {
    let what = measure.split(['，', '；']).next().unwrap_or(measure);
    match status {
        Completed | Closed => format!("已{what}，相关制度文件和会议记录已归档备查。"),
        LongTerm => {
            format!("已制定“{what}”的工作方案并完成第一阶段任务，下一步按阶段目标持续推进。")
        }
        _ => format!("已召开专题会议部署“{what}”，明确责任分工和时间节点，目前正在推进。"),
    }
}

/// A 1×1 PNG, enough to show an image evidence file.
const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_has_what_the_issue_asks_for() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("demo.db")).unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
        let id = load(&db, today).unwrap();
        let fs = db.read(|c| findings::list(c, Some(id), today)).unwrap();
        let ts: Vec<&Task> = fs.iter().flat_map(|f| &f.tasks).collect();
        assert!(
            fs.len() >= 12 && ts.len() >= 25,
            "{} findings {} tasks",
            fs.len(),
            ts.len()
        );
        let cats: std::collections::HashSet<_> = fs.iter().map(|f| f.category_id).collect();
        assert_eq!(cats.len(), 4);
        assert!(ts
            .iter()
            .all(|t| !t.assignment.responsible_person.is_empty()
                && !t.assignment.lead_leader.is_empty()
                && !t.assignment.responsible_leader.is_empty()
                && !t.assignment.lead_unit.is_empty()
                && !t.assignment.responsible_units.is_empty()));
        assert!(ts.iter().any(|t| t.overdue));
        assert!(ts.iter().any(|t| t.status == Status::Closed));
        assert!(ts
            .iter()
            .any(|t| t.deadline_kind == DeadlineKind::LongTerm && t.milestones.len() >= 2));
        let closed = ts.iter().find(|t| t.status == Status::Closed).unwrap();
        let ev = db
            .read(|c| crate::db::evidence::for_task(c, closed.id))
            .unwrap();
        assert!(!ev.is_empty());
        assert!(db.read(crate::db::audit::verify).unwrap() > 50);
    }
}
