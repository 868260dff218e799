//! Keeping the user's only copy safe: backups, the audit log and its check.

use std::path::Path;

use xuncha::app::session;
use xuncha::db::Db;
use xuncha::{Error, Result};

use crate::output;

/// `xuncha backup --out FILE`.
pub(super) fn backup(db: &Db, j: bool, out: &Path) -> Result<()> {
    let s = session::backup_to(db, out)?;
    output::done(
        j,
        &format!(
            "已备份到 {}（{} KB，佐证材料 {} 个）",
            s.path.display(),
            s.bytes / 1024,
            s.evidence_files
        ),
        &s,
    )
}

/// `xuncha backups`: the automatic backups beside the database file.
pub fn backups(j: bool, path: &Path) -> Result<()> {
    let all = session::backups_of(path, None);
    output::list(j, &all, Some("还没有自动备份"), |b| {
        format!(
            "{}  {}（{} KB{}）",
            b.made_at,
            b.path,
            b.bytes / 1024,
            if b.encrypted { "，已加密" } else { "" }
        )
    })
}

/// `xuncha recover NAME`: an automatic backup in place of a database that cannot be
/// opened; the unusable file is kept beside it.
pub fn recover(j: bool, path: &Path, name: &str) -> Result<()> {
    let kept = session::recover(path, name)?;
    let said = match &kept {
        Some(k) => format!(
            "已用备份 {name} 恢复数据库；无法打开的原文件保留为 {}",
            k.display()
        ),
        None => format!("已用备份 {name} 恢复数据库"),
    };
    output::done(
        j,
        &said,
        &serde_json::json!({ "restored": name, "kept": kept }),
    )
}

/// `xuncha audit`: the most recent rows of the audit log.
pub(super) fn audit_log(db: &Db, j: bool, limit: i64, entity: Option<&str>) -> Result<()> {
    let rows = session::audit_log(db, entity, limit)?;
    output::list(j, &rows, None, |r| {
        format!(
            "{}  {}  {} {} {}",
            r.at,
            r.operator,
            r.action,
            r.entity,
            r.entity_id.map(|i| i.to_string()).unwrap_or_default()
        )
    })
}

/// `xuncha verify-audit`: the audit chain is whole and every evidence file is there.
pub(super) fn verify(db: &Db, j: bool) -> Result<()> {
    let v = session::verify(db)?;
    if j {
        output::json(&v)?;
    } else {
        println!("操作记录校验通过：共 {} 条，链条完整", v.rows);
        for p in &v.problems {
            println!("问题：{p}");
        }
    }
    let problems = v.problems;
    if let Some(first) = problems.first() {
        return Err(Error::Conflict(format!(
            "佐证材料检查发现 {} 个问题：{first}",
            problems.len()
        )));
    }
    Ok(())
}
