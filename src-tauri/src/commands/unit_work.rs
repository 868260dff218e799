//! 整改组织: the 整改专题民主生活会, the secretary's own actions, the leading group and each
//! document's 版头/版记, each through the one application function the CLI calls too.

use tauri::State;

use super::state::AppState;
use super::CmdResult;
use crate::app::exports::DocumentKind;
use crate::app::unit_work as app;
use crate::domain::{LeadingGroup, Letterhead, RectificationMeeting, SecretaryAction};

/// The inspection's 整改专题民主生活会, by date.
#[tauri::command(async)]
pub fn list_meetings(
    state: State<'_, AppState>,
    inspection_id: i64,
) -> CmdResult<Vec<RectificationMeeting>> {
    Ok(app::meetings(&*state.db()?, Some(inspection_id))?)
}

/// Records a 整改专题民主生活会 (`id` is ignored).
#[tauri::command(async)]
pub fn add_meeting(
    state: State<'_, AppState>,
    input: RectificationMeeting,
) -> CmdResult<RectificationMeeting> {
    Ok(app::add_meeting(&*state.db()?, &input)?)
}

/// What the secretary personally did, by date.
#[tauri::command(async)]
pub fn list_secretary_actions(
    state: State<'_, AppState>,
    inspection_id: i64,
) -> CmdResult<Vec<SecretaryAction>> {
    Ok(app::secretary_actions(&*state.db()?, Some(inspection_id))?)
}

/// Records something the secretary personally did (`id` is ignored).
#[tauri::command(async)]
pub fn add_secretary_action(
    state: State<'_, AppState>,
    input: SecretaryAction,
) -> CmdResult<SecretaryAction> {
    Ok(app::add_secretary_action(&*state.db()?, &input)?)
}

/// The inspection's 整改工作领导小组.
#[tauri::command(async)]
pub fn get_leading_group(
    state: State<'_, AppState>,
    inspection_id: i64,
) -> CmdResult<LeadingGroup> {
    Ok(app::leading_group(&*state.db()?, Some(inspection_id))?)
}

/// Saves the inspection's 整改工作领导小组.
#[tauri::command(async)]
pub fn set_leading_group(
    state: State<'_, AppState>,
    inspection_id: i64,
    group: LeadingGroup,
) -> CmdResult<()> {
    Ok(app::set_leading_group(
        &*state.db()?,
        Some(inspection_id),
        &group,
    )?)
}

/// A document's 版头/版记 for the inspection.
#[tauri::command(async)]
pub fn get_letterhead(
    state: State<'_, AppState>,
    inspection_id: i64,
    document: DocumentKind,
) -> CmdResult<Letterhead> {
    Ok(app::letterhead(
        &*state.db()?,
        Some(inspection_id),
        document,
    )?)
}

/// Saves a document's 版头/版记 for the inspection.
#[tauri::command(async)]
pub fn set_letterhead(
    state: State<'_, AppState>,
    inspection_id: i64,
    document: DocumentKind,
    letterhead: Letterhead,
) -> CmdResult<()> {
    Ok(app::set_letterhead(
        &*state.db()?,
        Some(inspection_id),
        document,
        &letterhead,
    )?)
}
