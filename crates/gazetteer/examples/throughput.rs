//! Rough single-threaded throughput of the built-in gazetteer: the texts
//! given on the command line (default: the gold articles) repeated to at least
//! 10 MB, searched a few times. `cargo run --release -p nerbench-gazetteer
//! --example throughput [FILE…]`. The benchmark proper is criterion's.

use std::time::Instant;

use nerbench_core::{Document, Extractor};
use nerbench_gazetteer::Gazetteer;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../gold/articles");
        for entry in std::fs::read_dir(dir)? {
            paths.push(entry?.path().display().to_string());
        }
        paths.sort();
    }
    let mut base = String::new();
    for path in &paths {
        base.push_str(&std::fs::read_to_string(path)?);
        base.push('\n');
    }
    if base.trim().is_empty() {
        return Err("no text to search".into());
    }
    let mut text = String::new();
    while text.len() < 10_000_000 {
        text.push_str(&base);
    }
    let doc = Document::new("corpus", text);

    let start = Instant::now();
    let gazetteer = Gazetteer::builtin()?;
    println!(
        "built {} entries in {:.0} ms",
        gazetteer.entries().len(),
        start.elapsed().as_secs_f64() * 1e3
    );
    let mut best = f64::MAX;
    let mut found = 0;
    for _ in 0..5 {
        let start = Instant::now();
        found = gazetteer.extract(&doc).len();
        best = best.min(start.elapsed().as_secs_f64());
    }
    let mb = doc.text.len() as f64 / 1e6;
    println!(
        "{mb:.1} MB, {found} entities, best of 5: {:.0} MB/s",
        mb / best
    );
    Ok(())
}
