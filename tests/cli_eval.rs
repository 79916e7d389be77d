//! `nerbench eval` and `nerbench compare` on a small fixture gold set with
//! fixed prediction files: the table and Markdown outputs are pinned by
//! snapshots, the JSON output is checked against the counts it reports.

mod cli_support;

use cli_support::{fixture, nerbench, stdout, FAST, TRIALS};
use serde_json::Value;

fn eval(pred: &str, format: &str) -> String {
    let gold = fixture("gold.jsonl");
    let pred = fixture(pred);
    let assert = nerbench()
        .args(["eval", "--gold", &gold, "--pred", &pred, "--format", format])
        .args(FAST)
        .assert()
        .success();
    stdout(&assert)
}

fn compare(format: &str, extra: &[&str]) -> String {
    let gold = fixture("gold.jsonl");
    let good = format!("good={}", fixture("good.jsonl"));
    let worse = format!("worse={}", fixture("worse.jsonl"));
    let assert = nerbench()
        .args([
            "compare", "--gold", &gold, "--pred", &good, "--pred", &worse,
        ])
        .args(["--format", format])
        .args(FAST)
        .args(TRIALS)
        .args(extra)
        .assert()
        .success();
    stdout(&assert)
}

#[test]
fn eval_table() {
    insta::assert_snapshot!(eval("good.jsonl", "table"));
}

#[test]
fn eval_markdown() {
    insta::assert_snapshot!(eval("good.jsonl", "markdown"));
}

#[test]
fn eval_json_holds_the_scorecard_and_its_ratios() {
    let json: Value = serde_json::from_str(&eval("good.jsonl", "json")).unwrap();
    assert_eq!(json["system"], "good");
    assert_eq!(json["documents"], 3);
    let total = &json["scorecard"]["total"]["strict"]["overall"];
    // 13 gold entities, 14 predicted; all strict matches but a too narrow
    // PER, a LOC labelled ORG and a spurious LOC (see good.jsonl).
    assert_eq!(total["possible"], 13);
    assert_eq!(total["actual"], 14);
    assert_eq!(total["correct"], 11);
    let micro = &json["schemes"]["strict"]["micro"];
    let f1 = micro["f1"].as_f64().unwrap();
    assert!((f1 - 2.0 * 11.0 / 27.0).abs() < 1e-12, "{micro}");
    let interval = &json["schemes"]["strict"]["f1_interval"];
    let (lower, upper) = (
        interval["lower"].as_f64().unwrap(),
        interval["upper"].as_f64().unwrap(),
    );
    assert!(lower <= f1 && f1 <= upper, "{interval}");
    // One DATE value is wrong (Selasa resolved a week early).
    assert_eq!(json["dates"]["counts"]["matched"], 4);
    assert_eq!(json["dates"]["counts"]["value_matched"], 3);
    assert_eq!(json["schemes"]["partial"]["labels"]["PER"]["tried"], true);
}

#[test]
fn eval_html_is_one_escaped_page() {
    let html = eval("good.jsonl", "html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<h2>Scheme strict</h2>"));
    assert!(!html.contains("<link") && !html.contains("src="));
    assert_eq!(
        html.matches("<table").count(),
        6,
        "4 schemes, dates, documents"
    );
}

#[test]
fn seeds_make_intervals_reproducible_and_change_them() {
    let again = eval("good.jsonl", "table");
    assert_eq!(again, eval("good.jsonl", "table"));
    let gold = fixture("gold.jsonl");
    let pred = fixture("good.jsonl");
    let other_seed = nerbench()
        .args([
            "eval",
            "--gold",
            &gold,
            "--pred",
            &pred,
            "--resamples",
            "200",
            "--level",
            "0.9",
        ])
        .args(["--seed", "8"])
        .assert()
        .success();
    assert_ne!(stdout(&other_seed), again);
}

#[test]
fn compare_table() {
    insta::assert_snapshot!(compare("table", &[]));
}

#[test]
fn compare_markdown_with_errors() {
    insta::assert_snapshot!(compare(
        "markdown",
        &["--errors", "3", "--scheme", "strict,partial"]
    ));
}

#[test]
fn compare_json_marks_the_best_and_tests_the_others() {
    let json: Value = serde_json::from_str(&compare("json", &["--errors"])).unwrap();
    let c = &json["comparisons"][0];
    assert_eq!(c["systems"], serde_json::json!(["good", "worse"]));
    // Column 0 is all labels, where "good" is best; "worse" is tested against it.
    assert_eq!(c["best"][0], 0);
    assert!(c["cells"][0][0]["against_best"].is_null());
    let p = c["cells"][1][0]["against_best"]["p_value"]
        .as_f64()
        .unwrap();
    assert!(p > 0.0 && p <= 1.0);
    // worse.jsonl: 8 gold entities missed, one wrong label, two too narrow.
    assert_eq!(json["errors"]["worse"].as_array().unwrap().len(), 11);
}

#[test]
fn compare_runs_every_registered_extractor_by_default() {
    let gold = fixture("gold.jsonl");
    let assert = nerbench()
        .args(["compare", "--gold", &gold, "--format", "json"])
        .args(FAST)
        .args(TRIALS)
        .assert()
        .success();
    let json: Value = serde_json::from_str(&stdout(&assert)).unwrap();
    let names: Vec<String> = nerbench::registry()
        .names()
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(json["comparisons"][0]["systems"], serde_json::json!(names));
}
