//! `nerbench report`: one self-contained HTML page with the comparison table
//! and every document's text with gold and each system's spans side by side.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use nerbench_core::offsets::OffsetIndex;
use nerbench_core::{Entity, Span};
use nerbench_eval::{CompareOptions, ErrorKind, ErrorRecord, Scheme};
use nerbench_gold::GoldDocument;

use super::compare::{comparison_table, comparisons, error_kind, mention};
use super::options::{parse_scheme, write_output, BootstrapArgs, GoldArgs, SystemArgs, TestArgs};
use super::render::{escape, page};
use super::run::{plural, Outcome, Scored};

/// Write an HTML report: comparison table, then each document's text with
/// gold and every system's entities highlighted side by side.
///
/// Colours follow the label; a red outline marks a prediction that is not a
/// strict match, a dashed red underline a gold entity the system missed.
/// Hovering over a span shows its label, value and verdict. The page has no
/// external asset: it can be mailed or archived as one file.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  nerbench report --out report.html
  nerbench report --extractors gazetteer,dates --scheme strict,partial --out report.html
  nerbench report --pred tool=tool-predictions.jsonl --extractors all --out report.html")]
pub struct Args {
    /// The HTML file to write (`-` for stdout).
    #[arg(long, short, value_name = "FILE", default_value = "report.html")]
    out: PathBuf,

    /// Schemes of the comparison tables, comma-separated.
    #[arg(long, value_name = "S,…", value_delimiter = ',', value_parser = parse_scheme,
          default_value = "strict")]
    scheme: Vec<Scheme>,

    #[command(flatten)]
    systems: SystemArgs,

    #[command(flatten)]
    gold: GoldArgs,

    #[command(flatten)]
    bootstrap: BootstrapArgs,

    #[command(flatten)]
    test: TestArgs,
}

const SCRIPT: &str = include_str!("report.js");

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let outcome = args.systems.setup(&args.gold)?.run(true, true)?;
    let options = CompareOptions {
        bootstrap: args.bootstrap.options(),
        randomisation: args.test.options(args.bootstrap.seed),
        alpha: args.test.alpha,
    };
    let title = format!(
        "nerbench report: {} on {} ({})",
        plural(outcome.systems.len(), "system"),
        outcome.gold.display(),
        plural(outcome.documents.len(), "document")
    );
    let mut body = format!("<h1>{}</h1>\n", escape(&title));
    for c in comparisons(&outcome, &args.scheme, &options)? {
        comparison_table(&outcome, &c, &options).html(&mut body);
    }
    body.push_str(&legend(&outcome));
    body.push_str(&contents(&outcome.documents));
    for (k, doc) in outcome.documents.iter().enumerate() {
        body.push_str(&document(&outcome, k, doc));
    }
    write_output(&args.out, &page(&title, &body, SCRIPT))?;
    if args.out.as_os_str() != "-" {
        eprintln!("wrote {}", args.out.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// What the colours and marks mean, with a switch per system column.
fn legend(outcome: &Outcome) -> String {
    let mut html = String::from("<div class=\"legend\"><h2>Documents</h2>\n<p>");
    for label in ["PER", "ORG", "LOC", "DATE"] {
        let _ = write!(html, "<mark class=\"ent l-{label}\">{label}</mark> ");
    }
    html.push_str(
        "<mark class=\"ent\">other label</mark> · \
         <mark class=\"ent l-PER err\">not a strict match</mark> · \
         <span class=\"missed\">missed gold entity</span> (of a label the system looks for) · hover a span for its label, value \
         and verdict.</p>\n<p class=\"toggles\">Columns: ",
    );
    for name in std::iter::once("gold").chain(outcome.systems.iter().map(|s| s.name.as_str())) {
        let _ = write!(
            html,
            "<label><input type=\"checkbox\" checked data-toggle=\"{0}\"> {0}</label> ",
            escape(name)
        );
    }
    html.push_str("</p></div>\n");
    html
}

fn contents(documents: &[GoldDocument]) -> String {
    let mut html = String::from("<nav class=\"contents\"><ol>");
    for doc in documents {
        let id = escape(&doc.document.id);
        let _ = write!(html, "<li><a href=\"#doc-{id}\">{id}</a></li>");
    }
    html.push_str("</ol></nav>\n");
    html
}

/// One document: a column for gold, then one per system.
fn document(outcome: &Outcome, k: usize, doc: &GoldDocument) -> String {
    let d = &doc.document;
    let id = escape(&d.id);
    let mut html = format!(
        "<section class=\"doc\" id=\"doc-{id}\" data-doc=\"{id}\">\n<h2>{id}</h2>\n<p class=\"meta\">"
    );
    if let Some(dct) = d.dct {
        let _ = write!(html, "DCT {dct} · ");
    }
    let _ = write!(
        html,
        "{} characters · {}",
        d.text.chars().count(),
        plural(doc.entities.len(), "gold entity")
    );
    if let Some(source) = &doc.source {
        let _ = write!(html, " · {}", escape(source));
    }
    html.push_str("</p>\n<div class=\"cols\">\n");
    let index = d.offset_index();
    let gold_marks: Vec<Piece> = doc
        .entities
        .iter()
        .map(|e| Piece::entity(&index, &d.id, "gold", e, "ok", title(e, "gold")))
        .collect();
    html.push_str(&column(
        "gold",
        &plural(doc.entities.len(), "entity"),
        &d.text,
        gold_marks,
    ));
    for system in &outcome.systems {
        html.push_str(&system_column(system, &index, doc, &system.predictions[k]));
    }
    html.push_str("</div>\n</section>\n");
    html
}

fn system_column(
    system: &Scored,
    index: &OffsetIndex<'_>,
    doc: &GoldDocument,
    predicted: &[Entity],
) -> String {
    let id = &doc.document.id;
    let errors: Vec<&ErrorRecord> = system
        .evaluation
        .errors
        .iter()
        .filter(|e| &e.document == id)
        .collect();
    let by_span: HashMap<(usize, usize), &ErrorRecord> = errors
        .iter()
        .filter_map(|e| e.predicted.as_ref().map(|p| ((p.start, p.end), *e)))
        .collect();
    let mut pieces: Vec<Piece> = predicted
        .iter()
        .map(|e| match by_span.get(&(e.span.start(), e.span.end())) {
            Some(err) => {
                let mut t = title(e, &system.name);
                let _ = write!(t, "\n✗ {}", error_kind(err));
                if let Some(g) = &err.gold {
                    let _ = write!(t, "; gold: {}", mention(Some(g)));
                }
                Piece::entity(index, id, &system.name, e, "err", t)
            }
            None => Piece::entity(index, id, &system.name, e, "ok", title(e, &system.name)),
        })
        .collect();
    // A label the system does not look for is not its miss.
    let missed: Vec<&ErrorRecord> = errors
        .iter()
        .filter(|e| e.kind == ErrorKind::Missing)
        .filter(|e| e.gold.as_ref().is_some_and(|g| system.tries(&g.label)))
        .copied()
        .collect();
    let taken: Vec<Span> = predicted.iter().map(|e| e.span).collect();
    for err in &missed {
        let Some(g) = &err.gold else { continue };
        let t = format!("missed by {}: {}", system.name, mention(Some(g)));
        for (start, end) in uncovered(g.start, g.end, &taken) {
            pieces.push(Piece {
                start,
                end,
                open: format!(
                    "<span class=\"missed\" data-side=\"{}\" data-missed=\"{}-{}\" title=\"{}\">",
                    escape(&system.name),
                    g.char_start,
                    g.char_end,
                    escape(&t)
                ),
                close: "</span>",
            });
        }
    }
    pieces.sort_by_key(|p| p.start);
    let wrong = errors.iter().filter(|e| e.predicted.is_some()).count();
    let summary = format!(
        "{} · {} wrong · {} missed",
        plural(predicted.len(), "entity"),
        wrong,
        missed.len()
    );
    column(&system.name, &summary, &doc.document.text, pieces)
}

/// The parts of `start..end` not covered by any of `taken` (sorted, disjoint).
fn uncovered(start: usize, end: usize, taken: &[Span]) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut at = start;
    for span in taken {
        if span.end() <= at || span.start() >= end {
            continue;
        }
        if span.start() > at {
            pieces.push((at, span.start()));
        }
        at = at.max(span.end());
    }
    if at < end {
        pieces.push((at, end));
    }
    pieces
}

/// A marked stretch of text (byte offsets), opened and closed by `open`/`close`.
struct Piece {
    start: usize,
    end: usize,
    open: String,
    close: &'static str,
}

impl Piece {
    fn entity(
        index: &OffsetIndex<'_>,
        doc: &str,
        side: &str,
        e: &Entity,
        verdict: &str,
        title: String,
    ) -> Piece {
        let (s, t) = index
            .chars_of(e.span)
            .unwrap_or((e.span.start(), e.span.end()));
        Piece {
            start: e.span.start(),
            end: e.span.end(),
            open: format!(
                "<mark class=\"ent l-{label} {verdict}\" data-doc=\"{}\" data-side=\"{}\" \
                 data-span=\"{s}-{t}\" data-label=\"{label}\" title=\"{}\">",
                escape(doc),
                escape(side),
                escape(&title),
                label = escape(e.label.as_str()),
            ),
            close: "</mark>",
        }
    }
}

fn title(e: &Entity, side: &str) -> String {
    let mut t = format!("{} {:?}", e.label, e.text);
    if let Some(v) = &e.value {
        let _ = write!(t, " = {v}");
    }
    let _ = write!(t, " ({side})");
    t
}

/// One column: a heading and the text with its pieces marked. Pieces must
/// not overlap (entities of one side never do; missed pieces avoid them).
fn column(side: &str, summary: &str, text: &str, mut pieces: Vec<Piece>) -> String {
    pieces.sort_by_key(|p| p.start);
    let side = escape(side);
    let mut html = format!(
        "<div class=\"col\" data-col=\"{side}\"><h3>{side}</h3><p class=\"count\">{}</p>\
         <div class=\"text\">",
        escape(summary)
    );
    let mut at = 0;
    for p in pieces {
        html.push_str(&escape(&text[at..p.start]));
        html.push_str(&p.open);
        html.push_str(&escape(&text[p.start..p.end]));
        html.push_str(p.close);
        at = p.end;
    }
    html.push_str(&escape(&text[at..]));
    html.push_str("</div></div>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncovered_parts_skip_every_taken_span() {
        let spans = [Span::new(2, 4).unwrap(), Span::new(6, 7).unwrap()];
        assert_eq!(uncovered(0, 10, &spans), vec![(0, 2), (4, 6), (7, 10)]);
        assert_eq!(uncovered(2, 4, &spans), vec![]);
        assert_eq!(uncovered(3, 6, &spans), vec![(4, 6)]);
        assert_eq!(uncovered(8, 9, &spans), vec![(8, 9)]);
    }
}
