//! Rewriting a pattern's syntax tree, for the variants of a rule's pattern
//! that the triggers and the capture engines need.

use regex_syntax::hir::{Hir, HirKind};

/// What [`rewrite`] does with capture groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Groups {
    Keep,
    /// Each group is replaced by its contents.
    Drop,
}

/// `hir` rebuilt from the top down: `node` is asked about every node first,
/// and one it returns `Some` for is replaced whole; otherwise
/// concatenations, alternations, repetitions and groups (as `groups` says)
/// are rebuilt from their rewritten parts, and other nodes kept.
pub(crate) fn rewrite(
    hir: &Hir,
    groups: Groups,
    node: &mut impl FnMut(&Hir) -> Option<Hir>,
) -> Hir {
    if let Some(replaced) = node(hir) {
        return replaced;
    }
    let mut all =
        |subs: &[Hir]| -> Vec<Hir> { subs.iter().map(|s| rewrite(s, groups, node)).collect() };
    match hir.kind() {
        HirKind::Concat(subs) => Hir::concat(all(subs)),
        HirKind::Alternation(subs) => Hir::alternation(all(subs)),
        HirKind::Repetition(rep) => {
            let mut rep = rep.clone();
            rep.sub = Box::new(rewrite(&rep.sub, groups, node));
            Hir::repetition(rep)
        }
        HirKind::Capture(cap) if groups == Groups::Drop => rewrite(&cap.sub, groups, node),
        HirKind::Capture(cap) => {
            let mut cap = cap.clone();
            cap.sub = Box::new(rewrite(&cap.sub, groups, node));
            Hir::capture(cap)
        }
        _ => hir.clone(),
    }
}

/// The syntax tree of a valid pattern, for tests.
#[cfg(test)]
pub(crate) fn parse(pattern: &str) -> Hir {
    regex_syntax::Parser::new().parse(pattern).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_kept_or_dropped_and_nodes_replaced() {
        let hir = parse("(?:ab|(c)+)d");
        assert_eq!(rewrite(&hir, Groups::Keep, &mut |_| None), hir);
        assert_eq!(
            rewrite(&hir, Groups::Drop, &mut |_| None),
            parse("(?:ab|(?:c)+)d")
        );
        let x = |h: &Hir| (*h == parse("c")).then(|| parse("x"));
        assert_eq!(
            rewrite(&hir, Groups::Keep, &mut { x }),
            parse("(?:ab|(x)+)d")
        );
    }
}
