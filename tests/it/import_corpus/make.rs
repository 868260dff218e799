//! The import corpus: one workbook per shape that ledgers other offices keep, built with
//! rust_xlsxwriter so CI needs nothing new. `cargo test -p xuncha-tests --test it
//! import_corpus::regenerate -- --ignored` writes them into `tests/fixtures/xlsx/corpus/`
//! with the plan each gives (`<name>.plan.json`); the plans are reviewed and committed, and
//! `import_corpus::every_shape_reads_as_its_committed_plan` compares against them.
//! `hazard.xls` is `hazard.xlsx` saved by LibreOffice
//! (`soffice --headless --convert-to xls hazard.xlsx`), made once.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};

fn fmt() -> Format {
    Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
}

fn s(ws: &mut Worksheet, r: u32, c: u16, text: &str) {
    ws.write_string_with_format(r, c, text, &fmt()).unwrap();
}

fn n(ws: &mut Worksheet, r: u32, c: u16, v: f64) {
    ws.write_number_with_format(r, c, v, &fmt()).unwrap();
}

fn merge(ws: &mut Worksheet, r1: u32, c1: u16, r2: u32, c2: u16, text: &str) {
    ws.merge_range(r1, c1, r2, c2, text, &fmt()).unwrap();
}

/// (隐患内容, found serial, unit, person, deadline, measure, review, review date, status).
type HazardRow = (
    &'static str,
    f64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// The hazard-rectification ledger of issue 14: a title row and a band with 项目名称,
/// 填报人 and 填报时间 above a two-row header (序号 merged over both rows, 复查 split over
/// 结果 and 日期 by a merged cell), each row's measure merged across five columns, found
/// dates as Excel serials in General cells, text dates with stray spaces, names broken over
/// lines, and a 说明 block after the data.
pub fn hazard(out: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("隐患整改台账").unwrap();
    merge(ws, 0, 0, 0, 14, "某某公司安全隐患排查整改台账");
    merge(ws, 1, 0, 1, 4, "项目名称：某某区办公楼改造工程");
    merge(ws, 1, 5, 1, 9, "填报人：周敏");
    merge(ws, 1, 10, 1, 14, "填报时间：2025年7月1日");
    for (c, h) in [
        (0, "序号"),
        (1, "隐患内容"),
        (2, "排查日期"),
        (3, "责任单位"),
        (4, "责任人"),
        (5, "整改期限"),
    ] {
        merge(ws, 2, c, 3, c, h);
    }
    merge(ws, 2, 6, 3, 10, "整改措施与要求");
    merge(ws, 2, 11, 2, 12, "复查");
    s(ws, 3, 11, "结果");
    s(ws, 3, 12, "日期");
    merge(ws, 2, 13, 3, 13, "隐患状态");
    merge(ws, 2, 14, 3, 14, "备注");
    let rows: [HazardRow; 4] = [
        (
            "消防通道堆放杂物",
            45748.0, // 2025-04-01
            "物业部",
            "张\n伟",
            "2025年 4 月 15 日",
            "立即清理通道杂物，设置禁止堆放标识",
            "已清理到位",
            "2025年4月14日",
            "已整改",
        ),
        (
            "配电箱未上锁",
            45750.0, // 2025-04-03
            "工程部",
            "李强",
            "2025.4.30",
            "加装门锁，指定专人管理钥匙",
            "",
            "",
            "整改中",
        ),
        (
            "安全出口指示灯损坏",
            45752.0, // 2025-04-05
            "物业部",
            "王\n芳",
            "2025年5月31日",
            "更换损坏指示灯，建立月度巡检制度",
            "",
            "",
            "未整改",
        ),
        (
            "脚手架连墙件缺失",
            45755.0, // 2025-04-08
            "工程部、安全部",
            "赵磊",
            "2025年 6 月 25 日",
            "补设连墙件，经验收合格后方可使用",
            "复查合格",
            "2025年6月20日",
            "已整改",
        ),
    ];
    for (i, row) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        n(ws, r, 0, (i + 1) as f64);
        s(ws, r, 1, row.0);
        n(ws, r, 2, row.1);
        s(ws, r, 3, row.2);
        s(ws, r, 4, row.3);
        s(ws, r, 5, row.4);
        merge(ws, r, 6, r, 10, row.5);
        s(ws, r, 11, row.6);
        s(ws, r, 12, row.7);
        s(ws, r, 13, row.8);
        s(ws, r, 14, "");
    }
    merge(
        ws,
        9,
        0,
        9,
        14,
        "说明：1. 隐患状态填写已整改、整改中或未整改；",
    );
    merge(ws, 10, 0, 10, 14, "2. 复查日期由安全部填写。");
    wb.save(out).unwrap();
}

/// The 33 audit-ledger headers of issue 14, in order.
pub const AUDIT_HEADERS: [&str; 33] = [
    "序号",
    "问题编号",
    "审计年度",
    "审计项目名称",
    "审计报告文号",
    "问题明细分类",
    "问题简述",
    "问题具体描述",
    "提示问题金额（万元）",
    "整改措施",
    "整改目标",
    "目标设定完成时间",
    "牵头领导",
    "责任领导",
    "牵头单位",
    "责任单位",
    "责任人",
    "联系电话",
    "2024年12月底整改进展",
    "2025年3月底整改进展",
    "2025年6月底整改进展",
    "2025年9月底整改进展",
    "整改状态",
    "验收标准",
    "验收负责人",
    "验收日期",
    "佐证材料",
    "整改资金（万元）",
    "是否建立制度",
    "制度名称",
    "问责人数",
    "审计对象",
    "备注",
];

/// The audit-rectification ledger of issue 14: 33 columns, one header row, 12 problems of
/// four tasks each (48 tasks), the problem's cells merged down, dates as date cells.
pub fn audit(out: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("审计整改台账").unwrap();
    merge(ws, 0, 0, 0, 32, "2024年度审计发现问题整改台账");
    for (c, h) in AUDIT_HEADERS.iter().enumerate() {
        s(ws, 1, c as u16, h);
    }
    let date = fmt().set_num_format("yyyy-mm-dd");
    let people = ["陈静", "刘洋", "孙丽", "周敏"];
    let units = ["财务科", "办公室", "人事科", "后勤中心"];
    for f in 0..12u32 {
        let r0 = 2 + f * 4;
        let merged = |ws: &mut Worksheet, c: u16, text: &str| {
            ws.merge_range(r0, c, r0 + 3, c, text, &fmt()).unwrap();
        };
        ws.merge_range(r0, 0, r0 + 3, 0, "", &fmt()).unwrap();
        n(ws, r0, 0, f64::from(f + 1));
        merged(ws, 1, &format!("SJ-2024-{:02}", f + 1));
        merged(ws, 2, "2024");
        merged(ws, 3, "2024年度预算执行审计");
        merged(ws, 4, "某审报〔2024〕12号");
        merged(
            ws,
            5,
            if f % 2 == 0 {
                "财务管理"
            } else {
                "资产管理"
            },
        );
        merged(ws, 6, &format!("审计发现问题{}：资金管理不规范", f + 1));
        merged(ws, 7, "部分支出未履行审批程序。");
        ws.merge_range(r0, 8, r0 + 3, 8, "", &fmt()).unwrap();
        n(ws, r0, 8, 12.5 + f64::from(f));
        for t in 0..4u32 {
            let r = r0 + t;
            let k = ((f + t) % 4) as usize;
            s(
                ws,
                r,
                9,
                &format!("问题{}措施{}：完善审批流程", f + 1, t + 1),
            );
            s(ws, r, 10, "审批流程规范");
            let due = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 3 + t as u8 * 2, 30).unwrap();
            ws.write_datetime_with_format(r, 11, &due, &date).unwrap();
            s(ws, r, 12, "黄志远");
            s(ws, r, 13, "王建国");
            s(ws, r, 14, units[k]);
            s(ws, r, 15, units[(k + 1) % 4]);
            s(ws, r, 16, people[k]);
            s(ws, r, 17, "0000-1234567");
            s(ws, r, 18, "已制定整改方案");
            s(ws, r, 19, if t < 2 { "已修订制度" } else { "" });
            s(ws, r, 20, "");
            s(ws, r, 21, "");
            s(ws, r, 22, if t < 2 { "已完成" } else { "正在推进" });
            s(ws, r, 23, "制度印发");
            s(ws, r, 24, people[(k + 2) % 4]);
            s(ws, r, 25, "");
            s(ws, r, 26, "");
            s(ws, r, 27, "");
            s(ws, r, 28, "是");
            s(ws, r, 29, "");
            s(ws, r, 30, "0");
            s(ws, r, 31, "");
            s(ws, r, 32, "");
        }
    }
    wb.save(out).unwrap();
}

/// A workbook of several sheets: a 填表说明 sheet, last year's ledger and this year's.
pub fn sheets(out: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("填表说明").unwrap();
    s(ws, 0, 0, "填表说明：每个问题一行。");
    for (name, title, due) in [
        ("2024年", "食堂管理不规范", "2024年12月31日"),
        ("2025年", "公务用车管理不严", "2025年9月30日"),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (c, h) in ["序号", "反馈问题", "整改措施", "责任单位", "整改时限"]
            .iter()
            .enumerate()
        {
            s(ws, 0, c as u16, h);
        }
        n(ws, 1, 0, 1.0);
        s(ws, 1, 1, title);
        s(ws, 1, 2, "建立台账，定期检查");
        s(ws, 1, 3, "办公室");
        s(ws, 1, 4, due);
    }
    wb.save(out).unwrap();
}

/// A header and nothing under it.
pub fn headers_only(out: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["序号", "反馈问题", "整改措施", "责任单位", "整改时限"]
        .iter()
        .enumerate()
    {
        s(ws, 0, c as u16, h);
    }
    wb.save(out).unwrap();
}

/// Every fault a reviewer would see, one per row: an empty measure, a deadline before the
/// found date, a repeated 序号, placeholders in number columns, a status that contradicts
/// its review date, and a row holding only a 序号.
pub fn faults(out: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let header = [
        "序号",
        "反馈问题",
        "发现日期",
        "整改措施",
        "责任单位",
        "整改时限",
        "整改状态",
        "复查日期",
    ];
    for (c, h) in header.iter().enumerate() {
        s(ws, 0, c as u16, h);
    }
    let rows: [[&str; 8]; 7] = [
        [
            "1",
            "会议记录不全",
            "2025-03-01",
            "补齐会议记录",
            "办公室",
            "2025-06-30",
            "正在推进",
            "",
        ],
        [
            "2",
            "合同管理混乱",
            "2025-03-01",
            "",
            "财务科",
            "2025-06-30",
            "未启动",
            "",
        ],
        [
            "3",
            "档案未归档",
            "2025-05-01",
            "完成归档",
            "档案室",
            "2025-04-30",
            "正在推进",
            "",
        ],
        [
            "3",
            "印章管理不严",
            "2025-03-01",
            "建立用印登记",
            "办公室",
            "2025-06-30",
            "正在推进",
            "",
        ],
        [
            "无",
            "车辆台账缺失",
            "2025-03-01",
            "建立车辆台账",
            "办公室",
            "/",
            "正在推进",
            "",
        ],
        [
            "6",
            "采购程序不规范",
            "2025-03-01",
            "修订采购制度",
            "财务科",
            "2025-06-30",
            "正在推进",
            "2025-06-01",
        ],
        ["7", "", "", "", "", "", "", ""],
    ];
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                s(ws, 1 + i as u32, c as u16, v);
            }
        }
    }
    wb.save(out).unwrap();
}

/// A ledger whose headers name nothing the importer knows: only a mapping reads it.
pub fn own_words(out: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["序号", "反馈问题", "怎么改", "谁来改", "办结"]
        .iter()
        .enumerate()
    {
        s(ws, 0, c as u16, h);
    }
    n(ws, 1, 0, 1.0);
    s(ws, 1, 1, "制度执行不严");
    s(ws, 1, 2, "修订制度并开展培训");
    s(ws, 1, 3, "办公室");
    s(ws, 1, 4, "2025年12月31日");
    wb.save(out).unwrap();
}

/// A workbook kept one sheet per category, each sheet with its own column order, a 统计
/// sheet without a ledger, and a deadline no one can read (二、…!E3).
pub fn by_category(out: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("一、党的理论学习方面").unwrap();
    for (c, h) in ["序号", "反馈问题", "整改措施", "责任单位", "整改时限"]
        .iter()
        .enumerate()
    {
        s(ws, 0, c as u16, h);
    }
    for (r, (title, due)) in [
        ("理论学习中心组学习不经常", "2025年6月30日"),
        ("学习笔记不全", "2025年7月31日"),
    ]
    .iter()
    .enumerate()
    {
        let r = r as u32 + 1;
        n(ws, r, 0, r as f64);
        s(ws, r, 1, title);
        s(ws, r, 2, "制定年度学习计划");
        s(ws, r, 3, "办公室");
        s(ws, r, 4, due);
    }
    let ws = wb.add_worksheet();
    ws.set_name("二、主体责任方面").unwrap();
    for (c, h) in ["问题内容", "序号", "责任部门", "整改举措", "完成时限"]
        .iter()
        .enumerate()
    {
        s(ws, 0, c as u16, h);
    }
    s(ws, 1, 0, "“三重一大”决策不规范");
    n(ws, 1, 1, 1.0);
    s(ws, 1, 2, "党建办");
    s(ws, 1, 3, "修订议事规则");
    s(ws, 1, 4, "2025年9月30日");
    s(ws, 2, 0, "谈心谈话流于形式");
    n(ws, 2, 1, 2.0);
    s(ws, 2, 2, "组织人事科");
    s(ws, 2, 3, "建立谈心谈话台账");
    s(ws, 2, 4, "下个月");
    let ws = wb.add_worksheet();
    ws.set_name("统计").unwrap();
    s(ws, 0, 0, "问题总数");
    n(ws, 0, 1, 4.0);
    wb.save(out).unwrap();
}

/// A ledger whose header row names nothing the importer knows, not even one column.
pub fn strange_header(out: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["甲", "乙", "丙", "丁"].iter().enumerate() {
        s(ws, 0, c as u16, h);
    }
    s(ws, 1, 0, "档案管理混乱");
    s(ws, 1, 1, "集中整理档案");
    s(ws, 1, 2, "档案室");
    s(ws, 1, 3, "2025年10月31日");
    wb.save(out).unwrap();
}
