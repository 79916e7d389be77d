//! Scoring documents: pairing, counting, error records.

use nerbench_core::offsets::OffsetIndex;
use nerbench_core::{Entity, Label, Span};

use crate::card::{Scorecard, Tally};
use crate::counts::{Category, Scheme};
use crate::errors::{Categories, ErrorBuilder, ErrorRecord};
use crate::matching::{canonical, pair};
use crate::{EvalError, Side};

/// One document to score: its id, its text (for checking spans and showing
/// context) and the gold and predicted entities, in any order.
#[derive(Clone, Copy, Debug)]
pub struct DocumentInput<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub gold: &'a [Entity],
    pub predicted: &'a [Entity],
}

/// The counts and errors of one document.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentResult {
    pub id: String,
    pub tally: Tally,
    /// Every entity or pair that is not a strict match, in text order.
    pub errors: Vec<ErrorRecord>,
}

/// The scorecard and errors of a set of documents.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evaluation {
    pub scorecard: Scorecard,
    /// Errors of all documents, in input order of the documents.
    pub errors: Vec<ErrorRecord>,
}

/// Scores predictions against gold. Holds only presentation options; the
/// counts never depend on them.
#[derive(Clone, Debug)]
pub struct Scorer {
    context_chars: usize,
}

impl Default for Scorer {
    fn default() -> Self {
        Scorer { context_chars: 40 }
    }
}

impl Scorer {
    /// A scorer showing 40 characters of context each side of an error.
    pub fn new() -> Scorer {
        Scorer::default()
    }

    /// The same scorer with `chars` characters of context each side.
    pub fn with_context_chars(self, chars: usize) -> Scorer {
        Scorer {
            context_chars: chars,
        }
    }

    /// Scores every document; ids must be unique.
    pub fn score<'a>(
        &self,
        documents: impl IntoIterator<Item = DocumentInput<'a>>,
    ) -> Result<Evaluation, EvalError> {
        let mut evaluation = Evaluation::default();
        for doc in documents {
            let result = self.score_document(&doc)?;
            evaluation.scorecard.insert(result.id, result.tally)?;
            evaluation.errors.extend(result.errors);
        }
        Ok(evaluation)
    }

    /// Scores one document. Fails if an entity's span does not fit the text.
    pub fn score_document(&self, doc: &DocumentInput<'_>) -> Result<DocumentResult, EvalError> {
        check_spans(doc, Side::Gold, doc.gold)?;
        check_spans(doc, Side::Predicted, doc.predicted)?;
        let gold = canonical(doc.gold);
        let pred = canonical(doc.predicted);
        let pairs = pair(&gold, &pred);

        let builder = ErrorBuilder {
            document: doc.id,
            text: doc.text,
            index: OffsetIndex::new(doc.text),
            window: self.context_chars,
        };
        let mut tally = Tally::default();
        let mut errors = Vec::new();
        let mut paired_gold = vec![false; gold.len()];
        let mut paired_pred = vec![false; pred.len()];
        let mut outcomes: Vec<(Option<&Entity>, Option<&Entity>)> = Vec::new();
        for &(i, j) in &pairs {
            paired_gold[i] = true;
            paired_pred[j] = true;
            outcomes.push((Some(gold[i]), Some(pred[j])));
        }
        outcomes.extend(
            (0..gold.len())
                .filter(|&i| !paired_gold[i])
                .map(|i| (Some(gold[i]), None)),
        );
        outcomes.extend(
            (0..pred.len())
                .filter(|&j| !paired_pred[j])
                .map(|j| (None, Some(pred[j]))),
        );
        // Text order for the error list: by the first span involved.
        outcomes.sort_by_key(|(g, p)| {
            let first = g.iter().chain(p).map(|e| e.span).min();
            (first, g.is_none())
        });

        for (g, p) in outcomes {
            let categories = categories(g, p);
            let (gl, pl) = (g.map(|e| &e.label), p.map(|e| &e.label));
            for scheme in Scheme::ALL {
                tally
                    .scheme_mut(scheme)
                    .record(gl, pl, categories.get(scheme));
            }
            tally.confusion_mut().count(gl, pl);
            count_dates(&mut tally, g, p);
            errors.extend(builder.record(g, p, categories));
        }
        Ok(DocumentResult {
            id: doc.id.to_string(),
            tally,
            errors,
        })
    }
}

fn check_spans(doc: &DocumentInput<'_>, side: Side, entities: &[Entity]) -> Result<(), EvalError> {
    for e in entities {
        Span::within(doc.text, e.span.start(), e.span.end()).map_err(|source| {
            EvalError::BadSpan {
                document: doc.id.to_string(),
                side,
                label: e.label.clone(),
                source,
            }
        })?;
    }
    Ok(())
}

fn categories(gold: Option<&Entity>, predicted: Option<&Entity>) -> Categories {
    let of = |scheme: Scheme| match (gold, predicted) {
        (Some(g), Some(p)) => scheme.classify(g.span == p.span, g.label == p.label),
        (Some(_), None) => Category::Missing,
        _ => Category::Spurious,
    };
    Categories {
        strict: of(Scheme::Strict),
        exact: of(Scheme::Exact),
        partial: of(Scheme::Partial),
        type_: of(Scheme::Type),
    }
}

fn count_dates(tally: &mut Tally, gold: Option<&Entity>, predicted: Option<&Entity>) {
    let dates = tally.dates_mut();
    let g = gold.filter(|e| e.label == Label::Date);
    let p = predicted.filter(|e| e.label == Label::Date);
    dates.gold += u64::from(g.is_some());
    dates.predicted += u64::from(p.is_some());
    if let (Some(g), Some(p)) = (g, p) {
        // A value matches only if both sides have one and they are equal.
        let same_value = g.value.is_some() && g.value == p.value;
        dates.matched += 1;
        dates.value_matched += u64::from(same_value);
        dates.strict_value_matched += u64::from(same_value && g.span == p.span);
    }
}
