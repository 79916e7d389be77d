//! Properties of the scorer on random documents, with overlapping entities,
//! multi-byte text and every label kind allowed.

use nerbench_core::{Entity, Label, Span};
use nerbench_eval::{
    Average, Counts, DocumentInput, Evaluation, Prf, Scheme, SchemeCounts, Scorecard, Scorer,
};
use proptest::prelude::*;

const TEXT: &str = "Presiden Brändli “aliansi” – PBB •\u{a0}12 Oktober 2023 di Korea\u{a0}Utara.";

/// Byte offsets of the text's character boundaries.
fn boundaries() -> Vec<usize> {
    TEXT.char_indices()
        .map(|(i, _)| i)
        .chain([TEXT.len()])
        .collect()
}

fn label() -> impl Strategy<Value = Label> {
    prop_oneof![
        Just(Label::Per),
        Just(Label::Org),
        Just(Label::Loc),
        Just(Label::Date),
        Just(Label::Other("EVENT".into())),
    ]
}

fn entity() -> impl Strategy<Value = Entity> {
    let n = boundaries().len();
    (0..n - 1, 1usize..12, label(), prop::option::of(0u8..3)).prop_map(
        move |(start, len, label, value)| {
            let b = boundaries();
            let end = (start + len).min(b.len() - 1);
            let span = Span::within(TEXT, b[start], b[end]).unwrap();
            let e = Entity::new(TEXT, span, label, "prop");
            match value {
                Some(v) => e.with_value(format!("2023-10-1{v}")),
                None => e,
            }
        },
    )
}

fn entities() -> impl Strategy<Value = Vec<Entity>> {
    prop::collection::vec(entity(), 0..8)
}

/// Up to four documents, each with gold and predicted entities.
fn corpus() -> impl Strategy<Value = Vec<Doc>> {
    prop::collection::vec((entities(), entities()), 1..5)
}

type Doc = (Vec<Entity>, Vec<Entity>);

/// Scores documents named `{prefix}0`, `{prefix}1`, …
fn score_docs(docs: &[Doc], prefix: &str) -> Evaluation {
    let named: Vec<(String, &Doc)> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (format!("{prefix}{i}"), d))
        .collect();
    score_named(&named)
}

fn score_named(docs: &[(String, &Doc)]) -> Evaluation {
    let inputs = docs.iter().map(|(id, (g, p))| DocumentInput {
        id,
        text: TEXT,
        gold: g,
        predicted: p,
    });
    Scorer::new().score(inputs).unwrap()
}

fn card(docs: &[Doc], prefix: &str) -> Scorecard {
    score_docs(docs, prefix).scorecard
}

fn every_prf(card: &Scorecard) -> Vec<Prf> {
    let mut all = Vec::new();
    for s in Scheme::ALL {
        for a in [Average::Micro, Average::Macro, Average::Weighted] {
            all.push(card.average(s, a));
        }
        for l in card.labels() {
            all.push(card.label(s, &l));
        }
        for tally in card.documents().values() {
            all.push(tally.scheme(s).overall().prf());
        }
        let spread = card.document_f1(s);
        all.push(Prf::new(spread.mean, spread.sd));
    }
    let dates = card.total().dates();
    all.extend([dates.relaxed(), dates.strict_value()]);
    all.push(Prf::new(dates.value_accuracy(), dates.value_f1()));
    all
}

/// The documented identity between per-label rows and overall counts.
fn rows_add_up(counts: &SchemeCounts) -> bool {
    let (rows, cross, all): (Counts, &Counts, &Counts) =
        (counts.label_sum(), counts.cross_label(), counts.overall());
    let pairs = cross.correct + cross.incorrect + cross.partial;
    all.correct == rows.correct + cross.correct
        && all.incorrect == rows.incorrect + cross.incorrect
        && all.partial == rows.partial + cross.partial
        && all.missing + pairs == rows.missing
        && all.spurious + pairs == rows.spurious
        && all.possible() == rows.possible()
        && all.actual() == rows.actual()
}

proptest! {
    #[test]
    fn a_perfect_prediction_scores_one_everywhere(gold in prop::collection::vec(entity(), 1..8)) {
        let card = card(&[(gold.clone(), gold)], "d");
        for s in Scheme::ALL {
            for a in [Average::Micro, Average::Macro, Average::Weighted] {
                prop_assert_eq!(card.average(s, a), Prf::new(1.0, 1.0), "{} {:?}", s, a);
            }
            for l in card.labels() {
                prop_assert_eq!(card.label(s, &l), Prf::new(1.0, 1.0));
            }
            prop_assert_eq!(card.document_f1(s).mean, 1.0);
        }
        let dates = card.total().dates();
        prop_assert_eq!(dates.matched, dates.gold);
        if dates.gold > 0 {
            prop_assert_eq!(dates.relaxed().f1, 1.0);
        }
    }

    #[test]
    fn every_metric_lies_in_the_unit_interval(docs in corpus()) {
        let card = card(&docs, "d");
        for prf in every_prf(&card) {
            for v in [prf.precision, prf.recall, prf.f1] {
                prop_assert!((0.0..=1.0).contains(&v), "{:?}", prf);
            }
        }
    }

    #[test]
    fn per_label_rows_add_up_to_the_overall(docs in corpus()) {
        let card = card(&docs, "d");
        for s in Scheme::ALL {
            prop_assert!(rows_add_up(card.total().scheme(s)), "{}", s);
            for tally in card.documents().values() {
                prop_assert!(rows_add_up(tally.scheme(s)));
            }
        }
    }

    #[test]
    fn a_label_row_is_the_score_of_the_lists_filtered_to_it(docs in corpus()) {
        let card = card(&docs, "d");
        for label in card.labels() {
            let only = |v: &[Entity]| -> Vec<Entity> {
                v.iter().filter(|e| e.label == label).cloned().collect()
            };
            let filtered: Vec<Doc> = docs.iter().map(|(g, p)| (only(g), only(p))).collect();
            let alone = self::card(&filtered, "d");
            for s in Scheme::ALL {
                prop_assert_eq!(
                    card.total().scheme(s).label(&label),
                    *alone.total().scheme(s).overall(),
                    "{} {}", s, label
                );
            }
        }
    }

    #[test]
    fn order_of_entities_does_not_matter(
        (docs, shuffled) in corpus().prop_flat_map(|docs| {
            let shuffled: Vec<_> = docs
                .iter()
                .map(|(g, p)| (Just(g.clone()).prop_shuffle(), Just(p.clone()).prop_shuffle()))
                .collect();
            (Just(docs), shuffled)
        }),
    ) {
        let (a, b) = (score_docs(&docs, "d"), score_docs(&shuffled, "d"));
        prop_assert_eq!(a.scorecard, b.scorecard);
        prop_assert_eq!(a.errors, b.errors);
    }

    #[test]
    fn merging_is_associative_commutative_and_equals_the_union(
        a in corpus(), b in corpus(), c in corpus(),
    ) {
        let (ca, cb, cc) = (card(&a, "a"), card(&b, "b"), card(&c, "c"));
        let merge = |x: &Scorecard, y: &Scorecard| {
            let mut m = x.clone();
            m.merge(y.clone()).unwrap();
            m
        };
        let left = merge(&merge(&ca, &cb), &cc);
        prop_assert_eq!(&left, &merge(&ca, &merge(&cb, &cc)));
        prop_assert_eq!(merge(&ca, &cb), merge(&cb, &ca));

        // Scoring all documents at once, under the same ids.
        let mut all: Vec<(String, &Doc)> = Vec::new();
        for (prefix, docs) in [("a", &a), ("b", &b), ("c", &c)] {
            all.extend(docs.iter().enumerate().map(|(i, d)| (format!("{prefix}{i}"), d)));
        }
        prop_assert_eq!(&left, &score_named(&all).scorecard);
    }

    #[test]
    fn scorecards_round_trip_through_json(docs in corpus()) {
        let card = card(&docs, "d");
        let json = serde_json::to_string(&card).unwrap();
        let back: Scorecard = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, card);
    }
}
