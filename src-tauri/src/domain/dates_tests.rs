//! Tests of `dates` (kept apart so the module stays readable).
use super::*;
use DeadlineKind::{Date, Immediate, LongTerm};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn dates_in_every_ledger_form() {
    let cases = [
        ("2025年3月31日", None, "2025-03-31"),
        ("2025年3月31号", None, "2025-03-31"),
        ("2025年3月31", None, "2025-03-31"),
        ("2025.3.31", None, "2025-03-31"),
        ("2025.03.31", None, "2025-03-31"),
        ("2025/3/31", None, "2025-03-31"),
        ("2025-03-31", None, "2025-03-31"),
        ("2025-3-31", None, "2025-03-31"),
        ("20250331", None, "2025-03-31"),
        ("２０２５年３月３１日", None, "2025-03-31"),
        ("２０２５．３．３１", None, "2025-03-31"),
        (" 2025 年 3 月 31 日 ", None, "2025-03-31"),
        ("2025-03-31 00:00:00", None, "2025-03-31"),
        ("2025年6月底前", None, "2025-06-30"),
        ("2025年6月底", None, "2025-06-30"),
        ("2025年6月末", None, "2025-06-30"),
        ("2025年6月", None, "2025-06-30"),
        ("2025年6月前", None, "2025-06-30"),
        ("2025.6", None, "2025-06-30"),
        ("2025年2月底", None, "2025-02-28"),
        ("2024年2月底前", None, "2024-02-29"),
        ("2025年6月30日前", None, "2025-06-30"),
        ("2025年6月30日之前", None, "2025-06-30"),
        ("2025年6月30日以前", None, "2025-06-30"),
        ("于2025年6月30日前完成", None, "2025-06-30"),
        ("截至2025年6月30日", None, "2025-06-30"),
        ("2025年6月上旬", None, "2025-06-10"),
        ("2025年6月中旬", None, "2025-06-20"),
        ("2025年6月下旬", None, "2025-06-30"),
        ("3月底前", Some(2025), "2025-03-31"),
        ("3月31日前", Some(2025), "2025-03-31"),
        ("2月底", Some(2028), "2028-02-29"),
        ("2025年上半年", None, "2025-06-30"),
        ("2025年下半年", None, "2025-12-31"),
        ("2025年年底", None, "2025-12-31"),
        ("2025年底前", None, "2025-12-31"),
        ("2025年底", None, "2025-12-31"),
        ("2025年内", None, "2025-12-31"),
        ("2025年第一季度", None, "2025-03-31"),
        ("2025年第二季度", None, "2025-06-30"),
        ("2025年三季度", None, "2025-09-30"),
        ("2025年第4季度前", None, "2025-12-31"),
        ("45747", None, "2025-03-31"),
        ("45747.0", None, "2025-03-31"),
        ("46022", None, "2025-12-31"),
        // The first and last years the store takes.
        ("2000年1月1日", None, "2000-01-01"),
        ("36526", None, "2000-01-01"),
        ("2100年底", None, "2100-12-31"),
        ("21001231", None, "2100-12-31"),
    ];
    for (text, year, want) in cases {
        assert_eq!(parse_date(text, year), Some(d(want)), "{text}");
    }
}

#[test]
fn not_dates() {
    for (text, year) in [
        ("", None),
        ("待定", None),
        ("2025年2月30日", None),
        ("2025-13-01", None),
        ("2025年13月", None),
        ("20250230", None),
        ("3月底前", None), // no year to put it in
        ("2025", None),    // a year, not Excel serial 2025
        ("2025年", None),
        ("立行立改", None),
        ("2025年3月31日前完成制度修订", None), // more than filler around the date
        ("2025年3月31日至2025年6月30日", None),
        // Years outside 2000–2100 are typing errors.
        ("0000年12月31日", None),
        ("0０００年底前", None),
        ("1999年12月31日", None),
        ("1999-12-31", None),
        ("36525", None), // the Excel serial of 1999-12-31
        ("10000", None), // 1927-05-18
        ("2101.1.1", None),
        ("21010101", None),
        ("3月底", Some(1999)),
        ("3月底", Some(2101)),
    ] {
        assert_eq!(parse_date(text, year), None, "{text}");
    }
}

#[test]
fn excel_serials() {
    for (serial, want) in [
        (1.0, Some("1900-01-01")),
        (59.0, Some("1900-02-28")),
        (60.0, None), // Excel's 1900-02-29, which never existed
        (61.0, Some("1900-03-01")),
        (36526.0, Some("2000-01-01")),
        (45747.0, Some("2025-03-31")),
        (45747.75, Some("2025-03-31")), // 18:00 that day
        (2958465.0, Some("9999-12-31")),
        (2958466.0, None),
        (0.0, None),
        (-5.0, None),
        (f64::NAN, None),
    ] {
        assert_eq!(from_excel_serial(serial), want.map(d), "{serial}");
    }
}

#[test]
fn deadlines() {
    let cases = [
        ("2025年3月31日", Date, Some("2025-03-31")),
        ("2025年3月31日前完成", Date, Some("2025-03-31")),
        ("2025.3.31前", Date, Some("2025-03-31")),
        ("2025年6月底前", Date, Some("2025-06-30")),
        ("45747", Date, Some("2025-03-31")),
        ("限期2025年5月31日前", Date, Some("2025-05-31")),
        (
            "2025年3月31日前完成初步整改，2025年6月底前全面完成",
            Date,
            Some("2025-06-30"),
        ),
        ("立行立改", Immediate, None),
        ("立即整改", Immediate, None),
        ("即知即改", Immediate, None),
        ("立行立改（2025年3月31日前）", Immediate, Some("2025-03-31")),
        (
            "立行立改，２０２５年３月底前完成",
            Immediate,
            Some("2025-03-31"),
        ),
        ("立行立改(3月31日前)", Immediate, Some("2025-03-31")),
        ("长期坚持", LongTerm, None),
        ("持续整改", LongTerm, None),
        ("长期", LongTerm, None),
        ("常态化", LongTerm, None),
        ("常态化整改", LongTerm, None),
        (" 长期 坚持 ", LongTerm, None),
        (
            "长期坚持，2025年12月底前取得阶段性成效",
            LongTerm,
            Some("2025-12-31"),
        ),
        ("立行立改、长期坚持", LongTerm, None),
        ("2025年6月底前完成并长期坚持", LongTerm, Some("2025-06-30")),
        ("immediate", Immediate, None),
        ("long_term", LongTerm, None),
    ];
    for (text, kind, date) in cases {
        assert_eq!(
            parse_deadline(text, Some(2025)),
            Ok((kind, date.map(d))),
            "{text}"
        );
    }
}

#[test]
fn bad_deadlines_say_why() {
    let cases = [
        (
            "2025年2月30日",
            "“2025年2月30日”中的日期不存在：2025年2月没有30日",
        ),
        ("2025年2月29日前完成", "2025年2月没有29日"),
        ("2025-02-30", "2025年2月没有30日"),
        ("20251301", "“20251301”中的月份“13月”不存在"),
        ("2025年13月底", "月份“13月”不存在"),
        ("立行立改（2025年4月31日前）", "2025年4月没有31日"),
        ("3月底前", "“3月底前”没有写年份"),
        ("2025年", "只写了2025年"),
        ("", "整改时限为空"),
        ("   ", "整改时限为空"),
        ("限期完成", "“限期完成”没有写日期"),
        ("尽快", "无法识别整改时限“尽快”"),
        ("2025", "无法识别整改时限“2025”"),
        // Found by the property test: year 0 was read, and printed as “0年12月31日”,
        // which does not read back.
        (
            "0０００年底前",
            "“0０００年底前”中的年份“0年”不合理：应在2000年至2100年之间",
        ),
        ("0000年12月31日", "年份“0年”不合理"),
        ("立行立改（0025年3月31日前）", "年份“25年”不合理"),
        ("1999年12月31日前", "年份“1999年”不合理"),
        ("2101.1.1", "年份“2101年”不合理"),
        ("99991231", "年份“9999年”不合理"),
        ("长期坚持，2205年底前取得阶段性成效", "年份“2205年”不合理"),
    ];
    for (text, want) in cases {
        let err = parse_deadline(text, None).unwrap_err();
        assert!(err.contains(want), "{text:?}: {err}");
    }
    // A ledger's default year outside the range is refused the same way.
    let err = parse_deadline("3月底前", Some(1999)).unwrap_err();
    assert!(err.contains("年份“1999年”不合理"), "{err}");
}

#[test]
fn dates_that_cannot_be_read_say_why() {
    let cases = [
        ("1999-05-01", "“1999-05-01”中的年份“1999年”不合理"),
        ("2025年2月30日", "2025年2月没有30日"),
        ("3月底", "“3月底”没有写年份"),
        ("待定", "无法识别日期“待定”"),
        ("2025年3月31日至2025年6月30日", "无法识别日期"),
        ("2025年3月31日前完成制度修订", "无法识别日期"),
    ];
    for (text, want) in cases {
        let err = read_date(text, None).unwrap_err();
        assert!(err.contains(want), "{text:?}: {err}");
    }
    assert_eq!(read_date("2025年3月31日前", None), Ok(d("2025-03-31")));
}

#[test]
fn the_first_and_last_years_print_and_read_back() {
    for (kind, date) in [
        (Date, "2000-01-01"),
        (Immediate, "2000-01-01"),
        (LongTerm, "2100-12-31"),
        (Date, "2100-12-31"),
    ] {
        let text = format_deadline(kind, Some(d(date)), &[]);
        assert_eq!(
            parse_deadline(&text, None),
            Ok((kind, Some(d(date)))),
            "{text}"
        );
        assert_eq!(parse_date(&format_cn(d(date)), None), Some(d(date)));
    }
}

#[test]
fn writing_dates_and_deadlines() {
    assert_eq!(format_cn(d("2025-03-20")), "2025年3月20日");
    assert_eq!(format_cn(d("2025-12-01")), "2025年12月1日");
    let cases = [
        (Date, Some("2025-03-31"), "2025年3月31日"),
        (Date, None, ""),
        (Immediate, None, "立行立改"),
        (Immediate, Some("2025-03-31"), "立行立改（2025年3月31日前）"),
        (LongTerm, None, "长期坚持"),
        (
            LongTerm,
            Some("2025-12-31"),
            "长期坚持，2025年12月31日前取得阶段性成效",
        ),
    ];
    for (kind, date, want) in cases {
        let text = format_deadline(kind, date.map(d), &[]);
        assert_eq!(text, want);
        if !text.is_empty() {
            // What we print reads back as the same deadline.
            assert_eq!(
                parse_deadline(&text, None),
                Ok((kind, date.map(d))),
                "{text}"
            );
        }
    }
}

#[test]
fn long_term_deadlines_name_their_stages() {
    let stage = |on: &str, target: &str| Milestone {
        due_on: d(on),
        target: target.into(),
        done: false,
    };
    let stages = [
        stage("2025-12-31", "形成长效机制。"),
        stage("2025-06-30", "建立工作机制"),
    ];
    let text = format_deadline(LongTerm, None, &stages);
    assert_eq!(
        text,
        "长期坚持（2025年6月30日前建立工作机制；2025年12月31日前形成长效机制）"
    );
    // The reader takes the latest stage as the deadline.
    assert_eq!(
        parse_deadline(&text, None),
        Ok((LongTerm, Some(d("2025-12-31"))))
    );
    // A stage date that is a target's date is not said twice; another one is.
    assert_eq!(
        format_deadline(LongTerm, Some(d("2025-12-31")), &stages[..1]),
        "长期坚持（2025年12月31日前形成长效机制）"
    );
    let text = format_deadline(LongTerm, Some(d("2026-03-31")), &stages);
    assert!(
        text.ends_with("形成长效机制），2026年3月31日前取得阶段性成效"),
        "{text}"
    );
    assert_eq!(
        parse_deadline(&text, None),
        Ok((LongTerm, Some(d("2026-03-31"))))
    );
}
