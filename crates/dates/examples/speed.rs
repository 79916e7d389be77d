//! A rough throughput check (the criterion bench is the workspace's): the
//! gold articles repeated to about 10 MB, extracted once single-threaded.
//! `cargo run --release -p nerbench-dates --example speed`

use std::time::Instant;

use nerbench_core::{Document, Extractor, NaiveDate};
use nerbench_dates::DateExtractor;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../gold/articles");
    let mut articles = String::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    paths.sort_by_key(|e| e.path());
    for entry in paths {
        articles.push_str(&std::fs::read_to_string(entry.path())?);
        articles.push('\n');
    }
    let copies = (10_000_000 / articles.len()).max(1);
    let text = articles.repeat(copies);
    let doc =
        Document::new("speed", text).with_dct(NaiveDate::from_ymd_opt(2023, 8, 15).ok_or("date")?);
    let extractor = DateExtractor::new();
    extractor.extract(&doc); // warm-up
    let runs = 5;
    let start = Instant::now();
    let mut found = 0;
    for _ in 0..runs {
        found = extractor.extract(&doc).len();
    }
    let seconds = start.elapsed().as_secs_f64() / runs as f64;
    let mb = doc.text.len() as f64 / 1e6;
    println!(
        "{mb:.1} MB, {found} dates, {:.1} ms per pass, {:.0} MB/s",
        seconds * 1e3,
        mb / seconds
    );
    Ok(())
}
