//! Prints what the date extractor finds in the gold articles, for reading
//! against the annotation guidelines: `cargo run -p nerbench-dates --example gold`.

use nerbench_core::{Document, Extractor, NaiveDate};
use nerbench_dates::DateExtractor;

/// The articles and their DCTs, as the guidelines give them.
const ARTICLES: [(&str, (i32, u32, u32)); 5] = [
    ("000_f1551da28f92bd5c", (2023, 10, 12)),
    ("001_3f094d2313aca746", (2023, 8, 15)),
    ("002_e57faed05762aa89", (2023, 6, 12)),
    ("003_36bc6a924c67e8fa", (2023, 8, 15)),
    ("004_9dd4b46e6f579d27", (2025, 12, 27)),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../gold/articles");
    let extractor = DateExtractor::new();
    for (id, (y, m, d)) in ARTICLES {
        let text = std::fs::read_to_string(format!("{dir}/{id}.txt"))?;
        let dct = NaiveDate::from_ymd_opt(y, m, d).ok_or("bad DCT")?;
        let doc = Document::new(id, text).with_dct(dct);
        println!("== {id} (DCT {dct})");
        let index = doc.offset_index();
        for e in extractor.extract(&doc) {
            let start = index.to_char(e.span.start()).unwrap_or_default();
            let end = index.to_char(e.span.end()).unwrap_or_default();
            println!(
                "{start:>5}..{end:<5} {:<24} {}",
                format!("{:?}", e.text),
                e.value.unwrap_or_default()
            );
        }
    }
    Ok(())
}
