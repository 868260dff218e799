//! 督办 letters: the 预警函, 提醒函 and 督办通知书 a task in a warning state receives, each
//! stating the problem, the measure, the original deadline, the days left or overdue, what
//! is required and by when to reply, with a 回执 to return. The words come from the letter
//! as the register recorded it (its number, date, due date and days), so a letter printed
//! again reads as it did when it was issued. Letters are printed in GB/T 9704's 信函格式:
//! [`letterhead`] says what their 版头 carries.

use crate::domain::dates::format_cn;
use crate::domain::supervision::{addressees, due_of, in_force, letter_for};
use crate::domain::{Finding, Inspection, LetterKind, Letterhead, SupervisionLetter, Task};
use crate::report::data::LedgerData;
use crate::report::doc::{paragraph, Block, Document};
use crate::report::numbering::sentence;

/// Who signs the letters: the inspected organisation's rectification office.
pub fn issuer(ins: &Inspection) -> String {
    format!("{}巡察整改工作领导小组办公室", ins.inspected_org.trim())
}

/// The 版头 of letter `l`: the issuing body's mark from the inspection's letterhead settings
/// for the letters (`set`), the rectification office's name when none is set, the letter's
/// own number in the 发文字号's place, and the settings' 密级, 紧急程度 and pre-printed paper.
/// Letters have no 签发人 and no 版记 (GB/T 9704 10.1), so those settings are not used.
pub fn letterhead(ins: &Inspection, set: &Letterhead, l: &SupervisionLetter) -> Letterhead {
    let mark = set.issuer_mark.trim();
    Letterhead {
        issuer_mark: if mark.is_empty() {
            issuer(ins)
        } else {
            mark.to_owned()
        },
        doc_no: l.number_text.clone(),
        secrecy: set.secrecy.clone(),
        urgency: set.urgency.clone(),
        preprinted: set.preprinted,
        ..Letterhead::default()
    }
}

/// The letter's title: 巡察整改预警函, 巡察整改提醒函, 巡察整改督办通知书.
pub fn title(kind: LetterKind) -> String {
    format!("巡察整改{}", kind.label())
}

fn opening(kind: LetterKind) -> &'static str {
    match kind {
        LetterKind::Warning => {
            "根据巡察整改挂图作战、销号管理的要求，现对以下整改事项予以预警提示："
        }
        LetterKind::Reminder => "以下整改事项即将到达整改时限，现予以提醒：",
        LetterKind::Notice => "以下整改事项已超过整改时限仍未完成，现予以挂牌督办：",
    }
}

fn requirement(kind: LetterKind) -> &'static str {
    match kind {
        LetterKind::Warning => {
            "整改要求：请对照整改目标和验收标准，倒排工期、加快推进，确保在整改时限内完成整改，\
             并及时在整改台账中报送整改进展和佐证材料。"
        }
        LetterKind::Reminder => {
            "整改要求：请责任领导加强督促指导，责任人逐项对账、压茬推进，确保按期完成；确有客观原因\
             不能按期完成的，须书面说明原因，提出调整后的完成时限和保障措施。"
        }
        LetterKind::Notice => {
            "整改要求：请责任单位主要负责人亲自过问、靠前督导，查明逾期原因，明确完成时限，限期整改\
             到位；对敷衍整改、整改不力的，将按照有关规定严肃追责问责。"
        }
    }
}

/// Days left as the letter states them, on the day it was issued.
fn days(l: &SupervisionLetter) -> String {
    let on = format_cn(l.issued_on);
    match l.days_left {
        Some(n) if n < 0 => format!("逾期天数：截至{on}，已逾期{}天。", -n),
        Some(0) => format!("距整改时限：截至{on}，今天到期。"),
        Some(n) => format!("距整改时限：截至{on}，还有{n}天。"),
        None => format!("距整改时限：截至{on}，未设整改时限。"),
    }
}

/// The roles on the task, those filled in: 牵头单位：财务科；责任人：钱卫东.
fn roles(t: &Task) -> String {
    let a = &t.assignment;
    let units = a.responsible_units.join("、");
    [
        ("牵头领导", a.lead_leader.as_str()),
        ("责任领导", a.responsible_leader.as_str()),
        ("牵头单位", a.lead_unit.as_str()),
        ("责任单位", units.as_str()),
        ("责任人", a.responsible_person.as_str()),
    ]
    .iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| format!("{k}：{}", v.trim()))
    .collect::<Vec<_>>()
    .join("；")
}

/// The tasks in a warning state, in the order of the findings, each with the letter its
/// colour calls for when one is in force in `letters` (the register).
pub fn warned<'a>(
    data: &'a LedgerData,
    letters: &'a [SupervisionLetter],
) -> Vec<(&'a Finding, &'a Task, Option<&'a SupervisionLetter>)> {
    data.findings
        .iter()
        .flat_map(|f| f.tasks.iter().map(move |t| (f, t)))
        .filter_map(|(f, t)| {
            let kind = letter_for(t.warning?);
            Some((f, t, in_force(letters, t.id, kind, due_of(t))))
        })
        .collect()
}

/// Every letter in force as one document to edit: each letter on its own pages, headed by
/// its number and title. Its paragraph ids are the letters' own, so an edit made here is
/// applied to the letter when it is printed, and kept when it is printed again.
pub fn editable(data: &LedgerData, letters: &[SupervisionLetter]) -> Document {
    let mut blocks = vec![];
    for (f, t, l) in warned(data, letters) {
        let Some(l) = l else { continue };
        let one = letter(&data.inspection, f, t, l);
        if !blocks.is_empty() {
            blocks.push(Block::PageBreak);
        }
        blocks.push(Block::Attachment {
            label: l.number_text.clone(),
            title: format!("{}（{}）", one.title, l.subject.trim()),
        });
        blocks.extend(one.blocks);
    }
    Document {
        title: "督办函件".into(),
        blocks,
    }
}

/// One letter (its number goes in the 版头, [`letterhead`]): addressees, the matter, the requirement and the reply deadline,
/// signature and date, then the 回执 on a page of its own to cut off and return.
pub fn letter(ins: &Inspection, f: &Finding, t: &Task, l: &SupervisionLetter) -> Document {
    let a = &t.assignment;
    let unit = if a.lead_unit.trim().is_empty() {
        a.responsible_units.join("、")
    } else {
        a.lead_unit.clone()
    };
    let to = addressees(
        l.kind,
        &a.responsible_person,
        &a.responsible_leader,
        &unit,
        &ins.org_secretary,
    );
    let id = |what: &str| format!("letter-{}-{what}", l.id);
    let title = title(l.kind);
    let issuer = issuer(ins);
    let mut blocks = vec![
        Block::Addressee {
            id: id("to"),
            text: format!("{}：", to.join("、")),
        },
        paragraph(id("opening"), opening(l.kind)),
        paragraph(
            id("problem"),
            sentence(&format!("反馈问题{}：{}", f.number, f.title.trim())),
        ),
        paragraph(
            id("measure"),
            sentence(&format!("整改措施：{}", t.measure.trim())),
        ),
    ];
    let roles = roles(t);
    if !roles.is_empty() {
        blocks.push(paragraph(id("roles"), format!("责任分工：{roles}。")));
    }
    let deadline = l
        .due_on
        .filter(|d| t.deadline != Some(*d))
        .map(|d| format!("（本阶段：{}）", format_cn(d)))
        .unwrap_or_default();
    blocks.extend([
        paragraph(
            id("deadline"),
            format!("原定整改时限：{}{deadline}。", t.deadline_text.trim()),
        ),
        paragraph(id("days"), days(l)),
        paragraph(id("requirement"), requirement(l.kind)),
        paragraph(
            id("reply"),
            format!(
                "回复期限：请于{}前将整改落实情况连同佐证材料书面报送{issuer}，并交回回执。",
                format_cn(l.reply_by)
            ),
        ),
        Block::Signature {
            id: id("signature"),
            text: issuer.clone(),
        },
        Block::Date {
            id: id("date"),
            text: format_cn(l.issued_on),
        },
        // The receipt names its letter by number at the top left, where an attachment
        // has its 附件N.
        Block::Attachment {
            label: l.number_text.clone(),
            title: format!("{title}回执"),
        },
        Block::Addressee {
            id: id("receipt-to"),
            text: format!("{issuer}："),
        },
        paragraph(
            id("receipt"),
            format!(
                "{title}（{}）已收悉，将按要求落实整改，并于{}前书面报送整改落实情况。",
                l.number_text,
                format_cn(l.reply_by)
            ),
        ),
        paragraph(id("receipt-unit"), "签收单位（盖章）："),
        paragraph(id("receipt-person"), "签收人（签字）："),
        paragraph(id("receipt-date"), "签收日期：　　　　年　　月　　日"),
    ]);
    Document { title, blocks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::supervision::number_text;
    use crate::domain::Warning;
    use crate::report::sample::{ledger as sample, Tasks};

    #[test]
    fn a_notice_states_the_matter_in_order_and_addresses_the_unit_and_principal() {
        let data = sample(24, Tasks::Each(2)).unwrap();
        let (f, t) = data
            .findings
            .iter()
            .flat_map(|f| f.tasks.iter().map(move |t| (f, t)))
            .find(|(_, t)| t.warning == Some(Warning::Red))
            .unwrap();
        let l = SupervisionLetter {
            id: 7,
            inspection_id: data.inspection.id,
            task_id: Some(t.id),
            kind: LetterKind::Notice,
            year: 2025,
            number: 3,
            number_text: number_text(2025, 3),
            issued_on: data.today,
            issued_by: "管理员".into(),
            due_on: t.deadline,
            days_left: t.days_left,
            reply_by: data.today + chrono::Days::new(7),
            subject: String::new(),
            voided_on: None,
            void_reason: String::new(),
        };
        let doc = letter(&data.inspection, f, t, &l);
        assert_eq!(doc.title, "巡察整改督办通知书");
        let text = doc.plain_text();
        let overdue = -t.days_left.unwrap();
        let want = [
            format!("{}、张犇同志：", t.assignment.lead_unit),
            format!("反馈问题{}：", f.number),
            format!("整改措施：{}", t.measure.trim()),
            format!("原定整改时限：{}", t.deadline_text),
            format!("已逾期{overdue}天"),
            "整改要求：".into(),
            format!("请于{}前", format_cn(l.reply_by)),
            "区委统战部党组巡察整改工作领导小组办公室".into(),
            format_cn(data.today),
            "回执".into(),
            "巡察整改督办通知书（〔2025〕3号）已收悉".into(),
            "签收人（签字）：".into(),
        ];
        let mut at = 0;
        for w in &want {
            let found = text[at..]
                .find(w.as_str())
                .unwrap_or_else(|| panic!("{w} after {at}: {text}"));
            at += found + w.len();
        }
        // The number is the 版头's, not a line of the text (before the receipt's mention).
        assert!(text.find("〔2025〕3号") > text.find("回执"), "{text}");
        let head = letterhead(&data.inspection, &Letterhead::default(), &l);
        assert_eq!(head.doc_no, "〔2025〕3号");
        assert_eq!(head.issuer_mark, issuer(&data.inspection));
        let set = Letterhead {
            issuer_mark: " 中共区委统战部党组 ".into(),
            doc_no: "区统党〔2025〕1号".into(),
            cc: "区委巡察办".into(),
            preprinted: true,
            ..Letterhead::default()
        };
        let head = letterhead(&data.inspection, &set, &l);
        assert_eq!(
            (
                head.issuer_mark.as_str(),
                head.doc_no.as_str(),
                head.preprinted
            ),
            ("中共区委统战部党组", "〔2025〕3号", true)
        );
        assert!(!head.has_colophon());
    }
}
