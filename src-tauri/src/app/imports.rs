//! 导入已有台账: reading a unit's Excel ledger into a plan (the dry run) and applying it in
//! one transaction, with the same defaults from the CLI and the desktop: a date without a
//! year ("12月底前") is read in the year of the target inspection's feedback, else this
//! year.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use serde::{Deserialize, Serialize};

use crate::db::{import_mappings, inspections, Db};
use crate::import::mapping::{Choice, Reason};
use crate::import::plan::ImportPlan;
use crate::import::xlsx::ReadOptions;
use crate::import::{self, ApplyOptions, ImportOutcome, Target};
use crate::Result;

/// The year a date written without one belongs to, for an import into `target`.
pub fn default_year(db: &Db, target: &Target, today: NaiveDate) -> Result<i32> {
    Ok(match target {
        Target::Inspection(id) => db
            .read(|c| inspections::get(c, *id))?
            .feedback_date
            .map_or(today.year(), |d| d.year()),
        Target::NewInspection(_) => today.year(),
    })
}

/// What the user chose for an import: the sheet, the columns' fields, and whether rows
/// with errors are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportChoices {
    /// The sheet to read; `None` = the one that looks most like a ledger; `全部工作表`
    /// (`import::xlsx::ALL_SHEETS`) = every sheet with a ledger, in one plan.
    #[serde(default)]
    pub sheet: Option<String>,
    /// Columns mapped by hand (a letter or a header text → a field).
    #[serde(default)]
    pub mapping: Vec<Choice>,
    /// Import the clean rows and list the rest, instead of importing nothing.
    #[serde(default)]
    pub skip_faulty: bool,
}

fn read(
    db: &Db,
    file: &Path,
    target: &Target,
    today: NaiveDate,
    choices: &ImportChoices,
) -> Result<ImportPlan> {
    let options = ReadOptions {
        default_year: default_year(db, target, today)?,
        sheet: choices.sheet.clone(),
        mapping: choices.mapping.clone(),
        saved: db.read(import_mappings::all)?,
    };
    import::xlsx::read_ledger_to_map(file, &options)
}

/// The dry run: what importing `file` into `target` would create, every column with the
/// field it goes to and why (a mapping saved for the same header is used), and every
/// problem found with its cell. Nothing is written. When no ledger header is found, the
/// plan holds the columns of the most header-like row, none imported, and the error
/// saying so: once the user maps them, the preview reads the ledger.
pub fn preview(
    db: &Db,
    file: &Path,
    target: &Target,
    today: NaiveDate,
    choices: &ImportChoices,
) -> Result<ImportPlan> {
    read(db, file, target, today, choices)
}

/// Per sheet read, the columns mapped by hand or by a saved mapping, by letter: what is
/// kept for the next file with the same header.
fn to_remember(plan: &ImportPlan) -> Vec<(String, Vec<Choice>)> {
    plan.tables
        .iter()
        .map(|t| {
            let choices = t
                .columns
                .iter()
                .filter(|c| matches!(c.reason, Reason::User | Reason::Saved))
                .map(|c| Choice {
                    column: c.letter.clone(),
                    to: c.to,
                })
                .collect();
            (t.shape.clone(), choices)
        })
        .filter(|(shape, choices): &(String, Vec<Choice>)| !shape.is_empty() && !choices.is_empty())
        .collect()
}

/// Imports `file` into `target` in one transaction: refused, with nothing written, when
/// the plan has errors, unless `choices.skip_faulty` leaves their rows out. A mapping made
/// by hand is saved, in the same transaction, for the next file with the same header.
/// Returns the plan read and what was done.
pub fn apply(
    db: &Db,
    file: &Path,
    target: &Target,
    today: NaiveDate,
    choices: &ImportChoices,
) -> Result<(ImportPlan, ImportOutcome)> {
    let plan = read(db, file, target, today, choices)?;
    let remember = if choices.mapping.is_empty() {
        Vec::new()
    } else {
        to_remember(&plan)
    };
    let options = ApplyOptions {
        skip_faulty: choices.skip_faulty,
        remember,
    };
    let outcome = import::apply_with(db, &plan, target, today, &options)?;
    Ok((plan, outcome))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_without_a_year_is_read_in_the_feedback_year() {
        let db = Db::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let input = crate::domain::InspectionInput {
            inspected_org: Some("区统计局党组".into()),
            feedback_date: NaiveDate::from_ymd_opt(2024, 3, 20),
            ..Default::default()
        };
        let i = super::super::inspections::create(&db, &input).unwrap();
        assert_eq!(
            default_year(&db, &Target::Inspection(i.id), today).unwrap(),
            2024
        );
        let new = Target::NewInspection("新".into());
        assert_eq!(default_year(&db, &new, today).unwrap(), 2026);
    }
}
