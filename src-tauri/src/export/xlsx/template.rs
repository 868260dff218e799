//! The settings of an xlsx ledger export: which columns of the ledger model
//! ([`LedgerColumn`]) in which order and under which header, the title and header lines,
//! the sheets and the fonts. Units receive different templates from their 巡察办, so
//! everything a template may vary is here, with the official layout as the default; what a
//! cell says is the model's, never the template's. The store saves named templates as JSON.

use serde::{Deserialize, Serialize};

use crate::report::ledger::{Heading, LedgerColumn, ASSIGNMENT_GROUP};
use crate::{Error, Result};

/// One column of the combined ledger as a template wants it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    pub column: LedgerColumn,
    /// Header text; empty = the official label.
    #[serde(default)]
    pub header: String,
    /// Width in Excel character units; `None` = fitted to the content.
    #[serde(default)]
    pub width: Option<f64>,
}

impl ColumnSpec {
    /// The column with its official label and a fitted width.
    pub fn new(column: LedgerColumn) -> Self {
        ColumnSpec {
            column,
            header: String::new(),
            width: None,
        }
    }

    /// The header text shown.
    pub fn header(&self) -> &str {
        if self.header.trim().is_empty() {
            self.column.label()
        } else {
            &self.header
        }
    }
}

/// The sheets a ledger workbook can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetKind {
    /// 整改台账: the combined, printable ledger.
    Ledger,
    /// 问题清单.
    Findings,
    /// 任务清单.
    Tasks,
    /// 责任清单: one row per person or unit.
    Responsibilities,
    /// 进展统计: the official counts.
    Statistics,
    /// 立行立改清单.
    ImmediateFixes,
    /// 建章立制汇总表.
    Regulations,
    /// 问责情况表.
    Accountability,
    /// 销号清单.
    CloseOuts,
}

impl SheetKind {
    /// Every sheet, in workbook order.
    pub const ALL: &'static [SheetKind] = &[
        SheetKind::Ledger,
        SheetKind::Findings,
        SheetKind::Tasks,
        SheetKind::Responsibilities,
        SheetKind::Statistics,
        SheetKind::ImmediateFixes,
        SheetKind::Regulations,
        SheetKind::Accountability,
        SheetKind::CloseOuts,
    ];

    /// The sheet's name in the workbook (also its title's last words).
    pub fn name(self) -> &'static str {
        match self {
            SheetKind::Ledger => "整改台账",
            SheetKind::Findings => "问题清单",
            SheetKind::Tasks => "任务清单",
            SheetKind::Responsibilities => "责任清单",
            SheetKind::Statistics => "进展统计",
            SheetKind::ImmediateFixes => "立行立改清单",
            SheetKind::Regulations => "建章立制汇总表",
            SheetKind::Accountability => "问责情况表",
            SheetKind::CloseOuts => "销号清单",
        }
    }

    /// Whether the sheet is in a workbook unless the user leaves it out.
    pub fn is_default(self) -> bool {
        matches!(
            self,
            SheetKind::Ledger
                | SheetKind::Findings
                | SheetKind::Tasks
                | SheetKind::Responsibilities
                | SheetKind::Statistics
        )
    }
}

/// Font names and sizes (pt). The defaults are the fonts on the users' machines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fonts {
    pub title: String,
    pub title_size: f64,
    pub header: String,
    pub header_size: f64,
    pub body: String,
    pub body_size: f64,
}

impl Default for Fonts {
    fn default() -> Self {
        Fonts {
            title: "方正小标宋简体".into(),
            title_size: 20.0,
            header: "黑体".into(),
            header_size: 11.0,
            body: "仿宋_GB2312".into(),
            body_size: 11.0,
        }
    }
}

/// How an xlsx ledger is laid out. Text fields may use the placeholders
/// `{inspected_org}`, `{unit_name}`, `{team}`, `{round}`, `{inspection}`, `{today}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LedgerTemplate {
    /// Title row of the combined ledger.
    pub title: String,
    /// Left part of the line under the title.
    pub unit_line: String,
    /// Right part of the line under the title.
    pub date_line: String,
    /// Columns of the combined ledger, in order.
    pub columns: Vec<ColumnSpec>,
    /// Group the responsibility columns under one 责任分工 header (two header rows).
    pub group_assignment: bool,
    /// Text of the group header.
    pub group_label: String,
    /// Sheets included, in this order.
    pub sheets: Vec<SheetKind>,
    pub fonts: Fonts,
}

impl Default for LedgerTemplate {
    fn default() -> Self {
        let official = Heading::OFFICIAL;
        LedgerTemplate {
            title: official.title.into(),
            unit_line: official.unit_line.into(),
            date_line: official.date_line.into(),
            columns: LedgerColumn::OFFICIAL
                .iter()
                .copied()
                .map(ColumnSpec::new)
                .collect(),
            group_assignment: true,
            group_label: ASSIGNMENT_GROUP.into(),
            sheets: SheetKind::ALL
                .iter()
                .copied()
                .filter(|s| s.is_default())
                .collect(),
            fonts: Fonts::default(),
        }
    }
}

impl LedgerTemplate {
    /// Reads a template saved as JSON; missing fields take the defaults, a misspelt field
    /// is refused (it would otherwise be silently ignored).
    pub fn from_json(text: &str) -> Result<Self> {
        let t: LedgerTemplate =
            serde_json::from_str(text).map_err(|e| Error::invalid("template", json_error(&e)))?;
        t.validate()?;
        Ok(t)
    }

    /// Checks what the exporter relies on.
    pub fn validate(&self) -> Result<()> {
        if self.columns.is_empty() {
            return Err(Error::invalid("template", "台账模板至少要有一列"));
        }
        if self.sheets.is_empty() {
            return Err(Error::invalid("template", "台账模板至少要包含一个工作表"));
        }
        for (i, c) in self.columns.iter().enumerate() {
            if self.columns[..i].iter().any(|p| p.column == c.column) {
                return Err(Error::invalid(
                    "template",
                    format!("台账模板中“{}”列重复", c.header()),
                ));
            }
            if let Some(w) = c.width {
                if !(1.0..=120.0).contains(&w) {
                    return Err(Error::invalid(
                        "template",
                        format!("“{}”列宽 {w} 不在 1～120 之间", c.header()),
                    ));
                }
            }
        }
        let sizes = [
            self.fonts.title_size,
            self.fonts.header_size,
            self.fonts.body_size,
        ];
        if sizes.iter().any(|s| !(6.0..=48.0).contains(s)) {
            return Err(Error::invalid("template", "字号须在 6～48 磅之间"));
        }
        Ok(())
    }

    /// Whether the combined ledger has a column.
    pub fn has(&self, column: LedgerColumn) -> bool {
        self.columns.iter().any(|c| c.column == column)
    }

    /// The model's columns this template shows, in its order.
    pub fn model_columns(&self) -> Vec<LedgerColumn> {
        self.columns.iter().map(|c| c.column).collect()
    }

    /// The heading texts (with placeholders) this template words.
    pub fn heading(&self) -> Heading<'_> {
        Heading {
            title: &self.title,
            unit_line: &self.unit_line,
            date_line: &self.date_line,
        }
    }
}

/// A JSON error in Chinese, with where it is and what would be accepted.
fn json_error(e: &serde_json::Error) -> String {
    let at = format!("第{}行第{}列", e.line(), e.column());
    let msg = e.to_string();
    // serde names the offending word and the choices in backticks.
    let quoted: Vec<&str> = msg.split('`').skip(1).step_by(2).collect();
    let (what, choices) = match quoted.split_first() {
        Some((w, rest)) => (*w, rest.join("、")),
        None => ("", String::new()),
    };
    match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            format!("台账模板不是有效的 JSON（{at}附近）")
        }
        _ if msg.starts_with("unknown field") => {
            format!("台账模板中有不认识的字段“{what}”（{at}）；可用字段：{choices}")
        }
        _ if msg.starts_with("unknown variant") => {
            format!("台账模板中有不认识的取值“{what}”（{at}）；可用：{choices}")
        }
        _ if msg.starts_with("invalid type") => {
            format!(
                "台账模板中某项的类型不对（{at}）：文字须加引号，列宽和字号须为数字，列表须用 [ ]"
            )
        }
        _ => format!("台账模板格式错误（{at}）：{msg}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_the_official_layout() {
        let t = LedgerTemplate::default();
        let headers: Vec<&str> = t.columns.iter().map(|c| c.header()).collect();
        assert_eq!(headers[..4], ["序号", "反馈问题", "具体表现", "整改措施"]);
        assert_eq!(headers.len(), 15);
        assert!(t.validate().is_ok());
        let names: Vec<&str> = t.sheets.iter().map(|s| s.name()).collect();
        assert_eq!(
            names,
            ["整改台账", "问题清单", "任务清单", "责任清单", "进展统计"]
        );
    }

    #[test]
    fn json_round_trip_and_partial_json() {
        let t = LedgerTemplate::default();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(LedgerTemplate::from_json(&json).unwrap(), t);
        let partial = LedgerTemplate::from_json(r#"{"title":"某某台账"}"#).unwrap();
        assert_eq!(partial.title, "某某台账");
        assert_eq!(partial.columns, t.columns);
    }

    #[test]
    fn bad_templates_are_refused() {
        let err = LedgerTemplate::from_json(r#"{"columns":[]}"#).unwrap_err();
        assert!(err.to_string().contains("至少要有一列"), "{err}");
        let err = LedgerTemplate::from_json(
            r#"{"columns":[{"column":"seq"},{"column":"seq","header":"编号"}]}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("重复"), "{err}");
        let err = LedgerTemplate::from_json("not json").unwrap_err();
        assert!(err.to_string().contains("不是有效的 JSON"), "{err}");
        let err = LedgerTemplate::from_json(r#"{"titel":"某某台账"}"#).unwrap_err();
        assert!(
            err.to_string().contains("不认识的字段“titel”") && err.to_string().contains("title"),
            "{err}"
        );
        let err = LedgerTemplate::from_json(r#"{"columns":[{"column":"seqq"}]}"#).unwrap_err();
        assert!(err.to_string().contains("不认识的取值“seqq”"), "{err}");
        let err = LedgerTemplate::from_json(r#"{"columns":[{"column":"seq","width":"宽"}]}"#)
            .unwrap_err();
        assert!(err.to_string().contains("类型不对"), "{err}");
    }
}
