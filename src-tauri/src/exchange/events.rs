//! The changes a package carries, as domain events: a record created, or fields of a record
//! edited from the value both copies last agreed on to a new one. They are computed by
//! comparing what this copy has with what it agreed with the peer, so every way of writing
//! (forms, imports, fill-in workbooks) is covered, and a package sent again carries the same
//! events, which the receiver recognises as already applied.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::records::{Kind, Record};
use crate::db::exchange::Fields;

/// What happens to the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Create,
    Edit,
}

/// One change. `base` holds, for an edit, each changed field's value at the last exchange.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub kind: Kind,
    pub op: Op,
    pub uid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub fields: Fields,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub base: Fields,
}

/// The events that bring a copy holding `base` (what it agreed on, by uid) to `records`,
/// parents first.
pub fn diff(records: &[Record], base: &HashMap<String, Fields>) -> Vec<Event> {
    let mut out = vec![];
    for r in records {
        match base.get(&r.uid) {
            None => out.push(Event {
                kind: r.kind,
                op: Op::Create,
                uid: r.uid.clone(),
                parent: r.parent.clone(),
                fields: r.fields.clone(),
                base: Fields::new(),
            }),
            Some(agreed) => {
                let changed: Vec<&String> = r
                    .fields
                    .iter()
                    .filter(|(k, v)| agreed.get(*k) != Some(*v))
                    .map(|(k, _)| k)
                    .collect();
                if changed.is_empty() {
                    continue;
                }
                let pick = |from: &Fields| -> Fields {
                    changed
                        .iter()
                        .map(|k| ((*k).clone(), from.get(*k).cloned().unwrap_or_default()))
                        .collect()
                };
                out.push(Event {
                    kind: r.kind,
                    op: Op::Edit,
                    uid: r.uid.clone(),
                    parent: r.parent.clone(),
                    fields: pick(&r.fields),
                    base: pick(agreed),
                });
            }
        }
    }
    out.sort_by_key(|e| e.kind);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(uid: &str, fields: serde_json::Value) -> Record {
        Record {
            kind: Kind::Task,
            uid: uid.into(),
            parent: Some("f".into()),
            fields: fields.as_object().cloned().unwrap_or_default(),
        }
    }

    #[test]
    fn creates_what_the_peer_lacks_and_edits_only_changed_fields() {
        let now = [
            record("a", json!({"measure": "m", "deadline": "2026-12-31"})),
            record("b", json!({"measure": "x"})),
            record("c", json!({"measure": "same"})),
        ];
        let mut base = HashMap::new();
        base.insert("a".to_string(), now[0].fields.clone());
        base.get_mut("a")
            .unwrap()
            .insert("deadline".into(), json!("2026-06-30"));
        base.insert("c".to_string(), now[2].fields.clone());
        let events = diff(&now, &base);
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].op, Op::Edit);
        assert_eq!(
            events[0].fields,
            *json!({"deadline": "2026-12-31"}).as_object().unwrap()
        );
        assert_eq!(
            events[0].base,
            *json!({"deadline": "2026-06-30"}).as_object().unwrap()
        );
        assert_eq!(events[1].op, Op::Create);
        assert_eq!(events[1].uid, "b");
    }
}
