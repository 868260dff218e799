//! 签字背书: the page a report can end with, on which the secretary signs for its truth by
//! hand. Either report (领导班子 and 主要负责人) may carry it.

use crate::report::data::LedgerData;
use crate::report::doc::{paragraph, Block, Document};

/// Where the handwritten signature goes: the label and room for it.
pub const SIGN_HERE: &str = "签字：　　　　　　";
/// The date, left blank to be written by hand.
pub const BLANK_DATE: &str = "　　年　　月　　日";

/// Appends the 签字背书 page to `doc`.
pub fn append(doc: &mut Document, data: &LedgerData) {
    let ins = &data.inspection;
    doc.blocks.push(Block::PageBreak);
    doc.blocks.push(Block::Heading1 {
        id: "endorsement-heading".into(),
        text: "签字背书".into(),
    });
    doc.blocks.push(paragraph(
        "endorsement",
        format!(
            "本人已认真审核《{}》，报告所述整改情况真实、准确、完整，没有隐瞒、虚报、夸大。\
             如有不实，本人愿承担相应责任。",
            doc.title
        ),
    ));
    doc.blocks.push(Block::Signature {
        id: "endorsement-signature".into(),
        text: format!("{}党组书记\n{SIGN_HERE}", ins.inspected_org),
    });
    doc.blocks.push(Block::Date {
        id: "endorsement-date".into(),
        text: BLANK_DATE.into(),
    });
}
