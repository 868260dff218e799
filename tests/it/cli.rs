//! The CLI end to end: what it stores and prints for each capability.

use serde_json::Value;

use crate::common::Cli;

fn finding(cli: &Cli, insp: i64, title: &str) -> i64 {
    cli.add(&[
        "finding",
        "add",
        "--inspection",
        &insp.to_string(),
        "--category",
        "2",
        "--title",
        title,
        "--manifestation",
        "具体表现。",
        "--nature",
        "specific",
    ])
}

fn task(cli: &Cli, finding: i64, deadline: &str, extra: &[&str]) -> i64 {
    let f = finding.to_string();
    let mut args = vec![
        "task",
        "add",
        "--finding",
        &f,
        "--measure",
        "修订制度",
        "--goal",
        "制度完善",
        "--deadline",
        deadline,
    ];
    args.extend_from_slice(extra);
    cli.add(&args)
}

#[test]
fn init_migrates_an_empty_database_to_the_latest_schema() {
    let cli = Cli::new();
    let out = cli.ok(&["init"]);
    assert!(out.contains("数据库已就绪"), "{out}");
    let v: i64 = cli
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, xuncha::db::migrations::LATEST);
    let mode: String = cli
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn demo_is_listed_with_findings_and_nested_tasks() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let findings = cli.json(&["list", "findings"]);
    let findings = findings.as_array().unwrap();
    assert!(findings.len() >= 12);
    let tasks: Vec<&Value> = findings
        .iter()
        .flat_map(|f| f["tasks"].as_array().unwrap())
        .collect();
    assert!(tasks.len() >= 25);
    for key in [
        "id",
        "inspection_id",
        "seq",
        "category",
        "title",
        "manifestation",
        "nature",
        "status",
        "tasks",
    ] {
        assert!(findings[0].get(key).is_some(), "finding lacks {key}");
    }
    let t = tasks[0];
    for key in [
        "measure",
        "goal",
        "acceptance",
        "lead_leader",
        "responsible_leader",
        "lead_unit",
        "responsible_person",
    ] {
        assert!(t[key].is_string(), "task lacks {key}");
    }
    assert!(t["responsible_units"].is_array());
    assert!(tasks.iter().any(|t| t["deadline_kind"] == "long_term"));
    assert!(tasks.iter().any(|t| t["status"] == "closed"));
    assert!(tasks.iter().any(|t| t["overdue"] == true));
    // Leads are confidential: never in the findings listing.
    let text = cli.ok(&["list", "findings", "--json"]);
    assert!(!text.contains("收受好处"));
    assert!(cli.count("leads") >= 1);
}

#[test]
fn finding_add_prints_the_id_and_db_is_global() {
    let cli = Cli::new();
    let insp = cli.inspection();
    // --db after the subcommand works too.
    let out = std::process::Command::new(crate::common::xuncha_bin())
        .args([
            "finding",
            "add",
            "--inspection",
            &insp.to_string(),
            "--category",
            "落实新时代党的组织路线方面",
            "--title",
            "选人用人不规范",
            "--db",
        ])
        .arg(&cli.db)
        .env("XUNCHA_TODAY", crate::common::TODAY)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id: i64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let f = cli.json(&["finding", "show", &id.to_string()]);
    assert_eq!(f["id"], id);
    assert_eq!(f["seq"], 1);
    assert_eq!(f["category"], "落实新时代党的组织路线方面");
    assert_eq!(f["nature"], "common");
    assert_eq!(f["status"], "not_started");
    let title: String = cli
        .conn()
        .query_row("SELECT title FROM findings WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(title, "选人用人不规范");
    let json = cli.json(&[
        "finding",
        "add",
        "--inspection",
        &insp.to_string(),
        "--category",
        "1",
        "--title",
        "第二个问题",
    ]);
    assert_eq!(json["seq"], 2);
}

#[test]
fn task_assignment_filters_and_stats() {
    let cli = Cli::new();
    let insp = cli.inspection();
    let f = finding(&cli, insp, "财务管理不规范");
    let t1 = task(
        &cli,
        f,
        "2025年6月底前",
        &[
            "--lead-leader",
            "李明华",
            "--lead-unit",
            "财务科",
            "--responsible-units",
            "财务科、办公室",
            "--responsible-person",
            "钱卫东",
        ],
    );
    let t2 = task(&cli, f, "2025-05-31", &[]);
    let t3 = task(
        &cli,
        f,
        "长期坚持",
        &[
            "--milestone",
            "2025-06-30:建立台账",
            "--milestone",
            "2025-12-31:形成机制",
        ],
    );
    cli.ok(&[
        "task",
        "assign",
        &t2.to_string(),
        &t3.to_string(),
        "--responsible-leader",
        "张秀英",
        "--lead-unit",
        "办公室",
        "--units",
        "办公室",
        "--person",
        "周晓燕",
    ]);
    let t = cli.json(&["task", "show", &t1.to_string()])["task"].clone();
    assert_eq!(t["deadline"], "2025-06-30");
    assert_eq!(t["deadline_kind"], "date");
    assert_eq!(
        t["responsible_units"],
        serde_json::json!(["财务科", "办公室"])
    );
    assert_eq!(t["warning"], "green"); // 15 days left on 2025-06-15
    let t = cli.json(&["task", "show", &t3.to_string()])["task"].clone();
    assert_eq!(t["deadline_kind"], "long_term");
    assert_eq!(t["status"], "long_term");
    assert_eq!(t["milestones"].as_array().unwrap().len(), 2);
    // New names went into the directory.
    let people = cli.json(&["directory", "list", "--kind", "person"]);
    assert!(people
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "周晓燕"));

    let ids = |v: Value| -> Vec<i64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(ids(cli.json(&["list", "tasks", "--overdue"])), vec![t2]);
    assert_eq!(
        ids(cli.json(&["list", "tasks", "--unit", "财务科"])),
        vec![t1]
    );
    assert_eq!(
        ids(cli.json(&["list", "tasks", "--unit", "办公室"])),
        vec![t1, t2, t3]
    );
    assert_eq!(
        ids(cli.json(&["list", "tasks", "--person", "张秀英"])),
        vec![t2, t3]
    );
    assert_eq!(
        ids(cli.json(&["list", "tasks", "--status", "长期坚持"])),
        vec![t3]
    );
    assert_eq!(
        ids(cli.json(&["list", "tasks", "--due-within", "20"])),
        vec![t1, t2, t3]
    );

    let s = cli.json(&["stats", "--inspection", &insp.to_string()]);
    assert_eq!(s["findings"]["total"], 1);
    assert_eq!(s["findings"]["incomplete"], 1);
    assert_eq!(s["tasks"]["total"], 3);
    assert_eq!(s["tasks"]["overdue"], 1);
    assert_eq!(s["tasks"]["long_term"], 1);
    let cat = &s["by_category"][1];
    assert_eq!(cat["name"], "落实全面从严治党主体责任和监督责任方面");
    assert_eq!(cat["tasks"]["total"], 3);
    let office = s["by_unit"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == "办公室")
        .unwrap();
    assert_eq!(office["tasks"]["total"], 3);
}

#[test]
fn progress_evidence_close_out_and_reopen() {
    let cli = Cli::new();
    let insp = cli.inspection();
    let f = finding(&cli, insp, "公务用车管理不规范");
    let t = task(&cli, f, "2025-06-30", &[]).to_string();
    let file = cli.dir.path().join("会议纪要.pdf");
    std::fs::write(&file, b"%PDF-1.4 minutes").unwrap();
    cli.ok(&[
        "progress",
        "add",
        "--task",
        &t,
        "--text",
        "已召开专题会",
        "--status",
        "in_progress",
    ]);
    cli.ok(&[
        "progress",
        "add",
        "--task",
        &t,
        "--text",
        "制度已印发",
        "--status",
        "completed",
        "--evidence",
        file.to_str().unwrap(),
        "--funds",
        "1.5",
    ]);
    // Evidence is copied under the data folder by hash, and the hash is recorded.
    let (name, sha): (String, String) = cli
        .conn()
        .query_row("SELECT file_name, sha256 FROM evidence", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(name, "会议纪要.pdf");
    let stored = cli
        .dir
        .path()
        .join("test.db.files")
        .join(&sha[..2])
        .join(&sha);
    assert_eq!(std::fs::read(stored).unwrap(), b"%PDF-1.4 minutes");
    std::fs::remove_file(&file).unwrap(); // copied, never referenced

    cli.add(&[
        "close-out",
        "request",
        "--task",
        &t,
        "--summary",
        "提请销号",
    ]);
    let co = cli.json(&[
        "close-out",
        "approve",
        "--task",
        &t,
        "--approver",
        "黄志远",
        "--approver",
        "王建国",
        "--verdict",
        "同意销号",
    ]);
    assert_eq!(co["state"], "approved");
    assert_eq!(co["approvers"], serde_json::json!(["黄志远", "王建国"]));
    let finding = cli.json(&["finding", "show", &f.to_string()]);
    assert_eq!(finding["status"], "closed");
    assert_eq!(finding["completion"], "completed");
    let s = cli.json(&["stats"]);
    assert_eq!(s["findings"]["completion_rate"], 100.0);
    assert_eq!(s["funds_recovered"], 1.5);

    cli.ok(&["reopen", "--task", &t, "--reason", "回头看发现问题反弹"]);
    assert_eq!(
        cli.json(&["task", "show", &t])["task"]["status"],
        "in_progress"
    );
    let reason: String = cli
        .conn()
        .query_row("SELECT reason FROM reopenings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(reason, "回头看发现问题反弹");

    // 双审核: the first approval passes the request on, the final one (by someone else)
    // closes the task.
    cli.ok(&["inspection", "dual-review", &insp.to_string(), "on"]);
    cli.ok(&[
        "progress",
        "add",
        "--task",
        &t,
        "--text",
        "整改到位",
        "--status",
        "completed",
    ]);
    cli.add(&["close-out", "request", "--task", &t]);
    let approve = |who: &str| cli.run(&["close-out", "approve", "--task", &t, "--approver", who]);
    let first = approve("王建国");
    assert!(first.status.success());
    let said = String::from_utf8_lossy(&first.stdout);
    assert!(said.contains("初审通过，待终审"), "{said}");
    assert_eq!(
        cli.json(&["task", "show", &t])["task"]["status"],
        "completed"
    );
    let same = cli.fail(&["close-out", "approve", "--task", &t, "--approver", "王建国"]);
    assert!(same.contains("终审"), "{same}");
    let last = approve("黄志远");
    assert!(String::from_utf8_lossy(&last.stdout).contains("已销号"));
    assert_eq!(cli.json(&["task", "show", &t])["task"]["status"], "closed");
    let out = cli.ok(&["verify-audit"]);
    assert!(out.contains("链条完整"), "{out}");
}

#[test]
fn leads_regulations_accountability_follow_ups_and_papers() {
    let cli = Cli::new();
    let insp = cli.inspection().to_string();
    let lead = cli.add(&[
        "lead",
        "add",
        "--inspection",
        &insp,
        "--person",
        "某某",
        "--summary",
        "反映收受礼金",
    ]);
    let l = cli.json(&[
        "lead",
        "transfer",
        &lead.to_string(),
        "--to",
        "区纪委监委",
        "--date",
        "2025-03-25",
        "--receipt",
        "移字〔2025〕3号",
    ]);
    assert_eq!(l["transfer"]["to"], "区纪委监委");
    assert_eq!(l["transfer"]["on"], "2025-03-25");
    let err = cli.fail(&[
        "lead",
        "transfer",
        &lead.to_string(),
        "--to",
        "组织部",
        "--date",
        "2025-03-26",
    ]);
    assert!(err.contains("已移交"), "{err}");
    assert_eq!(cli.count("findings"), 0, "a lead is not a finding");

    let f = finding(&cli, insp.parse().unwrap(), "制度不健全").to_string();
    cli.add(&[
        "regulation",
        "add",
        "--inspection",
        &insp,
        "--finding",
        &f,
        "--name",
        "财务报销管理办法",
        "--action",
        "修订",
        "--date",
        "2025年4月10日",
        "--doc-no",
        "示发〔2025〕1号",
    ]);
    let action: String = cli
        .conn()
        .query_row("SELECT action FROM regulations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(action, "revise");
    cli.add(&[
        "accountability",
        "add",
        "--inspection",
        &insp,
        "--person",
        "钱某",
        "--form",
        "诫勉",
        "--date",
        "2025-04-01",
    ]);
    cli.add(&[
        "immediate",
        "add",
        "--inspection",
        &insp,
        "--title",
        "公示栏未更新",
        "--action",
        "已更新",
    ]);
    cli.add(&[
        "recommendation",
        "add",
        "--inspection",
        &insp,
        "加强理论学习",
    ]);
    let s = cli.json(&["stats"]);
    assert_eq!(
        (
            s["regulations"].as_i64(),
            s["accountabilities"].as_i64(),
            s["immediate_fixes"].as_i64()
        ),
        (Some(1), Some(1), Some(1))
    );

    let paper = cli.add(&[
        "paper",
        "add",
        "--inspection",
        &insp,
        "--number",
        "[2025]X巡-3组-01号",
        "--title",
        "三重一大决策不规范",
        "--evidence",
        "会议记录",
        "--evidence",
        "谈话笔录",
    ]);
    let out = cli.json(&[
        "paper",
        "approve",
        &paper.to_string(),
        "--category",
        "2",
        "--signed-by",
        "黄志远",
    ]);
    assert_eq!(out["title"], "三重一大决策不规范");
    assert_eq!(out["working_paper_id"], paper);
    let list = cli.json(&["paper", "list"]);
    assert_eq!(list[0]["status"], "approved");
    assert_eq!(
        list[0]["evidence_list"],
        serde_json::json!(["会议记录", "谈话笔录"])
    );

    // A rebound found by a follow-up check reopens the closed task.
    let t = task(
        &cli,
        f.parse().unwrap(),
        "2025-06-30",
        &["--status", "completed"],
    )
    .to_string();
    let file = cli.dir.path().join("照片.jpg");
    std::fs::write(&file, b"jpeg").unwrap();
    cli.ok(&[
        "progress",
        "add",
        "--task",
        &t,
        "--text",
        "完成",
        "--evidence",
        file.to_str().unwrap(),
    ]);
    cli.ok(&["close-out", "request", "--task", &t]);
    cli.ok(&["close-out", "approve", "--task", &t, "--approver", "巡察办"]);
    cli.add(&[
        "follow-up",
        "add",
        "--inspection",
        &insp,
        "--task",
        &t,
        "--result",
        "rebound",
        "--notes",
        "报销又不规范",
    ]);
    assert_eq!(
        cli.json(&["task", "show", &t])["task"]["status"],
        "in_progress"
    );
}

#[test]
fn backup_is_consistent_and_carries_evidence() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let out = cli.dir.path().join("备份").join("xuncha-backup.db");
    cli.ok(&["backup", "--out", out.to_str().unwrap()]);
    let b = rusqlite::Connection::open(&out).unwrap();
    let ok: String = b
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let n: i64 = b
        .query_row("SELECT count(*) FROM tasks", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, cli.count("tasks"));
    drop(b);
    // The copy is a working database with its evidence beside it.
    let copy = Cli {
        dir: tempfile::tempdir().unwrap(),
        db: out,
    };
    let v = copy.json(&["verify-audit"]);
    assert_eq!(v["ok"], true);
    assert!(v["rows"].as_i64().unwrap() > 50);
}

#[test]
fn tampering_with_the_audit_log_is_detected() {
    let cli = Cli::new();
    let insp = cli.inspection();
    finding(&cli, insp, "问题一");
    finding(&cli, insp, "问题二");
    // The log refuses edits…
    let err = cli
        .conn()
        .execute("UPDATE audit_log SET operator = 'x' WHERE id = 1", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"));
    // …and an edit made by going around the trigger breaks the chain.
    let c = cli.conn();
    c.execute_batch(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after = '{}' WHERE id = 2;",
    )
    .unwrap();
    drop(c);
    let err = cli.fail(&["verify-audit"]);
    assert!(
        err.contains("审计日志校验失败") && err.contains("第 2 条"),
        "{err}"
    );
}

#[test]
fn operator_is_recorded_in_the_audit_log() {
    let cli = Cli::new();
    cli.ok(&["config", "operator", "罗佳琪"]);
    cli.inspection();
    cli.ok(&["--operator", "何晓东", "category", "add", "选人用人"]);
    let ops = cli.column("SELECT operator FROM audit_log ORDER BY id");
    assert_eq!(ops.last().unwrap(), "何晓东");
    assert!(ops.contains(&"罗佳琪".to_owned()));
    let audit = cli.json(&["audit", "--limit", "1"]);
    assert_eq!(audit[0]["entity"], "category");
}

#[test]
fn deadlines_count_working_days_across_holidays() {
    let cli = Cli::new();
    let insp = cli.add(&[
        "inspection",
        "add",
        "--inspected-org",
        "区财政局党组",
        "--feedback-date",
        "2025-09-26",
    ]);
    let d = cli.json(&["deadlines", "--inspection", &insp.to_string()]);
    // 国庆中秋 2025-10-01..08 off; 9-28 (Sun) and 10-11 (Sat) are make-up working days.
    assert_eq!(d["plan_due"], "2025-10-23");
    assert_eq!(d["meeting_due"], "2025-10-26");
    assert_eq!(d["report_due"], "2025-12-26");
    cli.ok(&[
        "inspection",
        "edit",
        &insp.to_string(),
        "--report-due-months",
        "2",
    ]);
    assert_eq!(cli.json(&["deadlines"])["report_due"], "2025-11-26");
}

#[test]
fn ledger_date_forms_become_deadlines() {
    let cli = Cli::new();
    let insp = cli.inspection();
    let f = finding(&cli, insp, "日期写法");
    let cases = [
        ("2025年3月31日", "date", Some("2025-03-31")),
        ("2025.4.30", "date", Some("2025-04-30")),
        ("2025/5/6", "date", Some("2025-05-06")),
        ("2025年6月底前", "date", Some("2025-06-30")),
        ("2025年2月底前", "date", None), // before feedback: refused below
        ("立行立改", "immediate", None),
    ];
    for (text, kind, date) in cases {
        let out = cli.run(&[
            "task",
            "add",
            "--finding",
            &f.to_string(),
            "--measure",
            "措施",
            "--deadline",
            text,
            "--json",
        ]);
        if text == "2025年2月底前" {
            assert!(!out.status.success());
            continue;
        }
        assert!(
            out.status.success(),
            "{text}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let t: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(t["deadline_kind"], kind, "{text}");
        assert_eq!(t["deadline"].as_str(), date, "{text}");
    }
}

#[test]
fn calendar_year_can_be_added() {
    let cli = Cli::new();
    let file = cli.dir.path().join("2027.txt");
    std::fs::write(&file, "# 测试用\n2027-01-01..2027-01-03 休 元旦\n").unwrap();
    cli.ok(&["calendar", "add", file.to_str().unwrap()]);
    let years = cli.json(&["calendar", "show"]);
    assert!(years.as_array().unwrap().contains(&serde_json::json!(2027)));
    let insp = cli.add(&[
        "inspection",
        "add",
        "--inspected-org",
        "某单位党组",
        "--feedback-date",
        "2026-12-31",
        "--plan-due-workdays",
        "1",
    ]);
    // 2027-01-01 is a holiday in the added year: the first working day is 01-04.
    assert_eq!(
        cli.json(&["deadlines", "--inspection", &insp.to_string()])["plan_due"],
        "2027-01-04"
    );
}

#[test]
fn help_is_in_chinese_at_every_level() {
    let cli = Cli::new();
    for args in [
        vec!["--help"],
        vec!["finding", "--help"],
        vec!["finding", "add", "-h"],
    ] {
        let out = cli.ok(&args);
        for zh in ["用法：", "选项:", "显示帮助"] {
            assert!(out.contains(zh), "{args:?} lacks {zh}:\n{out}");
        }
        for en in ["Usage:", "Options:", "Print help", "Commands:"] {
            assert!(!out.contains(en), "{args:?} says {en}:\n{out}");
        }
    }
    assert!(cli.ok(&["--help"]).contains("命令:"));
    assert!(cli.ok(&["--version"]).starts_with("xuncha "));
    let err = cli.run(&["finding", "add", "--no-such-flag"]);
    assert_eq!(err.status.code(), Some(2));
    let said = String::from_utf8_lossy(&err.stderr);
    assert!(said.starts_with("错误：无法识别的参数"), "{said}");
}
