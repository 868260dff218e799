//! Bringing existing ledgers in: [`xlsx::read_ledger`] reads a workbook as units keep it
//! into an [`plan::ImportPlan`] (what would be created and every problem found, cell by
//! cell), which the user checks before anything is written.

pub mod apply;
pub mod mapping;
pub mod plan;
mod recorded;
pub mod skip;
pub mod xlsx;

pub use apply::{apply, apply_with, ApplyOptions, ImportOutcome, Target};
