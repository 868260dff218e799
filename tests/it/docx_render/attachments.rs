//! The plan with its landscape lists (附件1 整改任务清单, 附件2 问题清单, 附件3 责任清单) as
//! LibreOffice lays out the Word file, against our PDF: the same pages; on every table page
//! the rows' rules at the same heights (the same rows on each page, each as tall as ours);
//! the page number at the same place, 7 mm below the table.

// Test helpers panic on purpose: a failed read-back is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use xuncha::app::exports::{compose, DocumentKind};
use xuncha::domain::Letterhead;
use xuncha::report::plan::PlanLists;

use super::pages::{horizontal_rules, number_ink_in};
use super::{convert, page_count, run, soffice};
use crate::common::TODAY;

#[test]
fn libreoffice_breaks_the_plans_lists_as_our_pdf() {
    let Some(soffice) = soffice("Word attachment check") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let db = xuncha::db::Db::open(&dir.path().join("demo.db")).unwrap();
    let id = xuncha::demo::load(&db, today).unwrap();
    let doc = compose(&db, DocumentKind::Plan, id, today).unwrap();
    let lists = PlanLists {
        problems: true,
        responsibilities: true,
    };
    let tables = xuncha::documents::plan_attachments(&db, id, today, lists).unwrap();
    let head = Letterhead::default();
    let (word, ours) = (dir.path().join("方案.docx"), dir.path().join("方案.pdf"));
    xuncha::documents::write_docx_with(&doc, &head, &tables, &word).unwrap();
    xuncha::documents::write_pdf_with(&doc, &head, &tables, &ours).unwrap();
    let lo = convert(soffice, dir.path(), &[word]).remove(0);

    let pages = page_count(&ours);
    assert_eq!(page_count(&lo), pages, "page count");
    let sizes = run("pdfinfo", &["-f", "1", "-l", &pages.to_string()], &ours);
    let landscape: Vec<usize> = sizes
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .enumerate()
        .filter(|(_, l)| l.contains("841.89 x 595"))
        .map(|(k, _)| k + 1)
        .collect();
    assert!(landscape.len() >= 3, "{sizes}");
    let mut wrong = Vec::new();
    for &p in &landscape {
        let (a, b) = (
            horizontal_rules(&lo, p, dir.path()),
            horizontal_rules(&ours, p, dir.path()),
        );
        assert!(b.len() >= 3, "page {p}: {b:?}");
        let same = a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| (x - y).abs() <= 1.5);
        if !same {
            wrong.push(format!("page {p}: rules LibreOffice {a:?}, ours {b:?}"));
        }
        // Below the table (the page's bottom 22 mm), at the outer side.
        let ink = |pdf| number_ink_in(pdf, p, dir.path(), (190.0, 20.0), 297.0);
        let (a, b) = (ink(&lo), ink(&ours));
        let outer = |n: &super::NumberInk| if p % 2 == 1 { n.right } else { n.left };
        if (outer(&a) - outer(&b)).abs() > 0.5 || (a.dash_top - b.dash_top).abs() > 0.5 {
            wrong.push(format!("page {p}: page number {a:?}, ours {b:?}"));
        }
        if (b.dash_top - (210.0 - 22.0 + 7.0)).abs() > 0.5 {
            wrong.push(format!(
                "page {p}: our dash is not 7 mm below the table: {b:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
