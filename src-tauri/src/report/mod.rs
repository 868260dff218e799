//! What each official document says: the data a document is composed from, gathered once
//! from the store, with no layout. `export` lays it out as xlsx or PDF.

pub mod data;
pub mod doc;
