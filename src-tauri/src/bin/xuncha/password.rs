//! Passwords on the command line, and the `db` commands that encrypt the database. A
//! password comes from standard input (one per line, for scripts), from an environment
//! variable, or is typed at a terminal without echo. It is never printed.

use std::io::IsTerminal;
use std::path::Path;

use xuncha::app::session;
use xuncha::db::{backup, crypto, Db};
use xuncha::{Error, Result};

use crate::args::{Cli, DatabaseCmd};
use crate::output;

/// The database's password, for scripts.
const ENV_PASSWORD: &str = "XUNCHA_PASSWORD";
/// The new password of `db encrypt` and `db change-password`.
const ENV_NEW_PASSWORD: &str = "XUNCHA_NEW_PASSWORD";
/// The password of a backup made under another password, for `restore`.
const ENV_BACKUP_PASSWORD: &str = "XUNCHA_BACKUP_PASSWORD";

/// What to do when the database's password is needed and was not given.
pub const HOW_TO_GIVE: &str =
    "提示：用 --password-stdin 从标准输入读入密码，或设置环境变量 XUNCHA_PASSWORD";
/// What to do when a backup's password is needed.
pub const HOW_TO_GIVE_BACKUP: &str = "提示：备份文件用另一个密码加密时，用 --backup-password-stdin 从标准输入读入它的密码，或设置环境变量 XUNCHA_BACKUP_PASSWORD";

/// The password to open the database at `path` with. At a terminal it is asked for only
/// when the file is encrypted.
pub fn for_opening(cli: &Cli, path: &Path) -> Result<Option<String>> {
    if cli.password_stdin {
        return read_line()?.map(Some).ok_or_else(|| {
            Error::invalid(
                "password",
                "标准输入中没有密码：--password-stdin 读入第一行作为密码",
            )
        });
    }
    if let Some(p) = env(ENV_PASSWORD) {
        return Ok(Some(p));
    }
    if crypto::is_encrypted_file(path) && std::io::stdin().is_terminal() {
        return prompt("数据库已加密，请输入密码：").map(Some);
    }
    Ok(None)
}

/// The new password: `XUNCHA_NEW_PASSWORD`, else typed twice at a terminal, else the next
/// line of standard input.
fn new_password() -> Result<String> {
    if let Some(p) = env(ENV_NEW_PASSWORD) {
        return Ok(p);
    }
    if std::io::stdin().is_terminal() {
        let first = prompt(&format!(
            "请输入新密码（至少{}个字符）：",
            crypto::MIN_PASSWORD_CHARS
        ))?;
        crypto::validate_password(&first)?;
        if prompt("请再输入一次新密码：")? != first {
            return Err(Error::invalid("password", "两次输入的密码不一致"));
        }
        return Ok(first);
    }
    read_line()?.ok_or_else(|| {
        Error::invalid(
            "password",
            "没有读到新密码：请在标准输入中给出新密码，或设置环境变量 XUNCHA_NEW_PASSWORD",
        )
    })
}

/// An environment variable's value, if set and not empty.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The next line of standard input without its line break; `None` at its end.
fn read_line() -> Result<Option<String>> {
    let mut line = String::new();
    let n = std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| Error::io("标准输入", e))?;
    Ok((n > 0).then(|| line.trim_end_matches(['\r', '\n']).to_owned()))
}

/// Asks at the terminal without echo.
fn prompt(text: &str) -> Result<String> {
    rpassword::prompt_password(text).map_err(|e| Error::io("终端", e))
}

/// `xuncha db status`: answered from the file's first bytes, without opening it.
pub fn status(j: bool, path: &Path) -> Result<()> {
    let encrypted = crypto::is_encrypted_file(path);
    let backups = backup::list(path);
    let encrypted_backups = backups.iter().filter(|b| b.encrypted).count();
    if j {
        return output::json(&serde_json::json!({
            "path": path,
            "encrypted": encrypted,
            "backups": backups.len(),
            "encrypted_backups": encrypted_backups,
            "evidence_encrypted": false,
        }));
    }
    println!(
        "{}：{}",
        path.display(),
        if encrypted { "已加密" } else { "未加密" }
    );
    println!(
        "自动备份 {} 份，其中已加密 {} 份",
        backups.len(),
        encrypted_backups
    );
    if encrypted {
        println!("佐证材料文件（{}）不加密", evidence_dir(path).display());
    }
    Ok(())
}

fn evidence_dir(path: &Path) -> std::path::PathBuf {
    xuncha::db::evidence::dir_for(path)
}

/// `xuncha db encrypt | change-password | decrypt`.
pub fn database(db: &Db, j: bool, c: &DatabaseCmd, path: &Path) -> Result<()> {
    let (new, done) = match c {
        DatabaseCmd::Status => return status(j, path),
        DatabaseCmd::Encrypt if db.is_encrypted() => {
            return Err(Error::Conflict(
                "数据库已经加密：要修改密码请用 xuncha db change-password".into(),
            ))
        }
        DatabaseCmd::ChangePassword if !db.is_encrypted() => {
            return Err(Error::Conflict(
                "数据库没有加密：要设置密码请用 xuncha db encrypt".into(),
            ))
        }
        DatabaseCmd::Decrypt if !db.is_encrypted() => {
            return Err(Error::Conflict("数据库没有加密，无需取消密码".into()))
        }
        DatabaseCmd::Encrypt => (
            Some(new_password()?),
            "数据库已加密，以后打开需要输入密码。请牢记密码：忘记密码将无法打开数据库和它的备份",
        ),
        DatabaseCmd::ChangePassword => (Some(new_password()?), "密码已修改"),
        DatabaseCmd::Decrypt => (None, "已取消密码，数据库不再加密"),
    };
    let change = db.set_password(new.as_deref())?;
    if change.backups_skipped > 0 {
        eprintln!(
            "警告：{} 份自动备份无法用原密码打开，保持原样（在 {}）",
            change.backups_skipped,
            backup::dir_for(path).display()
        );
    }
    if j {
        return output::json(&change);
    }
    println!("{done}");
    println!(
        "改动前的数据已另存为 {}；自动备份 {} 份已随之{}",
        change.safety_backup.display(),
        change.backups_converted,
        if change.encrypted {
            "使用新密码"
        } else {
            "取消加密"
        }
    );
    if change.encrypted && evidence_dir(path).is_dir() {
        println!(
            "注意：佐证材料文件（{}）不加密",
            evidence_dir(path).display()
        );
    }
    Ok(())
}

/// `xuncha restore FILE`: an encrypted backup is opened with the database's password, or
/// with the one given for it.
pub fn restore(db: &Db, j: bool, file: &Path, from_stdin: bool) -> Result<()> {
    let given = if from_stdin {
        Some(
            read_line()?
                .ok_or_else(|| Error::invalid("backup_password", "标准输入中没有备份文件的密码"))?,
        )
    } else {
        env(ENV_BACKUP_PASSWORD)
    };
    let r = match session::restore(db, file, given.as_deref()) {
        Err(Error::PasswordNeeded { .. } | Error::WrongPassword { .. })
            if given.is_none() && std::io::stdin().is_terminal() =>
        {
            let p = prompt(&format!("备份文件 {} 的密码：", file.display()))?;
            session::restore(db, file, Some(&p))?
        }
        other => other?,
    };
    let kept = r
        .kept_current_as
        .as_ref()
        .map(|p| format!("，原有数据已另存为 {}", p.display()))
        .unwrap_or_default();
    output::done(j, &format!("已从 {} 恢复{kept}", file.display()), &r)
}
