//! Tests of `exports` (kept apart so the module stays readable).
use super::*;

fn demo() -> (tempfile::TempDir, Db, NaiveDate) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("t.db")).unwrap();
    let today = crate::db::today();
    crate::demo::load(&db, today).unwrap();
    (dir, db, today)
}

#[test]
fn the_format_follows_the_extension_and_others_are_refused() {
    let (dir, db, today) = demo();
    let o = ExportOptions::default();
    let pdf = dir.path().join("报告.PDF");
    let r = export(&db, DocumentKind::Feedback, &o, &pdf, today).unwrap();
    assert_eq!(r.format, Format::Pdf);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    for name in ["报告.doc", "报告.txt", "报告"] {
        let out = dir.path().join(name);
        let err = export(&db, DocumentKind::Ledger, &o, &out, today).unwrap_err();
        assert_eq!(err.field(), Some("out"), "{name}");
        assert!(err.to_string().contains(".xlsx 或 .pdf"), "{err}");
        assert!(!out.exists(), "nothing written for {name}");
    }
    let xlsx = dir.path().join("台账.xlsx");
    let r = export(&db, DocumentKind::Ledger, &o, &xlsx, today).unwrap();
    assert_eq!(r.format, Format::Xlsx);
    assert!(r.tasks > 0 && r.bytes > 0);
}

#[test]
fn option_rules() {
    let (dir, db, today) = demo();
    let out = dir.path().join("x.pdf");
    let public = ExportOptions {
        public: true,
        ..Default::default()
    };
    let e = export(&db, DocumentKind::Feedback, &public, &out, today).unwrap_err();
    assert_eq!(e.field(), Some("public"));
    let tpl = ExportOptions {
        template: Some("某模板".into()),
        ..Default::default()
    };
    let e = export(&db, DocumentKind::Ledger, &tpl, &out, today).unwrap_err();
    assert_eq!(e.field(), Some("template"));
    assert!(with_extension(Path::new("/a/台账"), Format::Xlsx).ends_with("台账.xlsx"));
    assert!(with_extension(Path::new("/a/台账.xlsx"), Format::Xlsx).ends_with("台账.xlsx"));
}

/// The catalog says which documents take the plan's lists and the 签字背书 page, and the
/// export refuses them everywhere else (the UI shows the switches from the same flags).
#[test]
fn the_catalog_decides_which_documents_take_the_lists_and_the_endorsement() {
    let (dir, db, today) = demo();
    let with_lists: Vec<_> = catalog()
        .into_iter()
        .filter(|d| d.lists)
        .map(|d| d.kind)
        .collect();
    assert_eq!(with_lists, [DocumentKind::Plan]);
    let endorsed: Vec<_> = catalog()
        .into_iter()
        .filter(|d| d.endorsement)
        .map(|d| d.kind)
        .collect();
    assert_eq!(
        endorsed,
        [DocumentKind::StatusReport, DocumentKind::PrincipalReport]
    );
    let lists = ExportOptions {
        problem_list: true,
        responsibility_list: true,
        ..Default::default()
    };
    let endorsement = ExportOptions {
        endorsement: true,
        ..Default::default()
    };
    for d in catalog() {
        let out = dir
            .path()
            .join(format!("{:?}.{}", d.kind, d.formats[0].extension()));
        for (o, allowed, field) in [
            (&lists, d.lists, "problem_list"),
            (&endorsement, d.endorsement, "endorsement"),
        ] {
            match export(&db, d.kind, o, &out, today) {
                Ok(_) => assert!(allowed, "{:?} took {field}", d.kind),
                Err(e) => {
                    assert!(!allowed, "{:?}: {e}", d.kind);
                    assert_eq!(e.field(), Some(field), "{:?}", d.kind);
                }
            }
        }
    }
}

#[test]
fn every_text_document_exports_as_word_from_the_same_model() {
    let (dir, db, today) = demo();
    let id = db.read(|c| inspections::resolve(c, None)).unwrap().id;
    for kind in [DocumentKind::Feedback, DocumentKind::StatusReport] {
        let out = dir.path().join(format!("{kind:?}.docx"));
        let r = export(&db, kind, &ExportOptions::default(), &out, today).unwrap();
        assert_eq!(r.format, Format::Docx);
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        // The document model's title and its first paragraph, as the PDF prints them.
        let doc = compose(&db, kind, id, today).unwrap();
        let first = doc
            .blocks
            .iter()
            .find_map(|b| b.id().map(|_| b.text()))
            .unwrap();
        let head: String = first.chars().take(12).collect();
        assert!(xml.contains(&head), "{kind:?}: {head}");
    }
}

/// Every cell of every sheet, one per line.
fn cells(path: &Path) -> String {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let mut out = String::new();
    for name in book.sheet_names() {
        for row in book.worksheet_range(&name).unwrap().rows() {
            for c in row {
                out.push_str(&c.to_string());
                out.push('\n');
            }
        }
    }
    out
}

#[test]
fn excel_ledger_with_a_saved_template_and_the_public_edition() {
    let (dir, db, today) = demo();
    let tpl = LedgerTemplate {
        title: "区委巡察办样式整改台账".into(),
        ..LedgerTemplate::default()
    };
    save_template(&db, "区委巡察办", &tpl).unwrap();
    let leader = db
        .read(|c| crate::db::findings::list(c, None, today))
        .unwrap()[0]
        .tasks[0]
        .assignment
        .lead_leader
        .clone();
    assert_eq!(leader.chars().count(), 3, "a full name: {leader}");
    let with = |template: Option<&str>, public: bool| ExportOptions {
        template: template.map(str::to_owned),
        public,
        ..Default::default()
    };

    let internal = dir.path().join("内部.xlsx");
    export(
        &db,
        DocumentKind::Ledger,
        &with(Some("区委巡察办"), false),
        &internal,
        today,
    )
    .unwrap();
    let text = cells(&internal);
    assert!(text.contains("区委巡察办样式整改台账"));
    assert!(text.contains(&leader));

    let public = dir.path().join("公开.xlsx");
    let r = export(&db, DocumentKind::Ledger, &with(None, true), &public, today).unwrap();
    assert!(r.what.ends_with("（公开版）"));
    let text = cells(&public);
    assert!(text.contains("（公开版）"));
    assert!(
        !text.contains("区委巡察办样式整改台账"),
        "默认: the official layout"
    );
    assert!(!text.contains(&leader), "names are masked in the 公开版");

    let e = export(
        &db,
        DocumentKind::Ledger,
        &with(Some("没有这个"), false),
        &public,
        today,
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("template"));
}

#[test]
fn every_inspection_in_one_ledger_in_both_formats() {
    let (dir, db, today) = demo();
    crate::demo::load(&db, today).unwrap();
    let all = ExportOptions {
        all_inspections: true,
        ..Default::default()
    };
    let one = export(
        &db,
        DocumentKind::Ledger,
        &ExportOptions::default(),
        &dir.path().join("a.pdf"),
        today,
    )
    .unwrap();
    for name in ["all.xlsx", "all.pdf"] {
        let r = export(
            &db,
            DocumentKind::Ledger,
            &all,
            &dir.path().join(name),
            today,
        )
        .unwrap();
        assert_eq!(r.inspections.len(), 2, "{name}");
        assert_eq!(r.tasks, 2 * one.tasks, "{name}");
    }
}

/// The store keys per-document settings by `code()`, the UI by the serde name: they are one
/// name, and this keeps the hand-written match from drifting.
#[test]
fn document_codes_are_their_serde_names() {
    for kind in DocumentKind::ALL {
        let serde = serde_json::to_value(kind).unwrap();
        assert_eq!(serde.as_str(), Some(kind.code()), "{kind:?}");
    }
}
