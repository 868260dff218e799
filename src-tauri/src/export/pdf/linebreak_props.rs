//! Property tests of the line breaker: whatever the text and the widths, nothing is lost or
//! reordered, lines fit, 禁则 hold whenever every unit fits a line, and breaking is greedy.

use proptest::prelude::*;

use super::*;

/// CJK 10 pt, Latin 5 pt, as in the unit tests.
fn m(c: char) -> f32 {
    if crate::export::fonts::is_wide(c) {
        10.0
    } else {
        5.0
    }
}

fn visible(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Text of the kinds that meet in reports: CJK, both kinds of punctuation, numbers with
/// units, Latin words and file names; no whitespace, so every break is a unit boundary.
fn report_text() -> impl Strategy<Value = String> {
    let pool: Vec<char> = "一二三四五六七八九十巡察整改问题年月日万元个项，。、；：？！）》”…—（《“ABCxyz0123456789.%"
        .chars()
        .collect();
    prop::collection::vec(prop::sample::select(pool), 0..120).prop_map(|v| v.into_iter().collect())
}

/// Anything at all: control characters, emoji, rare CJK, combining marks, whitespace.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\PC\\s\u{1F600}-\u{1F64F}\u{20000}-\u{2A6DF}\u{0300}-\u{036F}]{0,200}",
    ]
}

/// The gap between Chinese and Latin letters or digits the properties break with.
const GAP: ScriptGap = ScriptGap {
    letters: 2.0,
    marks: 0.5,
};

fn max_unit(text: &str) -> f32 {
    units(text, &m, GAP)
        .iter()
        .map(|u| u.width)
        .fold(0.0, f32::max)
}

proptest! {
    #![proptest_config(crate::proptest_config::config(2_000))]

    #[test]
    fn nothing_lost_and_accounting_exact(text in any_text(), first in 0.0f32..600.0, width in 0.0f32..600.0) {
        let lines = break_lines_with(&text, first, width, m, GAP);
        prop_assert!(!lines.is_empty());
        let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
        prop_assert_eq!(visible(&joined), visible(&text));
        for (i, l) in lines.iter().enumerate() {
            prop_assert_eq!(l.last, i + 1 == lines.len());
            prop_assert_eq!(l.chars, l.text.chars().count());
            let w: f32 = l.text.chars().map(m).sum::<f32>() + GAP.within(&l.text);
            prop_assert!((l.width - w).abs() < 1e-2, "{:?}", l);
            // Only a single character wider than the line may overflow it.
            let avail = if i == 0 { first } else { width };
            prop_assert!(l.width <= avail + 0.01 || l.chars == 1, "{:?} > {}", l, avail);
            if i > 0 {
                prop_assert!(!l.text.starts_with(char::is_whitespace), "{:?}", l);
            }
            prop_assert!(!l.text.ends_with(char::is_whitespace) || lines.len() == 1, "{:?}", l);
        }
    }

    #[test]
    fn rules_hold_when_units_fit(text in report_text(), extra in 0.0f32..200.0) {
        let width = max_unit(&text) + extra;
        let lines = break_lines_with(&text, width, width, m, GAP);
        prop_assert_eq!(lines.iter().map(|l| l.text.as_str()).collect::<String>(), text.clone());
        for (i, l) in lines.iter().enumerate() {
            prop_assert!(l.width <= width + 0.01);
            if i > 0 {
                let c = l.text.chars().next();
                prop_assert!(!c.is_some_and(is_no_start), "line {} starts with {:?}: {:?}", i, c, lines);
            }
            if !l.last {
                let c = l.text.chars().last();
                prop_assert!(!c.is_some_and(is_no_end), "line {} ends with {:?}: {:?}", i, c, lines);
                // Greedy: the next line's first unit did not fit on this one.
                let next = &lines[i + 1].text;
                let first = units(next, &m, GAP)[0].width;
                let join = match (l.text.chars().last(), next.chars().next()) {
                    (Some(a), Some(b)) => GAP.between(a, b),
                    _ => 0.0,
                };
                prop_assert!(l.width + join + first > width + 0.01, "early break: {:?}", lines);
            }
        }
    }

    #[test]
    fn titles_never_need_more_lines_or_overflow(text in report_text(), extra in 0.0f32..200.0) {
        let width = max_unit(&text) + extra;
        let greedy = break_lines(&text, width, width, m).len();
        for lines in [balanced_lines(&text, width, m), title_lines(&text, width, m)] {
            prop_assert!(lines.len() <= greedy, "{:?}", lines);
            prop_assert_eq!(lines.iter().map(|l| l.text.as_str()).collect::<String>(), text.clone());
            prop_assert!(lines.iter().all(|l| l.width <= width + 0.01), "{:?}", lines);
            prop_assert!(lines.last().is_some_and(|l| l.last));
        }
    }

    #[test]
    fn justification_never_overfills(text in report_text(), extra in 0.0f32..200.0, max in 0.0f32..10.0) {
        let width = max_unit(&text) + extra;
        for l in break_lines(&text, width, width, m) {
            let s = l.justify_spacing(width, max);
            prop_assert!((0.0..=max).contains(&s));
            if l.chars > 1 {
                prop_assert!(l.width + s * (l.chars - 1) as f32 <= width + 0.01);
            }
        }
    }
}
