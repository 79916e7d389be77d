//! Finding where each rule can match without running every rule over the
//! whole text.
//!
//! Each rule's pattern is analysed once: if every match must begin with one
//! of a finite set of literals (its *prefix* literals, such as the titles of
//! the title rule), those literals become triggers; otherwise, if every match
//! must end with one of a finite set of literals (its *suffix* literals, such
//! as the top-level domains of a web address), those do. One Aho-Corasick
//! automaton over all rules' triggers then finds, in a single pass, every
//! place a rule can start (or end), and each rule's regex runs anchored there
//! only: forward from a prefix trigger; backward from a suffix trigger (a
//! reverse DFA finds the start) and then forward from that start. A rule with
//! neither kind of literal is scanned over the whole text as before.
//!
//! The anchored searches use lazy DFAs directly, with caches taken once per
//! document ([`Caches`]): most triggers lead to no match, and a DFA rejects
//! them in a few bytes, where a full regex search costs more to set up than
//! to run.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{Anchored as AcAnchored, MatchKind};
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, NFA};
use regex_automata::{Anchored, Input};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind, Look};

use crate::groups::{Captures, CapturesCache};
use crate::hir::{rewrite, Groups};
use crate::text::splits_word;
use nerbench_core::offsets::is_char_start;
use nerbench_core::Span;

/// Most literals one rule may trigger on (titles in all their spellings
/// number a few hundred); beyond this the rule is scanned.
const MAX_LITERALS: usize = 4096;
/// Room for each lazy DFA's states (per thread).
const DFA_CACHE_BYTES: usize = 4 << 20;
/// Largest automaton compiled for a rule.
const NFA_SIZE_LIMIT: usize = 64 << 20;

/// How a rule's possible match positions are found.
#[derive(Clone)]
pub(crate) enum Trigger {
    /// Matches start with one of these literals. `at_start`: the pattern
    /// also matches at the start of the text (`\A`), which is tried too.
    Prefix {
        literals: Vec<Vec<u8>>,
        at_start: bool,
    },
    /// Matches end with one of these literals; `reverse` finds their start.
    Suffix {
        literals: Vec<Vec<u8>>,
        reverse: Box<DFA>,
    },
    /// No usable literals: scan the whole text.
    Scan,
}

impl std::fmt::Debug for Trigger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Trigger::Prefix { literals, at_start } => write!(
                f,
                "Prefix({} literals, at_start: {at_start})",
                literals.len()
            ),
            Trigger::Suffix { literals, .. } => write!(f, "Suffix({} literals)", literals.len()),
            Trigger::Scan => write!(f, "Scan"),
        }
    }
}

/// A lazy DFA for `hir`, forward (leftmost-first, to find where a match
/// from a known start ends) or reverse (to find where a match that ends at a
/// known place starts: the leftmost start, hence all matches).
pub(crate) fn lazy_dfa(hir: &Hir, reverse: bool) -> Option<DFA> {
    let nfa = thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .reverse(reverse)
                .nfa_size_limit(Some(NFA_SIZE_LIMIT))
                .which_captures(thompson::WhichCaptures::None),
        )
        .build_from_hir(hir)
        .ok()?;
    lazy_dfa_of(nfa)
}

/// A lazy DFA over an automaton already compiled (its capture states, if
/// any, are only passed through): leftmost-first forward, all matches in
/// reverse, as [`lazy_dfa`].
pub(crate) fn lazy_dfa_of(nfa: NFA) -> Option<DFA> {
    let reverse = nfa.is_reverse();
    let kind = if reverse {
        regex_automata::MatchKind::All
    } else {
        regex_automata::MatchKind::LeftmostFirst
    };
    DFA::builder()
        .configure(
            DFA::config()
                .match_kind(kind)
                .cache_capacity(DFA_CACHE_BYTES)
                .skip_cache_capacity_check(true)
                .minimum_cache_clear_count(None),
        )
        .build_from_nfa(nfa)
        .ok()
}

/// The end of the match of `forward` that starts at `start`, if any. `None`
/// also if the DFA cannot tell (it then gives up, which the settings above
/// make impossible for patterns without Unicode word boundaries).
pub(crate) fn end_of_match_at(
    forward: &DFA,
    cache: &mut Cache,
    text: &str,
    start: usize,
) -> Option<usize> {
    let input = Input::new(text).range(start..).anchored(Anchored::Yes);
    forward
        .try_search_fwd(cache, &input)
        .ok()
        .flatten()
        .map(|m| m.offset())
}

/// The leftmost start of a match of `reverse` that ends at `end`.
pub(crate) fn start_of_match_ending_at(
    reverse: &DFA,
    cache: &mut Cache,
    text: &str,
    end: usize,
) -> Option<usize> {
    let input = Input::new(text).range(..end).anchored(Anchored::Yes);
    reverse
        .try_search_rev(cache, &input)
        .ok()
        .flatten()
        .map(|m| m.offset())
}

/// What one thread needs to run the rules, kept from document to document:
/// for each rule its forward DFA's cache, its reverse DFA's if it has one,
/// its capture engines' caches and buffers for its trigger positions and matches.
#[derive(Debug)]
pub(crate) struct Scratch {
    pub forward: Vec<Cache>,
    pub reverse: Vec<Option<Cache>>,
    pub captures: Vec<CapturesCache>,
    pub positions: Vec<Vec<usize>>,
    /// Each rule's matches in the current document.
    pub matches: Vec<Vec<Span>>,
    /// For each guard of the triggers, its DFA's cache.
    pub guards: Vec<Cache>,
}

impl Scratch {
    /// Scratch for rules given as their forward DFA, reverse DFA if any,
    /// and capture engines, and for the DFAs of the triggers' guards.
    pub(crate) fn new<'d>(
        rules: impl IntoIterator<Item = (&'d DFA, Option<&'d DFA>, &'d Captures)>,
        guards: impl IntoIterator<Item = &'d DFA>,
    ) -> Scratch {
        let mut scratch = Scratch {
            forward: Vec::new(),
            reverse: Vec::new(),
            captures: Vec::new(),
            positions: Vec::new(),
            matches: Vec::new(),
            guards: guards.into_iter().map(DFA::create_cache).collect(),
        };
        for (forward, reverse, captures) in rules {
            scratch.forward.push(forward.create_cache());
            scratch.reverse.push(reverse.map(DFA::create_cache));
            scratch.captures.push(captures.create_cache());
            scratch.positions.push(Vec::new());
            scratch.matches.push(Vec::new());
        }
        scratch
    }
}

/// The literal set of `kind`, if finite, small enough and free of the empty
/// literal (which would allow a match anywhere).
fn literals(hir: &Hir, kind: ExtractKind) -> Option<Vec<Vec<u8>>> {
    let backwards = matches!(kind, ExtractKind::Suffix);
    let mut extractor = Extractor::new();
    extractor.kind(kind).limit_total(MAX_LITERALS);
    let seq = extractor.extract(hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.is_empty()) {
        return None;
    }
    // Only the shortest literals matter: where "Presiden " occurs, so does
    // "Presiden" (for suffixes, read the literals backwards).
    let flip = |l: &[u8]| -> Vec<u8> {
        if backwards {
            l.iter().rev().copied().collect()
        } else {
            l.to_vec()
        }
    };
    let mut sorted: Vec<Vec<u8>> = literals.iter().map(|l| flip(l.as_bytes())).collect();
    sorted.sort();
    let mut out: Vec<Vec<u8>> = Vec::new();
    for literal in sorted {
        // Sorted, a literal's extensions follow it directly.
        if !out.last().is_some_and(|kept| literal.starts_with(kept)) {
            out.push(literal);
        }
    }
    let mut out: Vec<Vec<u8>> = out.iter().map(|l| flip(l)).collect();
    out.sort();
    Some(out)
}

/// `hir` with each start-of-text assertion replaced by a newline, and whether
/// there was one: "at the start of the text or of a line" then has the
/// prefix literal "\n", and the start of the text is tried separately.
fn start_as_newline(hir: &Hir) -> (Hir, bool) {
    let mut found = false;
    let rewritten = rewrite(hir, Groups::Keep, &mut |node| {
        matches!(node.kind(), HirKind::Look(Look::Start)).then(|| {
            found = true;
            Hir::literal(*b"\n")
        })
    });
    (rewritten, found)
}

/// Whether two triggers are prefix triggers on the same literals.
fn same_prefixes(a: &Trigger, b: &Trigger) -> bool {
    match (a, b) {
        (
            Trigger::Prefix { literals, at_start },
            Trigger::Prefix {
                literals: other,
                at_start: other_start,
            },
        ) => literals == other && at_start == other_start,
        _ => false,
    }
}

/// How the rule whose pattern is `hir` is best triggered.
pub(crate) fn trigger_for(hir: &Hir) -> Trigger {
    let (rewritten, at_start) = start_as_newline(hir);
    if let Some(literals) = literals(&rewritten, ExtractKind::Prefix) {
        return Trigger::Prefix { literals, at_start };
    }
    if let Some(literals) = literals(hir, ExtractKind::Suffix) {
        if let Some(reverse) = lazy_dfa(hir, true) {
            return Trigger::Suffix {
                literals,
                reverse: Box::new(reverse),
            };
        }
    }
    Trigger::Scan
}

/// Longest trigger literal, in bytes: a longer one is cut (from its end for a
/// prefix, from its start for a suffix), which keeps the automaton small
/// enough to stay in cache and costs only a few more anchored searches that
/// fail at once.
const TRIGGER_BYTES: usize = 6;

/// The form of `literal` the automaton looks for: cut to [`TRIGGER_BYTES`]
/// (at a char boundary) and in lower case (the automaton ignores ASCII case,
/// which halves it: titles are listed in both cases).
fn trigger_key(literal: &[u8], prefix: bool) -> Vec<u8> {
    let cut = if literal.len() <= TRIGGER_BYTES {
        literal
    } else if prefix {
        let end = (1..=TRIGGER_BYTES)
            .rev()
            .find(|&end| literal.get(end).is_none_or(|&b| is_char_start(b)))
            .unwrap_or(literal.len());
        &literal[..end]
    } else {
        let start = (literal.len() - TRIGGER_BYTES..literal.len())
            .find(|&start| is_char_start(literal[start]))
            .unwrap_or(0);
        &literal[start..]
    };
    cut.to_ascii_lowercase()
}

/// A set of bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ByteSet([u64; 4]);

impl ByteSet {
    const ALL: ByteSet = ByteSet([u64::MAX; 4]);
    const NONE: ByteSet = ByteSet([0; 4]);

    fn has(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }

    fn insert(&mut self, b: u8) {
        self.0[usize::from(b >> 6)] |= 1 << (b & 63);
    }

    fn add(&mut self, other: &ByteSet) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a |= b;
        }
    }
}

/// A rule that a trigger literal fires: as a prefix or a suffix of its
/// matches, and (for a prefix) the bytes that may follow the literal in a
/// match, which rejects most triggers before any search ("\n" before an
/// empty line, for a rule about lines that start with a capital).
#[derive(Debug)]
struct Fires {
    rule: usize,
    prefix: bool,
    next: ByteSet,
}

/// The bytes that may follow `prefix` at the start of a match of `forward`
/// (all of them if the DFA cannot tell).
fn next_bytes(forward: &DFA, cache: &mut Cache, prefix: &[u8]) -> ByteSet {
    let input = Input::new(prefix).anchored(Anchored::Yes);
    let Ok(mut state) = forward.start_state_forward(cache, &input) else {
        return ByteSet::ALL;
    };
    for &b in prefix {
        match forward.next_state(cache, state, b) {
            Ok(next) if next.is_dead() => return ByteSet::NONE,
            Ok(next) => state = next,
            Err(_) => return ByteSet::ALL,
        }
    }
    let mut set = ByteSet::NONE;
    for b in 0..=u8::MAX {
        match forward.next_state(cache, state, b) {
            Ok(next) if next.is_dead() => {}
            Ok(_) => set.insert(b),
            Err(_) => return ByteSet::ALL,
        }
    }
    set
}

/// Calls `found(pattern, start, end)` for every occurrence of every
/// literal of `dfa` (the longest `longest` bytes long) in `text`, overlapping
/// ones included, in no particular order.
///
/// A DFA scan waits on one table lookup per byte, each depending on the
/// last; so [`STREAMS`] parts of the text are scanned in step, as
/// independent chains the processor can overlap. Each part but the first
/// starts early by the longest literal's length less one, and reports
/// only the occurrences that end in the part itself.
fn scan(
    dfa: &aho_corasick::dfa::DFA,
    longest: usize,
    text: &str,
    mut found: impl FnMut(usize, usize, usize),
) {
    let bytes = text.as_bytes();
    let start = dfa
        .start_state(AcAnchored::No)
        .expect("the automaton is built for unanchored searches");
    let mut report = |state, end: usize| {
        if dfa.is_match(state) {
            for i in 0..dfa.match_len(state) {
                let pattern = dfa.match_pattern(state, i);
                found(pattern.as_usize(), end - dfa.pattern_len(pattern), end);
            }
        }
    };
    let part = bytes.len().div_ceil(STREAMS);
    let lead = longest.saturating_sub(1);
    // For each stream: its state, next byte, where it starts reporting,
    // and its end.
    let mut streams: [(StateID, usize, usize, usize); STREAMS] = std::array::from_fn(|k| {
        let own = (k * part).min(bytes.len());
        (
            start,
            own.saturating_sub(lead),
            own,
            ((k + 1) * part).min(bytes.len()),
        )
    });
    let lockstep = streams.iter().map(|s| s.3 - s.1).min().unwrap_or(0);
    // The streams' next `lockstep` bytes, walked together without an index
    // (so without a bounds check per byte).
    let [a, b, c, d] = streams.map(|s| &bytes[s.1..s.1 + lockstep]);
    let steps = a.iter().zip(b).zip(c).zip(d);
    for (i, (((&a, &b), &c), &d)) in steps.enumerate() {
        for (stream, byte) in streams.iter_mut().zip([a, b, c, d]) {
            stream.0 = dfa.next_state(AcAnchored::No, stream.0, byte);
        }
        for &(state, first, own, _) in &streams {
            if dfa.is_special(state) && first + i + 1 > own {
                report(state, first + i + 1);
            }
        }
    }
    for stream in &mut streams {
        stream.1 += lockstep;
    }
    for (mut state, mut at, own, end) in streams {
        while at < end {
            state = dfa.next_state(AcAnchored::No, state, bytes[at]);
            at += 1;
            if dfa.is_special(state) && at > own {
                report(state, at);
            }
        }
    }
}

/// How many parts of a text the trigger automaton scans in step.
const STREAMS: usize = 4;

/// One automaton over every rule's trigger literals.
pub(crate) struct Triggers {
    automaton: Option<aho_corasick::dfa::DFA>,
    /// The length of the longest literal.
    longest: usize,
    /// For each literal of the automaton: the rules it triggers.
    rules_of: Vec<Vec<Fires>>,
    /// Rules to try at the start of the text.
    at_start: Vec<usize>,
    /// How many rules there are (the scanned ones included).
    rules: usize,
    /// Groups of rules triggered by the same literals.
    guards: Vec<Guard>,
}

/// Rules that fire on the same literals (the rules about the start of a line
/// all fire on "\n"), with one lazy DFA for all their patterns. Where that
/// DFA finds no match none of the rules can match, so one search turns a
/// trigger away for all of them; most triggers (a paragraph that starts like
/// any other) are turned away.
struct Guard {
    rules: Vec<usize>,
    dfa: DFA,
}

impl std::fmt::Debug for Triggers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Triggers({} literals for {} rules)",
            self.rules_of.len(),
            self.rules
        )
    }
}

impl Triggers {
    /// The triggers of rules given as their trigger, forward DFA and pattern
    /// without groups, in rule order.
    pub(crate) fn new<'t>(
        triggers: impl IntoIterator<Item = (&'t Trigger, &'t DFA, &'t Hir)>,
    ) -> Triggers {
        let mut index: std::collections::HashMap<Vec<u8>, usize> = Default::default();
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut rules_of: Vec<Vec<Fires>> = Vec::new();
        let mut at_start = Vec::new();
        let mut rules = 0;
        // Prefix-triggered rules by their literals, with their distinct patterns.
        let mut groups: Vec<(&Trigger, Vec<usize>, Vec<Hir>)> = Vec::new();
        for (rule, (trigger, forward, shape)) in triggers.into_iter().enumerate() {
            let mut cache = forward.create_cache();
            rules += 1;
            if matches!(trigger, Trigger::Prefix { .. }) {
                match groups.iter_mut().find(|g| same_prefixes(g.0, trigger)) {
                    Some((_, rules, shapes)) => {
                        rules.push(rule);
                        if !shapes.contains(shape) {
                            shapes.push(shape.clone());
                        }
                    }
                    None => groups.push((trigger, vec![rule], vec![shape.clone()])),
                }
            }
            let (lits, prefix) = match trigger {
                Trigger::Prefix {
                    literals,
                    at_start: start,
                } => {
                    if *start {
                        at_start.push(rule);
                    }
                    (literals, true)
                }
                Trigger::Suffix { literals, .. } => (literals, false),
                Trigger::Scan => continue,
            };
            for lit in lits {
                let key = trigger_key(lit, prefix);
                // Bytes that may follow the key in a match of the rule.
                let next = if prefix {
                    next_bytes(forward, &mut cache, &lit[..key.len()])
                } else {
                    ByteSet::ALL
                };
                let id = *index.entry(key.clone()).or_insert_with(|| {
                    literals.push(key);
                    rules_of.push(Vec::new());
                    literals.len() - 1
                });
                match rules_of[id].iter_mut().find(|f| f.rule == rule) {
                    Some(fires) => fires.next.add(&next),
                    None => rules_of[id].push(Fires { rule, prefix, next }),
                }
            }
        }
        let longest = literals.iter().map(Vec::len).max().unwrap_or(0);
        let automaton = (!literals.is_empty()).then(|| {
            aho_corasick::dfa::DFA::builder()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .prefilter(false)
                .build(&literals)
                .expect("literal triggers always build")
        });
        let guards = groups
            .into_iter()
            .filter(|(_, _, shapes)| shapes.len() > 1)
            .filter_map(|(_, rules, shapes)| {
                let dfa = lazy_dfa(&Hir::alternation(shapes), false)?;
                Some(Guard { rules, dfa })
            })
            .collect();
        Triggers {
            automaton,
            longest,
            rules_of,
            at_start,
            rules,
            guards,
        }
    }

    /// The DFAs of the guards, for their caches in [`Scratch`].
    pub(crate) fn guard_dfas(&self) -> impl Iterator<Item = &DFA> {
        self.guards.iter().map(|g| &g.dfa)
    }

    /// Where each rule may match in `text`, into `out` (one list a rule):
    /// for a prefix-triggered rule the offsets where a match may start, for a
    /// suffix-triggered one those where it may end; distinct and sorted.
    /// `guards` holds a cache for each of [`Triggers::guard_dfas`].
    pub(crate) fn positions(&self, text: &str, out: &mut [Vec<usize>], guards: &mut [Cache]) {
        out.iter_mut().for_each(Vec::clear);
        for &rule in &self.at_start {
            out[rule].push(0);
        }
        let Some(dfa) = &self.automaton else {
            return;
        };
        scan(dfa, self.longest, text, |pattern, start, end| {
            // A match that starts or ends inside a word is rejected anyway:
            // so is a trigger that would start or end one there.
            // Each checked once, when first needed (most triggers fail on
            // the byte after them first).
            let (mut start_ok, mut end_ok) = (None, None);
            let next = text.as_bytes().get(end);
            for fires in &self.rules_of[pattern] {
                let (at, ok) = if fires.prefix {
                    if !next.is_none_or(|&b| fires.next.has(b)) {
                        continue;
                    }
                    (start, &mut start_ok)
                } else {
                    (end, &mut end_ok)
                };
                if *ok.get_or_insert_with(|| !splits_word(text, at)) {
                    out[fires.rule].push(at);
                }
            }
        });
        // The streams of the scan report out of order.
        for list in out.iter_mut() {
            list.sort_unstable();
            list.dedup();
        }
        for (guard, cache) in self.guards.iter().zip(guards) {
            let mut open: Vec<usize> = guard.rules.iter().flat_map(|&r| &out[r]).copied().collect();
            open.sort_unstable();
            open.dedup();
            open.retain(|&at| end_of_match_at(&guard.dfa, cache, text, at).is_some());
            for &rule in &guard.rules {
                out[rule].retain(|at| open.binary_search(at).is_ok());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hir::parse as hir;

    #[test]
    fn literal_prefixes_trigger_forward() {
        let Trigger::Prefix { literals, at_start } =
            trigger_for(&hir(r"(?:kata|ujar) (\p{Lu}\p{Ll}+)"))
        else {
            panic!("a prefix trigger");
        };
        assert_eq!(literals, [b"kata ".to_vec(), b"ujar ".to_vec()]);
        assert!(!at_start);
    }

    #[test]
    fn start_of_text_becomes_a_newline_and_the_start() {
        let trigger = trigger_for(&hir(r"(?:\A|\n)[ \t]*(\p{Lu}+),"));
        let Trigger::Prefix { literals, at_start } = trigger else {
            panic!("a prefix trigger");
        };
        assert!(
            literals.iter().all(|l| l.starts_with(b"\n")),
            "{literals:?}"
        );
        assert!(at_start);
    }

    #[test]
    fn literal_suffixes_trigger_backward() {
        let trigger = trigger_for(&hir(r"\p{L}+\.(?:com|id)"));
        let Trigger::Suffix { literals, reverse } = trigger else {
            panic!("a suffix trigger");
        };
        assert_eq!(literals, [b".com".to_vec(), b".id".to_vec()]);
        let text = "lihat kompas.com dan x";
        let mut cache = reverse.create_cache();
        assert_eq!(
            start_of_match_ending_at(&reverse, &mut cache, text, 16),
            Some(6)
        );
        assert_eq!(
            start_of_match_ending_at(&reverse, &mut cache, text, 5),
            None
        );
    }

    #[test]
    fn forward_dfas_find_the_leftmost_first_end() {
        let forward = lazy_dfa(&hir(r"kata (\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)*)"), false).unwrap();
        let mut cache = forward.create_cache();
        let text = "ujar kata Sri Mulyani kemarin";
        assert_eq!(end_of_match_at(&forward, &mut cache, text, 5), Some(21));
        assert_eq!(end_of_match_at(&forward, &mut cache, text, 0), None);
    }

    #[test]
    fn the_streamed_scan_finds_what_an_overlapping_search_finds() {
        let literals = ["\n", "kata", "kata ", "ta k", "Presiden", "si", "a"];
        let dfa = aho_corasick::dfa::DFA::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(literals)
            .unwrap();
        let reference = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(literals)
            .unwrap();
        let texts = [
            "",
            "a",
            "kata",
            "Kata Presiden\nkata kata presiden si",
            "PRESIDEN kata\n\nxx kata katakata Presiden Presiden kata si\nsi",
        ];
        for text in texts {
            let mut found = Vec::new();
            scan(&dfa, 8, text, |p, s, e| found.push((p, s, e)));
            found.sort_unstable();
            let mut expected: Vec<_> = reference
                .find_overlapping_iter(text)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            expected.sort_unstable();
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn no_literals_means_a_scan() {
        assert!(matches!(trigger_for(&hir(r"\p{Lu}\p{Ll}+")), Trigger::Scan));
    }

    #[test]
    fn positions_are_sorted_and_distinct_by_rule() {
        let patterns = [
            hir("(?:Wakil Pak|Pak) [A-Z]"),
            hir(r"\p{L}+\.id"),
            hir(r"\p{Lu}\p{Ll}+"),
        ];
        let (triggers, mut guards) = built(&patterns);
        let mut found = vec![vec![99]; 3];
        // "Pak di" is no match: the byte after the title is checked.
        triggers.positions("Wakil Pak Dan Pak di ri.id", &mut found, &mut guards);
        assert_eq!(found, [vec![0, 6], vec![26], vec![]]);
    }

    /// Triggers for rules of these patterns, and caches for their guards.
    fn built(patterns: &[Hir]) -> (Triggers, Vec<Cache>) {
        let rules: Vec<(Trigger, DFA)> = patterns
            .iter()
            .map(|h| (trigger_for(h), lazy_dfa(h, false).unwrap()))
            .collect();
        let triggers = Triggers::new(rules.iter().zip(patterns).map(|((t, d), h)| (t, d, h)));
        let guards = triggers.guard_dfas().map(DFA::create_cache).collect();
        (triggers, guards)
    }

    #[test]
    fn a_guard_turns_a_trigger_away_for_every_rule_of_its_literals() {
        let patterns = [hir(r"\n[A-Z]+,"), hir(r"\n[A-Z]+ -"), hir(r"\n[A-Z]")];
        let (triggers, mut guards) = built(&patterns);
        assert_eq!(triggers.guard_dfas().count(), 1);
        let text = "x\nABC, a\nDEF b\nGHI - c";
        let mut found = vec![Vec::new(); 3];
        triggers.positions(text, &mut found, &mut guards);
        // Each line start where one of the rules matches stays for all of
        // them; the guard keeps every line start here, as the third rule
        // matches at each.
        assert_eq!(found, [vec![1, 8, 14], vec![1, 8, 14], vec![1, 8, 14]]);
        // Without the third rule, the line no rule matches is turned away.
        let (triggers, mut guards) = built(&patterns[..2]);
        let mut found = vec![Vec::new(); 2];
        triggers.positions(text, &mut found, &mut guards);
        assert_eq!(found, [vec![1, 14], vec![1, 14]]);
    }
}
