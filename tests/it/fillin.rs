//! Fill-in workbooks (填报表) through the CLI: `xuncha fill-in export` read back (only the
//! unit's tasks; locked and unlocked cells from the xlsx XML; the very hidden signature
//! sheet), filled in by editing the cells inside the zip as Excel would save them, then
//! `fill-in import` previewed, applied, read back from `task show`, applied again (nothing
//! added), and refused when a locked cell, the signature, the inspection or the database
//! differs; a task changed after export is a conflict applied only when named.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use serde_json::Value;

use crate::common::Cli;

/// The fill-in columns as Excel letters (after the ten locked ledger columns).
pub(crate) const PROGRESS: &str = "K";
const STATUS: &str = "L";
const DATE: &str = "M";
const EVIDENCE: &str = "N";
/// 整改措施, a locked column.
pub(crate) const MEASURE: &str = "C";

fn export(cli: &Cli, unit: &str) -> PathBuf {
    let out = cli.dir.path().join(format!("{unit}填报.xlsx"));
    let r = cli.json(&[
        "fill-in",
        "export",
        "--unit",
        unit,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r[0]["unit"], unit);
    out
}

fn entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut e = zip.by_index(i).unwrap();
            let mut bytes = vec![];
            e.read_to_end(&mut bytes).unwrap();
            (e.name().unwrap().to_string(), bytes)
        })
        .collect()
}

fn part(path: &Path, name: &str) -> String {
    let (_, bytes) = entries(path).into_iter().find(|(n, _)| n == name).unwrap();
    String::from_utf8(bytes).unwrap()
}

/// Rewrites one part of the xlsx.
fn edit_part(path: &Path, name: &str, edit: impl FnOnce(String) -> String) {
    let all = entries(path);
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    let mut edit = Some(edit);
    for (n, bytes) in all {
        out.start_file(n.as_str(), options).unwrap();
        if n == name {
            let f = edit.take().unwrap();
            out.write_all(f(String::from_utf8(bytes).unwrap()).as_bytes())
                .unwrap();
        } else {
            out.write_all(&bytes).unwrap();
        }
    }
    out.finish().unwrap();
}

/// Replaces cell `at` of sheet `n` with `content` (`<v>…</v>`, or an inline string),
/// keeping its style: what Excel or WPS writes when the cell is typed into.
fn set_cell(path: &Path, sheet: u32, at: &str, value: Cell<'_>) {
    edit_part(path, &format!("xl/worksheets/sheet{sheet}.xml"), |xml| {
        let start = xml
            .find(&format!("<c r=\"{at}\""))
            .unwrap_or_else(|| panic!("no cell {at}"));
        let tag_end = start + xml[start..].find('>').unwrap();
        let end = if xml.as_bytes()[tag_end - 1] == b'/' {
            tag_end + 1
        } else {
            tag_end + xml[tag_end..].find("</c>").unwrap() + 4
        };
        let tag = &xml[start..tag_end];
        let style = tag
            .split(' ')
            .find(|a| a.starts_with("s=\""))
            .map(|s| format!(" {}", s.trim_end_matches('/')))
            .unwrap_or_default();
        let cell = match value {
            Cell::Text(t) => {
                format!("<c r=\"{at}\"{style} t=\"inlineStr\"><is><t>{t}</t></is></c>")
            }
            Cell::Number(n) => format!("<c r=\"{at}\"{style}><v>{n}</v></c>"),
        };
        format!("{}{cell}{}", &xml[..start], &xml[end..])
    });
}

enum Cell<'a> {
    Text(&'a str),
    Number(f64),
}

/// Types `t` into cell `at` of the unit's sheet (also used by the end-to-end run).
pub(crate) fn text(path: &Path, at: &str, t: &str) {
    set_cell(path, 1, at, Cell::Text(t));
}

fn import(cli: &Cli, file: &Path, more: &[&str]) -> Value {
    let mut args = vec!["fill-in", "import", file.to_str().unwrap()];
    args.extend_from_slice(more);
    cli.json(&args)
}

fn import_fails(cli: &Cli, file: &Path, more: &[&str]) -> String {
    let mut args = vec!["fill-in", "import", file.to_str().unwrap()];
    args.extend_from_slice(more);
    cli.fail(&args)
}

fn preview(cli: &Cli, file: &Path) -> Vec<Value> {
    import(cli, file, &["--dry-run"])
        .as_array()
        .unwrap()
        .clone()
}

fn show(cli: &Cli, task: i64) -> Value {
    cli.json(&["task", "show", &task.to_string()])
}

/// The first preview row whose task may move to 已完成 by a progress entry.
fn open_row(rows: &[Value]) -> &Value {
    rows.iter()
        .find(|r| ["not_started", "in_progress"].contains(&r["status_now"].as_str().unwrap()))
        .expect("the unit has an open task")
}

#[test]
fn export_holds_the_units_tasks_locked_but_for_the_fill_in_columns() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let file = export(&cli, "财务科");
    let want: Vec<Value> = cli
        .json(&["list", "tasks", "--unit", "财务科"])
        .as_array()
        .unwrap()
        .clone();
    assert!(!want.is_empty());

    let mut book: Xlsx<_> = calamine::open_workbook(&file).unwrap();
    assert_eq!(book.sheet_names(), ["填报表", "签名"]);
    let sheet = book.worksheet_range("填报表").unwrap();
    let header: Vec<String> = (0..15)
        .map(|c| sheet.get_value((3, c)).unwrap().to_string())
        .collect();
    assert_eq!(header[2], "整改措施");
    assert_eq!(
        &header[10..],
        ["本期进展", "状态", "完成日期", "佐证材料名称", "备注"]
    );
    let measures: Vec<String> = (4..)
        .map_while(|r| match sheet.get_value((r, 2)) {
            Some(Data::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    let mut expected: Vec<String> = want
        .iter()
        .map(|t| t["measure"].as_str().unwrap().to_owned())
        .collect();
    let mut got = measures.clone();
    expected.sort();
    got.sort();
    assert_eq!(got, expected, "exactly the unit's tasks");
    // 状态 is filled with the task's status label.
    let labels = ["未启动", "正在推进", "长期坚持", "已完成", "已销号"];
    assert!(labels.contains(&sheet.get_value((4, 11)).unwrap().to_string().as_str()));

    // Protection: the sheet is protected, the signature sheet very hidden, and in a task
    // row only K–O use a style whose protection is unlocked.
    let workbook = part(&file, "xl/workbook.xml");
    assert!(workbook.contains("name=\"签名\" sheetId=\"2\" state=\"veryHidden\""));
    let sheet1 = part(&file, "xl/worksheets/sheet1.xml");
    assert!(sheet1.contains("<sheetProtection sheet=\"1\""), "{sheet1}");
    let styles = part(&file, "xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    let unlocked: Vec<bool> = xfs
        .split("<xf ")
        .skip(1)
        .map(|xf| xf.contains("<protection locked=\"0\"/>"))
        .collect();
    for col in 'A'..='O' {
        let at = format!("<c r=\"{col}5\" s=\"");
        let s = &sheet1[sheet1.find(&at).unwrap() + at.len()..];
        let style: usize = s[..s.find('"').unwrap()].parse().unwrap();
        assert_eq!(unlocked[style], col >= 'K', "cell {col}5");
    }
    // The status drop-down offers what the rules allow from the task's status, never 已销号
    // for an open task.
    assert!(sheet1.contains("<dataValidation type=\"list\""));
    let l5 = &sheet1[sheet1.find("sqref=\"L5\"").unwrap()..];
    let formula = &l5[l5.find("<formula1>").unwrap()..l5.find("</formula1>").unwrap()];
    if sheet.get_value((4, 11)) != Some(&Data::String("已销号".into())) {
        assert!(!formula.contains("已销号"), "{formula}");
        assert!(formula.contains("已完成"), "{formula}");
    }
}

#[test]
fn a_filled_workbook_is_previewed_applied_once_and_read_back() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let file = export(&cli, "财务科");
    let before = preview(&cli, &file);
    assert!(
        before.iter().all(|r| r["change"] == "unchanged"),
        "{before:?}"
    );
    let done = open_row(&before).clone();
    let other = before
        .iter()
        .find(|r| r["no"] != done["no"])
        .unwrap()
        .clone();
    let row = |r: &Value| r["row"].as_u64().unwrap();
    let (a, b) = (row(&done), row(&other));
    text(
        &file,
        &format!("{PROGRESS}{a}"),
        "已修订财务报销管理办法并印发",
    );
    text(&file, &format!("{STATUS}{a}"), "已完成");
    // A date typed into a date cell: Excel stores the serial number (2025-06-10).
    set_cell(&file, 1, &format!("{DATE}{a}"), Cell::Number(45818.0));
    text(&file, &format!("{EVIDENCE}{a}"), "财务报销管理办法");
    text(&file, &format!("{PROGRESS}{b}"), "召开专题会议研究整改");

    let task = done["task_id"].as_i64().unwrap();
    let other_task = other["task_id"].as_i64().unwrap();
    let entries = |t| show(&cli, t)["progress"].as_array().unwrap().len();
    let (n_a, n_b) = (entries(task), entries(other_task));

    let rows = preview(&cli, &file);
    let of = |no: &Value| rows.iter().find(|r| r["no"] == *no).unwrap();
    let p = of(&done["no"]);
    assert_eq!(p["change"], "status_change");
    assert_eq!(p["status_to"], "completed");
    assert_eq!(p["entered_on"], "2025-06-10");
    assert_eq!(
        p["text"],
        "已修订财务报销管理办法并印发\n佐证材料名称：财务报销管理办法"
    );
    assert_eq!(of(&other["no"])["change"], "progress");
    let unchanged = rows.iter().filter(|r| r["change"] == "unchanged").count();
    assert_eq!(unchanged, rows.len() - 2);
    assert_eq!(entries(task), n_a, "a dry run writes nothing");

    let applied = import(&cli, &file, &[]);
    let mut want = vec![done["no"].clone(), other["no"].clone()];
    want.sort_by_key(|v| v.as_u64());
    assert_eq!(applied["applied"], Value::Array(want));
    let shown = show(&cli, task);
    assert_eq!(shown["task"]["status"], "completed");
    let last = shown["progress"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["text"], p["text"]);
    assert_eq!(last["by"], "财务科");
    assert_eq!(last["entered_on"], "2025-06-10");
    assert_eq!(last["status_after"], "completed");
    assert_eq!(entries(task), n_a + 1);
    assert_eq!(entries(other_task), n_b + 1);

    // The same workbook again adds nothing.
    let again = import(&cli, &file, &[]);
    assert_eq!(again["applied"], Value::Array(vec![]));
    let rows = again["rows"].as_array().unwrap();
    assert_eq!(rows.iter().filter(|r| r["change"] == "applied").count(), 2);
    assert_eq!(entries(task), n_a + 1);
    assert_eq!(entries(other_task), n_b + 1);
}

#[test]
fn a_changed_locked_cell_or_signature_is_refused_naming_what() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let file = export(&cli, "财务科");
    let rows = preview(&cli, &file);
    let r = open_row(&rows);
    let at = r["row"].as_u64().unwrap();
    let task = r["task_id"].as_i64().unwrap();
    let entries = show(&cli, task)["progress"].as_array().unwrap().len();
    text(&file, &format!("{PROGRESS}{at}"), "已整改");
    text(&file, &format!("{MEASURE}{at}"), "改过的整改措施");
    let err = import_fails(&cli, &file, &[]);
    assert!(
        err.contains(&format!("第 {at} 行（任务 {task}）的“整改措施”被改动过")),
        "{err}"
    );
    assert_eq!(
        show(&cli, task)["progress"].as_array().unwrap().len(),
        entries
    );

    // The hidden sheet's version of a task changed (to dodge a conflict): the signature.
    let file = export(&cli, "财务科");
    set_cell(&file, 2, "B3", Cell::Text("2099-01-01T00:00:00.000+08:00"));
    let err = import_fails(&cli, &file, &["--dry-run"]);
    assert!(err.contains("签名信息被改动过"), "{err}");
}

#[test]
fn a_workbook_of_another_inspection_or_database_is_refused() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let file = export(&cli, "财务科");
    let first = cli.json(&["inspection", "list"])[0]["id"].as_i64().unwrap();
    let second = cli.add(&[
        "inspection",
        "add",
        "--team",
        "区委第五巡察组",
        "--inspected-org",
        "区审计局党组",
    ]);
    assert_ne!(first, second);
    let err = import_fails(&cli, &file, &["--inspection", &second.to_string()]);
    assert!(err.contains("是另一次巡察"), "{err}");
    import(
        &cli,
        &file,
        &["--dry-run", "--inspection", &first.to_string()],
    );

    let elsewhere = Cli::new();
    elsewhere.ok(&["demo"]);
    let err = import_fails(&elsewhere, &file, &[]);
    assert!(err.contains("还没有导出过填报表"), "{err}");
    export(&elsewhere, "办公室");
    let err = import_fails(&elsewhere, &file, &[]);
    assert!(err.contains("不是本台账（本数据库）导出的填报表"), "{err}");
}

#[test]
fn a_task_changed_after_export_is_a_conflict_applied_only_when_named() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let file = export(&cli, "财务科");
    let rows = preview(&cli, &file);
    let r = open_row(&rows).clone();
    let at = r["row"].as_u64().unwrap();
    let task = r["task_id"].as_i64().unwrap();
    text(&file, &format!("{PROGRESS}{at}"), "完成自查");
    cli.ok(&[
        "task",
        "edit",
        &task.to_string(),
        "--goal",
        "导出后改过的整改目标",
    ]);

    let rows = preview(&cli, &file);
    let p = rows.iter().find(|p| p["no"] == r["no"]).unwrap();
    assert_eq!(p["change"], "conflict");
    assert!(p["message"].as_str().unwrap().contains("已有改动"), "{p}");
    let entries = |t| show(&cli, t)["progress"].as_array().unwrap().len();
    let n = entries(task);
    let all = import(&cli, &file, &[]);
    assert_eq!(
        all["applied"],
        Value::Array(vec![]),
        "a conflict is never applied by all"
    );
    assert_eq!(entries(task), n);
    let no = r["no"].to_string();
    let named = import(&cli, &file, &["--accept", &no]);
    assert_eq!(named["applied"], Value::Array(vec![r["no"].clone()]));
    assert_eq!(entries(task), n + 1);
    let bad = import_fails(&cli, &file, &["--accept", "99"]);
    assert!(bad.contains("没有第 99 项"), "{bad}");
}
