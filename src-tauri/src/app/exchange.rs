//! 交换: signed packages between copies of the app (README, 交换). This copy's identity,
//! enrolling other copies, a package for one of them, and importing theirs: checked whole
//! before anything is written, then applied in one transaction.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::db::exchange as store;
use crate::db::{evidence, Db};
use crate::domain::exchange::{Identity, Peer};
use crate::domain::PeerRole;
use crate::exchange::apply::{self, Applied};
use crate::exchange::events::{diff, Op};
use crate::exchange::package::{self, Manifest};
use crate::exchange::records::{self, EvidenceRef, Kind, Scope};
use crate::exchange::signer::{Ed25519, Signer};
use crate::exchange::writes::{get, Files};
use crate::{Error, Result};

pub use super::exchange_reviews::{resolve, reviews, Resolution};

/// The identity file another copy enrols (`xuncha exchange identity --out`).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct IdentityFile {
    /// Marks the file as ours, so a wrong file gets a clear message.
    xuncha_identity: u32,
    #[serde(flatten)]
    identity: Identity,
}

/// The name of a copy made without one (`--name` renames it).
pub const UNNAMED: &str = "未命名副本";

/// This copy's identity, if it has one.
pub fn identity(db: &Db) -> Result<Option<Identity>> {
    Ok(db.read(store::identity)?.map(|(id, _)| id))
}

/// This copy's identity, made on first use (a name is needed then) or renamed.
pub fn make_identity(db: &Db, name: Option<&str>) -> Result<Identity> {
    // `exchange identity --out FILE` alone works the first time: the copy is named for now
    // and renamed with a name given later.
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    if let Some(n) = name {
        crate::domain::validate::text("name", "本机名称", n, 60)?;
    }
    match (identity(db)?, name) {
        (Some(id), None) => Ok(id),
        (Some(id), Some(n)) if id.name == n => Ok(id),
        (Some(_), Some(n)) => {
            db.write(|tx| store::rename_in_tx(tx, n))?;
            identity(db)?.ok_or_else(|| Error::Storage("本机身份未能保存".into()))
        }
        (None, None) => make_identity(db, Some(UNNAMED)),
        (None, Some(n)) => {
            let key = Ed25519::generate()?;
            db.write(|tx| {
                store::create_identity_in_tx(
                    tx,
                    n,
                    key.algorithm(),
                    &key.public_key(),
                    &key.secret(),
                )
            })
        }
    }
}

/// Writes this copy's public identity to `out`, for other copies to enrol.
pub fn write_identity(db: &Db, name: Option<&str>, out: &Path) -> Result<Identity> {
    let identity = make_identity(db, name)?;
    let file = IdentityFile {
        xuncha_identity: package::FORMAT,
        identity: identity.clone(),
    };
    std::fs::write(out, serde_json::to_vec_pretty(&file)?).map_err(|e| Error::io(out, e))?;
    Ok(identity)
}

fn read_identity(path: &Path) -> Result<Identity> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let file: IdentityFile = serde_json::from_slice(&bytes).map_err(|_| {
        Error::invalid(
            "file",
            format!(
                "“{}”不是巡察整改台账的身份文件（用 xuncha exchange identity 生成）",
                path.display()
            ),
        )
    })?;
    Ok(file.identity)
}

/// Enrols the copy whose identity file is `file`, acting as `role` (a unit's copy for
/// `unit`).
pub fn trust(db: &Db, file: &Path, role: PeerRole, unit: Option<&str>) -> Result<Peer> {
    let who = read_identity(file)?;
    let unit = unit.map(str::trim).unwrap_or_default();
    match (role, unit.is_empty()) {
        (PeerRole::Unit, true) => {
            return Err(Error::invalid(
                "unit",
                "登记责任单位的副本时须写明它是哪个责任单位（--unit）",
            ))
        }
        (PeerRole::Team | PeerRole::Keeper, false) => {
            return Err(Error::invalid(
                "unit",
                format!("{}的副本不属于某个责任单位，请不要写 --unit", role.label()),
            ))
        }
        _ => {}
    }
    if identity(db)?.is_some_and(|me| me.device_id == who.device_id) {
        return Err(Error::invalid("file", "这是本机自己的身份文件，不需要登记"));
    }
    db.write(|tx| store::enroll_in_tx(tx, &who, role, unit))
}

/// The copies enrolled here.
pub fn peers(db: &Db) -> Result<Vec<Peer>> {
    db.read(store::peers)
}

/// The enrolled copy named `who` (device id, or its name).
pub fn find_peer(db: &Db, who: &str) -> Result<Peer> {
    let who = who.trim();
    let all = peers(db)?;
    let found: Vec<&Peer> = all
        .iter()
        .filter(|p| p.identity.device_id == who || p.identity.name == who)
        .collect();
    match found.as_slice() {
        [p] => Ok((*p).clone()),
        [] => Err(Error::NotFound(format!(
            "没有登记名为“{who}”的副本（xuncha exchange peers 查看已登记的副本）"
        ))),
        _ => Err(Error::invalid(
            "peer",
            format!("有多个副本叫“{who}”，请用设备编号指明"),
        )),
    }
}

/// Revokes an enrolled copy (a lost laptop): its packages are refused from now on.
pub fn revoke(db: &Db, who: &str) -> Result<Peer> {
    let p = find_peer(db, who)?;
    db.write(|tx| store::revoke_in_tx(tx, &p.identity.device_id))
}

/// Which copy a package is for: `to` (name or device id), or the copy of unit `unit`, or
/// the only enrolled copy that is not a unit's.
pub fn recipient(db: &Db, to: Option<&str>, unit: Option<&str>) -> Result<Peer> {
    if let Some(to) = to {
        return find_peer(db, to);
    }
    let active: Vec<Peer> = peers(db)?
        .into_iter()
        .filter(|p| p.revoked_at.is_none())
        .collect();
    let candidates: Vec<&Peer> = match unit {
        Some(u) => active
            .iter()
            .filter(|p| p.role == PeerRole::Unit && p.unit == u.trim())
            .collect(),
        None => active.iter().filter(|p| p.role != PeerRole::Unit).collect(),
    };
    match candidates.as_slice() {
        [p] => Ok((*p).clone()),
        [] => Err(Error::NotFound(match unit {
            Some(u) => {
                format!("没有登记“{u}”的副本：请先用 xuncha exchange trust 登记它的身份文件")
            }
            None => "没有登记巡察组或台账管理员的副本：请先用 xuncha exchange trust 登记".into(),
        })),
        many => Err(Error::invalid(
            "to",
            format!(
                "登记了多个可发送的副本（{}），请用 --to 指明发给哪一个",
                many.iter()
                    .map(|p| p.identity.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            ),
        )),
    }
}

/// One package written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
// `Exported` in TypeScript is the document export's.
#[cfg_attr(feature = "ts", ts(rename = "PackageExported"))]
pub struct Exported {
    pub to: String,
    pub seq: i64,
    pub events: usize,
    pub files: usize,
    pub file: PathBuf,
}

/// Writes a package for `peer` with everything it has not confirmed.
pub fn export(db: &Db, peer: &Peer, out: &Path, today: NaiveDate) -> Result<Exported> {
    let (me, secret) = db.read(store::identity)?.ok_or_else(|| {
        Error::invalid(
            "identity",
            "本机还没有交换身份：请先生成（xuncha exchange identity --name 本机名称 --out 文件）",
        )
    })?;
    if peer.revoked_at.is_some() {
        return Err(Error::Refused(format!(
            "副本“{}”已被吊销，不再向它发送",
            peer.identity.name
        )));
    }
    let key = Ed25519::from_secret(&secret)?;
    let device = peer.identity.device_id.clone();
    let scope = match peer.role {
        PeerRole::Unit => Scope::Unit(peer.unit.clone()),
        _ => Scope::All,
    };
    let (records, base) =
        db.read(|c| Ok((records::read(c, &scope, today)?, store::base(c, &device)?)))?;
    let events = diff(&records, &base);
    let dir = db.evidence_dir();
    let mut files: Vec<(String, PathBuf)> = vec![];
    for e in events
        .iter()
        .filter(|e| e.kind == Kind::Progress && e.op == Op::Create)
    {
        for r in get::<Vec<EvidenceRef>>(&e.fields, "evidence")?.unwrap_or_default() {
            let Some(path) = dir.as_ref().map(|d| evidence::stored_path(d, &r.sha256)) else {
                continue;
            };
            if !path.is_file() {
                return Err(Error::invalid(
                    "evidence",
                    format!(
                        "佐证材料“{}”的文件在本机缺失（可用 xuncha verify-audit 检查），无法放入交换包",
                        r.file_name
                    ),
                ));
            }
            if !files.iter().any(|(s, _)| *s == r.sha256) {
                files.push((r.sha256.clone(), path));
            }
        }
    }
    let changed: std::collections::HashSet<&str> = events.iter().map(|e| e.uid.as_str()).collect();
    let sent: Vec<(&str, &store::Fields)> = records
        .iter()
        .filter(|r| changed.contains(r.uid.as_str()))
        .map(|r| (r.uid.as_str(), &r.fields))
        .collect();
    // The number is taken before the file is written: a file that fails to be written
    // leaves a gap, never two packages under one number.
    let seq = db.write(|tx| {
        let seq = store::record_sent(tx, &device, &sent)?;
        let summary = (&peer.identity.name, seq, events.len(), files.len());
        tx.audit::<(), _>("export", "exchange_package", None, None, Some(&summary))?;
        Ok(seq)
    })?;
    let manifest = Manifest {
        format: package::FORMAT,
        from: me,
        to: device,
        to_name: peer.identity.name.clone(),
        seq,
        ack: peer.received_seq,
        created_at: crate::db::now(),
        events: 0,
        events_sha256: String::new(),
        files: vec![],
    };
    package::write(out, manifest, &events, &files, &key)?;
    Ok(Exported {
        to: peer.identity.name.clone(),
        seq,
        events: events.len(),
        files: files.len(),
        file: out.to_owned(),
    })
}

/// What a package holds, checked, before it is applied.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PackageInfo {
    pub from: String,
    pub role: PeerRole,
    pub seq: i64,
    pub created_at: String,
    /// Changes by kind of record: (label, created, edited).
    pub changes: Vec<(String, usize, usize)>,
    pub files: usize,
    /// Applied before: importing it again changes nothing.
    pub already_imported: bool,
}

/// The result of an import.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Imported {
    pub package: PackageInfo,
    pub applied: Applied,
}

/// Opens and checks a package: it must be for this copy, from an enrolled copy that is
/// not revoked, signed by its key, and every file must match its hash.
fn verified(db: &Db, path: &Path) -> Result<(Peer, package::Verified, PackageInfo)> {
    let opened = package::open(path)?;
    let m = &opened.manifest;
    let me = identity(db)?.ok_or_else(|| {
        Error::Refused(
            "本机还没有交换身份，也就没有发给本机的交换包：请先生成本机身份并让对方登记".into(),
        )
    })?;
    if m.to != me.device_id {
        return Err(Error::Refused(format!(
            "这个交换包是发给“{}”的，不是发给本机（“{}”）的，未导入任何内容",
            m.to_name, me.name
        )));
    }
    let peer = db.read(|c| store::peer(c, &m.from.device_id))?.ok_or_else(|| {
        Error::Refused(format!(
            "发送方“{}”没有在本机登记，不能导入它的交换包：请先核实并登记它的身份文件（xuncha exchange trust）",
            m.from.name
        ))
    })?;
    if let Some(at) = &peer.revoked_at {
        return Err(Error::Refused(format!(
            "发送方“{}”已于 {} 被吊销，它的交换包一律不予导入",
            peer.identity.name,
            at.get(..10).unwrap_or(at)
        )));
    }
    let v = opened.verify(&peer.identity.algorithm, &peer.identity.public_key)?;
    let mut changes: Vec<(Kind, usize, usize)> = vec![];
    for e in &v.events {
        if changes.last().is_none_or(|c| c.0 != e.kind) {
            changes.push((e.kind, 0, 0));
        }
        if let Some(c) = changes.last_mut() {
            match e.op {
                Op::Create => c.1 += 1,
                Op::Edit => c.2 += 1,
            }
        }
    }
    let info = PackageInfo {
        from: peer.identity.name.clone(),
        role: peer.role,
        seq: v.manifest.seq,
        created_at: v.manifest.created_at.clone(),
        changes: changes
            .into_iter()
            .map(|(k, c, e)| (k.label().to_owned(), c, e))
            .collect(),
        files: v.manifest.files.len(),
        already_imported: v.manifest.seq <= peer.received_seq,
    };
    Ok((peer, v, info))
}

/// Checks a package and says what it holds, writing nothing.
pub fn preview(db: &Db, path: &Path) -> Result<PackageInfo> {
    Ok(verified(db, path)?.2)
}

/// Imports a package: checked whole first, then applied in one transaction. A package
/// imported before (or an older one) changes nothing.
pub fn import(db: &Db, path: &Path, today: NaiveDate) -> Result<Imported> {
    let (peer, v, info) = verified(db, path)?;
    if info.already_imported {
        return Ok(Imported {
            package: info,
            applied: Applied::default(),
        });
    }
    let dir = db.evidence_dir();
    let mut files = Files {
        package: &v,
        dir: dir.as_deref(),
        stored: vec![],
    };
    let device = peer.identity.device_id.clone();
    let result = db.write(|tx| {
        store::acknowledge(tx, &device, v.manifest.ack)?;
        let applied = apply::apply(tx, &peer, v.manifest.seq, &v.events, &mut files, today)?;
        store::set_received(tx, &device, v.manifest.seq)?;
        let summary = (&peer.identity.name, v.manifest.seq, &applied);
        tx.audit::<(), _>("import", "exchange_package", None, None, Some(&summary))?;
        Ok(applied)
    });
    match result {
        Ok(applied) => Ok(Imported {
            package: info,
            applied,
        }),
        Err(e) => {
            if let Some(d) = &dir {
                evidence::discard(d, &files.stored);
            }
            Err(e)
        }
    }
}

#[cfg(test)]
#[path = "exchange_tests.rs"]
mod tests;
