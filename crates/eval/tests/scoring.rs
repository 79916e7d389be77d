//! Behaviour of the scorer on hand-made documents: dates, errors, confusion,
//! averages, zero denominators, scorecards, and the significance tools.

use nerbench_core::{Entity, Label, Span, SpanError};
use nerbench_eval::{
    bootstrap, compare, paired_test, Average, BootstrapOptions, Boundary, Category, CompareOptions,
    DocumentInput, ErrorKind, EvalError, Prf, RandomisationOptions, Scheme, Scorecard, Scorer,
    Side, Target,
};

const TEXT: &str = "Kemarin (12\u{a0}Oktober 2023) Menlu Retno Marsudi bertemu “Presiden Brändli” \
                    dari PBB di Jakarta, dan pada 2024 akan ke Korea Utara.";

/// An entity over the first occurrence of `needle` in TEXT.
fn at(needle: &str, label: Label) -> Entity {
    let start = TEXT
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let span = Span::within(TEXT, start, start + needle.len()).unwrap();
    Entity::new(TEXT, span, label, "test")
}

fn date(needle: &str, value: &str) -> Entity {
    at(needle, Label::Date).with_value(value)
}

fn score_one(gold: &[Entity], predicted: &[Entity]) -> nerbench_eval::Evaluation {
    let doc = DocumentInput {
        id: "d",
        text: TEXT,
        gold,
        predicted,
    };
    Scorer::new().with_context_chars(6).score([doc]).unwrap()
}

#[test]
fn dates_are_scored_as_in_tempeval3() {
    let gold = [
        date("12\u{a0}Oktober 2023", "2023-10-12"),
        date("2024", "2024"),
        date("Kemarin", "2023-10-11"),
        at("Jakarta", Label::Loc),
    ];
    let predicted = [
        date("12\u{a0}Oktober 2023", "2023-10-12"), // exact, right value
        date("pada 2024", "2024"),                  // overlapping, right value
        date("Kemarin", "2023-10-10"),              // exact, wrong value
        date("Korea", "XXXX"),                      // spurious
    ];
    let card = score_one(&gold, &predicted).scorecard;
    let d = card.total().dates();
    assert_eq!((d.gold, d.predicted, d.matched), (3, 4, 3));
    assert_eq!((d.value_matched, d.strict_value_matched), (2, 1));
    assert_eq!(d.value_accuracy(), 2.0 / 3.0);
    let relaxed = d.relaxed();
    assert_eq!((relaxed.precision, relaxed.recall), (0.75, 1.0));
    assert!((d.value_f1() - 2.0 / 3.0 * relaxed.f1).abs() < 1e-15);
    assert_eq!(d.strict_value(), Prf::new(0.25, 1.0 / 3.0));
}

#[test]
fn a_missing_value_matches_nothing() {
    let gold = [at("2024", Label::Date)];
    let card = score_one(&gold, &gold).scorecard;
    let d = card.total().dates();
    assert_eq!(
        (d.matched, d.value_matched, d.strict_value_matched),
        (1, 0, 0)
    );
}

#[test]
fn errors_name_kind_boundary_categories_offsets_and_context() {
    let gold = [
        at("Retno Marsudi", Label::Per),
        at("Presiden Brändli", Label::Per),
        at("PBB", Label::Org),
        at("Jakarta", Label::Loc),
        at("Korea Utara", Label::Loc),
    ];
    let predicted = [
        at("Menlu Retno Marsudi", Label::Per), // too wide
        at("Brändli", Label::Per),             // too narrow
        at("PBB", Label::Loc),                 // wrong label
        at("Jakarta, dan", Label::Org),        // wrong label, too wide
        at("Utara.", Label::Loc),              // shifted
        at("Menlu", Label::Org),               // spurious
    ];
    let evaluation = score_one(&gold, &predicted);
    let kinds: Vec<(ErrorKind, Option<Boundary>)> = evaluation
        .errors
        .iter()
        .map(|e| (e.kind, e.boundary))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (ErrorKind::Spurious, None),
            (ErrorKind::Boundary, Some(Boundary::TooWide)),
            (ErrorKind::Boundary, Some(Boundary::TooNarrow)),
            (ErrorKind::Label, None),
            (ErrorKind::LabelAndBoundary, Some(Boundary::TooWide)),
            (ErrorKind::Boundary, Some(Boundary::Shifted)),
        ]
    );
    assert_eq!(
        evaluation
            .scorecard
            .total()
            .scheme(Scheme::Strict)
            .overall()
            .spurious,
        1
    );

    let narrow = &evaluation.errors[2];
    let g = narrow.gold.as_ref().unwrap();
    let p = narrow.predicted.as_ref().unwrap();
    assert_eq!(g.text, "Presiden Brändli");
    assert_eq!(p.text, "Brändli");
    // Code points before: the NO-BREAK SPACE and the curly quote are one each.
    let chars_before = TEXT[..p.start].chars().count();
    assert_eq!((p.char_start, p.char_end), (chars_before, chars_before + 7));
    assert_eq!(p.end - p.start, 8, "ä is two bytes");
    assert_eq!(narrow.context.text, "Presiden Brändli");
    assert_eq!(narrow.context.before, "temu “");
    assert_eq!(narrow.context.after, "” dari");
    assert_eq!(narrow.categories.strict, Category::Incorrect);
    assert_eq!(narrow.categories.partial, Category::Partial);
    assert_eq!(narrow.categories.type_, Category::Correct);

    let label = &evaluation.errors[3];
    assert_eq!(label.categories.exact, Category::Correct);
    assert_eq!(label.categories.get(Scheme::Type), Category::Incorrect);
}

#[test]
fn missing_and_spurious_entities_are_errors_too() {
    let gold = [at("PBB", Label::Org)];
    let predicted = [at("Jakarta", Label::Loc)];
    let errors = score_one(&gold, &predicted).errors;
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].kind, ErrorKind::Missing);
    assert!(errors[0].predicted.is_none() && errors[0].categories.strict == Category::Missing);
    assert_eq!(errors[1].kind, ErrorKind::Spurious);
    assert_eq!(errors[1].context.before, "BB di ");
    // Strict matches are not errors.
    assert!(score_one(&gold, &gold).errors.is_empty());
}

#[test]
fn confusion_matrix_counts_pairs_and_unpaired_entities() {
    let gold = [
        at("PBB", Label::Org),
        at("Jakarta", Label::Loc),
        at("Korea Utara", Label::Loc),
        at("Retno Marsudi", Label::Per),
    ];
    let predicted = [
        at("PBB", Label::Org),
        at("Jakarta", Label::Org),
        at("Korea", Label::Loc),
        at("Brändli", Label::Per),
    ];
    let card = score_one(&gold, &predicted).scorecard;
    let m = card.total().confusion();
    assert_eq!(m.get(Some(&Label::Org), Some(&Label::Org)), 1);
    assert_eq!(m.get(Some(&Label::Loc), Some(&Label::Org)), 1);
    assert_eq!(m.get(Some(&Label::Loc), Some(&Label::Loc)), 1);
    assert_eq!(m.get(Some(&Label::Per), None), 1);
    assert_eq!(m.get(None, Some(&Label::Per)), 1);
    assert_eq!(m.cells().iter().map(|c| c.count).sum::<u64>(), 5);
}

#[test]
fn averages_and_document_spread() {
    // Doc 1: PER right, ORG missed. Doc 2: LOC spurious. Doc 3: nothing at all.
    let d1 = (
        vec![at("Retno Marsudi", Label::Per), at("PBB", Label::Org)],
        vec![at("Retno Marsudi", Label::Per)],
    );
    let d2 = (vec![], vec![at("Jakarta", Label::Loc)]);
    let d3: (Vec<Entity>, Vec<Entity>) = (vec![], vec![]);
    let docs = [("d1", &d1), ("d2", &d2), ("d3", &d3)];
    let inputs = docs.iter().map(|(id, (g, p))| DocumentInput {
        id,
        text: TEXT,
        gold: g,
        predicted: p,
    });
    let card = Scorer::new().score(inputs).unwrap().scorecard;
    let s = Scheme::Strict;
    // Micro: 1 correct of 2 predicted and 2 gold.
    assert_eq!(card.average(s, Average::Micro), Prf::new(0.5, 0.5));
    // Macro over PER (1,1,1), ORG (0,0,0), LOC (0,0,0).
    let macro_ = card.average(s, Average::Macro);
    assert_eq!(
        (macro_.precision, macro_.recall, macro_.f1),
        (1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0)
    );
    // Weighted by gold: PER 1, ORG 1, LOC 0.
    assert_eq!(card.average(s, Average::Weighted).f1, 0.5);
    // Per document: d1 F1 = 2/3, d2 F1 = 0; d3 has nothing and is left out.
    let spread = card.document_f1(s);
    assert_eq!(spread.n, 2);
    assert!((spread.mean - 1.0 / 3.0).abs() < 1e-12);
    assert!((spread.sd - (2.0f64 / 9.0).sqrt()).abs() < 1e-12);
    // The empty document still scores 0, not NaN.
    let empty = card.documents()["d3"].scheme(s).overall().prf();
    assert_eq!(empty, Prf::default());
}

#[test]
fn bad_spans_are_errors_not_panics() {
    let mut outside = at("Korea Utara", Label::Loc);
    outside.span = Span::new(5, TEXT.len() + 3).unwrap();
    let inside_char = {
        let mut e = at("Brändli", Label::Per);
        let a = TEXT.find('ä').unwrap();
        e.span = Span::new(a + 1, a + 4).unwrap();
        e
    };
    let run = |gold: &[Entity], predicted: &[Entity]| {
        Scorer::new().score_document(&DocumentInput {
            id: "bad",
            text: TEXT,
            gold,
            predicted,
        })
    };
    let err = run(&[outside], &[]).unwrap_err();
    assert!(matches!(
        err,
        EvalError::BadSpan {
            side: Side::Gold,
            source: SpanError::PastEnd { .. },
            ..
        }
    ));
    assert!(
        err.to_string()
            .contains("document \"bad\": gold LOC entity"),
        "{err}"
    );
    let err = run(&[], &[inside_char]).unwrap_err();
    assert!(matches!(
        err,
        EvalError::BadSpan {
            side: Side::Predicted,
            source: SpanError::NotCharBoundary { .. },
            ..
        }
    ));
}

#[test]
fn document_ids_must_be_unique() {
    let gold = [at("PBB", Label::Org)];
    let doc = DocumentInput {
        id: "same",
        text: TEXT,
        gold: &gold,
        predicted: &[],
    };
    let err = Scorer::new().score([doc, doc]).unwrap_err();
    assert_eq!(err, EvalError::DuplicateDocument("same".into()));

    let card = Scorer::new().score([doc]).unwrap().scorecard;
    let mut merged = card.clone();
    assert_eq!(
        merged.merge(card.clone()),
        Err(EvalError::DuplicateDocument("same".into()))
    );
    assert_eq!(merged, card, "a failed merge changes nothing");
}

#[test]
fn tampered_baselines_are_rejected() {
    let gold = [at("PBB", Label::Org), at("Jakarta", Label::Loc)];
    let card = score_one(&gold, &gold[..1]).scorecard;
    let json = serde_json::to_string_pretty(&card).unwrap();
    assert_eq!(serde_json::from_str::<Scorecard>(&json).unwrap(), card);

    // A document's count changed without the total.
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut doc_changed = value.clone();
    let row = &mut doc_changed["documents"]["d"]["exact"]["overall"];
    row["missing"] = 0.into();
    row["possible"] = 1.into();
    let err = serde_json::from_value::<Scorecard>(doc_changed).unwrap_err();
    assert!(err.to_string().contains("do not add up"), "{err}");

    // A document dropped, the total kept.
    let mut dropped = value.clone();
    dropped["documents"] = serde_json::json!({});
    let err = serde_json::from_value::<Scorecard>(dropped).unwrap_err();
    assert!(err.to_string().contains("total does not equal"), "{err}");

    // An unknown label spelling.
    let renamed = json.replace("\"LOC\"", "\"L O C\"");
    let err = serde_json::from_str::<Scorecard>(&renamed).unwrap_err();
    assert!(err.to_string().contains("invalid label name"), "{err}");
}

/// A corpus of `n` documents; `hit(i)` says whether the system finds the
/// document's entity.
fn system(n: usize, hit: impl Fn(usize) -> bool) -> Scorecard {
    let gold = [at("Retno Marsudi", Label::Per), at("Jakarta", Label::Loc)];
    let mut card = Scorecard::new();
    for i in 0..n {
        let predicted: &[Entity] = if hit(i) { &gold } else { &gold[1..] };
        let doc = DocumentInput {
            id: &format!("doc{i:03}"),
            text: TEXT,
            gold: &gold,
            predicted,
        };
        card.merge(Scorer::new().score([doc]).unwrap().scorecard)
            .unwrap();
    }
    card
}

#[test]
fn bootstrap_is_seeded_and_checks_its_options() {
    let card = system(40, |i| i % 3 != 0);
    let targets = [
        Target::overall(Scheme::Strict),
        Target::label(Scheme::Strict, Label::Per),
    ];
    let options = BootstrapOptions {
        resamples: 500,
        level: 0.9,
        seed: 7,
    };
    let a = bootstrap(&card, &targets, &options).unwrap();
    assert_eq!(a, bootstrap(&card, &targets, &options).unwrap());
    // The seed matters (quantiles of a discrete statistic may coincide for
    // two seeds, not for ten).
    let distinct: std::collections::BTreeSet<String> = (0..10)
        .map(|seed| {
            let o = BootstrapOptions { seed, ..options };
            format!("{:?}", bootstrap(&card, &targets, &o).unwrap())
        })
        .collect();
    assert!(distinct.len() > 1);
    for (interval, target) in a.iter().zip(&targets) {
        let f1 = match &target.label {
            None => card.average(Scheme::Strict, Average::Micro).f1,
            Some(l) => card.label(Scheme::Strict, l).f1,
        };
        assert_eq!(interval.estimate, f1);
        assert!(interval.lower < interval.estimate && interval.estimate < interval.upper);
        assert_eq!(interval.level, 0.9);
    }
    // Every document alike: every resample is the same, the interval a point.
    let same = system(10, |_| true);
    let point = bootstrap(&same, &targets[..1], &options).unwrap()[0];
    assert_eq!((point.lower, point.estimate, point.upper), (1.0, 1.0, 1.0));

    let bad = |o: BootstrapOptions| bootstrap(&card, &targets, &o).unwrap_err();
    assert_eq!(
        bad(BootstrapOptions {
            level: 1.0,
            ..options
        }),
        EvalError::InvalidLevel(1.0)
    );
    assert_eq!(
        bad(BootstrapOptions {
            resamples: 0,
            ..options
        }),
        EvalError::NoTrials
    );
    assert_eq!(
        bootstrap(&Scorecard::new(), &targets, &options),
        Err(EvalError::NoDocuments)
    );
}

#[test]
fn randomisation_test_p_values() {
    let options = RandomisationOptions {
        trials: 999,
        seed: 3,
    };
    let target = Target::overall(Scheme::Strict);
    let good = system(40, |_| true);
    let bad = system(40, |_| false);
    let middling = system(40, |i| i % 2 == 0);

    // The same system against itself: every trial ties, p = 1.
    let same = paired_test(&good, &good, &target, &options).unwrap();
    assert_eq!(
        (same.difference, same.at_least_as_large, same.p_value),
        (0.0, 999, 1.0)
    );

    // Perfect against half-wrong on 40 documents: a real difference.
    let t = paired_test(&good, &bad, &target, &options).unwrap();
    assert!(t.difference > 0.3);
    assert_eq!(t.p_value, (t.at_least_as_large + 1) as f64 / 1000.0);
    assert!(t.p_value < 0.01, "{t:?}");
    // Reproducible, and symmetric in the p-value.
    assert_eq!(t, paired_test(&good, &bad, &target, &options).unwrap());
    let back = paired_test(&bad, &good, &target, &options).unwrap();
    assert_eq!(back.difference, -t.difference);

    // Alternating documents against half of them right: no clear difference.
    let close = paired_test(&middling, &system(40, |i| i % 2 == 1), &target, &options).unwrap();
    assert!(close.p_value > 0.5, "{close:?}");
}

#[test]
fn paired_tests_need_the_same_documents_and_gold() {
    let options = RandomisationOptions::default();
    let target = Target::overall(Scheme::Strict);
    let a = system(5, |_| true);
    let fewer = system(4, |_| true);
    assert_eq!(
        paired_test(&a, &fewer, &target, &options),
        Err(EvalError::DocumentMismatch("doc004".into()))
    );
    // Same ids, different gold.
    let mut other_gold = Scorecard::new();
    for i in 0..5 {
        let gold = [at("PBB", Label::Org)];
        let doc = DocumentInput {
            id: &format!("doc{i:03}"),
            text: TEXT,
            gold: &gold,
            predicted: &gold,
        };
        other_gold
            .merge(Scorer::new().score([doc]).unwrap().scorecard)
            .unwrap();
    }
    assert_eq!(
        paired_test(&a, &other_gold, &target, &options),
        Err(EvalError::GoldMismatch("doc000".into()))
    );
    assert_eq!(
        paired_test(
            &a,
            &a,
            &target,
            &RandomisationOptions { trials: 0, seed: 0 }
        ),
        Err(EvalError::NoTrials)
    );
}

#[test]
fn compare_marks_significance_against_each_columns_best() {
    let good = system(40, |_| true);
    let middling = system(40, |i| i % 4 != 0);
    let bad = system(40, |_| false);
    let options = CompareOptions {
        bootstrap: BootstrapOptions {
            resamples: 300,
            ..BootstrapOptions::default()
        },
        randomisation: RandomisationOptions {
            trials: 499,
            seed: 1,
        },
        alpha: 0.05,
    };
    let systems = [("middling", &middling), ("good", &good), ("bad", &bad)];
    let c = compare(&systems, Scheme::Strict, &options).unwrap();
    assert_eq!(c.systems, ["middling", "good", "bad"]);
    let labels: Vec<Option<Label>> = c.columns.iter().map(|t| t.label.clone()).collect();
    assert_eq!(labels, [None, Some(Label::Per), Some(Label::Loc)]);
    // "good" is best overall and for PER; every system ties on LOC, so the
    // first listed is its best and nobody differs from it.
    assert_eq!(c.best, [1, 1, 0]);
    assert!(c.cells[1][0].against_best.is_none() && !c.cells[1][0].significant);
    assert!(c.cells[2][0].significant, "{:?}", c.cells[2][0]);
    assert!(c.cells[0][0].against_best.unwrap().difference < 0.0);
    for row in &c.cells {
        assert!(!row[2].significant);
        assert_eq!(row[2].f1.estimate, 1.0);
    }
    assert_eq!(
        compare(&[], Scheme::Strict, &options),
        Err(EvalError::NoSystems)
    );
    let bad_alpha = CompareOptions {
        alpha: 0.0,
        ..options
    };
    assert_eq!(
        compare(&systems, Scheme::Strict, &bad_alpha),
        Err(EvalError::InvalidLevel(0.0))
    );
}

#[test]
fn a_scorer_without_errors_counts_the_same_and_records_nothing() {
    let gold = [
        at("Retno Marsudi", Label::Per),
        at("PBB", Label::Org),
        date("2024", "2024"),
    ];
    let predicted = [
        at("Menlu Retno Marsudi", Label::Per),
        at("Jakarta", Label::Loc),
        date("2024", "2024"),
    ];
    let doc = DocumentInput {
        id: "d",
        text: TEXT,
        gold: &gold,
        predicted: &predicted,
    };
    let full = Scorer::new().score([doc]).unwrap();
    let counts_only = Scorer::new().without_errors().score([doc]).unwrap();
    assert_eq!(full.errors.len(), 3, "too wide, missing and spurious");
    assert!(counts_only.errors.is_empty());
    assert_eq!(counts_only.scorecard, full.scorecard);
    let one = Scorer::new().without_errors().score_document(&doc).unwrap();
    assert!(one.errors.is_empty());
    assert_eq!(&one.tally, full.scorecard.total());
}
