//! The commands the UI may invoke, one module per area of the app. Each is a
//! few lines: take arguments, call the core, map failures to `IpcError`.

pub mod app;
pub mod calculator;
pub mod cases;
pub mod letters;
pub mod people;
pub mod reminders;
pub mod reports;
pub mod settings;
