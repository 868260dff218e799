//! The list sheets of the workbook: 问题清单, 任务清单, 责任清单 and the optional
//! 立行立改清单, 建章立制汇总表, 问责情况表, 销号清单, each built as a plain table.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::table::{col, Table};
use super::template::SheetKind;
use crate::domain::dates::format_cn;
use crate::domain::names::split_names;
use crate::domain::status::{effective_due, is_done, next_open_milestone};
use crate::domain::{Finding, Task};
use crate::report::data::LedgerData;
use crate::report::ledger::cells::{deadline_cell, progress_text, status_text};
use crate::report::ledger::{fill, CellValue};
use crate::report::sections::{numbers, FindingNo};

fn title(kind: SheetKind, all: &[&LedgerData]) -> String {
    let org = fill("{inspected_org}", all);
    format!("{org}巡察整改{}", kind.name())
}

fn table(kind: SheetKind, all: &[&LedgerData], columns: Vec<super::table::TableColumn>) -> Table {
    Table {
        sheet: kind.name().to_owned(),
        title: title(kind, all),
        columns,
        rows: Vec::new(),
        warning_col: None,
    }
}

/// Every finding with its inspection's data and its number in the documents.
fn findings<'a>(all: &[&'a LedgerData]) -> Vec<(&'a LedgerData, FindingNo, &'a Finding)> {
    let mut out = Vec::new();
    for d in all {
        let nos = numbers(d);
        for f in &d.findings {
            let no = nos.get(&f.id).copied().unwrap_or(FindingNo {
                ordinal: None,
                number: f.seq as usize,
            });
            out.push((*d, no, f));
        }
    }
    out
}

fn num(n: usize) -> CellValue {
    CellValue::Number(n as f64)
}

/// 问题清单: one row per finding.
pub fn findings_table(all: &[&LedgerData]) -> Table {
    let mut t = table(
        SheetKind::Findings,
        all,
        vec![
            col("序号", 5.0, true),
            col("问题类别", 16.0, false),
            col("反馈问题", 24.0, false),
            col("具体表现", 40.0, false),
            col("问题性质", 9.0, true),
            col("问题来源", 10.0, true),
            col("任务数", 6.0, true),
            col("整改状态", 9.0, true),
            col("完成情况", 12.0, true),
        ],
    );
    for (_, no, f) in findings(all) {
        t.rows.push(vec![
            num(no.number),
            CellValue::text(&f.category),
            CellValue::text(&f.title),
            CellValue::text(&f.manifestation),
            CellValue::text(f.nature.label()),
            CellValue::text(&f.source),
            num(f.tasks.len()),
            CellValue::text(f.status.label()),
            CellValue::text(f.completion.label()),
        ]);
    }
    t
}

fn milestones_text(t: &Task) -> String {
    t.milestones
        .iter()
        .map(|m| {
            let done = if m.done { "（已完成）" } else { "" };
            format!("{}前：{}{done}", format_cn(m.due_on), m.target)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// 任务清单: one row per task, coloured by its warning, with its whole progress history.
pub fn tasks_table(all: &[&LedgerData]) -> Table {
    let mut t = table(
        SheetKind::Tasks,
        all,
        vec![
            col("编号", 6.0, true),
            col("反馈问题", 18.0, false),
            col("整改措施", 30.0, false),
            col("整改目标", 18.0, false),
            col("验收标准", 16.0, false),
            col("整改时限", 12.0, true),
            col("阶段目标", 18.0, false),
            col("牵头单位", 10.0, true),
            col("责任单位", 10.0, true),
            col("责任人", 8.0, true),
            col("整改进展", 30.0, false),
            col("整改状态", 9.0, true),
            col("预警", 9.0, true),
            col("剩余天数", 6.0, true),
        ],
    );
    t.warning_col = Some(12);
    for (d, no, f) in findings(all) {
        for task in &f.tasks {
            let a = &task.assignment;
            t.rows.push(vec![
                CellValue::text(format!("{no}-{}", task.seq)),
                CellValue::text(&f.title),
                CellValue::text(&task.measure),
                CellValue::text(&task.goal),
                CellValue::text(&task.acceptance),
                deadline_cell(task),
                CellValue::text(milestones_text(task)),
                CellValue::text(&a.lead_unit),
                CellValue::text(a.responsible_units.join("、")),
                CellValue::text(&a.responsible_person),
                CellValue::text(progress_text(task.id, d)),
                CellValue::text(status_text(task.status, task.overdue)),
                CellValue::text(task.warning.map(|w| w.label()).unwrap_or_default()),
                task.days_left
                    .map_or(CellValue::Empty, |d| CellValue::Number(d as f64)),
            ]);
        }
    }
    t
}

/// What one person or unit answers for.
#[derive(Default)]
struct Load {
    person: bool,
    roles: Vec<&'static str>,
    tasks: usize,
    done: usize,
    overdue: usize,
    next_due: Option<NaiveDate>,
    items: Vec<String>,
}

/// At most this many items are listed in one 负责事项 cell (a cell holds 32,767
/// characters, and a longer list is read in the 任务清单 anyway).
const MAX_ITEMS: usize = 40;

fn items_text(items: &[String]) -> String {
    if items.len() <= MAX_ITEMS {
        return items.join("\n");
    }
    let mut s = items[..MAX_ITEMS].join("\n");
    s.push_str(&format!("\n……等共{}项，详见任务清单", items.len()));
    s
}

fn short(text: &str, n: usize) -> String {
    let mut s: String = text.chars().take(n).collect();
    if text.chars().count() > n {
        s.push('…');
    }
    s
}

/// 责任清单: one row per person or unit with what they answer for and the deadlines.
pub fn responsibilities_table(all: &[&LedgerData]) -> Table {
    let mut t = table(
        SheetKind::Responsibilities,
        all,
        vec![
            col("序号", 5.0, true),
            col("责任主体", 12.0, true),
            col("类别", 6.0, true),
            col("承担角色", 12.0, true),
            col("任务数", 6.0, true),
            col("已完成", 6.0, true),
            col("未完成", 6.0, true),
            col("逾期", 6.0, true),
            col("最近时限", 12.0, true),
            col("负责事项", 48.0, false),
        ],
    );
    let mut order: Vec<String> = Vec::new();
    let mut loads: HashMap<String, Load> = HashMap::new();
    for (_, no, f) in findings(all) {
        for task in &f.tasks {
            let a = &task.assignment;
            let roles: [(&'static str, &str, bool); 5] = [
                ("牵头领导", &a.lead_leader, true),
                ("责任领导", &a.responsible_leader, true),
                ("牵头单位", &a.lead_unit, false),
                ("责任单位", "", false),
                ("责任人", &a.responsible_person, true),
            ];
            let mut seen: Vec<String> = Vec::new();
            let mut add = |name: String, role: &'static str, person: bool| {
                let l = loads.entry(name.clone()).or_insert_with(|| {
                    order.push(name.clone());
                    Load {
                        person,
                        ..Load::default()
                    }
                });
                if !l.roles.contains(&role) {
                    l.roles.push(role);
                }
                if seen.contains(&name) {
                    return;
                }
                seen.push(name);
                l.tasks += 1;
                let due = effective_due(
                    task.deadline_kind,
                    task.deadline,
                    next_open_milestone(&task.milestones),
                );
                if is_done(task.status) {
                    l.done += 1;
                } else if let Some(d) = due {
                    l.next_due = Some(l.next_due.map_or(d, |n| n.min(d)));
                }
                if task.overdue {
                    l.overdue += 1;
                }
                let when = match deadline_cell(task) {
                    CellValue::Empty => "未定时限".into(),
                    v => v.shown().into_owned(),
                };
                l.items.push(format!(
                    "{no}-{} {}（{when}，{}）",
                    task.seq,
                    short(&task.measure, 24),
                    task.status.label()
                ));
            };
            for (role, names, person) in roles {
                for n in split_names(names) {
                    add(n, role, person);
                }
            }
            for u in &a.responsible_units {
                for n in split_names(u) {
                    add(n, "责任单位", false);
                }
            }
        }
    }
    order.sort_by(|a, b| {
        let (la, lb) = (&loads[a], &loads[b]);
        lb.person
            .cmp(&la.person)
            .then(lb.tasks.cmp(&la.tasks))
            .then(a.cmp(b))
    });
    for (i, name) in order.iter().enumerate() {
        let l = &loads[name];
        t.rows.push(vec![
            num(i + 1),
            CellValue::text(name),
            CellValue::text(if l.person { "人员" } else { "单位" }),
            CellValue::text(l.roles.join("、")),
            num(l.tasks),
            num(l.done),
            num(l.tasks - l.done),
            num(l.overdue),
            CellValue::date(l.next_due),
            CellValue::text(items_text(&l.items)),
        ]);
    }
    t
}

fn finding_titles<'a>(all: &[&'a LedgerData]) -> HashMap<i64, (FindingNo, &'a Finding)> {
    findings(all)
        .into_iter()
        .map(|(_, no, f)| (f.id, (no, f)))
        .collect()
}

fn finding_ref(id: Option<i64>, by_id: &HashMap<i64, (FindingNo, &Finding)>) -> CellValue {
    id.and_then(|id| by_id.get(&id))
        .map_or(CellValue::Empty, |(no, f)| {
            CellValue::text(format!("{no}. {}", f.title))
        })
}

/// 立行立改清单.
pub fn immediate_table(all: &[&LedgerData]) -> Table {
    let by_id = finding_titles(all);
    let mut t = table(
        SheetKind::ImmediateFixes,
        all,
        vec![
            col("序号", 5.0, true),
            col("问题", 30.0, false),
            col("整改情况", 40.0, false),
            col("完成时间", 12.0, true),
            col("对应反馈问题", 24.0, false),
        ],
    );
    for (i, x) in all.iter().flat_map(|d| &d.immediate_fixes).enumerate() {
        t.rows.push(vec![
            num(i + 1),
            CellValue::text(&x.title),
            CellValue::text(&x.action),
            CellValue::date(x.fixed_on),
            finding_ref(x.finding_id, &by_id),
        ]);
    }
    t
}

/// 建章立制汇总表.
pub fn regulations_table(all: &[&LedgerData]) -> Table {
    let by_id = finding_titles(all);
    let mut t = table(
        SheetKind::Regulations,
        all,
        vec![
            col("序号", 5.0, true),
            col("制度名称", 36.0, false),
            col("类型", 6.0, true),
            col("文号", 16.0, true),
            col("印发时间", 12.0, true),
            col("对应反馈问题", 30.0, false),
        ],
    );
    for (i, x) in all.iter().flat_map(|d| &d.regulations).enumerate() {
        t.rows.push(vec![
            num(i + 1),
            CellValue::text(&x.name),
            CellValue::text(x.action.label()),
            CellValue::text(&x.doc_no),
            CellValue::Date(x.issued_on),
            finding_ref(x.finding_id, &by_id),
        ]);
    }
    t
}

/// 问责情况表.
pub fn accountability_table(all: &[&LedgerData]) -> Table {
    let by_id = finding_titles(all);
    let mut t = table(
        SheetKind::Accountability,
        all,
        vec![
            col("序号", 5.0, true),
            col("姓名", 8.0, true),
            col("职务", 16.0, true),
            col("问责方式", 12.0, true),
            col("问责时间", 12.0, true),
            col("对应反馈问题", 30.0, false),
            col("备注", 16.0, false),
        ],
    );
    for (i, x) in all.iter().flat_map(|d| &d.accountabilities).enumerate() {
        t.rows.push(vec![
            num(i + 1),
            CellValue::text(&x.person),
            CellValue::text(&x.position),
            CellValue::text(&x.form),
            CellValue::Date(x.decided_on),
            finding_ref(x.finding_id, &by_id),
            CellValue::text(&x.notes),
        ]);
    }
    t
}

/// 销号清单: every close-out request with its review.
pub fn close_outs_table(all: &[&LedgerData]) -> Table {
    let mut t = table(
        SheetKind::CloseOuts,
        all,
        vec![
            col("序号", 5.0, true),
            col("编号", 6.0, true),
            col("整改措施", 28.0, false),
            col("提请时间", 12.0, true),
            col("提请人", 8.0, true),
            col("提请说明", 24.0, false),
            col("验收审核人", 12.0, true),
            col("审核时间", 12.0, true),
            col("验收意见", 20.0, false),
            col("状态", 8.0, true),
        ],
    );
    let mut n = 0;
    for (d, no, f) in findings(all) {
        for task in &f.tasks {
            for c in d.close_outs.get(&task.id).into_iter().flatten() {
                n += 1;
                t.rows.push(vec![
                    num(n),
                    CellValue::text(format!("{no}-{}", task.seq)),
                    CellValue::text(&task.measure),
                    CellValue::Date(c.requested_on),
                    CellValue::text(&c.requested_by),
                    CellValue::text(&c.summary),
                    CellValue::text(two_reviews(
                        &c.first_reviewers.join("、"),
                        &c.approvers.join("、"),
                        c,
                    )),
                    CellValue::date(c.reviewed_on.or(c.first_reviewed_on)),
                    CellValue::text(two_reviews(&c.first_opinion, &c.verdict, c)),
                    CellValue::text(c.state.label()),
                ]);
            }
        }
    }
    t
}

/// A close-out's reviewers or opinions: under 双审核 both reviews, labelled (初审：…；终审：…).
fn two_reviews(first: &str, last: &str, c: &crate::domain::CloseOut) -> String {
    if c.first_reviewed_on.is_none() {
        return last.to_owned();
    }
    if c.reviewed_on.is_none() {
        return format!("初审：{first}");
    }
    format!("初审：{first}；终审：{last}")
}
