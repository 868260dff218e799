//! Property tests of the ledger importer (proptest): random ledgers written with
//! rust_xlsxwriter from the ingredients real and hostile files are made of — headers from
//! the synonym list in any order, one- or two-row headers, section and note rows, random
//! merges, dates in every style, formulas with saved results and error values, cells of
//! up to 32,767 characters, control characters, emoji and rare characters. Whatever the
//! file, `read_ledger` gives a plan or a clear Chinese error and never panics; a plan
//! without errors imports and leaves a verifiable audit log; a plan with errors writes
//! nothing. A seed corpus of such files (and of hand-made hostile ones) is committed under
//! `tests/fixtures/xlsx/fuzz/` and read on every run; regenerate it with
//! `cargo test -p xuncha-tests --test it xlsx_fuzz::write_corpus -- --ignored`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use xuncha::db::{audit, Db};
use xuncha::import::xlsx::header::EXACT;
use xuncha::import::xlsx::read_ledger;
use xuncha::import::{apply, Target};
use xuncha::report::ledger::LedgerColumn;

/// One cell as written.
#[derive(Debug, Clone)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(i32, u32, u32),
    /// A formula with its saved result (an error value such as #REF! is a result too).
    Formula(String, String),
}

#[derive(Debug, Clone)]
enum Row {
    Section(String),
    Note(String),
    Blank,
    Data(Vec<Cell>),
}

/// A ledger to write.
#[derive(Debug, Clone)]
struct Spec {
    title: Option<String>,
    headers: Vec<(&'static str, LedgerColumn)>,
    two_row: bool,
    rows: Vec<Row>,
    /// (first row, first column, rows, columns) over the data area.
    merges: Vec<(u32, u16, u32, u16)>,
}

fn texts(list: &[&str]) -> BoxedStrategy<Cell> {
    let v: Vec<Cell> = list.iter().map(|s| Cell::Text((*s).to_owned())).collect();
    prop::sample::select(v).boxed()
}

/// Text of `n` characters (up to Excel's 32,767 limit).
fn long(c: char) -> BoxedStrategy<Cell> {
    prop_oneof![Just(301usize), Just(2_001), Just(20_001), Just(32_767)]
        .prop_map(move |n| Cell::Text(c.to_string().repeat(n)))
        .boxed()
}

/// Ingredients of any column: blanks, formulas, odd characters, huge text.
fn anything() -> BoxedStrategy<Cell> {
    prop_oneof![
        4 => Just(Cell::Empty),
        1 => Just(Cell::Formula("=\"制定\"&\"方案\"".into(), "制定方案".into())),
        1 => Just(Cell::Formula("=Sheet2!A1".into(), "#REF!".into())),
        1 => Just(Cell::Formula("=DATE(2025,9,30)".into(), "45930".into())),
        1 => texts(&["𠀾堃🙂", "  \n  ", "=SUM(A1:A3)", "带\u{1}控制字符", "\u{202e}反向", "第一行\n第二行"]),
        1 => long('长'),
        1 => (-1e6f64..1e6).prop_map(Cell::Number),
    ]
    .boxed()
}

/// A value the way a column is usually filled.
fn usual(col: LedgerColumn) -> BoxedStrategy<Cell> {
    use LedgerColumn::*;
    match col {
        Seq => prop_oneof![
            (1u32..30).prop_map(|n| Cell::Number(n as f64)),
            texts(&["1.", "（3）", "第2项", "一"]),
        ]
        .boxed(),
        Category => texts(&["理论学习方面", "一、党建方面", "（二）作风建设方面", "1", "一、"]),
        Title => texts(&[
            "理论学习不够深入",
            "公务接待管理不规范",
            "选人用人把关不严",
            "财务制度执行不严",
            "𠀾堃同志反映的问题未办结",
        ]),
        Manifestation => texts(&["学习计划性不强。", "12笔公务接待无公函。", "报销凭证附件不全。\n共5笔"]),
        Nature => texts(&["共性问题", "个性", "其他"]),
        Measure | Goal | Acceptance | Note | Evidence | Source => texts(&[
            "制定学习计划",
            "每季度开展专题研讨",
            "补齐公函，超标准部分退赔",
            "修订财务管理办法",
            "巡察发现",
        ]),
        LeadLeader | ResponsibleLeader | ResponsiblePerson => {
            texts(&["王建国", "王建国、李明华", "刘芳；张卫东", "𠀾堃", "欧阳某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某"])
        }
        LeadUnit | ResponsibleUnits => texts(&["办公室", "办公室，财务科;人事科", "机关党委/宣传科", "堃园社区"]),
        Deadline => prop_oneof![
            texts(&["2025年9月30日", "2025.6.30", "6月底前", "立行立改", "长期坚持", "尽快", "1999年1月1日", "2025-13-45"]),
            Just(Cell::Date(2025, 9, 30)),
            Just(Cell::Number(45930.0)),
            Just(Cell::Number(12.5)),
        ]
        .boxed(),
        Progress => texts(&[
            "2025年4月10日：召开会议\n2025.5.6：印发制度",
            "已制定学习计划",
            "1990年1月1日：旧事",
            "5月20日：完成",
        ]),
        Status => texts(&["已完成", "正在推进", "已销号", "长期坚持", "不知道"]),
        Warning => texts(&["红", "黄"]),
        DeadlineType => texts(&["限期完成", "立行立改", "长期坚持", "其他"]),
    }
}

fn cell(col: LedgerColumn) -> BoxedStrategy<Cell> {
    prop_oneof![12 => usual(col), 1 => anything()].boxed()
}

fn row(headers: Vec<(&'static str, LedgerColumn)>) -> BoxedStrategy<Row> {
    let data = headers
        .iter()
        .map(|(_, c)| cell(*c))
        .collect::<Vec<_>>()
        .prop_map(Row::Data);
    prop_oneof![
        6 => data,
        1 => prop::sample::select(vec![
            "一、贯彻落实党的理论和路线方针政策及党中央重大决策部署方面",
            "（二）落实全面从严治党主体责任方面",
            "三、选人用人方面",
            "一、",
            "四、𠀾堃🙂方面",
        ])
        .prop_map(|s| Row::Section(s.to_owned())),
        1 => prop::sample::select(vec!["注：1. 长期坚持的须明确阶段目标。", "填报人：张三  审核人：李四"])
            .prop_map(|s| Row::Note(s.to_owned())),
        1 => Just(Row::Blank),
    ]
    .boxed()
}

/// Headers: any synonyms in any order, or (more often, so that files also import) a
/// problem, a measure and a deadline column among them.
fn headers() -> BoxedStrategy<Vec<(&'static str, LedgerColumn)>> {
    let of = |col: LedgerColumn| {
        let v: Vec<(&'static str, LedgerColumn)> =
            EXACT.iter().copied().filter(|(_, c)| *c == col).collect();
        prop::sample::select(v)
    };
    let core = (
        of(LedgerColumn::Title),
        of(LedgerColumn::Measure),
        of(LedgerColumn::Deadline),
        prop::sample::subsequence(EXACT.to_vec(), 0..6),
    )
        .prop_map(|(t, m, d, mut rest)| {
            rest.retain(|(_, c)| ![t.1, m.1, d.1].contains(c));
            rest.extend([t, m, d]);
            rest
        })
        .prop_shuffle();
    prop_oneof![
        1 => prop::sample::subsequence(EXACT.to_vec(), 2..10).prop_shuffle(),
        2 => core,
    ]
    .boxed()
}

fn spec() -> impl Strategy<Value = Spec> {
    let headers = headers();
    headers.prop_flat_map(|headers| {
        let n = headers.len() as u16;
        (
            prop::option::of(Just("区委统战部党组巡察反馈问题整改台账".to_owned())),
            Just(headers.clone()),
            any::<bool>(),
            prop::collection::vec(row(headers), 0..10),
            prop::collection::vec((0u32..10, 0..n, 1u32..4, 1u16..4), 0..4),
        )
            .prop_map(|(title, headers, two_row, rows, merges)| Spec {
                title,
                headers,
                two_row,
                rows,
                merges,
            })
    })
}

fn write_cell(ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, v: &Cell) {
    let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    let _ = match v {
        Cell::Empty => Ok(ws),
        Cell::Text(s) => ws.write_string(r, c, s),
        Cell::Number(n) => ws.write_number(r, c, *n),
        Cell::Date(y, m, d) => match ExcelDateTime::from_ymd(*y as u16, *m as u8, *d as u8) {
            Ok(x) => ws.write_datetime_with_format(r, c, x, &date),
            Err(_) => Ok(ws),
        },
        Cell::Formula(f, result) => {
            ws.write_formula(r, c, Formula::new(f.as_str()).set_result(result.as_str()))
        }
    };
}

/// Merged ranges written so far: rust_xlsxwriter refuses an overlapping merge, and
/// (0.102) panics on the next one after such a refusal, so overlaps are skipped here.
#[derive(Default)]
struct Merges(Vec<(u32, u16, u32, u16)>);

impl Merges {
    fn merge(&mut self, ws: &mut rust_xlsxwriter::Worksheet, r: (u32, u16, u32, u16), text: &str) {
        let (r1, c1, r2, c2) = r;
        let overlaps = self
            .0
            .iter()
            .any(|(a1, b1, a2, b2)| r1 <= *a2 && *a1 <= r2 && c1 <= *b2 && *b1 <= c2);
        if overlaps || (r1 == r2 && c1 == c2) {
            return;
        }
        if ws.merge_range(r1, c1, r2, c2, text, &Format::new()).is_ok() {
            self.0.push(r);
        }
    }
}

/// Writes `s` as an xlsx.
fn write(s: &Spec, path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let mut merges = Merges::default();
    let last = s.headers.len().saturating_sub(1) as u16;
    let mut r = 0;
    if let Some(t) = &s.title {
        merges.merge(ws, (r, 0, r, last.max(1)), t);
        r += 1;
    }
    let grouped = |c: LedgerColumn| {
        use LedgerColumn::*;
        matches!(
            c,
            LeadLeader | ResponsibleLeader | LeadUnit | ResponsibleUnits | ResponsiblePerson
        )
    };
    if s.two_row && s.headers.iter().any(|(_, c)| grouped(*c)) {
        for (i, (text, col)) in s.headers.iter().enumerate() {
            let c = i as u16;
            if grouped(*col) {
                let _ = ws.write_string(r, c, "责任分工");
                let _ = ws.write_string(r + 1, c, *text);
            } else {
                merges.merge(ws, (r, c, r + 1, c), text);
            }
        }
        r += 2;
    } else {
        for (i, (text, _)) in s.headers.iter().enumerate() {
            let _ = ws.write_string(r, i as u16, *text);
        }
        r += 1;
    }
    let first_data = r;
    for row in &s.rows {
        match row {
            Row::Section(t) => {
                merges.merge(ws, (r, 0, r, last.max(1)), t);
            }
            Row::Note(t) => {
                let _ = ws.write_string(r, 0, t);
            }
            Row::Blank => {}
            Row::Data(cells) => {
                for (c, v) in cells.iter().enumerate() {
                    write_cell(ws, r, c as u16, v);
                }
            }
        }
        r += 1;
    }
    for (r0, c0, h, w) in &s.merges {
        let (r0, r1) = (first_data + r0, first_data + r0 + h - 1);
        merges.merge(ws, (r0, *c0, r1, c0 + w - 1), "");
    }
    wb.save(path).unwrap();
}

/// What a file led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Outcome {
    Refused,
    PlanWithErrors,
    Imported,
}

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn counts(db: &Db) -> (i64, i64, i64, i64) {
    db.read(|c| {
        let n = |t: &str| -> xuncha::Result<i64> {
            Ok(c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?)
        };
        Ok((n("findings")?, n("tasks")?, n("progress")?, n("audit_log")?))
    })
    .unwrap()
}

/// The properties, on one file.
fn check(path: &Path) -> Result<Outcome, TestCaseError> {
    let plan = match read_ledger(path, 2025) {
        Err(e) => {
            let msg = e.to_string();
            prop_assert_eq!(e.field(), Some("file"), "{}", msg);
            prop_assert!(has_chinese(&msg), "{}", msg);
            prop_assert!(
                !msg.contains("文件结构异常"),
                "the parser panicked: {}",
                msg
            );
            return Ok(Outcome::Refused);
        }
        Ok(plan) => plan,
    };
    let report = plan.report();
    for i in &plan.issues {
        prop_assert!(has_chinese(&i.message), "{:?}", i);
        prop_assert!(i.row > 0 || i.message.contains("另有"), "{:?}", i);
    }
    let db = Db::open_in_memory().unwrap();
    let before = counts(&db);
    let today = NaiveDate::from_ymd_opt(2025, 6, 15).unwrap();
    let target = Target::NewInspection("区委第三巡察组对区统计局党组的常规巡察".into());
    let result = apply(&db, &plan, &target, today);
    if plan.has_errors() {
        prop_assert!(result.is_err(), "a plan with errors imported:\n{}", report);
        prop_assert_eq!(counts(&db), before, "a refused import wrote something");
        return Ok(Outcome::PlanWithErrors);
    }
    match result {
        Ok(out) => {
            prop_assert_eq!(
                out.findings_added + out.findings_matched,
                plan.findings.len()
            );
            let rows = db.read(audit::verify);
            prop_assert!(rows.is_ok(), "audit log broken: {:?}", rows.err());
            prop_assert_eq!(counts(&db).1 as usize, out.tasks_added);
        }
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "a plan without errors did not import: {e}\n{report}"
            )))
        }
    }
    Ok(Outcome::Imported)
}

proptest! {
    #![proptest_config(crate::proptest_config::config(256))]

    #[test]
    fn random_ledgers_import_or_are_refused_clearly(s in spec()) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("台账.xlsx");
        write(&s, &file);
        check(&file)?;
    }
}

fn corpus_dir() -> PathBuf {
    super::xlsx_fixtures::dir().join("fuzz")
}

#[test]
fn seed_corpus_holds() {
    let mut seen = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "{files:?}");
    for f in &files {
        let outcome = check(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        seen.push(outcome);
    }
    for want in [Outcome::Refused, Outcome::PlanWithErrors, Outcome::Imported] {
        assert!(seen.contains(&want), "the corpus has no {want:?} case");
    }
}

/// Regenerates the corpus: the first few files of each outcome from a fixed seed.
#[test]
#[ignore]
fn write_corpus() {
    let dir = corpus_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let mut kept = std::collections::HashMap::new();
    let strategy = spec();
    for _ in 0..400 {
        let s = strategy.new_tree(&mut runner).unwrap().current();
        let tmp = dir.join("candidate.tmp.xlsx");
        write(&s, &tmp);
        let outcome = check(&tmp).unwrap();
        let n = kept.entry(outcome).or_insert(0);
        if *n < 3 {
            *n += 1;
            let name = format!("{outcome:?}_{n}.xlsx").to_lowercase();
            std::fs::rename(&tmp, dir.join(name)).unwrap();
        }
    }
    let _ = std::fs::remove_file(dir.join("candidate.tmp.xlsx"));
    println!("{kept:?}");
    // The hand-made hostile files of `xlsx_hostile`.
    use super::xlsx_hostile as h;
    h::long_cells(&dir.join("hostile_long_cells.xlsx"));
    h::formulas(&dir.join("hostile_formulas.xlsx"));
    h::overlapping_merges(&dir.join("hostile_overlapping_merges.xlsx"));
    h::header_merged_into_data(&dir.join("hostile_header_merged_into_data.xlsx"));
    h::bomb(&dir.join("hostile_zip_bomb.xlsx"), 52);
}
