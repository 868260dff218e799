//! Finding installed fonts by family name without fontconfig: walk the usual font folders
//! of Windows, macOS and Linux, and read only the header and the `name` table of each file
//! (CJK fonts are 10–30 MB each; reading them whole to learn their names would be slow).

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// One face of an installed font file (a `.ttc` holds several).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstalledFace {
    pub path: PathBuf,
    /// Face index within a collection; 0 for plain files.
    pub index: u32,
    /// Every family and full name the face declares, in every language, normalised
    /// (see [`normalise`]).
    pub names: Vec<String>,
    /// OS/2 weight class (400 regular, 700 bold); 400 when absent.
    pub weight: u16,
}

/// Names are compared without spaces, underscores' neighbours kept, case-insensitively:
/// "FangSong_GB2312", "fangsong_gb2312" and "仿宋_GB2312" stay distinct from "仿宋".
pub fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The folders fonts are installed in on the user's system, existing ones only.
pub fn font_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(windir) = std::env::var_os("WINDIR").or_else(|| std::env::var_os("SystemRoot")) {
        dirs.push(PathBuf::from(windir).join("Fonts"));
    }
    if let Some(local) = std::env::var_os("LOCALAPPDATA") {
        // Fonts installed "for this user only" (common for 方正 fonts) live here.
        dirs.push(
            PathBuf::from(local)
                .join("Microsoft")
                .join("Windows")
                .join("Fonts"),
        );
    }
    dirs.push(PathBuf::from(r"C:\Windows\Fonts"));
    for d in [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/Library/Fonts",
        "/System/Library/Fonts",
    ] {
        dirs.push(PathBuf::from(d));
    }
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
        dirs.push(home.join("Library/Fonts"));
    }
    if let Some(data) = std::env::var_os("XDG_DATA_HOME") {
        dirs.push(PathBuf::from(data).join("fonts"));
    }
    let mut seen = Vec::new();
    dirs.retain(|d| {
        let keep = d.is_dir() && !seen.contains(d);
        if keep {
            seen.push(d.clone());
        }
        keep
    });
    dirs
}

/// Every face of every font file under `dirs` (recursively), with its names.
pub fn scan(dirs: &[PathBuf]) -> Vec<InstalledFace> {
    let mut files = Vec::new();
    for d in dirs {
        collect_files(d, 0, &mut files);
    }
    files.sort();
    files.dedup();
    files.iter().flat_map(|p| read_faces(p)).collect()
}

fn collect_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    // Font trees are shallow; the limit only guards against symlink loops.
    if depth > 6 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, depth + 1, out);
        } else if is_font_file(&path) {
            out.push(path);
        }
    }
}

fn is_font_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| {
            matches!(
                e.to_ascii_lowercase().as_str(),
                "ttf" | "otf" | "ttc" | "otc"
            )
        })
        .unwrap_or(false)
}

/// Reads the faces of one file; unreadable or malformed files give nothing.
pub fn read_faces(path: &Path) -> Vec<InstalledFace> {
    let Ok(mut file) = File::open(path) else {
        return Vec::new();
    };
    let Some(head) = read_at(&mut file, 0, 12) else {
        return Vec::new();
    };
    let offsets: Vec<u64> = if &head[0..4] == b"ttcf" {
        let count = u32::from_be_bytes([head[8], head[9], head[10], head[11]]).min(64);
        let Some(table) = read_at(&mut file, 12, count as usize * 4) else {
            return Vec::new();
        };
        table
            .chunks_exact(4)
            .map(|c| u64::from(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
            .collect()
    } else {
        vec![0]
    };
    offsets
        .iter()
        .enumerate()
        .filter_map(|(i, &off)| {
            let (names, weight) = face_names(&mut file, off)?;
            Some(InstalledFace {
                path: path.to_path_buf(),
                index: i as u32,
                names,
                weight,
            })
        })
        .collect()
}

fn read_at(file: &mut File, offset: u64, len: usize) -> Option<Vec<u8>> {
    file.seek(SeekFrom::Start(offset)).ok()?;
    let mut buf = vec![0; len];
    file.read_exact(&mut buf).ok()?;
    Some(buf)
}

/// Family (1), full (4) and typographic family (16) names of the face at `offset`, and
/// its weight class.
fn face_names(file: &mut File, offset: u64) -> Option<(Vec<String>, u16)> {
    let head = read_at(file, offset, 12)?;
    let num_tables = usize::from(u16::from_be_bytes([head[4], head[5]])).min(128);
    let records = read_at(file, offset + 12, num_tables * 16)?;
    let weight = records
        .chunks_exact(16)
        .find(|r| &r[0..4] == b"OS/2")
        .and_then(|r| {
            let off = u32::from_be_bytes([r[8], r[9], r[10], r[11]]);
            read_at(file, u64::from(off) + 4, 2)
        })
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .unwrap_or(400);
    let name_record = records.chunks_exact(16).find(|r| &r[0..4] == b"name")?;
    let table_off = u32::from_be_bytes([
        name_record[8],
        name_record[9],
        name_record[10],
        name_record[11],
    ]);
    let table_len = u32::from_be_bytes([
        name_record[12],
        name_record[13],
        name_record[14],
        name_record[15],
    ]);
    // Collections store table offsets from the start of the file.
    let data = read_at(
        file,
        u64::from(table_off),
        (table_len as usize).min(1 << 20),
    )?;
    let table = ttf_parser::name::Table::parse(&data)?;
    let mut names: Vec<String> = table
        .names
        .into_iter()
        .filter(|n| matches!(n.name_id, 1 | 4 | 16))
        .filter_map(|n| n.to_string())
        .map(|s| normalise(&s))
        .filter(|s| !s.is_empty())
        .collect();
    names.sort();
    names.dedup();
    Some((names, weight))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_of_shipped_font_without_loading_it() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/FandolFang-Regular.otf");
        let faces = read_faces(&path);
        assert_eq!(faces.len(), 1);
        assert!(
            faces[0].names.contains(&"fandolfang".to_string()),
            "{:?}",
            faces[0].names
        );
    }

    #[test]
    fn normalises_names() {
        assert_eq!(normalise("FangSong_GB2312"), "fangsong_gb2312");
        assert_eq!(normalise("Noto Serif CJK SC"), "notoserifcjksc");
        assert_ne!(normalise("仿宋_GB2312"), normalise("仿宋"));
    }
}
