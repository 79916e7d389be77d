//! Words as every extractor sees them: maximal runs of letters and digits in
//! any script. "Müller" is one word; NO-BREAK SPACE, curly quotes and dashes
//! separate words. A match that starts or ends inside a word is no match.
//!
//! ```
//! use nerbench_core::words::{ascii_word_mask, is_word_char};
//!
//! assert!(is_word_char('ü') && !is_word_char('\u{a0}') && !is_word_char('’'));
//! // Eight ASCII bytes at once: the high bit of each letter or digit.
//! let mask = ascii_word_mask(u64::from_le_bytes(*b"G20, aB!"));
//! assert_eq!(mask, 0x0080_8000_0080_8080);
//! ```

/// The high bit of every byte of a `u64`.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// A letter or digit in any script ([`char::is_alphanumeric`]), answered at
/// once for the no-break space and the General Punctuation block (curly
/// quotes, dashes, bullets), which make up most of the non-ASCII characters
/// of news text and hold no letter or digit; the standard library would
/// search its tables for each.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c {
        '\u{a0}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// For eight ASCII bytes (little-endian), the high bit of each byte that is
/// an ASCII letter or digit. Scanning a text eight bytes at a time this way
/// has no branch per byte, whose outcome (word or not) a processor cannot
/// predict.
#[inline]
pub fn ascii_word_mask(chunk: u64) -> u64 {
    // Setting bit 5 maps 'A'..='Z' onto 'a'..='z' and nothing else there.
    ascii_range_mask(chunk, b'0', b'9')
        | ascii_range_mask(chunk | 0x2020_2020_2020_2020, b'a', b'z')
}

/// For eight ASCII bytes (little-endian), the high bit of each byte in
/// `lo..=hi` (`lo <= hi < 0x80`).
#[inline]
pub fn ascii_range_mask(chunk: u64, lo: u8, hi: u8) -> u64 {
    // Bytes are below 0x80 and the addends at most 0x80, so no sum carries
    // into the next byte.
    const ONES: u64 = 0x0101_0101_0101_0101;
    let from_lo = chunk + ONES * u64::from(0x80 - lo);
    let above_hi = chunk + ONES * u64::from(0x7f - hi);
    from_lo & !above_hi & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mask_agrees_with_is_word_char_on_every_ascii_byte() {
        for b in 0..0x80u8 {
            let chunk = u64::from_le_bytes([b' ', b, b' ', b' ', b, b' ', b' ', b]);
            let expected = if is_word_char(char::from(b)) {
                0x8000_0080_0000_8000
            } else {
                0
            };
            assert_eq!(ascii_word_mask(chunk), expected, "{b:#x}");
        }
    }

    #[test]
    fn the_fast_path_agrees_with_the_standard_library() {
        for c in [
            '\u{a0}', '\u{2000}', '\u{2019}', '\u{201c}', '\u{2014}', '\u{206f}',
        ] {
            assert_eq!(is_word_char(c), c.is_alphanumeric());
        }
        assert!(is_word_char('ä') && is_word_char('7') && !is_word_char('-'));
    }
}
