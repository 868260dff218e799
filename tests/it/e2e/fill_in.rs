//! 填报表 from the desktop: on the export page a unit's workbook is exported through the
//! 单位填报表 card and read back with calamine; a progress entry is typed into it (the
//! zip rewritten as Excel saves it, with the CLI test's helper), and the 导入填报表 tab
//! previews it as 新进展 and applies it; the entry is read back from the database.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};

use super::webdriver::Session;
use super::{choose, nav, shot, steps};
use crate::fillin;

/// The Excel row (1-based) of the first task in the unit's sheet, and its 整改措施.
fn first_task(file: &Path) -> (u32, String) {
    let mut book: Xlsx<_> = calamine::open_workbook(file).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let (top, _) = range.start().unwrap();
    let measure_col = u32::from(fillin::MEASURE.as_bytes()[0] - b'A');
    let cell = |r: u32| {
        range
            .get_value((r, measure_col))
            .map(Data::to_string)
            .unwrap_or_default()
    };
    let last = range.end().unwrap().0;
    let header = (top..=last)
        .find(|&r| cell(r) == "整改措施")
        .expect("the header row");
    let first = (header + 1..=last)
        .find(|&r| !cell(r).trim().is_empty() && cell(r) != "整改措施")
        .expect("a task row");
    (first + 1, cell(first))
}

/// Exports `unit`'s workbook into `dir` from the card, fills one row in, imports it.
pub fn export_fill_and_import(s: &Session, db: &Path, dir: &Path, unit: &str) {
    nav(s, "export");
    choose(s, "[data-test=fill-in-unit]", unit);
    let file = dir.join(format!("{unit}填报.xlsx"));
    s.script(
        "window.__XUNCHA_PICK__ = [arguments[0]];",
        serde_json::json!([file.display().to_string()]),
    )
    .unwrap();
    s.click("[data-test=fill-in-export]").unwrap();
    s.wait_text(".exported-toast", &format!("已导出{unit}填报表"))
        .unwrap();
    let (row, measure) = first_task(&file);
    assert!(!measure.is_empty(), "the workbook lists the unit's task");
    shot(s, "13b-demo-fill-in-export");

    let said = "已完成票据复核，补齐手续";
    fillin::text(&file, &format!("{}{row}", fillin::PROGRESS), said);
    let before = steps::count(db, "SELECT count(*) FROM progress");
    s.click_text(".el-tabs__item", "导入填报表").unwrap();
    s.script(
        "window.__XUNCHA_PICK__ = [arguments[0]];",
        serde_json::json!([file.display().to_string()]),
    )
    .unwrap();
    s.click("[data-test=fill-in-pick]").unwrap();
    s.wait_text("[data-test=fill-in-preview]", said).unwrap();
    s.wait_text("[data-test=fill-in-preview]", "新进展")
        .unwrap();
    s.wait_text("[data-test=fill-in-apply]", "导入选中的 1 项")
        .unwrap();
    shot(s, "13c-demo-fill-in-preview");
    s.click("[data-test=fill-in-apply]").unwrap();
    s.wait_text("[data-test=fill-in-result]", "已导入 1 项整改进展")
        .unwrap();
    assert_eq!(
        steps::count(db, "SELECT count(*) FROM progress"),
        before + 1
    );
    let sql = format!(
        "SELECT count(*) FROM progress p JOIN tasks t ON t.id = p.task_id
         WHERE p.text = '{said}' AND p.by = '{unit}' AND t.measure = '{measure}'"
    );
    assert_eq!(
        steps::count(db, &sql),
        1,
        "the entry on the row's task, by the unit"
    );
}
