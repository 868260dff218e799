//! A minimal W3C WebDriver client over plain HTTP, enough to drive the app through
//! `tauri-driver`: sessions, finding elements by CSS, clicking, typing, scripts and
//! screenshots. Waits poll, so the test never sleeps for a fixed time it does not need.

use std::path::Path;
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

/// The W3C element reference key.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
/// Leak check: makes some 400 MB of short-lived objects (so JavaScriptCore collects), then
/// counts the elements watched through WeakRefs in `window.__watched` that are still alive
/// but no longer on screen.
pub const LEFT_ALIVE: &str = "
let junk = [];
for (let i = 0; i < 40; i++) junk.push(new Array(250000).fill(i).map((x) => ({ x })));
junk = null;
return window.__watched.map((r) => r.deref()).filter((e) => e && !e.isConnected).length;";

/// WebDriver key codes.
pub const ENTER: &str = "\u{E007}";
pub const CONTROL: &str = "\u{E009}";
pub const NULL: &str = "\u{E000}";

pub struct Session {
    base: String,
    pub id: String,
    /// Where to save a screenshot when a wait times out (to see what went wrong).
    pub failure_shot: Option<std::path::PathBuf>,
}

/// An element found on the page.
#[derive(Clone)]
pub struct El(pub String);

fn call(method: &str, url: &str, body: Option<Value>) -> Result<Value, String> {
    let req = ureq::request(method, url).timeout(Duration::from_secs(60));
    let resp = match body {
        Some(b) => req.send_json(b),
        None => req.call(),
    };
    let resp = match resp {
        Ok(r) => r,
        Err(ureq::Error::Status(code, r)) => {
            let text = r.into_string().unwrap_or_default();
            return Err(format!("{method} {url} → {code}: {text}"));
        }
        Err(e) => return Err(format!("{method} {url}: {e}")),
    };
    let v: Value = resp.into_json().map_err(|e| e.to_string())?;
    Ok(v.get("value").cloned().unwrap_or(Value::Null))
}

impl Session {
    /// Starts the app at `app` with `args` through the driver at `base`.
    pub fn start(base: &str, app: &Path, args: &[String]) -> Result<Session, String> {
        let caps = json!({
            "capabilities": { "alwaysMatch": {
                "tauri:options": { "application": app.display().to_string(), "args": args }
            }}
        });
        let v = call("POST", &format!("{base}/session"), Some(caps))?;
        let id = v["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session id in {v}"))?
            .to_owned();
        Ok(Session {
            base: base.to_owned(),
            id,
            failure_shot: None,
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{}", self.base, self.id, path)
    }

    /// Ends the session (the driver closes the app).
    pub fn quit(&self) {
        let _ = call(
            "DELETE",
            &format!("{}/session/{}", self.base, self.id),
            None,
        );
    }

    /// Runs a script in the page and returns its value.
    pub fn script(&self, script: &str, args: Value) -> Result<Value, String> {
        call(
            "POST",
            &self.url("/execute/sync"),
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Runs an asynchronous script (it calls its last argument with the result).
    pub fn script_async(&self, script: &str, args: Value) -> Result<Value, String> {
        call(
            "POST",
            &self.url("/execute/async"),
            Some(json!({ "script": script, "args": args })),
        )
    }

    fn find_now(&self, css: &str) -> Result<Option<El>, String> {
        let v = call(
            "POST",
            &self.url("/elements"),
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        Ok(v.as_array()
            .and_then(|a| a.first())
            .and_then(|e| e[ELEMENT].as_str())
            .map(|s| El(s.to_owned())))
    }

    /// Waits up to 15 s for an element matching `css`.
    pub fn find(&self, css: &str) -> Result<El, String> {
        self.wait(&format!("element {css}"), || self.find_now(css))
    }

    /// Polls `f` until it gives `Some`, up to 15 s.
    pub fn wait<T>(
        &self,
        what: &str,
        mut f: impl FnMut() -> Result<Option<T>, String>,
    ) -> Result<T, String> {
        let start = Instant::now();
        loop {
            if let Some(v) = f()? {
                return Ok(v);
            }
            if start.elapsed() > Duration::from_secs(15) {
                if let Some(p) = &self.failure_shot {
                    let _ = self.screenshot(p);
                }
                return Err(format!("timed out waiting for {what}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the page's text contains `text`.
    pub fn wait_text(&self, css: &str, text: &str) -> Result<(), String> {
        self.wait(&format!("“{text}” in {css}"), || {
            let v = self.script(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';",
                json!([css]),
            )?;
            Ok(v.as_str().is_some_and(|s| s.contains(text)).then_some(()))
        })
    }

    pub fn click(&self, css: &str) -> Result<(), String> {
        let el = self.find(css)?;
        // Scroll into view first: WebKit refuses clicks on elements outside the viewport.
        self.script(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
            json!([css]),
        )?;
        match call(
            "POST",
            &self.url(&format!("/element/{}/click", el.0)),
            Some(json!({})),
        ) {
            Ok(_) => Ok(()),
            // A toast or a closing popup may lie over the element for a moment: click it
            // through the page instead, as a user's click would reach it once it is gone.
            Err(e) if e.contains("intercepted") => self
                .script(
                    "document.querySelector(arguments[0]).click();",
                    json!([css]),
                )
                .map(|_| ()),
            Err(e) => Err(e),
        }
    }

    /// Clicks the first element matching `css` whose text contains `text`.
    pub fn click_text(&self, css: &str, text: &str) -> Result<(), String> {
        self.wait(&format!("{css} with “{text}”"), || {
            let v = self.script(
                "const els = [...document.querySelectorAll(arguments[0])].filter(e => e.offsetParent !== null && e.innerText.includes(arguments[1]));
                 if (!els.length) return false; els[0].scrollIntoView({block: 'center'}); els[0].click(); return true;",
                json!([css, text]),
            )?;
            Ok(v.as_bool().unwrap_or(false).then_some(()))
        })
    }

    pub fn type_into(&self, css: &str, text: &str) -> Result<(), String> {
        let el = self.find(css)?;
        call(
            "POST",
            &self.url(&format!("/element/{}/value", el.0)),
            Some(json!({ "text": text })),
        )
        .map(|_| ())
    }

    /// Types into whatever has the focus (keyboard flow).
    pub fn keys(&self, text: &str) -> Result<(), String> {
        let v = self.script("return document.activeElement ? true : false;", json!([]))?;
        if v != json!(true) {
            return Err("nothing has the focus".into());
        }
        let el = call("GET", &self.url("/element/active"), None)?;
        let id = el[ELEMENT].as_str().ok_or("no active element")?.to_owned();
        call(
            "POST",
            &self.url(&format!("/element/{id}/value")),
            Some(json!({ "text": text })),
        )
        .map(|_| ())
    }

    /// The `value` of an input.
    pub fn value(&self, css: &str) -> Result<String, String> {
        let v = self.script(
            "const e = document.querySelector(arguments[0]); return e ? e.value : null;",
            json!([css]),
        )?;
        Ok(v.as_str().unwrap_or_default().to_owned())
    }

    /// Number of elements matching `css`.
    pub fn count(&self, css: &str) -> Result<usize, String> {
        let v = self.script(
            "return document.querySelectorAll(arguments[0]).length;",
            json!([css]),
        )?;
        Ok(v.as_u64().unwrap_or(0) as usize)
    }

    /// Sets the window's size.
    pub fn set_size(&self, width: u32, height: u32) -> Result<(), String> {
        call(
            "POST",
            &self.url("/window/rect"),
            Some(json!({ "width": width, "height": height })),
        )
        .map(|_| ())
    }

    /// The window's size.
    pub fn size(&self) -> Result<(u64, u64), String> {
        let v = call("GET", &self.url("/window/rect"), None)?;
        Ok((
            v["width"].as_u64().unwrap_or(0),
            v["height"].as_u64().unwrap_or(0),
        ))
    }

    /// Closes the window as the user would (the app saves its settings on the way out).
    pub fn close_window(&self) -> Result<(), String> {
        call("DELETE", &self.url("/window"), None).map(|_| ())
    }

    /// Saves a PNG screenshot of the window.
    /// Saves what the screen shows. Under X (Xvfb) the display itself is captured:
    /// WebKitWebDriver's own snapshot waits for a repaint that an idle page drawn without
    /// DMA-BUF (the app's default) never schedules, so it can hang.
    pub fn screenshot(&self, path: &Path) -> Result<(), String> {
        if std::env::var_os("DISPLAY").is_some() {
            // Only the app's window, not the rest of the screen.
            let r = call("GET", &self.url("/window/rect"), None)?;
            let n = |k: &str| r[k].as_i64().unwrap_or(0);
            let crop = format!(
                "{}x{}+{}+{}",
                n("width"),
                n("height"),
                n("x").max(0),
                n("y").max(0)
            );
            let mut import = std::process::Command::new("import");
            import.args(["-window", "root"]);
            if n("width") > 0 && n("height") > 0 {
                import.args(["-crop", &crop, "+repage"]);
            }
            let out = import
                .arg(path)
                .output()
                .map_err(|e| format!("import (ImageMagick): {e}"))?;
            if !out.status.success() {
                return Err(String::from_utf8_lossy(&out.stderr).into_owned());
            }
            return Ok(());
        }
        let v = call("GET", &self.url("/screenshot"), None)?;
        let b64 = v.as_str().ok_or("no screenshot data")?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|e| e.to_string())?;
        std::fs::write(path, png).map_err(|e| e.to_string())
    }
}
