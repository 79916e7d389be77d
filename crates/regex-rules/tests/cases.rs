//! Generalisation cases: every sentence of `tests/cases.toml` is its own named
//! test, run through the combination the registry builds by default
//! (gazetteer, regex rules, dates) and compared on PER, ORG and LOC.
//!
//! A case marked `known_failure` passes only while the extractor still gets it
//! wrong, so that a fix shows up as a failure asking to remove the mark.

use std::sync::Arc;

use libtest_mimic::{Arguments, Failed, Trial};
use nerbench_combined::Combined;
use nerbench_core::{Document, Extractor, Label};
use nerbench_dates::DateExtractor;
use nerbench_gazetteer::Gazetteer;
use nerbench_regex_rules::RegexRules;
use serde::Deserialize;

const CASES: &str = include_str!("cases.toml");

/// The promise of the file: enough cases, some of them with nothing to find.
const MIN_CASES: usize = 120;
const MIN_NEGATIVE: usize = 12;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    /// `[label, surface text]` in text order.
    expect: Vec<(String, String)>,
    /// Why the extractor still gets this case wrong.
    known_failure: Option<String>,
}

fn names_found(extractor: &Combined, text: &str) -> Vec<(String, String)> {
    extractor
        .extract(&Document::new("case", text))
        .into_iter()
        .filter(|e| matches!(e.label, Label::Per | Label::Org | Label::Loc))
        .map(|e| (e.label.to_string(), e.text))
        .collect()
}

fn run(extractor: &Combined, case: &Case) -> Result<(), Failed> {
    let found = names_found(extractor, &case.text);
    let report = |headline: &str| {
        format!(
            "{headline}\n  sentence: {}\n  expected: {:?}\n  found:    {:?}",
            case.text, case.expect, found
        )
    };
    match (&case.known_failure, found == case.expect) {
        (None, true) => Ok(()),
        (None, false) => Err(report("wrong entities").into()),
        (Some(_), false) => Ok(()),
        (Some(why), true) => Err(report(&format!(
            "marked known_failure ({why}) but now right: remove the mark"
        ))
        .into()),
    }
}

fn combined() -> Combined {
    let gazetteer = Gazetteer::builtin().unwrap_or_else(|e| panic!("gazetteer: {e}"));
    let rules = RegexRules::builtin().unwrap_or_else(|e| panic!("rules: {e}"));
    Combined::new(vec![
        Box::new(gazetteer),
        Box::new(rules),
        Box::new(DateExtractor::new()),
    ])
}

fn main() {
    let args = Arguments::from_args();
    let file: CaseFile = toml::from_str(CASES).unwrap_or_else(|e| panic!("tests/cases.toml: {e}"));
    let cases: Vec<Arc<Case>> = file.case.into_iter().map(Arc::new).collect();
    let extractor = Arc::new(combined());

    let shape = {
        let cases = cases.clone();
        Trial::test("case_file_shape", move || {
            let negative = cases.iter().filter(|c| c.expect.is_empty()).count();
            let mut names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            let labels_ok = cases
                .iter()
                .flat_map(|c| &c.expect)
                .all(|(label, _)| matches!(label.as_str(), "PER" | "ORG" | "LOC"));
            if cases.len() < MIN_CASES
                || negative < MIN_NEGATIVE
                || names.len() != cases.len()
                || !labels_ok
            {
                return Err(format!(
                    "{} cases ({negative} negative, {} unique names, labels ok: {labels_ok})",
                    cases.len(),
                    names.len()
                )
                .into());
            }
            Ok(())
        })
    };
    let mut trials = vec![shape];
    trials.extend(cases.iter().map(|case| {
        let (extractor, case) = (extractor.clone(), case.clone());
        Trial::test(case.name.clone(), move || run(&extractor, &case))
    }));
    libtest_mimic::run(&args, trials).exit();
}
