//! The desktop app's own small settings (not the user's data): the last database opened,
//! the window size, and the folder exports were last saved to. Kept as JSON in the app's
//! config folder so a broken file never blocks start-up: it is simply ignored.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// File name inside the app's config folder.
pub const FILE: &str = "desktop.json";

/// The remembered window geometry (logical pixels).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WindowSize {
    pub width: f64,
    pub height: f64,
    pub maximized: bool,
}

/// Everything the shell remembers between runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DesktopSettings {
    pub last_db: Option<PathBuf>,
    pub window: Option<WindowSize>,
    pub export_dir: Option<PathBuf>,
}

impl DesktopSettings {
    /// Reads the settings in `dir`, or the defaults when absent or unreadable.
    pub fn load(dir: &Path) -> Self {
        std::fs::read(dir.join(FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes the settings to `dir` (temporary file, then rename).
    pub fn save(&self, dir: &Path) -> crate::Result<()> {
        std::fs::create_dir_all(dir).map_err(|e| crate::Error::io(dir, e))?;
        let tmp = dir.join(format!("{FILE}.tmp"));
        let json = serde_json::to_vec_pretty(self)?;
        std::fs::write(&tmp, json).map_err(|e| crate::Error::io(&tmp, e))?;
        let path = dir.join(FILE);
        std::fs::rename(&tmp, &path).map_err(|e| crate::Error::io(&path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_ignores_garbage() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            DesktopSettings::load(dir.path()),
            DesktopSettings::default()
        );
        let s = DesktopSettings {
            last_db: Some("/tmp/a.db".into()),
            window: Some(WindowSize {
                width: 1300.0,
                height: 820.0,
                maximized: false,
            }),
            export_dir: None,
        };
        s.save(dir.path()).unwrap();
        assert_eq!(DesktopSettings::load(dir.path()), s);
        std::fs::write(dir.path().join(FILE), b"{not json").unwrap();
        assert_eq!(
            DesktopSettings::load(dir.path()),
            DesktopSettings::default()
        );
    }
}
