//! `nerbench compare`: extractors side by side, with intervals and paired
//! significance against the best of each column.

use std::path::PathBuf;
use std::process::ExitCode;

use nerbench_eval::{
    compare, Boundary, CompareOptions, Comparison, ErrorKind, ErrorRecord, Mention, Scheme,
};
use serde_json::{json, Value};

use super::options::{
    parse_scheme, write_output, BootstrapArgs, Format, GoldArgs, SystemArgs, TestArgs,
};
use super::render::{self, interval, num, Table};
use super::run::{plural, Outcome, Scored};

/// Compare extractors (and prediction files) on one gold set.
///
/// One table per scheme: a row per system, F1 over all labels and per label
/// with bootstrap confidence intervals; each cell is tested against the best
/// system of its column with a paired approximate randomisation test.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  nerbench compare
  nerbench compare --extractors gazetteer,dates --scheme strict,partial
  nerbench compare --errors 10
  nerbench compare --extractors all --pred spacy=spacy-predictions.jsonl --format markdown")]
pub struct Args {
    #[command(flatten)]
    systems: SystemArgs,

    #[command(flatten)]
    gold: GoldArgs,

    /// Schemes to compare under, comma-separated, one table each.
    #[arg(long, value_name = "S,…", value_delimiter = ',', value_parser = parse_scheme,
          default_value = "strict")]
    scheme: Vec<Scheme>,

    /// Also list up to N errors of each system, with their context.
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "20")]
    errors: Option<usize>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,

    /// Write the output to FILE instead of stdout.
    #[arg(long, short, value_name = "FILE", default_value = "-")]
    out: PathBuf,

    #[command(flatten)]
    bootstrap: BootstrapArgs,

    #[command(flatten)]
    test: TestArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let outcome = args
        .systems
        .setup(&args.gold)?
        .run(false, args.errors.is_some())?;
    let options = CompareOptions {
        bootstrap: args.bootstrap.options(),
        randomisation: args.test.options(args.bootstrap.seed),
        alpha: args.test.alpha,
    };
    let comparisons = comparisons(&outcome, &args.scheme, &options)?;
    let mut tables: Vec<Table> = comparisons
        .iter()
        .map(|c| comparison_table(&outcome, c, &options))
        .collect();
    let limit = args.errors.unwrap_or(0);
    if args.errors.is_some() {
        tables.extend(outcome.systems.iter().map(|s| error_table(s, limit)));
    }
    let heading = format!(
        "nerbench compare: {} on {} ({})",
        plural(outcome.systems.len(), "system"),
        outcome.gold.display(),
        plural(
            outcome.systems[0].evaluation.scorecard.documents().len(),
            "document"
        )
    );
    let text = render::render(args.format, &heading, &tables, || {
        let errors: serde_json::Map<String, Value> = outcome
            .systems
            .iter()
            .filter(|_| args.errors.is_some())
            .map(|s| {
                let shown: Vec<&ErrorRecord> = s.errors().take(limit).collect();
                (s.name.clone(), json!(shown))
            })
            .collect();
        let tried: serde_json::Map<String, Value> = outcome
            .systems
            .iter()
            .map(|s| {
                let labels = s
                    .labels
                    .as_ref()
                    .map(|l| l.iter().map(|l| l.to_string()).collect::<Vec<_>>());
                (s.name.clone(), json!(labels))
            })
            .collect();
        json!({
            "gold": outcome.gold.display().to_string(),
            "options": options,
            "labels_tried": tried,
            "comparisons": comparisons,
            "errors": errors,
        })
    })?;
    write_output(&args.out, &text)?;
    Ok(ExitCode::SUCCESS)
}

/// The comparison of every system of `outcome` under each scheme.
pub fn comparisons(
    outcome: &Outcome,
    schemes: &[Scheme],
    options: &CompareOptions,
) -> anyhow::Result<Vec<Comparison>> {
    let systems: Vec<(&str, &nerbench_eval::Scorecard)> = outcome
        .systems
        .iter()
        .map(|s| (s.name.as_str(), &s.evaluation.scorecard))
        .collect();
    Ok(schemes
        .iter()
        .map(|&scheme| compare(&systems, scheme, options))
        .collect::<Result<_, _>>()?)
}

/// One scheme's comparison as a table: a row per system, a column per target.
pub fn comparison_table(outcome: &Outcome, c: &Comparison, options: &CompareOptions) -> Table {
    let mut header = vec!["system".to_string()];
    header.extend(c.columns.iter().map(|t| match &t.label {
        None => "all labels".to_string(),
        Some(label) => label.to_string(),
    }));
    let title = format!(
        "F1, scheme {} ({} bootstrap intervals)",
        c.scheme,
        render::level(options.bootstrap.level)
    );
    let mut table = Table::new(title, &[]);
    table.header = header;
    let mut untried = false;
    for (s, system) in outcome.systems.iter().enumerate() {
        let mut row = vec![system.name.clone()];
        for (k, target) in c.columns.iter().enumerate() {
            if target.label.as_ref().is_some_and(|l| !system.tries(l)) {
                untried = true;
                row.push("—".to_string());
                continue;
            }
            let cell = &c.cells[s][k];
            let mark = match &cell.against_best {
                None => "best".to_string(),
                Some(test) => {
                    let star = if cell.significant { "*" } else { "" };
                    format!("p={}{star}", p_value(test.p_value))
                }
            };
            row.push(format!(
                "{} {} {mark}",
                num(cell.f1.estimate),
                interval(&cell.f1)
            ));
        }
        table.row(row);
    }
    table.notes.push(format!(
        "best: highest F1 of the column. p: paired approximate randomisation test against \
         the best ({} trials); * p < {}: significantly below the best.",
        options.randomisation.trials, options.alpha
    ));
    // Two of the 2^n swap patterns (none and all) always reach the observed
    // difference, so p cannot fall below about 2 / 2^n.
    let documents = outcome.systems[0].evaluation.scorecard.documents().len();
    let smallest_p = 2f64.powi(1 - documents.min(1000) as i32);
    if outcome.systems.len() > 1 && smallest_p >= options.alpha {
        table.notes.push(format!(
            "With {} no difference can be significant: p cannot fall below about {}.",
            plural(documents, "document"),
            num(smallest_p)
        ));
    }
    if untried {
        table
            .notes
            .push("—: the extractor does not look for this label.".to_string());
    }
    table
}

fn p_value(p: f64) -> String {
    if p < 0.001 {
        "<0.001".to_string()
    } else {
        num(p)
    }
}

/// Up to `limit` errors of one system, in document and text order.
fn error_table(system: &Scored, limit: usize) -> Table {
    let total = system.errors().count();
    let mut table = Table::new(
        format!(
            "Errors of {} ({} of {total})",
            system.name,
            limit.min(total)
        ),
        &["document", "error", "gold", "predicted", "context"],
    );
    table.text_columns = 5;
    if total == 0 {
        table.notes.push("No errors.".into());
    }
    if system.labels.is_some() {
        table
            .notes
            .push("Gold entities of labels the extractor does not look for are left out.".into());
    }
    for e in system.errors().take(limit) {
        table.row(vec![
            e.document.clone(),
            error_kind(e),
            mention(e.gold.as_ref()),
            mention(e.predicted.as_ref()),
            format!(
                "{}[{}]{}",
                flat(&e.context.before),
                flat(&e.context.text),
                flat(&e.context.after)
            ),
        ]);
    }
    table
}

/// The error's kind, with its boundary sub-kind.
pub fn error_kind(e: &ErrorRecord) -> String {
    let kind = match e.kind {
        ErrorKind::Missing => "missing",
        ErrorKind::Spurious => "spurious",
        ErrorKind::Label => "label",
        ErrorKind::Boundary => "boundary",
        ErrorKind::LabelAndBoundary => "label+boundary",
    };
    match e.boundary {
        Some(Boundary::TooWide) => format!("{kind} (too wide)"),
        Some(Boundary::TooNarrow) => format!("{kind} (too narrow)"),
        Some(Boundary::Shifted) => format!("{kind} (shifted)"),
        None => kind.to_string(),
    }
}

/// `LABEL "text" = value`, or nothing.
pub fn mention(m: Option<&Mention>) -> String {
    match m {
        None => String::new(),
        Some(m) => match &m.value {
            Some(v) => format!("{} {:?} = {v}", m.label, m.text),
            None => format!("{} {:?}", m.label, m.text),
        },
    }
}

/// Context on one line: line breaks and tabs become spaces.
fn flat(text: &str) -> String {
    text.replace(['\n', '\r', '\t'], " ")
}
