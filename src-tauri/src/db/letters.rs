//! The register of 督办 letters: each letter issued for a task, numbered per inspection and
//! year. Numbers come from `letter_numbers`, the highest number an inspection has given in a
//! year, so no number is ever given twice, whatever happens to the letters themselves.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, Row};

use super::WriteTx;
use crate::domain::supervision::number_text;
use crate::domain::{validate, LetterKind, SupervisionLetter};
use crate::{Error, Result};

/// A letter about to be issued.
#[derive(Debug, Clone)]
pub struct NewLetter {
    pub inspection_id: i64,
    pub task_id: i64,
    pub kind: LetterKind,
    pub issued_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub days_left: Option<i64>,
    pub reply_by: NaiveDate,
    pub subject: String,
}

const COLUMNS: &str = "id, inspection_id, task_id, kind, year, number, issued_on, issued_by,
    due_on, days_left, reply_by, subject, voided_on, void_reason";

fn from_row(r: &Row<'_>) -> rusqlite::Result<SupervisionLetter> {
    let year: i32 = r.get(4)?;
    let number: i64 = r.get(5)?;
    Ok(SupervisionLetter {
        id: r.get(0)?,
        inspection_id: r.get(1)?,
        task_id: r.get(2)?,
        kind: r.get(3)?,
        year,
        number,
        number_text: number_text(year, number),
        issued_on: r.get(6)?,
        issued_by: r.get(7)?,
        due_on: r.get(8)?,
        days_left: r.get(9)?,
        reply_by: r.get(10)?,
        subject: r.get(11)?,
        voided_on: r.get(12)?,
        void_reason: r.get(13)?,
    })
}

/// Issues a letter: takes the inspection's next number for the year it is issued in.
pub fn issue_in_tx(tx: &mut WriteTx<'_>, l: &NewLetter) -> Result<SupervisionLetter> {
    validate::date("issued_on", "发函日期", l.issued_on)?;
    let year = l.issued_on.year();
    let number: i64 = tx.conn().query_row(
        "INSERT INTO letter_numbers (inspection_id, year, last_number) VALUES (?1, ?2, 1)
         ON CONFLICT(inspection_id, year) DO UPDATE SET last_number = last_number + 1
         RETURNING last_number",
        params![l.inspection_id, year],
        |r| r.get(0),
    )?;
    let by = tx.operator().to_owned();
    tx.conn().execute(
        "INSERT INTO supervision_letters (inspection_id, task_id, kind, year, number, issued_on,
            issued_by, due_on, days_left, reply_by, subject)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            l.inspection_id,
            l.task_id,
            l.kind,
            year,
            number,
            l.issued_on,
            by,
            l.due_on,
            l.days_left,
            l.reply_by,
            l.subject
        ],
    )?;
    let letter = get(tx.conn(), tx.conn().last_insert_rowid())?;
    tx.audit::<(), _>(
        "issue",
        "supervision_letter",
        Some(letter.id),
        None,
        Some(&letter),
    )?;
    Ok(letter)
}

/// 作废 a letter, with a reason. It stays in the register with its number, which is never
/// given again.
pub fn void_in_tx(
    tx: &mut WriteTx<'_>,
    id: i64,
    reason: &str,
    on: NaiveDate,
) -> Result<SupervisionLetter> {
    validate::required_text("reason", "作废原因", reason, validate::limits::TEXT)?;
    let before = get(tx.conn(), id)?;
    if before.voided_on.is_some() {
        return Err(Error::Conflict(format!(
            "{}{}已经作废",
            before.kind.label(),
            before.number_text
        )));
    }
    if on < before.issued_on {
        return Err(Error::invalid("voided_on", "作废日期不能早于发函日期"));
    }
    tx.conn().execute(
        "UPDATE supervision_letters SET voided_on = ?2, void_reason = ?3 WHERE id = ?1",
        params![id, on, reason.trim()],
    )?;
    let after = get(tx.conn(), id)?;
    tx.audit(
        "void",
        "supervision_letter",
        Some(id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// One letter by id.
pub fn get(conn: &Connection, id: i64) -> Result<SupervisionLetter> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM supervision_letters WHERE id = ?1"),
        [id],
        from_row,
    )
    .map_err(|e| match e {
        rusqlite::Error::QueryReturnedNoRows => {
            Error::NotFound(format!("没有编号为 {id} 的督办函件"))
        }
        e => e.into(),
    })
}

/// The letters of an inspection and/or a task (`None`: any), in the order issued.
pub fn list(
    conn: &Connection,
    inspection_id: Option<i64>,
    task_id: Option<i64>,
) -> Result<Vec<SupervisionLetter>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM supervision_letters
         WHERE (?1 IS NULL OR inspection_id = ?1) AND (?2 IS NULL OR task_id = ?2)
         ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![inspection_id, task_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{inspections, Db};
    use crate::domain::supervision::in_force;
    use crate::domain::InspectionInput;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn setup() -> (Db, i64, i64) {
        let db = Db::open_in_memory().unwrap();
        let id = crate::demo::load(&db, d("2026-03-02")).unwrap();
        let task: i64 = db
            .read(|c| {
                Ok(c.query_row(
                    "SELECT t.id FROM tasks t JOIN findings f ON f.id = t.finding_id
                     WHERE f.inspection_id = ?1 ORDER BY t.id LIMIT 1",
                    [id],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        (db, id, task)
    }

    fn letter(inspection_id: i64, task_id: i64, on: &str) -> NewLetter {
        NewLetter {
            inspection_id,
            task_id,
            kind: LetterKind::Notice,
            issued_on: d(on),
            due_on: Some(d("2026-02-28")),
            days_left: Some(-2),
            reply_by: d("2026-03-09"),
            subject: "（一）1 整改措施".into(),
        }
    }

    fn numbers(db: &Db, inspection: i64) -> Vec<String> {
        db.read(|c| list(c, Some(inspection), None))
            .unwrap()
            .into_iter()
            .map(|l| l.number_text)
            .collect()
    }

    #[test]
    fn numbers_run_per_inspection_and_year_and_are_never_reused() {
        let (db, ins, task) = setup();
        let issue = |on: &str| {
            db.write(|tx| issue_in_tx(tx, &letter(ins, task, on)))
                .unwrap()
        };
        let first = issue("2026-03-02");
        let second = issue("2026-03-02");
        assert_eq!(first.number_text, "〔2026〕1号");
        assert_eq!(second.number_text, "〔2026〕2号");

        // Voided: the number stays taken.
        let voided = db
            .write(|tx| void_in_tx(tx, second.id, "发错对象", d("2026-03-03")))
            .unwrap();
        assert_eq!(voided.voided_on, Some(d("2026-03-03")));
        assert_eq!(issue("2026-03-03").number_text, "〔2026〕3号");

        // Removed from the register behind the app's back: its number is still never given
        // again (the high-water mark stays).
        let third_id = db.read(|c| list(c, Some(ins), None)).unwrap()[2].id;
        db.read(|c| {
            c.execute("DELETE FROM supervision_letters WHERE id = ?1", [third_id])?;
            Ok(())
        })
        .unwrap();
        assert_eq!(issue("2026-03-04").number_text, "〔2026〕4号");
        assert_eq!(
            numbers(&db, ins),
            ["〔2026〕1号", "〔2026〕2号", "〔2026〕4号"]
        );

        // A new year starts at 1; another inspection has its own numbers.
        assert_eq!(issue("2027-01-05").number_text, "〔2027〕1号");
        let other = db
            .write(|tx| {
                inspections::add_in_tx(
                    tx,
                    &InspectionInput {
                        inspected_org: Some("另一党组".into()),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
        let l = db
            .write(|tx| issue_in_tx(tx, &letter(other.id, task, "2026-03-05")))
            .unwrap();
        assert_eq!(l.number_text, "〔2026〕1号");
    }

    #[test]
    fn a_letter_outlives_its_task_and_voiding_twice_is_refused() {
        let (db, ins, task) = setup();
        let l = db
            .write(|tx| issue_in_tx(tx, &letter(ins, task, "2026-03-02")))
            .unwrap();
        let err = db
            .write(|tx| void_in_tx(tx, l.id, " ", d("2026-03-02")))
            .unwrap_err();
        assert_eq!(err.field(), Some("reason"));
        db.write(|tx| void_in_tx(tx, l.id, "重复", d("2026-03-02")))
            .unwrap();
        let err = db
            .write(|tx| void_in_tx(tx, l.id, "重复", d("2026-03-02")))
            .unwrap_err();
        assert!(err.to_string().contains("已经作废"), "{err}");
        db.read(|c| {
            c.execute("DELETE FROM tasks WHERE id = ?1", [task])?;
            Ok(())
        })
        .unwrap();
        let kept = db.read(|c| get(c, l.id)).unwrap();
        assert_eq!(kept.task_id, None);
        assert_eq!(kept.subject, "（一）1 整改措施");
    }

    #[test]
    fn the_letter_in_force_matches_kind_and_due_date() {
        let (db, ins, task) = setup();
        let l = db
            .write(|tx| issue_in_tx(tx, &letter(ins, task, "2026-03-02")))
            .unwrap();
        let all = db.read(|c| list(c, None, Some(task))).unwrap();
        let due = Some(d("2026-02-28"));
        assert_eq!(
            in_force(&all, task, LetterKind::Notice, due).map(|l| l.id),
            Some(l.id)
        );
        assert!(in_force(&all, task, LetterKind::Reminder, due).is_none());
        assert!(in_force(&all, task, LetterKind::Notice, Some(d("2026-04-30"))).is_none());
    }
}
