//! What the benches measure on, shared by every bench and by the examples
//! that feed the peers script and the instruction counter: the corpora, the
//! reference annotation of the synthetic corpus, the expected entity counts
//! kept in `benches/expected_counts.json`, and a summary of criterion's
//! estimates.
//!
//! Each bench binary uses part of this module.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use nerbench_core::{sort_entities, Document, Entity, Extractor, Registry, Settings};
use nerbench_corpus::{synthesize, Spec};
use nerbench_gazetteer::Gazetteer;
use nerbench_gold::GoldSet;

/// The synthetic corpus: at least 10 MB grown from the gold articles with a
/// fixed seed, so every run (and every peer) reads the same bytes.
const SYNTHETIC_FULL: (&str, Spec) = (
    "synthetic-10MB",
    Spec {
        target_bytes: 10_000_000,
        seed: 20_231_012,
    },
);

/// The same at 200 kB, for unoptimised builds: `cargo test --all-targets` (and
/// so `make test` in CI) runs every bench once in a debug build, where the
/// full corpus would take minutes; the small one still exercises every
/// benchmark and checks its counts.
const SYNTHETIC_SMALL: (&str, Spec) = (
    "synthetic-200kB",
    Spec {
        target_bytes: 200_000,
        seed: 20_231_012,
    },
);

/// The synthetic corpus of this build (name, spec): the full one when
/// optimised, the small one otherwise.
pub const SYNTHETIC: (&str, Spec) = if cfg!(debug_assertions) {
    SYNTHETIC_SMALL
} else {
    SYNTHETIC_FULL
};

/// Its name in benchmark ids and in the expected counts.
pub const SYNTHETIC_NAME: &str = SYNTHETIC.0;

/// The name of the raw Aho-Corasick reference scan in benchmark ids and counts.
pub const RAW_AHO_CORASICK: &str = "aho-corasick-raw";

/// Set to `1` to rewrite the expected counts from this run instead of
/// checking them.
pub const BLESS_VAR: &str = "NERBENCH_BLESS";

/// A named set of documents to benchmark on.
pub struct Corpus {
    pub name: String,
    pub documents: Vec<Document>,
}

impl Corpus {
    /// Total text size in bytes (the throughput unit).
    pub fn bytes(&self) -> u64 {
        self.documents.iter().map(|d| d.text.len() as u64).sum()
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The gold set of the repository.
pub fn gold() -> GoldSet {
    let path = root().join("gold");
    GoldSet::load(&path)
        .unwrap_or_else(|e| panic!("cannot load the gold set {}: {e}", path.display()))
}

/// One corpus per gold article (named by its id), then the synthetic corpus.
pub fn corpora() -> Vec<Corpus> {
    let gold = gold();
    let mut out: Vec<Corpus> = gold
        .documents
        .iter()
        .map(|d| Corpus {
            name: d.document.id.clone(),
            documents: vec![d.document.clone()],
        })
        .collect();
    out.push(synthetic_from(&gold));
    out
}

/// The synthetic corpus alone.
pub fn synthetic() -> Corpus {
    synthetic_from(&gold())
}

fn synthetic_from(gold: &GoldSet) -> Corpus {
    let seeds: Vec<Document> = gold.documents.iter().map(|d| d.document.clone()).collect();
    Corpus {
        name: SYNTHETIC_NAME.to_string(),
        documents: synthesize(&seeds, SYNTHETIC.1),
    }
}

/// Builds every registered extractor with the default settings, by name.
pub fn extractors(registry: &Registry) -> Vec<(String, Box<dyn Extractor>)> {
    registry
        .names()
        .into_iter()
        .map(|name| {
            let built = registry
                .build(name, &Settings::default())
                .unwrap_or_else(|e| panic!("{e}"));
            (name.to_string(), built)
        })
        .collect()
}

/// Runs `extractor` over every document; returns how many entities it found.
pub fn extract_count(extractor: &dyn Extractor, documents: &[Document]) -> u64 {
    documents
        .iter()
        .map(|d| extractor.extract(d).len() as u64)
        .sum()
}

/// The extractor whose output the scorer and pipeline benches score against
/// the reference: the combination when it is registered, else the first
/// registered extractor.
pub fn predictor(registry: &Registry) -> Box<dyn Extractor> {
    let names = registry.names();
    let name = if names.contains(&"combined") {
        "combined"
    } else {
        names.first().expect("no extractor is registered")
    };
    registry
        .build(name, &Settings::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A stand-in gold annotation for a corpus that has none: per document, what
/// every registered extractor except the combination finds, together (so it
/// overlaps the predictor's output in part, as real gold would).
pub fn reference(registry: &Registry, documents: &[Document]) -> Vec<Vec<Entity>> {
    let members: Vec<(String, Box<dyn Extractor>)> = extractors(registry)
        .into_iter()
        .filter(|(name, _)| name != "combined")
        .collect();
    documents
        .iter()
        .map(|d| {
            let mut all: Vec<Entity> = members.iter().flat_map(|(_, e)| e.extract(d)).collect();
            sort_entities(&mut all);
            all
        })
        .collect()
}

/// The reference scan: one leftmost-longest DFA over the gazetteer's entry
/// surfaces, counting every match, with no word-boundary check and no entity
/// built. Case-folded entries contribute their surface only.
pub fn raw_automaton(gazetteer: &Gazetteer) -> AhoCorasick {
    let mut patterns: Vec<&str> = gazetteer
        .entries()
        .iter()
        .map(|e| e.surface.as_str())
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&patterns)
        .expect("the gazetteer's patterns build an automaton")
}

pub fn raw_count(ac: &AhoCorasick, documents: &[Document]) -> u64 {
    documents
        .iter()
        .map(|d| ac.find_iter(&d.text).count() as u64)
        .sum()
}

/// True when criterion will measure (`cargo bench`), false when it only runs
/// each benchmark once (`cargo test --benches`, `cargo bench -- --test`) or
/// lists them.
pub fn measuring() -> bool {
    let args: Vec<String> = std::env::args().collect();
    let has = |flag: &str| args.iter().any(|a| a == flag);
    has("--bench") && !has("--test") && !has("--list")
}

/// True when criterion only lists the benchmarks (no need to check anything).
pub fn listing() -> bool {
    std::env::args().any(|a| a == "--list")
}

/// The expected entity counts, corpus → extractor → count, kept in
/// `benches/expected_counts.json`. A benchmark whose extractor finds a
/// different number of entities than recorded fails: an extractor that
/// silently found nothing (or everything twice) must not produce a speed
/// figure. After an intended change, refresh the file with
/// `NERBENCH_BLESS=1 cargo bench --bench extractors -- --test` (and the same
/// for the other benches), then review its diff.
pub struct Expected {
    path: PathBuf,
    counts: BTreeMap<String, BTreeMap<String, u64>>,
    bless: bool,
}

impl Expected {
    /// Reads the committed file (a missing file is empty: every check fails
    /// unless blessing).
    pub fn load() -> Expected {
        let path = root().join("benches/expected_counts.json");
        let counts = match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).unwrap_or_else(|e| {
                panic!(
                    "{} is not a JSON object of corpus → extractor → count: {e}",
                    path.display()
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(e) => panic!("cannot read {}: {e}", path.display()),
        };
        let bless = std::env::var(BLESS_VAR).is_ok_and(|v| v == "1");
        Expected {
            path,
            counts,
            bless,
        }
    }

    /// Checks (or, when blessing, records) that `what` found `found`
    /// entities on `corpus`. Panics with both figures on a mismatch.
    pub fn check(&mut self, corpus: &str, what: &str, found: u64) {
        if self.bless {
            self.counts
                .entry(corpus.to_string())
                .or_default()
                .insert(what.to_string(), found);
            self.save();
            return;
        }
        match self.counts.get(corpus).and_then(|c| c.get(what)) {
            Some(&expected) if expected == found => {}
            Some(&expected) => panic!(
                "{what} found {found} entities on corpus {corpus}, but {} expects {expected}. \
                 If the change is intended, refresh the figures with {BLESS_VAR}=1 \
                 (see benches/README.md) and review the diff.",
                self.path.display()
            ),
            None => panic!(
                "{} has no expected count for {what} on corpus {corpus} (it found {found}). \
                 Record it with {BLESS_VAR}=1 (see benches/README.md).",
                self.path.display()
            ),
        }
    }

    fn save(&self) {
        let mut text = serde_json::to_string_pretty(&self.counts).expect("counts serialise");
        text.push('\n');
        std::fs::write(&self.path, text)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", self.path.display()));
    }
}

/// The mean time of one criterion benchmark in seconds, from the estimates
/// criterion saved for it (`None` if it has not been measured).
pub fn mean_seconds(group: &str, bench: &str) -> Option<f64> {
    let dir = criterion_home()
        .join(criterion_dir_name(group))
        .join(criterion_dir_name(bench));
    let text = std::fs::read_to_string(dir.join("new/estimates.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["mean"]["point_estimate"].as_f64().map(|ns| ns / 1e9)
}

fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    target.join("criterion")
}

/// Criterion's directory name for a group or benchmark id: characters that
/// are awkward in paths become `_`.
fn criterion_dir_name(id: &str) -> String {
    id.chars()
        .map(|c| match c {
            '?' | '"' | '/' | '\\' | '*' | '<' | '>' | ':' | '|' | '^' => '_',
            c => c,
        })
        .collect()
}

/// Megabytes (10^6 bytes) per second.
pub fn mb_per_s(bytes: u64, seconds: f64) -> f64 {
    bytes as f64 / 1e6 / seconds
}
