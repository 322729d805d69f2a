//! Declares the app's commands so Tauri generates a permission for each; the
//! capability files grant them to the window.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_info",
        "load_demo",
        "reference_data",
        "calculate_deadlines",
        "caseload",
        "search_cases",
        "create_case",
        "get_case",
        "case_step",
        "get_settings",
        "save_settings",
        "add_officer",
        "add_service_area",
        "add_category",
    ]);
    if let Err(err) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        panic!("tauri build step failed: {err:#}");
    }
}
