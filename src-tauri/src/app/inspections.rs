//! 巡察: inspections, their problem categories, the deadlines derived from the feedback
//! date and the holiday calendar those working-day deadlines count on.

use super::views::InspectionView;
use crate::db::{inspections, Db};
use crate::domain::{Category, Inspection, InspectionDeadlines, InspectionInput};
use crate::Result;

/// All inspections, newest first.
pub fn list(db: &Db) -> Result<Vec<Inspection>> {
    db.read(inspections::list)
}

/// The inspection a command means: `id`, or the most recent one.
pub fn resolve(db: &Db, id: Option<i64>) -> Result<Inspection> {
    db.read(|c| inspections::resolve(c, id))
}

/// One inspection with its categories and deadlines (`None`: the most recent).
pub fn view(db: &Db, id: Option<i64>) -> Result<InspectionView> {
    db.read(|c| {
        let inspection = inspections::resolve(c, id)?;
        Ok(InspectionView {
            categories: inspections::categories(c, inspection.id)?,
            deadlines: inspections::deadlines(c, &inspection)?,
            inspection,
        })
    })
}

/// The statutory deadlines of an inspection; refused before the feedback date is known.
pub fn deadlines(db: &Db, id: Option<i64>) -> Result<(Inspection, InspectionDeadlines)> {
    let v = view(db, id)?;
    let d = v.deadlines.ok_or_else(|| {
        crate::Error::invalid("feedback_date", "该巡察尚未填写反馈日期，无法推算时限")
    })?;
    Ok((v.inspection, d))
}

/// 新建巡察.
pub fn create(db: &Db, input: &InspectionInput) -> Result<Inspection> {
    db.write(|tx| inspections::add_in_tx(tx, input))
}

/// Changes an inspection's settings.
pub fn update(db: &Db, id: i64, input: &InspectionInput) -> Result<Inspection> {
    db.write(|tx| inspections::edit_in_tx(tx, id, input))
}

/// Whether the inspection's close-outs need 双审核 (初审 then 终审).
pub fn set_dual_review(db: &Db, id: i64, on: bool) -> Result<Inspection> {
    db.write(|tx| inspections::set_dual_review_in_tx(tx, id, on))
}

/// The categories of an inspection (`None`: the most recent), in order.
pub fn categories(db: &Db, inspection: Option<i64>) -> Result<Vec<Category>> {
    Ok(view(db, inspection)?.categories)
}

/// Adds a category at the end of the inspection's list.
pub fn add_category(db: &Db, inspection: Option<i64>, name: &str) -> Result<Category> {
    let id = resolve(db, inspection)?.id;
    db.write(|tx| inspections::add_category_in_tx(tx, id, name))
}

/// Renames a category.
pub fn rename_category(db: &Db, id: i64, name: &str) -> Result<Category> {
    db.write(|tx| inspections::rename_category_in_tx(tx, id, name))
}

/// The category a user names by its number, its name or a unique part of it.
pub fn find_category(db: &Db, inspection: Option<i64>, text: &str) -> Result<Category> {
    let id = resolve(db, inspection)?.id;
    db.read(|c| inspections::find_category(c, id, text))
}

/// Adds (or replaces) a year of the holiday calendar from its text; returns the year.
pub fn add_calendar_year(db: &Db, text: &str) -> Result<i32> {
    db.write(|tx| inspections::add_calendar_year_in_tx(tx, text))
}

/// The years the holiday calendar knows.
pub fn calendar_years(db: &Db) -> Result<Vec<i32>> {
    Ok(db.read(inspections::calendar)?.years())
}
