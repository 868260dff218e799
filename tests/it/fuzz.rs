//! Property tests (proptest) of the parsers that read what users type or paste: dates and
//! deadlines as ledgers write them, and text validation. They must never panic, and what
//! they accept must mean what it says.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use xuncha::domain::dates::{format_cn, format_deadline, parse_date, parse_deadline};
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn date_parsing_never_panics(text in cell_text(), year in prop::option::of(1900i32..2200)) {
        let _ = parse_date(&text, year);
        if let Ok((kind, Some(d))) = parse_deadline(&text, year) {
            // Whatever is accepted prints and reads back to the same deadline.
            let printed = format_deadline(kind, Some(d), &[]);
            prop_assert_eq!(parse_deadline(&printed, None), Ok((kind, Some(d))), "{} → {}", text, printed);
        }
    }

    #[test]
    fn every_real_date_round_trips(days in 0i64..40_000) {
        let d = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Days::new(days as u64);
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
