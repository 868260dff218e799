//! Generator of the import fixtures in `tests/fixtures/xlsx/`: ledgers written the ways
//! units really keep them (WPS two-row headers, synonyms, merges, section rows, notes,
//! every date style) and bad files. The generated files are committed so the import
//! tests do not depend on the exporter; regenerate with
//! `cargo test -p xuncha-tests --test it xlsx_fixtures -- --ignored`.
//! (`encrypted.xlsx` was made once from `wps_two_row.xlsx` with PyPI's msoffcrypto-tool:
//! `msoffcrypto-tool -e -p 123456 wps_two_row.xlsx encrypted.xlsx`.)

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

/// Where the fixtures live.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/xlsx")
}

/// Path of one fixture.
pub fn path(name: &str) -> PathBuf {
    dir().join(name)
}

fn fmt() -> Format {
    Format::new()
        .set_font_name("仿宋_GB2312")
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
}

fn s(ws: &mut Worksheet, r: u32, c: u16, text: &str) {
    ws.write_string_with_format(r, c, text, &fmt()).unwrap();
}

fn merge(ws: &mut Worksheet, r1: u32, c1: u16, r2: u32, c2: u16, text: &str) {
    ws.merge_range(r1, c1, r2, c2, text, &fmt()).unwrap();
}

/// A WPS-style ledger: title, 填报单位 line, two-row header with 责任分工 (other headers
/// merged down), section rows, a finding merged down over three tasks, units separated in
/// several ways, dates as date cells and as text, 立行立改 / 长期坚持, a 注： row and a blank
/// row.
fn wps_two_row(out: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("整改台账").unwrap();
    merge(
        ws,
        0,
        0,
        0,
        11,
        "中共某某区委统战部党组落实区委第三巡察组反馈意见整改台账",
    );
    merge(ws, 1, 0, 1, 7, "填报单位（盖章）：区委统战部");
    merge(ws, 1, 8, 1, 11, "填报时间：2025年5月10日");
    for (c, h) in [
        (0, "序号"),
        (1, "反馈问题"),
        (2, "具体表现"),
        (3, "整改措施"),
    ] {
        merge(ws, 2, c, 3, c, h);
    }
    merge(ws, 2, 4, 2, 7, "责任分工");
    for (c, h) in [
        (4, "牵头领导"),
        (5, "责任领导"),
        (6, "牵头单位"),
        (7, "责任单位"),
    ] {
        s(ws, 3, c, h);
    }
    for (c, h) in [
        (8, "整改时限"),
        (9, "整改进展"),
        (10, "整改状态"),
        (11, "备注"),
    ] {
        merge(ws, 2, c, 3, c, h);
    }
    let date_fmt = fmt().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    // Row 5 (index 4): section.
    merge(
        ws,
        4,
        0,
        4,
        11,
        "一、贯彻落实党的理论和路线方针政策及党中央重大决策部署方面",
    );
    // Finding 1 over rows 6–8 (index 5–7).
    ws.merge_range(5, 0, 7, 0, "", &fmt()).unwrap();
    ws.write_number_with_format(5, 0, 1.0, &fmt()).unwrap();
    merge(ws, 5, 1, 7, 1, "理论学习不够深入");
    merge(
        ws,
        5,
        2,
        7,
        2,
        "党组理论学习中心组学习计划性不强，专题研讨仅开展2次。",
    );
    let tasks: [(&str, &str, &str, &str, &str); 3] = [
        (
            "制定年度学习计划",
            "王建国",
            "李明华",
            "办公室",
            "办公室、机关党委",
        ),
        (
            "每季度开展专题研讨",
            "王建国",
            "李明华",
            "办公室",
            "机关党委，宣传科",
        ),
        (
            "建立学习成果转化机制",
            "王建国",
            "张卫东",
            "机关党委",
            "宣传科\n综合科",
        ),
    ];
    for (i, (m, ll, rl, lu, ru)) in tasks.iter().enumerate() {
        let r = 5 + i as u32;
        s(ws, r, 3, m);
        s(ws, r, 4, ll);
        s(ws, r, 5, rl);
        s(ws, r, 6, lu);
        s(ws, r, 7, ru);
    }
    ws.write_datetime_with_format(
        5,
        8,
        ExcelDateTime::from_ymd(2025, 3, 31).unwrap(),
        &date_fmt,
    )
    .unwrap();
    s(ws, 6, 8, "2025年6月底前");
    s(ws, 7, 8, "长期坚持");
    s(ws, 5, 9, "已制定学习计划");
    s(ws, 5, 10, "已完成");
    s(ws, 6, 10, "正在推进");
    s(ws, 7, 10, "持续整改");
    // Row 9 (index 8): section; finding 2 with one task.
    merge(
        ws,
        8,
        0,
        8,
        11,
        "二、落实全面从严治党主体责任和监督责任方面",
    );
    ws.write_number_with_format(9, 0, 2.0, &fmt()).unwrap();
    s(ws, 9, 1, "公务接待管理不规范");
    s(ws, 9, 2, "12笔公务接待无公函。");
    s(ws, 9, 3, "补齐公函，超标准部分退赔");
    s(ws, 9, 4, "王建国");
    s(ws, 9, 5, "刘芳");
    s(ws, 9, 6, "财务科");
    s(ws, 9, 7, "财务科；办公室");
    s(ws, 9, 8, "立行立改");
    s(ws, 9, 10, "已销号");
    // Finding 3 over two rows with 2025.9.30 and an Excel date serial as plain number.
    ws.merge_range(10, 0, 11, 0, "", &fmt()).unwrap();
    ws.write_number_with_format(10, 0, 3.0, &fmt()).unwrap();
    merge(ws, 10, 1, 11, 1, "财务制度执行不严");
    merge(ws, 10, 2, 11, 2, "报销凭证附件不全。");
    s(ws, 10, 3, "开展财务专项检查");
    s(ws, 11, 3, "修订财务管理办法");
    for r in [10, 11] {
        s(ws, r, 4, "王建国");
        s(ws, r, 5, "刘芳");
        s(ws, r, 6, "财务科");
    }
    s(ws, 10, 7, "财务科/办公室");
    s(ws, 11, 7, "财务科");
    s(ws, 10, 8, "2025.9.30");
    ws.write_number_with_format(11, 8, 45838.0, &fmt()).unwrap(); // 2025-06-30
    s(ws, 10, 10, "整改中");
    s(ws, 11, 10, "未启动");
    // Blank row 13 (index 12), then notes.
    ws.write_string(13, 0, "注：1. 整改时限为“长期坚持”的，须明确阶段目标。")
        .unwrap();
    ws.write_string(14, 0, "填报人：赵磊                审核人：王建国")
        .unwrap();
    wb.save(out).unwrap();
}

/// A one-row header on row 4 with synonyms and columns in another order, no merges (the
/// finding's cells left blank on its later task rows), every written date style, status
/// variants and units separated by every usual mark.
fn synonyms_one_row(out: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Sheet1").unwrap();
    ws.write_string(0, 0, "巡察反馈问题整改清单").unwrap();
    let header = [
        "编号",
        "存在问题",
        "问题表现",
        "整改举措",
        "责任部门",
        "配合单位",
        "完成时限",
        "状态",
        "进展情况",
        "责任人",
    ];
    for (c, h) in header.iter().enumerate() {
        s(ws, 3, c as u16, h);
    }
    let rows: [[&str; 10]; 9] = [
        [
            "一、贯彻落实党的理论和路线方针政策方面",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "1",
            "意识形态责任制落实不到位",
            "未专题研究意识形态工作。",
            "每半年专题研究一次",
            "宣传科",
            "办公室",
            "2025.3.31",
            "已整改",
            "",
            "陈静",
        ],
        [
            "",
            "",
            "",
            "完善三审制度",
            "宣传科",
            "",
            "2025/4/30",
            "整改中",
            "已起草",
            "陈静",
        ],
        [
            "",
            "",
            "",
            "开展网站内容自查",
            "宣传科",
            "",
            "2025-05-31",
            "未开始",
            "",
            "陈静",
        ],
        [
            "二、落实新时代党的组织路线方面",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "2",
            "选人用人不规范",
            "干部档案材料缺失。",
            "开展干部档案专项审核",
            "人事科",
            "机关党委,办公室",
            "3月底前",
            "已完成",
            "",
            "孙立新",
        ],
        [
            "",
            "",
            "",
            "建立档案审核机制",
            "人事科",
            "",
            "2025年6月底前",
            "持续推进",
            "",
            "孙立新",
        ],
        [
            "3",
            "基层组织生活不严格",
            "三会一课落实不严格。",
            "开展组织生活专项检查",
            "机关党委",
            "各支部/办公室",
            "长期坚持",
            "基本完成",
            "",
            "吴昊、郑丽",
        ],
        ["", "", "", "", "", "", "", "", "", ""],
    ];
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                s(ws, 4 + i as u32, c as u16, v);
            }
        }
    }
    ws.write_number(13, 6, 45900.0).unwrap(); // a serial with no date format: 2025-08-31
    s(ws, 13, 3, "制定组织生活考核办法");
    s(ws, 13, 4, "机关党委");
    ws.write_string(15, 0, "备注：本表由办公室汇总。").unwrap();
    wb.save(out).unwrap();
}

/// A two-row header whose other headers are written in the upper row only (not merged
/// down), with the category as a column instead of section rows.
fn two_row_unmerged(out: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("台账").unwrap();
    for (c, h) in [
        (0, "序号"),
        (1, "问题类别"),
        (2, "反馈问题"),
        (3, "整改措施"),
        (7, "整改时限"),
        (8, "整改状态"),
    ] {
        s(ws, 0, c, h);
    }
    merge(ws, 0, 4, 0, 6, "责任分工");
    for (c, h) in [(4, "牵头领导"), (5, "牵头单位"), (6, "责任人")] {
        s(ws, 1, c, h);
    }
    let rows: [[&str; 9]; 3] = [
        [
            "1",
            "落实全面从严治党主体责任和监督责任方面",
            "廉政谈话开展不经常",
            "制定谈话计划",
            "王建国",
            "机关党委",
            "赵磊",
            "2025年7月31日",
            "正在推进",
        ],
        [
            "2",
            "落实巡视巡察、审计等监督发现问题整改方面",
            "上轮巡察问题整改不彻底",
            "逐项对账销号",
            "王建国",
            "办公室",
            "陈静",
            "2025年12月31日前",
            "未启动",
        ],
        [
            "3",
            "落实巡视巡察、审计等监督发现问题整改方面",
            "审计发现问题未整改",
            "追缴违规资金",
            "刘芳",
            "财务科",
            "周敏",
            "20250831",
            "推进中",
        ],
    ];
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            s(ws, 2 + i as u32, c as u16, v);
        }
    }
    wb.save(out).unwrap();
}

/// A ledger with one unreadable deadline (尽快) in H7 and an unknown status in I8.
fn bad_date(out: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let header = [
        "序号",
        "反馈问题",
        "整改措施",
        "牵头单位",
        "责任单位",
        "责任人",
        "备注",
        "整改时限",
        "整改状态",
    ];
    for (c, h) in header.iter().enumerate() {
        s(ws, 4, c as u16, h);
    }
    merge(ws, 5, 0, 5, 8, "一、落实全面从严治党主体责任和监督责任方面");
    let rows: [[&str; 9]; 2] = [
        [
            "1",
            "财务管理不规范",
            "清理往来款",
            "财务科",
            "财务科",
            "周敏",
            "",
            "尽快",
            "正在推进",
        ],
        [
            "2",
            "公车管理不规范",
            "完善公车登记",
            "办公室",
            "办公室",
            "赵磊",
            "",
            "2025年6月30日",
            "差不多了",
        ],
    ];
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                s(ws, 6 + i as u32, c as u16, v);
            }
        }
    }
    wb.save(out).unwrap();
}

/// A workbook whose only sheet is empty.
fn empty(out: &Path) {
    let mut wb = Workbook::new();
    wb.add_worksheet();
    wb.save(out).unwrap();
}

/// A table that is not a ledger (a contact list).
fn no_header(out: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in [["姓名", "电话", "邮箱"], ["赵磊", "12345", "a@b.c"]]
        .iter()
        .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(out).unwrap();
}

#[test]
#[ignore = "regenerates the committed fixtures"]
fn regenerate() {
    std::fs::create_dir_all(dir()).unwrap();
    wps_two_row(&path("wps_two_row.xlsx"));
    synonyms_one_row(&path("synonyms_one_row.xlsx"));
    two_row_unmerged(&path("two_row_unmerged.xlsx"));
    bad_date(&path("bad_date.xlsx"));
    empty(&path("empty.xlsx"));
    no_header(&path("no_header.xlsx"));
    std::fs::write(
        path("not_xlsx.xlsx"),
        "序号,反馈问题\n1,这是一个 CSV 文件\n",
    )
    .unwrap();
    std::fs::write(path("zero_bytes.xlsx"), "").unwrap();
}
