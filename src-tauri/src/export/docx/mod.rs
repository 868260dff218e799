//! Word (.docx) output of the official documents, for offices that finish them in WPS or
//! Word (change a sentence, add the leader's paragraph, place the seal, print on red-header
//! paper). The same [`Document`] the PDF is composed from, with the same GB/T 9704 numbers
//! ([`crate::export::gb9704`]): A4, the 156 × 225 mm type area, 22 lines of 28 characters,
//! 2号小标宋 title, 3号仿宋 body, headings in 黑体/楷体/仿宋 by level, page numbers “— 1 —”
//! in 4号宋体 on the outer side of odd and even pages.
//!
//! docx-rs writes the package; [`patch`] completes what it cannot write. [`fonts`] says which
//! faces the runs name and which machines have them. [`table`] builds tables with repeated
//! header rows and merged cells, for documents that carry one (the plan's task list).

mod compose;
pub mod fonts;
pub mod ledger;
pub mod page;
pub mod patch;
pub mod table;
mod xml;

use std::io::Cursor;
use std::path::Path;

pub use ledger::ledger_table;
pub use table::{Align, Cell, CellSpacing, Table};

use crate::domain::Letterhead;
use crate::export::fonts::FontSet;
use crate::export::gb9704::{HeadStyle, GB};
use crate::export::pdf::compose::seal_lines;
use crate::report::doc::Document;
use crate::report::ledger::LedgerTable;
use crate::{Error, Result};

/// The document as a .docx file.
pub fn render(doc: &Document) -> Result<Vec<u8>> {
    render_with_tables(doc, &[])
}

/// The document followed by ledger tables (the plan's 附件1 整改任务清单), each on new
/// landscape pages under its “附件N” label (`&str`), laid out as the PDF prints them.
pub fn render_with_tables(doc: &Document, tables: &[(&str, &LedgerTable)]) -> Result<Vec<u8>> {
    render_full(doc, &Letterhead::default(), tables)
}

/// [`render_with_tables`] with the GB/T 9704 版头 and 版记 of `head`.
pub fn render_full(
    doc: &Document,
    head: &Letterhead,
    tables: &[(&str, &LedgerTable)],
) -> Result<Vec<u8>> {
    let fonts = FontSet::global();
    let mut c = compose::Composer::new(&GB, fonts);
    c.letterhead(head);
    c.document(doc, seal_lines(doc, head, HeadStyle::Document, fonts));
    c.colophon(head);
    for (label, table) in tables {
        c.ledger_attachment(label, table)?;
    }
    pack(c, &doc.title)
}

/// The composed body as .docx bytes, completed by the patch.
fn pack(mut c: compose::Composer<'_>, title: &str) -> Result<Vec<u8>> {
    let header_rows = std::mem::take(&mut c.header_rows);
    let mut x = c.finish().build();
    patch::apply(&mut x, &GB, title, &header_rows);
    let mut out = Cursor::new(Vec::new());
    x.pack(&mut out)
        .map_err(|e| Error::invalid("docx", format!("生成 Word 文件失败：{e}")))?;
    Ok(out.into_inner())
}

/// A batch of letters in the 信函格式 (GB/T 9704 10.1), each with its own 版头, in one .docx
/// file: each letter is a section of its own, numbering its pages from 1 with the first page
/// unnumbered, as the PDF does.
pub fn render_letters(letters: &[(Document, Letterhead)]) -> Result<Vec<u8>> {
    let fonts = FontSet::global();
    let mut c = compose::Composer::for_parts(&GB, fonts, true);
    for (doc, head) in letters {
        c.new_part();
        c.letter_head(head);
        c.document(doc, seal_lines(doc, head, HeadStyle::Letter, fonts));
    }
    let title = letters
        .first()
        .map(|(d, _)| d.title.clone())
        .unwrap_or_default();
    pack(c, &title)
}

/// Titled tables (forms and lists, such as a 销号 dossier's 审批表 and 佐证材料目录), each
/// on new pages, as a .docx file titled `title`: each group (one dossier of a batch) is a
/// section numbering its pages from 1, as the PDF does.
pub fn render_tables(title: &str, groups: &[Vec<crate::export::TitledTable>]) -> Result<Vec<u8>> {
    let mut c = compose::Composer::for_parts(&GB, FontSet::global(), false);
    for g in groups {
        c.new_part();
        for p in g {
            c.titled_table(&p.title, &p.table)?;
        }
    }
    pack(c, title)
}

/// Writes the document as a .docx file at `path`, atomically (a temporary file beside it,
/// then a rename).
pub fn write_to(path: &Path, doc: &Document) -> Result<()> {
    crate::export::write_atomic(path, &render(doc)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::doc::{paragraph, Block};
    use std::io::Read;

    fn part(docx: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    fn names(docx: &[u8]) -> Vec<String> {
        let zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
        zip.file_names().map(|n| n.unwrap().into_owned()).collect()
    }

    fn doc() -> Document {
        Document {
            title: "关于对区委统战部党组巡察情况的反馈意见".into(),
            blocks: vec![
                Block::Addressee {
                    id: "to".into(),
                    text: "区委统战部党组：".into(),
                },
                Block::Heading1 {
                    id: "h1".into(),
                    text: "一、总体评价".into(),
                },
                Block::Heading2 {
                    id: "h2".into(),
                    text: "（一）贯彻落实方面".into(),
                },
                Block::Heading3 {
                    id: "h3".into(),
                    text: "1.学习不够深入".into(),
                },
                paragraph("p", "巡察组认为，该单位党组2024年度召开12次会议。"),
                Block::Signature {
                    id: "sig".into(),
                    text: "区委第三巡察组".into(),
                },
                Block::Date {
                    id: "date".into(),
                    text: "2025年3月20日".into(),
                },
                Block::Attachment {
                    label: "附件1".into(),
                    title: "问题清单".into(),
                },
            ],
        }
    }

    /// The run properties of the run holding `text`.
    fn run_of<'a>(xml: &'a str, text: &str) -> &'a str {
        let at = xml.find(&format!(">{text}</w:t>")).unwrap();
        let start = xml[..at].rfind("<w:r>").unwrap();
        &xml[start..at]
    }

    #[test]
    fn every_run_names_its_faces_by_block() {
        let bytes = render(&doc()).unwrap();
        let xml = part(&bytes, "word/document.xml");
        let face = |text: &str, face: &str| {
            let run = run_of(&xml, text);
            let want = format!(r#"w:ascii="{face}""#);
            assert!(run.contains(&want), "{text}: {run}");
            assert!(run.contains(&format!(r#"w:eastAsia="{face}""#)), "{text}");
        };
        face("关于对区委统战部党组巡察情况的反馈意见", "方正小标宋简体");
        face("一、总体评价", "黑体");
        face("（一）贯彻落实方面", "楷体_GB2312");
        face("1.学习不够深入", "仿宋_GB2312");
        face("区委第三巡察组", "仿宋_GB2312");
        face("附件1", "黑体");
        assert!(run_of(&xml, "关于对区委统战部党组巡察情况的反馈意见")
            .contains(r#"<w:sz w:val="44" />"#));
        let body = run_of(&xml, "巡察组认为，该单位党组2024年度召开12次会议。");
        assert!(body.contains(r#"<w:spacing w:val="-5" />"#), "{body}");
        assert!(body.contains(r#"<w:sz w:val="32" />"#), "{body}");
        // The attachment starts a new page.
        let label = xml.find(">附件1<").unwrap();
        let para = xml[..label].rfind("<w:p ").unwrap();
        assert!(xml[para..label].contains("<w:pageBreakBefore />"));
    }

    #[test]
    fn no_theme_fonts_and_every_part_in_schema_order() {
        let bytes = render(&doc()).unwrap();
        for name in names(&bytes).iter().filter(|n| n.ends_with(".xml")) {
            let xml = part(&bytes, name);
            assert!(!xml.contains("Theme"), "{name} names a theme font");
            let nodes = xml::parse(&xml);
            let mut bad = Vec::new();
            check_order(&nodes, &mut bad);
            assert!(bad.is_empty(), "{name}: {bad:?}");
        }
    }

    fn check_order(nodes: &[xml::Node], bad: &mut Vec<String>) {
        for n in nodes {
            let xml::Node::Element(e) = n else { continue };
            if let Some(order) = patch::schema_order(&e.name) {
                let rank = |c: &xml::Element| {
                    let local = c.name.split_once(':').map_or(c.name.as_str(), |(_, l)| l);
                    order.split_whitespace().position(|o| o == local)
                };
                let ranks: Vec<_> = e.elements().map(rank).collect();
                if ranks.iter().any(Option::is_none) || ranks.windows(2).any(|w| w[0] > w[1]) {
                    bad.push(e.name.clone());
                }
            }
            if let Some(children) = &e.children {
                check_order(children, bad);
            }
        }
    }

    #[test]
    fn styles_fonts_and_settings() {
        let bytes = render(&doc()).unwrap();
        let styles = part(&bytes, "word/styles.xml");
        assert!(styles.contains(r#"w:type="paragraph" w:default="1" w:styleId="Normal""#));
        assert!(styles.contains(r#"<w:lang w:val="en-US" w:eastAsia="zh-CN""#));
        let fonts = part(&bytes, "word/fontTable.xml");
        assert!(fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>"#));
        assert!(fonts.contains(r#"<w:charset w:val="86"/>"#));
        assert!(!fonts.contains("Times New Roman"));
        assert!(part(&bytes, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    }

    #[test]
    fn write_to_leaves_only_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("反馈意见.docx");
        write_to(&path, &doc()).unwrap();
        let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(files.len(), 1);
        assert!(std::fs::read(&path).unwrap().starts_with(b"PK"));
    }
}
