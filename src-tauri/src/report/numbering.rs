//! Chinese numbering of the official-document hierarchy (一、 （一） 1.), Chinese numerals,
//! periods and sentence endings. Dates are written by [`format_cn`] alone.

use chrono::{Datelike, NaiveDate};

use crate::domain::dates::format_cn;

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// A number in Chinese numerals, as headings and counts write it: 1 → 一, 10 → 十,
/// 12 → 十二, 20 → 二十, 105 → 一百零五, 1010 → 一千零一十, 20000 → 二万.
pub fn cn_number(n: usize) -> String {
    match n {
        0 => DIGITS[0].to_owned(),
        10_000.. => {
            let (high, low) = (n / 10_000, n % 10_000);
            let mut s = format!("{}万", cn_number(high));
            if low > 0 {
                if low < 1000 {
                    s.push_str(DIGITS[0]);
                }
                s.push_str(&below_ten_thousand(low, false));
            }
            s
        }
        _ => below_ten_thousand(n, true),
    }
}

/// 1–9999; `leading`: nothing stands before it, so 1x is read 十x rather than 一十x.
fn below_ten_thousand(n: usize, leading: bool) -> String {
    const UNITS: [&str; 4] = ["千", "百", "十", ""];
    let digits = [n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10];
    let (mut out, mut started, mut gap) = (String::new(), false, false);
    for (i, d) in digits.into_iter().enumerate() {
        if d == 0 {
            gap = started;
            continue;
        }
        if gap {
            out.push_str(DIGITS[0]);
            gap = false;
        }
        if !(leading && !started && i == 2 && d == 1) {
            out.push_str(DIGITS[d]);
        }
        out.push_str(UNITS[i]);
        started = true;
    }
    out
}

/// First-level heading prefix: 一、
pub fn level1(n: usize) -> String {
    format!("{}、", cn_number(n))
}

/// Second-level heading prefix: （一）
pub fn level2(n: usize) -> String {
    format!("（{}）", cn_number(n))
}

/// A period: 2025年3月1日至4月10日 (the year once when both are in it).
pub fn period_cn(from: NaiveDate, to: NaiveDate) -> String {
    if from.year() == to.year() {
        format!("{}至{}月{}日", format_cn(from), to.month(), to.day())
    } else {
        format!("{}至{}", format_cn(from), format_cn(to))
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
            (110, "一百一十"),
            (112, "一百一十二"),
            (1000, "一千"),
            (1005, "一千零五"),
            (1010, "一千零一十"),
            (1100, "一千一百"),
            (10_000, "一万"),
            (10_010, "一万零一十"),
            (110_000, "十一万"),
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
