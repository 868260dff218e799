//! Working days per the Chinese holiday calendar (法定节假日 and 调休 make-up working days).
//!
//! Deadlines such as “整改方案 within 15 working days of the feedback” count working days, and
//! which days are worked is decided each year by the State Council's notice (国务院办公厅关于
//! YYYY年部分节假日安排的通知). The notices since 2024 ship as plain-text files in
//! `data/holidays/`; a user adds a newly published year by supplying the same format, which
//! [`parse_year_text`] checks. A year without data falls back to Monday–Friday, and
//! [`HolidayCalendar::covers`] says so, so the UI can warn.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use chrono::{Datelike, Months, NaiveDate, Weekday};

/// The shipped notices, one file per year (see the header of each for its source).
const BUILTIN_TEXTS: &[&str] = &[
    include_str!("../../data/holidays/2024.txt"),
    include_str!("../../data/holidays/2025.txt"),
    include_str!("../../data/holidays/2026.txt"),
];

/// What a dated entry of a year's arrangement says about that day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayOff {
    /// 休: a day off (法定节假日 or the weekend days folded into the holiday), with its name.
    Holiday(String),
    /// 班: a weekend day worked to make up for a holiday (调休上班), with its note.
    MakeUpWorkday(String),
}

/// One year's arrangement: the holidays and make-up working days of one notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearCalendar {
    year: i32,
    days: BTreeMap<NaiveDate, DayOff>,
}

impl YearCalendar {
    /// The year the notice is for.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The days off, in date order, with the holiday's name.
    pub fn holidays(&self) -> impl Iterator<Item = (NaiveDate, &str)> {
        self.days.iter().filter_map(|(d, k)| match k {
            DayOff::Holiday(name) => Some((*d, name.as_str())),
            DayOff::MakeUpWorkday(_) => None,
        })
    }

    /// The make-up working days, in date order, with their note.
    pub fn workdays(&self) -> impl Iterator<Item = (NaiveDate, &str)> {
        self.days.iter().filter_map(|(d, k)| match k {
            DayOff::MakeUpWorkday(note) => Some((*d, note.as_str())),
            DayOff::Holiday(_) => None,
        })
    }
}

/// Holidays and make-up working days of every known year.
#[derive(Debug, Clone, Default)]
pub struct HolidayCalendar {
    years: BTreeMap<i32, YearCalendar>,
}

impl HolidayCalendar {
    /// The calendar shipped with the app (2024 onward).
    pub fn builtin() -> Self {
        static BUILTIN: OnceLock<HolidayCalendar> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let mut cal = HolidayCalendar::default();
                // The shipped files are checked by the tests; a bad one cannot reach users.
                for year in BUILTIN_TEXTS.iter().filter_map(|t| parse_year_text(t).ok()) {
                    cal.add_year(year);
                }
                cal
            })
            .clone()
    }

    /// Adds a year's arrangement, replacing any earlier data for that year.
    pub fn add_year(&mut self, year: YearCalendar) {
        self.years.insert(year.year, year);
    }

    /// The years with a published arrangement, ascending.
    pub fn years(&self) -> Vec<i32> {
        self.years.keys().copied().collect()
    }

    /// Whether `year` has data; if not, working days in it are simply Monday–Friday.
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    /// What the arrangement says about `d`, if anything. A notice may reach into the last
    /// days of the previous year (元旦 2023 began on 2022-12-31), so the next year is asked too.
    pub fn day_off(&self, d: NaiveDate) -> Option<&DayOff> {
        [d.year(), d.year() + 1]
            .iter()
            .filter_map(|y| self.years.get(y))
            .find_map(|y| y.days.get(&d))
    }

    /// The holiday's name if `d` is a day off of the arrangement (春节, 国庆节…).
    pub fn holiday_name(&self, d: NaiveDate) -> Option<&str> {
        match self.day_off(d) {
            Some(DayOff::Holiday(name)) => Some(name),
            _ => None,
        }
    }

    /// Whether `d` is a working day.
    pub fn is_workday(&self, d: NaiveDate) -> bool {
        match self.day_off(d) {
            Some(DayOff::Holiday(_)) => false,
            Some(DayOff::MakeUpWorkday(_)) => true,
            None => !is_weekend(d),
        }
    }

    /// The `n`th working day after `start` (`start` itself is not counted; `n == 0` gives
    /// `start`). “15 working days from the feedback on 2025-01-20” is `add_workdays(d, 15)`.
    pub fn add_workdays(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut d = start;
        let mut left = n;
        while left > 0 {
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
            if self.is_workday(d) {
                left -= 1;
            }
        }
        d
    }

    /// The number of working days after `a` up to and including `b`, so that
    /// `workdays_between(a, add_workdays(a, n)) == n`; negative when `b` is before `a`.
    pub fn workdays_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        if b < a {
            return -self.workdays_between(b, a);
        }
        let mut count = weekdays_after_until(a, b);
        // Correct the plain count only where an arrangement changes a day's nature; a date
        // two notices both list is judged once, the way `is_workday` sees it.
        let listed: std::collections::BTreeSet<NaiveDate> = self
            .years
            .range(a.year()..=b.year() + 1)
            .flat_map(|(_, y)| y.days.range(a..=b).map(|(d, _)| *d))
            .filter(|d| *d > a)
            .collect();
        for d in listed {
            match (self.is_workday(d), is_weekend(d)) {
                (false, false) => count -= 1,
                (true, true) => count += 1,
                _ => {}
            }
        }
        count
    }

    /// `d` if it is a working day, else the first working day after it.
    pub fn next_workday_on_or_after(&self, d: NaiveDate) -> NaiveDate {
        if self.is_workday(d) {
            d
        } else {
            self.add_workdays(d, 1)
        }
    }
}

/// `d` plus `n` calendar months, clamped to the month's end (1月31日 + 1个月 = 2月28日/29日).
pub fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    // chrono clamps the day to the target month's length; it only fails past year 262143.
    d.checked_add_months(Months::new(n)).unwrap_or(d)
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Monday–Friday days in `(a, b]`, by whole weeks plus the remainder.
fn weekdays_after_until(a: NaiveDate, b: NaiveDate) -> i64 {
    let days = (b - a).num_days();
    let mut count = days / 7 * 5;
    let mut d = a + chrono::Duration::days(days / 7 * 7);
    while d < b {
        match d.succ_opt() {
            Some(next) => d = next,
            None => break,
        }
        if !is_weekend(d) {
            count += 1;
        }
    }
    count
}

/// Reads one year's arrangement in the format of `data/holidays/YYYY.txt`:
///
/// ```text
/// # 国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）
/// 2026-02-15..2026-02-23 休 春节
/// 2026-02-14 班 春节调休
/// ```
///
/// Blank lines and `#` comments are ignored; dates may also be written 2026-2-15 and ranges
/// with `至` or `~`. The year is the one most entries fall in; days in the last week of the
/// previous year are allowed (a 元旦 break may start there). Refused, naming the line: bad
/// dates, a range running backwards, a kind other than 休/班, a make-up day on a weekday,
/// another year's dates, a day listed twice, and a file with no entries.
pub fn parse_year_text(text: &str) -> crate::Result<YearCalendar> {
    let mut entries: Vec<(usize, NaiveDate, NaiveDate, DayOff)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        entries.push(parse_line(n, line)?);
    }
    let year = main_year(&entries).ok_or_else(|| {
        bad("文件中没有任何放假或调休安排（每行写“2026-02-15..2026-02-23 休 春节”或“2026-02-14 班 春节调休”）")
    })?;

    let mut days: BTreeMap<NaiveDate, DayOff> = BTreeMap::new();
    let mut line_of: HashMap<NaiveDate, usize> = HashMap::new();
    for (n, from, to, kind) in entries {
        for d in from.iter_days().take_while(|d| *d <= to) {
            let allowed =
                d.year() == year || (d.year() == year - 1 && d.month() == 12 && d.day() >= 25);
            if !allowed {
                return Err(bad(format!(
                    "第{n}行：{d}不属于{year}年。一个文件只写一年的安排（可含上一年12月底的元旦假期），其他年份请另建文件"
                )));
            }
            if let Some(first) = line_of.get(&d) {
                return Err(bad(format!(
                    "第{n}行：{d}已在第{first}行出现过，同一天不能重复或同时写“休”和“班”"
                )));
            }
            line_of.insert(d, n);
            days.insert(d, kind.clone());
        }
    }
    Ok(YearCalendar { year, days })
}

/// Parses one non-empty, comment-free line.
fn parse_line(n: usize, line: &str) -> crate::Result<(usize, NaiveDate, NaiveDate, DayOff)> {
    let mut parts = line.split_whitespace();
    let when = parts.next().unwrap_or("");
    let Some(kind) = parts.next() else {
        return Err(bad(format!(
            "第{n}行“{line}”：缺少“休”或“班”（格式：日期或日期..日期，空格，休/班，空格，名称）"
        )));
    };
    let name = parts.collect::<Vec<_>>().join(" ");
    let (from_text, to_text) = ["..", "至", "~", "～"]
        .iter()
        .find_map(|sep| when.split_once(sep))
        .unwrap_or((when, when));
    let from = parse_iso(n, from_text)?;
    let to = parse_iso(n, to_text)?;
    if to < from {
        return Err(bad(format!("第{n}行：结束日期{to}早于开始日期{from}")));
    }
    let kind = match kind {
        "休" => DayOff::Holiday(name),
        "班" => {
            if from != to {
                return Err(bad(format!(
                    "第{n}行：调休上班日要逐日写，不能写成日期范围“{when}”"
                )));
            }
            if !is_weekend(from) {
                return Err(bad(format!(
                    "第{n}行：{from}是{}，本来就上班，调休上班日应为周六或周日，请核对日期",
                    weekday_cn(from)
                )));
            }
            DayOff::MakeUpWorkday(name)
        }
        other => {
            return Err(bad(format!(
                "第{n}行：“{other}”无法识别，应为“休”（放假）或“班”（调休上班）"
            )))
        }
    };
    Ok((n, from, to, kind))
}

fn parse_iso(n: usize, text: &str) -> crate::Result<NaiveDate> {
    let parts: Vec<&str> = text.split('-').collect();
    let nums: Option<Vec<u32>> = parts.iter().map(|p| p.parse::<u32>().ok()).collect();
    match nums.as_deref() {
        Some(&[y, m, d]) if parts[0].len() == 4 => NaiveDate::from_ymd_opt(y as i32, m, d)
            .ok_or_else(|| {
                bad(format!(
                    "第{n}行：日期“{text}”不存在（{y}年{m}月没有{d}日）"
                ))
            }),
        _ => Err(bad(format!(
            "第{n}行：“{text}”不是日期，应写成2026-02-15这样的年-月-日"
        ))),
    }
}

/// The year most entries end in (ties go to the later year).
fn main_year(entries: &[(usize, NaiveDate, NaiveDate, DayOff)]) -> Option<i32> {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for (_, _, to, _) in entries {
        *counts.entry(to.year()).or_default() += 1;
    }
    counts
        .iter()
        .max_by_key(|(y, c)| (**c, **y))
        .map(|(y, _)| *y)
}

fn weekday_cn(d: NaiveDate) -> &'static str {
    ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
        [d.weekday().num_days_from_monday() as usize]
}

fn bad(msg: impl Into<String>) -> crate::Error {
    crate::Error::invalid("calendar", msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn shipped_years_parse_with_the_notices_day_counts() {
        let cal = HolidayCalendar::builtin();
        assert_eq!(cal.years(), vec![2024, 2025, 2026]);
        // (year, days off, make-up working days) as counted from each notice.
        for (year, off, on) in [(2024, 28, 8), (2025, 28, 5), (2026, 33, 6)] {
            let y = &cal.years[&year];
            assert_eq!(
                (y.holidays().count(), y.workdays().count()),
                (off, on),
                "{year}"
            );
        }
        for text in BUILTIN_TEXTS {
            parse_year_text(text).unwrap();
            assert!(text.contains("国办发明电〔"), "the header names the notice");
        }
    }

    #[test]
    fn holidays_and_make_up_days() {
        let cal = HolidayCalendar::builtin();
        let cases = [
            ("2024-01-01", false), // 元旦, Monday
            ("2024-02-04", true),  // Sunday, 春节调休上班
            ("2024-02-12", false), // 春节, Monday
            ("2024-02-18", true),  // Sunday, 春节调休上班
            ("2024-04-07", true),  // Sunday, 清明调休上班
            ("2024-05-11", true),  // Saturday, 劳动节调休上班
            ("2024-06-10", false), // 端午, Monday
            ("2024-09-14", true),  // Saturday, 中秋调休上班
            ("2024-10-12", true),  // Saturday, 国庆调休上班
            ("2025-01-26", true),  // Sunday, 春节调休上班
            ("2025-02-04", false), // 正月初七, Tuesday
            ("2025-02-05", true),  // back to work
            ("2025-04-27", true),  // Sunday, 劳动节调休上班
            ("2025-06-02", false), // 端午, Monday
            ("2025-10-08", false), // 国庆中秋 8 days, Wednesday
            ("2025-10-11", true),  // Saturday, 调休上班
            ("2025-03-12", true),  // an ordinary Wednesday
            ("2025-03-15", false), // an ordinary Saturday
            ("2026-01-02", false), // 元旦, Friday
            ("2026-01-04", true),  // Sunday, 元旦调休上班
            ("2026-02-14", true),  // Saturday before 春节
            ("2026-02-23", false), // 正月初七, Monday
            ("2026-02-28", true),  // Saturday, 春节调休上班
            ("2026-04-06", false), // 清明, Monday
            ("2026-05-05", false), // 劳动节, Tuesday
            ("2026-05-09", true),  // Saturday, 劳动节调休上班
            ("2026-06-19", false), // 端午, Friday
            ("2026-09-20", true),  // Sunday, 国庆调休上班
            ("2026-09-25", false), // 中秋, Friday
            ("2026-10-07", false), // 国庆, Wednesday
            ("2026-10-10", true),  // Saturday, 国庆调休上班
            ("2027-10-01", true),  // no data for 2027: a Friday is a working day
            ("2027-10-02", false), // …and a Saturday is not
        ];
        for (day, work) in cases {
            assert_eq!(cal.is_workday(d(day)), work, "{day}");
        }
        assert_eq!(cal.holiday_name(d("2026-02-17")), Some("春节"));
        assert_eq!(cal.holiday_name(d("2025-10-06")), Some("国庆节、中秋节"));
        assert_eq!(cal.holiday_name(d("2026-02-14")), None);
        assert!(cal.covers(2026) && !cal.covers(2027) && !cal.covers(2023));
    }

    #[test]
    fn fifteen_working_days_across_long_holidays() {
        let cal = HolidayCalendar::builtin();
        let cases = [
            ("2025-01-20", 15, "2025-02-14"), // 春节 2025 with two make-up days
            ("2025-09-25", 15, "2025-10-22"), // 国庆中秋 2025, 8 days off
            ("2026-02-09", 15, "2026-03-06"), // 春节 2026, 9 days off
            ("2024-09-27", 15, "2024-10-23"), // 国庆 2024
            ("2030-01-01", 15, "2030-01-22"), // no data: Monday–Friday
            ("2025-03-14", 1, "2025-03-17"),  // Friday + 1 = Monday
            ("2025-09-26", 1, "2025-09-28"),  // Friday + 1 = make-up Sunday
            ("2025-03-12", 0, "2025-03-12"),
        ];
        for (start, n, want) in cases {
            assert_eq!(cal.add_workdays(d(start), n), d(want), "{start} + {n}");
            assert_eq!(cal.workdays_between(d(start), d(want)), i64::from(n));
            assert_eq!(cal.workdays_between(d(want), d(start)), -i64::from(n));
        }
    }

    #[test]
    fn counting_and_adding_agree_on_every_day() {
        // Two independent ways of counting (day by day, and weeks plus corrections).
        let cal = HolidayCalendar::builtin();
        for start in d("2023-12-01")
            .iter_days()
            .take_while(|x| *x <= d("2027-01-31"))
        {
            for n in [1, 5, 15, 22, 70] {
                let end = cal.add_workdays(start, n);
                assert!(cal.is_workday(end));
                assert_eq!(
                    cal.workdays_between(start, end),
                    i64::from(n),
                    "{start} + {n}"
                );
            }
        }
    }

    #[test]
    fn next_workday() {
        let cal = HolidayCalendar::builtin();
        for (day, want) in [
            ("2025-10-01", "2025-10-09"),
            ("2025-09-28", "2025-09-28"),
            ("2025-03-15", "2025-03-17"),
            ("2026-02-15", "2026-02-24"),
            ("2025-03-12", "2025-03-12"),
        ] {
            assert_eq!(cal.next_workday_on_or_after(d(day)), d(want), "{day}");
        }
    }

    #[test]
    fn months_clamp_to_month_end() {
        for (day, n, want) in [
            ("2025-01-31", 1, "2025-02-28"),
            ("2024-01-31", 1, "2024-02-29"), // leap year
            ("2024-02-29", 12, "2025-02-28"),
            ("2025-03-31", 1, "2025-04-30"),
            ("2025-11-30", 3, "2026-02-28"),
            ("2025-08-31", 6, "2026-02-28"),
            ("2027-12-31", 2, "2028-02-29"),
            ("2100-01-31", 1, "2100-02-28"), // divisible by 100: not leap
            ("2000-01-31", 1, "2000-02-29"), // divisible by 400: leap
            ("2025-01-20", 3, "2025-04-20"),
            ("2025-01-20", 0, "2025-01-20"),
        ] {
            assert_eq!(add_months(d(day), n), d(want), "{day} + {n}");
        }
    }

    #[test]
    fn user_added_year_and_replacement() {
        let mut cal = HolidayCalendar::builtin();
        let text =
            "# 用户补充\n\n2027-10-01..2027-10-07 休 国庆节\n2027-09-26 班 国庆节调休 # 周日\n";
        cal.add_year(parse_year_text(text).unwrap());
        assert_eq!(cal.years(), vec![2024, 2025, 2026, 2027]);
        assert!(cal.covers(2027));
        assert!(!cal.is_workday(d("2027-10-04")));
        assert!(cal.is_workday(d("2027-09-26")));
        assert_eq!(cal.add_workdays(d("2027-09-30"), 1), d("2027-10-08"));

        // Replacing 2026 drops its old data.
        cal.add_year(parse_year_text("2026-03-02 休 测试").unwrap());
        assert!(!cal.is_workday(d("2026-03-02")));
        assert!(cal.is_workday(d("2026-02-23")));
        assert!(!cal.is_workday(d("2026-02-28")));
    }

    #[test]
    fn a_notice_may_reach_into_late_december() {
        // The 2019 notice: 2018-12-30 to 2019-01-01 off, Saturday 2018-12-29 worked.
        let text = "2018-12-30..2019-01-01 休 元旦\n2018-12-29 班 元旦调休\n2019-02-04..2019-02-10 休 春节";
        let mut cal = HolidayCalendar::default();
        let y = parse_year_text(text).unwrap();
        assert_eq!(y.year(), 2019);
        cal.add_year(y);
        assert!(cal.is_workday(d("2018-12-29")));
        assert!(!cal.is_workday(d("2018-12-31")));
        assert_eq!(cal.add_workdays(d("2018-12-28"), 2), d("2019-01-02"));
        assert_eq!(cal.workdays_between(d("2018-12-28"), d("2019-01-02")), 2);
        assert!(!cal.covers(2018) && cal.covers(2019));
    }

    #[test]
    fn bad_user_files_are_refused_with_the_line() {
        let cases = [
            ("", "没有任何"),
            ("# 只有注释\n", "没有任何"),
            ("2026-02-30 休 春节", "第1行：日期“2026-02-30”不存在"),
            (
                "\n2026-02-15..2026-02-10 休 春节",
                "第2行：结束日期2026-02-10早于开始日期2026-02-15",
            ),
            ("2026-02-15 放 春节", "第1行：“放”无法识别"),
            ("2026-02-15", "第1行“2026-02-15”：缺少“休”或“班”"),
            ("26-2-15 休 春节", "第1行：“26-2-15”不是日期"),
            ("2026/02/15 休 春节", "第1行：“2026/02/15”不是日期"),
            (
                "2026-02-16 班 春节调休",
                "第1行：2026-02-16是周一，本来就上班",
            ),
            (
                "2026-02-14..2026-02-15 班 调休",
                "第1行：调休上班日要逐日写",
            ),
            (
                "2026-02-15..2026-02-23 休 春节\n2026-02-21 班 调休",
                "第2行：2026-02-21已在第1行出现过",
            ),
            (
                "2026-05-01..2026-05-05 休 劳动节\n# x\n2026-05-04 休 重复",
                "第3行：2026-05-04已在第1行出现过",
            ),
            (
                "2026-01-01 休 元旦\n2026-02-15 休 春节\n2025-05-01 休 劳动节",
                "第3行：2025-05-01不属于2026年",
            ),
        ];
        for (text, want) in cases {
            let err = parse_year_text(text).unwrap_err();
            assert_eq!(err.field(), Some("calendar"));
            assert!(err.to_string().contains(want), "{text:?}: {err}");
        }
    }
}
