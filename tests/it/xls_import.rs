//! The older .xls format, which WPS still writes: a ledger saved as .xls imports exactly as
//! its .xlsx does, and a damaged .xls (an OLE compound file whose sector chain loops, or a
//! stream claiming more bytes than the file holds) is refused with a clear message before
//! the spreadsheet parser could read it round and round into memory.
//!
//! `wps_two_row.xls` was made once from `wps_two_row.xlsx` with LibreOffice:
//! `soffice --headless --convert-to xls wps_two_row.xlsx`.

use std::path::Path;
use std::process::Command;

use xuncha::import::xlsx::{ole_guard, read_ledger};

use super::common::{xuncha_bin, Cli};
use super::xlsx_fixtures::path as fixture;

#[test]
fn an_xls_ledger_reads_exactly_as_its_xlsx() {
    let xls = read_ledger(&fixture("wps_two_row.xls"), 2025).expect("xls reads");
    let mut xlsx = read_ledger(&fixture("wps_two_row.xlsx"), 2025).expect("xlsx reads");
    assert!(xls.file.ends_with("wps_two_row.xls"), "{}", xls.file);
    assert!(!xls.findings.is_empty());
    assert!(xls.findings.iter().any(|f| !f.tasks.is_empty()));
    xlsx.file = xls.file.clone();
    assert_eq!(xls, xlsx);
}

#[test]
fn an_xls_ledger_imports_through_the_cli() {
    let cli = Cli::new();
    cli.ok(&["init"]);
    let file = fixture("wps_two_row.xls");
    let file = file.to_str().unwrap();
    let expected = read_ledger(&fixture("wps_two_row.xlsx"), 2025).unwrap();
    let tasks: usize = expected.findings.iter().map(|f| f.tasks.len()).sum();
    cli.ok(&["import", file, "--new-inspection", "第七轮巡察"]);
    assert_eq!(cli.count("findings"), expected.findings.len() as i64);
    assert_eq!(cli.count("tasks"), tasks as i64);
    let titles = cli.column("SELECT title FROM findings ORDER BY id");
    let want: Vec<String> = expected.findings.iter().map(|f| f.title.clone()).collect();
    assert_eq!(titles, want);
}

/// The parts of a compound file the damage below needs: where each sector starts, the
/// allocation table, and the directory entry of the workbook stream.
struct Ole {
    bytes: Vec<u8>,
}

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

impl Ole {
    fn u32_at(&self, at: usize) -> u32 {
        u32::from_le_bytes(self.bytes[at..at + 4].try_into().unwrap())
    }

    fn set_u32(&mut self, at: usize, v: u32) {
        self.bytes[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }

    fn sector_len(&self) -> usize {
        1 << u16::from_le_bytes([self.bytes[30], self.bytes[31]])
    }

    fn sector_at(&self, id: u32) -> usize {
        (id as usize + 1) * self.sector_len()
    }

    /// Byte offset of the allocation table's entry for sector `id` (first 109 FAT sectors).
    fn fat_entry_at(&self, id: u32) -> usize {
        let per_sector = self.sector_len() / 4;
        let fat_sector = self.u32_at(0x4C + 4 * (id as usize / per_sector));
        self.sector_at(fat_sector) + 4 * (id as usize % per_sector)
    }

    fn next(&self, id: u32) -> u32 {
        self.u32_at(self.fat_entry_at(id))
    }

    /// Byte offset of the directory entry named `name`.
    fn entry_at(&self, name: &str) -> usize {
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut sector = self.u32_at(0x30);
        while sector != END_OF_CHAIN {
            let start = self.sector_at(sector);
            for e in (start..start + self.sector_len()).step_by(128) {
                if self.bytes[e..].starts_with(&utf16) && self.bytes[e + utf16.len()] == 0 {
                    return e;
                }
            }
            sector = self.next(sector);
        }
        panic!("no {name} stream");
    }
}

/// The fixture with its workbook stream damaged by `damage` (the entry's offset given).
fn damaged_xls(dir: &Path, name: &str, damage: impl Fn(&mut Ole, usize)) -> std::path::PathBuf {
    let mut ole = Ole {
        bytes: std::fs::read(fixture("wps_two_row.xls")).unwrap(),
    };
    let entry = ole.entry_at("Workbook");
    damage(&mut ole, entry);
    let path = dir.join(name);
    std::fs::write(&path, &ole.bytes).unwrap();
    path
}

/// The last sector of the workbook's chain points back to its first, and the stream says
/// it is 4 GB long: a reader trusting the size goes round the loop until it has 4 GB.
fn looping(ole: &mut Ole, entry: usize) {
    let first = ole.u32_at(entry + 0x74);
    assert!(
        ole.u32_at(entry + 0x78) >= 4096,
        "the workbook must be in regular sectors"
    );
    let mut last = first;
    while ole.next(last) != END_OF_CHAIN {
        last = ole.next(last);
    }
    let at = ole.fat_entry_at(last);
    ole.set_u32(at, first);
    ole.set_u32(entry + 0x78, 0xFFFF_FF00);
}

#[test]
fn a_looping_sector_chain_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = damaged_xls(dir.path(), "looping.xls", looping);
    let err = ole_guard::check(&path).unwrap_err().to_string();
    assert!(
        err.contains("looping.xls") && err.contains("已损坏"),
        "{err}"
    );
    assert!(
        err.contains("Workbook") && err.contains("超过文件本身"),
        "{err}"
    );

    // Through the CLI, with memory capped at 1 GB: refused at once, not read into memory.
    let cli = Cli::new();
    cli.ok(&["init"]);
    cli.ok(&["demo"]);
    let findings = cli.count("findings");
    let out = Command::new("bash")
        .arg("-c")
        .arg("ulimit -v 1048576; exec \"$@\"")
        .arg("xuncha")
        .arg(xuncha_bin())
        .arg("--db")
        .arg(&cli.db)
        .args(["import", path.to_str().unwrap(), "--inspection", "1"])
        .env_remove("XUNCHA_PASSWORD")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("已损坏") && stderr.contains("另存为 .xlsx"),
        "{stderr}"
    );
    assert_eq!(cli.count("findings"), findings, "nothing written");
}

#[test]
fn a_stream_larger_than_the_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = damaged_xls(dir.path(), "big.xls", |ole, entry| {
        ole.set_u32(entry + 0x78, 0x7FFF_FFFF);
    });
    let err = read_ledger(&path, 2025).unwrap_err().to_string();
    assert!(err.contains("超过文件本身"), "{err}");
}

#[test]
fn an_encrypted_xlsx_still_asks_for_its_password_to_be_removed() {
    // Encrypted xlsx files are compound files too: the check must let them through to the
    // password message.
    let err = read_ledger(&fixture("encrypted.xlsx"), 2025)
        .unwrap_err()
        .to_string();
    assert!(err.contains("设置了打开密码"), "{err}");
}
