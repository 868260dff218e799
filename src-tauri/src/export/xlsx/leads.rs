//! 问题线索 (leads on persons) are confidential: they are never part of the ledger or any
//! document, and are exported only when asked for explicitly, to a workbook of their own
//! marked 【保密】 in its title, on every printed page (header and footer) and in the
//! file's properties. There is deliberately no [`super::SheetKind`] for leads, so no
//! template can put them into a ledger.

use std::path::Path;

use rust_xlsxwriter::{DocProperties, Workbook};
use serde::Serialize;

use super::layout::xlsx_err;
use super::styles::Styles;
use super::table::{col, Table};
use super::template::Fonts;
use crate::domain::{Inspection, Lead};
use crate::report::ledger::CellValue;
use crate::{Error, Result};

/// The sheet's name.
pub const SHEET: &str = "问题线索";

/// Printed at the top of every page.
pub const PAGE_HEADER: &str = "&C&\"黑体\"&12【保密】";

/// Printed at the foot of every page: who may see it, and the page number.
pub const PAGE_FOOTER: &str =
    "&L【保密】本表含问题线索，仅限巡察组内部掌握，不得复制、外传或随台账报送&R第 &P 页 共 &N 页";

/// What the export wrote.
#[derive(Debug, Clone, Serialize)]
pub struct LeadsSummary {
    pub path: std::path::PathBuf,
    pub leads: usize,
    pub transferred: usize,
}

fn table(groups: &[(Inspection, Vec<Lead>)]) -> Table {
    let org = match groups {
        [(one, _)] => one.inspected_org.clone(),
        _ => String::new(),
    };
    let mut t = Table {
        sheet: SHEET.to_owned(),
        title: format!("【保密】{org}巡察问题线索清单"),
        columns: vec![
            col("序号", 5.0, true),
            col("巡察", 20.0, false),
            col("反映对象", 8.0, true),
            col("职务", 14.0, true),
            col("线索内容", 44.0, false),
            col("发现日期", 12.0, true),
            col("移交单位", 10.0, true),
            col("移交日期", 12.0, true),
            col("回执编号", 12.0, true),
        ],
        rows: Vec::new(),
        warning_col: None,
    };
    let mut n = 0;
    for (inspection, leads) in groups {
        for l in leads {
            n += 1;
            let (to, on, receipt) = match &l.transfer {
                Some(x) => (
                    CellValue::text(&x.to),
                    CellValue::Date(x.on),
                    CellValue::text(&x.receipt_no),
                ),
                None => (
                    CellValue::text("未移交"),
                    CellValue::Empty,
                    CellValue::Empty,
                ),
            };
            t.rows.push(vec![
                CellValue::Number(n as f64),
                CellValue::text(&inspection.name),
                CellValue::text(&l.person),
                CellValue::text(&l.position),
                CellValue::text(&l.summary),
                CellValue::date(l.found_on),
                to,
                on,
                receipt,
            ]);
        }
    }
    t
}

/// Writes the leads of each inspection to `path` (atomically), marked confidential.
pub fn write_leads(groups: &[(Inspection, Vec<Lead>)], path: &Path) -> Result<LeadsSummary> {
    if groups.is_empty() {
        return Err(Error::invalid("inspection", "没有可导出的巡察"));
    }
    let st = Styles::new(&Fonts::default());
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_title("【保密】巡察问题线索清单")
        .set_subject("保密：仅限巡察组内部掌握")
        .set_keywords("保密");
    wb.set_properties(&props);
    super::table::write(&mut wb, &st, &table(groups), false)?;
    let ws = wb.worksheet_from_name(SHEET).map_err(xlsx_err)?;
    ws.set_header(PAGE_HEADER).set_footer(PAGE_FOOTER);
    super::save_atomic(&mut wb, path)?;
    let all = groups.iter().flat_map(|(_, l)| l);
    Ok(LeadsSummary {
        path: path.to_path_buf(),
        leads: all.clone().count(),
        transferred: all.filter(|l| l.transfer.is_some()).count(),
    })
}
