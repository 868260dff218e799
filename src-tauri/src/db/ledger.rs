//! Gathers everything one inspection's documents are composed from.

use chrono::NaiveDate;

use super::{closeout, findings, inspections, progress, records, stats, unit_work, Db};
use crate::report::data::{LedgerData, UnitWork};
use crate::Result;

/// Loads the ledger data of an inspection with derived values for `today`.
pub fn load(db: &Db, inspection_id: i64, today: NaiveDate) -> Result<LedgerData> {
    db.read(|c| {
        let id = Some(inspection_id);
        Ok(LedgerData {
            inspection: inspections::get(c, inspection_id)?,
            categories: inspections::categories(c, inspection_id)?,
            findings: findings::list(c, id, today)?,
            progress: progress::by_task(c, id)?,
            close_outs: closeout::by_task(c, id)?,
            immediate_fixes: records::immediate_fixes(c, id)?,
            recommendations: records::recommendations(c, id)?,
            regulations: records::regulations(c, id)?,
            accountabilities: records::accountabilities(c, id)?,
            today,
        })
    })
}

/// Loads how the unit organised the rectification of an inspection.
pub fn load_work(db: &Db, inspection_id: i64, today: NaiveDate) -> Result<UnitWork> {
    db.read(|c| {
        let inspection = inspections::get(c, inspection_id)?;
        Ok(UnitWork {
            deadlines: inspections::deadlines(c, &inspection)?,
            leading_group: unit_work::leading_group(c, inspection_id)?,
            meetings: unit_work::meetings(c, inspection_id)?,
            secretary_actions: unit_work::secretary_actions(c, inspection_id)?,
            letters: super::letters::list(c, Some(inspection_id), None)?,
            stats: stats::stats(c, Some(inspection_id), today)?,
        })
    })
}
