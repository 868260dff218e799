//! 填报表 on the export page: a unit's fill-in workbook (or every unit's, into a folder),
//! and returned workbooks previewed row by row, then the accepted rows applied. The
//! returned files are copied first, so the rows the keeper ticked in the preview are the
//! rows applied, even if a file changes or its stick is pulled in between.

use std::path::{Path, PathBuf};

use tauri::State;

use super::dto::FillInPreview;
use super::exports::clean_path;
use super::state::AppState;
use super::CmdResult;
use crate::app::exports::Format;
use crate::app::fill_in::{self as app, Accept, FillInApplied, FillInExport};
use crate::app::today;
use crate::db::evidence;
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

/// The folder the returned workbooks are copied into.
fn copies_dir() -> PathBuf {
    std::env::temp_dir().join("xuncha-fill-in")
}

/// Copies each file into a folder of its own, so the copy keeps the file's name (shown in
/// the preview) and two files of the same name do not meet.
fn copy_in(paths: &[PathBuf]) -> CmdResult<Vec<PathBuf>> {
    let stamp = chrono::Local::now().format("%Y%m%d%H%M%S%3f");
    let mut out = vec![];
    for (i, path) in paths.iter().enumerate() {
        let dir = copies_dir().join(format!("{stamp}-{}", i + 1));
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let copy = dir.join(evidence::sanitize_name(&name));
        std::fs::copy(path, &copy).map_err(|e| Error::io(path, e))?;
        out.push(copy);
    }
    Ok(out)
}

/// Copies made by [`fill_in_preview`], and nothing else.
fn previewed(tokens: &[PathBuf]) -> CmdResult<Vec<PathBuf>> {
    let ours = |t: &Path| t.parent().and_then(Path::parent) == Some(copies_dir().as_path());
    if tokens.is_empty() || tokens.iter().any(|t| !ours(t) || !t.is_file()) {
        return Err(Error::invalid("file", "请先预览要导入的填报表").into());
    }
    Ok(tokens.to_vec())
}

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
    let copies = copy_in(&paths)?;
    let rows = app::preview(&*state.db()?, inspection_id, &copies, today())?;
    Ok(FillInPreview {
        tokens: copies.iter().map(|c| c.display().to_string()).collect(),
        rows,
    })
}

/// Applies the previewed workbooks: the rows named (by number), or with `rows` null every
/// row with new progress or a status change (conflicts left out).
#[tauri::command(async)]
pub fn fill_in_apply(
    state: State<'_, AppState>,
    inspection_id: i64,
    tokens: Vec<PathBuf>,
    rows: Option<Vec<usize>>,
) -> CmdResult<FillInApplied> {
    let files = previewed(&tokens)?;
    let accept = rows.map_or(Accept::All, Accept::Rows);
    Ok(app::apply(
        &*state.db()?,
        inspection_id,
        &files,
        &accept,
        today(),
    )?)
}
