//! `xuncha`: the headless command-line interface over the Xuncha core. It calls the same
//! core functions as the desktop app; human output is Chinese, `--json` is for scripts.

mod args;
mod exchange_args;
mod handlers;
mod help_zh;
mod output;
mod password;

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use xuncha::app::session::{self, Access};
use xuncha::db::Db;
use xuncha::{Error, Result};

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let parsed = help_zh::localized(args::Cli::command())
        .try_get_matches()
        .and_then(|m| args::Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let path = match &cli.db {
        Some(p) => p.clone(),
        None => match xuncha::paths::default_db_path() {
            Ok(p) => p,
            Err(e) => return failure(&e, None),
        },
    };
    match run(&cli, &path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => failure(&e, Some(&path)),
    }
}

/// Output piped into a program that stops reading (`xuncha list tasks | head`) ends the run
/// quietly, as command-line tools do, instead of with a panic message: the standard
/// library panics when `println!` meets a closed pipe.
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .unwrap_or_default();
        if message.contains("failed printing to stdout") && message.contains("os error 32") {
            // 128 + SIGPIPE: what a shell reports for a program a closed pipe stopped.
            std::process::exit(141);
        }
        default(info);
    }));
}

/// Prints the error, and how to give a password when one was missing.
fn failure(e: &Error, db_path: Option<&Path>) -> ExitCode {
    match e.field() {
        Some(field) => eprintln!("错误：{e}（字段 {field}）"),
        None => eprintln!("错误：{e}"),
    }
    match e {
        Error::PasswordNeeded { path } if Some(path.as_path()) == db_path => {
            eprintln!("{}", password::HOW_TO_GIVE)
        }
        Error::PasswordNeeded { path } | Error::WrongPassword { path }
            if Some(path.as_path()) != db_path =>
        {
            eprintln!("{}", password::HOW_TO_GIVE_BACKUP)
        }
        _ => {}
    }
    ExitCode::FAILURE
}

/// Clap's own messages are English: say in Chinese what is wrong, then show its detail.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ErrorKind};
    let what = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => "缺少子命令",
        ErrorKind::UnknownArgument => "无法识别的参数",
        ErrorKind::InvalidSubcommand => "无法识别的子命令",
        ErrorKind::MissingRequiredArgument => "缺少必填参数",
        ErrorKind::MissingSubcommand => "缺少子命令",
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "参数值无效",
        ErrorKind::ArgumentConflict => "参数相互冲突",
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => "参数个数不对",
        _ => "命令行参数有误",
    };
    let arg = e
        .get(ContextKind::InvalidArg)
        .map(|a| format!("：{a}"))
        .unwrap_or_default();
    eprintln!(
        "错误：{what}{arg}。用 xuncha --help 查看用法\n\n{}",
        e.render()
    );
    ExitCode::from(2)
}

fn run(cli: &args::Cli, path: &Path) -> Result<()> {
    // Answered without opening the file: without its password, and when it is unusable.
    match &cli.command {
        args::Command::Database(args::DatabaseCmd::Status) => {
            return password::status(cli.json, path)
        }
        args::Command::Backups => return handlers::housekeeping::backups(cli.json, path),
        args::Command::Recover { name } => {
            return handlers::housekeeping::recover(cli.json, path, name)
        }
        _ => {}
    }
    let writes = writes(&cli.command);
    let access = if writes { Access::Write } else { Access::Read };
    let password = password::for_opening(cli, path)?;
    let db = session::open(path, password.as_deref(), access)?;
    if let Some(name) = &cli.operator {
        db.use_operator(name);
    } else if !db.has_operator() && writes {
        ask_operator(&db)?;
    }
    if writes {
        // A failed backup is reported but does not stop the change the user asked for.
        if let Err(e) = session::daily_backup(&db) {
            eprintln!("警告：自动备份失败：{e}");
        }
    }
    handlers::dispatch(&db, cli, path)
}

/// Whether a command changes data (and so needs an operator name for the audit log).
fn writes(cmd: &args::Command) -> bool {
    use args::Command::*;
    !matches!(
        cmd,
        List(_)
            | Stats { .. }
            | Dashboard { .. }
            | Deadlines { .. }
            | VerifyAudit
            | Audit { .. }
            | Backup { .. }
            | Backups
            | Recover { .. }
            | Database(args::DatabaseCmd::Status)
            | Export(args::ExportCmd::Ledger { .. })
            | Export(args::ExportCmd::Leads { .. })
            | Export(args::ExportCmd::Feedback(_))
            | Export(args::ExportCmd::Report(_))
            | Document(args::DocumentCmd::Show { .. })
            | Template(args::TemplateCmd::List | args::TemplateCmd::Show { .. })
            | Import(args::ImportArgs { dry_run: true, .. })
    )
}

/// Asks once for the operator's name when a terminal is attached; scripts run as 未署名
/// unless they pass `--operator` or set it with `xuncha config operator NAME`.
fn ask_operator(db: &Db) -> Result<()> {
    if !std::io::stdin().is_terminal() {
        return Ok(());
    }
    eprint!("请输入您的姓名（写入操作记录，只需输入一次）：");
    let mut line = String::new();
    if std::io::stdin().read_line(&mut line).is_ok() && !line.trim().is_empty() {
        db.set_operator(line.trim())?;
    }
    Ok(())
}
