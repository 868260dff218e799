//! Reading dates and deadlines as ledgers write them, and writing them the official way.
//!
//! Hand-kept ledgers write one deadline a dozen ways (2025年3月31日, 2025.3.31, 20250331,
//! 2025年6月底前, 立行立改（2025年3月31日前）, 长期坚持, an Excel date cell…). Importing them
//! must land on one date and one [`DeadlineKind`], or say in Chinese which text is wrong.
//! Documents write dates as 2025年3月20日 (GB/T 9704: no zero padding).

use chrono::{Datelike, Duration, NaiveDate};

use super::codes::DeadlineKind;
use super::records::Milestone;
use super::validate::YEARS;

/// Reads a date written alone, with at most words like 前/之前/完成 around it:
/// 2025年3月31日, 2025.3.31, 2025/3/31, 2025-03-31, 20250331, ２０２５年３月３１日, 2025年6月底前
/// (= 6-30), 2025年上半年, 2025年第一季度, 2025年底, an Excel serial such as “45747”, and, when
/// `default_year` is given, 3月31日前 / 3月底. `None` for anything else, an impossible date, or
/// a year outside [`YEARS`] (0025年 and 2205年 are typing errors).
pub fn parse_date(text: &str, default_year: Option<i32>) -> Option<NaiveDate> {
    read_date(text, default_year).ok()
}

/// [`parse_date`], saying in Chinese, quoting the text, why a text is not a date.
pub fn read_date(text: &str, default_year: Option<i32>) -> Result<NaiveDate, String> {
    let chars = normalize(text);
    if let Some(d) = excel_serial_text(&chars) {
        return Ok(d);
    }
    let found = find_dates(&chars, text, default_year)?;
    if let [one] = found.as_slice() {
        let rest: String = chars[..one.start].iter().chain(&chars[one.end..]).collect();
        if is_filler(&rest) {
            return Ok(one.date);
        }
    }
    Err(format!(
        "无法识别日期“{}”：请只写一个日期，如2025年3月31日或2025-03-31",
        text.trim()
    ))
}

/// Reads a deadline cell (整改时限): a date in any form [`parse_date`] knows, surrounded by
/// any text (“2025年3月31日前完成”); 立行立改/立即整改 (→ `Immediate`) or 长期坚持/持续整改/
/// 常态化 (→ `LongTerm`), each with or without a date (“立行立改（2025年3月31日前）”, “长期坚持，
/// 2025年12月底前取得阶段性成效”). When both words appear (“立行立改、长期坚持”) the task is
/// ongoing, so `LongTerm`. When several dates appear the latest is the deadline. The error says,
/// in Chinese and quoting the text, why it cannot be read.
pub fn parse_deadline(
    text: &str,
    default_year: Option<i32>,
) -> Result<(DeadlineKind, Option<NaiveDate>), String> {
    let chars = normalize(text);
    if chars.iter().all(|c| c.is_whitespace()) {
        return Err("整改时限为空：请填写日期（如2025年3月31日）或“立行立改”“长期坚持”".into());
    }
    if let Some(d) = excel_serial_text(&chars) {
        return Ok((DeadlineKind::Date, Some(d)));
    }
    let date = find_dates(&chars, text, default_year)?
        .iter()
        .map(|f| f.date)
        .max();
    let kind = deadline_word(&chars);
    match (kind, date) {
        (Some(k @ (DeadlineKind::Immediate | DeadlineKind::LongTerm)), date) => Ok((k, date)),
        (_, Some(d)) => Ok((DeadlineKind::Date, Some(d))),
        (Some(DeadlineKind::Date), None) => Err(format!(
            "整改时限“{}”没有写日期：请写明完成日期，如2025年3月31日",
            text.trim()
        )),
        (None, None) => Err(format!(
            "无法识别整改时限“{}”：请写成日期（如2025年3月31日、2025年6月底前）或“立行立改”“长期坚持”",
            text.trim()
        )),
    }
}

/// The date of an Excel serial number in the 1900 date system (the fraction, a time of day, is
/// dropped). Excel counts a 1900-02-29 that never existed: serials 1–59 are 1900-01-01 to
/// 1900-02-28, 61 on are one day earlier than a plain count, and 60 itself gives `None`.
pub fn from_excel_serial(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let n = serial.floor() as i64;
    let base = match n {
        60 => return None,
        ..=59 => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        _ => NaiveDate::from_ymd_opt(1899, 12, 30)?,
    };
    base.checked_add_signed(Duration::days(n))
}

/// 2025年3月20日 (no zero padding).
pub fn format_cn(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// 整改时限 as every document and screen writes it, and as [`parse_deadline`] reads back:
/// - a date → “2025年3月31日”;
/// - 立行立改 → “立行立改”, or with its date “立行立改（2025年3月31日前）”;
/// - 长期坚持 → its stage targets, “长期坚持（2025年6月30日前建立工作机制；2025年12月31日前形成
///   长效机制）”, and a stage date that no target carries as “，2025年12月31日前取得阶段性成效”;
///   with neither, “长期坚持”.
///
/// A date kind without a date gives an empty string (the cell stays blank). Read back, a
/// long-term text gives its latest date, as any hand-written one would.
pub fn format_deadline(
    kind: DeadlineKind,
    date: Option<NaiveDate>,
    milestones: &[Milestone],
) -> String {
    match (kind, date) {
        (DeadlineKind::Date, Some(d)) => format_cn(d),
        (DeadlineKind::Date, None) => String::new(),
        (DeadlineKind::Immediate, Some(d)) => format!("立行立改（{}前）", format_cn(d)),
        (DeadlineKind::Immediate, None) => DeadlineKind::Immediate.label().to_owned(),
        (DeadlineKind::LongTerm, _) => long_term_text(date, milestones),
    }
}

/// 长期坚持 with its stage targets (in date order) and the stage date.
fn long_term_text(date: Option<NaiveDate>, milestones: &[Milestone]) -> String {
    let mut stages: Vec<&Milestone> = milestones.iter().collect();
    stages.sort_by_key(|m| m.due_on);
    let mut text = DeadlineKind::LongTerm.label().to_owned();
    if !stages.is_empty() {
        let parts: Vec<String> = stages
            .iter()
            .map(|m| format!("{}前{}", format_cn(m.due_on), stage_target(&m.target)))
            .collect();
        text.push_str(&format!("（{}）", parts.join("；")));
    }
    if let Some(d) = date.filter(|d| stages.iter().all(|m| m.due_on != *d)) {
        text.push_str(&format!("，{}前取得阶段性成效", format_cn(d)));
    }
    text
}

/// A stage target inside the parentheses: one line, without its closing full stop.
fn stage_target(target: &str) -> String {
    let one_line: String = target.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line
        .trim_end_matches(['。', '；', ';', '，', ','])
        .to_owned()
}

/// A date found in a text, with its place (in normalized chars).
struct Found {
    date: NaiveDate,
    start: usize,
    end: usize,
}

/// Full-width digits and punctuation to ASCII; whitespace dropped except a single space
/// between two digits (so “2025-03-31 00:00” keeps the date and the time apart).
fn normalize(text: &str) -> Vec<char> {
    let mapped: Vec<char> = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '／' => '/',
            '－' | '—' | '–' => '-',
            '（' => '(',
            '）' => ')',
            '：' => ':',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    let mut out = Vec::with_capacity(mapped.len());
    for (i, &c) in mapped.iter().enumerate() {
        if c == ' ' {
            let prev_digit = out.last().is_some_and(|p: &char| p.is_ascii_digit());
            let next_digit = mapped[i + 1..]
                .iter()
                .find(|n| **n != ' ')
                .is_some_and(|n| n.is_ascii_digit());
            if !(prev_digit && next_digit) || out.last() == Some(&' ') {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A whole text that is an Excel serial: five digits (1927–2173), maybe with a fraction,
/// whose year is in [`YEARS`]. Shorter numbers are not taken for dates: “2025” alone is a
/// year, not 1905-07-17.
fn excel_serial_text(chars: &[char]) -> Option<NaiveDate> {
    let s: String = chars.iter().collect();
    let (int, frac) = s.split_once('.').unwrap_or((&s, "0"));
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if int.len() == 5 && digits(int) && digits(frac) {
        from_excel_serial(s.parse().ok()?).filter(|d| YEARS.contains(&d.year()))
    } else {
        None
    }
}

/// Words that may stand around a date without changing it.
fn is_filler(rest: &str) -> bool {
    const WORDS: &[&str] = &[
        "截止到",
        "截至",
        "截止",
        "之前",
        "以前",
        "为止",
        "以内",
        "完成整改",
        "完成",
        "整改",
        "前",
        "止",
        "内",
        "到",
        "于",
    ];
    // A time of day after the date, as spreadsheets export it (2025-03-31 00:00:00).
    let t = rest.trim();
    if t.contains(':')
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
    {
        return true;
    }
    let mut r = rest.to_owned();
    for w in WORDS {
        r = r.replace(w, "");
    }
    r.chars()
        .all(|c| c.is_whitespace() || "(),，。、;；:".contains(c))
}

/// The deadline word in a text, if any: the longest known alias found anywhere.
fn deadline_word(chars: &[char]) -> Option<DeadlineKind> {
    let text: Vec<char> = chars.iter().copied().filter(|c| *c != ' ').collect();
    let mut found = Vec::new();
    for len in 2..=9.min(text.len()) {
        for w in text.windows(len) {
            if let Some(k) = DeadlineKind::parse(&w.iter().collect::<String>()) {
                found.push(k);
            }
        }
    }
    // codes.rs knows 常态化整改 but ledgers also write plain 常态化.
    if text.windows(3).any(|w| w == ['常', '态', '化']) {
        found.push(DeadlineKind::LongTerm);
    }
    [
        DeadlineKind::LongTerm,
        DeadlineKind::Immediate,
        DeadlineKind::Date,
    ]
    .into_iter()
    .find(|k| found.contains(k))
}

/// Every date expression in `chars`, left to right. `original` is quoted in errors.
fn find_dates(
    chars: &[char],
    original: &str,
    default_year: Option<i32>,
) -> Result<Vec<Found>, String> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_number = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit());
        if starts_number {
            let mut cur = Cursor {
                c: chars,
                i,
                text: original.trim(),
            };
            if let Some(date) = cur.date_at(default_year)? {
                found.push(Found {
                    date,
                    start: i,
                    end: cur.i,
                });
                i = cur.i;
                continue;
            }
        }
        i += 1;
    }
    Ok(found)
}

/// A reading position in normalized chars.
struct Cursor<'a> {
    c: &'a [char],
    i: usize,
    text: &'a str,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.c.get(self.i).copied()
    }

    /// Consumes `word` if the text continues with it.
    fn eat(&mut self, word: &str) -> bool {
        let w: Vec<char> = word.chars().collect();
        if self.c[self.i..].starts_with(&w) {
            self.i += w.len();
            true
        } else {
            false
        }
    }

    /// Consumes a run of ASCII digits: its value and length.
    fn number(&mut self) -> Option<(u32, usize)> {
        let run = self.c[self.i..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if run == 0 || run > 9 {
            return None;
        }
        let s: String = self.c[self.i..self.i + run].iter().collect();
        self.i += run;
        s.parse().ok().map(|v| (v, run))
    }

    /// A date starting here (at the first digit of a number), if one is written here.
    fn date_at(&mut self, default_year: Option<i32>) -> Result<Option<NaiveDate>, String> {
        let start = self.i;
        let Some((n, len)) = self.number() else {
            return Ok(None);
        };
        match (len, self.peek()) {
            (8, _) => self.ymd(n as i32 / 10000, n / 100 % 100, n % 100).map(Some),
            (4, Some(sep @ ('-' | '.' | '/'))) => {
                self.i += 1;
                match self.number() {
                    Some((m, 1..=2)) => {
                        let back = self.i;
                        if self.eat(&sep.to_string()) {
                            if let Some((d, 1..=2)) = self.number() {
                                self.eat("日");
                                return self.ymd(n as i32, m, d).map(Some);
                            }
                            self.i = back;
                        }
                        self.month_end(n as i32, m).map(Some)
                    }
                    _ => {
                        self.i = start + len;
                        Ok(None)
                    }
                }
            }
            (4, Some('年')) => {
                self.i += 1;
                self.after_year(n as i32).map(Some)
            }
            (1..=2, Some('月')) => {
                self.i += 1;
                let Some(year) = default_year else {
                    return Err(format!(
                        "“{}”没有写年份，无法确定是哪一年：请写成带年份的日期，如2025年{n}月…",
                        self.text
                    ));
                };
                self.after_month(year, n).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// What follows “2025年”.
    fn after_year(&mut self, year: i32) -> Result<NaiveDate, String> {
        let back = self.i;
        if let Some((m, 1..=2)) = self.number() {
            if self.eat("月") {
                return self.after_month(year, m);
            }
        }
        self.i = back;
        for (words, month) in [
            (&["上半年"][..], 6),
            (
                &[
                    "下半年",
                    "年底",
                    "年末",
                    "年内",
                    "全年",
                    "度",
                    "底",
                    "末",
                    "内",
                ][..],
                12,
            ),
        ] {
            if words.iter().any(|w| self.eat(w)) {
                return self.month_end(year, month);
            }
        }
        self.eat("第");
        for (q, words) in [
            (1, ["一", "1"]),
            (2, ["二", "2"]),
            (3, ["三", "3"]),
            (4, ["四", "4"]),
        ] {
            let back = self.i;
            if words.iter().any(|w| self.eat(w)) && (self.eat("季度") || self.eat("季")) {
                return self.month_end(year, q * 3);
            }
            self.i = back;
        }
        Err(format!(
            "“{}”只写了{year}年，没有写到月或日：请写成如{year}年6月30日、{year}年6月底前",
            self.text
        ))
    }

    /// What follows “6月” of `year`.
    fn after_month(&mut self, year: i32, month: u32) -> Result<NaiveDate, String> {
        if !(1..=12).contains(&month) {
            return Err(format!("“{}”中的月份“{month}月”不存在", self.text));
        }
        let back = self.i;
        if let Some((d, 1..=2)) = self.number() {
            if !self.eat("日") {
                self.eat("号");
            }
            return self.ymd(year, month, d);
        }
        self.i = back;
        if self.eat("上旬") {
            return self.ymd(year, month, 10);
        }
        if self.eat("中旬") {
            return self.ymd(year, month, 20);
        }
        // 6月底, 6月末, 6月下旬 and a bare 6月 all mean the month's last day.
        let _ = self.eat("底") || self.eat("末") || self.eat("下旬");
        self.month_end(year, month)
    }

    /// `y` if it is a year of [`YEARS`]. Others are typing errors (0000年底, 2205年): refused
    /// here, with the reason, rather than by the store later; and every date read prints
    /// as it was written (year 0 would print as “0年12月31日”, which is not a date).
    fn year(&self, y: i32) -> Result<i32, String> {
        if YEARS.contains(&y) {
            return Ok(y);
        }
        Err(format!(
            "“{}”中的年份“{y}年”不合理：应在{}年至{}年之间，请检查是否写错",
            self.text,
            YEARS.start(),
            YEARS.end()
        ))
    }

    fn ymd(&self, y: i32, m: u32, d: u32) -> Result<NaiveDate, String> {
        let y = self.year(y)?;
        if !(1..=12).contains(&m) {
            return Err(format!("“{}”中的月份“{m}月”不存在", self.text));
        }
        NaiveDate::from_ymd_opt(y, m, d)
            .ok_or_else(|| format!("“{}”中的日期不存在：{y}年{m}月没有{d}日", self.text))
    }

    fn month_end(&self, y: i32, m: u32) -> Result<NaiveDate, String> {
        let y = self.year(y)?;
        if !(1..=12).contains(&m) {
            return Err(format!("“{}”中的月份“{m}月”不存在", self.text));
        }
        let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        NaiveDate::from_ymd_opt(next.0, next.1, 1)
            .and_then(|d| d.pred_opt())
            .ok_or_else(|| format!("“{}”中的年份{y}超出范围", self.text))
    }
}

#[cfg(test)]
mod tests {
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
}
