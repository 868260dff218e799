//! 销号 dossiers through the CLI: `xuncha export closeout` for one task and for every closed
//! task, read back (the PDF's text in order and its pages, the Word XML).

use serde_json::Value;

use crate::common::Cli;
use crate::docx::part;
use crate::pdf_cli::{page_text, pages_and_size, text};

/// The PDF's text in the order it was written (pdftotext -raw): a table's cells row by
/// row, left to right, whatever their heights.
fn raw_text(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).replace(['\n', '\u{c}', '\u{3000}', ' '], "")
}

fn in_order(text: &str, parts: &[String]) {
    let mut at = 0;
    for p in parts {
        let found = text[at..]
            .find(p.as_str())
            .unwrap_or_else(|| panic!("“{p}” not found after byte {at} in {text}"));
        at += found + p.len();
    }
}

fn closed_tasks(cli: &Cli) -> Vec<Value> {
    cli.json(&["list", "tasks", "--status", "closed"])
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn one_task_dossier_reads_back_in_order() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let dir = cli.dir.path();
    let task = closed_tasks(&cli)[0]["id"].as_i64().unwrap().to_string();
    let detail = cli.json(&["task", "show", &task]);
    let evidence = detail["evidence"].as_array().unwrap();
    assert!(!evidence.is_empty());
    let review = detail["close_outs"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();

    let pdf = dir.join("销号材料.pdf");
    let r = cli.json(&[
        "export",
        "closeout",
        "--task",
        &task,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(r["dossiers"], 1);
    let t = raw_text(&pdf);
    let mut want: Vec<String> = vec![
        "整改销号申请审批表".into(),
        "反馈问题".into(),
        detail["finding"]["number"].as_str().unwrap().into(),
        "整改措施".into(),
        detail["task"]["measure"].as_str().unwrap().into(),
        "整改结果".into(),
        format!("共{}份", evidence.len()),
        // The boxes in the order they are signed: the request, the leader in charge (no
        // record: room to sign), the principal, the acceptance with its recorded review.
        "责任单位意见".into(),
        "申请销号".into(),
        "分管领导意见".into(),
        "签字：年月日".into(),
        "主要负责人意见".into(),
        "签字：年月日".into(),
        "巡察办/巡察组验收意见".into(),
        review["verdict"].as_str().unwrap().into(),
        review["approvers"][0].as_str().unwrap().into(),
        "佐证材料目录".into(),
        "序号材料名称文号/日期类型页码备注".into(),
    ];
    for (k, e) in evidence.iter().enumerate() {
        let name = e["file_name"].as_str().unwrap();
        want.push(format!("{}{}", k + 1, name.rsplit_once('.').unwrap().0));
    }
    in_order(&t, &want);
    let (pages, size) = pages_and_size(&pdf);
    assert!(
        size.starts_with("595.") && size.contains("x 841."),
        "{size}"
    );
    assert_eq!(pages, 2, "the form on one page, the list on the next");

    let docx = dir.join("销号材料.docx");
    cli.ok(&[
        "export",
        "closeout",
        "--task",
        &task,
        "--out",
        docx.to_str().unwrap(),
    ]);
    let xml = part(&std::fs::read(&docx).unwrap(), "word/document.xml");
    let labels: Vec<String> = [
        "整改销号申请审批表",
        "责任单位意见",
        "分管领导意见",
        "主要负责人意见",
        "巡察办/巡察组验收意见",
        "佐证材料目录",
        "文号/日期",
    ]
    .iter()
    .map(|s| format!(">{s}<"))
    .collect();
    in_order(&xml, &labels);
    assert!(
        xml.contains("<w:tblHeader"),
        "the list's header row repeats"
    );
}

#[test]
fn the_batch_holds_every_closed_task_and_open_tasks_are_refused() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let dir = cli.dir.path();
    let closed = closed_tasks(&cli);
    let pdf = dir.join("全部销号材料.pdf");
    let r = cli.json(&["export", "closeout", "--out", pdf.to_str().unwrap()]);
    assert_eq!(r["dossiers"], closed.len());
    let t = text(&pdf);
    let measures: Vec<String> = closed
        .iter()
        .map(|c| c["measure"].as_str().unwrap().to_owned())
        .collect();
    in_order(&t.replace(['\u{3000}', ' '], ""), &measures);
    assert_eq!(t.matches("整改销号申请审批表").count(), closed.len());
    // Each dossier numbers its pages from 1.
    assert_eq!(
        t.matches("— 1 —").count() + t.matches("—1—").count(),
        closed.len()
    );
    // So does Word: each dossier a section of its own, numbered from 1.
    let docx = dir.join("全部销号材料.docx");
    cli.ok(&["export", "closeout", "--out", docx.to_str().unwrap()]);
    let xml = part(&std::fs::read(&docx).unwrap(), "word/document.xml");
    let sections: Vec<&str> = xml.split("<w:sectPr>").skip(1).collect();
    assert_eq!(sections.len(), closed.len(), "one section a dossier");
    for s in &sections {
        let s = &s[..s.find("</w:sectPr>").unwrap()];
        assert!(s.contains(r#"<w:pgNumType w:start="1" />"#), "{s}");
        assert!(
            !s.contains("titlePg"),
            "a dossier's first page is numbered: {s}"
        );
    }
    // Each section ends after its dossier's last table: the next title opens a section.
    let starts: Vec<usize> = xml
        .match_indices(">整改销号申请审批表<")
        .map(|(i, _)| i)
        .collect();
    let breaks: Vec<usize> = xml.match_indices("<w:sectPr>").map(|(i, _)| i).collect();
    for (k, b) in breaks.iter().enumerate().take(closed.len() - 1) {
        assert!(
            starts[k] < *b && *b < starts[k + 1],
            "section {k} holds one dossier"
        );
    }

    let open = cli.json(&["list", "tasks", "--status", "not_started"]);
    let open = open[0]["id"].as_i64().unwrap().to_string();
    let err = cli.fail(&[
        "export",
        "closeout",
        "--task",
        &open,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(err.contains("还没有提请销号"), "{err}");
    let err = cli.fail(&[
        "export",
        "closeout",
        "--task",
        "99999",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(!err.is_empty());
}

/// The text of page `n` of a PDF.

#[test]
fn evidence_is_appended_where_the_list_says() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let dir = cli.dir.path();
    // Evidence as units scan it: a PDF of several pages and a JPEG photo.
    let scan = dir.join("整改报告.pdf");
    cli.ok(&["export", "feedback", "--out", scan.to_str().unwrap()]);
    let (scan_pages, _) = pages_and_size(&scan);
    assert!(scan_pages >= 2);
    let ok = std::process::Command::new("pdftoppm")
        .args(["-jpeg", "-r", "20", "-f", "1", "-l", "1"])
        .arg(&scan)
        .arg(dir.join("现场照片"))
        .status()
        .unwrap();
    assert!(ok.success());
    let photo = dir.join("现场照片-1.jpg");
    let task = closed_tasks(&cli)[0]["id"].as_i64().unwrap().to_string();
    cli.ok(&[
        "progress",
        "add",
        "--task",
        &task,
        "--text",
        "补充佐证材料",
        "--evidence",
        scan.to_str().unwrap(),
        "--evidence",
        photo.to_str().unwrap(),
    ]);
    let evidence = cli.json(&["task", "show", &task])["evidence"]
        .as_array()
        .unwrap()
        .clone();

    let pdf = dir.join("销号材料（含佐证）.pdf");
    cli.ok(&[
        "export",
        "closeout",
        "--task",
        &task,
        "--with-evidence",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    // Each file that can be printed starts where the list says; the others are named.
    let list = raw_text(&pdf);
    let mut next = 3; // the form, then the list
    let mut expected_pages = 2;
    for (k, e) in evidence.iter().enumerate() {
        let name = e["file_name"].as_str().unwrap();
        let stem = name.rsplit_once('.').unwrap().0;
        let pages = match name.rsplit_once('.').unwrap().1 {
            "pdf" => scan_pages as usize,
            "png" | "jpg" => 1,
            _ => 0,
        };
        let row = format!("{}{stem}", k + 1);
        let at = list.find(&row).unwrap_or_else(|| panic!("{row} in {list}"));
        let rest = &list[at..];
        if pages == 0 {
            assert!(rest.contains("未并入，请另行打印"), "{rest}");
            continue;
        }
        let range = if pages == 1 {
            next.to_string()
        } else {
            format!("{next}-{}", next + pages - 1)
        };
        assert!(rest.contains(&range), "{stem}: {range} in {rest}");
        if name.ends_with(".pdf") {
            assert!(page_text(&pdf, next).contains("反馈意见"), "page {next}");
        }
        next += pages;
        expected_pages += pages;
    }
    let (pages, _) = pages_and_size(&pdf);
    assert_eq!(pages as usize, expected_pages);
    assert!(page_text(&pdf, 1).contains("整改销号申请审批表"));

    let docx = dir.join("销号材料.docx");
    let err = cli.fail(&[
        "export",
        "closeout",
        "--task",
        &task,
        "--with-evidence",
        "--out",
        docx.to_str().unwrap(),
    ]);
    assert!(err.contains("佐证材料只能并入 PDF"), "{err}");
}

#[test]
fn a_dossiers_result_is_edited_and_kept_when_printed_again() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let dir = cli.dir.path();
    let task = closed_tasks(&cli)[0]["id"].as_i64().unwrap();
    // Every task with a dossier has its 整改结果 in one document to edit.
    let doc = cli.json(&["document", "show", "closeout"]);
    let ids: Vec<&str> = doc["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["id"].as_str())
        .collect();
    let id = format!("dossier-{task}-result");
    assert!(ids.contains(&id.as_str()), "{ids:?}");
    let open = cli.json(&["list", "tasks", "--status", "not_started"]);
    let open = open.as_array().unwrap()[0]["id"].as_i64().unwrap();
    assert!(!ids.contains(&format!("dossier-{open}-result").as_str()));
    let edited = "经复核，整改措施全部落实到位，制度已印发执行，台账资料完整。";
    cli.ok(&[
        "document", "edit", "closeout", "--id", &id, "--text", edited,
    ]);
    // One task's dossier and the batch both carry the edit, in PDF and Word alike.
    let task = task.to_string();
    let one = dir.join("一项.pdf");
    cli.ok(&[
        "export",
        "closeout",
        "--task",
        &task,
        "--out",
        one.to_str().unwrap(),
    ]);
    assert!(raw_text(&one).contains(edited), "{}", raw_text(&one));
    let all = dir.join("全部.docx");
    cli.ok(&["export", "closeout", "--out", all.to_str().unwrap()]);
    let bytes = std::fs::read(&all).unwrap();
    assert_eq!(
        part(&bytes, "word/document.xml")
            .matches("台账资料完整")
            .count(),
        1
    );
    // A dossier has no 版头 to set; reset drafts the result afresh.
    let err = cli.fail(&["letterhead", "closeout", "--doc-no", "x"]);
    assert!(err.contains("没有版头和版记"), "{err}");
    cli.ok(&["document", "reset", "closeout"]);
    cli.ok(&[
        "export",
        "closeout",
        "--task",
        &task,
        "--out",
        one.to_str().unwrap(),
    ]);
    assert!(!raw_text(&one).contains(edited));
}
