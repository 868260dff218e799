//! End to end, the real app: `xuncha-desktop` driven through `tauri-driver` and
//! WebKitWebDriver. Answers the first start's question for the operator's name, creates an
//! inspection with 双审核, records findings with the keyboard, assigns a task, adds
//! progress with an evidence file, closes the task out through 初审 and 终审, exports the
//! Excel ledger and the feedback PDF and Word document, records a 整改专题民主生活会 and
//! exports the plan, the principal's report and the notice (PDF and Word), makes an automatic backup, imports an existing
//! ledger after its preview, restores the backup (the import is gone again), restarts the
//! app and sees the data still there; then reads the database, the workbook and the PDF
//! back. On a second database (the demo): exports a unit's 填报表 and imports it filled
//! in (`e2e/fill_in.rs`), exchanges packages with a unit's copy run by the CLI on the 交换
//! page (`e2e/exchange.rs`), sets a password on the 备份 page, restarts, is
//! asked for it, is refused a wrong one, opens with the right one, and finds the file on
//! disk encrypted. Saves a screenshot of each main view to `target/e2e-screenshots/`.
//!
//! Needs the built app (UI first, then `cargo build -p xuncha --features custom-protocol
//! --bin xuncha-desktop`), `tauri-driver`, `WebKitWebDriver` and a display (Xvfb), so it
//! is `#[ignore]`d in plain `cargo test`; `.ci/run` runs it with
//! `xvfb-run -a cargo test -p xuncha-tests --test it e2e -- --ignored`.

mod documents;
mod exchange;
mod fill_in;
mod netwatch;
mod steps;
mod webdriver;

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use calamine::Reader;
use chrono::Days;
use webdriver::{Session, CONTROL, ENTER, NULL};
use xuncha::db::{self, closeout, evidence, findings, progress, Db};
use xuncha::domain::Status;

/// The password set on the demo database.
const PASSWORD: &str = "巡察密码2025";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn app_binary() -> PathBuf {
    std::env::var_os("XUNCHA_DESKTOP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/debug/xuncha-desktop"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(4444)
}

/// `tauri-driver`, stopped when dropped; its process tree's network calls are traced.
struct Driver {
    child: Child,
    base: String,
    net_log: PathBuf,
}

impl Driver {
    fn start(env_dir: &Path) -> Driver {
        let port = free_port();
        let native = free_port();
        let net_log = env_dir.join("network.strace");
        let program = std::env::var_os("TAURI_DRIVER").unwrap_or_else(|| "tauri-driver".into());
        let child = netwatch::traced(&program, &net_log)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .env("XDG_CONFIG_HOME", env_dir.join("config"))
            .env("XDG_DATA_HOME", env_dir.join("data"))
            .env_remove("XUNCHA_DB")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own process group, so the WebKitWebDriver it starts is stopped with it.
            .process_group(0)
            .spawn()
            .expect("strace and tauri-driver must be installed (ui/scripts/desktop.sh setup)");
        let base = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if ureq::get(&format!("{base}/status")).call().is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver {
            child,
            base,
            net_log,
        }
    }

    /// Stops the driver (and the app) and checks that nothing in its process tree reached
    /// for the network: no connection, datagram or name lookup outside this machine.
    fn stop_and_check_network(self) {
        let log_path = self.net_log.clone();
        drop(self);
        let log = std::fs::read_to_string(&log_path).unwrap();
        assert!(
            log.contains("AF_INET"),
            "the trace must see the driver's own loopback traffic: {log_path:?}"
        );
        let remote = netwatch::remote_addresses(&log);
        assert!(
            remote.is_empty(),
            "the app reached for the network: {remote:?}"
        );
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["--", &group]).status();
        let _ = self.child.wait();
    }
}

fn shot(s: &Session, name: &str) {
    let dir = workspace().join("target/e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    // Let charts and transitions settle before the picture.
    std::thread::sleep(Duration::from_millis(600));
    s.screenshot(&dir.join(format!("{name}.png"))).unwrap();
}

fn nav(s: &Session, view: &str) {
    s.click(&format!("[data-nav={view}]")).unwrap();
}

/// Types a date into an Element Plus date picker and confirms it.
fn date(s: &Session, css: &str, d: chrono::NaiveDate) {
    let text = d.format("%Y-%m-%d").to_string();
    s.type_into(css, &format!("{text}{ENTER}")).unwrap();
    let got = s.value(css).unwrap();
    assert_eq!(got, text, "date typed into {css}");
}

/// Opens an Element Plus select and picks the option showing `text` (clicking the select
/// again while its list has not opened yet: a closing popup can swallow the first click).
fn choose(s: &Session, select: &str, text: &str) {
    s.wait(&format!("option “{text}” of {select}"), || {
        let picked = s.script(
            "const els = [...document.querySelectorAll('.el-select-dropdown__item')]
                 .filter(e => e.offsetParent !== null && e.innerText.includes(arguments[0]));
             if (!els.length) return false; els[0].click(); return true;",
            serde_json::json!([text]),
        )?;
        if picked == serde_json::json!(true) {
            return Ok(Some(()));
        }
        s.click(select)?;
        std::thread::sleep(Duration::from_millis(300));
        Ok(None)
    })
    .unwrap();
}

/// Picks or creates a value in a filterable Element Plus select.
fn select_type(s: &Session, css: &str, text: &str) {
    s.click(css).unwrap();
    s.type_into(&format!("{css} input"), &format!("{text}{ENTER}"))
        .unwrap();
}

/// The running app's CSP blocks anything not from the app itself, and its capabilities
/// refuse plugin commands it does not use.
fn surface_is_locked_down(s: &Session) {
    let blocked = s
        .script_async(
            "const done = arguments[arguments.length - 1];
             const seen = new Set();
             document.addEventListener('securitypolicyviolation',
                 e => seen.add(e.effectiveDirective));
             const img = new Image(); img.src = 'https://example.com/x.png';
             const js = document.createElement('script'); js.src = 'https://example.com/x.js';
             document.head.appendChild(js);
             fetch('https://example.com/').catch(() => {});
             try { eval('1'); seen.add('eval-ran'); } catch (e) {}
             setTimeout(() => done([...seen].sort()), 1000);",
            serde_json::json!([]),
        )
        .unwrap();
    let blocked: Vec<String> = serde_json::from_value(blocked).unwrap();
    for directive in ["connect-src", "img-src", "script-src-elem"] {
        assert!(
            blocked.iter().any(|d| d == directive),
            "CSP must block {directive}: {blocked:?}"
        );
    }
    assert!(
        !blocked.iter().any(|d| d == "eval-ran"),
        "eval must be refused"
    );
    let refused = s
        .script_async(
            "const done = arguments[arguments.length - 1];
             const calls = [['plugin:dialog|message', {message: 'x'}],
                            ['plugin:opener|open_url', {url: 'https://example.com'}]];
             Promise.all(calls.map(([cmd, args]) =>
                 window.__TAURI_INTERNALS__.invoke(cmd, args)
                     .then(() => cmd + ' allowed', e => String(e))))
               .then(done);",
            serde_json::json!([]),
        )
        .unwrap();
    let refused: Vec<String> = serde_json::from_value(refused).unwrap();
    for r in &refused {
        assert!(
            r.contains("not allowed"),
            "capabilities must refuse it: {refused:?}"
        );
    }
}

#[test]
#[ignore = "needs the built desktop app, tauri-driver, WebKitWebDriver and a display: run by .ci/run"]
fn desktop_app_end_to_end() {
    let tmp = tempfile::tempdir().unwrap();
    let db_path = tmp.path().join("e2e.db");
    let evidence_file = tmp.path().join("会议纪要.png");
    std::fs::copy(
        workspace().join("src-tauri/icons/128x128.png"),
        &evidence_file,
    )
    .unwrap();
    let today = db::today();
    let feedback = today.checked_sub_days(Days::new(20)).unwrap();
    let deadline = today.checked_add_days(Days::new(40)).unwrap();
    let app = app_binary();
    assert!(
        app.is_file(),
        "build the app first: {} is missing",
        app.display()
    );
    let xlsx_out = tmp.path().join("整改台账.xlsx");
    let pdf_out = tmp.path().join("巡察反馈意见.pdf");
    let docx_out = tmp.path().join("巡察反馈意见.docx");
    let args = vec!["--db".to_owned(), db_path.display().to_string()];
    let driver = Driver::start(tmp.path());

    let mut s = Session::start(&driver.base, &app, &args).unwrap();
    s.failure_shot = Some(workspace().join("target/e2e-screenshots/failure.png"));
    // First start: the app asks for the operator's name once; the start page offers
    // 新建巡察 and 载入示例数据.
    steps::answer_operator(&s, "赵敏");
    s.find("[data-test=start-demo]").unwrap();
    shot(&s, "01-start");
    s.click("[data-test=start-new]").unwrap();
    s.type_into("[data-field=inspected_org] input", "区统计局党组")
        .unwrap();
    s.type_into("[data-field=team] input", "区委第三巡察组")
        .unwrap();
    s.type_into("[data-field=org_secretary] input", "王建国")
        .unwrap();
    date(&s, "[data-field=feedback_date] input", feedback);
    s.click("[data-test=create-inspection]").unwrap();
    s.wait_text(".header", "区统计局党组").unwrap();
    steps::require_dual_review(&s);

    // 问题录入 with the keyboard: type, Enter to the next field, Ctrl+Enter to save.
    nav(&s, "intake");
    s.find("[data-field=title] input").unwrap();
    for (title, text) in [
        (
            "财务管理制度执行不严格",
            "部分支出报销手续不全，审批流程倒置。",
        ),
        (
            "意识形态工作责任制落实不够到位",
            "网站信息发布审核把关不严。",
        ),
    ] {
        s.click("[data-field=title] input").unwrap();
        s.keys(&format!("{title}{ENTER}")).unwrap();
        s.keys(&format!("{text}{CONTROL}{ENTER}{NULL}")).unwrap();
        s.wait_text("[data-test=findings-table]", title).unwrap();
    }
    assert_eq!(s.value("[data-field=title] input").unwrap(), "");
    assert_eq!(
        s.count("[data-test=findings-table] .el-table__body tr.el-table__row")
            .unwrap(),
        2
    );
    shot(&s, "02-intake");

    // 责任分工: one task under finding 1 with deadline and roles.
    nav(&s, "assign");
    s.click("[data-test=finding-1]").unwrap();
    s.click("[data-test=new-task]").unwrap();
    s.type_into(
        "[data-field=measure] textarea",
        "开展财务报销专项检查，对手续不全的票据进行整改",
    )
    .unwrap();
    s.type_into("[data-field=goal] input", "问题票据全部整改到位")
        .unwrap();
    date(&s, "[data-field=deadline] .el-date-editor input", deadline);
    select_type(&s, "[data-field=lead_leader] .el-select", "张秀英");
    select_type(&s, "[data-field=lead_unit] .el-select", "财务科");
    select_type(&s, "[data-field=responsible_person] .el-select", "钱卫东");
    s.click("[data-test=save-task]").unwrap();
    s.wait_text("[data-test=tasks-table]", "开展财务报销专项检查")
        .unwrap();
    s.wait_text("[data-test=tasks-table]", "财务科").unwrap();
    shot(&s, "03-assign");

    // 挂图作战: progress with an evidence file (signed by the operator), then close-out
    // request, 初审 by the unit's principal and 终审 by the leader in charge.
    nav(&s, "board");
    s.click_text(
        "[data-test=board-table] .el-table__row",
        "开展财务报销专项检查",
    )
    .unwrap();
    s.find("[data-test=progress-form]").unwrap();
    s.type_into(
        "[data-test=progress-form] textarea",
        "已完成专项检查，整改票据23张。",
    )
    .unwrap();
    choose(&s, "[data-test=progress-status]", "已完成");
    s.script(
        "window.__XUNCHA_PICK__ = [arguments[0]];",
        serde_json::json!([evidence_file.display().to_string()]),
    )
    .unwrap();
    // Clicked through the page: the status list may still be closing over the button.
    s.script(
        "document.querySelector('[data-test=pick-evidence]').click();",
        serde_json::json!([]),
    )
    .unwrap();
    s.wait_text("[data-test=progress-form]", "会议纪要.png")
        .unwrap();
    s.click("[data-test=save-progress]").unwrap();
    s.wait_text("[data-test=task-status]", "已完成").unwrap();
    s.wait_text(".el-timeline", "赵敏").unwrap();
    steps::dual_close_out(&s, "王建国", "区委巡察办李四");
    shot(&s, "04-board-drawer");
    s.script(
        "document.querySelector('.el-drawer__close-btn')?.click();",
        serde_json::json!([]),
    )
    .unwrap();

    nav(&s, "board");
    s.wait_text("[data-test=board-table]", "已销号").unwrap();
    shot(&s, "05-board");
    nav(&s, "dashboard");
    s.wait_text("[data-test=completion-rate]", "%").unwrap();
    shot(&s, "06-dashboard");
    // 导出: the Excel ledger and the feedback PDF, to paths "picked" in the save dialog.
    nav(&s, "export");
    for (button, path) in [
        ("[data-test=export-ledger-xlsx]", &xlsx_out),
        ("[data-test=export-feedback-pdf]", &pdf_out),
        ("[data-test=export-feedback-docx]", &docx_out),
    ] {
        s.script(
            "window.__XUNCHA_PICK__ = [arguments[0]];",
            serde_json::json!([path.display().to_string()]),
        )
        .unwrap();
        s.click(button).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        s.wait_text(".exported-toast", &name).unwrap();
    }
    shot(&s, "07-export");
    let documents = documents::record_meeting_and_export(&s, &db_path, tmp.path(), "张秀英");
    // 自动备份: the one made on first open, and one more now.
    steps::backup_now(&s);
    steps::settings_show_the_operator(&s, "赵敏");
    shot(&s, "08-backup");
    // 导入台账: preview, then import as a new inspection; read back from the file.
    let imported = "制定年度学习计划";
    steps::import_ledger(
        &s,
        &workspace().join("tests/fixtures/xlsx/wps_two_row.xlsx"),
        "理论学习不够深入",
        imported,
    );
    assert_eq!(steps::count(&db_path, "SELECT count(*) FROM findings"), 5);
    assert_eq!(
        steps::count(&db_path, "SELECT count(*) FROM inspections"),
        2
    );
    assert_eq!(
        steps::count(
            &db_path,
            "SELECT count(*) FROM tasks WHERE measure = '制定年度学习计划'"
        ),
        1
    );
    // A ledger kept in other words: its 复查结果 column (L) is mapped to 备注 by hand in the
    // preview, and lands in the tasks' notes under its header.
    steps::import_with_mapping(
        &s,
        &workspace().join("tests/fixtures/xlsx/corpus/hazard.xlsx"),
        "L",
        "备注",
    );
    assert_eq!(
        steps::count(
            &db_path,
            "SELECT count(*) FROM tasks WHERE note LIKE '复查结果：%'"
        ),
        2
    );
    assert_eq!(
        steps::count(&db_path, "SELECT count(*) FROM import_mappings"),
        1
    );
    // Restoring the backup made before the imports takes the imported inspections away
    // again; the app comes back to the one that is left.
    steps::restore_newest(&s);
    steps::board_without(&s, "开展财务报销专项检查", imported);
    assert_eq!(steps::count(&db_path, "SELECT count(*) FROM findings"), 2);
    assert_eq!(
        steps::count(&db_path, "SELECT count(*) FROM inspections"),
        1
    );
    nav(&s, "inspections");
    shot(&s, "09-inspections");
    s.set_size(1180, 720).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let sized = s.size().unwrap();
    assert_eq!(sized, (1180, 720));
    s.close_window().unwrap();
    s.quit();

    // Restart: the same database opens with the data still there.
    let s = Session::start(&driver.base, &app, &args).unwrap();
    s.wait_text(".header", "区统计局党组").unwrap();
    // The window comes back at the size it was left.
    assert_eq!(s.size().unwrap(), sized);
    nav(&s, "board");
    s.wait_text("[data-test=board-table]", "开展财务报销专项检查")
        .unwrap();
    s.wait_text("[data-test=board-table]", "已销号").unwrap();
    nav(&s, "intake");
    s.wait_text(
        "[data-test=findings-table]",
        "意识形态工作责任制落实不够到位",
    )
    .unwrap();
    s.quit();

    // A fresh database: 载入示例数据 is one click away; pictures of the main views with it.
    let demo_db = tmp.path().join("demo.db");
    let demo_args = vec!["--db".to_owned(), demo_db.display().to_string()];
    let mut s = Session::start(&driver.base, &app, &demo_args).unwrap();
    s.failure_shot = Some(workspace().join("target/e2e-screenshots/failure.png"));
    // 稍后: no name for a quick look at the demo.
    steps::skip_operator(&s);
    s.click("[data-test=start-demo]").unwrap();
    s.wait_text("[data-test=completion-rate]", "%").unwrap();
    shot(&s, "10-demo-dashboard");
    nav(&s, "board");
    s.wait_text("[data-test=board-table]", "逾期").unwrap();
    shot(&s, "11-demo-board");
    steps::views_are_released(&s);
    nav(&s, "board");
    s.wait_text("[data-test=board-table]", "逾期").unwrap();
    nav(&s, "assign");
    s.click("[data-test=finding-2]").unwrap();
    shot(&s, "12-demo-assign");
    nav(&s, "export");
    // 督办函件 and 销号材料 from the demo (it has tasks in every warning colour and closed
    // ones); the letters issued then show on the board.
    let letters_out = tmp.path().join("督办函件.pdf");
    let dossiers_out = tmp.path().join("销号材料.pdf");
    for (button, path) in [
        ("[data-test=export-supervision-pdf]", &letters_out),
        ("[data-test=export-closeout-pdf]", &dossiers_out),
    ] {
        s.script(
            "window.__XUNCHA_PICK__ = [arguments[0]];",
            serde_json::json!([path.display().to_string()]),
        )
        .unwrap();
        s.click(button).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        s.wait_text(".exported-toast", &name).unwrap();
    }
    let letters = crate::pdf_cli::text(&letters_out);
    assert!(
        letters.contains("巡察整改督办通知书") && letters.contains("〔"),
        "{letters}"
    );
    assert!(crate::pdf_cli::text(&dossiers_out).contains("整改销号申请审批表"));
    shot(&s, "13a-demo-export");
    // 填报表: 财务科's workbook exported from the card, filled in, imported as 新进展.
    fill_in::export_fill_and_import(&s, &demo_db, tmp.path(), "财务科");
    // 交换: a package for 人事科's copy (run by the CLI), and its package back, imported.
    exchange::enrol_export_and_import(&s, &demo_db, tmp.path());
    nav(&s, "board");
    s.wait_text("[data-test=board-letter]", "督办通知书〔")
        .unwrap();
    nav(&s, "export");
    s.click_text(".el-tabs__item", "修改文稿").unwrap();
    s.find("[data-test=save-document]").unwrap();
    shot(&s, "13-demo-document");
    // 数据库加密: a password on the demo database.
    steps::set_password(&s, PASSWORD);
    s.quit();

    // Started without --db, the app opens the database used last: encrypted now, so it
    // asks for the password first (the password is kept nowhere but in the open database).
    let mut s = Session::start(&driver.base, &app, &[]).unwrap();
    s.failure_shot = Some(workspace().join("target/e2e-screenshots/failure.png"));
    steps::unlock(&s, "不是这个密码", PASSWORD);
    s.wait_text(".db-path", "demo.db").unwrap();
    s.wait_text(".header", "区统计局党组").unwrap();
    steps::skip_operator(&s);
    nav(&s, "board");
    s.wait_text("[data-test=board-table]", "逾期").unwrap();
    surface_is_locked_down(&s);
    s.quit();

    // A database that cannot be opened: its automatic backups are the way out.
    let broken = tmp.path().join("broken.db");
    let junk = steps::damaged_copy(&db_path, &broken);
    let broken_args = vec!["--db".to_owned(), broken.display().to_string()];
    let mut s = Session::start(&driver.base, &app, &broken_args).unwrap();
    s.failure_shot = Some(workspace().join("target/e2e-screenshots/failure.png"));
    steps::recover_damaged(&s, &broken, &junk);
    s.quit();
    driver.stop_and_check_network();

    // The demo database on disk is encrypted: not readable without the password.
    steps::encrypted_on_disk(&demo_db, PASSWORD, 13);

    // Read back through the core what the UI wrote.
    let db = Db::open(&db_path).unwrap();
    let all = db.read(|c| findings::list(c, None, today)).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].title, "财务管理制度执行不严格");
    let task = &all[0].tasks[0];
    assert_eq!(task.status, Status::Closed);
    assert_eq!(task.deadline, Some(deadline));
    assert_eq!(task.assignment.lead_unit, "财务科");
    assert_eq!(task.assignment.responsible_person, "钱卫东");
    // The exports, read back: the workbook holds the task, the PDF the finding.
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx_out).unwrap();
    let mut cells = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for c in row {
                cells.push_str(&c.to_string());
                cells.push('\n');
            }
        }
    }
    assert!(
        cells.contains("开展财务报销专项检查"),
        "ledger workbook has the task"
    );
    assert!(
        cells.contains("财务科"),
        "ledger workbook has the lead unit"
    );
    let text = Command::new("pdftotext")
        .args([pdf_out.as_os_str(), "-".as_ref()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).replace([' ', '\n'], "");
    assert!(text.contains("反馈意见"), "feedback PDF title: {text}");
    assert!(
        text.contains("财务管理制度执行不严格"),
        "feedback PDF lists the finding"
    );
    // The Word edition, from the same document: the finding in its body XML.
    let mut docx = zip::ZipArchive::new(std::fs::File::open(&docx_out).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut docx.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(
        xml.contains("财务管理制度执行不严格"),
        "feedback .docx lists the finding"
    );
    documents::check(&documents, "财务管理制度执行不严格", "张秀英");
    let entries = db.read(|c| progress::for_task(c, task.id)).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].status_after, Some(Status::Completed));
    assert_eq!(entries[0].by, "赵敏", "the operator named on first start");
    let close_out = &db
        .read(|c| closeout::by_task(c, None))
        .unwrap()
        .remove(&task.id)
        .unwrap()[0];
    assert_eq!(close_out.first_reviewers, ["王建国"]);
    assert_eq!(close_out.approvers, ["区委巡察办李四"]);
    let ev = &entries[0].evidence[0];
    assert_eq!(ev.file_name, "会议纪要.png");
    let stored = evidence::stored_path(&db.evidence_dir().unwrap(), &ev.sha256);
    assert_eq!(
        std::fs::read(stored).unwrap(),
        std::fs::read(&evidence_file).unwrap(),
        "the evidence is a copy of the picked file"
    );
}
