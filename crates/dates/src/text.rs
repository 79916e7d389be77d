//! Reading text around a hit: tokens, lowercase keys, sentences. Everything
//! here works on byte offsets that fall on `char` boundaries and never
//! allocates.

use nerbench_core::words::{ascii_range_mask, HIGH};

/// A token: a word (letters and digits, with inner apostrophes as in
/// "Jum'at") or a single other character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
}

/// Whitespace inside a line, NO-BREAK SPACE included. Lookahead and lookbehind
/// never cross a line break: headlines, captions and paragraphs stay apart.
fn is_inline_space(c: char) -> bool {
    c != '\n' && c != '\r' && c.is_whitespace()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Whitespace inside a line among ASCII bytes: tab, vertical tab, form feed,
/// space (what `is_inline_space` accepts below 0x80).
fn is_inline_space_byte(b: u8) -> bool {
    matches!(b, b'\t' | 0x0b | 0x0c | b' ')
}

/// End of the word starting at `start` (which must be alphanumeric).
fn word_end(text: &str, start: usize) -> usize {
    // ASCII letters and digits need no decoding. An apostrophe or a non-ASCII
    // char goes to the loop over chars, which may resume at any char: what
    // it makes of a char depends on the char and the next one only.
    let bytes = text.as_bytes();
    let mut end = start;
    while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
        end += 1;
    }
    match bytes.get(end) {
        Some(&b) if b == b'\'' || !b.is_ascii() => word_end_chars(text, end),
        _ => end,
    }
}

/// End of the word going on at `start`, char by char.
fn word_end_chars(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_apostrophe =
            is_apostrophe(c) && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if !(c.is_alphanumeric() || inner_apostrophe) {
            break;
        }
        end = start + i + c.len_utf8();
    }
    end
}

/// Start of the word ending at `end` (whose last char must be alphanumeric).
fn word_start(text: &str, end: usize) -> usize {
    // As in `word_end`, backwards.
    let bytes = text.as_bytes();
    let mut start = end;
    while start > 0 && bytes[start - 1].is_ascii_alphanumeric() {
        start -= 1;
    }
    match start.checked_sub(1).map(|i| bytes[i]) {
        Some(b) if b == b'\'' || !b.is_ascii() => word_start_chars(text, start),
        _ => start,
    }
}

/// Start of the word going on before `end`, char by char.
fn word_start_chars(text: &str, end: usize) -> usize {
    let mut start = end;
    let mut chars = text[..end].char_indices().rev().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_apostrophe =
            is_apostrophe(c) && chars.peek().is_some_and(|&(_, p)| p.is_alphanumeric());
        if !(c.is_alphanumeric() || inner_apostrophe) {
            break;
        }
        start = i;
    }
    start
}

/// The token after `pos` on the same line, skipping spaces.
pub(crate) fn next_tok(text: &str, pos: usize) -> Option<Tok> {
    let bytes = text.as_bytes();
    let mut start = pos;
    while bytes.get(start).is_some_and(|&b| is_inline_space_byte(b)) {
        start += 1;
    }
    match *bytes.get(start)? {
        b'\n' | b'\r' => None,
        b if b.is_ascii_alphanumeric() => Some(Tok {
            start,
            end: word_end(text, start),
        }),
        b if b.is_ascii() => Some(Tok {
            start,
            end: start + 1,
        }),
        _ => next_tok_chars(text, start, word_end),
    }
}

/// `next_tok`, char by char, with `word_end` to find where a word ends.
fn next_tok_chars(text: &str, pos: usize, word_end: fn(&str, usize) -> usize) -> Option<Tok> {
    let (offset, c) = text[pos..]
        .char_indices()
        .find(|&(_, c)| !is_inline_space(c))?;
    let start = pos + offset;
    if c == '\n' || c == '\r' {
        None
    } else if c.is_alphanumeric() {
        Some(Tok {
            start,
            end: word_end(text, start),
        })
    } else {
        Some(Tok {
            start,
            end: start + c.len_utf8(),
        })
    }
}

/// The token before `pos` on the same line, skipping spaces.
pub(crate) fn prev_tok(text: &str, pos: usize) -> Option<Tok> {
    let bytes = text.as_bytes();
    let mut end = pos;
    while end > 0 && is_inline_space_byte(bytes[end - 1]) {
        end -= 1;
    }
    match bytes[..end].last()? {
        b'\n' | b'\r' => None,
        b if b.is_ascii_alphanumeric() => Some(Tok {
            start: word_start(text, end),
            end,
        }),
        b if b.is_ascii() => Some(Tok {
            start: end - 1,
            end,
        }),
        _ => prev_tok_chars(text, end, word_start),
    }
}

/// `prev_tok`, char by char, with `word_start` to find where a word starts.
fn prev_tok_chars(text: &str, pos: usize, word_start: fn(&str, usize) -> usize) -> Option<Tok> {
    let (offset, c) = text[..pos]
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_inline_space(c))?;
    let end = offset + c.len_utf8();
    if c == '\n' || c == '\r' {
        None
    } else if c.is_alphanumeric() {
        Some(Tok {
            start: word_start(text, end),
            end,
        })
    } else {
        Some(Tok { start: offset, end })
    }
}

/// True if neither the char before `start` nor the one at `end` is a letter or
/// digit: the hit is a whole word, also next to non-ASCII letters ("ä").
pub(crate) fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// True if `tok` starts with an uppercase letter.
pub(crate) fn is_capitalised(text: &str, tok: Tok) -> bool {
    text[tok.start..]
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// The value of a token of 1–4 ASCII digits.
pub(crate) fn digits(text: &str, tok: Tok) -> Option<u32> {
    let s = &text[tok.start..tok.end];
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

pub(crate) const KEY_CAPACITY: usize = 32;

/// `f` of `word` lowercased (ASCII letters only): in a stack buffer when it
/// fits a [`Key`], else in a new vector.
pub(crate) fn with_lowercase<R>(word: &[u8], f: impl FnOnce(&[u8]) -> R) -> R {
    let mut buf = [0; KEY_CAPACITY];
    match buf.get_mut(..word.len()) {
        Some(key) => {
            key.copy_from_slice(word);
            key.make_ascii_lowercase();
            f(key)
        }
        None => f(&word.to_ascii_lowercase()),
    }
}

/// A word lowercased (ASCII letters only) into a stack buffer, for lookups in
/// the lexicon's maps without allocating. Longer words give an empty key,
/// which no map holds.
pub(crate) struct Key {
    buf: [u8; KEY_CAPACITY],
    len: usize,
}

impl Key {
    pub(crate) fn new(word: &str) -> Key {
        let mut buf = [0; KEY_CAPACITY];
        let len = if word.len() <= KEY_CAPACITY {
            buf[..word.len()].copy_from_slice(word.as_bytes());
            buf[..word.len()].make_ascii_lowercase();
            word.len()
        } else {
            0
        };
        Key { buf, len }
    }

    pub(crate) fn of(text: &str, tok: Tok) -> Key {
        Key::new(&text[tok.start..tok.end])
    }

    /// The lowercased word, as the bytes of UTF-8 (lowercasing ASCII
    /// letters keeps it valid); lookups need not check that again.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// How far to look for the ends of a sentence; tense markers further away
/// hardly bear on a date, and the bound keeps the per-hit work small.
const SENTENCE_REACH: usize = 400;

/// True if the byte at `index` ends a sentence: a line break, "!", "?", or a
/// full stop followed by space, a quote or the end (not "EGINDO.co", "2.000").
/// Enders are ASCII, so scanning bytes finds them without decoding.
fn ends_sentence(bytes: &[u8], index: usize) -> bool {
    match bytes[index] {
        b'\n' | b'\r' | b'!' | b'?' => true,
        // 0xC2 and 0xE2 lead NO-BREAK SPACE and the curly quotes.
        b'.' => bytes
            .get(index + 1)
            .is_none_or(|&n| n.is_ascii_whitespace() || matches!(n, b'"' | 0xC2 | 0xE2)),
        _ => false,
    }
}

/// A byte that `ends_sentence` may accept.
fn may_end(b: &u8) -> bool {
    matches!(b, b'\n' | b'\r' | b'!' | b'?' | b'.')
}

/// The high bit of each byte of the eight that `may_end` accepts.
fn may_end8(lane: u64) -> u64 {
    // Compared on their low seven bits, then bytes with the eighth set (no
    // ASCII byte) dropped.
    let low = lane & !HIGH;
    let any = [b'\n', b'\r', b'!', b'?', b'.']
        .into_iter()
        .fold(0, |found, target| {
            found | ascii_range_mask(low, target, target)
        });
    any & !lane & HIGH
}

/// The last byte of `bytes` that `may_end` accepts, eight at a time.
fn rfind_may_end(bytes: &[u8]) -> Option<usize> {
    let mut end = bytes.len();
    while let Some(lane) = end.checked_sub(8).map(|start| &bytes[start..end]) {
        let found = may_end8(u64::from_le_bytes(lane.try_into().unwrap_or_default()));
        if found != 0 {
            return Some(end - 8 + (63 - found.leading_zeros() as usize) / 8);
        }
        end -= 8;
    }
    bytes[..end].iter().rposition(may_end)
}

/// The first byte of `bytes` that `may_end` accepts, eight at a time.
fn find_may_end(bytes: &[u8]) -> Option<usize> {
    let mut lanes = bytes.chunks_exact(8);
    for (n, lane) in lanes.by_ref().enumerate() {
        let found = may_end8(u64::from_le_bytes(lane.try_into().unwrap_or_default()));
        if found != 0 {
            return Some(8 * n + found.trailing_zeros() as usize / 8);
        }
    }
    let done = bytes.len() - lanes.remainder().len();
    lanes.remainder().iter().position(may_end).map(|i| done + i)
}

/// Byte range of the sentence around `start..end`, within a bounded reach.
pub(crate) fn sentence(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut from = start.saturating_sub(SENTENCE_REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (end + SENTENCE_REACH).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    // Look closer only at the bytes that may end a sentence.
    let mut s = start;
    let s = loop {
        match rfind_may_end(&bytes[from..s]) {
            Some(i) if ends_sentence(bytes, from + i) => break from + i + 1,
            Some(i) => s = from + i,
            None => break from,
        }
    };
    let mut e = end;
    let e = loop {
        match find_may_end(&bytes[e..to]) {
            Some(i) if ends_sentence(bytes, e + i) => break e + i,
            Some(i) => e += i + 1,
            None => break to,
        }
    };
    (s, e)
}

/// True if `pos` begins a sentence: only an opening quote or bracket stands
/// between it and the previous sentence end (or the start of the text).
pub(crate) fn starts_sentence(text: &str, pos: usize) -> bool {
    let mut at = pos;
    loop {
        match prev_tok(text, at) {
            None => return true,
            Some(t) => match text[t.start..t.end].chars().next() {
                Some('"' | '“' | '‘' | '\'' | '(' | '[') => at = t.start,
                _ => return ends_sentence(text.as_bytes(), t.start),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(t) = next_tok(text, pos) {
            out.push(&text[t.start..t.end]);
            pos = t.end;
        }
        out
    }

    #[test]
    fn tokens_keep_inner_apostrophes_and_stop_at_lines() {
        assert_eq!(
            words("pada Jum'at\u{a0}(15/8)"),
            ["pada", "Jum'at", "(", "15", "/", "8", ")"]
        );
        assert_eq!(words("Jum’at, 'kata'"), ["Jum’at", ",", "'", "kata", "'"]);
        assert_eq!(words("Senin\nSelasa"), ["Senin"]);
        let text = "Brändli 2023";
        let t = prev_tok(text, text.len() - 5).unwrap();
        assert_eq!(&text[t.start..t.end], "Brändli");
        assert_eq!(prev_tok("a\nb", 2), None);
    }

    /// The tokenizer char by char throughout, as it was before the ASCII
    /// shortcuts.
    fn next_tok_slow(text: &str, pos: usize) -> Option<Tok> {
        next_tok_chars(text, pos, word_end_chars)
    }

    fn prev_tok_slow(text: &str, pos: usize) -> Option<Tok> {
        prev_tok_chars(text, pos, word_start_chars)
    }

    #[test]
    fn ascii_shortcuts_tokenize_as_chars_do() {
        for b in 0..0x80u8 {
            assert_eq!(
                is_inline_space_byte(b),
                is_inline_space(char::from(b)),
                "{b}"
            );
        }
        let pieces = [
            "a", "Z", "7", "'", "’", "ä", "Ä", "٣", " ", "\u{a0}", "\u{2009}", "\t", "\u{b}",
            "\u{c}", "\u{1c}", "\n", "\r", ".", "-", "€", "_", "x'", "'y", "中",
        ];
        for text in crate::soup::texts(&pieces, 3000, |round| round % 12) {
            for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                assert_eq!(
                    next_tok(&text, pos),
                    next_tok_slow(&text, pos),
                    "{text:?} {pos}"
                );
                assert_eq!(
                    prev_tok(&text, pos),
                    prev_tok_slow(&text, pos),
                    "{text:?} {pos}"
                );
            }
        }
    }

    #[test]
    fn whole_words_respect_non_ascii_letters() {
        let text = "xäSenin Senin";
        let hit = text.find("Senin").unwrap();
        assert!(!is_whole_word(text, hit, hit + 5));
        assert!(is_whole_word(text, text.len() - 5, text.len()));
    }

    #[test]
    fn keys_lowercase_without_allocating() {
        assert_eq!(Key::new("OKTOBER").as_bytes(), b"oktober");
        assert_eq!(Key::new("Jum’at").as_bytes(), "jum’at".as_bytes());
        assert_eq!(Key::new(&"a".repeat(40)).as_bytes(), b"");
    }

    #[test]
    fn a_lane_marks_every_byte_as_may_end_does() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut lane = [b'a'; 8];
                lane[at] = b;
                let expected = if may_end(&b) { 0x80 << (8 * at) } else { 0 };
                assert_eq!(may_end8(u64::from_le_bytes(lane)), expected, "{b:#x}");
            }
        }
    }

    #[test]
    fn lanes_find_the_bytes_that_may_end_a_sentence() {
        let pieces = [
            "a",
            " ",
            ".",
            "!",
            "?",
            "\n",
            "\r",
            "\u{a0}",
            "é",
            "\u{2e}\u{2e}",
            "0",
        ];
        for text in crate::soup::texts(&pieces, 3000, |round| round % 40) {
            let bytes = text.as_bytes();
            assert_eq!(
                find_may_end(bytes),
                bytes.iter().position(may_end),
                "{text:?}"
            );
            assert_eq!(
                rfind_may_end(bytes),
                bytes.iter().rposition(may_end),
                "{text:?}"
            );
        }
        for b in 0..=255u8 {
            let lane = u64::from_le_bytes([b'x', b, b'x', b'x', b'x', b'x', b'x', b]);
            let expected = if may_end(&b) {
                0x80 << 8 | 0x80 << 56
            } else {
                0
            };
            assert_eq!(may_end8(lane), expected, "{b}");
        }
    }

    #[test]
    fn sentences_end_at_full_stops_not_inside_words() {
        let text =
            "Ia pergi. Seoul | EGINDO.co – Kim tiba pada Kamis (12 Oktober), kata KCNA. Lalu";
        let hit = text.find("Kamis").unwrap();
        let (s, e) = sentence(text, hit, hit + 5);
        assert_eq!(
            &text[s..e],
            " Seoul | EGINDO.co – Kim tiba pada Kamis (12 Oktober), kata KCNA"
        );
        assert!(starts_sentence(text, text.find("Seoul").unwrap()));
        assert!(starts_sentence(text, 0));
        assert!(!starts_sentence(text, hit));
        let quoted = "Ia pergi. “Pekan lalu";
        assert!(starts_sentence(quoted, quoted.find("Pekan").unwrap()));
    }
}
