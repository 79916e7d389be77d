//! Byte and code-point offsets convert both ways on every gold article, at
//! every character, including the articles' non-ASCII characters.

use std::fs;
use std::path::Path;

use nerbench_core::offsets::OffsetIndex;

fn articles() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("gold/articles");
    let mut articles: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            (
                path.display().to_string(),
                fs::read_to_string(&path).unwrap(),
            )
        })
        .collect();
    articles.sort();
    articles
}

#[test]
fn round_trips_on_every_article() {
    let articles = articles();
    assert_eq!(articles.len(), 5);
    for (name, text) in &articles {
        let index = OffsetIndex::new(text);
        // Every character boundary, and the end of the text.
        let boundaries = text.char_indices().map(|(b, _)| b).chain([text.len()]);
        for (char, byte) in boundaries.enumerate() {
            assert_eq!(index.to_char(byte), Some(char), "{name}: byte {byte}");
            assert_eq!(index.to_byte(char), Some(byte), "{name}: char {char}");
        }
        assert_eq!(index.char_len(), text.chars().count(), "{name}");
        // A byte inside a multi-byte character has no code-point offset.
        for (byte, c) in text.char_indices().filter(|(_, c)| c.len_utf8() > 1) {
            assert_eq!(
                index.to_char(byte + 1),
                None,
                "{name}: inside {c:?} at {byte}"
            );
        }
    }
}

#[test]
fn the_articles_hold_the_characters_that_make_offsets_differ() {
    let all: String = articles().into_iter().map(|(_, text)| text).collect();
    for c in ['\u{a0}', '“', '”', '‘', '’', '–', 'ä', '•'] {
        assert!(
            all.contains(c),
            "{c:?} no longer in the articles: this test would prove less"
        );
    }
}

#[test]
fn spans_around_non_ascii_characters_slice_the_right_text() {
    for (name, text) in articles() {
        let index = OffsetIndex::new(&text);
        let chars: Vec<char> = text.chars().collect();
        for (i, c) in chars.iter().enumerate().filter(|(_, c)| !c.is_ascii()) {
            // The character itself, and the one after it when there is one.
            let end = (i + 2).min(chars.len());
            let span = index.span_from_chars(i, end).unwrap();
            let expected: String = chars[i..end].iter().collect();
            assert_eq!(&text[span.range()], expected, "{name}: {c:?} at char {i}");
            assert_eq!(index.chars_of(span), Ok((i, end)), "{name}");
        }
    }
}
