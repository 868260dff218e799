//! The Tauri builder: plugins, state, window size restore/save and the command list.
//! Kept small; the commands live in `commands/`, the core knows nothing of Tauri.

use std::path::PathBuf;

use tauri::{LogicalSize, Manager, WindowEvent};

use crate::commands::settings::{DesktopSettings, WindowSize};
use crate::commands::state::AppState;
use crate::commands::*;

/// Which database to open: `--db`, else `XUNCHA_DB`, else the last one used (if it still
/// exists), else the default file in the data folder.
fn choose_db(arg: Option<PathBuf>, settings: &DesktopSettings) -> crate::Result<PathBuf> {
    if let Some(p) = arg {
        return Ok(p);
    }
    if std::env::var_os("XUNCHA_DB").is_some_and(|v| !v.is_empty()) {
        return crate::paths::default_db_path();
    }
    match &settings.last_db {
        Some(p) if p.is_file() => Ok(p.clone()),
        _ => crate::paths::default_db_path(),
    }
}

/// WebKitGTK's DMA-BUF renderer keeps a GL context and buffers in the web process: about
/// 80 MB more on this kind of laptop, for nothing an office form needs. The older shared
/// memory path draws the same pixels. A value the user sets wins.
pub fn prefer_lean_webkit() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        // Before any thread starts, so no one reads the environment concurrently.
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
}

/// Builds and runs the app until its window closes.
pub fn run(db_arg: Option<PathBuf>) -> Result<(), Box<dyn std::error::Error>> {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            // Installed packages carry the Fandol fonts as resources (tauri.conf.json).
            if let Ok(dir) = app.path().resource_dir() {
                crate::export::fonts::set_shipped_dir(dir.join("fonts"));
            }
            let config_dir = app.path().app_config_dir()?;
            let settings = DesktopSettings::load(&config_dir);
            let db_path = choose_db(db_arg.clone(), &settings)?;
            let window = settings.window;
            app.manage(AppState::new(&db_path, settings, config_dir));
            if let (Some(w), Some(win)) = (window, app.get_webview_window("main")) {
                let _ = win.set_size(LogicalSize::new(w.width.max(1024.0), w.height.max(640.0)));
                if w.maximized {
                    let _ = win.maximize();
                }
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            let state = window.state::<AppState>();
            match event {
                WindowEvent::Resized(size) => {
                    let scale = window.scale_factor().unwrap_or(1.0);
                    let size = size.to_logical::<f64>(scale);
                    let maximized = window.is_maximized().unwrap_or(false);
                    if size.width > 0.0 && size.height > 0.0 {
                        state.remember_window(WindowSize {
                            width: size.width,
                            height: size.height,
                            maximized,
                        });
                    }
                }
                WindowEvent::CloseRequested { .. } | WindowEvent::Destroyed => {
                    state.save_settings()
                }
                _ => {}
            }
        })
        .invoke_handler(tauri::generate_handler![
            database::app_info,
            database::open_database,
            database::new_database,
            database::load_demo,
            database::set_operator,
            database::get_preferences,
            database::save_preferences,
            database::set_database_password,
            database::backup_to,
            database::restore_from,
            backups::list_backups,
            backups::backup_now,
            backups::restore_backup,
            backups::unusable_database_backups,
            backups::recover_from_backup,
            inspections::list_inspections,
            inspections::get_inspection,
            inspections::create_inspection,
            inspections::update_inspection,
            inspections::add_category,
            inspections::rename_category,
            inspections::set_dual_review,
            findings::list_findings,
            findings::add_finding,
            findings::update_finding,
            findings::delete_finding,
            findings::list_immediate_fixes,
            findings::add_immediate_fix,
            findings::list_leads,
            findings::add_lead,
            findings::transfer_lead,
            findings::list_recommendations,
            findings::add_recommendation,
            findings::list_working_papers,
            findings::add_working_paper,
            findings::approve_working_paper,
            findings::list_regulations,
            findings::add_regulation,
            findings::list_accountabilities,
            findings::add_accountability,
            findings::parse_date,
            tasks::add_task,
            tasks::update_task,
            tasks::assign_tasks,
            tasks::set_milestone_done,
            tasks::board,
            tasks::list_directory,
            tasks::add_directory_entry,
            progress::task_detail,
            progress::add_progress,
            progress::request_close_out,
            progress::review_close_out,
            progress::reopen_task,
            progress::void_letter,
            progress::list_follow_ups,
            progress::add_follow_up,
            stats::dashboard,
            files::evidence_bytes,
            files::open_evidence,
            files::open_file,
            files::reveal_file,
            exports::export_catalog,
            exports::list_ledger_templates,
            exports::export,
            exports::print,
            exports::get_document,
            exports::save_document,
            exports::reset_document,
            exports::import_preview,
            exports::import_apply,
            fill_in::fill_in_units,
            fill_in::fill_in_file_name,
            fill_in::fill_in_export_unit,
            fill_in::fill_in_export_all,
            fill_in::fill_in_preview,
            fill_in::fill_in_apply,
            exchange::exchange_identity,
            exchange::exchange_make_identity,
            exchange::exchange_write_identity,
            exchange::exchange_trust,
            exchange::exchange_peers,
            exchange::exchange_revoke,
            exchange::exchange_export,
            exchange::exchange_preview,
            exchange::exchange_import,
            exchange::exchange_reviews,
            exchange::exchange_resolve,
            unit_work::list_meetings,
            unit_work::add_meeting,
            unit_work::list_secretary_actions,
            unit_work::add_secretary_action,
            unit_work::get_leading_group,
            unit_work::set_leading_group,
            unit_work::get_letterhead,
            unit_work::set_letterhead,
        ])
        .run(tauri::generate_context!())?;
    Ok(())
}
