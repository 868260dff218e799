//! 销号 dossier of a task: the 整改销号申请审批表 (the problem, the measure, what was done,
//! how much evidence, then the opinion boxes in the order they are signed: 责任单位 →
//! 分管领导 → 主要负责人 → 巡察办/巡察组验收) and the 佐证材料目录 built from the evidence.
//!
//! A box holds the review the store recorded: the close-out request (责任单位), the first
//! review under 双审核 (初审, the unit's principal: 主要负责人) and the final or only review
//! (验收). The store records no review by the 分管领导, so that box is left for the pen,
//! like every box without a record: “签字：　年　月　日”.

use crate::domain::dates::format_cn;
use crate::domain::{CloseOut, Evidence, Finding, Inspection, Progress, Task};
use crate::export::docx::{Cell, CellSpacing, Table};
use crate::export::TitledTable;
use crate::report::data::LedgerData;
use crate::report::doc::{paragraph, Block, Document};

/// The title of the form.
pub const FORM_TITLE: &str = "整改销号申请审批表";
/// The title of the evidence list.
pub const LIST_TITLE: &str = "佐证材料目录";
/// The opinion boxes, in the order they are signed.
pub const BOXES: [&str; 4] = [
    "责任单位意见",
    "分管领导意见",
    "主要负责人意见",
    "巡察办/巡察组验收意见",
];
/// The columns of the evidence list.
pub const LIST_COLUMNS: [&str; 6] = ["序号", "材料名称", "文号/日期", "类型", "页码", "备注"];
/// What an empty box says, under room to write and sign.
pub const SIGN_HERE: &str = "签字：　　　　　　　年　　月　　日";

/// Everything a dossier is made from.
pub struct DossierData<'a> {
    pub inspection: &'a Inspection,
    pub finding: &'a Finding,
    pub task: &'a Task,
    pub progress: &'a [Progress],
    pub evidence: &'a [Evidence],
    pub close_outs: &'a [CloseOut],
    /// Where each evidence file is in the printed file (页码), when the evidence is appended;
    /// empty otherwise.
    pub pages: &'a [String],
    /// A remark per evidence file (why one was not appended); empty for none.
    pub notes: &'a [String],
    /// The 整改结果 as the user edited it, instead of the one drafted from the progress.
    pub result: Option<&'a str>,
}

/// The 整改结果 drafted from a task's progress entries and its status.
pub fn result_text(progress: &[Progress], t: &Task) -> String {
    let done: Vec<String> = progress
        .iter()
        .map(|p| format!("{}，{}", format_cn(p.entered_on), p.text.trim()))
        .collect();
    let mut result = if done.is_empty() {
        "（未记录整改进展）".to_owned()
    } else {
        done.join("\n")
    };
    result.push_str(&format!("\n整改状态：{}", t.status.label()));
    result
}

/// The id of a task's 整改结果 in the dossiers' editable document.
pub fn result_id(task_id: i64) -> String {
    format!("dossier-{task_id}-result")
}

/// Whether a task has a dossier: completed or closed, or put forward for close-out.
pub fn has_dossier(t: &Task, close_outs: &[CloseOut]) -> bool {
    crate::domain::status::is_done(t.status) || !close_outs.is_empty()
}

/// The 整改结果 of every task with a dossier, as one document to edit: each under its
/// problem's number and measure.
pub fn editable(data: &LedgerData) -> Document {
    let mut blocks = vec![];
    for f in &data.findings {
        for t in &f.tasks {
            let close_outs = data.close_outs.get(&t.id).map_or(&[][..], Vec::as_slice);
            if !has_dossier(t, close_outs) {
                continue;
            }
            let progress = data.progress.get(&t.id).map_or(&[][..], Vec::as_slice);
            blocks.push(Block::Attachment {
                label: f.number.clone(),
                title: format!("{}（整改结果）", t.measure.trim()),
            });
            blocks.push(paragraph(result_id(t.id), result_text(progress, t)));
        }
    }
    Document {
        title: "销号材料".into(),
        blocks,
    }
}

/// What kind of material a file is, from its name.
pub fn material_kind(file_name: &str) -> &'static str {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" | "ofd" => "版式文件",
        "jpg" | "jpeg" | "png" | "gif" | "webp" | "bmp" | "tif" | "tiff" | "heic" => "图片",
        "doc" | "docx" | "wps" | "txt" => "文字材料",
        "xls" | "xlsx" | "et" | "csv" => "表格",
        "zip" | "rar" | "7z" => "压缩包",
        _ => "其他",
    }
}

fn stem(file_name: &str) -> &str {
    file_name
        .rsplit_once('.')
        .map_or(file_name, |(s, _)| s)
        .trim()
}

/// A box: what was written, who signed and when; or room for the pen.
fn opinion(text: &str, who: &[String], on: Option<chrono::NaiveDate>) -> String {
    match on {
        Some(d) => format!(
            "{}\n签字：{}　　{}",
            if text.trim().is_empty() {
                "同意。"
            } else {
                text.trim()
            },
            who.join("、"),
            format_cn(d)
        ),
        None => format!("\n\n\n{SIGN_HERE}"),
    }
}

fn row(label: &str, text: impl Into<String>) -> Vec<Cell> {
    vec![Cell::new(label).centered(), Cell::new(text)]
}

/// The 审批表 and the 佐证材料目录 of one task.
pub fn dossier(d: &DossierData<'_>) -> Vec<TitledTable> {
    let (f, t) = (d.finding, d.task);
    let a = &t.assignment;
    let last = d.close_outs.last();
    let result = d
        .result
        .map(str::to_owned)
        .unwrap_or_else(|| result_text(d.progress, t));
    let units = a.responsible_units.join("、");
    let who: Vec<String> = [
        ("牵头单位", a.lead_unit.as_str()),
        ("责任单位", units.as_str()),
        ("责任领导", a.responsible_leader.as_str()),
        ("责任人", a.responsible_person.as_str()),
    ]
    .iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| format!("{k}：{}", v.trim()))
    .collect();
    let boxes = [
        last.map(|c| {
            opinion(
                &format!("申请销号。{}", c.summary.trim()),
                std::slice::from_ref(&c.requested_by),
                Some(c.requested_on),
            )
        }),
        None,
        last.and_then(|c| {
            c.first_reviewed_on
                .map(|on| opinion(&c.first_opinion, &c.first_reviewers, Some(on)))
        }),
        last.and_then(|c| {
            c.reviewed_on
                .map(|on| opinion(&c.verdict, &c.approvers, Some(on)))
        }),
    ];
    let mut body = vec![
        row("被巡察单位", d.inspection.inspected_org.trim()),
        row("反馈问题", format!("{}　{}", f.number, f.title.trim())),
        row("整改措施", t.measure.trim()),
        row("责任分工", who.join("；")),
        row("整改时限", t.deadline_text.trim()),
        row("整改结果", result),
        row(
            "佐证材料",
            format!("共{}份（详见{LIST_TITLE}）", d.evidence.len()),
        ),
    ];
    for (label, text) in BOXES.iter().zip(boxes) {
        body.push(row(label, text.unwrap_or_else(|| opinion("", &[], None))));
    }
    let form = Table {
        widths: vec![1.3, 4.7],
        header: vec![],
        body,
        size_pt: 12.0,
        spacing: CellSpacing::form(12.0),
    };

    let date_of = |e: &Evidence| {
        e.progress_id
            .and_then(|id| d.progress.iter().find(|p| p.id == id))
            .map(|p| format_cn(p.entered_on))
            .or_else(|| {
                chrono::NaiveDate::parse_from_str(e.added_at.get(..10)?, "%Y-%m-%d")
                    .ok()
                    .map(format_cn)
            })
            .unwrap_or_default()
    };
    let by_of = |e: &Evidence| {
        e.progress_id
            .and_then(|id| d.progress.iter().find(|p| p.id == id))
            .map(|p| p.by.trim().to_owned())
            // The store's word for an entry nobody signed is not a name.
            .filter(|b| !b.is_empty() && b != crate::db::UNSIGNED)
            .map(|b| format!("{b}报送"))
            .unwrap_or_default()
    };
    let list_body: Vec<Vec<Cell>> = if d.evidence.is_empty() {
        vec![vec![Cell::new("（无佐证材料）").span(6, 1).centered()]]
    } else {
        d.evidence
            .iter()
            .enumerate()
            .map(|(k, e)| {
                vec![
                    Cell::new((k + 1).to_string()).centered(),
                    Cell::new(stem(&e.file_name)),
                    Cell::new(date_of(e)).centered(),
                    Cell::new(material_kind(&e.file_name)).centered(),
                    Cell::new(d.pages.get(k).cloned().unwrap_or_default()).centered(),
                    Cell::new(
                        [by_of(e), d.notes.get(k).cloned().unwrap_or_default()]
                            .iter()
                            .filter(|s| !s.is_empty())
                            .cloned()
                            .collect::<Vec<_>>()
                            .join("；"),
                    ),
                ]
            })
            .collect()
    };
    let list = Table {
        widths: vec![0.7, 3.2, 1.8, 1.2, 0.7, 1.4],
        header: vec![LIST_COLUMNS
            .iter()
            .map(|c| Cell::new(*c).centered())
            .collect()],
        body: list_body,
        size_pt: 12.0,
        spacing: CellSpacing::form(12.0),
    };
    vec![
        TitledTable {
            title: FORM_TITLE.to_owned(),
            table: form,
        },
        TitledTable {
            title: LIST_TITLE.to_owned(),
            table: list,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn materials_are_named_by_their_files() {
        assert_eq!(material_kind("会议纪要.PDF"), "版式文件");
        assert_eq!(material_kind("现场照片.jpg"), "图片");
        assert_eq!(material_kind("制度.docx"), "文字材料");
        assert_eq!(material_kind("无扩展名"), "其他");
        assert_eq!(stem("整改报告.v2.pdf"), "整改报告.v2");
    }

    #[test]
    fn an_empty_box_leaves_room_to_sign_and_a_recorded_one_says_who() {
        assert!(opinion("", &[], None).ends_with(SIGN_HERE));
        let on = chrono::NaiveDate::from_ymd_opt(2025, 6, 3);
        assert_eq!(
            opinion("整改到位", &["王书记".into()], on),
            "整改到位\n签字：王书记　　2025年6月3日"
        );
    }
}
