//! The capture groups of a match already found.
//!
//! The anchored DFA search has found where a match starts and ends; only the
//! groups inside it are left to find. A general regex would first run a DFA
//! over the match again to find its bounds, then a capture engine; this runs
//! the capture engine alone, on the match: the bounded backtracker when the
//! match is short enough for its memory of visited states, the PikeVM
//! otherwise (the choice the regex crate makes).

use std::ops::Range;

use regex_automata::nfa::thompson::{self, backtrack, pikevm};
use regex_automata::util::primitives::NonMaxUsize;
use regex_automata::{Anchored, Input, PatternID};
use regex_syntax::hir::Hir;

/// Capture engines for one pattern.
#[derive(Clone, Debug)]
pub(crate) struct Groups {
    backtrack: backtrack::BoundedBacktracker,
    pikevm: pikevm::PikeVM,
}

/// What [`Groups`] needs to run, kept per thread.
#[derive(Debug)]
pub(crate) struct GroupsCache {
    backtrack: backtrack::Cache,
    pikevm: pikevm::Cache,
}

impl Groups {
    /// Capture engines for `hir`, with automata of at most `size_limit` bytes.
    pub(crate) fn new(hir: &Hir, size_limit: usize) -> Result<Groups, String> {
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().nfa_size_limit(Some(size_limit)))
            .build_from_hir(hir)
            .map_err(|e| e.to_string())?;
        Ok(Groups {
            backtrack: backtrack::BoundedBacktracker::new_from_nfa(nfa.clone())
                .map_err(|e| e.to_string())?,
            pikevm: pikevm::PikeVM::new_from_nfa(nfa).map_err(|e| e.to_string())?,
        })
    }

    /// How many groups the pattern has, the whole match included.
    pub(crate) fn group_len(&self) -> usize {
        self.backtrack
            .get_nfa()
            .group_info()
            .group_len(PatternID::ZERO)
    }

    pub(crate) fn create_cache(&self) -> GroupsCache {
        GroupsCache {
            backtrack: self.backtrack.create_cache(),
            pikevm: self.pikevm.create_cache(),
        }
    }

    /// Fills `slots` with the groups of the match of the pattern that
    /// starts at `span.start` of `text` and ends at `span.end` (as the
    /// pattern's leftmost-first match from there is known to). False if the
    /// pattern does not match there after all.
    pub(crate) fn slots(
        &self,
        cache: &mut GroupsCache,
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
