//! 整改情况报告: the unit's report on its rectification — how the work was organised, the
//! official numbers, each finding with what was actually done (from its progress entries:
//! 整改了什么就写什么), rules made, accountability, next steps for unfinished and long-term
//! items, and the secretary's signature. A draft: paragraphs carry stable ids for edits.

use crate::domain::{Completion, DeadlineKind, RegulationAction, Status};
use crate::report::data::LedgerData;
use crate::report::doc::{paragraph, Block, Document};
use crate::report::feedback::by_category;
use crate::report::ledger::deadline_text;
use crate::report::numbering::{date_cn, level1, level2, sentence};

/// The numbers the report states, from the same derived values as `domain::counting`
/// (each finding's completion, each task's status and overdue), plus the breakdowns of
/// rules made that the report words separately.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub findings: usize,
    pub completed: usize,
    pub basically_completed: usize,
    pub incomplete: usize,
    pub tasks: usize,
    pub tasks_done: usize,
    pub tasks_in_progress: usize,
    pub tasks_long_term: usize,
    pub tasks_not_started: usize,
    pub tasks_overdue: usize,
    pub regulations: usize,
    pub regulations_new: usize,
    pub regulations_revised: usize,
    pub regulations_abolished: usize,
    pub accountable_people: usize,
    /// 追缴/清退资金, 万元.
    pub funds: f64,
    pub immediate_fixes: usize,
}

impl Counts {
    /// 完成率 in percent (completed findings over all).
    pub fn completion_rate(&self) -> f64 {
        crate::domain::counting::rate(self.completed as u32, self.findings as u32)
    }
}

/// Counts the data.
pub fn counts(data: &LedgerData) -> Counts {
    let mut c = Counts {
        findings: data.findings.len(),
        regulations: data.regulations.len(),
        accountable_people: data.accountabilities.len(),
        immediate_fixes: data.immediate_fixes.len(),
        ..Counts::default()
    };
    for f in &data.findings {
        match f.completion {
            Completion::Completed => c.completed += 1,
            Completion::BasicallyCompleted => c.basically_completed += 1,
            Completion::Incomplete => c.incomplete += 1,
        }
        for t in &f.tasks {
            c.tasks += 1;
            match t.status {
                Status::Completed | Status::Closed => c.tasks_done += 1,
                Status::InProgress => c.tasks_in_progress += 1,
                Status::LongTerm => c.tasks_long_term += 1,
                Status::NotStarted => c.tasks_not_started += 1,
            }
            if t.overdue {
                c.tasks_overdue += 1;
            }
        }
    }
    for r in &data.regulations {
        match r.action {
            RegulationAction::Establish => c.regulations_new += 1,
            RegulationAction::Revise => c.regulations_revised += 1,
            RegulationAction::Abolish => c.regulations_abolished += 1,
        }
    }
    c.funds = data
        .progress
        .values()
        .flatten()
        .map(|p| p.funds_recovered)
        .sum();
    c
}

/// 12.5 → "12.5", 3.0 → "3".
fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Composes the status report draft.
pub fn status_report(data: &LedgerData) -> Document {
    let ins = &data.inspection;
    let org = &ins.inspected_org;
    let c = counts(data);
    let mut blocks = vec![Block::Addressee {
        id: "addressee".into(),
        text: format!("{}巡察工作领导小组：", ins.authority),
    }];
    let fed = ins
        .feedback_date
        .map(|d| format!("{}，", date_cn(d)))
        .unwrap_or_default();
    blocks.push(paragraph(
        "opening",
        format!(
            "{fed}{}向{org}反馈了巡察情况。{org}高度重视，把抓好巡察整改作为重大政治任务，\
             对照反馈问题逐条制定整改措施，扎实推进整改落实。现将整改情况报告如下。",
            ins.team
        ),
    ));
    let mut h = 0;
    let mut heading = |blocks: &mut Vec<Block>, id: &str, text: &str| {
        h += 1;
        blocks.push(Block::Heading1 {
            id: id.into(),
            text: format!("{}{text}", level1(h)),
        });
    };

    heading(
        &mut blocks,
        "h-organisation",
        "提高政治站位，加强整改组织领导",
    );
    blocks.push(paragraph(
        "organisation",
        format!(
            "成立由党组书记{}任组长的整改工作领导小组，召开专题会议研究部署整改工作，\
             制定整改方案，建立问题清单、任务清单、责任清单，实行挂图作战、销号管理。",
            ins.org_secretary
        ),
    ));

    heading(&mut blocks, "h-overview", "整改落实总体情况");
    let mut overview = format!(
        "巡察反馈问题{}个，细化整改措施{}项。截至{}，已完成整改{}个，基本完成并持续整改{}个，\
         未完成{}个，整改完成率{}%。整改措施中已完成{}项，正在推进{}项，长期坚持{}项，未启动{}项",
        c.findings,
        c.tasks,
        date_cn(data.today),
        c.completed,
        c.basically_completed,
        c.incomplete,
        num(c.completion_rate()),
        c.tasks_done,
        c.tasks_in_progress,
        c.tasks_long_term,
        c.tasks_not_started,
    );
    if c.tasks_overdue > 0 {
        overview.push_str(&format!("，逾期{}项", c.tasks_overdue));
    }
    overview.push_str(&format!(
        "。建立完善制度{}项（新建{}项、修订{}项、废止{}项），问责{}人",
        c.regulations,
        c.regulations_new,
        c.regulations_revised,
        c.regulations_abolished,
        c.accountable_people
    ));
    if c.funds > 0.0 {
        overview.push_str(&format!("，追缴清退资金{}万元", num(c.funds)));
    }
    if c.immediate_fixes > 0 {
        overview.push_str(&format!("，巡察期间立行立改问题{}个", c.immediate_fixes));
    }
    overview.push('。');
    blocks.push(paragraph("overview", overview));

    heading(&mut blocks, "h-findings", "反馈问题整改落实情况");
    for (ci, (category, findings)) in by_category(data).iter().enumerate() {
        blocks.push(Block::Heading2 {
            id: format!("h-category-{}", ci + 1),
            text: format!("{}{}", level2(ci + 1), category.trim()),
        });
        for (n, f) in findings.iter().enumerate() {
            let mut done: Vec<String> = f
                .tasks
                .iter()
                .flat_map(|t| data.progress.get(&t.id).into_iter().flatten())
                .map(|p| sentence(&p.text).trim_end_matches('。').to_owned())
                .collect();
            done.dedup();
            let mut text = format!(
                "{}.关于“{}”的问题。",
                n + 1,
                f.title.trim().trim_end_matches('。')
            );
            if done.is_empty() {
                text.push_str("整改措施已明确，正在组织推进。");
            } else {
                text.push_str(&format!("整改情况：{}。", done.join("；")));
            }
            let regs: Vec<String> = data
                .regulations
                .iter()
                .filter(|r| r.finding_id == Some(f.id))
                .map(|r| format!("{}《{}》", r.action.label(), r.name))
                .collect();
            if !regs.is_empty() {
                text.push_str(&format!("建章立制：{}。", regs.join("、")));
            }
            let held = data
                .accountabilities
                .iter()
                .filter(|a| a.finding_id == Some(f.id))
                .count();
            if held > 0 {
                text.push_str(&format!("问责{held}人。"));
            }
            text.push_str(&format!("目前{}。", f.completion.label()));
            blocks.push(paragraph(format!("finding-{}", f.id), text));
        }
    }

    heading(&mut blocks, "h-rules", "建章立制和问责情况");
    let rules: Vec<String> = data
        .regulations
        .iter()
        .map(|r| {
            let no = if r.doc_no.trim().is_empty() {
                String::new()
            } else {
                format!("（{}）", r.doc_no.trim())
            };
            format!("{}《{}》{no}", r.action.label(), r.name)
        })
        .collect();
    blocks.push(paragraph(
        "rules",
        if rules.is_empty() {
            "针对反馈问题，认真查找制度漏洞，建立健全长效机制。".to_owned()
        } else {
            format!(
                "针对反馈问题举一反三，共建立完善制度{}项：{}。",
                rules.len(),
                rules.join("；")
            )
        },
    ));
    let mut forms: Vec<(String, usize)> = Vec::new();
    for a in &data.accountabilities {
        match forms.iter_mut().find(|(f, _)| *f == a.form) {
            Some((_, n)) => *n += 1,
            None => forms.push((a.form.clone(), 1)),
        }
    }
    if !forms.is_empty() {
        let parts: Vec<String> = forms.iter().map(|(f, n)| format!("{f}{n}人")).collect();
        blocks.push(paragraph(
            "accountability",
            format!(
                "坚持问题整改与追责问责相结合，共问责{}人，其中{}。",
                c.accountable_people,
                parts.join("、")
            ),
        ));
    }

    heading(&mut blocks, "h-next", "下一步工作打算");
    blocks.push(paragraph(
        "next",
        "对尚未完成和需要长期坚持的整改任务，继续紧盯不放，按照时间节点持续推进，\
         确保件件有着落、事事有回音，巩固拓展整改成效。",
    ));
    let open: Vec<_> = data
        .findings
        .iter()
        .flat_map(|f| f.tasks.iter())
        .filter(|t| !matches!(t.status, Status::Completed | Status::Closed))
        .collect();
    for (n, t) in open.iter().enumerate() {
        let when = match t.deadline_kind {
            DeadlineKind::LongTerm => deadline_text(t),
            _ => format!("于{}前完成", deadline_text(t)),
        };
        let who = if t.assignment.lead_unit.is_empty() {
            String::new()
        } else {
            format!("由{}牵头，", t.assignment.lead_unit)
        };
        blocks.push(paragraph(
            format!("next-task-{}", t.id),
            format!(
                "{}.{}：{who}{when}。",
                n + 1,
                t.measure.trim().trim_end_matches('。')
            ),
        ));
    }

    blocks.push(Block::Signature {
        id: "signature".into(),
        text: format!("{org}\n党组书记：{}", ins.org_secretary),
    });
    blocks.push(Block::Date {
        id: "date".into(),
        text: date_cn(data.today),
    });
    Document {
        title: format!("{org}关于{}巡察反馈意见整改情况的报告", ins.team),
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample::sample_ledger;

    #[test]
    fn figures_match_the_data() {
        let data = sample_ledger(24, 2);
        let c = counts(&data);
        assert_eq!(c.findings, 24);
        assert_eq!(c.tasks, 48);
        assert_eq!(c.completed + c.basically_completed + c.incomplete, 24);
        let by_status = |s: &[Status]| {
            data.findings
                .iter()
                .flat_map(|f| &f.tasks)
                .filter(|t| s.contains(&t.status))
                .count()
        };
        assert_eq!(
            c.tasks_done,
            by_status(&[Status::Completed, Status::Closed])
        );
        assert_eq!(c.tasks_long_term, by_status(&[Status::LongTerm]));
        let doc = status_report(&data);
        let text = doc.plain_text();
        let want = format!(
            "巡察反馈问题24个，细化整改措施48项。截至2025年7月15日，已完成整改{}个，基本完成并持续整改{}个，未完成{}个",
            c.completed, c.basically_completed, c.incomplete
        );
        assert!(text.contains(&want), "{want}\n{text}");
        assert!(text.contains("建立完善制度2项（新建1项、修订1项、废止0项），问责1人"));
        assert!(text.contains("诫勉1人"));
        assert!(text.contains("党组书记：张犇"));
        // Each finding appears with what was done, from its own progress entries.
        let f = &data.findings[0];
        let entry = &data.progress[&f.tasks[0].id][0];
        let para = doc
            .blocks
            .iter()
            .find(|b| b.id() == Some(&*format!("finding-{}", f.id)))
            .unwrap();
        assert!(para.text().contains(entry.text.as_str()), "{}", para.text());
        // Next steps list exactly the unfinished tasks.
        let open = data
            .findings
            .iter()
            .flat_map(|f| &f.tasks)
            .filter(|t| !matches!(t.status, Status::Completed | Status::Closed))
            .count();
        let next = doc
            .blocks
            .iter()
            .filter(|b| b.id().is_some_and(|i| i.starts_with("next-task-")))
            .count();
        assert_eq!(next, open);
        assert!(!text.contains("线索"));
    }

    #[test]
    fn rate_formatting() {
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(50.0), "50");
        assert_eq!(num(33.333_333), "33.33");
    }
}
