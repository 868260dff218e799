//! 责任单位 have one stored truth: after `task assign` changes a task's responsible units,
//! every reader — the task, the lists and their filter, the counts by unit, both ledgers —
//! shows the new units and none shows the old ones.

use calamine::{Data, Reader, Xlsx};
use serde_json::{json, Value};

use crate::common::Cli;

const OLD: [&str; 2] = ["财务科", "办公室"];
const NEW: [&str; 2] = ["纪检组", "人事科"];
const MEASURE: &str = "修订财务报销审批制度";

/// An inspection with one finding and one task assigned to the old units; returns the
/// task's id.
fn task_with_old_units(cli: &Cli) -> i64 {
    let insp = cli.inspection().to_string();
    let finding = cli.add(&[
        "finding",
        "add",
        "--inspection",
        &insp,
        "--category",
        "2",
        "--title",
        "财务管理不规范",
        "--manifestation",
        "报销手续不全。",
    ]);
    cli.add(&[
        "task",
        "add",
        "--finding",
        &finding.to_string(),
        "--measure",
        MEASURE,
        "--deadline",
        "2025-09-30",
        // The lead unit is neither old nor new, so a unit found below is a responsible one.
        "--lead-unit",
        "综合科",
        "--responsible-units",
        &OLD.join("、"),
        "--responsible-person",
        "张三",
    ])
}

fn units_of(task: &Value) -> Value {
    task["responsible_units"].clone()
}

/// Task ids a `list tasks` run returns.
fn ids(list: &Value) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn a_reassignment_reads_back_everywhere() {
    let cli = Cli::new();
    let id = task_with_old_units(&cli);
    let id_s = id.to_string();
    assert_eq!(
        units_of(&cli.json(&["task", "show", &id_s])["task"]),
        json!(OLD)
    );

    cli.ok(&[
        "task",
        "assign",
        &id_s,
        "--responsible-units",
        &NEW.join("、"),
    ]);

    // The task itself.
    assert_eq!(
        units_of(&cli.json(&["task", "show", &id_s])["task"]),
        json!(NEW)
    );
    // The list.
    let all = cli.json(&["list", "tasks"]);
    let listed = all
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap();
    assert_eq!(units_of(listed), json!(NEW));
    // The filter, by each new unit and none of the old ones.
    for u in NEW {
        assert_eq!(ids(&cli.json(&["list", "tasks", "--unit", u])), [id], "{u}");
    }
    for u in OLD {
        assert!(
            ids(&cli.json(&["list", "tasks", "--unit", u])).is_empty(),
            "{u}"
        );
    }
    // The counts by unit: the lead unit and the new units, one task each.
    let stats = cli.json(&["stats"]);
    let by_unit: Vec<(&str, u64)> = stats["by_unit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["name"].as_str().unwrap(),
                u["tasks"]["total"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut names: Vec<&str> = by_unit.iter().map(|(n, _)| *n).collect();
    names.sort();
    let mut want = vec!["综合科", NEW[0], NEW[1]];
    want.sort();
    assert_eq!(names, want, "{by_unit:?}");
    assert!(by_unit.iter().all(|(_, n)| *n == 1), "{by_unit:?}");

    // The Excel ledger: the task's row, in the 责任单位 column.
    let xlsx = cli.dir.path().join("台账.xlsx");
    cli.ok(&["export", "ledger", "--out", xlsx.to_str().unwrap()]);
    assert_eq!(xlsx_units(&xlsx), NEW.join("、"));

    // The PDF ledger.
    let pdf = cli.dir.path().join("台账.pdf");
    cli.ok(&["export", "ledger", "--out", pdf.to_str().unwrap()]);
    let text = crate::pdf_cli::text(&pdf);
    assert!(text.contains(MEASURE), "{text}");
    for u in NEW {
        assert!(text.contains(u), "{u} missing from the PDF ledger:\n{text}");
    }
    for u in OLD {
        assert!(!text.contains(u), "old unit {u} in the PDF ledger:\n{text}");
    }
}

/// The 责任单位 cell of the task's row on the combined ledger sheet.
fn xlsx_units(path: &std::path::Path) -> String {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let sheet = wb.sheet_names()[0].clone();
    let r = wb.worksheet_range(&sheet).unwrap();
    let text = |row: usize, col: usize| match r.get((row, col)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    };
    let cols = r.width();
    let header = (0..r.height())
        .find(|&row| (0..cols).any(|c| text(row, c) == "责任单位"))
        .expect("a 责任单位 header");
    let col = (0..cols).find(|&c| text(header, c) == "责任单位").unwrap();
    let row = (header + 1..r.height())
        .find(|&row| (0..cols).any(|c| text(row, c) == MEASURE))
        .expect("the task's row");
    text(row, col)
}
