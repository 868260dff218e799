//! The 整改进展 column on import, through the CLI: its text becomes progress entries (one
//! per dated line), and importing again — the same file, or the app's own export of it —
//! does not repeat them. The ledger and 任务清单 show every entry, oldest first.

use calamine::{Reader, Xlsx};

use super::common::Cli;
use super::xlsx_fixtures::path;

fn progress_rows(cli: &Cli) -> Vec<(String, String, String)> {
    let conn = cli.conn();
    let mut stmt = conn
        .prepare(
            "SELECT t.measure, p.entered_on, p.text FROM progress p
             JOIN tasks t ON t.id = p.task_id ORDER BY p.id",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    rows.map(Result::unwrap).collect()
}

fn import(cli: &Cli, file: &str, id: &str) -> serde_json::Value {
    cli.json(&["--operator", "测试", "import", file, "--inspection", id])
}

#[test]
fn progress_text_is_imported_once() {
    let cli = Cli::new();
    let id = cli.inspection().to_string();
    let file = path("wps_two_row.xlsx").display().to_string();
    let out = import(&cli, &file, &id);
    assert_eq!(out["progress_added"], 1);
    let rows = progress_rows(&cli);
    assert_eq!(
        rows,
        [(
            "制定年度学习计划".to_owned(),
            super::common::TODAY.to_owned(),
            "已制定学习计划".to_owned()
        )]
    );
    // The entry is the task's progress as the CLI lists it.
    let task_id: i64 = cli
        .conn()
        .query_row(
            "SELECT id FROM tasks WHERE measure = '制定年度学习计划'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let listed = cli.ok(&["progress", "list", "--task", &task_id.to_string()]);
    assert!(listed.contains("已制定学习计划"), "{listed}");

    let again = import(&cli, &file, &id);
    assert_eq!(again["progress_added"], 0);
    assert_eq!(progress_rows(&cli).len(), 1);

    // A later entry made in the app, then the app's own ledger imported back: the
    // dated lines of the exported cell are the entries already there.
    cli.ok(&[
        "--operator",
        "测试",
        "progress",
        "add",
        "--task",
        &task_id.to_string(),
        "--text",
        "召开专题会议研究部署",
        "--date",
        "2025-06-01",
    ]);
    let ledger = cli.dir.path().join("台账.xlsx");
    let ledger_s = ledger.display().to_string();
    cli.ok(&["export", "ledger", "--out", &ledger_s, "--inspection", &id]);
    // The ledger, like 任务清单, shows the whole history, oldest first.
    let mut wb: Xlsx<_> = calamine::open_workbook(&ledger).unwrap();
    let mut cells = |sheet: &str| -> Vec<String> {
        let r = wb.worksheet_range(sheet).unwrap();
        r.cells().map(|(_, _, v)| v.to_string()).collect()
    };
    let history = "2025年6月1日：召开专题会议研究部署\n2025年6月15日：已制定学习计划";
    for sheet in ["整改台账", "任务清单"] {
        let found = cells(sheet);
        assert!(found.iter().any(|c| c == history), "{sheet}: {found:?}");
    }
    let round = import(&cli, &ledger_s, &id);
    assert_eq!(round["progress_added"], 0, "{round}");
    assert_eq!(round["tasks_added"], 0, "{round}");
    assert_eq!(round["tasks_updated"], 0, "{round}");
    assert_eq!(progress_rows(&cli).len(), 2);
}

#[test]
fn dated_lines_become_dated_entries() {
    let cli = Cli::new();
    let id = cli.inspection().to_string();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["序号", "反馈问题", "整改措施", "整改时限", "整改进展"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let row = [
        "1",
        "调查研究不够深入",
        "制定调研计划",
        "2025年9月30日",
        "2025年4月10日：召开党组会议研究\n2025.5.6：印发调研计划\n共开展调研3次",
    ];
    for (c, v) in row.iter().enumerate() {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    let file = cli.dir.path().join("进展.xlsx");
    wb.save(&file).unwrap();
    let file_s = file.display().to_string();
    let report = cli.ok(&["import", &file_s, "--inspection", &id, "--dry-run"]);
    assert!(report.contains("1 项整改任务，2 条整改进展"), "{report}");
    let out = import(&cli, &file_s, &id);
    assert_eq!(out["progress_added"], 2);
    let rows: Vec<(String, String)> = progress_rows(&cli)
        .into_iter()
        .map(|(_, on, text)| (on, text))
        .collect();
    assert_eq!(
        rows,
        [
            ("2025-04-10".to_owned(), "召开党组会议研究".to_owned()),
            (
                "2025-05-06".to_owned(),
                "印发调研计划\n共开展调研3次".to_owned()
            ),
        ]
    );
    assert_eq!(import(&cli, &file_s, &id)["progress_added"], 0);
}
