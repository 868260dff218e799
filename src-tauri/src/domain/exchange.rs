//! Exchange between copies of the app (README, 交换): the identities and enrolments shown to
//! the user, the review list, and the one rule of who may change what.

use serde::{Deserialize, Serialize};

use super::PeerRole;

/// A copy's public identity: what `xuncha exchange identity` writes and another copy enrols.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Identity {
    pub device_id: String,
    pub name: String,
    /// The signature algorithm (`ed25519`).
    pub algorithm: String,
    /// The public key, hex.
    pub public_key: String,
}

/// Another copy enrolled here.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Peer {
    #[serde(flatten)]
    pub identity: Identity,
    pub role: PeerRole,
    /// The 责任单位 a unit's copy reports for (empty for the others).
    pub unit: String,
    pub enrolled_at: String,
    /// Set when the copy was revoked (a lost laptop): its packages are refused.
    pub revoked_at: Option<String>,
    /// The last package made for it.
    pub sent_seq: i64,
    /// The last of our packages it confirmed having applied.
    pub acked_seq: i64,
    /// The last of its packages applied here.
    pub received_seq: i64,
}

/// A received change that was not applied, kept until the user decides.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub id: i64,
    /// The sending copy's device id and name.
    pub peer: String,
    pub peer_name: String,
    /// The package it came in.
    pub seq: i64,
    /// What kind of record (`task`, `progress`, …) and which one.
    pub kind: String,
    pub uid: String,
    /// What the record is, in words (问题3 任务2 “…”), for the list.
    pub subject: String,
    /// The field both sides changed (empty when a whole change was refused).
    pub field: String,
    /// Values as JSON text: ours now, theirs, and what both had at the last exchange.
    pub ours: Option<String>,
    pub theirs: Option<String>,
    pub base: Option<String>,
    /// Why it was not applied.
    pub reason: String,
    pub received_at: String,
    pub resolved_at: Option<String>,
    /// `theirs` (their value taken) or `ours` (ours kept), once decided.
    pub resolution: String,
    /// Whether the other copy's value may be taken (a field both changed); a change a rule
    /// refused can only be set aside.
    pub can_take_theirs: bool,
    /// The field's name and the three values as the user reads them (filled in by the
    /// application layer: 整改时限, 2026年12月31日, 正在推进, （空）).
    #[serde(default)]
    pub field_label: String,
    #[serde(default)]
    pub ours_text: Option<String>,
    #[serde(default)]
    pub theirs_text: Option<String>,
    #[serde(default)]
    pub base_text: Option<String>,
}

/// The reason of a review item for a field both copies changed since the last exchange.
pub const BOTH_CHANGED: &str = "双方在上次交换后都修改了这一项";

/// Whether an item with this reason and field may be settled by taking their value.
pub fn can_take_theirs(reason: &str, field: &str) -> bool {
    reason == BOTH_CHANGED && !field.is_empty() && !field.contains(',')
}

/// What a change received from another copy does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Creates or edits an inspection, a finding or a task (content, deadline, 分工).
    Ledger,
    /// Adds a progress entry with its evidence.
    Progress,
    /// Moves a task's status (not to or from 已销号).
    Status,
    /// 提请销号.
    RequestCloseOut,
    /// 审批 of a close-out.
    ReviewCloseOut,
}

/// Whether a copy enrolled as `role` may make `change`; `own_task` says whether the task
/// concerned is one of the unit's (for a unit's copy). The refusal says why, in Chinese.
pub fn may(role: PeerRole, change: Change, own_task: bool) -> Result<(), String> {
    match role {
        PeerRole::Team | PeerRole::Keeper => Ok(()),
        PeerRole::Unit => match change {
            Change::Progress | Change::Status | Change::RequestCloseOut if own_task => Ok(()),
            Change::Progress | Change::Status | Change::RequestCloseOut => {
                Err("责任单位只能报送本单位任务的进展和销号申请，这项任务不属于该单位".into())
            }
            Change::ReviewCloseOut => {
                Err("责任单位的副本不能审批销号：审批只由巡察组或台账管理员的副本作出".into())
            }
            Change::Ledger => Err(
                "责任单位的副本不能新增或修改问题、任务、整改时限和责任分工：这些只由巡察组或台账管理员的副本修改"
                    .into(),
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_reports_on_its_own_tasks_only_and_never_approves() {
        assert!(may(PeerRole::Unit, Change::Progress, true).is_ok());
        assert!(may(PeerRole::Unit, Change::RequestCloseOut, true).is_ok());
        assert!(may(PeerRole::Unit, Change::Progress, false).is_err());
        assert!(may(PeerRole::Unit, Change::ReviewCloseOut, true).is_err());
        assert!(may(PeerRole::Unit, Change::Ledger, true).is_err());
        for role in [PeerRole::Team, PeerRole::Keeper] {
            assert!(may(role, Change::ReviewCloseOut, false).is_ok());
            assert!(may(role, Change::Ledger, false).is_ok());
        }
    }
}
