//! Finding the hits the parser starts from: trigger words (ASCII
//! case-insensitively, as whole ASCII words) and runs of digits.
//!
//! The meaning is that of one regex, `(?i-u:\b(?:w1|w2|…)\b)|(?-u:\b[0-9]+\b)`
//! with the words longest first, which is also what [`Scanner`] falls back to
//! for words it cannot handle itself. For the usual words (ones that begin
//! and end with an ASCII word character) it scans instead: it marks the word
//! starts of 64 bytes at a time, rejects almost all of their word runs by a
//! filter on their length and first, second and last bytes, and checks the
//! few left against the words. Only a word start can begin a hit, and at a
//! word start only one word run can match.

use regex::Regex;

use nerbench_core::words::{ascii_range_mask, ascii_word_mask, HIGH};

use crate::rules::Map;
use crate::text::with_lowercase;

/// An ASCII word character, as the regex's `(?-u:\b)` defines it.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Words whose first and last bytes are ASCII word characters: a hit on them
/// begins at a word start and ends at the end of a word run.
fn scannable(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.first().is_some_and(|&b| is_word(b)) && bytes.last().is_some_and(|&b| is_word(b))
}

/// Finds the hits of a set of lowercase trigger words and digit runs.
pub(crate) enum Scanner {
    Fast(Box<Fast>),
    Regex(Regex),
}

/// The scan for words that [`scannable`] accepts.
pub(crate) struct Fast {
    /// The first word runs of the words (lowercase), and what they begin.
    heads: Map<Box<[u8]>, Head>,
    /// Words with other characters inside ("jum'at"), longest first.
    compounds: Vec<Box<[u8]>>,
    /// A Bloom filter over the heads (see `may_begin`): a word run whose bit
    /// is clear begins no word. Like `rules::Words`' filter, but keyed on the
    /// second byte too and folding case, as the scan reads the text's bytes
    /// unlowercased and must reject nearly every word run of running text.
    filter: Box<[u64; FILTER_WORDS]>,
}

/// What a word run that begins some word may be.
#[derive(Clone, Copy, Debug, Default)]
struct Head {
    /// A whole word.
    plain: bool,
    /// The start of a compound word.
    compound: bool,
}

const FILTER_BITS: usize = 1 << 16;
const FILTER_WORDS: usize = FILTER_BITS / 64;

impl Scanner {
    /// The scanner for `words` (lowercase), sorted longest first.
    pub(crate) fn new(words: &[&str]) -> Result<Scanner, regex::Error> {
        if words.iter().all(|w| scannable(w)) {
            return Ok(Scanner::Fast(Box::new(Fast::new(words))));
        }
        regex_scanner(words).map(Scanner::Regex)
    }

    /// The first hit starting at or after `pos` (a char boundary), as the
    /// regex's `find_at` gives it.
    pub(crate) fn find_at(&self, text: &str, pos: usize) -> Option<(usize, usize)> {
        match self {
            Scanner::Fast(fast) => fast.find_at(text.as_bytes(), pos),
            Scanner::Regex(regex) => regex.find_at(text, pos).map(|m| (m.start(), m.end())),
        }
    }
}

/// The regex the scanner stands for; `words` longest first.
pub(crate) fn regex_scanner(words: &[&str]) -> Result<Regex, regex::Error> {
    let alternation = words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|");
    // ASCII word boundaries and case folding keep the scan a fast DFA;
    // each hit is then checked against Unicode letters (`is_whole_word`).
    Regex::new(&format!(r"(?i-u:\b(?:{alternation})\b)|(?-u:\b[0-9]+\b)"))
}

impl Fast {
    fn new(words: &[&str]) -> Fast {
        let mut fast = Fast {
            heads: Map::default(),
            compounds: Vec::new(),
            filter: Box::new([0; FILTER_WORDS]),
        };
        for word in words {
            let bytes = word.as_bytes();
            let len = bytes.iter().take_while(|&&b| is_word(b)).count();
            let head = fast
                .heads
                .entry(bytes[..len].to_ascii_lowercase().into())
                .or_default();
            if len == bytes.len() {
                head.plain = true;
            } else {
                head.compound = true;
                // Kept in the given order: longest first, as in the regex.
                fast.compounds.push(bytes.into());
            }
            // A run of one byte is read with the byte after it, whatever it is.
            let seconds = if len == 1 {
                0..=255
            } else {
                bytes[1]..=bytes[1]
            };
            for second in seconds {
                let bit = filter_bit(bytes[0], second, bytes[len - 1], len);
                fast.filter[bit / 64] |= 1 << (bit % 64);
            }
        }
        fast
    }

    /// True if the filter lets through the word run of `len` bytes starting
    /// with `first`, `second` (the byte after if `len` is 1) and ending with
    /// `last`.
    fn may_begin(&self, first: u8, second: u8, last: u8, len: usize) -> bool {
        let bit = filter_bit(first, second, last, len);
        self.filter[bit / 64] >> (bit % 64) & 1 != 0
    }

    fn find_at(&self, bytes: &[u8], pos: usize) -> Option<(usize, usize)> {
        let mut prev_word = pos > 0 && is_word(bytes[pos - 1]);
        let mut at = pos;
        // Windows of 64 bytes, stepping by STEP: a word starting in the first
        // STEP bytes usually ends inside the window, which gives its length.
        // Each step classifies only the bytes new to the window.
        let mut mask = bytes.get(at..at + 64).map_or(0, word_mask);
        while let Some(window) = bytes
            .get(at..at + 64)
            .and_then(|w| <&[u8; 64]>::try_from(w).ok())
        {
            let mut starts = mask & !((mask << 1) | u64::from(prev_word)) & STEP_MASK;
            // Without branching on each word, mark the starts that need a
            // closer look: digits, runs the filter lets through, and runs
            // that reach the end of the window.
            let mut closer = 0;
            while starts != 0 {
                let i = starts.trailing_zeros() as usize;
                starts &= starts - 1;
                let len = (!mask >> i).trailing_zeros() as usize;
                // `i` is below STEP, and `len` at most 64 - `i`.
                let first = window[i & 63];
                let last = window[(i + len - 1) & 63];
                let pass = self.may_begin(first, window[(i + 1) & 63], last, len)
                    | first.is_ascii_digit()
                    | (i + len >= 64);
                closer |= u64::from(pass) << i;
            }
            while closer != 0 {
                let s = at + closer.trailing_zeros() as usize;
                closer &= closer - 1;
                if let Some(e) = self.hit_at(bytes, s) {
                    return Some((s, e));
                }
            }
            prev_word = mask >> (STEP - 1) & 1 == 1;
            at += STEP;
            if let Some(new) = bytes.get(at + 64 - STEP..at + 64) {
                mask = mask >> STEP | word_mask(new) << (64 - STEP);
            }
        }
        // The last bytes, one by one.
        for s in at..bytes.len() {
            let word = is_word(bytes[s]);
            if word && !prev_word {
                let end = word_end(bytes, s);
                let second = bytes.get(s + 1).copied().unwrap_or(0);
                let pass = self.may_begin(bytes[s], second, bytes[end - 1], end - s)
                    || bytes[s].is_ascii_digit();
                if let Some(e) = pass.then(|| self.hit_at(bytes, s)).flatten() {
                    return Some((s, e));
                }
            }
            prev_word = word;
        }
        None
    }

    /// The end of the hit starting at the word start `s`, if there is one.
    fn hit_at(&self, bytes: &[u8], s: usize) -> Option<usize> {
        let run_end = word_end(bytes, s);
        let run = &bytes[s..run_end];
        let second = bytes.get(s + 1).copied().unwrap_or(0);
        let head = if self.may_begin(run[0], second, run[run.len() - 1], run.len()) {
            with_lowercase(run, |key| self.heads.get(key).copied()).unwrap_or_default()
        } else {
            Head::default()
        };
        if head.compound {
            for word in &self.compounds {
                let end = s + word.len();
                let matches = bytes
                    .get(s..end)
                    .is_some_and(|b| b.eq_ignore_ascii_case(word));
                if matches && !bytes.get(end).is_some_and(|&b| is_word(b)) {
                    return Some(end);
                }
            }
        }
        if head.plain || run.iter().all(u8::is_ascii_digit) {
            return Some(run_end);
        }
        None
    }
}

/// The end of the word run going on at `pos`.
fn word_end(bytes: &[u8], pos: usize) -> usize {
    bytes[pos..]
        .iter()
        .position(|&b| !is_word(b))
        .map_or(bytes.len(), |n| pos + n)
}

/// How far a window moves: words starting in its first `STEP` bytes.
const STEP: usize = 48;
const STEP_MASK: u64 = (1 << STEP) - 1;

/// The filter bit of a word run of `len` bytes from its first, second and
/// last bytes: a hash that folds ASCII case.
fn filter_bit(first: u8, second: u8, last: u8, len: usize) -> usize {
    let fold = |b: u8| u32::from(b | 0x20);
    let key = fold(first) | fold(second) << 8 | fold(last) << 16 | (len as u32) << 24;
    (key.wrapping_mul(0x9e37_79b1) >> 16) as usize
}

/// Bit `i` set if byte `i` of the eight is an ASCII word character.
fn word_mask8(bytes: [u8; 8]) -> u64 {
    let raw = u64::from_le_bytes(bytes);
    // The masks read seven bits; bytes with the eighth set are no word bytes.
    let x = raw & !HIGH;
    let word = (ascii_word_mask(x) | ascii_range_mask(x, b'_', b'_')) & !raw & HIGH;
    // Gather the eight high bits into the low byte.
    ((word >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// Bit `i` set if `chunk[i]` (at most 64 bytes) is an ASCII word character.
fn word_mask(chunk: &[u8]) -> u64 {
    let mut mask = 0;
    let mut lanes = chunk.chunks_exact(8);
    for (i, lane) in lanes.by_ref().enumerate() {
        let lane: [u8; 8] = lane.try_into().unwrap_or_default();
        mask |= word_mask8(lane) << (8 * i);
    }
    let done = chunk.len() - lanes.remainder().len();
    for (i, &b) in lanes.remainder().iter().enumerate() {
        mask |= u64::from(is_word(b)) << (done + i);
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_hits(scanner: &Scanner, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some((s, e)) = scanner.find_at(text, pos) {
            out.push((s, e));
            // Also resume inside words and right after a hit's first byte.
            pos = if out.len() % 3 == 0 { s + 1 } else { e };
            while !text.is_char_boundary(pos) {
                pos += 1;
            }
        }
        out
    }

    #[test]
    fn the_scan_finds_what_the_regex_finds() {
        let words = [
            "jum’at", "jum'at", "agustus", "minggu", "hari", "jum", "a", "ab", "x_y",
        ];
        let fast = Scanner::new(&words).unwrap();
        assert!(matches!(fast, Scanner::Fast(_)));
        let regex = Scanner::Regex(regex_scanner(&words).unwrap());
        let pieces = [
            "Jum'at",
            "JUM’AT",
            "jum'atan",
            "jum",
            "Agustus",
            "agustusan",
            "hari",
            "HARI",
            "a",
            "A",
            "ab",
            "abc",
            "x_y",
            "X_Y",
            "_",
            "2023",
            "15",
            "0",
            "1a",
            "a1",
            "ä",
            "’",
            "'",
            " ",
            "\n",
            ".",
            "-",
            "/",
            "(",
            "\u{a0}",
            "minggu",
        ];
        for text in crate::soup::texts(&pieces, 5000, |round| round % 40) {
            assert_eq!(all_hits(&fast, &text), all_hits(&regex, &text), "{text:?}");
        }
    }

    #[test]
    fn word_masks_match_bytes() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut lane = [b' '; 8];
                lane[at] = b;
                assert_eq!(word_mask8(lane), u64::from(is_word(b)) << at, "{b}");
            }
        }
        let text: Vec<u8> = (0..200u32).map(|i| (i * 37 % 256) as u8).collect();
        let mask = word_mask(&text[..64]);
        for (i, &b) in text[..64].iter().enumerate() {
            assert_eq!(mask >> i & 1 == 1, is_word(b));
        }
    }

    #[test]
    fn unusual_words_fall_back_to_the_regex() {
        assert!(matches!(
            Scanner::new(&["hari", "ömer"]).unwrap(),
            Scanner::Regex(_)
        ));
        assert!(matches!(
            Scanner::new(&["hari", ""]).unwrap(),
            Scanner::Regex(_)
        ));
        assert!(matches!(Scanner::new(&["st."]).unwrap(), Scanner::Regex(_)));
    }
}
