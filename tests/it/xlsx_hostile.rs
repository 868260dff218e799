//! Files a user might pick that are not the ledgers units keep: zip bombs, cells past
//! Excel's 32,767-character limit, control characters, emoji and rare characters,
//! formulas with and without saved results, tangled merges, a 100,000-row sheet. The
//! importer must refuse early and clearly, never panic, and never write on error.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rust_xlsxwriter::{Formula, Workbook};
use xuncha::import::plan::{ImportPlan, Severity};
use xuncha::import::xlsx::{read_ledger, zip_guard};
use zip::write::SimpleFileOptions;

use super::common::Cli;
use super::xlsx_fixtures::path as fixture;

/// Copies the xlsx `from` to `to`, passing each entry through `edit` (name, bytes).
pub fn rezip(from: &Path, to: &Path, edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) {
    let mut zin = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut zout = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        zout.start_file(name.as_str(), SimpleFileOptions::default())
            .unwrap();
        zout.write_all(&edit(&name, bytes)).unwrap();
    }
    zout.finish().unwrap();
}

/// Replaces `from` by `to` in the entry `entry` of the xlsx at `path` (in place).
pub fn patch(path: &Path, entry: &str, from: &str, to: &str) {
    let tmp = path.with_extension("tmp");
    rezip(path, &tmp, |name, bytes| {
        if name != entry {
            return bytes;
        }
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains(from), "{from} not in {name}");
        text.replacen(from, to, 1).into_bytes()
    });
    std::fs::rename(tmp, path).unwrap();
}

pub const HEADER: [&str; 6] = [
    "序号",
    "反馈问题",
    "具体表现",
    "整改措施",
    "整改时限",
    "责任单位",
];

/// A one-row-header ledger with `rows` under [`HEADER`] (all strings).
pub fn ledger(path: &Path, rows: &[[&str; 6]]) -> Workbook {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
    wb
}

const ROW: [&str; 6] = [
    "1",
    "理论学习不够深入",
    "学习计划性不强",
    "制定学习计划",
    "2025年9月30日",
    "办公室",
];

fn errors(p: &ImportPlan) -> Vec<(String, String)> {
    p.issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| (i.place(), i.message.clone()))
        .collect()
}

/// Imports `file` through the CLI into a fresh inspection; expects a refusal naming
/// `want` and nothing written.
fn cli_refuses(file: &Path, want: &str) {
    let cli = Cli::new();
    let id = cli.inspection().to_string();
    let audit = cli.count("audit_log");
    let file_s = file.display().to_string();
    let err = cli.fail(&["--operator", "测试", "import", &file_s, "--inspection", &id]);
    assert!(err.contains(want), "{err}");
    assert_eq!(cli.count("findings"), 0);
    assert_eq!(cli.count("tasks"), 0);
    assert_eq!(cli.count("audit_log"), audit, "nothing written");
}

/// A zip whose sheet1.xml unpacks to `mb` megabytes of repeated rows.
pub fn bomb(path: &Path, mb: usize) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = SimpleFileOptions::default().large_file(true);
    z.start_file("[Content_Types].xml", opts).unwrap();
    z.write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>").unwrap();
    z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    z.write_all(b"<?xml version=\"1.0\"?><worksheet><sheetData>")
        .unwrap();
    // Rows of one long repeated word: what a bomb is made of (over 1000:1).
    let row = format!(
        "<row><c t=\"inlineStr\"><is><t>{}</t></is></c></row>",
        "a".repeat(30_000)
    );
    let mut written = 0;
    while written < mb * 1024 * 1024 {
        z.write_all(row.as_bytes()).unwrap();
        written += row.len();
    }
    z.write_all(b"</sheetData></worksheet>").unwrap();
    z.finish().unwrap();
}

#[test]
fn zip_bomb_is_refused_before_anything_is_unpacked() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("台账.xlsx");
    bomb(&file, 200);
    let packed = std::fs::metadata(&file).unwrap().len();
    assert!(packed < 3 * 1024 * 1024, "{packed} bytes");

    let t = Instant::now();
    let err = read_ledger(&file, 2025).unwrap_err();
    let refusal = t.elapsed();
    let msg = err.to_string();
    assert_eq!(err.field(), Some("file"));
    assert!(
        msg.contains("压缩炸弹") && msg.contains("台账.xlsx") && msg.contains("sheet1.xml"),
        "{msg}"
    );

    // Reference, same run: only unpacking the sheet, which any parse would have to do.
    let t = Instant::now();
    let mut z = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    let n = std::io::copy(
        &mut z.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut std::io::sink(),
    )
    .unwrap();
    let unpack = t.elapsed();
    println!(
        "bomb: {packed} bytes → {n} bytes; refused in {refusal:?}, unpacking alone takes {unpack:?}"
    );
    assert!(
        refusal * 5 < unpack,
        "refusal ({refusal:?}) should not unpack anything (unpacking takes {unpack:?})"
    );
    cli_refuses(&file, "压缩炸弹");
}

#[test]
fn archives_too_big_or_with_too_many_parts_are_refused() {
    let file = fixture("wps_two_row.xlsx");
    let small = zip_guard::ZipLimits {
        max_total: 4 * 1024,
        ..zip_guard::ZipLimits::default()
    };
    let err = zip_guard::check(&file, &small).unwrap_err().to_string();
    assert!(
        err.contains("wps_two_row.xlsx") && err.contains("解压后超过"),
        "{err}"
    );
    let few = zip_guard::ZipLimits {
        max_entries: 3,
        ..zip_guard::ZipLimits::default()
    };
    let err = zip_guard::check(&file, &few).unwrap_err().to_string();
    assert!(err.contains("个部件"), "{err}");
    assert!(zip_guard::check(&file, &zip_guard::ZipLimits::default()).is_ok());
    // A zip that is not a workbook at all.
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.xlsx");
    std::fs::write(&junk, b"PK\x03\x04 not really a zip").unwrap();
    let err = read_ledger(&junk, 2025).unwrap_err().to_string();
    assert!(err.contains("已损坏") && err.contains("junk.xlsx"), "{err}");
}

/// A ledger with a measure over 2,000 characters (D3), a control character (C4) and a
/// title of 40,000 characters (B5), past Excel's own 32,767 limit: only a hand-made file
/// holds that.
pub fn long_cells(file: &Path) {
    let long_measure = "措".repeat(2_500);
    let mut row2 = ROW;
    row2[0] = "2";
    row2[1] = "公务接待不规范";
    row2[3] = &long_measure;
    let mut row3 = ROW;
    row3[0] = "3";
    row3[1] = "财务制度执行不严";
    row3[2] = "报销\u{7}凭证不全";
    let mut row4 = ROW;
    row4[0] = "4";
    row4[1] = "HUGE_TITLE";
    ledger(file, &[ROW, row2, row3, row4]);
    let huge = "很".repeat(40_000);
    patch(
        file,
        "xl/sharedStrings.xml",
        "<t>HUGE_TITLE</t>",
        &format!("<t>{huge}</t>"),
    );
}

#[test]
fn cells_too_long_or_with_control_characters_are_errors_on_their_cell() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("长单元格.xlsx");
    long_cells(&file);
    let p = read_ledger(&file, 2025).unwrap();
    let errs = errors(&p);
    let find = |cell: &str| {
        errs.iter()
            .find(|(place, _)| place == &format!("{cell}单元格"))
            .map(|(_, m)| m.clone())
            .unwrap_or_else(|| panic!("no error on {cell}: {errs:?}"))
    };
    assert!(
        find("D3").contains("整改措施过长：2500 个字，最多 2000 个字"),
        "{errs:?}"
    );
    assert!(find("C4").contains("控制字符"), "{errs:?}");
    assert!(find("B5").contains("反馈问题过长：40000 个字"), "{errs:?}");
    assert_eq!(errs.len(), 3, "{errs:?}");
    cli_refuses(&file, "D3单元格");
}

#[test]
fn emoji_and_rare_characters_come_through_unchanged() {
    let cli = Cli::new();
    let id = cli.inspection().to_string();
    let file = cli.dir.path().join("生僻字.xlsx");
    let mut row = ROW;
    row[1] = "𠀾堃同志🙂反映的问题未及时办理";
    row[2] = "涉及𪚥、𠮷等生僻字姓名登记错误👍";
    row[5] = "堃园社区";
    ledger(&file, &[row]);
    let file_s = file.display().to_string();
    let out = cli.json(&["--operator", "测试", "import", &file_s, "--inspection", &id]);
    assert_eq!(out["findings_added"], 1, "{out}");
    let (title, manifestation): (String, String) = cli
        .conn()
        .query_row("SELECT title, manifestation FROM findings", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(title, row[1]);
    assert_eq!(manifestation, row[2]);
    // …and out again into the ledger.
    let out = cli.dir.path().join("台账.xlsx");
    let out_s = out.display().to_string();
    cli.ok(&["export", "ledger", "--out", &out_s, "--inspection", &id]);
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let r = wb.worksheet_range("整改台账").unwrap();
    let all: Vec<String> = r.cells().map(|(_, _, v)| v.to_string()).collect();
    assert!(all.iter().any(|c| c == row[1]), "{all:?}");
    assert!(all.iter().any(|c| c == "堃园社区"), "{all:?}");
}

/// Formulas: a measure (D2) and a date (E2) with saved results, a formula saved without
/// its result (D3, as some generators write them) and one whose result is an error (E3).
pub fn formulas(file: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, title) in [(1u32, "理论学习不够深入"), (2, "公务接待不规范")] {
        ws.write_number(r, 0, r as f64).unwrap();
        ws.write_string(r, 1, title).unwrap();
        ws.write_string(r, 2, "具体表现").unwrap();
        ws.write_string(r, 5, "办公室").unwrap();
    }
    ws.write_formula(
        1,
        3,
        Formula::new("=\"制定\"&\"学习计划\"").set_result("制定学习计划"),
    )
    .unwrap();
    ws.write_formula(1, 4, Formula::new("=DATE(2025,9,30)").set_result("45930"))
        .unwrap();
    ws.write_formula(2, 3, Formula::new("=Sheet2!A1").set_result("NO_RESULT"))
        .unwrap();
    ws.write_formula(2, 4, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    wb.save(file).unwrap();
    patch(
        file,
        "xl/worksheets/sheet1.xml",
        "<f>Sheet2!A1</f><v>NO_RESULT</v>",
        "<f>Sheet2!A1</f>",
    );
}

#[test]
fn formulas_give_their_saved_result_or_an_error_on_their_cell() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("公式.xlsx");
    formulas(&file);
    let p = read_ledger(&file, 2025).unwrap();
    let t = &p.findings[0].tasks[0];
    assert_eq!(t.measure, "制定学习计划");
    assert_eq!(
        t.deadline.map(|d| d.to_string()).as_deref(),
        Some("2025-09-30")
    );
    let errs = errors(&p);
    assert!(
        errs.iter().any(|(place, m)| place == "D3单元格"
            && m.contains("“=Sheet2!A1”")
            && m.contains("没有保存计算结果")),
        "{errs:?}"
    );
    assert!(
        errs.iter()
            .any(|(place, m)| place == "E3单元格" && m.contains("错误值 #DIV/0!")),
        "{errs:?}"
    );
    cli_refuses(&file, "没有保存计算结果");
}

fn two_findings(ws: &mut rust_xlsxwriter::Worksheet, columns: usize) {
    let mut row2 = ROW;
    row2[0] = "2";
    row2[1] = "公务接待不规范";
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in [ROW, row2].iter().enumerate() {
        for (c, v) in row.iter().enumerate().take(columns) {
            ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
}

/// Merges B2:B3 and A3:C3 overlap: Excel never writes that, a damaged or hand-made file
/// can.
pub fn overlapping_merges(file: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    two_findings(ws, 6);
    ws.merge_range(
        1,
        1,
        2,
        1,
        "理论学习不够深入",
        &rust_xlsxwriter::Format::new(),
    )
    .unwrap();
    wb.save(file).unwrap();
    patch(
        file,
        "xl/worksheets/sheet1.xml",
        "<mergeCell ref=\"B2:B3\"/>",
        "<mergeCell ref=\"B2:B3\"/><mergeCell ref=\"A3:C3\"/>",
    );
}

/// The 责任单位 header cell merged down into the data rows (F1:F3).
pub fn header_merged_into_data(file: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    two_findings(ws, 5);
    ws.merge_range(0, 5, 2, 5, "责任单位", &rust_xlsxwriter::Format::new())
        .unwrap();
    wb.save(file).unwrap();
}

#[test]
fn tangled_merges_are_errors_naming_the_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let overlap = dir.path().join("重叠.xlsx");
    overlapping_merges(&overlap);
    let p = read_ledger(&overlap, 2025).unwrap();
    let errs = errors(&p);
    assert!(
        errs.iter()
            .any(|(place, m)| place == "A3:C3单元格" && m.contains("A3:C3 与 B2:B3 重叠")),
        "{errs:?}"
    );
    cli_refuses(&overlap, "重叠");

    let spanning = dir.path().join("跨表头.xlsx");
    header_merged_into_data(&spanning);
    let p = read_ledger(&spanning, 2025).unwrap();
    let errs = errors(&p);
    assert!(
        errs.iter()
            .any(|(place, m)| place == "F1:F3单元格" && m.contains("从表头")),
        "{errs:?}"
    );
}

/// A ledger with `n` findings of one task each.
fn long_ledger(path: &Path, n: u32) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["序号", "反馈问题", "整改措施", "整改时限"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 1..=n {
        ws.write_number(i, 0, i as f64).unwrap();
        ws.write_string(i, 1, format!("问题{i}")).unwrap();
        ws.write_string(i, 2, "制定整改方案").unwrap();
        ws.write_string(i, 3, "2025年9月30日").unwrap();
    }
    wb.save(path).unwrap();
}

#[test]
fn a_sheet_past_the_row_limit_is_read_up_to_it_and_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file: PathBuf = dir.path().join("十万行.xlsx");
    long_ledger(&file, 100_000);
    let t = Instant::now();
    let p = read_ledger(&file, 2025).unwrap();
    println!(
        "100,000-row sheet read in {:?}: {} findings planned",
        t.elapsed(),
        p.findings.len()
    );
    let limit = xuncha::import::xlsx::sheet::MAX_ROWS as usize;
    // The header is the first of the rows read.
    assert_eq!(p.findings.len(), limit - 1);
    let errs = errors(&p);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0, format!("第{}行", limit + 1));
    assert!(errs[0].1.contains("工作表超过 50000 行"), "{errs:?}");
}
