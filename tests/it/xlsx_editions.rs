//! The confidential and the public exports, through the CLI and read back: leads (问题线索)
//! appear in no ledger sheet and only in their own 【保密】 workbook; the 公开版 shows
//! people by surname only, keeps units, and leaves out the accountable people's names.

use std::io::Read;
use std::path::Path;

use calamine::{Reader, Xlsx};

use super::common::Cli;

/// Every sheet's cells as text: (sheet, cell text).
fn all_cells(path: &Path) -> Vec<(String, String)> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let r = wb.worksheet_range(&name).unwrap();
        for (_, _, v) in r.cells() {
            out.push((name.clone(), v.to_string()));
        }
    }
    out
}

/// The workbook's raw parts (XML), to search what calamine does not show (properties,
/// headers and footers).
fn raw_parts(path: &Path) -> Vec<(String, String)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut e = z.by_index(i).unwrap();
            let mut s = String::new();
            let _ = e.read_to_string(&mut s);
            (e.name().unwrap().into_owned(), s)
        })
        .collect()
}

/// A template with every sheet there is.
fn all_sheets_template(cli: &Cli) -> String {
    let tpl = cli.dir.path().join("全部.json");
    std::fs::write(
        &tpl,
        r#"{"sheets":["ledger","findings","tasks","responsibilities","statistics",
            "immediate_fixes","regulations","accountability","close_outs"]}"#,
    )
    .unwrap();
    tpl.display().to_string()
}

const LEAD_TEXT: &str = "XZ-7731号线索：某科长违规收受管理服务对象礼金";
const LEAD_PERSON: &str = "欧阳秘闻";

fn demo_with_lead() -> Cli {
    let cli = Cli::new();
    cli.ok(&["--operator", "测试", "demo"]);
    cli.ok(&[
        "--operator",
        "测试",
        "lead",
        "add",
        "--inspection",
        "1",
        "--person",
        LEAD_PERSON,
        "--position",
        "财务科科长",
        "--summary",
        LEAD_TEXT,
        "--found-on",
        "2025-01-20",
    ]);
    cli
}

#[test]
fn leads_are_in_no_ledger_and_only_in_their_confidential_workbook() {
    let cli = demo_with_lead();
    let tpl = all_sheets_template(&cli);
    let lead_id = cli.count("leads").to_string();
    cli.ok(&[
        "--operator",
        "测试",
        "lead",
        "transfer",
        &lead_id,
        "--to",
        "区纪委监委",
        "--date",
        "2025-02-25",
        "--receipt",
        "区纪移〔2025〕3号",
    ]);
    // Every lead's text, the demo's too.
    let summaries: Vec<String> = {
        let conn = cli.conn();
        let mut stmt = conn.prepare("SELECT summary FROM leads").unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    assert_eq!(summaries.len(), 2);
    for public in [false, true] {
        let out = cli.dir.path().join(format!("台账{public}.xlsx"));
        let out_s = out.display().to_string();
        let mut args = vec!["export", "ledger", "--out", &out_s, "--template", &tpl];
        if public {
            args.push("--public");
        }
        cli.ok(&args);
        let cells = all_cells(&out);
        assert!(cells.len() > 200, "{} cells", cells.len());
        let sheets: std::collections::BTreeSet<&str> =
            cells.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(sheets.len(), 9, "{sheets:?}");
        let secrets = [
            "XZ-7731",
            "违规收受管理服务对象礼金",
            LEAD_PERSON,
            "区纪移〔2025〕3号",
        ];
        for (sheet, text) in &cells {
            for secret in secrets
                .iter()
                .copied()
                .chain(summaries.iter().map(String::as_str))
            {
                assert!(!text.contains(secret), "{secret} in {sheet}: {text}");
            }
        }
        for (part, xml) in raw_parts(&out) {
            assert!(!xml.contains("XZ-7731"), "lead in {part}");
        }
    }

    // Only when asked for, in a workbook of its own, marked confidential.
    let leads = cli.dir.path().join("线索.xlsx");
    let leads_s = leads.display().to_string();
    let said = cli.ok(&["export", "leads", "--out", &leads_s]);
    // The demo's own lead and ours.
    assert!(
        said.contains("保密") && said.contains("2 条，已移交 1 条"),
        "{said}"
    );
    let mut wb: Xlsx<_> = calamine::open_workbook(&leads).unwrap();
    assert_eq!(wb.sheet_names(), ["问题线索"]);
    let r = wb.worksheet_range("问题线索").unwrap();
    let title = r.get_value((0, 0)).unwrap().to_string();
    assert!(
        title.starts_with("【保密】") && title.ends_with("问题线索清单"),
        "{title}"
    );
    let cells: Vec<String> = r.cells().map(|(_, _, v)| v.to_string()).collect();
    for want in [LEAD_TEXT, LEAD_PERSON, "区纪委监委", "区纪移〔2025〕3号"] {
        assert!(cells.iter().any(|c| c == want), "{want} in {cells:?}");
    }
    let parts = raw_parts(&leads);
    let sheet = &parts
        .iter()
        .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
        .unwrap()
        .1;
    let footer = sheet
        .split("<oddFooter>")
        .nth(1)
        .and_then(|s| s.split("</oddFooter>").next())
        .unwrap_or_default();
    assert!(
        footer.contains("【保密】") && footer.contains("不得复制、外传"),
        "{footer}"
    );
    assert!(
        sheet.contains("<oddHeader>") && sheet.contains("【保密】"),
        "header"
    );
    let core = &parts
        .iter()
        .find(|(n, _)| n == "docProps/core.xml")
        .unwrap()
        .1;
    assert!(core.contains("【保密】巡察问题线索清单"), "{core}");

    // One inspection, and one that does not exist.
    cli.ok(&["export", "leads", "--out", &leads_s, "--inspection", "1"]);
    let err = cli.fail(&["export", "leads", "--out", &leads_s, "--inspection", "9"]);
    assert!(err.contains("9"), "{err}");
}

#[test]
fn the_public_edition_masks_people_and_keeps_units() {
    let cli = demo_with_lead();
    cli.ok(&[
        "--operator",
        "测试",
        "accountability",
        "add",
        "--inspection",
        "1",
        "--person",
        "钱卫东",
        "--position",
        "财务科科长",
        "--form",
        "诫勉",
        "--date",
        "2025-05-10",
    ]);
    // A person named inside free text is masked too.
    cli.ok(&[
        "--operator",
        "测试",
        "progress",
        "add",
        "--task",
        "1",
        "--text",
        "王建国同志主持召开党组会专题研究",
        "--date",
        "2025-05-12",
    ]);
    let tpl = all_sheets_template(&cli);
    let out = cli.dir.path().join("公开版.xlsx");
    let out_s = out.display().to_string();
    let said = cli.ok(&[
        "export",
        "ledger",
        "--out",
        &out_s,
        "--template",
        &tpl,
        "--public",
    ]);
    assert!(said.contains("（公开版）"), "{said}");
    let conn = cli.conn();
    let names = |kind: &str| -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM directory WHERE kind = ?1")
            .unwrap();
        stmt.query_map([kind], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let people = names("person");
    let units = names("unit");
    assert!(
        people.len() >= 8 && units.len() >= 5,
        "{people:?} {units:?}"
    );
    let cells = all_cells(&out);
    for (sheet, text) in &cells {
        for p in people.iter().chain(["钱卫东".to_owned()].iter()) {
            assert!(!text.contains(p.as_str()), "{p} in {sheet}: {text}");
        }
    }
    let texts: Vec<&str> = cells.iter().map(|(_, t)| t.as_str()).collect();
    for masked in ["王某某", "周某某", "赵某"] {
        assert!(texts.iter().any(|t| t.contains(masked)), "{masked} missing");
    }
    assert!(
        texts
            .iter()
            .any(|t| t.contains("王某某同志主持召开党组会专题研究")),
        "progress text"
    );
    for u in &units {
        assert!(
            texts.iter().any(|t| t.contains(u.as_str())),
            "unit {u} lost"
        );
    }
    // Every title says 公开版; the accountability sheet has no names column.
    let mut wb: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    for name in wb.sheet_names() {
        let r = wb.worksheet_range(&name).unwrap();
        let title = r.get_value((0, 0)).unwrap().to_string();
        assert!(title.ends_with("（公开版）"), "{name}: {title}");
    }
    let acc = wb.worksheet_range("问责情况表").unwrap();
    let header: Vec<String> = (0..acc.width() as u32)
        .map(|c| {
            acc.get_value((1, c))
                .map(|v| v.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert!(!header.iter().any(|h| h == "姓名"), "{header:?}");
    assert!(header.iter().any(|h| h == "问责方式"), "{header:?}");
    let acc_cells: Vec<String> = acc.cells().map(|(_, _, v)| v.to_string()).collect();
    assert!(acc_cells.iter().any(|c| c == "诫勉"), "{acc_cells:?}");

    // The internal edition still has the names.
    let internal = cli.dir.path().join("内部.xlsx");
    let internal_s = internal.display().to_string();
    cli.ok(&["export", "ledger", "--out", &internal_s, "--template", &tpl]);
    let cells = all_cells(&internal);
    assert!(cells.iter().any(|(_, t)| t.contains("王建国")));
    assert!(cells
        .iter()
        .any(|(s, t)| s == "问责情况表" && t == "钱卫东"));
}
