//! The app's state: the open database (swappable when the user opens another file) and the
//! desktop settings. Commands take a clone of the `Arc<Db>` and release the lock at once,
//! so no lock is ever held across a long operation.
//!
//! The password of an encrypted database is never kept here nor in the settings: it lives
//! only inside the open [`Db`], and is gone when the app ends.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use super::settings::DesktopSettings;
use super::{CmdError, CmdResult};
use crate::app::session::{self, Access};
use crate::db::Db;
use crate::error::ErrorCode;

/// Shared state managed by Tauri.
pub struct AppState {
    db: RwLock<Option<Arc<Db>>>,
    open_error: Mutex<Option<CmdError>>,
    /// The encrypted file that could not be opened for want of its password, so the UI can
    /// ask for it.
    locked: Mutex<Option<PathBuf>>,
    /// The file the last open failed on (for any reason), so the UI can offer its backups.
    failed: Mutex<Option<PathBuf>>,
    settings: Mutex<DesktopSettings>,
    config_dir: PathBuf,
    /// When the window size was last written out (resizing sends many events).
    window_saved: Mutex<Option<std::time::Instant>>,
}

impl AppState {
    /// State with the database at `db_path` opened (or the reason it could not be).
    pub fn new(db_path: &Path, settings: DesktopSettings, config_dir: PathBuf) -> Self {
        let state = AppState {
            db: RwLock::new(None),
            open_error: Mutex::new(None),
            locked: Mutex::new(None),
            failed: Mutex::new(None),
            settings: Mutex::new(settings),
            config_dir,
            window_saved: Mutex::new(None),
        };
        // A database that cannot be opened must not stop the app: the UI shows why and
        // offers to open another file or create a new one (or asks for the password).
        let _ = state.open(db_path, None);
        state
    }

    /// The open database, or an error telling the user to open one.
    pub fn db(&self) -> CmdResult<Arc<Db>> {
        self.db
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| {
                self.open_error().unwrap_or_else(|| {
                    CmdError::new(
                        ErrorCode::NoDatabase,
                        "尚未打开数据库：请新建或打开一个数据库文件",
                    )
                })
            })
    }

    /// Why the last open failed, if it did.
    pub fn open_error(&self) -> Option<CmdError> {
        self.open_error
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The database file the last open failed on, if it did.
    pub fn failed(&self) -> Option<PathBuf> {
        self.failed
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The encrypted database file waiting for its password, if the last open failed for
    /// want of it (or with a wrong one).
    pub fn locked(&self) -> Option<PathBuf> {
        self.locked
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Opens (or creates) the database at `path`, with `password` if the file is encrypted,
    /// makes it current and remembers its path (never the password).
    pub fn open(&self, path: &Path, password: Option<&str>) -> CmdResult<Arc<Db>> {
        let result = session::open(path, password, Access::Write);
        let needs_password = matches!(
            result,
            Err(crate::Error::PasswordNeeded { .. } | crate::Error::WrongPassword { .. })
        );
        *self.locked.lock().unwrap_or_else(|p| p.into_inner()) =
            needs_password.then(|| path.to_owned());
        *self.failed.lock().unwrap_or_else(|p| p.into_inner()) =
            result.is_err().then(|| path.to_owned());
        match result {
            Ok(db) => {
                // The daily safety copy (best effort: never blocks opening).
                let _ = session::daily_backup(&db);
                let db = Arc::new(db);
                *self.db.write().unwrap_or_else(|p| p.into_inner()) = Some(db.clone());
                *self.open_error.lock().unwrap_or_else(|p| p.into_inner()) = None;
                self.update_settings(|s| s.last_db = Some(path.to_owned()));
                Ok(db)
            }
            Err(e) => {
                let e = CmdError::from(e);
                *self.open_error.lock().unwrap_or_else(|p| p.into_inner()) = Some(e.clone());
                Err(e)
            }
        }
    }

    /// A copy of the desktop settings.
    pub fn settings(&self) -> DesktopSettings {
        self.settings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Changes the desktop settings in memory only (written out by the next `update_settings`
    /// or `save_settings`).
    pub fn remember(&self, f: impl FnOnce(&mut DesktopSettings)) {
        f(&mut self.settings.lock().unwrap_or_else(|p| p.into_inner()));
    }

    /// Remembers the window's size, writing it out at most twice a second (the app may be
    /// ended without a close event, so waiting for one is not enough).
    pub fn remember_window(&self, size: super::settings::WindowSize) {
        self.remember(|s| s.window = Some(size));
        let mut last = self.window_saved.lock().unwrap_or_else(|p| p.into_inner());
        if last.is_none_or(|t| t.elapsed() > std::time::Duration::from_millis(500)) {
            *last = Some(std::time::Instant::now());
            drop(last);
            self.save_settings();
        }
    }

    /// Writes the desktop settings out (best effort).
    pub fn save_settings(&self) {
        let s = self.settings.lock().unwrap_or_else(|p| p.into_inner());
        let _ = s.save(&self.config_dir);
    }

    /// Changes the desktop settings and writes them out (best effort: the settings only
    /// add comfort, so failing to save them must not fail the user's action).
    pub fn update_settings(&self, f: impl FnOnce(&mut DesktopSettings)) {
        let mut s = self.settings.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut s);
        let _ = s.save(&self.config_dir);
    }
}
