//! The application layer: every operation the desktop and the CLI offer is one function
//! here, over an open [`Db`](crate::db::Db). A Tauri command and a CLI handler each parse
//! their input, call one of these and map the error; tests call the same functions.
//!
//! The layer composes the store (`db`), the rules (`domain`) and the documents (`report`,
//! `export`, `import`); it holds no SQL and no layout of its own.

pub mod assignment;
pub mod catalog;
pub mod dashboard;
pub mod dossiers;
pub mod exchange;
pub mod exchange_reviews;
pub mod exports;
pub mod fill_in;
pub mod imports;
pub mod inspections;
pub mod intake;
pub mod preferences;
pub mod session;
pub mod supervision;
pub mod tracking;
pub mod unit_work;
pub mod views;

pub use views::*;

/// The day derived values (overdue, warnings, days left) are computed for:
/// `XUNCHA_TODAY=YYYY-MM-DD` fixes it (tests, demos).
pub use crate::db::today;
