//! The columns a ledger can have, each with everything both writers and the importer need
//! to know about it: its header text, the 责任分工 group, its relative width, whether its
//! text is centred and whether it belongs to the finding (merged down) or to each task.
//! Export lays these out; import recognises them by their header text, so every side names
//! a column the same way.

use serde::{Deserialize, Serialize};

/// The upper header over the responsibility columns of a two-row header.
pub const ASSIGNMENT_GROUP: &str = "责任分工";

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
    /// 类型 of the deadline: 限期完成, 立行立改 or 长期坚持 (the plan's task list).
    DeadlineType,
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
        LedgerColumn::DeadlineType,
        LedgerColumn::Progress,
        LedgerColumn::Status,
        LedgerColumn::Warning,
        LedgerColumn::Evidence,
        LedgerColumn::Note,
    ];

    /// The usual combined columns (DOMAIN.md), in order: the printed ledger and the
    /// default Excel template.
    pub const OFFICIAL: &'static [LedgerColumn] = &[
        LedgerColumn::Seq,
        LedgerColumn::Title,
        LedgerColumn::Manifestation,
        LedgerColumn::Measure,
        LedgerColumn::Goal,
        LedgerColumn::LeadLeader,
        LedgerColumn::ResponsibleLeader,
        LedgerColumn::LeadUnit,
        LedgerColumn::ResponsibleUnits,
        LedgerColumn::ResponsiblePerson,
        LedgerColumn::Deadline,
        LedgerColumn::Progress,
        LedgerColumn::Status,
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
            DeadlineType => "类型",
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

    /// The upper header row's group of a two-row header ([`ASSIGNMENT_GROUP`] over the
    /// five roles), if any.
    pub fn group(self) -> Option<&'static str> {
        use LedgerColumn::*;
        matches!(
            self,
            LeadLeader | ResponsibleLeader | LeadUnit | ResponsibleUnits | ResponsiblePerson
        )
        .then_some(ASSIGNMENT_GROUP)
    }

    /// Whether the column sits under the 责任分工 group.
    pub fn is_assignment(self) -> bool {
        self.group().is_some()
    }

    /// The column's share of the page: millimetres on an A4 landscape page holding the
    /// [`OFFICIAL`](Self::OFFICIAL) columns. The PDF scales these to the page; the Excel
    /// writer takes them as the widest useful width (in character units) and fits the
    /// columns to their content and the page.
    pub fn width(self) -> f64 {
        use LedgerColumn::*;
        match self {
            Seq => 8.0,
            Category => 16.0,
            Title => 20.0,
            Manifestation => 34.0,
            Nature => 11.0,
            Source => 12.0,
            Measure => 32.0,
            Goal | Acceptance => 18.0,
            LeadLeader | ResponsibleLeader | ResponsiblePerson => 11.0,
            LeadUnit => 14.0,
            ResponsibleUnits => 16.0,
            Deadline => 18.0,
            DeadlineType => 12.0,
            Progress => 34.0,
            Status => 15.0,
            Warning => 10.0,
            Evidence => 16.0,
            Note => 9.0,
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
                | DeadlineType
                | Status
                | Warning
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_columns_fill_an_a4_landscape_page() {
        let mm: f64 = LedgerColumn::OFFICIAL.iter().map(|c| c.width()).sum();
        // 297 mm less 15 mm margins on each side.
        assert_eq!(mm, 267.0);
        let grouped: Vec<&str> = LedgerColumn::OFFICIAL
            .iter()
            .filter(|c| c.group() == Some(ASSIGNMENT_GROUP))
            .map(|c| c.label())
            .collect();
        assert_eq!(
            grouped,
            ["牵头领导", "责任领导", "牵头单位", "责任单位", "责任人"]
        );
        assert!(LedgerColumn::OFFICIAL
            .iter()
            .all(|c| LedgerColumn::ALL.contains(c)));
    }
}
