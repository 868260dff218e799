//! Import of ledgers as units keep them (fixtures built by `xlsx_fixtures`), and bad files
//! that must give a clear Chinese error.

use chrono::NaiveDate;
use xuncha::domain::{DeadlineKind, Status};
use xuncha::import::plan::{ImportPlan, Severity};
use xuncha::import::xlsx::read_ledger;

use super::xlsx_fixtures::path;

fn read(name: &str) -> ImportPlan {
    read_ledger(&path(name), 2025).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

#[test]
fn wps_two_row_header_sections_merges_and_notes() {
    let p = read("wps_two_row.xlsx");
    assert_eq!(p.sheet, "整改台账");
    assert_eq!(p.tables[0].header_rows, (3, 4));
    assert!(p.issues.is_empty(), "{}", p.report());
    assert_eq!(
        p.categories,
        [
            "贯彻落实党的理论和路线方针政策及党中央重大决策部署方面",
            "落实全面从严治党主体责任和监督责任方面"
        ]
    );
    let counts: Vec<usize> = p.findings.iter().map(|f| f.tasks.len()).collect();
    assert_eq!(counts, [3, 1, 2], "merged finding cells span their tasks");
    let f1 = &p.findings[0];
    assert_eq!((f1.row, f1.seq), (6, Some(1)));
    assert_eq!(f1.title, "理论学习不够深入");
    assert!(f1.manifestation.starts_with("党组理论学习中心组"));
    let t: Vec<_> = f1.tasks.iter().collect();
    assert_eq!(t[0].assignment.lead_leader, "王建国");
    assert_eq!(t[0].assignment.responsible_units, ["办公室", "机关党委"]);
    assert_eq!(t[1].assignment.responsible_units, ["机关党委", "宣传科"]);
    assert_eq!(t[2].assignment.responsible_units, ["宣传科", "综合科"]);
    assert_eq!(
        (t[0].deadline_kind, t[0].deadline),
        (DeadlineKind::Date, d(2025, 3, 31))
    );
    assert_eq!(t[1].deadline, d(2025, 6, 30), "2025年6月底前");
    assert_eq!(t[2].deadline_kind, DeadlineKind::LongTerm);
    assert_eq!(
        t.iter().map(|t| t.status).collect::<Vec<_>>(),
        [
            Some(Status::Completed),
            Some(Status::InProgress),
            Some(Status::LongTerm)
        ]
    );
    assert_eq!(t[0].progress, "已制定学习计划");
    let f2 = &p.findings[1];
    assert_eq!(f2.tasks[0].deadline_kind, DeadlineKind::Immediate);
    assert_eq!(
        f2.tasks[0].assignment.responsible_units,
        ["财务科", "办公室"]
    );
    assert_eq!(f2.tasks[0].status, Some(Status::Closed));
    let f3 = &p.findings[2];
    assert_eq!(f3.tasks[0].deadline, d(2025, 9, 30), "2025.9.30");
    assert_eq!(f3.tasks[1].deadline, d(2025, 6, 30), "Excel serial 45838");
    assert_eq!(
        f3.tasks[0].assignment.responsible_units,
        ["财务科", "办公室"],
        "a/b"
    );
    assert_eq!(p.tables[0].skipped_rows, [14, 15], "注： and 填报人 rows");
    for u in ["办公室", "机关党委", "宣传科", "综合科", "财务科"] {
        assert!(p.units.contains(&u.to_owned()), "{u}");
    }
    assert!(p.people.contains(&"刘芳".to_owned()));
}

#[test]
fn one_row_header_with_synonyms_blank_finding_cells_and_date_styles() {
    let p = read("synonyms_one_row.xlsx");
    assert_eq!(p.tables[0].header_rows, (4, 4));
    assert!(p.issues.is_empty(), "{}", p.report());
    let cols: Vec<&str> = p.tables[0].columns.iter().map(|c| c.to.label()).collect();
    assert_eq!(
        cols,
        [
            "序号",
            "反馈问题",
            "具体表现",
            "整改措施",
            "责任单位",
            "责任单位",
            "整改时限",
            "整改状态",
            "整改进展",
            "责任人"
        ]
    );
    assert_eq!(
        p.categories,
        [
            "贯彻落实党的理论和路线方针政策方面",
            "落实新时代党的组织路线方面"
        ]
    );
    let counts: Vec<usize> = p.findings.iter().map(|f| f.tasks.len()).collect();
    assert_eq!(
        counts,
        [3, 2, 2],
        "blank finding cells continue the finding above"
    );
    let tasks: Vec<_> = p.findings.iter().flat_map(|f| &f.tasks).collect();
    let dates: Vec<_> = tasks.iter().map(|t| t.deadline).collect();
    assert_eq!(
        dates,
        [
            d(2025, 3, 31), // 2025.3.31
            d(2025, 4, 30), // 2025/4/30
            d(2025, 5, 31), // 2025-05-31
            d(2025, 3, 31), // 3月底前, year from the inspection
            d(2025, 6, 30), // 2025年6月底前
            None,           // 长期坚持
            d(2025, 8, 31), // a plain Excel serial
        ]
    );
    assert_eq!(tasks[5].deadline_kind, DeadlineKind::LongTerm);
    let statuses: Vec<_> = tasks.iter().map(|t| t.status).collect();
    assert_eq!(
        statuses,
        [
            Some(Status::Completed),  // 已整改
            Some(Status::InProgress), // 整改中
            Some(Status::NotStarted), // 未开始
            Some(Status::Completed),  // 已完成
            Some(Status::LongTerm),   // 持续推进
            Some(Status::LongTerm),   // 基本完成
            None,
        ]
    );
    // 责任部门 and 配合单位 both feed the responsible units, split on , / 、.
    assert_eq!(tasks[0].assignment.responsible_units, ["宣传科", "办公室"]);
    assert_eq!(
        tasks[3].assignment.responsible_units,
        ["人事科", "机关党委", "办公室"]
    );
    assert_eq!(
        tasks[5].assignment.responsible_units,
        ["机关党委", "各支部", "办公室"]
    );
    assert_eq!(tasks[5].assignment.responsible_person, "吴昊、郑丽");
    assert_eq!(tasks[1].progress, "已起草");
    assert_eq!(p.tables[0].skipped_rows, [16]);
}

#[test]
fn two_row_header_not_merged_and_category_column() {
    let p = read("two_row_unmerged.xlsx");
    assert_eq!(p.tables[0].header_rows, (1, 2));
    assert!(p.issues.is_empty(), "{}", p.report());
    assert_eq!(p.findings.len(), 3);
    assert_eq!(
        p.findings[0].category,
        "落实全面从严治党主体责任和监督责任方面"
    );
    assert_eq!(
        p.findings[2].category,
        "落实巡视巡察、审计等监督发现问题整改方面"
    );
    assert_eq!(p.categories.len(), 2);
    let t = &p.findings[0].tasks[0];
    assert_eq!(t.assignment.lead_leader, "王建国");
    assert_eq!(t.assignment.lead_unit, "机关党委");
    assert_eq!(t.assignment.responsible_person, "赵磊");
    assert_eq!(p.findings[1].tasks[0].deadline, d(2025, 12, 31));
    assert_eq!(p.findings[2].tasks[0].deadline, d(2025, 8, 31), "20250831");
    assert_eq!(
        p.findings[2].tasks[0].status,
        Some(Status::InProgress),
        "推进中"
    );
}

#[test]
fn unreadable_date_is_an_error_at_its_cell() {
    let p = read("bad_date.xlsx");
    assert!(p.has_errors());
    let errors: Vec<_> = p
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].cell, "H7");
    assert!(errors[0].message.contains("尽快"), "{}", errors[0].message);
    let warning = p
        .issues
        .iter()
        .find(|i| i.severity == Severity::Warning)
        .unwrap();
    assert_eq!(warning.cell, "I8");
    assert!(warning.message.contains("差不多了"));
    let report = p.report();
    assert!(report.contains("[错误] H7单元格"), "{report}");
}

#[test]
fn bad_files_give_clear_errors() {
    let cases = [
        ("not_xlsx.xlsx", "不是 Excel 文件"),
        ("zero_bytes.xlsx", "空文件"),
        ("encrypted.xlsx", "设置了打开密码"),
        ("empty.xlsx", "没有任何内容"),
        ("no_header.xlsx", "找不到台账表头"),
        ("missing.xlsx", "找不到文件"),
    ];
    for (name, want) in cases {
        let err = read_ledger(&path(name), 2025).unwrap_err();
        assert_eq!(err.code(), "Validation", "{name}");
        assert_eq!(err.field(), Some("file"), "{name}");
        assert!(err.to_string().contains(want), "{name}: {err}");
    }
}

/// Our own ledger of the demo, imported back into it, changes nothing: the overdue mark
/// of 正在推进（逾期）, the numbers restarting in each category, every progress entry and a
/// long-term task's stages all read back as what is stored.
#[test]
fn our_own_export_reimports_unchanged() {
    use xuncha::import::{apply, Target};
    let dir = tempfile::tempdir().unwrap();
    let db = xuncha::db::Db::open(&dir.path().join("t.db"))
        .unwrap()
        .with_operator("测试");
    let today = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
    let id = xuncha::demo::load(&db, today).unwrap();
    let out = dir.path().join("台账.xlsx");
    let one = xuncha::app::exports::ExportOptions {
        inspection_id: Some(id),
        ..Default::default()
    };
    xuncha::app::exports::export(
        &db,
        xuncha::app::exports::DocumentKind::Ledger,
        &one,
        &out,
        today,
    )
    .unwrap();
    let plan = read_ledger(&out, 2025).unwrap();
    assert!(plan.issues.is_empty(), "{}", plan.report());
    // Every status reads back, 正在推进（逾期） as 正在推进.
    let stored = xuncha::db::ledger::load(&db, id, today).unwrap();
    let read: Vec<Option<Status>> = plan
        .findings
        .iter()
        .flat_map(|f| &f.tasks)
        .map(|t| t.status)
        .collect();
    let kept: Vec<Option<Status>> = stored
        .findings
        .iter()
        .flat_map(|f| &f.tasks)
        .map(|t| Some(t.status))
        .collect();
    assert_eq!(read, kept);
    assert!(stored
        .findings
        .iter()
        .flat_map(|f| &f.tasks)
        .any(|t| t.overdue));
    let outcome = apply(&db, &plan, &Target::Inspection(id), today).unwrap();
    assert_eq!(
        (
            outcome.categories_added,
            outcome.findings_added,
            outcome.tasks_added,
            outcome.tasks_updated,
            outcome.progress_added
        ),
        (0, 0, 0, 0, 0),
        "{:?}",
        outcome.changes
    );
    assert_eq!(outcome.findings_matched, plan.findings.len());
}

/// Numbers restart in each category: a finding numbered 1 under 二、 is not the finding
/// numbered 1 under 一、 above it, even with the same problem written.
#[test]
fn a_section_row_starts_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("两类.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    for (c, h) in ["序号", "反馈问题", "整改措施", "整改时限"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        (
            1,
            "一、落实全面从严治党主体责任和监督责任方面",
            "制定谈话计划",
        ),
        (3, "二、落实新时代党的组织路线方面", "修订选人用人制度"),
    ];
    for (r, section, measure) in rows {
        ws.merge_range(r, 0, r, 3, section, &plain).unwrap();
        for (c, v) in ["1", "廉政谈话开展不经常", measure, "2025年9月30日"]
            .iter()
            .enumerate()
        {
            ws.write_string(r + 1, c as u16, *v).unwrap();
        }
    }
    wb.save(&file).unwrap();
    let plan = read_ledger(&file, 2025).unwrap();
    assert!(!plan.has_errors(), "{}", plan.report());
    let got: Vec<(&str, usize)> = plan
        .findings
        .iter()
        .map(|f| (f.category.as_str(), f.tasks.len()))
        .collect();
    assert_eq!(
        got,
        [
            ("落实全面从严治党主体责任和监督责任方面", 1),
            ("落实新时代党的组织路线方面", 1)
        ]
    );
}
