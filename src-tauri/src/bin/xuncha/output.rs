//! Human-readable Chinese output, and JSON for `--json`.

use serde::Serialize;
use xuncha::domain::dates::format_cn;
use xuncha::domain::{Finding, Task};
use xuncha::Result;

/// Prints `value` as pretty JSON.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Reports a created record: the bare id on stdout (for scripts), a sentence on stderr.
pub fn created<T: Serialize>(as_json: bool, id: i64, what: &str, value: &T) -> Result<()> {
    if as_json {
        return json(value);
    }
    println!("{id}");
    eprintln!("已新增{what}（编号 {id}）");
    Ok(())
}

/// Reports a change: JSON, or a sentence.
pub fn done<T: Serialize>(as_json: bool, message: &str, value: &T) -> Result<()> {
    if as_json {
        return json(value);
    }
    println!("{message}");
    Ok(())
}

/// Prints a list: JSON, or `line` of each item on a line of its own. `empty` is said
/// first when there are no items (for the lists that have always said so).
pub fn list<T: Serialize>(
    as_json: bool,
    items: &[T],
    empty: Option<&str>,
    line: impl Fn(&T) -> String,
) -> Result<()> {
    if as_json {
        return json(items);
    }
    if let Some(message) = empty.filter(|_| items.is_empty()) {
        println!("{message}");
    }
    for item in items {
        println!("{}", line(item));
    }
    Ok(())
}

/// One 督办 letter of the register: 3  督办通知书〔2026〕3号 2026年3月2日发 …
pub fn letter_line(l: &xuncha::domain::SupervisionLetter) -> String {
    let void = l
        .voided_on
        .map(|d| format!("（{}作废：{}）", format_cn(d), l.void_reason))
        .unwrap_or_default();
    let task = l
        .task_id
        .map(|t| format!("任务 {t}"))
        .unwrap_or_else(|| "任务已删除".into());
    format!(
        "{}  {}{} {}发，{}前回复，{}：{}{void}",
        l.id,
        l.kind.label(),
        l.number_text,
        format_cn(l.issued_on),
        format_cn(l.reply_by),
        task,
        l.subject
    )
}

/// The deadline as a ledger writes it.
pub fn deadline(t: &Task) -> String {
    t.deadline_text.clone()
}

/// One line per task.
pub fn task_line(t: &Task) -> String {
    let a = &t.assignment;
    let mut flags = String::new();
    if t.overdue {
        flags.push_str(" 【逾期】");
    } else if let Some(w) = t.warning {
        flags.push_str(&format!(" 【{}】", w.label()));
    }
    format!(
        "  任务 {}：{}｜时限 {}｜{}｜牵头 {}｜责任单位 {}｜责任人 {}{}",
        t.id,
        t.measure,
        deadline(t),
        t.status.label(),
        dash(&a.lead_unit),
        dash(&a.responsible_units.join("、")),
        dash(&a.responsible_person),
        flags
    )
}

fn dash(s: &str) -> &str {
    if s.is_empty() {
        "—"
    } else {
        s
    }
}

/// A finding with its tasks, one line each.
pub fn finding(f: &Finding) -> String {
    let mut out = format!(
        "{}（编号 {}）［{}］{}　{}　{}",
        f.number,
        f.id,
        f.category,
        f.title,
        f.nature.label(),
        f.status.label()
    );
    if !f.manifestation.is_empty() {
        out.push_str(&format!(
            "\n  具体表现：{}",
            f.manifestation.replace('\n', "\n  ")
        ));
    }
    for t in &f.tasks {
        out.push('\n');
        out.push_str(&task_line(t));
    }
    out
}

/// An optional date.
pub fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(format_cn).unwrap_or_else(|| "—".into())
}
