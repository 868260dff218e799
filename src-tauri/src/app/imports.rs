//! 导入已有台账: reading a unit's Excel ledger into a plan (the dry run) and applying it in
//! one transaction, with the same defaults from the CLI and the desktop: a date without a
//! year ("12月底前") is read in the year of the target inspection's feedback, else this
//! year.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use crate::db::{inspections, Db};
use crate::import::plan::ImportPlan;
use crate::import::{self, ImportOutcome, Target};
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

/// The dry run: what importing `file` into `target` would create, and every problem
/// found with its cell. Nothing is written.
pub fn preview(db: &Db, file: &Path, target: &Target, today: NaiveDate) -> Result<ImportPlan> {
    import::xlsx::read_ledger(file, default_year(db, target, today)?)
}

/// Imports `file` into `target` in one transaction (refused, with nothing written, when
/// the plan has errors); returns the plan it applied and what it did.
pub fn apply(
    db: &Db,
    file: &Path,
    target: &Target,
    today: NaiveDate,
) -> Result<(ImportPlan, ImportOutcome)> {
    let plan = preview(db, file, target, today)?;
    let outcome = import::apply(db, &plan, target, today)?;
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
