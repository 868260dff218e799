//! The rest of the document set in the desktop (issue 13, part A): on the 整改组织 page a
//! 整改专题民主生活会 is recorded and the plan given a 发文字号; on 导出与打印 the plan (with
//! its 问题清单), the principal's report (with the 签字背书 page) and the notice are
//! exported as PDF and Word; then each file is read back.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::json;

use super::webdriver::Session;
use super::{choose, nav, select_type, shot, steps};

/// The 发文字号 given to the plan on the 版头和版记 tab.
const PLAN_NO: &str = "区统党〔2025〕3号";

/// What was exported: (document, PDF, Word).
pub struct Exports {
    files: Vec<(&'static str, PathBuf, PathBuf)>,
}

/// Records a meeting (chaired by the secretary, as the form offers) with `attendee`, sets the plan's 发文字号, and exports
/// the three documents into `dir` through the save dialog's queue.
pub fn record_meeting_and_export(s: &Session, db: &Path, dir: &Path, attendee: &str) -> Exports {
    nav(s, "organisation");
    s.click_text(".el-tabs__item", "专题民主生活会").unwrap();
    s.find("[data-test=meeting-form]").unwrap();
    select_type(s, "[data-field=attendees] .el-select", attendee);
    s.type_into(
        "[data-field=criticism] textarea",
        "班子成员逐一开展批评和自我批评",
    )
    .unwrap();
    s.type_into(
        "[data-field=measures] textarea",
        "建立财务报销审核台账，每月抽查",
    )
    .unwrap();
    s.click("[data-test=save-meeting]").unwrap();
    s.wait_text("[data-test=meetings-table]", attendee).unwrap();
    assert_eq!(
        steps::count(db, "SELECT count(*) FROM rectification_meetings"),
        1
    );
    shot(s, "07a-meeting");

    s.click_text(".el-tabs__item", "版头和版记").unwrap();
    s.find("[data-test=letterhead-document]").unwrap();
    choose(s, "[data-test=letterhead-document]", "整改方案");
    s.type_into("[data-field=doc_no] input", PLAN_NO).unwrap();
    s.click("[data-test=save-letterhead]").unwrap();
    s.wait("the plan's letterhead saved", || {
        Ok((steps::count(
            db,
            "SELECT count(*) FROM document_settings WHERE kind = 'letterhead:plan'",
        ) == 1)
            .then_some(()))
    })
    .unwrap();

    nav(s, "export");
    s.find("[data-test=export-plan-pdf]").unwrap();
    s.click("[data-test=problem-list-plan]").unwrap();
    s.click("[data-test=endorsement-principal_report]").unwrap();
    let mut files = Vec::new();
    for (kind, name) in [
        ("plan", "整改方案"),
        ("principal_report", "主要负责人整改情况报告"),
        ("notice", "整改情况通报"),
        ("status_report", "整改情况报告"),
        ("meeting_report", "民主生活会情况报告"),
        ("weekly", "整改周报"),
    ] {
        let pdf = dir.join(format!("{name}.pdf"));
        let docx = dir.join(format!("{name}.docx"));
        for (format, path) in [("pdf", &pdf), ("docx", &docx)] {
            s.script(
                "window.__XUNCHA_PICK__ = [arguments[0]];",
                json!([path.display().to_string()]),
            )
            .unwrap();
            s.click(&format!("[data-test=export-{kind}-{format}]"))
                .unwrap();
            wait_exported(s, path);
        }
        files.push((kind, pdf, docx));
    }
    shot(s, "07b-export-documents");
    Exports { files }
}

/// Waits for the toast of the file at `path` (any of those shown: earlier ones may still be
/// on screen).
fn wait_exported(s: &Session, path: &Path) {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    s.wait(&format!("the toast of {name}"), || {
        let v = s.script(
            "return [...document.querySelectorAll('.exported-toast')]
                 .some(e => e.innerText.includes(arguments[0]));",
            json!([name]),
        )?;
        Ok((v == json!(true)).then_some(()))
    })
    .unwrap();
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args([pdf.as_os_str(), "-".as_ref()])
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).replace([' ', '\n', '\u{c}'], "")
}

fn docx_xml(docx: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    xml
}

/// Reads each export back: the plan carries the finding, the 发文字号 and the 问题清单 as its
/// 附件2 (but not the 责任清单, left off); the principal's report names the meeting and ends with the
/// 签字背书 page; the notice counts the meeting; the status report lists the finding, the
/// meeting's report names who attended, and the weekly summary is titled. Word says the
/// same as the PDF.
pub fn check(exports: &Exports, finding: &str, attendee: &str) {
    for (kind, pdf, docx) in &exports.files {
        let text = pdf_text(pdf);
        let xml = docx_xml(docx);
        let (has, lacks): (&[&str], &[&str]) = match *kind {
            // The body names all three lists; the 附件说明 names those attached.
            "plan" => (
                &["整改方案", finding, PLAN_NO, "2.问题清单"],
                &["3.责任清单"],
            ),
            "principal_report" => (
                &[
                    "王建国关于组织落实",
                    "巡察反馈意见整改情况的报告",
                    "召开巡察整改专题民主生活会一次",
                    "签字背书",
                ],
                &[],
            ),
            "notice" => (&["整改情况的通报", "召开整改专题民主生活会1次"], &[]),
            "status_report" => (&["巡察反馈意见整改情况的报告", finding], &[]),
            // The title may be set over two lines (two runs in Word): a part that is not.
            "meeting_report" => (&["整改专题民主生活会", attendee], &[]),
            _ => (&["巡察整改工作周小结"], &[]),
        };
        for needle in has {
            assert!(text.contains(needle), "{kind} PDF lacks “{needle}”: {text}");
            assert!(xml.contains(needle), "{kind} .docx lacks “{needle}”");
        }
        for needle in lacks {
            assert!(!text.contains(needle), "{kind} PDF has “{needle}”");
            assert!(!xml.contains(needle), "{kind} .docx has “{needle}”");
        }
    }
}
