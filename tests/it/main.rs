//! Black-box tests of Xuncha: the `xuncha` CLI on temporary databases, and exports read back.

mod cli;
mod common;
mod e2e;
