//! Scoring documents: pairing, counting, error records.

use nerbench_core::{Entity, Label, Span};

use crate::card::{DateCounts, Scorecard, Tally};
use crate::counts::{Category, Counts, Scheme, SchemeCounts};
use crate::errors::{Categories, CharCursor, ErrorBuilder, ErrorRecord};
use crate::matching::{canonical_cmp, Pairer, Side as PairSide};
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
        let mut scratch = Scratch::default();
        for doc in documents {
            let tally = self.score_into(&doc, &mut scratch, &mut evaluation.errors)?;
            evaluation.scorecard.insert(doc.id, tally)?;
        }
        Ok(evaluation)
    }

    /// Scores one document. Fails if an entity's span does not fit the text.
    pub fn score_document(&self, doc: &DocumentInput<'_>) -> Result<DocumentResult, EvalError> {
        let mut errors = Vec::new();
        let tally = self.score_into(doc, &mut Scratch::default(), &mut errors)?;
        Ok(DocumentResult {
            id: doc.id.to_string(),
            tally,
            errors,
        })
    }

    /// Scores one document, appending its errors to `errors`.
    fn score_into(
        &self,
        doc: &DocumentInput<'_>,
        scratch: &mut Scratch,
        errors: &mut Vec<ErrorRecord>,
    ) -> Result<Tally, EvalError> {
        check_spans(doc, Side::Gold, doc.gold)?;
        check_spans(doc, Side::Predicted, doc.predicted)?;
        let Scratch {
            gold,
            pred,
            pairer,
            pairs,
            outcomes,
            rows,
        } = scratch;
        // Label ids: equal labels get equal ids, numbered as first seen.
        let mut labels: Vec<&Label> = Vec::new();
        gold.prepare(doc.gold, &mut labels);
        pred.prepare(doc.predicted, &mut labels);
        pairer.pair(gold.side(), pred.side(), labels.len(), pairs);

        let Outcomes {
            list,
            paired_gold,
            paired_pred,
        } = outcomes;
        list.clear();
        paired_gold.clear();
        paired_gold.resize(gold.order.len(), false);
        paired_pred.clear();
        paired_pred.resize(pred.order.len(), false);
        for &(i, j) in pairs.iter() {
            paired_gold[i] = true;
            paired_pred[j] = true;
            list.push(Outcome::new(
                list.len(),
                Some((i, gold.spans[i])),
                Some((j, pred.spans[j])),
            ));
        }
        for (i, _) in paired_gold.iter().enumerate().filter(|(_, &p)| !p) {
            list.push(Outcome::new(list.len(), Some((i, gold.spans[i])), None));
        }
        for (j, _) in paired_pred.iter().enumerate().filter(|(_, &p)| !p) {
            list.push(Outcome::new(list.len(), None, Some((j, pred.spans[j]))));
        }
        // Text order for the error list: by the first span involved, gold
        // before unpaired predictions, then in the order listed above (the
        // sequence number makes every key distinct, so this is a stable sort).
        list.sort_unstable_by_key(|o| o.key);

        let mut builder = ErrorBuilder {
            document: doc.id,
            text: doc.text,
            chars: CharCursor::new(doc.text),
            window: self.context_chars,
        };
        rows.reset(labels.len());
        let mut dates = DateCounts::default();
        for o in list.iter() {
            let g = o.gold.map(|i| (&doc.gold[gold.order[i]], gold.labels[i]));
            let p = o
                .pred
                .map(|j| (&doc.predicted[pred.order[j]], pred.labels[j]));
            let (ge, pe) = (g.map(|(e, _)| e), p.map(|(e, _)| e));
            let categories = categories(g, p);
            rows.record(g.map(|(_, l)| l), p.map(|(_, l)| l), &categories);
            count_dates(&mut dates, ge, pe);
            errors.extend(builder.record(ge, pe, categories));
        }
        Ok(rows.tally(&labels, dates))
    }
}

/// Buffers reused from one document to the next.
#[derive(Debug, Default)]
struct Scratch {
    gold: Entities,
    pred: Entities,
    pairer: Pairer,
    pairs: Vec<(usize, usize)>,
    outcomes: Outcomes,
    rows: Rows,
}

/// One side of a document in canonical order: for position `i`, the index
/// of the entity in the input, its span and its label id.
#[derive(Debug, Default)]
struct Entities {
    order: Vec<usize>,
    spans: Vec<Span>,
    labels: Vec<u32>,
}

impl Entities {
    fn prepare<'a>(&mut self, entities: &'a [Entity], labels: &mut Vec<&'a Label>) {
        self.order.clear();
        self.order.extend(0..entities.len());
        // A stable sort: ties keep input order, as the index breaks them.
        self.order
            .sort_unstable_by(|&a, &b| canonical_cmp(&entities[a], &entities[b]).then(a.cmp(&b)));
        self.spans.clear();
        self.spans
            .extend(self.order.iter().map(|&i| entities[i].span));
        self.labels.clear();
        self.labels.extend(
            self.order
                .iter()
                .map(|&i| label_id(&entities[i].label, labels)),
        );
    }

    fn side(&self) -> PairSide<'_> {
        PairSide {
            spans: &self.spans,
            labels: &self.labels,
        }
    }
}

/// The id of `label`: its position in `labels`, where it is added if new.
fn label_id<'a>(label: &'a Label, labels: &mut Vec<&'a Label>) -> u32 {
    let k = match labels.iter().position(|l| *l == label) {
        Some(k) => k,
        None => {
            labels.push(label);
            labels.len() - 1
        }
    };
    k as u32
}

/// The pairs and unpaired entities of a document, with buffers.
#[derive(Debug, Default)]
struct Outcomes {
    list: Vec<Outcome>,
    paired_gold: Vec<bool>,
    paired_pred: Vec<bool>,
}

/// A pair or an unpaired entity: positions in the canonical lists.
#[derive(Clone, Copy, Debug)]
struct Outcome {
    /// The first span involved, whether the gold side is empty, and the
    /// position in the list before sorting.
    key: (Span, bool, usize),
    gold: Option<usize>,
    pred: Option<usize>,
}

impl Outcome {
    fn new(seq: usize, gold: Option<(usize, Span)>, pred: Option<(usize, Span)>) -> Outcome {
        let first = match (gold, pred) {
            (Some((_, a)), Some((_, b))) => a.min(b),
            (Some((_, a)), None) | (None, Some((_, a))) => a,
            (None, None) => unreachable!("an outcome has an entity"),
        };
        Outcome {
            key: (first, gold.is_none(), seq),
            gold: gold.map(|(i, _)| i),
            pred: pred.map(|(j, _)| j),
        }
    }
}

/// One document's counts by label id, turned into a [`Tally`] at the end:
/// the same counts as recording each pair into the tally's maps, with one
/// map entry per label instead of one per entity.
#[derive(Debug, Default)]
struct Rows {
    /// Per label id, each scheme's row.
    by_label: Vec<[Counts; 4]>,
    overall: [Counts; 4],
    cross_label: [Counts; 4],
    /// `(labels + 1)²` cells, gold-major; id 0 is "none", label k is k + 1.
    confusion: Vec<u64>,
    labels: usize,
}

impl Rows {
    fn reset(&mut self, labels: usize) {
        self.by_label.clear();
        self.by_label.resize(labels, [Counts::default(); 4]);
        self.overall = [Counts::default(); 4];
        self.cross_label = [Counts::default(); 4];
        self.confusion.clear();
        self.confusion.resize((labels + 1) * (labels + 1), 0);
        self.labels = labels;
    }

    /// A pair or an unpaired entity (label ids), classified under each
    /// scheme; see [`SchemeCounts`] for how rows count cross-label pairs.
    fn record(&mut self, gold: Option<u32>, pred: Option<u32>, categories: &Categories) {
        for (s, scheme) in Scheme::ALL.into_iter().enumerate() {
            let category = categories.get(scheme);
            self.overall[s].count(category);
            match (gold, pred) {
                (Some(g), Some(p)) if g != p => {
                    self.cross_label[s].count(category);
                    self.by_label[g as usize][s].count(Category::Missing);
                    self.by_label[p as usize][s].count(Category::Spurious);
                }
                (Some(label), _) | (None, Some(label)) => {
                    self.by_label[label as usize][s].count(category)
                }
                (None, None) => {}
            }
        }
        let cell = |id: Option<u32>| id.map_or(0, |k| k as usize + 1);
        self.confusion[cell(gold) * (self.labels + 1) + cell(pred)] += 1;
    }

    fn tally(&self, labels: &[&Label], dates: DateCounts) -> Tally {
        let mut tally = Tally::default();
        for (s, scheme) in Scheme::ALL.into_iter().enumerate() {
            let by_label = labels
                .iter()
                .zip(&self.by_label)
                .filter(|(_, rows)| !rows[s].is_empty())
                .map(|(label, rows)| ((*label).clone(), rows[s]))
                .collect();
            *tally.scheme_mut(scheme) =
                SchemeCounts::from_parts(self.overall[s], by_label, self.cross_label[s]);
        }
        let label = |k: usize| k.checked_sub(1).map(|k| labels[k]);
        let width = self.labels + 1;
        for (cell, &count) in self.confusion.iter().enumerate() {
            if count > 0 {
                let (g, p) = (cell / width, cell % width);
                tally.confusion_mut().add_cell(label(g), label(p), count);
            }
        }
        *tally.dates_mut() = dates;
        tally
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

/// The categories of a pair or an unpaired entity; the label ids stand for
/// the labels (equal ids for equal labels).
fn categories(gold: Option<(&Entity, u32)>, predicted: Option<(&Entity, u32)>) -> Categories {
    let of = |scheme: Scheme| match (gold, predicted) {
        (Some((g, gl)), Some((p, pl))) => scheme.classify(g.span == p.span, gl == pl),
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

fn count_dates(dates: &mut DateCounts, gold: Option<&Entity>, predicted: Option<&Entity>) {
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
