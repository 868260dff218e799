//! Property tests (proptest) of the parsers that read what users type or paste: dates and
//! deadlines as ledgers write them, and text validation. They must never panic, and what
//! they accept must mean what it says.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use xuncha::domain::dates::{format_cn, format_deadline, parse_date, parse_deadline};
use xuncha::domain::validate::YEARS;
use xuncha::domain::{validate, DeadlineKind};

/// Text like ledger cells: CJK, digits, date words, punctuation, emoji, control characters.
fn cell_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("年".to_owned()),
        Just("月".to_owned()),
        Just("日".to_owned()),
        Just("底前".to_owned()),
        Just("立行立改".to_owned()),
        Just("长期坚持".to_owned()),
        Just("前".to_owned()),
        Just("，".to_owned()),
        Just(".".to_owned()),
        Just("/".to_owned()),
        Just("-".to_owned()),
        Just("𠀾".to_owned()),
        Just("🙂".to_owned()),
        Just("\u{0}".to_owned()),
        Just("\u{202e}".to_owned()),
        (0u32..100_000).prop_map(|n| n.to_string()),
        "[0-9０-９]{1,4}",
        "\\PC{0,3}",
    ];
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

/// Any date of the years the store takes.
fn store_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(*YEARS.start(), 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(*YEARS.end(), 12, 31).unwrap();
    (0..=(last - first).num_days() as u64).prop_map(move |n| first + chrono::Days::new(n))
}

proptest! {
    #![proptest_config(crate::proptest_config::config(2_000))]

    #[test]
    fn date_parsing_never_panics(text in cell_text(), year in prop::option::of(1900i32..2200)) {
        // Whatever is accepted is a date the store takes, and prints and reads back as itself.
        if let Some(d) = parse_date(&text, year) {
            prop_assert!(YEARS.contains(&d.year()), "{} → {}", text, d);
            prop_assert_eq!(parse_date(&format_cn(d), None), Some(d), "{} → {}", text, d);
        }
        if let Ok((kind, Some(d))) = parse_deadline(&text, year) {
            prop_assert!(YEARS.contains(&d.year()), "{} → {}", text, d);
            let printed = format_deadline(kind, Some(d), &[]);
            prop_assert_eq!(parse_deadline(&printed, None), Ok((kind, Some(d))), "{} → {}", text, printed);
        }
    }

    #[test]
    fn every_real_date_round_trips(d in store_date()) {
        for text in [
            format_cn(d),
            format!("{}.{}.{}", d.year(), d.month(), d.day()),
            format!("{}/{}/{}", d.year(), d.month(), d.day()),
            d.format("%Y-%m-%d").to_string(),
        ] {
            prop_assert_eq!(parse_date(&text, None), Some(d), "{}", text);
            prop_assert_eq!(parse_deadline(&text, None), Ok((DeadlineKind::Date, Some(d))), "{}", text);
        }
    }

    #[test]
    fn other_years_are_refused_with_the_reason(
        year in prop_oneof![0i32..*YEARS.start(), (*YEARS.end() + 1)..10_000],
        month in 1u32..=12,
        day in 1u32..=28,
    ) {
        for text in [
            format!("{year:04}年{month}月{day}日"),
            format!("{year:04}-{month:02}-{day:02}"),
            format!("{year:04}{month:02}{day:02}"),
            format!("立行立改（{year:04}年{month}月底前）"),
        ] {
            prop_assert_eq!(parse_date(&text, None), None, "{}", text);
            let err = parse_deadline(&text, None).unwrap_err();
            prop_assert!(err.contains(&format!("年份“{year}年”不合理")), "{}: {}", text, err);
        }
    }

    #[test]
    fn text_validation_never_panics_and_names_the_field(text in "\\PC{0,400}|[\\x00-\\x1f]{0,5}") {
        match validate::required_text("title", "反馈问题", &text, 300) {
            Ok(()) => prop_assert!(!text.trim().is_empty() && text.chars().count() <= 300),
            Err(e) => {
                prop_assert_eq!(e.field(), Some("title"));
                prop_assert!(e.to_string().contains("反馈问题"));
            }
        }
    }
}
