//! 督办 letters (信函格式, each with its 回执) and 销号 dossiers (the 审批表 and the 佐证材料目录)
//! as LibreOffice lays out the Word files, against our PDFs: the same pages and, line for
//! line, the same text.

// Test helpers panic on purpose: a failed read-back is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use xuncha::app::exports::{export, DocumentKind, ExportOptions};

use super::pages::{line_differences, lines};
use super::{convert, page_count, soffice};
use crate::common::TODAY;

#[test]
fn libreoffice_lays_out_letters_and_dossiers_as_our_pdf() {
    let Some(soffice) = soffice("Word letter check") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let db = xuncha::db::Db::open(&dir.path().join("demo.db")).unwrap();
    xuncha::demo::load(&db, today).unwrap();
    let o = ExportOptions::default();
    let kinds = [
        ("督办函件", DocumentKind::Supervision),
        ("销号材料", DocumentKind::Closeout),
    ];
    let mut ours = Vec::new();
    let mut words = Vec::new();
    for (name, kind) in kinds {
        let (pdf, word) = (
            dir.path().join(format!("{name}.pdf")),
            dir.path().join(format!("{name}.docx")),
        );
        export(&db, kind, &o, &pdf, today).unwrap();
        // The letters in force are printed again, not issued anew.
        export(&db, kind, &o, &word, today).unwrap();
        ours.push(pdf);
        words.push(word);
    }
    let converted = convert(soffice, dir.path(), &words);
    let mut wrong = Vec::new();
    for (((name, _), ours), lo) in kinds.iter().zip(&ours).zip(&converted) {
        let pages = page_count(ours);
        assert!(pages >= 4, "{name}: {pages} pages");
        if page_count(lo) != pages {
            wrong.push(format!("{name}: {} pages, ours {pages}", page_count(lo)));
        }
        wrong.extend(line_differences(name, &lines(lo), &lines(ours)));
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
