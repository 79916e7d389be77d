//! The whole pipeline (`nerbench::pipeline::evaluate`: extract, then score,
//! in parallel) over the synthetic corpus with one thread and with all of
//! them, reported as a speed-up.
//!
//! The extractor is the predictor of `common` (the combination when it is
//! registered), scored against the stand-in gold of `common::reference`, as
//! `nerbench eval` and `nerbench gate` score: the scorecard, without error
//! records (the `scorer` bench times those apart).

mod common;

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use nerbench_core::Extractor;
use nerbench_eval::{Evaluation, Scheme, Scorer};
use nerbench_gold::GoldDocument;
use rayon::ThreadPool;

use common::{Expected, SYNTHETIC_NAME};

const GROUP: &str = "pipeline";

fn run(pool: &ThreadPool, extractor: &dyn Extractor, gold: &[GoldDocument]) -> Evaluation {
    let scorer = Scorer::new().without_errors();
    pool.install(|| nerbench::pipeline::evaluate(extractor, gold, &scorer))
        .expect("spans of extractor output fit their text")
}

fn main() {
    let registry = nerbench::registry();
    let corpus = common::synthetic();
    let bytes = corpus.bytes();
    let extractor = common::predictor(&registry);
    let reference = common::reference(&registry, &corpus.documents);
    let gold: Vec<GoldDocument> = corpus
        .documents
        .into_iter()
        .zip(reference)
        .map(|(document, entities)| GoldDocument {
            document,
            entities,
            source: None,
        })
        .collect();

    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pools: Vec<(String, ThreadPool)> = [("threads-1", 1), ("threads-all", all)]
        .into_iter()
        .map(|(id, n)| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .expect("a thread pool");
            (id.to_string(), pool)
        })
        .collect();

    if !common::listing() {
        let mut expected = Expected::load();
        for (id, pool) in &pools {
            // The same figure for every thread count: the pipeline is deterministic.
            let evaluation = run(pool, extractor.as_ref(), &gold);
            let strict = evaluation
                .scorecard
                .total()
                .scheme(Scheme::Strict)
                .overall();
            expected.check(
                SYNTHETIC_NAME,
                &format!("pipeline-{id}-strict-correct"),
                strict.correct,
            );
        }
    }

    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group(GROUP);
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    for (id, pool) in &pools {
        group.bench_function(id.as_str(), |b| {
            b.iter(|| run(pool, extractor.as_ref(), black_box(&gold)))
        });
    }
    group.finish();
    c.final_summary();

    if common::measuring() {
        let one = common::mean_seconds(GROUP, "threads-1");
        let many = common::mean_seconds(GROUP, "threads-all");
        if let (Some(one), Some(many)) = (one, many) {
            println!(
                "\npipeline ({}) on {SYNTHETIC_NAME}: 1 thread {:.0} MB/s, {all} threads {:.0} MB/s, speed-up {:.2}×",
                extractor.name(),
                common::mb_per_s(bytes, one),
                common::mb_per_s(bytes, many),
                one / many
            );
        }
    }
}
