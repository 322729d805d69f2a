//! The `redress-desktop` binary: starts the Tauri application.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    redress_desktop::run();
}
