//! 督办 letters through the CLI: `xuncha export supervision` read back (the PDF's text in
//! order and its pages, the Word XML), the register (`letter list|void`, `task show`, the
//! board), and numbers never given twice: not when exporting again, not when reissuing,
//! not after a letter is voided or removed.

use std::collections::HashSet;

use serde_json::Value;

use crate::common::Cli;
use crate::docx::part;
use crate::pdf_cli::{page_text, pages_and_size, text};

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
            "区统计局党组巡察整改工作领导小组办公室".to_owned(),
            number.to_owned(),
            title.to_owned(),
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
    // A4 portrait; each letter numbers its pages from 2 (信函格式: the first page bears no
    // number), its receipt on a page of its own.
    let (pages, size) = pages_and_size(&pdf);
    assert!(
        size.starts_with("595.") && size.contains("x 841."),
        "{size}"
    );
    assert!(pages as usize >= 2 * letters.len());
    assert_eq!(t.matches("—1—").count(), 0, "{t}");
    assert_eq!(t.matches("—2—").count(), letters.len(), "{t}");

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

/// The words on page `n` with their boxes, as `pdftotext -bbox` gives them: (text, xMin,
/// yMin, xMax) in points from the top left.
fn words(pdf: &std::path::Path, n: usize) -> Vec<(String, f32, f32, f32)> {
    let n = n.to_string();
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |w: &str, a: &str| -> f32 {
        let at = w.find(&format!("{a}=\"")).unwrap() + a.len() + 2;
        w[at..at + w[at..].find('"').unwrap()].parse().unwrap()
    };
    html.split("<word ")
        .skip(1)
        .map(|w| {
            let text = &w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()];
            (
                text.to_owned(),
                attr(w, "xMin"),
                attr(w, "yMin"),
                attr(w, "xMax"),
            )
        })
        .collect()
}

#[test]
fn letters_are_set_in_the_letter_format() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let dir = cli.dir.path();
    // The mark, 密级 and 紧急程度 come from the letterhead settings; 抄送 and 签发人 do not
    // apply to letters (no 版记, no 签发人).
    cli.ok(&[
        "letterhead",
        "supervision",
        "--issuer-mark",
        "中共区统计局党组巡察整改办",
        "--urgency",
        "特急",
        "--cc",
        "区委巡察办",
        "--signer",
        "王五",
    ]);
    let pdf = dir.join("l.pdf");
    export(&cli, &pdf, &[]);
    let first = register(&cli)[0]["number_text"]
        .as_str()
        .unwrap()
        .to_owned();
    let page = page_text(&pdf, 1);
    assert!(!page.contains("抄送") && !page.contains("签发人"), "{page}");
    assert!(
        !page.contains('—'),
        "no page number on a letter's first page: {page}"
    );
    let w = words(&pdf, 1);
    let find = |t: &str| {
        w.iter()
            .find(|x| x.0 == t)
            .unwrap_or_else(|| panic!("{t} in {w:?}"))
            .clone()
    };
    let mm = |v: f32| v * 72.0 / 25.4;
    // The mark: its top 30 mm from the page's top, above the type area (37 mm).
    let mark = find("中共区统计局党组巡察整改办");
    assert!(mark.2 > mm(29.0) && mark.2 < mm(33.0), "{mark:?}");
    // The number flush right with the type area (28 + 156 mm), 特急 flush left, on one line
    // under the mark; the title below them.
    let no = find(&first);
    assert!((no.3 - mm(184.0)).abs() < 1.0, "{no:?}");
    let urgent = find("特急");
    assert!((urgent.1 - mm(28.0)).abs() < 1.0, "{urgent:?}");
    assert!(
        (urgent.2 - no.2).abs() < 1.0 && no.2 > mark.2 + 20.0,
        "{no:?} {mark:?}"
    );
    let title = w.iter().find(|x| x.0.starts_with("巡察整改")).unwrap();
    assert!(title.2 > no.2 + 40.0, "two lines between: {title:?} {no:?}");

    // Word: the same 版头, and each letter a section numbered from 1, its first page without
    // a number (a first-page footer holding only the lower double rule).
    let docx = dir.join("l.docx");
    export(&cli, &docx, &[]);
    let bytes = std::fs::read(&docx).unwrap();
    let xml = part(&bytes, "word/document.xml");
    let n = register(&cli).len();
    let sections: Vec<&str> = xml
        .split("<w:sectPr>")
        .skip(1)
        .map(|s| &s[..s.find("</w:sectPr>").unwrap()])
        .collect();
    assert_eq!(sections.len(), n, "one section a letter");
    for s in &sections {
        assert!(s.contains(r#"<w:pgNumType w:start="1" />"#), "{s}");
        assert!(s.contains("<w:titlePg />"), "{s}");
        assert!(s.contains(r#"w:type="first""#), "{s}");
    }
    let mark_at = xml.find(">中共区统计局党组巡察整改办<").unwrap();
    let para = &xml[xml[..mark_at].rfind("<w:p ").unwrap()..mark_at];
    assert!(para.contains(r#"<w:color w:val="FF0000""#), "{para}");
    assert!(para.contains("thickThinSmallGap"), "{para}");
    let no_at = xml.find(&format!(">{first}<")).unwrap();
    let para = &xml[xml[..no_at].rfind("<w:p ").unwrap()..no_at];
    assert!(
        para.contains(r#"w:val="right""#) && para.contains(">特急<"),
        "{para}"
    );
    assert!(!xml.contains("抄送"));
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    let first_footer = sections[0]
        .split(r#"w:type="first" r:id=""#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap();
    let target = rels
        .split("<Relationship ")
        .find(|r| r.contains(&format!(r#"Id="{first_footer}""#)))
        .and_then(|r| r.split(r#"Target=""#).nth(1))
        .and_then(|s| s.split('"').next())
        .unwrap();
    let footer = part(&bytes, &format!("word/{target}"));
    assert!(!footer.contains("PAGE"), "{footer}");
    assert!(footer.contains("thinThickSmallGap"), "{footer}");
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

#[test]
fn a_letters_paragraphs_are_edited_and_kept_when_printed_again() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let dir = cli.dir.path();
    let pdf = dir.join("督办函件.pdf");
    export(&cli, &pdf, &[]);
    let first = register(&cli)[0]["id"].as_i64().unwrap();
    // Every letter in force is one document to edit, its paragraphs named by letter.
    let doc = cli.json(&["document", "show", "supervision"]);
    let ids: Vec<String> = doc["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["id"].as_str().map(str::to_owned))
        .collect();
    let requirement = format!("letter-{first}-requirement");
    assert!(ids.contains(&requirement), "{ids:?}");
    assert_eq!(
        ids.len(),
        ids.iter().collect::<HashSet<_>>().len(),
        "ids unique"
    );
    let edited = "整改要求：请于本周内召开专题会议研究推进，确保按期完成。";
    cli.ok(&[
        "document",
        "edit",
        "supervision",
        "--id",
        &requirement,
        "--text",
        edited,
    ]);
    // Printed again (same letters, same numbers): the edit is in its letter, once.
    let again = dir.join("再次.pdf");
    let r = export(&cli, &again, &[]);
    assert_eq!(r["letters_issued"], 0);
    assert_eq!(
        text(&again).matches("本周内召开专题会议研究推进").count(),
        1
    );
    let docx = dir.join("督办函件.docx");
    export(&cli, &docx, &[]);
    let bytes = std::fs::read(&docx).unwrap();
    assert!(part(&bytes, "word/document.xml").contains("本周内召开专题会议研究推进"));
    // A letter issued anew is drafted afresh; reset drops the edit.
    let reissued = dir.join("重发.pdf");
    export(&cli, &reissued, &["--reissue"]);
    assert!(!text(&reissued).contains("本周内召开专题会议研究推进"));
    cli.ok(&["document", "reset", "supervision"]);
    let err = cli.fail(&[
        "document",
        "edit",
        "supervision",
        "--id",
        "letter-999-x",
        "--text",
        "x",
    ]);
    assert!(err.contains("没有编号为“letter-999-x”的段落"), "{err}");
}
