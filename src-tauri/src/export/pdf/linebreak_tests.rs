//! Unit tests of the line breaker (the properties are in `linebreak_props.rs`).

use super::*;

/// CJK 10 pt, Latin 5 pt.
fn m(c: char) -> f32 {
    if crate::export::fonts::is_wide(c) {
        10.0
    } else {
        5.0
    }
}

#[test]
fn a_number_may_start_a_line_after_a_colon_but_not_after_a_comma() {
    // LibreOffice: “完成时限：|2026年” breaks, “限，2026” does not.
    for mark in ['：', '；', '？', '！'] {
        let lines = break_lines(&format!("中限{mark}2026年"), 30.0, 60.0, m);
        assert_eq!(lines[0].text, format!("中限{mark}"));
    }
    for mark in ['，', '。', '、', '）'] {
        let lines = break_lines(&format!("中限{mark}2026年"), 30.0, 60.0, m);
        assert_eq!(lines[0].text, "中", "{mark}");
    }
}

fn texts(lines: &[Line]) -> Vec<&str> {
    lines.iter().map(|l| l.text.as_str()).collect()
}

#[test]
fn fills_lines_greedily() {
    let lines = break_lines("一二三四五六七八九十", 40.0, 50.0, m);
    assert_eq!(texts(&lines), ["一二三四", "五六七八九", "十"]);
    assert!(lines[2].last && !lines[0].last);
    assert_eq!(lines[1].chars, 5);
}

#[test]
fn closing_punctuation_never_starts_a_line() {
    // "四。" does not fit on the first line: 四 moves down with its full stop.
    let lines = break_lines("一二三四。五六", 40.0, 40.0, m);
    assert_eq!(texts(&lines), ["一二三", "四。五六"]);
    for text in [
        "甲乙丙丁，戊己",
        "甲乙丙丁）戊",
        "甲乙丙丁”。戊",
        "甲乙丙丁、戊",
        "甲乙丙丁——戊",
        "甲乙丙丁……",
    ] {
        for l in break_lines(text, 40.0, 40.0, m).iter().skip(1) {
            let first = l.text.chars().next().unwrap();
            assert!(!is_no_start(first), "{text}: line starts with {first}");
        }
    }
}

#[test]
fn opening_punctuation_never_ends_a_line() {
    let lines = break_lines("一二三《四五》六", 40.0, 40.0, m);
    assert_eq!(texts(&lines), ["一二三", "《四五》", "六"]);
    for l in &lines {
        assert!(!is_no_end(l.text.chars().last().unwrap()), "{lines:?}");
    }
}

#[test]
fn numbers_and_words_stay_whole() {
    let lines = break_lines("共计2025.5万元", 40.0, 60.0, m);
    assert_eq!(texts(&lines), ["共计", "2025.5万元"]);
    let lines = break_lines("见 WPS Office 文档", 60.0, 60.0, m);
    assert!(lines
        .iter()
        .all(|l| !l.text.starts_with(' ') && !l.text.ends_with(' ')));
    assert!(texts(&lines).iter().any(|t| t.contains("WPS")), "{lines:?}");
    assert!(
        !texts(&lines).iter().any(|t| t.ends_with("WP")),
        "{lines:?}"
    );
}

#[test]
fn file_names_keep_their_extension() {
    let lines = break_lines("1.整改现场照片.png", 40.0, 40.0, m);
    assert!(
        lines
            .iter()
            .all(|l| l.text != "png" && !l.text.starts_with('.')),
        "{lines:?}"
    );
    assert!(
        texts(&lines).iter().any(|t| t.ends_with("片.png")),
        "{lines:?}"
    );
}

#[test]
fn numbers_and_units_part_as_office_suites_part_them() {
    // 截至2026年11月22日: “22” fits the first line, “日” does not (LibreOffice and Word
    // break there too; the number itself stays whole).
    let lines = break_lines("截至2026年11月22日，已完成", 88.0, 88.0, m);
    assert_eq!(texts(&lines)[0], "截至2026年11月22");
    assert!(texts(&lines)[1].starts_with("日，"), "{lines:?}");
    // With the script gaps (2 pt each: 至|2026|年|11|月|22) “22” no longer fits.
    let lines = break_lines_with(
        "截至2026年11月22日，已完成",
        88.0,
        88.0,
        m,
        ScriptGap {
            letters: 2.0,
            marks: 0.5,
        },
    );
    assert_eq!(texts(&lines)[0], "截至2026年11月");
    assert!(
        (lines[0].width - (70.0 + 4.0 * 2.0)).abs() < 1e-4,
        "{lines:?}"
    );
}

#[test]
fn over_long_words_are_cut() {
    let lines = break_lines("ABCDEFGHIJKLMNOP", 40.0, 40.0, m);
    assert_eq!(texts(&lines), ["ABCDEFGH", "IJKLMNOP"]);
}

#[test]
fn justification_fills_the_line() {
    let lines = break_lines("一二三四。五六", 40.0, 40.0, m);
    let extra = lines[0].justify_spacing(40.0, 5.0);
    assert!((lines[0].width + extra * 2.0 - 40.0).abs() < 1e-3);
    assert_eq!(
        lines[1].justify_spacing(40.0, 5.0),
        0.0,
        "last line stays ragged"
    );
}

#[test]
fn two_line_titles_break_between_words() {
    let title = "区统计局党组关于区委第三巡察组巡察反馈意见整改情况的报告";
    let lines = title_lines(title, 200.0, m);
    assert_eq!(
        texts(&lines),
        [
            "区统计局党组关于区委第三巡察组",
            "巡察反馈意见整改情况的报告"
        ]
    );
    assert!(lines[1].last && !lines[0].last);
    // One line stays one line.
    assert_eq!(
        title_lines("关于对区委统战部党组巡察情况的反馈意见", 200.0, m).len(),
        1
    );
}

#[test]
fn titles_balance() {
    let lines = balanced_lines("关于对区委统战部党组巡察情况的反馈意见", 150.0, m);
    assert_eq!(lines.len(), 2);
    let (a, b) = (lines[0].chars as i32, lines[1].chars as i32);
    assert!((a - b).abs() <= 2, "{lines:?}");
}
