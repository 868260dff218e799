//! The import corpus (`make.rs`): each workbook reads as its committed plan, the two
//! ledgers of issue 14 map their columns as their users mean them, a mapping made by hand
//! through the CLI imports a ledger in its own words and is used again for the next file
//! with the same header, and the clean rows of a faulty ledger import on request while the
//! rest are listed.

mod all_sheets;
mod make;

use std::path::{Path, PathBuf};

use serde_json::Value;
use xuncha::import::mapping::{parse_choices, MapTo};
use xuncha::import::plan::ImportPlan;
use xuncha::import::xlsx::{read_ledger_with, ReadOptions};

use super::common::Cli;

pub(super) fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/xlsx/corpus")
}

/// (file, plan name, sheet, --map): every shape and the choices it is read with.
const CASES: &[(&str, &str, Option<&str>, Option<&str>)] = &[
    ("hazard.xlsx", "hazard", None, None),
    ("hazard.xls", "hazard", None, None),
    ("audit.xlsx", "audit", None, None),
    ("sheets.xlsx", "sheets", None, None),
    ("sheets.xlsx", "sheets.2025", Some("2025年"), None),
    ("sheets.xlsx", "sheets.all", Some("全部工作表"), None),
    (
        "by_category.xlsx",
        "by_category.all",
        Some("全部工作表"),
        None,
    ),
    ("strange_header.xlsx", "strange_header", None, None),
    (
        "strange_header.xlsx",
        "strange_header.mapped",
        None,
        Some("A=反馈问题,B=整改措施,C=责任单位,D=整改时限"),
    ),
    ("headers_only.xlsx", "headers_only", None, None),
    ("faults.xlsx", "faults", None, None),
    ("own_words.xlsx", "own_words", None, None),
    (
        "own_words.xlsx",
        "own_words.mapped",
        None,
        Some("C=整改措施,谁来改=责任单位,E=整改时限"),
    ),
];

pub(super) fn read(
    file: &str,
    sheet: Option<&str>,
    map: Option<&str>,
) -> xuncha::Result<ImportPlan> {
    let options = ReadOptions {
        default_year: 2025,
        sheet: sheet.map(str::to_owned),
        mapping: map.map(|m| parse_choices(m).unwrap()).unwrap_or_default(),
        saved: Vec::new(),
    };
    read_ledger_with(&dir().join(file), &options)
}

/// The plan as committed: the file's name left out (the .xls reads as the .xlsx), or
/// the error a file gives.
fn as_json(file: &str, sheet: Option<&str>, map: Option<&str>) -> Value {
    match read(file, sheet, map) {
        Ok(mut plan) => {
            plan.file = String::new();
            serde_json::to_value(&plan).unwrap()
        }
        // The folder differs from machine to machine.
        Err(e) => {
            let message = e.to_string().replace(&format!("{}/", dir().display()), "");
            serde_json::json!({ "error": message })
        }
    }
}

#[test]
#[ignore = "regenerates the committed corpus and its plans"]
fn regenerate() {
    std::fs::create_dir_all(dir()).unwrap();
    make::hazard(&dir().join("hazard.xlsx"));
    make::audit(&dir().join("audit.xlsx"));
    make::sheets(&dir().join("sheets.xlsx"));
    make::headers_only(&dir().join("headers_only.xlsx"));
    make::faults(&dir().join("faults.xlsx"));
    make::own_words(&dir().join("own_words.xlsx"));
    make::by_category(&dir().join("by_category.xlsx"));
    make::strange_header(&dir().join("strange_header.xlsx"));
    for (file, name, sheet, map) in CASES {
        if file.ends_with(".xls") {
            continue;
        }
        let json = serde_json::to_string_pretty(&as_json(file, *sheet, *map)).unwrap();
        std::fs::write(dir().join(format!("{name}.plan.json")), json + "\n").unwrap();
    }
}

#[test]
fn every_shape_reads_as_its_committed_plan() {
    for (file, name, sheet, map) in CASES {
        let want: Value = serde_json::from_str(
            &std::fs::read_to_string(dir().join(format!("{name}.plan.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(as_json(file, *sheet, *map), want, "{file} as {name}");
    }
}

fn field(plan: &ImportPlan, letter: &str) -> (String, String) {
    let c = plan.tables[0]
        .columns
        .iter()
        .find(|c| c.letter == letter)
        .unwrap();
    (c.to.label().to_owned(), c.explain.clone())
}

#[test]
fn the_hazard_ledger_reads_as_its_keeper_means_it() {
    let p = read("hazard.xlsx", None, None).unwrap();
    assert_eq!(p.tables[0].header_rows, (3, 4), "title and band skipped");
    for (letter, want) in [
        ("B", "反馈问题"),
        ("C", "发现日期"),
        ("E", "责任人"),
        ("F", "整改时限"),
        ("G", "整改措施"),
        ("H", "不导入"),
        ("K", "不导入"),
        ("L", "复查验收"),
        ("M", "复查验收"),
        ("N", "整改状态"),
    ] {
        assert_eq!(field(&p, letter).0, want, "{letter}");
    }
    assert_eq!(p.findings.len(), 4);
    assert_eq!(
        p.tables[0].skipped_rows,
        [10, 11],
        "the 说明 block is not a record"
    );
    let f = &p.findings[0];
    assert_eq!(
        f.found_on.map(|d| d.to_string()).as_deref(),
        Some("2025-04-01")
    );
    assert_eq!(f.tasks[0].assignment.responsible_person, "张伟");
    assert_eq!(f.tasks[0].measure, "立即清理通道杂物，设置禁止堆放标识");
    let last = &p.findings[3].tasks[0];
    assert_eq!(
        last.deadline.map(|d| d.to_string()).as_deref(),
        Some("2025-06-25")
    );
    let review = last.progress_entries.last().unwrap();
    assert_eq!(
        review.entered_on.map(|d| d.to_string()).as_deref(),
        Some("2025-06-20")
    );
    assert!(review.text.contains("复查合格"), "{}", review.text);
    assert!(!p.has_errors(), "{}", p.report());
}

#[test]
fn the_audit_ledger_maps_its_33_columns_without_merging_them_silently() {
    let p = read("audit.xlsx", None, None).unwrap();
    assert_eq!(p.tables[0].columns.len(), 33);
    assert_eq!(
        field(&p, "L").0,
        "整改时限",
        "目标设定完成时间 is the deadline"
    );
    assert_eq!(
        field(&p, "Y").0,
        "复查验收",
        "验收负责人 is a person of the review"
    );
    assert_eq!(
        field(&p, "I").0,
        "备注",
        "提示问题金额 is money, not the problem"
    );
    assert_eq!(field(&p, "G").0, "反馈问题");
    let (to, why) = field(&p, "B");
    assert_eq!(to, "备注");
    assert!(why.contains("A列“序号”"), "{why}");
    assert_eq!(field(&p, "F").0, "问题类别");
    let titles = p.tables[0]
        .columns
        .iter()
        .filter(|c| c.to.label() == "反馈问题")
        .count();
    assert_eq!(titles, 1, "one column per field: {}", p.report());
    for letter in ["S", "T", "U", "V"] {
        let (to, why) = field(&p, letter);
        assert_eq!(to, "整改进展");
        assert!(why.contains("共4列整改进展"), "{why}");
    }
    assert_eq!(p.task_count(), 48);
    assert!(p.findings[0].tasks.iter().all(|t| t.deadline.is_some()));
    let entries = &p.findings[0].tasks[0].progress_entries;
    let dates: Vec<String> = entries
        .iter()
        .filter(|e| !e.text.starts_with("复查验收情况"))
        .map(|e| e.entered_on.unwrap().to_string())
        .collect();
    assert_eq!(dates, ["2024-12-31", "2025-03-31"]);
    let review = entries.last().unwrap();
    assert_eq!(review.text, "复查验收情况：验收负责人：孙丽");
    assert!(p.findings[0].tasks[0]
        .note
        .contains("提示问题金额（万元）：12.5"));
    assert!(!p.has_errors(), "{}", p.report());
}

#[test]
fn every_fault_is_named_with_its_cell() {
    let p = read("faults.xlsx", None, None).unwrap();
    let cells: Vec<(&str, bool)> = p
        .issues
        .iter()
        .map(|i| {
            (
                i.cell.as_str(),
                i.severity == xuncha::import::plan::Severity::Error,
            )
        })
        .collect();
    for want in [
        ("D3", true),  // empty 整改措施
        ("F4", true),  // deadline before the found date
        ("A5", false), // 序号 3 again
        ("A6", false), // 无 as a 序号
        ("F6", true),  // / as a deadline
        ("G7", false), // 正在推进 with a review date
        ("A8", false), // only a 序号
    ] {
        assert!(
            cells.contains(&want),
            "{want:?} missing from {}",
            p.report()
        );
    }
}

#[test]
fn a_mapping_made_by_hand_imports_and_is_used_again() {
    let cli = Cli::new();
    cli.ok(&["init"]);
    let file = dir().join("own_words.xlsx");
    let file = file.to_str().unwrap();
    let refused = cli.fail(&["import", file, "--new-inspection", "甲"]);
    assert!(refused.contains("找不到台账表头"), "{refused}");
    let dry = cli.ok(&[
        "import",
        file,
        "--new-inspection",
        "甲",
        "--dry-run",
        "--map",
        "C=整改措施,D=责任单位,E=整改时限",
    ]);
    assert!(dry.contains("C列“怎么改”→ 整改措施（按指定）"), "{dry}");
    cli.ok(&[
        "import",
        file,
        "--new-inspection",
        "甲",
        "--map",
        "C=整改措施,D=责任单位,E=整改时限",
    ]);
    assert_eq!(
        cli.column("SELECT measure FROM tasks"),
        ["修订制度并开展培训"]
    );
    assert_eq!(cli.column("SELECT deadline FROM tasks"), ["2025-12-31"]);
    // The next file with the same header reads the same way without --map.
    let again = cli.ok(&["import", file, "--new-inspection", "乙", "--dry-run"]);
    assert!(again.contains("按保存的对应关系"), "{again}");
    let bad = cli.fail(&[
        "import",
        file,
        "--new-inspection",
        "甲",
        "--map",
        "Z9=整改措施",
    ]);
    assert!(bad.contains("Z9"), "{bad}");
}

#[test]
fn clean_rows_import_on_request_and_the_rest_are_listed() {
    let cli = Cli::new();
    cli.ok(&["init"]);
    let file = dir().join("faults.xlsx");
    let file = file.to_str().unwrap();
    let refused = cli.fail(&["import", file, "--new-inspection", "甲"]);
    assert!(refused.contains("未写入任何数据"), "{refused}");
    assert_eq!(cli.count("findings"), 0);
    let out = cli.ok(&["import", file, "--new-inspection", "甲", "--skip-errors"]);
    assert!(out.contains("有错误未导入的行：第3、4、6行"), "{out}");
    let titles = cli.column("SELECT title FROM findings ORDER BY id");
    assert_eq!(titles, ["会议记录不全", "印章管理不严", "采购程序不规范"]);
    assert_eq!(
        MapTo::parse("复查验收"),
        Some(MapTo::Review),
        "the review is a field the user can name"
    );
}
