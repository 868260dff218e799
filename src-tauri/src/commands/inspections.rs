//! 巡察 list and settings: inspections, their categories and derived deadlines.

use tauri::State;

use super::dto::InspectionView;
use super::state::AppState;
use super::CmdResult;
use crate::db::inspections;
use crate::domain::{Category, Inspection, InspectionInput};

/// All inspections, newest first.
#[tauri::command(async)]
pub fn list_inspections(state: State<'_, AppState>) -> CmdResult<Vec<Inspection>> {
    Ok(state.db()?.read(inspections::list)?)
}

/// One inspection with its categories and deadlines.
#[tauri::command(async)]
pub fn get_inspection(state: State<'_, AppState>, id: i64) -> CmdResult<InspectionView> {
    Ok(state.db()?.read(|c| {
        let inspection = inspections::get(c, id)?;
        Ok(InspectionView {
            categories: inspections::categories(c, id)?,
            deadlines: inspections::deadlines(c, &inspection)?,
            inspection,
        })
    })?)
}

/// 新建巡察.
#[tauri::command(async)]
pub fn create_inspection(
    state: State<'_, AppState>,
    input: InspectionInput,
) -> CmdResult<Inspection> {
    Ok(state.db()?.write(|tx| inspections::add_in_tx(tx, &input))?)
}

/// Saves changes to an inspection's settings.
#[tauri::command(async)]
pub fn update_inspection(
    state: State<'_, AppState>,
    id: i64,
    input: InspectionInput,
) -> CmdResult<Inspection> {
    Ok(state
        .db()?
        .write(|tx| inspections::edit_in_tx(tx, id, &input))?)
}

/// Adds a category at the end of the inspection's list.
#[tauri::command(async)]
pub fn add_category(
    state: State<'_, AppState>,
    inspection_id: i64,
    name: String,
) -> CmdResult<Category> {
    Ok(state
        .db()?
        .write(|tx| inspections::add_category_in_tx(tx, inspection_id, &name))?)
}

/// Renames a category.
#[tauri::command(async)]
pub fn rename_category(state: State<'_, AppState>, id: i64, name: String) -> CmdResult<Category> {
    Ok(state
        .db()?
        .write(|tx| inspections::rename_category_in_tx(tx, id, &name))?)
}

/// Sets whether the inspection's close-outs need 双审核 (初审 then 终审).
#[tauri::command(async)]
pub fn set_dual_review(state: State<'_, AppState>, id: i64, on: bool) -> CmdResult<Inspection> {
    Ok(state
        .db()?
        .write(|tx| inspections::set_dual_review_in_tx(tx, id, on))?)
}
