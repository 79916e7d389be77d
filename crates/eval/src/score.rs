//! Scoring documents: pairing, counting, error records.

use std::collections::BTreeMap;

use nerbench_core::offsets::CharCursor;
use nerbench_core::{Entity, Label, Span};

use crate::card::{DateCounts, Scorecard, Tally};
use crate::counts::{Category, Counts, Scheme, SchemeCounts};
use crate::errors::{Categories, ErrorBuilder, ErrorRecord};
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

/// Scores predictions against gold. Holds only options about the error
/// records; the counts never depend on them.
#[derive(Clone, Debug)]
pub struct Scorer {
    context_chars: usize,
    errors: bool,
}

impl Default for Scorer {
    fn default() -> Self {
        Scorer {
            context_chars: 40,
            errors: true,
        }
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
            ..self
        }
    }

    /// The same scorer making no error records: [`Evaluation::errors`] and
    /// [`DocumentResult::errors`] stay empty and the counts are the same.
    /// For callers that only read the scorecard (a gate, a summary), which
    /// then save about a quarter of the scoring time: each record copies
    /// its entities' text and the context around them.
    pub fn without_errors(self) -> Scorer {
        Scorer {
            errors: false,
            ..self
        }
    }

    /// Scores every document; ids must be unique.
    pub fn score<'a>(
        &self,
        documents: impl IntoIterator<Item = DocumentInput<'a>>,
    ) -> Result<Evaluation, EvalError> {
        // Counts first, noting which pairs and entities are errors; then the
        // error records, into a list of exactly the right size (records are
        // large, and growing a list of them copied and faulted in a lot).
        let mut evaluation = Evaluation::default();
        let mut scratch = Scratch::default();
        // The total is summed by label id and made a tally once at the end
        // (the same sums as adding each document's tally to it).
        let mut total = Total::default();
        let mut docs = Vec::new();
        let mut pending = Vec::new();
        for doc in documents {
            let tally = self.count(
                &doc,
                docs.len(),
                &mut scratch,
                &mut pending,
                Some(&mut total),
            )?;
            evaluation.scorecard.insert_uncounted(doc.id, tally)?;
            docs.push(doc);
        }
        evaluation.scorecard.add_to_total(&total.tally());
        evaluation.errors = self.error_records(&docs, &pending);
        Ok(evaluation)
    }

    /// Scores one document. Fails if an entity's span does not fit the text.
    pub fn score_document(&self, doc: &DocumentInput<'_>) -> Result<DocumentResult, EvalError> {
        let mut pending = Vec::new();
        let tally = self.count(doc, 0, &mut Scratch::default(), &mut pending, None)?;
        Ok(DocumentResult {
            id: doc.id.to_string(),
            tally,
            errors: self.error_records(std::slice::from_ref(doc), &pending),
        })
    }

    /// Pairs and counts one document (number `doc` of the input), appending
    /// its errors, in text order, to `pending`.
    fn count(
        &self,
        doc: &DocumentInput<'_>,
        number: usize,
        scratch: &mut Scratch,
        pending: &mut Vec<Pending>,
        total: Option<&mut Total>,
    ) -> Result<Tally, EvalError> {
        let Scratch {
            gold,
            pred,
            ranks,
            pairer,
            pairs,
            outcomes,
            rows,
        } = scratch;
        // Label ids: equal labels get equal ids, numbered as first seen.
        let mut ids = LabelIds::default();
        gold.read(doc, Side::Gold, doc.gold, &mut ids)?;
        pred.read(doc, Side::Predicted, doc.predicted, &mut ids)?;
        // DATE's id (u32::MAX, which no entity has, if neither side has one).
        let date = ids.standard[3];
        let labels = ids.labels;
        if !(gold.sorted && pred.sorted) {
            // Each label id's rank in label order, for the canonical order.
            ranks.clear();
            ranks.extend(
                labels
                    .iter()
                    .map(|l| labels.iter().filter(|m| *m < l).count() as u32),
            );
        }
        gold.sort(doc.gold, ranks);
        pred.sort(doc.predicted, ranks);
        pairer.pair(gold.side(), pred.side(), pairs);

        // Text order for the error list: by the first span involved, gold
        // before unpaired predictions, then pairs, missing and spurious
        // entities in that order, each in canonical order (the sequence
        // number `seq` makes every key distinct). The missing and the
        // spurious entities are in that order already, and the pairs nearly
        // so: three runs to merge.
        let Outcomes {
            list,
            pairs_run,
            missing_run,
            spurious_run,
        } = outcomes;
        pairs_run.clear();
        for &(i, j) in pairs.iter() {
            pairs_run.push(Outcome::new(
                pairs_run.len(),
                Some((i, gold.spans[i])),
                Some((j, pred.spans[j])),
            ));
        }
        if !pairs_run.is_sorted_by_key(|o| o.key) {
            pairs_run.sort_unstable_by_key(|o| o.key);
        }
        let mut seq = pairs_run.len();
        missing_run.clear();
        for i in pairer.unpaired_gold() {
            missing_run.push(Outcome::new(seq, Some((i, gold.spans[i])), None));
            seq += 1;
        }
        spurious_run.clear();
        for j in pairer.unpaired_pred() {
            spurious_run.push(Outcome::new(seq, None, Some((j, pred.spans[j]))));
            seq += 1;
        }
        list.clear();
        merge(pairs_run, missing_run, list);
        std::mem::swap(pairs_run, list);
        list.clear();
        merge(pairs_run, spurious_run, list);
        debug_assert!(list.is_sorted_by_key(|o| o.key));

        rows.reset(labels.len());
        let mut dates = DateCounts::default();
        for o in list.iter() {
            let g = o.gold.map(|i| (gold.spans[i], gold.labels[i]));
            let p = o.pred.map(|j| (pred.spans[j], pred.labels[j]));
            let categories = categories(g, p);
            rows.record(g.map(|(_, l)| l), p.map(|(_, l)| l), &categories);
            let is_date =
                |side: Option<(Span, u32)>| side.filter(|&(_, l)| l == date).map(|(s, _)| s);
            let (gold_date, pred_date) = (is_date(g), is_date(p));
            let (gold_entity, pred_entity) = (
                o.gold.map(|i| gold.keys[i].2),
                o.pred.map(|j| pred.keys[j].2),
            );
            if let (Some(gs), Some(ps)) = (gold_date, pred_date) {
                // Both DATE: the values decide (only here are the entities read).
                let g = &doc.gold[gold_entity.expect("a gold span has an entity")];
                let p = &doc.predicted[pred_entity.expect("a predicted span has an entity")];
                // A value matches only if both sides have one and they are equal.
                let same_value = g.value.is_some() && g.value == p.value;
                dates.matched += 1;
                dates.value_matched += u64::from(same_value);
                dates.strict_value_matched += u64::from(same_value && gs == ps);
            }
            dates.gold += u64::from(gold_date.is_some());
            dates.predicted += u64::from(pred_date.is_some());
            // Every outcome but a strict match is an error.
            if self.errors && categories.strict != Category::Correct {
                pending.push(Pending {
                    document: number,
                    gold: gold_entity,
                    predicted: pred_entity,
                    categories,
                });
            }
        }
        if let Some(total) = total {
            total.add(&labels, rows, &dates);
        }
        Ok(rows.tally(&labels, dates))
    }

    /// The error records of `pending`, whose documents are numbers into `docs`.
    fn error_records(&self, docs: &[DocumentInput<'_>], pending: &[Pending]) -> Vec<ErrorRecord> {
        let mut errors = Vec::with_capacity(pending.len());
        for same_doc in pending.chunk_by(|a, b| a.document == b.document) {
            let doc = &docs[same_doc[0].document];
            let mut builder = ErrorBuilder {
                document: doc.id,
                text: doc.text,
                chars: CharCursor::new(doc.text),
                window: self.context_chars,
            };
            for e in same_doc {
                let gold = e.gold.map(|i| &doc.gold[i]);
                let predicted = e.predicted.map(|j| &doc.predicted[j]);
                errors.extend(builder.record(gold, predicted, e.categories));
            }
        }
        errors
    }
}

/// An error noted while counting, to be turned into an [`ErrorRecord`]:
/// the document's number and the entities' indices in the input lists.
#[derive(Clone, Copy, Debug)]
struct Pending {
    document: usize,
    gold: Option<usize>,
    predicted: Option<usize>,
    categories: Categories,
}

/// Buffers reused from one document to the next.
#[derive(Debug, Default)]
struct Scratch {
    gold: Entities,
    pred: Entities,
    ranks: Vec<u32>,
    pairer: Pairer,
    pairs: Vec<(usize, usize)>,
    outcomes: Outcomes,
    rows: Rows,
}

/// One side of a document in canonical order: for position `i`, the index
/// of the entity in the input, its span and its label id.
#[derive(Debug, Default)]
struct Entities {
    /// Span, label id and input index of each entity, read once.
    keys: Vec<(Span, u32, usize)>,
    /// Whether the input was in canonical order already.
    sorted: bool,
    /// The spans and label ids of `keys`, as the pairing reads them.
    spans: Vec<Span>,
    labels: Vec<u32>,
}

impl Entities {
    /// Reads the spans and label ids of `entities` (one side of `doc`),
    /// checking that each span fits the text; the first that does not is
    /// the error.
    fn read<'a>(
        &mut self,
        doc: &DocumentInput<'_>,
        side: Side,
        entities: &'a [Entity],
        labels: &mut LabelIds<'a>,
    ) -> Result<(), EvalError> {
        self.keys.clear();
        self.sorted = true;
        let mut previous: Option<&Entity> = None;
        for (i, e) in entities.iter().enumerate() {
            Span::within(doc.text, e.span.start(), e.span.end()).map_err(|source| {
                EvalError::BadSpan {
                    document: doc.id.to_string(),
                    side,
                    label: e.label.clone(),
                    source,
                }
            })?;
            self.keys.push((e.span, labels.id(&e.label), i));
            // Ties are fine: a stable sort keeps them in input order.
            if let Some(p) = previous.filter(|_| self.sorted) {
                self.sorted = canonical_cmp(p, e) != std::cmp::Ordering::Greater;
            }
            previous = Some(e);
        }
        Ok(())
    }

    /// Puts the entities read in canonical order (span, label, value; see
    /// [`canonical_cmp`]), ties in input order as a stable sort would leave
    /// them. `ranks` orders the label ids as their labels.
    fn sort(&mut self, entities: &[Entity], ranks: &[u32]) {
        if !self.sorted {
            self.keys.sort_unstable_by(|&(sa, la, a), &(sb, lb, b)| {
                (sa, ranks[la as usize])
                    .cmp(&(sb, ranks[lb as usize]))
                    .then_with(|| entities[a].value.cmp(&entities[b].value))
                    .then(a.cmp(&b))
            });
        }
        debug_assert!(self.keys.windows(2).all(|w| {
            canonical_cmp(&entities[w[0].2], &entities[w[1].2]).then(w[0].2.cmp(&w[1].2))
                == std::cmp::Ordering::Less
        }));
        self.spans.clear();
        self.spans.extend(self.keys.iter().map(|k| k.0));
        self.labels.clear();
        self.labels.extend(self.keys.iter().map(|k| k.1));
    }

    fn side(&self) -> PairSide<'_> {
        PairSide {
            spans: &self.spans,
            labels: &self.labels,
        }
    }
}

/// Label ids of one document: equal labels get equal ids, numbered as first
/// seen; `labels[id]` is the label.
struct LabelIds<'a> {
    labels: Vec<&'a Label>,
    /// The ids of the four standard labels, looked up without comparing.
    standard: [u32; 4],
}

impl Default for LabelIds<'_> {
    fn default() -> Self {
        LabelIds {
            labels: Vec::new(),
            standard: [u32::MAX; 4],
        }
    }
}

impl<'a> LabelIds<'a> {
    fn id(&mut self, label: &'a Label) -> u32 {
        let slot = match label {
            Label::Per => 0,
            Label::Org => 1,
            Label::Loc => 2,
            Label::Date => 3,
            Label::Other(_) => {
                return match self.labels.iter().position(|l| *l == label) {
                    Some(k) => k as u32,
                    None => self.push(label),
                };
            }
        };
        if self.standard[slot] == u32::MAX {
            self.standard[slot] = self.push(label);
        }
        self.standard[slot]
    }

    fn push(&mut self, label: &'a Label) -> u32 {
        self.labels.push(label);
        (self.labels.len() - 1) as u32
    }
}

/// The pairs and unpaired entities of a document, with buffers.
#[derive(Debug, Default)]
struct Outcomes {
    list: Vec<Outcome>,
    pairs_run: Vec<Outcome>,
    missing_run: Vec<Outcome>,
    spurious_run: Vec<Outcome>,
}

/// Appends to `out` the merge of two lists sorted by key (keys are distinct).
fn merge(a: &[Outcome], b: &[Outcome], out: &mut Vec<Outcome>) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].key < b[j].key {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
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
}

impl Rows {
    /// The side of the confusion matrix: one more than the label ids.
    fn width(&self) -> usize {
        self.by_label.len() + 1
    }

    fn reset(&mut self, labels: usize) {
        self.by_label.clear();
        self.by_label.resize(labels, [Counts::default(); 4]);
        self.overall = [Counts::default(); 4];
        self.cross_label = [Counts::default(); 4];
        self.confusion.clear();
        self.confusion.resize((labels + 1) * (labels + 1), 0);
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
        let width = self.width();
        self.confusion[cell(gold) * width + cell(pred)] += 1;
    }

    fn tally(&self, labels: &[&Label], dates: DateCounts) -> Tally {
        let mut tally = Tally::default();
        for (s, scheme) in Scheme::ALL.into_iter().enumerate() {
            let mut by_label = BTreeMap::new();
            for (label, rows) in labels.iter().zip(&self.by_label) {
                if !rows[s].is_empty() {
                    by_label.insert((*label).clone(), rows[s]);
                }
            }
            *tally.scheme_mut(scheme) =
                SchemeCounts::from_parts(self.overall[s], by_label, self.cross_label[s]);
        }
        let label = |k: usize| k.checked_sub(1).map(|k| labels[k]);
        let width = self.width();
        for (cell, &count) in self.confusion.iter().enumerate() {
            if count > 0 {
                let (g, p) = (cell / width, cell % width);
                tally.confusion_mut().add_cell(label(g), label(p), count);
            }
        }
        *tally.dates_mut() = dates;
        tally
    }

    /// Makes room for `labels` label ids, keeping the counts.
    fn grow(&mut self, labels: usize) {
        let (old, new) = (self.width(), labels + 1);
        let mut confusion = vec![0; new * new];
        for (cell, &count) in self.confusion.iter().enumerate() {
            confusion[cell / old * new + cell % old] = count;
        }
        self.confusion = confusion;
        self.by_label.resize(labels, [Counts::default(); 4]);
    }

    /// Adds `other`, whose label id `k` is this one's `ids[k]`.
    fn absorb(&mut self, ids: &[usize], other: &Rows) {
        for (k, rows) in other.by_label.iter().enumerate() {
            for (sum, row) in self.by_label[ids[k]].iter_mut().zip(rows) {
                sum.add(row);
            }
        }
        for s in 0..Scheme::ALL.len() {
            self.overall[s].add(&other.overall[s]);
            self.cross_label[s].add(&other.cross_label[s]);
        }
        let id = |cell: usize| cell.checked_sub(1).map_or(0, |k| ids[k] + 1);
        let (theirs, ours) = (other.width(), self.width());
        for (cell, &count) in other.confusion.iter().enumerate() {
            if count > 0 {
                self.confusion[id(cell / theirs) * ours + id(cell % theirs)] += count;
            }
        }
    }
}

/// The counts of several documents, by label ids of their own.
#[derive(Debug, Default)]
struct Total {
    labels: Vec<Label>,
    /// Scratch: this total's id of each label id of the document added.
    ids: Vec<usize>,
    rows: Rows,
    dates: DateCounts,
}

impl Total {
    /// Adds one document's counts; `labels` names its label ids.
    fn add(&mut self, labels: &[&Label], rows: &Rows, dates: &DateCounts) {
        self.ids.clear();
        for &label in labels {
            let id = match self.labels.iter().position(|l| l == label) {
                Some(k) => k,
                None => {
                    self.labels.push(label.clone());
                    self.labels.len() - 1
                }
            };
            self.ids.push(id);
        }
        if self.labels.len() > self.rows.by_label.len() {
            self.rows.grow(self.labels.len());
        }
        self.rows.absorb(&self.ids, rows);
        self.dates.add(dates);
    }

    fn tally(&self) -> Tally {
        let labels: Vec<&Label> = self.labels.iter().collect();
        self.rows.tally(&labels, self.dates)
    }
}

/// The categories of a pair or an unpaired entity, given as span and label
/// id (equal ids for equal labels).
fn categories(gold: Option<(Span, u32)>, predicted: Option<(Span, u32)>) -> Categories {
    let of = |scheme: Scheme| match (gold, predicted) {
        (Some((gs, gl)), Some((ps, pl))) => scheme.classify(gs == ps, gl == pl),
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
