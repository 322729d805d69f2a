//! End-to-end journeys: the real `redress-desktop` binary under Xvfb, driven
//! through `tauri-driver` and WebKitWebDriver, clicking through the real UI.
//!
//! Run by `scripts/test`, which installs the driver and provides the X display.
//! Screenshots of each screen are written to `artifacts/screenshots/`.

#[path = "../../../crates/cli/tests/common/bus.rs"]
mod bus;
mod driver;

mod calculator;
mod journeys;
