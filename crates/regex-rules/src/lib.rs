//! A rule-based entity extractor for Indonesian news: regular expressions
//! kept as data in a TOML file, compiled once, run over each document.
//!
//! The built-in rules (`data/rules.toml`, embedded in the binary) describe
//! how Indonesian news writes names: titles and roles before a person
//! ("Presiden Prancis Emmanuel Macron" gives PER "Emmanuel Macron"), quote
//! attribution ("kata Sri Mulyani", "ujar …", "menurut …"), organisation
//! forms ("Kementerian …", "Komisi Pemilihan Umum", acronyms in parentheses),
//! place forms ("Provinsi …", "Kabupaten Bogor", "semenanjung Malaya"), datelines,
//! bylines and photo credits, and web addresses of outlets. Each rule has an
//! id, a label, a pattern, an optional capture group (the entity; the rest is
//! context), a priority and a comment; see the header of `data/rules.toml`.
//!
//! A user's rules files can extend the built-in set (a rule with a known id
//! replaces that rule) or replace it ([`RegexRules::from_files`]); a malformed
//! file gives a [`RulesError`] naming the file and the line.
//!
//! Output is flat: where the entities of two rules overlap, the higher
//! priority wins, then the longer entity (in characters), then the earlier
//! one, then the rule defined first. A losing entity that starts before the
//! winner keeps its part before it when that part is still two words or more
//! and passes its rule's checks ("Polda Jawa Timur" of an organisation form
//! that ran on into "Kombes Dirmanto"). A person's name also loses the trim
//! words and phrases at its edges ("Senin", "Kombes Pol"), ends before a
//! stop word of title-case headlines ("Resmikan") and starts after a rank
//! inside it; an entity of any label ends before a headline's verb
//! ("Kejaksaan Agung Periksa ...": `end_lists`), and none is taken from an
//! epithet, a lowercase role whose name is followed by "itu" ("kata bek
//! Sassuolo itu": `not_before`; all in the `[names]` section of the rules
//! file). In a title-case line (a headline) a name after a title is checked
//! against the document's other names: it starts at its first word another
//! name holds ("Presiden Peru Hubungi Widodo" gives "Widodo" where "Joko
//! Widodo" is found), and a one-word name that none holds is dropped
//! ("Menteri ESDM Yang Baru" gives no "Yang"). Afterwards
//! [`AliasPropagation`] gives PER to stand-alone mentions of the first or
//! last word of the multi-word names found ("Macron" after "Emmanuel
//! Macron"; "Fajar Syahputra" beside "Rudi Syahputra"), and to a name joined
//! to a person's by "dan" or "/" ("Pemain Name dan Kevin Diks": `[alias]
//! conjunctions`).
//!
//! Speed: the rules do not each scan the text. One Aho-Corasick pass over
//! the literals that begin (or end) the rules' matches finds where each rule
//! can match, and the rule's lazy DFA runs anchored there only; capture
//! groups are resolved for accepted matches alone, with small automata where
//! that gives the same groups (see the `groups` module). No pattern
//! uses `\b`; word boundaries are checked on each hit with
//! [`on_word_boundaries`], which knows non-ASCII letters ("Müller" is one
//! word, NO-BREAK SPACE and curly quotes are not letters).
//!
//! ```
//! use nerbench_core::{Document, Extractor};
//! use nerbench_regex_rules::RegexRules;
//!
//! let rules = RegexRules::builtin().unwrap();
//! let doc = Document::new(
//!     "d1",
//!     "Presiden Prancis\u{a0}Emmanuel Macron tiba. “Terima kasih,” ujarnya. Macron tersenyum.",
//! );
//! let found: Vec<String> = rules
//!     .extract(&doc)
//!     .iter()
//!     .map(|e| format!("{} {}", e.label, e.text))
//!     .collect();
//! assert_eq!(found, ["PER Emmanuel Macron", "PER Macron"]);
//! ```

mod alias;
mod error;
mod groups;
mod hir;
mod load;
mod phrases;
mod scan;
mod text;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use nerbench_core::{select_disjoint_or_cut, Document, Entity, Extractor, Label, Settings, Span};

pub use alias::AliasPropagation;
pub use error::RulesError;
pub use load::RuleInfo;
pub use text::{in_title_case_line, is_word_char, on_word_boundaries};

use groups::CapturesCache;
use load::{Compiled, Source};
use phrases::Phrases;
use regex_automata::hybrid::dfa::DFA;
use regex_automata::util::pool::Pool;
use regex_automata::util::primitives::NonMaxUsize;
use regex_automata::{Input, Match};
use scan::{end_of_match_at, start_of_match_ending_at, Scratch, Trigger, Triggers};
use text::{next_word_start, sentence_starts_at, splits_word, WordHash};

/// The regex rules extractor. Build it once; it is `Send + Sync` and cheap
/// to share across threads.
#[derive(Clone, Debug)]
pub struct RegexRules {
    rules: Arc<[Compiled]>,
    triggers: Arc<Triggers>,
    /// Each thread's DFA caches and buffers, taken once per document.
    scratch: Arc<ScratchPool>,
    /// For each rule, an earlier rule whose pattern differs from its own in
    /// capture groups alone (or not at all), and so has the same matches.
    same_matches_as: Vec<Option<usize>>,
    labels: Vec<Label>,
    /// Words and phrases trimmed from the edges of entities ("Senin",
    /// "Kombes Pol"; `[names] trim`, `trim_lists`).
    trim: Phrases,
    /// Sentence openers that also open names, trimmed from an entity's start
    /// only where a sentence starts (`[names] openers`): inside a sentence a
    /// capitalised "Lalu" is the Sasak title of a name, not "then".
    openers: Phrases,
    /// Ranks and the like, which a person's name starts after: a place that
    /// a title rule read into the name falls away ("Surabaya Kombes Pol Andi
    /// Wijaya" after a title is "Andi Wijaya"; `[names] restart_lists`).
    restart: Phrases,
    /// Words no person's name holds (`[names] stop`, and the words of
    /// `end`).
    stop: HashSet<String, WordHash>,
    /// Words no entity of a rule holds, whatever its label (`[names]
    /// end_lists`): a title-case headline's verb after an organisation.
    end: HashSet<String, WordHash>,
    /// Words that end an epithet (`[names] not_before`): after a lowercase
    /// role, "kata bek Sassuolo itu" names a club, not a person.
    not_before: HashSet<String, WordHash>,
    aliases: AliasPropagation,
    source: nerbench_core::Source,
}

type ScratchPool = Pool<Scratch, Box<dyn Fn() -> Scratch + Send + Sync>>;

/// Scratch space (caches for the lazy DFAs and capture engines of `rules`,
/// buffers) made for each thread that asks.
fn scratch_pool(rules: &[Compiled], triggers: &Triggers) -> ScratchPool {
    let engines: Vec<_> = rules
        .iter()
        .map(|r| {
            let reverse = match &r.trigger {
                Trigger::Suffix { reverse, .. } => Some(DFA::clone(reverse)),
                _ => None,
            };
            (r.forward.clone(), reverse, r.captures.clone())
        })
        .collect();
    let guards: Vec<DFA> = triggers.guard_dfas().cloned().collect();
    Pool::new(Box::new(move || {
        Scratch::new(engines.iter().map(|(f, r, g)| (f, r.as_ref(), g)), &guards)
    }))
}

/// `kept` without the items at `indices` (few, in any order; most often
/// none, which costs nothing).
fn without_indices(kept: Vec<Candidate>, indices: &[usize]) -> Vec<Candidate> {
    if indices.is_empty() {
        return kept;
    }
    kept.into_iter()
        .enumerate()
        .filter_map(|(i, c)| (!indices.contains(&i)).then_some(c))
        .collect()
}

/// One rule's hit before overlaps are resolved.
struct Candidate {
    span: Span,
    rule: usize,
    chars: usize,
    /// Where the rule's match starts: before `span` when the rule's group
    /// leaves a title or other context outside the entity.
    context: usize,
}

impl RegexRules {
    /// The name the extractor reports and is registered under.
    pub const NAME: &'static str = "regex";

    /// The built-in rules alone.
    pub fn builtin() -> Result<RegexRules, RulesError> {
        RegexRules::from_toml(&[], false)
    }

    /// The built-in rules extended by `files` (read in order), or, with
    /// `replace`, the rules of `files` alone.
    pub fn from_files<P: AsRef<Path>>(
        files: &[P],
        replace: bool,
    ) -> Result<RegexRules, RulesError> {
        let texts = files
            .iter()
            .map(|p| {
                let path = p.as_ref();
                std::fs::read_to_string(path)
                    .map(|text| (path.display().to_string(), text))
                    .map_err(|source| RulesError::Read {
                        file: path.to_path_buf(),
                        source,
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let sources: Vec<(&str, &str)> = texts
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        RegexRules::from_toml(&sources, replace)
    }

    /// The rules a user's [`Settings`] ask for (`rule_files`, `replace_rules`).
    pub fn from_settings(settings: &Settings) -> Result<RegexRules, RulesError> {
        RegexRules::from_files(&settings.rule_files, settings.replace_rules)
    }

    /// Like [`RegexRules::from_files`], with each file given as
    /// `(name for messages, TOML text)`.
    pub fn from_toml(files: &[(&str, &str)], replace: bool) -> Result<RegexRules, RulesError> {
        let sources: Vec<Source> = files
            .iter()
            .map(|&(name, text)| Source { name, text })
            .collect();
        let loaded = load::load(&sources, replace)?;
        let labels = Label::STANDARD
            .into_iter()
            .filter(|l| loaded.rules.iter().any(|r| &r.info.label == l))
            .collect();
        let triggers = Triggers::new(
            loaded
                .rules
                .iter()
                .map(|r| (&r.trigger, &r.forward, &r.shape)),
        );
        Ok(RegexRules {
            scratch: Arc::new(scratch_pool(&loaded.rules, &triggers)),
            triggers: Arc::new(triggers),
            same_matches_as: loaded
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| loaded.rules[..i].iter().position(|e| e.shape == r.shape))
                .collect(),
            rules: loaded.rules.into(),
            labels,
            trim: Phrases::new(loaded.trim),
            openers: Phrases::new(loaded.openers),
            restart: Phrases::new(loaded.restart),
            stop: loaded.stop.into_iter().chain(loaded.end.clone()).collect(),
            end: loaded.end.into_iter().collect(),
            not_before: loaded.not_before.into_iter().collect(),
            aliases: AliasPropagation::from_loaded(loaded.alias),
            source: nerbench_core::Source::new(RegexRules::NAME),
        })
    }

    /// The rules in the order they run (ties in precedence go to the first).
    pub fn rules(&self) -> impl Iterator<Item = &RuleInfo> {
        self.rules.iter().map(|r| &r.info)
    }

    /// The alias propagation these rules apply, for reuse on other entities.
    pub fn aliases(&self) -> &AliasPropagation {
        &self.aliases
    }

    /// `start..end` cut before its first word of `words`.
    fn before_any(
        words: &HashSet<String, WordHash>,
        text: &str,
        start: usize,
        end: usize,
    ) -> (usize, usize) {
        if words.is_empty() {
            return (start, end);
        }
        let inner = &text[start..end];
        let mut offset = 0;
        for piece in inner.split_inclusive(char::is_whitespace) {
            if words.contains(piece.trim_end()) {
                return (start, start + inner[..offset].trim_end().len());
            }
            offset += piece.len();
        }
        (start, end)
    }

    /// True if the word after white space at `end` of `text` is one of
    /// `words`.
    fn word_after_is_one_of(words: &HashSet<String, WordHash>, text: &str, end: usize) -> bool {
        if words.is_empty() {
            return false;
        }
        let rest = &text[end..];
        let next = rest.trim_start();
        next.len() < rest.len()
            && words.contains(next.split(|c: char| !is_word_char(c)).next().unwrap_or(""))
    }

    /// `start..end` of `text` without the trim words at its edges, nor a
    /// sentence opener where a sentence starts at `start`.
    fn trimmed(&self, text: &str, start: usize, end: usize) -> (usize, usize) {
        let (start, end) = self.trim.trim(text, start, end);
        if !sentence_starts_at(text, start) {
            return (start, end);
        }
        match self.openers.trim_start(text, start, end) {
            opened if opened == start => (start, end),
            opened => self.trim.trim(text, opened, end),
        }
    }

    /// The part of candidate `c` before `end` (where an entity of higher
    /// precedence starts), if it still passes the rule's checks and keeps two
    /// words at least: an organisation form that ran on into the name after
    /// it keeps its own part ("Polda Jawa Timur" of "Polda Jawa Timur Kombes
    /// ..." when the title rule took the name), while a bare head word or
    /// title ("Dewan", "Pak") is no name. Nor is what a person's name runs
    /// on from into the person `kept` of a rule above it: that is the title
    /// or unit the lower rule misread ("Pajak Kemenkeu" of "Direktur
    /// Jenderal Pajak Kemenkeu Name", where the title rule read a name from
    /// "Pajak" on and the unit rule knew where it starts).
    fn cut(&self, text: &str, c: &Candidate, end: usize, kept: &Candidate) -> Option<Candidate> {
        if self.is_person(c) && self.is_person(kept) {
            return None;
        }
        let start = c.span.start();
        let end = start
            + text[start..end]
                .trim_end_matches(|ch: char| !is_word_char(ch))
                .len();
        let (start, end) = self.trimmed(text, start, end);
        text[start..end].split_whitespace().nth(1)?;
        self.accept(text, c.rule, c.context, start, end)
    }

    /// `kept` (disjoint, in span order) without each person found by a rule
    /// that lies in the context of a person's match of a rule above it: that
    /// context is the title or unit the higher rule read before the name, so
    /// what the lower rule took for a name there is part of it ("Pencegahan"
    /// of "Direktur Pencegahan dan Pengendalian Penyakit Menular Kemenkes
    /// Name", a one-word name to the title rule, a unit to the unit rule).
    /// A comma between the two keeps the lower one: the higher rule's
    /// context may run on over a list of officials ("Ketua DPR Name, Wakil
    /// Ketua DPR Name" to the unit rule).
    fn without_names_in_titles(&self, text: &str, kept: Vec<Candidate>) -> Vec<Candidate> {
        let priority = |c: &Candidate| self.rules[c.rule].info.priority;
        // Indices of the names to drop, in no order: most documents have
        // none, and an empty vector allocates nothing.
        let mut inside = Vec::new();
        for (i, c) in kept.iter().enumerate() {
            if !self.is_person(c) || c.context == c.span.start() {
                continue;
            }
            // Earlier kept spans end before `c` starts: those that start
            // at its context or after lie in it.
            for (j, other) in kept[..i].iter().enumerate().rev() {
                if other.span.start() < c.context {
                    break;
                }
                if self.is_person(other)
                    && priority(other) < priority(c)
                    && !text[other.span.end()..c.span.start()].contains(',')
                {
                    inside.push(j);
                }
            }
        }
        without_indices(kept, &inside)
    }

    /// `kept` with the names after a title (or another cue of the rule's
    /// match) in title-case lines (headlines, captions, "Baca juga" links)
    /// checked against the document's other names. There a title rule reads
    /// any capitalised word after a title as a name ("Prabowo Minta Para
    /// Menteri Kerja Keras" gives "Keras"; "Presiden Peru Hubungi Widodo"
    /// gives "Hubungi Widodo"), while a real name comes back elsewhere
    /// ("Bahlil" of "Menteri Bahlil Tinjau Smelter" beside "Bahlil
    /// Lahadalia"). A name whose first word no other name holds starts at
    /// its first word another name holds ("Widodo" beside "Joko Widodo");
    /// with no such word, a one-word name is dropped and a longer one kept.
    /// A text of one line keeps its names: nothing else could confirm them;
    /// so does a name after a label and colon.
    fn with_headline_names_confirmed(
        &self,
        text: &str,
        mut kept: Vec<Candidate>,
    ) -> Vec<Candidate> {
        // A cue that ends in a colon labels a byline or credit ("Editor:
        // Name"), a line of its own that title case says nothing of.
        let after_cue = |c: &Candidate| {
            let cue = &text[c.context..c.span.start()];
            self.is_person(c) && cue.contains(char::is_alphabetic) && !cue.trim_end().ends_with(':')
        };
        let in_headline = |c: &Candidate| after_cue(c) && in_title_case_line(text, c.span.start());
        // Most documents have no such name: then no word counts are built.
        if !text.trim_end().contains('\n') || !kept.iter().any(in_headline) {
            return kept;
        }
        // How many names hold each word.
        let mut holders: HashMap<&str, usize, WordHash> = HashMap::default();
        for c in kept.iter().filter(|c| self.is_person(c)) {
            for word in text[c.span.range()].split_whitespace() {
                *holders.entry(word).or_default() += 1;
            }
        }
        let held = |word: &str| holders.get(word).is_some_and(|&n| n > 1);
        // Indices, as for without_names_in_titles: most documents have none.
        let mut dropped = Vec::new();
        for (i, c) in kept.iter_mut().enumerate() {
            let name = &text[c.span.range()];
            if name.split_whitespace().next().is_none_or(held) || !in_headline(c) {
                continue;
            }
            let mut offset = c.span.start();
            let confirmed = name.split_inclusive(char::is_whitespace).find_map(|piece| {
                let at = offset;
                offset += piece.len();
                let word = piece.trim_end();
                (!word.is_empty() && held(word)).then_some(at)
            });
            match confirmed {
                Some(start) => {
                    c.span = Span::new(start, c.span.end()).expect("a word of the name");
                    c.chars = text[c.span.range()].chars().count();
                }
                None if !name.contains(char::is_whitespace) => dropped.push(i),
                None => {}
            }
        }
        without_indices(kept, &dropped)
    }

    /// Whether candidate `c` is a person's name.
    fn is_person(&self, c: &Candidate) -> bool {
        self.rules[c.rule].info.label == Label::Per
    }

    /// A candidate of rule `index` at `start..end`, its match starting at
    /// `context`, unless it is empty, cuts a word or matches the rule's
    /// exclude pattern.
    fn accept(
        &self,
        text: &str,
        index: usize,
        context: usize,
        start: usize,
        end: usize,
    ) -> Option<Candidate> {
        if start >= end
            || !on_word_boundaries(text, start, end)
            || self.rules[index]
                .exclude
                .as_ref()
                .is_some_and(|x| x.is_match(&text[start..end]))
        {
            return None;
        }
        Some(Candidate {
            span: Span::new(start, end).expect("start < end"),
            rule: index,
            chars: text[start..end].chars().count(),
            context: context.min(start),
        })
    }

    /// The matches of rule `index` in `text` that lie on word boundaries,
    /// into `found`, trying only the positions its triggers allow (see
    /// [`scan`]). Like a scan with the regex crate, the matches of one rule
    /// do not overlap: after a match the next is looked for past its end.
    fn matches(&self, index: usize, text: &str, scratch: &mut Scratch, found: &mut Vec<Span>) {
        found.clear();
        let rule = &self.rules[index];
        let at = &scratch.positions[index];
        // Where matches may start: at prefix triggers, or where the matches
        // that end at suffix triggers start.
        let suffix_starts = match (&rule.trigger, scratch.reverse[index].as_mut()) {
            (Trigger::Suffix { reverse, .. }, Some(cache)) => {
                // The leftmost start may lie inside a word ("I" of "KAI" for
                // a name that may begin with an initial, before "KAI Anne
                // Purba mengatakan"): such a match is rejected, so the search
                // goes on from the next word instead.
                let mut starts: Vec<usize> = at
                    .iter()
                    .filter_map(|&end| start_of_match_ending_at(reverse, cache, text, end))
                    .map(|start| {
                        if splits_word(text, start) {
                            next_word_start(text, start)
                        } else {
                            start
                        }
                    })
                    .collect();
                starts.sort_unstable();
                starts.dedup();
                Some(starts)
            }
            _ => None,
        };
        let forward_cache = &mut scratch.forward[index];
        let mut next = 0;
        // Keeps match `m` if it is on word boundaries; true if it did.
        let mut keep = |m: Match, next: &mut usize| {
            let ok = !m.is_empty() && on_word_boundaries(text, m.start(), m.end());
            if ok {
                *next = m.end();
                found.push(Span::new(m.start(), m.end()).expect("not empty"));
            }
            ok
        };
        // From a possible start, the match a scan would find there.
        let mut from_starts = |starts: &[usize]| {
            for &start in starts {
                if start < next {
                    continue;
                }
                if let Some(end) = end_of_match_at(&rule.forward, forward_cache, text, start) {
                    keep(Match::must(0, start..end), &mut next);
                }
            }
        };
        match (&rule.trigger, suffix_starts) {
            (_, Some(starts)) => from_starts(&starts),
            (Trigger::Prefix { .. }, None) => from_starts(at),
            _ => {
                let mut from = 0;
                while from <= text.len() {
                    let input = Input::new(text).range(from..);
                    let Some(m) = rule.scan.as_ref().and_then(|r| r.search(&input)) else {
                        break;
                    };
                    // After a match, go on past it; after a rejected one,
                    // retry from the next character, where a shorter match
                    // may start.
                    from = if keep(m, &mut next) {
                        m.end()
                    } else {
                        m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8)
                    };
                }
            }
        }
    }

    /// The entities rule `index` takes from its `matches` in `text`.
    fn entities(
        &self,
        index: usize,
        text: &str,
        matches: &[Span],
        slots: &mut Vec<Option<NonMaxUsize>>,
        cache: &mut CapturesCache,
        out: &mut Vec<Candidate>,
    ) {
        let rule = &self.rules[index];
        // Slots up to the rule's group; shared between rules.
        slots.clear();
        slots.resize(2 * (rule.group + 1), None);
        for m in matches {
            let group = if rule.group == 0 {
                Some((m.start(), m.end()))
            } else {
                let found = rule.captures.slots(cache, text, m.range(), slots);
                let slot = |i: usize| slots[i].map(NonMaxUsize::get);
                found
                    .then(|| slot(2 * rule.group).zip(slot(2 * rule.group + 1)))
                    .flatten()
            };
            if let Some((start, end)) = group {
                let (start, end) = self.trimmed(text, start, end);
                let (start, end) = if rule.info.label == Label::Per {
                    let (start, end) = self.restart.after_last(text, start, end);
                    let (start, end) = RegexRules::before_any(&self.stop, text, start, end);
                    // A lowercase role, what it is of and a demonstrative
                    // are an epithet: "kata bek Sassuolo itu" names a club.
                    // A capitalised title is one before a name ("Pelatih
                    // Kepala Name itu" closes a noun phrase around it).
                    if m.start() < start
                        && text[m.start()..].starts_with(char::is_lowercase)
                        && RegexRules::word_after_is_one_of(&self.not_before, text, end)
                    {
                        continue;
                    }
                    (start, end)
                } else {
                    let (start, cut) = RegexRules::before_any(&self.end, text, start, end);
                    // What a headline's verb cut down to one word is the
                    // head of a name the rule could not find ("Dewan").
                    if cut < end && !text[start..cut].contains(char::is_whitespace) {
                        continue;
                    }
                    (start, cut)
                };
                out.extend(self.accept(text, index, m.start(), start, end));
            }
        }
    }
}

impl Extractor for RegexRules {
    fn name(&self) -> &str {
        RegexRules::NAME
    }

    fn labels(&self) -> &[Label] {
        &self.labels
    }

    fn extract(&self, doc: &Document) -> Vec<Entity> {
        self.aliases.apply(&doc.text, self.extract_local(doc))
    }

    /// The rules' entities without alias propagation.
    fn extract_local(&self, doc: &Document) -> Vec<Entity> {
        let text = doc.text.as_str();
        let mut candidates = Vec::new();
        let mut pooled = self.scratch.get();
        let scratch = &mut *pooled;
        self.triggers
            .positions(text, &mut scratch.positions, &mut scratch.guards);
        let mut slots = Vec::new();
        let mut matches = std::mem::take(&mut scratch.matches);
        for index in 0..self.rules.len() {
            // Rules that differ only in their groups share their matches.
            let source = self.same_matches_as[index].unwrap_or(index);
            if source == index {
                self.matches(index, text, scratch, &mut matches[index]);
            }
            self.entities(
                index,
                text,
                &matches[source],
                &mut slots,
                &mut scratch.captures[index],
                &mut candidates,
            );
        }
        scratch.matches = matches;
        drop(pooled);
        // Precedence: priority, then length, then position, then rule order.
        candidates.sort_by_key(|c| {
            (
                std::cmp::Reverse(self.rules[c.rule].info.priority),
                std::cmp::Reverse(c.chars),
                c.span.start(),
                c.rule,
            )
        });
        // Selected in span order, which is the order entities are sorted in.
        let kept = select_disjoint_or_cut(
            candidates,
            |c| c.span,
            |c, end, kept| self.cut(text, c, end, kept),
        );
        let kept = self.without_names_in_titles(text, kept);
        self.with_headline_names_confirmed(text, kept)
            .into_iter()
            .map(|c| {
                Entity::new(
                    text,
                    c.span,
                    self.rules[c.rule].info.label.clone(),
                    self.source,
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_that_differ_in_groups_alone_share_their_matches() {
        let rules = RegexRules::builtin().unwrap();
        let index = |id: &str| rules.rules().position(|r| r.id == id).unwrap();
        for (later, earlier) in [
            ("dateline-outlet", "dateline-place"),
            ("dateline-agency", "dateline-place-agency"),
        ] {
            assert_eq!(rules.same_matches_as[index(later)], Some(index(earlier)));
        }
        assert_eq!(rules.same_matches_as[index("title-name")], None);
    }

    #[test]
    fn local_entities_are_those_before_alias_propagation() {
        let rules = RegexRules::builtin().unwrap();
        let doc = Document::new("d", "Presiden Prancis Emmanuel Macron tiba. Macron senang.");
        let local = rules.extract_local(&doc);
        let texts = |found: &[Entity]| found.iter().map(|e| e.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(&local), ["Emmanuel Macron"]);
        assert_eq!(texts(&rules.extract(&doc)), ["Emmanuel Macron", "Macron"]);
        assert_eq!(rules.aliases().apply(&doc.text, local), rules.extract(&doc));
    }

    /// The texts of the gold articles, for tests that compare a fast path
    /// with its reference on real news.
    pub(crate) fn gold_articles() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../gold/articles");
        let texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        assert_eq!(texts.len(), 5, "the gold articles are read");
        texts
    }

    /// The small automata of [`groups::Captures`] give the groups the whole
    /// pattern's engine gives, on every match of every built-in rule in the
    /// gold articles and in text made to take each shortcut and fallback.
    #[test]
    fn captures_agree_with_the_whole_pattern() {
        let mut texts = gold_articles();
        // The sentences of the case table, one per line.
        let cases = include_str!("../tests/cases.toml");
        texts.push(
            cases
                .lines()
                .filter_map(|l| l.strip_prefix("text = \""))
                .map(|l| l.trim_end_matches('"'))
                .collect::<Vec<_>>()
                .join("\n"),
        );
        texts.push(
            "Menteri Luar Negeri Korea Selatan Park Jin bertemu Presiden Prancis\u{a0}Émile \
             Zoła dan Gubernur Jawa Barat Dedi Mulyadi; “kata Budi Santoso”. Kapolres \
             Bogor AKBP Andi Wijaya tiba. Perdana Menteri Anwar Ibrahim, Presiden Xi, kata presiden Rusia."
                .to_string(),
        );
        let rules = RegexRules::builtin().unwrap();
        let mut scratch = rules.scratch.get();
        let mut matches = Vec::new();
        let (mut checked, mut narrowed) = (0, 0);
        for text in &texts {
            let scratch = &mut *scratch;
            rules
                .triggers
                .positions(text, &mut scratch.positions, &mut scratch.guards);
            for (index, rule) in rules.rules.iter().enumerate() {
                if rule.group == 0 {
                    continue;
                }
                rules.matches(index, text, scratch, &mut matches);
                for m in &matches {
                    let n = 2 * rule.captures.group_len();
                    let (mut fast, mut whole) = (vec![None; n], vec![None; n]);
                    let found = rule.captures.slots(
                        &mut scratch.captures[index],
                        text,
                        m.range(),
                        &mut fast,
                    );
                    assert_eq!(
                        (found, &fast),
                        (
                            rule.captures.whole_slots(text, m.range(), &mut whole),
                            &whole
                        ),
                        "rule {} on {:?}",
                        rule.info.id,
                        &text[m.range()]
                    );
                    checked += 1;
                    narrowed += usize::from(!text[m.range()].is_ascii());
                }
            }
        }
        assert!(
            checked > 150 && narrowed > 5,
            "{checked} matches, {narrowed} non-ASCII"
        );
    }
}
