//! The signature of a fill-in workbook: HMAC-SHA256 keyed with the database's own secret,
//! so only the copy that exported a workbook can make a signature that matches it. Each
//! locked cell has a short MAC of its own, which lets an import name the cell that was
//! changed; the workbook's signature covers the inspection, the unit, the task ids, their
//! versions, where each row is and those cell MACs.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::SignedRow;
use crate::{Error, Result};

/// Hex digits kept of a cell's MAC: 64 bits, enough that guessing one is hopeless.
const CELL_MAC_HEX: usize = 16;

/// Signs with one database's secret.
pub struct Signer {
    key: Vec<u8>,
}

impl Signer {
    pub fn new(key: Vec<u8>) -> Signer {
        Signer { key }
    }

    fn mac(&self, parts: &[&str]) -> Result<String> {
        let mut m = Hmac::<Sha256>::new_from_slice(&self.key)
            .map_err(|_| Error::Storage("填报表签名密钥无效".into()))?;
        for p in parts {
            // Each part with its length, so no two different lists read the same.
            m.update(&(p.len() as u64).to_le_bytes());
            m.update(p.as_bytes());
        }
        Ok(hex::encode(m.finalize().into_bytes()))
    }

    /// Names the secret without revealing it: tells a workbook of another database.
    pub fn key_id(&self) -> Result<String> {
        Ok(self.mac(&["xuncha-fill-in-key"])?[..CELL_MAC_HEX].to_owned())
    }

    /// The MAC of one locked cell of a task's row, as its text reads
    /// ([`super::cell_text`]).
    pub fn cell(&self, task_id: i64, column: &str, text: &str) -> Result<String> {
        let task = task_id.to_string();
        Ok(self.mac(&["cell", &task, column, text])?[..CELL_MAC_HEX].to_owned())
    }

    /// The workbook's signature.
    pub fn workbook(&self, inspection_id: i64, unit: &str, rows: &[SignedRow]) -> Result<String> {
        let canonical = serde_json::to_string(&(super::FORMAT, inspection_id, unit, rows))?;
        self.mac(&["workbook", &canonical])
    }
}

/// A key for one applied row: the workbook's signature, the task and what the unit wrote,
/// so the same row imported again is known, and a row written anew is not.
pub fn row_key(signature: &str, task_id: i64, written: &[String]) -> Result<String> {
    let canonical = serde_json::to_string(&(signature, task_id, written))?;
    Ok(hex::encode(Sha256::digest(canonical.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;

    fn row(version: &str) -> SignedRow {
        SignedRow {
            task_id: 7,
            version: version.into(),
            status: Status::InProgress,
            row: 5,
            macs: vec!["ab".into()],
        }
    }

    #[test]
    fn another_key_another_version_or_another_cell_text_signs_differently() {
        let a = Signer::new(vec![1; 32]);
        let b = Signer::new(vec![2; 32]);
        assert_ne!(a.key_id().unwrap(), b.key_id().unwrap());
        let sig = a.workbook(1, "财务科", &[row("v1")]).unwrap();
        assert_eq!(sig, a.workbook(1, "财务科", &[row("v1")]).unwrap());
        assert_ne!(sig, b.workbook(1, "财务科", &[row("v1")]).unwrap());
        assert_ne!(sig, a.workbook(1, "财务科", &[row("v2")]).unwrap());
        assert_ne!(sig, a.workbook(2, "财务科", &[row("v1")]).unwrap());
        assert_ne!(sig, a.workbook(1, "办公室", &[row("v1")]).unwrap());
        let cell = a.cell(7, "整改措施", "建立制度").unwrap();
        assert_eq!(cell.len(), CELL_MAC_HEX);
        assert_ne!(cell, a.cell(7, "整改措施", "建立制度。").unwrap());
        assert_ne!(cell, a.cell(8, "整改措施", "建立制度").unwrap());
        // Parts are length-prefixed: moving text between parts changes the MAC.
        assert_ne!(
            a.cell(7, "整改措施", "建立制度").unwrap(),
            a.cell(7, "整改措施建立", "制度").unwrap()
        );
    }
}
