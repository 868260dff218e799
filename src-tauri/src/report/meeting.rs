//! 整改专题民主生活会情况报告: what each rectification democratic-life meeting recorded —
//! when, who chaired and attended, who observed (纪委监委, 组织部), how it was prepared,
//! the criticism given and the measures agreed. A draft with stable ids for edits.

use crate::domain::dates::format_cn;
use crate::domain::RectificationMeeting;
use crate::report::data::{LedgerData, UnitWork};
use crate::report::doc::{paragraph, signed, to_leading_group, Block, Document};
use crate::report::numbering::{level1, sentence};

fn one(m: &RectificationMeeting, data: &LedgerData) -> Vec<Block> {
    let org = &data.inspection.inspected_org;
    let id = |part: &str| format!("meeting-{}-{part}", m.id);
    let mut opening = format!(
        "{}，{org}召开巡察整改专题民主生活会，{}主持会议",
        format_cn(m.held_on),
        m.chair
    );
    if !m.attendees.is_empty() {
        opening.push_str(&format!("，{}参加会议", m.attendees.join("、")));
    }
    if !m.observers.is_empty() {
        opening.push_str(&format!("，{}到会指导", m.observers.join("、")));
    }
    opening.push('。');
    if !m.summary.trim().is_empty() {
        opening.push_str(&sentence(&m.summary));
    }
    let mut out = vec![paragraph(id("opening"), opening)];
    for (part, lead, text) in [
        ("materials", "会前准备：", &m.materials),
        ("criticism", "批评和自我批评：", &m.criticism),
        ("measures", "整改措施：", &m.measures),
    ] {
        if !text.trim().is_empty() {
            out.push(paragraph(id(part), format!("{lead}{}", sentence(text))));
        }
    }
    out
}

/// Composes the meeting report (every meeting recorded, oldest first).
pub fn meeting_report(data: &LedgerData, work: &UnitWork) -> Document {
    let ins = &data.inspection;
    let org = &ins.inspected_org;
    let mut blocks = vec![to_leading_group(&ins.authority)];
    blocks.push(paragraph(
        "opening",
        format!(
            "按照{}巡察反馈意见整改要求，{org}召开巡察整改专题民主生活会，对照反馈问题深刻剖析、\
             认领责任、明确措施。现将有关情况报告如下。",
            ins.team
        ),
    ));
    if work.meetings.is_empty() {
        let due = work
            .deadlines
            .as_ref()
            .map(|d| format!("，将于{}前召开", format_cn(d.meeting_due)))
            .unwrap_or_default();
        blocks.push(paragraph(
            "none",
            format!("巡察整改专题民主生活会尚未召开{due}。"),
        ));
    }
    let several = work.meetings.len() > 1;
    for (k, m) in work.meetings.iter().enumerate() {
        if several {
            blocks.push(Block::Heading1 {
                id: format!("h-meeting-{}", m.id),
                text: format!("{}{}专题民主生活会", level1(k + 1), format_cn(m.held_on)),
            });
        }
        blocks.extend(one(m, data));
    }
    blocks.extend(signed(org.as_str(), format_cn(data.today)));
    Document {
        title: format!("{org}关于召开巡察整改专题民主生活会情况的报告"),
        blocks,
    }
}
