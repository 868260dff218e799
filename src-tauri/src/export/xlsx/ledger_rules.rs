//! What the spreadsheet itself keeps doing after export: the warning colours, recomputed
//! each day from the deadline and status cells (red when overdue, yellow and green at
//! [`YELLOW_DAYS`] and [`GREEN_DAYS`] left), and the status column's drop-down, which
//! offers exactly what the ledger writes there.

use rust_xlsxwriter::{ConditionalFormatFormula, DataValidation, Worksheet};

use super::layout::{col_letter, xlsx_err};
use super::styles::Styles;
use super::template::LedgerTemplate;
use crate::domain::status::{GREEN_DAYS, YELLOW_DAYS};
use crate::domain::Status;
use crate::report::ledger::cells::status_choices;
use crate::report::ledger::LedgerColumn;
use crate::Result;

/// Adds the warning colours and the status list to the data rows `first..=last`.
pub fn add(
    ws: &mut Worksheet,
    st: &Styles,
    tpl: &LedgerTemplate,
    first: u32,
    last: u32,
) -> Result<()> {
    let pos = |col: LedgerColumn| tpl.columns.iter().position(|c| c.column == col);
    if let Some(s) = pos(LedgerColumn::Status) {
        let choices = status_choices();
        let labels: Vec<&str> = choices.iter().map(String::as_str).collect();
        let message = format!("请从列表中选择整改状态：{}", labels.join("、"));
        let dv = DataValidation::new()
            .allow_list_strings(&labels)
            .map_err(xlsx_err)?
            .set_error_title("整改状态")
            .map_err(xlsx_err)?
            .set_error_message(&message)
            .map_err(xlsx_err)?;
        ws.add_data_validation(first, s as u16, last, s as u16, &dv)
            .map_err(xlsx_err)?;
    }
    let (Some(d), Some(s)) = (pos(LedgerColumn::Deadline), pos(LedgerColumn::Status)) else {
        return Ok(());
    };
    let dref = format!("${}{}", col_letter(d as u16), first + 1);
    let sref = format!("${}{}", col_letter(s as u16), first + 1);
    let open = format!(
        "ISNUMBER({dref}),{sref}<>\"{}\",{sref}<>\"{}\"",
        Status::Completed.label(),
        Status::Closed.label()
    );
    let rules = [
        (format!("=AND({open},{dref}<TODAY())"), &st.red),
        (
            format!("=AND({open},{dref}-TODAY()<={YELLOW_DAYS})"),
            &st.yellow,
        ),
        (
            format!("=AND({open},{dref}-TODAY()<={GREEN_DAYS})"),
            &st.green,
        ),
    ];
    // Task cells only: a merged finding cell would take its first task's colour.
    let mut c = 0;
    while c < tpl.columns.len() {
        if tpl.columns[c].column.is_finding_level() {
            c += 1;
            continue;
        }
        let mut end = c;
        while end + 1 < tpl.columns.len() && !tpl.columns[end + 1].column.is_finding_level() {
            end += 1;
        }
        for (rule, fmt) in &rules {
            let cf = ConditionalFormatFormula::new()
                .set_rule(rule.as_str())
                .set_format(*fmt)
                .set_stop_if_true(true);
            ws.add_conditional_format(first, c as u16, last, end as u16, &cf)
                .map_err(xlsx_err)?;
        }
        c = end + 1;
    }
    Ok(())
}
