//! Small conversions shared by the table modules.

use serde::de::DeserializeOwned;

/// Parses a stored JSON list, or an empty list for malformed data.
pub fn json_list<T: DeserializeOwned>(text: &str) -> Vec<T> {
    serde_json::from_str(text).unwrap_or_default()
}

/// The codes of the `values` a rule selects, as the inside of an SQL `IN (…)` list, so a
/// query filters by the rule in Rust instead of a copy of it. The codes are the domain's
/// own identifiers (no quotes), never user input.
pub fn codes_in<T: Copy>(
    values: &[T],
    rule: impl Fn(T) -> bool,
    code: fn(T) -> &'static str,
) -> String {
    let list: Vec<String> = values
        .iter()
        .copied()
        .filter(|v| rule(*v))
        .map(|v| format!("'{}'", code(v)))
        .collect();
    list.join(", ")
}

/// Whether a SQLite error is a constraint violation (unique, foreign key…).
pub fn is_constraint(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
}
