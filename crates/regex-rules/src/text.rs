//! Word boundaries, shared by the rules and the alias propagation.

pub use nerbench_core::words::is_word_char;

/// True if the char before offset `at` of `text` is a word char (ASCII
/// without decoding). `at` must be a char boundary.
pub(crate) fn word_char_before(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[..at].chars().next_back().is_some_and(is_word_char),
    }
}

/// True if the char at offset `at` of `text` is a word char (ASCII without
/// decoding). `at` must be a char boundary.
pub(crate) fn word_char_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[at..].chars().next().is_some_and(is_word_char),
    }
}

/// The first two bytes of a set of words: where no word of the set can
/// begin, a text is passed over without decoding it or looking anything up.
pub(crate) struct Openings {
    /// The distinct first bytes, searched for with `memchr`.
    firsts: Vec<u8>,
    /// The pairs of first bytes, hashed to one of 4096 bits (small enough to
    /// clear for every document).
    pairs: [u64; 64],
}

impl Openings {
    pub(crate) fn new() -> Openings {
        Openings {
            firsts: Vec::new(),
            pairs: [0; 64],
        }
    }

    /// Adds a word (not empty).
    pub(crate) fn insert(&mut self, word: &[u8]) {
        let Some(&a) = word.first() else { return };
        if !self.firsts.contains(&a) {
            self.firsts.push(a);
        }
        match word.get(1) {
            Some(&b) => self.set(a, b),
            // Any byte may follow a one-byte word.
            None => (0..=u8::MAX).for_each(|b| self.set(a, b)),
        }
    }

    fn set(&mut self, a: u8, b: u8) {
        let pair = pair_slot(a, b);
        self.pairs[pair / 64] |= 1 << (pair % 64);
    }

    /// False if no word of the set begins at `at` of `bytes`.
    fn may_begin(&self, bytes: &[u8], at: usize) -> bool {
        match bytes.get(at + 1) {
            Some(&b) => {
                let pair = pair_slot(bytes[at], b);
                self.pairs[pair / 64] & (1 << (pair % 64)) != 0
            }
            None => true,
        }
    }
}

/// The bit of a pair of bytes in [`Openings::pairs`].
fn pair_slot(a: u8, b: u8) -> usize {
    ((usize::from(a) << 4) ^ usize::from(b)) & 0xfff
}

/// The words of `text` (maximal runs of word characters) that begin like
/// some word of `openings`, as byte ranges, in order.
///
/// The first bytes are found with `memchr3`, three at a time (a document
/// names a few people, so a few passes), and only there is anything decoded
/// or looked up: several times faster than reading every word of the text.
/// A first byte is ASCII or the lead byte of a character, so every hit is on
/// a char boundary.
pub(crate) fn words_starting_with(text: &str, openings: &Openings) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    for group in openings.firsts.chunks(3) {
        match *group {
            [a] => starts.extend(memchr::memchr_iter(a, bytes)),
            [a, b] => starts.extend(memchr::memchr2_iter(a, b, bytes)),
            [a, b, c] => starts.extend(memchr::memchr3_iter(a, b, c, bytes)),
            _ => unreachable!("chunks of one to three"),
        }
    }
    if openings.firsts.len() > 3 {
        starts.sort_unstable();
    }
    starts
        .into_iter()
        .filter(|&at| openings.may_begin(bytes, at) && !word_char_before(text, at))
        .map(|at| (at, word_end(text, at)))
        .collect()
}

/// Where the word that begins at `start` of `text` ends (ASCII letters and
/// digits without decoding).
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    loop {
        while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            end += 1;
        }
        match text[end..].chars().next() {
            Some(c) if !c.is_ascii() && is_word_char(c) => end += c.len_utf8(),
            _ => return end,
        }
    }
}

/// FNV-1a, a fast hash for the short words looked up for every document.
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Hash maps and sets keyed by words.
pub(crate) type WordHash = std::hash::BuildHasherDefault<Fnv>;

/// True if `start..end` of `text` neither begins nor ends inside a word: a
/// word character at either edge of the range must not continue outside it.
/// Both offsets must be char boundaries of `text`.
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    !splits_word(text, start) && !splits_word(text, end)
}

/// Where the next word after the one that offset `at` of `text` is in
/// begins (or the end of the text).
pub(crate) fn next_word_start(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let past_word = rest.trim_start_matches(is_word_char);
    let next = past_word.trim_start_matches(|c: char| !is_word_char(c));
    text.len() - next.len()
}

/// True if offset `at` of `text` lies between two word characters.
pub(crate) fn splits_word(text: &str, at: usize) -> bool {
    word_char_before(text, at) && word_char_at(text, at)
}

/// Whether a sentence starts at byte `at` of `text`: only spaces stand
/// between it and the start of the text, a line break, or a mark that ends a
/// sentence or opens a quote.
pub(crate) fn sentence_starts_at(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t', '\u{a0}']);
    match before.chars().next_back() {
        None => true,
        Some(c) => matches!(
            c,
            '\n' | '.' | '!' | '?' | ':' | '"' | '“' | '”' | '‘' | '\'' | '…'
        ),
    }
}

/// True if the line of `text` around offset `at` capitalises nearly every
/// word, as headlines and captions do: there every word looks like a name.
pub fn in_title_case_line(text: &str, at: usize) -> bool {
    let start = memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i);
    let (mut words, mut lowercase) = (0, 0);
    // Bytes, not chars: a paragraph is long, and only the first letter of
    // each word (after a space, a tab or a NO-BREAK SPACE) is decoded.
    let bytes = &text.as_bytes()[..end];
    let mut after_space = true;
    for i in start..end {
        let b = bytes[i];
        let space = matches!(b, b' ' | b'\t' | b'\r') || (b == 0xA0 && bytes[i - 1] == 0xC2);
        if after_space && !space && b != 0xC2 {
            let first = if b.is_ascii() {
                char::from(b)
            } else {
                text.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ')
            };
            if first.is_alphabetic() {
                // The first words tell a headline from a paragraph, which
                // need not be read to its end.
                if words == LINE_WORDS_READ {
                    break;
                }
                words += 1;
                lowercase += usize::from(first.is_lowercase());
            }
        }
        after_space = space;
    }
    // A sentence has more lowercase words than one in four.
    lowercase * 4 <= words
}

/// How many words of a line decide whether it is in title case.
const LINE_WORDS_READ: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_lines_are_told_from_sentences_by_their_first_words() {
        let text = "Bahlil\u{a0}Sambangi Prabowo, Bahas Pasokan Listrik di Jawa\n\
                    Bahlil menemui Prabowo pada hari Kamis.\n\
                    “Ölçek Über Ärger” Dan Ini\n\
                    Presiden Prancis Emmanuel Macron Dan Kanselir Jerman Olaf Scholz \
                    Bertemu Di Paris Bahas Kerja Sama, lalu semua orang di sana pulang \
                    ke rumah masing-masing dengan tenang dan senang hati.";
        let line = |n: usize| text.split('\n').take(n).map(|l| l.len() + 1).sum::<usize>();
        let lines: Vec<bool> = (0..4)
            .map(|n| in_title_case_line(text, line(n) + 1))
            .collect();
        // The last line's first sixteen words are capitalised: it reads as one.
        assert_eq!(lines, [true, false, true, true]);
    }

    #[test]
    fn sentences_start_after_an_end_mark_a_line_break_or_a_quote() {
        let text = "Lalu pergi. Lalu datang, Lalu Iqbal\n\u{a0}Lalu “Lalu";
        let at = |n: usize| text.match_indices("Lalu").nth(n).unwrap().0;
        let starts: Vec<bool> = (0..5).map(|n| sentence_starts_at(text, at(n))).collect();
        assert_eq!(starts, [true, true, false, true, true]);
    }

    #[test]
    fn boundaries_know_non_ascii_letters() {
        let text = "Thomas Müller,\u{a0}“Anies”";
        // "M" alone would cut "Müller" before its "ü".
        assert!(!on_word_boundaries(text, 7, 8));
        assert!(on_word_boundaries(text, 7, 14));
        // NO-BREAK SPACE and curly quotes are not part of a word.
        let anies = text.find("Anies").unwrap();
        assert!(on_word_boundaries(text, anies, anies + 5));
        assert!(!on_word_boundaries(text, anies, anies + 4));
        assert!(on_word_boundaries("Jakarta-Surabaya", 0, 7));
        assert!(on_word_boundaries("Jakarta-Surabaya", 8, 16));
        assert!(!on_word_boundaries("JokoWidodo", 4, 10));
    }

    #[test]
    fn the_next_word_starts_after_the_rest_of_this_one() {
        let text = "KAI\u{a0}“Anne” Purba";
        assert_eq!(&text[next_word_start(text, 1)..], "Anne” Purba");
        let end = text.len();
        assert_eq!(next_word_start(text, text.find("Purba").unwrap() + 1), end);
    }

    #[test]
    fn words_are_found_by_their_first_bytes() {
        let text = "“Müller’s” G20, Gx-b, aG, Gy, Übung, Ü";
        let mut openings = Openings::new();
        for word in ["Mü", "G2", "Gx", "Übung", "Ü"] {
            openings.insert(word.as_bytes());
        }
        let found: Vec<&str> = words_starting_with(text, &openings)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        // "Gy" begins no word of the set; "Ü" is a word of its own.
        assert_eq!(found, ["Müller", "G20", "Gx", "Übung", "Ü"]);
    }

    /// The words of `text` by the definition, one char at a time.
    fn words_by_definition(text: &str) -> Vec<(usize, usize)> {
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (is_word_char(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        words
    }

    #[test]
    fn the_scan_finds_the_words_of_the_definition() {
        let mut texts = crate::tests::gold_articles();
        texts.push("Ab\u{a0}Cd’Ef  Gh-Ij ÜberKlasse12345678 Zz".into());
        texts.push("x".repeat(7) + "Ääkkönen Ab12345678901234567890 Ab");
        for text in &texts {
            let all = words_by_definition(text);
            // Every word, then those that begin with a capital.
            let mut every = Openings::new();
            let mut capitals = Openings::new();
            for &(s, e) in &all {
                every.insert(&text.as_bytes()[s..e]);
                if text[s..].starts_with(char::is_uppercase) {
                    capitals.insert(&text.as_bytes()[s..e]);
                }
            }
            assert_eq!(words_starting_with(text, &every), all);
            let capitalised: Vec<_> = all
                .iter()
                .copied()
                .filter(|&(s, _)| text[s..].starts_with(char::is_uppercase))
                .collect();
            let found = words_starting_with(text, &capitals);
            // The two-byte filter may let a lowercase word through only if it
            // begins like a capitalised one, which these cannot.
            assert_eq!(found, capitalised);
        }
    }
}
