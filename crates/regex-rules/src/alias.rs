//! Document-level alias propagation for person names, and names joined to
//! them.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashSet;

use nerbench_core::{sort_entities, Entity, Label, Source, Span};

use crate::load::{self, AliasSettings};
use crate::phrases::Phrases;
use crate::text::{
    in_title_case_line, is_word_char, on_word_boundaries, sentence_starts_at, word_char_before,
    words_starting_with, Openings, WordHash,
};

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
/// A one-word alias takes up to two capitalised name words just before it
/// into its name ("Fajar Syahputra", another of the family of "Rudi
/// Syahputra"), and up to two just after it ("Sri Mulyani" beside "Sri
/// Mulyani Indrawati"), but no title, body or place of `not_names`, no stop
/// word, no word before it that starts a sentence and nothing in a
/// title-case line.
///
/// With [`with_conjuncts`](AliasPropagation::with_conjuncts) (the built-in
/// `[alias]` section sets it), a name that a conjunction joins to a PER
/// ("Name dan Kevin Diks") takes PER too, before the aliases spread (so its
/// own spread) and again after them: one to four capitalised words ending
/// before a stop word, clear of every entity, opening with none of the
/// `not_names` phrases (titles, bodies, places), followed by no other
/// capitalised word, and not in a title-case line (a headline, where every
/// word looks like a name).
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
    /// Words that join a second name to a person's ("dan").
    conjunctions: Vec<String>,
    /// What no joined name opens with (titles, bodies, places).
    not_names: Phrases,
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
            conjunctions: Vec::new(),
            not_names: Phrases::default(),
        }
    }

    /// The same propagation, also giving PER to a name that one of
    /// `conjunctions` joins to a person's name, unless it opens with one of
    /// `not_names` (as written: give "Menteri" and "menteri" both).
    pub fn with_conjuncts(
        mut self,
        conjunctions: impl IntoIterator<Item = impl Into<String>>,
        not_names: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        self.conjunctions = conjunctions.into_iter().map(Into::into).collect();
        self.not_names = Phrases::new(not_names.into_iter().map(Into::into));
        self
    }

    /// The settings of the `[alias]` section of the built-in rules file.
    pub fn builtin() -> Self {
        AliasPropagation::from_loaded(load::builtin_alias())
    }

    pub(crate) fn from_loaded(settings: AliasSettings) -> Self {
        AliasPropagation::new(
            settings.min_chars.unwrap_or(DEFAULT_MIN_CHARS),
            settings.stopwords,
        )
        .with_conjuncts(settings.conjunctions, settings.conjunct_stop)
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
        // Joined names before the aliases, so that theirs spread too; and
        // after, for names joined to an alias.
        let entities = self.with_joined_names(text, entities);
        let entities = self.with_aliases(text, entities);
        self.with_joined_names(text, entities)
    }

    /// `entities` (sorted, disjoint) and a PER for each name that a
    /// conjunction joins to one of their PER names: "Kevin Diks" of "Name
    /// dan Kevin Diks". The joined name is one to four capitalised words,
    /// stops before a stop word, and must not open with a stop word, hold a
    /// phrase of `not_names`, nor overlap an entity.
    fn with_joined_names(&self, text: &str, entities: Vec<Entity>) -> Vec<Entity> {
        if self.conjunctions.is_empty() {
            return entities;
        }
        let mut added = Vec::new();
        for (i, name) in entities.iter().enumerate() {
            if name.label != Label::Per {
                continue;
            }
            let Some(span) = self.joined_name(text, name.span.end()) else {
                continue;
            };
            let next = entities.get(i + 1).map_or(text.len(), |e| e.span.start());
            if span.end() <= next {
                added.push(Entity::new(text, span, Label::Per, name.source));
            }
        }
        merge_sorted(entities, added)
    }

    /// The name a conjunction joins after offset `end` of `text`, if any.
    fn joined_name(&self, text: &str, end: usize) -> Option<Span> {
        let rest = &text[end..];
        let after_space = rest.trim_start();
        let spaced = after_space.len() < rest.len();
        let is_word = |c: &str| c.starts_with(char::is_alphabetic);
        let conjunction = self.conjunctions.iter().find(|c| {
            if is_word(c) {
                // A word, between spaces: "dan".
                spaced
                    && after_space
                        .strip_prefix(c.as_str())
                        .is_some_and(|r| r.starts_with(char::is_whitespace))
            } else {
                // A sign, glued to the name before: the "/" of a doubles
                // pair ("Name/Name").
                rest.starts_with(c.as_str())
            }
        })?;
        let conjunction_start = if is_word(conjunction) {
            text.len() - after_space.len()
        } else {
            end
        };
        let start = next_word(text, conjunction_start + conjunction.len());
        // Name words, one space apart, up to a stop word or what is no name.
        let (mut at, mut name_end, mut words) = (start, start, 0);
        while let Some(word_end) = name_word_end(text, at) {
            if self.stopwords.contains(&text[at..word_end]) {
                break;
            }
            // A title, body or place inside: no person's name.
            if words == MAX_JOINED_WORDS || self.not_names.opens(&text[at..]) {
                return None;
            }
            (name_end, words) = (word_end, words + 1);
            at = next_word(text, word_end);
            if at == word_end {
                break;
            }
        }
        // More capitalised words after it (a headline's, an acronym): the
        // name's end is unclear, so none is taken.
        let next = &text[next_word(text, name_end)..];
        let next_word_text = next.split(|c: char| !is_word_char(c)).next().unwrap_or("");
        let capital_follows =
            next.starts_with(char::is_uppercase) && !self.stopwords.contains(next_word_text);
        if words == 0 || capital_follows || in_title_case_line(text, start) {
            return None;
        }
        Span::within(text, start, name_end).ok()
    }

    /// `entities` (sorted) and PER for the aliases of their multi-word PER
    /// names.
    fn with_aliases(&self, text: &str, entities: Vec<Entity>) -> Vec<Entity> {
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
            // A single word may end a longer name ("Fajar Syahputra" is
            // another of the family of "Rudi Syahputra") or open one ("Sri
            // Mulyani", the name of "Sri Mulyani Indrawati" without the
            // family name).
            let (start, end) = if form.contains(char::is_whitespace) {
                (start, end)
            } else {
                let floor = next
                    .checked_sub(1)
                    .map_or(0, |i| entities[i].span.end())
                    .max(added.last().map_or(0, |e: &Entity| e.span.end()));
                let ceiling = entities.get(next).map_or(text.len(), |e| e.span.start());
                let end = self.name_end_after(text, end, ceiling);
                past = end;
                (self.name_start_before(text, start, floor), end)
            };
            let span = Span::within(text, start, end).expect("a form lies on char boundaries");
            added.push(Entity::new(text, span, Label::Per, *source));
        }
        merge_sorted(entities, added)
    }

    /// Where a name that opens with the one-word alias ending at `end` of
    /// `text` ends: up to two capitalised name words after it, one space
    /// apart, none past `ceiling`, no stop word and none opening a phrase of
    /// `not_names` (a title, body or place); none in a title-case line.
    fn name_end_after(&self, text: &str, end: usize, ceiling: usize) -> usize {
        let mut headline = None;
        let mut at = end;
        for _ in 0..MAX_WORDS_AROUND_ALIAS {
            let rest = &text[at..ceiling];
            let word_start = ceiling - rest.trim_start_matches([' ', '\u{a0}']).len();
            let Some(word_end) = name_word_end(text, word_start).filter(|&e| e <= ceiling) else {
                break;
            };
            let is_name_word = word_start > at
                && !self.stopwords.contains(&text[word_start..word_end])
                && !self.not_names.opens(&text[word_start..])
                && !*headline.get_or_insert_with(|| in_title_case_line(text, end));
            if !is_name_word {
                break;
            }
            at = word_end;
        }
        at
    }

    /// Where a name that ends with the one-word alias at `start` of `text`
    /// begins: up to two capitalised name words before it, one space
    /// apart, none before `floor`, at a sentence's start, a stop word or
    /// opening a phrase of `not_names` (a title, body or place); none in a
    /// title-case line, where every word is capitalised ("Presiden Peru
    /// Hubungi Widodo").
    fn name_start_before(&self, text: &str, start: usize, floor: usize) -> usize {
        let mut headline = None;
        let mut at = start;
        for _ in 0..MAX_WORDS_AROUND_ALIAS {
            let before = &text[floor..at];
            let word_end = floor + before.trim_end_matches([' ', '\u{a0}']).len();
            let word_start = text[floor..word_end]
                .rfind(|c: char| c.is_whitespace())
                .map_or(floor, |i| {
                    floor + i + text[floor + i..].chars().next().map_or(1, char::len_utf8)
                });
            let word = &text[word_start..word_end];
            let is_name_word = word_end < at
                && !word.is_empty()
                && name_word_end(text, word_start) == Some(word_end)
                && !self.stopwords.contains(word)
                && !self.not_names.opens(&text[word_start..])
                && !sentence_starts_at(text, word_start)
                && !*headline.get_or_insert_with(|| in_title_case_line(text, start));
            if !is_name_word {
                break;
            }
            at = word_start;
        }
        at
    }
}

/// Most capitalised words taken into a name before a one-word alias, and
/// after it.
const MAX_WORDS_AROUND_ALIAS: usize = 2;

/// The offset of the first char at or after `at` that is not white space.
fn next_word(text: &str, at: usize) -> usize {
    text.len() - text[at..].trim_start().len()
}

/// Most words of a joined name.
const MAX_JOINED_WORDS: usize = 4;

/// Where the name word at `at` of `text` ends, if a name word starts there:
/// a capital, then lowercase letters (an initial alone is one), inner
/// hyphens and apostrophes allowed ("Jean-Pierre", "O'Neil"); no digit, and
/// not inside a word.
fn name_word_end(text: &str, at: usize) -> Option<usize> {
    let word = &text[at..];
    let mut chars = word.char_indices().peekable();
    let (_, first) = chars.next()?;
    if !first.is_uppercase() || word_char_before(text, at) {
        return None;
    }
    let mut end = first.len_utf8();
    let mut letters = 1;
    while let Some((i, c)) = chars.next() {
        let joins = matches!(c, '-' | '\'' | '’')
            && chars.peek().is_some_and(|&(_, next)| next.is_alphabetic());
        if c.is_alphabetic() || joins {
            // The second letter is what tells a name from an acronym.
            if letters == 1 && !c.is_lowercase() {
                return None;
            }
            letters += usize::from(c.is_alphabetic());
            end = i + c.len_utf8();
        } else if is_word_char(c) {
            return None;
        } else {
            break;
        }
    }
    Some(at + end)
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
    fn names_joined_to_a_person_are_persons() {
        let text = "Pemain Andi Wijaya dan Kevin Diks serta Budi tampil. Diks mencetak gol. \
                    Ganda Rudi Hartono/Tan Joe Hok juara.";
        let names = vec![
            per(text, "Andi Wijaya", "r"),
            per(text, "Rudi Hartono", "r"),
        ];
        let found = AliasPropagation::builtin().apply(text, names);
        assert_eq!(
            texts(&found),
            [
                ("Andi Wijaya", "PER"),
                ("Kevin Diks", "PER"),
                ("Budi", "PER"),
                ("Diks", "PER"),
                ("Rudi Hartono", "PER"),
                // A sign is glued to the names it joins.
                ("Tan Joe Hok", "PER"),
            ]
        );
        // Nothing joins without the settings.
        let plain = AliasPropagation::new(3, ["Presiden"]);
        assert_eq!(
            plain.apply(text, vec![per(text, "Andi Wijaya", "r")]).len(),
            1
        );
    }

    #[test]
    fn joined_names_stay_clear_of_titles_entities_and_headlines() {
        let aliases = AliasPropagation::builtin();
        for (text, place) in [
            // A title opens it, or one stands inside it.
            ("Andi Wijaya dan Menteri Keuangan hadir.", None),
            ("Andi Wijaya dan Kevin Kapolres hadir.", None),
            // Another entity is there.
            (
                "Andi Wijaya dan Jakarta Pusat hadir.",
                Some("Jakarta Pusat"),
            ),
            // A club's name.
            ("Andi Wijaya dan Oxford United berpisah.", None),
            // An acronym after it: where the name ends is unclear.
            ("Andi Wijaya dan Kevin Diks PSSI hadir.", None),
            // A title-case line.
            ("Andi Wijaya Dan Kevin Diks Tiba Di Jakarta", None),
            // No conjunction, or one glued to the name.
            ("Andi Wijaya, Kevin Diks hadir.", None),
            ("Andi Wijayadan Kevin Diks hadir.", None),
        ] {
            let mut entities = vec![per(text, "Andi Wijaya", "r")];
            if let Some(place) = place {
                let at = text.find(place).unwrap();
                let span = Span::within(text, at, at + place.len()).unwrap();
                entities.push(Entity::new(text, span, Label::Loc, "g"));
            }
            let found = aliases.apply(text, entities.clone());
            assert_eq!(found, entities, "{text}");
        }
    }

    #[test]
    fn a_one_word_alias_takes_the_name_words_after_it() {
        let text = "Sri Mulyani Indrawati hadir.\nIa menyebut Sri Mulyani, menteri itu.\nSri \
                    Mulyani Ungkap Defisit\nkata Sri Senin. Sri Menteri Keuangan itu.";
        let found =
            AliasPropagation::builtin().apply(text, vec![per(text, "Sri Mulyani Indrawati", "r")]);
        assert_eq!(
            texts(&found),
            [
                ("Sri Mulyani Indrawati", "PER"),
                // The given names without the family name.
                ("Sri Mulyani", "PER"),
                // Nothing of a title-case line, no stop word, no title.
                ("Sri", "PER"),
                ("Sri", "PER"),
                ("Sri", "PER"),
            ]
        );
    }

    #[test]
    fn a_one_word_alias_takes_the_name_words_before_it() {
        let text = "Rudi Syahputra ditahan. KPK memeriksa Fajar Syahputra dan Bupati \
                    Syahputra.\nGubernur Jatim Sambangi Syahputra Bahas Banjir\nSyahputra hadir.";
        let found = AliasPropagation::builtin().apply(text, vec![per(text, "Rudi Syahputra", "r")]);
        assert_eq!(
            texts(&found),
            [
                ("Rudi Syahputra", "PER"),
                // Another of the family.
                ("Fajar Syahputra", "PER"),
                // Not a title, nor the words of a title-case line.
                ("Syahputra", "PER"),
                ("Syahputra", "PER"),
                // Nor what ends the sentence before.
                ("Syahputra", "PER"),
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
