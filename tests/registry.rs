//! The registry builds every shipped extractor by name, and the combination
//! from any chosen members.

use nerbench_core::{Document, NaiveDate, Settings};

#[test]
fn registers_the_four_extractors() {
    assert_eq!(
        nerbench::registry().names(),
        ["gazetteer", "regex", "dates", "combined"]
    );
    for name in nerbench::registry().names() {
        let built = nerbench::registry()
            .build(name, &Settings::default())
            .unwrap();
        assert_eq!(built.name(), name);
    }
}

#[test]
fn the_combination_takes_members_from_settings() {
    let registry = nerbench::registry();
    let doc = Document::new(
        "d",
        "Presiden Rusia Vladimir Putin tiba di Pyongyang pada Kamis (12 Oktober).",
    )
    .with_dct(NaiveDate::from_ymd_opt(2023, 10, 12).unwrap());

    let all = registry.build("combined", &Settings::default()).unwrap();
    let sources: Vec<String> = all
        .extract(&doc)
        .iter()
        .map(|e| e.source.to_string())
        .collect();
    assert!(sources.iter().any(|s| s == "dates"), "{sources:?}");

    let settings = Settings {
        combine: vec!["gazetteer".into()],
        ..Settings::default()
    };
    let only = registry.build("combined", &settings).unwrap();
    let found = only.extract(&doc);
    assert!(
        !found.is_empty() && found.iter().all(|e| &*e.source == "gazetteer"),
        "{found:?}"
    );
}

#[test]
fn a_bad_combination_is_an_error_not_a_panic() {
    let registry = nerbench::registry();
    for (members, message) in [
        (vec!["combined".to_string()], "cannot contain itself"),
        (
            vec!["gazetteer".to_string(), "spacy".to_string()],
            "unknown extractor \"spacy\"",
        ),
    ] {
        let settings = Settings {
            combine: members,
            ..Settings::default()
        };
        let err = registry
            .build("combined", &settings)
            .err()
            .expect("must fail");
        let err = chain(&err);
        assert!(err.contains(message), "{err}");
    }
}

/// The error and its causes, as the binary prints them.
fn chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut cause = err.source();
    while let Some(e) = cause {
        text = format!("{text}: {e}");
        cause = e.source();
    }
    text
}
