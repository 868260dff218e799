//! Issue 14's leftovers: every sheet of a workbook read at once (全部工作表), each with its
//! own columns, its problems named with their sheet, and the rows with errors left out
//! sheet by sheet; and a ledger whose header names nothing known, previewed as its
//! columns so the user can map them, then imported.

use chrono::NaiveDate;
use xuncha::app::imports::{self, ImportChoices};
use xuncha::import::mapping::{parse_choices, MapTo};
use xuncha::import::plan::Severity;
use xuncha::import::xlsx::ALL_SHEETS;
use xuncha::import::Target;

use super::super::common::Cli;
use super::{dir, read};

fn path(file: &str) -> String {
    dir().join(file).to_str().unwrap().to_owned()
}

#[test]
fn all_sheets_are_read_in_order_each_with_its_own_columns() {
    let p = read("by_category.xlsx", Some(ALL_SHEETS), None).unwrap();
    assert_eq!(p.sheet, ALL_SHEETS);
    let sheets: Vec<&str> = p.tables.iter().map(|t| t.sheet.as_str()).collect();
    assert_eq!(sheets, ["一、党的理论学习方面", "二、主体责任方面"]);
    let title_col = |i: usize| {
        let t = &p.tables[i];
        let c = t
            .columns
            .iter()
            .find(|c| c.to.label() == "反馈问题")
            .unwrap();
        c.letter.clone()
    };
    assert_eq!((title_col(0), title_col(1)), ("B".into(), "A".into()));
    let titles: Vec<(&str, &str)> = p
        .findings
        .iter()
        .map(|f| (f.category.as_str(), f.title.as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            ("党的理论学习方面", "理论学习中心组学习不经常"),
            ("党的理论学习方面", "学习笔记不全"),
            ("主体责任方面", "“三重一大”决策不规范"),
            ("主体责任方面", "谈心谈话流于形式"),
        ],
        "sheets named after categories give theirs"
    );
    let bad = p
        .issues
        .iter()
        .find(|i| i.severity == Severity::Error)
        .unwrap();
    assert_eq!(bad.cell, "二、主体责任方面!E3");
    assert!(
        p.report().contains("[错误] 二、主体责任方面!E3单元格"),
        "{}",
        p.report()
    );
    assert_eq!(p.skipped_sheets.len(), 1);
    assert_eq!(p.skipped_sheets[0].sheet, "统计");
    assert!(p.skipped_sheets[0].reason.contains("找不到台账表头"));
}

#[test]
fn sheets_named_otherwise_keep_the_default_category() {
    let p = read("sheets.xlsx", Some(ALL_SHEETS), None).unwrap();
    let got: Vec<(&str, &str)> = p
        .findings
        .iter()
        .map(|f| (f.sheet.as_str(), f.category.as_str()))
        .collect();
    assert_eq!(got, [("2024年", "未分类"), ("2025年", "未分类")]);
    assert_eq!(p.skipped_sheets[0].sheet, "填表说明");
}

#[test]
fn a_mapping_by_header_text_applies_to_the_sheets_that_have_it() {
    let map = parse_choices("责任部门=牵头单位").unwrap();
    let options = xuncha::import::xlsx::ReadOptions {
        default_year: 2025,
        sheet: Some(ALL_SHEETS.into()),
        mapping: map,
        saved: Vec::new(),
    };
    let p =
        xuncha::import::xlsx::read_ledger_with(&dir().join("by_category.xlsx"), &options).unwrap();
    let to = |t: usize, letter: &str| {
        let c = p.tables[t]
            .columns
            .iter()
            .find(|c| c.letter == letter)
            .unwrap();
        c.to
    };
    assert_eq!(to(1, "C"), MapTo::parse("牵头单位").unwrap());
    assert_eq!(
        to(0, "D"),
        MapTo::parse("责任单位").unwrap(),
        "sheet 1 untouched"
    );
    assert_eq!(p.findings[2].tasks[0].assignment.lead_unit, "党建办");
    let err = read("by_category.xlsx", Some(ALL_SHEETS), Some("无此列=备注")).unwrap_err();
    assert!(err.to_string().contains("无此列"), "{err}");
}

#[test]
fn all_sheets_import_in_one_go_and_faulty_rows_are_left_out_per_sheet() {
    let cli = Cli::new();
    cli.ok(&["init"]);
    let file = path("by_category.xlsx");
    let refused = cli.fail(&[
        "import",
        &file,
        "--new-inspection",
        "甲",
        "--sheet",
        ALL_SHEETS,
    ]);
    assert!(refused.contains("二、主体责任方面!E3"), "{refused}");
    assert_eq!(cli.count("findings"), 0);
    cli.ok(&[
        "import",
        &file,
        "--new-inspection",
        "甲",
        "--sheet",
        ALL_SHEETS,
        "--skip-errors",
    ]);
    // Row 3 of the second sheet has the error; row 3 of the first is fine and imported.
    assert_eq!(
        cli.column("SELECT title FROM findings ORDER BY id"),
        [
            "理论学习中心组学习不经常",
            "学习笔记不全",
            "“三重一大”决策不规范"
        ]
    );
    assert_eq!(
        cli.column(
            "SELECT DISTINCT c.name FROM findings f JOIN categories c ON c.id = f.category_id ORDER BY f.id"
        ),
        ["党的理论学习方面", "主体责任方面"]
    );
}

#[test]
fn a_header_naming_nothing_previews_its_columns_and_imports_once_mapped() {
    let dir = tempfile::tempdir().unwrap();
    let db = xuncha::db::Db::open(&dir.path().join("t.db"))
        .unwrap()
        .with_operator("测试");
    let today = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
    let file = super::dir().join("strange_header.xlsx");
    let target = Target::NewInspection("甲".into());
    let p = imports::preview(&db, &file, &target, today, &ImportChoices::default()).unwrap();
    let cols: Vec<(&str, &str, MapTo)> = p.tables[0]
        .columns
        .iter()
        .map(|c| (c.letter.as_str(), c.header.as_str(), c.to))
        .collect();
    assert_eq!(
        cols,
        [
            ("A", "甲", MapTo::Ignore),
            ("B", "乙", MapTo::Ignore),
            ("C", "丙", MapTo::Ignore),
            ("D", "丁", MapTo::Ignore),
        ]
    );
    assert!(p.findings.is_empty());
    assert!(p.issues[0].message.contains("找不到台账表头"));
    let refused = imports::apply(&db, &file, &target, today, &ImportChoices::default());
    assert!(refused.unwrap_err().to_string().contains("找不到台账表头"));
    let choices = ImportChoices {
        mapping: parse_choices("A=反馈问题,B=整改措施,C=责任单位,D=整改时限").unwrap(),
        ..ImportChoices::default()
    };
    let p = imports::preview(&db, &file, &target, today, &choices).unwrap();
    assert!(!p.has_errors(), "{}", p.report());
    assert_eq!(p.findings[0].title, "档案管理混乱");
    imports::apply(&db, &file, &target, today, &choices).unwrap();
    let stored: Vec<(String, String)> = db
        .read(|c| {
            let mut st = c.prepare(
                "SELECT f.title, t.deadline FROM findings f JOIN tasks t ON t.finding_id = f.id",
            )?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap();
    assert_eq!(stored, [("档案管理混乱".into(), "2025-10-31".into())]);
}
