//! Command-line parsing and dispatch: one module per subcommand, plus the
//! flags (`options`), scoring (`run`) and rendering (`render`) they share.
//!
//! Exit codes: 0 success, 1 the input was read but failed (validation
//! problems, a gate regression), 2 usage or input error (what clap also uses
//! for bad arguments).

mod compare;
mod eval;
mod extract;
mod gate;
mod options;
mod progress;
mod render;
mod report;
mod run;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Measures how well entity extractors read Indonesian news.
#[derive(Debug, Parser)]
#[command(
    name = "nerbench",
    version,
    propagate_version = true,
    after_help = "\
Examples:
  nerbench validate gold/                       check the gold set and summarise it
  nerbench extract --extractor dates --dct 2023-10-12 article.txt
  nerbench eval --extractor gazetteer           scorecard of one extractor on gold/
  nerbench compare --errors 10                  every extractor side by side
  nerbench gate --baseline gold/baseline.json   fail if any F1 fell (CI)
  nerbench report --out report.html             HTML page with highlighted spans

Exit codes: 0 ok, 1 validation or gate failure, 2 usage or input error."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Validate(validate::Args),
    Extract(extract::Args),
    Eval(eval::Args),
    Compare(compare::Args),
    Gate(gate::Args),
    Report(report::Args),
}

impl Cli {
    /// Runs the chosen subcommand; `Err` only for usage and input errors.
    pub fn run(self) -> anyhow::Result<ExitCode> {
        match self.command {
            Command::Validate(args) => validate::run(args),
            Command::Extract(args) => extract::run(args),
            Command::Eval(args) => eval::run(args),
            Command::Compare(args) => compare::run(args),
            Command::Gate(args) => gate::run(args),
            Command::Report(args) => report::run(args),
        }
    }
}
