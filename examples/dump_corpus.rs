//! Writes what the peers script (`scripts/peers/run.py`) feeds to every
//! system, so that all of them read the same bytes as the benches:
//!
//! - `DIR/corpus.jsonl`: the synthetic benchmark corpus, one
//!   `{"id", "text", "dct"}` object per line (`dct` is `YYYY-MM-DD` or null);
//! - `DIR/gazetteer_patterns.tsv`: the built-in gazetteer's entries in effect,
//!   `surface<TAB>label<TAB>case` (the case forms that match: `exact`,
//!   `upper` or `fold`; label `-` for a phrase that is no name, which the
//!   peers search like any other), no header;
//! - `DIR/extractors.txt`: the registered extractors' names, one a line.
//!
//! `cargo run --release --example dump_corpus -- DIR`

#[path = "../benches/common/mod.rs"]
mod common;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use nerbench_gazetteer::{CaseForms, Gazetteer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir: PathBuf = std::env::args_os()
        .nth(1)
        .ok_or("usage: dump_corpus DIR")?
        .into();
    std::fs::create_dir_all(&dir)?;

    let corpus = common::synthetic();
    let mut out = BufWriter::new(File::create(dir.join("corpus.jsonl"))?);
    for d in &corpus.documents {
        let line = serde_json::json!({
            "id": d.id,
            "text": d.text,
            "dct": d.dct.map(|t| t.to_string()),
        });
        writeln!(out, "{line}")?;
    }
    out.flush()?;

    let gazetteer = Gazetteer::builtin()?;
    let mut out = BufWriter::new(File::create(dir.join("gazetteer_patterns.tsv"))?);
    for e in gazetteer.entries() {
        let case = match e.case {
            CaseForms::Exact => "exact",
            CaseForms::Upper => "upper",
            CaseForms::Fold => "fold",
        };
        writeln!(out, "{}\t{}\t{case}", e.surface, e.label_text())?;
    }
    out.flush()?;

    let names = nerbench::registry().names().join("\n");
    std::fs::write(dir.join("extractors.txt"), names + "\n")?;
    eprintln!(
        "{}: {} documents, {} bytes; {} gazetteer entries",
        dir.display(),
        corpus.documents.len(),
        corpus.bytes(),
        gazetteer.entries().len()
    );
    Ok(())
}
