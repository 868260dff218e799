//! Generates `ui/src/bindings.ts` from the Rust types that cross the UI boundary and fails
//! when the committed file is stale. `XUNCHA_WRITE_BINDINGS=1` rewrites it.
//! Run: `cargo test -p xuncha --features ts --lib bindings`.

use ts_rs::{Config, TS};

use super::dto::*;
use crate::db::backup::{BackupCounts, BackupSummary};
use crate::domain::counting::{FindingCounts, GroupCounts, Stats, TaskCounts};
use crate::domain::*;

/// `decl()` of every exported type, in a stable order.
fn declarations(cfg: &Config) -> Vec<String> {
    macro_rules! decls {
        ($($t:ty),* $(,)?) => { vec![$(<$t as TS>::decl(cfg)),*] };
    }
    decls![
        // codes
        InspectionKind,
        Nature,
        DeadlineKind,
        Status,
        Warning,
        Completion,
        CloseOutState,
        ReviewStep,
        RegulationAction,
        DirectoryKind,
        PaperStatus,
        FollowUpResult,
        // records
        Inspection,
        InspectionDeadlines,
        Category,
        Finding,
        Assignment,
        Milestone,
        Task,
        Progress,
        Evidence,
        CloseOut,
        Reopening,
        FollowUpCheck,
        Regulation,
        Accountability,
        Lead,
        Transfer,
        ImmediateFix,
        Recommendation,
        WorkingPaper,
        DirectoryEntry,
        // inputs
        InspectionInput,
        FindingInput,
        FindingPatch,
        AssignmentPatch,
        TaskInput,
        TaskPatch,
        ProgressInput,
        // counting
        FindingCounts,
        TaskCounts,
        GroupCounts,
        Stats,
        // shell
        CmdError,
        AppInfo,
        InspectionView,
        BoardTask,
        BoardFilter,
        TaskDetail,
        ReviewInput,
        LeadInputDto,
        BurnPoint,
        DueItem,
        Dashboard,
        ExportResult,
        ExportCaps,
        BackupSummary,
        BackupCounts,
        AutoBackup,
        crate::db::crypto::PasswordChange,
        ExportOptions,
        LedgerTemplateInfo,
        ImportPreview,
        ExportKind,
        ExportProgress,
        crate::import::plan::PlannedFinding,
        crate::import::plan::PlannedTask,
        crate::import::plan::PlannedProgress,
        crate::import::plan::Issue,
        crate::import::plan::Severity,
        crate::import::ImportOutcome,
        crate::report::doc::Document,
        crate::report::doc::Block,
    ]
}

fn render() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by `cargo test -p xuncha --features ts --lib bindings`\n\
         // (XUNCHA_WRITE_BINDINGS=1 to rewrite). Do not edit by hand.\n\n",
    );
    for d in declarations(&cfg) {
        out.push_str("export ");
        out.push_str(d.trim());
        out.push_str("\n\n");
    }
    out.trim_end().to_owned() + "\n"
}

#[test]
fn bindings_are_fresh() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
    let want = render();
    if std::env::var_os("XUNCHA_WRITE_BINDINGS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "ui/src/bindings.ts is stale: run XUNCHA_WRITE_BINDINGS=1 cargo test -p xuncha --features ts --lib bindings"
    );
}
