//! Every validation rule, through the CLI: a clear Chinese message naming the field, a
//! non-zero exit, and nothing written.

use crate::common::Cli;

/// Counts of every table, to show a refused command wrote nothing.
fn snapshot(cli: &Cli) -> Vec<(String, i64)> {
    cli.column("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        .into_iter()
        .map(|t| {
            let n = cli.count(&t);
            (t, n)
        })
        .collect()
}

struct Setup {
    cli: Cli,
    insp: String,
    finding: String,
    task: String,
    done_task: String,
}

fn setup() -> Setup {
    let cli = Cli::new();
    let insp = cli.inspection().to_string();
    let finding = cli
        .add(&[
            "finding",
            "add",
            "--inspection",
            &insp,
            "--category",
            "1",
            "--title",
            "已有问题",
        ])
        .to_string();
    let task = cli
        .add(&[
            "task",
            "add",
            "--finding",
            &finding,
            "--measure",
            "措施",
            "--deadline",
            "2025-06-30",
        ])
        .to_string();
    let done_task = cli
        .add(&[
            "task",
            "add",
            "--finding",
            &finding,
            "--measure",
            "已完成措施",
            "--deadline",
            "2025-06-30",
            "--status",
            "completed",
        ])
        .to_string();
    Setup {
        cli,
        insp,
        finding,
        task,
        done_task,
    }
}

#[test]
fn bad_input_is_refused_with_a_chinese_message_and_writes_nothing() {
    let s = setup();
    let long_title = "很".repeat(301);
    let bell = "带\u{7}控制字符";
    let (i, f, t, d) = (
        s.insp.as_str(),
        s.finding.as_str(),
        s.task.as_str(),
        s.done_task.as_str(),
    );
    // (args, words the message must contain)
    let cases: Vec<(Vec<&str>, Vec<&str>)> = vec![
        (
            vec![
                "finding",
                "add",
                "--inspection",
                i,
                "--category",
                "1",
                "--title",
                "",
            ],
            vec!["反馈问题不能为空", "title"],
        ),
        (
            vec![
                "finding",
                "add",
                "--inspection",
                i,
                "--category",
                "1",
                "--title",
                &long_title,
            ],
            vec!["反馈问题过长", "最多 300 个字"],
        ),
        (
            vec![
                "finding",
                "add",
                "--inspection",
                i,
                "--category",
                "1",
                "--title",
                "第一行\n第二行",
            ],
            vec!["一行"],
        ),
        (
            vec![
                "finding",
                "add",
                "--inspection",
                i,
                "--category",
                "1",
                "--title",
                bell,
            ],
            vec!["控制字符"],
        ),
        (
            vec![
                "finding",
                "add",
                "--inspection",
                i,
                "--category",
                "不存在的类别",
                "--title",
                "x",
            ],
            vec!["问题类别", "不存在", "category"],
        ),
        (
            vec![
                "finding",
                "add",
                "--inspection",
                i,
                "--category",
                "1",
                "--title",
                "x",
                "--nature",
                "一般",
            ],
            vec!["问题性质", "共性问题（common）"],
        ),
        (
            vec![
                "finding",
                "add",
                "--inspection",
                "999",
                "--category",
                "1",
                "--title",
                "x",
            ],
            vec!["没有编号为 999 的巡察"],
        ),
        (
            vec![
                "finding",
                "add",
                "--inspection",
                i,
                "--category",
                "1",
                "--title",
                "x",
                "--found-on",
                "2025-02-30",
            ],
            vec!["2025年2月没有30日", "found_on"],
        ),
        (
            vec![
                "finding",
                "add",
                "--inspection",
                i,
                "--category",
                "1",
                "--title",
                "x",
                "--found-on",
                "1999-05-01",
            ],
            vec!["年份“1999年”不合理", "found_on"],
        ),
        (
            vec![
                "finding",
                "add",
                "--inspection",
                i,
                "--category",
                "1",
                "--title",
                "x",
                "--found-on",
                "下个月",
            ],
            vec!["无法识别日期“下个月”", "found_on"],
        ),
        (
            vec![
                "task",
                "add",
                "--finding",
                f,
                "--measure",
                "",
                "--deadline",
                "2025-06-30",
            ],
            vec!["整改措施不能为空", "measure"],
        ),
        (
            vec!["task", "add", "--finding", f, "--measure", "措施"],
            vec!["整改时限不能为空", "deadline"],
        ),
        (
            vec![
                "task",
                "add",
                "--finding",
                f,
                "--measure",
                "措施",
                "--deadline",
                "2025-03-01",
            ],
            vec!["整改时限", "不能早于反馈日期（2025年3月20日）"],
        ),
        (
            vec![
                "task",
                "add",
                "--finding",
                f,
                "--measure",
                "措施",
                "--deadline",
                "尽快",
            ],
            vec!["整改时限", "deadline"],
        ),
        (
            vec![
                "task",
                "add",
                "--finding",
                f,
                "--measure",
                "措施",
                "--deadline",
                "长期坚持",
            ],
            vec!["阶段目标", "milestones"],
        ),
        (
            vec![
                "task",
                "add",
                "--finding",
                f,
                "--measure",
                "措施",
                "--deadline",
                "2025-06-30",
                "--status",
                "closed",
            ],
            vec!["已销号", "审批"],
        ),
        (
            vec![
                "task",
                "add",
                "--finding",
                "999",
                "--measure",
                "措施",
                "--deadline",
                "2025-06-30",
            ],
            vec!["没有编号为 999 的反馈问题"],
        ),
        (
            vec![
                "progress",
                "add",
                "--task",
                t,
                "--text",
                "x",
                "--status",
                "差不多",
            ],
            vec!["整改状态", "无法识别"],
        ),
        (
            vec![
                "progress", "add", "--task", t, "--text", "x", "--status", "closed",
            ],
            vec!["整改状态不能从“未启动”改为“已销号”"],
        ),
        (
            vec!["progress", "add", "--task", t, "--text", ""],
            vec!["进展情况不能为空"],
        ),
        (
            vec![
                "progress",
                "add",
                "--task",
                t,
                "--text",
                "x",
                "--evidence",
                "/no/such/file.pdf",
            ],
            vec!["佐证材料", "无法读取"],
        ),
        (
            vec![
                "progress", "add", "--task", t, "--text", "x", "--funds", "-1",
            ],
            vec!["追缴/清退资金"],
        ),
        (
            vec!["close-out", "request", "--task", t],
            vec!["只有“已完成”的任务才能提请销号"],
        ),
        (
            vec!["close-out", "request", "--task", d],
            vec!["提请销号须附佐证材料", "evidence"],
        ),
        (
            vec!["close-out", "approve", "--task", d, "--approver", "黄志远"],
            vec!["没有待审批的销号申请"],
        ),
        (
            vec!["reopen", "--task", t, "--reason", "反弹"],
            vec!["整改状态不能从“未启动”改为“正在推进”"],
        ),
        (
            vec!["reopen", "--task", t, "--reason", ""],
            vec!["原因不能为空"],
        ),
        (
            vec![
                "inspection",
                "add",
                "--inspected-org",
                "某党组",
                "--onsite-start",
                "2025-03-01",
                "--onsite-end",
                "2025-02-01",
            ],
            vec!["撤离日期不能早于进驻日期"],
        ),
        (
            vec!["inspection", "add", "--inspected-org", ""],
            vec!["被巡察党组织不能为空"],
        ),
        (
            vec![
                "inspection",
                "add",
                "--inspected-org",
                "某党组",
                "--report-due-months",
                "0",
            ],
            vec!["整改情况报告时限"],
        ),
        (
            vec![
                "inspection",
                "add",
                "--inspected-org",
                "某党组",
                "--kind",
                "突击",
            ],
            vec!["巡察类型"],
        ),
        (
            vec![
                "regulation",
                "add",
                "--inspection",
                i,
                "--name",
                "",
                "--date",
                "2025-04-01",
            ],
            vec!["制度名称不能为空"],
        ),
        (
            vec![
                "regulation",
                "add",
                "--inspection",
                i,
                "--name",
                "x",
                "--date",
                "2025-04-01",
                "--finding",
                "999",
            ],
            vec!["反馈问题 999 不存在"],
        ),
        (
            vec![
                "accountability",
                "add",
                "--inspection",
                i,
                "--person",
                "某",
                "--form",
                "",
                "--date",
                "2025-04-01",
            ],
            vec!["问责方式不能为空"],
        ),
        (
            vec![
                "lead",
                "add",
                "--inspection",
                i,
                "--person",
                "",
                "--summary",
                "x",
            ],
            vec!["反映对象不能为空"],
        ),
        (
            vec!["follow-up", "add", "--inspection", i, "--result", "rebound"],
            vec!["问题反弹的情况不能为空"],
        ),
        (
            vec!["directory", "add", "--kind", "机构", "x"],
            vec!["名录类型"],
        ),
        (
            vec!["config", "strict_directory", "maybe"],
            vec!["true 或 false"],
        ),
        (
            vec!["task", "milestone", t, "--index", "1"],
            vec!["只有 0 个阶段目标"],
        ),
    ];
    let before = snapshot(&s.cli);
    for (args, words) in cases {
        let err = s.cli.fail(&args);
        assert!(err.starts_with("错误："), "{args:?}: {err}");
        for w in words {
            assert!(err.contains(w), "{args:?}: message {err:?} lacks {w:?}");
        }
        assert_eq!(snapshot(&s.cli), before, "{args:?} wrote something");
    }
}

#[test]
fn strict_directory_refuses_unknown_units() {
    let s = setup();
    s.cli.ok(&["directory", "add", "--kind", "unit", "财务科"]);
    s.cli.ok(&["config", "strict_directory", "true"]);
    let before = snapshot(&s.cli);
    let err = s
        .cli
        .fail(&["task", "assign", &s.task, "--units", "财务科、不存在科"]);
    assert!(err.contains("责任单位“不存在科”不在名录中"), "{err}");
    assert!(err.contains("responsible_units"), "{err}");
    assert_eq!(snapshot(&s.cli), before);
    s.cli.ok(&["task", "assign", &s.task, "--units", "财务科"]);
    let dup = s
        .cli
        .fail(&["directory", "add", "--kind", "unit", "财务科"]);
    assert!(dup.contains("名录中已有单位“财务科”"), "{dup}");
}

#[test]
fn foreign_newer_and_damaged_files_are_refused_without_overwriting() {
    let s = setup();
    // A database from a newer Xuncha.
    s.cli
        .conn()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = s.cli.fail(&["list", "findings"]);
    assert!(
        err.contains("结构版本为 99") && err.contains("请升级"),
        "{err}"
    );
    let v: i64 = s
        .cli
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 99, "the newer file was left alone");

    // A file that is not a database.
    let cli = crate::common::Cli::new();
    let text = "这不是数据库，是一份会议纪要。".repeat(200);
    std::fs::write(&cli.db, &text).unwrap();
    let err = cli.fail(&["list", "findings"]);
    assert!(err.contains("不是巡察整改台账的数据库文件"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&cli.db).unwrap(),
        text,
        "never overwritten"
    );
}
