//! A look inside an OLE compound file (an .xls workbook, or an xlsx encrypted by Excel)
//! before the spreadsheet parser reads it. The parser follows each stream's chain of
//! sectors until it has the size the stream declares, so a damaged file whose chain
//! loops back on itself while declaring 4 GB would be read round and round into memory.
//! The `cfb` crate checks the header, the allocation table and the directory, and no
//! stream may claim more than the file holds: as the parser stops at the declared size,
//! it then reads no more than the file's size for any stream, loop or not.

use std::path::Path;

use crate::{Error, Result};

/// Checks the compound file at `path`; the error names the file and what is wrong.
pub fn check(path: &Path) -> Result<()> {
    let name = path.display();
    let damaged = |why: String| {
        Error::invalid(
            "file",
            format!(
                "“{name}”已损坏，无法导入（{why}）：请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入"
            ),
        )
    };
    let file_len = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    let file = cfb::open(path).map_err(|e| damaged(format!("文件结构无法读取：{e}")))?;
    match file.walk().find(|e| e.is_stream() && e.len() > file_len) {
        Some(e) => Err(damaged(format!(
            "其中的数据流“{}”声称有 {} 字节，超过文件本身的 {file_len} 字节",
            e.name(),
            e.len()
        ))),
        None => Ok(()),
    }
}
