//! 导出与打印: which exports this build has. The Excel and PDF exports are wired here as
//! they land in the core; until then the UI keeps their buttons disabled.

use super::dto::ExportCaps;
use super::CmdResult;

/// The exports this build provides.
#[tauri::command(async)]
pub fn export_caps() -> CmdResult<ExportCaps> {
    Ok(ExportCaps {
        xlsx_ledger: false,
        pdf_ledger: false,
        feedback_report: false,
        status_report: false,
        weekly_summary: false,
        import_ledger: false,
    })
}
