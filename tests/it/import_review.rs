//! A ledger's 复查/验收 columns through `xuncha import`: a task the ledger marks 已销号 with
//! its review is closed with that review (a close-out taken from the ledger: approved, its
//! reviewers and date as written, its summary saying where it came from); a 已销号 without a
//! review is imported 已完成 with a note; any other task's review is a dated progress entry.
//! Importing the same file again closes nothing twice.

use crate::common::Cli;

const HEADER: [&str; 9] = [
    "序号",
    "隐患内容",
    "责任单位",
    "整改期限",
    "整改措施",
    "隐患状态",
    "复查结果",
    "复查人",
    "复查日期",
];

fn ledger(cli: &Cli) -> std::path::PathBuf {
    let path = cli.dir.path().join("隐患台账.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        [
            "1",
            "消防通道堆放杂物",
            "物业部",
            "2025年4月15日",
            "清理杂物",
            "已销号",
            "已清理到位",
            "张伟、李强",
            "2025年4月14日",
        ],
        [
            "2",
            "配电箱未上锁",
            "工程部",
            "2025年4月30日",
            "加装门锁",
            "已销号",
            "",
            "",
            "",
        ],
        [
            "3",
            "指示灯损坏",
            "物业部",
            "2025年5月31日",
            "更换指示灯",
            "已完成",
            "复查合格",
            "王芳",
            "2025年5月20日",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    wb.save(&path).unwrap();
    path
}

#[test]
fn a_closed_row_with_its_review_is_closed_with_that_review() {
    let cli = Cli::new();
    let file = ledger(&cli);
    let out = cli.ok(&[
        "import",
        file.to_str().unwrap(),
        "--new-inspection",
        "隐患整改",
    ]);
    assert!(out.contains("按台账记载的复查验收销号 1 项"), "{out}");
    assert!(out.contains("第3行：“已销号”的任务导入为“已完成”"), "{out}");
    let tasks = cli.column("SELECT measure || ' ' || status FROM tasks ORDER BY id");
    assert_eq!(
        tasks,
        [
            "清理杂物 closed",
            "加装门锁 completed",
            "更换指示灯 completed"
        ]
    );
    let close_outs = cli.column(
        "SELECT t.measure || '|' || c.state || '|' || c.approvers || '|' || c.reviewed_on || '|'
            || c.verdict || '|' || c.summary
         FROM close_outs c JOIN tasks t ON t.id = c.task_id",
    );
    assert_eq!(close_outs.len(), 1, "{close_outs:?}");
    let parts: Vec<&str> = close_outs[0].split('|').collect();
    assert_eq!(
        parts[..4],
        ["清理杂物", "approved", "[\"张伟\",\"李强\"]", "2025-04-14"]
    );
    assert!(parts[4].contains("复查结果：已清理到位"), "{parts:?}");
    assert!(
        parts[5].starts_with("据导入的台账记载已复查验收销号"),
        "{parts:?}"
    );
    // The other task's review is a dated progress entry; the closed one's is not repeated.
    let progress = cli.column(
        "SELECT t.measure || ' ' || p.entered_on || ' ' || p.text FROM progress p
         JOIN tasks t ON t.id = p.task_id ORDER BY p.id",
    );
    assert_eq!(progress.len(), 1, "{progress:?}");
    assert!(progress[0].starts_with("更换指示灯 2025-05-20 复查验收情况：复查结果：复查合格"));
    // The task reads as closed everywhere, and the import is audited.
    let shown = cli.json(&["task", "show", "1"]);
    assert_eq!(shown["task"]["status"], "closed", "{shown}");
    assert_eq!(
        cli.column("SELECT count(*) || '' FROM audit_log WHERE action = 'record'"),
        ["1"]
    );
    // The same file again: nothing closed twice.
    let id = cli.column("SELECT id || '' FROM inspections").remove(0);
    cli.ok(&["import", file.to_str().unwrap(), "--inspection", &id]);
    assert_eq!(cli.count("close_outs"), 1);
}

#[test]
fn notes_on_rows_name_their_sheet_when_several_are_read() {
    let cli = Cli::new();
    let path = cli.dir.path().join("两张表.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheets = [
        ("2025年", "消防通道堆放杂物"),
        ("2026年", "配电箱未上锁"),
        ("2027年", "配电箱未上锁"),
    ];
    for (sheet, title) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        for (c, h) in HEADER.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        let row = [
            "1",
            title,
            "物业部",
            "2025年4月15日",
            "整改",
            "已销号",
            "",
            "",
            "",
        ];
        for (c, v) in row.iter().enumerate() {
            ws.write_string(1, c as u16, *v).unwrap();
        }
    }
    wb.save(&path).unwrap();
    let out = cli.ok(&[
        "import",
        path.to_str().unwrap(),
        "--new-inspection",
        "两年的台账",
        "--sheet",
        "全部工作表",
    ]);
    for sheet in ["2025年", "2026年"] {
        let note = format!("工作表“{sheet}”第2行：“已销号”的任务导入为“已完成”");
        assert!(out.contains(&note), "{out}");
    }
    // The same problem on two sheets is one finding, and the import says so.
    let merged =
        "工作表“2027年”第2行：问题“配电箱未上锁”与工作表“2026年”第2行的相同，已合为一个问题";
    assert!(out.contains(merged), "{out}");
    assert_eq!(cli.count("findings"), 2);
}
