//! 主要负责人组织落实整改情况报告: the secretary's own report, filed with the 领导班子's.
//! Written in the first person from the records of what the secretary did (meetings
//! chaired, talks held, problems taken on, visits) and the tasks the secretary leads; it
//! states the official numbers, and ends with a pledge of truthfulness above a blank line
//! for the handwritten signature and date. A draft: paragraphs carry stable ids for edits.

use crate::domain::dates::format_cn;
use crate::domain::names::split_names;
use crate::domain::SecretaryActionKind;
use crate::report::counts::counts;
use crate::report::data::{LedgerData, UnitWork};
use crate::report::doc::{paragraph, signed, to_leading_group, Block, Document};
use crate::report::endorsement::{BLANK_DATE, SIGN_HERE};
use crate::report::numbering::{cn_number, level1};
use crate::report::status_report::{fed_back, overview_text};

/// The actions of one kind as a sentence part: “主持召开会议3次（2025年3月25日，…；…）”.
fn actions(work: &UnitWork, kind: SecretaryActionKind, verb: &str) -> Option<String> {
    let items: Vec<String> = work
        .secretary_actions
        .iter()
        .filter(|a| a.kind == kind)
        .map(|a| format!("{}{}", format_cn(a.done_on), a.text.trim()))
        .collect();
    (!items.is_empty()).then(|| format!("{verb}{}次：{}", items.len(), items.join("；")))
}

/// Composes the principal's report.
pub fn principal_report(data: &LedgerData, work: &UnitWork) -> Document {
    let ins = &data.inspection;
    let org = &ins.inspected_org;
    let me = ins.org_secretary.trim();
    let mut blocks = vec![to_leading_group(&ins.authority)];
    blocks.push(paragraph(
        "opening",
        format!(
            "{}。作为{org}党组书记和巡察整改第一责任人，我坚决扛起整改政治责任，\
             亲自部署、亲自推动、亲自督办。现将本人组织落实巡察整改情况报告如下。",
            fed_back(data)
        ),
    ));
    let mut h = 0;
    let mut heading = |blocks: &mut Vec<Block>, id: &str, text: &str| {
        h += 1;
        blocks.push(Block::Heading1 {
            id: id.into(),
            text: format!("{}{text}", level1(h)),
        });
    };
    heading(&mut blocks, "h-duty", "履行第一责任人职责情况");
    let mut did: Vec<String> = [
        (SecretaryActionKind::Meeting, "我主持召开会议"),
        (SecretaryActionKind::Talk, "开展谈心谈话、约谈"),
        (SecretaryActionKind::Visit, "深入一线调研督导"),
        (SecretaryActionKind::Problem, "亲自领办督办问题"),
    ]
    .into_iter()
    .filter_map(|(k, verb)| actions(work, k, verb))
    .collect();
    let mine: Vec<String> = data
        .findings
        .iter()
        .flat_map(|f| &f.tasks)
        .filter(|t| {
            split_names(&t.assignment.lead_leader)
                .iter()
                .any(|n| n == me)
        })
        .map(|t| format!("“{}”", t.measure.trim().trim_end_matches('。')))
        .collect();
    if !mine.is_empty() {
        did.push(format!(
            "作为牵头领导领办整改任务{}项：{}",
            mine.len(),
            mine.join("、")
        ));
    }
    blocks.push(paragraph(
        "duty",
        if did.is_empty() {
            "我担任整改工作领导小组组长，主持研究部署整改工作，审定整改方案，定期听取整改进展汇报，\
             对重点难点问题亲自协调推动。"
                .to_owned()
        } else {
            format!(
                "我担任整改工作领导小组组长，主持研究部署整改工作，审定整改方案。{}。",
                did.join("；")
            )
        },
    ));
    if !work.meetings.is_empty() {
        let dates: Vec<String> = work.meetings.iter().map(|m| format_cn(m.held_on)).collect();
        blocks.push(paragraph(
            "meeting",
            format!(
                "{}召开巡察整改专题民主生活会{}次，我带头对照检查、带头开展批评和自我批评，\
                 认领问题、剖析根源、明确整改措施。",
                dates.join("、"),
                cn_number(work.meetings.len())
            ),
        ));
    }
    heading(&mut blocks, "h-overview", "整改落实总体情况");
    blocks.push(paragraph("overview", overview_text(&counts(data), data)));
    heading(&mut blocks, "h-next", "下一步打算");
    blocks.push(paragraph(
        "next",
        "我将继续履行好第一责任人职责，对尚未完成和需要长期坚持的整改任务盯住不放，\
         定期听取汇报、跟踪督办，确保问题整改到位、长效机制建立健全，坚决防止问题反弹。",
    ));
    blocks.push(paragraph("pledge", "本人对以上报告内容的真实性负责。"));
    blocks.extend(signed(format!("{org}党组书记\n{SIGN_HERE}"), BLANK_DATE));
    Document {
        title: format!(
            "{org}党组书记{me}关于组织落实{}巡察反馈意见整改情况的报告",
            ins.team
        ),
        blocks,
    }
}
