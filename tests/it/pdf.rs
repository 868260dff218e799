//! PDF exports read back with poppler-utils (pdfinfo, pdffonts, pdftotext): page size and
//! count, embedded subset fonts with ToUnicode, the text in order (rare characters
//! included), GB/T 9704 positions within 1 mm, page numbers, and line-breaking rules.
//! The CLI's own export tests are in `pdf_cli.rs`.

// Test helpers panic on purpose: a failed read-back is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::Duration;
use xuncha::export::pdf::{ledger_pdf, render, write_to};
use xuncha::report::data::LedgerData;
use xuncha::report::feedback::feedback_report;
use xuncha::report::public::Edition;
use xuncha::report::sample::{ledger as sample, Tasks};
use xuncha::report::status_report::{counts, status_report};
use xuncha::report::weekly::weekly_summary;

const MM: f64 = 72.0 / 25.4;

fn tool(name: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(file)
        .args(if name == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{name} not runnable (install poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn save(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    write_to(&path, bytes).unwrap();
    path
}

fn data_with_rare_names() -> LedgerData {
    let mut data = sample(24, Tasks::Each(2)).unwrap();
    data.findings[0].manifestation = format!(
        "孙𠀾、张犇、刘昇、陈赟、赵玥同志负责的工作中，{}",
        data.findings[0].manifestation
    );
    data
}

/// Pages, and the page size in points.
fn info(path: &Path) -> (usize, f64, f64) {
    let text = tool("pdfinfo", &[], path);
    let pages = text
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let size: Vec<f64> = text
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap()
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (pages, size[0], size[1])
}

/// Every font is embedded, subset and has a ToUnicode map.
fn assert_fonts_subset(path: &Path) {
    let text = tool("pdffonts", &[], path);
    let rows: Vec<&str> = text.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{text}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        // … emb sub uni object ID
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{row}");
        assert!(row.contains('+'), "subset fonts carry a tag: {row}");
    }
}

/// A word and its box: text, xMin, yMin, xMax, yMax (points from the top left).
pub(super) type Word = (String, f64, f64, f64, f64);

/// Words with their boxes, per page.
pub(super) fn words(path: &Path) -> Vec<Vec<Word>> {
    let html = tool("pdftotext", &["-bbox"], path);
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let mut ws = Vec::new();
        for w in page.split("<word ").skip(1) {
            let attr = |k: &str| -> f64 {
                let at = w.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
                w[at..].split('"').next().unwrap().parse().unwrap()
            };
            let text = w
                .split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_owned();
            ws.push((text, attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax")));
        }
        pages.push(ws);
    }
    pages
}

fn close_mm(actual_pt: f64, want_mm: f64, what: &str) {
    let got = actual_pt / MM;
    assert!(
        (got - want_mm).abs() <= 1.0,
        "{what}: {got:.2} mm, want {want_mm} mm ± 1"
    );
}

fn assert_line_rules(text: &str) {
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let first = line.chars().next().unwrap();
        assert!(
            !"，。、；：？！）》”".contains(first),
            "line starts with {first}: {line}"
        );
        let last = line.chars().last().unwrap();
        assert!(!"（《“".contains(last), "line ends with {last}: {line}");
    }
}

#[test]
fn feedback_report_reads_back_in_gb_9704_format() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_rare_names();
    let doc = feedback_report(&data);
    let path = save(&dir, "反馈意见.pdf", &render(&doc).unwrap());

    let (pages, w, h) = info(&path);
    assert!(
        (w - 595.28).abs() < 0.5 && (h - 841.89).abs() < 0.5,
        "A4 portrait: {w}×{h}"
    );
    assert!(pages >= 5, "{pages}");
    assert_fonts_subset(&path);
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(
        size < 1_000_000,
        "subset fonts keep the file small: {size} bytes"
    );

    // Text in reading order, rare characters included (per-character fallback).
    let text = tool("pdftotext", &[], &path);
    let joined: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut at = 0;
    for piece in [
        "关于对区委统战部党组巡察情况的反馈意见",
        "区委统战部党组：",
        "一、总体评价",
        "二、巡察发现的主要问题",
        "孙𠀾、张犇、刘昇、陈赟、赵玥同志",
        "王堃、李喆同志",
        "三、意见建议",
        "区委第三巡察组",
        "2025年5月20日",
    ] {
        let found = joined[at..]
            .find(piece)
            .unwrap_or_else(|| panic!("{piece} missing or out of order"));
        at += found + piece.len();
    }
    assert!(!joined.contains("线索"));
    assert_line_rules(&text);

    // Positions against GB/T 9704 (poppler's boxes start 0.08 em above the em box).
    let pages_words = words(&path);
    assert_eq!(pages_words.len(), pages);
    let first = &pages_words[0];
    let title = &first[0];
    assert!(title.0.starts_with("关于对"));
    close_mm(title.2 - 0.08 * 22.0, 37.0, "title top");
    close_mm((title.1 + title.3) / 2.0, 28.0 + 78.0, "title centre");
    let addressee = first
        .iter()
        .find(|w| w.0.starts_with("区委统战部党组："))
        .unwrap();
    close_mm(addressee.1, 28.0, "first text line left edge");
    let opening = first.iter().find(|w| w.0.starts_with("根据")).unwrap();
    close_mm(opening.1, 28.0 + 2.0 * 156.0 / 28.0, "paragraph indent");
    // A full line ends at the type area's right edge.
    let full = first
        .iter()
        .filter(|w| w.0.chars().count() >= 20)
        .nth(1)
        .unwrap();
    close_mm(full.3, 28.0 + 156.0, "justified right edge");
    // Grid: consecutive body lines are 225/22 mm apart.
    let ys: Vec<f64> = first
        .iter()
        .filter(|w| w.1 < 130.0 && w.0.chars().count() > 4)
        .map(|w| w.2)
        .collect();
    close_mm(ys[2] - ys[1], 225.0 / 22.0, "line pitch");

    // Page numbers “— n —”: the top of the dash (一字线) 7 mm below the type area (GB/T
    // 9704 7.5, read from the printed ink), odd right, even left.
    for (i, ws) in pages_words.iter().enumerate() {
        let n = (i + 1).to_string();
        let num = ws
            .iter()
            .rev()
            .find(|w| w.0 == n)
            .unwrap_or_else(|| panic!("page {n} number"));
        let dashes: Vec<_> = ws
            .iter()
            .filter(|w| w.0 == "—" && (w.2 - num.2).abs() < 1.0)
            .collect();
        assert_eq!(dashes.len(), 2, "page {n}: {dashes:?}");
        let ink = crate::docx_render::number_ink(&path, i + 1, dir.path());
        close_mm(
            ink.dash_top * MM,
            37.0 + 225.0 + 7.0,
            "page number dash top",
        );
        if (i + 1) % 2 == 1 {
            close_mm(
                dashes[1].3,
                28.0 + 156.0 - 14.0 / MM,
                "odd page number right",
            );
        } else {
            close_mm(dashes[0].1, 28.0 + 14.0 / MM, "even page number left");
        }
    }

    // Signature, then the date right-indented four characters.
    let last = pages_words.last().unwrap();
    // The date is set with a fifth of an em between its digits and its Chinese, which the
    // reader takes for spaces between words: its right edge is the last word's on its line.
    let year = last.iter().find(|w| w.0 == "2025").unwrap();
    let date = last.iter().rfind(|w| w.2 == year.2).unwrap();
    let text: String = last
        .iter()
        .filter(|w| w.2 == year.2)
        .map(|w| w.0.as_str())
        .collect();
    assert_eq!(text, "2025年5月20日");
    close_mm(date.3, 28.0 + 156.0 - 4.0 * 156.0 / 28.0, "date right edge");
}

#[test]
fn status_report_states_the_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_rare_names();
    let c = counts(&data);
    let path = save(
        &dir,
        "整改情况报告.pdf",
        &render(&status_report(&data)).unwrap(),
    );
    assert_fonts_subset(&path);
    let text = tool("pdftotext", &[], &path);
    let joined: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let want = format!("巡察反馈问题{}个，细化整改措施{}项", c.findings, c.tasks);
    assert!(joined.contains(&want), "{want}");
    assert!(joined.contains(&format!("已完成整改{}个", c.completed)));
    assert!(joined.contains("党组书记：张犇"));
    assert_line_rules(&text);
}

#[test]
fn weekly_summary_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = sample(20, Tasks::Each(2)).unwrap();
    let doc = weekly_summary(&data, data.today - Duration::days(7));
    let path = save(&dir, "周小结.pdf", &render(&doc).unwrap());
    let text: String = tool("pdftotext", &[], &path)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for piece in [
        "一、本周进展",
        "二、逾期事项",
        "三、近两周到期事项",
        "已挂牌督办",
    ] {
        assert!(text.contains(piece), "{piece}");
    }
}

#[test]
fn ledger_pdf_is_landscape_with_repeated_header_and_split_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = data_with_rare_names();
    // Marks that no other cell has, to find where the long cell starts and ends.
    let long = &mut data.findings[3].manifestation;
    *long = format!("开头标记甲{long}结尾标记乙");
    let path = save(
        &dir,
        "整改台账.pdf",
        &ledger_pdf(&[&data], Edition::Internal).unwrap(),
    );
    let (pages, w, h) = info(&path);
    assert!(
        (w - 841.89).abs() < 0.5 && (h - 595.28).abs() < 0.5,
        "A4 landscape: {w}×{h}"
    );
    assert!(pages >= 3);
    assert_fonts_subset(&path);
    let all = tool("pdftotext", &[], &path);
    let page_texts: Vec<String> = all
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    assert_eq!(page_texts.len(), pages);
    for (i, p) in page_texts.iter().enumerate() {
        for header in [
            "序号",
            "反馈问题",
            "具体表现",
            "整改措施",
            "责任分工",
            "牵头",
            "整改时限",
            "佐证材料",
        ] {
            assert!(p.contains(header), "page {} lacks header {header}", i + 1);
        }
    }
    assert!(
        page_texts[0].contains("整改台账")
            && page_texts[0].contains("填报单位（盖章）：区委统战部")
    );
    assert!(
        !page_texts[1].contains("填报单位"),
        "title only on the first page"
    );
    // The long manifestation of finding 4 (every seventh is long) starts on one page and
    // ends on a later one: the row was split, nothing lost.
    let (head, tail) = ("开头标记甲", "结尾标记乙");
    let start = page_texts.iter().position(|p| p.contains(head)).unwrap();
    let end = page_texts.iter().rposition(|p| p.contains(tail)).unwrap();
    assert!(
        end > start,
        "long cell continues on the next page ({start} → {end})"
    );
    // Where the long finding continues, its number is shown again, marked 续 below it.
    let continued = &words(&path)[end];
    let marks: Vec<&Word> = continued.iter().filter(|w| w.0 == "续").collect();
    assert!(
        marks.iter().any(|m| continued.iter().any(|w| w.0 == "4"
            && ((w.1 + w.3) - (m.1 + m.3)).abs() < 6.0
            && (m.2 - w.4).abs() < 6.0)),
        "number 4 right above 续 on page {}: {:?}",
        end + 1,
        continued
            .iter()
            .filter(|w| w.0 == "续" || w.0 == "4")
            .collect::<Vec<_>>()
    );
    assert!(page_texts.iter().any(|p| p.contains("孙𠀾")));
    // Leads never appear.
    assert!(!all.contains("线索"));
}

#[test]
fn whole_fonts_are_never_embedded() {
    // Without subsetting one page embeds 5–10 MB of font; subset it is a few dozen KB.
    let dir = tempfile::tempdir().unwrap();
    let data = sample(1, Tasks::Each(1)).unwrap();
    let path = save(&dir, "one.pdf", &render(&feedback_report(&data)).unwrap());
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size < 300_000, "{size} bytes");
}
