//! What each official document says: the data a document is composed from, gathered once
//! from the store, and the composers that turn it into words (a [`doc::Document`], or the
//! [`ledger::LedgerTable`]), with no layout. `export` lays documents out as xlsx or PDF.

pub mod closeout;
pub mod counts;
pub mod data;
pub mod doc;
pub mod endorsement;
pub mod feedback;
pub mod ledger;
pub mod meeting;
pub mod notice;
pub mod numbering;
pub mod plan;
pub mod principal;
pub mod public;
pub mod rectified;
pub mod sample;
pub mod sections;
pub mod status_report;
pub mod supervision;
pub mod weekly;
