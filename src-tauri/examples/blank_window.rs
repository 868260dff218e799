//! A blank window of the same Tauri and WebKit set-up as the app, showing an empty page.
//! The desktop benchmark measures it beside the app: its memory is the floor that any web
//! UI on the machine starts from, so the app's own share can be told apart.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    xuncha::desktop::prefer_lean_webkit();
    let mut context = tauri::generate_context!();
    for window in &mut context.config_mut().app.windows {
        window.url = tauri::WebviewUrl::External("blank://localhost/".parse()?);
    }
    tauri::Builder::default()
        // An empty page served in-process, as the app's own pages are.
        .register_uri_scheme_protocol("blank", |_, _| {
            tauri::http::Response::builder()
                .header("Content-Type", "text/html")
                .body(b"<!doctype html><html><body></body></html>".to_vec())
                .unwrap_or_default()
        })
        .run(context)?;
    Ok(())
}
