//! A heuristic reader of Indonesian date expressions: finds DATE spans as
//! nerbench's annotation guidelines define them and gives each a TIMEX3 value
//! resolved against the document creation time (DCT).
//!
//! It reads absolute dates ("15 Agustus 2023", "15/8/2023", "Juni 2024",
//! "tahun 1990", "1910-45"), weekdays by the tense of their sentence,
//! relative expressions ("pekan lalu", "Awal tahun ini", "tiga hari lalu",
//! "besok"), quarters and halves of years ("kuartal I 2024" is `2024-Q1`,
//! "semester II 2023" `2023-H2`; a quarter without its year is in the DCT's
//! year the tense points to, as a month is), spans of days ("19-20 Maret 2024" is
//! `2024-03-19/2024-03-20`, like the guidelines' span of years) and of
//! months ("Januari-Maret 2024" is `2024-01/2024-03`), and
//! holidays from a data file; recurring statements get X values
//! ("XXXX-06-12"). Durations, counts, money, clock times and years of other
//! calendars ("1445 H") are left alone, except after a holiday that moves,
//! where they pick its occurrence ("Idul Fitri 1445 H", "Nyepi" of "Tahun
//! Baru Saka 1946", "Imlek 2575" of the Kongzili count).
//! Without a DCT it looks for a byline date ("15 Aug 2023, 18:09"), and
//! otherwise leaves what it cannot resolve as X.
//!
//! All words and holidays are data (`data/lexicon.toml`, `data/holidays.tsv`),
//! built in and replaceable through [`DateData`].
//!
//! ```
//! use nerbench_core::{Document, Extractor, NaiveDate};
//! use nerbench_dates::DateExtractor;
//!
//! let doc = Document::new(
//!     "d1",
//!     "Putin membalas surat Kim pada Kamis (12 Oktober), setelah bertemu tahun lalu.",
//! )
//! .with_dct(NaiveDate::from_ymd_opt(2023, 10, 12).unwrap());
//! let dates = DateExtractor::new().extract(&doc);
//! let found: Vec<_> = dates
//!     .iter()
//!     .map(|e| (e.text.as_str(), e.value.as_deref().unwrap()))
//!     .collect();
//! assert_eq!(
//!     found,
//!     [("Kamis", "2023-10-12"), ("12 Oktober", "2023-10-12"), ("tahun lalu", "2022")]
//! );
//! ```

mod calendar;
mod data;
mod parse;
mod resolve;
mod rules;
mod scan;
#[cfg(test)]
mod soup;
mod text;

use nerbench_core::{Document, Entity, Extractor, Label, Settings, Source, Span};

pub use data::{DataError, DateData, Holiday};

use resolve::Resolver;
use rules::Rules;

/// Why a [`DateExtractor`] could not be built from user data.
#[derive(Debug, thiserror::Error)]
pub enum DateError {
    /// The data files are malformed.
    #[error(transparent)]
    Data(#[from] DataError),
    /// The words do not make a valid scanner (for instance, too many).
    #[error("cannot build the date scanner")]
    Scanner(#[from] regex::Error),
}

/// The date extractor: label DATE, values in TIMEX3.
pub struct DateExtractor {
    rules: Rules,
    source: Source,
}

const LABELS: [Label; 1] = [Label::Date];

impl DateExtractor {
    /// The name the registry knows it by.
    pub const NAME: &'static str = "dates";

    /// The extractor with the built-in lexicon and holidays.
    pub fn new() -> DateExtractor {
        // The built-in data is covered by the tests; a failure here is a
        // defect of this crate, not bad input.
        DateExtractor::with_data(&DateData::builtin())
            .unwrap_or_else(|e| panic!("built-in date data is invalid: {e}"))
    }

    /// The extractor over the data the settings name: the built-in data
    /// unless they give a lexicon or holiday files (see [`DateData::load`]).
    pub fn from_settings(settings: &Settings) -> Result<DateExtractor, DateError> {
        let data = DateData::load(
            settings.date_lexicon.as_deref(),
            &settings.holiday_files,
            settings.replace_holidays,
        )?;
        DateExtractor::with_data(&data)
    }

    /// The extractor over user data (see [`DateData::load`]).
    pub fn with_data(data: &DateData) -> Result<DateExtractor, DateError> {
        Ok(DateExtractor {
            rules: Rules::new(data)?,
            source: Source::new(DateExtractor::NAME),
        })
    }
}

impl Default for DateExtractor {
    fn default() -> DateExtractor {
        DateExtractor::new()
    }
}

impl Extractor for DateExtractor {
    fn name(&self) -> &str {
        DateExtractor::NAME
    }

    fn labels(&self) -> &[Label] {
        &LABELS
    }

    fn extract(&self, doc: &Document) -> Vec<Entity> {
        let text = doc.text.as_str();
        let cands = parse::find(&self.rules, text);
        let resolver = Resolver {
            rules: &self.rules,
            text,
        };
        let values = resolver.values(&cands, doc.dct);
        // Candidates come out in order and never overlap, and their ends lie
        // on token boundaries, so every span is valid.
        cands
            .iter()
            .zip(values)
            .filter_map(|(cand, value)| {
                let span = Span::within(text, cand.start, cand.end).ok()?;
                Some(Entity::new(text, span, Label::Date, self.source).with_value(value))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nerbench_core::{overlaps, NaiveDate};

    fn extract(text: &str, dct: Option<(i32, u32, u32)>) -> Vec<(String, String)> {
        let mut doc = Document::new("t", text);
        doc.dct = dct.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
        DateExtractor::new()
            .extract(&doc)
            .into_iter()
            .map(|e| (e.text, e.value.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn output_is_sorted_and_flat() {
        let text = "Senin (14/8) dan Selasa, 15 Agustus 2023, serta pekan lalu dan 2020–2023.";
        let doc = Document::new("t", text).with_dct(NaiveDate::from_ymd_opt(2023, 8, 15).unwrap());
        let found = DateExtractor::new().extract(&doc);
        assert_eq!(found.len(), 6, "{found:?}");
        assert!(overlaps(&found).is_empty());
        assert!(found.windows(2).all(|w| w[0].span < w[1].span));
        assert!(found
            .iter()
            .all(|e| e.label == Label::Date && &*e.source == "dates"));
    }

    #[test]
    fn dct_from_a_byline() {
        let text = "Amastya 15 Aug 2023, 18:09\nPutin pada hari Selasa mengirim surat. Kamis ini ia bertemu.";
        assert_eq!(
            extract(text, None),
            [
                ("15 Aug 2023".to_string(), "2023-08-15".to_string()),
                ("Selasa".to_string(), "2023-08-15".to_string()),
                ("Kamis ini".to_string(), "2023-08-17".to_string()),
            ]
        );
    }

    #[test]
    fn without_any_dct_unresolved_parts_are_x() {
        let text = "Surat dikirim pada Kamis (12 Oktober) dan dibalas tahun lalu, bukan pada 2019.";
        assert_eq!(
            extract(text, None),
            [
                ("Kamis".to_string(), "XXXX-10-12".to_string()),
                ("12 Oktober".to_string(), "XXXX-10-12".to_string()),
                ("tahun lalu".to_string(), "XXXX".to_string()),
                ("2019".to_string(), "2019".to_string()),
            ]
        );
    }

    #[test]
    fn arbitrary_text_never_panics_and_gives_valid_spans() {
        let pieces = [
            "12",
            "/",
            "8",
            "-",
            "2023",
            " ",
            " ",
            "\u{a0}",
            "Oktober",
            "Agu",
            ".",
            "Kamis",
            "(",
            ")",
            "ä",
            "’",
            "tahun",
            "lalu",
            "ini",
            "Hari",
            "Nasional",
            "Rusia",
            "\n",
            "dua",
            "belas",
            "setiap",
            "dirayakan",
            "Jum'at",
            "–",
            ":",
            "09",
            "Tahun Baru",
            "akhir",
            "pekan",
            "an",
            "Rp",
            "€",
            "kemarin",
            "Minggu",
            "29",
            "Februari",
            "1990",
            "45",
        ];
        let extractor = DateExtractor::new();
        for text in crate::soup::texts(&pieces, 3000, |round| round % 16 + 1) {
            for dct in [None, NaiveDate::from_ymd_opt(2024, 2, 29)] {
                let mut doc = Document::new("r", text.as_str());
                doc.dct = dct;
                let found = DateExtractor::extract(&extractor, &doc);
                assert!(overlaps(&found).is_empty(), "{text:?}");
                assert!(found.windows(2).all(|w| w[0].span < w[1].span), "{text:?}");
                for e in &found {
                    assert_eq!(text[e.span.range()], e.text);
                    assert!(
                        e.value.as_deref().is_some_and(|v| !v.is_empty()),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn user_holidays_are_found() {
        let mut data = DateData::builtin();
        data.add_holidays(
            "03-01\tContoh\tHari Contoh Raya\tmade up for a test\n",
            "extra.tsv",
        )
        .unwrap();
        let extractor = DateExtractor::with_data(&data).unwrap();
        let doc = Document::new("t", "Mereka merayakan Hari Contoh Raya bersama.")
            .with_dct(NaiveDate::from_ymd_opt(2024, 2, 20).unwrap());
        let found = extractor.extract(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "Hari Contoh Raya");
        assert_eq!(found[0].value.as_deref(), Some("2024-03-01"));
    }
}
