//! `nerbench eval`: the scorecard of one extractor, or of a prediction file.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ArgGroup;
use nerbench_eval::{bootstrap, Average, BootstrapOptions, Interval, Scheme, Scorecard, Target};
use serde_json::{json, Value};

use super::options::{
    parse_scheme, write_output, BootstrapArgs, ExtractorArgs, Format, GoldArgs, PredSpec,
};
use super::render::{self, interval, num, prf, Table};
use super::run::{plural, Scored, Setup};

/// Documents above which the per-document table is left out unless asked for.
const DOCUMENT_ROWS: usize = 50;

/// Score one extractor (or another tool's predictions) against a gold set.
///
/// Prints per-label precision, recall and F1 under each scheme with
/// bootstrap confidence intervals, micro, macro and weighted averages, date
/// value metrics (TempEval-3) and per-document F1.
#[derive(Debug, clap::Args)]
#[command(
    group(ArgGroup::new("system").required(true).args(["extractor", "pred"])),
    after_help = "\
Examples:
  nerbench eval --extractor gazetteer
  nerbench eval --extractor dates --scheme strict,partial --format markdown
  nerbench extract --extractor gazetteer corpus.jsonl | nerbench eval --pred - --gold corpus.jsonl
  nerbench eval --pred other-tool.jsonl --format json --resamples 5000 --seed 7"
)]
pub struct Args {
    /// The registered extractor to score.
    #[arg(long, value_name = "NAME")]
    extractor: Option<String>,

    /// Score the predictions in this JSONL file (`-` for stdin) instead: one
    /// document per line with the gold documents' ids and texts, entities in
    /// code-point offsets, as `nerbench extract` writes them.
    #[arg(long, value_name = "FILE")]
    pred: Option<PathBuf>,

    #[command(flatten)]
    gold: GoldArgs,

    /// Schemes to show, comma-separated (strict, exact, partial, type)
    /// [default: all four].
    #[arg(long, value_name = "S,…", value_delimiter = ',', value_parser = parse_scheme)]
    scheme: Vec<Scheme>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,

    /// Write the output to FILE instead of stdout.
    #[arg(long, short, value_name = "FILE", default_value = "-")]
    out: PathBuf,

    /// List every document's scores, also for more than 50 documents.
    #[arg(long)]
    per_document: bool,

    #[command(flatten)]
    bootstrap: BootstrapArgs,

    #[command(flatten)]
    settings: ExtractorArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractors: Vec<String> = args.extractor.iter().cloned().collect();
    let preds: Vec<PredSpec> = args
        .pred
        .iter()
        .map(|path| PredSpec::from_path(path.clone()))
        .collect();
    let setup = Setup::new(&args.gold, &extractors, &preds, &args.settings)?;
    let outcome = setup.run(false, false)?;
    let scored = &outcome.systems[0];
    let schemes = if args.scheme.is_empty() {
        Scheme::ALL.to_vec()
    } else {
        args.scheme.clone()
    };
    let options = args.bootstrap.options();
    let card = &scored.evaluation.scorecard;
    let targets: Vec<Target> = schemes
        .iter()
        .flat_map(|&s| {
            std::iter::once(Target::overall(s))
                .chain(card.labels().into_iter().map(move |l| Target::label(s, l)))
        })
        .collect();
    let intervals: Vec<(Target, Interval)> = targets
        .iter()
        .cloned()
        .zip(bootstrap(card, &targets, &options)?)
        .collect();
    let heading = format!(
        "nerbench eval: {} on {} ({}; {} intervals from {} bootstrap resamples, seed {})",
        scored.name,
        outcome.gold.display(),
        plural(card.documents().len(), "document"),
        render::level(options.level),
        options.resamples,
        options.seed
    );
    let card_view = CardView {
        scored,
        schemes: &schemes,
        intervals: &intervals,
    };
    let show_documents = args.per_document || card.documents().len() <= DOCUMENT_ROWS;
    let tables = card_view.tables(show_documents, &options);
    let text = render::render(args.format, &heading, &tables, || {
        card_view.json(&outcome.gold, &options)
    })?;
    write_output(&args.out, &text)?;
    Ok(ExitCode::SUCCESS)
}

/// One system's scorecard with its intervals, ready to render.
struct CardView<'a> {
    scored: &'a Scored,
    schemes: &'a [Scheme],
    intervals: &'a [(Target, Interval)],
}

impl CardView<'_> {
    fn card(&self) -> &Scorecard {
        &self.scored.evaluation.scorecard
    }

    fn interval(&self, target: &Target) -> Option<&Interval> {
        self.intervals
            .iter()
            .find(|(t, _)| t == target)
            .map(|(_, i)| i)
    }

    fn tables(&self, show_documents: bool, options: &BootstrapOptions) -> Vec<Table> {
        let mut tables: Vec<Table> = self
            .schemes
            .iter()
            .map(|&s| self.scheme_table(s, options))
            .collect();
        let dates = self.card().total().dates();
        if dates.gold > 0 || dates.predicted > 0 {
            let mut t = Table::new(
                "DATE values (TempEval-3: relaxed = overlapping spans)",
                &[
                    "",
                    "gold",
                    "pred",
                    "matched",
                    "relaxed P",
                    "relaxed R",
                    "relaxed F1",
                    "value accuracy",
                    "value F1",
                    "strict value P",
                    "strict value R",
                    "strict value F1",
                ],
            );
            let mut row = vec![
                "DATE".to_string(),
                dates.gold.to_string(),
                dates.predicted.to_string(),
                dates.matched.to_string(),
            ];
            row.extend(prf(&dates.relaxed()));
            row.push(num(dates.value_accuracy()));
            row.push(num(dates.value_f1()));
            row.extend(prf(&dates.strict_value()));
            t.row(row);
            tables.push(t);
        }
        tables.push(self.document_table(show_documents));
        tables
    }

    fn scheme_table(&self, scheme: Scheme, options: &BootstrapOptions) -> Table {
        let ci = format!("F1 {} CI", render::level(options.level));
        let mut t = Table::new(
            format!("Scheme {scheme}"),
            &[
                "label",
                "gold",
                "pred",
                "correct",
                "incorrect",
                "partial",
                "missing",
                "spurious",
                "precision",
                "recall",
                "F1",
                &ci,
            ],
        );
        let counts = self.card().total().scheme(scheme);
        let mut untried = false;
        for label in self.card().labels() {
            let c = counts.label(&label);
            let name = if self.scored.tries(&label) {
                label.to_string()
            } else {
                untried = true;
                format!("{label}*")
            };
            let mut row = vec![name];
            row.extend(count_cells(&c));
            row.extend(prf(&c.prf()));
            row.push(self.ci(&Target::label(scheme, label)));
            t.row(row);
        }
        let mut micro = vec!["micro".to_string()];
        micro.extend(count_cells(counts.overall()));
        micro.extend(prf(&self.card().average(scheme, Average::Micro)));
        micro.push(self.ci(&Target::overall(scheme)));
        t.row(micro);
        for (name, average) in [("macro", Average::Macro), ("weighted", Average::Weighted)] {
            let mut row = vec![name.to_string()];
            row.extend(std::iter::repeat_n(String::new(), 7));
            row.extend(prf(&self.card().average(scheme, average)));
            row.push(String::new());
            t.row(row);
        }
        if untried {
            t.notes.push(format!(
                "* {} does not look for this label: its gold entities all count as missing.",
                self.scored.name
            ));
        }
        let cross = counts.cross_label();
        let pairs = cross.correct + cross.incorrect + cross.partial;
        if pairs > 0 {
            t.notes.push(format!(
                "Label rows count each label alone: {} with different gold and predicted \
                 labels count as missing in one row and spurious in another, and once in \
                 the micro row.",
                plural(pairs as usize, "pair")
            ));
        }
        t
    }

    fn ci(&self, target: &Target) -> String {
        self.interval(target).map(interval).unwrap_or_default()
    }

    fn document_table(&self, show_documents: bool) -> Table {
        let mut header = vec!["document", "gold", "pred"];
        let names: Vec<String> = self.schemes.iter().map(|s| format!("{s} F1")).collect();
        header.extend(names.iter().map(String::as_str));
        let mut t = Table::new("Documents (micro F1 per document)", &header);
        let first = self.schemes.first().copied().unwrap_or(Scheme::Strict);
        if show_documents {
            for (id, tally) in self.card().documents() {
                let overall = tally.scheme(first).overall();
                let mut row = vec![
                    id.clone(),
                    overall.possible().to_string(),
                    overall.actual().to_string(),
                ];
                row.extend(
                    self.schemes
                        .iter()
                        .map(|&s| num(tally.scheme(s).overall().prf().f1)),
                );
                t.row(row);
            }
        }
        let mut row = vec!["mean ± sd".to_string(), String::new(), String::new()];
        row.extend(self.schemes.iter().map(|&s| {
            let spread = self.card().document_f1(s);
            format!("{} ± {}", num(spread.mean), num(spread.sd))
        }));
        t.row(row);
        t.notes.push(format!(
            "Mean and sample sd over the {} documents with a gold or predicted entity.",
            self.card().document_f1(first).n
        ));
        t
    }

    fn json(&self, gold: &std::path::Path, options: &BootstrapOptions) -> Value {
        let card = self.card();
        let mut schemes = serde_json::Map::new();
        for &scheme in self.schemes {
            let labels: serde_json::Map<String, Value> = card
                .labels()
                .into_iter()
                .map(|label| {
                    let target = Target::label(scheme, label.clone());
                    let value = json!({
                        "prf": card.label(scheme, &label),
                        "f1_interval": self.interval(&target),
                        "tried": self.scored.tries(&label),
                    });
                    (label.to_string(), value)
                })
                .collect();
            schemes.insert(
                scheme.to_string(),
                json!({
                    "micro": card.average(scheme, Average::Micro),
                    "macro": card.average(scheme, Average::Macro),
                    "weighted": card.average(scheme, Average::Weighted),
                    "f1_interval": self.interval(&Target::overall(scheme)),
                    "labels": labels,
                    "document_f1": card.document_f1(scheme),
                }),
            );
        }
        let dates = card.total().dates();
        json!({
            "system": self.scored.name,
            "gold": gold.display().to_string(),
            "labels_tried": self.scored.labels.as_ref().map(|l| l.iter().map(|l| l.to_string()).collect::<Vec<_>>()),
            "documents": card.documents().len(),
            "bootstrap": options,
            "schemes": schemes,
            "dates": {
                "counts": dates,
                "relaxed": dates.relaxed(),
                "value_accuracy": dates.value_accuracy(),
                "value_f1": dates.value_f1(),
                "strict_value": dates.strict_value(),
            },
            "scorecard": card,
        })
    }
}

fn count_cells(c: &nerbench_eval::Counts) -> [String; 7] {
    [
        c.possible(),
        c.actual(),
        c.correct,
        c.incorrect,
        c.partial,
        c.missing,
        c.spurious,
    ]
    .map(|n| n.to_string())
}
