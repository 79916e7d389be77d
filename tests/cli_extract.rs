//! `nerbench extract`: plain text and JSONL in, JSONL out; the same output
//! for any number of threads; bad inputs reported without stopping the rest;
//! and its output scores exactly like the extractor itself.

mod cli_support;

use std::fs;

use cli_support::{fixture, nerbench, root, stderr, stdout, write_file, FAST};
use nerbench_gold::{Checks, JsonlReader};
use serde_json::Value;

/// A JSONL corpus of `copies` times the gold articles (ids made unique, no
/// entities), written to a temporary directory.
fn corpus(dir: &tempfile::TempDir, copies: usize) -> String {
    let gold = nerbench_gold::GoldSet::load(root("gold")).unwrap();
    let mut out = String::new();
    for k in 0..copies {
        for doc in &gold.documents {
            let line = serde_json::json!({
                "id": format!("{}-{k}", doc.document.id),
                "text": doc.document.text,
                "dct": doc.document.dct.map(|d| d.to_string()),
            });
            out += &format!("{line}\n");
        }
    }
    write_file(dir, "corpus.jsonl", out).display().to_string()
}

/// The `id` of every JSONL line, in order.
fn ids(jsonl: &str) -> Vec<String> {
    jsonl
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn output_is_identical_for_one_and_two_threads_and_keeps_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(&dir, 2);
    for name in nerbench::registry().names() {
        let run = |threads: &str| {
            let assert = nerbench()
                .env("RAYON_NUM_THREADS", threads)
                .args(["extract", "--extractor", name, "--chunk", "3", &corpus])
                .assert()
                .success();
            stdout(&assert)
        };
        let one = run("1");
        assert_eq!(one, run("2"), "{name}");
        assert_eq!(
            ids(&one),
            ids(&fs::read_to_string(&corpus).unwrap()),
            "{name}"
        );
    }
}

#[test]
fn output_is_valid_prediction_jsonl_with_code_point_offsets() {
    // The gazetteer finds "Rusia" after a NO-BREAK SPACE: byte and
    // code-point offsets differ there.
    let text = "Presiden\u{a0}Rusia Vladimir Putin tiba di Pyongyang.";
    let assert = nerbench()
        .args([
            "extract",
            "--extractor",
            "gazetteer",
            "--dct",
            "2023-10-12",
            "-",
        ])
        .write_stdin(text)
        .assert()
        .success();
    let out = stdout(&assert);
    let line: Value = serde_json::from_str(out.trim_end()).unwrap();
    assert_eq!(line["id"], "stdin");
    assert_eq!(line["dct"], "2023-10-12");
    assert_eq!(line["entities"][0]["start"], 9);
    assert_eq!(line["entities"][0]["text"], "Rusia");
    let checks = Checks::default().date_values_optional();
    let docs: Vec<_> = JsonlReader::new(out.as_bytes(), "out.jsonl", checks)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(docs[0].entities.len(), 3);
}

#[test]
fn plain_files_are_named_by_their_stem() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(&dir, "berita-1.txt", "Menlu Retno Marsudi tiba di Jakarta.");
    let assert = nerbench()
        .args(["extract", "--extractor", "gazetteer"])
        .arg(&path)
        .assert()
        .success();
    let line: Value = serde_json::from_str(stdout(&assert).trim_end()).unwrap();
    assert_eq!(line["id"], "berita-1");
    assert!(line.get("dct").is_none());
}

#[test]
fn extracting_then_scoring_equals_scoring_the_extractor() {
    let gold = fixture("gold.jsonl");
    for name in nerbench::registry().names() {
        let extracted = nerbench()
            .args(["extract", "--extractor", name, &gold])
            .assert()
            .success();
        let json = |args: &[&str], stdin: Option<String>| -> Value {
            let mut cmd = nerbench();
            cmd.args(["eval", "--gold", &gold, "--format", "json"])
                .args(FAST)
                .args(args);
            if let Some(input) = stdin {
                cmd.write_stdin(input);
            }
            serde_json::from_str(&stdout(&cmd.assert().success())).unwrap()
        };
        let piped = json(&["--pred", "-"], Some(stdout(&extracted)));
        let direct = json(&["--extractor", name], None);
        assert_eq!(piped["scorecard"], direct["scorecard"], "{name}");
        assert_eq!(
            piped["schemes"]["strict"]["micro"],
            direct["schemes"]["strict"]["micro"]
        );
    }
}

#[test]
fn bad_inputs_are_reported_and_the_others_still_extracted() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = write_file(&dir, "mixed.jsonl", "{\"id\":\"a\",\"text\":\"Kim di Seoul\"}\n{\"id\":\"b\",\"text\":5}\n{\"id\":\"c\",\"text\":\"Putin di Moskow\"}\n");
    let latin1 = write_file(&dir, "latin1.txt", b"Br\xe4ndli di Bern");
    let assert = nerbench()
        .args(["extract", "--extractor", "gazetteer"])
        .arg(&corpus)
        .arg(&latin1)
        .arg(dir.path().join("missing.txt"))
        .assert()
        .code(2);
    assert_eq!(ids(&stdout(&assert)), ["a", "c"]);
    let err = stderr(&assert);
    assert!(
        err.contains("mixed.jsonl:2:18: not a gold document: invalid type"),
        "{err}"
    );
    assert!(
        err.contains("latin1.txt: not UTF-8 (first bad byte at offset 2)"),
        "{err}"
    );
    assert!(err.contains("missing.txt: cannot read:"), "{err}");
    assert!(
        err.ends_with("error: 3 bad inputs skipped (listed above)\n"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    nerbench()
        .args(["extract", "--extractor", "nosuch", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "unknown extractor \"nosuch\" (known: ",
        ));
    nerbench()
        .args([
            "extract",
            "--extractor",
            "dates",
            "--dct",
            "2023-02-30",
            "-",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "\"2023-02-30\" is not a YYYY-MM-DD date",
        ));
    nerbench()
        .args(["extract", "--extractor", "dates", "--chunk", "0", "-"])
        .assert()
        .code(2);
    nerbench()
        .args(["extract", "--extractor", "dates", "a/x.txt", "b/x.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "b/x.txt: another input already gives a document the id \"x\"",
        ));
}

#[test]
fn dates_from_stdin_print_date_entities_with_values_resolved_against_dct() {
    // Issue 5's contract: `extract --extractor dates --dct D` on stdin.
    let text = "Menteri itu tiba pada Selasa (15/8/2023), sehari setelah rapat pekan lalu.";
    let assert = nerbench()
        .args(["extract", "--extractor", "dates", "--dct", "2023-08-15"])
        .write_stdin(text)
        .assert()
        .success();
    let line: Value = serde_json::from_str(stdout(&assert).trim_end()).unwrap();
    let found: Vec<(String, String, String)> = line["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap().to_string();
            (s("label"), s("text"), s("value"))
        })
        .collect();
    let expected = [
        ("DATE", "Selasa", "2023-08-15"),
        ("DATE", "15/8/2023", "2023-08-15"),
        ("DATE", "pekan lalu", "2023-W32"),
    ]
    .map(|(l, t, v)| (l.to_string(), t.to_string(), v.to_string()));
    assert_eq!(found, expected);
}

/// The DATE entities of one line of `extract` output: (text, value).
fn dates_of(jsonl: &str) -> Vec<(String, String)> {
    let line: Value = serde_json::from_str(jsonl.trim_end()).unwrap();
    line["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["label"] == "DATE")
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or_default().to_string();
            (s("text"), s("value"))
        })
        .collect()
}

#[test]
fn user_holidays_and_lexicon_change_the_dates_without_recompiling() {
    let dir = tempfile::tempdir().unwrap();
    let holidays = write_file(&dir, "holidays.tsv", "date\tcountry\tnames\tsource\n03-09\tIndonesia\tHari Musik Nasional\tKeppres No. 10 Tahun 2013\n");
    let text = "Pada Hari Musik Nasional dan Hari Kartini, warga berkumpul.";
    let run = |extra: &[&str]| {
        let assert = nerbench()
            .args(["extract", "--extractor", "dates", "--dct", "2024-05-01"])
            .args(extra)
            .write_stdin(text)
            .assert()
            .success();
        dates_of(&stdout(&assert))
    };
    let pair = |t: &str, v: &str| (t.to_string(), v.to_string());
    assert_eq!(run(&[]), [pair("Hari Kartini", "2024-04-21")]);
    let path = holidays.to_str().unwrap();
    assert_eq!(
        run(&["--holidays", path]),
        [
            pair("Hari Musik Nasional", "2024-03-09"),
            pair("Hari Kartini", "2024-04-21"),
        ]
    );
    assert_eq!(
        run(&["--holidays", path, "--replace-holidays"]),
        [pair("Hari Musik Nasional", "2024-03-09")]
    );
    // The combination reads the same settings for its dates member.
    let assert = nerbench()
        .args(["extract", "--extractor", "combined", "--holidays", path])
        .args(["--dct", "2024-05-01"])
        .write_stdin(text)
        .assert()
        .success();
    assert!(dates_of(&stdout(&assert)).contains(&pair("Hari Musik Nasional", "2024-03-09")));
}

#[test]
fn malformed_date_data_is_an_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let holidays = write_file(
        &dir,
        "bad.tsv",
        "date\tcountry\tnames\tsource\n02-30\t-\tHari Mustahil\tnone\n",
    );
    let lexicon = write_file(&dir, "lexicon.toml", "month = [\n");
    for (flag, path, expected) in [
        ("--holidays", &holidays, "bad.tsv:2: "),
        ("--date-lexicon", &lexicon, "lexicon.toml: "),
    ] {
        nerbench()
            .args(["extract", "--extractor", "dates", flag])
            .arg(path)
            .write_stdin("Senin")
            .assert()
            .code(2)
            .stderr(predicates::str::contains(expected));
    }
    nerbench()
        .args(["extract", "--extractor", "dates", "--replace-holidays", "-"])
        .write_stdin("Senin")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--holidays"));
}

/// The texts of every entity of one JSONL line.
fn texts_of(jsonl: &str) -> Vec<String> {
    let line: Value = serde_json::from_str(jsonl.trim_end()).unwrap();
    line["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn user_lists_replace_the_combinations_built_in_ones() {
    let dir = tempfile::tempdir().unwrap();
    write_file(&dir, "compass_points.txt", "# only east\nTimur\n");
    write_file(&dir, "legal_forms.txt", "Firma\n");
    let text = "Banjir merendam gudang Firma Pertamina di Bekasi Timur dan Bekasi Barat.";
    let run = |extra: &[&str]| {
        let assert = nerbench()
            .args(["extract", "--extractor", "combined"])
            .args(extra)
            .write_stdin(text)
            .assert()
            .success();
        texts_of(&stdout(&assert))
    };
    let builtin = run(&[]);
    assert!(builtin.contains(&"Bekasi Barat".to_string()), "{builtin:?}");
    assert!(builtin.contains(&"Pertamina".to_string()), "{builtin:?}");
    // The directory's lists replace those two; the others stay built in.
    let dir_arg = dir.path().to_str().unwrap();
    let mine = run(&["--combined-data", dir_arg]);
    assert!(mine.contains(&"Bekasi Timur".to_string()), "{mine:?}");
    assert!(!mine.contains(&"Bekasi Barat".to_string()), "{mine:?}");
    assert!(mine.contains(&"Firma Pertamina".to_string()), "{mine:?}");
}

#[test]
fn an_unknown_or_missing_combination_list_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write_file(&dir, "compas_points.txt", "Timur\n");
    write_file(&dir, "legal_form.txt", "PT\n");
    let assert = nerbench()
        .args(["extract", "--extractor", "combined", "--combined-data"])
        .arg(dir.path())
        .write_stdin("Bekasi Timur")
        .assert()
        .code(2);
    // Both misspelled files are named, with the names that are known.
    let err = stderr(&assert);
    for expected in [
        "\"compas_points.txt\", \"legal_form.txt\"",
        "known: office_levels.txt",
    ] {
        assert!(err.contains(expected), "{err}");
    }
    nerbench()
        .args(["extract", "--extractor", "combined", "--combined-data"])
        .arg(dir.path().join("missing"))
        .write_stdin("Bekasi Timur")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing"));
}
