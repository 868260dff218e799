//! `xuncha-desktop`: starts the desktop app. Everything else lives in `desktop` and `commands`.
//! `--db FILE` opens that database instead of the last one used.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    xuncha::desktop::prefer_lean_webkit();
    let mut args = std::env::args_os().skip(1);
    let mut db = None;
    while let Some(a) = args.next() {
        if a == "--db" {
            db = args.next().map(std::path::PathBuf::from);
        } else if let Some(v) = a.to_str().and_then(|s| s.strip_prefix("--db=")) {
            db = Some(v.into());
        }
    }
    if let Err(e) = xuncha::desktop::run(db) {
        eprintln!("巡察整改台账无法启动：{e}");
        std::process::exit(1);
    }
}
