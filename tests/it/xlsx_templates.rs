//! Saved ledger templates through the CLI: save from a JSON file (checked), list, show,
//! export with `--template NAME` (read back with calamine), delete.

use calamine::{Reader, Xlsx};

use super::common::Cli;

/// The cells of a sheet as text, row by row.
fn sheet_text(path: &std::path::Path, sheet: &str) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let r = wb.worksheet_range(sheet).unwrap();
    r.rows()
        .map(|row| row.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn save_list_show_export_delete() {
    let cli = Cli::new();
    cli.ok(&["--operator", "测试", "demo"]);
    let file = cli.dir.path().join("巡察办模板.json");
    std::fs::write(
        &file,
        r#"{
            "title": "{inspected_org}巡察整改工作推进台账",
            "columns": [
                {"column": "seq", "header": "编号"},
                {"column": "title", "header": "巡察发现问题"},
                {"column": "measure"},
                {"column": "responsible_units", "header": "责任科室"},
                {"column": "deadline", "header": "完成时限"},
                {"column": "status"}
            ],
            "sheets": ["ledger", "tasks"]
        }"#,
    )
    .unwrap();
    let file_s = file.display().to_string();
    let saved = cli.ok(&["template", "save", "区委巡察办", "--file", &file_s]);
    assert!(
        saved.contains("已保存台账模板“区委巡察办”（6 列"),
        "{saved}"
    );

    let list = cli.ok(&["template", "list"]);
    assert!(list.contains("默认（内置官方格式）"), "{list}");
    assert!(
        list.contains("区委巡察办：{inspected_org}巡察整改工作推进台账"),
        "{list}"
    );

    // show prints the whole template, defaults filled in, as JSON that reads back.
    let shown: serde_json::Value =
        serde_json::from_str(&cli.ok(&["template", "show", "区委巡察办"])).unwrap();
    assert_eq!(shown["columns"][1]["header"], "巡察发现问题");
    assert_eq!(shown["group_label"], "责任分工");
    let default: serde_json::Value =
        serde_json::from_str(&cli.ok(&["template", "show", "默认"])).unwrap();
    assert_eq!(default["columns"].as_array().unwrap().len(), 15);
    assert_eq!(
        default["title"],
        "{inspected_org}落实{team}巡察反馈意见整改台账"
    );

    let out = cli.dir.path().join("台账.xlsx");
    let out_s = out.display().to_string();
    cli.ok(&[
        "export",
        "ledger",
        "--out",
        &out_s,
        "--inspection",
        "1",
        "--template",
        "区委巡察办",
    ]);
    let wb: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["整改台账", "任务清单"]);
    let rows = sheet_text(&out, "整改台账");
    assert!(
        rows[0][0].ends_with("巡察整改工作推进台账"),
        "title: {:?}",
        rows[0][0]
    );
    // Header cells may be broken over lines to fit the column; compare without breaks.
    let header: Vec<String> = rows
        .iter()
        .skip(2)
        .take(2)
        .flatten()
        .map(|c| c.replace('\n', ""))
        .collect();
    for want in ["编号", "巡察发现问题", "整改措施", "责任科室", "完成时限"] {
        assert!(header.iter().any(|h| h == want), "{want} in {header:?}");
    }
    assert!(!header.iter().any(|h| h == "反馈问题"), "{header:?}");
    assert_eq!(rows[2].len(), 6, "{:?}", rows[2]);

    // 默认 is the official layout at export too.
    cli.ok(&["export", "ledger", "--out", &out_s, "--template", "默认"]);
    let rows = sheet_text(&out, "整改台账");
    assert!(
        rows[0][0] == "区统计局党组落实区委第三巡察组巡察反馈意见整改台账",
        "{:?}",
        rows[0][0]
    );

    let deleted = cli.ok(&["--operator", "测试", "template", "delete", "区委巡察办"]);
    assert!(deleted.contains("已删除台账模板“区委巡察办”"), "{deleted}");
    let err = cli.fail(&[
        "export",
        "ledger",
        "--out",
        &out_s,
        "--template",
        "区委巡察办",
    ]);
    assert!(
        err.contains("没有名为“区委巡察办”的台账模板") && err.contains("还没有保存任何模板"),
        "{err}"
    );
    let err = cli.fail(&["template", "delete", "区委巡察办"]);
    assert!(err.contains("没有名为“区委巡察办”的台账模板"), "{err}");
}

#[test]
fn bad_templates_are_refused_and_nothing_is_saved() {
    let cli = Cli::new();
    cli.ok(&["init"]);
    let file = cli.dir.path().join("t.json");
    let file_s = file.display().to_string();
    let cases = [
        (r#"{"titel": "台账"}"#, "不认识的字段“titel”"),
        (r#"{"columns": []}"#, "至少要有一列"),
        (
            r#"{"columns": [{"column": "measures"}]}"#,
            "不认识的取值“measures”",
        ),
        (r#"{"fonts": {"body_size": 100}}"#, "字号"),
        (r#"{"title": "#, "不是有效的 JSON"),
    ];
    for (json, want) in cases {
        std::fs::write(&file, json).unwrap();
        let err = cli.fail(&["template", "save", "甲", "--file", &file_s]);
        assert!(
            err.contains(want) && err.contains("t.json"),
            "{json}: {err}"
        );
    }
    std::fs::write(&file, r#"{"title": "台账"}"#).unwrap();
    let err = cli.fail(&["template", "save", "默认", "--file", &file_s]);
    assert!(err.contains("内置"), "{err}");
    let err = cli.fail(&["template", "save", "甲", "--file", "/没有/这个.json"]);
    assert!(err.contains("找不到模板文件"), "{err}");
    let list = cli.ok(&["template", "list"]);
    assert_eq!(list.trim(), "默认（内置官方格式）");
    let n: i64 = cli
        .conn()
        .query_row(
            "SELECT count(*) FROM settings WHERE key LIKE 'ledger_template.%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 0);
}
