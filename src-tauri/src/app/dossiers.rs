//! 销号 dossiers: the 整改销号申请审批表 and 佐证材料目录 of one task, or of every closed task
//! of an inspection in one file (a batch to print and file).

use chrono::NaiveDate;

use crate::db::{evidence, findings, ledger, tasks, Db};
use crate::domain::status::is_done;
use crate::domain::Status;
use crate::export::TitledTable;
use crate::report::closeout::{dossier, DossierData};
use crate::report::data::LedgerData;
use crate::{Error, Result};

/// The dossier of each task named (in that order) from an inspection's data.
fn compose(db: &Db, data: &LedgerData, task_ids: &[i64]) -> Result<Vec<Vec<TitledTable>>> {
    let mut out = Vec::with_capacity(task_ids.len());
    for f in &data.findings {
        for t in f.tasks.iter().filter(|t| task_ids.contains(&t.id)) {
            let files = db.read(|c| evidence::for_task(c, t.id))?;
            out.push(dossier(&DossierData {
                inspection: &data.inspection,
                finding: f,
                task: t,
                progress: data.progress.get(&t.id).map_or(&[], Vec::as_slice),
                evidence: &files,
                close_outs: data.close_outs.get(&t.id).map_or(&[], Vec::as_slice),
            }));
        }
    }
    Ok(out)
}

/// The dossier of one task: it must be completed or closed, or have been put forward.
pub fn for_task(db: &Db, task_id: i64, today: NaiveDate) -> Result<Vec<TitledTable>> {
    let (task, inspection) = db.read(|c| {
        let t = tasks::get(c, task_id, today)?;
        let f = findings::get(c, t.finding_id, today)?;
        Ok((t, f.inspection_id))
    })?;
    let data = ledger::load(db, inspection, today)?;
    let asked = data.close_outs.get(&task_id).is_some_and(|c| !c.is_empty());
    if !is_done(task.status) && !asked {
        return Err(Error::invalid(
            "task",
            format!(
                "任务 {task_id} 当前为“{}”，还没有提请销号：销号材料只为已完成、已提请销号或已销号的任务生成",
                task.status.label()
            ),
        ));
    }
    Ok(compose(db, &data, &[task_id])?
        .into_iter()
        .flatten()
        .collect())
}

/// The dossiers of every closed task of an inspection, in the order of the findings.
pub fn closed(db: &Db, inspection_id: i64, today: NaiveDate) -> Result<Vec<Vec<TitledTable>>> {
    let data = ledger::load(db, inspection_id, today)?;
    let ids: Vec<i64> = data
        .findings
        .iter()
        .flat_map(|f| &f.tasks)
        .filter(|t| t.status == Status::Closed)
        .map(|t| t.id)
        .collect();
    if ids.is_empty() {
        return Err(Error::invalid(
            "task",
            "这个巡察还没有已销号的任务：可用 --task 编号 导出一项已完成或已提请销号任务的销号材料",
        ));
    }
    compose(db, &data, &ids)
}
