//! Document-level alias propagation for person names.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashSet;

use nerbench_core::{sort_entities, Entity, Label, Source, Span};

use crate::load;
use crate::text::{is_word_char, on_word_boundaries, words_starting_with, Openings, WordHash};

/// Shortest alias used when a rules file does not say.
const DEFAULT_MIN_CHARS: usize = 3;

/// Spreads PER over the other mentions of names found in a document.
///
/// For every PER entity of two or more words, these forms become aliases:
/// its first word ("Anwar" of "Anwar Ibrahim"), its last word ("Widodo" of
/// "Joko Widodo"), the whole name, and the whole name without spaces
/// ("JokoWidodo": scraped pages join the text of adjacent HTML elements). Every stand-alone
/// occurrence of an alias in the document then takes PER, **before as well as
/// after** the full name: headlines and captions name a person by surname
/// before the body gives the full name.
///
/// Care against common words: an alias must match case-sensitively as a whole
/// word (no letter or digit on either side, Unicode-aware), single words need
/// `min_chars` characters and must start with a capital, stop words
/// (titles, pronouns, days…) are never aliases, and a form that is the text of
/// a non-PER entity of the document is not used. Occurrences that overlap an
/// existing entity are left alone, so the result stays flat. A new entity's
/// `source` is that of the name it came from.
///
/// ```
/// use nerbench_core::{Entity, Label, Span};
/// use nerbench_regex_rules::AliasPropagation;
///
/// let text = "Macron tiba. Presiden Emmanuel Macron berkata.";
/// let name = Entity::new(text, Span::within(text, 22, 37).unwrap(), Label::Per, "rules");
/// let found = AliasPropagation::builtin().apply(text, vec![name]);
/// let names: Vec<&str> = found.iter().map(|e| e.text.as_str()).collect();
/// assert_eq!(names, ["Macron", "Emmanuel Macron"]);
/// ```
#[derive(Clone, Debug)]
pub struct AliasPropagation {
    min_chars: usize,
    stopwords: HashSet<String, WordHash>,
}

impl Default for AliasPropagation {
    fn default() -> Self {
        AliasPropagation::builtin()
    }
}

impl AliasPropagation {
    /// Aliases of at least `min_chars` characters, never one of `stopwords`.
    pub fn new(min_chars: usize, stopwords: impl IntoIterator<Item = impl Into<String>>) -> Self {
        AliasPropagation {
            min_chars,
            stopwords: stopwords.into_iter().map(Into::into).collect(),
        }
    }

    /// The settings of the `[alias]` section of the built-in rules file.
    pub fn builtin() -> Self {
        let (min_chars, stopwords) = load::builtin_alias();
        AliasPropagation::new(min_chars.unwrap_or(DEFAULT_MIN_CHARS), stopwords)
    }

    pub(crate) fn from_loaded(min_chars: Option<usize>, stopwords: Vec<String>) -> Self {
        AliasPropagation::new(min_chars.unwrap_or(DEFAULT_MIN_CHARS), stopwords)
    }

    fn usable_word(&self, word: &str) -> bool {
        word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().count() >= self.min_chars
            && !self.stopwords.contains(word)
    }

    /// Adds PER entities for the aliases of the document's multi-word PER
    /// names to `entities` (any order; overlapping entities are not expected)
    /// and returns them all, sorted.
    pub fn apply(&self, text: &str, mut entities: Vec<Entity>) -> Vec<Entity> {
        sort_entities(&mut entities);
        // Alias forms and the source of the name each came from, in the
        // order of the names. A document names a few people: sorted vectors
        // serve better than hash maps, which cost more to build than to query.
        let mut forms: Vec<(Cow<str>, Source)> = Vec::new();
        for name in entities.iter().filter(|e| e.label == Label::Per) {
            let mut words = name.text.split_whitespace();
            let (Some(first), Some(last)) = (words.next(), words.next_back()) else {
                continue;
            };
            let candidates = [
                (Cow::Borrowed(name.text.as_str()), true),
                (Cow::Owned(name.text.split_whitespace().collect()), true),
                (Cow::Borrowed(first), self.usable_word(first)),
                (Cow::Borrowed(last), self.usable_word(last)),
            ];
            for (form, usable) in candidates {
                if usable {
                    forms.push((form, name.source));
                }
            }
        }
        if forms.is_empty() {
            return entities;
        }
        // A form keeps the source of the first name it came from (the sort
        // is stable), and is dropped if it is the text of a non-PER entity.
        forms.sort_by(|a, b| shortlex(&a.0, &b.0));
        forms.dedup_by(|later, earlier| later.0 == earlier.0);
        let mut taken = vec![false; forms.len()];
        for other in entities.iter().filter(|e| e.label != Label::Per) {
            if let Ok(i) = forms.binary_search_by(|f| shortlex(&f.0, &other.text)) {
                taken[i] = true;
            }
        }
        let mut taken = taken.into_iter();
        forms.retain(|_| !taken.next().unwrap_or(false));
        // The forms by their first word, longest first: every mention starts
        // a word, so only the words of the text that begin like some form need
        // looking up (cheaper for a news article than building an automaton
        // for its few names).
        let mut by_first: Vec<(&str, &str, Source)> = Vec::with_capacity(forms.len());
        let mut openings = Openings::new();
        for (form, source) in &forms {
            let first = form.split(|c: char| !is_word_char(c)).next().unwrap_or("");
            if !first.is_empty() {
                openings.insert(first.as_bytes());
                by_first.push((first, form, *source));
            }
        }
        by_first.sort_by(|a, b| shortlex(a.0, b.0).then(b.1.len().cmp(&a.1.len())));
        let mut added = Vec::new();
        let mut past = 0;
        for (start, word_end) in words_starting_with(text, &openings) {
            if start < past {
                continue;
            }
            let word = &text[start..word_end];
            let from = by_first.partition_point(|f| shortlex(f.0, word).is_lt());
            let to = from + by_first[from..].partition_point(|f| f.0 == word);
            let Some((_, form, source)) = by_first[from..to].iter().find(|(_, form, _)| {
                text[start..].starts_with(form)
                    && on_word_boundaries(text, start, start + form.len())
            }) else {
                continue;
            };
            let end = start + form.len();
            past = end;
            // Entities are sorted and disjoint: only the first one ending
            // after `start` can overlap.
            let next = entities.partition_point(|e| e.span.end() <= start);
            if entities.get(next).is_some_and(|e| e.span.start() < end) {
                continue;
            }
            let span = Span::within(text, start, end).expect("a form lies on char boundaries");
            added.push(Entity::new(text, span, Label::Per, *source));
        }
        merge_sorted(entities, added)
    }
}

/// Shorter strings first, then bytewise: an order to sort and search words
/// by that compares lengths before it calls a byte comparison.
fn shortlex(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// Two lists in the canonical order ([`sort_entities`]) as one.
fn merge_sorted(entities: Vec<Entity>, added: Vec<Entity>) -> Vec<Entity> {
    if added.is_empty() {
        return entities;
    }
    let mut merged = Vec::with_capacity(entities.len() + added.len());
    let mut rest = entities.into_iter().peekable();
    for new in added {
        while let Some(old) = rest.next_if(|old| old.sort_key() <= new.sort_key()) {
            merged.push(old);
        }
        merged.push(new);
    }
    merged.extend(rest);
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn per(text: &str, name: &str, source: &str) -> Entity {
        let start = text.find(name).unwrap();
        Entity::new(
            text,
            Span::within(text, start, start + name.len()).unwrap(),
            Label::Per,
            source,
        )
    }

    fn texts(entities: &[Entity]) -> Vec<(&str, &str)> {
        entities
            .iter()
            .map(|e| (e.text.as_str(), e.label.as_str()))
            .collect()
    }

    #[test]
    fn spreads_first_and_last_words_both_ways() {
        let text =
            "Anwar dan Widodo. Perdana Menteri Anwar Ibrahim menyurati Joko Widodo. Anwar senang.";
        let found = AliasPropagation::builtin().apply(
            text,
            vec![
                per(text, "Anwar Ibrahim", "a"),
                per(text, "Joko Widodo", "b"),
            ],
        );
        assert_eq!(
            texts(&found),
            [
                ("Anwar", "PER"),
                ("Widodo", "PER"),
                ("Anwar Ibrahim", "PER"),
                ("Joko Widodo", "PER"),
                ("Anwar", "PER"),
            ]
        );
        // Each alias keeps the source of the name it came from.
        let sources: Vec<&str> = found.iter().map(|e| &*e.source).collect();
        assert_eq!(sources, ["a", "b", "a", "b", "a"]);
    }

    #[test]
    fn whole_words_only_and_glued_full_names() {
        let text = "Jokowi, Widodoisme, JokoWidodo, Widodo’s, “Widodo”, Joko Widodo";
        let found = AliasPropagation::builtin().apply(text, vec![per(text, "Joko Widodo", "r")]);
        assert_eq!(
            texts(&found),
            [
                ("JokoWidodo", "PER"),
                ("Widodo", "PER"),
                ("Widodo", "PER"),
                ("Joko Widodo", "PER")
            ]
        );
    }

    #[test]
    fn leaves_short_stop_and_conflicting_words() {
        // "Xi" is too short, "Presiden" a stop word, and "Jordan" is a place
        // elsewhere in the document.
        let text = "Presiden Jordan dan Xi Jinping. Di Jordan, Xi dan Presiden bertemu.";
        let place_at = text.rfind("Jordan").unwrap();
        let place = Entity::new(
            text,
            Span::within(text, place_at, place_at + 6).unwrap(),
            Label::Loc,
            "g",
        );
        let names = vec![
            per(text, "Presiden Jordan", "r"),
            per(text, "Xi Jinping", "r"),
        ];
        let found = AliasPropagation::builtin().apply(text, [names, vec![place]].concat());
        assert_eq!(
            texts(&found),
            [
                ("Presiden Jordan", "PER"),
                ("Xi Jinping", "PER"),
                ("Jordan", "LOC")
            ]
        );
    }

    #[test]
    fn single_word_names_spread_nothing() {
        let text = "Kata Jokowi, Jokowi datang.";
        let found = AliasPropagation::builtin().apply(text, vec![per(text, "Jokowi", "r")]);
        assert_eq!(found.len(), 1);
    }
}
