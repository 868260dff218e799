//! Applying a verified package's events here, in one transaction: each change is decided
//! field by field against what this copy has and what both copies last agreed on, checked
//! against the sender's role, and written through the store's own functions. What cannot
//! be applied goes to the review list; nothing is dropped and nothing is overwritten.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::Value;

use super::events::{Event, Op};
use super::records::{self, Kind};
use super::writes::{self, get, Files};
use crate::db::exchange::{self as store, Fields, NewReview, Table};
use crate::db::{tasks, WriteTx};
use crate::domain::exchange::{may, Change, Peer, BOTH_CHANGED};
use crate::domain::status::Via;
use crate::domain::Status;
use crate::Result;

/// What applying a package did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Applied {
    /// Records created and records edited here.
    pub created: usize,
    pub edited: usize,
    /// Changes this copy already had.
    pub unchanged: usize,
    /// Changes put on the review list (new items only).
    pub to_review: usize,
}

struct Ctx<'a, 'f> {
    peer: &'a Peer,
    seq: i64,
    today: NaiveDate,
    agreed: HashMap<String, Fields>,
    /// The records here before the package, by uid (tasks and close-outs, which other
    /// events of the package move, are read afresh).
    before: HashMap<String, Fields>,
    files: &'a mut Files<'f>,
    out: Applied,
}

/// Applies `events` from `peer`'s package `seq`.
pub fn apply(
    tx: &mut WriteTx<'_>,
    peer: &Peer,
    seq: i64,
    events: &[Event],
    files: &mut Files<'_>,
    today: NaiveDate,
) -> Result<Applied> {
    let agreed = store::base(tx.conn(), &peer.identity.device_id)?;
    let before = records::read(tx.conn(), &records::Scope::All, today)?
        .into_iter()
        .map(|r| (r.uid, r.fields))
        .collect();
    let mut ctx = Ctx {
        peer,
        seq,
        today,
        agreed,
        before,
        files,
        out: Applied::default(),
    };
    let mut ordered: Vec<&Event> = events.iter().collect();
    ordered.sort_by_key(|e| e.kind);
    let (records, close_outs): (Vec<&Event>, Vec<&Event>) =
        ordered.into_iter().partition(|e| e.kind != Kind::CloseOut);
    // A task's status follows its progress and close-outs: it is decided after them. A
    // task closed there is first brought to 已完成 (what a close-out request needs); the
    // close-out's approval then closes it here too.
    let mut statuses = vec![];
    for e in records {
        let mut e = e.clone();
        let status = (e.kind == Kind::Task)
            .then(|| e.fields.remove("status"))
            .flatten();
        one(tx, &mut ctx, &e)?;
        if let Some(s) = status {
            e.fields = Fields::from_iter([("status".to_string(), s)]);
            e.base.retain(|k, _| k == "status");
            statuses.push(e);
        }
    }
    let closed = serde_json::to_value(Status::Closed)?;
    for e in &statuses {
        if e.fields.get("status") == Some(&closed) {
            towards_close_out(tx, &mut ctx, e)?;
        } else {
            one(tx, &mut ctx, e)?;
        }
    }
    for e in close_outs {
        one(tx, &mut ctx, e)?;
    }
    for e in statuses
        .iter()
        .filter(|e| e.fields.get("status") == Some(&closed))
    {
        one(tx, &mut ctx, e)?;
    }
    Ok(ctx.out)
}

/// Brings a task the sender has closed to 已完成 here, so its close-out request and
/// approval can follow; when that is not possible the status edit after them says why.
fn towards_close_out(tx: &mut WriteTx<'_>, ctx: &mut Ctx<'_, '_>, e: &Event) -> Result<()> {
    let Some(id) = crate::db::exchange::id_of(tx.conn(), Table::Tasks, &e.uid)? else {
        return Ok(());
    };
    if may(ctx.peer.role, Change::Status, own_task(tx, ctx, Some(id))?).is_err() {
        return Ok(());
    }
    let today = ctx.today;
    let now = tasks::get(tx.conn(), id, today)?.status;
    if !matches!(now, Status::Closed | Status::Completed)
        && tx
            .step(|tx| tasks::set_status_in_tx(tx, id, Status::Completed, Via::Progress))
            .is_ok()
    {
        // The step the sender took too: the close-out's outcome decides the rest.
        let completed = serde_json::to_value(Status::Completed)?;
        agree(
            tx,
            ctx,
            &e.uid,
            &Fields::from_iter([("status".to_string(), completed)]),
        )?;
    }
    Ok(())
}

/// Applies one event.
fn one(tx: &mut WriteTx<'_>, ctx: &mut Ctx<'_, '_>, e: &Event) -> Result<()> {
    if e.fields.is_empty() {
        return Ok(());
    }
    let here = match e.kind {
        Kind::Task | Kind::CloseOut => records::read_one(tx.conn(), e.kind, &e.uid, ctx.today)?,
        _ => ctx.before.get(&e.uid).cloned(),
    };
    match here {
        Some(ours) => edit(tx, ctx, e, &ours),
        None if e.op == Op::Create => create(tx, ctx, e),
        None => review(
            tx,
            ctx,
            e,
            None,
            "",
            None,
            "本机没有这条记录，无法修改（可能从未收到，或不在本机的范围内）",
        ),
    }
}

/// The change a received record or field edit makes, for the role rule.
fn change_of(kind: Kind, op: Op, fields: &Fields) -> Change {
    match (kind, op) {
        (Kind::Progress, _) => Change::Progress,
        (Kind::CloseOut, Op::Create) => Change::RequestCloseOut,
        (Kind::CloseOut, Op::Edit) => Change::ReviewCloseOut,
        (Kind::Task, Op::Edit) if fields.keys().all(|k| k == "status") => Change::Status,
        _ => Change::Ledger,
    }
}

/// Whether the task a unit's change concerns is one of the unit's (lead or responsible
/// unit: the one rule of the task filter).
fn own_task(tx: &WriteTx<'_>, ctx: &Ctx<'_, '_>, task: Option<i64>) -> Result<bool> {
    let Some(id) = task else { return Ok(false) };
    let filter = tasks::TaskFilter {
        task_ids: Some(vec![id]),
        unit: Some(ctx.peer.unit.clone()),
        ..Default::default()
    };
    Ok(!tasks::list(tx.conn(), &filter, ctx.today)?.is_empty())
}

fn create(tx: &mut WriteTx<'_>, ctx: &mut Ctx<'_, '_>, e: &Event) -> Result<()> {
    let parent = match writes::parent_id(tx, e.kind, e.parent.as_deref()) {
        Ok(p) => p,
        Err(err) => return review(tx, ctx, e, None, "", None, &err.to_string()),
    };
    let task = match e.kind {
        Kind::Progress | Kind::CloseOut => parent,
        _ => None,
    };
    let own = own_task(tx, ctx, task)?;
    if let Err(why) = may(ctx.peer.role, change_of(e.kind, Op::Create, &e.fields), own) {
        return review(tx, ctx, e, None, "", None, &why);
    }
    // A close-out arrives as its request; its review, if any, is an edit of it (below).
    let (fields, review_fields) = match e.kind {
        Kind::CloseOut => split_review(&e.fields),
        _ => (e.fields.clone(), Fields::new()),
    };
    let (kind, uid, today) = (e.kind, e.uid.clone(), ctx.today);
    let files = &mut *ctx.files;
    match tx.step(|tx| writes::create(tx, kind, &uid, parent, &fields, files, today)) {
        Ok(_) => {
            ctx.out.created += 1;
            // Both copies start from the record as written here: what the sender's later
            // edits (and the rest of this event) are compared with.
            let written =
                records::read_one(tx.conn(), e.kind, &e.uid, ctx.today)?.unwrap_or_default();
            agree(tx, ctx, &e.uid, &written)?;
            ctx.before.insert(e.uid.clone(), written);
            if !review_fields.is_empty() {
                let mut edit_event = e.clone();
                edit_event.op = Op::Edit;
                edit_event.fields = review_fields;
                edit_event.base = Fields::new();
                return one(tx, ctx, &edit_event);
            }
            Ok(())
        }
        Err(err) => review(tx, ctx, e, None, "", None, &err.to_string()),
    }
}

/// A close-out's request fields, and its review fields when it was reviewed.
fn split_review(fields: &Fields) -> (Fields, Fields) {
    let requested = get::<String>(fields, "state").ok().flatten().as_deref() == Some("requested");
    let request_keys = ["requested_on", "requested_by", "summary"];
    fields
        .iter()
        .fold((Fields::new(), Fields::new()), |(mut a, mut b), (k, v)| {
            if request_keys.contains(&k.as_str()) || requested {
                a.insert(k.clone(), v.clone());
            } else {
                b.insert(k.clone(), v.clone());
            }
            (a, b)
        })
}

fn edit(tx: &mut WriteTx<'_>, ctx: &mut Ctx<'_, '_>, e: &Event, ours: &Fields) -> Result<()> {
    let agreed = ctx.agreed.get(&e.uid).cloned().unwrap_or_default();
    let (mut same, mut to_apply) = (Fields::new(), Fields::new());
    for (f, theirs) in &e.fields {
        let mine = ours.get(f).unwrap_or(&Value::Null);
        if mine == theirs {
            same.insert(f.clone(), theirs.clone());
            continue;
        }
        let from = e.base.get(f).or(agreed.get(f));
        if from == Some(mine) {
            to_apply.insert(f.clone(), theirs.clone());
        } else {
            review(tx, ctx, e, Some(mine), f, from.cloned(), BOTH_CHANGED)?;
        }
    }
    agree(tx, ctx, &e.uid, &same)?;
    if to_apply.is_empty() {
        if !same.is_empty() && same.len() == e.fields.len() {
            ctx.out.unchanged += 1;
        }
        return Ok(());
    }
    let task = match e.kind {
        Kind::Task => crate::db::exchange::id_of(tx.conn(), e.kind.table(), &e.uid)?,
        Kind::Progress | Kind::CloseOut => crate::db::exchange::id_of(
            tx.conn(),
            crate::db::exchange::Table::Tasks,
            e.parent.as_deref().unwrap_or_default(),
        )?,
        _ => None,
    };
    let own = own_task(tx, ctx, task)?;
    let mut partial = e.clone();
    partial.fields = to_apply.clone();
    let field = to_apply.keys().cloned().collect::<Vec<_>>().join(",");
    // Ours as theirs is given: the one field's value, or the fields' record.
    let mine = match to_apply.len() {
        1 => ours.get(&field).cloned().unwrap_or(Value::Null),
        _ => Value::Object(
            ours.iter()
                .filter(|(k, _)| to_apply.contains_key(*k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
    };
    if let Err(why) = may(ctx.peer.role, change_of(e.kind, Op::Edit, &to_apply), own) {
        return review(tx, ctx, &partial, Some(&mine), &field, None, &why);
    }
    let Some(id) = crate::db::exchange::id_of(tx.conn(), e.kind.table(), &e.uid)? else {
        return Ok(());
    };
    let (kind, today) = (e.kind, ctx.today);
    match tx.step(|tx| writes::edit(tx, kind, id, ours, &to_apply, today)) {
        Ok(()) => {
            ctx.out.edited += 1;
            if let Some(now) = records::read_one(tx.conn(), e.kind, &e.uid, ctx.today)? {
                ctx.before.insert(e.uid.clone(), now);
            }
            agree(tx, ctx, &e.uid, &to_apply)
        }
        Err(err) => review(
            tx,
            ctx,
            &partial,
            Some(&mine),
            &field,
            None,
            &err.to_string(),
        ),
    }
}

/// Both copies now hold these values of the record: the base of the next comparison.
fn agree(tx: &WriteTx<'_>, ctx: &mut Ctx<'_, '_>, uid: &str, fields: &Fields) -> Result<()> {
    if fields.is_empty() {
        return Ok(());
    }
    let body = ctx.agreed.entry(uid.to_owned()).or_default();
    for (k, v) in fields {
        body.insert(k.clone(), v.clone());
    }
    store::set_base(tx, &ctx.peer.identity.device_id, uid, body)
}

/// Puts a change on the review list.
#[allow(clippy::too_many_arguments)]
fn review(
    tx: &mut WriteTx<'_>,
    ctx: &mut Ctx<'_, '_>,
    e: &Event,
    ours: Option<&Value>,
    field: &str,
    base: Option<Value>,
    reason: &str,
) -> Result<()> {
    let theirs = match field {
        "" => Value::Object(e.fields.clone()),
        f => e
            .fields
            .get(f)
            .cloned()
            .unwrap_or(Value::Object(e.fields.clone())),
    };
    let added = store::add_review(
        tx,
        &NewReview {
            peer: &ctx.peer.identity.device_id,
            seq: ctx.seq,
            kind: e.kind.code(),
            uid: &e.uid,
            subject: &subject(e, ctx.before.get(&e.uid)),
            field,
            ours,
            theirs: Some(&theirs),
            base: base.as_ref(),
            reason,
            event: &serde_json::to_string(e)?,
        },
    )?;
    if added {
        ctx.out.to_review += 1;
    }
    Ok(())
}

/// The record in words, for the review list: named by the change, or else by the record
/// here (an edit of a deadline does not carry the task's measure).
fn subject(e: &Event, here: Option<&Fields>) -> String {
    let key = match e.kind {
        Kind::Inspection => "name",
        Kind::Finding => "title",
        Kind::Task => "measure",
        Kind::Progress => "text",
        Kind::CloseOut => "summary",
        Kind::Regulation => "name",
        Kind::Accountability => "person",
        Kind::ImmediateFix => "title",
        Kind::FollowUp => "notes",
    };
    let named = |f: &Fields| get::<String>(f, key).ok().flatten();
    let text: String = named(&e.fields)
        .or_else(|| here.and_then(named))
        .unwrap_or_default()
        .chars()
        .take(30)
        .collect();
    match text.is_empty() {
        true => e.kind.label().to_owned(),
        false => format!("{}“{}”", e.kind.label(), text),
    }
}
