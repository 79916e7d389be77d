//! The data compiled for scanning: one regex over every trigger word and
//! digit run, and hash maps from lowercase words to what they mean.

use std::collections::{HashMap, HashSet};

use regex::Regex;

use crate::data::{DateData, Units};
use crate::text::{next_tok, Key};

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
}

/// One name of a holiday, as tokens with their capitalisation.
#[derive(Clone, Debug)]
pub(crate) struct HolidayName {
    pub tokens: Vec<String>,
    pub month: u32,
    pub day: u32,
}

/// Word sets used around a hit.
pub(crate) struct Rules {
    pub scanner: Regex,
    pub words: HashMap<String, WordInfo>,
    /// Holiday names by their lowercase first token, longest first.
    pub holidays: HashMap<String, Vec<HolidayName>>,
    /// First words of country names, as capitalised: a holiday name followed
    /// by one is another country's day ("Hari Kemerdekaan Ukraina").
    pub country_starts: HashSet<String>,
    pub numbers: HashMap<String, u32>,
    pub teens: String,
    pub tens: String,
    /// Second words of two-word deictics, by first word.
    pub deictic_pairs: HashMap<String, Vec<(String, i32)>>,
    pub after_unit: HashMap<String, i32>,
    pub after_count: HashMap<String, i32>,
    pub anchored: HashSet<String>,
    pub filler: HashSet<String>,
    pub modifiers: HashSet<String>,
    pub weekend: String,
    pub month_cues: HashSet<String>,
    pub year_before: HashSet<String>,
    pub year_after: HashSet<String>,
    pub weekday_before: HashSet<String>,
    pub forward: HashSet<String>,
    pub backward: HashSet<String>,
    pub clause_breaks: HashSet<String>,
    pub every: HashSet<String>,
    pub recurrence_verbs: HashSet<String>,
    pub recurrence_between: HashSet<String>,
    pub holiday_after: HashSet<String>,
    pub holiday_before: HashSet<String>,
}

fn set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

fn map<V: Copy>(entries: &std::collections::BTreeMap<String, V>) -> HashMap<String, V> {
    entries.iter().map(|(k, &v)| (k.to_lowercase(), v)).collect()
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

fn entry<'m>(words: &'m mut HashMap<String, WordInfo>, word: &str) -> &'m mut WordInfo {
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
        let mut words: HashMap<String, WordInfo> = HashMap::new();
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

        let mut holidays: HashMap<String, Vec<HolidayName>> = HashMap::new();
        let mut country_starts = HashSet::new();
        for holiday in &data.holidays {
            if let Some(first) = holiday.country.as_deref().and_then(|c| tokens(c).into_iter().next()) {
                country_starts.insert(first);
            }
            for name in &holiday.names {
                let tokens = tokens(name);
                let Some(first) = tokens.first() else { continue };
                let first = first.to_lowercase();
                entry(&mut words, &first).holiday = true;
                holidays.entry(first).or_default().push(HolidayName {
                    tokens,
                    month: holiday.month,
                    day: holiday.day,
                });
            }
        }
        for names in holidays.values_mut() {
            names.sort_by_key(|n| std::cmp::Reverse(n.tokens.len()));
        }

        let mut deictic_pairs: HashMap<String, Vec<(String, i32)>> = HashMap::new();
        for (pair, &offset) in &lex.deictic_pairs {
            let mut parts = pair.split_whitespace().map(str::to_lowercase);
            if let (Some(first), Some(second)) = (parts.next(), parts.next()) {
                entry(&mut words, &first);
                deictic_pairs.entry(first).or_default().push((second, offset));
            }
        }

        // Longest first, so that no alternative shadows a longer one.
        let mut triggers: Vec<&String> = words.keys().collect();
        triggers.sort_by_key(|w| (std::cmp::Reverse(w.len()), w.as_str()));
        let alternation = triggers
            .iter()
            .map(|w| regex::escape(w))
            .collect::<Vec<_>>()
            .join("|");
        // ASCII word boundaries and case folding keep the scan a fast DFA;
        // each hit is then checked against Unicode letters (`is_whole_word`).
        let scanner = Regex::new(&format!(
            r"(?i-u:\b(?:{alternation})\b)|(?-u:\b[0-9]+\b)"
        ))?;

        Ok(Rules {
            scanner,
            holidays,
            country_starts,
            numbers: map(&lex.numbers),
            teens: lex.compound_numbers.teens.to_lowercase(),
            tens: lex.compound_numbers.tens.to_lowercase(),
            deictic_pairs,
            after_unit: map(&lex.after_unit),
            after_count: map(&lex.after_count),
            anchored: set(&lex.anchored_after_count.words),
            filler: set(&lex.filler.words),
            modifiers: set(&lex.modifiers.words),
            weekend: lex.modifiers.weekend.to_lowercase(),
            month_cues: set(&lex.month_cues.words),
            year_before: set(&lex.year_blockers.before),
            year_after: set(&lex.year_blockers.after),
            weekday_before: set(&lex.weekday_blockers.before),
            forward: set(&lex.tense.forward),
            backward: set(&lex.tense.backward),
            clause_breaks: set(&lex.tense.clause_breaks),
            every: set(&lex.recurrence.every),
            recurrence_verbs: set(&lex.recurrence.verbs),
            recurrence_between: set(&lex.recurrence.between),
            holiday_after: set(&lex.holiday_blockers.after),
            holiday_before: set(&lex.holiday_blockers.before),
            words,
        })
    }

    /// What `key` means as a trigger word, if anything.
    pub(crate) fn word(&self, key: &Key) -> Option<&WordInfo> {
        self.words.get(key.as_str())
    }
}
