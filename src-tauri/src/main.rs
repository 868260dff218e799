//! `xuncha-desktop`: starts the desktop app. Everything else lives in `app` and `commands`.
//! `--db FILE` opens that database instead of the last one used.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // WebKitGTK's accelerated compositing costs about 110 MB more for this app (measured by
    // the desktop bench) and buys nothing for forms and tables; the user can still turn it
    // back on by setting the variable to 0.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    let mut args = std::env::args_os().skip(1);
    let mut db = None;
    while let Some(a) = args.next() {
        if a == "--db" {
            db = args.next().map(std::path::PathBuf::from);
        } else if let Some(v) = a.to_str().and_then(|s| s.strip_prefix("--db=")) {
            db = Some(v.into());
        }
    }
    if let Err(e) = xuncha::app::run(db) {
        eprintln!("巡察整改台账无法启动：{e}");
        std::process::exit(1);
    }
}
