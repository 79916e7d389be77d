//! Prints what the built-in rules find in text files, or measures their speed.
//!
//! ```text
//! cargo run -p nerbench-regex-rules --example extract -- gold/articles/*.txt
//! cargo run --release -p nerbench-regex-rules --example extract -- --speed 10 gold/articles/*.txt
//! ```
//! With `--speed MB`, the files are repeated into one document of at least
//! that many megabytes and the extraction is timed (single thread).

use std::time::Instant;

use nerbench_core::{Document, Extractor};
use nerbench_regex_rules::RegexRules;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let speed_mb = match args.first().map(String::as_str) {
        Some("--speed") => {
            let mb: usize = args.get(1).ok_or("--speed needs a size in MB")?.parse()?;
            args.drain(..2);
            Some(mb)
        }
        _ => None,
    };
    let rules = RegexRules::builtin()?;
    let texts = args
        .iter()
        .map(std::fs::read_to_string)
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(mb) = speed_mb {
        let mut corpus = String::new();
        while corpus.len() < mb << 20 {
            for text in &texts {
                corpus.push_str(text);
                corpus.push_str("\n\n");
            }
        }
        let doc = Document::new("corpus", corpus);
        let started = Instant::now();
        let found = rules.extract(&doc);
        let seconds = started.elapsed().as_secs_f64();
        let size = doc.text.len() as f64 / 1e6;
        println!(
            "{size:.1} MB, {} entities, {seconds:.3} s, {:.0} MB/s",
            found.len(),
            size / seconds
        );
        return Ok(());
    }
    for (path, text) in args.iter().zip(&texts) {
        println!("== {path}");
        for e in rules.extract(&Document::new(path.as_str(), text.as_str())) {
            println!("{}\t{}\t{}", e.label, e.span, e.text);
        }
    }
    Ok(())
}
