//! Which source column of a ledger goes into which field, and why. The importer guesses
//! (by a header's synonym or keyword, by its column's content, by its position), a saved
//! mapping for the same header replaces the guess, and the user's own choice replaces
//! both. Two columns never go silently into one field: the plan says which one wins and
//! where the other goes (备注, under its header), or how they are combined.

use serde::{Deserialize, Serialize};

use crate::report::ledger::LedgerColumn;
use crate::{Error, Result};

/// Where a source column goes.
/// Serialized as its [`key`](MapTo::key) (`deadline`, `review`…), a string in TypeScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum MapTo {
    /// A column of the ledger model (整改时限, 备注…).
    Column(LedgerColumn),
    /// The date the problem was found (排查日期, 发现时间): the finding's `found_on`.
    FoundOn,
    /// The close-out review as the ledger recorded it (复查结果, 复查日期, 验收负责人…):
    /// kept as one dated progress entry, since a close-out here needs its own approval.
    Review,
    /// Not imported.
    Ignore,
}

/// The key of [`MapTo::FoundOn`], [`MapTo::Review`] and [`MapTo::Ignore`]; the model's
/// columns use their serde names (`deadline`).
const FOUND_ON: &str = "found_on";
const REVIEW: &str = "review";
const IGNORE: &str = "ignore";

impl MapTo {
    /// The key the UI and saved mappings use: `deadline`, `found_on`, `review`, `ignore`.
    pub fn key(self) -> String {
        match self {
            MapTo::Column(c) => serde_json::to_value(c)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            MapTo::FoundOn => FOUND_ON.into(),
            MapTo::Review => REVIEW.into(),
            MapTo::Ignore => IGNORE.into(),
        }
    }

    /// The field's name as the user sees it: the ledger model's labels, 发现日期, 复查验收,
    /// 不导入.
    pub fn label(self) -> &'static str {
        match self {
            MapTo::Column(c) => c.label(),
            MapTo::FoundOn => "发现日期",
            MapTo::Review => "复查验收",
            MapTo::Ignore => "不导入",
        }
    }

    /// Every field a column can be mapped to, in the ledger's order (预警 is derived and
    /// never read).
    pub fn options() -> Vec<MapTo> {
        let mut out: Vec<MapTo> = LedgerColumn::ALL
            .iter()
            .filter(|c| **c != LedgerColumn::Warning)
            .map(|c| MapTo::Column(*c))
            .collect();
        out.extend([MapTo::FoundOn, MapTo::Review, MapTo::Ignore]);
        out
    }

    /// A field named by the user: its label (整改时限), its key (deadline), or 忽略/none
    /// for nothing.
    pub fn parse(text: &str) -> Option<MapTo> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if ["忽略", "不导入", "none", "无", "-"].contains(&t.to_lowercase().as_str()) {
            return Some(MapTo::Ignore);
        }
        Self::options()
            .into_iter()
            .find(|m| m.label() == t || m.key() == t.to_lowercase())
    }

    /// Whether several source columns may go into this field together: units are listed,
    /// each progress column becomes its own entries, notes and review texts are joined
    /// under their headers.
    pub fn combines(self) -> bool {
        matches!(
            self,
            MapTo::Column(
                LedgerColumn::ResponsibleUnits | LedgerColumn::Progress | LedgerColumn::Note
            ) | MapTo::Review
                | MapTo::Ignore
        )
    }
}

impl From<MapTo> for String {
    fn from(m: MapTo) -> String {
        m.key()
    }
}

impl TryFrom<String> for MapTo {
    type Error = String;
    fn try_from(s: String) -> std::result::Result<Self, String> {
        MapTo::parse(&s).ok_or_else(|| format!("未知的字段“{s}”"))
    }
}

/// Why a column maps where it does, strongest last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The header was not recognised.
    Unknown,
    /// Where the column stands (under a header merged over several columns).
    Position,
    /// What the column holds (dates, personal names, amounts).
    Content,
    /// A keyword in the header (…措施…).
    Keyword,
    /// The header is a known name of the field.
    Synonym,
    /// The mapping saved for this header.
    Saved,
    /// The user's choice.
    User,
}

impl Reason {
    /// Every reason.
    pub const ALL: &'static [Reason] = &[
        Reason::Unknown,
        Reason::Position,
        Reason::Content,
        Reason::Keyword,
        Reason::Synonym,
        Reason::Saved,
        Reason::User,
    ];

    /// Its serde name.
    pub fn key(self) -> &'static str {
        match self {
            Reason::Unknown => "unknown",
            Reason::Position => "position",
            Reason::Content => "content",
            Reason::Keyword => "keyword",
            Reason::Synonym => "synonym",
            Reason::Saved => "saved",
            Reason::User => "user",
        }
    }

    /// How the dry run says it.
    pub fn label(self) -> &'static str {
        match self {
            Reason::Unknown => "表头未识别",
            Reason::Position => "按位置",
            Reason::Content => "按内容",
            Reason::Keyword => "按表头关键词",
            Reason::Synonym => "按表头名称",
            Reason::Saved => "按保存的对应关系",
            Reason::User => "按指定",
        }
    }
}

/// One source column and where it goes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ColumnMap {
    /// Column letter(s): "C".
    pub letter: String,
    /// Header text as written (the rows of a split header joined with ／).
    pub header: String,
    /// The field's key ([`MapTo::key`]).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub to: MapTo,
    pub reason: Reason,
    /// Where another column of the same field won, or how columns are combined; empty
    /// when there is nothing to say.
    pub explain: String,
}

/// A mapping the user gives: a column (its letter, or its header text) and its field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Choice {
    /// "H", or the header text ("目标设定完成时间").
    pub column: String,
    /// The field's key or name ([`MapTo::parse`]).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub to: MapTo,
}

/// Reads `--map 'H=整改时限,I=整改措施,备注说明=忽略'`: pairs separated by , ， ; ；, each
/// a column (letter or header text) = a field.
pub fn parse_choices(spec: &str) -> Result<Vec<Choice>> {
    let mut out = Vec::new();
    for pair in spec.split([',', '，', ';', '；']) {
        let pair = pair.trim();
        if pair.is_empty() {
            continue;
        }
        let Some((col, field)) = pair.split_once(['=', '＝']) else {
            return Err(Error::invalid(
                "map",
                format!("列对应关系“{pair}”应写成“列=字段”，如 H=整改时限"),
            ));
        };
        let (col, field) = (col.trim(), field.trim());
        if col.is_empty() {
            return Err(Error::invalid(
                "map",
                format!("列对应关系“{pair}”缺少列：写列字母（如 H）或表头文字"),
            ));
        }
        let to = MapTo::parse(field).ok_or_else(|| {
            let names: Vec<&str> = MapTo::options().iter().map(|m| m.label()).collect();
            Error::invalid(
                "map",
                format!(
                    "列对应关系“{pair}”中的字段“{field}”无法识别：可用 {}，或“忽略”",
                    names.join("、")
                ),
            )
        })?;
        out.push(Choice {
            column: col.to_owned(),
            to,
        });
    }
    Ok(out)
}

/// The 0-based index of a column letter ("A" → 0, "AA" → 26); `None` if it is not one.
pub fn letter_index(text: &str) -> Option<u32> {
    let t = text.trim();
    if t.is_empty() || t.len() > 3 || !t.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let n = t
        .to_ascii_uppercase()
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
    Some(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_by_label_key_or_nothing() {
        assert_eq!(
            MapTo::parse("整改时限"),
            Some(MapTo::Column(LedgerColumn::Deadline))
        );
        assert_eq!(
            MapTo::parse("deadline"),
            Some(MapTo::Column(LedgerColumn::Deadline))
        );
        assert_eq!(
            MapTo::parse("备注"),
            Some(MapTo::Column(LedgerColumn::Note))
        );
        assert_eq!(MapTo::parse("忽略"), Some(MapTo::Ignore));
        assert_eq!(MapTo::parse("None"), Some(MapTo::Ignore));
        assert_eq!(MapTo::parse("复查验收"), Some(MapTo::Review));
        assert_eq!(MapTo::parse("预警"), None, "derived, never read");
        assert_eq!(MapTo::parse("什么"), None);
        for m in MapTo::options() {
            assert_eq!(MapTo::parse(&m.key()), Some(m));
            assert_eq!(MapTo::parse(m.label()), Some(m));
        }
    }

    #[test]
    fn map_option_is_read_or_refused_with_the_field() {
        let got = parse_choices("H=整改时限，I = 整改措施;备注说明=忽略").unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].column, "H");
        assert_eq!(got[1].to, MapTo::Column(LedgerColumn::Measure));
        assert_eq!(got[2].column, "备注说明");
        assert_eq!(got[2].to, MapTo::Ignore);
        for bad in ["H", "=整改时限", "H=不存在的字段"] {
            let e = parse_choices(bad).unwrap_err();
            assert!(
                matches!(&e, Error::Validation { field, .. } if field == "map"),
                "{bad}"
            );
        }
        assert!(parse_choices("H=不存在的字段")
            .unwrap_err()
            .to_string()
            .contains("不存在的字段"));
    }

    #[test]
    fn reason_keys_are_their_serde_names() {
        for r in Reason::ALL {
            assert_eq!(serde_json::to_value(r).unwrap(), r.key());
        }
    }

    #[test]
    fn letters() {
        assert_eq!(letter_index("A"), Some(0));
        assert_eq!(letter_index("h"), Some(7));
        assert_eq!(letter_index("AA"), Some(26));
        assert_eq!(letter_index("AG"), Some(32));
        assert_eq!(letter_index("整改"), None);
        assert_eq!(letter_index("A1"), None);
    }
}
