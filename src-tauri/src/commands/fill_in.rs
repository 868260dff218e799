//! 填报表 on the export page: a unit's fill-in workbook (or every unit's, into a folder),
//! and returned workbooks previewed row by row, then the accepted rows applied. The
//! returned files are copied first, so the rows the keeper ticked in the preview are the
//! rows applied, even if a file changes or its stick is pulled in between.

use std::path::PathBuf;

use tauri::State;

use super::dto::FillInPreview;
use super::exports::clean_path;
use super::inbox::Inbox;
use super::state::AppState;
use super::CmdResult;
use crate::app::exports::Format;
use crate::app::fill_in::{self as app, Accept, FillInApplied, FillInExport};
use crate::app::today;
use crate::Error;

/// The units with tasks in the inspection, for the unit picker.
#[tauri::command(async)]
pub fn fill_in_units(state: State<'_, AppState>, inspection_id: i64) -> CmdResult<Vec<String>> {
    Ok(app::units(&*state.db()?, inspection_id, today())?)
}

/// The suggested file name of a unit's workbook (〈单位〉填报.xlsx), for the save dialog.
#[tauri::command(async)]
pub fn fill_in_file_name(unit: String) -> String {
    app::file_name(unit.trim())
}

/// Writes `unit`'s workbook to the file chosen in the save dialog; remembers its folder.
#[tauri::command(async)]
pub fn fill_in_export_unit(
    state: State<'_, AppState>,
    inspection_id: i64,
    unit: String,
    path: PathBuf,
) -> CmdResult<FillInExport> {
    let path = clean_path(&path, Format::Xlsx)?;
    let done = app::export_unit(&*state.db()?, inspection_id, &unit, &path, today())?;
    if let Some(dir) = path.parent() {
        state.update_settings(|s| s.export_dir = Some(dir.to_owned()));
    }
    Ok(done)
}

/// Writes one workbook per unit into the folder chosen; remembers it.
#[tauri::command(async)]
pub fn fill_in_export_all(
    state: State<'_, AppState>,
    inspection_id: i64,
    dir: PathBuf,
) -> CmdResult<Vec<FillInExport>> {
    if !dir.is_dir() {
        return Err(Error::invalid("dir", format!("文件夹“{}”不存在", dir.display())).into());
    }
    let done = app::export_all(&*state.db()?, inspection_id, &dir, today())?;
    state.update_settings(|s| s.export_dir = Some(dir));
    Ok(done)
}

/// The returned workbooks, copied before they are previewed.
const INBOX: Inbox = Inbox {
    folder: "xuncha-fill-in",
    not_previewed: "请先预览要导入的填报表",
};

/// What importing the returned workbooks would change, row by row; writes nothing.
#[tauri::command(async)]
pub fn fill_in_preview(
    state: State<'_, AppState>,
    inspection_id: i64,
    paths: Vec<PathBuf>,
) -> CmdResult<FillInPreview> {
    if paths.is_empty() {
        return Err(Error::invalid("file", "请选择要导入的填报表").into());
    }
    let copies = INBOX.copy_in(&paths)?;
    let rows = app::preview(&*state.db()?, inspection_id, &copies, today())?;
    Ok(FillInPreview {
        tokens: copies.iter().map(|c| c.display().to_string()).collect(),
        rows,
    })
}

/// Applies the previewed workbooks (copies made by [`fill_in_preview`]): the rows named (by number), or with `rows` null every
/// row with new progress or a status change (conflicts left out).
#[tauri::command(async)]
pub fn fill_in_apply(
    state: State<'_, AppState>,
    inspection_id: i64,
    tokens: Vec<PathBuf>,
    rows: Option<Vec<usize>>,
) -> CmdResult<FillInApplied> {
    let files = INBOX.previewed(&tokens)?;
    let accept = rows.map_or(Accept::All, Accept::Rows);
    Ok(app::apply(
        &*state.db()?,
        inspection_id,
        &files,
        &accept,
        today(),
    )?)
}
