//! PDF output of the official documents.

pub mod gb;
pub mod linebreak;
