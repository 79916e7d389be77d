//! Agreement with nervaluate 1.2.1 and seqeval 1.2.2 on the committed fixture
//! (written by scripts/crosscheck/crosscheck.py), and the places where
//! nerbench deliberately differs.

use std::collections::BTreeSet;

use nerbench_core::{Entity, Label, Span};
use nerbench_eval::{Average, Counts, DocumentInput, Prf, Scheme, Scorecard, Scorer};
use serde_json::Value;

const FIXTURE: &str = include_str!("fixtures/peers.json");
const TOLERANCE: f64 = 1e-9;

/// Tokens of the grid, some multi-byte, so byte spans differ from token and
/// character positions; separators alternate between a space and a NO-BREAK SPACE.
const WORDS: [&str; 10] = [
    "Presiden",
    "Brändli",
    "“aliansi”",
    "–",
    "Jakarta",
    "PBB",
    "•",
    "12",
    "Oktober",
    "Korea",
];

struct Doc {
    text: String,
    gold: Vec<Entity>,
    pred: Vec<Entity>,
}

/// The document of a fixture entry: token spans become byte spans of a text
/// made from the tokens.
fn build(doc: &Value) -> Doc {
    let tokens = doc["tokens"].as_u64().unwrap() as usize;
    let mut text = String::new();
    let mut bounds = Vec::with_capacity(tokens);
    for i in 0..tokens {
        if i > 0 {
            text.push_str(if i % 2 == 0 { " " } else { "\u{a0}" });
        }
        let start = text.len();
        text.push_str(WORDS[i % WORDS.len()]);
        bounds.push((start, text.len()));
    }
    let side = |key: &str| -> Vec<Entity> {
        doc[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let label: Label = e[0].as_str().unwrap().parse().unwrap();
                let (s, t) = (
                    e[1].as_u64().unwrap() as usize,
                    e[2].as_u64().unwrap() as usize,
                );
                let span = Span::within(&text, bounds[s].0, bounds[t - 1].1).unwrap();
                Entity::new(&text, span, label, key)
            })
            .collect()
    };
    let (gold, pred) = (side("gold"), side("pred"));
    Doc { text, gold, pred }
}

fn score(docs: &[Doc]) -> Scorecard {
    let ids: Vec<String> = (0..docs.len()).map(|i| format!("doc{i}")).collect();
    let inputs = docs.iter().zip(&ids).map(|(d, id)| DocumentInput {
        id,
        text: &d.text,
        gold: &d.gold,
        predicted: &d.pred,
    });
    Scorer::new().score(inputs).unwrap().scorecard
}

fn scheme(name: &str) -> Scheme {
    name.parse().unwrap()
}

fn close(what: &str, ours: f64, theirs: &Value) {
    let theirs = theirs.as_f64().unwrap();
    assert!(
        (ours - theirs).abs() <= TOLERANCE,
        "{what}: nerbench {ours}, peer {theirs}"
    );
}

fn same_prf(what: &str, ours: Prf, theirs: &Value) {
    close(
        &format!("{what} precision"),
        ours.precision,
        &theirs["precision"],
    );
    close(&format!("{what} recall"), ours.recall, &theirs["recall"]);
    close(&format!("{what} f1"), ours.f1, &theirs["f1"]);
}

/// A nervaluate result row against our counts: every count and every ratio.
fn same_row(what: &str, ours: &Counts, theirs: &Value) {
    let pairs = [
        ("correct", ours.correct),
        ("incorrect", ours.incorrect),
        ("partial", ours.partial),
        ("missed", ours.missing),
        ("spurious", ours.spurious),
        ("possible", ours.possible()),
        ("actual", ours.actual()),
    ];
    for (key, value) in pairs {
        assert_eq!(Some(value), theirs[key].as_u64(), "{what} {key}");
    }
    same_prf(what, ours.prf(), theirs);
}

fn check_nervaluate(name: &str, card: &Scorecard, peer: &Value) {
    for (s, row) in peer["overall"].as_object().unwrap() {
        let counts = card.total().scheme(scheme(s));
        same_row(&format!("{name}: {s} overall"), counts.overall(), row);
    }
    let labels: BTreeSet<String> = card.labels().iter().map(|l| l.to_string()).collect();
    let peer_labels: BTreeSet<String> = peer["entities"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(labels, peer_labels, "{name}: labels");
    for (label, rows) in peer["entities"].as_object().unwrap() {
        let label: Label = label.parse().unwrap();
        for (s, row) in rows.as_object().unwrap() {
            let counts = card.total().scheme(scheme(s)).label(&label);
            same_row(&format!("{name}: {s} {label}"), &counts, row);
        }
    }
}

/// seqeval scores exact span-and-type matches: our strict scheme.
fn check_seqeval(name: &str, card: &Scorecard, peer: &Value) {
    for (average, key) in [
        (Average::Micro, "micro"),
        (Average::Macro, "macro"),
        (Average::Weighted, "weighted"),
    ] {
        let ours = card.average(Scheme::Strict, average);
        same_prf(&format!("{name}: seqeval {key}"), ours, &peer[key]);
    }
    for (label, row) in peer["labels"].as_object().unwrap() {
        let label: Label = label.parse().unwrap();
        let counts = card.total().scheme(Scheme::Strict).label(&label);
        same_prf(&format!("{name}: seqeval {label}"), counts.prf(), row);
        assert_eq!(
            Some(counts.possible()),
            row["support"].as_u64(),
            "{name}: support"
        );
    }
}

fn fixture() -> Value {
    serde_json::from_str(FIXTURE).unwrap()
}

#[test]
fn agrees_with_nervaluate_and_seqeval_on_every_case() {
    let fixture = fixture();
    assert_eq!(fixture["nervaluate"], "1.2.1");
    assert_eq!(fixture["seqeval"], "1.2.2");
    let cases = fixture["cases"].as_array().unwrap();
    assert!(cases.len() >= 200, "only {} cases", cases.len());
    let mut seqeval_checked = 0;
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let docs: Vec<Doc> = case["docs"].as_array().unwrap().iter().map(build).collect();
        let card = score(&docs);
        check_nervaluate(name, &card, &case["nervaluate"]);
        if !case["seqeval"].is_null() {
            check_seqeval(name, &card, &case["seqeval"]);
            seqeval_checked += 1;
        }
    }
    // Only cases without any entity lack a seqeval result (it cannot score them).
    assert!(
        seqeval_checked >= cases.len() - 5,
        "{seqeval_checked} seqeval cases"
    );
}

fn counts_of(card: &Scorecard) -> Vec<Counts> {
    Scheme::ALL
        .iter()
        .map(|&s| *card.total().scheme(s).overall())
        .collect()
}

#[test]
fn order_never_matters_where_nervaluate_depends_on_it() {
    for case in fixture()["order_dependence"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let runs = case["permutations"].as_array().unwrap();
        let mut ours = BTreeSet::new();
        let mut theirs = BTreeSet::new();
        for run in runs {
            let mut doc = case["doc"].clone();
            doc["gold"] = run["gold"].clone();
            doc["pred"] = run["pred"].clone();
            let card = score(&[build(&doc)]);
            ours.insert(format!("{:?}", counts_of(&card)));
            theirs.insert(run["nervaluate"]["overall"].to_string());
        }
        assert!(
            theirs.len() > 1,
            "{name}: nervaluate should depend on order here"
        );
        assert_eq!(ours.len(), 1, "{name}: nerbench must not depend on order");
    }
}

#[test]
fn order_dependence_cases_get_the_optimal_pairing() {
    let fixture = fixture();
    let cases = fixture["order_dependence"].as_array().unwrap();
    let card = |k: usize| score(&[build(&cases[k]["doc"])]);

    // Overlap chain: both predictions are paired (two partial matches); some
    // orders make nervaluate leave one spurious and one gold missing.
    let chain = card(0);
    let partial = chain.total().scheme(Scheme::Partial).overall();
    assert_eq!(
        (partial.partial, partial.missing, partial.spurious),
        (2, 0, 0)
    );

    // Label choice: both ORG predictions find an ORG, the PER is missing.
    let choice = card(1);
    let typed = choice.total().scheme(Scheme::Type).overall();
    assert_eq!((typed.correct, typed.incorrect, typed.missing), (2, 0, 1));
}

#[test]
fn any_shared_character_is_an_overlap() {
    let fixture = fixture();
    let case = &fixture["differences"][0];
    let card = score(&[build(&case["docs"][0])]);
    // nervaluate: one token of a 200-token gold span is under its 1% threshold.
    let theirs = &case["nervaluate"]["overall"]["partial"];
    assert_eq!(
        (theirs["missed"].as_u64(), theirs["spurious"].as_u64()),
        (Some(1), Some(1))
    );
    let ours = card.total().scheme(Scheme::Partial).overall();
    assert_eq!((ours.partial, ours.missing, ours.spurious), (1, 0, 0));
}
