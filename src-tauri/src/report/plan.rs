//! 整改方案: the unit's rectification plan, due within `plan_due_workdays` working days of
//! the feedback. 总体要求, 组织领导 (the leading group with the secretary as 组长), 整改任务和
//! 措施 (every finding in feedback order with its measures, leaders, units and deadlines),
//! 时间安排 (集中整改 up to the report deadline, then 常态化整改, dates from the deadline
//! engine), 工作要求; and its attached lists as ledger tables: 附件1 整改任务清单 (landscape),
//! optionally the 问题清单 and the 责任清单. A draft: paragraphs carry stable ids for edits.

use crate::domain::calendar::add_months;
use crate::domain::dates::{format_cn, format_deadline};
use crate::domain::names::split_names;
use crate::domain::{DeadlineKind, Task};
use crate::report::data::{LedgerData, UnitWork};
use crate::report::doc::{paragraph, signed, Block, Document};
use crate::report::ledger::{Heading, LedgerColumn, LedgerTable};
use crate::report::numbering::{level1, level2, sentence};
use crate::report::public::Edition;
use crate::report::sections::sections;
use crate::report::status_report::fed_back;

/// Which lists the plan carries besides the task list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanLists {
    /// 问题清单.
    pub problems: bool,
    /// 责任清单.
    pub responsibilities: bool,
}

/// One attached list: its label (附件1) and table.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanAttachment {
    pub label: String,
    pub table: LedgerTable,
}

/// 附件1 整改任务清单's columns, in the order the plan prints them.
pub const TASK_LIST_COLUMNS: &[LedgerColumn] = &[
    LedgerColumn::Seq,
    LedgerColumn::Title,
    LedgerColumn::Manifestation,
    LedgerColumn::Goal,
    LedgerColumn::Measure,
    LedgerColumn::ResponsibleLeader,
    LedgerColumn::LeadUnit,
    LedgerColumn::ResponsibleUnits,
    LedgerColumn::ResponsiblePerson,
    LedgerColumn::Deadline,
    LedgerColumn::DeadlineType,
    LedgerColumn::Note,
];

/// How the plan names the columns the ledger calls otherwise.
const TASK_LIST_NAMES: &[(LedgerColumn, &str)] = &[
    (LedgerColumn::LeadUnit, "牵头部门"),
    (LedgerColumn::ResponsibleUnits, "配合部门"),
    (LedgerColumn::Deadline, "完成时限"),
];

/// 问题清单's columns.
pub const PROBLEM_LIST_COLUMNS: &[LedgerColumn] = &[
    LedgerColumn::Seq,
    LedgerColumn::Title,
    LedgerColumn::Manifestation,
    LedgerColumn::Nature,
    LedgerColumn::Source,
];

/// 责任清单's columns.
pub const RESPONSIBILITY_LIST_COLUMNS: &[LedgerColumn] = &[
    LedgerColumn::Seq,
    LedgerColumn::Title,
    LedgerColumn::Measure,
    LedgerColumn::LeadLeader,
    LedgerColumn::ResponsibleLeader,
    LedgerColumn::LeadUnit,
    LedgerColumn::ResponsibleUnits,
    LedgerColumn::ResponsiblePerson,
    LedgerColumn::Deadline,
];

fn list(data: &LedgerData, title: &str, columns: &[LedgerColumn]) -> LedgerTable {
    let heading = Heading {
        title,
        unit_line: "",
        date_line: "",
    };
    LedgerTable::build(&[data], columns, &heading, Edition::Internal)
}

/// The attached lists chosen, in order: each title with its columns.
fn chosen(lists: PlanLists) -> Vec<(&'static str, &'static [LedgerColumn])> {
    let mut out = vec![("整改任务清单", TASK_LIST_COLUMNS)];
    if lists.problems {
        out.push(("问题清单", PROBLEM_LIST_COLUMNS));
    }
    if lists.responsibilities {
        out.push(("责任清单", RESPONSIBILITY_LIST_COLUMNS));
    }
    out
}

/// The lists attached to the plan, labelled 附件1, 附件2… in order.
pub fn attachments(data: &LedgerData, lists: PlanLists) -> Vec<PlanAttachment> {
    chosen(lists)
        .into_iter()
        .enumerate()
        .map(|(i, (title, columns))| PlanAttachment {
            label: format!("附件{}", i + 1),
            table: list(data, title, columns).relabel(TASK_LIST_NAMES),
        })
        .collect()
}

/// The members of the leading group: as set, or else the leaders the tasks name, in the
/// order they first appear, without the secretary and the deputies.
fn members(data: &LedgerData, work: &UnitWork) -> Vec<String> {
    let g = &work.leading_group;
    if !g.members.is_empty() {
        return g.members.clone();
    }
    let secretary = data.inspection.org_secretary.trim();
    let mut out: Vec<String> = Vec::new();
    for t in data.findings.iter().flat_map(|f| &f.tasks) {
        let a = &t.assignment;
        for n in split_names(&a.lead_leader)
            .into_iter()
            .chain(split_names(&a.responsible_leader))
        {
            if n != secretary && !g.deputies.contains(&n) && !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

fn organisation(data: &LedgerData, work: &UnitWork) -> String {
    let ins = &data.inspection;
    let g = &work.leading_group;
    let mut text = format!(
        "成立{}巡察整改工作领导小组，由党组书记{}任组长",
        ins.inspected_org, ins.org_secretary
    );
    if !g.deputies.is_empty() {
        text.push_str(&format!("，{}任副组长", g.deputies.join("、")));
    }
    let members = members(data, work);
    if !members.is_empty() {
        text.push_str(&format!("，{}为成员", members.join("、")));
    }
    text.push_str("，对整改工作负总责，组长切实履行第一责任人职责，领导小组成员落实“一岗双责”，抓好分管领域的整改。");
    let office = if g.office.trim().is_empty() {
        "办公室"
    } else {
        g.office.trim()
    };
    text.push_str(&format!("领导小组下设办公室，设在{office}"));
    if !g.office_director.trim().is_empty() {
        text.push_str(&format!("，{}任办公室主任", g.office_director.trim()));
    }
    text.push_str("，负责整改工作的统筹协调、台账管理、督促检查和情况汇总。");
    text
}

/// One measure of a finding as the plan words it: the measure, then who and by when.
fn measure_text(k: usize, t: &Task) -> String {
    let a = &t.assignment;
    let mut who = Vec::new();
    if !a.responsible_leader.trim().is_empty() {
        who.push(format!("责任领导：{}", a.responsible_leader.trim()));
    } else if !a.lead_leader.trim().is_empty() {
        who.push(format!("牵头领导：{}", a.lead_leader.trim()));
    }
    if !a.lead_unit.trim().is_empty() {
        who.push(format!("牵头部门：{}", a.lead_unit.trim()));
    }
    let others: Vec<&String> = a
        .responsible_units
        .iter()
        .filter(|u| u.trim() != a.lead_unit.trim())
        .collect();
    if !others.is_empty() {
        let o: Vec<&str> = others.iter().map(|s| s.as_str()).collect();
        who.push(format!("配合部门：{}", o.join("、")));
    }
    if !a.responsible_person.trim().is_empty() {
        who.push(format!("责任人：{}", a.responsible_person.trim()));
    }
    let deadline = format_deadline(t.deadline_kind, t.deadline, &t.milestones);
    if !deadline.is_empty() {
        who.push(format!("完成时限：{deadline}"));
    }
    let mut text = format!("（{k}）{}", sentence(&t.measure));
    if !t.goal.trim().is_empty() {
        text.push_str(&format!("整改目标：{}", sentence(&t.goal)));
    }
    if !who.is_empty() {
        text.push_str(&format!("（{}）", who.join("；")));
    }
    text
}

fn schedule(data: &LedgerData, work: &UnitWork) -> Vec<Block> {
    let ins = &data.inspection;
    let long_term = data
        .findings
        .iter()
        .flat_map(|f| &f.tasks)
        .filter(|t| t.deadline_kind == DeadlineKind::LongTerm)
        .count();
    let (focus, routine) = match (ins.feedback_date, &work.deadlines) {
        (Some(fb), Some(d)) => (
            format!(
                "（一）集中整改阶段（{}至{}）。对照问题清单、任务清单、责任清单逐项整改，\
                 能够立行立改的立即整改到位。{}前制定并报送整改方案，{}前召开整改专题民主生活会，\
                 {}前向{}巡察工作领导小组报送整改情况报告和主要负责人组织落实整改情况报告。",
                format_cn(fb),
                format_cn(d.report_due),
                format_cn(d.plan_due),
                format_cn(d.meeting_due),
                format_cn(d.report_due),
                ins.authority
            ),
            format!(
                "（二）常态化整改阶段（{}以后）。对集中整改期内未完成和需要长期坚持的整改任务，\
                 明确阶段目标，持续推进，一般在{}前完成，原则上{}前全部完成。",
                format_cn(d.report_due),
                format_cn(add_months(fb, 6)),
                format_cn(add_months(fb, 12))
            ),
        ),
        _ => (
            format!(
                "（一）集中整改阶段（巡察反馈后{}个月内）。对照问题清单、任务清单、责任清单逐项整改，\
                 按时报送整改方案、召开整改专题民主生活会、报送整改情况报告。",
                ins.report_due_months
            ),
            "（二）常态化整改阶段（集中整改期满后）。对未完成和需要长期坚持的整改任务，\
             明确阶段目标，持续推进，一般在反馈后6个月内完成，原则上一年内全部完成。"
                .to_owned(),
        ),
    };
    let mut routine = routine;
    if long_term > 0 {
        routine.push_str(&format!("目前需要长期坚持的整改任务共{long_term}项。"));
    }
    vec![
        paragraph("schedule-focus", focus),
        paragraph("schedule-routine", routine),
    ]
}

/// Composes the plan's text (its lists come from [`attachments`], in `lists`).
pub fn plan(data: &LedgerData, work: &UnitWork, lists: PlanLists) -> Document {
    let ins = &data.inspection;
    let org = &ins.inspected_org;
    let mut blocks = vec![paragraph(
        "opening",
        format!(
            "{}，指出了{}个方面{}个问题。为切实抓好巡察反馈意见的整改落实，\
             结合实际，制定本方案。",
            fed_back(data),
            sections(data).len(),
            data.findings.len()
        ),
    )];
    let mut h = 0;
    let mut heading = |blocks: &mut Vec<Block>, id: &str, text: &str| {
        h += 1;
        blocks.push(Block::Heading1 {
            id: id.into(),
            text: format!("{}{text}", level1(h)),
        });
    };
    heading(&mut blocks, "h-general", "总体要求");
    blocks.push(paragraph(
        "general",
        "坚持以习近平新时代中国特色社会主义思想为指导，把抓好巡察整改作为重大政治任务，\
         坚持问题导向、目标导向、结果导向，对照反馈问题逐条制定整改措施，明确责任领导、责任部门、\
         责任人和完成时限，做到件件有着落、事事有回音，确保按期整改到位，以整改实效推动各项工作高质量发展。",
    ));
    heading(&mut blocks, "h-organisation", "组织领导");
    blocks.push(paragraph("organisation", organisation(data, work)));
    heading(&mut blocks, "h-tasks", "整改任务和措施");
    for (ci, section) in sections(data).iter().enumerate() {
        blocks.push(Block::Heading2 {
            id: format!("h-category-{}", ci + 1),
            text: format!("{}{}", level2(ci + 1), section.name),
        });
        for &(n, f) in &section.findings {
            let mut text = format!("{n}.{}", sentence(&f.title));
            for (k, t) in f.tasks.iter().enumerate() {
                text.push_str(&measure_text(k + 1, t));
            }
            blocks.push(paragraph(format!("finding-{}", f.id), text));
        }
    }
    heading(&mut blocks, "h-schedule", "时间安排");
    blocks.extend(schedule(data, work));
    heading(&mut blocks, "h-requirements", "工作要求");
    blocks.push(paragraph(
        "requirements",
        "（一）压实整改责任。党组书记认真履行第一责任人职责，领导小组成员抓好分管领域整改，\
         各责任部门主要负责人是本部门整改的直接责任人，确保每项任务有人抓、有人管、有人落实。\
         （二）强化督促检查。领导小组办公室实行挂图作战、销号管理，每周调度整改进展，对进度滞后、\
         逾期未完成的任务挂牌督办，对整改不力、敷衍应付的严肃追责问责。\
         （三）建立长效机制。坚持标本兼治，针对反馈问题举一反三，建立健全制度机制，\
         防止问题反弹，做到整改一个问题、堵塞一批漏洞、完善一套制度。",
    ));
    let mut note = String::from("附件：");
    for (i, (n, _)) in chosen(lists).iter().enumerate() {
        if i > 0 {
            note.push('\n');
        }
        note.push_str(&format!("{}.{n}", i + 1));
    }
    // 附件说明 (GB/T 9704 7.3.4): after the text, before the signature.
    blocks.push(paragraph("attachments", note));
    blocks.extend(signed(org.as_str(), format_cn(data.today)));
    Document {
        title: format!("{org}关于落实{}巡察反馈意见的整改方案", ins.team),
        blocks,
    }
}
