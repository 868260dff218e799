//! A look inside an xlsx (a zip archive) before anything is decompressed: a file that
//! would unpack to hundreds of megabytes — a “zip bomb”, or just not a ledger — is refused
//! at once instead of tying up the machine. The sizes checked are the ones the archive
//! declares; the zip reader stops any entry that inflates beyond its declared size, so
//! they bound what can be unpacked.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use crate::{Error, Result};

const MB: u64 = 1024 * 1024;

/// What an xlsx may unpack to.
#[derive(Debug, Clone, Copy)]
pub struct ZipLimits {
    /// All entries together, uncompressed, in bytes.
    pub max_total: u64,
    /// An entry larger than `ratio_min_size` may not be compressed more than this.
    pub max_ratio: u64,
    /// Entries up to this size (bytes) may have any compression ratio.
    pub ratio_min_size: u64,
    /// Entries in the archive.
    pub max_entries: usize,
}

impl Default for ZipLimits {
    /// 300 MB in all; over 50 MB an entry may not be compressed more than 200:1 (ordinary
    /// sheets compress 5–20:1, repetitive ones up to about 100:1); at most 10,000 entries.
    fn default() -> Self {
        ZipLimits {
            max_total: 300 * MB,
            max_ratio: 200,
            ratio_min_size: 50 * MB,
            max_entries: 10_000,
        }
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / MB as f64)
}

/// Checks the archive at `path` against `limits`; the error names the file, the entry and
/// what is wrong, in Chinese.
pub fn check(path: &Path, limits: &ZipLimits) -> Result<()> {
    let name = path.display();
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let broken = |e: &dyn std::fmt::Display| {
        Error::invalid(
            "file",
            format!(
                "“{name}”已损坏或不是 Excel 工作簿（压缩包无法读取：{e}）：请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入"
            ),
        )
    };
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| broken(&e))?;
    if zip.len() > limits.max_entries {
        return Err(Error::invalid(
            "file",
            format!(
                "“{name}”不像台账文件：压缩包内有 {} 个部件（上限 {}），已拒绝导入",
                zip.len(),
                limits.max_entries
            ),
        ));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        // Raw access reads the entry's header only; nothing is decompressed.
        let entry = zip.by_index_raw(i).map_err(|e| broken(&e))?;
        let size = entry.size();
        let packed = entry.compressed_size().max(1);
        let part = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if size > limits.ratio_min_size && size / packed > limits.max_ratio {
            return Err(Error::invalid(
                "file",
                format!(
                    "“{name}”可能是恶意构造的压缩炸弹：其中“{part}”压缩后 {} 字节，解压后达 {}（压缩比 {}:1，正常表格不超过 {}:1），已拒绝导入",
                    entry.compressed_size(),
                    mb(size),
                    size / packed,
                    limits.max_ratio
                ),
            ));
        }
        total = total.saturating_add(size);
        if total > limits.max_total {
            return Err(Error::invalid(
                "file",
                format!(
                    "“{name}”解压后超过 {}（已拒绝导入，以免占满内存）：台账文件通常只有几 MB，请检查是否选错了文件，或删去无关的工作表和图片后另存再导入",
                    mb(limits.max_total)
                ),
            ));
        }
    }
    Ok(())
}
