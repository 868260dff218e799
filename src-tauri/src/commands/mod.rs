//! The Tauri commands: thin wrappers, one file per UI area. Each parses its arguments,
//! calls the core once and maps the core's error to [`CmdError`] (`{code, field, message}`),
//! which the UI shows in Chinese next to the field it names.
//!
//! Every command is `#[tauri::command(async)]`, so database and file work never runs on the
//! main (GUI) thread.

#[cfg(feature = "desktop")]
pub mod backups;
#[cfg(feature = "desktop")]
pub mod database;
pub mod dto;
#[cfg(feature = "desktop")]
pub mod exchange;
#[cfg(any(feature = "desktop", test))]
pub mod exchange_files;
#[cfg(feature = "desktop")]
pub mod exports;
#[cfg(feature = "desktop")]
pub mod files;
#[cfg(feature = "desktop")]
pub mod fill_in;
#[cfg(feature = "desktop")]
pub mod findings;
#[cfg(any(feature = "desktop", test))]
pub mod inbox;
#[cfg(feature = "desktop")]
pub mod inspections;
#[cfg(feature = "desktop")]
pub mod progress;
pub mod settings;
#[cfg(feature = "desktop")]
pub mod state;
#[cfg(feature = "desktop")]
pub mod stats;
#[cfg(feature = "desktop")]
pub mod tasks;
#[cfg(feature = "desktop")]
pub mod unit_work;

#[cfg(all(test, feature = "ts"))]
mod bindings;

pub use dto::CmdError;

/// What every command returns.
pub type CmdResult<T> = std::result::Result<T, CmdError>;
