//! 督办 letters through the CLI: `xuncha export supervision` read back (the PDF's text in
//! order and its pages, the Word XML), the register (`letter list|void`, `task show`, the
//! board), and numbers never given twice: not when exporting again, not when reissuing,
//! not after a letter is voided or removed.

use std::collections::HashSet;

use serde_json::Value;

use crate::common::Cli;
use crate::docx::part;
use crate::pdf_cli::{pages_and_size, text};

fn export(cli: &Cli, out: &std::path::Path, more: &[&str]) -> Value {
    let mut args = vec!["export", "supervision", "--out", out.to_str().unwrap()];
    args.extend_from_slice(more);
    cli.json(&args)
}

fn register(cli: &Cli) -> Vec<Value> {
    cli.json(&["letter", "list"]).as_array().unwrap().clone()
}

fn numbers(letters: &[Value]) -> Vec<String> {
    letters
        .iter()
        .map(|l| l["number_text"].as_str().unwrap().to_owned())
        .collect()
}

/// Asserts `parts` occur in `text` in this order.
fn in_order(text: &str, parts: &[String]) {
    let mut at = 0;
    for p in parts {
        let found = text[at..]
            .find(p.as_str())
            .unwrap_or_else(|| panic!("“{p}” not found after byte {at} in {text}"));
        at += found + p.len();
    }
}

#[test]
fn letters_per_colour_read_back_in_order_and_numbers_are_never_reused() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let dir = cli.dir.path();
    let board = cli.json(&["list", "board"]);
    let warned: Vec<&Value> = board
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["task"]["warning"].is_null())
        .collect();
    assert!(warned.len() >= 3, "the demo has tasks in every colour");

    let pdf = dir.join("督办函件.pdf");
    let r = export(&cli, &pdf, &[]);
    assert_eq!(r["letters"], warned.len());
    assert_eq!(r["letters_issued"], warned.len());
    let letters = register(&cli);
    assert_eq!(
        numbers(&letters),
        (1..=warned.len())
            .map(|n| format!("〔2025〕{n}号"))
            .collect::<Vec<_>>()
    );

    // Each colour its letter, to its people.
    let secretary = cli
        .column("SELECT org_secretary FROM inspections")
        .remove(0);
    let mut kinds = HashSet::new();
    let t = text(&pdf);
    let mut expected = Vec::new();
    for l in &letters {
        let task = l["task_id"].as_i64().unwrap();
        let row = warned
            .iter()
            .find(|r| r["task"]["id"] == task)
            .expect("a letter for a task in a warning state");
        let (kind, colour) = (
            l["kind"].as_str().unwrap(),
            row["task"]["warning"].as_str().unwrap(),
        );
        kinds.insert(kind.to_owned());
        let a = &row["task"];
        let (title, to) = match (kind, colour) {
            ("warning", "green") => (
                "巡察整改预警函",
                format!("{}同志：", a["responsible_person"].as_str().unwrap()),
            ),
            ("reminder", "yellow") => (
                "巡察整改提醒函",
                format!(
                    "{}同志、{}同志：",
                    a["responsible_leader"].as_str().unwrap(),
                    a["responsible_person"].as_str().unwrap()
                ),
            ),
            ("notice", "red") => (
                "巡察整改督办通知书",
                format!("{}、{secretary}同志：", a["lead_unit"].as_str().unwrap()),
            ),
            other => panic!("wrong letter for the colour: {other:?}"),
        };
        let days = a["days_left"].as_i64().unwrap();
        let number = l["number_text"].as_str().unwrap();
        expected.extend([
            title.to_owned(),
            number.to_owned(),
            to,
            format!("反馈问题{}：", row["finding_number"].as_str().unwrap()),
            format!("整改措施：{}", a["measure"].as_str().unwrap()),
            format!("原定整改时限：{}", a["deadline_text"].as_str().unwrap()),
            if days < 0 {
                format!("已逾期{}天", -days)
            } else {
                format!("还有{days}天")
            },
            "整改要求：".to_owned(),
            "回复期限：请于2025年6月20日前".to_owned(),
            "区统计局党组巡察整改工作领导小组办公室".to_owned(),
            "2025年6月15日".to_owned(),
            number.to_owned(),
            format!("{title}回执"),
            format!("{title}（{number}）已收悉"),
            "签收人（签字）：".to_owned(),
        ]);
    }
    in_order(&t, &expected);
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    // A4 portrait; each letter on one page, its receipt on the next.
    let (pages, size) = pages_and_size(&pdf);
    assert!(
        size.starts_with("595.") && size.contains("x 841."),
        "{size}"
    );
    assert_eq!(pages as usize, 2 * letters.len());

    // Exporting again issues nothing: the same letters with the same numbers.
    let again = dir.join("again.pdf");
    let r = export(&cli, &again, &[]);
    assert_eq!(r["letters_issued"], 0);
    assert_eq!(text(&again), t);
    assert_eq!(register(&cli).len(), letters.len());

    // Word: the same letters, in order.
    let docx = dir.join("督办函件.docx");
    let r = export(&cli, &docx, &[]);
    assert_eq!(r["letters_issued"], 0);
    let xml = part(&std::fs::read(&docx).unwrap(), "word/document.xml");
    let words: Vec<String> = letters
        .iter()
        .flat_map(|l| {
            let n = l["number_text"].as_str().unwrap();
            [n.to_owned(), format!("{n}）已收悉")]
        })
        .collect();
    in_order(&xml, &words);

    // Voided: that task gets a new letter with the next number, never the voided one.
    let first = letters[0]["id"].as_i64().unwrap().to_string();
    let out = cli.ok(&["letter", "void", &first, "--reason", "送达对象有误"]);
    assert!(out.contains("已作废"), "{out}");
    let r = export(&cli, &dir.join("after-void.pdf"), &[]);
    assert_eq!(r["letters_issued"], 1);
    let after = register(&cli);
    let last = after.last().unwrap();
    assert_eq!(last["task_id"], letters[0]["task_id"]);
    assert_eq!(
        last["number_text"],
        format!("〔2025〕{}号", letters.len() + 1)
    );

    // A letter removed from the register behind the app's back frees no number.
    cli.conn()
        .execute(
            "DELETE FROM supervision_letters WHERE id = ?1",
            [last["id"].as_i64().unwrap()],
        )
        .unwrap();
    let r = export(&cli, &dir.join("after-delete.pdf"), &["--reissue"]);
    assert_eq!(r["letters_issued"], warned.len());
    let all = numbers(&register(&cli));
    let unique: HashSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "a number was given twice: {all:?}");
    assert!(!all.contains(&format!("〔2025〕{}号", letters.len() + 1)));
    assert_eq!(
        all.last().unwrap(),
        &format!("〔2025〕{}号", letters.len() + 1 + warned.len())
    );

    // The task shows its letters, the board its last one.
    let task_id = letters[0]["task_id"].as_i64().unwrap();
    let task = task_id.to_string();
    let shown = cli.ok(&["task", "show", &task]);
    let voided_line = shown
        .lines()
        .find(|l| l.contains(&numbers(&letters)[0]))
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(
        voided_line.contains("（2025年6月15日作废：送达对象有误）"),
        "{shown}"
    );
    let board = cli.json(&["list", "board"]);
    let row = board
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["task"]["id"] == task_id)
        .unwrap();
    let latest = register(&cli)
        .into_iter()
        .rfind(|l| l["task_id"] == task_id && l["voided_on"].is_null())
        .unwrap();
    assert_eq!(row["letter"]["number_text"], latest["number_text"]);
    assert!(
        latest["number_text"].as_str().unwrap() > numbers(&letters)[0].as_str(),
        "the board shows the letter in force, not the voided one"
    );
}

#[test]
fn refusals_name_the_field() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let out = cli.dir.path().join("l.xlsx");
    let err = cli.fail(&["export", "supervision", "--out", out.to_str().unwrap()]);
    assert!(err.contains("督办函件不能导出为“.xlsx”的文件"), "{err}");
    let err = cli.fail(&["letter", "void", "999", "--reason", "x"]);
    assert!(err.contains("没有编号为 999 的督办函件"), "{err}");
    let pdf = cli.dir.path().join("l.pdf");
    cli.ok(&["export", "supervision", "--out", pdf.to_str().unwrap()]);
    let err = cli.fail(&["letter", "void", "1", "--reason", " "]);
    assert!(err.contains("作废原因不能为空"), "{err}");
    let err = cli.fail(&[
        "export",
        "ledger",
        "--out",
        pdf.to_str().unwrap(),
        "--reissue",
    ]);
    assert!(!err.is_empty());
}
