//! `nerbench report`: one self-contained page holding every document and
//! every gold and predicted entity, escaped.

mod cli_support;

use std::fs;

use cli_support::{fixture, nerbench, write_file, FAST, TRIALS};
use nerbench_core::{Entity, Settings};
use nerbench_gold::{Checks, GoldSet, JsonlReader};

/// The attributes that identify each entity's mark on the page.
fn marks(doc: &str, side: &str, entities: &[Entity], text: &str) -> Vec<String> {
    let index = nerbench_core::offsets::OffsetIndex::new(text);
    entities
        .iter()
        .map(|e| {
            let (s, t) = index.chars_of(e.span).unwrap();
            format!(
                "data-doc=\"{doc}\" data-side=\"{side}\" data-span=\"{s}-{t}\" data-label=\"{}\"",
                e.label
            )
        })
        .collect()
}

#[test]
fn every_document_and_every_entity_of_every_column_is_on_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let gold_path = fixture("gold.jsonl");
    let pred = format!("tool={}", fixture("good.jsonl"));
    nerbench()
        .args([
            "report",
            "--gold",
            &gold_path,
            "--extractors",
            "all",
            "--pred",
            &pred,
        ])
        .args(FAST)
        .args(TRIALS)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let html = fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    // Self-contained: no external stylesheet, script or image.
    for external in ["<link", "src=", "http://", "https://", "@import"] {
        assert!(!html.contains(external), "{external}");
    }
    assert!(html.contains("<table class=\"scores\">"));

    let gold = GoldSet::load(cli_support::root(&gold_path)).unwrap();
    let checks = Checks::default().date_values_optional();
    let tool: Vec<_> = JsonlReader::new(
        fs::read(fixture("good.jsonl")).unwrap().as_slice(),
        "good.jsonl",
        checks,
    )
    .collect::<Result<_, _>>()
    .unwrap();
    let registry = nerbench::registry();
    let mut expected = 0;
    for (doc, predicted) in gold.documents.iter().zip(&tool) {
        let id = &doc.document.id;
        let text = &doc.document.text;
        assert!(
            html.contains(&format!("<section class=\"doc\" id=\"doc-{id}\"")),
            "{id}"
        );
        let mut wanted = marks(id, "gold", &doc.entities, text);
        wanted.extend(marks(id, "tool", &predicted.entities, text));
        for name in registry.names() {
            let extractor = registry.build(name, &Settings::default()).unwrap();
            wanted.extend(marks(id, name, &extractor.extract(&doc.document), text));
        }
        for mark in &wanted {
            assert_eq!(html.matches(mark.as_str()).count(), 1, "{mark}");
        }
        expected += wanted.len();
    }
    assert_eq!(
        html.matches("<mark class=\"ent l-").count(),
        expected + 5,
        "plus the legend's"
    );
    // The wrong label of good.jsonl is marked as an error, with both labels in its title.
    assert!(html.contains(
        "data-doc=\"b\" data-side=\"tool\" data-span=\"55-59\" data-label=\"ORG\" \
         title=\"ORG &quot;Gaza&quot; (tool)\n✗ label; gold: LOC &quot;Gaza&quot;\">Gaza</mark>"
    ));
    // Quotes in the text are kept as characters; markup characters are escaped.
    assert!(html.contains("kata “BI” di"));
}

#[test]
fn text_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let gold = write_file(
        &dir,
        "gold.jsonl",
        r#"{"id":"x<y>","text":"<b>Kim</b> & \"Putin\"","entities":[{"start":3,"end":6,"label":"PER","text":"Kim"}]}"#,
    );
    let out = dir.path().join("r.html");
    nerbench()
        .args(["report", "--extractors", "gazetteer"])
        .args(FAST)
        .args(TRIALS)
        .arg("--gold")
        .arg(&gold)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let html = fs::read_to_string(&out).unwrap();
    assert!(html.contains("id=\"doc-x&lt;y&gt;\""));
    assert!(html.contains(
        "&lt;b&gt;<mark class=\"ent l-PER ok\" data-doc=\"x&lt;y&gt;\" data-side=\"gold\""
    ));
    assert!(html.contains("&lt;/b&gt; &amp; &quot;Putin&quot;"));
    assert!(!html.contains("<b>"));
}
