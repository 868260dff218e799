//! One task row of a ledger: its roles, deadline, status, progress (one column or
//! several, each its own entries), the review the ledger recorded, and the text of every
//! column mapped to 备注; with the checks a reviewer would make on the row.

use chrono::NaiveDate;

use super::checks;
use super::rows::Walker;
use super::values;
use crate::domain::dates::format_cn;
use crate::domain::names::split_names;
use crate::domain::{Assignment, DeadlineKind, Status};
use crate::import::plan::{PlannedProgress, PlannedReview, PlannedTask, Severity};
use crate::report::ledger::LedgerColumn;

impl Walker<'_> {
    pub(super) fn task(&mut self, r: u32) -> PlannedTask {
        use LedgerColumn::*;
        let joined = |v: Vec<String>| v.join("、");
        let assignment = Assignment {
            lead_leader: joined(self.names(r, LeadLeader)),
            responsible_leader: joined(self.names(r, ResponsibleLeader)),
            lead_unit: joined(self.names(r, LeadUnit)),
            responsible_units: self.names(r, ResponsibleUnits),
            responsible_person: joined(self.names(r, ResponsiblePerson)),
        };
        for k in [LeadLeader, ResponsibleLeader, ResponsiblePerson] {
            for n in self.names(r, k) {
                if self.people.insert(n.clone()) {
                    self.plan.people.push(n);
                }
            }
        }
        for k in [LeadUnit, ResponsibleUnits] {
            for n in self.names(r, k) {
                if self.units.insert(n.clone()) {
                    self.plan.units.push(n);
                }
            }
        }
        let (mut kind, mut date) = (DeadlineKind::Date, None);
        let deadline_placeholder = self
            .col(Deadline)
            .filter(|c| values::is_placeholder(&self.g.text(r, *c)));
        if let Some(c) = deadline_placeholder {
            let msg = format!(
                "整改时限写的是“{}”：请填写日期（如2025年3月31日）或“立行立改”“长期坚持”",
                self.g.text(r, c)
            );
            self.issue(r, Some(c), Severity::Error, msg);
        } else if let Some(c) = self.col(Deadline) {
            match values::deadline(self.g.value(r, c), self.year) {
                Ok(Some((k, d))) => (kind, date) = (k, d),
                // A blank deadline is reported by the store's rules below.
                Ok(None) => {}
                Err(msg) => self.issue(r, Some(c), Severity::Error, msg),
            }
        }
        let status = match self.col(Status) {
            Some(c) => match values::status(&self.g.text(r, c)) {
                Ok(s) => s,
                Err(msg) => {
                    let msg = format!(
                        "{msg}，导入后按“未启动”处理；可用：未启动、正在推进、已完成、已销号、长期坚持"
                    );
                    self.issue(r, Some(c), Severity::Warning, msg);
                    None
                }
            },
            None => None,
        };
        let measure = self.text(r, Measure);
        let deadline_unreadable = deadline_placeholder.is_some()
            || self
                .col(Deadline)
                .is_some_and(|c| values::deadline(self.g.value(r, c), self.year).is_err());
        let (progress, mut progress_entries) = self.progress(r);
        let review = self.review(r);
        if let Some(rv) = &review {
            self.check_status_against(r, status, rv.on);
            // A closed task's review becomes its close-out (import::apply); any other
            // task's is a dated entry of its progress.
            if status != Some(crate::domain::Status::Closed) {
                progress_entries.push(PlannedProgress {
                    entered_on: rv.on,
                    text: rv.text.clone(),
                });
            }
        }
        self.check_deadline_against_found(r, date);
        let task = PlannedTask {
            row: r + 1,
            measure,
            goal: self.text(r, Goal),
            acceptance: self.text(r, Acceptance),
            assignment,
            deadline_kind: kind,
            deadline: date,
            deadline_text: crate::domain::dates::format_deadline(kind, date, &[]),
            status,
            progress_entries,
            progress,
            evidence: self.text(r, Evidence),
            note: self.note(r),
            review,
        };
        match checks::task(&task, self.stage_due) {
            // An unreadable deadline was reported with its own message.
            Some((f, _)) if f == "deadline" && deadline_unreadable => {}
            broken => self.rule(r, broken),
        }
        for p in &task.progress_entries {
            if let Some(b) = checks::progress(p) {
                self.rule(r, Some(b));
                break;
            }
        }
        task
    }

    /// The progress text and entries of every progress column; an undated entry of a
    /// column whose header names a date takes that date.
    fn progress(&self, r: u32) -> (String, Vec<PlannedProgress>) {
        let (mut texts, mut entries) = (Vec::new(), Vec::new());
        for c in self.cols.get(&LedgerColumn::Progress).into_iter().flatten() {
            let text = self.g.text(r, *c);
            if text.is_empty() || values::is_placeholder(&text) {
                continue;
            }
            let dated = self.layout.progress_dates.get(c).copied();
            for mut p in super::progress::entries(&text, self.year) {
                p.entered_on = p.entered_on.or(dated);
                entries.push(p);
            }
            texts.push(text);
        }
        (texts.join("\n"), entries)
    }

    /// The review the ledger recorded (复查结果, 复查日期, 验收负责人…): its first date, the
    /// names in the columns of a person, and every column under its header.
    fn review(&self, r: u32) -> Option<PlannedReview> {
        let mut parts = Vec::new();
        let (mut on, mut reviewers) = (None, Vec::<String>::new());
        for (c, header) in &self.layout.review {
            let v = self.g.value(r, *c);
            let text = self.g.text(r, *c);
            if text.is_empty() || values::is_placeholder(&text) {
                continue;
            }
            let date = values::deadline(v, self.year)
                .ok()
                .flatten()
                .filter(|(k, _)| *k == DeadlineKind::Date)
                .and_then(|(_, d)| d);
            on = on.or(date);
            if date.is_none() && (header.ends_with('人') || header.contains("负责人")) {
                for n in split_names(&values::join_broken_name(&text)) {
                    if !reviewers.contains(&n) {
                        reviewers.push(n);
                    }
                }
            }
            parts.push(format!("{header}：{text}"));
        }
        if parts.is_empty() {
            return None;
        }
        Some(PlannedReview {
            on,
            reviewers,
            text: format!("复查验收情况：{}", parts.join("；")),
        })
    }

    /// The sheet's own 备注, then the text of other columns mapped to 备注 under their
    /// headers.
    fn note(&self, r: u32) -> String {
        let mut lines = Vec::new();
        for (c, header) in &self.layout.notes {
            let text = self.g.text(r, *c);
            if text.is_empty() {
                continue;
            }
            lines.push(match header {
                Some(h) if !h.is_empty() => format!("{h}：{text}"),
                _ => text,
            });
        }
        lines.join("\n")
    }

    /// The date the finding was found, from its column; a placeholder or an unreadable
    /// date is told and left empty.
    pub(super) fn found_on(&mut self, r: u32) -> Option<NaiveDate> {
        let c = self.layout.found_on?;
        let text = self.g.text(r, c);
        if text.is_empty() {
            return None;
        }
        let read = values::deadline(self.g.value(r, c), self.year);
        match read {
            Ok(Some((DeadlineKind::Date, Some(d)))) => Some(d),
            _ => {
                let msg = format!("发现日期“{text}”不是日期，已留空");
                self.issue(r, Some(c), Severity::Warning, msg);
                None
            }
        }
    }

    /// A deadline before the date the problem was found is a slip of the pen.
    fn check_deadline_against_found(&mut self, r: u32, deadline: Option<NaiveDate>) {
        let found = self.plan.findings.last().and_then(|f| f.found_on);
        if let (Some(d), Some(f)) = (deadline, found) {
            if d < f {
                let c = self.col(LedgerColumn::Deadline);
                let msg = format!(
                    "整改时限{}早于发现日期{}：请核对日期",
                    format_cn(d),
                    format_cn(f)
                );
                self.issue(r, c, Severity::Error, msg);
            }
        }
    }

    /// A status saying the work is not done beside a recorded review date contradicts it.
    fn check_status_against(
        &mut self,
        r: u32,
        status: Option<Status>,
        reviewed: Option<NaiveDate>,
    ) {
        let (Some(s), Some(on)) = (status, reviewed) else {
            return;
        };
        if matches!(s, Status::NotStarted | Status::InProgress) {
            let c = self.col(LedgerColumn::Status);
            let msg = format!(
                "整改状态为“{}”，但已于{}复查验收：请核对状态",
                s.label(),
                format_cn(on)
            );
            self.issue(r, c, Severity::Warning, msg);
        }
    }
}
