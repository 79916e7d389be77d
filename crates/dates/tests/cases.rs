//! Runs every case of `tests/cases.toml` as its own named test: a sentence,
//! its DCT, and the DATE spans (surface text and TIMEX3 value) expected.

use libtest_mimic::{Arguments, Failed, Trial};
use nerbench_core::{Document, Extractor, NaiveDate};
use nerbench_dates::DateExtractor;
use serde::Deserialize;
use std::sync::Arc;

const CASES: &str = include_str!("cases.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// `YYYY-MM-DD`; absent means the document has no DCT.
    dct: Option<String>,
    text: String,
    expect: Vec<(String, String)>,
}

fn run(extractor: &DateExtractor, case: &Case) -> Result<(), Failed> {
    let mut doc = Document::new(case.name.as_str(), case.text.as_str());
    if let Some(dct) = &case.dct {
        let dct: NaiveDate = dct.parse().map_err(|e| format!("bad dct {dct:?}: {e}"))?;
        doc = doc.with_dct(dct);
    }
    let found: Vec<(String, String)> = extractor
        .extract(&doc)
        .into_iter()
        .map(|e| (e.text, e.value.unwrap_or_default()))
        .collect();
    if found == case.expect {
        return Ok(());
    }
    let dct = case.dct.as_deref().unwrap_or("none");
    Err(format!(
        "\n  sentence: {}\n  DCT:      {dct}\n  expected: {:?}\n  found:    {:?}",
        case.text, case.expect, found
    )
    .into())
}

fn main() {
    let args = Arguments::from_args();
    let file: CaseFile = toml::from_str(CASES).unwrap_or_else(|e| panic!("tests/cases.toml: {e}"));
    let extractor = Arc::new(DateExtractor::new());
    let cases: Vec<Arc<Case>> = file.case.into_iter().map(Arc::new).collect();

    let mut trials = vec![{
        // The file itself must keep its promise: enough cases, a quarter of
        // them negative, every name unique.
        let cases = cases.clone();
        Trial::test("case_file_shape", move || {
            let negative = cases.iter().filter(|c| c.expect.is_empty()).count();
            let mut names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            if cases.len() < 200 || negative * 4 < cases.len() || names.len() != cases.len() {
                return Err(format!(
                    "{} cases ({} negative, {} unique names)",
                    cases.len(),
                    negative,
                    names.len()
                )
                .into());
            }
            Ok(())
        })
    }];
    trials.extend(cases.iter().map(|case| {
        let (extractor, case) = (extractor.clone(), case.clone());
        Trial::test(case.name.clone(), move || run(&extractor, &case))
    }));
    libtest_mimic::run(&args, trials).exit();
}
