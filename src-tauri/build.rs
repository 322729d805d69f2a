//! Declares the app's commands so Tauri generates a permission for each; the
//! capability files grant them to the window.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&["calculate_deadlines"]);
    if let Err(err) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        panic!("tauri build step failed: {err:#}");
    }
}
