//! Sets of words and phrases that edit the edges of a person's name: the
//! trim words cut from either end, the restart words (ranks) a name starts
//! after.

use std::collections::HashSet;

use crate::text::WordHash;

/// Phrases of one or more words, as written (single spaces between words).
///
/// Most candidates start and end with a word that opens or closes no phrase,
/// so the first and last words are looked up alone before any longer slice.
#[derive(Clone, Debug, Default)]
pub(crate) struct Phrases {
    all: HashSet<String, WordHash>,
    firsts: HashSet<String, WordHash>,
    lasts: HashSet<String, WordHash>,
    /// The most words of a phrase.
    longest: usize,
}

impl Phrases {
    pub(crate) fn new(phrases: impl IntoIterator<Item = String>) -> Phrases {
        let mut set = Phrases::default();
        for phrase in phrases {
            let mut words = phrase.split_whitespace();
            let (Some(first), last) = (words.next(), words.next_back()) else {
                continue;
            };
            set.firsts.insert(first.to_string());
            set.lasts.insert(last.unwrap_or(first).to_string());
            set.longest = set.longest.max(phrase.split_whitespace().count());
            set.all.insert(phrase);
        }
        set
    }

    /// True if `text` opens with one of the phrases (a whole word or words).
    pub(crate) fn opens(&self, text: &str) -> bool {
        self.prefix(text).is_some()
    }

    /// The length in bytes of the phrase `text` opens with, if any (the
    /// longest, so "Kombes Pol" rather than "Kombes").
    fn prefix(&self, text: &str) -> Option<usize> {
        let first = text.split(char::is_whitespace).next()?;
        if !self.firsts.contains(first) {
            return None;
        }
        let ends = text.match_indices(char::is_whitespace).map(|(i, _)| i);
        ends.take(self.longest)
            .chain([text.len()])
            .filter(|&end| self.all.contains(&text[..end]))
            .last()
    }

    /// Where the phrase that `text` closes with starts, if any.
    fn suffix(&self, text: &str) -> Option<usize> {
        let last = text.rsplit(char::is_whitespace).next()?;
        if !self.lasts.contains(last) {
            return None;
        }
        text.rmatch_indices(char::is_whitespace)
            .take(self.longest)
            .map(|(at, space)| at + space.len())
            .chain([0])
            .filter(|&start| self.all.contains(&text[start..]))
            .last()
    }

    /// `start..end` of `text` without the phrases at its edges.
    pub(crate) fn trim(&self, text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
        while start < end {
            start = self.trim_start(text, start, end);
            let inner = &text[start..end];
            match self.suffix(inner) {
                Some(at) => end = start + inner[..at].trim_end().len(),
                _ => break,
            }
        }
        (start, end.max(start))
    }

    /// Where `start..end` of `text` begins without the phrases at its start.
    pub(crate) fn trim_start(&self, text: &str, mut start: usize, end: usize) -> usize {
        while let Some(len) = self.prefix(&text[start..end]) {
            start = end - text[start + len..end].trim_start().len();
        }
        start
    }

    /// `start..end` of `text` from the word after the last phrase inside it
    /// that has a word after it.
    pub(crate) fn after_last(&self, text: &str, start: usize, end: usize) -> (usize, usize) {
        let inner = &text[start..end];
        let at = |word: &str| word.as_ptr() as usize - inner.as_ptr() as usize;
        let mut from = 0;
        let mut words = inner.split_whitespace();
        while let Some(first) = words.next() {
            if !self.firsts.contains(first) {
                continue;
            }
            let mut ahead = words.clone();
            let mut last = first;
            for _ in 0..self.longest {
                let Some(next) = ahead.next() else { break };
                if self.all.contains(&inner[at(first)..at(last) + last.len()]) {
                    from = at(next);
                }
                last = next;
            }
        }
        (start + from, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(list: &[&str]) -> Phrases {
        Phrases::new(list.iter().map(|p| p.to_string()))
    }

    #[test]
    fn edges_lose_whole_phrases_longest_first() {
        let set = phrases(&["Kombes", "Kombes Pol", "Senin"]);
        let text = "Kombes Pol Andi Wijaya Senin";
        let (start, end) = set.trim(text, 0, text.len());
        assert_eq!(&text[start..end], "Andi Wijaya");
        // "Pol" alone is no phrase: only the closing one goes.
        let text = "Andi Pol Kombes";
        let (start, end) = set.trim(text, 0, text.len());
        assert_eq!(&text[start..end], "Andi Pol");
        // Nothing left of a text that is all phrases.
        let (start, end) = set.trim("Senin", 0, 5);
        assert_eq!(start, end);
    }

    #[test]
    fn a_name_starts_after_the_last_inner_phrase_across_no_break_spaces() {
        let set = phrases(&["Kombes Pol", "AKBP"]);
        let text = "Surabaya Kombes Pol Andi\u{a0}Wijaya";
        let (start, end) = set.after_last(text, 0, text.len());
        assert_eq!(&text[start..end], "Andi\u{a0}Wijaya");
        // A phrase at the very end is left to trimming.
        let text = "Andi Wijaya AKBP";
        assert_eq!(set.after_last(text, 0, text.len()), (0, text.len()));
    }
}
