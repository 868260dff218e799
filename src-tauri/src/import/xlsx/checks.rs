//! The store's own rules, run on what an import plans: a cell too long for its field
//! (a pasted 40,000-character 具体表现), an invisible control character, a task with no
//! measure or deadline… is reported on its cell before anything is written, so a plan
//! without errors does not fail half-way through the import. The rules are the
//! `domain::validate` functions the store calls, not a copy of them.

use chrono::NaiveDate;

use crate::db::inspections::strip_section_number;
use crate::domain::{validate, AssignmentPatch, DeadlineKind, Milestone, ProgressInput};
use crate::import::plan::{PlannedFinding, PlannedProgress, PlannedTask};
use crate::report::ledger::LedgerColumn;
use crate::{Error, Result};

/// A broken rule: the store field and the Chinese message.
pub type Broken = (String, String);

fn broken(r: Result<()>) -> Option<Broken> {
    match r {
        Ok(()) => None,
        Err(Error::Validation { field, message }) => Some((field, message)),
        Err(e) => Some((String::new(), e.to_string())),
    }
}

/// The ledger column a store field is read from.
pub fn column_of(field: &str) -> Option<LedgerColumn> {
    use LedgerColumn::*;
    Some(match field {
        "category" => Category,
        "title" => Title,
        "manifestation" => Manifestation,
        "source" => Source,
        "measure" => Measure,
        "goal" => Goal,
        "acceptance" => Acceptance,
        "note" => Note,
        "deadline" | "milestones" => Deadline,
        "lead_leader" => LeadLeader,
        "responsible_leader" => ResponsibleLeader,
        "lead_unit" => LeadUnit,
        "responsible_units" => ResponsibleUnits,
        "responsible_person" => ResponsiblePerson,
        "text" | "entered_on" | "by" => Progress,
        _ => return None,
    })
}

/// The first rule a planned finding breaks. Its category is checked as the store will
/// keep it (without its 一、).
pub fn finding(f: &PlannedFinding) -> Option<Broken> {
    let category = strip_section_number(&f.category);
    broken(
        validate::required_text("category", "问题类别", category, validate::limits::LINE).and_then(
            |_| validate::finding_fields(&f.title, &f.manifestation, Some(&f.source), None, &[]),
        ),
    )
}

/// The first rule a planned task breaks (the deadline against the feedback date is
/// checked on import, when the inspection is known). `stage_due` stands for the stage
/// target the import gives a long-term task.
pub fn task(t: &PlannedTask, stage_due: NaiveDate) -> Option<Broken> {
    let a = &t.assignment;
    let patch = AssignmentPatch {
        lead_leader: Some(a.lead_leader.clone()),
        responsible_leader: Some(a.responsible_leader.clone()),
        lead_unit: Some(a.lead_unit.clone()),
        responsible_units: Some(a.responsible_units.clone()),
        responsible_person: Some(a.responsible_person.clone()),
    };
    let milestones: Vec<Milestone> = match t.deadline_kind {
        DeadlineKind::LongTerm => vec![Milestone {
            due_on: t.deadline.unwrap_or(stage_due),
            target: "取得阶段性成效".into(),
            done: false,
        }],
        _ => Vec::new(),
    };
    let draft = validate::TaskDraft {
        measure: &t.measure,
        goal: &t.goal,
        acceptance: &t.acceptance,
        note: &t.note,
        kind: t.deadline_kind,
        deadline: t.deadline,
        milestones: &milestones,
    };
    broken(validate::assignment(&patch).and_then(|_| validate::task_fields(&draft, None)))
}

/// The first rule a planned progress entry breaks.
pub fn progress(p: &PlannedProgress) -> Option<Broken> {
    let input = ProgressInput {
        task_id: 0,
        text: p.text.clone(),
        entered_on: p.entered_on,
        by: None,
        status: None,
        funds_recovered: 0.0,
        evidence: Vec::new(),
    };
    broken(validate::progress(&input))
}
