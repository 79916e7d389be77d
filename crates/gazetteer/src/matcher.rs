//! The Aho-Corasick automaton over all entries, and the whole-word search on
//! top of it.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use crate::list::{Entry, GazetteerError};

/// A whole-word match: byte range and the index of its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

/// The automaton over every pattern of every entry.
#[derive(Debug)]
pub(crate) struct Matcher {
    ac: AhoCorasick,
    /// Per pattern: the entry it stands for.
    entry: Vec<usize>,
    /// Per pattern: its length in bytes.
    len: Vec<usize>,
    /// Per pattern: the other patterns that are proper prefixes of it, longest
    /// first. Every pattern matching where a longer one matched is among them.
    prefixes: Vec<Vec<u32>>,
}

/// Case-folded entries with at most this many words get every combination of
/// per-word case forms; longer ones get the whole-surface forms only.
const MAX_COMBINED_WORDS: usize = 4;

/// The texts an entry matches: its surface, and for a case-folded entry the
/// surface with each word (run of letters) in lower, UPPER or Capitalised
/// form ("KOMPAS.com", "Semenanjung korea", "SEMENANJUNG KOREA").
///
/// Folding by listing variants, rather than by folding the text, keeps every
/// pattern matched against the original text, so offsets are never shifted by
/// case mappings that change byte lengths ("ß" → "SS"), and all entries share
/// one automaton, so the text is scanned once.
fn patterns(entry: &Entry) -> Vec<String> {
    let surface = &entry.surface;
    if !entry.casefold {
        return vec![surface.clone()];
    }
    // Alternating runs: letters, then anything else.
    let mut runs: Vec<(bool, String)> = Vec::new();
    for c in surface.chars() {
        let alpha = c.is_alphabetic();
        match runs.last_mut() {
            Some((a, run)) if *a == alpha => run.push(c),
            _ => runs.push((alpha, c.to_string())),
        }
    }
    let forms = |run: &str| -> Vec<String> {
        let mut chars = run.chars();
        let title = chars
            .next()
            .map(|first| {
                first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
            .unwrap_or_default();
        vec![run.to_lowercase(), run.to_uppercase(), title]
    };
    let words = runs.iter().filter(|(alpha, _)| *alpha).count();
    let mut out = vec![surface.clone()];
    if words <= MAX_COMBINED_WORDS {
        let mut partial = vec![String::new()];
        for (alpha, run) in &runs {
            let choices = if *alpha {
                forms(run)
            } else {
                vec![run.clone()]
            };
            partial = partial
                .iter()
                .flat_map(|p| choices.iter().map(move |c| format!("{p}{c}")))
                .collect();
        }
        out.extend(partial);
    } else {
        for i in 0..3 {
            let mut p = String::new();
            for (alpha, run) in &runs {
                p.push_str(&if *alpha {
                    forms(run).swap_remove(i)
                } else {
                    run.clone()
                });
            }
            out.push(p);
        }
    }
    out.sort();
    out.dedup();
    out
}

impl Matcher {
    /// The automaton over all entries' patterns, or `None` if there are none.
    pub(crate) fn new(entries: &[Entry]) -> Result<Option<Matcher>, GazetteerError> {
        let mut id: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut entry: Vec<usize> = Vec::new();
        for (index, e) in entries.iter().enumerate() {
            for key in patterns(e) {
                // Entries are in the order they took effect: a later one
                // with the same pattern wins.
                match id.get(&key) {
                    Some(&p) => entry[p] = index,
                    None => {
                        id.insert(key.clone(), keys.len());
                        keys.push(key);
                        entry.push(index);
                    }
                }
            }
        }
        if keys.is_empty() {
            return Ok(None);
        }
        let prefixes = keys
            .iter()
            .map(|key| {
                let mut found: Vec<u32> = key
                    .char_indices()
                    .skip(1)
                    .filter_map(|(i, _)| id.get(&key[..i]).map(|&p| p as u32))
                    .collect();
                found.reverse();
                found
            })
            .collect();
        // A DFA is the fastest kind for a few thousand patterns; it is built
        // once per gazetteer.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&keys)?;
        Ok(Some(Matcher {
            ac,
            entry,
            len: keys.iter().map(String::len).collect(),
            prefixes,
        }))
    }

    /// The leftmost whole-word match starting at or after `pos`, the longest
    /// one at that start.
    pub(crate) fn next_hit(&self, text: &str, mut pos: usize) -> Option<Hit> {
        while pos < text.len() {
            let m = self.ac.find(Input::new(text).range(pos..))?;
            let start = m.start();
            // The left side is the same for every candidate at this start.
            if !is_word_char(text.get(..start).and_then(|t| t.chars().next_back())) {
                let pattern = m.pattern().as_usize();
                let candidates = std::iter::once(pattern)
                    .chain(self.prefixes[pattern].iter().map(|&p| p as usize));
                for p in candidates {
                    let end = start + self.len[p];
                    if !is_word_char(text.get(end..).and_then(|t| t.chars().next())) {
                        return Some(Hit {
                            start,
                            end,
                            entry: self.entry[p],
                        });
                    }
                }
            }
            // Nothing valid starts here; matches starting inside the rejected
            // one are still possible.
            pos = start + 1;
        }
        None
    }
}

/// True for a letter or digit in any script: such a neighbour means the match
/// is part of a longer word. `None` (text edge, or an offset that is not a
/// character boundary) counts as no neighbour.
fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(surface: &str, casefold: bool) -> Entry {
        Entry {
            surface: surface.to_string(),
            label: nerbench_core::Label::Org,
            source: "t".into(),
            list: "t.tsv".into(),
            line: 1,
            casefold,
        }
    }

    #[test]
    fn case_folded_entries_expand_to_per_word_case_forms() {
        assert_eq!(patterns(&entry("Kompas.com", false)), ["Kompas.com"]);
        let forms = patterns(&entry("kompas.com", true));
        assert_eq!(forms.len(), 9);
        for form in ["kompas.com", "KOMPAS.com", "Kompas.Com", "KOMPAS.COM"] {
            assert!(forms.iter().any(|f| f == form), "{form} missing");
        }
        // Long names get the whole-surface forms only.
        let long = patterns(&entry("Kementerian Luar Negeri Republik Indonesia", true));
        assert_eq!(
            long,
            [
                "KEMENTERIAN LUAR NEGERI REPUBLIK INDONESIA",
                "Kementerian Luar Negeri Republik Indonesia",
                "kementerian luar negeri republik indonesia",
            ]
        );
    }

    #[test]
    fn length_changing_case_maps_keep_offsets_on_the_original_text() {
        let entries = [entry("Straße", true)];
        let matcher = Matcher::new(&entries).unwrap().unwrap();
        let text = "die STRASSE, die straße";
        let first = matcher.next_hit(text, 0).unwrap();
        assert_eq!(&text[first.start..first.end], "STRASSE");
        let second = matcher.next_hit(text, first.end).unwrap();
        assert_eq!(&text[second.start..second.end], "straße");
        assert_eq!(matcher.next_hit(text, second.end), None);
    }
}
