//! 统计: the official counts, the overdue and due-soon lists, and a burn-down of open tasks
//! from the feedback date to today.

use chrono::NaiveDate;

use super::views::{BurnPoint, Dashboard, DueItem};
use crate::db::{closeout, findings, inspections, progress, stats, Db};
use crate::domain::counting::Stats;
use crate::domain::status::{is_done, GREEN_DAYS};
use crate::domain::{CloseOutState, Finding, Task};
use crate::Result;

/// The official counts of one inspection, or of all (`None`).
pub fn stats(db: &Db, inspection: Option<i64>, today: NaiveDate) -> Result<Stats> {
    db.read(|c| stats::stats(c, inspection, today))
}

/// The dashboard of one inspection.
pub fn dashboard(db: &Db, inspection_id: i64, today: NaiveDate) -> Result<Dashboard> {
    db.read(|c| {
        let inspection = inspections::get(c, inspection_id)?;
        let all = findings::list(c, Some(inspection_id), today)?;
        let progress = progress::by_task(c, Some(inspection_id))?;
        let close_outs = closeout::by_task(c, Some(inspection_id))?;
        let mut overdue = vec![];
        let mut due_soon = vec![];
        let mut spans = vec![];
        for f in &all {
            for t in &f.tasks {
                let item = || due_item(f, t);
                if t.overdue {
                    overdue.push(item());
                } else if !is_done(t.status) && t.days_left.is_some_and(|d| d <= GREEN_DAYS) {
                    due_soon.push(item());
                }
                let opened = inspection
                    .feedback_date
                    .unwrap_or_else(|| date_of(&t.created_at).unwrap_or(today));
                // Done on the first day a progress entry or an approved close-out said so.
                let closed = is_done(t.status).then(|| {
                    let by_progress = progress.get(&t.id).into_iter().flatten().filter_map(|p| {
                        p.status_after.filter(|s| is_done(*s)).map(|_| p.entered_on)
                    });
                    let by_close = close_outs.get(&t.id).into_iter().flatten().filter_map(|c| {
                        (c.state == CloseOutState::Approved)
                            .then_some(c.reviewed_on)
                            .flatten()
                    });
                    by_progress
                        .chain(by_close)
                        .min()
                        .or_else(|| date_of(&t.updated_at))
                        .unwrap_or(today)
                });
                spans.push((opened, closed));
            }
        }
        overdue.sort_by_key(|d| d.days_left);
        due_soon.sort_by_key(|d| d.days_left);
        Ok(Dashboard {
            stats: stats::stats(c, Some(inspection_id), today)?,
            overdue,
            due_soon,
            burndown: burndown(&spans, today),
            green_days: GREEN_DAYS,
        })
    })
}

fn due_item(f: &Finding, t: &Task) -> DueItem {
    DueItem {
        task_id: t.id,
        finding_seq: f.seq,
        finding_number: f.number.clone(),
        measure: t.measure.clone(),
        lead_unit: t.assignment.lead_unit.clone(),
        responsible_person: t.assignment.responsible_person.clone(),
        deadline_kind: t.deadline_kind,
        deadline: t.deadline,
        deadline_text: t.deadline_text.clone(),
        days_left: t.days_left,
        days_left_text: t.days_left_text.clone(),
        warning: t.warning,
        status: t.status,
    }
}

fn date_of(stamp: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(stamp.get(..10)?, "%Y-%m-%d").ok()
}

/// Open tasks at the end of each day from the first opening to `today` (weekly steps when
/// the span is longer than a year). A task is open from its opening day until the day it
/// was done.
pub fn burndown(spans: &[(NaiveDate, Option<NaiveDate>)], today: NaiveDate) -> Vec<BurnPoint> {
    let Some(start) = spans.iter().map(|s| s.0).min() else {
        return vec![];
    };
    let start = start.min(today);
    let days = (today - start).num_days();
    let step = if days > 366 { 7 } else { 1 };
    let mut out = vec![];
    let mut day = start;
    loop {
        let open = spans
            .iter()
            .filter(|(o, c)| *o <= day && c.is_none_or(|c| c > day))
            .count() as i64;
        out.push(BurnPoint { on: day, open });
        if day >= today {
            break;
        }
        day = (day + chrono::Days::new(step)).min(today);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn counts_open_tasks_per_day() {
        let spans = [
            (d("2025-03-01"), Some(d("2025-03-02"))),
            (d("2025-03-01"), None),
            (d("2025-03-02"), Some(d("2025-03-04"))),
        ];
        let b = burndown(&spans, d("2025-03-04"));
        let opens: Vec<i64> = b.iter().map(|p| p.open).collect();
        assert_eq!(opens, [2, 2, 2, 1]);
        assert_eq!(b[0].on, d("2025-03-01"));
        assert_eq!(b[3].on, d("2025-03-04"));
        assert!(burndown(&[], d("2025-03-04")).is_empty());
    }

    #[test]
    fn the_demo_dashboard_agrees_with_the_stats() {
        let db = Db::open_in_memory().unwrap();
        let today = crate::db::today();
        let id = crate::demo::load(&db, today).unwrap();
        let d = dashboard(&db, id, today).unwrap();
        assert_eq!(d.stats.tasks.overdue as usize, d.overdue.len());
        assert!(d.overdue.iter().all(|i| i.days_left.is_some_and(|n| n < 0)));
        assert!(d
            .due_soon
            .iter()
            .all(|i| i.days_left.is_some_and(|n| (0..=GREEN_DAYS).contains(&n))));
        let last = d.burndown.last().unwrap();
        assert_eq!(last.on, today);
        let open = d.stats.tasks.total - d.stats.tasks.completed - d.stats.tasks.closed;
        assert_eq!(last.open, open as i64, "open at the end = tasks not done");
    }
}
