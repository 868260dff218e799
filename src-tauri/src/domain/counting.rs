//! Official counting.
