//! 巡察反馈意见: the feedback report read at the feedback meeting, composed from an
//! inspection's data in the order DOMAIN.md gives — title, addressee, opening, 一、总体评价,
//! 二、巡察发现的主要问题 by category with numbered problems, 三、意见建议, the closing
//! request, signature and date. Leads (问题线索) are not in [`LedgerData`] and never here.

use crate::domain::dates::format_cn;
use crate::domain::{Finding, InspectionKind};
use crate::report::data::LedgerData;
use crate::report::doc::{paragraph, signed, Block, Document};
use crate::report::numbering::{level1, level2, period_cn, sentence};
use crate::report::sections::sections;

fn kind_words(kind: InspectionKind) -> &'static str {
    match kind {
        InspectionKind::Regular => "常规巡察",
        InspectionKind::Special => "专项巡察",
        InspectionKind::Flexible => "机动巡察",
        InspectionKind::FollowUp => "巡察“回头看”",
    }
}

/// Composes the feedback report (a draft: every paragraph has a stable id for edits).
pub fn feedback_report(data: &LedgerData) -> Document {
    let ins = &data.inspection;
    let org = &ins.inspected_org;
    let mut blocks = vec![Block::Addressee {
        id: "addressee".into(),
        text: format!("{org}："),
    }];
    let when = match (ins.onsite_start, ins.onsite_end) {
        (Some(a), Some(b)) => format!("{}，", period_cn(a, b)),
        (Some(a), None) => format!("{}起，", format_cn(a)),
        _ => String::new(),
    };
    let round = if ins.round.trim().is_empty() {
        String::new()
    } else {
        format!("关于{}巡察工作的", ins.round.trim())
    };
    blocks.push(paragraph(
        "opening",
        format!(
            "根据{}{round}统一部署，{when}{}对{org}进行了{}。现将巡察情况反馈如下。",
            ins.authority,
            ins.team,
            kind_words(ins.kind)
        ),
    ));

    blocks.push(Block::Heading1 {
        id: "h-overall".into(),
        text: format!("{}总体评价", level1(1)),
    });
    blocks.push(paragraph(
        "overall",
        format!(
            "巡察组认为，{org}能够以习近平新时代中国特色社会主义思想为指导，贯彻落实党中央决策部署和{}工作要求，\
             在推动各项工作中取得了一定成效。同时，巡察也发现了一些问题。",
            ins.authority
        ),
    ));

    blocks.push(Block::Heading1 {
        id: "h-problems".into(),
        text: format!("{}巡察发现的主要问题", level1(2)),
    });
    for (ci, section) in sections(data).iter().enumerate() {
        blocks.push(Block::Heading2 {
            id: format!("h-category-{}", ci + 1),
            text: format!("{}{}", level2(ci + 1), section.name),
        });
        for &(n, f) in &section.findings {
            blocks.push(paragraph(format!("finding-{}", f.id), finding_text(n, f)));
        }
    }

    blocks.push(Block::Heading1 {
        id: "h-recommendations".into(),
        text: format!("{}意见建议", level1(3)),
    });
    if data.recommendations.is_empty() {
        blocks.push(paragraph(
            "recommendations",
            format!("{org}要切实提高政治站位，坚持问题导向，逐条逐项抓好整改落实，以整改实效推动各项工作高质量发展。"),
        ));
    }
    for (n, r) in data.recommendations.iter().enumerate() {
        blocks.push(paragraph(
            format!("recommendation-{}", r.id),
            format!("{}{}", level2(n + 1), sentence(&r.text)),
        ));
    }

    blocks.push(paragraph(
        "closing",
        format!(
            "请{org}认真研究巡察反馈意见，制定整改方案，于收到反馈意见之日起{}个工作日内将整改方案、\
             {}个月内将整改情况报告报送{}巡察工作领导小组办公室。整改情况要按规定在适当范围内公开，接受党员干部群众监督。",
            ins.plan_due_workdays, ins.report_due_months, ins.authority
        ),
    ));
    let date = ins.feedback_date.unwrap_or(data.today);
    blocks.extend(signed(ins.team.as_str(), format_cn(date)));
    Document {
        title: format!("关于对{org}巡察情况的反馈意见"),
        blocks,
    }
}

/// “1.落实意识形态工作责任制不到位。具体表现……” — manifestation paragraphs after the
/// first continue as paragraphs of their own.
fn finding_text(n: usize, f: &Finding) -> String {
    let title = sentence(&f.title);
    let body = f.manifestation.trim();
    if body.is_empty() {
        format!("{n}.{title}")
    } else {
        format!("{n}.{title}{body}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lead;
    use crate::report::sample::{ledger as sample, Tasks};

    #[test]
    fn structure_follows_the_official_order() {
        let data = sample(24, Tasks::Each(2)).unwrap();
        let doc = feedback_report(&data);
        assert_eq!(doc.title, "关于对区委统战部党组巡察情况的反馈意见");
        let text = doc.plain_text();
        let order = [
            "区委统战部党组：",
            "根据区委关于第七轮巡察工作的统一部署，2025年3月1日至4月10日，区委第三巡察组对区委统战部党组进行了常规巡察。",
            "一、总体评价",
            "二、巡察发现的主要问题",
            "（一）贯彻落实党的理论和路线方针政策及党中央重大决策部署方面",
            "（四）落实巡视巡察、审计等监督发现问题整改方面",
            "三、意见建议",
            "（一）提高政治站位",
            "请区委统战部党组认真研究巡察反馈意见",
            "区委第三巡察组\n2025年5月20日",
        ];
        let mut at = 0;
        for piece in order {
            let found = text[at..]
                .find(piece)
                .unwrap_or_else(|| panic!("{piece} missing after {at}:\n{text}"));
            at += found + piece.len();
        }
        // Every finding once, numbered within its category.
        let findings: Vec<&Block> = doc
            .blocks
            .iter()
            .filter(|b| b.id().is_some_and(|i| i.starts_with("finding-")))
            .collect();
        assert_eq!(findings.len(), 24);
        assert!(findings[0]
            .text()
            .starts_with("1.落实意识形态工作责任制不到位。巡察发现"));
        assert!(
            findings[6].text().starts_with("1."),
            "category 2 restarts: {}",
            findings[6].text()
        );
    }

    #[test]
    fn leads_never_appear() {
        let data = sample(8, Tasks::Each(1)).unwrap();
        let lead = Lead {
            id: 1,
            inspection_id: 1,
            person: "吴某某".into(),
            position: "某科科长".into(),
            summary: "涉嫌违规收受礼金".into(),
            found_on: None,
            transfer: None,
        };
        let text = feedback_report(&data).plain_text();
        for needle in [
            lead.person.as_str(),
            &lead.summary,
            "问题线索",
            "移交",
            "线索",
        ] {
            assert!(!text.contains(needle), "{needle}");
        }
        // The serialised data the report is composed from has no lead fields either.
        let json = serde_json::to_string(&data).unwrap();
        assert!(!json.contains("\"leads\"") && !json.contains("receipt_no"));
    }

    #[test]
    fn ids_are_stable_across_regeneration() {
        let a = feedback_report(&sample(6, Tasks::Each(1)).unwrap());
        let mut data = sample(6, Tasks::Each(1)).unwrap();
        data.findings[2].manifestation = "修改后的表现。".into();
        let b = feedback_report(&data);
        let ids = |d: &Document| {
            d.blocks
                .iter()
                .filter_map(|b| b.id().map(str::to_owned))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&a), ids(&b));
    }
}
