//! The capture groups of a match already found.
//!
//! The anchored DFA search has found where a match starts and ends; only the
//! groups inside it are left to find. A general regex would first run a DFA
//! over the match again to find its bounds, then a capture engine; this runs
//! the capture engine alone, on the match: the bounded backtracker when the
//! match is short enough for its memory of visited states, the PikeVM
//! otherwise (the choice the regex crate makes).
//!
//! The backtracker clears that memory, a bit per automaton state and byte of
//! the match, on every search, and the built-in rules make large automata
//! (word lists of hundreds of entries, Unicode classes inside bounded
//! repetitions): clearing cost more than searching. Two exact reductions keep
//! the automata the engines run small.
//!
//! - **A narrow twin.** Each pattern is also compiled with its classes cut
//!   down to a small alphabet: Latin-1 (ASCII, NO-BREAK SPACE, "é", "ä") and
//!   the few other characters the pattern names itself ("’", "–"). On a match
//!   made of that alphabet alone the twin has exactly the pattern's paths, so
//!   it gives the same groups; a `\p{L}` is there a handful of states instead
//!   of hundreds.
//! - **A head without groups.** When the pattern is a concatenation whose
//!   leading parts hold no group (the titles before a name), a lazy DFA finds
//!   where the head's preferred match ends, and the engines run on the rest of
//!   the match with the rest of the pattern. A leftmost-first match prefers
//!   paths in order of their choices, and the head's choices come first: the
//!   whole pattern's preferred match is the head's preferred match followed by
//!   the rest's, whenever the rest can follow it at all. When it cannot (the
//!   head had to give way to let the rest match: "presiden Rusia", where the
//!   qualifiers a title takes are the whole name), the same is tried with the
//!   first part of the head alone, and then the whole pattern's engines run.
//!   When the rest is one group and nothing more (a title, then the name),
//!   no capture engine is needed at all: the group runs from the head's end
//!   to the match's end, once a lazy DFA has checked that the rest matches
//!   exactly there.

use std::ops::Range;

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, backtrack, pikevm, NFA};
use regex_automata::util::primitives::NonMaxUsize;
use regex_automata::{Anchored, Input, PatternID};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

use crate::hir::{rewrite, Groups};
use crate::scan::{end_of_match_at, lazy_dfa};

/// Characters at or below this are in every narrow alphabet.
const LATIN1_MAX: char = '\u{ff}';
/// A class with at most this many characters beyond Latin-1 is "named" by the
/// pattern: they join its narrow alphabet.
const NAMED_CLASS_MAX: u32 = 16;

/// How the groups of one pattern's matches are found.
#[derive(Clone, Debug)]
pub(crate) struct Captures {
    /// The pattern's engines.
    full: Engines,
    /// Those of its narrow twin.
    narrow: Engines,
    /// The twin's alphabet beyond Latin-1, sorted.
    named: Vec<char>,
    /// For a pattern with a head without groups: the head's DFA and how the
    /// rest's groups are found, for the longest such head and then for its
    /// first part alone (see [`Captures::slots`]).
    splits: Vec<(DFA, Rest)>,
}

/// The part of a pattern after a head without groups.
#[derive(Clone, Debug)]
enum Rest {
    /// One group with no group inside, and nothing else: its index and a
    /// lazy DFA of it.
    Group(usize, Box<DFA>),
    /// Anything else: its narrow engines.
    Engines(Engines),
}

/// What [`Captures`] needs to run, kept per thread.
#[derive(Debug)]
pub(crate) struct CapturesCache {
    full: EnginesCache,
    narrow: EnginesCache,
    splits: Vec<(Cache, RestCache)>,
}

#[derive(Debug)]
enum RestCache {
    Group(Cache),
    Engines(EnginesCache),
}

impl Rest {
    /// How the groups of `subs`, the parts of a pattern after its head, are
    /// found.
    fn new(subs: &[Hir], size_limit: usize) -> Result<Rest, String> {
        let lone = match subs {
            [group] => match group.kind() {
                HirKind::Capture(cap) if !has_group(&cap.sub) => {
                    lazy_dfa(group, false).map(|dfa| Rest::Group(cap.index as usize, Box::new(dfa)))
                }
                _ => None,
            },
            _ => None,
        };
        match lone {
            Some(rest) => Ok(rest),
            None => Engines::new(&Hir::concat(subs.to_vec()), size_limit).map(Rest::Engines),
        }
    }

    fn create_cache(&self) -> RestCache {
        match self {
            Rest::Group(_, dfa) => RestCache::Group(dfa.create_cache()),
            Rest::Engines(engines) => RestCache::Engines(engines.create_cache()),
        }
    }

    /// Fills `slots` as [`Engines::slots`] does for the rest's preferred
    /// match from `span.start`, if that match ends at `span.end`; false if
    /// it does not.
    fn slots(
        &self,
        cache: &mut RestCache,
        text: &str,
        span: Range<usize>,
        slots: &mut [Option<NonMaxUsize>],
    ) -> bool {
        match (self, cache) {
            (Rest::Group(index, dfa), RestCache::Group(cache)) => {
                if end_of_match_at(dfa, cache, text, span.start) != Some(span.end) {
                    return false;
                }
                // The match is the group, and nothing else is.
                slots.fill(None);
                let bounds = [span.start, span.end].map(NonMaxUsize::new);
                for group in [0, *index] {
                    for (slot, at) in slots.iter_mut().skip(2 * group).zip(bounds) {
                        *slot = at;
                    }
                }
                true
            }
            (Rest::Engines(engines), RestCache::Engines(cache)) => {
                let end = span.end;
                engines.slots(cache, text, span, slots)
                    && slots[1].map(NonMaxUsize::get) == Some(end)
            }
            _ => unreachable!("each rest has a cache of its own kind"),
        }
    }
}

impl Captures {
    /// Capture engines for `hir`, with automata of at most `size_limit` bytes.
    pub(crate) fn new(hir: &Hir, size_limit: usize) -> Result<Captures, String> {
        let mut named = Vec::new();
        named_chars(hir, &mut named);
        named.sort_unstable();
        named.dedup();
        let mut alphabet = ClassUnicode::new([ClassUnicodeRange::new('\0', LATIN1_MAX)]);
        alphabet.union(&ClassUnicode::new(
            named.iter().map(|&c| ClassUnicodeRange::new(c, c)),
        ));
        let narrow = narrowed(hir, &alphabet);
        let mut splits = Vec::new();
        if let HirKind::Concat(subs) = narrow.kind() {
            let longest = subs.iter().take_while(|s| !has_group(s)).count();
            let heads = if longest > 1 {
                vec![longest, 1]
            } else {
                vec![longest]
            };
            for head in heads.into_iter().filter(|&h| h > 0 && h < subs.len()) {
                let dfa = lazy_dfa(&Hir::concat(subs[..head].to_vec()), false)
                    .ok_or("the pattern is too large for a lazy DFA")?;
                let rest = Rest::new(&subs[head..], size_limit)?;
                splits.push((dfa, rest));
            }
        }
        Ok(Captures {
            full: Engines::new(hir, size_limit)?,
            narrow: Engines::new(&narrow, size_limit)?,
            named,
            splits,
        })
    }

    /// The whole pattern's automaton, with its groups.
    pub(crate) fn nfa(&self) -> &NFA {
        self.full.backtrack.get_nfa()
    }

    /// How many groups the pattern has, the whole match included.
    pub(crate) fn group_len(&self) -> usize {
        self.full
            .backtrack
            .get_nfa()
            .group_info()
            .group_len(PatternID::ZERO)
    }

    pub(crate) fn create_cache(&self) -> CapturesCache {
        CapturesCache {
            full: self.full.create_cache(),
            narrow: self.narrow.create_cache(),
            splits: self
                .splits
                .iter()
                .map(|(head, rest)| (head.create_cache(), rest.create_cache()))
                .collect(),
        }
    }

    /// Fills `slots` with the groups of the match of the pattern that starts
    /// at `span.start` of `text` and ends at `span.end` (as the pattern's
    /// leftmost-first match from there is known to). False if the pattern
    /// does not match there after all.
    pub(crate) fn slots(
        &self,
        cache: &mut CapturesCache,
        text: &str,
        span: Range<usize>,
        slots: &mut [Option<NonMaxUsize>],
    ) -> bool {
        let in_alphabet = text[span.clone()]
            .chars()
            .all(|c| c <= LATIN1_MAX || self.named.binary_search(&c).is_ok());
        if !in_alphabet {
            return self.full.slots(&mut cache.full, text, span, slots);
        }
        // A long head leaves little to the capture engines; when its
        // preferred match must give way (qualifiers it took are the name:
        // "presiden Rusia"), a short head usually still lets the rest match.
        for ((head, rest), (head_cache, rest_cache)) in self.splits.iter().zip(&mut cache.splits) {
            if let Some(mid) = end_of_match_at(head, head_cache, text, span.start) {
                // The rest's preferred match from `mid` must be the one the
                // whole match ends with.
                let found = mid <= span.end && rest.slots(rest_cache, text, mid..span.end, slots);
                if found {
                    slots[0] = NonMaxUsize::new(span.start);
                    return true;
                }
            }
        }
        self.narrow.slots(&mut cache.narrow, text, span, slots)
    }

    /// The groups from the whole pattern's engines, with no shortcut: what
    /// [`Captures::slots`] must agree with.
    #[cfg(test)]
    pub(crate) fn whole_slots(
        &self,
        text: &str,
        span: Range<usize>,
        slots: &mut [Option<NonMaxUsize>],
    ) -> bool {
        let mut cache = self.full.create_cache();
        self.full.slots(&mut cache, text, span, slots)
    }
}

/// Whether `hir` holds a capture group.
fn has_group(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Capture(_) => true,
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(has_group),
        HirKind::Repetition(rep) => has_group(&rep.sub),
        _ => false,
    }
}

/// The characters beyond Latin-1 that `hir` names: those of its literals and
/// of its classes of a few characters.
fn named_chars(hir: &Hir, out: &mut Vec<char>) {
    match hir.kind() {
        HirKind::Literal(literal) => {
            if let Ok(s) = std::str::from_utf8(&literal.0) {
                out.extend(s.chars().filter(|&c| c > LATIN1_MAX));
            }
        }
        HirKind::Class(Class::Unicode(class)) => {
            let beyond = class
                .ranges()
                .iter()
                .filter(|r| r.end() > LATIN1_MAX)
                .map(|r| u32::from(r.end()) - u32::from(r.start().max('\u{100}')) + 1)
                .sum::<u32>();
            if beyond <= NAMED_CLASS_MAX {
                out.extend(
                    class
                        .ranges()
                        .iter()
                        .flat_map(|r| r.start()..=r.end())
                        .filter(|&c| c > LATIN1_MAX),
                );
            }
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            subs.iter().for_each(|s| named_chars(s, out))
        }
        HirKind::Repetition(rep) => named_chars(&rep.sub, out),
        HirKind::Capture(cap) => named_chars(&cap.sub, out),
        _ => {}
    }
}

/// `hir` with every Unicode class cut down to `alphabet`.
fn narrowed(hir: &Hir, alphabet: &ClassUnicode) -> Hir {
    rewrite(hir, Groups::Keep, &mut |node| match node.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            let mut class = class.clone();
            class.intersect(alphabet);
            Some(Hir::class(Class::Unicode(class)))
        }
        _ => None,
    })
}

/// Capture engines for one pattern.
#[derive(Clone, Debug)]
struct Engines {
    backtrack: backtrack::BoundedBacktracker,
    pikevm: pikevm::PikeVM,
}

#[derive(Debug)]
struct EnginesCache {
    backtrack: backtrack::Cache,
    pikevm: pikevm::Cache,
}

impl Engines {
    fn new(hir: &Hir, size_limit: usize) -> Result<Engines, String> {
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().nfa_size_limit(Some(size_limit)))
            .build_from_hir(hir)
            .map_err(|e| e.to_string())?;
        Ok(Engines {
            backtrack: backtrack::BoundedBacktracker::new_from_nfa(nfa.clone())
                .map_err(|e| e.to_string())?,
            pikevm: pikevm::PikeVM::new_from_nfa(nfa).map_err(|e| e.to_string())?,
        })
    }

    fn create_cache(&self) -> EnginesCache {
        EnginesCache {
            backtrack: self.backtrack.create_cache(),
            pikevm: self.pikevm.create_cache(),
        }
    }

    /// The groups of the pattern's leftmost-first match anchored at
    /// `span.start` and ending by `span.end`.
    fn slots(
        &self,
        cache: &mut EnginesCache,
        text: &str,
        span: Range<usize>,
        slots: &mut [Option<NonMaxUsize>],
    ) -> bool {
        let short = span.len() <= self.backtrack.max_haystack_len();
        let input = Input::new(text).span(span).anchored(Anchored::Yes);
        if short {
            if let Ok(found) = self
                .backtrack
                .try_search_slots(&mut cache.backtrack, &input, slots)
            {
                return found.is_some();
            }
        }
        self.pikevm
            .search_slots(&mut cache.pikevm, &input, slots)
            .is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hir::parse as hir;

    /// The groups `captures` gives for the match `span` of `text`, as text,
    /// checked against those of the whole pattern's engines.
    fn groups(captures: &Captures, text: &str, span: Range<usize>) -> Vec<Option<String>> {
        let mut cache = captures.create_cache();
        let mut slots = vec![None; 2 * captures.group_len()];
        let mut whole = slots.clone();
        assert!(captures.slots(&mut cache, text, span.clone(), &mut slots));
        assert!(captures.whole_slots(text, span, &mut whole));
        assert_eq!(slots, whole, "{text:?}");
        slots
            .chunks(2)
            .map(|g| match g {
                [Some(s), Some(e)] => Some(text[s.get()..e.get()].to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_lone_group_after_the_head_needs_no_capture_engine() {
        let pattern = hir(r"(?:Presiden|Menteri)(?: \p{Lu}\p{Ll}+)* (\p{Lu}\p{Ll}+)");
        let captures = Captures::new(&pattern, 1 << 24).unwrap();
        assert!(matches!(captures.splits[0].1, Rest::Group(1, _)));
        // The head takes the qualifiers it can, the group the last word.
        let text = "Presiden Prancis Emmanuel Macron tiba";
        assert_eq!(
            groups(&captures, text, 0..32),
            [Some(text[..32].into()), Some("Macron".into())]
        );
        // The head's preferred match takes every capitalised word and leaves
        // the group none: it must give way, and the other engines answer.
        let text = "Menteri Prancis Macron";
        assert_eq!(
            groups(&captures, text, 0..22),
            [Some(text.into()), Some("Macron".into())]
        );
    }
}
