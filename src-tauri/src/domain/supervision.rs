//! 督办 letters: which letter a warning colour calls for, who it is addressed to, how its
//! number is written and when the reply is due. The colours themselves are the status
//! rules' ([`super::status::timing`]); this only maps them to letters.

use chrono::NaiveDate;

use super::calendar::HolidayCalendar;
use super::codes::{LetterKind, Warning};

/// Working days a letter gives for the written reply (回执 and 整改情况).
pub const REPLY_WORKDAYS: u32 = 5;

/// The due date a task's warning counts down to (the deadline, or a long-term task's next
/// stage), as the status rules decide it.
pub fn due_of(t: &super::Task) -> Option<NaiveDate> {
    super::status::effective_due(
        t.deadline_kind,
        t.deadline,
        super::status::next_open_milestone(&t.milestones),
    )
}

/// The letter in force for a task: the latest of `kind` issued for its due date
/// `due_on`, not voided.
pub fn in_force(
    letters: &[super::SupervisionLetter],
    task_id: i64,
    kind: LetterKind,
    due_on: Option<NaiveDate>,
) -> Option<&super::SupervisionLetter> {
    letters.iter().rev().find(|l| {
        l.task_id == Some(task_id) && l.kind == kind && l.due_on == due_on && l.voided_on.is_none()
    })
}

/// The letter a task showing `warning` receives.
pub fn letter_for(warning: Warning) -> LetterKind {
    match warning {
        Warning::Green => LetterKind::Warning,
        Warning::Yellow => LetterKind::Reminder,
        Warning::Red => LetterKind::Notice,
    }
}

/// The letter's number as printed: 〔2026〕3号 (no zero padding).
pub fn number_text(year: i32, number: i64) -> String {
    format!("〔{year}〕{number}号")
}

/// The day the reply is due: [`REPLY_WORKDAYS`] working days after the letter is issued.
pub fn reply_by(calendar: &HolidayCalendar, issued_on: NaiveDate) -> NaiveDate {
    calendar.add_workdays(issued_on, REPLY_WORKDAYS)
}

/// Who a letter is addressed to, from the task's roles: the 责任人; for a 提醒函 also the
/// 责任领导; for a 督办通知书 the unit (牵头单位, else the 责任单位) and the principal of
/// the inspected organisation. Empty roles are left out.
pub fn addressees(
    kind: LetterKind,
    person: &str,
    leader: &str,
    unit: &str,
    principal: &str,
) -> Vec<String> {
    let comrade = |n: &str| format!("{}同志", n.trim());
    let named = |n: &str| !n.trim().is_empty();
    let mut out = Vec::new();
    match kind {
        LetterKind::Warning => out.extend([person].into_iter().filter(|n| named(n)).map(comrade)),
        LetterKind::Reminder => out.extend(
            [leader, person]
                .into_iter()
                .filter(|n| named(n))
                .map(comrade),
        ),
        LetterKind::Notice => {
            if named(unit) {
                out.push(unit.trim().to_owned());
            }
            if named(principal) {
                out.push(comrade(principal));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_colour_has_its_letter_and_addressees() {
        assert_eq!(letter_for(Warning::Green), LetterKind::Warning);
        assert_eq!(letter_for(Warning::Yellow), LetterKind::Reminder);
        assert_eq!(letter_for(Warning::Red), LetterKind::Notice);
        let to = |k| addressees(k, "李四", "王五", "办公室", "张犇");
        assert_eq!(to(LetterKind::Warning), ["李四同志"]);
        assert_eq!(to(LetterKind::Reminder), ["王五同志", "李四同志"]);
        assert_eq!(to(LetterKind::Notice), ["办公室", "张犇同志"]);
        assert_eq!(
            addressees(LetterKind::Reminder, "李四", " ", "", ""),
            ["李四同志"]
        );
    }

    #[test]
    fn numbers_are_not_padded_and_replies_skip_days_off() {
        assert_eq!(number_text(2026, 3), "〔2026〕3号");
        assert_eq!(number_text(2026, 12), "〔2026〕12号");
        let cal = HolidayCalendar::builtin();
        let friday = NaiveDate::from_ymd_opt(2025, 6, 13).unwrap_or_default();
        // Five working days from a Friday: the next Friday.
        assert_eq!(
            reply_by(&cal, friday),
            NaiveDate::from_ymd_opt(2025, 6, 20).unwrap_or_default()
        );
    }
}
