//! How the inspected unit organised its rectification, beyond the ledger: the leading group
//! its plan names, the 整改专题民主生活会, what the secretary personally did (for the
//! principal's report), and the optional GB/T 9704 elements (版头, 版记) a document carries.
//! Each is set per inspection; the documents of `report/` say them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::codes::SecretaryActionKind;
use super::validate::{self, limits};
use crate::Result;

/// 整改工作领导小组, as the plan's 组织领导 names it. The org secretary is always 组长
/// (from the inspection); the rest is set here.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LeadingGroup {
    /// 副组长.
    pub deputies: Vec<String>,
    /// 成员 (empty: the leaders named in the tasks' responsibility columns).
    pub members: Vec<String>,
    /// Where the group's office sits (领导小组下设办公室，设在…), e.g. 办公室.
    pub office: String,
    /// 办公室主任.
    pub office_director: String,
}

impl LeadingGroup {
    /// Checks every field, naming the bad one.
    pub fn validate(&self) -> Result<()> {
        validate::names("deputies", "副组长", &self.deputies, limits::NAME)?;
        validate::names("members", "成员", &self.members, limits::NAME)?;
        validate::text("office", "领导小组办公室", &self.office, limits::NAME)?;
        validate::text(
            "office_director",
            "办公室主任",
            &self.office_director,
            limits::NAME,
        )
    }
}

/// The 紧急程度 a document may carry (GB/T 9704 7.2.4), most urgent first.
pub const URGENCIES: [&str; 2] = ["特急", "加急"];

/// The optional GB/T 9704 elements of one document (7.2 版头, 7.4 版记): empty fields are
/// left out. With `preprinted`, the paper already carries the red 发文机关标志 and rule, so
/// that area is left blank and only the text is printed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Letterhead {
    /// 发文机关标志, printed in red above a red rule (e.g. 中共区委统战部党组文件).
    pub issuer_mark: String,
    /// 发文字号, e.g. 区统党〔2025〕3号.
    pub doc_no: String,
    /// 份号 and 密级和保密期限, e.g. 秘密★1年.
    pub secrecy: String,
    /// 紧急程度: 特急 or 加急.
    pub urgency: String,
    /// 签发人 (上行文).
    pub signer: String,
    /// 抄送机关.
    pub cc: String,
    /// 印发机关.
    pub printer: String,
    /// 印发日期.
    pub printed_on: Option<NaiveDate>,
    /// The paper carries a printed red header: leave the header area blank.
    pub preprinted: bool,
}

impl Letterhead {
    /// Checks every field, naming the bad one.
    pub fn validate(&self) -> Result<()> {
        validate::text(
            "issuer_mark",
            "发文机关标志",
            &self.issuer_mark,
            limits::NAME,
        )?;
        validate::text("doc_no", "发文字号", &self.doc_no, limits::NAME)?;
        validate::text("secrecy", "密级", &self.secrecy, limits::NAME)?;
        let urgency = self.urgency.trim();
        if !urgency.is_empty() && !URGENCIES.contains(&urgency) {
            return Err(crate::Error::invalid(
                "urgency",
                "紧急程度只能是“特急”或“加急”（不需要时留空）",
            ));
        }
        validate::text("signer", "签发人", &self.signer, limits::NAME)?;
        validate::text("cc", "抄送机关", &self.cc, limits::LINE)?;
        validate::text("printer", "印发机关", &self.printer, limits::NAME)?;
        if let Some(d) = self.printed_on {
            validate::date("printed_on", "印发日期", d)?;
        }
        Ok(())
    }

    /// Whether the document has a 版记 (抄送, 印发机关 or 印发日期).
    pub fn has_colophon(&self) -> bool {
        !self.cc.trim().is_empty() || !self.printer.trim().is_empty() || self.printed_on.is_some()
    }

    /// The marks in the header's top left corner, in order: 密级 then 紧急程度, those set.
    pub fn corner_marks(&self) -> Vec<&str> {
        [&self.secrecy, &self.urgency]
            .into_iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// Whether the document has anything above its title.
    pub fn has_header(&self) -> bool {
        self.preprinted
            || [
                &self.issuer_mark,
                &self.doc_no,
                &self.secrecy,
                &self.urgency,
                &self.signer,
            ]
            .iter()
            .any(|s| !s.trim().is_empty())
    }
}

/// 整改专题民主生活会.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RectificationMeeting {
    pub id: i64,
    pub inspection_id: i64,
    pub held_on: NaiveDate,
    /// 主持人.
    pub chair: String,
    /// 参会人员 (the leadership).
    pub attendees: Vec<String>,
    /// 列席/指导 (纪委监委, 组织部).
    pub observers: Vec<String>,
    /// 会前准备：征求意见、谈心谈话、对照检查材料.
    pub materials: String,
    /// 批评和自我批评.
    pub criticism: String,
    /// 整改措施.
    pub measures: String,
    /// 会议概况.
    pub summary: String,
}

impl RectificationMeeting {
    /// Checks every field, naming the bad one.
    pub fn validate(&self) -> Result<()> {
        validate::date("held_on", "会议日期", self.held_on)?;
        validate::required_text("chair", "主持人", &self.chair, limits::NAME)?;
        validate::names("attendees", "参会人员", &self.attendees, limits::NAME)?;
        validate::names("observers", "列席人员", &self.observers, limits::NAME)?;
        for (field, label, text) in [
            ("materials", "会前准备", &self.materials),
            ("criticism", "批评和自我批评", &self.criticism),
            ("measures", "整改措施", &self.measures),
            ("summary", "会议概况", &self.summary),
        ] {
            validate::text(field, label, text, limits::LONG_TEXT)?;
        }
        Ok(())
    }
}

/// Something the secretary personally did: chaired a meeting, held a talk, took on a problem.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecretaryAction {
    pub id: i64,
    pub inspection_id: i64,
    pub kind: SecretaryActionKind,
    pub done_on: NaiveDate,
    /// What it was, as a phrase: 主持召开党组会专题研究整改方案.
    pub text: String,
}

impl SecretaryAction {
    /// Checks every field, naming the bad one.
    pub fn validate(&self) -> Result<()> {
        validate::date("done_on", "日期", self.done_on)?;
        validate::required_text("text", "内容", &self.text, limits::LINE)
    }
}
