//! One handler per command: parse the arguments into core inputs, call the core once,
//! print the result. `dispatch` picks the handler; the handlers live beside it, one file
//! per area of the work, and share the small argument parsers below.

mod assignment;
mod exchange;
mod exports;
mod fill_in;
pub mod housekeeping;
mod inspections;
mod intake;
mod overview;
mod tracking;
mod unit_work;

use std::path::Path;

use chrono::NaiveDate;
use xuncha::app;
use xuncha::db::Db;
use xuncha::domain::*;
use xuncha::{Error, Result};

use crate::args::*;
use crate::output;

/// Runs the command.
pub fn dispatch(db: &Db, cli: &Cli, path: &Path) -> Result<()> {
    let j = cli.json;
    let today = app::today();
    match &cli.command {
        Command::Init => {
            println!("数据库已就绪：{}", path.display());
            Ok(())
        }
        Command::Demo => {
            let id = xuncha::demo::load(db, today)?;
            output::created(j, id, "示例巡察", &app::inspections::resolve(db, Some(id))?)
        }
        Command::Config { key, value } => {
            inspections::config(db, j, key.as_deref(), value.as_deref())
        }
        Command::Inspection(c) => inspections::inspection(db, j, c),
        Command::Category(c) => inspections::category(db, j, c),
        Command::Calendar(c) => inspections::calendar(db, j, c),
        Command::Finding(c) => intake::finding(db, j, c, today),
        Command::Paper(c) => intake::paper(db, j, c, today),
        Command::Immediate(c) => intake::immediate(db, j, c),
        Command::Lead(c) => intake::lead(db, j, c),
        Command::Recommendation(c) => intake::recommendation(db, j, c),
        Command::Task(c) => assignment::task(db, j, c, today),
        Command::Directory(c) => assignment::directory(db, j, c),
        Command::Progress(c) => tracking::progress(db, j, c, today),
        Command::CloseOut(c) => tracking::close_out(db, j, c, today),
        Command::Letter(c) => tracking::letter(db, j, c, today),
        Command::Reopen { task, reason, date } => {
            tracking::reopen(db, j, *task, reason, date.as_deref(), today)
        }
        Command::FollowUp(c) => tracking::follow_up(db, j, c, today),
        Command::Regulation(c) => tracking::regulation(db, j, c),
        Command::Accountability(c) => tracking::accountability(db, j, c),
        Command::List(ListCmd::Findings { inspection }) => {
            overview::list_findings(db, j, *inspection, today)
        }
        Command::List(ListCmd::Tasks(f)) => overview::list_tasks(db, j, f, today),
        Command::List(ListCmd::Board(f)) => overview::board(db, j, f, today),
        Command::Stats { inspection } => overview::stats(db, j, *inspection, today),
        Command::Dashboard { inspection } => overview::dashboard(db, j, *inspection, today),
        Command::Deadlines { inspection } => overview::deadlines(db, j, *inspection),
        Command::Backup { out } => housekeeping::backup(db, j, out),
        Command::Backups => housekeeping::backups(j, path),
        Command::Recover { name } => housekeeping::recover(j, path, name),
        Command::Restore {
            file,
            backup_password_stdin,
        } => crate::password::restore(db, j, file, *backup_password_stdin),
        Command::Database(c) => crate::password::database(db, j, c, path),
        Command::VerifyAudit => housekeeping::verify(db, j),
        Command::Audit { limit, entity } => {
            housekeeping::audit_log(db, j, *limit, entity.as_deref())
        }
        Command::Export(c) => exports::export(db, j, c, today),
        Command::Document(c) => exports::document(db, j, c, today),
        Command::Import(a) => exports::import(db, j, a, today),
        Command::Template(c) => exports::template(db, j, c),
        Command::FillIn(c) => fill_in::fill_in(db, j, c, today),
        Command::Exchange(c) => exchange::exchange(db, j, c, today),
        Command::Meeting(c) => unit_work::meeting(db, j, c),
        Command::Secretary(c) => unit_work::secretary(db, j, c),
        Command::LeadingGroup(a) => unit_work::leading_group(db, j, a),
        Command::Letterhead(a) => unit_work::letterhead(db, j, a),
    }
}

/// Parses an optional date argument, naming the field on error.
fn opt_date(field: &str, text: Option<&str>) -> Result<Option<NaiveDate>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => dates::read_date(t, None)
            .map(Some)
            .map_err(|why| Error::invalid(field, why)),
    }
}

/// Parses a required date argument, naming the field on error.
fn req_date(field: &str, text: &str) -> Result<NaiveDate> {
    opt_date(field, Some(text))?.ok_or_else(|| Error::invalid(field, "日期不能为空"))
}

/// The inspection a command means (explicit, or the most recent).
fn which(db: &Db, id: Option<i64>) -> Result<i64> {
    Ok(app::inspections::resolve(db, id)?.id)
}
