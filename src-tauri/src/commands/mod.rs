//! The commands the UI may invoke, one module per area of the app.

pub mod calculator;
