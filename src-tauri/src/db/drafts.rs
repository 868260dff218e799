//! Drafts of the official documents the user edited (the feedback report and the status
//! report), kept per inspection as JSON so edits survive regenerating the text; and the
//! date of the last weekly summary, from which the next one counts.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{inspections, WriteTx};
use crate::Result;

/// Kinds of stored drafts.
pub const FEEDBACK: &str = "feedback";
pub const STATUS_REPORT: &str = "status_report";
pub const PLAN: &str = "plan";
pub const PRINCIPAL_REPORT: &str = "principal_report";
pub const NOTICE: &str = "notice";
pub const MEETING_REPORT: &str = "meeting_report";
pub const SUPERVISION: &str = "supervision";
pub const CLOSEOUT: &str = "closeout";
const WEEKLY_MARK: &str = "weekly_last";

/// The stored draft of a document, if the user saved one.
pub fn get(conn: &Connection, inspection_id: i64, kind: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT body FROM document_drafts WHERE inspection_id = ?1 AND kind = ?2",
            params![inspection_id, kind],
            |r| r.get(0),
        )
        .optional()?)
}

/// Saves (replaces) a draft.
pub fn save_in_tx(tx: &mut WriteTx<'_>, inspection_id: i64, kind: &str, body: &str) -> Result<()> {
    inspections::get(tx.conn(), inspection_id)?;
    let before = get(tx.conn(), inspection_id, kind)?;
    tx.conn().execute(
        "INSERT INTO document_drafts (inspection_id, kind, body, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(inspection_id, kind) DO UPDATE SET body = excluded.body,
            updated_at = excluded.updated_at",
        params![inspection_id, kind, body, super::now()],
    )?;
    tx.audit(
        "save",
        &format!("draft:{kind}"),
        Some(inspection_id),
        before.as_ref(),
        Some(&body),
    )
}

/// Discards a draft, so the document is generated afresh.
pub fn discard_in_tx(tx: &mut WriteTx<'_>, inspection_id: i64, kind: &str) -> Result<()> {
    let before = get(tx.conn(), inspection_id, kind)?;
    tx.conn().execute(
        "DELETE FROM document_drafts WHERE inspection_id = ?1 AND kind = ?2",
        params![inspection_id, kind],
    )?;
    tx.audit::<_, ()>(
        "discard",
        &format!("draft:{kind}"),
        Some(inspection_id),
        before.as_ref(),
        None,
    )
}

/// The day after which a weekly summary made on `today` counts: the day the previous one
/// was made. Made again the same day (the Word file after the PDF), it covers the same days
/// as the first; `None` when there is no earlier one, or the clock went back.
pub fn weekly_since(
    conn: &Connection,
    inspection_id: i64,
    today: NaiveDate,
) -> Result<Option<NaiveDate>> {
    let Some(mark) = get(conn, inspection_id, WEEKLY_MARK)? else {
        return Ok(None);
    };
    // "made|since"; marks before the period was recorded hold "made" alone.
    let mut dates = mark
        .split('|')
        .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let (made, since) = (dates.next().flatten(), dates.next().flatten());
    Ok(match made {
        Some(m) if m == today => since,
        Some(m) if m < today => Some(m),
        _ => None,
    })
}

/// Records that a weekly summary of the days after `since` was made on `on`.
pub fn mark_weekly_in_tx(
    tx: &mut WriteTx<'_>,
    inspection_id: i64,
    on: NaiveDate,
    since: NaiveDate,
) -> Result<()> {
    let mark = format!("{}|{}", on.format("%Y-%m-%d"), since.format("%Y-%m-%d"));
    save_in_tx(tx, inspection_id, WEEKLY_MARK, &mark)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use crate::domain::InspectionInput;

    #[test]
    fn drafts_round_trip_and_weekly_mark() {
        let db = Db::open_in_memory().unwrap();
        let i = db
            .write(|tx| {
                inspections::add_in_tx(
                    tx,
                    &InspectionInput {
                        inspected_org: Some("某党组".into()),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
        assert_eq!(db.read(|c| get(c, i.id, FEEDBACK)).unwrap(), None);
        db.write(|tx| save_in_tx(tx, i.id, FEEDBACK, "{\"edits\":{}}"))
            .unwrap();
        assert_eq!(
            db.read(|c| get(c, i.id, FEEDBACK)).unwrap().as_deref(),
            Some("{\"edits\":{}}")
        );
        db.write(|tx| discard_in_tx(tx, i.id, FEEDBACK)).unwrap();
        assert_eq!(db.read(|c| get(c, i.id, FEEDBACK)).unwrap(), None);
    }

    #[test]
    fn a_weekly_made_again_the_same_day_covers_the_same_days() {
        let db = Db::open_in_memory().unwrap();
        let i = db
            .write(|tx| {
                let org = Some("某党组".into());
                let input = InspectionInput {
                    inspected_org: org,
                    ..Default::default()
                };
                inspections::add_in_tx(tx, &input)
            })
            .unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2025, 6, d).unwrap();
        let since = |d| db.read(|c| weekly_since(c, i.id, day(d))).unwrap();
        assert_eq!(since(13), None);
        db.write(|tx| mark_weekly_in_tx(tx, i.id, day(13), day(6)))
            .unwrap();
        assert_eq!(since(13), Some(day(6)), "again on the 13th");
        assert_eq!(since(20), Some(day(13)), "the next week");
        assert_eq!(since(12), None, "the clock went back");
        // A mark written before the period was recorded.
        db.write(|tx| save_in_tx(tx, i.id, WEEKLY_MARK, "2025-06-13"))
            .unwrap();
        assert_eq!((since(13), since(20)), (None, Some(day(13))));
    }
}
