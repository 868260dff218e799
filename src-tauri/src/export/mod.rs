//! Laying out the official documents as files: Excel (the ledger workbook), PDF (GB/T 9704
//! documents and the printed ledger), and the fonts and measurements they share.

pub mod fonts;
pub mod pdf;
pub mod xlsx;
