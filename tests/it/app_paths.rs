//! One path for each operation: what only the desktop had is in the CLI too (the board,
//! the dashboard, a task's whole history), a command that only reads creates nothing, and an
//! export's format follows its file's extension.

use crate::common::Cli;

#[test]
fn a_command_that_only_reads_refuses_a_missing_database_and_creates_nothing() {
    let cli = Cli::new();
    let typo = cli.dir.path().join("没有这个目录").join("typo.db");
    for args in [
        vec!["stats"],
        vec!["list", "tasks"],
        vec!["dashboard"],
        vec!["export", "ledger", "--out", "x.xlsx"],
    ] {
        let out = std::process::Command::new(crate::common::xuncha_bin())
            .arg("--db")
            .arg(&typo)
            .args(&args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(err.contains("不存在") && err.contains("typo.db"), "{err}");
        assert!(
            !typo.exists() && !typo.parent().unwrap().exists(),
            "{args:?}"
        );
    }
    // A command that writes creates the database.
    cli.inspection();
    assert!(cli.db.is_file());
}

#[test]
fn an_export_s_format_follows_the_extension_and_others_are_refused() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    for (what, name, words) in [
        (
            "feedback",
            "报告.doc",
            "巡察反馈意见不能导出为“.doc”的文件：请用 .pdf 或 .docx",
        ),
        ("ledger", "台账.doc", "请用 .xlsx 或 .pdf"),
        ("leads", "线索.pdf", "请用 .xlsx"),
        ("report", "报告", "没有扩展名"),
    ] {
        let out = cli.dir.path().join(name);
        let err = cli.fail(&["export", what, "--out", out.to_str().unwrap()]);
        assert!(err.contains(words), "{what} {name}: {err}");
        assert!(err.contains("字段 out"), "{err}");
        assert!(!out.exists(), "nothing written for {name}");
    }
    let pdf = cli.dir.path().join("台账.PDF");
    let said = cli.ok(&["export", "ledger", "--out", pdf.to_str().unwrap()]);
    assert!(said.contains("（PDF）"), "{said}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
}

#[test]
fn the_board_the_dashboard_and_a_task_s_history_are_in_the_cli() {
    let cli = Cli::new();
    let id = cli.ok(&["demo"]).trim().to_owned();
    let d = cli.json(&["dashboard", "--inspection", &id]);
    let overdue = d["overdue"].as_array().unwrap();
    assert_eq!(
        overdue.len() as u64,
        d["stats"]["tasks"]["overdue"].as_u64().unwrap()
    );
    assert!(!d["burndown"].as_array().unwrap().is_empty());
    assert_eq!(d["green_days"], 20);

    let board = cli.json(&["list", "board", "--inspection", &id]);
    let rows = board.as_array().unwrap();
    let tasks = cli.json(&["list", "tasks", "--inspection", &id]);
    assert_eq!(rows.len(), tasks.as_array().unwrap().len());
    let first_done = rows
        .iter()
        .position(|r| r["task"]["overdue"] == false)
        .unwrap_or(rows.len());
    assert!(
        rows[..first_done]
            .iter()
            .all(|r| r["task"]["overdue"] == true),
        "overdue first"
    );
    assert!(rows.iter().all(|r| r["finding_title"].is_string()));

    // A closed task: its close-out with the reviews, then reopened, then a 回头看.
    let closed = rows
        .iter()
        .find(|r| r["task"]["status"] == "closed")
        .expect("the demo has a closed task");
    let t = closed["task"]["id"].to_string();
    cli.ok(&["reopen", "--task", &t, "--reason", "回头看发现问题反弹"]);
    let shown = cli.json(&["task", "show", &t]);
    assert_eq!(shown["task"]["status"], "in_progress");
    assert!(!shown["close_outs"].as_array().unwrap().is_empty());
    assert_eq!(shown["reopenings"][0]["reason"], "回头看发现问题反弹");
    assert_eq!(
        shown["next_statuses"],
        serde_json::json!(["not_started", "long_term", "completed"])
    );
    let text = cli.ok(&["task", "show", &t]);
    assert!(
        text.contains("销号申请") && text.contains("重新打开"),
        "{text}"
    );
    assert!(text.contains("可改为：未启动、长期坚持、已完成"), "{text}");
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    // A pipe whose reader is gone before the command starts, as `| head` leaves it after
    // its lines: every write meets a closed pipe.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = cli
        .command(&["list", "tasks"])
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(141), "{err}");
}
