//! The documents through the CLI: `xuncha export feedback|report|weekly|ledger.pdf` and
//! `xuncha document`, read back with poppler.

use std::path::Path;
use std::process::Command;

use crate::common::Cli;

/// A PDF's text as one string, to search phrases in (shared by the document tests).
pub fn text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    // Lines are broken on the grid: join them to search phrases. The reader takes the fifth
    // of an em between Chinese and digits for a space: drop those too.
    String::from_utf8_lossy(&out.stdout).replace(['\n', '\u{c}', ' '], "")
}

/// The text of page `n` (from 1) as pdftotext lays it out, lines kept.
pub fn page_text(pdf: &Path, n: usize) -> String {
    let n = n.to_string();
    let out = Command::new("pdftotext")
        .args(["-f", &n, "-l", &n])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn pages_and_size(pdf: &Path) -> (u32, String) {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo");
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap()
        .trim()
        .to_owned();
    (pages, size)
}

#[test]
fn documents_export_with_edits_and_without_leads() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    cli.add(&[
        "lead",
        "add",
        "--person",
        "甲某",
        "--summary",
        "绝密线索内容甲乙丙",
    ]);
    let dir = cli.dir.path();
    let feedback = dir.join("反馈意见.pdf");
    cli.ok(&["export", "feedback", "--out", feedback.to_str().unwrap()]);
    let t = text(&feedback);
    assert!(t.contains("关于对区统计局党组巡察情况的反馈意见"), "{t}");
    assert!(t.contains("学习贯彻党的创新理论不够深入"));
    assert!(t.contains("三、意见建议"));
    assert!(
        !t.contains("绝密线索内容") && !t.contains("收受好处"),
        "a lead leaked into the feedback report"
    );
    let (pages, size) = pages_and_size(&feedback);
    assert!(pages >= 2);
    assert!(
        size.starts_with("595.") && size.contains("x 841."),
        "A4 portrait: {size}"
    );

    // Edit a paragraph: kept across regeneration, and in the PDF.
    let doc = cli.json(&["document", "show", "feedback"]);
    let overall = doc["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "overall")
        .expect("overall paragraph");
    assert!(overall.to_string().contains("巡察组认为"));
    cli.ok(&[
        "document",
        "edit",
        "feedback",
        "--id",
        "overall",
        "--text",
        "巡察组认为，该党组政治站位较高，修改后的总体评价。",
    ]);
    cli.add(&[
        "finding",
        "add",
        "--category",
        "1",
        "--title",
        "编辑之后新增的问题",
    ]);
    cli.ok(&["export", "feedback", "--out", feedback.to_str().unwrap()]);
    let t = text(&feedback);
    assert!(t.contains("修改后的总体评价"), "edit kept");
    assert!(
        t.contains("编辑之后新增的问题"),
        "regenerated from today's data"
    );
    let err = cli.fail(&[
        "document",
        "edit",
        "feedback",
        "--id",
        "no-such-paragraph",
        "--text",
        "x",
    ]);
    assert!(err.contains("没有编号为“no-such-paragraph”的段落"), "{err}");
    cli.ok(&["document", "reset", "feedback"]);
    cli.ok(&["export", "feedback", "--out", feedback.to_str().unwrap()]);
    assert!(!text(&feedback).contains("修改后的总体评价"));

    // The status report states the official counts.
    let report = dir.join("整改情况报告.pdf");
    cli.ok(&["export", "report", "--out", report.to_str().unwrap()]);
    let s = cli.json(&["stats"]);
    let t = text(&report);
    let total = s["findings"]["total"].as_i64().unwrap();
    assert!(t.contains(&format!("巡察反馈问题{total}个")), "{t}");
    assert!(
        t.contains(&format!("整改完成率{}%", s["findings"]["completion_rate"])),
        "{t}"
    );
    assert!(t.contains("王建国"), "the secretary signs");
    assert!(!t.contains("绝密线索内容"));

    // The weekly summary counts from the last one.
    let weekly = dir.join("周小结.pdf");
    cli.ok(&["export", "weekly", "--out", weekly.to_str().unwrap()]);
    let t = text(&weekly);
    assert!(t.contains("逾期事项"), "{t}");
    assert!(
        t.contains("2025年6月8日至2025年6月15日") || t.contains("本周"),
        "{t}"
    );
    // Made again the same day, as Word, it covers the same days (it once began the day after).
    let weekly_docx = dir.join("周小结.docx");
    cli.ok(&["export", "weekly", "--out", weekly_docx.to_str().unwrap()]);
    let xml = crate::docx::part(&std::fs::read(&weekly_docx).unwrap(), "word/document.xml");
    let words: String = xml
        .split('<')
        .filter_map(|tag| tag.split_once('>').map(|(_, text)| text))
        .collect();
    let period = |t: &str| {
        t.split_once("本周（")
            .map(|(_, r)| r.split('）').next().unwrap_or("").to_owned())
    };
    assert_eq!(period(&words), period(&t.replace('\n', "")), "{words}");
    assert!(period(&words).is_some_and(|p| p.contains("至")), "{words}");

    // The ledger picks PDF from the extension: landscape.
    let ledger = dir.join("台账.pdf");
    cli.ok(&[
        "export",
        "ledger",
        "--inspection",
        "1",
        "--out",
        ledger.to_str().unwrap(),
    ]);
    let (_, size) = pages_and_size(&ledger);
    assert!(
        size.starts_with("841.") && size.contains("x 595."),
        "A4 landscape: {size}"
    );
    let t = text(&ledger);
    assert!(t.contains("整改台账") && t.contains("责任分工"), "{t}");
    assert!(!t.contains("绝密线索内容"));

    // The 公开版 masks people's names, keeps units; also a person of the directory who is
    // only named in free text.
    cli.ok(&["directory", "add", "--kind", "person", "孙丽萍"]);
    cli.ok(&[
        "progress",
        "add",
        "--task",
        "1",
        "--text",
        "孙丽萍同志牵头完成自查",
    ]);
    let public = dir.join("台账公开版.pdf");
    cli.ok(&[
        "export",
        "ledger",
        "--public",
        "--inspection",
        "1",
        "--out",
        public.to_str().unwrap(),
    ]);
    let t = text(&public);
    assert!(t.contains("钱某某") && t.contains("财务科"), "{t}");
    assert!(
        !t.contains("钱卫东") && !t.contains("王建国") && !t.contains("孙丽萍"),
        "a name leaked into the public ledger: {t}"
    );
    assert!(t.contains("孙某某"), "{t}");
    let err = cli.fail(&[
        "export",
        "ledger",
        "--template",
        "x",
        "--out",
        public.to_str().unwrap(),
    ]);
    assert!(err.contains("不使用模板"), "{err}");
}
