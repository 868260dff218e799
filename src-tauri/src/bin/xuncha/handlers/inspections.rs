//! Setting up an inspection: the inspection itself, its problem categories, the holiday
//! calendar its working-day deadlines count on, and the app's settings.

use xuncha::app::{inspections as app, preferences};
use xuncha::db::Db;
use xuncha::domain::*;
use xuncha::{Error, Result};

use super::opt_date;
use crate::args::*;
use crate::output;

/// The inspection as the options describe it.
fn inspection_input(f: &InspectionFields) -> Result<InspectionInput> {
    Ok(InspectionInput {
        name: f.name.clone(),
        round: f.round.clone(),
        kind: f
            .kind
            .as_deref()
            .map(|k| InspectionKind::parse_field(k, "kind"))
            .transpose()?,
        team: f.team.clone(),
        team_leader: f.team_leader.clone(),
        deputy_leader: f.deputy_leader.clone(),
        team_members: f.team_members.as_deref().map(names::split_names),
        inspected_org: f.inspected_org.clone(),
        org_secretary: f.org_secretary.clone(),
        unit_name: f.unit_name.clone(),
        authority: f.authority.clone(),
        onsite_start: opt_date("onsite_start", f.onsite_start.as_deref())?,
        onsite_end: opt_date("onsite_end", f.onsite_end.as_deref())?,
        feedback_date: opt_date("feedback_date", f.feedback_date.as_deref())?,
        plan_due_workdays: f.plan_due_workdays,
        meeting_due_months: f.meeting_due_months,
        report_due_months: f.report_due_months,
    })
}

/// `xuncha config [KEY [VALUE]]`: show or change a setting.
pub(super) fn config(db: &Db, j: bool, key: Option<&str>, value: Option<&str>) -> Result<()> {
    match (key, value) {
        (None, _) => {
            let all = preferences::all(db)?;
            output::list(j, &all, None, |(k, v)| format!("{k} = {v}"))
        }
        (Some(k), None) => {
            println!("{}", preferences::value(db, k)?.unwrap_or_default());
            Ok(())
        }
        (Some(k), Some(v)) => {
            let v = preferences::set(db, k, v)?;
            println!("{k} = {v}");
            Ok(())
        }
    }
}

/// `xuncha inspection …`.
pub(super) fn inspection(db: &Db, j: bool, c: &InspectionCmd) -> Result<()> {
    match c {
        InspectionCmd::Add(f) => {
            let input = inspection_input(f)?;
            let i = app::create(db, &input)?;
            output::created(j, i.id, &format!("巡察“{}”", i.name), &i)
        }
        InspectionCmd::Edit { id, fields } => {
            let input = inspection_input(fields)?;
            let i = app::update(db, *id, &input)?;
            output::done(j, &format!("已修改巡察“{}”", i.name), &i)
        }
        InspectionCmd::List => {
            let all = app::list(db)?;
            let empty = "还没有巡察。可用 xuncha inspection add 新建，或 xuncha demo 载入示例数据";
            output::list(j, &all, Some(empty), |i| {
                format!(
                    "{}  {}（{}，反馈日期 {}）",
                    i.id,
                    i.name,
                    i.kind.label(),
                    output::date(i.feedback_date)
                )
            })
        }
        InspectionCmd::DualReview { id, state } => {
            let on = state == "on";
            let i = app::set_dual_review(db, *id, on)?;
            let what = if on { "开启" } else { "关闭" };
            output::done(j, &format!("巡察 {id} 的销号双审核已{what}"), &i)
        }
        InspectionCmd::Show { id } => {
            let v = app::view(db, Some(*id))?;
            if j {
                return output::json(&v);
            }
            let (i, d, cats) = (v.inspection, v.deadlines, v.categories);
            println!("{}（编号 {}）", i.name, i.id);
            println!("  类型：{}　轮次：{}", i.kind.label(), i.round);
            println!(
                "  巡察组：{}　组长：{}　副组长：{}",
                i.team, i.team_leader, i.deputy_leader
            );
            println!(
                "  被巡察党组织：{}　书记：{}",
                i.inspected_org, i.org_secretary
            );
            println!(
                "  进驻：{}　撤离：{}　反馈：{}",
                output::date(i.onsite_start),
                output::date(i.onsite_end),
                output::date(i.feedback_date)
            );
            if let Some(d) = d {
                println!(
                    "  整改方案报送：{}　民主生活会：{}　整改情况报告：{}",
                    dates::format_cn(d.plan_due),
                    dates::format_cn(d.meeting_due),
                    dates::format_cn(d.report_due)
                );
            }
            for c in cats {
                println!("  类别 {}：{}", c.seq, c.name);
            }
            Ok(())
        }
    }
}

/// `xuncha category …`: the problem categories of an inspection.
pub(super) fn category(db: &Db, j: bool, c: &CategoryCmd) -> Result<()> {
    match c {
        CategoryCmd::Add { inspection, name } => {
            let cat = app::add_category(db, *inspection, name)?;
            output::created(j, cat.id, &format!("问题类别“{}”", cat.name), &cat)
        }
        CategoryCmd::List { inspection } => {
            let cats = app::categories(db, *inspection)?;
            output::list(j, &cats, None, |c| {
                format!("{}  {}. {}", c.id, c.seq, c.name)
            })
        }
        CategoryCmd::Rename { id, name } => {
            let cat = app::rename_category(db, *id, name)?;
            output::done(j, &format!("已重命名为“{}”", cat.name), &cat)
        }
    }
}

/// `xuncha calendar …`: the official holiday arrangements by year.
pub(super) fn calendar(db: &Db, j: bool, c: &CalendarCmd) -> Result<()> {
    match c {
        CalendarCmd::Add { file } => {
            let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
            let year = app::add_calendar_year(db, &text)?;
            output::done(j, &format!("已导入 {year} 年节假日安排"), &year)
        }
        CalendarCmd::Show => {
            let years = app::calendar_years(db)?;
            if j {
                return output::json(&years);
            }
            let list: Vec<String> = years.iter().map(|y| format!("{y}年")).collect();
            println!("已有节假日安排：{}", list.join("、"));
            Ok(())
        }
    }
}
