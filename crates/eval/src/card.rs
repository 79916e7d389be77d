//! Scorecards: per-document raw counts that merge by addition.

use std::collections::BTreeMap;

use nerbench_core::Label;
use serde::{Deserialize, Serialize};

use crate::counts::{ratio, Prf, Scheme, SchemeCounts};
use crate::labels;
use crate::EvalError;

/// TempEval-3 counts for DATE entities under overlap matching.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateCounts {
    /// Gold DATE entities.
    pub gold: u64,
    /// Predicted DATE entities.
    pub predicted: u64,
    /// Pairs of an overlapping gold and predicted DATE.
    pub matched: u64,
    /// Matched pairs whose values are equal (both present).
    pub value_matched: u64,
    /// Matched pairs with equal spans and equal values.
    pub strict_value_matched: u64,
}

impl DateCounts {
    /// Relaxed (overlap) precision, recall and F1 of DATE entities.
    pub fn relaxed(&self) -> Prf {
        Prf::new(
            ratio(self.matched as f64, self.predicted),
            ratio(self.matched as f64, self.gold),
        )
    }

    /// Share of matched DATE pairs whose normalised values agree.
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_matched as f64, self.matched)
    }

    /// TempEval-3's value F1: value accuracy times relaxed F1.
    pub fn value_f1(&self) -> f64 {
        self.value_accuracy() * self.relaxed().f1
    }

    /// Precision, recall and F1 when span, label and value must all be equal.
    pub fn strict_value(&self) -> Prf {
        Prf::new(
            ratio(self.strict_value_matched as f64, self.predicted),
            ratio(self.strict_value_matched as f64, self.gold),
        )
    }

    pub(crate) fn add(&mut self, o: &DateCounts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.value_matched += o.value_matched;
        self.strict_value_matched += o.strict_value_matched;
    }
}

/// Label confusion over the pairing: gold label (or none, for a spurious
/// prediction) against predicted label (or none, for a missing gold entity).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<ConfusionCell>", into = "Vec<ConfusionCell>")]
pub struct Confusion {
    cells: BTreeMap<(Option<Label>, Option<Label>), u64>,
}

/// One cell of a [`Confusion`] matrix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfusionCell {
    #[serde(with = "labels::option")]
    pub gold: Option<Label>,
    #[serde(with = "labels::option")]
    pub predicted: Option<Label>,
    pub count: u64,
}

impl Confusion {
    /// How often `gold` was paired with `predicted` (`None` on one side: unpaired).
    pub fn get(&self, gold: Option<&Label>, predicted: Option<&Label>) -> u64 {
        let key = (gold.cloned(), predicted.cloned());
        self.cells.get(&key).copied().unwrap_or(0)
    }

    /// The non-zero cells, gold label first, in label order (none first).
    pub fn cells(&self) -> Vec<ConfusionCell> {
        self.cells
            .iter()
            .map(|((gold, predicted), &count)| ConfusionCell {
                gold: gold.clone(),
                predicted: predicted.clone(),
                count,
            })
            .collect()
    }

    /// Counts `count` more pairings of `gold` with `predicted`.
    pub(crate) fn add_cell(&mut self, gold: Option<&Label>, predicted: Option<&Label>, count: u64) {
        *self
            .cells
            .entry((gold.cloned(), predicted.cloned()))
            .or_default() += count;
    }

    fn add(&mut self, other: &Confusion) {
        for (key, count) in &other.cells {
            *self.cells.entry(key.clone()).or_default() += count;
        }
    }
}

impl From<Vec<ConfusionCell>> for Confusion {
    fn from(cells: Vec<ConfusionCell>) -> Self {
        let mut confusion = Confusion::default();
        for c in cells {
            *confusion.cells.entry((c.gold, c.predicted)).or_default() += c.count;
        }
        confusion
    }
}

impl From<Confusion> for Vec<ConfusionCell> {
    fn from(c: Confusion) -> Self {
        c.cells()
    }
}

/// Every count kept for one document, or for a sum of documents.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    strict: SchemeCounts,
    exact: SchemeCounts,
    partial: SchemeCounts,
    #[serde(rename = "type")]
    type_: SchemeCounts,
    dates: DateCounts,
    confusion: Confusion,
}

impl Tally {
    /// The counts under one scheme.
    pub fn scheme(&self, scheme: Scheme) -> &SchemeCounts {
        match scheme {
            Scheme::Strict => &self.strict,
            Scheme::Exact => &self.exact,
            Scheme::Partial => &self.partial,
            Scheme::Type => &self.type_,
        }
    }

    pub(crate) fn scheme_mut(&mut self, scheme: Scheme) -> &mut SchemeCounts {
        match scheme {
            Scheme::Strict => &mut self.strict,
            Scheme::Exact => &mut self.exact,
            Scheme::Partial => &mut self.partial,
            Scheme::Type => &mut self.type_,
        }
    }

    /// TempEval-3 date counts.
    pub fn dates(&self) -> &DateCounts {
        &self.dates
    }

    pub(crate) fn dates_mut(&mut self) -> &mut DateCounts {
        &mut self.dates
    }

    /// The label confusion matrix.
    pub fn confusion(&self) -> &Confusion {
        &self.confusion
    }

    pub(crate) fn confusion_mut(&mut self) -> &mut Confusion {
        &mut self.confusion
    }

    /// Labels with a gold or predicted entity, in label order.
    pub fn labels(&self) -> Vec<Label> {
        self.strict.by_label().keys().cloned().collect()
    }

    /// Adds `other` in place.
    pub fn add(&mut self, other: &Tally) {
        for s in Scheme::ALL {
            self.scheme_mut(s).add(other.scheme(s));
        }
        self.dates.add(&other.dates);
        self.confusion.add(&other.confusion);
    }
}

/// How the per-label rows are averaged into one number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Average {
    /// From the counts summed over labels.
    Micro,
    /// The unweighted mean of the per-label precision, recall and F1.
    Macro,
    /// The mean weighted by each label's number of gold entities.
    Weighted,
}

/// A mean with its sample standard deviation over `n` items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    pub mean: f64,
    /// Sample standard deviation (n − 1 in the denominator); 0 when n < 2.
    pub sd: f64,
    pub n: usize,
}

impl Spread {
    fn of(values: &[f64]) -> Spread {
        let n = values.len();
        if n == 0 {
            return Spread::default();
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        let sd = if n < 2 {
            0.0
        } else {
            let ss: f64 = values.iter().map(|v| (v - mean).powi(2)).sum();
            (ss / (n - 1) as f64).sqrt()
        };
        Spread { mean, sd, n }
    }
}

/// The counts of every scored document, by document id, and their total.
///
/// Merging two scorecards of disjoint document sets gives exactly the card of
/// scoring all the documents together (sharded evaluation); it serialises to
/// JSON as a baseline and is checked for consistency when read back.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ScorecardRepr")]
pub struct Scorecard {
    documents: BTreeMap<String, Tally>,
    total: Tally,
}

#[derive(Deserialize)]
struct ScorecardRepr {
    documents: BTreeMap<String, Tally>,
    total: Tally,
}

impl TryFrom<ScorecardRepr> for Scorecard {
    type Error = String;

    fn try_from(r: ScorecardRepr) -> Result<Self, Self::Error> {
        let mut card = Scorecard::default();
        for (id, tally) in r.documents {
            card.total.add(&tally);
            card.documents.insert(id, tally);
        }
        if card.total != r.total {
            return Err("total does not equal the sum of the documents".to_string());
        }
        Ok(card)
    }
}

impl Scorecard {
    /// An empty scorecard.
    pub fn new() -> Scorecard {
        Scorecard::default()
    }

    /// Adds one document's counts; a document id may occur only once.
    pub fn insert(&mut self, id: impl Into<String>, tally: Tally) -> Result<(), EvalError> {
        let id = id.into();
        self.insert_uncounted(&id, tally)?;
        self.total.add(&self.documents[&id]);
        Ok(())
    }

    /// [`Scorecard::insert`] without adding the tally to the total: the
    /// caller adds the sum of such tallies with [`Scorecard::add_to_total`].
    pub(crate) fn insert_uncounted(&mut self, id: &str, tally: Tally) -> Result<(), EvalError> {
        if self.documents.contains_key(id) {
            return Err(EvalError::DuplicateDocument(id.to_string()));
        }
        self.documents.insert(id.to_string(), tally);
        Ok(())
    }

    /// Adds `tally` to the total only (see [`Scorecard::insert_uncounted`]).
    pub(crate) fn add_to_total(&mut self, tally: &Tally) {
        self.total.add(tally);
    }

    /// Adds every document of `other`; fails, leaving `self` unchanged, if
    /// the two share a document id.
    pub fn merge(&mut self, other: Scorecard) -> Result<(), EvalError> {
        if let Some(id) = other
            .documents
            .keys()
            .find(|id| self.documents.contains_key(*id))
        {
            return Err(EvalError::DuplicateDocument(id.clone()));
        }
        self.total.add(&other.total);
        self.documents.extend(other.documents);
        Ok(())
    }

    /// The counts summed over all documents.
    pub fn total(&self) -> &Tally {
        &self.total
    }

    /// Per-document counts, by id.
    pub fn documents(&self) -> &BTreeMap<String, Tally> {
        &self.documents
    }

    /// Labels with a gold or predicted entity anywhere, in label order.
    pub fn labels(&self) -> Vec<Label> {
        self.total.labels()
    }

    /// Precision, recall and F1 over all labels, averaged as asked. Macro and
    /// weighted averages run over the labels that occur in gold or predictions.
    pub fn average(&self, scheme: Scheme, average: Average) -> Prf {
        let counts = self.total.scheme(scheme);
        let rows = counts.by_label().values();
        match average {
            Average::Micro => counts.overall().prf(),
            Average::Macro => mean(rows.map(|c| (c.prf(), 1))),
            Average::Weighted => mean(rows.map(|c| (c.prf(), c.possible()))),
        }
    }

    /// One label's precision, recall and F1 (all 0 if it never occurred).
    pub fn label(&self, scheme: Scheme, label: &Label) -> Prf {
        self.total.scheme(scheme).label(label).prf()
    }

    /// The mean and spread of per-document F1 (micro over labels) across the
    /// documents that have a gold or predicted entity.
    pub fn document_f1(&self, scheme: Scheme) -> Spread {
        let f1: Vec<f64> = self
            .documents
            .values()
            .map(|t| t.scheme(scheme).overall())
            .filter(|c| !c.is_empty())
            .map(|c| c.prf().f1)
            .collect();
        Spread::of(&f1)
    }
}

/// Weighted mean of precision, recall and F1; all 0 when the weights sum to 0.
fn mean(items: impl Iterator<Item = (Prf, u64)>) -> Prf {
    let (mut p, mut r, mut f, mut w) = (0.0, 0.0, 0.0, 0u64);
    for (prf, weight) in items {
        let wf = weight as f64;
        p += prf.precision * wf;
        r += prf.recall * wf;
        f += prf.f1 * wf;
        w += weight;
    }
    Prf {
        precision: ratio(p, w),
        recall: ratio(r, w),
        f1: ratio(f, w),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_uses_the_sample_deviation() {
        let s = Spread::of(&[1.0, 0.0, 0.5]);
        assert_eq!(s.n, 3);
        assert!((s.mean - 0.5).abs() < 1e-12);
        assert!((s.sd - 0.5).abs() < 1e-12);
        assert_eq!(Spread::of(&[0.7]).sd, 0.0);
        assert_eq!(Spread::of(&[]), Spread::default());
    }

    #[test]
    fn date_metrics_follow_tempeval3() {
        let d = DateCounts {
            gold: 4,
            predicted: 5,
            matched: 4,
            value_matched: 3,
            strict_value_matched: 2,
        };
        let relaxed = d.relaxed();
        assert_eq!((relaxed.precision, relaxed.recall), (0.8, 1.0));
        assert_eq!(d.value_accuracy(), 0.75);
        assert!((d.value_f1() - 0.75 * relaxed.f1).abs() < 1e-15);
        let strict = d.strict_value();
        assert_eq!((strict.precision, strict.recall), (0.4, 0.5));
        assert_eq!(DateCounts::default().value_f1(), 0.0);
    }
}
