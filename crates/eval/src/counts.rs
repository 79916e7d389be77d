//! Raw counts per category and the ratios derived from them.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use nerbench_core::Label;
use serde::{Deserialize, Serialize};

use crate::labels;

/// The four matching schemes of SemEval-2013 task 9.1, as nervaluate names
/// them (its `ent_type` is [`Scheme::Type`] here).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// Same boundaries and same label.
    Strict,
    /// Same boundaries, any label.
    Exact,
    /// Overlap, any label; an overlap that is not an exact match earns half.
    Partial,
    /// Overlap with the same label.
    Type,
}

impl Scheme {
    /// Every scheme, strictest first.
    pub const ALL: [Scheme; 4] = [Scheme::Strict, Scheme::Exact, Scheme::Partial, Scheme::Type];

    /// The scheme's name: `strict`, `exact`, `partial` or `type`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Strict => "strict",
            Scheme::Exact => "exact",
            Scheme::Partial => "partial",
            Scheme::Type => "type",
        }
    }

    /// The category of a gold/predicted pair that overlaps.
    pub fn classify(self, same_span: bool, same_label: bool) -> Category {
        let correct = match self {
            Scheme::Strict => same_span && same_label,
            Scheme::Exact | Scheme::Partial => same_span,
            Scheme::Type => same_label,
        };
        match (correct, self) {
            (true, _) => Category::Correct,
            (false, Scheme::Partial) => Category::Partial,
            (false, _) => Category::Incorrect,
        }
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not one of `strict`, `exact`, `partial`, `type`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown scheme {0:?}: expected strict, exact, partial or type")]
pub struct ParseSchemeError(pub String);

impl FromStr for Scheme {
    type Err = ParseSchemeError;

    /// Parses a scheme name; nervaluate's `ent_type` is accepted for `type`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "strict" => Scheme::Strict,
            "exact" => Scheme::Exact,
            "partial" => Scheme::Partial,
            "type" | "ent_type" => Scheme::Type,
            _ => return Err(ParseSchemeError(s.to_string())),
        })
    }
}

/// Where a gold or predicted entity ends up under one scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Paired and right under the scheme.
    Correct,
    /// Paired but wrong under the scheme.
    Incorrect,
    /// Paired with overlapping but different boundaries (partial scheme only).
    Partial,
    /// A gold entity left unpaired.
    Missing,
    /// A predicted entity left unpaired.
    Spurious,
}

/// Precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    /// From precision and recall: F1 is their harmonic mean, 0 when both are 0.
    pub fn new(precision: f64, recall: f64) -> Prf {
        let sum = precision + recall;
        let f1 = if sum > 0.0 {
            2.0 * precision * recall / sum
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// `num / den`, or 0 when `den` is 0 (the crate's one zero-denominator rule).
pub(crate) fn ratio(num: f64, den: u64) -> f64 {
    if den == 0 {
        0.0
    } else {
        num / den as f64
    }
}

/// Raw counts of the five categories. `possible` (gold entities) and `actual`
/// (predicted entities) are derived; all ratios come from these integers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "CountsRepr", into = "CountsRepr")]
pub struct Counts {
    pub correct: u64,
    pub incorrect: u64,
    pub partial: u64,
    pub missing: u64,
    pub spurious: u64,
}

impl Counts {
    /// Gold entities counted: correct + incorrect + partial + missing.
    pub fn possible(&self) -> u64 {
        self.correct + self.incorrect + self.partial + self.missing
    }

    /// Predicted entities counted: correct + incorrect + partial + spurious.
    pub fn actual(&self) -> u64 {
        self.correct + self.incorrect + self.partial + self.spurious
    }

    /// Correct plus half the partial matches (only the partial scheme has any).
    fn credit(&self) -> f64 {
        self.correct as f64 + 0.5 * self.partial as f64
    }

    /// Credit / actual, 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.credit(), self.actual())
    }

    /// Credit / possible, 0 when there is no gold entity.
    pub fn recall(&self) -> f64 {
        ratio(self.credit(), self.possible())
    }

    /// Precision, recall and F1.
    pub fn prf(&self) -> Prf {
        Prf::new(self.precision(), self.recall())
    }

    /// True if no entity was counted at all.
    pub fn is_empty(&self) -> bool {
        self.possible() == 0 && self.actual() == 0
    }

    /// Counts one more entity or pair.
    pub fn count(&mut self, category: Category) {
        *match category {
            Category::Correct => &mut self.correct,
            Category::Incorrect => &mut self.incorrect,
            Category::Partial => &mut self.partial,
            Category::Missing => &mut self.missing,
            Category::Spurious => &mut self.spurious,
        } += 1;
    }

    /// Adds `other` in place.
    pub fn add(&mut self, other: &Counts) {
        self.add_times(other, 1);
    }

    /// Adds `times` copies of `other`.
    pub(crate) fn add_times(&mut self, other: &Counts, times: u64) {
        self.correct += other.correct * times;
        self.incorrect += other.incorrect * times;
        self.partial += other.partial * times;
        self.missing += other.missing * times;
        self.spurious += other.spurious * times;
    }
}

/// The serialised form: the five counts plus `possible` and `actual`, so the
/// JSON is readable on its own; both are checked when read back.
#[derive(Serialize, Deserialize)]
struct CountsRepr {
    correct: u64,
    incorrect: u64,
    partial: u64,
    missing: u64,
    spurious: u64,
    possible: u64,
    actual: u64,
}

impl From<Counts> for CountsRepr {
    fn from(c: Counts) -> Self {
        CountsRepr {
            correct: c.correct,
            incorrect: c.incorrect,
            partial: c.partial,
            missing: c.missing,
            spurious: c.spurious,
            possible: c.possible(),
            actual: c.actual(),
        }
    }
}

impl TryFrom<CountsRepr> for Counts {
    type Error = String;

    fn try_from(r: CountsRepr) -> Result<Self, Self::Error> {
        let c = Counts {
            correct: r.correct,
            incorrect: r.incorrect,
            partial: r.partial,
            missing: r.missing,
            spurious: r.spurious,
        };
        if c.possible() != r.possible || c.actual() != r.actual {
            return Err(format!(
                "possible/actual {}/{} do not match the counts (expected {}/{})",
                r.possible,
                r.actual,
                c.possible(),
                c.actual()
            ));
        }
        Ok(c)
    }
}

/// One scheme's counts: over all labels, per label, and for cross-label pairs.
///
/// Per-label rows follow nervaluate: the row for label L counts the gold and
/// predicted entities *of label L only*, as if the lists had been filtered to
/// L. A pair whose two labels differ (a *cross-label* pair) therefore shows in
/// the rows as a missing gold entity (under the gold label) and a spurious
/// prediction (under the predicted label), and in [`SchemeCounts::cross_label`]
/// as its real category. The rows add up to the overall counts this way:
///
/// - correct, incorrect, partial: overall = Σ rows + cross-label;
/// - missing, spurious: overall = Σ rows − (number of cross-label pairs);
/// - hence possible and actual: overall = Σ rows, exactly.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SchemeCountsRepr")]
pub struct SchemeCounts {
    overall: Counts,
    #[serde(with = "labels::keys")]
    by_label: BTreeMap<Label, Counts>,
    cross_label: Counts,
}

#[derive(Deserialize)]
struct SchemeCountsRepr {
    overall: Counts,
    #[serde(with = "labels::keys")]
    by_label: BTreeMap<Label, Counts>,
    cross_label: Counts,
}

impl TryFrom<SchemeCountsRepr> for SchemeCounts {
    type Error = String;

    fn try_from(r: SchemeCountsRepr) -> Result<Self, Self::Error> {
        let counts = SchemeCounts {
            overall: r.overall,
            by_label: r.by_label,
            cross_label: r.cross_label,
        };
        counts.check()?;
        Ok(counts)
    }
}

impl SchemeCounts {
    /// Counts over all labels.
    pub fn overall(&self) -> &Counts {
        &self.overall
    }

    /// Per-label rows, for every label with a gold or predicted entity.
    pub fn by_label(&self) -> &BTreeMap<Label, Counts> {
        &self.by_label
    }

    /// One label's row; all zero if the label never occurred.
    pub fn label(&self, label: &Label) -> Counts {
        self.by_label.get(label).copied().unwrap_or_default()
    }

    /// Categories of the pairs whose gold and predicted labels differ
    /// (missing and spurious are always 0 here).
    pub fn cross_label(&self) -> &Counts {
        &self.cross_label
    }

    /// The sum of the per-label rows.
    pub fn label_sum(&self) -> Counts {
        let mut sum = Counts::default();
        for row in self.by_label.values() {
            sum.add(row);
        }
        sum
    }

    /// Checks the identity between rows and overall (see the type's doc).
    pub(crate) fn check(&self) -> Result<(), String> {
        let rows = self.label_sum();
        let (all, cross) = (&self.overall, &self.cross_label);
        let pairs = cross.correct + cross.incorrect + cross.partial;
        let holds = all.correct == rows.correct + cross.correct
            && all.incorrect == rows.incorrect + cross.incorrect
            && all.partial == rows.partial + cross.partial
            && all.missing + pairs == rows.missing
            && all.spurious + pairs == rows.spurious
            && cross.missing == 0
            && cross.spurious == 0
            && self.by_label.values().all(|c| !c.is_empty());
        if holds {
            Ok(())
        } else {
            Err(format!(
                "per-label rows {rows:?} and cross-label {cross:?} do not add up to {all:?}"
            ))
        }
    }

    /// Counts built elsewhere; `by_label` must hold only non-empty rows (as
    /// counting entities one by one would give), so that the identity of
    /// [`SchemeCounts::check`] holds.
    pub(crate) fn from_parts(
        overall: Counts,
        by_label: BTreeMap<Label, Counts>,
        cross_label: Counts,
    ) -> SchemeCounts {
        let counts = SchemeCounts {
            overall,
            by_label,
            cross_label,
        };
        debug_assert_eq!(counts.check(), Ok(()));
        counts
    }

    fn row(&mut self, label: &Label) -> &mut Counts {
        self.by_label.entry(label.clone()).or_default()
    }

    /// Adds `other` in place.
    pub fn add(&mut self, other: &SchemeCounts) {
        self.overall.add(&other.overall);
        self.cross_label.add(&other.cross_label);
        for (label, counts) in &other.by_label {
            self.row(label).add(counts);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_classify_as_semeval_does() {
        use Category::*;
        let table = [
            // (same span, same label) → strict, exact, partial, type
            ((true, true), [Correct, Correct, Correct, Correct]),
            ((true, false), [Incorrect, Correct, Correct, Incorrect]),
            ((false, true), [Incorrect, Incorrect, Partial, Correct]),
            ((false, false), [Incorrect, Incorrect, Partial, Incorrect]),
        ];
        for ((span, label), expected) in table {
            let got = Scheme::ALL.map(|s| s.classify(span, label));
            assert_eq!(got, expected, "same span {span}, same label {label}");
        }
    }

    #[test]
    fn zero_denominators_give_zero_not_nan() {
        let empty = Counts::default();
        assert_eq!(empty.prf(), Prf::default());
        let only_missing = Counts {
            missing: 3,
            ..Counts::default()
        };
        assert_eq!(only_missing.prf(), Prf::default());
        let only_spurious = Counts {
            spurious: 2,
            ..Counts::default()
        };
        assert_eq!(only_spurious.prf(), Prf::default());
    }

    #[test]
    fn partial_matches_earn_half() {
        let c = Counts {
            correct: 1,
            partial: 2,
            missing: 1,
            ..Counts::default()
        };
        assert_eq!(c.possible(), 4);
        assert_eq!(c.actual(), 3);
        assert_eq!(c.precision(), 2.0 / 3.0);
        assert_eq!(c.recall(), 0.5);
    }

    #[test]
    fn counts_round_trip_and_reject_wrong_totals() {
        let c = Counts {
            correct: 2,
            incorrect: 1,
            partial: 0,
            missing: 4,
            spurious: 5,
        };
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.contains("\"possible\":7") && json.contains("\"actual\":8"));
        assert_eq!(serde_json::from_str::<Counts>(&json).unwrap(), c);
        let bad = json.replace("\"possible\":7", "\"possible\":6");
        let err = serde_json::from_str::<Counts>(&bad).unwrap_err();
        assert!(err.to_string().contains("possible/actual 6/8"), "{err}");
    }

    #[test]
    fn scheme_names_parse() {
        for s in Scheme::ALL {
            assert_eq!(s.as_str().parse::<Scheme>(), Ok(s));
        }
        assert_eq!("ent_type".parse::<Scheme>(), Ok(Scheme::Type));
        assert!("loose".parse::<Scheme>().is_err());
    }
}
