//! Older databases migrate forward to the latest schema, keeping every row.

use crate::common::Cli;

/// Each fixture: a database file written by an older schema version. v3.db is drifted: the
/// copy of task 1's units in `tasks.responsible_units` (纪检组) disagrees with `task_units`
/// (财务科、办公室, a reassignment the copy missed); `task_units` is the truth. v4.db is v3.db
/// as schema 4 left it, the last schema before steps 005–007 (import mappings, rectification documents,
/// the letters' register).
const FIXTURES: &[(&str, i64)] = &[("v1.db", 1), ("v2.db", 2), ("v3.db", 3), ("v4.db", 4)];

#[test]
fn every_older_fixture_migrates_to_the_latest_schema() {
    for (name, version) in FIXTURES {
        let cli = Cli::new();
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/db")
            .join(name);
        std::fs::copy(&src, &cli.db).unwrap();
        let before: i64 = cli
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(before, *version);

        let findings = cli.json(&["list", "findings"]);
        let tasks = findings[0]["tasks"].as_array().unwrap();
        assert_eq!(findings[0]["title"], "旧版问题");
        assert_eq!(
            tasks[0]["responsible_units"],
            serde_json::json!(["财务科", "办公室"]),
            "{name}"
        );
        assert_eq!(
            tasks[1]["responsible_units"],
            serde_json::json!(["人事科"]),
            "{name}"
        );
        assert_eq!(tasks[1]["milestones"][0]["target"], "阶段目标");

        let after: i64 = cli
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(after, xuncha::db::migrations::LATEST);
        let ok: String = cli
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        // Schema 3: inspections start with one review; close-outs have no first review.
        let (dual, first): (bool, String) = cli
            .conn()
            .query_row(
                "SELECT i.dual_review, coalesce((SELECT group_concat(first_reviewers) FROM close_outs), '[]')
                 FROM inspections i",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(!dual, "{name}");
        assert_eq!(first, "[]", "{name}");
        // Still usable: a write on the migrated file.
        let s = cli.json(&["stats"]);
        assert_eq!(s["tasks"]["total"], 2);
        let by_unit: Vec<&str> = s["by_unit"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["name"].as_str().unwrap())
            .collect();
        assert_eq!(by_unit, ["人事科", "办公室", "财务科"], "{name}");
        // Schema 5: the register of 督办 letters, empty, with its numbers.
        assert_eq!(cli.count("supervision_letters"), 0, "{name}");
        assert_eq!(cli.count("letter_numbers"), 0, "{name}");
        assert!(cli.ok(&["letter", "list"]).contains("还没有发过督办函件"));
        // Schema 4: each fact in one place. The copied units are gone (and with them the
        // drift of v3.db); a working paper's finding is linked from the paper only.
        let columns =
            |table: &str| cli.column(&format!("SELECT name FROM pragma_table_info('{table}')"));
        assert!(
            !columns("tasks").contains(&"responsible_units".to_owned()),
            "{name}"
        );
        assert!(
            !columns("findings").contains(&"working_paper_id".to_owned()),
            "{name}"
        );
        let linked: i64 = cli
            .conn()
            .query_row(
                "SELECT count(*) FROM working_papers WHERE finding_id IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let from_paper = findings
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| !f["working_paper_id"].is_null())
            .count();
        assert_eq!(from_paper as i64, linked, "{name}");
        if *version >= 3 {
            assert_eq!(findings[1]["title"], "底稿转来的问题");
            assert_eq!(findings[1]["working_paper_id"], 1);
        }
        cli.add(&["finding", "add", "--category", "1", "--title", "迁移后新增"]);
        // Schema 5: the rectification documents' records, empty at first, then written.
        assert_eq!(
            cli.json(&["meeting", "list"]),
            serde_json::json!([]),
            "{name}"
        );
        cli.add(&[
            "meeting",
            "add",
            "--date",
            "2025-04-15",
            "--chair",
            "旧版书记",
            "--attendees",
            "张三、李四",
        ]);
        let meetings = cli.json(&["meeting", "list"]);
        assert_eq!(
            meetings[0]["attendees"],
            serde_json::json!(["张三", "李四"]),
            "{name}"
        );
        cli.add(&[
            "secretary",
            "add",
            "--kind",
            "talk",
            "--date",
            "2025-04-16",
            "--text",
            "约谈分管领导",
        ]);
        assert_eq!(
            cli.json(&["secretary", "list"])[0]["kind"],
            "talk",
            "{name}"
        );
        assert_eq!(cli.json(&["letterhead", "plan"])["doc_no"], "", "{name}");
        cli.ok(&["letterhead", "plan", "--doc-no", "旧统党〔2025〕1号"]);
        assert_eq!(
            cli.json(&["letterhead", "plan"])["doc_no"],
            "旧统党〔2025〕1号",
            "{name}"
        );
    }
}
