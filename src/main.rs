//! The `nerbench` command line. Each subcommand lives in its own module under
//! `cli/`; errors are rendered here, once.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match cli::Cli::parse().run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            // Usage or I/O error, as clap exits on bad arguments.
            ExitCode::from(2)
        }
    }
}
