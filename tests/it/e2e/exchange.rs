//! 交换 from the desktop, with a 人事科 copy run by the CLI on a database of its own: on the
//! 交换 page the demo copy gets its identity and saves its identity file (the unit's copy
//! enrols it), enrols the unit's identity file as 责任单位 人事科, and writes a package for it,
//! which the unit's copy imports. The unit reports progress and also moves a deadline (which
//! a unit may not); its package is previewed and imported on the page: the progress is
//! applied, the deadline goes to the review list, where it is set aside (保留本机的). Read
//! back from both databases.

use std::path::Path;

use super::webdriver::Session;
use super::{nav, select_type, shot, steps};
use crate::common::Cli;

const UNIT: &str = "人事科";
const SAID: &str = "已完成干部档案专项审核";
const MOVED: &str = "2027-03-31";
/// The same date as the review list words it (the core's labels), with its field.
const MOVED_SHOWN: &str = "2027年3月31日";

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Queues `path` as the answer of the next file dialog.
fn answer(s: &Session, path: &Path) {
    s.script(
        "window.__XUNCHA_PICK__ = [arguments[0]];",
        serde_json::json!([path.display().to_string()]),
    )
    .unwrap();
}

pub fn enrol_export_and_import(s: &Session, db: &Path, dir: &Path) {
    let unit = Cli::new();
    unit.ok(&["init"]);
    let unit_id = dir.join("人事科.id");
    unit.ok(&["exchange", "identity", "--name", UNIT, "--out", p(&unit_id)]);

    nav(s, "exchange");
    s.type_into("input[data-test=exchange-name]", "办公室台账")
        .unwrap();
    s.click("[data-test=exchange-make-identity]").unwrap();
    s.wait_text("[data-test=exchange-identity-name]", "办公室台账")
        .unwrap();
    // Saved under a name without an extension: the file gets .id.
    answer(s, &dir.join("办公室台账"));
    s.click("[data-test=exchange-write-identity]").unwrap();
    s.wait_text(".exported-toast", "办公室台账.id").unwrap();
    let keeper_id = dir.join("办公室台账.id");
    unit.ok(&["exchange", "trust", p(&keeper_id), "--role", "keeper"]);

    s.click("[data-test=exchange-enrol-open]").unwrap();
    answer(s, &unit_id);
    s.click("[data-test=exchange-enrol-pick]").unwrap();
    s.wait_text("[data-test=exchange-enrol-file]", "人事科.id")
        .unwrap();
    select_type(s, "[data-test=exchange-enrol-unit]", UNIT);
    s.click("[data-test=exchange-enrol-ok]").unwrap();
    s.wait_text("[data-test=exchange-peers-table]", "责任单位")
        .unwrap();

    let to_unit = dir.join("给人事科的交换包.xcpkg");
    answer(s, &to_unit);
    s.click(&format!("[data-test=exchange-export-{UNIT}]"))
        .unwrap();
    s.wait_text(
        "[data-test=exchange-exported]",
        "已生成给“人事科”的第 1 号交换包",
    )
    .unwrap();
    shot(s, "14a-exchange-peers");
    unit.ok(&["exchange", "import", p(&to_unit)]);
    let tasks = unit.count("tasks");
    assert!(tasks > 0, "the unit's copy received its tasks");
    assert!(
        tasks < steps::count(db, "SELECT count(*) FROM tasks"),
        "and only its own"
    );

    // The unit reports on one of its tasks, and moves a deadline it may not move.
    let task = unit.column(
        "SELECT id || '' FROM tasks WHERE status IN ('in_progress', 'not_started')
         ORDER BY id LIMIT 1",
    )[0]
    .clone();
    let uid = unit.column(&format!("SELECT uid FROM tasks WHERE id = {task}"))[0].clone();
    let deadline_here = |db: &Path| {
        let c = rusqlite::Connection::open(db).unwrap();
        c.query_row("SELECT deadline FROM tasks WHERE uid = ?1", [&uid], |r| {
            r.get::<_, Option<String>>(0)
        })
        .unwrap()
    };
    let before = deadline_here(db);
    unit.ok(&[
        "--operator",
        "冯丽娟",
        "progress",
        "add",
        "--task",
        &task,
        "--text",
        SAID,
    ]);
    unit.ok(&["task", "edit", &task, "--deadline", MOVED]);
    let back = dir.join("人事科回传.xcpkg");
    unit.ok(&["exchange", "export", "--out", p(&back)]);

    answer(s, &back);
    s.click("[data-test=exchange-pick]").unwrap();
    s.wait_text(
        "[data-test=exchange-preview]",
        "来自“人事科”（责任单位）的第 1 号交换包",
    )
    .unwrap();
    s.wait_text("[data-test=exchange-changes]", "整改进展")
        .unwrap();
    shot(s, "14b-exchange-preview");
    s.click("[data-test=exchange-import-ok]").unwrap();
    s.wait_text("[data-test=exchange-result]", "新增 1 条")
        .unwrap();
    s.wait_text("[data-test=exchange-result]", "待处理 1 项")
        .unwrap();
    let sql = format!(
        "SELECT count(*) FROM progress p JOIN tasks t ON t.id = p.task_id
         WHERE p.text = '{SAID}' AND p.by = '冯丽娟' AND t.uid = '{uid}'"
    );
    assert_eq!(steps::count(db, &sql), 1, "the unit's progress applied");
    assert_eq!(deadline_here(db), before, "the deadline not moved");

    // The move is on the review list: a unit's change can only be set aside.
    s.wait_text("[data-test=exchange-reviews-table]", MOVED_SHOWN)
        .unwrap();
    s.wait_text("[data-test=exchange-reviews-table]", "整改时限")
        .unwrap();
    shot(s, "14c-exchange-review");
    let id = steps::count(
        db,
        "SELECT id FROM exchange_reviews WHERE resolved_at IS NULL",
    );
    assert_eq!(
        s.count(&format!("[data-test=review-theirs-{id}]")).unwrap(),
        0
    );
    s.click(&format!("[data-test=review-ours-{id}]")).unwrap();
    s.wait(&format!("review item {id} handled"), || {
        let n = steps::count(
            db,
            &format!(
                "SELECT count(*) FROM exchange_reviews WHERE id = {id} AND resolution = 'ours'"
            ),
        );
        Ok((n == 1).then_some(()))
    })
    .unwrap();
    assert_eq!(deadline_here(db), before);
    assert_eq!(
        steps::count(
            db,
            "SELECT count(*) FROM audit_log WHERE entity = 'exchange_package' AND action = 'import'"
        ),
        1,
        "the audit log records the package received"
    );
}
