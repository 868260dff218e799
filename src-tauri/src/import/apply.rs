//! Writing an accepted [`ImportPlan`] into the store, in one transaction: all or nothing.
//! Re-importing the same file does not duplicate findings: a finding is matched on
//! inspection + category + title, a task on its measure, a progress entry on its text, and
//! what changed is reported.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::mapping::{Choice, MapTo};
use super::plan::{ImportPlan, PlannedTask, Severity};
use super::skip;
use crate::db::{findings, import_mappings, inspections, progress, tasks, Db, WriteTx};
use crate::domain::dates::{format_deadline, parse_deadline};
use crate::domain::status::Via;
use crate::domain::{
    AssignmentPatch, DeadlineKind, Finding, FindingInput, FindingPatch, InspectionInput, Milestone,
    ProgressInput, Status, Task, TaskInput, TaskPatch,
};
use crate::report::ledger::LedgerColumn;
use crate::{Error, Result};

/// Where the plan goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An existing inspection.
    Inspection(i64),
    /// A new inspection with this name.
    NewInspection(String),
}

/// What a real import did.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportOutcome {
    pub inspection_id: i64,
    pub categories_added: usize,
    pub findings_added: usize,
    pub findings_matched: usize,
    pub tasks_added: usize,
    pub tasks_updated: usize,
    /// Progress entries (整改进展) recorded; entries already there are not repeated.
    pub progress_added: usize,
    /// Tasks the ledger marks 已销号 with a recorded review, closed with it.
    pub closed_as_recorded: usize,
    /// What changed on findings and tasks already there, and notes on the way, in Chinese.
    pub changes: Vec<String>,
    /// Excel rows left out because they had errors (when the user chose to skip them).
    pub skipped_rows: Vec<u32>,
    /// Whether the column mapping was saved for the next file with the same header.
    pub mapping_saved: bool,
}

/// How to apply a plan.
#[derive(Debug, Clone, Default)]
pub struct ApplyOptions {
    /// Import the rows without errors and leave out the others (listed in the outcome),
    /// instead of importing nothing.
    pub skip_faulty: bool,
    /// Column mappings to keep, by header shape (one per sheet read), in the same
    /// transaction.
    pub remember: Vec<(String, Vec<Choice>)>,
}

/// The inspected organisation named in an inspection's name (…对区委统战部党组的常规巡察),
/// or the whole name; the user corrects it in the inspection's settings.
fn inspected_org_of(name: &str) -> String {
    let org = name
        .split_once('对')
        .and_then(|(_, rest)| rest.rsplit_once('的').map(|(org, _)| org.trim()))
        .filter(|o| !o.is_empty());
    org.unwrap_or(name.trim()).to_owned()
}

fn at_row(at: &str, e: Error) -> Error {
    match e {
        Error::Validation { field, message } => Error::Validation {
            field,
            message: format!("{at}：{message}"),
        },
        other => other,
    }
}

fn assignment_patch(t: &PlannedTask) -> AssignmentPatch {
    let a = &t.assignment;
    AssignmentPatch {
        lead_leader: Some(a.lead_leader.clone()),
        responsible_leader: Some(a.responsible_leader.clone()),
        lead_unit: Some(a.lead_unit.clone()),
        responsible_units: Some(a.responsible_units.clone()),
        responsible_person: Some(a.responsible_person.clone()),
    }
}

/// A long-term task needs a stage target: ledgers rarely write one, so one is set from
/// the written date (or six months after the feedback) and the user is told to check it.
fn imported_milestones(
    t: &PlannedTask,
    at: &str,
    stage_due: NaiveDate,
    notes: &mut Vec<String>,
) -> Vec<Milestone> {
    if t.deadline_kind != DeadlineKind::LongTerm {
        return Vec::new();
    }
    let due = t.deadline.unwrap_or(stage_due);
    notes.push(format!(
        "{at}：长期坚持的任务已设阶段目标“{}前取得阶段性成效”，请核实",
        crate::domain::dates::format_cn(due)
    ));
    vec![Milestone {
        due_on: due,
        target: "取得阶段性成效".into(),
        done: false,
    }]
}

/// The status a new task starts in: a ledger's 已销号 is imported as 已完成, since a
/// close-out needs its review recorded here.
fn initial_status(t: &PlannedTask, at: &str, notes: &mut Vec<String>) -> Option<Status> {
    match t.status {
        // Closed below with the review the ledger records.
        Some(Status::Closed) if super::recorded::closes(t) => Some(Status::Completed),
        Some(Status::Closed) => {
            notes.push(format!(
                "{at}：“已销号”的任务导入为“已完成”，请在本软件中补办销号手续"
            ));
            Some(Status::Completed)
        }
        s => s,
    }
}

/// Writes `plan` into `db` (nothing at all if any part fails). Refuses a plan with errors.
pub fn apply(
    db: &Db,
    plan: &ImportPlan,
    target: &Target,
    today: NaiveDate,
) -> Result<ImportOutcome> {
    apply_with(db, plan, target, today, &ApplyOptions::default())
}

/// [`apply`], leaving out the rows with errors when `options.skip_faulty`, and saving the
/// column mapping given, all in one transaction.
pub fn apply_with(
    db: &Db,
    plan: &ImportPlan,
    target: &Target,
    today: NaiveDate,
    options: &ApplyOptions,
) -> Result<ImportOutcome> {
    let (clean, skipped);
    let plan = if options.skip_faulty && plan.has_errors() {
        match skip::clean_rows(plan) {
            Ok((p, rows)) => {
                (clean, skipped) = (p, rows);
                &clean
            }
            Err(stuck) => {
                let list: Vec<String> = stuck
                    .iter()
                    .map(|i| format!("{}：{}", i.place(), i.message))
                    .collect();
                return Err(Error::invalid(
                    "file",
                    format!(
                        "以下错误不属于某一行，跳过出错的行也无法导入（未写入任何数据）：{}",
                        list.join("；")
                    ),
                ));
            }
        }
    } else {
        skipped = Vec::new();
        plan
    };
    let errors: Vec<String> = plan
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| format!("{}：{}", i.place(), i.message))
        .collect();
    if !errors.is_empty() {
        // The first errors are enough to start on; the plan's report lists them all.
        const SHOWN: usize = 20;
        let more = if errors.len() > SHOWN {
            format!("；……其余 {} 处略", errors.len() - SHOWN)
        } else {
            String::new()
        };
        return Err(Error::invalid(
            "file",
            format!(
                "导入文件中有 {} 处错误，须先改正后再导入（未写入任何数据）：{}{more}",
                errors.len(),
                errors[..errors.len().min(SHOWN)].join("；")
            ),
        ));
    }
    // After the errors: a plan of columns only (no header recognised) says why above.
    if plan.findings.is_empty() {
        return Err(Error::invalid(
            "file",
            "跳过出错的行后没有可导入的反馈问题（未写入任何数据）",
        ));
    }
    db.write(|tx| {
        let mut out = apply_in_tx(tx, plan, target, today, &skipped)?;
        for (shape, choices) in &options.remember {
            import_mappings::save_in_tx(tx, shape, choices)?;
            out.mapping_saved = true;
        }
        out.skipped_rows = skipped.clone();
        Ok(out)
    })
}

fn apply_in_tx(
    tx: &mut WriteTx<'_>,
    plan: &ImportPlan,
    target: &Target,
    today: NaiveDate,
    skipped: &[u32],
) -> Result<ImportOutcome> {
    let inspection = match target {
        Target::Inspection(id) => inspections::get(tx.conn(), *id)?,
        Target::NewInspection(name) => inspections::add_in_tx(
            tx,
            &InspectionInput {
                name: Some(name.clone()),
                inspected_org: Some(inspected_org_of(name)),
                ..InspectionInput::default()
            },
        )?,
    };
    let mut out = ImportOutcome {
        inspection_id: inspection.id,
        ..ImportOutcome::default()
    };
    // Long-term work is normally closed within six months of the feedback (DOMAIN.md).
    let stage_due = inspection
        .feedback_date
        .unwrap_or(today)
        .checked_add_months(chrono::Months::new(6))
        .unwrap_or(today);
    let mut cats = inspections::categories(tx.conn(), inspection.id)?;
    for name in &plan.categories {
        let plain = inspections::strip_section_number(name);
        if !cats.iter().any(|c| c.name == plain) {
            cats.push(inspections::add_category_in_tx(tx, inspection.id, name)?);
            out.categories_added += 1;
        }
    }
    let mut existing: Vec<Finding> = findings::list(tx.conn(), Some(inspection.id), today)?;
    // Progress texts already recorded, per task: a re-import must not repeat them.
    let mut recorded: HashMap<i64, Vec<String>> =
        progress::by_task(tx.conn(), Some(inspection.id))?
            .into_iter()
            .map(|(id, ps)| (id, ps.into_iter().map(|p| p.text).collect()))
            .collect();
    // Findings this import added, with where they were read: the same problem on another
    // sheet joins it, and the user is told.
    let mut added_at: HashMap<i64, String> = HashMap::new();
    for pf in &plan.findings {
        let at_finding = plan.row_place(&pf.sheet, pf.row);
        // Each sheet has its own columns: a field it lacks leaves what is stored alone.
        let table = plan.table_of(&pf.sheet);
        let present = |c: LedgerColumn| {
            table.is_some_and(|t| t.columns.iter().any(|f| f.to == MapTo::Column(c)))
        };
        let category = inspections::strip_section_number(&pf.category).to_owned();
        let found = existing
            .iter()
            .position(|f| f.category == category && f.title == pf.title);
        let (finding_id, mut tasks_there): (i64, Vec<Task>) = match found {
            Some(i) => {
                out.findings_matched += 1;
                let f = &existing[i];
                if let Some(first) = added_at.get(&f.id) {
                    out.changes.push(format!(
                        "{at_finding}：问题“{}”与{first}的相同，已合为一个问题",
                        pf.title
                    ));
                }
                if !pf.manifestation.is_empty() && pf.manifestation != f.manifestation {
                    let patch = FindingPatch {
                        category_id: None,
                        manifestation: Some(pf.manifestation.clone()),
                        ..FindingPatch::default()
                    };
                    findings::edit_in_tx(tx, f.id, &patch, today)
                        .map_err(|e| at_row(&at_finding, e))?;
                    out.changes
                        .push(format!("{at_finding}：问题“{}”的具体表现已更新", pf.title));
                }
                (f.id, f.tasks.clone())
            }
            None => {
                let input = FindingInput {
                    category_id: None,
                    inspection_id: inspection.id,
                    category: category.clone(),
                    title: pf.title.clone(),
                    manifestation: pf.manifestation.clone(),
                    nature: pf.nature,
                    source: (!pf.source.is_empty()).then(|| pf.source.clone()),
                    found_on: pf.found_on,
                    ..FindingInput::default()
                };
                let f = findings::add_in_tx(tx, &input).map_err(|e| at_row(&at_finding, e))?;
                added_at.insert(f.id, at_finding.clone());
                out.findings_added += 1;
                existing.push(f.clone());
                (f.id, Vec::new())
            }
        };
        for pt in &pf.tasks {
            let at = plan.row_place(&pf.sheet, pt.row);
            let task_id = match tasks_there.iter().position(|t| t.measure == pt.measure) {
                Some(i) => {
                    let t = tasks_there.remove(i);
                    if update_task(tx, &t, pt, &at, &present, today, &mut out.changes)? {
                        out.tasks_updated += 1;
                    }
                    t.id
                }
                None => {
                    let input = TaskInput {
                        finding_id,
                        measure: pt.measure.clone(),
                        goal: pt.goal.clone(),
                        acceptance: pt.acceptance.clone(),
                        deadline_kind: Some(pt.deadline_kind),
                        deadline: pt.deadline,
                        milestones: imported_milestones(pt, &at, stage_due, &mut out.changes),
                        assignment: assignment_patch(pt),
                        note: pt.note.clone(),
                        status: initial_status(pt, &at, &mut out.changes),
                    };
                    let t = tasks::add_in_tx(tx, &input, today).map_err(|e| at_row(&at, e))?;
                    out.tasks_added += 1;
                    t.id
                }
            };
            let texts = recorded.entry(task_id).or_default();
            out.progress_added += record_progress(tx, task_id, pt, &at, texts, today)?;
            let changes = &mut out.changes;
            if super::recorded::close_out(tx, task_id, pt, &at, &plan.file, today, changes)? {
                out.closed_as_recorded += 1;
            }
        }
    }
    // The import itself is recorded, so a re-import that changed nothing is audited too.
    let record = serde_json::json!({
        "file": plan.file,
        "sheet": plan.sheet,
        "findings_added": out.findings_added,
        "findings_matched": out.findings_matched,
        "tasks_added": out.tasks_added,
        "tasks_updated": out.tasks_updated,
        "progress_added": out.progress_added,
        "closed_as_recorded": out.closed_as_recorded,
        "skipped_rows": skipped,
    });
    tx.audit::<(), _>(
        "import",
        "inspection",
        Some(inspection.id),
        None,
        Some(&record),
    )?;
    Ok(out)
}

/// Records the task's progress entries from the file that it does not have yet (same
/// text = same entry, whatever its date); returns how many were recorded.
fn record_progress(
    tx: &mut WriteTx<'_>,
    task_id: i64,
    pt: &PlannedTask,
    at: &str,
    recorded: &mut Vec<String>,
    today: NaiveDate,
) -> Result<usize> {
    let mut n = 0;
    for p in &pt.progress_entries {
        if recorded.iter().any(|t| t.trim() == p.text.trim()) {
            continue;
        }
        let input = ProgressInput {
            task_id,
            text: p.text.clone(),
            entered_on: p.entered_on,
            by: None,
            status: None,
            funds_recovered: 0.0,
            evidence: Vec::new(),
        };
        progress::add_in_tx(tx, &input, &[], today).map_err(|e| at_row(at, e))?;
        recorded.push(p.text.clone());
        n += 1;
    }
    Ok(n)
}

/// The deadline our own ledger gives back for `t`: a long-term task's cell lists its
/// stage dates, and reading takes the latest as the deadline. A file that says just that
/// has not changed the task.
fn deadline_as_written(t: &Task) -> (DeadlineKind, Option<NaiveDate>) {
    let text = format_deadline(t.deadline_kind, t.deadline, &t.milestones);
    parse_deadline(&text, None).unwrap_or((t.deadline_kind, t.deadline))
}

/// Brings an existing task in line with the file; says what changed. Returns whether
/// anything did. Only the columns the file has (`present`) are compared: a ledger without
/// a 验收标准 column says nothing about it, and must not empty it.
fn update_task(
    tx: &mut WriteTx<'_>,
    t: &Task,
    pt: &PlannedTask,
    at: &str,
    present: &dyn Fn(LedgerColumn) -> bool,
    today: NaiveDate,
    changes: &mut Vec<String>,
) -> Result<bool> {
    let mut changed = Vec::new();
    let mut patch = TaskPatch::default();
    let read = (pt.deadline_kind, pt.deadline);
    if read != (t.deadline_kind, t.deadline) && read != deadline_as_written(t) {
        patch.deadline_kind = Some(pt.deadline_kind);
        patch.deadline = Some(pt.deadline);
        changed.push("整改时限");
    }
    let differs = |c: LedgerColumn, file: &str, stored: &str| present(c) && file != stored;
    if differs(LedgerColumn::Goal, &pt.goal, &t.goal) {
        patch.goal = Some(pt.goal.clone());
        changed.push("整改目标");
    }
    if differs(LedgerColumn::Acceptance, &pt.acceptance, &t.acceptance) {
        patch.acceptance = Some(pt.acceptance.clone());
        changed.push("验收标准");
    }
    if differs(LedgerColumn::Note, &pt.note, &t.note) {
        patch.note = Some(pt.note.clone());
        changed.push("备注");
    }
    if !changed.is_empty() {
        tasks::edit_in_tx(tx, t.id, &patch, today).map_err(|e| at_row(at, e))?;
    }
    let (a, b) = (&pt.assignment, &t.assignment);
    let role = |c: LedgerColumn, file: &str, stored: &str| {
        differs(c, file, stored).then(|| file.to_owned())
    };
    let roles = AssignmentPatch {
        lead_leader: role(LedgerColumn::LeadLeader, &a.lead_leader, &b.lead_leader),
        responsible_leader: role(
            LedgerColumn::ResponsibleLeader,
            &a.responsible_leader,
            &b.responsible_leader,
        ),
        lead_unit: role(LedgerColumn::LeadUnit, &a.lead_unit, &b.lead_unit),
        responsible_units: (present(LedgerColumn::ResponsibleUnits)
            && a.responsible_units != b.responsible_units)
            .then(|| a.responsible_units.clone()),
        responsible_person: role(
            LedgerColumn::ResponsiblePerson,
            &a.responsible_person,
            &b.responsible_person,
        ),
    };
    let roles_changed = roles.lead_leader.is_some()
        || roles.responsible_leader.is_some()
        || roles.lead_unit.is_some()
        || roles.responsible_units.is_some()
        || roles.responsible_person.is_some();
    if roles_changed {
        tasks::assign_in_tx(tx, &[t.id], &roles, today).map_err(|e| at_row(at, e))?;
        changed.push("责任分工");
    }
    // A 已销号 with its review recorded is closed by the close-out (super::recorded).
    let closing = super::recorded::closes(pt);
    if let Some(s) = pt
        .status
        .filter(|s| *s != t.status && !(closing && *s == Status::Closed))
    {
        match tasks::set_status_in_tx(tx, t.id, s, Via::Progress) {
            Ok(_) => changed.push("整改状态"),
            Err(e) => changes.push(format!("{at}：整改状态未改为“{}”：{e}", s.label())),
        }
    }
    if changed.is_empty() {
        return Ok(false);
    }
    changes.push(format!(
        "{at}：任务“{}”的{}已按文件更新",
        pt.measure,
        changed.join("、")
    ));
    Ok(true)
}
