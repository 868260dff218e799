//! What the combined rectification ledger (整改台账) says: its columns, the 责任分工 header
//! group, the category section rows and, per finding, the cells merged down across its
//! tasks. Words only; the PDF and the Excel exporters lay the same table out.

use crate::domain::{DeadlineKind, Finding, Task};
use crate::report::data::LedgerData;
use crate::report::feedback::by_category;
use crate::report::numbering::{date_cn, level1};

/// One column of the combined ledger.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub header: &'static str,
    /// The upper header row's group (责任分工), if any.
    pub group: Option<&'static str>,
    /// Relative width (millimetres on an A4 landscape page).
    pub width_mm: f32,
    /// Short values are centred (序号, names, dates, status).
    pub center: bool,
    /// One cell per finding, merged down across its tasks.
    pub per_finding: bool,
}

const fn col(header: &'static str, width_mm: f32, center: bool, per_finding: bool) -> Column {
    Column {
        header,
        group: None,
        width_mm,
        center,
        per_finding,
    }
}

const fn duty(header: &'static str, width_mm: f32) -> Column {
    Column {
        header,
        group: Some("责任分工"),
        width_mm,
        center: true,
        per_finding: false,
    }
}

/// The usual combined columns (DOMAIN.md), in order.
pub const COLUMNS: [Column; 15] = [
    col("序号", 8.0, true, true),
    col("反馈问题", 20.0, false, true),
    col("具体表现", 34.0, false, true),
    col("整改措施", 32.0, false, false),
    col("整改目标", 18.0, false, false),
    duty("牵头领导", 11.0),
    duty("责任领导", 11.0),
    duty("牵头单位", 14.0),
    duty("责任单位", 16.0),
    duty("责任人", 11.0),
    col("整改时限", 18.0, true, false),
    col("整改进展", 37.0, false, false),
    col("整改状态", 12.0, true, false),
    col("佐证材料", 16.0, false, false),
    col("备注", 9.0, false, false),
];

/// One finding's rows: the merged cells (per-finding columns, in order) and one row of
/// task cells (the other columns, in order) per task.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingRows {
    pub finding_cells: Vec<String>,
    pub task_rows: Vec<Vec<String>>,
}

/// A category with its findings (一、…方面).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    pub findings: Vec<FindingRows>,
}

/// The whole ledger table.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerTable {
    /// …整改台账.
    pub title: String,
    /// 填报单位（盖章）：….
    pub unit_line: String,
    /// 填报时间：….
    pub date_line: String,
    pub sections: Vec<Section>,
}

/// Composes the ledger from the data.
pub fn ledger_table(data: &LedgerData) -> LedgerTable {
    let ins = &data.inspection;
    let mut n = 0;
    let sections = by_category(data)
        .into_iter()
        .enumerate()
        .map(|(ci, (name, findings))| Section {
            heading: format!("{}{}", level1(ci + 1), name.trim()),
            findings: findings
                .into_iter()
                .map(|f| {
                    n += 1;
                    finding_rows(n, f, data)
                })
                .collect(),
        })
        .collect();
    LedgerTable {
        title: format!("{}落实{}巡察反馈意见整改台账", ins.inspected_org, ins.team),
        unit_line: format!("填报单位（盖章）：{}", ins.unit_name),
        date_line: format!("填报时间：{}", date_cn(data.today)),
        sections,
    }
}

fn finding_rows(n: usize, f: &Finding, data: &LedgerData) -> FindingRows {
    FindingRows {
        finding_cells: vec![
            n.to_string(),
            f.title.trim().to_owned(),
            f.manifestation.trim().to_owned(),
        ],
        task_rows: f.tasks.iter().map(|t| task_cells(t, data)).collect(),
    }
}

/// 整改时限 as the ledger writes it.
pub fn deadline_text(t: &Task) -> String {
    match t.deadline_kind {
        DeadlineKind::Date => t.deadline.map(date_cn).unwrap_or_default(),
        DeadlineKind::Immediate => match t.deadline {
            Some(d) => format!("立行立改（{}）", date_cn(d)),
            None => "立行立改".into(),
        },
        DeadlineKind::LongTerm => {
            let stages: Vec<String> = t
                .milestones
                .iter()
                .map(|m| format!("{}前{}", date_cn(m.due_on), m.target.trim()))
                .collect();
            if stages.is_empty() {
                "长期坚持".into()
            } else {
                format!("长期坚持（{}）", stages.join("；"))
            }
        }
    }
}

fn task_cells(t: &Task, data: &LedgerData) -> Vec<String> {
    let progress = data.progress.get(&t.id).map(Vec::as_slice).unwrap_or(&[]);
    let notes: Vec<String> = progress
        .iter()
        .map(|p| format!("{}：{}", date_cn(p.entered_on), p.text.trim()))
        .collect();
    let evidence: Vec<String> = progress
        .iter()
        .flat_map(|p| p.evidence.iter())
        .enumerate()
        .map(|(i, e)| format!("{}.{}", i + 1, e.file_name))
        .collect();
    let status = if t.overdue {
        format!("{}（逾期）", t.status.label())
    } else {
        t.status.label().to_owned()
    };
    let a = &t.assignment;
    vec![
        t.measure.trim().to_owned(),
        t.goal.trim().to_owned(),
        a.lead_leader.clone(),
        a.responsible_leader.clone(),
        a.lead_unit.clone(),
        a.responsible_units.join("、"),
        a.responsible_person.clone(),
        deadline_text(t),
        notes.join("\n"),
        status,
        evidence.join("\n"),
        t.note.trim().to_owned(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample::sample_ledger;

    #[test]
    fn rows_match_the_columns() {
        let table = ledger_table(&sample_ledger(12, 3));
        let per_finding = COLUMNS.iter().filter(|c| c.per_finding).count();
        let rows: Vec<&FindingRows> = table.sections.iter().flat_map(|s| &s.findings).collect();
        assert_eq!(rows.len(), 12);
        assert_eq!(table.sections.len(), 4);
        assert!(table.sections[0].heading.starts_with("一、贯彻落实"));
        for r in rows {
            assert_eq!(r.finding_cells.len(), per_finding);
            assert_eq!(r.task_rows.len(), 3);
            assert!(r
                .task_rows
                .iter()
                .all(|t| t.len() == COLUMNS.len() - per_finding));
        }
        assert_eq!(
            table.title,
            "区委统战部党组落实区委第三巡察组巡察反馈意见整改台账"
        );
    }
}
