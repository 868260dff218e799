//! Word exports read back: the package's XML (page, margins, grid, fonts per run, odd and
//! even footers with PAGE fields, merged cells and repeated header rows, no theme fonts),
//! and LibreOffice's rendering of the same files against our PDF of the same documents
//! (`docx_render.rs`).

// Test helpers panic on purpose: a failed read-back is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Cursor, Read};

use xuncha::export::docx::{self, render, render_with_tables};
use xuncha::report::doc::Document;
use xuncha::report::feedback::feedback_report;
use xuncha::report::ledger::{LedgerColumn, LedgerTable};
use xuncha::report::public::Edition;
use xuncha::report::sample::{ledger as sample, Tasks};

/// The text of part `name` of a .docx.
pub fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

fn part_names(docx: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    zip.file_names().map(|n| n.unwrap().into_owned()).collect()
}

/// Every `<tag …>` or `<tag …/>` element's start tag in `xml`.
fn tags<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    xml.match_indices(&open)
        .filter(|(at, _)| {
            let next = xml[at + open.len()..].chars().next();
            matches!(next, Some(' ' | '>' | '/'))
        })
        .map(|(at, _)| &xml[at..at + xml[at..].find('>').unwrap() + 1])
        .collect()
}

/// Attribute `name` of a start tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// The XML of each `<tag>…</tag>` element (not nested in itself).
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let close = format!("</{tag}>");
    tags(xml, tag)
        .into_iter()
        .map(|start| {
            let at = start.as_ptr() as usize - xml.as_ptr() as usize;
            if start.ends_with("/>") {
                start
            } else {
                &xml[at..at + xml[at..].find(&close).unwrap() + close.len()]
            }
        })
        .collect()
}

/// The paragraph whose text contains `text`, and its text.
fn paragraph_with<'a>(xml: &'a str, text: &str) -> &'a str {
    elements(xml, "w:p")
        .into_iter()
        .find(|p| p.contains(text))
        .unwrap_or_else(|| panic!("no paragraph with {text}"))
}

fn fonts_of(run: &str) -> (String, String) {
    let f = tags(run, "w:rFonts")[0];
    (
        attr(f, "w:eastAsia").unwrap().to_owned(),
        attr(f, "w:ascii").unwrap().to_owned(),
    )
}

#[test]
fn page_grid_fonts_and_footers_read_back() {
    let data = sample(8, Tasks::Each(2)).unwrap();
    let doc = feedback_report(&data);
    let bytes = render(&doc).unwrap();
    let xml = part(&bytes, "word/document.xml");

    // A4, 37/35/28/26 mm margins, 22 lines of 579 twips, the footer 1440 twips up.
    let sect = elements(&xml, "w:sectPr").pop().unwrap();
    let pg = tags(sect, "w:pgSz")[0];
    assert_eq!(
        (attr(pg, "w:w"), attr(pg, "w:h")),
        (Some("11906"), Some("16838"))
    );
    let mar = tags(sect, "w:pgMar")[0];
    let m = |k| attr(mar, k).unwrap().parse::<i32>().unwrap();
    assert_eq!(
        (
            m("w:top"),
            m("w:bottom"),
            m("w:left"),
            m("w:right"),
            m("w:footer")
        ),
        (2098, 1984, 1588, 1474, 1440)
    );
    let grid = tags(sect, "w:docGrid")[0];
    assert_eq!(attr(grid, "w:type"), Some("lines"));
    assert_eq!(attr(grid, "w:linePitch"), Some("579"));

    // Every run of text names its East Asian and its ASCII face, and they are the same.
    for run in elements(&xml, "w:r")
        .into_iter()
        .filter(|r| r.contains("<w:t"))
    {
        let (east, ascii) = fonts_of(run);
        assert_eq!(east, ascii, "{run}");
    }
    // Faces and sizes by kind of block, as the PDF sets them.
    let face = |text: &str| fonts_of(paragraph_with(&xml, text)).0;
    assert_eq!(face(&doc.title), "方正小标宋简体");
    assert!(paragraph_with(&xml, &doc.title).contains(r#"<w:sz w:val="44" />"#));
    assert_eq!(face("一、总体评价"), "黑体");
    assert_eq!(face("（一）"), "楷体_GB2312");
    assert_eq!(face("现将巡察情况反馈如下"), "仿宋_GB2312");
    let body = paragraph_with(&xml, "现将巡察情况反馈如下");
    for want in [
        r#"<w:spacing w:line="579" w:lineRule="exact" />"#,
        r#"w:firstLine="640" w:firstLineChars="200""#,
        r#"<w:spacing w:val="-5" />"#,
        r#"<w:sz w:val="32" />"#,
    ] {
        assert!(body.contains(want), "{want} in {body}");
    }
    // The date: right-indented four characters (4 × 16 pt).
    let date = elements(&xml, "w:p")
        .into_iter()
        .rfind(|p| p.contains("年") && p.contains(r#"<w:jc w:val="right" />"#))
        .unwrap();
    assert!(date.contains(r#"w:right="1280""#), "{date}");

    // Odd and even footers: “— PAGE —” in 4号宋体, one character (280 twips) in.
    assert!(part(&bytes, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    let refs = tags(sect, "w:footerReference");
    let types: Vec<_> = refs.iter().filter_map(|r| attr(r, "w:type")).collect();
    assert_eq!(types, ["default", "even"]);
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    for r in refs {
        let id = attr(r, "r:id").unwrap();
        let rel = tags(&rels, "Relationship")
            .into_iter()
            .find(|t| attr(t, "Id") == Some(id))
            .unwrap();
        let footer = part(&bytes, &format!("word/{}", attr(rel, "Target").unwrap()));
        let odd = attr(r, "w:type") == Some("default");
        let (jc, ind) = if odd {
            ("right", r#"w:right="280""#)
        } else {
            ("left", r#"w:left="280""#)
        };
        assert!(
            footer.contains(&format!(r#"<w:jc w:val="{jc}" />"#)),
            "{footer}"
        );
        assert!(footer.contains(ind), "{footer}");
        assert!(footer.contains("<w:instrText>PAGE</w:instrText>"));
        for kind in ["begin", "separate", "end"] {
            assert!(footer.contains(&format!(r#"w:fldCharType="{kind}""#)));
        }
        let text: String = elements(&footer, "w:t")
            .iter()
            .map(|t| &t[t.find('>').unwrap() + 1..t.rfind('<').unwrap()])
            .collect();
        assert_eq!(text, "— 1 —");
        for run in elements(&footer, "w:r") {
            assert_eq!(fonts_of(run), ("宋体".into(), "宋体".into()));
            assert!(run.contains(r#"<w:sz w:val="28" />"#));
        }
    }
}

#[test]
fn styles_font_table_and_no_theme_fonts() {
    let doc = feedback_report(&sample(3, Tasks::Each(1)).unwrap());
    let bytes = render(&doc).unwrap();
    for name in part_names(&bytes).iter().filter(|n| n.ends_with(".xml")) {
        let xml = part(&bytes, name);
        for theme in ["asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme"] {
            assert!(!xml.contains(theme), "{name} uses {theme}");
        }
    }
    let core = part(&bytes, "docProps/core.xml");
    assert!(
        core.contains(&format!("<dc:title>{}</dc:title>", doc.title)),
        "{core}"
    );
    assert!(
        !core.contains("unknown") && !core.contains("1970"),
        "{core}"
    );
    let styles = part(&bytes, "word/styles.xml");
    let normal = elements(&styles, "w:style")
        .into_iter()
        .find(|s| s.contains(r#"w:styleId="Normal""#))
        .unwrap();
    assert!(normal.contains(r#"w:default="1""#));
    assert_eq!(fonts_of(normal).0, "仿宋_GB2312");
    assert!(normal.contains(r#"<w:lang w:val="en-US" w:eastAsia="zh-CN""#));
    // Each official face falls back along its chain, in the GB2312 character set.
    let table = part(&bytes, "word/fontTable.xml");
    let alt = |name: &str| {
        let font = elements(&table, "w:font")
            .into_iter()
            .find(|f| attr(f, "w:name") == Some(name))
            .unwrap_or_else(|| panic!("{name} missing from the font table"));
        assert!(font.contains(r#"<w:charset w:val="86"/>"#), "{font}");
        assert!(font.contains("<w:panose1 "), "{font}");
        attr(tags(font, "w:altName")[0], "w:val")
            .unwrap()
            .to_owned()
    };
    for (chain, end) in [
        (&["仿宋_GB2312", "仿宋"][..], "FangSong"),
        (&["方正小标宋简体", "华文中宋"][..], "宋体"),
        (&["楷体_GB2312", "楷体"][..], "KaiTi"),
        (&["黑体"][..], "SimHei"),
        (&["宋体"][..], "SimSun"),
    ] {
        for pair in chain.windows(2) {
            assert_eq!(alt(pair[0]), pair[1]);
        }
        assert_eq!(alt(chain[chain.len() - 1]), end);
    }
}

/// A short document with the ledger as a landscape attachment.
pub fn with_ledger(findings: usize, tasks: usize) -> (Document, Vec<u8>) {
    let data = sample(findings, Tasks::Each(tasks)).unwrap();
    let words = LedgerTable::official(&[&data], Edition::Internal);
    let doc = Document {
        title: "关于报送整改台账的报告".into(),
        blocks: vec![xuncha::report::doc::paragraph(
            "p",
            "现将整改台账报送如下。",
        )],
    };
    let bytes = render_with_tables(&doc, &[("附件", &words)]).unwrap();
    (doc, bytes)
}

#[test]
fn table_has_its_grid_merges_and_repeated_header() {
    let (findings, tasks) = (6, 3);
    let (_, bytes) = with_ledger(findings, tasks);
    let xml = part(&bytes, "word/document.xml");
    let table = elements(&xml, "w:tbl").pop().unwrap();

    // The columns fill the printed ledger's width (297 − 2 × 15 mm = 15138 twips), fixed
    // layout; the cells have its margins (2 pt beside the text; 3 pt above and below, less
    // half the rule LibreOffice adds to a row) and its 12-pt lines.
    let cols: Vec<i32> = tags(table, "w:gridCol")
        .iter()
        .map(|c| attr(c, "w:w").unwrap().parse().unwrap())
        .collect();
    assert_eq!(cols.len(), LedgerColumn::OFFICIAL.len());
    assert_eq!(cols.iter().sum::<i32>(), 15138);
    assert!(table.contains(r#"<w:tblLayout w:type="fixed" />"#));
    let margins = elements(table, "w:tblCellMar")[0];
    for (side, w) in [("top", 55), ("left", 40), ("bottom", 55), ("right", 40)] {
        assert!(
            margins.contains(&format!(r#"<w:{side} w:w="{w}" w:type="dxa" />"#)),
            "{margins}"
        );
    }
    assert!(table.contains(r#"<w:spacing w:line="240" w:lineRule="exact" />"#));
    // The section: A4 turned, 15 mm margins but 22 mm below, no line grid (LibreOffice
    // would centre its whole lines and push the table down).
    let section = elements(&xml, "w:sectPr").pop().unwrap();
    assert!(
        section.contains(r#"<w:pgMar w:top="850" w:right="850" w:bottom="1247" w:left="850""#),
        "{section}"
    );
    assert!(!section.contains("w:docGrid"), "{section}");
    let rules = elements(table, "w:tblBorders")[0];
    assert_eq!(
        rules.matches(r#"w:val="single" w:sz="4""#).count(),
        6,
        "{rules}"
    );

    let rows = elements(table, "w:tr");
    assert_eq!(rows.len(), 2 + 4 + findings * tasks);
    for (i, row) in rows.iter().enumerate() {
        assert!(row.contains("<w:cantSplit />"), "row {i}");
        assert_eq!(row.contains("<w:tblHeader />"), i < 2, "row {i}");
        // Each cell's width is the sum of the grid columns it spans.
        let mut col = 0;
        for cell in elements(row, "w:tc") {
            let span = tags(cell, "w:gridSpan")
                .first()
                .map_or(1, |t| attr(t, "w:val").unwrap().parse().unwrap());
            let w: i32 = attr(tags(cell, "w:tcW")[0], "w:w")
                .unwrap()
                .parse()
                .unwrap();
            assert_eq!(w, cols[col..col + span].iter().sum::<i32>(), "row {i}");
            col += span;
        }
        assert_eq!(col, cols.len(), "row {i} fills the grid");
    }
    // Header: 责任分工 over five columns; the other headers merged down both rows.
    let group = elements(rows[0], "w:tc")
        .into_iter()
        .find(|c| c.contains("责任分工"))
        .unwrap();
    assert!(group.contains(r#"<w:gridSpan w:val="5" />"#));
    let restarts = |r: &str| r.matches(r#"<w:vMerge w:val="restart" />"#).count();
    let continues = |r: &str| r.matches(r#"<w:vMerge w:val="continue" />"#).count();
    assert_eq!((restarts(rows[0]), continues(rows[1])), (10, 10));
    // Body: each finding's three cells merged down across its tasks.
    let body = &rows[2..];
    assert_eq!(
        body.iter().map(|r| restarts(r)).sum::<usize>(),
        3 * findings
    );
    assert_eq!(
        body.iter().map(|r| continues(r)).sum::<usize>(),
        3 * findings * (tasks - 1)
    );
    // The section row spans the table.
    assert!(body[0].contains(r#"<w:gridSpan w:val="15" />"#));

    // The letter stays portrait and keeps its footers; the table's section is landscape.
    let sections = elements(&xml, "w:sectPr");
    assert_eq!(sections.len(), 2);
    let orient = |s: &str| attr(tags(s, "w:pgSz")[0], "w:orient").unwrap().to_owned();
    assert_eq!(orient(sections[0]), "portrait");
    assert_eq!(orient(sections[1]), "landscape");
    for s in sections {
        assert_eq!(tags(s, "w:footerReference").len(), 2, "{s}");
    }
}

#[test]
fn bad_tables_are_refused_with_the_row() {
    let table = docx::Table {
        widths: vec![1.0, 2.0],
        header: vec![vec![docx::Cell::new("序号"), docx::Cell::new("问题")]],
        body: vec![vec![docx::Cell::new("1").span(3, 1)]],
        size_pt: 10.5,
        spacing: docx::CellSpacing::form(10.5),
    };
    let list = xuncha::export::TitledTable {
        title: "问题清单".into(),
        table,
    };
    let e = docx::render_tables("问题清单", &[vec![list]]).unwrap_err();
    assert_eq!(e.field(), Some("table"));
    assert!(
        e.to_string().contains("表格第1行有单元格超出表格的列"),
        "{e}"
    );
}
