//! Black-box tests of Xuncha: the `xuncha` CLI on temporary databases, and exports read back.

mod cli;
mod cli_validation;
mod common;
mod xlsx_cli;
mod xlsx_export;
mod xlsx_fixtures;
mod xlsx_import;
