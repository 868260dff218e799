//! Working days per the Chinese holiday calendar (法定节假日 and 调休 make-up days).
//! STUB: to be replaced by the full implementation with shipped data.

use chrono::{Datelike, Months, NaiveDate, Weekday};

/// Holidays and make-up working days, by date.
#[derive(Debug, Clone, Default)]
pub struct HolidayCalendar {
    holidays: std::collections::BTreeSet<NaiveDate>,
    workdays: std::collections::BTreeSet<NaiveDate>,
}

impl HolidayCalendar {
    /// The calendar shipped with the app.
    pub fn builtin() -> Self {
        Self::default()
    }

    /// Whether `d` is a working day.
    pub fn is_workday(&self, d: NaiveDate) -> bool {
        if self.workdays.contains(&d) {
            return true;
        }
        if self.holidays.contains(&d) {
            return false;
        }
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The `n`th working day after `start`.
    pub fn add_workdays(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut d = start;
        let mut left = n;
        while left > 0 {
            d = d.succ_opt().unwrap_or(d);
            if self.is_workday(d) {
                left -= 1;
            }
        }
        d
    }
}

/// `d` plus `n` calendar months, clamped to the month's end.
pub fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n)).unwrap_or(d)
}

/// One year's holidays and make-up days (STUB).
#[derive(Debug, Clone)]
pub struct YearCalendar {
    pub year: i32,
}

impl YearCalendar {
    /// The year covered.
    pub fn year(&self) -> i32 {
        self.year
    }
}

impl HolidayCalendar {
    /// Adds or replaces a year (STUB).
    pub fn add_year(&mut self, _y: YearCalendar) {}
}

/// Parses a year's calendar text (STUB).
pub fn parse_year_text(_text: &str) -> crate::Result<YearCalendar> {
    Err(crate::Error::invalid("calendar", "未实现"))
}
