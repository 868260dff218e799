//! 整改情况通报: the notice of how the inspected unit rectified, for inside the Party and,
//! masked, as the 公开版. It names who inspected whom and when, states the official counts
//! exactly as `db::stats` counts them (never recounted here), 问责 by kind and the
//! 专题民主生活会 held, then what was done, by category and problem.

use crate::domain::counting::{accountability_kind, Stats};
use crate::domain::dates::format_cn;
use crate::domain::AccountabilityKind;
use crate::report::counts::num;
use crate::report::data::{LedgerData, UnitWork};
use crate::report::doc::{paragraph, signed, Block, Document};
use crate::report::numbering::{level1, level2, period_cn};
use crate::report::rectified::finding_paragraph;
use crate::report::sections::sections;

/// People held accountable, by the notice's kinds, and those under none of them.
pub fn accountability_by_kind(data: &LedgerData) -> (Vec<(AccountabilityKind, usize)>, usize) {
    let mut by: Vec<(AccountabilityKind, usize)> =
        AccountabilityKind::ALL.iter().map(|k| (*k, 0)).collect();
    let mut other = 0;
    for a in &data.accountabilities {
        match accountability_kind(&a.form) {
            Some(k) => {
                if let Some((_, n)) = by.iter_mut().find(|(kk, _)| *kk == k) {
                    *n += 1;
                }
            }
            None => other += 1,
        }
    }
    (by, other)
}

/// The counts paragraph: every number from `stats`, the meetings from `work`.
pub fn counts_text(s: &Stats, data: &LedgerData, work: &UnitWork) -> String {
    let f = &s.findings;
    let mut text = format!(
        "巡察反馈问题{}个，已完成整改{}个，正在整改{}个，整改完成率{}%。\
         制定及修改完善制度{}项，追缴/清退资金{}万元。",
        f.total,
        f.completed,
        f.total - f.completed,
        num(f.completion_rate),
        s.regulations,
        num(s.funds_recovered),
    );
    let (by, other) = accountability_by_kind(data);
    let mut parts: Vec<String> = by
        .iter()
        .map(|(k, n)| format!("{}{n}人", k.label()))
        .collect();
    if other > 0 {
        parts.push(format!("其他方式{other}人"));
    }
    text.push_str(&format!(
        "问责{}人，其中{}。",
        s.accountabilities,
        parts.join("、")
    ));
    text.push_str(&format!(
        "召开整改专题民主生活会{}次。",
        work.meetings.len()
    ));
    text
}

/// Composes the notice (the 公开版 is this, masked: `documents::compose_public`).
pub fn notice(data: &LedgerData, work: &UnitWork) -> Document {
    let ins = &data.inspection;
    let org = &ins.inspected_org;
    let when = match (ins.onsite_start, ins.onsite_end) {
        (Some(a), Some(b)) => format!("{}，", period_cn(a, b)),
        (Some(a), None) => format!("{}起，", format_cn(a)),
        _ => String::new(),
    };
    let fed = ins
        .feedback_date
        .map(|d| format!("{}，{}向{org}反馈了巡察意见。", format_cn(d), ins.team))
        .unwrap_or_default();
    let mut blocks = vec![paragraph(
        "opening",
        format!(
            "根据{}巡察工作统一部署，{when}{}对{org}进行了{}。{fed}现将{org}巡察整改情况通报如下。",
            ins.authority,
            ins.team,
            ins.kind.label()
        ),
    )];
    blocks.push(Block::Heading1 {
        id: "h-overview".into(),
        text: format!("{}整改总体情况", level1(1)),
    });
    blocks.push(paragraph("counts", counts_text(&work.stats, data, work)));
    blocks.push(Block::Heading1 {
        id: "h-findings".into(),
        text: format!("{}反馈问题整改情况", level1(2)),
    });
    for (ci, section) in sections(data).iter().enumerate() {
        blocks.push(Block::Heading2 {
            id: format!("h-category-{}", ci + 1),
            text: format!("{}{}", level2(ci + 1), section.name),
        });
        for &(n, f) in &section.findings {
            blocks.push(paragraph(
                format!("finding-{}", f.id),
                finding_paragraph(n, f, data),
            ));
        }
    }
    blocks.push(Block::Heading1 {
        id: "h-next".into(),
        text: format!("{}下一步工作", level1(3)),
    });
    blocks.push(paragraph(
        "next",
        format!(
            "{org}将持续巩固整改成果，对尚未完成和需要长期坚持的整改任务紧盯不放、持续用力，\
             健全长效机制，确保巡察整改取得实效。欢迎广大干部群众对巡察整改落实情况进行监督。"
        ),
    ));
    blocks.extend(signed(org.as_str(), format_cn(data.today)));
    Document {
        title: format!("关于{org}巡察整改情况的通报"),
        blocks,
    }
}
