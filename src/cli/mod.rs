//! Command-line parsing and dispatch: one module per subcommand.
//!
//! Exit codes: 0 success, 1 the input was read but failed (problems found),
//! 2 usage or I/O error (what clap also uses for bad arguments).

mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Measures how well entity extractors read Indonesian news.
#[derive(Debug, Parser)]
#[command(
    name = "nerbench",
    version,
    propagate_version = true,
    after_help = "Example:\n  nerbench validate gold/    check the gold set and summarise it"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Validate(validate::Args),
}

impl Cli {
    /// Runs the chosen subcommand; `Err` only for usage and I/O errors.
    pub fn run(self) -> anyhow::Result<ExitCode> {
        match self.command {
            Command::Validate(args) => validate::run(args),
        }
    }
}
