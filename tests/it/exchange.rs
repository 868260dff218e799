//! Exchange packages between copies through the CLI: a keeper's, the team's and a unit's
//! copy exchange packages; all agree, evidence byte for byte. Tampered, swapped, forged,
//! misaddressed and unenrolled packages are refused with nothing written; a package applied
//! twice changes nothing; edits on both sides go to the review list; a unit's close-out
//! approval is never applied; a kill during an import leaves the database as it was.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::common::Cli;

const UNIT: &str = "人事科";

/// Three copies, enrolled with each other: the keeper's (with the demo ledger), the team's
/// and the 人事科's.
struct Copies {
    keeper: Cli,
    team: Cli,
    unit: Cli,
}

fn path(cli: &Cli, name: &str) -> PathBuf {
    cli.dir.path().join(name)
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn identity(cli: &Cli, name: &str) -> PathBuf {
    let out = path(cli, "本机.id");
    cli.ok(&["exchange", "identity", "--name", name, "--out", p(&out)]);
    out
}

impl Copies {
    fn new() -> Copies {
        let (keeper, team, unit) = (Cli::new(), Cli::new(), Cli::new());
        keeper.ok(&["demo"]);
        team.ok(&["init"]);
        unit.ok(&["init"]);
        let k = identity(&keeper, "办公室台账");
        let t = identity(&team, "区委第三巡察组");
        let u = identity(&unit, UNIT);
        keeper.ok(&["exchange", "trust", p(&t), "--role", "team"]);
        keeper.ok(&["exchange", "trust", p(&u), "--role", "unit", "--unit", UNIT]);
        team.ok(&["exchange", "trust", p(&k), "--role", "keeper"]);
        unit.ok(&["exchange", "trust", p(&k), "--role", "keeper"]);
        Copies { keeper, team, unit }
    }
}

/// `from` writes a package (for the copy `to_args` names) called `name`.
fn package(from: &Cli, to_args: &[&str], name: &str) -> PathBuf {
    let pkg = path(from, name);
    let mut args = vec!["exchange", "export", "--out", p(&pkg)];
    args.extend_from_slice(to_args);
    from.ok(&args);
    pkg
}

/// The team's copy, as the keeper's packages name it.
const TO_TEAM: &[&str] = &["--to", "区委第三巡察组"];

/// `from` writes a package (to `to_args`) that `to` imports; returns the package.
fn send(from: &Cli, to_args: &[&str], to: &Cli, name: &str) -> PathBuf {
    let pkg = package(from, to_args, name);
    to.ok(&["exchange", "import", p(&pkg)]);
    pkg
}

/// Everything a copy holds about the tasks (of `unit`, or all), keyed by uid: the ledger
/// fields, progress, evidence (with the stored file's bytes) and close-outs.
fn state(cli: &Cli, unit: Option<&str>) -> Vec<String> {
    let scope = match unit {
        Some(u) => format!(
            "(t.lead_unit = '{u}' OR t.id IN (SELECT task_id FROM task_units WHERE unit = '{u}'))"
        ),
        None => "1".into(),
    };
    let mut out = cli.column(&format!(
        "SELECT 'task ' || t.uid || ' ' || f.uid || ' ' || t.measure || ' ' || t.status || ' '
            || coalesce(t.deadline, '') || ' ' || t.deadline_kind || ' ' || t.note || ' '
            || t.lead_unit || ' ' || t.responsible_person || ' '
            || (SELECT group_concat(unit, '、') FROM task_units WHERE task_id = t.id)
         FROM tasks t JOIN findings f ON f.id = t.finding_id WHERE {scope} ORDER BY t.uid"
    ));
    out.extend(cli.column(&format!(
        "SELECT 'progress ' || p.uid || ' ' || t.uid || ' ' || p.entered_on || ' ' || p.text
            || ' ' || p.by || ' ' || coalesce(p.status_after, '')
         FROM progress p JOIN tasks t ON t.id = p.task_id WHERE {scope} ORDER BY p.uid"
    )));
    out.extend(cli.column(&format!(
        "SELECT 'close_out ' || c.uid || ' ' || t.uid || ' ' || c.state || ' ' || c.requested_by
            || ' ' || c.approvers || ' ' || c.summary
         FROM close_outs c JOIN tasks t ON t.id = c.task_id WHERE {scope} ORDER BY c.uid"
    )));
    let evidence = cli.column(&format!(
        "SELECT e.uid || ' ' || p.uid || ' ' || e.file_name || ' ' || e.sha256
         FROM evidence e JOIN tasks t ON t.id = e.task_id JOIN progress p ON p.id = e.progress_id
         WHERE {scope} ORDER BY e.uid"
    ));
    for e in evidence {
        let sha = e.rsplit(' ').next().unwrap();
        let file = cli
            .dir
            .path()
            .join("test.db.files")
            .join(&sha[..2])
            .join(sha);
        let bytes = std::fs::read(&file).unwrap_or_else(|_| panic!("stored file {file:?}"));
        out.push(format!("evidence {e} {}", bytes.len()));
        out.push(format!("bytes {}", hex(&bytes)));
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn one(cli: &Cli, sql: &str) -> String {
    cli.column(sql)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no row: {sql}"))
}

/// Everything written: row counts of every table and the audit log, to prove a refusal
/// wrote nothing.
fn fingerprint(cli: &Cli) -> Vec<String> {
    let tables = cli.column("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    let mut out: Vec<String> = tables
        .iter()
        .map(|t| format!("{t} {}", cli.count(t)))
        .collect();
    out.extend(cli.column("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1"));
    out
}

#[test]
fn three_copies_agree_with_byte_identical_evidence() {
    let c = Copies::new();
    send(&c.keeper, TO_TEAM, &c.team, "k2t-1.xcpkg");
    send(&c.keeper, &["--unit", UNIT], &c.unit, "k2u-1.xcpkg");
    assert_eq!(state(&c.keeper, None), state(&c.team, None));
    assert_eq!(state(&c.keeper, Some(UNIT)), state(&c.unit, None));
    assert!(!state(&c.unit, None).is_empty());
    // The team's copy counts the same: 建章立制, 问责, 立行立改 travel too.
    let stats = c.keeper.ok(&["stats"]);
    assert!(
        stats.contains("建章立制 2 项，问责 1 人，立行立改 1 项"),
        "{stats}"
    );
    assert_eq!(c.team.ok(&["stats"]), stats);
    for table in [
        "regulations",
        "accountabilities",
        "immediate_fixes",
        "follow_up_checks",
    ] {
        let rows = |cli: &Cli| {
            cli.column(&format!(
                "SELECT r.uid || ' ' || coalesce(f.uid, '') FROM {table} r
                 LEFT JOIN findings f ON f.id = r.finding_id ORDER BY r.uid"
            ))
        };
        assert_eq!(rows(&c.keeper), rows(&c.team), "{table}");
    }
    // The unit has only its own tasks.
    assert!(c.unit.count("tasks") < c.keeper.count("tasks"));

    // The unit reports progress with evidence, completing a task, and asks to close it.
    let task = one(
        &c.unit,
        "SELECT id || '' FROM tasks WHERE status IN ('in_progress', 'not_started') ORDER BY id LIMIT 1",
    );
    let evidence = path(&c.unit, "培训签到表.pdf");
    let content: Vec<u8> = (0..50_000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&evidence, &content).unwrap();
    c.unit.ok(&[
        "--operator",
        "冯丽娟",
        "progress",
        "add",
        "--task",
        &task,
        "--text",
        "完成第二期统计专业能力培训",
        "--status",
        "completed",
        "--evidence",
        p(&evidence),
    ]);
    c.unit.ok(&[
        "--operator",
        "冯丽娟",
        "close-out",
        "request",
        "--task",
        &task,
        "--summary",
        "培训已完成，提请销号",
    ]);
    let task_uid = one(&c.unit, &format!("SELECT uid FROM tasks WHERE id = {task}"));
    send(&c.unit, &[], &c.keeper, "u2k-1.xcpkg");
    let at_keeper = one(
        &c.keeper,
        &format!("SELECT id || '' FROM tasks WHERE uid = '{task_uid}'"),
    );
    assert_eq!(
        one(
            &c.keeper,
            &format!("SELECT status FROM tasks WHERE id = {at_keeper}")
        ),
        "completed"
    );
    assert_eq!(
        c.keeper.column(&format!(
            "SELECT requested_by || ' ' || state FROM close_outs WHERE task_id = {at_keeper}
             AND state = 'requested'"
        )),
        ["冯丽娟 requested"]
    );
    // The keeper approves it and moves another of the unit's deadlines; both travel.
    c.keeper.ok(&[
        "close-out",
        "approve",
        "--task",
        &at_keeper,
        "--approver",
        "李卫东",
        "--verdict",
        "同意销号",
    ]);
    let other = one(
        &c.keeper,
        &format!(
            "SELECT t.id || '' FROM tasks t JOIN task_units u ON u.task_id = t.id
             WHERE u.unit = '{UNIT}' AND t.id <> {at_keeper} AND t.deadline_kind = 'date'
             ORDER BY t.id LIMIT 1"
        ),
    );
    c.keeper
        .ok(&["task", "edit", &other, "--deadline", "2027-03-31"]);
    send(&c.keeper, TO_TEAM, &c.team, "k2t-2.xcpkg");
    send(&c.keeper, &["--unit", UNIT], &c.unit, "k2u-2.xcpkg");

    assert_eq!(state(&c.keeper, None), state(&c.team, None));
    assert_eq!(state(&c.keeper, Some(UNIT)), state(&c.unit, None));
    for cli in [&c.keeper, &c.team, &c.unit] {
        assert_eq!(
            one(
                cli,
                &format!("SELECT status FROM tasks WHERE uid = '{task_uid}'")
            ),
            "closed"
        );
        let sha = one(
            cli,
            "SELECT sha256 FROM evidence WHERE file_name = '培训签到表.pdf'",
        );
        let stored = cli
            .dir
            .path()
            .join("test.db.files")
            .join(&sha[..2])
            .join(&sha);
        assert_eq!(
            std::fs::read(stored).unwrap(),
            content,
            "evidence byte for byte"
        );
    }
    // Nothing went to review, and the acknowledgements came back.
    for cli in [&c.keeper, &c.team, &c.unit] {
        assert_eq!(cli.count("exchange_reviews"), 0);
    }
    assert_eq!(
        c.keeper
            .column("SELECT acked_seq || '' FROM exchange_peers WHERE role = 'unit'"),
        ["1"]
    );
    // The audit log names who sent what.
    let imports = c.team.column(
        "SELECT operator || ' ' || after FROM audit_log WHERE action = 'import'
         AND entity = 'exchange_package'",
    );
    assert_eq!(imports.len(), 2);
    assert!(imports[1].contains("办公室台账"), "{imports:?}");
}

#[test]
fn a_package_applied_twice_changes_nothing() {
    let c = Copies::new();
    let pkg = send(&c.keeper, TO_TEAM, &c.team, "k2t.xcpkg");
    let before = fingerprint(&c.team);
    let out = c.team.ok(&["exchange", "import", p(&pkg)]);
    assert!(out.contains("已经导入过"), "{out}");
    assert_eq!(fingerprint(&c.team), before);
    // A second package with nothing new changes no record either.
    let pkg2 = package(&c.keeper, TO_TEAM, "k2t-2.xcpkg");
    let json = c.team.json(&["exchange", "import", p(&pkg2)]);
    assert_eq!(json["applied"]["created"], 0);
    assert_eq!(json["applied"]["edited"], 0);
    assert_eq!(state(&c.keeper, None), state(&c.team, None));
}

/// The entries of a package, by name.
fn entries(pkg: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(pkg).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut e = zip.by_index(i).unwrap();
            let mut bytes = vec![];
            e.read_to_end(&mut bytes).unwrap();
            (e.name().unwrap().to_string(), bytes)
        })
        .collect()
}

fn write_entries(pkg: &Path, all: &[(String, Vec<u8>)]) {
    let mut out = zip::ZipWriter::new(std::fs::File::create(pkg).unwrap());
    for (name, bytes) in all {
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap();
}

/// A copy of `pkg` with `edit` applied to its entries.
fn altered(pkg: &Path, name: &str, edit: impl FnOnce(&mut Vec<(String, Vec<u8>)>)) -> PathBuf {
    let mut all = entries(pkg);
    edit(&mut all);
    let out = pkg.with_file_name(name);
    write_entries(&out, &all);
    out
}

#[test]
fn tampered_swapped_forged_misaddressed_and_unenrolled_packages_write_nothing() {
    let c = Copies::new();
    let pkg = package(&c.keeper, TO_TEAM, "k2t.xcpkg");
    let before = fingerprint(&c.team);
    let refused = |pkg: &Path, says: &str| {
        let err = c.team.fail(&["exchange", "import", p(pkg)]);
        assert!(err.contains(says), "expected “{says}” in: {err}");
        assert!(
            err.contains("未导入任何内容") || err.contains("不能导入") || err.contains("不予导入"),
            "{err}"
        );
        assert_eq!(fingerprint(&c.team), before, "nothing written");
    };
    // One byte of the events changed.
    let tampered = altered(&pkg, "tampered.xcpkg", |all| {
        let events = all.iter_mut().find(|(n, _)| n == "events.json").unwrap();
        let at = events.1.iter().position(|b| *b == b'2').unwrap();
        events.1[at] = b'3';
    });
    refused(&tampered, "变更内容（events.json）");
    // An evidence file swapped for another of the same size.
    let swapped = altered(&pkg, "swapped.xcpkg", |all| {
        let file = all
            .iter_mut()
            .find(|(n, _)| n.starts_with("files/"))
            .unwrap();
        file.1.reverse();
        if let Some(b) = file.1.first_mut() {
            *b ^= 1;
        }
    });
    refused(&swapped, "佐证材料");
    // The manifest changed (another sequence number) and the signature left as it was.
    let forged = altered(&pkg, "forged.xcpkg", |all| {
        let m = all.iter_mut().find(|(n, _)| n == "manifest.json").unwrap();
        let text = String::from_utf8(m.1.clone())
            .unwrap()
            .replace("\"seq\": 1", "\"seq\": 9");
        m.1 = text.into_bytes();
    });
    refused(&forged, "签名与登记的");
    // A copy never enrolled signs a package claiming the keeper's identity.
    let stranger = Cli::new();
    stranger.ok(&["demo"]);
    identity(&stranger, "办公室台账");
    let team_id = path(&c.team, "本机.id");
    stranger.ok(&["exchange", "trust", p(&team_id), "--role", "team"]);
    let own = path(&stranger, "stranger.xcpkg");
    stranger.ok(&["exchange", "export", "--out", p(&own)]);
    refused(&own, "没有在本机登记");
    let keeper_manifest = entries(&pkg)
        .into_iter()
        .find(|(n, _)| n == "manifest.json")
        .unwrap()
        .1;
    let keeper: serde_json::Value = serde_json::from_slice(&keeper_manifest).unwrap();
    let impostor = altered(&own, "impostor.xcpkg", |all| {
        let m = all.iter_mut().find(|(n, _)| n == "manifest.json").unwrap();
        let mut v: serde_json::Value = serde_json::from_slice(&m.1).unwrap();
        v["from"] = keeper["from"].clone();
        m.1 = serde_json::to_vec_pretty(&v).unwrap();
    });
    refused(&impostor, "签名与登记的");
    // A package for another copy.
    let for_unit = path(&c.keeper, "k2u.xcpkg");
    c.keeper
        .ok(&["exchange", "export", "--unit", UNIT, "--out", p(&for_unit)]);
    refused(&for_unit, "是发给“人事科”的");
    // Not a package at all.
    let junk = path(&c.team, "junk.xcpkg");
    std::fs::write(&junk, "not a zip").unwrap();
    refused(&junk, "不是完整的交换包");
    // The untouched package still imports; a revoked sender's packages are refused.
    c.team.ok(&["exchange", "import", p(&pkg)]);
    c.team.ok(&["exchange", "revoke", "办公室台账"]);
    c.keeper.ok(&["task", "edit", "1", "--note", "吊销后"]);
    let later = package(&c.keeper, TO_TEAM, "k2t-2.xcpkg");
    let err = c.team.fail(&["exchange", "import", p(&later)]);
    assert!(err.contains("已于") && err.contains("被吊销"), "{err}");
    let err = c.team.fail(&[
        "exchange",
        "trust",
        p(&path(&c.keeper, "本机.id")),
        "--role",
        "keeper",
    ]);
    assert!(err.contains("已被吊销"), "{err}");
}

#[test]
fn edits_on_both_sides_go_to_the_review_list() {
    let c = Copies::new();
    send(&c.keeper, TO_TEAM, &c.team, "k2t-1.xcpkg");
    let uid = one(&c.keeper, "SELECT uid FROM tasks WHERE id = 2");
    let at_team = one(
        &c.team,
        &format!("SELECT id || '' FROM tasks WHERE uid = '{uid}'"),
    );
    c.keeper.ok(&[
        "task",
        "edit",
        "2",
        "--note",
        "台账：延至年底",
        "--goal",
        "台账的新目标",
    ]);
    c.team
        .ok(&["task", "edit", &at_team, "--note", "巡察组：按期完成"]);
    send(&c.keeper, TO_TEAM, &c.team, "k2t-2.xcpkg");
    // The goal only the keeper changed is applied; the note both changed is not.
    let row = one(
        &c.team,
        &format!("SELECT goal || '|' || note FROM tasks WHERE id = {at_team}"),
    );
    assert_eq!(row, "台账的新目标|巡察组：按期完成");
    let items = c.team.json(&["exchange", "reviews"]);
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["field"], "note");
    assert_eq!(items[0]["ours"], "\"巡察组：按期完成\"");
    assert_eq!(items[0]["theirs"], "\"台账：延至年底\"");
    assert_eq!(items[0]["base"], "\"\"");
    // The team sends its own edit back: the keeper lists the same conflict.
    c.team.ok(&[
        "exchange",
        "trust",
        p(&path(&c.keeper, "本机.id")),
        "--role",
        "keeper",
    ]);
    let keeper_id = identity(&c.team, "区委第三巡察组");
    c.keeper
        .ok(&["exchange", "trust", p(&keeper_id), "--role", "team"]);
    send(&c.team, &[], &c.keeper, "t2k-1.xcpkg");
    assert_eq!(
        one(&c.keeper, "SELECT note FROM tasks WHERE id = 2"),
        "台账：延至年底"
    );
    assert_eq!(
        c.keeper.column("SELECT field FROM exchange_reviews"),
        ["note"]
    );
    // The team takes the keeper's note; the keeper keeps its own. Then both agree, and
    // the next packages carry nothing more.
    let id = items[0]["id"].to_string();
    c.team.ok(&["exchange", "resolve", &id, "--take", "theirs"]);
    assert_eq!(
        one(
            &c.team,
            &format!("SELECT note FROM tasks WHERE id = {at_team}")
        ),
        "台账：延至年底"
    );
    let kid = one(&c.keeper, "SELECT id || '' FROM exchange_reviews");
    c.keeper
        .ok(&["exchange", "resolve", &kid, "--take", "ours"]);
    send(&c.team, &[], &c.keeper, "t2k-2.xcpkg");
    send(&c.keeper, TO_TEAM, &c.team, "k2t-3.xcpkg");
    assert_eq!(state(&c.keeper, None), state(&c.team, None));
    assert_eq!(
        c.team
            .column("SELECT count(*) || '' FROM exchange_reviews WHERE resolved_at IS NULL"),
        ["0"]
    );
    assert_eq!(
        c.keeper
            .column("SELECT count(*) || '' FROM exchange_reviews WHERE resolved_at IS NULL"),
        ["0"]
    );
}

#[test]
fn a_units_close_out_approval_is_never_applied() {
    let c = Copies::new();
    send(&c.keeper, &["--unit", UNIT], &c.unit, "k2u-1.xcpkg");
    let task = one(
        &c.unit,
        "SELECT id || '' FROM tasks WHERE status IN ('in_progress', 'not_started') ORDER BY id LIMIT 1",
    );
    let evidence = path(&c.unit, "材料.txt");
    std::fs::write(&evidence, "整改材料").unwrap();
    c.unit.ok(&[
        "progress",
        "add",
        "--task",
        &task,
        "--text",
        "已完成",
        "--status",
        "completed",
        "--evidence",
        p(&evidence),
    ]);
    c.unit.ok(&[
        "close-out",
        "request",
        "--task",
        &task,
        "--summary",
        "提请销号",
    ]);
    // The unit's copy approves its own request, and edits the deadline.
    c.unit.ok(&[
        "close-out",
        "approve",
        "--task",
        &task,
        "--approver",
        "科长",
    ]);
    c.unit
        .ok(&["task", "edit", &task, "--deadline", "2030-12-31"]);
    let uid = one(&c.unit, &format!("SELECT uid FROM tasks WHERE id = {task}"));
    send(&c.unit, &[], &c.keeper, "u2k-1.xcpkg");
    let at_keeper = format!("(SELECT id FROM tasks WHERE uid = '{uid}')");
    assert_eq!(
        c.keeper.column(&format!(
            "SELECT state FROM close_outs WHERE task_id = {at_keeper}"
        )),
        ["requested"]
    );
    assert_eq!(
        one(
            &c.keeper,
            &format!("SELECT status FROM tasks WHERE id = {at_keeper}")
        ),
        "completed"
    );
    assert_ne!(
        one(
            &c.keeper,
            &format!("SELECT deadline FROM tasks WHERE id = {at_keeper}")
        ),
        "2030-12-31"
    );
    let reasons = c
        .keeper
        .column("SELECT kind || ' ' || reason FROM exchange_reviews ORDER BY id");
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("close_out") && r.contains("不能审批销号")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("task") && r.contains("不能新增或修改")),
        "{reasons:?}"
    );
    // The refused deadline reads in words, named by its task.
    let items = c.keeper.json(&["exchange", "reviews"]);
    let deadline = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["field"] == "deadline")
        .expect("the deadline edit is listed");
    assert_eq!(deadline["field_label"], "整改时限");
    assert_eq!(deadline["theirs_text"], "2030年12月31日");
    // Ours as theirs: the date alone, not a record of the field.
    let ours = deadline["ours_text"].as_str().unwrap();
    assert!(ours.starts_with("20") && ours.ends_with('日'), "{deadline}");
    assert!(
        deadline["ours"].as_str().unwrap().starts_with('"'),
        "{deadline}"
    );
    let measure = one(
        &c.keeper,
        &format!("SELECT measure FROM tasks WHERE id = {at_keeper}"),
    );
    assert!(
        deadline["subject"]
            .as_str()
            .unwrap()
            .contains(&measure.chars().take(10).collect::<String>()),
        "{deadline}"
    );
    // Taking the unit's approval by hand is refused too.
    let id = one(
        &c.keeper,
        "SELECT id || '' FROM exchange_reviews WHERE kind = 'close_out'",
    );
    let err = c
        .keeper
        .fail(&["exchange", "resolve", &id, "--take", "theirs"]);
    assert!(err.contains("被规则拒绝"), "{err}");
    // Sent again, the same refusals are not listed twice.
    let n = c.keeper.count("exchange_reviews");
    send(&c.unit, &[], &c.keeper, "u2k-2.xcpkg");
    assert_eq!(c.keeper.count("exchange_reviews"), n);
}

#[test]
fn a_kill_during_an_import_leaves_the_database_as_it_was() {
    let c = Copies::new();
    let pkg = package(&c.keeper, TO_TEAM, "k2t.xcpkg");
    let before = fingerprint(&c.team);
    let t = std::time::Instant::now();
    // Timed on a copy of the team's database, so the kills below fall within an import.
    let probe = Cli::new();
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", c.team.db.display()));
        if from.exists() {
            std::fs::copy(&from, format!("{}{suffix}", probe.db.display())).unwrap();
        }
    }
    probe.ok(&["exchange", "import", p(&pkg)]);
    let full = t.elapsed().as_micros() as u64;
    // Kill at fractions of an import's duration: each run ends either before the commit
    // (nothing written) or after it (all written); never anything in between.
    let mut outcomes = (0, 0);
    for i in 1..=16u64 {
        let mut child = c
            .team
            .command(&["exchange", "import", p(&pkg)])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_micros(full * i / 10));
        let _ = child.kill();
        let _ = child.wait();
        if fingerprint(&c.team) == before {
            outcomes.0 += 1;
        } else {
            assert_eq!(
                state(&c.team, None),
                state(&c.keeper, None),
                "a kill left part of an import"
            );
            outcomes.1 += 1;
            break;
        }
    }
    c.team.ok(&["exchange", "import", p(&pkg)]);
    assert_eq!(state(&c.team, None), state(&c.keeper, None));
    c.team.ok(&["verify-audit"]);
    eprintln!(
        "kills before the commit: {}, after: {}",
        outcomes.0, outcomes.1
    );
}

#[test]
fn one_way_packages_carry_everything_unconfirmed() {
    let c = Copies::new();
    // Nothing ever comes back from the team: each package carries all since the start.
    let first = package(&c.keeper, TO_TEAM, "1.xcpkg");
    c.keeper
        .ok(&["task", "edit", "1", "--note", "第二个包之前的修改"]);
    package(&c.keeper, TO_TEAM, "2.xcpkg"); // lost on the way
    c.keeper
        .ok(&["task", "edit", "2", "--goal", "第三个包之前的修改"]);
    let third = package(&c.keeper, TO_TEAM, "3.xcpkg");
    // The first two discs are lost; the third alone brings the team level.
    c.team.ok(&["exchange", "import", p(&third)]);
    assert_eq!(state(&c.keeper, None), state(&c.team, None));
    assert_eq!(c.team.count("exchange_reviews"), 0);
    // What waits for confirmation is kept once per record, not once per package.
    let kept = c.keeper.column(
        "SELECT count(*) || ' ' || count(DISTINCT uid) || ' ' || max(seq) FROM exchange_sent",
    );
    let parts: Vec<&str> = kept[0].split(' ').collect();
    assert_eq!(parts[0], parts[1], "{kept:?}");
    assert_eq!(parts[2], "3");
    // A lost disc found later adds nothing and takes nothing back.
    let before = fingerprint(&c.team);
    let out = c.team.ok(&["exchange", "import", p(&first)]);
    assert!(out.contains("已经导入过"), "{out}");
    assert_eq!(fingerprint(&c.team), before);
    assert_eq!(
        c.keeper
            .column("SELECT sent_seq || ' ' || acked_seq FROM exchange_peers WHERE role = 'team'"),
        ["3 0"]
    );
}
