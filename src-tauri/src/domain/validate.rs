//! Validation rules: every field that can be wrong has a rule here and a Chinese message
//! naming the field. Nothing is written before these pass.

use chrono::{Datelike, NaiveDate};

use super::codes::DeadlineKind;
use super::inputs::*;
use super::records::{Inspection, Milestone};
use crate::{Error, Result};

/// Longest accepted text per kind of field, in characters.
pub mod limits {
    pub const NAME: usize = 50;
    pub const UNIT: usize = 100;
    pub const LINE: usize = 300;
    pub const TEXT: usize = 2_000;
    pub const LONG_TEXT: usize = 20_000;
}

/// Years a date may fall in: anything else is a typing error.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Checks a text for length and invisible control characters.
pub fn text(field: &str, label: &str, value: &str, max: usize) -> Result<()> {
    let n = value.chars().count();
    if n > max {
        return Err(Error::invalid(
            field,
            format!("{label}过长：{n} 个字，最多 {max} 个字"),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(Error::invalid(
            field,
            format!("{label}含有不可见的控制字符，请删除后重试"),
        ));
    }
    Ok(())
}

/// Checks a required text: not blank, then as [`text`].
pub fn required_text(field: &str, label: &str, value: &str, max: usize) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid(field, format!("{label}不能为空")));
    }
    text(field, label, value, max)
}

/// Checks that a date is plausible.
pub fn date(field: &str, label: &str, d: NaiveDate) -> Result<()> {
    if !YEARS.contains(&d.year()) {
        return Err(Error::invalid(
            field,
            format!("{label}的年份 {} 不合理（应在 2000—2100 年之间）", d.year()),
        ));
    }
    Ok(())
}

/// Checks a list of names (people or units).
pub fn names(field: &str, label: &str, values: &[String], max: usize) -> Result<()> {
    for v in values {
        required_text(field, label, v, max)?;
    }
    Ok(())
}

/// Checks an inspection as it will be stored.
pub fn inspection(i: &Inspection) -> Result<()> {
    required_text(
        "inspected_org",
        "被巡察党组织",
        &i.inspected_org,
        limits::UNIT,
    )?;
    required_text("name", "巡察名称", &i.name, limits::LINE)?;
    text("round", "巡察轮次", &i.round, limits::NAME)?;
    text("team", "巡察组", &i.team, limits::UNIT)?;
    text("team_leader", "组长", &i.team_leader, limits::NAME)?;
    text("deputy_leader", "副组长", &i.deputy_leader, limits::NAME)?;
    names("team_members", "巡察组成员", &i.team_members, limits::NAME)?;
    text(
        "org_secretary",
        "党组织书记",
        &i.org_secretary,
        limits::NAME,
    )?;
    text("unit_name", "填报单位", &i.unit_name, limits::UNIT)?;
    text("authority", "部署机关", &i.authority, limits::UNIT)?;
    for (field, label, d) in [
        ("onsite_start", "进驻日期", i.onsite_start),
        ("onsite_end", "撤离日期", i.onsite_end),
        ("feedback_date", "反馈日期", i.feedback_date),
    ] {
        if let Some(d) = d {
            date(field, label, d)?;
        }
    }
    if let (Some(s), Some(e)) = (i.onsite_start, i.onsite_end) {
        if e < s {
            return Err(Error::invalid("onsite_end", "撤离日期不能早于进驻日期"));
        }
    }
    if let (Some(e), Some(f)) = (i.onsite_end.or(i.onsite_start), i.feedback_date) {
        if f < e {
            return Err(Error::invalid(
                "feedback_date",
                "反馈日期不能早于进驻或撤离日期",
            ));
        }
    }
    if !(1..=60).contains(&i.plan_due_workdays) {
        return Err(Error::invalid(
            "plan_due_workdays",
            "整改方案报送时限应为 1—60 个工作日",
        ));
    }
    for (field, label, m) in [
        (
            "meeting_due_months",
            "整改专题民主生活会时限",
            i.meeting_due_months,
        ),
        ("report_due_months", "整改情况报告时限", i.report_due_months),
    ] {
        if !(1..=12).contains(&m) {
            return Err(Error::invalid(field, format!("{label}应为 1—12 个月")));
        }
    }
    Ok(())
}

/// Checks a new finding's fields (the category is resolved by the store).
pub fn finding(f: &FindingInput) -> Result<()> {
    if f.category_id.is_none() {
        required_text("category", "问题类别", &f.category, limits::LINE)?;
    }
    finding_fields(
        &f.title,
        &f.manifestation,
        f.source.as_deref(),
        f.found_on,
        &f.tags,
    )
}

/// Checks the content fields shared by new and edited findings.
pub fn finding_fields(
    title: &str,
    manifestation: &str,
    source: Option<&str>,
    found_on: Option<NaiveDate>,
    tags: &[String],
) -> Result<()> {
    required_text("title", "反馈问题", title, limits::LINE)?;
    if title.contains('\n') {
        return Err(Error::invalid(
            "title",
            "反馈问题应为一行概括，具体内容请写在“具体表现”中",
        ));
    }
    text(
        "manifestation",
        "具体表现",
        manifestation,
        limits::LONG_TEXT,
    )?;
    text("source", "问题来源", source.unwrap_or(""), limits::NAME)?;
    if let Some(d) = found_on {
        date("found_on", "发现日期", d)?;
    }
    names("tags", "标签", tags, limits::NAME)
}

/// Checks the five roles.
pub fn assignment(a: &AssignmentPatch) -> Result<()> {
    for (field, label, v, max) in [
        ("lead_leader", "牵头领导", &a.lead_leader, limits::NAME),
        (
            "responsible_leader",
            "责任领导",
            &a.responsible_leader,
            limits::NAME,
        ),
        ("lead_unit", "牵头单位", &a.lead_unit, limits::UNIT),
        (
            "responsible_person",
            "责任人",
            &a.responsible_person,
            limits::NAME,
        ),
    ] {
        if let Some(v) = v {
            text(field, label, v, max)?;
        }
    }
    if let Some(units) = &a.responsible_units {
        names("responsible_units", "责任单位", units, limits::UNIT)?;
    }
    Ok(())
}

/// A task's content as it will be stored, for checking.
pub struct TaskDraft<'a> {
    pub measure: &'a str,
    pub goal: &'a str,
    pub acceptance: &'a str,
    pub note: &'a str,
    pub kind: DeadlineKind,
    pub deadline: Option<NaiveDate>,
    pub milestones: &'a [Milestone],
}

/// Checks a task's content and deadline against the inspection's feedback date.
pub fn task_fields(t: &TaskDraft<'_>, feedback_date: Option<NaiveDate>) -> Result<()> {
    let TaskDraft {
        kind,
        deadline,
        milestones,
        ..
    } = *t;
    required_text("measure", "整改措施", t.measure, limits::TEXT)?;
    text("goal", "整改目标", t.goal, limits::TEXT)?;
    text("acceptance", "验收标准", t.acceptance, limits::TEXT)?;
    text("note", "备注", t.note, limits::TEXT)?;
    if kind == DeadlineKind::Date && deadline.is_none() {
        return Err(Error::invalid(
            "deadline",
            "整改时限不能为空：请填写日期，或选择“立行立改”“长期坚持”",
        ));
    }
    if let Some(d) = deadline {
        date("deadline", "整改时限", d)?;
        if let Some(f) = feedback_date.filter(|f| d < *f) {
            return Err(Error::invalid(
                "deadline",
                format!(
                    "整改时限（{}）不能早于反馈日期（{}）",
                    super::dates::format_cn(d),
                    super::dates::format_cn(f)
                ),
            ));
        }
    }
    if kind == DeadlineKind::LongTerm && milestones.is_empty() && deadline.is_none() {
        return Err(Error::invalid(
            "milestones",
            "长期坚持的任务须至少设定一个阶段目标（日期和目标）",
        ));
    }
    for (i, m) in milestones.iter().enumerate() {
        let label = format!("第 {} 个阶段目标", i + 1);
        required_text("milestones", &label, &m.target, limits::TEXT)?;
        date("milestones", &format!("{label}的日期"), m.due_on)?;
        if let Some(f) = feedback_date.filter(|f| m.due_on < *f) {
            return Err(Error::invalid(
                "milestones",
                format!(
                    "{label}的日期（{}）不能早于反馈日期（{}）",
                    super::dates::format_cn(m.due_on),
                    super::dates::format_cn(f)
                ),
            ));
        }
    }
    Ok(())
}

/// Checks a progress entry's own fields.
pub fn progress(p: &ProgressInput) -> Result<()> {
    required_text("text", "进展情况", &p.text, limits::LONG_TEXT)?;
    text("by", "填报人", p.by.as_deref().unwrap_or(""), limits::NAME)?;
    if let Some(d) = p.entered_on {
        date("entered_on", "进展日期", d)?;
    }
    if !p.funds_recovered.is_finite() || p.funds_recovered < 0.0 {
        return Err(Error::invalid(
            "funds_recovered",
            "追缴/清退资金应为不小于 0 的数（单位：万元）",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn text_rules() {
        let cases: [(&str, usize, Option<&str>); 5] = [
            ("正常文本", 10, None),
            ("", 10, Some("不能为空")),
            ("   ", 10, Some("不能为空")),
            ("超过五个字的文本", 5, Some("过长")),
            ("带\u{7}响铃", 10, Some("控制字符")),
        ];
        for (value, max, want) in cases {
            let got = required_text("title", "反馈问题", value, max);
            match want {
                None => assert!(got.is_ok(), "{value:?}"),
                Some(w) => {
                    let e = got.unwrap_err();
                    assert_eq!(e.field(), Some("title"));
                    assert!(e.to_string().contains(w), "{value:?}: {e}");
                    assert!(e.to_string().contains("反馈问题"), "{e}");
                }
            }
        }
    }

    #[test]
    fn task_deadline_rules() {
        let fb = Some(d("2025-03-20"));
        let ok = |kind, dl: Option<&str>, ms: &[Milestone]| {
            let draft = TaskDraft {
                measure: "措施",
                goal: "",
                acceptance: "",
                note: "",
                kind,
                deadline: dl.map(d),
                milestones: ms,
            };
            task_fields(&draft, fb)
        };
        assert!(ok(DeadlineKind::Date, Some("2025-06-30"), &[]).is_ok());
        assert!(ok(DeadlineKind::Immediate, None, &[]).is_ok());
        let e = ok(DeadlineKind::Date, None, &[]).unwrap_err();
        assert_eq!(e.field(), Some("deadline"));
        let e = ok(DeadlineKind::Date, Some("2025-03-01"), &[]).unwrap_err();
        assert!(
            e.to_string().contains("不能早于反馈日期（2025年3月20日）"),
            "{e}"
        );
        let e = ok(DeadlineKind::LongTerm, None, &[]).unwrap_err();
        assert_eq!(e.field(), Some("milestones"));
        let ms = [Milestone {
            due_on: d("2025-01-01"),
            target: "阶段".into(),
            done: false,
        }];
        assert!(ok(DeadlineKind::LongTerm, None, &ms).is_err());
        let e = ok(DeadlineKind::Date, Some("1925-06-30"), &[]).unwrap_err();
        assert!(e.to_string().contains("年份"), "{e}");
    }
}
