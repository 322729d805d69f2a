//! `redress policy`: the complaints procedures Redress ships, by the names
//! `settings set policy` and `deadlines --policy` take.

use std::io::Write;

use clap::Subcommand;
use redress::policy::Policy;

use crate::error::CliError;

/// The shipped procedures.
#[derive(Debug, Subcommand)]
pub enum PolicyArgs {
    /// List them: each name, the nation whose councils follow it, and its
    /// stages.
    List,
}

/// Runs a `policy` command.
pub fn run(command: PolicyArgs, out: &mut impl Write) -> Result<(), CliError> {
    match command {
        PolicyArgs::List => {
            for (name, country, policy) in Policy::shipped() {
                writeln!(out, "{name:<24} {:<17} {}", country.label(), policy.name())?;
                writeln!(out, "{:<42} {}", "", policy.summary())?;
            }
            Ok(())
        }
    }
}
