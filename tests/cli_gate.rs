//! `nerbench gate`: a baseline recorded from one prediction file, then
//! checked against the same predictions (pass, exit 0) and against a
//! deliberately worse file under the same system name (fail, exit 1).

mod cli_support;

use std::fs;
use std::path::Path;

use cli_support::{fixture, nerbench, stderr, stdout, write_file};
use serde_json::Value;

/// Runs the gate on the fixture gold set with `pred` as system `system`.
fn gate(baseline: &Path, system: &str, pred: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    let gold = fixture("gold.jsonl");
    let pred = format!("{system}={}", fixture(pred));
    nerbench()
        .args(["gate", "--gold", &gold, "--pred", &pred, "--baseline"])
        .arg(baseline)
        .args(extra)
        .assert()
}

#[test]
fn records_a_baseline_then_passes_on_the_same_and_fails_on_worse_predictions() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let out = stdout(&gate(&baseline, "tool", "good.jsonl", &["--update"]).success());
    assert!(out.contains("updated"), "{out}");
    let json: Value = serde_json::from_str(&fs::read_to_string(&baseline).unwrap()).unwrap();
    // 22/27 rounded to four decimals.
    assert_eq!(json["f1"]["tool"]["(all)"]["strict"], 0.8148);
    assert_eq!(json["f1"]["tool"]["DATE"]["strict"], 1.0);

    let out = stdout(&gate(&baseline, "tool", "good.jsonl", &[]).success());
    assert!(
        out.ends_with("passed: no F1 fell by more than 0.005\n"),
        "{out}"
    );

    let junit = dir.path().join("gate.xml");
    let summary = dir.path().join("summary.md");
    let failed = gate(
        &baseline,
        "tool",
        "worse.jsonl",
        &[
            "--junit",
            junit.to_str().unwrap(),
            "--summary",
            summary.to_str().unwrap(),
        ],
    )
    .code(1);
    let out = stdout(&failed);
    assert!(
        out.contains("FAIL tool × all labels × strict: F1 0.8148 → 0.2222 (-0.5926)\n"),
        "{out}"
    );
    assert!(
        out.contains("FAIL tool × PER × strict: F1 0.6667 → 0.0000"),
        "{out}"
    );
    // LOC partial stays at 0.5 < 0.6667: also a drop; DATE strict: 1 → 0.3333.
    assert!(
        out.contains("FAIL tool × DATE × strict: F1 1.0000 → 0.3333"),
        "{out}"
    );
    let fails = out.lines().filter(|l| l.starts_with("FAIL ")).count();
    assert!(
        out.ends_with(&format!(
            "failed: {fails} entries fell by more than 0.005 or disappeared\n"
        )),
        "{out}"
    );

    let xml = fs::read_to_string(&junit).unwrap();
    assert!(
        xml.contains(&format!("tests=\"20\" failures=\"{fails}\"")),
        "{xml}"
    );
    assert_eq!(xml.matches("<failure ").count(), fails);
    let md = fs::read_to_string(&summary).unwrap();
    assert!(
        md.starts_with(&format!("## nerbench gate: **failed**: {fails} entries")),
        "{md}"
    );
    assert!(
        md.contains("| tool | all labels | strict | 0.8148 | 0.2222 | -0.5926 | **fell** |"),
        "{md}"
    );
}

#[test]
fn tolerance_decides_what_counts_as_a_drop() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    gate(&baseline, "tool", "good.jsonl", &["--update"]).success();
    // Raise one entry by 0.01: fails at the default tolerance, passes at 0.02.
    let text = fs::read_to_string(&baseline).unwrap();
    let raised = text.replacen("\"strict\": 0.8148", "\"strict\": 0.8248", 1);
    assert_ne!(raised, text);
    fs::write(&baseline, raised).unwrap();
    let out = stdout(&gate(&baseline, "tool", "good.jsonl", &[]).code(1));
    assert!(
        out.contains("FAIL tool × all labels × strict: F1 0.8248 → 0.8148 (-0.0100)"),
        "{out}"
    );
    gate(&baseline, "tool", "good.jsonl", &["--tolerance", "0.02"]).success();
}

#[test]
fn a_system_missing_from_the_run_fails_as_disappeared_and_update_reports_changes() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    gate(&baseline, "tool", "worse.jsonl", &["--update"]).success();
    let out = stdout(&gate(&baseline, "other", "good.jsonl", &[]).code(1));
    assert!(
        out.contains("FAIL tool × all labels × strict: F1 0.2222 → disappeared"),
        "{out}"
    );
    assert!(
        out.contains("new other × all labels × strict: F1 0.8148 (not in the baseline)"),
        "{out}"
    );

    let out = stdout(&gate(&baseline, "tool", "good.jsonl", &["--update"]).success());
    assert!(
        out.contains("improved tool × all labels × strict: F1 0.2222 → 0.8148 (+0.5926)"),
        "{out}"
    );
    let out = stdout(&gate(&baseline, "tool", "worse.jsonl", &["--update"]).success());
    assert!(
        out.contains("lowered tool × all labels × strict: F1 0.8148 → 0.2222"),
        "{out}"
    );
}

#[test]
fn a_bad_baseline_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = write_file(&dir, "baseline.json", "{\"about\": \"x\",\n \"gold\": 3}");
    let err = stderr(&gate(&baseline, "tool", "good.jsonl", &[]).code(2));
    assert!(
        err.contains("baseline.json:2:10: not a gate baseline: invalid type"),
        "{err}"
    );
    let missing = dir.path().join("none.json");
    let err = stderr(&gate(&missing, "tool", "good.jsonl", &[]).code(2));
    assert!(
        err.contains("cannot read") && err.contains("none.json"),
        "{err}"
    );
}
