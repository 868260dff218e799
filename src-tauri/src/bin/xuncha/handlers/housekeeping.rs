//! Keeping the user's only copy safe: backups, the audit log and its check.

use std::path::Path;

use xuncha::db::{self, audit, Db};
use xuncha::{Error, Result};

use crate::output;

/// `xuncha backup --out FILE`.
pub(super) fn backup(db: &Db, j: bool, out: &Path) -> Result<()> {
    let s = db::backup::to_file(db, out)?;
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
    let all = db::backup::list(path);
    output::list(j, &all, Some("还没有自动备份"), |b| {
        format!(
            "{}  {}（{} KB{}）",
            b.made_at,
            b.path.display(),
            b.bytes / 1024,
            if b.encrypted { "，已加密" } else { "" }
        )
    })
}

/// `xuncha recover NAME`: an automatic backup in place of a database that cannot be
/// opened; the unusable file is kept beside it.
pub fn recover(j: bool, path: &Path, name: &str) -> Result<()> {
    let kept = db::backup::recover(path, name)?;
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
    let rows = db.read(|c| audit::recent(c, entity, limit))?;
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
    let (rows, problems) = db.read(|c| {
        let rows = audit::verify(c)?;
        let problems = match db.evidence_dir() {
            Some(dir) => db::evidence::check_files(c, &dir)?,
            None => vec![],
        };
        Ok((rows, problems))
    })?;
    if j {
        output::json(
            &serde_json::json!({ "ok": problems.is_empty(), "rows": rows, "problems": problems }),
        )?;
    } else {
        println!("操作记录校验通过：共 {rows} 条，链条完整");
        for p in &problems {
            println!("问题：{p}");
        }
    }
    if let Some(first) = problems.first() {
        return Err(Error::Conflict(format!(
            "佐证材料检查发现 {} 个问题：{first}",
            problems.len()
        )));
    }
    Ok(())
}
