//! Small conversions shared by the table modules.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;
use rusqlite::Row;
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

/// A map keyed by row id. Row ids are small integers chosen by SQLite, not by a user, so
/// they need no protection against collisions: one multiplication hashes one (the default
/// SipHash costs more than reading the row).
pub type IdMap<V> = HashMap<i64, V, BuildHasherDefault<IdHasher>>;
/// A set of row ids (see [`IdMap`]).
pub type IdSet = HashSet<i64, BuildHasherDefault<IdHasher>>;

/// Hashes row ids (Fibonacci hashing: the high bits of id × 2⁶⁴/φ).
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_i64(&mut self, id: i64) {
        self.0 = (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A stored date (`YYYY-MM-DD`), read without chrono's general-purpose parser, which costs
/// more than the rest of a row in lists and counts; anything else falls back to it.
pub fn date(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let v = r.get_ref(i)?;
    let Ok(s) = v.as_str() else {
        return r.get(i);
    };
    let b = s.as_bytes();
    let num = |x: &[u8]| {
        x.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (num(&b[0..4]), num(&b[5..7]), num(&b[8..10])) {
            if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                return Ok(Some(date));
            }
        }
    }
    r.get(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_fast_and_as_chrono_would() {
        let c = rusqlite::Connection::open_in_memory().unwrap();
        for text in ["2025-06-30", "2024-02-29", "2025-1-5", "2025-02-30", "x"] {
            let fast = c.query_row("SELECT ?1", [text], |r| date(r, 0));
            let slow = c.query_row("SELECT ?1", [text], |r| r.get::<_, Option<NaiveDate>>(0));
            assert_eq!(fast.ok(), slow.ok(), "{text}");
        }
        let none = c.query_row("SELECT NULL", [], |r| date(r, 0)).unwrap();
        assert_eq!(none, None);
    }

    #[test]
    fn id_maps_find_what_was_put() {
        let mut m: IdMap<usize> = IdMap::default();
        for id in 0..10_000 {
            m.insert(id * 3, id as usize);
        }
        assert_eq!(m.get(&2997), Some(&999));
        assert_eq!(m.get(&2998), None);
    }
}
