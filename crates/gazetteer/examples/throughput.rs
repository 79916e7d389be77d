//! Rough single-threaded throughput of the built-in gazetteer beside a raw
//! Aho-Corasick scan over the same surfaces, for quick checks while working
//! on the matcher (the benchmark proper is criterion's, in the root package).
//!
//! `cargo run --release -p nerbench-gazetteer --example throughput [FILE…]`
//!
//! A `.jsonl` file is read as a corpus written by the root package's
//! `dump_corpus` example (one document per line, its `text` field), so the
//! figures are over the same documents as the benches; any other file is one
//! document. Without files, the gold articles are the documents. Either way
//! the documents are repeated until they hold at least 10 MB.

use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use nerbench_core::{Document, Extractor};
use nerbench_gazetteer::Gazetteer;

const MIN_BYTES: usize = 10_000_000;
const RUNS: usize = 10;

fn read_documents(paths: &[String]) -> Result<Vec<Document>, Box<dyn std::error::Error>> {
    let mut docs = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
        if !path.ends_with(".jsonl") {
            docs.push(Document::new(path.clone(), text));
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            let value: serde_json::Value =
                serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
            let text = value["text"]
                .as_str()
                .ok_or_else(|| format!("{path}:{}: no string field \"text\"", n + 1))?;
            docs.push(Document::new(format!("{path}:{}", n + 1), text));
        }
    }
    Ok(docs)
}

/// The reference of the root package's `extractors` bench
/// (`benches/common/mod.rs`): one leftmost-longest DFA over the entries'
/// surfaces, every match counted, no boundary check, no entity built.
fn raw_automaton(gazetteer: &Gazetteer) -> Result<AhoCorasick, aho_corasick::BuildError> {
    let mut patterns: Vec<&str> = gazetteer
        .entries()
        .iter()
        .map(|e| e.surface.as_str())
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&patterns)
}

/// The best time in seconds of each search over [`RUNS`] rounds, and what
/// each found. Rounds alternate the searches, so that a busy spell of a
/// shared machine slows both alike.
fn best_of<const N: usize>(searches: [&dyn Fn() -> usize; N]) -> [(f64, usize); N] {
    let mut best = [(f64::MAX, 0); N];
    for _ in 0..RUNS {
        for (search, best) in searches.iter().zip(&mut best) {
            let start = Instant::now();
            let found = std::hint::black_box(search());
            *best = (best.0.min(start.elapsed().as_secs_f64()), found);
        }
    }
    best
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../gold/articles");
        for entry in std::fs::read_dir(dir)? {
            paths.push(entry?.path().display().to_string());
        }
        paths.sort();
    }
    let base = read_documents(&paths)?;
    let base_bytes: usize = base.iter().map(|d| d.text.len()).sum();
    if base_bytes == 0 {
        return Err("no text to search".into());
    }
    let docs: Vec<Document> = base
        .iter()
        .cycle()
        .take(base.len() * MIN_BYTES.div_ceil(base_bytes))
        .cloned()
        .collect();
    let mb = docs.iter().map(|d| d.text.len()).sum::<usize>() as f64 / 1e6;

    let start = Instant::now();
    let gazetteer = Gazetteer::builtin()?;
    println!(
        "built {} entries in {:.0} ms",
        gazetteer.entries().len(),
        start.elapsed().as_secs_f64() * 1e3
    );
    let start = Instant::now();
    let raw = raw_automaton(&gazetteer)?;
    println!(
        "built the raw automaton in {:.0} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    println!("{mb:.1} MB in {} documents, best of {RUNS}:", docs.len());
    let [(gazetteer_s, entities), (raw_s, matches)] = best_of([
        &|| docs.iter().map(|d| gazetteer.extract(d).len()).sum(),
        &|| docs.iter().map(|d| raw.find_iter(&d.text).count()).sum(),
    ]);
    println!(
        "gazetteer         {:6.0} MB/s, {entities} entities",
        mb / gazetteer_s
    );
    println!(
        "aho-corasick-raw  {:6.0} MB/s, {matches} matches",
        mb / raw_s
    );
    println!("gazetteer / raw   {:6.1}%", 100.0 * raw_s / gazetteer_s);
    Ok(())
}
