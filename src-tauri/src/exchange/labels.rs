//! How a field of a record that travels is named and its value shown in the review list:
//! the ledger's own column names where the field is one, the codes' Chinese labels, dates
//! as documents write them. The UI shows these texts and decides nothing.

use chrono::NaiveDate;
use serde_json::Value;

use crate::domain::dates::format_cn;
use crate::domain::{CloseOutState, DeadlineKind, InspectionKind, Nature, Status};
use crate::report::ledger::LedgerColumn;

/// What an empty value is shown as.
pub const EMPTY: &str = "（空）";

/// The Chinese name of a field (several, comma-separated, joined with 、).
pub fn field_label(field: &str) -> String {
    field
        .split(',')
        .filter(|f| !f.is_empty())
        .map(one_label)
        .collect::<Vec<_>>()
        .join("、")
}

fn one_label(field: &str) -> String {
    use LedgerColumn as C;
    let column = match field {
        "seq" => Some(C::Seq),
        "category" => Some(C::Category),
        "title" => Some(C::Title),
        "manifestation" => Some(C::Manifestation),
        "nature" => Some(C::Nature),
        "source" => Some(C::Source),
        "measure" => Some(C::Measure),
        "goal" => Some(C::Goal),
        "acceptance" => Some(C::Acceptance),
        "lead_leader" => Some(C::LeadLeader),
        "responsible_leader" => Some(C::ResponsibleLeader),
        "lead_unit" => Some(C::LeadUnit),
        "responsible_units" => Some(C::ResponsibleUnits),
        "responsible_person" => Some(C::ResponsiblePerson),
        "deadline" => Some(C::Deadline),
        "deadline_kind" => Some(C::DeadlineType),
        "status" => Some(C::Status),
        "note" => Some(C::Note),
        _ => None,
    };
    if let Some(c) = column {
        return c.label().to_owned();
    }
    match field {
        "milestones" => "阶段目标",
        "found_on" => "发现日期",
        "tags" => "标签",
        "state" => "销号状态",
        "requested_on" => "提请日期",
        "requested_by" => "提请人",
        "summary" => "提请说明",
        "reviewed_on" => "审批日期",
        "approvers" => "审批人",
        "verdict" => "审批意见",
        "first_reviewed_on" => "初审日期",
        "first_reviewers" => "初审人",
        "first_opinion" => "初审意见",
        "name" => "名称",
        "dual_review" => "双审核",
        "feedback_date" => "反馈日期",
        other => other,
    }
    .to_owned()
}

/// A value as the user reads it, `field` saying what kind of value it is.
pub fn show(field: &str, v: &Value) -> String {
    match v {
        Value::Null => EMPTY.into(),
        Value::Bool(b) => if *b { "是" } else { "否" }.into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.is_empty() => EMPTY.into(),
        Value::String(s) => coded(field, s)
            .or_else(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(format_cn))
            .unwrap_or_else(|| s.clone()),
        Value::Array(a) if a.is_empty() => EMPTY.into(),
        Value::Array(a) => a
            .iter()
            .map(|x| show(field, x))
            .collect::<Vec<_>>()
            .join("、"),
        Value::Object(o) => match (o.get("due_on"), o.get("target")) {
            // A milestone: 2026年6月30日前：完成阶段性任务.
            (Some(due), Some(target)) => format!("{}前：{}", show("", due), show("", target)),
            _ => o
                .iter()
                .map(|(k, x)| format!("{}：{}", one_label(k), show(k, x)))
                .collect::<Vec<_>>()
                .join("；"),
        },
    }
}

/// The label of a coded value of `field`.
fn coded(field: &str, code: &str) -> Option<String> {
    let label = match field {
        "status" | "status_after" => Status::from_code(code)?.label(),
        "deadline_kind" => DeadlineKind::from_code(code)?.label(),
        "state" => CloseOutState::from_code(code)?.label(),
        "nature" => Nature::from_code(code)?.label(),
        "kind" => InspectionKind::from_code(code)?.label(),
        _ => return None,
    };
    Some(label.to_owned())
}

/// A value stored as JSON text (a review item's), shown.
pub fn show_json(field: &str, json: Option<&str>) -> Option<String> {
    json.map(|j| match serde_json::from_str::<Value>(j) {
        Ok(v) => show(field, &v),
        Err(_) => j.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_and_values_read_as_the_ledger_writes_them() {
        assert_eq!(field_label("deadline"), "整改时限");
        assert_eq!(field_label("deadline,note"), "整改时限、备注");
        assert_eq!(show("status", &json!("in_progress")), "正在推进");
        assert_eq!(show("deadline", &json!("2026-12-31")), "2026年12月31日");
        assert_eq!(
            show("responsible_units", &json!(["财务科", "办公室"])),
            "财务科、办公室"
        );
        assert_eq!(show("note", &json!("")), EMPTY);
        assert_eq!(
            show("", &json!({"deadline": "2027-03-31"})),
            "整改时限：2027年3月31日"
        );
        let m = json!([{"due_on": "2026-06-30", "target": "完成阶段性任务", "done": false}]);
        assert_eq!(show("milestones", &m), "2026年6月30日前：完成阶段性任务");
    }
}
