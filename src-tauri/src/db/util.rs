//! Small conversions shared by the table modules.

use serde::de::DeserializeOwned;

/// Parses a stored JSON list, or an empty list for malformed data.
pub fn json_list<T: DeserializeOwned>(text: &str) -> Vec<T> {
    serde_json::from_str(text).unwrap_or_default()
}

/// Whether a SQLite error is a constraint violation (unique, foreign key…).
pub fn is_constraint(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
}
