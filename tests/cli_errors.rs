//! Exit codes and messages of bad input and bad usage, for every command
//! that scores; and `--help` with examples everywhere.

mod cli_support;

use cli_support::{fixture, nerbench, stderr, FAST};
use predicates::prelude::*;

#[test]
fn every_command_has_help_with_examples() {
    for command in ["validate", "extract", "eval", "compare", "gate", "report"] {
        nerbench()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(
                predicate::str::contains("Examples:\n  nerbench ")
                    .and(predicate::str::contains(command)),
            );
    }
    nerbench()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Exit codes: 0 ok, 1 validation or gate failure, 2 usage or input error",
        ));
}

#[test]
fn usage_errors_exit_2() {
    nerbench()
        .args(["eval"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--extractor"));
    nerbench()
        .args(["eval", "--extractor", "dates", "--pred", "x.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
    nerbench()
        .args(["compare", "--scheme", "loose"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown scheme \"loose\": expected strict, exact, partial or type",
        ));
    nerbench()
        .args(["compare", "--extractors", "gazetteer,nosuch"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown extractor \"nosuch\" (known: ",
        ));
    let pred = fixture("good.jsonl");
    nerbench()
        .args(["compare", "--extractors", "gazetteer", "--pred"])
        .arg(format!("gazetteer={pred}"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the system name \"gazetteer\" is given twice",
        ));
    nerbench()
        .args([
            "eval",
            "--extractor",
            "gazetteer",
            "--level",
            "1.5",
            "--gold",
            &fixture("gold.jsonl"),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "level 1.5 must lie strictly between 0 and 1",
        ));
}

#[test]
fn a_missing_or_invalid_gold_set_exits_2_naming_it() {
    nerbench()
        .args(["eval", "--extractor", "gazetteer", "--gold", "no/such/gold"])
        .assert()
        .code(2)
        .stderr("error: cannot read no/such/gold: No such file or directory (os error 2)\n");
    // Predictions are not a gold set: their DATE entities may lack values,
    // but a gold set's may not. Every problem is listed, then one summary.
    let assert = nerbench()
        .args(["compare", "--gold", &fixture("bad-pred.jsonl")])
        .assert()
        .code(2);
    let err = stderr(&assert);
    assert!(
        err.contains("bad-pred.jsonl:1: document \"a\": entities[0] 5..500 \"x\": ends at 500"),
        "{err}"
    );
    assert!(err.contains("bad-pred.jsonl:2:"), "{err}");
    assert!(err.ends_with("error: the gold set tests/fixtures/cli/bad-pred.jsonl has 2 problems (listed above; `nerbench validate` checks it)\n"), "{err}");
}

#[test]
fn bad_prediction_files_exit_2_with_every_problem() {
    let assert = nerbench()
        .args([
            "eval",
            "--gold",
            &fixture("gold.jsonl"),
            "--pred",
            &fixture("bad-pred.jsonl"),
        ])
        .args(FAST)
        .assert()
        .code(2);
    let err = stderr(&assert);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0]
            .starts_with("tests/fixtures/cli/bad-pred.jsonl:1: document \"a\": entities[0] 5..500"),
        "{err}"
    );
    assert!(
        lines[1].starts_with(
            "tests/fixtures/cli/bad-pred.jsonl:2:12: invalid JSON: expected `,` or `}`"
        ),
        "{err}"
    );
    assert_eq!(
        lines[2],
        "error: 2 problems in the predictions tests/fixtures/cli/bad-pred.jsonl"
    );
}

#[test]
fn predictions_must_match_the_gold_documents() {
    nerbench()
        .args([
            "eval",
            "--gold",
            &fixture("gold.jsonl"),
            "--pred",
            &fixture("mismatch.jsonl"),
        ])
        .args(FAST)
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: the predictions tests/fixtures/cli/mismatch.jsonl do not match the gold set \
             tests/fixtures/cli/gold.jsonl:\n  \
             no prediction for 1 document of the gold set: b\n  \
             1 document not in the gold set: z\n  \
             text differs from the gold text in 1 document: c\n",
        );
}
