//! The 交换 page: this copy's identity, the copies enrolled here, a package for one of them,
//! importing a package after its preview, and the review list. Each command calls the
//! application layer (`app::exchange`), which the CLI's `xuncha exchange` calls too; a
//! package is copied before its preview, so the package imported is the one previewed.

use std::path::PathBuf;

use tauri::State;

use super::dto::ExchangePreview;
use super::exchange_files::{with_extension, IDENTITY, INBOX, PACKAGE};
use super::exports::clean_path_with;
use super::state::AppState;
use super::CmdResult;
use crate::app::exchange::{self as app, Exported, Imported, Resolution};
use crate::app::today;
use crate::domain::exchange::{Identity, Peer, ReviewItem};
use crate::domain::PeerRole;

/// This copy's identity, or none yet.
#[tauri::command(async)]
pub fn exchange_identity(state: State<'_, AppState>) -> CmdResult<Option<Identity>> {
    Ok(app::identity(&*state.db()?)?)
}

/// Makes this copy's identity under `name` (or renames it).
#[tauri::command(async)]
pub fn exchange_make_identity(state: State<'_, AppState>, name: String) -> CmdResult<Identity> {
    Ok(app::make_identity(&*state.db()?, Some(&name))?)
}

/// Writes this copy's identity file where the user chose, for another copy to enrol;
/// returns the file written (its extension added if the name had none).
#[tauri::command(async)]
pub fn exchange_write_identity(state: State<'_, AppState>, path: PathBuf) -> CmdResult<PathBuf> {
    let path = clean_path_with(&path, |n| with_extension(n, &IDENTITY))?;
    app::write_identity(&*state.db()?, None, &path)?;
    if let Some(dir) = path.parent() {
        state.update_settings(|s| s.export_dir = Some(dir.to_owned()));
    }
    Ok(path)
}

/// Enrols the copy whose identity file is `path`, with `role` (a unit's copy for `unit`).
#[tauri::command(async)]
pub fn exchange_trust(
    state: State<'_, AppState>,
    path: PathBuf,
    role: PeerRole,
    unit: Option<String>,
) -> CmdResult<Peer> {
    Ok(app::trust(&*state.db()?, &path, role, unit.as_deref())?)
}

/// The copies enrolled here.
#[tauri::command(async)]
pub fn exchange_peers(state: State<'_, AppState>) -> CmdResult<Vec<Peer>> {
    Ok(app::peers(&*state.db()?)?)
}

/// Revokes the copy with `device_id`: its packages are refused from now on.
#[tauri::command(async)]
pub fn exchange_revoke(state: State<'_, AppState>, device_id: String) -> CmdResult<Peer> {
    Ok(app::revoke(&*state.db()?, &device_id)?)
}

/// Writes a package for the copy with `device_id` where the user chose; remembers the
/// folder.
#[tauri::command(async)]
pub fn exchange_export(
    state: State<'_, AppState>,
    device_id: String,
    path: PathBuf,
) -> CmdResult<Exported> {
    let path = clean_path_with(&path, |n| with_extension(n, &[PACKAGE]))?;
    let db = state.db()?;
    let peer = app::find_peer(&db, &device_id)?;
    let done = app::export(&db, &peer, &path, today())?;
    if let Some(dir) = path.parent() {
        state.update_settings(|s| s.export_dir = Some(dir.to_owned()));
    }
    Ok(done)
}

/// Copies the package and checks it (for this copy, from an enrolled copy, signed, every
/// file matching): what it holds. Writes nothing to the database.
#[tauri::command(async)]
pub fn exchange_preview(state: State<'_, AppState>, path: PathBuf) -> CmdResult<ExchangePreview> {
    let copy = INBOX.copy_one(&path)?;
    let package = app::preview(&*state.db()?, &copy)?;
    Ok(ExchangePreview {
        token: copy.display().to_string(),
        file: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        package,
    })
}

/// Imports the package previewed (the copy `token`), checked again whole first.
#[tauri::command(async)]
pub fn exchange_import(state: State<'_, AppState>, token: PathBuf) -> CmdResult<Imported> {
    let file = INBOX.previewed_one(&token)?;
    Ok(app::import(&*state.db()?, &file, today())?)
}

/// The review list: the open items, or (`all`) the handled ones too.
#[tauri::command(async)]
pub fn exchange_reviews(state: State<'_, AppState>, all: bool) -> CmdResult<Vec<ReviewItem>> {
    Ok(app::reviews(&*state.db()?, all)?)
}

/// Settles review item `id`: their value taken, or ours kept.
#[tauri::command(async)]
pub fn exchange_resolve(
    state: State<'_, AppState>,
    id: i64,
    how: Resolution,
) -> CmdResult<ReviewItem> {
    Ok(app::resolve(&*state.db()?, id, how, today())?)
}
