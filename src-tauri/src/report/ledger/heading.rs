//! The words above the ledger table: the title, and the 填报单位（盖章）/填报时间 line. They
//! are written with placeholders, so an Excel template can word them its own way; the
//! official wording is [`Heading::OFFICIAL`].

use serde::Serialize;

use crate::domain::dates::format_cn;
use crate::report::data::LedgerData;

/// The heading's texts, with the placeholders `{inspected_org}`, `{unit_name}`, `{team}`,
/// `{round}`, `{inspection}` and `{today}` (filled by [`fill`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heading<'a> {
    /// Title row.
    pub title: &'a str,
    /// Left part of the line under the title.
    pub unit_line: &'a str,
    /// Right part of the line under the title.
    pub date_line: &'a str,
}

impl Heading<'static> {
    /// The official wording. The title is the full form the unit files: the inspected
    /// organisation carrying out (落实) the named team's feedback.
    pub const OFFICIAL: Heading<'static> = Heading {
        title: "{inspected_org}落实{team}巡察反馈意见整改台账",
        unit_line: "填报单位（盖章）：{unit_name}",
        date_line: "填报时间：{today}",
    };
}

/// Fills a heading text's placeholders from the inspections. With several inspections a
/// placeholder takes each distinct value once, joined with 、 (区统计局党组、区委统战部党组).
/// `{unit_name}` falls back to the inspected organisation when the unit's name is not set.
pub fn fill(text: &str, all: &[&LedgerData]) -> String {
    let values = |get: &dyn Fn(&LedgerData) -> String| -> String {
        let mut seen: Vec<String> = Vec::new();
        for d in all {
            let v = get(d);
            if !v.trim().is_empty() && !seen.contains(&v) {
                seen.push(v);
            }
        }
        seen.join("、")
    };
    let today = all.iter().map(|d| d.today).max();
    text.replace(
        "{inspected_org}",
        &values(&|d| d.inspection.inspected_org.clone()),
    )
    .replace(
        "{unit_name}",
        &values(&|d| {
            let i = &d.inspection;
            if i.unit_name.trim().is_empty() {
                i.inspected_org.clone()
            } else {
                i.unit_name.clone()
            }
        }),
    )
    .replace("{team}", &values(&|d| d.inspection.team.clone()))
    .replace("{round}", &values(&|d| d.inspection.round.clone()))
    .replace("{inspection}", &values(&|d| d.inspection.name.clone()))
    .replace("{today}", &today.map(format_cn).unwrap_or_default())
}
