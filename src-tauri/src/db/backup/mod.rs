//! Backups of the database with its evidence files: consistent copies ([`copy`]), the
//! automatic rolling backups beside the database ([`rotation`]) and how they are found
//! ([`catalog`]), recovery of a file that cannot be opened ([`recovery`]), and restore,
//! which always keeps the current data as a backup first ([`restore`]).
//!
//! A backup of an encrypted database is encrypted with the same password; a backup of a
//! plain one is plain. Arrows point one way: backups use the keys (`crypto`) and the file
//! operations (`files`); changing the password (`password`) uses backups.

mod catalog;
mod copy;
mod recovery;
mod restore;
mod rotation;

pub use catalog::{counts, dir_for, list, named, BackupCounts, BackupInfo};
pub use copy::{to_file, BackupSummary};
pub use recovery::recover;
pub use restore::{restore, restore_with_password, RestoreSummary};
pub use rotation::{auto, KEEP};

#[cfg(test)]
mod tests;
