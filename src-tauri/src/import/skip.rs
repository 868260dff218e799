//! Importing the clean rows only: the user may leave out the rows with errors instead of
//! fixing the file. An error on a finding's own cells leaves out the finding with its
//! tasks, an error on a task's row that task; an error that belongs to no row (a missing
//! column, a broken merge) cannot be skipped, and the import is refused as before.

use super::mapping::MapTo;
use super::plan::{ImportPlan, Issue, Severity};

/// The column letters of a cell reference ("AB12" → "AB", "整改台账!AB12" → "AB").
fn letters(cell: &str) -> &str {
    let cell = cell.rsplit_once('!').map_or(cell, |(_, c)| c);
    let end = cell
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(cell.len());
    &cell[..end]
}

/// Whether an issue's cell lies in a column of the finding (反馈问题, 序号…) on its sheet.
fn on_finding(plan: &ImportPlan, sheet: &str, issue: &Issue) -> bool {
    let l = letters(&issue.cell);
    let columns = plan.table_of(sheet).map(|t| t.columns.as_slice());
    columns.unwrap_or_default().iter().any(|c| {
        c.letter == l
            && match c.to {
                MapTo::Column(k) => k.is_finding_level(),
                MapTo::FoundOn => true,
                _ => false,
            }
    })
}

/// The plan without the findings and tasks whose rows have errors, and the Excel rows
/// left out; the errors that belong to no finding or task are returned instead.
pub fn clean_rows(plan: &ImportPlan) -> Result<(ImportPlan, Vec<u32>), Vec<Issue>> {
    let errors: Vec<&Issue> = plan
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .collect();
    let mut out = plan.clone();
    let mut skipped: Vec<u32> = Vec::new();
    let mut stuck: Vec<Issue> = Vec::new();
    for e in &errors {
        let finding = out.findings.iter().position(|f| {
            // Rows are numbered per sheet; an issue names its sheet when several were read.
            (e.sheet.is_empty() || e.sheet == f.sheet)
                && (f.row == e.row || f.tasks.iter().any(|t| t.row == e.row))
        });
        let Some(fi) = finding else {
            stuck.push((*e).clone());
            continue;
        };
        let f = &mut out.findings[fi];
        let task = f.tasks.iter().position(|t| t.row == e.row);
        match task {
            Some(ti) if !(f.row == e.row && on_finding(plan, &f.sheet, e)) => {
                skipped.push(f.tasks.remove(ti).row);
                if f.tasks.is_empty() {
                    skipped.push(f.row);
                    out.findings.remove(fi);
                }
            }
            _ => {
                skipped.push(f.row);
                skipped.extend(f.tasks.iter().map(|t| t.row));
                out.findings.remove(fi);
            }
        }
    }
    if !stuck.is_empty() {
        return Err(stuck);
    }
    // A row's own errors went with it.
    skipped.sort_unstable();
    skipped.dedup();
    out.issues.retain(|i| i.severity != Severity::Error);
    Ok((out, skipped))
}
