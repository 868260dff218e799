//! Xuncha core: the rectification domain, its SQLite store, and the official documents.
//!
//! Nothing in this library depends on a GUI: the CLI, the tests and the desktop shell all
//! call the same functions.

pub mod app;
#[cfg(any(feature = "desktop", feature = "ts"))]
pub mod commands;
pub mod db;
pub mod demo;
#[cfg(feature = "desktop")]
pub mod desktop;
pub mod documents;
pub mod domain;
pub mod error;
pub mod exchange;
pub mod export;
pub mod fill_in;
pub mod import;
pub mod paths;
#[cfg(test)]
mod proptest_config;
pub mod report;

pub use error::{Error, Result};
