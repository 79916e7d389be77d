//! Every registered extractor on every gold article, pinned by one readable
//! snapshot per extractor and article. A change in any extractor's behaviour
//! shows up here as a snapshot diff to review (`cargo insta review`).

use std::fmt::Write;
use std::path::Path;

use nerbench_core::{Extractor, Settings};
use nerbench_gold::{GoldDocument, GoldSet};

fn gold() -> GoldSet {
    GoldSet::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("gold"))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// One line per entity: code-point offsets (as in the gold files), label,
/// text, value and the member that found it.
fn render(extractor: &dyn Extractor, doc: &GoldDocument) -> String {
    let index = doc.document.offset_index();
    let mut out = String::new();
    for e in extractor.extract(&doc.document) {
        let (start, end) = index.chars_of(e.span).expect("extractor spans are valid");
        let value = e
            .value
            .as_deref()
            .map(|v| format!(" = {v}"))
            .unwrap_or_default();
        writeln!(
            out,
            "{start:>5}..{end:<5} {:<4} {:?}{value}  [{}]",
            e.label, e.text, e.source
        )
        .unwrap();
    }
    out
}

#[test]
fn every_extractor_on_every_article() {
    let registry = nerbench::registry();
    let gold = gold();
    for name in registry.names() {
        let extractor = registry
            .build(name, &Settings::default())
            .unwrap_or_else(|e| panic!("{e}"));
        for doc in &gold.documents {
            let snapshot = format!("{name}__{}", doc.document.id);
            insta::assert_snapshot!(snapshot, render(extractor.as_ref(), doc));
        }
    }
}

#[test]
fn output_is_flat_sorted_and_valid_for_every_extractor() {
    let registry = nerbench::registry();
    let gold = gold();
    for name in registry.names() {
        let extractor = registry.build(name, &Settings::default()).unwrap();
        for doc in &gold.documents {
            let entities = extractor.extract(&doc.document);
            for pair in entities.windows(2) {
                assert!(
                    pair[0].span.end() <= pair[1].span.start(),
                    "{name} on {}: {pair:?}",
                    doc.document.id
                );
            }
            for e in &entities {
                assert_eq!(e.text, &doc.document.text[e.span.range()], "{name}");
                assert!(
                    extractor.labels().contains(&e.label),
                    "{name} produced undeclared {}",
                    e.label
                );
            }
        }
    }
}

/// Every DATE value an extractor gives is one the gold format accepts, so
/// that its output can be written out and read back as a gold set: on the
/// gold articles and on the date cases' sentences, each with its DCT.
#[test]
fn every_date_value_is_valid_timex() {
    #[derive(serde::Deserialize)]
    struct Cases {
        case: Vec<Case>,
    }
    #[derive(serde::Deserialize)]
    struct Case {
        dct: Option<String>,
        text: String,
    }
    let cases: Cases = toml::from_str(include_str!("../crates/dates/tests/cases.toml")).unwrap();
    let mut documents: Vec<nerbench_core::Document> =
        gold().documents.into_iter().map(|g| g.document).collect();
    documents.extend(cases.case.into_iter().enumerate().map(|(i, c)| {
        let doc = nerbench_core::Document::new(format!("case{i}"), c.text);
        match c.dct {
            Some(dct) => doc.with_dct(dct.parse().expect("a YYYY-MM-DD DCT")),
            None => doc,
        }
    }));
    let registry = nerbench::registry();
    let mut checked = 0;
    for name in registry.names() {
        let extractor = registry.build(name, &Settings::default()).unwrap();
        for doc in &documents {
            for e in extractor.extract(doc) {
                if let Some(value) = &e.value {
                    let valid = nerbench_gold::timex::check(value);
                    assert!(valid.is_ok(), "{name} on {:?}: {value}: {valid:?}", e.text);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 300, "only {checked} values checked");
}
