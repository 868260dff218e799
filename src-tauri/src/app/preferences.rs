//! 设置: the preferences kept in the database — who the operator is and whether names
//! must come from the directory — read and changed the same way by `xuncha config` and
//! the desktop's 设置 page.

use serde::{Deserialize, Serialize};

use crate::db::{settings, Db};
use crate::domain::validate;
use crate::{Error, Result};

/// The preferences of a database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Preferences {
    /// Written into the audit log and progress entries (empty: not set, 未署名).
    pub operator: String,
    /// Responsible units and people must already be in the directory.
    pub strict_directory: bool,
}

/// The keys `xuncha config` takes.
pub const KEYS: [&str; 2] = [settings::OPERATOR, settings::STRICT_DIRECTORY];

/// The preferences as stored.
pub fn get(db: &Db) -> Result<Preferences> {
    Ok(Preferences {
        operator: super::session::operator(db),
        strict_directory: db.read(|c| settings::flag(c, settings::STRICT_DIRECTORY))?,
    })
}

/// Saves the preferences (the operator takes effect at once, without reopening).
pub fn save(db: &Db, p: &Preferences) -> Result<Preferences> {
    let name = p.operator.trim();
    if name != super::session::operator(db) {
        super::session::set_operator(db, name)?;
    }
    set(
        db,
        settings::STRICT_DIRECTORY,
        bool_text(p.strict_directory),
    )?;
    get(db)
}

fn bool_text(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// Sets one preference from text (`xuncha config KEY VALUE`); returns the value stored.
pub fn set(db: &Db, key: &str, value: &str) -> Result<String> {
    let value = match key {
        settings::OPERATOR => {
            validate::required_text("operator", "操作人", value, validate::limits::NAME)?;
            super::session::set_operator(db, value)?;
            return Ok(value.trim().to_owned());
        }
        settings::STRICT_DIRECTORY => match value.trim() {
            "true" | "是" | "开" | "on" => "true",
            "false" | "否" | "关" | "off" => "false",
            _ => {
                return Err(Error::invalid(
                    "strict_directory",
                    "严格名录模式只能设为 true 或 false",
                ))
            }
        },
        _ => {
            return Err(Error::invalid(
                "key",
                format!("未知设置项“{key}”，可用：{}", KEYS.join("、")),
            ))
        }
    };
    if db.read(|c| settings::get(c, key))?.as_deref() != Some(value) {
        db.write(|tx| settings::set_in_tx(tx, key, value))?;
    }
    Ok(value.to_owned())
}

/// Every stored setting, for `xuncha config`.
pub fn all(db: &Db) -> Result<Vec<(String, String)>> {
    db.read(settings::all)
}

/// One stored setting.
pub fn value(db: &Db, key: &str) -> Result<Option<String>> {
    db.read(|c| settings::get(c, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_round_trip_and_refuse_nonsense() {
        let db = Db::open_in_memory().unwrap();
        let p = get(&db).unwrap();
        assert_eq!(p.operator, "");
        assert!(!p.strict_directory);
        let saved = save(
            &db,
            &Preferences {
                operator: " 李明华 ".into(),
                strict_directory: true,
            },
        )
        .unwrap();
        assert_eq!(saved.operator, "李明华");
        assert!(saved.strict_directory);
        assert_eq!(db.operator(), "李明华");
        let e = set(&db, "strict_directory", "也许").unwrap_err();
        assert_eq!(e.field(), Some("strict_directory"));
        let e = set(&db, "colour", "red").unwrap_err();
        assert_eq!(e.field(), Some("key"));
        let e = save(
            &db,
            &Preferences {
                operator: "  ".into(),
                strict_directory: false,
            },
        )
        .unwrap_err();
        assert_eq!(e.field(), Some("operator"));
        assert_eq!(get(&db).unwrap().operator, "李明华", "nothing lost");
    }
}
