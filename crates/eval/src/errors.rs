//! Error records: every gold or predicted entity that is not a strict match,
//! with what went wrong and the text around it.

use nerbench_core::offsets::{is_char_start, CharCursor};
use nerbench_core::{Entity, Label, Span};
use serde::{Deserialize, Serialize};

use crate::counts::{Category, Scheme};
use crate::labels;

/// What went wrong, from the strict scheme's point of view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A gold entity no prediction was paired with.
    Missing,
    /// A prediction paired with no gold entity.
    Spurious,
    /// Same boundaries, different label.
    Label,
    /// Same label, different boundaries (see [`Boundary`]).
    Boundary,
    /// Both label and boundaries differ.
    LabelAndBoundary,
}

/// How a predicted span differs from the gold span it is paired with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Boundary {
    /// The prediction contains the gold span and more.
    TooWide,
    /// The prediction lies inside the gold span and is shorter.
    TooNarrow,
    /// They overlap, and each has text the other lacks.
    Shifted,
}

impl Boundary {
    /// The sub-kind for two different overlapping spans.
    pub fn of(gold: Span, predicted: Span) -> Option<Boundary> {
        if gold == predicted {
            None
        } else if predicted.contains(gold) {
            Some(Boundary::TooWide)
        } else if gold.contains(predicted) {
            Some(Boundary::TooNarrow)
        } else {
            Some(Boundary::Shifted)
        }
    }
}

/// A gold or predicted entity as shown in an error record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    #[serde(with = "labels::one")]
    pub label: Label,
    /// Byte offsets, end exclusive.
    pub start: usize,
    pub end: usize,
    /// Code-point offsets, end exclusive (what files and Python count).
    pub char_start: usize,
    pub char_end: usize,
    pub text: String,
    pub value: Option<String>,
}

/// Text around an error: `before` and `after` are up to the window's number
/// of characters on each side of `text`, which covers both entities.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    pub before: String,
    pub text: String,
    pub after: String,
}

/// The categories of one pair or unpaired entity under each scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Categories {
    pub strict: Category,
    pub exact: Category,
    pub partial: Category,
    #[serde(rename = "type")]
    pub type_: Category,
}

impl Categories {
    /// The category under one scheme.
    pub fn get(&self, scheme: Scheme) -> Category {
        match scheme {
            Scheme::Strict => self.strict,
            Scheme::Exact => self.exact,
            Scheme::Partial => self.partial,
            Scheme::Type => self.type_,
        }
    }
}

/// One thing the prediction got wrong in one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorRecord {
    pub document: String,
    pub kind: ErrorKind,
    /// For paired entities with different spans.
    pub boundary: Option<Boundary>,
    pub categories: Categories,
    pub gold: Option<Mention>,
    pub predicted: Option<Mention>,
    pub context: Context,
}

/// Builds error records for one document's text.
pub(crate) struct ErrorBuilder<'a> {
    pub document: &'a str,
    pub text: &'a str,
    pub chars: CharCursor<'a>,
    pub window: usize,
}

impl ErrorBuilder<'_> {
    /// The record for a pair or an unpaired entity, or `None` if it is a
    /// strict match. Spans must lie on character boundaries of the text.
    pub(crate) fn record(
        &mut self,
        gold: Option<&Entity>,
        predicted: Option<&Entity>,
        categories: Categories,
    ) -> Option<ErrorRecord> {
        let (kind, boundary) = match (gold, predicted) {
            (Some(g), Some(p)) => {
                let boundary = Boundary::of(g.span, p.span);
                let kind = match (g.label == p.label, boundary.is_some()) {
                    (true, false) => return None,
                    (false, false) => ErrorKind::Label,
                    (true, true) => ErrorKind::Boundary,
                    (false, true) => ErrorKind::LabelAndBoundary,
                };
                (kind, boundary)
            }
            (Some(_), None) => (ErrorKind::Missing, None),
            (None, Some(_)) => (ErrorKind::Spurious, None),
            (None, None) => return None,
        };
        let spans = gold.iter().chain(&predicted).map(|e| e.span);
        let start = spans.clone().map(Span::start).min()?;
        let end = spans.map(Span::end).max()?;
        Some(ErrorRecord {
            document: self.document.to_string(),
            kind,
            boundary,
            categories,
            gold: gold.map(|e| self.mention(e)),
            predicted: predicted.map(|e| self.mention(e)),
            context: context(self.text, start, end, self.window),
        })
    }

    fn mention(&mut self, e: &Entity) -> Mention {
        let char_start = self.chars.chars_before(e.span.start());
        let char_end = self.chars.chars_before(e.span.end());
        Mention {
            label: e.label.clone(),
            start: e.span.start(),
            end: e.span.end(),
            char_start,
            char_end,
            text: e.text.clone(),
            value: e.value.clone(),
        }
    }
}

/// Up to `window` characters each side of `start..end` (which must lie on
/// character boundaries of `text`), cut only at character boundaries so
/// multi-byte text never splits.
fn context(text: &str, start: usize, end: usize, window: usize) -> Context {
    let bytes = text.as_bytes();
    // Back from `start` to the start of the `window`-th character before it.
    let mut from = start;
    let mut chars = 0;
    while chars < window && from > 0 {
        from -= 1;
        chars += usize::from(is_char_start(bytes[from]));
    }
    // On from `end` to the start of the character after `window` of them.
    let mut to = end;
    let mut chars = 0;
    while to < bytes.len() {
        if is_char_start(bytes[to]) {
            if chars == window {
                break;
            }
            chars += 1;
        }
        to += 1;
    }
    Context {
        before: text[from..start].to_string(),
        text: text[start..end].to_string(),
        after: text[end..to].to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(s: usize, e: usize) -> Span {
        Span::new(s, e).unwrap()
    }

    #[test]
    fn boundary_sub_kinds() {
        assert_eq!(Boundary::of(span(2, 5), span(2, 5)), None);
        assert_eq!(
            Boundary::of(span(2, 5), span(1, 5)),
            Some(Boundary::TooWide)
        );
        assert_eq!(
            Boundary::of(span(2, 5), span(3, 5)),
            Some(Boundary::TooNarrow)
        );
        assert_eq!(
            Boundary::of(span(2, 5), span(3, 7)),
            Some(Boundary::Shifted)
        );
    }

    #[test]
    fn context_windows_never_split_a_character() {
        let text = "“Brändli”\u{a0}–\u{a0}PBB•ä";
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        // Every pair of boundaries, every window size up to 3.
        for window in 0..4 {
            for (k, &s) in bounds.iter().enumerate() {
                for &e in &bounds[k + 1..] {
                    let c = context(text, s, e, window);
                    assert!(c.before.chars().count() <= window);
                    assert!(c.after.chars().count() <= window);
                    assert!(text[..s].ends_with(&c.before) && text[e..].starts_with(&c.after));
                    assert_eq!(c.text, &text[s..e]);
                }
            }
        }
        let start = text.find("PBB").unwrap();
        let c = context(text, start, start + 3, 2);
        assert_eq!(
            (c.before.as_str(), c.text.as_str(), c.after.as_str()),
            ("–\u{a0}", "PBB", "•ä")
        );
        let c = context(text, 0, 3, 5);
        assert_eq!((c.before.as_str(), c.text.as_str()), ("", "“"));
    }
}
