//! The xlsx ledger export read back: values, merges, sheet names, print settings, formats,
//! row heights, templates, constant-memory mode, a round trip through the importer, and
//! the LibreOffice rendering.

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use xuncha::domain::dates::{format_deadline, parse_deadline};
use xuncha::domain::status::{GREEN_DAYS, YELLOW_DAYS};
use xuncha::domain::{DeadlineKind, Status};
use xuncha::export::xlsx::{self, ColumnSpec, LedgerTemplate, SheetKind};
use xuncha::import;
use xuncha::report::ledger::LedgerColumn;
use xuncha::report::sample::{self, Tasks};
use xuncha::report::sections::numbers;

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    calamine::open_workbook(path).unwrap()
}

/// One part of the xlsx zip as text.
fn part(path: &Path, name: &str) -> String {
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn text(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => format!("{other:?}"),
    }
}

fn export_sample(
    dir: &Path,
    tpl: &LedgerTemplate,
) -> (std::path::PathBuf, xuncha::report::data::LedgerData) {
    let data = sample::ledger(12, Tasks::UpTo(3)).unwrap();
    let out = dir.join("台账.xlsx");
    let summary = xlsx::write_ledger(&data, tpl, &out).unwrap();
    assert_eq!(summary.findings, 12);
    assert_eq!(
        summary.tasks,
        data.findings.iter().map(|f| f.tasks.len()).sum::<usize>()
    );
    (out, data)
}

#[test]
fn ledger_sheet_values_merges_and_sections() {
    let dir = tempfile::tempdir().unwrap();
    let (out, data) = export_sample(dir.path(), &LedgerTemplate::default());
    let mut wb = open(&out);
    assert_eq!(
        wb.sheet_names(),
        ["整改台账", "问题清单", "任务清单", "责任清单", "进展统计"]
    );
    let r = wb.worksheet_range("整改台账").unwrap();
    assert_eq!(
        text(r.get_value((0, 0))),
        "区委统战部党组落实区委第三巡察组巡察反馈意见整改台账"
    );
    assert_eq!(text(r.get_value((1, 0))), "填报单位（盖章）：区委统战部");
    let date_line = (0..15)
        .map(|c| text(r.get_value((1, c))))
        .collect::<String>();
    assert!(date_line.contains("填报时间：2025年7月15日"), "{date_line}");
    // Two-row header: 责任分工 over the five responsibility columns.
    assert_eq!(text(r.get_value((2, 5))), "责任分工");
    let sub: Vec<String> = (5..10)
        .map(|c| text(r.get_value((3, c))).replace('\n', ""))
        .collect();
    assert_eq!(
        sub,
        ["牵头领导", "责任领导", "牵头单位", "责任单位", "责任人"]
    );
    assert_eq!(text(r.get_value((2, 0))), "序号");
    assert_eq!(text(r.get_value((2, 10))), "整改时限");
    // Section row, then finding 1 with its first task.
    assert!(text(r.get_value((4, 0))).starts_with("一、贯彻落实党的理论"));
    assert_eq!(r.get_value((5, 0)), Some(&Data::Float(1.0)));
    let f1 = &data.findings[0];
    assert_eq!(text(r.get_value((5, 1))), f1.title);
    assert_eq!(text(r.get_value((5, 3))), f1.tasks[0].measure);

    let merges = wb.merge_cells_by_sheet_name("整改台账").unwrap();
    let has = |s: (u32, u32), e: (u32, u32)| merges.iter().any(|m| m.start == s && m.end == e);
    assert!(has((0, 0), (0, 14)), "title merged across");
    assert!(has((2, 5), (2, 9)), "责任分工 group");
    assert!(has((2, 0), (3, 0)), "序号 over two header rows");
    assert!(has((4, 0), (4, 14)), "section row");
    // A finding's number, title and manifestation are merged down over its task rows
    // (page by page when it is taller than a page); its task cells are not merged.
    let merged_findings: Vec<(u32, u32)> = merges
        .iter()
        .filter(|m| m.start.1 == 0 && m.end.1 == 0 && m.start.0 > 4)
        .map(|m| (m.start.0, m.end.0))
        .collect();
    assert!(merged_findings.len() >= 3, "{merged_findings:?}");
    for &(from, to) in &merged_findings {
        assert!(matches!(r.get_value((from, 0)), Some(Data::Float(_))));
        for c in 1..3 {
            assert!(
                has((from, c), (to, c)),
                "rows {from}-{to} column {c} merged"
            );
        }
        assert!(
            !merges
                .iter()
                .any(|m| m.start.1 == 3 && m.start.0 >= from && m.start.0 <= to),
            "task cells are not merged"
        );
    }
    // Every finding once, numbered within its category (a finding taller than a page shows
    // its number again on the next page), and every task once, in order.
    let mut shown: Vec<(String, u32)> = Vec::new();
    let mut section = String::new();
    for row in 4..r.height() as u32 {
        match r.get_value((row, 0)) {
            Some(Data::String(s)) if s.ends_with("方面") => section = s.clone(),
            Some(Data::Float(n)) if shown.last() != Some(&(section.clone(), *n as u32)) => {
                shown.push((section.clone(), *n as u32))
            }
            _ => {}
        }
    }
    let numbers = numbers(&data);
    let want: Vec<u32> = data
        .findings
        .iter()
        .map(|f| numbers[&f.id].number as u32)
        .collect();
    assert_eq!(shown.iter().map(|s| s.1).collect::<Vec<_>>(), want);
    let sections: std::collections::BTreeSet<&String> = shown.iter().map(|s| &s.0).collect();
    assert_eq!(sections.len(), 4);
    let measures: Vec<String> = (4..r.height() as u32)
        .map(|row| text(r.get_value((row, 3))))
        .filter(|m| !m.is_empty())
        .collect();
    let want: Vec<&String> = data
        .findings
        .iter()
        .flat_map(|f| &f.tasks)
        .map(|t| &t.measure)
        .collect();
    assert_eq!(measures.iter().collect::<Vec<_>>(), want);
}

#[test]
fn dates_are_date_cells_and_words_stay_words() {
    let dir = tempfile::tempdir().unwrap();
    let (out, data) = export_sample(dir.path(), &LedgerTemplate::default());
    let mut wb = open(&out);
    let r = wb.worksheet_range("整改台账").unwrap();
    let mut dates = 0;
    let mut words = Vec::new();
    for row in 5..r.height() as u32 {
        match r.get_value((row, 10)) {
            Some(Data::DateTime(d)) => {
                assert!(d.as_datetime().is_some());
                dates += 1;
            }
            Some(Data::String(s)) => words.push(s.clone()),
            _ => {}
        }
    }
    let want_dates = data
        .findings
        .iter()
        .flat_map(|f| &f.tasks)
        .filter(|t| t.deadline_kind == DeadlineKind::Date)
        .count();
    assert_eq!(dates, want_dates);
    assert!(words.iter().any(|w| w.starts_with("立行立改")), "{words:?}");
    assert!(
        words
            .iter()
            .any(|w| w.starts_with("长期坚持（2025年6月30日前")),
        "{words:?}"
    );
    // The date format shows 2025年3月31日.
    let styles = part(&out, "xl/styles.xml");
    assert!(
        styles.contains("yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"),
        "date format"
    );
    // Fonts by name.
    for font in ["方正小标宋简体", "黑体", "仿宋_GB2312"] {
        assert!(styles.contains(font), "{font} in styles");
    }
}

#[test]
fn print_settings_validation_and_conditional_formats() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = export_sample(dir.path(), &LedgerTemplate::default());
    let sheet = part(&out, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("paperSize=\"9\""), "A4");
    assert!(sheet.contains("orientation=\"landscape\""));
    assert!(
        sheet.contains("fitToHeight=\"0\""),
        "one page wide, any height"
    );
    assert!(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"));
    assert!(sheet.contains("第 &amp;P 页 共 &amp;N 页"), "footer");
    assert!(
        sheet.contains("ySplit=\"4\"") && sheet.contains("state=\"frozen\""),
        "frozen header"
    );
    assert!(sheet.contains("<dataValidation type=\"list\""));
    // The drop-down offers what the ledger writes, the overdue statuses too.
    assert!(sheet.contains(
        "未启动,正在推进,长期坚持,已完成,已销号,未启动（逾期）,正在推进（逾期）,长期坚持（逾期）"
    ));
    assert_eq!(sheet.matches("TODAY()").count() % 3, 0);
    assert!(sheet.contains("TODAY()"), "warning colours follow the date");
    // Yellow and green start at the days the status rules give.
    for days in [YELLOW_DAYS, GREEN_DAYS] {
        assert!(
            sheet.contains(&format!("-TODAY()&lt;={days})")),
            "{days} days"
        );
    }
    let wbxml = part(&out, "xl/workbook.xml");
    assert!(
        wbxml.contains("_xlnm.Print_Titles") && wbxml.contains("整改台账!$3:$4"),
        "{wbxml}"
    );
    // Row heights: every data row is sized, and a row holding a long text is tall.
    let rows: Vec<(u32, f64)> = sheet
        .split("<row ")
        .skip(1)
        .filter_map(|r| {
            let n: u32 = r.split("r=\"").nth(1)?.split('"').next()?.parse().ok()?;
            let ht: f64 = r.split("ht=\"").nth(1)?.split('"').next()?.parse().ok()?;
            Some((n, ht))
        })
        .collect();
    assert!(rows.len() > 20);
    assert!(rows.iter().all(|(_, h)| *h >= 15.0));
    assert!(
        rows.iter().any(|(_, h)| *h >= 60.0),
        "wrapped rows are taller: {rows:?}"
    );
}

#[test]
fn lists_statistics_and_optional_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = LedgerTemplate {
        sheets: SheetKind::ALL.to_vec(),
        ..LedgerTemplate::default()
    };
    let (out, data) = export_sample(dir.path(), &tpl);
    let mut wb = open(&out);
    assert_eq!(
        wb.sheet_names(),
        [
            "整改台账",
            "问题清单",
            "任务清单",
            "责任清单",
            "进展统计",
            "立行立改清单",
            "建章立制汇总表",
            "问责情况表",
            "销号清单"
        ]
    );
    let tasks: Vec<_> = data.findings.iter().flat_map(|f| &f.tasks).collect();
    let findings = wb.worksheet_range("问题清单").unwrap();
    assert_eq!(findings.height(), 2 + data.findings.len());
    assert_eq!(text(findings.get_value((1, 2))), "反馈问题");
    let task_sheet = wb.worksheet_range("任务清单").unwrap();
    assert_eq!(task_sheet.height(), 2 + tasks.len());
    // Numbered as the feedback report numbers the finding: （一）1, task 1.
    assert_eq!(text(task_sheet.get_value((2, 0))), "（一）1-1");

    // 责任清单: one row per person or unit; the secretary 张犇 leads every task.
    let resp = wb.worksheet_range("责任清单").unwrap();
    let row = (2..resp.height() as u32)
        .find(|r| text(resp.get_value((*r, 1))) == "张犇")
        .unwrap();
    assert_eq!(
        resp.get_value((row, 4)),
        Some(&Data::Float(tasks.len() as f64))
    );
    let names: Vec<String> = (2..resp.height() as u32)
        .map(|r| text(resp.get_value((r, 1))))
        .collect();
    let mut unique = names.clone();
    unique.dedup();
    assert_eq!(names.len(), unique.len());
    assert!(names.contains(&"财务科".to_owned()));

    // 进展统计: the official counts.
    let st = wb.worksheet_range("进展统计").unwrap();
    let value = |label: &str| {
        let r = (0..st.height() as u32)
            .find(|r| text(st.get_value((*r, 0))) == label)
            .unwrap_or_else(|| panic!("{label}"));
        st.get_value((r, 1)).cloned()
    };
    assert_eq!(value("反馈问题总数"), Some(Data::Float(12.0)));
    let completed = data
        .findings
        .iter()
        .filter(|f| f.completion == xuncha::domain::Completion::Completed)
        .count();
    assert_eq!(value("完成整改"), Some(Data::Float(completed as f64)));
    assert_eq!(value("完成率"), Some(Data::Float(completed as f64 / 12.0)));
    assert_eq!(value("整改任务总数"), Some(Data::Float(tasks.len() as f64)));
    let overdue = tasks.iter().filter(|t| t.overdue).count();
    assert!(overdue > 0);
    assert_eq!(value("逾期任务"), Some(Data::Float(overdue as f64)));
    assert_eq!(value("建章立制（项）"), Some(Data::Float(2.0)));
    assert!(text(st.get_value((2, 0))).contains("总体情况"));

    let closeouts = wb.worksheet_range("销号清单").unwrap();
    let closed = tasks.iter().filter(|t| t.status == Status::Closed).count();
    assert_eq!(closeouts.height(), 2 + closed);
    let regs = wb.worksheet_range("建章立制汇总表").unwrap();
    assert_eq!(
        text(regs.get_value((2, 1))),
        "区委统战部意识形态工作责任清单"
    );
    assert!(matches!(regs.get_value((2, 4)), Some(Data::DateTime(_))));
}

#[test]
fn template_columns_title_and_single_header_row() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = LedgerTemplate {
        title: "{unit_name}整改落实情况台账（{round}）".into(),
        columns: vec![
            ColumnSpec::new(LedgerColumn::Seq),
            ColumnSpec {
                header: "存在问题".into(),
                ..ColumnSpec::new(LedgerColumn::Title)
            },
            ColumnSpec::new(LedgerColumn::Measure),
            ColumnSpec::new(LedgerColumn::ResponsibleUnits),
            ColumnSpec {
                width: Some(30.0),
                ..ColumnSpec::new(LedgerColumn::Deadline)
            },
        ],
        group_assignment: false,
        sheets: vec![SheetKind::Ledger],
        ..LedgerTemplate::default()
    };
    let tpl = LedgerTemplate::from_json(&serde_json::to_string(&tpl).unwrap()).unwrap();
    let (out, _) = export_sample(dir.path(), &tpl);
    let mut wb = open(&out);
    assert_eq!(wb.sheet_names(), ["整改台账"]);
    let r = wb.worksheet_range("整改台账").unwrap();
    assert_eq!(
        text(r.get_value((0, 0))),
        "区委统战部整改落实情况台账（第七轮）"
    );
    let header: Vec<String> = (0..5).map(|c| text(r.get_value((2, c)))).collect();
    assert_eq!(
        header,
        ["序号", "存在问题", "整改措施", "责任单位", "整改时限"]
    );
    assert!(text(r.get_value((3, 0))).starts_with("一、"));
    assert_eq!(r.width(), 5);
    let sheet = part(&out, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("ySplit=\"3\""));
    assert!(sheet.contains("width=\"30.7109375\""), "fixed width kept");
}

#[test]
fn export_replaces_atomically_and_reports_bad_paths() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("台账.xlsx");
    std::fs::write(&out, "old").unwrap();
    let data = sample::ledger(3, Tasks::Each(2)).unwrap();
    xlsx::write_ledger(&data, &LedgerTemplate::default(), &out).unwrap();
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
    let err = xlsx::write_ledger(
        &data,
        &LedgerTemplate::default(),
        &dir.path().join("无此目录/a.xlsx"),
    )
    .unwrap_err();
    assert!(err.to_string().contains("无此目录"), "{err}");
}

#[test]
fn large_ledger_uses_constant_memory_and_keeps_merges() {
    let dir = tempfile::tempdir().unwrap();
    let data = sample::ledger(800, Tasks::Each(3)).unwrap();
    let out = dir.path().join("big.xlsx");
    let s = xlsx::write_ledger(&data, &LedgerTemplate::default(), &out).unwrap();
    assert!(s.constant_memory);
    let mut wb = open(&out);
    let merges = wb.merge_cells_by_sheet_name("整改台账").unwrap();
    // The merges are those of the same sheet built in memory, although this one is
    // written row by row.
    let in_memory = dir.path().join("in-memory.xlsx");
    let only_ledger = LedgerTemplate {
        sheets: vec![SheetKind::Ledger],
        ..LedgerTemplate::default()
    };
    xlsx::build(&[&data], &only_ledger, false)
        .unwrap()
        .save(&in_memory)
        .unwrap();
    let want = open(&in_memory)
        .merge_cells_by_sheet_name("整改台账")
        .unwrap();
    assert_eq!(merges.len(), want.len());
    for m in &want {
        assert!(
            merges.iter().any(|g| g.start == m.start && g.end == m.end),
            "{m:?}"
        );
    }
    let seq_merges = merges
        .iter()
        .filter(|m| m.start.1 == 0 && m.end.1 == 0 && m.start.0 > 3)
        .count();
    assert!(seq_merges >= 400, "{seq_merges}");
    let r = wb.worksheet_range("整改台账").unwrap();
    let tasks = (4..r.height() as u32)
        .filter(|row| !text(r.get_value((*row, 3))).is_empty())
        .count();
    assert_eq!(tasks, 2400);
    // Every header cell is there although the sheet is written row by row.
    let header: Vec<String> = (0..15)
        .map(|c| {
            let t = text(r.get_value((2, c)));
            if t.is_empty() {
                text(r.get_value((3, c)))
            } else {
                t
            }
        })
        .collect();
    assert_eq!(header[10], "整改时限");
    assert_eq!(header[14], "备注");
    assert_eq!(text(r.get_value((3, 9))).replace('\n', ""), "责任人");
    let last = data.findings.last().unwrap().tasks.last().unwrap();
    let last_row = (4..r.height() as u32)
        .rev()
        .find(|row| !text(r.get_value((*row, 3))).is_empty())
        .unwrap();
    assert_eq!(text(r.get_value((last_row, 3))), last.measure);
}

#[test]
fn round_trip_export_then_import_gives_back_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let (out, data) = export_sample(dir.path(), &LedgerTemplate::default());
    let plan = import::xlsx::read_ledger(&out, 2025).unwrap();
    assert!(!plan.has_errors(), "{}", plan.report());
    assert_eq!(plan.sheet, "整改台账");
    assert_eq!(plan.tables[0].header_rows, (3, 4));
    let cats: Vec<&str> = data.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(plan.categories, cats);
    assert_eq!(plan.findings.len(), data.findings.len());
    let numbers = numbers(&data);
    for (p, f) in plan.findings.iter().zip(&data.findings) {
        assert_eq!(p.seq, Some(numbers[&f.id].number as i64));
        assert_eq!(p.category, f.category);
        assert_eq!(p.title, f.title);
        assert_eq!(p.manifestation, f.manifestation);
        assert_eq!(p.tasks.len(), f.tasks.len(), "{}", f.title);
        for (pt, t) in p.tasks.iter().zip(&f.tasks) {
            assert_eq!(pt.measure, t.measure);
            assert_eq!(pt.goal, t.goal);
            assert_eq!(pt.assignment, t.assignment);
            // What the cell says reads back as the deadline: a long-term task's latest stage.
            let written = format_deadline(t.deadline_kind, t.deadline, &t.milestones);
            let want = parse_deadline(&written, None).unwrap_or((t.deadline_kind, t.deadline));
            assert_eq!((pt.deadline_kind, pt.deadline), want, "{written}");
            // 正在推进（逾期） reads as 正在推进.
            assert_eq!(pt.status, Some(t.status));
            assert_eq!(pt.note, t.note);
        }
    }
    assert!(plan.units.contains(&"财务科".to_owned()));
    assert!(plan.people.contains(&"张犇".to_owned()));
    assert!(
        data.findings
            .iter()
            .flat_map(|f| &f.tasks)
            .any(|t| t.overdue),
        "the sample has overdue tasks to read back"
    );
    let _ = NaiveDate::MIN;
}

/// Converts the ledger with LibreOffice and checks the pages: A4 landscape, the title
/// and the header on the first page, the header repeated, page numbers in the footer.
#[test]
fn libreoffice_renders_a_ledger_to_hand_in() {
    if std::process::Command::new("libreoffice")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("libreoffice is not installed: skipping the rendering check");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tpl = LedgerTemplate {
        sheets: vec![SheetKind::Ledger],
        ..LedgerTemplate::default()
    };
    // A spreadsheet cannot print one cell taller than a page (Excel's rows stop at 409 pt,
    // and a merged cell is cut where the page breaks): the PDF ledger splits those. Here
    // every manifestation fits a page; a finding taller than a page through its tasks'
    // rows is still there, merged page by page.
    let mut data = sample::ledger(12, Tasks::UpTo(3)).unwrap();
    for f in &mut data.findings {
        f.manifestation = f.manifestation.chars().take(120).collect();
    }
    let out = dir.path().join("台账.xlsx");
    xlsx::write_ledger(&data, &tpl, &out).unwrap();
    let profile = format!("-env:UserInstallation=file://{}/lo", dir.path().display());
    let status = std::process::Command::new("libreoffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&out)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let pdf = dir.path().join("台账.pdf");
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("841.89 x 595.") || info.contains("842 x 595"),
        "A4 landscape: {info}"
    );
    let pages: usize = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap();
    assert!(pages >= 2);
    let txt = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let txt = String::from_utf8_lossy(&txt.stdout);
    let pages_txt: Vec<&str> = txt
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages_txt[0].contains("区委统战部党组落实区委第三巡察组巡察反馈意见整改台账"));
    for p in &pages_txt {
        assert!(
            p.contains("责任分工") && p.contains("整改措施"),
            "header on every page"
        );
    }
    assert!(
        pages_txt[1]
            .replace(' ', "")
            .contains(&format!("第2页共{pages}页")),
        "footer: {}",
        pages_txt[1]
    );
    // Wrapped text is not clipped: LibreOffice writes a clipped cell's lines anyway, at
    // positions that overlap the row below, so no two printed lines may overlap.
    let bbox = dir.path().join("bbox.html");
    std::process::Command::new("pdftotext")
        .arg("-bbox")
        .arg(&pdf)
        .arg(&bbox)
        .output()
        .unwrap();
    let html = std::fs::read_to_string(&bbox).unwrap();
    let attr = |w: &str, name: &str| -> f64 {
        w.split(&format!("{name}=\""))
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    for (n, page) in html.split("<page ").skip(1).enumerate() {
        let boxes: Vec<(f64, f64, f64, f64, &str)> = page
            .split("<word ")
            .skip(1)
            .map(|w| {
                let text = w.split('>').nth(1).unwrap().split('<').next().unwrap();
                (
                    attr(w, "xMin"),
                    attr(w, "yMin"),
                    attr(w, "xMax"),
                    attr(w, "yMax"),
                    text,
                )
            })
            .collect();
        assert!(boxes.len() > 20);
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let overlap_x = a.0.max(b.0) < a.2.min(b.2) - 1.0;
                let overlap_y = a.1.max(b.1) < a.3.min(b.3) - 1.0;
                assert!(
                    !(overlap_x && overlap_y),
                    "page {}: “{}” overlaps “{}”: a cell's text does not fit its row",
                    n + 1,
                    a.4,
                    b.4
                );
            }
        }
    }
}
