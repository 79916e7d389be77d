//! The hand-labelled gold set in `gold/`: it loads cleanly, its counts are
//! pinned by a snapshot, and the writer reproduces its files byte for byte.

use std::fs;
use std::path::Path;

use nerbench_gold::GoldSet;

fn gold() -> GoldSet {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("gold");
    GoldSet::load(&path).unwrap_or_else(|err| panic!("{err}"))
}

#[test]
fn gold_summary() {
    insta::assert_snapshot!(gold().summary().to_string());
}

#[test]
fn writing_the_gold_set_reproduces_its_files() {
    let set = gold();
    let out = tempfile::tempdir().unwrap();
    set.write_dir(out.path()).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("gold");
    for doc in &set.documents {
        for file in [
            format!("articles/{}.txt", doc.document.id),
            format!("annotations/{}.json", doc.document.id),
        ] {
            assert_eq!(
                fs::read(out.path().join(&file)).unwrap(),
                fs::read(root.join(&file)).unwrap(),
                "{file}"
            );
        }
    }
    assert_eq!(set.documents.len(), 5);
}
