//! The data compiled for scanning: a scanner for every trigger word and
//! digit run, and maps from lowercase words to what they mean.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;

use crate::data::{DateData, Units};
use crate::scan::Scanner;
use crate::text::{next_tok, Key, KEY_CAPACITY};

/// FNV-1a: the maps hold a few hundred short fixed words and are probed for
/// every hit, where SipHash's DoS resistance buys nothing and costs time.
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }

    /// One step for a length (byte slices hash theirs first), not eight.
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x100_0000_01b3);
    }
}

pub(crate) type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
pub(crate) type Set<K> = HashSet<K, BuildHasherDefault<Fnv>>;

/// Words (as bytes) with what they mean: a hash map behind a Bloom filter
/// on their length and first and last bytes, so that looking up a word that
/// is not there, the usual case, hashes nothing.
pub(crate) struct Words<V> {
    map: Map<Box<[u8]>, V>,
    filter: Box<[u64; WORDS_FILTER]>,
}

/// The size of a [`Words`] filter, in 64-bit words.
const WORDS_FILTER: usize = 64;

fn words_bit(word: &[u8]) -> usize {
    let (first, last) = match word {
        [] => (0, 0),
        [first, .., last] => (*first, *last),
        [only] => (*only, *only),
    };
    filter_bit(first, last, word.len())
}

fn filter_bit(first: u8, last: u8, len: usize) -> usize {
    let key = u32::from(first) | u32::from(last) << 8 | (len as u32) << 16;
    (key.wrapping_mul(0x9e37_79b1) >> 20) as usize
}

impl<V> Words<V> {
    fn new() -> Words<V> {
        Words {
            map: Map::default(),
            filter: Box::new([0; WORDS_FILTER]),
        }
    }

    /// The value of `word`, if it is there.
    pub(crate) fn get(&self, word: &[u8]) -> Option<&V> {
        let bit = words_bit(word);
        if self.filter[bit / 64] & 1 << (bit % 64) == 0 {
            return None;
        }
        self.map.get(word)
    }

    /// The value of a word of the text as its [`Key`] reads it; checks the
    /// filter before lowercasing the word into one.
    #[inline]
    pub(crate) fn get_word(&self, word: &str) -> Option<&V> {
        let bytes = word.as_bytes();
        if let (Some(first), Some(last)) = (bytes.first(), bytes.last()) {
            if bytes.len() <= KEY_CAPACITY {
                let bit = filter_bit(
                    first.to_ascii_lowercase(),
                    last.to_ascii_lowercase(),
                    bytes.len(),
                );
                if self.filter[bit / 64] & 1 << (bit % 64) == 0 {
                    return None;
                }
            }
        }
        self.get_key(word)
    }

    /// The lookup after the filter (which `get_word` has checked).
    #[inline(never)]
    fn get_key(&self, word: &str) -> Option<&V> {
        self.map.get(Key::new(word).as_bytes())
    }

    pub(crate) fn contains(&self, word: &[u8]) -> bool {
        self.get(word).is_some()
    }
}

/// Later entries replace earlier ones, as in a map.
impl<W: AsRef<[u8]>, V> FromIterator<(W, V)> for Words<V> {
    fn from_iter<I: IntoIterator<Item = (W, V)>>(entries: I) -> Words<V> {
        let mut words = Words::new();
        for (word, value) in entries {
            let word = word.as_ref();
            let bit = words_bit(word);
            words.filter[bit / 64] |= 1 << (bit % 64);
            words.map.insert(word.into(), value);
        }
        words
    }
}

/// A set of words.
pub(crate) type WordSet = Words<()>;

/// What a word in the sentence around a date says about it (bit flags).
pub(crate) mod marker {
    pub const FORWARD: u8 = 1;
    pub const BACKWARD: u8 = 2;
    pub const CLAUSE_BREAK: u8 = 4;
    pub const EVERY: u8 = 8;
    pub const YEAR: u8 = 16;
}

/// A calendar unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// A month spelling: its number and whether it may stand alone.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MonthWord {
    pub number: u32,
    pub full: bool,
}

/// Everything a trigger word can be; one word may be several ("minggu" is a
/// weekday and a unit, "hari" a unit and the start of holiday names).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordInfo {
    pub month: Option<MonthWord>,
    pub weekday: Option<u32>,
    pub unit: Option<Unit>,
    pub single_unit: Option<Unit>,
    pub deictic: Option<i32>,
    pub holiday: bool,
    /// A part of a year: how many the year has ("kuartal": 4).
    pub period: Option<u32>,
}

/// When a holiday falls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HolidayDate {
    /// The same day every year.
    Fixed { month: u32, day: u32 },
    /// A holiday that moves: its dates are `Rules::movable[i]`.
    Movable(usize),
}

/// A calendar other than the Gregorian one, which a year may be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Calendar {
    Hijri,
    Saka,
    /// The Chinese calendar as Indonesia counts its years (Kongzili).
    Chinese,
}

/// One name of a holiday, as tokens with their capitalisation.
#[derive(Clone, Debug)]
pub(crate) struct HolidayName {
    pub tokens: Vec<String>,
    pub date: HolidayDate,
}

/// The holiday names whose first token has one lowercase form,
/// indexed so that a hit tries only the names that can match it.
#[derive(Debug, Default)]
pub(crate) struct HolidayGroup {
    /// Longest first (in tokens); of equally long names, in the data's
    /// order. So every name of `by_second` comes before those of `single`.
    pub names: Vec<HolidayName>,
    /// The spellings of the names' first token.
    pub firsts: Vec<String>,
    /// Positions in `names` of the names of one token, ascending.
    pub single: Vec<usize>,
    /// Positions in `names` of the longer names, ascending, by their second
    /// token lowercased (ASCII): a name matches only where that token does.
    pub by_second: Map<Box<[u8]>, Vec<usize>>,
}

impl HolidayGroup {
    fn new(mut names: Vec<HolidayName>) -> HolidayGroup {
        names.sort_by_key(|n| std::cmp::Reverse(n.tokens.len()));
        let mut group = HolidayGroup::default();
        for (i, name) in names.iter().enumerate() {
            if !group.firsts.contains(&name.tokens[0]) {
                group.firsts.push(name.tokens[0].clone());
            }
            match name.tokens.get(1) {
                None => group.single.push(i),
                Some(second) => group
                    .by_second
                    .entry(second.as_bytes().to_ascii_lowercase().into())
                    .or_default()
                    .push(i),
            }
        }
        group.names = names;
        group
    }
}

/// Word sets used around a hit.
pub(crate) struct Rules {
    pub scanner: Scanner,
    pub words: Words<WordInfo>,
    /// Holiday names by their lowercase first token.
    pub holidays: Words<HolidayGroup>,
    /// First words of country names, as capitalised: a holiday name followed
    /// by one is another country's day ("Hari Kemerdekaan Ukraina").
    pub country_starts: WordSet,
    pub numbers: Words<u32>,
    pub teens: String,
    pub tens: String,
    /// Second words of two-word deictics, by first word.
    pub deictic_pairs: Words<Vec<(String, i32)>>,
    pub after_unit: Words<i32>,
    pub after_count: Words<i32>,
    pub anchored: WordSet,
    pub filler: WordSet,
    pub modifiers: WordSet,
    pub weekend: String,
    pub month_cues: WordSet,
    /// The numbers of parts of a year ("pertama", "ii").
    pub period_numbers: Words<u32>,
    /// Words that mark a year of another calendar ("h", "saka").
    pub other_calendars: Words<Calendar>,
    /// The dates of each holiday that moves, sorted.
    pub movable: Vec<Vec<NaiveDate>>,
    pub year_before: WordSet,
    pub year_after: WordSet,
    /// Words of event names a year belongs to ("piala", "olimpiade").
    pub event_names: WordSet,
    pub weekday_before: WordSet,
    pub every: WordSet,
    pub recurrence_verbs: WordSet,
    pub recurrence_between: WordSet,
    pub holiday_after: WordSet,
    pub holiday_before: WordSet,
    /// Words that bear on tense and recurrence, with their `marker` flags,
    /// so that reading a sentence costs one lookup per word.
    pub sentence_markers: Words<u8>,
}

fn set(words: &[String]) -> WordSet {
    words.iter().map(|w| (w.to_lowercase(), ())).collect()
}

fn map<V: Copy>(entries: &std::collections::BTreeMap<String, V>) -> Words<V> {
    entries
        .iter()
        .map(|(k, &v)| (k.to_lowercase(), v))
        .collect()
}

fn units(units: &Units) -> impl Iterator<Item = (&String, Unit)> {
    [
        (&units.day, Unit::Day),
        (&units.week, Unit::Week),
        (&units.month, Unit::Month),
        (&units.year, Unit::Year),
    ]
    .into_iter()
    .flat_map(|(words, unit)| words.iter().map(move |w| (w, unit)))
}

fn entry<'m>(words: &'m mut Map<String, WordInfo>, word: &str) -> &'m mut WordInfo {
    words.entry(word.to_lowercase()).or_default()
}

/// Splits a name into tokens the way the scanner reads text.
fn tokens(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(t) = next_tok(name, pos) {
        out.push(name[t.start..t.end].to_string());
        pos = t.end;
    }
    out
}

impl Rules {
    pub(crate) fn new(data: &DateData) -> Result<Rules, regex::Error> {
        let lex = &data.lexicon;
        let mut words: Map<String, WordInfo> = Map::default();
        for month in &lex.month {
            let number = *month.number.get_ref();
            for (spellings, full) in [(&month.names, true), (&month.abbrevs, false)] {
                for w in spellings {
                    entry(&mut words, w).month = Some(MonthWord { number, full });
                }
            }
        }
        for weekday in &lex.weekday {
            for w in &weekday.names {
                entry(&mut words, w).weekday = Some(*weekday.number.get_ref());
            }
        }
        for (w, unit) in units(&lex.units) {
            entry(&mut words, w).unit = Some(unit);
        }
        for (w, unit) in units(&lex.single_units) {
            entry(&mut words, w).single_unit = Some(unit);
        }
        for (w, &offset) in &lex.deictic {
            entry(&mut words, w).deictic = Some(offset);
        }
        for (w, parts) in &lex.periods {
            entry(&mut words, w).period = Some(*parts.get_ref());
        }

        let mut holidays: Map<String, Vec<HolidayName>> = Map::default();
        let mut country_starts = Set::default();
        // A holiday that moves has a row per year, all with the same names:
        // one holiday, its names registered once, with every date.
        let mut movable: Vec<Vec<NaiveDate>> = Vec::new();
        let mut movable_index: Map<&[String], usize> = Map::default();
        for holiday in &data.holidays {
            let date = match holiday.year {
                None => HolidayDate::Fixed {
                    month: holiday.month,
                    day: holiday.day,
                },
                Some(year) => {
                    let Some(day) = NaiveDate::from_ymd_opt(year, holiday.month, holiday.day)
                    else {
                        continue;
                    };
                    let next = movable.len();
                    let index = *movable_index.entry(&holiday.names).or_insert(next);
                    if index < next {
                        movable[index].push(day);
                        continue;
                    }
                    movable.push(vec![day]);
                    HolidayDate::Movable(index)
                }
            };
            if let Some(first) = holiday
                .country
                .as_deref()
                .and_then(|c| tokens(c).into_iter().next())
            {
                country_starts.insert(first);
            }
            for name in &holiday.names {
                let tokens = tokens(name);
                let Some(first) = tokens.first() else {
                    continue;
                };
                let first = first.to_lowercase();
                entry(&mut words, &first).holiday = true;
                holidays
                    .entry(first)
                    .or_default()
                    .push(HolidayName { tokens, date });
            }
        }
        for dates in &mut movable {
            dates.sort_unstable();
            dates.dedup();
        }
        let holidays: Words<HolidayGroup> = holidays
            .into_iter()
            .map(|(first, names)| (first, HolidayGroup::new(names)))
            .collect();

        let mut deictic_pairs: Map<String, Vec<(String, i32)>> = Map::default();
        for (pair, &offset) in &lex.deictic_pairs {
            let mut parts = pair.split_whitespace().map(str::to_lowercase);
            if let (Some(first), Some(second)) = (parts.next(), parts.next()) {
                entry(&mut words, &first);
                deictic_pairs
                    .entry(first)
                    .or_default()
                    .push((second, offset));
            }
        }

        // Longest first, so that no alternative shadows a longer one.
        let mut triggers: Vec<&str> = words.keys().map(String::as_str).collect();
        triggers.sort_by_key(|w| (std::cmp::Reverse(w.len()), *w));
        let scanner = Scanner::new(&triggers)?;

        let mut sentence_markers: Map<String, u8> = Map::default();
        let flagged = [
            (&lex.tense.forward, marker::FORWARD),
            (&lex.tense.backward, marker::BACKWARD),
            (&lex.tense.clause_breaks, marker::CLAUSE_BREAK),
            (&lex.recurrence.every, marker::EVERY),
            (&lex.units.year, marker::YEAR),
        ];
        for (list, flag) in flagged {
            for w in list {
                *sentence_markers.entry(w.to_lowercase()).or_default() |= flag;
            }
        }

        Ok(Rules {
            sentence_markers: sentence_markers.into_iter().collect(),
            scanner,
            holidays,
            country_starts: country_starts.into_iter().map(|w| (w, ())).collect(),
            numbers: map(&lex.numbers),
            teens: lex.compound_numbers.teens.to_lowercase(),
            tens: lex.compound_numbers.tens.to_lowercase(),
            deictic_pairs: deictic_pairs.into_iter().collect(),
            after_unit: map(&lex.after_unit),
            after_count: map(&lex.after_count),
            anchored: set(&lex.anchored_after_count.words),
            filler: set(&lex.filler.words),
            modifiers: set(&lex.modifiers.words),
            weekend: lex.modifiers.weekend.to_lowercase(),
            month_cues: set(&lex.month_cues.words),
            other_calendars: (lex.other_calendars.hijri.iter())
                .map(|w| (w.to_lowercase(), Calendar::Hijri))
                .chain(
                    (lex.other_calendars.saka.iter()).map(|w| (w.to_lowercase(), Calendar::Saka)),
                )
                .chain(
                    (lex.other_calendars.chinese.iter())
                        .map(|w| (w.to_lowercase(), Calendar::Chinese)),
                )
                .collect(),
            movable,
            period_numbers: lex
                .period_numbers
                .iter()
                .map(|(w, n)| (w.to_lowercase(), *n.get_ref()))
                .collect(),
            year_before: set(&lex.year_blockers.before),
            year_after: set(&lex.year_blockers.after),
            event_names: set(lex.event_names.as_ref().map_or(&[], |e| &e.words)),
            weekday_before: set(&lex.weekday_blockers.before),
            every: set(&lex.recurrence.every),
            recurrence_verbs: set(&lex.recurrence.verbs),
            recurrence_between: set(&lex.recurrence.between),
            holiday_after: set(&lex.holiday_blockers.after),
            holiday_before: set(&lex.holiday_blockers.before),
            words: words.into_iter().collect(),
        })
    }

    /// What `key` means as a trigger word, if anything.
    pub(crate) fn word(&self, key: &Key) -> Option<&WordInfo> {
        self.words.get(key.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_find_what_they_hold_and_nothing_else() {
        let held: Vec<String> = (0..500).map(|i| format!("w{i}x")).collect();
        let words: Words<usize> = held
            .iter()
            .enumerate()
            .map(|(i, w)| (w.as_str(), i))
            .chain([("", 7), ("w3x", 1000)])
            .collect();
        for (i, w) in held.iter().enumerate() {
            let expected = if i == 3 { 1000 } else { i };
            assert_eq!(words.get(w.as_bytes()), Some(&expected), "{w}");
        }
        assert_eq!(words.get(b""), Some(&7));
        assert_eq!(words.get_word("W1X"), Some(&1));
        assert_eq!(words.get_word("w12X"), Some(&12));
        assert_eq!(
            words.get_word(&"w".repeat(40)),
            Some(&7),
            "a long word's key is empty"
        );
        assert_eq!(words.get_word("w1"), None);
        for absent in ["w", "w1", "W1x", "w1x ", "x", "w500x"] {
            assert_eq!(words.get(absent.as_bytes()), None, "{absent}");
        }
    }
}
