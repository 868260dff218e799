//! Small conversions shared by the table modules.

use std::collections::HashMap;
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

/// Positions of rows by id, for a scan that meets each row once. SQLite gives a new row the
/// largest id plus one, so ids are dense small integers and a vector indexed by id finds
/// them without hashing (the counts look up 90,000 ids); ids far apart (set by hand, or most
/// rows deleted) fall back to a map.
pub struct IdIndex {
    dense: Vec<u32>,
    sparse: IdMap<usize>,
}

impl IdIndex {
    const NONE: u32 = u32::MAX;
    /// Beyond this id the vector would cost more memory than the map.
    const DENSE_LIMIT: i64 = 1 << 22;

    pub fn with_capacity(n: usize) -> Self {
        IdIndex {
            dense: Vec::with_capacity(n + 1),
            sparse: IdMap::default(),
        }
    }

    pub fn insert(&mut self, id: i64, at: usize) {
        match (usize::try_from(id), u32::try_from(at)) {
            (Ok(i), Ok(at)) if id < Self::DENSE_LIMIT && at != Self::NONE => {
                if i >= self.dense.len() {
                    self.dense.resize(i + 1, Self::NONE);
                }
                self.dense[i] = at;
            }
            _ => {
                self.sparse.insert(id, at);
            }
        }
    }

    pub fn get(&self, id: i64) -> Option<usize> {
        let dense = usize::try_from(id).ok().and_then(|i| self.dense.get(i));
        match dense {
            Some(&at) if at != Self::NONE => Some(at as usize),
            _ => self.sparse.get(&id).copied(),
        }
    }
}

/// Hashes row ids (Fibonacci hashing: the high bits of id × 2⁶⁴/φ), and short names read
/// in bulk (a multiplication per eight bytes: a unit name of seven Chinese characters is 21
/// bytes). Neither comes from a network, so neither needs SipHash's protection against
/// chosen collisions.
#[derive(Default)]
pub struct IdHasher(u64);

impl IdHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(c);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(word) ^ (rest.len() as u64) << 59);
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
    fn id_indexes_find_dense_and_sparse_ids() {
        let mut ix = IdIndex::with_capacity(4);
        for (id, at) in [(3, 0), (1, 1), (-5, 2), (1 << 40, 3), (7, 4)] {
            ix.insert(id, at);
        }
        let found: Vec<_> = [3, 1, -5, 1 << 40, 7, 2, 0, 8, 1 << 41]
            .into_iter()
            .map(|id| ix.get(id))
            .collect();
        let want = [
            Some(0),
            Some(1),
            Some(2),
            Some(3),
            Some(4),
            None,
            None,
            None,
            None,
        ];
        assert_eq!(found, want);
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
