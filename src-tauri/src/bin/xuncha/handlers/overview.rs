//! Where things stand: the lists of findings and tasks, statistics and the inspection's
//! statutory deadlines.

use chrono::NaiveDate;
use xuncha::app::{assignment, dashboard as board, inspections, intake};
use xuncha::db::{tasks, Db};
use xuncha::domain::*;
use xuncha::Result;

use super::which;
use crate::args::*;
use crate::output;

/// `xuncha list findings` and `xuncha finding list`.
pub(super) fn list_findings(
    db: &Db,
    j: bool,
    inspection: Option<i64>,
    today: NaiveDate,
) -> Result<()> {
    let all = intake::findings(db, inspection, today)?;
    output::list(j, &all, Some("没有反馈问题"), output::finding)
}

/// The task filter the options describe.
fn task_filter(db: &Db, f: &TaskFilterArgs) -> Result<tasks::TaskFilter> {
    let category_id = match &f.category {
        None => None,
        Some(c) => Some(inspections::find_category(db, f.inspection, c)?.id),
    };
    Ok(tasks::TaskFilter {
        inspection_id: f.inspection,
        finding_id: f.finding,
        task_ids: None,
        category_id,
        status: f
            .status
            .as_deref()
            .map(|s| Status::parse_field(s, "status"))
            .transpose()?,
        overdue: f.overdue,
        unit: f.unit.clone(),
        person: f.person.clone(),
        due_within_days: f.due_within,
    })
}

/// `xuncha list tasks` and `xuncha task list`.
pub(super) fn list_tasks(db: &Db, j: bool, f: &TaskFilterArgs, today: NaiveDate) -> Result<()> {
    let filter = task_filter(db, f)?;
    let all = assignment::tasks(db, &filter, today)?;
    if !j {
        println!("共 {} 项任务", all.len());
    }
    output::list(j, &all, None, output::task_line)
}

/// `xuncha list board`: the board's rows, overdue first.
pub(super) fn board(db: &Db, j: bool, f: &TaskFilterArgs, today: NaiveDate) -> Result<()> {
    let rows = xuncha::app::tracking::board(db, &task_filter(db, f)?, today)?;
    if !j {
        println!("共 {} 项任务", rows.len());
    }
    output::list(j, &rows, None, |r| {
        let pending = if r.close_out_pending {
            " 【待销号审批】"
        } else {
            ""
        };
        format!(
            "问题{}［{}］{}\n{}{pending}",
            r.finding_number,
            r.category,
            r.finding_title,
            output::task_line(&r.task)
        )
    })
}

/// `xuncha stats`: counts and completion rates, by category and unit.
pub(super) fn stats(db: &Db, j: bool, inspection: Option<i64>, today: NaiveDate) -> Result<()> {
    let s = board::stats(db, inspection, today)?;
    if j {
        return output::json(&s);
    }
    let f = &s.findings;
    println!(
        "反馈问题 {} 个：完成整改 {} 个，基本完成并持续整改 {} 个，未完成 {} 个，完成率 {}%",
        f.total, f.completed, f.basically_completed, f.incomplete, f.completion_rate
    );
    let t = &s.tasks;
    println!(
        "整改任务 {} 项：未启动 {}，正在推进 {}，已完成 {}，已销号 {}，长期坚持 {}；逾期 {} 项（红 {} 黄 {} 绿 {}）",
        t.total, t.not_started, t.in_progress, t.completed, t.closed, t.long_term, t.overdue,
        t.warning_red, t.warning_yellow, t.warning_green
    );
    println!(
        "建章立制 {} 项，问责 {} 人，立行立改 {} 项，追缴/清退资金 {} 万元",
        s.regulations, s.accountabilities, s.immediate_fixes, s.funds_recovered
    );
    println!("按类别：");
    for g in &s.by_category {
        println!(
            "  {}：问题 {} 个，完成 {} 个，完成率 {}%，任务 {} 项，逾期 {} 项",
            g.name,
            g.findings.total,
            g.findings.completed,
            g.findings.completion_rate,
            g.tasks.total,
            g.tasks.overdue
        );
    }
    println!("按单位：");
    for g in &s.by_unit {
        println!(
            "  {}：任务 {} 项，已完成/销号 {} 项，逾期 {} 项",
            g.name,
            g.tasks.total,
            g.tasks.completed + g.tasks.closed,
            g.tasks.overdue
        );
    }
    Ok(())
}

/// `xuncha dashboard`: the counts, the overdue and due-soon tasks and the burn-down.
pub(super) fn dashboard(db: &Db, j: bool, inspection: Option<i64>, today: NaiveDate) -> Result<()> {
    let id = which(db, inspection)?;
    let d = board::dashboard(db, id, today)?;
    if j {
        return output::json(&d);
    }
    stats(db, false, Some(id), today)?;
    let item = |i: &xuncha::app::DueItem| {
        format!(
            "  任务 {}（问题{}）：{}｜{}｜{}｜{}",
            i.task_id,
            i.finding_number,
            i.measure,
            i.deadline_text,
            if i.lead_unit.is_empty() {
                "—"
            } else {
                &i.lead_unit
            },
            i.days_left_text
        )
    };
    println!("逾期任务 {} 项：", d.overdue.len());
    d.overdue.iter().for_each(|i| println!("{}", item(i)));
    println!("{} 天内到期 {} 项：", d.green_days, d.due_soon.len());
    d.due_soon.iter().for_each(|i| println!("{}", item(i)));
    if let (Some(first), Some(last)) = (d.burndown.first(), d.burndown.last()) {
        println!(
            "未完成任务：{} {} 项 → {} {} 项",
            dates::format_cn(first.on),
            first.open,
            dates::format_cn(last.on),
            last.open
        );
    }
    Ok(())
}

/// `xuncha deadlines`: the statutory deadlines from the feedback date.
pub(super) fn deadlines(db: &Db, j: bool, inspection: Option<i64>) -> Result<()> {
    let (i, d) = inspections::deadlines(db, inspection)?;
    if j {
        return output::json(&d);
    }
    println!("{}（反馈日期 {}）", i.name, output::date(i.feedback_date));
    println!(
        "  整改方案报送（{} 个工作日内）：{}",
        i.plan_due_workdays,
        dates::format_cn(d.plan_due)
    );
    println!(
        "  整改专题民主生活会（{} 个月内）：{}",
        i.meeting_due_months,
        dates::format_cn(d.meeting_due)
    );
    println!(
        "  整改情况报告（{} 个月内）：{}",
        i.report_due_months,
        dates::format_cn(d.report_due)
    );
    Ok(())
}
