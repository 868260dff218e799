//! 巡察 list and settings: inspections, their categories and derived deadlines.

use tauri::State;

use super::state::AppState;
use super::CmdResult;
use crate::app::{inspections as app, InspectionView};
use crate::domain::{Category, Inspection, InspectionInput};

/// All inspections, newest first.
#[tauri::command(async)]
pub fn list_inspections(state: State<'_, AppState>) -> CmdResult<Vec<Inspection>> {
    Ok(app::list(&*state.db()?)?)
}

/// One inspection with its categories and deadlines.
#[tauri::command(async)]
pub fn get_inspection(state: State<'_, AppState>, id: i64) -> CmdResult<InspectionView> {
    Ok(app::view(&*state.db()?, Some(id))?)
}

/// 新建巡察.
#[tauri::command(async)]
pub fn create_inspection(
    state: State<'_, AppState>,
    input: InspectionInput,
) -> CmdResult<Inspection> {
    Ok(app::create(&*state.db()?, &input)?)
}

/// Saves changes to an inspection's settings.
#[tauri::command(async)]
pub fn update_inspection(
    state: State<'_, AppState>,
    id: i64,
    input: InspectionInput,
) -> CmdResult<Inspection> {
    Ok(app::update(&*state.db()?, id, &input)?)
}

/// Adds a category at the end of the inspection's list.
#[tauri::command(async)]
pub fn add_category(
    state: State<'_, AppState>,
    inspection_id: i64,
    name: String,
) -> CmdResult<Category> {
    Ok(app::add_category(
        &*state.db()?,
        Some(inspection_id),
        &name,
    )?)
}

/// Renames a category.
#[tauri::command(async)]
pub fn rename_category(state: State<'_, AppState>, id: i64, name: String) -> CmdResult<Category> {
    Ok(app::rename_category(&*state.db()?, id, &name)?)
}

/// Sets whether the inspection's close-outs need 双审核 (初审 then 终审).
#[tauri::command(async)]
pub fn set_dual_review(state: State<'_, AppState>, id: i64, on: bool) -> CmdResult<Inspection> {
    Ok(app::set_dual_review(&*state.db()?, id, on)?)
}
