//! `nerbench validate` on one small fixture per class of error, on a fixture
//! with many errors, and on clean fixtures; and the writers' round trip on
//! the clean fixtures of both shapes.

use std::fs;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use nerbench_gold::{Checks, GoldSet};
use predicates::prelude::*;

const FIXTURES: &str = "tests/fixtures/validate";

/// Runs `nerbench validate` from the package root, so paths in messages are
/// the relative ones given.
fn validate(args: &[&str]) -> assert_cmd::assert::Assert {
    cargo_bin_cmd!("nerbench")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("validate")
        .args(args)
        .assert()
}

/// Asserts that validating `fixture` fails with exactly `problems` (the
/// fixture path prefixed to each line) and their count.
fn fails_with(fixture: &str, problems: &[&str]) {
    let path = format!("{FIXTURES}/{fixture}");
    let mut expected: String = problems
        .iter()
        .map(|p| format!("{FIXTURES}/{p}\n"))
        .collect();
    let n = problems.len();
    expected += &format!("{n} problem{} found\n", if n == 1 { "" } else { "s" });
    validate(&[&path]).code(1).stdout("").stderr(expected);
}

#[test]
fn bad_json_gives_file_line_and_column() {
    fails_with(
        "bad_json",
        &["bad_json/annotations/doc.json:5:5: invalid JSON: expected `,` or `]`"],
    );
}

#[test]
fn offset_past_the_end_counts_code_points() {
    // "Korut" is at code points 10..15 but bytes 11..16 (NO-BREAK SPACE).
    fails_with(
        "past_end.jsonl",
        &[
            r#"past_end.jsonl:1: document "past_end": entities[1] 11..16 "Korut": ends at 16, past the end of the text (length 15)"#,
        ],
    );
}

#[test]
fn text_mismatch_shows_both_texts() {
    fails_with(
        "text_mismatch",
        &[
            r#"text_mismatch/annotations/doc.json:6: document "doc": entities[1] 15..26 "Kim Jong Un": text "Kim Jong Un" does not match the document, which has "Kim\u{a0}Jong Un" there"#,
        ],
    );
}

#[test]
fn overlap_names_both_entities() {
    fails_with(
        "overlap.jsonl",
        &[
            r#"overlap.jsonl:1: document "overlap": entities[0] 0..18 "Dewan Keamanan PBB": overlaps entities[1] 15..18 "PBB""#,
        ],
    );
}

#[test]
fn unknown_label_unless_declared() {
    fails_with(
        "unknown_label.jsonl",
        &[
            r#"unknown_label.jsonl:1: document "unknown_label": entities[0] 6..20 "Liga Champions": unknown label "EVENT" (known: PER, ORG, LOC, DATE)"#,
        ],
    );
    validate(&[
        &format!("{FIXTURES}/unknown_label.jsonl"),
        "--label",
        "EVENT",
    ])
    .code(0)
    .stdout(predicate::str::contains(
        "document       PER  ORG  LOC  DATE  EVENT  total\n",
    ));
}

#[test]
fn bad_timex_values_say_why() {
    fails_with(
        "bad_timex.jsonl",
        &[
            r#"bad_timex.jsonl:1: document "bad_timex": entities[0] 11..22 "30 Februari": DATE value "2023-02-30" is not TIMEX3: 2023-02 has no day 30"#,
            r#"bad_timex.jsonl:1: document "bad_timex": entities[1] 30..35 "Kamis": DATE value "2023-13" is not TIMEX3: there is no month 13"#,
            r#"bad_timex.jsonl:1: document "bad_timex": entities[2] 36..46 "12/10/2023": DATE value "12-10-2023" is not TIMEX3: not of the form YYYY, YYY, YYYY-MM, YYYY-MM-DD, YYYY-Www[-D|-WE], YYYY-Qn, YYYY-Hn or a span A/B of two of them (X for a digit left open)"#,
        ],
    );
}

#[test]
fn bad_dct() {
    fails_with(
        "bad_dct",
        &[
            r#"bad_dct/annotations/doc.json: document "doc": dct "2023-02-30" is not a valid date (YYYY-MM-DD)"#,
        ],
    );
}

#[test]
fn every_problem_of_every_document_is_reported() {
    fails_with(
        "several",
        &[
            "several/annotations/four.json: document \"four\": no article for this annotation (expected tests/fixtures/validate/several/articles/four.txt)",
            r#"several/annotations/one.json:6: document "one": entities[1] 16..30 "Vladimir Putin": text "Vladimir Putin" does not match the document, which has "ladimir Putin " there"#,
            r#"several/annotations/one.json:9: document "one": entities[4] 55..72 "13 September 2023": DATE entity has no value"#,
            r#"several/annotations/one.json:10: document "one": entities[5] 76..85 "Vostochny": unknown label "FAC" (known: PER, ORG, LOC, DATE)"#,
            r#"several/annotations/one.json:11: document "one": entities[6] 86..90 ".": ends at 90, past the end of the text (length 87)"#,
            r#"several/annotations/one.json:7: document "one": entities[2] 38..49 "Kim Jong Un": overlaps entities[3] 38..41 "Kim""#,
            "several/annotations/six.json: document \"one\": duplicate document id (first used at tests/fixtures/validate/several/annotations/one.json)",
            r#"several/annotations/six.json: document "one": id does not match the file name "six""#,
            "several/annotations/three.json:4: invalid JSON: EOF while parsing a list",
            r#"several/annotations/two.json: document "dua": id does not match the file name "two""#,
            r#"several/annotations/two.json: document "dua": dct "15-08-2023" is not a valid date (YYYY-MM-DD)"#,
            r#"several/annotations/two.json:5: document "dua": entities[0] 0..10 "Kamis lalu": DATE value "2023-W53" is not TIMEX3: 2023 has no ISO week 53"#,
            "several/articles/five.txt: no annotation for this article (expected tests/fixtures/validate/several/annotations/five.json)",
        ],
    );
}

#[test]
fn missing_date_values_can_be_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c.jsonl");
    fs::write(
        &corpus,
        "{\"id\":\"a\",\"text\":\"Kamis\",\"entities\":[{\"start\":0,\"end\":5,\"label\":\"DATE\",\"text\":\"Kamis\"}]}\n",
    )
    .unwrap();
    let corpus = corpus.to_str().unwrap();
    validate(&[corpus])
        .code(1)
        .stderr(predicate::str::contains("DATE entity has no value"));
    validate(&[corpus, "--allow-missing-values"]).code(0);
}

#[test]
fn clean_sets_exit_0_with_their_summary() {
    let table = "\
document  PER  ORG  LOC  DATE  total
alpha       3    1    3     2      9
beta        1    2    1     4      8
total       4    3    4     6     17
";
    validate(&[
        &format!("{FIXTURES}/clean"),
        &format!("{FIXTURES}/clean.jsonl"),
    ])
    .code(0)
    .stderr("")
    .stdout(format!(
        "{FIXTURES}/clean: 2 documents, 17 entities\n{table}\n\
             {FIXTURES}/clean.jsonl: 2 documents, 17 entities\n{table}"
    ));
    // A single annotation file finds its article in ../articles/.
    validate(&[&format!("{FIXTURES}/clean/annotations/beta.json")])
        .code(0)
        .stdout(predicate::str::starts_with(format!(
            "{FIXTURES}/clean/annotations/beta.json: 1 document, 8 entities\n"
        )));
}

#[test]
fn unreadable_paths_exit_2_with_one_message() {
    validate(&[&format!("{FIXTURES}/clean"), &format!("{FIXTURES}/missing")])
        .code(2)
        .stdout("")
        .stderr(format!(
            "error: cannot read {FIXTURES}/missing: No such file or directory (os error 2)\n"
        ));
    validate(&["Cargo.toml"])
        .code(2)
        .stderr("error: Cargo.toml is neither a directory nor a .json or .jsonl file\n");
    validate(&["src"])
        .code(2)
        .stderr("error: src is not a gold set directory (it has no annotations/ directory)\n");
    // The default path is gold/, relative to the working directory.
    let empty = tempfile::tempdir().unwrap();
    cargo_bin_cmd!("nerbench")
        .current_dir(empty.path())
        .arg("validate")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("error: cannot read gold: "));
}

#[test]
fn help_shows_an_example() {
    validate(&["--help"])
        .code(0)
        .stdout(predicate::str::contains(
            "nerbench validate corpus.jsonl --label EVENT",
        ));
}

/// Loading a canonical fixture and writing it back gives the same bytes.
#[test]
fn clean_fixtures_round_trip_byte_for_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES);
    let set = GoldSet::load(root.join("clean")).unwrap();
    let out = tempfile::tempdir().unwrap();
    set.write_dir(out.path()).unwrap();
    let mut compared = 0;
    for sub in ["articles", "annotations"] {
        for entry in fs::read_dir(root.join("clean").join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let written = out.path().join(sub).join(path.file_name().unwrap());
            assert_eq!(
                fs::read(&written).unwrap(),
                fs::read(&path).unwrap(),
                "{path:?}"
            );
            compared += 1;
        }
    }
    assert_eq!(compared, 4);

    let jsonl = root.join("clean.jsonl");
    let from_jsonl = GoldSet::load_with(&jsonl, &Checks::default()).unwrap();
    let mut written = Vec::new();
    from_jsonl.write_jsonl(&mut written).unwrap();
    assert_eq!(written, fs::read(&jsonl).unwrap());
    // Both shapes hold the same documents.
    assert_eq!(from_jsonl, set);
}
