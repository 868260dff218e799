//! The rectification domain of DOMAIN.md: types, their rules, and validation.
//! Nothing here touches the database or the file system.

pub mod calendar;
pub mod codes;
pub mod counting;
pub mod dates;
pub mod exchange;
pub mod inputs;
pub mod names;
pub mod records;
pub mod status;
pub mod supervision;
pub mod unit_work;
pub mod validate;

pub use codes::*;
pub use inputs::*;
pub use records::*;
pub use unit_work::*;
