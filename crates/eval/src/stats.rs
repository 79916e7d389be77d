//! Is a difference real? Bootstrap confidence intervals over documents and a
//! paired approximate randomisation test, both seeded and reproducible.

use nerbench_core::Label;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::card::{Scorecard, Tally};
use crate::counts::{Counts, Scheme};
use crate::{labels, EvalError};

/// Which F1 a statistic is about: one scheme, over all labels (micro) or for
/// one label.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Target {
    pub scheme: Scheme,
    /// `None` for all labels.
    #[serde(with = "labels::option")]
    pub label: Option<Label>,
}

impl Target {
    /// F1 over all labels under `scheme`.
    pub fn overall(scheme: Scheme) -> Target {
        Target {
            scheme,
            label: None,
        }
    }

    /// F1 of one label under `scheme`.
    pub fn label(scheme: Scheme, label: Label) -> Target {
        Target {
            scheme,
            label: Some(label),
        }
    }

    fn counts(&self, tally: &Tally) -> Counts {
        let counts = tally.scheme(self.scheme);
        match &self.label {
            None => *counts.overall(),
            Some(label) => counts.label(label),
        }
    }
}

/// Settings of the percentile bootstrap.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BootstrapOptions {
    /// Resamples of the document set (default 1000).
    pub resamples: usize,
    /// Confidence level, strictly between 0 and 1 (default 0.95).
    pub level: f64,
    /// Seed of the ChaCha8 generator (default 0).
    pub seed: u64,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        BootstrapOptions {
            resamples: 1000,
            level: 0.95,
            seed: 0,
        }
    }
}

/// A point estimate with its bootstrap confidence interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
    pub level: f64,
}

/// Settings of the approximate randomisation test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RandomisationOptions {
    /// Random relabellings (default 9999).
    pub trials: usize,
    /// Seed of the ChaCha8 generator (default 0).
    pub seed: u64,
}

impl Default for RandomisationOptions {
    fn default() -> Self {
        RandomisationOptions {
            trials: 9999,
            seed: 0,
        }
    }
}

/// The outcome of a paired test of system A against system B.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairedTest {
    /// F1 of A minus F1 of B.
    pub difference: f64,
    /// Trials whose absolute difference was at least the observed one.
    pub at_least_as_large: usize,
    pub trials: usize,
    /// (at_least_as_large + 1) / (trials + 1), two-sided.
    pub p_value: f64,
}

/// Per-document counts of each target, in document order.
fn columns(card: &Scorecard, targets: &[Target]) -> Vec<Vec<Counts>> {
    card.documents()
        .values()
        .map(|tally| targets.iter().map(|t| t.counts(tally)).collect())
        .collect()
}

fn sum_f1(rows: impl Iterator<Item = Counts>) -> f64 {
    let mut sum = Counts::default();
    for c in rows {
        sum.add(&c);
    }
    sum.prf().f1
}

/// Percentile bootstrap intervals for the F1 of each target, resampling
/// documents with replacement. All targets share the same resamples.
///
/// With `B` resamples sorted ascending and `α = 1 − level`, the bounds are the
/// values at 0-based positions `⌊B·α/2⌋` and `⌈B·(1 − α/2)⌉ − 1`.
pub fn bootstrap(
    card: &Scorecard,
    targets: &[Target],
    options: &BootstrapOptions,
) -> Result<Vec<Interval>, EvalError> {
    let level = options.level;
    if !(level > 0.0 && level < 1.0) {
        return Err(EvalError::InvalidLevel(level));
    }
    if options.resamples == 0 {
        return Err(EvalError::NoTrials);
    }
    let docs = columns(card, targets);
    let n = docs.len();
    if n == 0 {
        return Err(EvalError::NoDocuments);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let mut samples = vec![Vec::with_capacity(options.resamples); targets.len()];
    let mut sums = vec![Counts::default(); targets.len()];
    // A resample's sums are those of each document times the number of
    // times it was drawn: the same integers as adding the draws one by one,
    // from one pass over the documents in order instead of a random access
    // per draw.
    let flat: Vec<Counts> = docs.iter().flatten().copied().collect();
    let mut drawn = vec![0u64; n];
    for _ in 0..options.resamples {
        drawn.fill(0);
        for _ in 0..n {
            drawn[rng.random_range(0..n)] += 1;
        }
        sums.fill(Counts::default());
        // (No targets: nothing to sum, and no chunks of length zero.)
        for (doc, &times) in flat.chunks_exact(targets.len().max(1)).zip(&drawn) {
            if times > 0 {
                for (sum, c) in sums.iter_mut().zip(doc) {
                    sum.add_times(c, times);
                }
            }
        }
        for (sample, sum) in samples.iter_mut().zip(&sums) {
            sample.push(sum.prf().f1);
        }
    }
    let alpha = 1.0 - level;
    let b = options.resamples as f64;
    let lo = ((b * alpha / 2.0).floor() as usize).min(options.resamples - 1);
    let hi = ((b * (1.0 - alpha / 2.0)).ceil() as usize).clamp(1, options.resamples) - 1;
    Ok(samples
        .into_iter()
        .enumerate()
        .map(|(k, mut sample)| {
            sample.sort_by(f64::total_cmp);
            Interval {
                estimate: sum_f1(docs.iter().map(|d| d[k])),
                lower: sample[lo],
                upper: sample[hi],
                level,
            }
        })
        .collect())
}

/// Paired approximate randomisation test of the F1 difference between two
/// systems scored on the same documents against the same gold: each trial
/// swaps the two systems' counts in every document with probability 1/2, and
/// the p-value is (c + 1) / (n + 1) where c counts the trials whose absolute
/// difference reaches the observed one (within 1e-12, against rounding).
pub fn paired_test(
    a: &Scorecard,
    b: &Scorecard,
    target: &Target,
    options: &RandomisationOptions,
) -> Result<PairedTest, EvalError> {
    if options.trials == 0 {
        return Err(EvalError::NoTrials);
    }
    check_same_gold(a, b)?;
    let targets = std::slice::from_ref(target);
    let (xs, ys) = (columns(a, targets), columns(b, targets));
    let pairs: Vec<(Counts, Counts)> = xs.iter().zip(&ys).map(|(x, y)| (x[0], y[0])).collect();
    let difference = sum_f1(pairs.iter().map(|p| p.0)) - sum_f1(pairs.iter().map(|p| p.1));
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let mut at_least_as_large = 0;
    for _ in 0..options.trials {
        let (mut sa, mut sb) = (Counts::default(), Counts::default());
        for (x, y) in &pairs {
            let (x, y) = if rng.random_bool(0.5) { (y, x) } else { (x, y) };
            sa.add(x);
            sb.add(y);
        }
        if (sa.prf().f1 - sb.prf().f1).abs() >= difference.abs() - 1e-12 {
            at_least_as_large += 1;
        }
    }
    Ok(PairedTest {
        difference,
        at_least_as_large,
        trials: options.trials,
        p_value: (at_least_as_large + 1) as f64 / (options.trials + 1) as f64,
    })
}

/// Same document ids, and in each document the same gold entities per label
/// (the strict scheme's `possible` counts, which only gold determines).
fn check_same_gold(a: &Scorecard, b: &Scorecard) -> Result<(), EvalError> {
    let (da, db) = (a.documents(), b.documents());
    if let Some(id) = da
        .keys()
        .find(|id| !db.contains_key(*id))
        .or_else(|| db.keys().find(|id| !da.contains_key(*id)))
    {
        return Err(EvalError::DocumentMismatch(id.clone()));
    }
    for (id, ta) in da {
        let (sa, sb) = (ta.scheme(Scheme::Strict), db[id].scheme(Scheme::Strict));
        let gold = |s: &crate::SchemeCounts| -> Vec<(Label, u64)> {
            s.by_label()
                .iter()
                .filter(|(_, c)| c.possible() > 0)
                .map(|(l, c)| (l.clone(), c.possible()))
                .collect()
        };
        if gold(sa) != gold(sb) {
            return Err(EvalError::GoldMismatch(id.clone()));
        }
    }
    Ok(())
}

/// Settings of [`compare`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareOptions {
    pub bootstrap: BootstrapOptions,
    pub randomisation: RandomisationOptions,
    /// A system differs significantly from the best when p < alpha (default 0.05).
    pub alpha: f64,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            bootstrap: BootstrapOptions::default(),
            randomisation: RandomisationOptions::default(),
            alpha: 0.05,
        }
    }
}

/// One system's F1 in one column of a comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub f1: Interval,
    /// The test against the column's best system; `None` for the best itself.
    pub against_best: Option<PairedTest>,
    /// True if `against_best` has p < alpha.
    pub significant: bool,
}

/// F1 with intervals for several systems on the same gold, per label and
/// overall, each tested against the best system of its column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub scheme: Scheme,
    pub systems: Vec<String>,
    /// Column targets: all labels first (label `None`), then each label that
    /// occurs in gold or any system's predictions, in label order.
    pub columns: Vec<Target>,
    /// Index into `systems` of each column's best system (highest F1; the
    /// first listed wins a tie).
    pub best: Vec<usize>,
    /// `cells[system][column]`.
    pub cells: Vec<Vec<Cell>>,
}

/// Compares systems scored on the same documents and gold.
pub fn compare(
    systems: &[(&str, &Scorecard)],
    scheme: Scheme,
    options: &CompareOptions,
) -> Result<Comparison, EvalError> {
    let Some((_, first)) = systems.first() else {
        return Err(EvalError::NoSystems);
    };
    if !(options.alpha > 0.0 && options.alpha < 1.0) {
        return Err(EvalError::InvalidLevel(options.alpha));
    }
    let mut labels: Vec<Label> = systems.iter().flat_map(|(_, c)| c.labels()).collect();
    labels.sort();
    labels.dedup();
    let columns: Vec<Target> = std::iter::once(Target::overall(scheme))
        .chain(labels.into_iter().map(|l| Target::label(scheme, l)))
        .collect();
    for (_, card) in &systems[1..] {
        check_same_gold(first, card)?;
    }
    let intervals = systems
        .iter()
        .map(|(_, card)| bootstrap(card, &columns, &options.bootstrap))
        .collect::<Result<Vec<_>, _>>()?;
    let best: Vec<usize> = (0..columns.len())
        .map(|k| {
            (0..systems.len()).fold(0, |best, s| {
                if intervals[s][k].estimate > intervals[best][k].estimate {
                    s
                } else {
                    best
                }
            })
        })
        .collect();
    let mut cells = Vec::with_capacity(systems.len());
    for (s, (_, card)) in systems.iter().enumerate() {
        let mut row = Vec::with_capacity(columns.len());
        for (k, target) in columns.iter().enumerate() {
            let against_best = if s == best[k] {
                None
            } else {
                Some(paired_test(
                    card,
                    systems[best[k]].1,
                    target,
                    &options.randomisation,
                )?)
            };
            row.push(Cell {
                f1: intervals[s][k],
                significant: against_best.is_some_and(|t| t.p_value < options.alpha),
                against_best,
            });
        }
        cells.push(row);
    }
    Ok(Comparison {
        scheme,
        systems: systems.iter().map(|(name, _)| name.to_string()).collect(),
        columns,
        best,
        cells,
    })
}
