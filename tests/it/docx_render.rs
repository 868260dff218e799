//! The Word exports as LibreOffice lays them out, against our PDF of the same documents
//! (the demo inspection's feedback report, status report and weekly summary): the same page
//! count (±1 beyond four pages), the same text in the same order, 22 lines a page and 28
//! characters a line, page numbers on the outer side, and a multi-page landscape table with
//! its header repeated on every page.
//!
//! LibreOffice is told, through a private fontconfig file, to use the faces our PDF embeds
//! (the shipped Fandol faces) for the official names, so both lay out the same glyphs. The
//! tests skip only when `soffice` is not installed (setup.sh installs it, so CI runs them).

// Test helpers panic on purpose: a failed read-back is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use xuncha::export::fonts::is_wide;
use xuncha::report::doc::Document;

use crate::common::TODAY;
use crate::docx::with_ledger;

/// The LibreOffice program; `None`, with a note, when it is not installed.
fn soffice(check: &str) -> Option<&'static str> {
    let found = ["soffice", "libreoffice"].into_iter().find(|p| {
        Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        eprintln!("soffice (LibreOffice) is not installed: skipping the {check}");
    }
    found
}

/// A fontconfig file mapping the official face names to the Fandol faces our PDF embeds.
fn fontconfig(dir: &Path) -> PathBuf {
    let fandol = xuncha::export::fonts::shipped_dir().expect("the shipped Fandol fonts");
    let alias = |name: &str, face: &str| {
        format!(
            r#"<alias binding="same"><family>{name}</family><prefer><family>{face}</family></prefer></alias>"#
        )
    };
    let conf = format!(
        r#"<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>{}</dir><cachedir>{}</cachedir>{}{}{}{}{}</fontconfig>"#,
        fandol.display(),
        dir.join("fc-cache").display(),
        alias("仿宋_GB2312", "FandolFang"),
        alias("楷体_GB2312", "FandolKai"),
        alias("黑体", "FandolHei"),
        alias("宋体", "FandolSong"),
        alias("方正小标宋简体", "FandolSong"),
    );
    let path = dir.join("fonts.conf");
    std::fs::write(&path, conf).unwrap();
    path
}

/// Converts .docx files to PDF with LibreOffice (a private profile, so tests running at the
/// same time do not share one), and returns the PDFs.
fn convert(soffice: &str, dir: &Path, files: &[PathBuf]) -> Vec<PathBuf> {
    let out = dir.join("lo");
    let status = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .args(files)
        .env("FONTCONFIG_FILE", fontconfig(dir))
        .output()
        .unwrap();
    // soffice exits 0 even when it could not load a file: the PDF must exist.
    files
        .iter()
        .map(|f| {
            let pdf = out.join(f.with_extension("pdf").file_name().unwrap());
            assert!(
                pdf.is_file(),
                "LibreOffice did not convert {}: {}",
                f.display(),
                String::from_utf8_lossy(&status.stderr)
            );
            pdf
        })
        .collect()
}

fn run(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} not runnable (install poppler-utils): {e}"));
    assert!(out.status.success(), "{tool} {}", pdf.display());
    String::from_utf8(out.stdout).unwrap()
}

fn page_count(pdf: &Path) -> usize {
    run("pdfinfo", &[], pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

fn is_page_number(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.strip_prefix('—')
        .and_then(|t| t.strip_suffix('—'))
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// The text of a PDF without page numbers or any white space.
fn text(pdf: &Path) -> String {
    run("pdftotext", &[], pdf)
        .lines()
        .filter(|l| !is_page_number(l))
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Fails at the first difference, with the text around it.
fn assert_same_text(name: &str, lo: &str, ours: &str) {
    let (a, b): (Vec<char>, Vec<char>) = (lo.chars().collect(), ours.chars().collect());
    if let Some(at) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
        let around = |s: &[char]| -> String {
            s[at.saturating_sub(30)..(at + 30).min(s.len())]
                .iter()
                .collect()
        };
        panic!(
            "{name}: the text differs at character {at}:\n LibreOffice: …{}…\n ours:        …{}…",
            around(&a),
            around(&b)
        );
    }
}

/// A page as read back: its lines (words at one height joined, left to right) and the page
/// number's left and right edges in points.
struct PageLines {
    lines: Vec<String>,
    number: Option<(f64, f64)>,
}

fn lines(pdf: &Path) -> Vec<PageLines> {
    let html = run("pdftotext", &["-bbox"], pdf);
    html.split("<page ")
        .skip(1)
        .map(|page| {
            let mut rows: Vec<(i64, f64, f64, String)> = Vec::new();
            for w in page.split("<word ").skip(1) {
                let num = |k: &str| -> f64 {
                    let at = w.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
                    w[at..at + w[at..].find('"').unwrap()].parse().unwrap()
                };
                let t = &w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()];
                rows.push((
                    num("yMax").round() as i64,
                    num("xMin"),
                    num("xMax"),
                    t.into(),
                ));
            }
            rows.sort_by(|a, b| (a.0, a.1).partial_cmp(&(b.0, b.1)).unwrap());
            let mut out: Vec<(i64, f64, f64, String)> = Vec::new();
            for (y, x0, x1, t) in rows {
                match out.last_mut() {
                    Some(last) if last.0 == y => {
                        last.2 = x1;
                        last.3.push_str(&t);
                    }
                    _ => out.push((y, x0, x1, t)),
                }
            }
            let number = out
                .iter()
                .find(|l| is_page_number(&l.3))
                .map(|l| (l.1, l.2));
            let lines = out
                .into_iter()
                .map(|l| l.3)
                .filter(|l| !is_page_number(l))
                .collect();
            PageLines { lines, number }
        })
        .collect()
}

/// The demo inspection's three documents, as the app composes them.
fn demo_documents(dir: &Path) -> Vec<(&'static str, Document)> {
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let db = xuncha::db::Db::open(&dir.join("demo.db")).unwrap();
    let id = xuncha::demo::load(&db, today).unwrap();
    let data = xuncha::db::ledger::load(&db, id, today).unwrap();
    vec![
        ("反馈意见", xuncha::report::feedback::feedback_report(&data)),
        (
            "整改情况报告",
            xuncha::report::status_report::status_report(&data),
        ),
        (
            "周小结",
            xuncha::documents::weekly(&db, id, today, false).unwrap(),
        ),
    ]
}

#[test]
fn libreoffice_lays_out_the_documents_as_our_pdf() {
    let Some(soffice) = soffice("Word rendering check") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let docs = demo_documents(dir.path());
    let mut files = Vec::new();
    for (name, doc) in &docs {
        let path = dir.path().join(format!("{name}.docx"));
        xuncha::export::docx::write_to(&path, doc).unwrap();
        files.push(path);
    }
    let converted = convert(soffice, dir.path(), &files);
    let mut full_pages = 0;
    for ((name, doc), lo) in docs.iter().zip(&converted) {
        let ours = dir.path().join(format!("{name}.pdf"));
        xuncha::export::pdf::write_to(&ours, &xuncha::export::pdf::render(doc).unwrap()).unwrap();
        let (n_ours, n_lo) = (page_count(&ours), page_count(lo));
        if n_ours <= 4 {
            assert_eq!(n_lo, n_ours, "{name}: pages");
        } else {
            assert!(
                n_lo.abs_diff(n_ours) <= 1,
                "{name}: {n_lo} pages, ours {n_ours}"
            );
        }
        assert_same_text(name, &text(lo), &text(&ours));

        let ours_lines = lines(&ours);
        for (
            k,
            PageLines {
                lines: page,
                number,
            },
        ) in lines(lo).iter().enumerate()
        {
            // As many lines as our page, give or take a paragraph moved whole to keep its
            // end with the signature or kept whole under a heading.
            let n_ours = ours_lines.get(k).map_or(0, |p| p.lines.len());
            assert!(
                page.len().abs_diff(n_ours) <= 2,
                "{name} p{}: {} lines, ours {n_ours}",
                k + 1,
                page.len()
            );
            // 22 lines a page at most, 28 characters a line (a closing punctuation mark
            // may hang past the edge in LibreOffice).
            assert!(page.len() <= 22, "{name} p{}: {} lines", k + 1, page.len());
            full_pages += usize::from(page.len() == 22);
            for l in page {
                let n: f64 = l.chars().map(|c| if is_wide(c) { 1.0 } else { 0.5 }).sum();
                assert!(n <= 29.0, "{name} p{}: {n} characters: {l}", k + 1);
            }
            // Page numbers on the outer side, one character in from the type area.
            let (x0, x1) = number.unwrap_or_else(|| panic!("{name} p{}: no number", k + 1));
            let (left, right) = (28.0 * 72.0 / 25.4, 184.0 * 72.0 / 25.4);
            if k % 2 == 0 {
                assert!((right - 14.0 - x1).abs() < 1.5, "{name} p{}: {x1}", k + 1);
            } else {
                assert!((x0 - (left + 14.0)).abs() < 1.5, "{name} p{}: {x0}", k + 1);
            }
        }
        // Somewhere a line of Chinese holds exactly 28 characters.
        let all: Vec<String> = lines(lo).into_iter().flat_map(|p| p.lines).collect();
        assert!(
            all.iter()
                .any(|l| l.chars().count() == 28 && l.chars().all(is_wide)),
            "{name}: no full line of 28"
        );
    }
    assert!(full_pages >= 2, "only {full_pages} pages of 22 lines");
}

#[test]
fn libreoffice_repeats_the_header_of_a_long_table() {
    let Some(soffice) = soffice("Word table check") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (_, bytes) = with_ledger(16, 3);
    let path = dir.path().join("台账.docx");
    std::fs::write(&path, bytes).unwrap();
    let lo = convert(soffice, dir.path(), &[path]).remove(0);
    let pages = page_count(&lo);
    assert!(pages >= 4, "{pages} pages");
    let sizes = run("pdfinfo", &["-f", "1", "-l", &pages.to_string()], &lo);
    let landscape = sizes
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| l.contains("841.89 x 595"))
        .collect::<Vec<_>>();
    assert_eq!(landscape.len(), pages);
    assert!(!landscape[0], "the letter is portrait");
    assert!(landscape[1..].iter().all(|l| *l), "the table is landscape");
    for p in 2..=pages {
        let page = run(
            "pdftotext",
            &["-f", &p.to_string(), "-l", &p.to_string()],
            &lo,
        );
        let page: String = page.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(page.contains("责任分工"), "page {p} repeats the header");
        assert!(page.contains("整改措施"), "page {p} repeats the header");
    }
    // Every task's measure is there.
    let all = text(&lo);
    let data = xuncha::report::sample::ledger(16, xuncha::report::sample::Tasks::Each(3)).unwrap();
    for f in &data.findings {
        for t in &f.tasks {
            let m: String = t
                .measure
                .chars()
                .filter(|c| !c.is_whitespace())
                .take(4)
                .collect();
            assert!(all.contains(&m), "{m}");
        }
    }
}
