//! The extractor's data: the word lexicon (TOML) and the holiday list (TSV),
//! built in or read from user files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::calendar;

const BUILTIN_LEXICON: &str = include_str!("../data/lexicon.toml");
const BUILTIN_HOLIDAYS: &str = include_str!("../data/holidays.tsv");
const BUILTIN_MOVABLE_HOLIDAYS: &str = include_str!("../data/holidays_movable.tsv");

/// Why date data could not be loaded. Every variant names the file (or
/// built-in source) it comes from; line-level problems carry the line.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// The file could not be read.
    #[error("{origin}: cannot read")]
    Read {
        origin: String,
        #[source]
        source: std::io::Error,
    },
    /// The lexicon is not valid TOML for the expected shape (the message
    /// from the TOML parser gives the line and column).
    #[error("{origin}: {message}")]
    LexiconSyntax { origin: String, message: String },
    /// The lexicon parses but says something impossible.
    #[error("{origin}:{line}: {message}")]
    Lexicon {
        origin: String,
        line: usize,
        message: String,
    },
    /// A line of a holiday file is malformed.
    #[error("{origin}:{line}: {message}")]
    Holidays {
        origin: String,
        line: usize,
        message: String,
    },
}

/// Word lists of the lexicon file; see `data/lexicon.toml` for what each means.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Lexicon {
    pub month: Vec<MonthEntry>,
    pub weekday: Vec<WeekdayEntry>,
    pub units: Units,
    pub single_units: Units,
    pub numbers: BTreeMap<String, u32>,
    pub compound_numbers: CompoundNumbers,
    pub deictic: BTreeMap<String, i32>,
    pub deictic_pairs: BTreeMap<String, i32>,
    pub after_unit: BTreeMap<String, i32>,
    pub after_count: BTreeMap<String, i32>,
    pub anchored_after_count: Words,
    pub filler: Words,
    pub modifiers: Modifiers,
    pub month_cues: Words,
    pub year_blockers: BeforeAfter,
    pub weekday_blockers: Before,
    pub tense: Tense,
    pub recurrence: Recurrence,
    pub holiday_blockers: BeforeAfter,
    /// Words that mark a year of another calendar ("H", "Saka").
    #[serde(default)]
    pub other_calendars: OtherCalendars,
    /// Capitalised words of competitions' and events' names that hold their
    /// year ("Piala Dunia 2026").
    #[serde(default)]
    pub event_names: Option<Words>,
    /// Parts of a year named by number ("kuartal" 4, "semester" 2).
    #[serde(default)]
    pub periods: BTreeMap<String, toml::Spanned<u32>>,
    /// Ordinals of those parts ("pertama", "II").
    #[serde(default)]
    pub period_numbers: BTreeMap<String, toml::Spanned<u32>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MonthEntry {
    pub number: toml::Spanned<u32>,
    pub names: Vec<String>,
    pub abbrevs: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WeekdayEntry {
    pub number: toml::Spanned<u32>,
    pub names: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Units {
    pub day: Vec<String>,
    pub week: Vec<String>,
    pub month: Vec<String>,
    pub year: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CompoundNumbers {
    pub teens: String,
    pub tens: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OtherCalendars {
    pub hijri: Vec<String>,
    pub saka: Vec<String>,
    pub chinese: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Words {
    pub words: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Modifiers {
    pub words: Vec<String>,
    pub weekend: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BeforeAfter {
    pub before: Vec<String>,
    pub after: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Before {
    pub before: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Tense {
    pub forward: Vec<String>,
    pub backward: Vec<String>,
    pub clause_breaks: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Recurrence {
    pub every: Vec<String>,
    pub verbs: Vec<String>,
    pub between: Vec<String>,
}

/// A holiday or named day on one date: every year (fixed-date holidays), or
/// in one year (a holiday that moves, such as Idul Fitri, has a row for each
/// year).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holiday {
    /// The year the date holds for; `None`: every year.
    pub year: Option<i32>,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
    /// The country it belongs to, as Indonesian names it; `None` for
    /// international days.
    pub country: Option<String>,
    /// The names it goes by in Indonesian news, as capitalised there.
    pub names: Vec<String>,
    /// Where the date comes from.
    pub source: String,
}

/// Everything the date extractor reads: its lexicon and its holidays.
///
/// [`DateData::builtin`] is the data shipped in the crate; a user lexicon
/// replaces the built-in one, user holiday files add to (or replace) the
/// built-in list.
#[derive(Clone, Debug)]
pub struct DateData {
    pub(crate) lexicon: Lexicon,
    pub(crate) holidays: Vec<Holiday>,
}

impl DateData {
    /// The built-in lexicon and holidays.
    pub fn builtin() -> DateData {
        // The built-in files are checked by this crate's tests, so failing
        // here is a build defect, not bad user input.
        let load = || -> Result<DateData, DataError> {
            let mut data = DateData::from_strs(
                BUILTIN_LEXICON,
                "built-in lexicon.toml",
                BUILTIN_HOLIDAYS,
                "built-in holidays.tsv",
            )?;
            data.add_holidays(BUILTIN_MOVABLE_HOLIDAYS, "built-in holidays_movable.tsv")?;
            Ok(data)
        };
        load().unwrap_or_else(|e| panic!("built-in date data is invalid: {e}"))
    }

    /// Data from the texts of a lexicon and a holiday file; `*_origin` names
    /// them in errors.
    pub fn from_strs(
        lexicon: &str,
        lexicon_origin: &str,
        holidays: &str,
        holidays_origin: &str,
    ) -> Result<DateData, DataError> {
        Ok(DateData {
            lexicon: parse_lexicon(lexicon, lexicon_origin)?,
            holidays: parse_holidays(holidays, holidays_origin)?,
        })
    }

    /// The built-in data changed by user files: `lexicon` replaces the
    /// built-in lexicon; `holidays` are added to the built-in holidays, or
    /// replace them if `replace_holidays`.
    pub fn load(
        lexicon: Option<&Path>,
        holidays: &[PathBuf],
        replace_holidays: bool,
    ) -> Result<DateData, DataError> {
        let mut data = DateData::builtin();
        if let Some(path) = lexicon {
            data.lexicon = parse_lexicon(&read(path)?, &path.display().to_string())?;
        }
        if replace_holidays {
            data.holidays.clear();
        }
        for path in holidays {
            data.add_holidays(&read(path)?, &path.display().to_string())?;
        }
        Ok(data)
    }

    /// Adds the holidays of a TSV text (format of `data/holidays.tsv`).
    pub fn add_holidays(&mut self, tsv: &str, origin: &str) -> Result<(), DataError> {
        self.holidays.extend(parse_holidays(tsv, origin)?);
        Ok(())
    }

    /// The holidays known.
    pub fn holidays(&self) -> &[Holiday] {
        &self.holidays
    }
}

fn read(path: &Path) -> Result<String, DataError> {
    std::fs::read_to_string(path).map_err(|source| DataError::Read {
        origin: path.display().to_string(),
        source,
    })
}

/// 1-based line of byte `offset` in `text`.
fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Line of the first quoted occurrence of `word`, for errors about a word
/// (1 if it is only written with escapes).
fn line_of_word(text: &str, word: &str) -> usize {
    [format!("\"{word}\""), format!("'{word}'")]
        .iter()
        .filter_map(|quoted| text.find(quoted.as_str()))
        .min()
        .map_or(1, |offset| line_at(text, offset))
}

fn parse_lexicon(text: &str, origin: &str) -> Result<Lexicon, DataError> {
    let lexicon: Lexicon = toml::from_str(text).map_err(|e| DataError::LexiconSyntax {
        origin: origin.to_string(),
        message: e.to_string(),
    })?;
    let fail = |line: usize, message: String| DataError::Lexicon {
        origin: origin.to_string(),
        line,
        message,
    };
    for month in &lexicon.month {
        if !(1..=12).contains(month.number.get_ref()) {
            let line = line_at(text, month.number.span().start);
            return Err(fail(
                line,
                format!("month number {} is not 1–12", month.number.get_ref()),
            ));
        }
    }
    for weekday in &lexicon.weekday {
        if calendar::weekday_of(*weekday.number.get_ref()).is_none() {
            let line = line_at(text, weekday.number.span().start);
            return Err(fail(
                line,
                format!("weekday number {} is not 1–7", weekday.number.get_ref()),
            ));
        }
    }
    // TIMEX3 names quarters (Q1–Q4) and halves (H1–H2) of a year only.
    for (word, parts) in &lexicon.periods {
        if !matches!(parts.get_ref(), 2 | 4) {
            return Err(fail(
                line_at(text, parts.span().start),
                format!(
                    "{word:?}: a year has 2 or 4 such parts, not {}",
                    parts.get_ref()
                ),
            ));
        }
    }
    for (word, n) in &lexicon.period_numbers {
        if !(1..=4).contains(n.get_ref()) {
            return Err(fail(
                line_at(text, n.span().start),
                format!(
                    "{word:?}: a part of a year is numbered 1–4, not {}",
                    n.get_ref()
                ),
            ));
        }
    }
    // Words the scanner looks for must be single lowercase words: the
    // scanner matches words, not phrases.
    let single_words = lexicon
        .month
        .iter()
        .flat_map(|m| m.names.iter().chain(&m.abbrevs))
        .chain(lexicon.weekday.iter().flat_map(|w| &w.names))
        .chain(all_units(&lexicon.units))
        .chain(all_units(&lexicon.single_units))
        .chain(lexicon.deictic.keys())
        .chain(lexicon.numbers.keys())
        .chain(lexicon.after_unit.keys())
        .chain(lexicon.after_count.keys())
        .chain(lexicon.periods.keys())
        .chain(lexicon.period_numbers.keys());
    for word in single_words {
        if word.is_empty()
            || word
                .chars()
                .any(|c| c.is_whitespace() || c.is_ascii_uppercase())
        {
            return Err(fail(
                line_of_word(text, word),
                format!("{word:?} must be one lowercase word"),
            ));
        }
    }
    for pair in lexicon.deictic_pairs.keys() {
        if pair.split_whitespace().count() != 2 {
            return Err(fail(
                line_of_word(text, pair),
                format!("deictic pair {pair:?} must be two words"),
            ));
        }
    }
    Ok(lexicon)
}

fn all_units(units: &Units) -> impl Iterator<Item = &String> {
    units
        .day
        .iter()
        .chain(&units.week)
        .chain(&units.month)
        .chain(&units.year)
}

fn parse_holidays(text: &str, origin: &str) -> Result<Vec<Holiday>, DataError> {
    let mut holidays = Vec::new();
    let mut header_seen = false;
    for (index, line) in text.lines().enumerate() {
        let fail = |message: String| DataError::Holidays {
            origin: origin.to_string(),
            line: index + 1,
            message,
        };
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if !header_seen {
            header_seen = true;
            if fields == ["date", "country", "names", "source"] {
                continue;
            }
        }
        let [date, country, names, source] = fields[..] else {
            return Err(fail(format!(
                "expected 4 tab-separated fields (date, country, names, source), found {}",
                fields.len()
            )));
        };
        // MM-DD (every year) or YYYY-MM-DD (that year only).
        let numbers: Vec<Option<u32>> = date.split('-').map(|n| n.parse().ok()).collect();
        let (year, month, day) = match numbers[..] {
            [Some(m), Some(d)] if calendar::is_day_of_year(m, d) => (None, m, d),
            [Some(y), Some(m), Some(d)]
                if date.len() == 10
                    && chrono::NaiveDate::from_ymd_opt(y as i32, m, d).is_some() =>
            {
                (Some(y as i32), m, d)
            }
            _ => {
                return Err(fail(format!(
                    "{date:?} is not a month-day such as 06-12 nor a date such as 2024-04-10"
                )))
            }
        };
        let names: Vec<String> = names
            .split('|')
            .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        if names.iter().any(|n| n.is_empty()) {
            return Err(fail("empty holiday name".to_string()));
        }
        if source.trim().is_empty() {
            return Err(fail("every holiday needs a source".to_string()));
        }
        let country = country.trim();
        holidays.push(Holiday {
            year,
            month,
            day,
            country: (!country.is_empty() && country != "-").then(|| country.to_string()),
            names,
            source: source.trim().to_string(),
        });
    }
    Ok(holidays)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_loads() {
        let data = DateData::builtin();
        assert_eq!(data.lexicon.month.len(), 12);
        assert_eq!(data.lexicon.weekday.len(), 7);
        assert!(data.holidays.len() > 100);
        let russia = data
            .holidays
            .iter()
            .find(|h| h.names.iter().any(|n| n == "Hari Nasional Rusia"))
            .unwrap();
        assert_eq!((russia.month, russia.day), (6, 12));
        assert_eq!(russia.country.as_deref(), Some("Rusia"));
        assert!(data.holidays.iter().all(|h| !h.source.is_empty()));
        // The generated list of holidays that move: a row per holiday and year.
        let lebaran = data
            .holidays
            .iter()
            .filter(|h| h.names.iter().any(|n| n == "Lebaran"))
            .count();
        assert!(lebaran > 30, "{lebaran} dates of Lebaran");
        assert!(russia.year.is_none());
    }

    #[test]
    fn bad_holiday_lines_name_file_and_line() {
        let text = "# comment\ndate\tcountry\tnames\tsource\n06-12\tRusia\tHari Rusia\tWikipedia\n13-01\tX\tHari X\ts\n";
        let err = parse_holidays(text, "my.tsv").unwrap_err();
        assert_eq!(
            err.to_string(),
            "my.tsv:4: \"13-01\" is not a month-day such as 06-12 nor a date such as 2024-04-10"
        );
        for bad in ["2023-02-29", "2024-4-10", "24-04-10", "2024-04-10-01"] {
            let line = format!("{bad}\t-\tHari X\ts\n");
            let err = parse_holidays(&line, "my.tsv").unwrap_err();
            assert!(err.to_string().contains(bad), "{err}");
        }
        let dated = parse_holidays("2024-04-10\tIndonesia\tLebaran\ts\n", "my.tsv").unwrap();
        assert_eq!(
            (dated[0].year, dated[0].month, dated[0].day),
            (Some(2024), 4, 10)
        );
        let err = parse_holidays("06-12\tRusia\tHari Rusia\n", "my.tsv").unwrap_err();
        assert!(err.to_string().starts_with("my.tsv:1: expected 4"), "{err}");
        let err = parse_holidays("02-30\t-\tHari X\ts\n", "my.tsv").unwrap_err();
        assert!(err.to_string().contains("02-30"), "{err}");
        let err = parse_holidays("02-28\t-\tHari X\t \n", "my.tsv").unwrap_err();
        assert!(err.to_string().contains("source"), "{err}");
    }

    #[test]
    fn bad_lexicons_name_file_and_line() {
        let line_of = |needle: &str| {
            BUILTIN_LEXICON[..BUILTIN_LEXICON.find(needle).unwrap()]
                .matches('\n')
                .count()
                + 1
        };
        for (from, to, message) in [
            ("number = 12", "number = 13", "month number 13 is not 1–12"),
            (
                "kuartal = 4",
                "kuartal = 3",
                "\"kuartal\": a year has 2 or 4 such parts, not 3",
            ),
            (
                "keempat = 4",
                "kelima = 5",
                "\"kelima\": a part of a year is numbered 1–4, not 5",
            ),
        ] {
            let bad = BUILTIN_LEXICON.replacen(from, to, 1);
            assert_eq!(
                parse_lexicon(&bad, "lex.toml").unwrap_err().to_string(),
                format!("lex.toml:{}: {message}", line_of(from))
            );
        }

        let two_words = BUILTIN_LEXICON.replacen("\"kamis\"", "\"hari kamis\"", 1);
        let err = parse_lexicon(&two_words, "lex.toml").unwrap_err();
        assert!(
            err.to_string().contains("must be one lowercase word"),
            "{err}"
        );

        // Lexicons written before these sections existed still load.
        let start = BUILTIN_LEXICON.find("[periods]").unwrap();
        let end = BUILTIN_LEXICON.find("# A leading word").unwrap();
        let older = format!("{}{}", &BUILTIN_LEXICON[..start], &BUILTIN_LEXICON[end..]);
        assert!(parse_lexicon(&older, "old.toml")
            .unwrap()
            .periods
            .is_empty());

        let err = parse_lexicon("month = 3\n", "lex.toml").unwrap_err();
        assert!(matches!(err, DataError::LexiconSyntax { .. }));
        assert!(err.to_string().starts_with("lex.toml: "), "{err}");
    }

    #[test]
    fn user_files_add_or_replace_holidays() {
        let dir = std::env::temp_dir().join(format!("nerbench-dates-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("extra.tsv");
        std::fs::write(&file, "03-01\tContoh\tHari Contoh\tmade up for a test\n").unwrap();
        let added = DateData::load(None, std::slice::from_ref(&file), false).unwrap();
        assert_eq!(
            added.holidays().len(),
            DateData::builtin().holidays().len() + 1
        );
        let replaced = DateData::load(None, std::slice::from_ref(&file), true).unwrap();
        assert_eq!(replaced.holidays().len(), 1);
        let missing = DateData::load(Some(&dir.join("missing.toml")), &[], false).unwrap_err();
        assert!(matches!(missing, DataError::Read { .. }));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
