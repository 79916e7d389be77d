//! `nerbench extract`: runs one extractor over texts or a JSONL corpus and
//! writes JSONL, streaming, so it can stand in a pipe over any corpus.

use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;
use nerbench::pipeline;
use nerbench_core::{Document, NaiveDate};
use nerbench_gold::{Checks, GoldDocument, JsonlReader};
use rayon::prelude::*;

use super::options::ExtractorArgs;
use super::progress::Progress;
use super::run::plural;

/// Run an extractor; write one JSONL line per document with its entities.
///
/// Each output line is `{"id", "text", "dct"?, "source"?, "entities": [...]}`
/// with entity offsets in Unicode code points, the shape `nerbench eval
/// --pred` and gold JSONL corpora use. Documents are read in chunks, each
/// chunk extracted in parallel and written in input order, so memory stays
/// bounded and the output is the same for any number of threads. A bad input
/// (unreadable file, bad JSONL line) is reported on stderr and skipped; the
/// exit code is then 2.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  nerbench extract --extractor gazetteer --dct 2023-10-12 article.txt
  cat article.txt | nerbench extract --extractor dates --dct 2023-10-12 -
  nerbench extract --extractor gazetteer corpus.jsonl > predictions.jsonl
  zcat corpus.jsonl.gz | nerbench extract --extractor dates --jsonl - | nerbench eval --pred - --gold corpus.jsonl")]
pub struct Args {
    /// The registered extractor to run.
    #[arg(long, value_name = "NAME")]
    extractor: String,

    /// Plain text files (one document each, its id the file stem), .jsonl
    /// corpora, or `-` for stdin (id `stdin`).
    #[arg(value_name = "FILE", default_value = "-")]
    inputs: Vec<PathBuf>,

    /// Read every input, stdin included, as a JSONL corpus.
    #[arg(long)]
    jsonl: bool,

    /// Document creation time of plain text inputs, and of JSONL documents
    /// that have none; relative dates are resolved against it.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    dct: Option<NaiveDate>,

    /// Documents read and extracted in parallel at a time.
    #[arg(long, value_name = "N", default_value_t = 256,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    chunk: usize,

    #[command(flatten)]
    settings: ExtractorArgs,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("{s:?} is not a YYYY-MM-DD date: {e}"))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    check_ids(&args.inputs, args.jsonl)?;
    let extractor = args
        .settings
        .build(&nerbench::registry(), &args.extractor)?;
    let mut documents = Documents {
        inputs: args.inputs.iter().cloned().collect(),
        current: None,
        jsonl: args.jsonl,
        dct: args.dct,
    };
    let progress = Progress::new("extracted");
    let mut out = BufWriter::new(io::stdout().lock());
    let mut bad = 0;
    loop {
        let mut chunk = Vec::with_capacity(args.chunk);
        for item in documents.by_ref() {
            match item {
                Ok(doc) => chunk.push(doc),
                Err(message) => {
                    progress.report(&message)?;
                    bad += 1;
                }
            }
            if chunk.len() == args.chunk {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        let found = pipeline::extract(extractor.as_ref(), chunk.par_iter().map(|g| &g.document));
        progress.inc(chunk.len());
        for (mut doc, entities) in chunk.into_iter().zip(found) {
            doc.entities = entities;
            doc.write_jsonl(&mut out)?;
        }
    }
    out.flush()?;
    if bad > 0 {
        bail!("{} skipped (listed above)", plural(bad, "bad input"));
    }
    Ok(ExitCode::SUCCESS)
}

fn is_jsonl(path: &Path, forced: bool) -> bool {
    forced || path.extension().is_some_and(|e| e == "jsonl")
}

/// Plain text inputs are named by their file stem: two with the same stem,
/// or stdin given twice, would give two documents the same id.
fn check_ids(inputs: &[PathBuf], jsonl: bool) -> anyhow::Result<()> {
    let mut seen = HashSet::new();
    for path in inputs {
        if path.as_os_str() != "-" && is_jsonl(path, jsonl) {
            continue;
        }
        let id = text_id(path);
        if !seen.insert(id.clone()) {
            bail!(
                "{}: another input already gives a document the id {id:?}",
                path.display()
            );
        }
    }
    Ok(())
}

fn text_id(path: &Path) -> String {
    match path.file_stem() {
        Some(stem) if path.as_os_str() != "-" => stem.to_string_lossy().into_owned(),
        _ => "stdin".to_string(),
    }
}

/// The documents of every input in turn, or a message per bad input.
struct Documents {
    inputs: VecDeque<PathBuf>,
    current: Option<JsonlReader<Box<dyn BufRead>>>,
    jsonl: bool,
    dct: Option<NaiveDate>,
}

impl Iterator for Documents {
    type Item = Result<GoldDocument, String>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(reader) = &mut self.current {
                match reader.next() {
                    Some(Ok(mut doc)) => {
                        doc.document.dct = doc.document.dct.or(self.dct);
                        return Some(Ok(doc));
                    }
                    Some(Err(problems)) => {
                        let lines: Vec<String> = problems.0.iter().map(|p| p.to_string()).collect();
                        return Some(Err(lines.join("\n")));
                    }
                    None => self.current = None,
                }
            }
            let path = self.inputs.pop_front()?;
            let stdin = path.as_os_str() == "-";
            let shown = if stdin {
                Path::new("<stdin>")
            } else {
                path.as_path()
            };
            let input: Box<dyn BufRead> = if stdin {
                Box::new(io::stdin().lock())
            } else {
                match File::open(&path) {
                    Ok(file) => Box::new(BufReader::new(file)),
                    Err(err) => {
                        return Some(Err(format!("{}: cannot read: {err}", shown.display())))
                    }
                }
            };
            if is_jsonl(&path, self.jsonl) {
                let checks = Checks::default().date_values_optional();
                self.current = Some(JsonlReader::new(input, shown, checks));
                continue;
            }
            return Some(self.text_document(input, &path, shown));
        }
    }
}

impl Documents {
    /// A whole plain text input as one document.
    fn text_document(
        &self,
        mut input: Box<dyn BufRead>,
        path: &Path,
        shown: &Path,
    ) -> Result<GoldDocument, String> {
        let mut bytes = Vec::new();
        input
            .read_to_end(&mut bytes)
            .map_err(|err| format!("{}: cannot read: {err}", shown.display()))?;
        let text = String::from_utf8(bytes).map_err(|err| {
            format!(
                "{}: not UTF-8 (first bad byte at offset {})",
                shown.display(),
                err.utf8_error().valid_up_to()
            )
        })?;
        let mut document = Document::new(text_id(path), text);
        document.dct = self.dct;
        Ok(GoldDocument {
            document,
            entities: Vec::new(),
            source: None,
        })
    }
}
