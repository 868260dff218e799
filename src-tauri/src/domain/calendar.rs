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
