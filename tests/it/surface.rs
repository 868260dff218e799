//! The desktop app's surface as configured: a CSP that lets nothing in from outside the
//! app, and capabilities that grant only what the UI uses (the e2e run checks the same in
//! the running app, and that it opens no network connection).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

fn read_json(rel: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../src-tauri")
        .join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The sources each directive may name: the app itself, inline data it made, and the IPC
/// bridge. Anything else (a host, a scheme like `https:`, `*`, `'unsafe-eval'`) fails.
const ALLOWED: &[(&str, &[&str])] = &[
    ("default-src", &["'self'"]),
    ("script-src", &["'self'"]),
    // Element Plus sets inline styles; styles cannot run code.
    ("style-src", &["'self'", "'unsafe-inline'"]),
    ("img-src", &["'self'", "data:", "blob:"]),
    ("font-src", &["'self'", "data:"]),
    ("connect-src", &["ipc:", "http://ipc.localhost"]),
    ("object-src", &["'none'"]),
    // The PDF preview is a blob made in the page.
    ("frame-src", &["blob:"]),
    ("base-uri", &["'none'"]),
    ("form-action", &["'none'"]),
];

#[test]
fn csp_names_no_outside_source() {
    let conf = read_json("tauri.conf.json");
    let security = &conf["app"]["security"];
    let csp: BTreeMap<String, String> = serde_json::from_value(security["csp"].clone()).unwrap();
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    for (directive, sources) in &csp {
        let ok = allowed
            .get(directive.as_str())
            .unwrap_or_else(|| panic!("unexpected CSP directive {directive}"));
        for src in sources.split_whitespace() {
            assert!(ok.contains(&src), "{directive} must not allow {src}");
        }
    }
    for directive in ["default-src", "script-src", "object-src", "base-uri"] {
        assert!(csp.contains_key(directive), "CSP must set {directive}");
    }
    // Tauri adds hashes/nonces for its own scripts unless told not to; keep that on.
    assert!(security
        .get("dangerousDisableAssetCspModification")
        .is_none());
    assert!(conf["app"]
        .get("withGlobalTauri")
        .is_none_or(|v| v == false));
    // Only the bundled UI is ever loaded.
    let dist = conf["build"]["frontendDist"].as_str().unwrap();
    assert!(!dist.contains("://"), "frontendDist must be local: {dist}");
}

#[test]
fn capabilities_grant_only_what_the_ui_uses() {
    let conf = read_json("tauri.conf.json");
    assert_eq!(
        conf["app"]["security"]["capabilities"],
        serde_json::json!(["main"])
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/capabilities");
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(files.len(), 1, "one capability file: {files:?}");
    let cap = read_json("capabilities/main.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(
        cap.get("remote").is_none(),
        "no remote URL may call the app"
    );
    let mut perms: Vec<&str> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("plain permission names, no scopes"))
        .collect();
    perms.sort_unstable();
    // Opening files and folders goes through the app's own commands, which only open the
    // kinds of file the app writes; the opener plugin's commands stay out of the page's reach.
    assert_eq!(
        perms,
        ["core:default", "dialog:allow-open", "dialog:allow-save"]
    );
}
