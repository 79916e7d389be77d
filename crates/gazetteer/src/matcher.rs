//! One Aho-Corasick automaton over a set of entries, and the whole-word
//! search on top of it.

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

/// An automaton over either the exact-case entries or the case-folded ones.
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

impl Matcher {
    /// The automaton over the entries whose `casefold` flag is `casefold`, or
    /// `None` if there are none.
    ///
    /// Case folding is ASCII folding done by the automaton, which keeps byte
    /// lengths (and so offsets) unchanged. Non-ASCII letters are covered by
    /// adding the surface's lower- and upper-case forms as extra patterns,
    /// each matched against the original text, so no offset ever refers to a
    /// folded copy of the text.
    pub(crate) fn new(
        entries: &[Entry],
        casefold: bool,
    ) -> Result<Option<Matcher>, GazetteerError> {
        let mut id: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut entry: Vec<usize> = Vec::new();
        for (index, e) in entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.casefold == casefold)
        {
            let variants = if casefold {
                vec![
                    e.surface.to_ascii_lowercase(),
                    e.surface.to_lowercase(),
                    e.surface.to_uppercase().to_ascii_lowercase(),
                ]
            } else {
                vec![e.surface.clone()]
            };
            for key in variants {
                // Entries are in the order they took effect: a later one
                // with the same key wins.
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
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(casefold)
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
