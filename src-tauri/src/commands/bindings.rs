//! Generates `ui/src/bindings.ts` from the Rust types that cross the UI boundary — and the
//! labels and rules the UI shows (each code's Chinese label in display order, Chinese
//! numerals, which statuses count as done, the warning days), so the UI keeps no copies —
//! and fails when the committed file is stale. `XUNCHA_WRITE_BINDINGS=1` rewrites it.
//! Run: `cargo test -p xuncha --features ts --lib bindings`.

use ts_rs::{Config, TS};

use super::dto::*;
use crate::app::exports::{DocumentInfo, DocumentKind, ExportOptions, Exported, Format};
use crate::app::*;
use crate::db::backup::{BackupCounts, BackupSummary};
use crate::domain::counting::{FindingCounts, GroupCounts, Stats, TaskCounts};
use crate::domain::status::{is_done, GREEN_DAYS, YELLOW_DAYS};
use crate::domain::*;
use crate::error::ErrorCode;

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
        SecretaryActionKind,
        LetterKind,
        FillInChange,
        PeerRole,
        ErrorCode,
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
        LeadingGroup,
        Letterhead,
        RectificationMeeting,
        SecretaryAction,
        SupervisionLetter,
        // inputs
        InspectionInput,
        FindingInput,
        FindingPatch,
        AssignmentPatch,
        TaskInput,
        TaskPatch,
        ProgressInput,
        crate::db::leads::LeadInput,
        PaperApproval,
        // counting
        FindingCounts,
        TaskCounts,
        GroupCounts,
        Stats,
        // application layer
        InspectionView,
        BoardRow,
        TaskFilter,
        TaskDetail,
        ReviewInput,
        BurnPoint,
        DueItem,
        Dashboard,
        AutoBackup,
        preferences::Preferences,
        session::Verification,
        Format,
        DocumentKind,
        DocumentInfo,
        ExportOptions,
        Exported,
        exports::TemplateInfo,
        BackupSummary,
        BackupCounts,
        crate::db::crypto::PasswordChange,
        crate::import::plan::PlannedFinding,
        crate::import::plan::PlannedTask,
        crate::import::plan::PlannedProgress,
        crate::import::plan::PlannedReview,
        crate::import::plan::Issue,
        crate::import::plan::Severity,
        crate::import::plan::SheetTable,
        crate::import::plan::SkippedSheet,
        crate::import::ImportOutcome,
        crate::import::mapping::ColumnMap,
        crate::import::mapping::Reason,
        crate::import::mapping::Choice,
        crate::app::imports::ImportChoices,
        FieldOption,
        crate::report::doc::Document,
        crate::report::doc::Block,
        fill_in::FillInExport,
        fill_in::FillInApplied,
        crate::fill_in::preview::PreviewRow,
        crate::domain::exchange::Identity,
        crate::domain::exchange::Peer,
        crate::domain::exchange::ReviewItem,
        crate::app::exchange::Exported,
        crate::app::exchange::PackageInfo,
        crate::app::exchange::Imported,
        crate::exchange::apply::Applied,
        crate::app::exchange::Resolution,
        // shell
        CmdError,
        AppInfo,
        ImportPreview,
        FillInPreview,
        ExchangePreview,
        ExportProgress,
    ]
}

/// A TypeScript string literal.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// `NAME_LABELS` (code → Chinese label) and `NAME_VALUES` (every code in display order)
/// of each coded value.
fn labels() -> Vec<String> {
    macro_rules! labels {
        ($($t:ident => $name:literal),* $(,)?) => { vec![$({
            let pairs: Vec<String> = $t::ALL
                .iter()
                .map(|v| format!("{}: {}", v.code(), quoted(v.label())))
                .collect();
            let codes: Vec<String> = $t::ALL.iter().map(|v| quoted(v.code())).collect();
            format!(
                "/** {what}：each code's label. */\nexport const {name}_LABELS: Record<{t}, string> = {{ {pairs} }};\n\n\
                 /** {what}：every code, in display order. */\nexport const {name}_VALUES: {t}[] = [{codes}];",
                what = $t::WHAT,
                name = $name,
                t = stringify!($t),
                pairs = pairs.join(", "),
                codes = codes.join(", "),
            )
        }),*] };
    }
    let mut out = labels![
        InspectionKind => "INSPECTION_KIND",
        Nature => "NATURE",
        DeadlineKind => "DEADLINE_KIND",
        Status => "STATUS",
        Warning => "WARNING",
        Completion => "COMPLETION",
        CloseOutState => "CLOSE_OUT_STATE",
        ReviewStep => "REVIEW_STEP",
        RegulationAction => "REGULATION_ACTION",
        DirectoryKind => "DIRECTORY_KIND",
        PaperStatus => "PAPER_STATUS",
        FollowUpResult => "FOLLOW_UP_RESULT",
        SecretaryActionKind => "SECRETARY_ACTION_KIND",
        LetterKind => "LETTER_KIND",
        FillInChange => "FILL_IN_CHANGE",
        PeerRole => "PEER_ROLE",
    ];
    let done: Vec<String> = Status::ALL
        .iter()
        .filter(|s| is_done(**s))
        .map(|s| quoted(s.code()))
        .collect();
    out.push(format!(
        "/** The statuses that count as done (no overdue, no warning). */\nexport const DONE_STATUSES: Status[] = [{}];",
        done.join(", ")
    ));
    out.push(format!(
        "/** Days left at which the green and the yellow warnings start. */\nexport const GREEN_DAYS = {GREEN_DAYS};\nexport const YELLOW_DAYS = {YELLOW_DAYS};"
    ));
    let numerals: Vec<String> = (1..=99)
        .map(|n| quoted(&crate::report::numbering::cn_number(n)))
        .collect();
    out.push(format!(
        "/** Chinese numerals 一 … 九十九: `CN_NUMERALS[n - 1]`. */\nexport const CN_NUMERALS: string[] = [{}];",
        numerals.join(", ")
    ));
    let urgencies: Vec<String> = URGENCIES.iter().map(|u| quoted(u)).collect();
    out.push(format!(
        "/** The 紧急程度 a document may carry (empty: none). */\nexport const URGENCIES: string[] = [{}];",
        urgencies.join(", ")
    ));
    let formats: Vec<String> = Format::ALL
        .iter()
        .map(|f| {
            format!(
                "{}: {}",
                serde_json::to_value(f)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                quoted(f.label())
            )
        })
        .collect();
    out.push(format!(
        "/** What users call each file format. */\nexport const FORMAT_LABELS: Record<Format, string> = {{ {} }};",
        formats.join(", ")
    ));
    out
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
    for l in labels() {
        out.push_str(&l);
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
