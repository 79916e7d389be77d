//! Scoring systems over a gold set, shared by eval, compare, gate and report.
//!
//! The gold set is read as a stream, in chunks; each chunk is extracted and
//! scored in parallel ([`nerbench::pipeline`]) and its scorecard merged, so
//! memory holds one chunk of texts. Prediction files are read once, ahead,
//! to be matched with gold documents by id; of each predicted document only
//! its entities and a fingerprint of its text are kept, not the text.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use nerbench::pipeline;
use nerbench_core::{Entity, Extractor, Label};
use nerbench_eval::{ErrorRecord, Evaluation, Scorer};
use nerbench_gold::{Checks, GoldDocument, GoldReader, JsonlReader};
use rayon::prelude::*;

use super::options::{ExtractorArgs, GoldArgs, PredSpec};
use super::progress::Progress;

/// Gold documents scored per chunk.
const CHUNK: usize = 256;

/// Where a system's entities come from.
enum Source {
    Extractor(Box<dyn Extractor>),
    Predictions(Predictions),
}

/// Predictions read from a JSONL file, by document id.
struct Predictions {
    path: PathBuf,
    by_id: HashMap<String, Predicted>,
    missing: Vec<String>,
    text_differs: Vec<String>,
}

/// What is kept of one predicted document until its gold document comes.
struct Predicted {
    text: u64,
    entities: Vec<Entity>,
}

/// A fingerprint of a document's text: the predictions must be about the
/// same text as the gold (64 bits; a collision would hide a difference).
fn fingerprint(text: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(text, &mut hasher);
    std::hash::Hasher::finish(&hasher)
}

/// Something to score: an extractor, or the predictions of another tool.
pub struct System {
    pub name: String,
    source: Source,
}

impl System {
    pub fn extractor(name: &str, extractor: Box<dyn Extractor>) -> System {
        System {
            name: name.to_string(),
            source: Source::Extractor(extractor),
        }
    }

    /// Reads a prediction file, reporting every bad line on stderr; fails if
    /// there was any. `labels` are the labels the gold set allows.
    pub fn predictions(spec: &PredSpec, labels: &[Label]) -> anyhow::Result<System> {
        let mut checks = Checks::default().date_values_optional();
        for label in labels {
            checks.allow_label(label.clone());
        }
        let input: Box<dyn BufRead> = if spec.path.as_os_str() == "-" {
            Box::new(io::stdin().lock())
        } else {
            let file = File::open(&spec.path)
                .with_context(|| format!("cannot read {}", spec.path.display()))?;
            Box::new(BufReader::new(file))
        };
        let shown = if spec.path.as_os_str() == "-" {
            PathBuf::from("<stdin>")
        } else {
            spec.path.clone()
        };
        let mut by_id = HashMap::new();
        let problems = report_problems(JsonlReader::new(input, &shown, checks), |doc| {
            let predicted = Predicted {
                text: fingerprint(&doc.document.text),
                entities: doc.entities,
            };
            by_id.insert(doc.document.id, predicted);
        })?;
        if problems > 0 {
            bail!(
                "{} in the predictions {}",
                plural(problems, "problem"),
                shown.display()
            );
        }
        Ok(System {
            name: spec.name.clone(),
            source: Source::Predictions(Predictions {
                path: shown,
                by_id,
                missing: Vec::new(),
                text_differs: Vec::new(),
            }),
        })
    }

    /// The labels the system tries to find; `None` for prediction files,
    /// which may contain any.
    pub fn labels(&self) -> Option<Vec<Label>> {
        match &self.source {
            Source::Extractor(e) => Some(e.labels().to_vec()),
            Source::Predictions(_) => None,
        }
    }

    /// The entities of each document of `chunk`, in order.
    fn predict(&mut self, chunk: &[GoldDocument]) -> Vec<Vec<Entity>> {
        match &mut self.source {
            Source::Extractor(e) => {
                pipeline::extract(e.as_ref(), chunk.par_iter().map(|g| &g.document))
            }
            Source::Predictions(p) => chunk
                .iter()
                .map(|gold| match p.by_id.remove(&gold.document.id) {
                    Some(doc) if doc.text == fingerprint(&gold.document.text) => doc.entities,
                    Some(_) => {
                        p.text_differs.push(gold.document.id.clone());
                        Vec::new()
                    }
                    None => {
                        p.missing.push(gold.document.id.clone());
                        Vec::new()
                    }
                })
                .collect(),
        }
    }

    /// Fails, listing the documents, if the predictions did not match the
    /// gold set one to one.
    fn check_matched(&self, gold: &Path) -> anyhow::Result<()> {
        let Source::Predictions(p) = &self.source else {
            return Ok(());
        };
        let mut extra: Vec<&String> = p.by_id.keys().collect();
        extra.sort();
        let mut lines = Vec::new();
        if !p.missing.is_empty() {
            lines.push(format!(
                "no prediction for {} of the gold set: {}",
                plural(p.missing.len(), "document"),
                list(&p.missing)
            ));
        }
        if !extra.is_empty() {
            lines.push(format!(
                "{} not in the gold set: {}",
                plural(extra.len(), "document"),
                list(&extra)
            ));
        }
        if !p.text_differs.is_empty() {
            lines.push(format!(
                "text differs from the gold text in {}: {}",
                plural(p.text_differs.len(), "document"),
                list(&p.text_differs)
            ));
        }
        if lines.is_empty() {
            return Ok(());
        }
        bail!(
            "the predictions {} do not match the gold set {}:\n  {}",
            p.path.display(),
            gold.display(),
            lines.join("\n  ")
        )
    }
}

/// At most ten items, then how many more.
fn list<T: std::fmt::Display>(items: &[T]) -> String {
    let mut shown: Vec<String> = items.iter().take(10).map(|i| i.to_string()).collect();
    if items.len() > 10 {
        shown.push(format!("… and {} more", items.len() - 10));
    }
    shown.join(", ")
}

/// `1 problem`, `2 problems`, `2 entities`.
pub fn plural(n: usize, word: &str) -> String {
    match word.strip_suffix('y') {
        Some(stem) if n != 1 => format!("{n} {stem}ies"),
        _ => format!("{n} {word}{}", if n == 1 { "" } else { "s" }),
    }
}

/// Feeds every good document of `reader` to `keep` and prints every problem
/// to stderr; returns the number of problems.
fn report_problems(
    reader: impl Iterator<Item = Result<GoldDocument, nerbench_gold::Problems>>,
    mut keep: impl FnMut(GoldDocument),
) -> io::Result<usize> {
    let mut stderr = io::stderr().lock();
    let mut problems = 0;
    for item in reader {
        match item {
            Ok(doc) => keep(doc),
            Err(found) => {
                for problem in found.0 {
                    writeln!(stderr, "{problem}")?;
                    problems += 1;
                }
            }
        }
    }
    Ok(problems)
}

/// A gold set opened for scoring, with the systems to score on it.
pub struct Setup {
    pub gold: PathBuf,
    reader: GoldReader,
    pub systems: Vec<System>,
}

impl Setup {
    /// Opens the gold set, builds the extractors and reads the prediction
    /// files (in that order, so the first bad input stops before any work).
    pub fn new(
        gold: &GoldArgs,
        extractors: &[String],
        preds: &[PredSpec],
        settings: &ExtractorArgs,
    ) -> anyhow::Result<Setup> {
        let registry = nerbench::registry();
        let reader = nerbench_gold::open(&gold.gold, &Checks::default())?;
        let mut systems = extractors
            .iter()
            .map(|name| Ok(System::extractor(name, settings.build(&registry, name)?)))
            .collect::<anyhow::Result<Vec<_>>>()?;
        for spec in preds {
            systems.push(System::predictions(spec, reader.labels())?);
        }
        Ok(Setup {
            gold: gold.gold.clone(),
            reader,
            systems,
        })
    }

    /// Scores every system on every gold document. With `keep_documents`,
    /// the gold documents and each system's predictions are kept (for the
    /// HTML report); with `keep_errors`, the error records.
    pub fn run(self, keep_documents: bool, keep_errors: bool) -> anyhow::Result<Outcome> {
        let Setup {
            gold,
            mut reader,
            mut systems,
        } = self;
        let scorer = if keep_errors {
            Scorer::new()
        } else {
            Scorer::new().without_errors()
        };
        let progress = Progress::new("scored");
        let mut scored: Vec<Scored> = systems
            .iter()
            .map(|s| Scored {
                name: s.name.clone(),
                labels: s.labels(),
                evaluation: Evaluation::default(),
                predictions: Vec::new(),
            })
            .collect();
        let mut documents = Vec::new();
        let mut problems = 0;
        let mut count = 0;
        let mut ended = false;
        while !ended {
            let mut chunk = Vec::with_capacity(CHUNK);
            ended = true;
            for item in reader.by_ref() {
                match item {
                    Ok(doc) => chunk.push(doc),
                    Err(found) => {
                        for problem in found.0 {
                            progress.report(&problem)?;
                            problems += 1;
                        }
                    }
                }
                if chunk.len() == CHUNK {
                    ended = false;
                    break;
                }
            }
            count += chunk.len();
            // After a bad gold document, read on only to report the others.
            if problems > 0 {
                continue;
            }
            for (system, out) in systems.iter_mut().zip(&mut scored) {
                let predicted = system.predict(&chunk);
                let mut evaluation = pipeline::score(&scorer, &chunk, &predicted)?;
                out.evaluation.scorecard.merge(evaluation.scorecard)?;
                out.evaluation.errors.append(&mut evaluation.errors);
                if keep_documents {
                    out.predictions.extend(predicted);
                }
            }
            progress.inc(chunk.len());
            if keep_documents {
                documents.extend(chunk);
            }
        }
        drop(progress);
        if problems > 0 {
            bail!(
                "the gold set {} has {} (listed above; `nerbench validate` checks it)",
                gold.display(),
                plural(problems, "problem")
            );
        }
        if count == 0 {
            bail!("the gold set {} has no documents", gold.display());
        }
        for system in &systems {
            system.check_matched(&gold)?;
        }
        Ok(Outcome {
            gold,
            documents,
            systems: scored,
        })
    }
}

/// One system's results.
pub struct Scored {
    pub name: String,
    /// The labels the system tries to find (`None`: unknown, any).
    pub labels: Option<Vec<Label>>,
    pub evaluation: Evaluation,
    /// Per gold document, if kept.
    pub predictions: Vec<Vec<Entity>>,
}

impl Scored {
    /// False for a label the system never tries to find.
    pub fn tries(&self, label: &Label) -> bool {
        self.labels.as_ref().is_none_or(|l| l.contains(label))
    }

    /// The errors worth showing: every wrong prediction, and the missed gold
    /// entities of labels the system looks for.
    pub fn errors(&self) -> impl Iterator<Item = &ErrorRecord> {
        self.evaluation.errors.iter().filter(|e| {
            e.predicted.is_some() || e.gold.as_ref().is_some_and(|g| self.tries(&g.label))
        })
    }
}

/// Every system's results on one gold set.
pub struct Outcome {
    pub gold: PathBuf,
    /// The gold documents, if kept.
    pub documents: Vec<GoldDocument>,
    pub systems: Vec<Scored>,
}
