//! Exports: the official documents laid out as files.

pub mod xlsx;
