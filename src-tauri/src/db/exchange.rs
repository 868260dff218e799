//! What the store keeps for exchange packages (README, 交换): this copy's key, the copies
//! enrolled, what was agreed with each at the last exchange, what was sent and not yet
//! confirmed, the review list, and the uids records travel under.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{Map, Value};

use super::WriteTx;
use crate::domain::exchange::{can_take_theirs, Identity, Peer, ReviewItem};
use crate::domain::PeerRole;
use crate::{Error, Result};

/// A record's exchanged fields, by name.
pub type Fields = Map<String, Value>;

/// The tables whose records travel, each under its uid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    Inspections,
    Findings,
    Tasks,
    Progress,
    Evidence,
    CloseOuts,
    Regulations,
    Accountabilities,
    ImmediateFixes,
    FollowUps,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Inspections => "inspections",
            Table::Findings => "findings",
            Table::Tasks => "tasks",
            Table::Progress => "progress",
            Table::Evidence => "evidence",
            Table::CloseOuts => "close_outs",
            Table::Regulations => "regulations",
            Table::Accountabilities => "accountabilities",
            Table::ImmediateFixes => "immediate_fixes",
            Table::FollowUps => "follow_up_checks",
        }
    }
}

/// Every row's uid, by row id.
pub fn uids(conn: &Connection, table: Table) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare(&format!("SELECT id, uid FROM {}", table.name()))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The row with this uid.
pub fn id_of(conn: &Connection, table: Table, uid: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(&format!("SELECT id FROM {} WHERE uid = ?1", table.name()))?
        .query_row([uid], |r| r.get(0))
        .optional()?)
}

/// Gives a row just created for a received record the sender's uid.
pub fn set_uid(tx: &WriteTx<'_>, table: Table, id: i64, uid: &str) -> Result<()> {
    tx.conn().execute(
        &format!("UPDATE {} SET uid = ?1 WHERE id = ?2", table.name()),
        params![uid, id],
    )?;
    Ok(())
}

/// Puts a received finding or task at the sender's position when it is free here (the
/// feedback order every document numbers by); otherwise it keeps the next free one.
pub fn try_set_seq(tx: &WriteTx<'_>, table: Table, id: i64, seq: i64) -> Result<()> {
    let (t, parent) = match table {
        Table::Findings => ("findings", "inspection_id"),
        Table::Tasks => ("tasks", "finding_id"),
        _ => return Ok(()),
    };
    tx.conn().execute(
        &format!(
            "UPDATE {t} SET seq = ?1 WHERE id = ?2 AND NOT EXISTS
               (SELECT 1 FROM {t} o WHERE o.{parent} = {t}.{parent} AND o.seq = ?1 AND o.id <> ?2)"
        ),
        params![seq, id],
    )?;
    Ok(())
}

/// This copy's identity and secret key, once made.
pub fn identity(conn: &Connection) -> Result<Option<(Identity, Vec<u8>)>> {
    conn.query_row(
        "SELECT device_id, name, algorithm, public_key, secret_key FROM exchange_self",
        [],
        |r| {
            Ok((
                Identity {
                    device_id: r.get(0)?,
                    name: r.get(1)?,
                    algorithm: r.get(2)?,
                    public_key: r.get(3)?,
                },
                r.get::<_, String>(4)?,
            ))
        },
    )
    .optional()?
    .map(|(id, secret)| {
        let secret = hex::decode(secret)
            .map_err(|_| Error::Storage("本机的交换密钥已损坏，无法签名交换包".into()))?;
        Ok((id, secret))
    })
    .transpose()
}

/// Stores this copy's identity (made once; its secret key is not written to the audit log).
pub fn create_identity_in_tx(
    tx: &mut WriteTx<'_>,
    name: &str,
    algorithm: &str,
    public_key: &[u8],
    secret: &[u8],
) -> Result<Identity> {
    let device_id: String = tx
        .conn()
        .query_row("SELECT lower(hex(randomblob(16)))", [], |r| r.get(0))?;
    let id = Identity {
        device_id,
        name: name.trim().to_owned(),
        algorithm: algorithm.to_owned(),
        public_key: hex::encode(public_key),
    };
    tx.conn().execute(
        "INSERT INTO exchange_self (one, device_id, name, algorithm, secret_key, public_key, created_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
        params![id.device_id, id.name, id.algorithm, hex::encode(secret), id.public_key, super::now()],
    )?;
    tx.audit::<(), _>("create", "exchange_identity", None, None, Some(&id))?;
    Ok(id)
}

/// Renames this copy (the name other copies see in its packages).
pub fn rename_in_tx(tx: &mut WriteTx<'_>, name: &str) -> Result<()> {
    let before: String = tx
        .conn()
        .query_row("SELECT name FROM exchange_self", [], |r| r.get(0))?;
    tx.conn()
        .execute("UPDATE exchange_self SET name = ?1", [name.trim()])?;
    tx.audit(
        "rename",
        "exchange_identity",
        None,
        Some(&before),
        Some(&name.trim()),
    )
}

const PEER_COLUMNS: &str = "device_id, name, algorithm, public_key, role, unit, enrolled_at,
    revoked_at, sent_seq, acked_seq, received_seq";

fn peer_row(r: &Row<'_>) -> rusqlite::Result<Peer> {
    Ok(Peer {
        identity: Identity {
            device_id: r.get(0)?,
            name: r.get(1)?,
            algorithm: r.get(2)?,
            public_key: r.get(3)?,
        },
        role: r.get(4)?,
        unit: r.get(5)?,
        enrolled_at: r.get(6)?,
        revoked_at: r.get(7)?,
        sent_seq: r.get(8)?,
        acked_seq: r.get(9)?,
        received_seq: r.get(10)?,
    })
}

/// The copies enrolled here, in the order they were enrolled.
pub fn peers(conn: &Connection) -> Result<Vec<Peer>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {PEER_COLUMNS} FROM exchange_peers ORDER BY enrolled_at, device_id"
    ))?;
    let rows = stmt.query_map([], peer_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn peer(conn: &Connection, device_id: &str) -> Result<Option<Peer>> {
    Ok(conn
        .query_row(
            &format!("SELECT {PEER_COLUMNS} FROM exchange_peers WHERE device_id = ?1"),
            [device_id],
            peer_row,
        )
        .optional()?)
}

/// Enrols a copy, or changes the role of one enrolled with the same key. A revoked copy
/// stays revoked: a lost laptop's key is never trusted again.
pub fn enroll_in_tx(
    tx: &mut WriteTx<'_>,
    who: &Identity,
    role: PeerRole,
    unit: &str,
) -> Result<Peer> {
    let before = peer(tx.conn(), &who.device_id)?;
    if let Some(p) = &before {
        if p.revoked_at.is_some() {
            return Err(Error::Refused(format!(
                "副本“{}”已被吊销，不能再次登记；请让对方生成新的身份文件",
                p.identity.name
            )));
        }
        if p.identity.public_key != who.public_key {
            return Err(Error::Refused(format!(
                "副本“{}”已登记了另一个公钥：同一设备编号的公钥变了，可能是伪造的身份文件。如确是重装，请先吊销旧的登记",
                p.identity.name
            )));
        }
    }
    tx.conn().execute(
        "INSERT INTO exchange_peers (device_id, name, algorithm, public_key, role, unit, enrolled_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (device_id) DO UPDATE SET name = ?2, role = ?5, unit = ?6",
        params![who.device_id, who.name, who.algorithm, who.public_key, role, unit, super::now()],
    )?;
    let after = peer(tx.conn(), &who.device_id)?
        .ok_or_else(|| Error::Storage("登记的副本未能保存".into()))?;
    tx.audit(
        "enroll",
        "exchange_peer",
        None,
        before.as_ref(),
        Some(&after),
    )?;
    Ok(after)
}

/// Revokes a copy: its packages are refused from now on.
pub fn revoke_in_tx(tx: &mut WriteTx<'_>, device_id: &str) -> Result<Peer> {
    let before = peer(tx.conn(), device_id)?
        .ok_or_else(|| Error::NotFound(format!("没有登记设备编号为 {device_id} 的副本")))?;
    tx.conn().execute(
        "UPDATE exchange_peers SET revoked_at = ?1 WHERE device_id = ?2 AND revoked_at IS NULL",
        params![super::now(), device_id],
    )?;
    let after = peer(tx.conn(), device_id)?.unwrap_or_else(|| before.clone());
    tx.audit("revoke", "exchange_peer", None, Some(&before), Some(&after))?;
    Ok(after)
}

/// What was agreed with `peer` at the last exchange, by uid.
pub fn base(conn: &Connection, peer: &str) -> Result<HashMap<String, Fields>> {
    let mut stmt = conn.prepare_cached("SELECT uid, body FROM exchange_base WHERE peer = ?1")?;
    let mut rows = stmt.query([peer])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        let body: String = r.get(1)?;
        out.insert(r.get(0)?, serde_json::from_str(&body)?);
    }
    Ok(out)
}

pub fn set_base(tx: &WriteTx<'_>, peer: &str, uid: &str, body: &Fields) -> Result<()> {
    tx.conn()
        .prepare_cached(
            "INSERT INTO exchange_base (peer, uid, body) VALUES (?1, ?2, ?3)
             ON CONFLICT (peer, uid) DO UPDATE SET body = ?3",
        )?
        .execute(params![peer, uid, serde_json::to_string(body)?])?;
    Ok(())
}

/// Numbers the next package for `peer` and remembers what it carries until confirmed. A
/// record is kept once, as last sent: packages are cumulative, so the latest carries all an
/// earlier one did (until it is confirmed, the change is sent again, which the peer finds it
/// has). Where discs only go one way, the table stays one row per record.
pub fn record_sent(tx: &WriteTx<'_>, peer: &str, sent: &[(&str, &Fields)]) -> Result<i64> {
    tx.conn().execute(
        "UPDATE exchange_peers SET sent_seq = sent_seq + 1 WHERE device_id = ?1",
        [peer],
    )?;
    let seq: i64 = tx.conn().query_row(
        "SELECT sent_seq FROM exchange_peers WHERE device_id = ?1",
        [peer],
        |r| r.get(0),
    )?;
    let mut drop = tx
        .conn()
        .prepare_cached("DELETE FROM exchange_sent WHERE peer = ?1 AND uid = ?2")?;
    let mut stmt = tx.conn().prepare_cached(
        "INSERT INTO exchange_sent (peer, seq, uid, body) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (uid, body) in sent {
        drop.execute(params![peer, uid])?;
        stmt.execute(params![peer, seq, uid, serde_json::to_string(body)?])?;
    }
    Ok(seq)
}

/// `peer` confirmed our packages up to `ack`: what they carried becomes the agreed base
/// (a later package's record over an earlier one's).
pub fn acknowledge(tx: &WriteTx<'_>, peer: &str, ack: i64) -> Result<()> {
    tx.conn().execute(
        "INSERT INTO exchange_base (peer, uid, body)
           SELECT peer, uid, body FROM exchange_sent s WHERE peer = ?1 AND seq <= ?2
             AND seq = (SELECT max(seq) FROM exchange_sent o
                        WHERE o.peer = s.peer AND o.uid = s.uid AND o.seq <= ?2)
         ON CONFLICT (peer, uid) DO UPDATE SET body = excluded.body",
        params![peer, ack],
    )?;
    tx.conn().execute(
        "DELETE FROM exchange_sent WHERE peer = ?1 AND seq <= ?2",
        params![peer, ack],
    )?;
    tx.conn().execute(
        "UPDATE exchange_peers SET acked_seq = max(acked_seq, ?2) WHERE device_id = ?1",
        params![peer, ack],
    )?;
    Ok(())
}

/// Marks `peer`'s package `seq` applied.
pub fn set_received(tx: &WriteTx<'_>, peer: &str, seq: i64) -> Result<()> {
    tx.conn().execute(
        "UPDATE exchange_peers SET received_seq = max(received_seq, ?2) WHERE device_id = ?1",
        params![peer, seq],
    )?;
    Ok(())
}

/// A change to keep for the user's decision.
#[derive(Debug, Clone)]
pub struct NewReview<'a> {
    pub peer: &'a str,
    pub seq: i64,
    pub kind: &'a str,
    pub uid: &'a str,
    pub subject: &'a str,
    pub field: &'a str,
    pub ours: Option<&'a Value>,
    pub theirs: Option<&'a Value>,
    pub base: Option<&'a Value>,
    pub reason: &'a str,
    pub event: &'a str,
}

/// Adds a change to the review list, unless the same change from the same copy is listed
/// already (a package sent again repeats it). Returns whether it was added.
pub fn add_review(tx: &WriteTx<'_>, r: &NewReview<'_>) -> Result<bool> {
    let text = |v: Option<&Value>| v.map(Value::to_string);
    let (ours, theirs, base) = (text(r.ours), text(r.theirs), text(r.base));
    let known: bool = tx.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM exchange_reviews WHERE peer = ?1 AND kind = ?2
            AND uid = ?3 AND field = ?4 AND theirs IS ?5 AND reason = ?6)",
        params![r.peer, r.kind, r.uid, r.field, theirs, r.reason],
        |row| row.get(0),
    )?;
    if known {
        return Ok(false);
    }
    tx.conn().execute(
        "INSERT INTO exchange_reviews (peer, seq, kind, uid, subject, field, ours, theirs, base,
            reason, event, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            r.peer,
            r.seq,
            r.kind,
            r.uid,
            r.subject,
            r.field,
            ours,
            theirs,
            base,
            r.reason,
            r.event,
            super::now()
        ],
    )?;
    Ok(true)
}

const REVIEW_COLUMNS: &str = "r.id, r.peer, coalesce(p.name, r.peer), r.seq, r.kind, r.uid,
    r.subject, r.field, r.ours, r.theirs, r.base, r.reason, r.received_at, r.resolved_at,
    r.resolution";

fn review_row(r: &Row<'_>) -> rusqlite::Result<ReviewItem> {
    Ok(ReviewItem {
        id: r.get(0)?,
        peer: r.get(1)?,
        peer_name: r.get(2)?,
        seq: r.get(3)?,
        kind: r.get(4)?,
        uid: r.get(5)?,
        subject: r.get(6)?,
        field: r.get(7)?,
        ours: r.get(8)?,
        theirs: r.get(9)?,
        base: r.get(10)?,
        reason: r.get(11)?,
        received_at: r.get(12)?,
        resolved_at: r.get(13)?,
        resolution: r.get(14)?,
        can_take_theirs: false,
        field_label: String::new(),
        ours_text: None,
        theirs_text: None,
        base_text: None,
    })
    .map(|mut item| {
        item.can_take_theirs = can_take_theirs(&item.reason, &item.field);
        item
    })
}

/// The review list, oldest first: the open items, or all.
pub fn reviews(conn: &Connection, open_only: bool) -> Result<Vec<ReviewItem>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {REVIEW_COLUMNS} FROM exchange_reviews r
         LEFT JOIN exchange_peers p ON p.device_id = r.peer
         WHERE NOT ?1 OR r.resolved_at IS NULL ORDER BY r.id"
    ))?;
    let rows = stmt.query_map([open_only], review_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One item with the change it holds (the event, JSON).
pub fn review(conn: &Connection, id: i64) -> Result<(ReviewItem, String)> {
    conn.query_row(
        &format!(
            "SELECT {REVIEW_COLUMNS}, r.event FROM exchange_reviews r
             LEFT JOIN exchange_peers p ON p.device_id = r.peer WHERE r.id = ?1"
        ),
        [id],
        |r| Ok((review_row(r)?, r.get(15)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("待处理清单中没有第 {id} 项")))
}

/// Marks an item decided.
pub fn resolve_in_tx(tx: &mut WriteTx<'_>, id: i64, resolution: &str) -> Result<()> {
    let (before, _) = review(tx.conn(), id)?;
    tx.conn().execute(
        "UPDATE exchange_reviews SET resolved_at = ?1, resolution = ?2 WHERE id = ?3",
        params![super::now(), resolution, id],
    )?;
    tx.audit(
        "resolve",
        "exchange_review",
        Some(id),
        Some(&before),
        Some(&resolution),
    )
}
