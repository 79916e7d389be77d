//! The `nerbench` command line. Each subcommand lives in its own module under
//! `cli/`; errors are rendered here, once.

mod cli;

use std::io;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match cli::Cli::parse().run() {
        Ok(code) => code,
        // The reader went away (`nerbench … | head`): nothing left to say.
        Err(err)
            if err
                .downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {}", message(&err));
            // Usage or I/O error, as clap exits on bad arguments.
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, `: `-separated. Library errors print only
/// themselves and return their cause as `source()`, so each cause appears once.
fn message(err: &anyhow::Error) -> String {
    err.chain()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join(": ")
}
