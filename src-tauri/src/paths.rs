//! Where the app keeps its data by default: the platform's data directory for the app,
//! as the `directories` crate reports it.

use std::path::PathBuf;

use crate::{Error, Result};

/// File name of the default database.
pub const DB_FILE: &str = "xuncha.db";

/// `<data dir>/xuncha.db`, or `XUNCHA_DB` when set.
pub fn default_db_path() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("XUNCHA_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    Ok(data_dir()?.join(DB_FILE))
}

/// The app's data directory (e.g. ~/.local/share/xuncha on Linux).
pub fn data_dir() -> Result<PathBuf> {
    directories::ProjectDirs::from("cn", "Xuncha", "xuncha")
        .map(|d| d.data_dir().to_owned())
        .ok_or_else(|| Error::invalid("db", "找不到本机的应用数据目录，请用 --db 指定数据库文件"))
}
