//! 整改情况报告: the unit's report on its rectification — how the work was organised, the
//! official numbers, each finding with what was actually done (from its progress entries:
//! 整改了什么就写什么), rules made, accountability, next steps for unfinished and long-term
//! items, and the secretary's signature. A draft: paragraphs carry stable ids for edits.

use crate::domain::dates::format_cn;
use crate::report::counts::num;
pub use crate::report::counts::{counts, Counts};
use crate::report::data::LedgerData;
use crate::report::doc::{paragraph, signed, to_leading_group, Block, Document};
use crate::report::numbering::{level1, level2};
use crate::report::rectified::{finding_paragraph, next_steps};
use crate::report::sections::sections;

/// “N个、M项” lists without the zero entries: 已完成12项，正在推进9项.
fn nonzero(parts: &[(&str, usize)], unit: &str) -> Vec<String> {
    parts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(what, n)| format!("{what}{n}{unit}"))
        .collect()
}

/// “2025年4月16日，区委第三巡察组向区统计局党组反馈了巡察情况”: how the reports and the plan
/// open (without the date when it is not known; no closing mark).
pub(crate) fn fed_back(data: &LedgerData) -> String {
    let ins = &data.inspection;
    let fed = ins
        .feedback_date
        .map(|d| format!("{}，", format_cn(d)))
        .unwrap_or_default();
    format!("{fed}{}向{}反馈了巡察情况", ins.team, ins.inspected_org)
}

/// 整改落实总体情况: the official numbers in the order reports give them.
pub(crate) fn overview_text(c: &Counts, data: &LedgerData) -> String {
    let mut text = format!(
        "巡察反馈问题{}个，细化整改措施{}项。截至{}，已完成整改{}个，基本完成并持续整改{}个，\
         未完成{}个，整改完成率{}%。",
        c.findings,
        c.tasks,
        format_cn(data.today),
        c.completed,
        c.basically_completed,
        c.incomplete,
        num(c.completion_rate()),
    );
    let tasks = nonzero(
        &[
            ("已完成", c.tasks_done),
            ("正在推进", c.tasks_in_progress),
            ("长期坚持", c.tasks_long_term),
            ("未启动", c.tasks_not_started),
        ],
        "项",
    );
    if !tasks.is_empty() {
        text.push_str(&format!("{}项整改措施中，{}", c.tasks, tasks.join("，")));
        if c.tasks_overdue > 0 {
            text.push_str(&format!("；逾期{}项，均已挂牌督办", c.tasks_overdue));
        }
        text.push('。');
    }
    let mut more = Vec::new();
    if c.regulations > 0 {
        let kinds = nonzero(
            &[
                ("新建", c.regulations_new),
                ("修订", c.regulations_revised),
                ("废止", c.regulations_abolished),
            ],
            "项",
        );
        more.push(format!(
            "建立完善制度{}项（{}）",
            c.regulations,
            kinds.join("、")
        ));
    }
    if c.accountable_people > 0 {
        more.push(format!("问责{}人", c.accountable_people));
    }
    if c.funds > 0.0 {
        more.push(format!("追缴清退资金{}万元", num(c.funds)));
    }
    if c.immediate_fixes > 0 {
        more.push(format!("巡察期间立行立改问题{}个", c.immediate_fixes));
    }
    if !more.is_empty() {
        text.push_str(&more.join("，"));
        text.push('。');
    }
    text
}

/// Composes the status report draft.
pub fn status_report(data: &LedgerData) -> Document {
    let ins = &data.inspection;
    let org = &ins.inspected_org;
    let c = counts(data);
    let mut blocks = vec![to_leading_group(&ins.authority)];
    blocks.push(paragraph(
        "opening",
        format!(
            "{}。{org}高度重视，把抓好巡察整改作为重大政治任务，\
             对照反馈问题逐条制定整改措施，扎实推进整改落实。现将整改情况报告如下。",
            fed_back(data)
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
    let overview = overview_text(&c, data);
    blocks.push(paragraph("overview", overview));

    heading(&mut blocks, "h-findings", "反馈问题整改落实情况");
    for (ci, section) in sections(data).iter().enumerate() {
        blocks.push(Block::Heading2 {
            id: format!("h-category-{}", ci + 1),
            text: format!("{}{}", level2(ci + 1), section.name),
        });
        for &(n, f) in &section.findings {
            blocks.push(paragraph(
                format!("finding-{}", f.id),
                finding_paragraph(n, f, data),
            ));
        }
    }

    heading(&mut blocks, "h-rules", "建章立制和问责情况");
    let rules: Vec<String> = data
        .regulations
        .iter()
        .map(|r| {
            let mut note = vec![];
            if !r.doc_no.trim().is_empty() {
                note.push(r.doc_no.trim().to_owned());
            }
            note.push(format!("{}印发", format_cn(r.issued_on)));
            format!(
                "{}《{}》（{}）",
                r.action.label(),
                r.name.trim(),
                note.join("，")
            )
        })
        .collect();
    blocks.push(paragraph(
        "rules",
        if rules.is_empty() {
            "目前尚未出台新的制度文件，将结合整改进度同步建章立制，堵塞制度漏洞。".to_owned()
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
    blocks.extend(next_steps(data));

    blocks.extend(signed(
        format!("{org}\n党组书记：{}", ins.org_secretary),
        format_cn(data.today),
    ));
    Document {
        title: format!("{org}关于{}巡察反馈意见整改情况的报告", ins.team),
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;
    use crate::report::sample::{ledger as sample, Tasks};

    fn block<'d>(doc: &'d Document, id: &str) -> &'d str {
        doc.blocks
            .iter()
            .find(|b| b.id() == Some(id))
            .map(Block::text)
            .unwrap_or_else(|| panic!("no block {id}"))
    }

    #[test]
    fn the_overview_states_the_numbers_and_leaves_out_zeros() {
        let data = sample(24, Tasks::Each(2)).unwrap();
        let c = counts(&data);
        let doc = status_report(&data);
        let mut want = format!(
            "巡察反馈问题24个，细化整改措施48项。截至2025年7月15日，已完成整改{}个，\
             基本完成并持续整改{}个，未完成{}个，整改完成率{}%。48项整改措施中，已完成{}项，\
             正在推进{}项，长期坚持{}项，未启动{}项",
            c.completed,
            c.basically_completed,
            c.incomplete,
            num(c.completion_rate()),
            c.tasks_done,
            c.tasks_in_progress,
            c.tasks_long_term,
            c.tasks_not_started,
        );
        assert!(c.tasks_overdue > 0);
        want.push_str(&format!("；逾期{}项，均已挂牌督办。", c.tasks_overdue));
        want.push_str(&format!(
            "建立完善制度2项（新建1项、修订1项），问责1人，追缴清退资金{}万元，巡察期间立行立改问题1个。",
            num(c.funds)
        ));
        assert_eq!(block(&doc, "overview"), want);
        let text = doc.plain_text();
        assert!(text.contains("诫勉1人"));
        assert!(text.contains(
            "新建《区委统战部意识形态工作责任清单》（区统发〔2025〕12号，2025年6月10日印发）"
        ));
        assert!(text.contains("党组书记：张犇"));
        assert!(!text.contains("线索"));
    }

    #[test]
    fn findings_and_next_steps_come_from_the_tasks() {
        let data = sample(24, Tasks::Each(2)).unwrap();
        let doc = status_report(&data);
        // Each finding with what its own progress entries say.
        for f in &data.findings {
            let para = block(&doc, &format!("finding-{}", f.id));
            for t in &f.tasks {
                assert!(para.contains(t.measure.as_str()), "{para}");
                for p in data.progress.get(&t.id).into_iter().flatten() {
                    assert!(para.contains(p.text.as_str()), "{para}");
                    let day = p.entered_on.format("%-m月%-d日").to_string();
                    assert!(para.contains(&day), "{day} {para}");
                }
            }
        }
        // Next steps name exactly the unfinished and long-term tasks.
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
    }
}
