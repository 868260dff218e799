//! 整改了什么就写什么: the status report's account of each finding — every task with what
//! its progress entries actually say (dated, each thing said once) and where it stands —
//! and the next steps, naming each unfinished task with its deadline and each long-term
//! task with its milestones. Words come from the data; nothing is claimed that no entry
//! records.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};

use crate::domain::dates::format_cn;
use crate::domain::status::is_done;
use crate::domain::{CloseOutState, Completion, DeadlineKind, Finding, Status, Task};
use crate::report::data::LedgerData;
use crate::report::doc::{paragraph, Block};
use crate::report::numbering::{cn_number, level2};

/// A sentence without its closing punctuation, for joining with ；.
fn clause(text: &str) -> &str {
    text.trim()
        .trim_end_matches(['。', '；', '，', '、', '.', ';', ','])
        .trim_end()
}

/// Dates listed as a report writes them: 2025年6月1日、6月13日、2026年1月5日.
pub fn dates_cn(dates: &[NaiveDate]) -> String {
    let mut out = String::new();
    let mut year = None;
    for d in dates {
        if !out.is_empty() {
            out.push('、');
        }
        if year == Some(d.year()) {
            out.push_str(&format!("{}月{}日", d.month(), d.day()));
        } else {
            out.push_str(&format_cn(*d));
        }
        year = Some(d.year());
    }
    out
}

/// What a task's progress entries say, oldest first, each text once with all its dates;
/// texts in `said` (already written for this finding) are left out and added to it.
fn what_was_done(t: &Task, data: &LedgerData, said: &mut HashSet<String>) -> Vec<String> {
    let mut items: Vec<(String, &str, Vec<NaiveDate>)> = Vec::new();
    for p in data.progress.get(&t.id).into_iter().flatten() {
        let text = clause(&p.text);
        if text.is_empty() {
            continue;
        }
        let key: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        match items.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, dates)) => {
                if !dates.contains(&p.entered_on) {
                    dates.push(p.entered_on);
                }
            }
            None if said.contains(&key) => {}
            None => items.push((key, text, vec![p.entered_on])),
        }
    }
    items
        .into_iter()
        .map(|(key, text, dates)| {
            said.insert(key);
            format!("{}，{text}", dates_cn(&dates))
        })
        .collect()
}

/// When an open task is due: “于2025年9月30日前完成”, for long-term tasks the next stage.
fn due_phrase(t: &Task) -> String {
    match t.deadline_kind {
        DeadlineKind::LongTerm => {
            let next: Vec<String> = t
                .milestones
                .iter()
                .filter(|m| !m.done)
                .map(|m| format!("{}前{}", format_cn(m.due_on), clause(&m.target)))
                .collect();
            if next.is_empty() {
                "常态化推进".to_owned()
            } else {
                next.join("，")
            }
        }
        DeadlineKind::Immediate => match t.deadline {
            Some(d) => format!("按立行立改要求于{}前完成", format_cn(d)),
            None => "按立行立改要求立即完成".to_owned(),
        },
        DeadlineKind::Date => match t.deadline {
            Some(d) => format!("于{}前完成", format_cn(d)),
            None => "尽快完成".to_owned(),
        },
    }
}

/// Where a task stands, as one clause: 已完成整改，2025年7月8日经验收销号 / 正在推进，计划于….
fn standing(t: &Task, data: &LedgerData) -> String {
    let close_outs = data.close_outs.get(&t.id).map(Vec::as_slice).unwrap_or(&[]);
    let approved = close_outs
        .iter()
        .filter(|c| c.state == CloseOutState::Approved)
        .filter_map(|c| c.reviewed_on)
        .max();
    let requested = close_outs
        .iter()
        .filter(|c| crate::domain::status::close_out_pending(c.state))
        .map(|c| c.requested_on)
        .max();
    let late = if t.overdue {
        format!("，原定{}，已超过整改时限，已挂牌督办", due_phrase(t))
    } else {
        String::new()
    };
    match t.status {
        Status::Closed => match approved {
            Some(d) => format!("已完成整改，{}经验收销号", format_cn(d)),
            None => "已完成整改并销号".to_owned(),
        },
        Status::Completed => match requested {
            Some(d) => format!("已完成整改，{}提请销号", format_cn(d)),
            None => "已完成整改".to_owned(),
        },
        Status::LongTerm => {
            let done: Vec<&str> = t
                .milestones
                .iter()
                .filter(|m| m.done)
                .map(|m| clause(&m.target))
                .collect();
            let mut s = "需长期坚持".to_owned();
            if !done.is_empty() {
                s.push_str(&format!("，{}阶段目标已实现", done.join("、")));
            }
            if t.overdue {
                s.push_str(&late);
            } else {
                s.push_str(&format!("，下一步{}", due_phrase(t)));
            }
            s
        }
        Status::InProgress if t.overdue => format!("正在推进{late}"),
        Status::InProgress => format!("正在推进，计划{}", due_phrase(t)),
        Status::NotStarted if t.overdue => format!("尚未启动{late}"),
        Status::NotStarted => format!("尚未启动，计划{}", due_phrase(t)),
    }
}

/// “1.关于“…”的问题。一是…。2025年6月1日，…。该项措施已完成整改…。二是…。目前，该问题…”
pub fn finding_paragraph(n: usize, f: &Finding, data: &LedgerData) -> String {
    let mut text = format!("{n}.关于“{}”的问题。", clause(&f.title));
    let mut said = HashSet::new();
    let several = f.tasks.len() > 1;
    for (k, t) in f.tasks.iter().enumerate() {
        if several {
            text.push_str(&format!("{}是", cn_number(k + 1)));
        }
        text.push_str(clause(&t.measure));
        text.push('。');
        let done = what_was_done(t, data, &mut said);
        let had_entries = data.progress.get(&t.id).is_some_and(|p| !p.is_empty());
        if !done.is_empty() {
            text.push_str(&done.join("；"));
            text.push('。');
        } else if had_entries {
            text.push_str("相关工作与前项措施一并推进。");
        }
        text.push_str(&format!("该项措施{}。", standing(t, data)));
    }
    let regs: Vec<String> = data
        .regulations
        .iter()
        .filter(|r| r.finding_id == Some(f.id))
        .map(|r| format!("{}《{}》", r.action.label(), clause(&r.name)))
        .collect();
    if !regs.is_empty() {
        text.push_str(&format!("针对该问题，{}。", regs.join("、")));
    }
    let forms: Vec<&str> = data
        .accountabilities
        .iter()
        .filter(|a| a.finding_id == Some(f.id))
        .map(|a| a.form.trim())
        .collect();
    if !forms.is_empty() {
        text.push_str(&format!(
            "对{}名责任人进行问责（{}）。",
            forms.len(),
            forms.join("、")
        ));
    }
    text.push_str(match f.completion {
        Completion::Completed => "目前，该问题已完成整改。",
        Completion::BasicallyCompleted => "目前，该问题已基本完成，需持续整改。",
        Completion::Incomplete => "目前，该问题尚未完成整改。",
    });
    text
}

/// Who answers for a task: “由财务科牵头，钱卫东负责，”.
fn who(t: &Task) -> String {
    let a = &t.assignment;
    let unit = if a.lead_unit.trim().is_empty() {
        a.responsible_units.join("、")
    } else {
        a.lead_unit.trim().to_owned()
    };
    let person = a.responsible_person.trim();
    match (unit.is_empty(), person.is_empty()) {
        (false, false) => format!("由{unit}牵头、{person}负责，"),
        (false, true) => format!("由{unit}牵头，"),
        (true, false) => format!("由{person}负责，"),
        (true, true) => String::new(),
    }
}

/// 下一步工作打算: the open tasks by name, unfinished ones with their deadlines, long-term
/// ones with their milestones, then the work that keeps results from slipping back.
pub fn next_steps(data: &LedgerData) -> Vec<Block> {
    let open: Vec<(&Finding, &Task)> = data
        .findings
        .iter()
        .flat_map(|f| f.tasks.iter().map(move |t| (f, t)))
        .filter(|(_, t)| !is_done(t.status))
        .collect();
    let (long, unfinished): (Vec<_>, Vec<_>) =
        open.iter().partition(|(_, t)| t.status == Status::LongTerm);
    let overdue = open.iter().filter(|(_, t)| t.overdue).count();
    let mut blocks = Vec::new();
    let mut intro = format!("截至{}，", format_cn(data.today));
    if open.is_empty() {
        intro.push_str("反馈问题的整改措施已全部完成。");
    } else {
        if !unfinished.is_empty() {
            intro.push_str(&format!("尚有{}项整改措施未完成", unfinished.len()));
            if overdue > 0 {
                intro.push_str(&format!("（其中逾期{overdue}项）"));
            }
            if !long.is_empty() {
                intro.push('，');
            }
        }
        if !long.is_empty() {
            intro.push_str(&format!("{}项整改措施需长期坚持", long.len()));
        }
        intro.push_str("。下一步，将逐项明确责任和时限，一项一项抓好落实，完成一项、销号一项。");
    }
    blocks.push(paragraph("next", intro));
    let mut section = 0;
    let mut list =
        |blocks: &mut Vec<Block>, id: &str, heading: &str, tasks: &[&(&Finding, &Task)]| {
            if tasks.is_empty() {
                return;
            }
            section += 1;
            blocks.push(Block::Heading2 {
                id: id.into(),
                text: format!("{}{heading}", level2(section)),
            });
            for (n, (f, t)) in tasks.iter().enumerate() {
                let when = if t.overdue {
                    format!("原定{}，已逾期，已挂牌督办，加快推进", due_phrase(t))
                } else {
                    due_phrase(t)
                };
                blocks.push(paragraph(
                    format!("next-task-{}", t.id),
                    format!(
                        "{}.{}（{}）：{}{when}。",
                        n + 1,
                        clause(&t.measure),
                        clause(&f.title),
                        who(t)
                    ),
                ));
            }
        };
    list(
        &mut blocks,
        "h-next-unfinished",
        "抓好未完成任务的整改",
        &unfinished,
    );
    list(
        &mut blocks,
        "h-next-long-term",
        "持续推进长期整改任务",
        &long,
    );
    blocks.push(paragraph(
        "next-consolidate",
        "同时，对已完成整改的问题适时开展“回头看”，防止问题反弹；对照巡察反馈意见举一反三，\
         健全完善长效机制，推动巡察整改常态化、长效化。",
    ));
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Milestone, Progress};
    use crate::report::sample::{ledger as sample, Tasks};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    fn entry(task_id: i64, on: NaiveDate, text: &str) -> Progress {
        Progress {
            id: 0,
            task_id,
            entered_on: on,
            text: text.into(),
            by: String::new(),
            status_after: None,
            funds_recovered: 0.0,
            evidence: Vec::new(),
            created_at: String::new(),
        }
    }

    /// Finding 1 of the sample with two tasks: the first closed, the second in progress.
    fn data() -> LedgerData {
        let mut data = sample(4, Tasks::Each(2)).unwrap();
        let f = &mut data.findings[0];
        f.completion = Completion::Incomplete;
        let (a, b) = (f.tasks[0].id, f.tasks[1].id);
        f.tasks[0].status = Status::Closed;
        f.tasks[1].status = Status::InProgress;
        f.tasks[1].deadline_kind = DeadlineKind::Date;
        f.tasks[1].deadline = Some(d(8, 20));
        f.tasks[1].overdue = false;
        data.close_outs.get_mut(&a).unwrap()[0].reviewed_on = Some(d(7, 8));
        data.progress.insert(
            a,
            vec![
                entry(a, d(6, 1), "召开党组会专题研究意识形态工作"),
                entry(a, d(6, 13), "召开党组会专题研究意识形态工作。"),
                entry(a, d(6, 20), "印发《意识形态工作责任清单》。"),
            ],
        );
        data.progress.insert(
            b,
            vec![
                entry(b, d(6, 2), " 召开党组会专题研究意识形态工作 "),
                entry(b, d(6, 25), "完成2024年以来学习记录的自查，补齐学习档案；"),
            ],
        );
        data
    }

    #[test]
    fn each_task_says_what_its_entries_say_once_with_their_dates() {
        let data = data();
        let f = &data.findings[0];
        let text = finding_paragraph(1, f, &data);
        let want = format!(
            "1.关于“落实意识形态工作责任制不到位”的问题。\
             一是{}。2025年6月1日、6月13日，召开党组会专题研究意识形态工作；\
             2025年6月20日，印发《意识形态工作责任清单》。\
             该项措施已完成整改，2025年7月8日经验收销号。\
             二是{}。2025年6月25日，完成2024年以来学习记录的自查，补齐学习档案。\
             该项措施正在推进，计划于2025年8月20日前完成。\
             针对该问题，新建《区委统战部意识形态工作责任清单》。\
             目前，该问题尚未完成整改。",
            f.tasks[0].measure, f.tasks[1].measure
        );
        assert_eq!(text, want);
    }

    #[test]
    fn unfinished_and_long_term_tasks_are_named_with_their_dates() {
        let mut data = data();
        let f = &mut data.findings[0];
        f.tasks[1].overdue = true;
        f.tasks[1].deadline = Some(d(7, 1));
        let g = &mut data.findings[1];
        g.tasks[0].status = Status::LongTerm;
        g.tasks[0].deadline_kind = DeadlineKind::LongTerm;
        g.tasks[0].overdue = false;
        g.tasks[0].milestones = vec![
            Milestone {
                due_on: d(6, 30),
                target: "建立工作机制".into(),
                done: true,
            },
            Milestone {
                due_on: d(12, 31),
                target: "形成长效机制。".into(),
                done: false,
            },
        ];
        let keep = [data.findings[0].tasks[1].id, data.findings[1].tasks[0].id];
        for f in &mut data.findings {
            for t in &mut f.tasks {
                if !keep.contains(&t.id) {
                    t.status = Status::Closed;
                    t.overdue = false;
                }
            }
        }
        let blocks = next_steps(&data);
        let texts: Vec<&str> = blocks.iter().map(Block::text).collect();
        let (f, g) = (&data.findings[0], &data.findings[1]);
        let want = [
            "截至2025年7月15日，尚有1项整改措施未完成（其中逾期1项），1项整改措施需长期坚持。\
             下一步，将逐项明确责任和时限，一项一项抓好落实，完成一项、销号一项。"
                .to_owned(),
            "（一）抓好未完成任务的整改".to_owned(),
            format!(
                "1.{}（落实意识形态工作责任制不到位）：由{}牵头、{}负责，\
                 原定于2025年7月1日前完成，已逾期，已挂牌督办，加快推进。",
                f.tasks[1].measure,
                f.tasks[1].assignment.lead_unit,
                f.tasks[1].assignment.responsible_person
            ),
            "（二）持续推进长期整改任务".to_owned(),
            format!(
                "1.{}（{}）：由{}牵头、{}负责，2025年12月31日前形成长效机制。",
                g.tasks[0].measure,
                g.title,
                g.tasks[0].assignment.lead_unit,
                g.tasks[0].assignment.responsible_person
            ),
        ];
        assert_eq!(
            texts[..5],
            want.iter().map(String::as_str).collect::<Vec<_>>()[..]
        );
        assert!(texts[5].contains("回头看"));
        // The long-term task's standing in its finding names the stage reached.
        let para = finding_paragraph(1, g, &data);
        assert!(
            para.contains("该项措施需长期坚持，建立工作机制阶段目标已实现，下一步2025年12月31日前形成长效机制。"),
            "{para}"
        );
    }

    #[test]
    fn dates_drop_the_repeated_year() {
        let y = |yy, m, day| NaiveDate::from_ymd_opt(yy, m, day).unwrap();
        assert_eq!(
            dates_cn(&[y(2025, 6, 1), y(2025, 6, 13), y(2026, 1, 5)]),
            "2025年6月1日、6月13日、2026年1月5日"
        );
    }
}
