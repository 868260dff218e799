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
#[path = "dates_tests.rs"]
mod tests;
