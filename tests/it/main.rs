//! Black-box tests of Xuncha: the `xuncha` CLI on temporary databases, and exports read back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod cli_validation;
mod common;
mod migrations;
mod reliability;
