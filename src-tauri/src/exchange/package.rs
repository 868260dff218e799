//! The package file (`.xcpkg`): a zip holding `manifest.json`, `events.json`, the evidence
//! files named by their SHA-256 under `files/`, and `signature`, the sender's signature over
//! the manifest. The manifest holds the hash of the events and of every file, so checking
//! the one signature and then each hash proves every byte came from the sender. Nothing is
//! written to the database before all of that has been checked.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;

use super::events::Event;
use super::signer::{self, Signer};
use crate::domain::exchange::Identity;
use crate::{Error, Result};

/// The package format this program writes and the newest it reads.
pub const FORMAT: u32 = 1;
/// Larger packages than this are refused before anything is unpacked (a disc holds less).
const MAX_ENTRY: u64 = 4 * 1024 * 1024 * 1024;

/// An evidence file carried in a package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    pub sha256: String,
    pub size: u64,
}

/// What the package is: from whom, for whom, which, and the hashes of its content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub from: Identity,
    /// The device id and name of the copy it is for.
    pub to: String,
    pub to_name: String,
    /// Numbered per recipient: 1, 2, 3…
    pub seq: i64,
    /// The last of the recipient's packages the sender applied (its acknowledgement).
    pub ack: i64,
    pub created_at: String,
    pub events: usize,
    pub events_sha256: String,
    pub files: Vec<FileEntry>,
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn broken(path: &Path, what: impl std::fmt::Display) -> Error {
    Error::Refused(format!(
        "“{}”不是完整的交换包（{what}），未导入任何内容",
        path.display()
    ))
}

/// Writes a package: the manifest is completed with the hashes and signed. `files` are the
/// stored evidence files (hash, path). Written to a temporary name and renamed, so a full
/// disc or a pulled stick never leaves a half package under the final name.
pub fn write(
    out: &Path,
    mut manifest: Manifest,
    events: &[Event],
    files: &[(String, PathBuf)],
    signer: &dyn Signer,
) -> Result<Manifest> {
    let events_json = serde_json::to_vec(events)?;
    manifest.format = FORMAT;
    manifest.events = events.len();
    manifest.events_sha256 = sha256_hex(&events_json);
    manifest.files = vec![];
    for (sha, path) in files {
        let size = std::fs::metadata(path)
            .map_err(|e| Error::io(path, e))?
            .len();
        manifest.files.push(FileEntry {
            sha256: sha.clone(),
            size,
        });
    }
    let manifest_json = serde_json::to_vec_pretty(&manifest)?;
    let signature = hex::encode(signer.sign(&manifest_json));

    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
    {
        let mut zip = zip::ZipWriter::new(tmp.as_file());
        let opts = SimpleFileOptions::default().large_file(true);
        let z = |e: zip::result::ZipError| Error::io(out, std::io::Error::other(e));
        zip.start_file("manifest.json", opts).map_err(z)?;
        zip.write_all(&manifest_json)
            .map_err(|e| Error::io(out, e))?;
        zip.start_file("signature", opts).map_err(z)?;
        zip.write_all(signature.as_bytes())
            .map_err(|e| Error::io(out, e))?;
        zip.start_file("events.json", opts).map_err(z)?;
        zip.write_all(&events_json).map_err(|e| Error::io(out, e))?;
        for (sha, path) in files {
            zip.start_file(format!("files/{sha}"), opts).map_err(z)?;
            let mut f = File::open(path).map_err(|e| Error::io(path, e))?;
            std::io::copy(&mut f, &mut zip).map_err(|e| Error::io(path, e))?;
        }
        zip.finish().map_err(z)?;
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(out, e))?;
    tmp.persist(out).map_err(|e| Error::io(out, e.error))?;
    Ok(manifest)
}

/// A package opened but not yet checked: only its manifest can be read.
pub struct Opened {
    path: PathBuf,
    pub manifest: Manifest,
    manifest_json: Vec<u8>,
    signature: Vec<u8>,
}

/// A package whose signature and every hash were checked: its events, and its files
/// unpacked into a temporary folder (removed when dropped).
pub struct Verified {
    pub manifest: Manifest,
    pub events: Vec<Event>,
    files: tempfile::TempDir,
}

impl Verified {
    /// Where the verified copy of the file with this hash lies.
    pub fn file(&self, sha256: &str) -> Option<PathBuf> {
        self.manifest
            .files
            .iter()
            .any(|f| f.sha256 == sha256)
            .then(|| self.files.path().join(sha256))
    }
}

fn read_entry(zip: &mut zip::ZipArchive<File>, path: &Path, name: &str) -> Result<Vec<u8>> {
    let entry = zip
        .by_name(name)
        .map_err(|_| broken(path, format!("缺少 {name}")))?;
    if entry.size() > MAX_ENTRY {
        return Err(broken(path, format!("{name} 过大")));
    }
    let mut buf = vec![];
    entry
        .take(MAX_ENTRY)
        .read_to_end(&mut buf)
        .map_err(|e| broken(path, e))?;
    Ok(buf)
}

fn archive(path: &Path) -> Result<zip::ZipArchive<File>> {
    let f = File::open(path).map_err(|e| Error::io(path, e))?;
    zip::ZipArchive::new(f).map_err(|e| broken(path, e))
}

/// Opens a package and reads its manifest.
pub fn open(path: &Path) -> Result<Opened> {
    let mut zip = archive(path)?;
    let manifest_json = read_entry(&mut zip, path, "manifest.json")?;
    let signature = read_entry(&mut zip, path, "signature")?;
    let manifest: Manifest = serde_json::from_slice(&manifest_json).map_err(|e| {
        // A newer program may have changed the manifest: say so before calling it broken.
        let format = serde_json::from_slice::<serde_json::Value>(&manifest_json)
            .ok()
            .and_then(|v| v.get("format").and_then(|f| f.as_u64()));
        match format {
            Some(f) if f > FORMAT as u64 => newer(f),
            _ => broken(path, format!("清单无法读取：{e}")),
        }
    })?;
    if manifest.format > FORMAT {
        return Err(newer(manifest.format as u64));
    }
    Ok(Opened {
        path: path.to_owned(),
        manifest,
        manifest_json,
        signature,
    })
}

fn newer(format: u64) -> Error {
    Error::Refused(format!(
        "交换包的格式版本为 {format}，比本程序支持的 {FORMAT} 新：请先升级巡察整改台账再导入"
    ))
}

impl Opened {
    /// Checks the signature with the sender's enrolled key, then the hash of the events and
    /// of every file, unpacking the files. Any mismatch refuses the whole package.
    pub fn verify(self, algorithm: &str, public_key: &str) -> Result<Verified> {
        let key = hex::decode(public_key)
            .map_err(|_| Error::Refused("登记的公钥已损坏，请重新登记该副本".into()))?;
        let sig = hex::decode(String::from_utf8_lossy(&self.signature).trim())
            .map_err(|_| self.forged())?;
        if self.manifest.from.algorithm != algorithm
            || !signer::verify(algorithm, &key, &self.manifest_json, &sig)?
        {
            return Err(self.forged());
        }
        let path = &self.path;
        let mut zip = archive(path)?;
        let events_json = read_entry(&mut zip, path, "events.json")?;
        if sha256_hex(&events_json) != self.manifest.events_sha256 {
            return Err(tampered(path, "变更内容（events.json）"));
        }
        let events: Vec<Event> = serde_json::from_slice(&events_json)
            .map_err(|e| broken(path, format!("变更内容无法读取：{e}")))?;
        let expected: std::collections::HashSet<String> =
            ["manifest.json", "signature", "events.json"]
                .iter()
                .map(|s| s.to_string())
                .chain(
                    self.manifest
                        .files
                        .iter()
                        .map(|f| format!("files/{}", f.sha256)),
                )
                .collect();
        for i in 0..zip.len() {
            let name = zip
                .by_index_raw(i)
                .map_err(|e| broken(path, e))?
                .name()
                .map_err(|e| broken(path, e))?
                .to_string();
            if !expected.contains(&name) {
                return Err(tampered(path, &format!("清单外的文件 {name}")));
            }
        }
        let files = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
        for f in &self.manifest.files {
            let name = format!("files/{}", f.sha256);
            let mut entry = zip
                .by_name(&name)
                .map_err(|_| broken(path, format!("缺少 {name}")))?;
            if entry.size() != f.size {
                return Err(tampered(path, &format!("佐证材料 {}", short(&f.sha256))));
            }
            let dest = files.path().join(&f.sha256);
            let mut out = File::create(&dest).map_err(|e| Error::io(&dest, e))?;
            let mut hasher = Sha256::new();
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = entry.read(&mut buf).map_err(|e| broken(path, e))?;
                if n == 0 {
                    break;
                }
                hasher.update(&buf[..n]);
                out.write_all(&buf[..n]).map_err(|e| Error::io(&dest, e))?;
            }
            if hex::encode(hasher.finalize()) != f.sha256 {
                return Err(tampered(path, &format!("佐证材料 {}", short(&f.sha256))));
            }
        }
        Ok(Verified {
            manifest: self.manifest,
            events,
            files,
        })
    }

    fn forged(&self) -> Error {
        Error::Refused(format!(
            "交换包“{}”的签名与登记的“{}”的公钥不符：包可能被伪造或改动，未导入任何内容",
            self.path.display(),
            self.manifest.from.name
        ))
    }
}

fn short(sha: &str) -> &str {
    &sha[..sha.len().min(12)]
}

fn tampered(path: &Path, what: &str) -> Error {
    Error::Refused(format!(
        "交换包“{}”中的{what}与签名清单不符：包在途中被改动或调换，未导入任何内容",
        path.display()
    ))
}
