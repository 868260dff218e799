//! Runs Tauri's build step only for the desktop app, so the core library and the CLI
//! build and test with no GUI libraries and no built web UI.

fn main() {
    #[cfg(feature = "desktop")]
    if std::env::var_os("CARGO_FEATURE_DESKTOP").is_some() {
        tauri_build::build();
    }
}
