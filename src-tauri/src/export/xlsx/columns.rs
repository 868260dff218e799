//! The columns a ledger can have. Export lays them out; import recognises them by their
//! header text, so both sides name a column the same way.

use serde::{Deserialize, Serialize};

/// One column of the combined ledger (整改台账).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LedgerColumn {
    /// 序号 of the finding.
    Seq,
    /// 问题类别 (usually shown as section rows instead).
    Category,
    /// 反馈问题.
    Title,
    /// 具体表现.
    Manifestation,
    /// 问题性质.
    Nature,
    /// 问题来源.
    Source,
    /// 整改措施.
    Measure,
    /// 整改目标.
    Goal,
    /// 验收标准.
    Acceptance,
    /// 牵头领导.
    LeadLeader,
    /// 责任领导.
    ResponsibleLeader,
    /// 牵头单位.
    LeadUnit,
    /// 责任单位.
    ResponsibleUnits,
    /// 责任人.
    ResponsiblePerson,
    /// 整改时限.
    Deadline,
    /// 整改进展.
    Progress,
    /// 整改状态.
    Status,
    /// 预警.
    Warning,
    /// 佐证材料.
    Evidence,
    /// 备注.
    Note,
}

impl LedgerColumn {
    /// Every column, in the order of the official ledger.
    pub const ALL: &'static [LedgerColumn] = &[
        LedgerColumn::Seq,
        LedgerColumn::Category,
        LedgerColumn::Title,
        LedgerColumn::Manifestation,
        LedgerColumn::Nature,
        LedgerColumn::Source,
        LedgerColumn::Measure,
        LedgerColumn::Goal,
        LedgerColumn::Acceptance,
        LedgerColumn::LeadLeader,
        LedgerColumn::ResponsibleLeader,
        LedgerColumn::LeadUnit,
        LedgerColumn::ResponsibleUnits,
        LedgerColumn::ResponsiblePerson,
        LedgerColumn::Deadline,
        LedgerColumn::Progress,
        LedgerColumn::Status,
        LedgerColumn::Warning,
        LedgerColumn::Evidence,
        LedgerColumn::Note,
    ];

    /// The header text of the official ledger.
    pub fn label(self) -> &'static str {
        use LedgerColumn::*;
        match self {
            Seq => "序号",
            Category => "问题类别",
            Title => "反馈问题",
            Manifestation => "具体表现",
            Nature => "问题性质",
            Source => "问题来源",
            Measure => "整改措施",
            Goal => "整改目标",
            Acceptance => "验收标准",
            LeadLeader => "牵头领导",
            ResponsibleLeader => "责任领导",
            LeadUnit => "牵头单位",
            ResponsibleUnits => "责任单位",
            ResponsiblePerson => "责任人",
            Deadline => "整改时限",
            Progress => "整改进展",
            Status => "整改状态",
            Warning => "预警",
            Evidence => "佐证材料",
            Note => "备注",
        }
    }

    /// Whether the column belongs to the finding (merged down across its tasks) rather
    /// than to one task.
    pub fn is_finding_level(self) -> bool {
        use LedgerColumn::*;
        matches!(
            self,
            Seq | Category | Title | Manifestation | Nature | Source
        )
    }

    /// Whether the column sits under the 责任分工 group of a two-row header.
    pub fn is_assignment(self) -> bool {
        use LedgerColumn::*;
        matches!(
            self,
            LeadLeader | ResponsibleLeader | LeadUnit | ResponsibleUnits | ResponsiblePerson
        )
    }

    /// A width (in Excel character units) that suits the column's usual content; the
    /// exporter narrows wide columns to fit the page and widens short ones to their text.
    pub fn preferred_width(self) -> f64 {
        use LedgerColumn::*;
        match self {
            Seq => 5.0,
            Category => 14.0,
            Title => 20.0,
            Manifestation => 32.0,
            Nature | Status | Warning => 9.0,
            Source => 10.0,
            Measure => 32.0,
            Goal | Acceptance => 18.0,
            LeadLeader | ResponsibleLeader | ResponsiblePerson => 8.0,
            LeadUnit | ResponsibleUnits => 10.0,
            Deadline => 12.0,
            Progress => 30.0,
            Evidence => 14.0,
            Note => 8.0,
        }
    }

    /// Whether the column's text is short enough to centre (names, dates, words).
    pub fn is_centered(self) -> bool {
        use LedgerColumn::*;
        matches!(
            self,
            Seq | Nature
                | Source
                | LeadLeader
                | ResponsibleLeader
                | LeadUnit
                | ResponsibleUnits
                | ResponsiblePerson
                | Deadline
                | Status
                | Warning
        )
    }
}
