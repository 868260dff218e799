//! The directory of people and units, so names are typed once. In strict mode
//! (setting `strict_directory`) assignments may only name entries already here; otherwise
//! names met for the first time are added.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::settings;
use super::util::is_constraint;
use super::WriteTx;
use crate::domain::names::split_names;
use crate::domain::{validate, AssignmentPatch, DirectoryEntry, DirectoryKind};
use crate::{Error, Result};

fn from_row(r: &Row<'_>) -> rusqlite::Result<DirectoryEntry> {
    Ok(DirectoryEntry {
        id: r.get(0)?,
        kind: r.get(1)?,
        name: r.get(2)?,
        position: r.get(3)?,
        unit: r.get(4)?,
    })
}

/// Adds an entry; refuses a duplicate name of the same kind.
pub fn add_in_tx(
    tx: &mut WriteTx<'_>,
    kind: DirectoryKind,
    name: &str,
    position: &str,
    unit: &str,
) -> Result<DirectoryEntry> {
    let (name, position, unit) = (name.trim(), position.trim(), unit.trim());
    let (field, max) = match kind {
        DirectoryKind::Person => ("name", validate::limits::NAME),
        DirectoryKind::Unit => ("name", validate::limits::UNIT),
    };
    validate::required_text(field, "名称", name, max)?;
    validate::text("position", "职务", position, validate::limits::NAME)?;
    validate::text("unit", "所在单位", unit, validate::limits::UNIT)?;
    tx.conn()
        .execute(
            "INSERT INTO directory (kind, name, position, unit) VALUES (?1, ?2, ?3, ?4)",
            params![kind, name, position, unit],
        )
        .map_err(|e| {
            if is_constraint(&e) {
                Error::invalid("name", format!("名录中已有{}“{name}”", kind.label()))
            } else {
                e.into()
            }
        })?;
    let entry = DirectoryEntry {
        id: tx.conn().last_insert_rowid(),
        kind,
        name: name.to_owned(),
        position: position.to_owned(),
        unit: unit.to_owned(),
    };
    tx.audit::<(), _>("create", "directory", Some(entry.id), None, Some(&entry))?;
    Ok(entry)
}

/// Entries of one kind (or all), sorted by name.
pub fn list(conn: &Connection, kind: Option<DirectoryKind>) -> Result<Vec<DirectoryEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, kind, name, position, unit FROM directory
         WHERE (?1 IS NULL OR kind = ?1) ORDER BY kind, name",
    )?;
    let rows = stmt.query_map([kind], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn exists(conn: &Connection, kind: DirectoryKind, name: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM directory WHERE kind = ?1 AND name = ?2")?
        .query_row(params![kind, name], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Makes sure every person and unit named in an assignment is in the directory: adds
/// new names, or in strict mode refuses them naming the field.
pub fn ensure_assignment_in_tx(tx: &mut WriteTx<'_>, a: &AssignmentPatch) -> Result<()> {
    let strict = settings::flag(tx.conn(), settings::STRICT_DIRECTORY)?;
    let mut wanted: Vec<(&str, &str, DirectoryKind, &str)> = vec![];
    let mut people: Vec<(&str, &str, String)> = vec![];
    for (field, label, v) in [
        ("lead_leader", "牵头领导", &a.lead_leader),
        ("responsible_leader", "责任领导", &a.responsible_leader),
        ("responsible_person", "责任人", &a.responsible_person),
    ] {
        // A role may name several people (王建国、李明华): each is a directory entry.
        for name in v.as_deref().map(split_names).unwrap_or_default() {
            people.push((field, label, name));
        }
    }
    for (field, label, name) in &people {
        wanted.push((field, label, DirectoryKind::Person, name));
    }
    if let Some(v) = a.lead_unit.as_deref().filter(|v| !v.trim().is_empty()) {
        wanted.push(("lead_unit", "牵头单位", DirectoryKind::Unit, v.trim()));
    }
    for u in a.responsible_units.iter().flatten() {
        wanted.push((
            "responsible_units",
            "责任单位",
            DirectoryKind::Unit,
            u.trim(),
        ));
    }
    for (field, label, kind, name) in wanted {
        // A bulk import names the same people and units again and again.
        if tx.in_directory.contains(&(kind, name.to_owned())) {
            continue;
        }
        if exists(tx.conn(), kind, name)? {
            tx.in_directory.insert((kind, name.to_owned()));
            continue;
        }
        if strict {
            return Err(Error::invalid(
                field,
                format!(
                    "{label}“{name}”不在名录中（已开启严格模式）：请先在名录中添加，或检查是否写错"
                ),
            ));
        }
        add_in_tx(tx, kind, name, "", "")?;
        tx.in_directory.insert((kind, name.to_owned()));
    }
    Ok(())
}
