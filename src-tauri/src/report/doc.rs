//! The document model the reports are composed into and the PDF engine lays out: a title
//! and a list of blocks in the official-document hierarchy. It carries words, not layout.
//!
//! Generated documents are drafts: the user edits paragraphs before printing. Every
//! editable block has a stable `id` (derived from the data it came from, e.g. `finding-12`),
//! so edits are stored as `id → text` and survive regenerating the document from newer
//! data ([`apply_edits`]). The whole model is serde-serialisable for the store.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// Key of the title in an edit map.
pub const TITLE_ID: &str = "title";

/// A portrait official document (GB/T 9704).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Document {
    /// 标题, printed in 2号小标宋, centred; may be edited under the id [`TITLE_ID`].
    pub title: String,
    pub blocks: Vec<Block>,
}

/// One block of a document, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// 主送机关 (e.g. 区委统战部党组：), flush left, no indent.
    Addressee { id: String, text: String },
    /// 一、… in 黑体.
    Heading1 { id: String, text: String },
    /// （一）… in 楷体.
    Heading2 { id: String, text: String },
    /// 1. or （1） standing alone, in 仿宋.
    Heading3 { id: String, text: String },
    /// Body paragraph in 仿宋, first line indented two characters. A numbered item
    /// ("1.标题。具体表现……") is a paragraph too.
    Paragraph { id: String, text: String },
    /// 发文机关署名 / signature (区委第三巡察组; 党组书记：XXX), placed above the date.
    Signature { id: String, text: String },
    /// 成文日期, e.g. 2025年3月20日, right-indented four characters.
    Date { id: String, text: String },
    /// Starts a new page.
    PageBreak,
    /// An attachment: starts a new page with “附件N” (黑体, top left) and its title.
    Attachment { label: String, title: String },
}

impl Block {
    /// The stable id of an editable block.
    pub fn id(&self) -> Option<&str> {
        match self {
            Block::Addressee { id, .. }
            | Block::Heading1 { id, .. }
            | Block::Heading2 { id, .. }
            | Block::Heading3 { id, .. }
            | Block::Paragraph { id, .. }
            | Block::Signature { id, .. }
            | Block::Date { id, .. } => Some(id),
            Block::PageBreak | Block::Attachment { .. } => None,
        }
    }

    /// The text of a block (empty for a page break).
    pub fn text(&self) -> &str {
        match self {
            Block::Addressee { text, .. }
            | Block::Heading1 { text, .. }
            | Block::Heading2 { text, .. }
            | Block::Heading3 { text, .. }
            | Block::Paragraph { text, .. }
            | Block::Signature { text, .. }
            | Block::Date { text, .. } => text,
            Block::Attachment { title, .. } => title,
            Block::PageBreak => "",
        }
    }

    fn text_mut(&mut self) -> Option<&mut String> {
        match self {
            Block::Addressee { text, .. }
            | Block::Heading1 { text, .. }
            | Block::Heading2 { text, .. }
            | Block::Heading3 { text, .. }
            | Block::Paragraph { text, .. }
            | Block::Signature { text, .. }
            | Block::Date { text, .. } => Some(text),
            Block::PageBreak | Block::Attachment { .. } => None,
        }
    }
}

/// The signature and date that close a document (ids `signature` and `date`, under which
/// the user's edits are kept).
pub fn signed(signer: impl Into<String>, date: impl Into<String>) -> [Block; 2] {
    [
        Block::Signature {
            id: "signature".into(),
            text: signer.into(),
        },
        Block::Date {
            id: "date".into(),
            text: date.into(),
        },
    ]
}

/// The addressee of a report to the inspection authority's leading group.
pub fn to_leading_group(authority: &str) -> Block {
    Block::Addressee {
        id: "addressee".into(),
        text: format!("{authority}巡察工作领导小组："),
    }
}

/// Builds blocks with ids; keeps the composers short.
pub fn paragraph(id: impl Into<String>, text: impl Into<String>) -> Block {
    Block::Paragraph {
        id: id.into(),
        text: text.into(),
    }
}

impl Document {
    /// All text in reading order (title first), one block per line: for checks and search.
    pub fn plain_text(&self) -> String {
        let mut out = self.title.clone();
        for b in &self.blocks {
            if let Block::Attachment { label, .. } = b {
                out.push('\n');
                out.push_str(label);
            }
            out.push('\n');
            out.push_str(b.text());
        }
        out
    }

    /// The current text of every editable block (and the title), keyed by id: what the
    /// editor shows and what differs from a fresh generation is what the store keeps.
    pub fn texts(&self) -> HashMap<String, String> {
        let mut map: HashMap<String, String> = self
            .blocks
            .iter()
            .filter_map(|b| b.id().map(|id| (id.to_owned(), b.text().to_owned())))
            .collect();
        map.insert(TITLE_ID.to_owned(), self.title.clone());
        map
    }

    /// The edits that turn `generated` into `self`: only texts that differ.
    pub fn edits_from(&self, generated: &Document) -> HashMap<String, String> {
        let before = generated.texts();
        self.texts()
            .into_iter()
            .filter(|(id, text)| before.get(id) != Some(text))
            .collect()
    }
}

/// Applies the user's edits (`id → text`) to a freshly generated document. Edits whose
/// block no longer exists (the finding was deleted) are dropped; blocks new since the edit
/// keep their generated text.
pub fn apply_edits(mut generated: Document, edits: &HashMap<String, String>) -> Document {
    if let Some(title) = edits.get(TITLE_ID) {
        generated.title = title.clone();
    }
    for block in &mut generated.blocks {
        let Some(id) = block.id().map(str::to_owned) else {
            continue;
        };
        if let (Some(edited), Some(text)) = (edits.get(&id), block.text_mut()) {
            *text = edited.clone();
        }
    }
    generated
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(overall: &str) -> Document {
        Document {
            title: "关于对区委统战部党组巡察情况的反馈意见".into(),
            blocks: vec![
                Block::Heading1 {
                    id: "h-overall".into(),
                    text: "一、总体评价".into(),
                },
                paragraph("overall", overall),
                paragraph("finding-7", "1.问题。"),
            ],
        }
    }

    #[test]
    fn edits_survive_regeneration() {
        let generated = doc("生成的评价。");
        let mut edited = generated.clone();
        if let Block::Paragraph { text, .. } = &mut edited.blocks[1] {
            *text = "组长修改后的评价。".into();
        }
        edited.title = "关于对区委统战部党组常规巡察情况的反馈意见".into();
        let edits = edited.edits_from(&generated);
        assert_eq!(edits.len(), 2, "{edits:?}");

        // Newer data changes the generated text; the user's words still win.
        let mut regenerated = doc("数据更新后生成的评价。");
        regenerated
            .blocks
            .push(paragraph("finding-9", "2.新增问题。"));
        let merged = apply_edits(regenerated, &edits);
        assert_eq!(merged.title, edited.title);
        assert_eq!(merged.blocks[1].text(), "组长修改后的评价。");
        assert_eq!(merged.blocks[3].text(), "2.新增问题。");
    }

    #[test]
    fn edits_of_removed_blocks_are_dropped() {
        let edits = HashMap::from([("finding-99".to_owned(), "已删除的问题".to_owned())]);
        let merged = apply_edits(doc("评价"), &edits);
        assert!(!merged.plain_text().contains("已删除的问题"));
    }

    #[test]
    fn round_trips_as_json() {
        let d = doc("评价");
        let json = serde_json::to_string(&d).unwrap();
        assert!(json.contains(r#""kind":"paragraph""#), "{json}");
        let back: Document = serde_json::from_str(&json).unwrap();
        assert_eq!(back, d);
    }
}
