//! `nerbench validate`: checks gold sets against the format.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use nerbench_core::Label;
use nerbench_gold::{Checks, Summary};

/// Check gold sets against the format; print every problem, or a summary.
///
/// Every problem of every document is printed to stderr, one per line, and
/// the exit code is 1. A clean set gets a summary on stdout (documents,
/// entities per label and per document) and exit code 0. A path that cannot
/// be read as a gold set at all gives exit code 2.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  nerbench validate
  nerbench validate gold/annotations/000_f1551da28f92bd5c.json
  nerbench validate corpus.jsonl --label EVENT --allow-missing-values")]
pub struct Args {
    /// Gold sets: directories (articles/ and annotations/), annotation .json
    /// files or .jsonl corpora.
    #[arg(value_name = "PATH", default_value = "gold")]
    paths: Vec<PathBuf>,

    /// Also allow this label beyond PER, ORG, LOC and DATE (repeatable).
    #[arg(long = "label", value_name = "NAME")]
    labels: Vec<Label>,

    /// Accept DATE entities without a TIMEX3 `value`.
    #[arg(long)]
    allow_missing_values: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut checks = Checks::default();
    for label in args.labels {
        checks.allow_label(label);
    }
    if args.allow_missing_values {
        checks = checks.date_values_optional();
    }
    // Open every path first, so that a wrong path fails before any output.
    let readers = args
        .paths
        .iter()
        .map(|path| Ok((path, nerbench_gold::open(path, &checks)?)))
        .collect::<anyhow::Result<Vec<_>>>()?;

    let mut stderr = io::stderr().lock();
    let mut found = 0;
    let mut summaries = Vec::new();
    for (path, reader) in readers {
        let mut summary = Summary::new(reader.labels());
        for item in reader {
            match item {
                Ok(doc) => summary.add(&doc),
                Err(problems) => {
                    for problem in problems.0 {
                        writeln!(stderr, "{problem}")?;
                        found += 1;
                    }
                }
            }
        }
        summaries.push((path, summary));
    }
    if found > 0 {
        writeln!(
            stderr,
            "{found} problem{} found",
            if found == 1 { "" } else { "s" }
        )?;
        return Ok(ExitCode::FAILURE);
    }
    let mut stdout = io::stdout().lock();
    for (i, (path, summary)) in summaries.iter().enumerate() {
        if i > 0 {
            writeln!(stdout)?;
        }
        write!(stdout, "{}: {summary}", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}
