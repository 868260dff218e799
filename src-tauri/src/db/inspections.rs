//! Inspections, their categories, and the deadlines derived from the feedback date.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::util::{is_constraint, json_list};
use super::WriteTx;
use crate::domain::calendar::{self, HolidayCalendar};
use crate::domain::{
    validate, Category, Inspection, InspectionDeadlines, InspectionInput, InspectionKind,
    DEFAULT_CATEGORIES,
};
use crate::{Error, Result};

const COLUMNS: &str = "id, name, round, kind, team, team_leader, deputy_leader, team_members,
    inspected_org, org_secretary, unit_name, authority, onsite_start, onsite_end, feedback_date,
    plan_due_workdays, meeting_due_months, report_due_months, created_at, updated_at, dual_review";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Inspection> {
    Ok(Inspection {
        id: r.get(0)?,
        name: r.get(1)?,
        round: r.get(2)?,
        kind: r.get(3)?,
        team: r.get(4)?,
        team_leader: r.get(5)?,
        deputy_leader: r.get(6)?,
        team_members: json_list(&r.get::<_, String>(7)?),
        inspected_org: r.get(8)?,
        org_secretary: r.get(9)?,
        unit_name: r.get(10)?,
        authority: r.get(11)?,
        onsite_start: r.get(12)?,
        onsite_end: r.get(13)?,
        feedback_date: r.get(14)?,
        plan_due_workdays: r.get(15)?,
        meeting_due_months: r.get(16)?,
        report_due_months: r.get(17)?,
        created_at: r.get(18)?,
        updated_at: r.get(19)?,
        dual_review: r.get(20)?,
    })
}

/// Applies the `Some` fields of `input` onto `i`, trimming text.
fn apply(i: &mut Inspection, input: &InspectionInput) {
    let set = |dst: &mut String, v: &Option<String>| {
        if let Some(v) = v {
            *dst = v.trim().to_owned();
        }
    };
    set(&mut i.name, &input.name);
    set(&mut i.round, &input.round);
    set(&mut i.team, &input.team);
    set(&mut i.team_leader, &input.team_leader);
    set(&mut i.deputy_leader, &input.deputy_leader);
    set(&mut i.inspected_org, &input.inspected_org);
    set(&mut i.org_secretary, &input.org_secretary);
    set(&mut i.unit_name, &input.unit_name);
    set(&mut i.authority, &input.authority);
    if let Some(v) = input.kind {
        i.kind = v;
    }
    if let Some(v) = &input.team_members {
        i.team_members = v.iter().map(|m| m.trim().to_owned()).collect();
    }
    if input.onsite_start.is_some() {
        i.onsite_start = input.onsite_start;
    }
    if input.onsite_end.is_some() {
        i.onsite_end = input.onsite_end;
    }
    if input.feedback_date.is_some() {
        i.feedback_date = input.feedback_date;
    }
    if let Some(v) = input.plan_due_workdays {
        i.plan_due_workdays = v;
    }
    if let Some(v) = input.meeting_due_months {
        i.meeting_due_months = v;
    }
    if let Some(v) = input.report_due_months {
        i.report_due_months = v;
    }
}

/// Creates an inspection with the four default categories; returns it.
pub fn add_in_tx(tx: &mut WriteTx<'_>, input: &InspectionInput) -> Result<Inspection> {
    let now = super::now();
    let mut i = Inspection {
        id: 0,
        name: String::new(),
        round: String::new(),
        kind: InspectionKind::Regular,
        team: String::new(),
        team_leader: String::new(),
        deputy_leader: String::new(),
        team_members: vec![],
        inspected_org: String::new(),
        org_secretary: String::new(),
        unit_name: String::new(),
        authority: String::new(),
        onsite_start: None,
        onsite_end: None,
        feedback_date: None,
        plan_due_workdays: 15,
        meeting_due_months: 1,
        report_due_months: 3,
        dual_review: false,
        created_at: now.clone(),
        updated_at: now,
    };
    apply(&mut i, input);
    if i.name.is_empty() && !i.inspected_org.is_empty() {
        i.name = format!(
            "{}{}对{}的{}",
            i.round,
            i.team,
            i.inspected_org,
            i.kind.label()
        );
    }
    if i.unit_name.is_empty() {
        i.unit_name = i.inspected_org.clone();
    }
    validate::inspection(&i)?;
    tx.conn().execute(
        "INSERT INTO inspections (name, round, kind, team, team_leader, deputy_leader, team_members,
            inspected_org, org_secretary, unit_name, authority, onsite_start, onsite_end,
            feedback_date, plan_due_workdays, meeting_due_months, report_due_months, created_at,
            updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
        params![
            i.name, i.round, i.kind, i.team, i.team_leader, i.deputy_leader,
            serde_json::to_string(&i.team_members)?, i.inspected_org, i.org_secretary,
            i.unit_name, i.authority, i.onsite_start, i.onsite_end, i.feedback_date,
            i.plan_due_workdays, i.meeting_due_months, i.report_due_months, i.created_at,
            i.updated_at
        ],
    )?;
    i.id = tx.conn().last_insert_rowid();
    for (n, name) in DEFAULT_CATEGORIES.iter().enumerate() {
        tx.conn().execute(
            "INSERT INTO categories (inspection_id, seq, name) VALUES (?1, ?2, ?3)",
            params![i.id, n as i64 + 1, name],
        )?;
    }
    tx.audit::<(), _>("create", "inspection", Some(i.id), None, Some(&i))?;
    Ok(i)
}

/// Changes an inspection; returns it as stored.
pub fn edit_in_tx(tx: &mut WriteTx<'_>, id: i64, input: &InspectionInput) -> Result<Inspection> {
    let before = get(tx.conn(), id)?;
    let mut i = before.clone();
    apply(&mut i, input);
    i.updated_at = super::now();
    validate::inspection(&i)?;
    tx.conn().execute(
        "UPDATE inspections SET name=?2, round=?3, kind=?4, team=?5, team_leader=?6,
            deputy_leader=?7, team_members=?8, inspected_org=?9, org_secretary=?10, unit_name=?11,
            authority=?12, onsite_start=?13, onsite_end=?14, feedback_date=?15,
            plan_due_workdays=?16, meeting_due_months=?17, report_due_months=?18, updated_at=?19
         WHERE id=?1",
        params![
            id,
            i.name,
            i.round,
            i.kind,
            i.team,
            i.team_leader,
            i.deputy_leader,
            serde_json::to_string(&i.team_members)?,
            i.inspected_org,
            i.org_secretary,
            i.unit_name,
            i.authority,
            i.onsite_start,
            i.onsite_end,
            i.feedback_date,
            i.plan_due_workdays,
            i.meeting_due_months,
            i.report_due_months,
            i.updated_at
        ],
    )?;
    tx.audit("update", "inspection", Some(id), Some(&before), Some(&i))?;
    Ok(i)
}

/// Sets whether close-outs of the inspection need 双审核 (初审 then 终审). Requests already
/// waiting keep the step they are at: one past its first review still needs the final one.
pub fn set_dual_review_in_tx(tx: &mut WriteTx<'_>, id: i64, on: bool) -> Result<Inspection> {
    let before = get(tx.conn(), id)?;
    let now = super::now();
    tx.conn().execute(
        "UPDATE inspections SET dual_review = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, on, now],
    )?;
    let after = get(tx.conn(), id)?;
    tx.audit(
        "update",
        "inspection",
        Some(id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// One inspection.
pub fn get(conn: &Connection, id: i64) -> Result<Inspection> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM inspections WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("没有编号为 {id} 的巡察")))
}

/// Checks that the inspection `id` exists (without reading it).
pub fn ensure_exists(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("SELECT 1 FROM inspections WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("没有编号为 {id} 的巡察")))
}

/// All inspections, newest first.
pub fn list(conn: &Connection) -> Result<Vec<Inspection>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM inspections ORDER BY id DESC"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Picks the inspection a command means: the given id, or the only/most recent one.
pub fn resolve(conn: &Connection, id: Option<i64>) -> Result<Inspection> {
    match id {
        Some(id) => get(conn, id),
        None => list(conn)?.into_iter().next().ok_or_else(|| {
            Error::NotFound("还没有任何巡察：请先新建巡察（xuncha inspection add）或载入示例数据（xuncha demo）".into())
        }),
    }
}

/// The holiday calendar: shipped years plus the ones the user added.
pub fn calendar(conn: &Connection) -> Result<HolidayCalendar> {
    let mut cal = HolidayCalendar::builtin();
    let mut stmt = conn.prepare("SELECT text FROM calendar_years ORDER BY year")?;
    let texts = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for text in texts {
        cal.add_year(calendar::parse_year_text(&text?)?);
    }
    Ok(cal)
}

/// Adds (or replaces) a year of the holiday calendar from its text; returns the year.
pub fn add_calendar_year_in_tx(tx: &mut WriteTx<'_>, text: &str) -> Result<i32> {
    let year = calendar::parse_year_text(text)?;
    let y = year.year();
    tx.conn().execute(
        "INSERT INTO calendar_years (year, text) VALUES (?1, ?2)
         ON CONFLICT(year) DO UPDATE SET text = excluded.text",
        params![y, text],
    )?;
    tx.audit::<(), _>("set", "calendar_year", Some(y.into()), None, Some(&text))?;
    Ok(y)
}

/// Deadlines from the feedback date, or `None` before the feedback meeting.
pub fn deadlines(conn: &Connection, i: &Inspection) -> Result<Option<InspectionDeadlines>> {
    let Some(fb) = i.feedback_date else {
        return Ok(None);
    };
    let cal = calendar(conn)?;
    Ok(Some(InspectionDeadlines {
        plan_due: cal.add_workdays(fb, i.plan_due_workdays),
        meeting_due: calendar::add_months(fb, i.meeting_due_months),
        report_due: calendar::add_months(fb, i.report_due_months),
    }))
}

fn category_row(r: &Row<'_>) -> rusqlite::Result<Category> {
    Ok(Category {
        id: r.get(0)?,
        inspection_id: r.get(1)?,
        seq: r.get(2)?,
        name: r.get(3)?,
    })
}

/// The categories of an inspection in order.
pub fn categories(conn: &Connection, inspection_id: i64) -> Result<Vec<Category>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, inspection_id, seq, name FROM categories WHERE inspection_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([inspection_id], category_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The category of inspection `inspection_id` with id `id` when given, else the one `text`
/// names (see [`find_category`]).
pub fn pick_category(
    conn: &Connection,
    inspection_id: i64,
    id: Option<i64>,
    text: &str,
) -> Result<Category> {
    match id {
        Some(id) => categories(conn, inspection_id)?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| {
                Error::invalid("category", format!("本次巡察没有编号为 {id} 的问题类别"))
            }),
        None => find_category(conn, inspection_id, text),
    }
}

/// Finds a category by its number (1, 2…), exact name, or a unique part of its name.
pub fn find_category(conn: &Connection, inspection_id: i64, text: &str) -> Result<Category> {
    let text = text.trim();
    let cats = categories(conn, inspection_id)?;
    if let Ok(n) = text.parse::<i64>() {
        if let Some(c) = cats.iter().find(|c| c.seq == n) {
            return Ok(c.clone());
        }
    }
    let plain = strip_section_number(text);
    if let Some(c) = cats.iter().find(|c| c.name == plain) {
        return Ok(c.clone());
    }
    let partial: Vec<&Category> = cats.iter().filter(|c| c.name.contains(plain)).collect();
    if let [one] = partial.as_slice() {
        return Ok((*one).clone());
    }
    let names: Vec<String> = cats
        .iter()
        .map(|c| format!("{}.{}", c.seq, c.name))
        .collect();
    Err(Error::invalid(
        "category",
        format!(
            "问题类别“{text}”{}，现有类别：{}。可用序号或名称，或先新增该类别",
            if partial.is_empty() {
                "不存在"
            } else {
                "不唯一"
            },
            names.join("；")
        ),
    ))
}

/// Removes a leading section number like "一、" or "（二）" from a category heading.
/// Only a numeral followed by its mark counts: 三重一大 is a name, not section 三.
pub fn strip_section_number(text: &str) -> &str {
    let t = text.trim();
    let bracketed = t.starts_with(['（', '(']);
    let inner = t.trim_start_matches(['（', '(']);
    let numerals = "一二三四五六七八九十";
    let rest = inner.trim_start_matches(|c| numerals.contains(c));
    if rest.len() == inner.len() {
        return t;
    }
    let marked = if bracketed {
        rest.strip_prefix(['）', ')'])
    } else {
        rest.strip_prefix(['、', '.', '．'])
    };
    marked.map(str::trim).unwrap_or(t)
}

/// Adds a category at the end of an inspection's list.
pub fn add_category_in_tx(
    tx: &mut WriteTx<'_>,
    inspection_id: i64,
    name: &str,
) -> Result<Category> {
    let name = strip_section_number(name).to_owned();
    validate::required_text("category", "问题类别", &name, validate::limits::LINE)?;
    get(tx.conn(), inspection_id)?;
    let seq: i64 = tx.conn().query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM categories WHERE inspection_id = ?1",
        [inspection_id],
        |r| r.get(0),
    )?;
    tx.conn()
        .execute(
            "INSERT INTO categories (inspection_id, seq, name) VALUES (?1, ?2, ?3)",
            params![inspection_id, seq, name],
        )
        .map_err(|e| {
            if is_constraint(&e) {
                Error::invalid("category", format!("问题类别“{name}”已存在"))
            } else {
                e.into()
            }
        })?;
    let c = Category {
        id: tx.conn().last_insert_rowid(),
        inspection_id,
        seq,
        name,
    };
    tx.audit::<(), _>("create", "category", Some(c.id), None, Some(&c))?;
    Ok(c)
}

/// Renames a category.
pub fn rename_category_in_tx(tx: &mut WriteTx<'_>, id: i64, name: &str) -> Result<Category> {
    let name = strip_section_number(name).to_owned();
    validate::required_text("category", "问题类别", &name, validate::limits::LINE)?;
    let before = tx
        .conn()
        .query_row(
            "SELECT id, inspection_id, seq, name FROM categories WHERE id = ?1",
            [id],
            category_row,
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("没有编号为 {id} 的问题类别")))?;
    tx.conn()
        .execute(
            "UPDATE categories SET name = ?2 WHERE id = ?1",
            params![id, name],
        )
        .map_err(|e| {
            if is_constraint(&e) {
                Error::invalid("category", format!("问题类别“{name}”已存在"))
            } else {
                e.into()
            }
        })?;
    let after = Category {
        name,
        ..before.clone()
    };
    tx.audit("update", "category", Some(id), Some(&before), Some(&after))?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_section_numbers() {
        for (text, want) in [
            ("一、贯彻落实方面", "贯彻落实方面"),
            ("（二）组织路线", "组织路线"),
            ("十、其他", "其他"),
            ("选人用人", "选人用人"),
            ("三重一大决策方面", "三重一大决策方面"),
            ("（三重一大）", "（三重一大）"),
            ("二.组织路线", "组织路线"),
        ] {
            assert_eq!(strip_section_number(text), want);
        }
    }
}
