//! Texts for the tests that compare a fast path with its reference: random
//! strings of pieces, from a fixed xorshift64 stream so that every run sees
//! the same texts.

/// `rounds` texts; the text of round `r` joins `count(r)` pieces.
pub(crate) fn texts<'p>(
    pieces: &'p [&str],
    rounds: usize,
    count: fn(usize) -> usize,
) -> impl Iterator<Item = String> + 'p {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    (0..rounds).map(move |round| {
        let mut text = String::new();
        for _ in 0..count(round) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        text
    })
}
