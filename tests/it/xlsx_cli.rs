//! The Excel ledger through the CLI on a real database: export, dry run, import (one
//! transaction), re-import without duplicates, and bad files that write nothing.

use calamine::{Data, Reader, Xlsx};

use super::common::Cli;
use super::xlsx_fixtures::path;

fn fixture(name: &str) -> String {
    path(name).display().to_string()
}

#[test]
fn export_ledger_of_the_demo_inspection() {
    let cli = Cli::new();
    cli.ok(&["--operator", "测试", "demo"]);
    let out = cli.dir.path().join("台账.xlsx");
    let out_s = out.display().to_string();
    let summary = cli.json(&["export", "ledger", "--out", &out_s, "--inspection", "1"]);
    let findings = summary["findings"].as_u64().unwrap();
    assert!(findings > 0);
    let mut wb: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names()[0], "整改台账");
    let r = wb.worksheet_range("整改台账").unwrap();
    let seqs = (0..r.height() as u32)
        .filter(|row| matches!(r.get_value((*row, 0)), Some(Data::Float(_))))
        .count();
    assert_eq!(seqs as u64, findings);
    // The same file imports back cleanly.
    let plan = cli.json(&["import", &out_s, "--inspection", "1", "--dry-run"]);
    assert_eq!(plan["findings"].as_array().unwrap().len() as u64, findings);
    assert!(plan["issues"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["severity"] == "warning"));
}

#[test]
fn export_with_a_template_file_and_unknown_template() {
    let cli = Cli::new();
    cli.ok(&["--operator", "测试", "demo"]);
    let tpl = cli.dir.path().join("模板.json");
    std::fs::write(
        &tpl,
        r#"{"title":"{unit_name}整改台账","sheets":["ledger","statistics"]}"#,
    )
    .unwrap();
    let out = cli.dir.path().join("a.xlsx");
    let (out_s, tpl_s) = (out.display().to_string(), tpl.display().to_string());
    cli.ok(&["export", "ledger", "--out", &out_s, "--template", &tpl_s]);
    let wb: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["整改台账", "进展统计"]);
    let err = cli.fail(&[
        "export",
        "ledger",
        "--out",
        &out_s,
        "--template",
        "没有这个",
    ]);
    assert!(err.contains("没有名为“没有这个”的台账模板"), "{err}");
}

#[test]
fn dry_run_writes_nothing_then_import_and_reimport() {
    let cli = Cli::new();
    let id = cli.inspection().to_string();
    let before = cli.count("findings");
    let report = cli.ok(&[
        "import",
        &fixture("wps_two_row.xlsx"),
        "--inspection",
        &id,
        "--dry-run",
    ]);
    assert!(
        report.contains("将导入：2 个类别，3 个反馈问题，6 项整改任务"),
        "{report}"
    );
    assert!(report.contains("检查通过"));
    assert_eq!(cli.count("findings"), before, "a dry run writes nothing");

    let out = cli.json(&[
        "--operator",
        "测试",
        "import",
        &fixture("wps_two_row.xlsx"),
        "--inspection",
        &id,
    ]);
    assert_eq!(out["findings_added"], 3);
    assert_eq!(out["tasks_added"], 6);
    assert_eq!(cli.count("findings"), before + 3);
    assert_eq!(cli.count("tasks"), 6);
    // New people and units went into the directory.
    let units: i64 = cli
        .conn()
        .query_row("SELECT count(*) FROM directory WHERE kind = 'unit' AND name IN ('机关党委','宣传科','综合科','财务科','办公室')", [], |r| r.get(0))
        .unwrap();
    assert_eq!(units, 5);
    let deadline: String = cli
        .conn()
        .query_row(
            "SELECT deadline FROM tasks WHERE measure = '每季度开展专题研讨'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(deadline, "2025-06-30");

    // Re-importing the same file adds nothing.
    let again = cli.json(&[
        "--operator",
        "测试",
        "import",
        &fixture("wps_two_row.xlsx"),
        "--inspection",
        &id,
    ]);
    assert_eq!(again["findings_added"], 0);
    assert_eq!(again["findings_matched"], 3);
    assert_eq!(again["tasks_added"], 0);
    assert_eq!(cli.count("findings"), before + 3);
    assert_eq!(cli.count("tasks"), 6);
}

#[test]
fn reimport_reports_what_changed() {
    let cli = Cli::new();
    let id = cli.inspection().to_string();
    cli.ok(&[
        "--operator",
        "测试",
        "import",
        &fixture("two_row_unmerged.xlsx"),
        "--inspection",
        &id,
    ]);
    // The unit moves the deadline of finding 1's task in its own copy, then re-imports it.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in [
        "序号",
        "问题类别",
        "反馈问题",
        "整改措施",
        "整改时限",
        "牵头单位",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let row = [
        "1",
        "落实全面从严治党主体责任和监督责任方面",
        "廉政谈话开展不经常",
        "制定谈话计划",
        "2025年8月31日",
        "机关党委",
    ];
    for (c, v) in row.iter().enumerate() {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    let changed = cli.dir.path().join("changed.xlsx");
    wb.save(&changed).unwrap();
    let out = cli.json(&[
        "--operator",
        "测试",
        "import",
        &changed.display().to_string(),
        "--inspection",
        &id,
    ]);
    assert_eq!(out["findings_added"], 0);
    assert_eq!(out["tasks_updated"], 1);
    let changes = out["changes"].to_string();
    assert!(changes.contains("整改时限"), "{changes}");
    let deadline: String = cli
        .conn()
        .query_row(
            "SELECT deadline FROM tasks WHERE measure = '制定谈话计划'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(deadline, "2025-08-31");
}

#[test]
fn bad_files_and_bad_dates_write_nothing() {
    let cli = Cli::new();
    let id = cli.inspection().to_string();
    let audit_before = cli.count("audit_log");
    for (name, want) in [
        ("bad_date.xlsx", "H7单元格"),
        ("not_xlsx.xlsx", "不是 Excel 文件"),
        ("encrypted.xlsx", "设置了打开密码"),
        ("empty.xlsx", "没有任何内容"),
        ("no_header.xlsx", "找不到台账表头"),
    ] {
        let err = cli.fail(&[
            "--operator",
            "测试",
            "import",
            &fixture(name),
            "--inspection",
            &id,
        ]);
        assert!(err.contains(want), "{name}: {err}");
    }
    assert_eq!(cli.count("findings"), 0);
    assert_eq!(cli.count("tasks"), 0);
    assert_eq!(cli.count("audit_log"), audit_before);
    let report = cli.ok(&[
        "import",
        &fixture("bad_date.xlsx"),
        "--inspection",
        &id,
        "--dry-run",
    ]);
    assert!(
        report.contains("[错误] H7单元格") && report.contains("请先改正"),
        "{report}"
    );
}

#[test]
fn import_into_a_new_inspection() {
    let cli = Cli::new();
    let out = cli.json(&[
        "--operator",
        "测试",
        "import",
        &fixture("synonyms_one_row.xlsx"),
        "--new-inspection",
        "区委第三巡察组对区委统战部党组的常规巡察",
    ]);
    assert_eq!(out["findings_added"], 3);
    assert_eq!(out["tasks_added"], 7);
    let org: String = cli
        .conn()
        .query_row("SELECT inspected_org FROM inspections", [], |r| r.get(0))
        .unwrap();
    assert_eq!(org, "区委统战部党组");
    let err = cli.fail(&["import", &fixture("synonyms_one_row.xlsx")]);
    assert!(err.contains("--inspection"), "{err}");
}
