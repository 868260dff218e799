//! 统计: the dashboard of one inspection.

use tauri::State;

use super::state::AppState;
use super::CmdResult;
use crate::app::{dashboard as app, today, Dashboard};

/// The dashboard of one inspection: the official counts, the overdue and due-soon lists
/// and the burn-down.
#[tauri::command(async)]
pub fn dashboard(state: State<'_, AppState>, inspection_id: i64) -> CmdResult<Dashboard> {
    Ok(app::dashboard(&*state.db()?, inspection_id, today())?)
}
