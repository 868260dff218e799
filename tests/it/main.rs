//! Black-box tests of Xuncha: the `xuncha` CLI on temporary databases, and exports read back.
// Test code: a failed unwrap is a failed test (clippy.toml's allow-*-in-tests does not
// reach helper functions outside #[test] bodies).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app_paths;
mod cli;
mod cli_validation;
mod closeout;
mod common;
mod documents13;
mod docx;
mod docx_render;
mod e2e;
mod encryption;
mod exchange;
mod fillin;
mod fuzz;
mod import_corpus;
mod import_review;
mod ledger_model;
mod migrations;
mod package;
mod pdf;
mod pdf_cli;
// The crate's one property-test configuration (fixed seed, regressions replayed first).
#[path = "../../src-tauri/src/proptest_config.rs"]
mod proptest_config;
mod reliability;
mod supervision;
mod surface;
mod units;
mod xls_import;
mod xlsx_cli;
mod xlsx_editions;
mod xlsx_export;
mod xlsx_fixtures;
mod xlsx_fuzz;
mod xlsx_hostile;
mod xlsx_import;
mod xlsx_progress;
mod xlsx_templates;
