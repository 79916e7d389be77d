//! Throughput of every registered extractor on every corpus (each gold
//! article, and the synthetic 10 MB corpus), the cost of building each one,
//! and a raw Aho-Corasick scan over the gazetteer's patterns as a reference
//! point for the gazetteer.
//!
//! Before a benchmark is timed, its entity count is checked against
//! `benches/expected_counts.json`; see `benches/README.md`.

mod common;

use std::hint::black_box;

use aho_corasick::AhoCorasick;
use criterion::{Criterion, Throughput};
use nerbench_core::{Extractor, Settings};
use nerbench_gazetteer::Gazetteer;

use common::{raw_automaton, raw_count, Corpus, Expected, RAW_AHO_CORASICK};

fn bench_build(c: &mut Criterion, registry: &nerbench_core::Registry) {
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    for name in registry.names() {
        group.bench_function(name, |b| {
            b.iter(|| registry.build(name, &Settings::default()).unwrap())
        });
    }
    let gazetteer = Gazetteer::builtin().expect("built-in gazetteer");
    group.bench_function(RAW_AHO_CORASICK, |b| {
        b.iter(|| raw_automaton(black_box(&gazetteer)))
    });
    group.finish();
}

/// What every corpus is measured with: the registered extractors by name, and
/// the reference automaton.
struct Subjects {
    extractors: Vec<(String, Box<dyn Extractor>)>,
    raw: AhoCorasick,
}

fn bench_corpus(c: &mut Criterion, corpus: &Corpus, subjects: &Subjects, expected: &mut Expected) {
    let check = !common::listing();
    let mut group = c.benchmark_group(&corpus.name);
    group.throughput(Throughput::Bytes(corpus.bytes()));
    if corpus.bytes() > 1_000_000 {
        group.sample_size(10);
    }
    for (name, extractor) in &subjects.extractors {
        if check {
            let found = common::extract_count(extractor.as_ref(), &corpus.documents);
            expected.check(&corpus.name, name, found);
        }
        group.bench_function(name.as_str(), |b| {
            b.iter(|| common::extract_count(extractor.as_ref(), black_box(&corpus.documents)))
        });
    }
    if check {
        expected.check(
            &corpus.name,
            RAW_AHO_CORASICK,
            raw_count(&subjects.raw, &corpus.documents),
        );
    }
    group.bench_function(RAW_AHO_CORASICK, |b| {
        b.iter(|| raw_count(&subjects.raw, black_box(&corpus.documents)))
    });
    group.finish();
}

/// After a measuring run: MB/s per extractor and corpus, and the gazetteer's
/// speed relative to the raw scan.
fn summary(corpora: &[Corpus], registry: &nerbench_core::Registry) {
    let mut names: Vec<&str> = registry.names();
    names.push(RAW_AHO_CORASICK);
    println!(
        "\n| corpus | bytes | {} |",
        names.join(" MB/s | ") + " MB/s"
    );
    println!("|---|---:|{}", "---:|".repeat(names.len()));
    for corpus in corpora {
        let cells: Vec<String> = names
            .iter()
            .map(|n| match common::mean_seconds(&corpus.name, n) {
                Some(s) => format!("{:.0}", common::mb_per_s(corpus.bytes(), s)),
                None => "–".into(),
            })
            .collect();
        println!(
            "| {} | {} | {} |",
            corpus.name,
            corpus.bytes(),
            cells.join(" | ")
        );
    }
    let synthetic = common::SYNTHETIC_NAME;
    if let (Some(g), Some(r)) = (
        common::mean_seconds(synthetic, "gazetteer"),
        common::mean_seconds(synthetic, RAW_AHO_CORASICK),
    ) {
        println!(
            "\ngazetteer on {synthetic}: {:.1}% of the raw Aho-Corasick scan's speed",
            100.0 * r / g
        );
    }
}

fn main() {
    let registry = nerbench::registry();
    let corpora = common::corpora();
    let subjects = Subjects {
        extractors: common::extractors(&registry),
        raw: raw_automaton(&Gazetteer::builtin().expect("built-in gazetteer")),
    };
    let mut expected = Expected::load();
    let mut c = Criterion::default().configure_from_args();
    bench_build(&mut c, &registry);
    for corpus in &corpora {
        bench_corpus(&mut c, corpus, &subjects, &mut expected);
    }
    c.final_summary();
    if common::measuring() {
        summary(&corpora, &registry);
    }
}
