//! Prints what the built-in rules find in text files, or measures their speed.
//!
//! ```text
//! cargo run -p nerbench-regex-rules --example extract -- gold/articles/*.txt
//! cargo run --release -p nerbench-regex-rules --example extract -- --speed 10 gold/articles/*.txt
//! ```
//! With `--speed MB`, the files are repeated as documents until they hold at
//! least that many megabytes, and the extraction is timed (single thread):
//! once over the documents, once over them joined into one document.

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
        // As the benches read news: many documents of article size; and, for
        // comparison, the same bytes as one long document.
        let mut documents = Vec::new();
        let mut bytes = 0;
        while bytes < mb << 20 {
            for text in &texts {
                bytes += text.len();
                documents.push(Document::new(
                    format!("d{}", documents.len()),
                    text.as_str(),
                ));
            }
        }
        let joined: Vec<&str> = documents.iter().map(|d| d.text.as_str()).collect();
        let one = [Document::new("corpus", joined.join("\n\n"))];
        for (what, docs) in [("documents", &documents[..]), ("one document", &one[..])] {
            let started = Instant::now();
            let found: usize = docs.iter().map(|d| rules.extract(d).len()).sum();
            let seconds = started.elapsed().as_secs_f64();
            let size = docs.iter().map(|d| d.text.len()).sum::<usize>() as f64 / 1e6;
            println!(
                "{what}: {} of {size:.1} MB, {found} entities, {seconds:.3} s, {:.0} MB/s",
                docs.len(),
                size / seconds
            );
        }
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
