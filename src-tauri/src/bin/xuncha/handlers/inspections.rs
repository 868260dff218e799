//! Setting up an inspection: the inspection itself, its problem categories, the holiday
//! calendar its working-day deadlines count on, and the app's settings.

use xuncha::db::{inspections, Db};
use xuncha::domain::*;
use xuncha::{Error, Result};

use super::{opt_date, which};
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
    use xuncha::db::settings;
    match (key, value) {
        (None, _) => {
            let all = db.read(settings::all)?;
            output::list(j, &all, None, |(k, v)| format!("{k} = {v}"))
        }
        (Some(k), None) => {
            let v = db.read(|c| settings::get(c, k))?;
            println!("{}", v.unwrap_or_default());
            Ok(())
        }
        (Some(k), Some(v)) => {
            let v = match k {
                settings::OPERATOR => {
                    validate::required_text("operator", "操作人", v, validate::limits::NAME)?;
                    v.trim().to_owned()
                }
                settings::STRICT_DIRECTORY => match v {
                    "true" | "是" | "开" | "on" => "true".to_owned(),
                    "false" | "否" | "关" | "off" => "false".to_owned(),
                    _ => {
                        return Err(Error::invalid(
                            "strict_directory",
                            "严格名录模式只能设为 true 或 false",
                        ))
                    }
                },
                _ => {
                    return Err(Error::invalid(
                        "key",
                        format!("未知设置项“{k}”，可用：operator、strict_directory"),
                    ))
                }
            };
            db.write(|tx| settings::set_in_tx(tx, k, &v))?;
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
            let i = db.write(|tx| inspections::add_in_tx(tx, &input))?;
            output::created(j, i.id, &format!("巡察“{}”", i.name), &i)
        }
        InspectionCmd::Edit { id, fields } => {
            let input = inspection_input(fields)?;
            let i = db.write(|tx| inspections::edit_in_tx(tx, *id, &input))?;
            output::done(j, &format!("已修改巡察“{}”", i.name), &i)
        }
        InspectionCmd::List => {
            let all = db.read(inspections::list)?;
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
            let i = db.write(|tx| inspections::set_dual_review_in_tx(tx, *id, on))?;
            let what = if on { "开启" } else { "关闭" };
            output::done(j, &format!("巡察 {id} 的销号双审核已{what}"), &i)
        }
        InspectionCmd::Show { id } => {
            let (i, d, cats) = db.read(|c| {
                let i = inspections::get(c, *id)?;
                let d = inspections::deadlines(c, &i)?;
                Ok((i, d, inspections::categories(c, *id)?))
            })?;
            if j {
                return output::json(&serde_json::json!({
                    "inspection": i, "deadlines": d, "categories": cats
                }));
            }
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
            let id = which(db, *inspection)?;
            let cat = db.write(|tx| inspections::add_category_in_tx(tx, id, name))?;
            output::created(j, cat.id, &format!("问题类别“{}”", cat.name), &cat)
        }
        CategoryCmd::List { inspection } => {
            let id = which(db, *inspection)?;
            let cats = db.read(|c| inspections::categories(c, id))?;
            output::list(j, &cats, None, |c| {
                format!("{}  {}. {}", c.id, c.seq, c.name)
            })
        }
        CategoryCmd::Rename { id, name } => {
            let cat = db.write(|tx| inspections::rename_category_in_tx(tx, *id, name))?;
            output::done(j, &format!("已重命名为“{}”", cat.name), &cat)
        }
    }
}

/// `xuncha calendar …`: the official holiday arrangements by year.
pub(super) fn calendar(db: &Db, j: bool, c: &CalendarCmd) -> Result<()> {
    match c {
        CalendarCmd::Add { file } => {
            let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
            let year = db.write(|tx| inspections::add_calendar_year_in_tx(tx, &text))?;
            output::done(j, &format!("已导入 {year} 年节假日安排"), &year)
        }
        CalendarCmd::Show => {
            let years = db.read(inspections::calendar)?.years();
            if j {
                return output::json(&years);
            }
            let list: Vec<String> = years.iter().map(|y| format!("{y}年")).collect();
            println!("已有节假日安排：{}", list.join("、"));
            Ok(())
        }
    }
}
