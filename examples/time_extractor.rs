//! Times one nerbench extractor over a corpus written by `dump_corpus`, for
//! the peers script: builds it, runs it over every document `RUNS` times
//! (default 5) and prints one JSON object with the best run. The peers script
//! runs this in a process of its own and reads the peak memory from the
//! operating system, as it does for each peer.
//!
//! `cargo run --release --example time_extractor -- CORPUS.jsonl NAME [RUNS]`
//! where NAME is a registered extractor or `aho-corasick-raw`.

#[path = "../benches/common/mod.rs"]
mod common;

use std::io::BufRead;
use std::time::Instant;

use nerbench_core::{Document, NaiveDate, Settings};
use nerbench_gazetteer::Gazetteer;

/// A search over the corpus that returns how many entities it found.
type Search = Box<dyn Fn(&[Document]) -> u64>;

fn read_corpus(path: &str) -> Result<Vec<Document>, Box<dyn std::error::Error>> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut docs = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let bad = |what: String| format!("{path}:{}: {what}", n + 1);
        let line = line.map_err(|e| bad(e.to_string()))?;
        let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
        let field = |k: &str| v[k].as_str().map(str::to_string);
        let (Some(id), Some(text)) = (field("id"), field("text")) else {
            return Err(bad("needs string fields id and text".into()).into());
        };
        let mut doc = Document::new(id, text);
        if let Some(dct) = field("dct") {
            doc.dct =
                Some(NaiveDate::parse_from_str(&dct, "%Y-%m-%d").map_err(|e| bad(e.to_string()))?);
        }
        docs.push(doc);
    }
    Ok(docs)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, name, rest @ ..] = args.as_slice() else {
        return Err("usage: time_extractor CORPUS.jsonl NAME [RUNS]".into());
    };
    let runs: usize = match rest.first() {
        Some(r) => r
            .parse()
            .map_err(|_| format!("RUNS must be a number, not {r:?}"))?,
        None => 5,
    };
    let docs = read_corpus(path)?;
    let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();

    let start = Instant::now();
    let search: Search = if name == common::RAW_AHO_CORASICK {
        let ac = common::raw_automaton(&Gazetteer::builtin()?);
        Box::new(move |docs| common::raw_count(&ac, docs))
    } else {
        let extractor = nerbench::registry().build(name, &Settings::default())?;
        Box::new(move |docs| common::extract_count(extractor.as_ref(), docs))
    };
    let build_seconds = start.elapsed().as_secs_f64();

    let (mut best, mut entities) = (f64::MAX, 0);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        entities = search(&docs);
        best = best.min(start.elapsed().as_secs_f64());
    }
    let report = serde_json::json!({
        "name": name,
        "documents": docs.len(),
        "bytes": bytes,
        "entities": entities,
        "build_seconds": build_seconds,
        "best_seconds": best,
        "runs": runs.max(1),
    });
    println!("{report}");
    Ok(())
}
