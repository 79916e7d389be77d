//! Deterministic synthetic corpora for benchmarks, grown from a few seed
//! documents (in nerbench, the gold articles).
//!
//! A benchmark over the same five articles repeated would let caches and
//! branch predictors learn the text; this crate varies each copy instead:
//! numbers get new digits, month and weekday names are swapped for others,
//! and some capitalised words trade places with capitalised words of other
//! copies, so names, dates and numbers differ from copy to copy while the text
//! keeps the shape of Indonesian news. The same seeds, size and seed number
//! always give the same corpus, byte for byte.
//!
//! ```
//! use nerbench_core::Document;
//! use nerbench_corpus::{synthesize, Spec};
//!
//! let seeds = [Document::new("a", "Presiden Joko Widodo tiba di Bali pada Senin (12 Juni 2023).")];
//! let corpus = synthesize(&seeds, Spec { target_bytes: 1_000, seed: 7 });
//! assert!(corpus.iter().map(|d| d.text.len()).sum::<usize>() >= 1_000);
//! assert_eq!(corpus, synthesize(&seeds, Spec { target_bytes: 1_000, seed: 7 }));
//! ```

use nerbench_core::{Document, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// How big a corpus to make, and from which random seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// Stop once the texts add up to at least this many bytes.
    pub target_bytes: usize,
    /// Seed of the random generator (ChaCha8, stable across platforms).
    pub seed: u64,
}

// Calendar words that the variation swaps for one another. Only words that
// already stand in the seed texts are replaced, so the vocabulary stays
// Indonesian news vocabulary.
const MONTHS: &[&str] = &[
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const WEEKDAYS: &[&str] = &[
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];

/// Chance that a capitalised word is swapped with another from the pool.
const SWAP_PROBABILITY: f64 = 0.2;

/// Builds a corpus of at least `spec.target_bytes` bytes from `seeds`, taken
/// round-robin, each copy varied. Ids are `synth-NNNNNN`; each copy keeps its
/// seed's DCT moved by a random number of days (or gets none, if the seed had
/// none), and records its seed in `metadata["seed_document"]`.
pub fn synthesize(seeds: &[Document], spec: Spec) -> Vec<Document> {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let pool = capitalised_words(seeds);
    let mut corpus = Vec::new();
    let mut bytes = 0;
    if seeds.iter().all(|d| d.text.is_empty()) {
        return corpus;
    }
    while bytes < spec.target_bytes {
        let seed = &seeds[corpus.len() % seeds.len()];
        let text = vary(&seed.text, &pool, &mut rng);
        bytes += text.len();
        let mut doc = Document::new(format!("synth-{:06}", corpus.len()), text);
        doc.dct = seed.dct.map(|d| shift(d, rng.random_range(-400..=400)));
        doc.metadata.insert("seed_document".into(), seed.id.clone());
        corpus.push(doc);
    }
    corpus
}

fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(nerbench_core::TimeDelta::days(days))
        .unwrap_or(date)
}

/// Words of at least three letters that start with an ASCII capital and go on
/// in lower case: mostly names, places and sentence starts.
fn capitalised_words(seeds: &[Document]) -> Vec<&str> {
    let mut words: Vec<&str> = seeds
        .iter()
        .flat_map(|d| words(&d.text))
        .filter(|w| is_capitalised(w) && !MONTHS.contains(w) && !WEEKDAYS.contains(w))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && word.chars().count() >= 3
        && chars.all(|c| c.is_lowercase())
}

/// Maximal runs of alphanumeric characters.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn vary(text: &str, pool: &[&str], rng: &mut ChaCha8Rng) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_alphanumeric()) {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let len = tail
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(tail.len());
        let word = &tail[..len];
        if word.bytes().all(|b| b.is_ascii_digit()) {
            push_number(&mut out, word, rng);
        } else if MONTHS.contains(&word) {
            out.push_str(MONTHS.choose(rng).expect("non-empty"));
        } else if WEEKDAYS.contains(&word) {
            out.push_str(WEEKDAYS.choose(rng).expect("non-empty"));
        } else if is_capitalised(word) && rng.random_bool(SWAP_PROBABILITY) {
            out.push_str(pool.choose(rng).unwrap_or(&word));
        } else {
            out.push_str(word);
        }
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

/// A number of the same width: years stay plausible years, days plausible days.
fn push_number(out: &mut String, digits: &str, rng: &mut ChaCha8Rng) {
    let n = match digits.len() {
        4 if digits.starts_with("19") || digits.starts_with("20") => rng.random_range(1945..=2030),
        1 | 2 => rng.random_range(1..=28),
        width => {
            let low = 10u64.pow(width.min(18) as u32 - 1);
            rng.random_range(low..low * 10)
        }
    };
    out.push_str(&n.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Vec<Document> {
        vec![
            Document::new(
                "a",
                "Presiden Rusia Vladimir Putin tiba pada Kamis (12 Oktober 2023).",
            )
            .with_dct(NaiveDate::from_ymd_opt(2023, 10, 12).unwrap()),
            Document::new(
                "b",
                "Menteri Luar Negeri Retno Marsudi bertemu 2.000 warga di Jakarta.",
            ),
        ]
    }

    #[test]
    fn is_deterministic_and_reaches_the_target() {
        let spec = Spec {
            target_bytes: 5_000,
            seed: 42,
        };
        let a = synthesize(&seeds(), spec);
        assert_eq!(a, synthesize(&seeds(), spec));
        assert!(a.iter().map(|d| d.text.len()).sum::<usize>() >= 5_000);
        assert_ne!(a, synthesize(&seeds(), Spec { seed: 43, ..spec }));
        assert_eq!(a[1].metadata["seed_document"], "b");
        assert!(a[0].dct.is_some() && a[1].dct.is_none());
    }

    #[test]
    fn copies_differ_but_keep_their_shape() {
        let corpus = synthesize(
            &seeds(),
            Spec {
                target_bytes: 2_000,
                seed: 1,
            },
        );
        let copies: Vec<&str> = corpus
            .iter()
            .filter(|d| d.id.ends_with(['0', '2', '4']))
            .map(|d| d.text.as_str())
            .collect();
        assert!(copies.windows(2).any(|w| w[0] != w[1]), "copies must vary");
        for doc in corpus.iter().step_by(2) {
            assert!(
                doc.text.ends_with(").") && doc.text.contains(" pada "),
                "{}",
                doc.text
            );
            let month = doc.text.split(' ').find(|w| MONTHS.contains(w));
            assert!(
                month.is_some(),
                "a month name stays a month name: {}",
                doc.text
            );
        }
    }

    #[test]
    fn empty_seeds_give_an_empty_corpus() {
        assert!(synthesize(
            &[Document::new("e", "")],
            Spec {
                target_bytes: 10,
                seed: 0
            }
        )
        .is_empty());
        assert!(synthesize(
            &[],
            Spec {
                target_bytes: 10,
                seed: 0
            }
        )
        .is_empty());
    }
}
