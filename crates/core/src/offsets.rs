//! Conversion between byte offsets (what Rust slices with) and Unicode
//! code-point offsets (what the gold files, Python, brat and spaCy count).
//!
//! This module is the only place in nerbench that converts; everything else
//! asks an [`OffsetIndex`], or a [`CharCursor`] for offsets in text order.

use crate::{Span, SpanError};

/// A conversion table for one text.
///
/// Only multi-byte characters are recorded, so an ASCII text costs nothing and
/// each lookup is a binary search over the non-ASCII characters before it.
#[derive(Clone, Debug)]
pub struct OffsetIndex<'t> {
    text: &'t str,
    /// For each multi-byte character: its byte offset, its code-point offset,
    /// and the extra bytes (beyond one per character) up to and including it.
    wide: Vec<Wide>,
    chars: usize,
}

#[derive(Clone, Copy, Debug)]
struct Wide {
    byte: usize,
    char: usize,
    extra_through: usize,
}

/// Code-point offsets that cannot be turned into a [`Span`] of the text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CharSpanError {
    /// `start >= end`.
    #[error("empty or reversed span {start}..{end}")]
    Empty { start: usize, end: usize },
    /// The span ends past the text, which has `len` code points.
    #[error("span {start}..{end} ends past the end of the text ({len} characters)")]
    PastEnd {
        start: usize,
        end: usize,
        len: usize,
    },
}

impl<'t> OffsetIndex<'t> {
    /// Builds the table in one pass over `text`.
    pub fn new(text: &'t str) -> OffsetIndex<'t> {
        let mut wide = Vec::new();
        let mut extra = 0;
        let mut chars = 0;
        for (byte, ch) in text.char_indices() {
            let len = ch.len_utf8();
            if len > 1 {
                extra += len - 1;
                wide.push(Wide {
                    byte,
                    char: chars,
                    extra_through: extra,
                });
            }
            chars += 1;
        }
        OffsetIndex { text, wide, chars }
    }

    /// Length of the text in code points.
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// The code-point offset of byte offset `byte`, or `None` if it is past
    /// the end or inside a character.
    pub fn to_char(&self, byte: usize) -> Option<usize> {
        if !self.text.is_char_boundary(byte) {
            return None;
        }
        let before = self.wide.partition_point(|w| w.byte < byte);
        Some(
            byte - before
                .checked_sub(1)
                .map_or(0, |k| self.wide[k].extra_through),
        )
    }

    /// The byte offset of code-point offset `char`, or `None` if it is past
    /// the end of the text.
    pub fn to_byte(&self, char: usize) -> Option<usize> {
        if char > self.chars {
            return None;
        }
        let before = self.wide.partition_point(|w| w.char < char);
        Some(
            char + before
                .checked_sub(1)
                .map_or(0, |k| self.wide[k].extra_through),
        )
    }

    /// The byte [`Span`] of the code-point range `start..end`.
    pub fn span_from_chars(&self, start: usize, end: usize) -> Result<Span, CharSpanError> {
        if start >= end {
            return Err(CharSpanError::Empty { start, end });
        }
        match (self.to_byte(start), self.to_byte(end)) {
            (Some(s), Some(e)) => {
                Ok(Span::within(self.text, s, e).expect("char offsets map to boundaries"))
            }
            _ => Err(CharSpanError::PastEnd {
                start,
                end,
                len: self.chars,
            }),
        }
    }

    /// The code-point range of a byte span of this text.
    pub fn chars_of(&self, span: Span) -> Result<(usize, usize), SpanError> {
        let checked = Span::within(self.text, span.start(), span.end())?;
        let start = self.to_char(checked.start()).expect("checked boundary");
        let end = self.to_char(checked.end()).expect("checked boundary");
        Ok((start, end))
    }
}

/// Code-point offsets of byte offsets of one text, counted from the offset
/// asked for last, without a table: for offsets asked for in text order (the
/// scorer's error records), which then cost one pass over the text up to the
/// last of them, and nothing for a text never asked about.
#[derive(Clone, Debug)]
pub struct CharCursor<'a> {
    bytes: &'a [u8],
    byte: usize,
    chars: usize,
}

impl<'a> CharCursor<'a> {
    pub fn new(text: &'a str) -> CharCursor<'a> {
        CharCursor {
            bytes: text.as_bytes(),
            byte: 0,
            chars: 0,
        }
    }

    /// The code-point offset of `byte`, which must be a character boundary
    /// of the text (the number of characters that start before it).
    pub fn chars_before(&mut self, byte: usize) -> usize {
        if byte >= self.byte {
            self.chars += char_starts(&self.bytes[self.byte..byte]);
        } else {
            self.chars -= char_starts(&self.bytes[byte..self.byte]);
        }
        self.byte = byte;
        self.chars
    }
}

/// The number of characters starting in `bytes`.
fn char_starts(bytes: &[u8]) -> usize {
    // Byte counters over blocks short enough not to overflow: this form
    // vectorises well.
    bytes
        .chunks(255)
        .map(|block| {
            block
                .iter()
                .fold(0u8, |n, &b| n + u8::from(is_char_start(b))) as usize
        })
        .sum()
}

/// True if `b` starts a character in UTF-8 (it is not a continuation byte
/// `10xxxxxx`).
#[inline]
pub fn is_char_start(b: u8) -> bool {
    (b as i8) >= -0x40
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reference: the code-point offset of every boundary, computed naively.
    fn naive(text: &str) -> Vec<(usize, usize)> {
        text.char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .enumerate()
            .map(|(c, b)| (b, c))
            .collect()
    }

    #[test]
    fn ascii_is_identity() {
        let index = OffsetIndex::new("Kim Jong Un");
        assert_eq!(index.to_char(4), Some(4));
        assert_eq!(index.to_byte(11), Some(11));
        assert_eq!(index.to_byte(12), None);
        assert_eq!(index.to_char(12), None);
    }

    #[test]
    fn non_ascii_characters_of_the_articles() {
        // NO-BREAK SPACE (2 bytes), curly quotes and en dash (3), "ä" (2), bullet (3).
        let text = "Juga :\u{a0} Kim “aliansi” – Brändli •\u{a0}Ernia";
        let index = OffsetIndex::new(text);
        for (byte, char) in naive(text) {
            assert_eq!(index.to_char(byte), Some(char), "byte {byte}");
            assert_eq!(index.to_byte(char), Some(byte), "char {char}");
        }
        // Inside the NO-BREAK SPACE and inside the left curly quote.
        assert_eq!(index.to_char(7), None);
        assert_eq!(index.to_char(14), None);
        let span = index.span_from_chars(24, 31).unwrap();
        assert_eq!(&text[span.range()], "Brändli");
        assert_eq!(index.chars_of(span), Ok((24, 31)));
        assert_eq!(
            index.span_from_chars(38, 50),
            Err(CharSpanError::PastEnd {
                start: 38,
                end: 50,
                len: index.char_len()
            })
        );
    }

    proptest! {
        #[test]
        fn round_trips_on_any_text(text in "\\PC{0,40}") {
            let index = OffsetIndex::new(&text);
            let table = naive(&text);
            prop_assert_eq!(index.char_len(), table.len() - 1);
            for (byte, char) in table {
                prop_assert_eq!(index.to_char(byte), Some(char));
                prop_assert_eq!(index.to_byte(char), Some(byte));
            }
        }
    }

    #[test]
    fn char_cursor_counts_code_points_in_any_order() {
        let text = "“Brändli”\u{a0}–\u{a0}PBB•ä x";
        let index = OffsetIndex::new(text);
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let mut cursor = CharCursor::new(text);
        // Forwards, backwards and jumping about.
        let order = bounds
            .iter()
            .chain(bounds.iter().rev())
            .chain(bounds.iter().step_by(3));
        for &b in order.chain(bounds.iter().rev().step_by(2)) {
            assert_eq!(Some(cursor.chars_before(b)), index.to_char(b), "byte {b}");
        }
    }
}
