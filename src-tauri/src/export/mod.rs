//! Laying out the official documents as files: PDF (GB/T 9704 documents and the printed
//! ledger) and the fonts and measurements they share with the Excel ledger.

pub mod fonts;
pub mod pdf;
