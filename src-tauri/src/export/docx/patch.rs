//! The one place where docx-rs's XML output is corrected or completed. docx-rs 0.4.22 has no
//! API for, or gets wrong:
//! - the styles: its Normal style has no `w:default="1"` (LibreOffice then takes 12 pt as the
//!   document's size) and no face or size, and no part has `w:lang` (East Asian zh-CN) —
//!   the styles part is written here whole;
//! - the font table: it always lists Times New Roman, Symbol and Arial — written here whole,
//!   with the faces and fallbacks of [`super::fonts::FONT_TABLE`];
//! - the core properties: it names the author “unknown” and dates the file 1970 — written
//!   here whole, with the document's title and no author or dates;
//! - the settings: it always writes legacy compatibility options (balanced single-byte
//!   widths among them, which would change how Word sets digits) — written here whole, with
//!   `w:evenAndOddHeaders`;
//! - `w:firstLineChars` (stored, never written), added next to every `w:firstLine`;
//! - `w:tblHeader` on header rows;
//! - footer references on section breaks inside the document (a section without them has
//!   no page numbers): each `w:sectPr` gets the document's;
//! - element order: it writes `w:sectPr` as pgSz, pgMar, cols, docGrid, then the footer
//!   references, `w:pPr` with its `w:rPr` first, `w:rPr` with `w:sz` before `w:rFonts`.
//!   Word rejects a file whose elements are out of the schema's order, so the children of
//!   these elements are sorted into the order of ECMA-376 Part 1 (the sequences below).

use docx_rs::XMLDocx;

use super::fonts::{CHARSET_GB2312, FONT_TABLE};
use super::page::{char_twips, half_points};
use super::xml::{self, Element, Node};
use crate::export::gb9704::GbLayout;

/// Children of `w:sectPr` (CT_SectPr) in schema order.
pub const SECT_PR: &str = "\
    headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders \
    lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter \
    docGrid printerSettings sectPrChange";

/// Children of `w:pPr` (CT_PPr) in schema order.
pub const P_PR: &str = "\
    pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers \
    pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE \
    autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents \
    suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId \
    cnfStyle rPr sectPr pPrChange";

/// Children of `w:rPr` (CT_RPr) in schema order.
pub const R_PR: &str = "\
    rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint \
    noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u \
    effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange";

/// Children of `w:tblPr` (CT_TblPr) in schema order.
pub const TBL_PR: &str = "\
    tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc \
    tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook";

/// Children of `w:trPr` (CT_TrPr) in schema order.
pub const TR_PR: &str = "\
    cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader \
    tblCellSpacing jc hidden ins del trPrChange";

/// Children of `w:tcPr` (CT_TcPr) in schema order.
pub const TC_PR: &str = "\
    cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText \
    vAlign hideMark";

/// The schema order of the children of `name`, for the elements the patch sorts
/// (local names, separated by whitespace).
pub fn schema_order(name: &str) -> Option<&'static str> {
    Some(match name {
        "w:sectPr" => SECT_PR,
        "w:pPr" => P_PR,
        "w:rPr" => R_PR,
        "w:tblPr" => TBL_PR,
        "w:trPr" => TR_PR,
        "w:tcPr" => TC_PR,
        _ => return None,
    })
}

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// Applies every patch. `header_rows` gives, per table in document order, how many of its
/// first rows are header rows.
pub(super) fn apply(x: &mut XMLDocx, g: &GbLayout, title: &str, header_rows: &[usize]) {
    x.doc_props.core = core(title).into_bytes();
    x.styles = styles(g).into_bytes();
    x.font_table = font_table().into_bytes();
    x.settings = settings().into_bytes();
    x.document = patch_part(&x.document, |nodes| {
        first_line_chars(nodes, char_twips(g));
        table_headers(nodes, header_rows);
        section_footers(nodes);
    });
    // The parts docx-rs always writes (its unused default numbering among them).
    for part in x
        .footers
        .iter_mut()
        .chain([&mut x.numberings, &mut x.footnotes, &mut x.comments])
    {
        *part = patch_part(part, |_| {});
    }
}

/// Parses a part, applies `edit`, sorts children into schema order, writes it back.
fn patch_part(part: &[u8], edit: impl FnOnce(&mut Vec<Node>)) -> Vec<u8> {
    let mut nodes = xml::parse(&String::from_utf8_lossy(part));
    edit(&mut nodes);
    xml::walk_mut(&mut nodes, &mut |e| {
        if let Some(order) = schema_order(&e.name) {
            e.sort_children(order);
        }
    });
    let mut out = String::with_capacity(part.len() + 1024);
    xml::write_nodes(&nodes, &mut out);
    out.into_bytes()
}

/// `w:firstLineChars` (hundredths of a character) beside each `w:firstLine` indent, so Word
/// and WPS keep “two characters” when the size changes. LibreOffice reads `w:firstLine`.
fn first_line_chars(nodes: &mut [Node], char_twips: i32) {
    xml::walk_mut(nodes, &mut |e| {
        if e.name != "w:ind" || e.attr("w:firstLineChars").is_some() {
            return;
        }
        let chars = e
            .attr("w:firstLine")
            .and_then(|v| v.parse::<i32>().ok())
            .map(|tw| tw * 100 / char_twips.max(1));
        if let Some(chars) = chars {
            e.set_attr("w:firstLineChars", &chars.to_string());
        }
    });
}

/// `w:tblHeader` in the first `n` rows of each table.
fn table_headers(nodes: &mut [Node], header_rows: &[usize]) {
    let mut tables = header_rows.iter();
    xml::walk_mut(nodes, &mut |e| {
        if e.name != "w:tbl" {
            return;
        }
        let n = tables.next().copied().unwrap_or(0);
        for row in e.elements_mut().filter(|r| r.name == "w:tr").take(n) {
            if let Some(tr_pr) = row.elements_mut().find(|c| c.name == "w:trPr") {
                tr_pr.push(empty("w:tblHeader"));
            }
        }
    });
}

/// Gives every `w:sectPr` without footer references those of the document's last one.
fn section_footers(nodes: &mut [Node]) {
    let mut refs: Vec<Element> = Vec::new();
    xml::walk_mut(nodes, &mut |e| {
        if e.name == "w:sectPr" {
            refs = e
                .elements()
                .filter(|c| c.name == "w:footerReference")
                .cloned()
                .collect();
        }
    });
    xml::walk_mut(nodes, &mut |e| {
        if e.name == "w:sectPr" && !e.elements().any(|c| c.name == "w:footerReference") {
            for r in &refs {
                e.push(r.clone());
            }
        }
    });
}

fn empty(name: &str) -> Element {
    Element {
        name: name.to_owned(),
        start: format!("<{name}"),
        children: None,
    }
}

/// The body's run properties: face, 3号, and the language (zh-CN East Asian text).
fn body_rpr(g: &GbLayout) -> String {
    let face = g.body_role.family_name();
    let sz = half_points(g.body_pt);
    format!(
        r#"<w:rPr><w:rFonts w:ascii="{face}" w:hAnsi="{face}" w:eastAsia="{face}" w:cs="{face}"/><w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>"#
    )
}

/// The styles part: defaults and the Normal paragraph style in the body's face and size,
/// widow and orphan control on, justified, no added space around Latin text; the default
/// character and table styles.
fn styles(g: &GbLayout) -> String {
    let rpr = body_rpr(g);
    // The space between Chinese and Latin text or digits (autoSpaceDE/DN) is left on, as
    // Word, WPS and LibreOffice (which ignores the setting) all default, and as the PDF sets
    // it (`pdf::linebreak::SCRIPT_GAP_EM`). overflowPunct is Word's default, punctuation
    // may hang past the right edge; it is written because LibreOffice 7.4 reads the value
    // inverted: with it, LibreOffice pushes a character down instead, as the PDF does;
    // without it, LibreOffice hangs the mark and drops it before Latin text (“政府。2025”
    // printed as “政府2025”).
    let ppr = r#"<w:widowControl/><w:overflowPunct/><w:jc w:val="both"/>"#;
    format!(
        r#"{DECL}<w:styles {W_NS}><w:docDefaults><w:rPrDefault>{rpr}</w:rPrDefault><w:pPrDefault><w:pPr>{ppr}</w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr>{rpr}</w:style><w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#
    )
}

/// The font table: every face of [`FONT_TABLE`] with its fallback, PANOSE and GB2312.
fn font_table() -> String {
    let mut out = format!("{DECL}<w:fonts {W_NS}>");
    for f in FONT_TABLE {
        out.push_str(&format!(
            r#"<w:font w:name="{}"><w:altName w:val="{}"/><w:panose1 w:val="{}"/><w:charset w:val="{CHARSET_GB2312}"/><w:family w:val="{}"/><w:pitch w:val="{}"/></w:font>"#,
            f.name, f.alt_name, f.panose, f.family, f.pitch
        ));
    }
    out.push_str("</w:fonts>");
    out
}

/// The core properties: the title only (WPS and Word show it under 属性).
fn core(title: &str) -> String {
    let title = title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        r#"{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title></cp:coreProperties>"#
    )
}

/// The settings: different odd and even footers, punctuation not compressed (the PDF does
/// not compress it either), Word 2013+ layout.
fn settings() -> String {
    format!(
        r#"{DECL}<w:settings {W_NS}><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_children_are_sorted_and_get_footers() {
        let doc = r#"<w:body><w:p><w:pPr><w:rPr /><w:sectPr><w:pgSz w:w="1" /><w:docGrid w:type="lines" /><w:pgMar w:top="1" /></w:sectPr></w:pPr></w:p><w:sectPr><w:pgSz w:w="1" /><w:pgMar w:top="1" /><w:cols w:num="1" /><w:docGrid w:type="lines" /><w:footerReference w:type="default" r:id="rId6" /><w:footerReference w:type="even" r:id="rId7" /></w:sectPr></w:body>"#;
        let out = String::from_utf8(patch_part(doc.as_bytes(), |n| section_footers(n))).unwrap();
        assert!(out.contains(r#"<w:pPr><w:rPr /><w:sectPr><w:footerReference w:type="default" r:id="rId6" /><w:footerReference w:type="even" r:id="rId7" /><w:pgSz w:w="1" /><w:pgMar w:top="1" /><w:docGrid w:type="lines" /></w:sectPr></w:pPr>"#), "{out}");
        assert!(out.ends_with(r#"<w:sectPr><w:footerReference w:type="default" r:id="rId6" /><w:footerReference w:type="even" r:id="rId7" /><w:pgSz w:w="1" /><w:pgMar w:top="1" /><w:cols w:num="1" /><w:docGrid w:type="lines" /></w:sectPr></w:body>"#), "{out}");
    }
}
