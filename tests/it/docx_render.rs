//! The Word exports as LibreOffice lays them out, against our PDF of the same documents
//! (the demo inspection's feedback report, status report and weekly summary): the same page
//! count, the same text in the same order, the same lines on every page, line for line, 22
//! lines a page and 28 characters a line, the page number's dash at the same place as ours
//! (outer side, 7 mm below the type area), and a multi-page landscape table with its header
//! repeated on every page.
//!
//! LibreOffice is told, through a private fontconfig file, to use the faces our PDF embeds
//! (the shipped Fandol faces) for the official names, so both lay out the same glyphs. The
//! tests skip only when `soffice` is not installed (setup.sh installs it, so CI runs them).

// Test helpers panic on purpose: a failed read-back is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use xuncha::app::exports::{compose, DocumentKind};
use xuncha::export::fonts::is_wide;
use xuncha::report::doc::Document;

use crate::common::TODAY;
use crate::docx::with_ledger;

mod attachments;
mod letters;
mod pages;
pub(super) use pages::number_ink;
use pages::{compare_pages, line_differences, lines, NumberInk, PageLines};

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

/// The demo inspection's documents, as the app composes them (the plan without its
/// landscape attachments, which are tables).
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
    .into_iter()
    .chain(
        [
            ("整改方案", DocumentKind::Plan),
            ("主要负责人报告", DocumentKind::PrincipalReport),
            ("整改情况通报", DocumentKind::Notice),
        ]
        .map(|(name, kind)| (name, compose(&db, kind, id, today).unwrap())),
    )
    .collect()
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
    // Every difference is collected, so a failure shows the whole comparison.
    let mut report = String::new();
    let mut wrong = Vec::new();
    let mut full_pages = 0;
    for ((name, doc), lo) in docs.iter().zip(&converted) {
        let ours = dir.path().join(format!("{name}.pdf"));
        xuncha::export::pdf::write_to(&ours, &xuncha::export::pdf::render(doc).unwrap()).unwrap();
        assert_same_text(name, &text(lo), &text(&ours));
        let (ours_pages, lo_pages) = (lines(&ours), lines(lo));
        let counts = |p: &[PageLines]| p.iter().map(|p| p.lines.len()).collect::<Vec<_>>();
        report.push_str(&format!(
            "{name}: pages {}/{}, lines ours {:?}, LibreOffice {:?}\n",
            ours_pages.len(),
            lo_pages.len(),
            counts(&ours_pages),
            counts(&lo_pages)
        ));
        if ours_pages.len() != lo_pages.len() || page_count(lo) != page_count(&ours) {
            wrong.push(format!("{name}: page count"));
        }
        let (unexplained, explained) = compare_pages(&lo_pages, &ours_pages);
        wrong.extend(unexplained.iter().map(|w| format!("{name} {w}")));
        for e in &explained {
            report.push_str(&format!("  {name} {e}\n"));
        }
        // Line for line: every printed line holds the same text as ours.
        wrong.extend(line_differences(name, &lo_pages, &ours_pages));
        for (k, page) in lo_pages.iter().enumerate().take(ours_pages.len()) {
            let at = format!("{name} p{}", k + 1);
            // 22 lines a page at most, 28 characters a line (a closing punctuation mark
            // may hang past the edge in LibreOffice).
            assert!(page.lines.len() <= 22, "{at}: {} lines", page.lines.len());
            full_pages += usize::from(page.lines.len() == 22);
            for (_, l) in &page.lines {
                let n: f64 = l.chars().map(|c| if is_wide(c) { 1.0 } else { 0.5 }).sum();
                assert!(n <= 29.0, "{at}: {n} characters: {l}");
            }
            assert!(page.number, "{at}: no page number");
            // The page number's ink: outer edge one character in from the type area
            // (odd pages right, even left), the dash's top 7 mm below the type area, in
            // LibreOffice's page and ours alike.
            let (a, b) = (
                number_ink(lo, k + 1, dir.path()),
                number_ink(&ours, k + 1, dir.path()),
            );
            report.push_str(&format!(
                "  {at} number ink (mm) LibreOffice {:.1}–{:.1} dash top {:.2}, ours {:.1}–{:.1} dash top {:.2}\n",
                a.left, a.right, a.dash_top, b.left, b.right, b.dash_top
            ));
            let outer = |n: &NumberInk| if k % 2 == 0 { n.right } else { n.left };
            if (outer(&a) - outer(&b)).abs() > 0.5 || (a.dash_top - b.dash_top).abs() > 0.5 {
                wrong.push(format!("{at}: page number position"));
            }
            if (b.dash_top - (262.0 + 7.0)).abs() > 0.5 {
                wrong.push(format!("{at}: our dash is not 7 mm below the type area"));
            }
        }
        // Somewhere a line of Chinese holds exactly 28 characters.
        let all: Vec<&String> = lo_pages
            .iter()
            .flat_map(|p| p.lines.iter().map(|l| &l.1))
            .collect();
        assert!(
            all.iter()
                .any(|l| l.chars().count() == 28 && l.chars().all(is_wide)),
            "{name}: no full line of 28"
        );
    }
    eprintln!("{report}");
    assert!(wrong.is_empty(), "{wrong:#?}\n{report}");
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
