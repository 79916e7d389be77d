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

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind, Look};

use crate::text::is_word_char;

/// Most literals one rule may trigger on (titles in all their spellings
/// number a few hundred); beyond this the rule is scanned.
const MAX_LITERALS: usize = 4096;
/// Room for each lazy DFA's states (per thread).
const DFA_CACHE_BYTES: usize = 4 << 20;
/// Largest automaton compiled for a rule.
const NFA_SIZE_LIMIT: usize = 64 << 20;

/// How a rule's possible match positions are found.
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

/// The DFA caches of one thread: for each rule its forward DFA's, and its
/// reverse DFA's if it has one.
#[derive(Debug)]
pub(crate) struct Caches {
    pub forward: Vec<Cache>,
    pub reverse: Vec<Option<Cache>>,
}

impl Caches {
    pub(crate) fn new<'d>(dfas: impl IntoIterator<Item = (&'d DFA, Option<&'d DFA>)>) -> Caches {
        let (forward, reverse) = dfas
            .into_iter()
            .map(|(f, r)| (f.create_cache(), r.map(DFA::create_cache)))
            .unzip();
        Caches { forward, reverse }
    }
}

/// The literal set of `kind`, if finite, small enough and free of the empty
/// literal (which would allow a match anywhere).
fn literals(hir: &Hir, kind: ExtractKind) -> Option<Vec<Vec<u8>>> {
    let mut extractor = Extractor::new();
    extractor.kind(kind).limit_total(MAX_LITERALS);
    let seq = extractor.extract(hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.is_empty()) {
        return None;
    }
    let mut out: Vec<Vec<u8>> = literals.iter().map(|l| l.as_bytes().to_vec()).collect();
    out.sort();
    out.dedup();
    Some(out)
}

/// `hir` with each start-of-text assertion replaced by a newline, and whether
/// there was one: "at the start of the text or of a line" then has the
/// prefix literal "\n", and the start of the text is tried separately.
fn start_as_newline(hir: &Hir) -> (Hir, bool) {
    match hir.kind() {
        HirKind::Look(Look::Start) => (Hir::literal(*b"\n"), true),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            let (subs, found): (Vec<Hir>, Vec<bool>) = subs.iter().map(start_as_newline).unzip();
            let hir = if matches!(hir.kind(), HirKind::Concat(_)) {
                Hir::concat(subs)
            } else {
                Hir::alternation(subs)
            };
            (hir, found.into_iter().any(|f| f))
        }
        HirKind::Repetition(rep) => {
            let (sub, found) = start_as_newline(&rep.sub);
            let mut rep = rep.clone();
            rep.sub = Box::new(sub);
            (Hir::repetition(rep), found)
        }
        HirKind::Capture(cap) => {
            let (sub, found) = start_as_newline(&cap.sub);
            let mut cap = cap.clone();
            cap.sub = Box::new(sub);
            (Hir::capture(cap), found)
        }
        _ => (hir.clone(), false),
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

/// Where the rules may match in a text: for a prefix-triggered rule the
/// offsets where a match may start, for a suffix-triggered one those where it
/// may end. One sorted list of `(rule, offset)` for all rules, which costs a
/// document one allocation.
pub(crate) struct Positions(Vec<(usize, usize)>);

impl Positions {
    /// The distinct offsets of `rule`, in increasing order.
    pub(crate) fn of(&self, rule: usize) -> impl Iterator<Item = usize> + '_ {
        let from = self.0.partition_point(|&(r, _)| r < rule);
        self.0[from..]
            .iter()
            .take_while(move |&&(r, _)| r == rule)
            .map(|&(_, offset)| offset)
    }
}

/// True if offset `at` of `text` lies between two word characters.
fn splits_word(text: &str, at: usize) -> bool {
    let word_before = match text.as_bytes()[..at].last() {
        None => return false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[..at].chars().next_back().is_some_and(is_word_char),
    };
    word_before
        && match text.as_bytes().get(at) {
            None => false,
            Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
            Some(_) => text[at..].chars().next().is_some_and(is_word_char),
        }
}

/// One automaton over every rule's trigger literals.
pub(crate) struct Triggers {
    automaton: Option<AhoCorasick>,
    /// For each literal of the automaton: the rules it triggers and whether
    /// as a prefix (`true`) or a suffix.
    rules_of: Vec<Vec<(usize, bool)>>,
    /// Rules to try at the start of the text.
    at_start: Vec<usize>,
    /// How many rules there are (the scanned ones included).
    rules: usize,
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
    pub(crate) fn new<'t>(triggers: impl IntoIterator<Item = &'t Trigger>) -> Triggers {
        let mut index: std::collections::HashMap<&[u8], usize> = Default::default();
        let mut literals: Vec<&[u8]> = Vec::new();
        let mut rules_of: Vec<Vec<(usize, bool)>> = Vec::new();
        let mut at_start = Vec::new();
        let mut rules = 0;
        for (rule, trigger) in triggers.into_iter().enumerate() {
            rules += 1;
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
                let id = *index.entry(lit.as_slice()).or_insert_with(|| {
                    literals.push(lit.as_slice());
                    rules_of.push(Vec::new());
                    literals.len() - 1
                });
                rules_of[id].push((rule, prefix));
            }
        }
        let automaton = (!literals.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&literals)
                .expect("literal triggers always build")
        });
        Triggers {
            automaton,
            rules_of,
            at_start,
            rules,
        }
    }

    /// The possible match positions of every rule in `text`.
    pub(crate) fn positions(&self, text: &str) -> Positions {
        let mut out: Vec<(usize, usize)> = self.at_start.iter().map(|&rule| (rule, 0)).collect();
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(text) {
                // A match that starts or ends inside a word is rejected
                // anyway: so is a trigger that would start or end one there.
                let (start_ok, end_ok) =
                    (!splits_word(text, m.start()), !splits_word(text, m.end()));
                for &(rule, prefix) in &self.rules_of[m.pattern().as_usize()] {
                    match prefix {
                        true if start_ok => out.push((rule, m.start())),
                        false if end_ok => out.push((rule, m.end())),
                        _ => {}
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        Positions(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hir(pattern: &str) -> Hir {
        regex_syntax::Parser::new().parse(pattern).unwrap()
    }

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
    fn no_literals_means_a_scan() {
        assert!(matches!(trigger_for(&hir(r"\p{Lu}\p{Ll}+")), Trigger::Scan));
    }

    #[test]
    fn positions_are_sorted_and_distinct_by_rule() {
        let rules = [
            trigger_for(&hir("Wakil Presiden|Presiden")),
            trigger_for(&hir(r"\p{L}+\.id")),
            trigger_for(&hir(r"\p{Lu}\p{Ll}+")),
        ];
        let triggers = Triggers::new(&rules);
        let found = triggers.positions("Wakil Presiden dan Presiden di ri.id");
        assert_eq!(found.of(0).collect::<Vec<_>>(), [0, 6, 19]);
        assert_eq!(found.of(1).collect::<Vec<_>>(), [36]);
        assert_eq!(found.of(2).count(), 0);
    }
}
