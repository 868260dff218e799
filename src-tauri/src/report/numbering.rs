//! Chinese numbering of the official-document hierarchy: 一、 （一） 1. and dates.

use chrono::{Datelike, NaiveDate};

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
pub fn cn_number(n: usize) -> String {
    match n {
        0..=9 => DIGITS[n].to_owned(),
        10..=19 => format!("十{}", if n > 10 { DIGITS[n - 10] } else { "" }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", DIGITS[rest]),
                10..=19 => format!("一{}", cn_number(rest)),
                _ => cn_number(rest),
            };
            format!("{}百{}", cn_number(n / 100), tail)
        }
    }
}

/// First-level heading prefix: 一、
pub fn level1(n: usize) -> String {
    format!("{}、", cn_number(n))
}

/// Second-level heading prefix: （一）
pub fn level2(n: usize) -> String {
    format!("（{}）", cn_number(n))
}

/// 2025年3月20日 (no zero padding).
pub fn date_cn(d: NaiveDate) -> String {
    crate::domain::dates::format_cn(d)
}

/// A period: 2025年3月1日至4月10日 (the year once when both are in it).
pub fn period_cn(from: NaiveDate, to: NaiveDate) -> String {
    if from.year() == to.year() {
        format!("{}至{}月{}日", date_cn(from), to.month(), to.day())
    } else {
        format!("{}至{}", date_cn(from), date_cn(to))
    }
}

/// Ends a sentence with 。 unless it already ends with punctuation.
pub fn sentence(text: &str) -> String {
    let t = text.trim();
    match t.chars().last() {
        None => String::new(),
        Some('。' | '！' | '？' | '；' | '”' | '）') => t.to_owned(),
        Some('，' | '、' | '：' | ',' | '.' | ';') => {
            let mut s: String = t.chars().take(t.chars().count() - 1).collect();
            s.push('。');
            s
        }
        Some(_) => format!("{t}。"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (23, "二十三"),
            (100, "一百"),
            (105, "一百零五"),
            (112, "一百一十二"),
        ];
        for (n, want) in cases {
            assert_eq!(cn_number(n), want);
        }
        assert_eq!(level2(4), "（四）");
    }

    #[test]
    fn dates_and_sentences() {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        assert_eq!(period_cn(d(3, 1), d(4, 10)), "2025年3月1日至4月10日");
        assert_eq!(sentence("问题整改不到位"), "问题整改不到位。");
        assert_eq!(sentence("问题整改不到位，"), "问题整改不到位。");
        assert_eq!(sentence("已完成。"), "已完成。");
    }
}
