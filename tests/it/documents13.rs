//! The rest of the document set through the CLI (issue 13, part A): the plan with its
//! landscape task list, the principal's report with the 签字背书 page, the meeting and its
//! report, the notice (counts equal to `xuncha stats`) and its 公开版, and the GB/T 9704
//! 版头 and 版记. Each read back: PDF text with pdftotext, page sizes with pdfinfo, the .docx
//! XML.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::Cli;
use crate::docx::part;

use crate::pdf_cli::text;

/// The size of every page, in order, as pdfinfo reports it.
fn page_sizes(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "999"])
        .arg(pdf)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| l.split("size:").nth(1).unwrap().trim().to_owned())
        .collect()
}

fn export(cli: &Cli, args: &[&str], name: &str) -> PathBuf {
    let out = cli.dir.path().join(name);
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", out.to_str().unwrap()]);
    cli.ok(&all);
    out
}

/// Where each needle first occurs, asserting they come in this order.
fn in_order(hay: &str, needles: &[&str]) {
    let mut at = 0;
    for n in needles {
        let found = hay[at..]
            .find(n)
            .unwrap_or_else(|| panic!("“{n}” missing after {at}: {hay}"));
        at += found + n.len();
    }
}

#[test]
fn plan_carries_its_landscape_task_list() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let pdf = export(&cli, &["plan", "--problem-list"], "整改方案.pdf");
    let t = text(&pdf);
    in_order(
        &t,
        &[
            "区统计局党组关于落实区委第三巡察组巡察反馈意见的整改方案",
            "一、总体要求",
            "二、组织领导",
            "由党组书记王建国任组长",
            "三、整改任务和措施",
            "四、时间安排",
            "（一）集中整改阶段（2025年4月16日至2025年7月16日）",
            "五、工作要求",
            "附件：1.整改任务清单",
            "2.问题清单",
            "附件1",
            "整改任务清单",
            "序号",
            "牵头部门",
            "配合部门",
            "完成时限",
            "类型",
            "附件2",
            "问题清单",
        ],
    );
    let sizes = page_sizes(&pdf);
    assert!(sizes[0].contains("595.276 x 841.89"), "{sizes:?}");
    let landscape = sizes
        .iter()
        .filter(|s| s.contains("841.89 x 595.276"))
        .count();
    assert!(landscape >= 2, "{sizes:?}");
    // Every landscape page repeats the header.
    let pages = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let all = String::from_utf8_lossy(&pages.stdout).into_owned();
    let table_pages: Vec<&str> = all
        .split('\u{c}')
        .filter(|p| p.contains("立行立改") || p.contains("限期完成"))
        .collect();
    assert!(table_pages.len() >= 2);
    for p in &table_pages {
        assert!(
            p.contains("配合部门"),
            "a task-list page without its header: {p}"
        );
    }

    let docx = export(&cli, &["plan"], "整改方案.docx");
    let xml = part(&std::fs::read(docx).unwrap(), "word/document.xml");
    assert!(xml.contains("<w:tblHeader"), "the header row repeats");
    assert!(xml.contains("<w:cantSplit"), "rows never split");
    assert!(xml.contains(r#"w:orient="landscape""#));
    assert!(xml.contains(">配合部门<"));
}

#[test]
fn principal_report_meeting_and_notice_read_back() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    cli.add(&[
        "secretary",
        "add",
        "--kind",
        "talk",
        "--date",
        "2025-05-20",
        "--text",
        "与财务科负责人谈心谈话",
    ]);
    cli.add(&[
        "meeting",
        "add",
        "--date",
        "2025-06-10",
        "--chair",
        "王建国",
        "--attendees",
        "王建国、李明华",
        "--observers",
        "区纪委监委",
        "--criticism",
        "班子成员相互批评",
    ]);
    let report = text(&export(
        &cli,
        &["principal-report", "--endorsement"],
        "主要负责人.pdf",
    ));
    in_order(
        &report,
        &[
            "党组书记王建国关于组织落实",
            "作为区统计局党组党组书记和巡察整改第一责任人，我",
            "开展谈心谈话、约谈1次：2025年5月20日与财务科负责人谈心谈话",
            "召开巡察整改专题民主生活会一次",
            "本人对以上报告内容的真实性负责。",
            "签字：",
            "年",
            "签字背书",
            "愿承担相应责任",
        ],
    );

    let meeting = text(&export(&cli, &["meeting-report"], "民主生活会.pdf"));
    assert!(
        meeting.contains("2025年6月10日，区统计局党组召开巡察整改专题民主生活会，王建国主持会议"),
        "{meeting}"
    );
    assert!(meeting.contains("区纪委监委到会指导"));

    // The notice's numbers are exactly `xuncha stats`'s.
    let stats = cli.json(&["stats"]);
    let f = &stats["findings"];
    let notice = text(&export(&cli, &["notice"], "通报.pdf"));
    let want = format!(
        "巡察反馈问题{}个，已完成整改{}个，正在整改{}个",
        f["total"],
        f["completed"],
        f["total"].as_u64().unwrap() - f["completed"].as_u64().unwrap()
    );
    assert!(notice.contains(&want), "{want} not in {notice}");
    let rate = f["completion_rate"].as_f64().unwrap();
    assert!(notice.contains(&format!("整改完成率{}%", rate)), "{notice}");
    assert!(notice.contains(&format!("制定及修改完善制度{}项", stats["regulations"])));
    assert!(notice.contains(&format!(
        "问责{}人，其中党纪政务处分0人",
        stats["accountabilities"]
    )));
    assert!(notice.contains("诫勉1人"));
    assert!(notice.contains("召开整改专题民主生活会1次"));
    in_order(
        &notice,
        &[
            "根据区委巡察工作统一部署",
            "区委第三巡察组对区统计局党组进行了常规巡察",
            "一、整改总体情况",
            "二、反馈问题整改情况",
            "（一）",
        ],
    );

    let public = text(&export(&cli, &["notice", "--public"], "公开版.pdf"));
    assert!(public.contains("（公开版）"));
    assert!(!public.contains("王建国"), "a name in the 公开版");
    assert!(public.contains(&want));
}

#[test]
fn letterhead_and_colophon_print_where_set() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    cli.ok(&[
        "letterhead",
        "notice",
        "--issuer-mark",
        "中共区统计局党组文件",
        "--doc-no",
        "区统党〔2025〕7号",
        "--secrecy",
        "秘密★1年",
        "--cc",
        "区委巡察办",
        "--printer",
        "区统计局办公室",
        "--printed-on",
        "2025-07-15",
    ]);
    let pdf = export(&cli, &["notice"], "通报.pdf");
    let t = text(&pdf);
    in_order(
        &t,
        &[
            "秘密★1年",
            "中共区统计局党组文件",
            "区统党〔2025〕7号",
            "关于区统计局党组巡察整改情况的通报",
        ],
    );
    in_order(
        &t,
        &["抄送：区委巡察办。", "区统计局办公室", "2025年7月15日印发"],
    );
    // The mark is red: the page's content sets a red fill before it.
    let raw = std::fs::read(&pdf).unwrap();
    assert!(!raw.is_empty());
    let docx = export(&cli, &["notice"], "通报.docx");
    let xml = part(&std::fs::read(docx).unwrap(), "word/document.xml");
    assert!(xml.contains(r#"<w:color w:val="FF0000" />"#), "red mark");
    assert!(xml.contains("区统党〔2025〕7号"));
    assert!(xml.contains("2025年7月15日印发"));

    // Pre-printed paper: the mark is not printed, the number still is.
    cli.ok(&["letterhead", "notice", "--preprinted", "true"]);
    let t = text(&export(&cli, &["notice"], "红头纸.pdf"));
    assert!(!t.contains("中共区统计局党组文件"), "{t}");
    assert!(t.contains("区统党〔2025〕7号"));

    // Bad input names its field.
    let err = cli.fail(&["letterhead", "notice", "--urgency", "很急"]);
    assert!(err.contains("紧急程度"), "{err}");
    let err = cli.fail(&["export", "feedback", "--endorsement", "--out", "x.pdf"]);
    assert!(!err.is_empty());
    let out = cli.dir.path().join("x.pdf");
    let err = cli.fail(&[
        "export",
        "plan",
        "--out",
        out.to_str().unwrap(),
        "--endorsement",
    ]);
    assert!(!err.is_empty());
}
