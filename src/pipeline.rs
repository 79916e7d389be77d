//! The whole pipeline over a batch of documents: extract in parallel, score
//! in parallel, results in input order.
//!
//! The command line calls these functions once per chunk of a streamed
//! corpus (so memory stays bounded by the chunk) and merges the scorecards;
//! the benches call them on a whole corpus. Every function is deterministic:
//! rayon's indexed `collect` keeps input order, so the output is the same for
//! any number of threads.
//!
//! ```
//! use nerbench_core::{Document, Settings};
//! use nerbench_eval::{Scheme, Scorer};
//! use nerbench_gold::GoldDocument;
//!
//! let gazetteer = nerbench::registry().build("gazetteer", &Settings::default()).unwrap();
//! let doc = Document::new("d", "Presiden Rusia Vladimir Putin tiba di Pyongyang.");
//!
//! use rayon::prelude::*;
//! let docs = [doc];
//! let found = nerbench::pipeline::extract(gazetteer.as_ref(), docs.par_iter());
//! assert_eq!(found[0].len(), 3);
//!
//! // Scored against itself as gold, every entity is a strict match.
//! let [document] = docs;
//! let gold = GoldDocument { document, entities: found[0].clone(), source: None };
//! let evaluation = nerbench::pipeline::evaluate(gazetteer.as_ref(), &[gold], &Scorer::new()).unwrap();
//! assert_eq!(evaluation.scorecard.total().scheme(Scheme::Strict).overall().correct, 3);
//! ```

use nerbench_core::{Document, Entity, Extractor};
use nerbench_eval::{DocumentInput, EvalError, Evaluation, Scorer};
use nerbench_gold::GoldDocument;
use rayon::prelude::*;

/// The entities `extractor` finds in each document, in document order.
///
/// Takes any indexed parallel iterator, so that both a slice of documents
/// (`docs.par_iter()`) and the documents of a gold set
/// (`gold.par_iter().map(|g| &g.document)`) can be given without copying.
pub fn extract<'a>(
    extractor: &dyn Extractor,
    documents: impl IndexedParallelIterator<Item = &'a Document>,
) -> Vec<Vec<Entity>> {
    documents.map(|d| extractor.extract(d)).collect()
}

/// Extracts from each gold document and scores the result against its gold
/// entities, in parallel.
///
/// Each thread extracts a few documents and scores them at once, so a
/// document's entities are dropped soon after they are made: memory holds
/// the chunks in flight, not every entity of the batch (tens of megabytes
/// for the 10 MB bench corpus), and what they held is reused while it is
/// still in cache. Timed against extracting everything first, the two are
/// level within this machine's noise.
pub fn evaluate(
    extractor: &dyn Extractor,
    gold: &[GoldDocument],
    scorer: &Scorer,
) -> Result<Evaluation, EvalError> {
    let results = gold
        .par_chunks(SCORE_CHUNK)
        .map(|chunk| {
            let predicted: Vec<Vec<Entity>> = chunk
                .iter()
                .map(|g| extractor.extract(&g.document))
                .collect();
            scorer.score(chunk.iter().zip(&predicted).map(|(g, p)| input(g, p)))
        })
        .collect::<Vec<_>>();
    merge(results)
}

/// Scores predictions made elsewhere: `predicted[i]` against `gold[i]`.
///
/// # Panics
///
/// If the two slices differ in length (a caller's bug, not bad input).
pub fn score(
    scorer: &Scorer,
    gold: &[GoldDocument],
    predicted: &[Vec<Entity>],
) -> Result<Evaluation, EvalError> {
    assert_eq!(
        gold.len(),
        predicted.len(),
        "one prediction list per document"
    );
    // Whole chunks go to `Scorer::score`, which reuses its buffers from one
    // document to the next; fresh buffers per document cost a fifth of the
    // scoring in growing them.
    let results = gold
        .par_chunks(SCORE_CHUNK)
        .zip(predicted.par_chunks(SCORE_CHUNK))
        .map(|(g, p)| scorer.score(g.iter().zip(p).map(|(g, p)| input(g, p))))
        .collect::<Vec<_>>();
    merge(results)
}

/// The evaluations of chunks, in order, as one.
fn merge(results: Vec<Result<Evaluation, EvalError>>) -> Result<Evaluation, EvalError> {
    let results = results.into_iter().collect::<Result<Vec<_>, _>>()?;
    // Error records are large: one allocation of the right size, not a
    // growing list copied at each doubling.
    let mut evaluation = Evaluation {
        errors: Vec::with_capacity(results.iter().map(|r| r.errors.len()).sum()),
        ..Evaluation::default()
    };
    for mut chunk in results {
        evaluation.scorecard.merge(chunk.scorecard)?;
        evaluation.errors.append(&mut chunk.errors);
    }
    Ok(evaluation)
}

/// Documents scored together on one thread: enough to reuse buffers, few
/// enough to share the work of a chunk of the command line among threads.
const SCORE_CHUNK: usize = 16;

fn input<'a>(gold: &'a GoldDocument, predicted: &'a [Entity]) -> DocumentInput<'a> {
    DocumentInput {
        id: &gold.document.id,
        text: &gold.document.text,
        gold: &gold.entities,
        predicted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nerbench_core::{Label, Settings, Span};

    fn corpus() -> Vec<Document> {
        (0..40)
            .map(|i| {
                Document::new(
                    format!("d{i}"),
                    format!("Menlu Rusia bertemu Presiden Korea Selatan di Seoul, berita {i}."),
                )
            })
            .collect()
    }

    #[test]
    fn parallel_extraction_equals_sequential_in_order() {
        let gazetteer = crate::registry()
            .build("gazetteer", &Settings::default())
            .unwrap();
        let docs = corpus();
        let sequential: Vec<_> = docs.iter().map(|d| gazetteer.extract(d)).collect();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let parallel = pool.install(|| extract(gazetteer.as_ref(), docs.par_iter()));
        assert_eq!(parallel, sequential);
        assert!(parallel.iter().all(|found| !found.is_empty()));
    }

    #[test]
    fn scoring_predictions_equals_evaluating_the_extractor() {
        let gazetteer = crate::registry()
            .build("gazetteer", &Settings::default())
            .unwrap();
        // Gold: the first entity of each document, relabelled as PER, so
        // there are both correct and wrong predictions to count.
        let gold: Vec<GoldDocument> = corpus()
            .into_iter()
            .map(|document| {
                let first = gazetteer.extract(&document).remove(0);
                let span = Span::within(&document.text, first.span.start(), first.span.end());
                let entity = Entity::new(&document.text, span.unwrap(), Label::Per, "gold");
                GoldDocument {
                    document,
                    entities: vec![entity],
                    source: None,
                }
            })
            .collect();
        let scorer = Scorer::new();
        let direct = evaluate(gazetteer.as_ref(), &gold, &scorer).unwrap();
        let predicted: Vec<_> = gold
            .iter()
            .map(|g| gazetteer.extract(&g.document))
            .collect();
        assert_eq!(score(&scorer, &gold, &predicted).unwrap(), direct);
        // Scored in chunks and merged, as scored in one call.
        assert!(gold.len() > SCORE_CHUNK);
        let whole = scorer
            .score(gold.iter().zip(&predicted).map(|(g, p)| input(g, p)))
            .unwrap();
        assert_eq!(direct, whole);
        let strict = direct
            .scorecard
            .total()
            .scheme(nerbench_eval::Scheme::Strict);
        assert_eq!(strict.overall().possible(), 40);
        assert!(strict.overall().spurious > 0);
        assert_eq!(direct.errors[0].document, "d0");
    }
}
