//! Ledger templates saved by name, so a unit sets up its 巡察办's layout once and picks it
//! at every export. Each is a setting `ledger_template.NAME` holding the template's JSON;
//! the name 默认 always means the built-in official layout.

use rusqlite::Connection;
use serde::Serialize;

use super::template::LedgerTemplate;
use crate::db::{settings, WriteTx};
use crate::domain::validate;
use crate::{Error, Result};

/// The name of the built-in template (the official layout); it cannot be saved over.
pub const DEFAULT_NAME: &str = "默认";

const PREFIX: &str = "ledger_template.";

/// Settings key under which the template `name` is saved.
pub fn key(name: &str) -> String {
    format!("{PREFIX}{}", name.trim())
}

/// A saved template with its name.
#[derive(Debug, Clone, Serialize)]
pub struct SavedTemplate {
    pub name: String,
    pub template: LedgerTemplate,
}

fn check_name(name: &str) -> Result<()> {
    validate::required_text("name", "模板名称", name, validate::limits::NAME)?;
    if name.trim() == DEFAULT_NAME {
        return Err(Error::invalid(
            "name",
            "“默认”是内置的官方格式模板，不能覆盖或删除：请换一个模板名称",
        ));
    }
    Ok(())
}

/// Saves (or replaces) the template `name`, after checking it.
pub fn save_in_tx(tx: &mut WriteTx<'_>, name: &str, template: &LedgerTemplate) -> Result<()> {
    check_name(name)?;
    template.validate()?;
    let json = serde_json::to_string_pretty(template)?;
    settings::set_in_tx(tx, &key(name), &json)
}

/// The template `name`: 默认 is the official layout; an unknown name is an error that
/// lists the saved ones.
pub fn load(conn: &Connection, name: &str) -> Result<LedgerTemplate> {
    let name = name.trim();
    if name == DEFAULT_NAME {
        return Ok(LedgerTemplate::default());
    }
    match settings::get(conn, &key(name))? {
        Some(json) => LedgerTemplate::from_json(&json),
        None => {
            let names: Vec<String> = list(conn)?.into_iter().map(|t| t.name).collect();
            let known = if names.is_empty() {
                "还没有保存任何模板".to_owned()
            } else {
                format!("已保存的模板：{}", names.join("、"))
            };
            Err(Error::invalid(
                "template",
                format!("没有名为“{name}”的台账模板（{known}；“{DEFAULT_NAME}”为内置格式）"),
            ))
        }
    }
}

/// Every saved template, by name. A stored template that no longer reads is an error
/// naming it, so it can be saved again or deleted.
pub fn list(conn: &Connection) -> Result<Vec<SavedTemplate>> {
    let mut out = Vec::new();
    for (k, json) in settings::all(conn)? {
        let Some(name) = k.strip_prefix(PREFIX) else {
            continue;
        };
        let template = LedgerTemplate::from_json(&json).map_err(|e| {
            Error::invalid(
                "template",
                format!("已保存的模板“{name}”无法读取（{e}）：请重新保存或删除它"),
            )
        })?;
        out.push(SavedTemplate {
            name: name.to_owned(),
            template,
        });
    }
    Ok(out)
}

/// Deletes the template `name`; an unknown name is an error.
pub fn delete_in_tx(tx: &mut WriteTx<'_>, name: &str) -> Result<()> {
    check_name(name)?;
    if settings::remove_in_tx(tx, &key(name))? {
        Ok(())
    } else {
        Err(Error::invalid(
            "template",
            format!("没有名为“{}”的台账模板", name.trim()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn save_load_list_delete() {
        let db = Db::open_in_memory().unwrap();
        let t = LedgerTemplate {
            title: "某某台账".into(),
            ..LedgerTemplate::default()
        };
        db.write(|tx| save_in_tx(tx, "区委巡察办", &t)).unwrap();
        assert_eq!(db.read(|c| load(c, "区委巡察办")).unwrap(), t);
        assert_eq!(
            db.read(|c| load(c, DEFAULT_NAME)).unwrap(),
            LedgerTemplate::default()
        );
        let names: Vec<String> = db.read(list).unwrap().into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["区委巡察办"]);
        let err = db.write(|tx| save_in_tx(tx, "默认", &t)).unwrap_err();
        assert!(err.to_string().contains("内置"), "{err}");
        db.write(|tx| delete_in_tx(tx, "区委巡察办")).unwrap();
        let err = db.read(|c| load(c, "区委巡察办")).unwrap_err();
        assert!(err.to_string().contains("还没有保存任何模板"), "{err}");
        assert!(db.write(|tx| delete_in_tx(tx, "区委巡察办")).is_err());
    }
}
