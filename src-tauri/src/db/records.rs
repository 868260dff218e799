//! The smaller records around findings: 立行立改, 意见建议, 建章立制, 问责, 回头看 and
//! 问题底稿 (working papers, which become findings when approved).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::util::json_list;
use super::{closeout, findings, inspections, WriteTx};
use crate::domain::*;
use crate::{Error, Result};

/// Checks that an optional finding belongs to the inspection.
fn check_finding(conn: &Connection, inspection_id: i64, finding_id: Option<i64>) -> Result<()> {
    inspections::get(conn, inspection_id)?;
    if let Some(fid) = finding_id {
        let owner: Option<i64> = conn
            .query_row(
                "SELECT inspection_id FROM findings WHERE id = ?1",
                [fid],
                |r| r.get(0),
            )
            .optional()?;
        if owner != Some(inspection_id) {
            return Err(Error::invalid(
                "finding_id",
                format!("反馈问题 {fid} 不存在或不属于该巡察"),
            ));
        }
    }
    Ok(())
}

fn list_of<T>(
    conn: &Connection,
    sql: &str,
    inspection_id: Option<i64>,
    f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([inspection_id], f)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records a 立行立改 item.
pub fn add_immediate_fix_in_tx(tx: &mut WriteTx<'_>, v: &ImmediateFix) -> Result<ImmediateFix> {
    validate::required_text("title", "立行立改问题", &v.title, validate::limits::LINE)?;
    validate::text("action", "整改情况", &v.action, validate::limits::LONG_TEXT)?;
    if let Some(d) = v.fixed_on {
        validate::date("fixed_on", "整改日期", d)?;
    }
    check_finding(tx.conn(), v.inspection_id, v.finding_id)?;
    tx.conn().execute(
        "INSERT INTO immediate_fixes (inspection_id, finding_id, title, action, fixed_on)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            v.inspection_id,
            v.finding_id,
            v.title.trim(),
            v.action.trim(),
            v.fixed_on
        ],
    )?;
    let out = ImmediateFix {
        id: tx.conn().last_insert_rowid(),
        ..v.clone()
    };
    tx.audit::<(), _>("create", "immediate_fix", Some(out.id), None, Some(&out))?;
    Ok(out)
}

/// 立行立改 items of an inspection (or all).
pub fn immediate_fixes(conn: &Connection, inspection_id: Option<i64>) -> Result<Vec<ImmediateFix>> {
    list_of(
        conn,
        "SELECT id, inspection_id, finding_id, title, action, fixed_on FROM immediate_fixes
         WHERE ?1 IS NULL OR inspection_id = ?1 ORDER BY id",
        inspection_id,
        |r| {
            Ok(ImmediateFix {
                id: r.get(0)?,
                inspection_id: r.get(1)?,
                finding_id: r.get(2)?,
                title: r.get(3)?,
                action: r.get(4)?,
                fixed_on: r.get(5)?,
            })
        },
    )
}

/// Adds a recommendation at the end.
pub fn add_recommendation_in_tx(
    tx: &mut WriteTx<'_>,
    inspection_id: i64,
    text: &str,
) -> Result<Recommendation> {
    validate::required_text("text", "意见建议", text, validate::limits::LONG_TEXT)?;
    inspections::get(tx.conn(), inspection_id)?;
    let seq: i64 = tx.conn().query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM recommendations WHERE inspection_id = ?1",
        [inspection_id],
        |r| r.get(0),
    )?;
    tx.conn().execute(
        "INSERT INTO recommendations (inspection_id, seq, text) VALUES (?1, ?2, ?3)",
        params![inspection_id, seq, text.trim()],
    )?;
    let out = Recommendation {
        id: tx.conn().last_insert_rowid(),
        inspection_id,
        seq,
        text: text.trim().to_owned(),
    };
    tx.audit::<(), _>("create", "recommendation", Some(out.id), None, Some(&out))?;
    Ok(out)
}

/// Recommendations of an inspection in order.
pub fn recommendations(
    conn: &Connection,
    inspection_id: Option<i64>,
) -> Result<Vec<Recommendation>> {
    list_of(
        conn,
        "SELECT id, inspection_id, seq, text FROM recommendations
         WHERE ?1 IS NULL OR inspection_id = ?1 ORDER BY inspection_id, seq",
        inspection_id,
        |r| {
            Ok(Recommendation {
                id: r.get(0)?,
                inspection_id: r.get(1)?,
                seq: r.get(2)?,
                text: r.get(3)?,
            })
        },
    )
}

/// Records a rule made, revised or abolished.
pub fn add_regulation_in_tx(tx: &mut WriteTx<'_>, v: &Regulation) -> Result<Regulation> {
    validate::required_text("name", "制度名称", &v.name, validate::limits::LINE)?;
    validate::date("issued_on", "印发日期", v.issued_on)?;
    validate::text("doc_no", "文号", &v.doc_no, validate::limits::NAME)?;
    check_finding(tx.conn(), v.inspection_id, v.finding_id)?;
    tx.conn().execute(
        "INSERT INTO regulations (inspection_id, finding_id, name, action, issued_on, doc_no)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            v.inspection_id,
            v.finding_id,
            v.name.trim(),
            v.action,
            v.issued_on,
            v.doc_no.trim()
        ],
    )?;
    let out = Regulation {
        id: tx.conn().last_insert_rowid(),
        ..v.clone()
    };
    tx.audit::<(), _>("create", "regulation", Some(out.id), None, Some(&out))?;
    Ok(out)
}

/// Regulations of an inspection (or all), by date.
pub fn regulations(conn: &Connection, inspection_id: Option<i64>) -> Result<Vec<Regulation>> {
    list_of(
        conn,
        "SELECT id, inspection_id, finding_id, name, action, issued_on, doc_no FROM regulations
         WHERE ?1 IS NULL OR inspection_id = ?1 ORDER BY issued_on, id",
        inspection_id,
        |r| {
            Ok(Regulation {
                id: r.get(0)?,
                inspection_id: r.get(1)?,
                finding_id: r.get(2)?,
                name: r.get(3)?,
                action: r.get(4)?,
                issued_on: r.get(5)?,
                doc_no: r.get(6)?,
            })
        },
    )
}

/// Records a person held accountable.
pub fn add_accountability_in_tx(
    tx: &mut WriteTx<'_>,
    v: &Accountability,
) -> Result<Accountability> {
    validate::required_text("person", "被问责人", &v.person, validate::limits::NAME)?;
    validate::text("position", "职务", &v.position, validate::limits::NAME)?;
    validate::required_text("form", "问责方式", &v.form, validate::limits::NAME)?;
    validate::date("decided_on", "问责日期", v.decided_on)?;
    validate::text("notes", "备注", &v.notes, validate::limits::TEXT)?;
    check_finding(tx.conn(), v.inspection_id, v.finding_id)?;
    tx.conn().execute(
        "INSERT INTO accountabilities (inspection_id, finding_id, person, position, form,
            decided_on, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            v.inspection_id,
            v.finding_id,
            v.person.trim(),
            v.position.trim(),
            v.form.trim(),
            v.decided_on,
            v.notes.trim()
        ],
    )?;
    let out = Accountability {
        id: tx.conn().last_insert_rowid(),
        ..v.clone()
    };
    tx.audit::<(), _>("create", "accountability", Some(out.id), None, Some(&out))?;
    Ok(out)
}

/// Accountability records of an inspection (or all), by date.
pub fn accountabilities(
    conn: &Connection,
    inspection_id: Option<i64>,
) -> Result<Vec<Accountability>> {
    list_of(
        conn,
        "SELECT id, inspection_id, finding_id, person, position, form, decided_on, notes
         FROM accountabilities WHERE ?1 IS NULL OR inspection_id = ?1 ORDER BY decided_on, id",
        inspection_id,
        |r| {
            Ok(Accountability {
                id: r.get(0)?,
                inspection_id: r.get(1)?,
                finding_id: r.get(2)?,
                person: r.get(3)?,
                position: r.get(4)?,
                form: r.get(5)?,
                decided_on: r.get(6)?,
                notes: r.get(7)?,
            })
        },
    )
}

/// Records a follow-up check; a rebound on a closed task reopens it with the notes as reason.
pub fn add_follow_up_in_tx(tx: &mut WriteTx<'_>, v: &FollowUpCheck) -> Result<FollowUpCheck> {
    validate::date("checked_on", "检查日期", v.checked_on)?;
    validate::text(
        "checked_by",
        "检查人",
        &v.checked_by,
        validate::limits::NAME,
    )?;
    validate::text("notes", "检查情况", &v.notes, validate::limits::LONG_TEXT)?;
    check_finding(tx.conn(), v.inspection_id, v.finding_id)?;
    if v.result == FollowUpResult::Rebound {
        validate::required_text(
            "notes",
            "问题反弹的情况",
            &v.notes,
            validate::limits::LONG_TEXT,
        )?;
    }
    tx.conn().execute(
        "INSERT INTO follow_up_checks (inspection_id, finding_id, task_id, checked_on, checked_by,
            result, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            v.inspection_id,
            v.finding_id,
            v.task_id,
            v.checked_on,
            v.checked_by.trim(),
            v.result,
            v.notes.trim()
        ],
    )?;
    let out = FollowUpCheck {
        id: tx.conn().last_insert_rowid(),
        ..v.clone()
    };
    tx.audit::<(), _>("create", "follow_up_check", Some(out.id), None, Some(&out))?;
    if let (FollowUpResult::Rebound, Some(task_id)) = (v.result, v.task_id) {
        let status: Status =
            tx.conn()
                .query_row("SELECT status FROM tasks WHERE id = ?1", [task_id], |r| {
                    r.get(0)
                })?;
        if status == Status::Closed {
            closeout::reopen_in_tx(
                tx,
                task_id,
                &format!("回头看发现问题反弹：{}", v.notes.trim()),
                v.checked_on,
            )?;
        }
    }
    Ok(out)
}

/// Follow-up checks of an inspection.
pub fn follow_ups(conn: &Connection, inspection_id: Option<i64>) -> Result<Vec<FollowUpCheck>> {
    list_of(
        conn,
        "SELECT id, inspection_id, finding_id, task_id, checked_on, checked_by, result, notes
         FROM follow_up_checks WHERE ?1 IS NULL OR inspection_id = ?1 ORDER BY checked_on, id",
        inspection_id,
        |r| {
            Ok(FollowUpCheck {
                id: r.get(0)?,
                inspection_id: r.get(1)?,
                finding_id: r.get(2)?,
                task_id: r.get(3)?,
                checked_on: r.get(4)?,
                checked_by: r.get(5)?,
                result: r.get(6)?,
                notes: r.get(7)?,
            })
        },
    )
}

const PAPER_COLUMNS: &str = "id, inspection_id, number, title, manifestation, basis,
    evidence_list, principal_responsibility, first_responsible, supervisory_responsibility,
    found_by, found_on, review, signed_by, status, finding_id";

fn paper_row(r: &Row<'_>) -> rusqlite::Result<WorkingPaper> {
    Ok(WorkingPaper {
        id: r.get(0)?,
        inspection_id: r.get(1)?,
        number: r.get(2)?,
        title: r.get(3)?,
        manifestation: r.get(4)?,
        basis: r.get(5)?,
        evidence_list: json_list(&r.get::<_, String>(6)?),
        principal_responsibility: r.get(7)?,
        first_responsible: r.get(8)?,
        supervisory_responsibility: r.get(9)?,
        found_by: r.get(10)?,
        found_on: r.get(11)?,
        review: r.get(12)?,
        signed_by: r.get(13)?,
        status: r.get(14)?,
        finding_id: r.get(15)?,
    })
}

/// Records a working paper (draft).
pub fn add_working_paper_in_tx(tx: &mut WriteTx<'_>, v: &WorkingPaper) -> Result<WorkingPaper> {
    use validate::limits::*;
    validate::text("number", "底稿编号", &v.number, NAME)?;
    validate::required_text("title", "问题标题", &v.title, LINE)?;
    validate::text("manifestation", "问题表现", &v.manifestation, LONG_TEXT)?;
    validate::text("basis", "定性依据", &v.basis, LONG_TEXT)?;
    validate::names("evidence_list", "证据目录", &v.evidence_list, LINE)?;
    for (field, label, value) in [
        (
            "principal_responsibility",
            "主体责任",
            &v.principal_responsibility,
        ),
        ("first_responsible", "第一责任人", &v.first_responsible),
        (
            "supervisory_responsibility",
            "监督责任",
            &v.supervisory_responsibility,
        ),
        ("found_by", "发现人", &v.found_by),
        ("signed_by", "组长签字", &v.signed_by),
    ] {
        validate::text(field, label, value, NAME * 2)?;
    }
    validate::text("review", "组务会审议意见", &v.review, TEXT)?;
    if let Some(d) = v.found_on {
        validate::date("found_on", "发现日期", d)?;
    }
    inspections::get(tx.conn(), v.inspection_id)?;
    tx.conn().execute(
        "INSERT INTO working_papers (inspection_id, number, title, manifestation, basis,
            evidence_list, principal_responsibility, first_responsible,
            supervisory_responsibility, found_by, found_on, review, signed_by, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'draft')",
        params![
            v.inspection_id,
            v.number.trim(),
            v.title.trim(),
            v.manifestation.trim(),
            v.basis.trim(),
            serde_json::to_string(&v.evidence_list)?,
            v.principal_responsibility.trim(),
            v.first_responsible.trim(),
            v.supervisory_responsibility.trim(),
            v.found_by.trim(),
            v.found_on,
            v.review.trim(),
            v.signed_by.trim()
        ],
    )?;
    let out = working_paper(tx.conn(), tx.conn().last_insert_rowid())?;
    tx.audit::<(), _>("create", "working_paper", Some(out.id), None, Some(&out))?;
    Ok(out)
}

/// One working paper.
pub fn working_paper(conn: &Connection, id: i64) -> Result<WorkingPaper> {
    conn.query_row(
        &format!("SELECT {PAPER_COLUMNS} FROM working_papers WHERE id = ?1"),
        [id],
        paper_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("没有编号为 {id} 的问题底稿")))
}

/// Working papers of an inspection.
pub fn working_papers(conn: &Connection, inspection_id: Option<i64>) -> Result<Vec<WorkingPaper>> {
    list_of(
        conn,
        &format!(
            "SELECT {PAPER_COLUMNS} FROM working_papers WHERE ?1 IS NULL OR inspection_id = ?1
             ORDER BY id"
        ),
        inspection_id,
        paper_row,
    )
}

/// Approves a working paper (组务会审定, 组长签字) and turns it into a finding.
pub fn approve_working_paper_in_tx(
    tx: &mut WriteTx<'_>,
    id: i64,
    a: &PaperApproval,
    today: NaiveDate,
) -> Result<Finding> {
    let (signed_by, review) = (a.signed_by.as_str(), a.review.as_str());
    validate::required_text("signed_by", "组长签字", signed_by, validate::limits::NAME)?;
    validate::text("review", "组务会审议意见", review, validate::limits::TEXT)?;
    let before = working_paper(tx.conn(), id)?;
    if before.status == PaperStatus::Approved {
        return Err(Error::Conflict(format!("底稿 {} 已审定", before.number)));
    }
    let f = findings::add_in_tx(
        tx,
        &FindingInput {
            inspection_id: before.inspection_id,
            category_id: a.category_id,
            category: a.category.clone(),
            title: before.title.clone(),
            manifestation: before.manifestation.clone(),
            nature: Some(a.nature),
            source: Some("巡察发现".into()),
            found_on: before.found_on.or(Some(today)),
            tags: vec![],
        },
    )?;
    tx.conn().execute(
        "UPDATE working_papers SET status = 'approved', signed_by = ?2, review = ?3,
            finding_id = ?4 WHERE id = ?1",
        params![id, signed_by.trim(), review.trim(), f.id],
    )?;
    tx.conn().execute(
        "UPDATE findings SET working_paper_id = ?2 WHERE id = ?1",
        params![f.id, id],
    )?;
    let after = working_paper(tx.conn(), id)?;
    tx.audit(
        "approve",
        "working_paper",
        Some(id),
        Some(&before),
        Some(&after),
    )?;
    findings::get(tx.conn(), f.id, today)
}
