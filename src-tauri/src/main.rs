//! The `redress-desktop` binary: starts the Tauri application.

// A window program on Windows, in every build: no console beside it.
#![windows_subsystem = "windows"]

fn main() {
    redress_desktop::run();
}
