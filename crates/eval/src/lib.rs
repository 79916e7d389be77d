//! The scorer of nerbench: compares predicted entities with gold entities,
//! document by document, and says how good the predictions are, where they
//! go wrong, and whether a difference between two systems is real.
//!
//! It knows nothing about extractors or file formats: the input is, per
//! document, an id, the text and two slices of [`nerbench_core::Entity`].
//!
//! ```
//! use nerbench_core::{Entity, Label, Span};
//! use nerbench_eval::{Average, DocumentInput, Scheme, Scorer};
//!
//! let text = "Menlu Retno Marsudi tiba di Jakarta pada 12\u{a0}Oktober 2023.";
//! let ent = |s: usize, e: usize, label: Label| {
//!     Entity::new(text, Span::within(text, s, e).unwrap(), label, "example")
//! };
//! let gold = [ent(6, 19, Label::Per), ent(28, 35, Label::Loc), ent(41, 57, Label::Date)];
//! // Right person but too narrow; Jakarta as an organisation; the date missed.
//! let predicted = [ent(12, 19, Label::Per), ent(28, 35, Label::Org)];
//!
//! let doc = DocumentInput { id: "d1", text, gold: &gold, predicted: &predicted };
//! let evaluation = Scorer::new().score([doc]).unwrap();
//! let card = &evaluation.scorecard;
//!
//! let strict = card.total().scheme(Scheme::Strict).overall();
//! assert_eq!((strict.correct, strict.incorrect, strict.missing), (0, 2, 1));
//! // Partial: the narrow PER and the exact-span ORG are a partial and a correct.
//! let partial = card.total().scheme(Scheme::Partial).overall();
//! assert_eq!((partial.correct, partial.partial), (1, 1));
//! assert_eq!(card.average(Scheme::Partial, Average::Micro).precision, 0.75);
//! // Type: PER overlaps with its label; LOC/ORG does not count.
//! assert_eq!(card.average(Scheme::Type, Average::Micro).recall, 1.0 / 3.0);
//!
//! assert_eq!(evaluation.errors.len(), 3);
//! assert_eq!(evaluation.errors[0].boundary, Some(nerbench_eval::Boundary::TooNarrow));
//! ```
//!
//! # Conventions
//!
//! **Offsets.** Spans are byte offsets into the document's UTF-8 text, end
//! exclusive, as everywhere in nerbench. Overlap is measured in bytes, and any
//! shared byte is an overlap (nervaluate, by default, needs 1% of the gold
//! span). Error records also give code-point offsets. A span that does not fit
//! the text is an [`EvalError::BadSpan`], never a panic.
//!
//! **Pairing.** In each document, gold and predicted entities are paired one
//! to one, optimally rather than first-fit (nervaluate's greedy pairing makes
//! results depend on input order, its issues #39/#40):
//!
//! 1. within each label, a maximum-weight matching of overlapping pairs;
//! 2. then, among the entities still unpaired, the same across labels.
//!
//! The matching maximises, in this order: the number of exact span matches,
//! the number of pairs, the matched overlap in bytes, and closeness of the
//! boundaries (the least total |Δstart| + |Δend|). Pairs come before bytes so
//! that a few more shared bytes never cost a pair (which would turn one
//! partial match into a missing and a spurious entity). Both lists
//! are first sorted canonically (span, label, value), and any tie that
//! remains is settled by that order, so the result depends only on the
//! entities, never on the order they were given in. The same pairing serves
//! all four schemes, so an error record's categories describe one pair.
//!
//! **Categories and schemes** (SemEval-2013 9.1, as in nervaluate): a pair is
//! *correct* or *incorrect* (or *partial*, under the partial scheme only); an
//! unpaired gold entity is *missing*, an unpaired prediction *spurious*.
//! *strict* needs the same span and label, *exact* the same span, *type* the
//! same label; *partial* counts a same-span pair correct and any other pair
//! partial. `possible` = correct + incorrect + partial + missing (gold),
//! `actual` = correct + incorrect + partial + spurious (predicted).
//!
//! **Partial credit.** Precision = (correct + ½·partial) / actual, recall =
//! (correct + ½·partial) / possible, F1 their harmonic mean. Only the partial
//! scheme has partial matches, so elsewhere this is plain correct / total.
//!
//! **Zero denominators.** Every ratio with a zero denominator is 0, as in
//! nervaluate and seqeval (and F1 is 0 when precision + recall is 0): nothing
//! predicted gives precision 0, no gold gives recall 0, and a document with
//! neither scores 0 everywhere. No metric is ever NaN. Averages run only
//! over what has something to score (next paragraph), so empty labels and
//! empty documents do not drag them down.
//!
//! **Per-label rows and averaging.** The row of label L counts only the gold
//! and predicted entities of label L, as nervaluate does with lists filtered to
//! L; pairing within labels first makes these rows exactly what scoring the
//! filtered lists would give. A cross-label pair is a missing entity in one
//! row and a spurious one in another, and is kept in
//! [`SchemeCounts::cross_label`] so that rows add up to the overall counts
//! (see [`SchemeCounts`]). *Micro* average: from the overall counts (for the
//! strict scheme this is seqeval's micro average). *Macro*: the unweighted
//! mean of the per-label precision, recall and F1 over the labels present in
//! gold or predictions (seqeval's macro). *Weighted*: the same mean weighted
//! by each label's gold count. *Document-level*: the mean and sample standard
//! deviation of the per-document micro F1 over documents that have a gold or
//! predicted entity ([`Scorecard::document_f1`]).
//!
//! **Dates** (TempEval-3): DATE pairs under overlap matching are *matched*;
//! value accuracy = matched pairs with equal normalised values / matched
//! pairs; value F1 = value accuracy × relaxed F1; strict value F1 needs span,
//! label and value equal. A missing value never equals anything.
//!
//! **Merging.** A [`Scorecard`] keeps the raw counts of each document; merging
//! cards of disjoint document sets is addition, so it equals scoring the union.
//!
//! **Significance.** [`bootstrap`] gives percentile intervals by resampling
//! documents; [`paired_test`] is a paired approximate randomisation test with
//! p = (c + 1) / (n + 1). Both are seeded (ChaCha8) and reproducible;
//! [`compare`] combines them into a table for several systems.

mod assign;
mod card;
mod counts;
mod error;
mod errors;
mod labels;
mod matching;
mod score;
mod stats;

pub use card::{Average, Confusion, ConfusionCell, DateCounts, Scorecard, Spread, Tally};
pub use counts::{Category, Counts, ParseSchemeError, Prf, Scheme, SchemeCounts};
pub use error::{EvalError, Side};
pub use errors::{Boundary, Categories, Context, ErrorKind, ErrorRecord, Mention};
pub use score::{DocumentInput, DocumentResult, Evaluation, Scorer};
pub use stats::{
    bootstrap, compare, paired_test, BootstrapOptions, Cell, CompareOptions, Comparison, Interval,
    PairedTest, RandomisationOptions, Target,
};
