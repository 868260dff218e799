//! The files of the 交换 page: the extensions of a package and an identity file (a name
//! typed without one gets it, and 打开所在文件夹 may show them), and the folder packages are
//! copied into before their preview.

use std::path::{Path, PathBuf};

use super::inbox::Inbox;

/// The extension of an exchange package (`xuncha exchange export --out FILE.xcpkg`).
pub const PACKAGE: &str = "xcpkg";
/// The extensions of an identity file; the first is given to a name without either.
pub const IDENTITY: [&str; 2] = ["id", "json"];

/// The files of exchange the desktop writes, which 打开所在文件夹 may show.
pub const FILE_EXTENSIONS: [&str; 3] = [PACKAGE, IDENTITY[0], IDENTITY[1]];

/// The packages to import, copied before they are previewed.
pub const INBOX: Inbox = Inbox {
    folder: "xuncha-exchange",
    not_previewed: "请先选择并预览要导入的交换包",
};

/// `name` if it has one of `extensions` (any case), else `name` with the first added.
pub fn with_extension(name: &Path, extensions: &[&str]) -> PathBuf {
    let has = name
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| extensions.contains(&e.as_str()));
    if has {
        return name.to_owned();
    }
    let mut named = name.as_os_str().to_owned();
    named.push(".");
    named.push(extensions.first().copied().unwrap_or(PACKAGE));
    PathBuf::from(named)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_gets_the_extension_it_lacks() {
        let named = |n: &str, e: &[&str]| with_extension(Path::new(n), e);
        assert_eq!(
            named("给人事科的交换包", &[PACKAGE]),
            Path::new("给人事科的交换包.xcpkg")
        );
        assert_eq!(named("第3号.XCPKG", &[PACKAGE]), Path::new("第3号.XCPKG"));
        assert_eq!(named("第3号.zip", &[PACKAGE]), Path::new("第3号.zip.xcpkg"));
        assert_eq!(named("办公室", &IDENTITY), Path::new("办公室.id"));
        assert_eq!(named("办公室.json", &IDENTITY), Path::new("办公室.json"));
    }
}
