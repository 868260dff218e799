//! The catalog of what 导出与打印 offers: the file formats, the documents, and for each its
//! formats and the options it takes (公开版, templates, the plan's lists, the 签字背书 page,
//! 版头/版记, letters, one task). The export dispatch (`app::exports`) and the desktop's
//! switches both read it.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::documents::EditableDoc;
/// A file format the app writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Xlsx,
    Pdf,
    Docx,
}

impl Format {
    /// Every format, in the order offered.
    pub const ALL: [Format; 3] = [Format::Xlsx, Format::Pdf, Format::Docx];

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    /// What users call it.
    pub fn label(self) -> &'static str {
        match self {
            Format::Xlsx => "Excel",
            Format::Pdf => "PDF",
            Format::Docx => "Word",
        }
    }

    /// The format a path's extension names (case ignored).
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_string_lossy().to_lowercase();
        Format::ALL.into_iter().find(|f| f.extension() == ext)
    }
}

/// A document the app writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 整改台账.
    Ledger,
    /// 巡察反馈意见.
    Feedback,
    /// 整改情况报告 (领导班子).
    StatusReport,
    /// 一周小结.
    Weekly,
    /// 问题线索清单 (confidential: only on explicit request).
    Leads,
    /// 整改方案, with 附件1 整改任务清单.
    Plan,
    /// 主要负责人组织落实整改情况报告.
    PrincipalReport,
    /// 整改情况通报 (a 文件; also as the 公开版).
    Notice,
    /// 整改专题民主生活会情况报告.
    MeetingReport,
    /// 督办 letters (预警函, 提醒函, 督办通知书) for every task in a warning state.
    Supervision,
    /// 销号 dossier: 整改销号申请审批表 and 佐证材料目录, of one task or every closed one.
    Closeout,
}

/// What the export page shows of a document, and what it may be asked for.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentInfo {
    pub kind: DocumentKind,
    pub title: &'static str,
    /// The file name offered (before the unit and the date).
    pub file_name: &'static str,
    pub description: &'static str,
    /// The formats it is written in, the first the usual one.
    pub formats: Vec<Format>,
    /// Whether it has a 公开版 (names masked).
    pub public: bool,
    /// Whether a saved ledger template applies (the Excel ledger).
    pub template: bool,
    /// Whether its paragraphs can be edited before printing.
    pub editable: bool,
    /// Whether it may also carry the 问题清单 and the 责任清单 (the plan's attachments).
    pub lists: bool,
    /// Whether it may end with the 签字背书 page (the two reports).
    pub endorsement: bool,
    /// Whether it prints the GB/T 9704 版头 and 版记 set per inspection (整改组织).
    pub letterhead: bool,
    /// Whether exporting it issues numbered letters (and may reissue them).
    #[serde(default)]
    pub issues_letters: bool,
    /// Whether it is made for one task (`task_id`), or without one for every closed task.
    #[serde(default)]
    pub per_task: bool,
}

impl DocumentKind {
    /// Every document, in the order the export page lists them.
    pub const ALL: [DocumentKind; 11] = [
        DocumentKind::Ledger,
        DocumentKind::Feedback,
        DocumentKind::Plan,
        DocumentKind::StatusReport,
        DocumentKind::PrincipalReport,
        DocumentKind::MeetingReport,
        DocumentKind::Notice,
        DocumentKind::Weekly,
        DocumentKind::Supervision,
        DocumentKind::Closeout,
        DocumentKind::Leads,
    ];

    /// The code the store keeps per-document settings under (the JSON name).
    pub fn code(self) -> &'static str {
        use DocumentKind::*;
        match self {
            Ledger => "ledger",
            Feedback => "feedback",
            StatusReport => "status_report",
            Weekly => "weekly",
            Leads => "leads",
            Plan => "plan",
            PrincipalReport => "principal_report",
            Notice => "notice",
            MeetingReport => "meeting_report",
            Supervision => "supervision",
            Closeout => "closeout",
        }
    }

    /// The one description of each document: its formats and options.
    pub fn info(self) -> DocumentInfo {
        use DocumentKind::*;
        let (title, file_name, description, formats): (_, _, _, &[Format]) = match self {
            Ledger => (
                "整改台账",
                "整改台账",
                "问题清单、任务清单、责任清单和汇总台账；PDF 为 A4 横向，表头每页重复",
                &[Format::Xlsx, Format::Pdf],
            ),
            Feedback => (
                "巡察反馈意见",
                "巡察反馈意见",
                "按 GB/T 9704 公文格式；Word 版可在 WPS 中修改；问题线索不会出现",
                &[Format::Pdf, Format::Docx],
            ),
            StatusReport => (
                "整改情况报告",
                "整改情况报告",
                "整改情况的数字、逐项整改情况和下一步打算",
                &[Format::Pdf, Format::Docx],
            ),
            Weekly => (
                "一周小结",
                "一周小结",
                "本周进展、逾期事项和下周到期事项",
                &[Format::Pdf, Format::Docx],
            ),
            Supervision => (
                "督办函件",
                "督办函件",
                "预警、临期和逾期的整改任务各发一函：预警函、提醒函、督办通知书，逐函编号登记，附回执",
                &[Format::Pdf, Format::Docx],
            ),
            Closeout => (
                "销号材料",
                "销号材料",
                "整改销号申请审批表和佐证材料目录：一项任务，或全部已销号的任务",
                &[Format::Pdf, Format::Docx],
            ),
            Leads => (
                "问题线索清单（保密）",
                "问题线索清单",
                "仅限巡察组内部掌握；台账和文稿中不会出现问题线索",
                &[Format::Xlsx],
            ),
            Plan => (
                "整改方案",
                "整改方案",
                "总体要求、组织领导、整改任务和措施、时间安排、工作要求；附件1整改任务清单为横向表格，可附问题清单、责任清单",
                &[Format::Pdf, Format::Docx],
            ),
            PrincipalReport => (
                "主要负责人组织落实整改情况报告",
                "主要负责人整改情况报告",
                "党组书记以第一人称报告本人组织落实整改情况，文末承诺并留签字处；可附签字背书页",
                &[Format::Pdf, Format::Docx],
            ),
            MeetingReport => (
                "整改专题民主生活会情况报告",
                "专题民主生活会情况报告",
                "会议时间、主持和参会人员、会前准备、批评和自我批评、整改措施",
                &[Format::Pdf, Format::Docx],
            ),
            Notice => (
                "整改情况通报",
                "整改情况通报",
                "按文件格式印发；数字与统计口径一致；公开版隐去人名",
                &[Format::Pdf, Format::Docx],
            ),
        };
        DocumentInfo {
            kind: self,
            title,
            file_name,
            description,
            formats: formats.to_vec(),
            public: matches!(self, Ledger | Notice),
            template: self == Ledger,
            editable: self.editable().is_some(),
            lists: self == Plan,
            endorsement: self.editable().is_some_and(EditableDoc::endorsable),
            // The letters' 版头 (信函格式) takes its mark, 密级 and 紧急程度 from these too.
            // A dossier is a form: no 版头.
            letterhead: (self.editable().is_some() && self != Closeout) || self == Supervision,
            issues_letters: self == Supervision,
            per_task: self == Closeout,
        }
    }

    /// The stored edits of an editable document.
    pub(super) fn editable(self) -> Option<EditableDoc> {
        match self {
            DocumentKind::Feedback => Some(EditableDoc::Feedback),
            DocumentKind::StatusReport => Some(EditableDoc::StatusReport),
            DocumentKind::Plan => Some(EditableDoc::Plan),
            DocumentKind::PrincipalReport => Some(EditableDoc::PrincipalReport),
            DocumentKind::Notice => Some(EditableDoc::Notice),
            DocumentKind::MeetingReport => Some(EditableDoc::MeetingReport),
            DocumentKind::Supervision => Some(EditableDoc::Supervision),
            DocumentKind::Closeout => Some(EditableDoc::Closeout),
            _ => None,
        }
    }
}

/// Every document the app writes, with its formats and options.
pub fn catalog() -> Vec<DocumentInfo> {
    DocumentKind::ALL.iter().map(|k| k.info()).collect()
}
