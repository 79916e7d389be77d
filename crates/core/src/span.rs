use std::fmt;
use std::ops::Range;

/// A half-open byte range `[start, end)` into a document's text.
///
/// A `Span` is never empty and never reversed; [`Span::within`] additionally
/// checks that both ends fall on `char` boundaries of a given text, so that
/// slicing with it cannot panic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    start: usize,
    end: usize,
}

/// Why a pair of offsets is not a valid [`Span`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SpanError {
    /// `start >= end`.
    #[error("empty or reversed span {start}..{end}")]
    Empty { start: usize, end: usize },
    /// `end` lies past the end of the text.
    #[error("span {start}..{end} ends past the end of the text ({len})")]
    PastEnd {
        start: usize,
        end: usize,
        len: usize,
    },
    /// An end falls inside a multi-byte character.
    #[error("span {start}..{end}: offset {offset} is not on a character boundary")]
    NotCharBoundary {
        start: usize,
        end: usize,
        offset: usize,
    },
}

impl Span {
    /// A span from `start` to `end` (exclusive); fails if it is empty or reversed.
    #[inline]
    pub fn new(start: usize, end: usize) -> Result<Span, SpanError> {
        if start >= end {
            return Err(SpanError::Empty { start, end });
        }
        Ok(Span { start, end })
    }

    /// A span that is valid for slicing `text`.
    #[inline]
    pub fn within(text: &str, start: usize, end: usize) -> Result<Span, SpanError> {
        let span = Span::new(start, end)?;
        if end > text.len() {
            return Err(SpanError::PastEnd {
                start,
                end,
                len: text.len(),
            });
        }
        for offset in [start, end] {
            if !text.is_char_boundary(offset) {
                return Err(SpanError::NotCharBoundary { start, end, offset });
            }
        }
        Ok(span)
    }

    /// First byte.
    #[inline]
    pub fn start(self) -> usize {
        self.start
    }

    /// One past the last byte.
    #[inline]
    pub fn end(self) -> usize {
        self.end
    }

    /// Length in bytes (always at least 1).
    #[inline]
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Always false: spans are never empty. Present for API symmetry.
    #[inline]
    pub fn is_empty(self) -> bool {
        false
    }

    /// As a `Range` for slicing.
    #[inline]
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// True if the two spans share at least one byte.
    #[inline]
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Number of bytes the two spans share.
    #[inline]
    pub fn overlap_len(self, other: Span) -> usize {
        self.end
            .min(other.end)
            .saturating_sub(self.start.max(other.start))
    }

    /// True if `other` lies entirely inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn construction_is_checked() {
        assert_eq!(Span::new(3, 3), Err(SpanError::Empty { start: 3, end: 3 }));
        assert_eq!(Span::new(4, 3), Err(SpanError::Empty { start: 4, end: 3 }));
        let text = "a\u{a0}b";
        assert!(Span::within(text, 0, 4).is_ok());
        assert_eq!(
            Span::within(text, 0, 5),
            Err(SpanError::PastEnd {
                start: 0,
                end: 5,
                len: 4
            })
        );
        assert_eq!(
            Span::within(text, 2, 4),
            Err(SpanError::NotCharBoundary {
                start: 2,
                end: 4,
                offset: 2
            })
        );
    }

    #[test]
    fn overlap_arithmetic() {
        let a = Span::new(0, 10).unwrap();
        let b = Span::new(5, 15).unwrap();
        let c = Span::new(10, 12).unwrap();
        assert!(a.overlaps(b) && b.overlaps(a));
        assert!(!a.overlaps(c), "touching spans do not overlap");
        assert_eq!(a.overlap_len(b), 5);
        assert_eq!(a.overlap_len(c), 0);
        assert!(a.contains(Span::new(2, 4).unwrap()));
        assert!(!a.contains(b));
    }
}
