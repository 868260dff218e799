//! The installers, read back: the deb and the rpm carry the app, its menu entry and icon,
//! the shipped fonts where the app looks for them, and depend on the system libraries and
//! the CJK fonts the window needs. Run by `ui/scripts/desktop.sh package` after bundling.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bundle(kind: &str) -> PathBuf {
    let dir =
        PathBuf::from(std::env::var_os("XUNCHA_BUNDLE_DIR").expect("XUNCHA_BUNDLE_DIR")).join(kind);
    let found = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == kind));
    found.unwrap_or_else(|| panic!("no .{kind} in {}", dir.display()))
}

fn run(program: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(program).args(args).arg(file).output().unwrap();
    assert!(out.status.success(), "{program} {args:?}: {:?}", out);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The files every installer must carry, as absolute paths once installed.
const FILES: &[&str] = &[
    "/usr/bin/xuncha-desktop",
    "/usr/share/applications/xuncha.desktop",
    // Where `export::fonts::shipped_dir` looks: `<exe>/../lib/xuncha/fonts`.
    "/usr/lib/xuncha/fonts/FandolFang-Regular.otf",
    "/usr/lib/xuncha/fonts/FandolSong-Regular.otf",
    "/usr/lib/xuncha/fonts/FandolHei-Regular.otf",
    "/usr/lib/xuncha/fonts/FandolKai-Regular.otf",
    "/usr/lib/xuncha/fonts/COPYING-Fandol.txt",
];

/// The installed paths a listing names (`dpkg-deb --contents` says `./usr/…` or `usr/…`,
/// `rpm -qlp` says `/usr/…`).
fn paths(listing: &str) -> Vec<String> {
    listing
        .lines()
        .filter_map(|l| l.split_whitespace().last())
        .map(|p| format!("/{}", p.trim_start_matches("./").trim_start_matches('/')))
        .collect()
}

fn assert_files(listing: &str, kind: &str) {
    let paths = paths(listing);
    for f in FILES
        .iter()
        .chain(&["/usr/share/icons/hicolor/128x128/apps/xuncha-desktop.png"])
    {
        assert!(paths.iter().any(|p| p == f), "{kind} lacks {f}:\n{listing}");
    }
    // Only the app: no benchmark or test program is installed.
    let programs: Vec<&String> = paths
        .iter()
        .filter(|p| p.starts_with("/usr/bin/") && p.len() > 9)
        .collect();
    assert_eq!(programs, ["/usr/bin/xuncha-desktop"], "{kind}");
}

#[test]
#[ignore = "needs the bundles: ui/scripts/desktop.sh package"]
fn deb_installs_app_fonts_and_dependencies() {
    let deb = bundle("deb");
    assert_files(&run("dpkg-deb", &["--contents"], &deb), "deb");
    let depends = run("dpkg-deb", &["--field"], &deb);
    for dep in ["libwebkit2gtk-4.1-0", "libgtk-3-0", "fonts-noto-cjk"] {
        assert!(
            depends.contains(dep),
            "deb must depend on {dep}:\n{depends}"
        );
    }
    // The menu entry starts the app and is filed under Office.
    let tmp = tempfile::tempdir().unwrap();
    run("dpkg-deb", &["-x", deb.to_str().unwrap()], tmp.path());
    let entry =
        std::fs::read_to_string(tmp.path().join("usr/share/applications/xuncha.desktop")).unwrap();
    assert!(entry.contains("Exec=xuncha-desktop"), "{entry}");
    assert!(entry.contains("Categories=Office"), "{entry}");
    assert!(
        entry.contains("Name=巡察整改台账"),
        "the menu shows the app's name: {entry}"
    );
    // The fonts arrive whole (a font cut short would make unreadable PDFs).
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/fonts");
    for name in ["FandolFang-Regular.otf", "FandolSong-Regular.otf"] {
        let installed = std::fs::read(tmp.path().join("usr/lib/xuncha/fonts").join(name)).unwrap();
        assert_eq!(
            installed,
            std::fs::read(shipped.join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
#[ignore = "needs the bundles: ui/scripts/desktop.sh package"]
fn rpm_installs_app_and_fonts() {
    let rpm = bundle("rpm");
    assert_files(&run("rpm", &["-qlp"], &rpm), "rpm");
    let requires = run("rpm", &["-qp", "--requires"], &rpm);
    assert!(
        requires.contains("libwebkit2gtk-4.1.so"),
        "rpm requires:\n{requires}"
    );
}
