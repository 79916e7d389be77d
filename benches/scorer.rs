//! Speed of the scorer on the synthetic corpus: documents (and entities) per
//! second, with the bootstrap (1000 resamples, the default) off and on, and
//! without error records (as `nerbench eval` and `gate` score).
//!
//! The corpus has no gold annotation, so a stand-in plays gold (what every
//! registered extractor but the combination finds) and the predictor's output
//! (the combination when registered, else the first extractor) is scored
//! against it; see `common::reference`.

mod common;

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use nerbench_core::{Document, Entity};
use nerbench_eval::{
    bootstrap, BootstrapOptions, DocumentInput, Evaluation, Scheme, Scorer, Target,
};

use common::{Expected, SYNTHETIC_NAME};

struct Scored {
    documents: Vec<Document>,
    gold: Vec<Vec<Entity>>,
    predicted: Vec<Vec<Entity>>,
}

impl Scored {
    fn inputs(&self) -> impl Iterator<Item = DocumentInput<'_>> {
        self.documents
            .iter()
            .zip(&self.gold)
            .zip(&self.predicted)
            .map(|((d, gold), predicted)| DocumentInput {
                id: &d.id,
                text: &d.text,
                gold,
                predicted,
            })
    }

    fn entities(&self) -> u64 {
        self.gold
            .iter()
            .chain(&self.predicted)
            .map(|e| e.len() as u64)
            .sum()
    }
}

fn score(scored: &Scored) -> Evaluation {
    score_with(&Scorer::new(), scored)
}

fn score_with(scorer: &Scorer, scored: &Scored) -> Evaluation {
    scorer
        .score(scored.inputs())
        .expect("spans of extractor output fit their text")
}

fn score_with_bootstrap(scored: &Scored) -> usize {
    let evaluation = score(scored);
    let targets = Scheme::ALL.map(Target::overall);
    bootstrap(
        &evaluation.scorecard,
        &targets,
        &BootstrapOptions::default(),
    )
    .expect("default options are valid")
    .len()
}

const GROUP: &str = "scorer";

fn main() {
    let registry = nerbench::registry();
    let corpus = common::synthetic();
    let predictor = common::predictor(&registry);
    let scored = Scored {
        gold: common::reference(&registry, &corpus.documents),
        predicted: corpus
            .documents
            .iter()
            .map(|d| predictor.extract(d))
            .collect(),
        documents: corpus.documents,
    };

    if !common::listing() {
        let mut expected = Expected::load();
        let count = |lists: &[Vec<Entity>]| lists.iter().map(|e| e.len() as u64).sum();
        expected.check(SYNTHETIC_NAME, "scorer-gold", count(&scored.gold));
        expected.check(SYNTHETIC_NAME, "scorer-predicted", count(&scored.predicted));
        let strict = score(&scored);
        let strict = strict.scorecard.total().scheme(Scheme::Strict).overall();
        expected.check(SYNTHETIC_NAME, "scorer-strict-correct", strict.correct);
    }

    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group(GROUP);
    group.sample_size(10);
    group.throughput(Throughput::Elements(scored.documents.len() as u64));
    group.bench_function("score", |b| b.iter(|| score(black_box(&scored))));
    let counts_only = Scorer::new().without_errors();
    group.bench_function("score-without-errors", |b| {
        b.iter(|| score_with(&counts_only, black_box(&scored)))
    });
    group.bench_function("score+bootstrap", |b| {
        b.iter(|| score_with_bootstrap(black_box(&scored)))
    });
    group.finish();
    c.final_summary();

    if common::measuring() {
        let (docs, entities) = (scored.documents.len() as f64, scored.entities() as f64);
        println!("\n| scorer ({docs} documents, {entities} entities) | docs/s | entities/s |");
        println!("|---|---:|---:|");
        for bench in ["score", "score-without-errors", "score+bootstrap"] {
            if let Some(s) = common::mean_seconds(GROUP, bench) {
                println!("| {bench} | {:.0} | {:.0} |", docs / s, entities / s);
            }
        }
    }
}
