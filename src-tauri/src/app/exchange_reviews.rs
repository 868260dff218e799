//! The review list of exchange (待处理): received changes that were not applied. A field
//! both copies changed is settled by taking their value or keeping ours; a change a rule
//! refused (a unit approving its own close-out) can only be set aside.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::db::exchange::{self as store, Fields};
use crate::db::Db;
use crate::domain::exchange::ReviewItem;
use crate::exchange::events::Event;
use crate::exchange::writes;
use crate::exchange::{labels, records};
use crate::{Error, Result};

/// How an item is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// Take the other copy's value here (it is applied like a local edit).
    Theirs,
    /// Keep ours: the next package to that copy carries ours as an edit of theirs.
    Ours,
}

/// The review list: open items, or all, each with its field and values in words.
pub fn reviews(db: &Db, all: bool) -> Result<Vec<ReviewItem>> {
    Ok(db
        .read(|c| store::reviews(c, !all))?
        .into_iter()
        .map(worded)
        .collect())
}

/// An item with its field's name and its values as the user reads them.
fn worded(mut r: ReviewItem) -> ReviewItem {
    let field = r.field.clone();
    r.field_label = labels::field_label(&field);
    let shown = |v: Option<&str>| labels::show_json(&field, v).or(Some(labels::EMPTY.into()));
    r.ours_text = shown(r.ours.as_deref());
    r.theirs_text = shown(r.theirs.as_deref());
    r.base_text = labels::show_json(&field, r.base.as_deref());
    r
}

/// Settles item `id`.
pub fn resolve(db: &Db, id: i64, how: Resolution, today: chrono::NaiveDate) -> Result<ReviewItem> {
    let (item, event) = db.read(|c| store::review(c, id))?;
    if item.resolved_at.is_some() {
        return Err(Error::Conflict(format!("第 {id} 项已经处理过了")));
    }
    let both_changed = item.can_take_theirs;
    if how == Resolution::Theirs && !both_changed {
        return Err(Error::Conflict(format!(
            "第 {id} 项是被规则拒绝的变更（{}），不能采用对方的，只能保留本机的",
            item.reason
        )));
    }
    let event: Event = serde_json::from_str(&event)?;
    db.write(|tx| {
        if both_changed {
            let theirs: Value = item
                .theirs
                .as_deref()
                .map(serde_json::from_str)
                .transpose()?
                .unwrap_or(Value::Null);
            let field = Fields::from_iter([(item.field.clone(), theirs)]);
            if how == Resolution::Theirs {
                let ours = records::read_one(tx.conn(), event.kind, &event.uid, today)?
                    .ok_or_else(|| Error::NotFound("本机已没有这条记录".into()))?;
                let row = store::id_of(tx.conn(), event.kind.table(), &event.uid)?
                    .ok_or_else(|| Error::NotFound("本机已没有这条记录".into()))?;
                writes::edit(tx, event.kind, row, &ours, &field, today)?;
            }
            // Either way both sides now start from their value: taken, it is agreed; kept,
            // ours travels back as an edit of it.
            let mut base = store::base(tx.conn(), &item.peer)?
                .remove(&item.uid)
                .unwrap_or_default();
            base.extend(field);
            store::set_base(tx, &item.peer, &item.uid, &base)?;
        }
        let word = match how {
            Resolution::Theirs => "theirs",
            Resolution::Ours => "ours",
        };
        store::resolve_in_tx(tx, id, word)
    })?;
    Ok(worded(db.read(|c| store::review(c, id))?.0))
}
