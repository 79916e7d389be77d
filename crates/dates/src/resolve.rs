//! Turning found expressions into TIMEX3 values against the document
//! creation time (DCT), read literally as the annotation guidelines ask.

use chrono::{Datelike, NaiveDate};

use crate::calendar::{self, Dir, Timex};
use crate::parse::{Cand, HolidayYear, Kind, Rel, YearSpec};
use crate::rules::{marker, Calendar, HolidayDate, Rules, Unit};
use crate::text::{self, digits, next_tok, prev_tok, Key, Tok};

/// Reads the text around expressions: tense, recurrence, bylines.
pub(crate) struct Resolver<'a> {
    pub rules: &'a Rules,
    pub text: &'a str,
}

/// What the sentence around an expression says about it.
#[derive(Clone, Copy, Debug, Default)]
struct Facts {
    tense: Option<Dir>,
    every_year: bool,
}

/// What the tense scan found in a sentence.
#[derive(Debug, Default)]
struct Sentence {
    /// The sentence's bytes, once read.
    range: Option<(usize, usize)>,
    /// "setiap tahun" somewhere in it.
    every_year: bool,
    /// Its words with a `CLAUSE_BREAK`, `FORWARD` or `BACKWARD` flag.
    markers: Vec<(Tok, u8)>,
}

/// A resolved value, and the day it pins down if it is one day.
struct Value {
    timex: String,
    day: Option<NaiveDate>,
}

impl Value {
    fn day(day: NaiveDate) -> Value {
        Value {
            timex: calendar::ymd(day),
            day: Some(day),
        }
    }

    fn other(timex: String) -> Value {
        Value { timex, day: None }
    }
}

/// The latest date the text gave, at each granularity, from which "dua
/// hari kemudian", "tiga bulan kemudian", "dua tahun kemudian" count: the
/// latest full day, the latest month of a known year (from a day or a month)
/// and the latest year (from any of the three).
#[derive(Clone, Copy, Debug, Default)]
struct Anchor {
    day: Option<NaiveDate>,
    month: Option<(i32, u32)>,
    year: Option<i32>,
}

impl Anchor {
    /// Takes in a resolved value: a day, `YYYY-MM` or `YYYY`. Weeks,
    /// quarters, spans and values left open say nothing here.
    fn note(&mut self, value: &Value) {
        if let Some(day) = value.day {
            *self = Anchor {
                day: Some(day),
                month: Some((day.year(), day.month())),
                year: Some(day.year()),
            };
            return;
        }
        let t = value.timex.as_bytes();
        let digits = |r: std::ops::Range<usize>| t[r].iter().all(u8::is_ascii_digit);
        let year = || value.timex[..4].parse().ok();
        match t.len() {
            4 if digits(0..4) => self.year = year(),
            7 if digits(0..4) && t[4] == b'-' && digits(5..7) => {
                if let (Some(y), Ok(m)) = (year(), value.timex[5..].parse()) {
                    self.month = Some((y, m));
                    self.year = Some(y);
                }
            }
            _ => {}
        }
    }
}

/// A weekday that the tense of its sentence places ("Kamis"), not one of a
/// named week ("Kamis ini") or of every week.
fn is_plain_weekday(cand: &Cand) -> bool {
    matches!(
        cand.kind,
        Kind::Weekday {
            rel: Rel::Tense,
            week: None,
            ..
        }
    )
}

impl Resolver<'_> {
    fn key(&self, tok: Tok) -> Key {
        Key::of(self.text, tok)
    }

    /// The TIMEX3 value of each candidate, in order.
    pub(crate) fn values(&self, cands: &[Cand], dct: Option<NaiveDate>) -> Vec<String> {
        let dct = dct.or_else(|| self.infer_dct(cands));
        let mut anchor = Anchor::default();
        let mut values: Vec<Value> = Vec::with_capacity(cands.len());
        let mut sentence = Sentence::default();
        for cand in cands {
            let value = self.value(cand, dct, anchor, &mut sentence);
            anchor.note(&value);
            values.push(value);
        }
        // "Kamis (12 Oktober)", "Selasa, 15/8/2023": the weekday takes the
        // date's value.
        for i in 1..values.len() {
            let (weekday, date) = (&cands[i - 1], &cands[i]);
            let linked = is_plain_weekday(weekday)
                && matches!(date.kind, Kind::Date { .. })
                && matches!(self.between(weekday, date), "(" | ",");
            if linked {
                values[i - 1].timex = values[i].timex.clone();
            }
        }
        // "Sabtu-Minggu (7-8/12)": a pair of weekdays takes the two ends of
        // the span of days in brackets after it.
        for i in 2..values.len() {
            let (first, second, days) = (&cands[i - 2], &cands[i - 1], &cands[i]);
            let paired = is_plain_weekday(first)
                && is_plain_weekday(second)
                && matches!(days.kind, Kind::DayRange { .. })
                && matches!(
                    self.between(first, second),
                    "-" | "–" | "dan" | "hingga" | "sampai"
                )
                && self.between(second, days) == "(";
            if let Some((from, to)) = paired.then(|| values[i].timex.split_once('/')).flatten() {
                let (from, to) = (from.to_string(), to.to_string());
                values[i - 2].timex = from;
                values[i - 1].timex = to;
            }
        }
        values.into_iter().map(|v| v.timex).collect()
    }

    /// The text between two candidates, without the spaces around it.
    fn between(&self, a: &Cand, b: &Cand) -> &str {
        self.text[a.end..b.start].trim()
    }

    fn value(
        &self,
        cand: &Cand,
        dct: Option<NaiveDate>,
        anchor: Anchor,
        sentence: &mut Sentence,
    ) -> Value {
        // Only expressions that leave something to the context read their sentence.
        let needs_context = matches!(
            cand.kind,
            Kind::Date {
                year: YearSpec::Infer(_),
                ..
            } | Kind::Month {
                year: YearSpec::Infer(_),
                ..
            } | Kind::DayRange {
                year: YearSpec::Infer(_),
                ..
            } | Kind::MonthRange {
                year: YearSpec::Infer(_),
                ..
            } | Kind::Weekday { .. }
                | Kind::Holiday { year: None, .. }
        );
        let facts = if needs_context {
            self.facts(cand, sentence)
        } else {
            Facts::default()
        };
        let recurrent = || self.recurrent(cand, facts);
        // The year of a span of days or months, which the first of them
        // takes; none where the sentence states a yearly fact.
        let span_year = |year: YearSpec, pick: &dyn Fn(NaiveDate, Dir) -> Option<i32>| {
            let recurring = matches!(year, YearSpec::Infer(Rel::Tense)) && recurrent();
            (!recurring)
                .then(|| Self::year_of(year, dct, facts, pick))
                .flatten()
        };
        match cand.kind {
            Kind::Year(y) => Value::other(Timex::new().num(y, 4).done()),
            Kind::Decade(d) => Value::other(Timex::new().num(d, 3).done()),
            Kind::YearRange(a, b) => {
                Value::other(Timex::new().num(a, 4).text("/").num(b, 4).done())
            }
            Kind::Date { year, month, day } => {
                if let YearSpec::Infer(Rel::Tense) = year {
                    if recurrent() {
                        return Value::other(unknown_year(month, day));
                    }
                }
                let year = Self::year_of(year, dct, facts, |dct, dir| {
                    calendar::year_for_day(dct, month, day, dir)
                });
                match year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day)) {
                    Some(d) => Value::day(d),
                    None => Value::other(unknown_year(month, day)),
                }
            }
            Kind::DayRange {
                year,
                month,
                from,
                to,
            } => {
                // "1910/1945" for a span of years, "2024-03-19/2024-03-20"
                // for one of days.
                let year = span_year(year, &|dct, dir| {
                    calendar::year_for_day(dct, month, from, dir)
                });
                let day = |d| match year.and_then(|y| NaiveDate::from_ymd_opt(y, month, d)) {
                    Some(date) => calendar::ymd(date),
                    None => unknown_year(month, d),
                };
                Value::other(format!("{}/{}", day(from), day(to)))
            }
            Kind::MonthRange { year, from, to } => {
                let year = span_year(year, &|dct, dir| {
                    Some(calendar::year_for_month(dct, from, dir))
                });
                let month = |m| match year {
                    Some(y) => Timex::new().num(y, 4).text("-").num(m, 2).done(),
                    None => unknown_year_month(m),
                };
                Value::other(format!("{}/{}", month(from), month(to)))
            }
            Kind::Period { parts, n, year } => {
                // A quarter without its year is in the year its first
                // month would be.
                let first_month = (n - 1) * (12 / parts) + 1;
                let year = Self::year_of(year, dct, facts, |dct, dir| {
                    Some(calendar::year_for_month(dct, first_month, dir))
                });
                let part = if parts == 4 { "-Q" } else { "-H" };
                let timex = match year {
                    Some(y) => Timex::new().num(y, 4),
                    None => Timex::new().text("XXXX"),
                };
                Value::other(timex.text(part).num(n, 0).done())
            }
            Kind::Month { year, month } => {
                if let YearSpec::Infer(Rel::Tense) = year {
                    if recurrent() {
                        return Value::other(unknown_year_month(month));
                    }
                }
                let year = Self::year_of(year, dct, facts, |dct, dir| {
                    Some(calendar::year_for_month(dct, month, dir))
                });
                match year {
                    Some(y) => Value::other(Timex::new().num(y, 4).text("-").num(month, 2).done()),
                    None => Value::other(unknown_year_month(month)),
                }
            }
            Kind::Weekday { day, rel, week } => {
                let (Some(dct), Some(weekday), false) =
                    (dct, calendar::weekday_of(day), recurrent())
                else {
                    return Value::other(unknown_week(day));
                };
                let found = match week {
                    Some(weeks) => calendar::weekday_in_week(dct, weekday, weeks.into()),
                    None => {
                        calendar::weekday_from(dct, weekday, Self::direction(rel, facts, Dir::Back))
                    }
                };
                found.map_or_else(|| Value::other(unknown_week(day)), Value::day)
            }
            Kind::Offset {
                unit,
                n,
                anchored,
                weekend,
            } => {
                // Counted from the latest date the text gave that is precise
                // enough for the unit (a month or a year stands for its
                // first day, of which only the month or year is read), else
                // from the DCT.
                let base = if anchored {
                    let coarse = match unit {
                        Unit::Month => anchor
                            .month
                            .and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1)),
                        Unit::Year => anchor.year.and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)),
                        Unit::Day | Unit::Week => None,
                    };
                    coarse.or(anchor.day).or(dct)
                } else {
                    dct
                };
                offset_value(base, unit, n, weekend)
            }
            Kind::Holiday {
                date: HolidayDate::Fixed { month, day },
                year,
            } => {
                let year = match (year, dct) {
                    (Some(HolidayYear::Gregorian(y)), _) => Some(y),
                    // The occurrence the text is about: the one nearest the
                    // DCT, whatever the tense of the sending verb.
                    (None, Some(dct)) if !recurrent() => {
                        calendar::year_for_day(dct, month, day, Dir::Nearest)
                    }
                    _ => None,
                };
                match year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day)) {
                    Some(d) => Value::day(d),
                    None => Value::other(unknown_year(month, day)),
                }
            }
            Kind::Holiday {
                date: HolidayDate::Movable(index),
                year,
            } => {
                let dates = &self.rules.movable[index];
                let found = match (year, dct) {
                    (Some(year), _) => occurrence_in(dates, year),
                    (None, Some(dct)) if !recurrent() => nearest(dates, dct),
                    _ => None,
                };
                found.map_or_else(|| Value::other("XXXX-XX-XX".to_string()), Value::day)
            }
        }
    }

    /// The year `year` gives: written, relative to the DCT's, or (left to
    /// the context) the one `pick` chooses from the DCT in the direction the
    /// expression's tense allows.
    fn year_of(
        year: YearSpec,
        dct: Option<NaiveDate>,
        facts: Facts,
        pick: impl FnOnce(NaiveDate, Dir) -> Option<i32>,
    ) -> Option<i32> {
        match (year, dct) {
            (YearSpec::Explicit(y), _) => Some(y),
            (YearSpec::Relative(n), Some(dct)) => Some(dct.year() + n),
            (YearSpec::Infer(rel), Some(dct)) => {
                pick(dct, Self::direction(rel, facts, Dir::Nearest))
            }
            (_, None) => None,
        }
    }

    /// The direction an expression points: its own relative word, else the
    /// tense of its clause, else `default`.
    fn direction(rel: Rel, facts: Facts, default: Dir) -> Dir {
        match rel {
            Rel::Past => Dir::StrictBack,
            Rel::Current => Dir::Forward,
            Rel::Future => Dir::StrictForward,
            Rel::Tense => facts.tense.unwrap_or(default),
        }
    }

    /// Reads the sentence around `cand` once: the direction of the nearest
    /// tense marker in its clause ("akan", "telah", "lalu"…) and whether it
    /// speaks of every year ("setiap tahun"). `sentence` keeps what the last
    /// sentence read says, for the next expression in the same one.
    fn facts(&self, cand: &Cand, sentence: &mut Sentence) -> Facts {
        let (start, end) = text::sentence(self.text, cand.start, cand.end);
        if sentence.range != Some((start, end)) {
            self.read_sentence(start, end, sentence);
        }
        let mut before: Option<(usize, Dir)> = None;
        let mut after: Option<(usize, Dir)> = None;
        let mut clause_closed = false;
        for &(t, flags) in &sentence.markers {
            if clause_closed || (t.end > cand.start && t.start < cand.end) {
                continue;
            }
            if flags & marker::CLAUSE_BREAK != 0 {
                if t.end <= cand.start {
                    before = None;
                } else {
                    clause_closed = true;
                }
                continue;
            }
            let dir = if flags & marker::FORWARD != 0 {
                Dir::Forward
            } else {
                Dir::Back
            };
            if t.end <= cand.start {
                before = Some((cand.start - t.end, dir));
            } else if after.is_none() {
                after = Some((t.start - cand.end, dir));
            }
        }
        let tense = match (before, after) {
            (Some((db, b)), Some((da, a))) => Some(if da < db { a } else { b }),
            (Some((_, d)), None) | (None, Some((_, d))) => Some(d),
            (None, None) => None,
        };
        Facts {
            tense,
            every_year: sentence.every_year,
        }
    }

    /// The words of `start..end` that bear on tense, and whether it speaks
    /// of every year ("setiap" right before "tahun").
    fn read_sentence(&self, start: usize, end: usize, sentence: &mut Sentence) {
        sentence.range = Some((start, end));
        sentence.every_year = false;
        sentence.markers.clear();
        let mut after_every = false;
        // Marker words are ASCII: reading ASCII letter runs byte by byte is
        // enough here and much cheaper than decoding every char.
        let bytes = self.text.as_bytes();
        let mut i = start;
        while i < end {
            if !bytes[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let word_start = i;
            while i < end && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let t = Tok {
                start: word_start,
                end: i,
            };
            let flags = self
                .rules
                .sentence_markers
                .get_word(&self.text[t.start..t.end])
                .copied()
                .unwrap_or(0);
            sentence.every_year |= after_every && flags & marker::YEAR != 0;
            after_every = flags & marker::EVERY != 0;
            if flags & (marker::CLAUSE_BREAK | marker::FORWARD | marker::BACKWARD) != 0 {
                sentence.markers.push((t, flags));
            }
        }
    }

    /// True if `cand` is in a statement about every year or week: "setiap
    /// Senin", "dirayakan pada tanggal 12 Juni", "Natal dirayakan setiap …".
    fn recurrent(&self, cand: &Cand, facts: Facts) -> bool {
        let rules = self.rules;
        if facts.every_year {
            return true;
        }
        let mut pos = cand.start;
        for _ in 0..4 {
            let Some(t) = prev_tok(self.text, pos) else {
                break;
            };
            let key = self.key(t);
            if rules.every.contains(key.as_bytes()) {
                return true;
            }
            if rules.recurrence_verbs.contains(key.as_bytes()) {
                return facts.tense.is_none();
            }
            if !rules.recurrence_between.contains(key.as_bytes()) {
                break;
            }
            pos = t.start;
        }
        // A holiday as the subject: "<holiday> dirayakan pada 12 Juni".
        if let Kind::Holiday { .. } = cand.kind {
            let mut pos = cand.end;
            let mut seen_verb = false;
            for _ in 0..5 {
                let Some(t) = next_tok(self.text, pos) else {
                    break;
                };
                let key = self.key(t);
                if seen_verb
                    && (digits(self.text, t).is_some() || rules.every.contains(key.as_bytes()))
                {
                    return facts.tense.is_none();
                }
                if rules.recurrence_verbs.contains(key.as_bytes()) {
                    seen_verb = true;
                } else if !rules.recurrence_between.contains(key.as_bytes()) {
                    break;
                }
                pos = t.end;
            }
        }
        false
    }

    /// A DCT read from a byline or dateline: the first full date followed by
    /// a clock time ("15 Aug 2023, 18:09") or preceded by a weekday and a
    /// comma ("Selasa, 15 Agustus 2023").
    fn infer_dct(&self, cands: &[Cand]) -> Option<NaiveDate> {
        cands.iter().enumerate().find_map(|(i, cand)| {
            let Kind::Date {
                year: YearSpec::Explicit(y),
                month,
                day,
            } = cand.kind
            else {
                return None;
            };
            let after_weekday = i > 0
                && matches!(cands[i - 1].kind, Kind::Weekday { .. })
                && self.text[cands[i - 1].end..cand.start].trim() == ",";
            (after_weekday || self.clock_follows(cand.end))
                .then(|| NaiveDate::from_ymd_opt(y, month, day))?
        })
    }

    /// True if a clock time ("18:09", "pukul 18.09") follows `pos`, with at
    /// most a couple of separators between.
    fn clock_follows(&self, mut pos: usize) -> bool {
        for _ in 0..3 {
            let Some(t) = next_tok(self.text, pos) else {
                return false;
            };
            if digits(self.text, t).is_some() && t.end - t.start <= 2 {
                let rest = &self.text[t.end..];
                let minutes = rest
                    .get(1..3)
                    .is_some_and(|m| m.bytes().all(|b| b.is_ascii_digit()));
                return (rest.starts_with(':') || rest.starts_with('.')) && minutes;
            }
            let skip = matches!(&self.text[t.start..t.end], "," | "|" | "-" | "–" | "/")
                || matches!(self.key(t).as_bytes(), b"pukul" | b"jam");
            if !skip {
                return false;
            }
            pos = t.end;
        }
        false
    }
}

/// `XXXX-MM`.
fn unknown_year_month(month: u32) -> String {
    Timex::new().text("XXXX-").num(month, 2).done()
}

/// `XXXX-WXX-D`: a weekday of no particular week.
fn unknown_week(day: u32) -> String {
    Timex::new().text("XXXX-WXX-").num(day, 0).done()
}

/// `XXXX-MM-DD`.
fn unknown_year(month: u32, day: u32) -> String {
    Timex::new()
        .text("XXXX-")
        .num(month, 2)
        .text("-")
        .num(day, 2)
        .done()
}

/// How many years the Kongzili count is ahead of the Gregorian one.
const KONGZILI_AHEAD: i32 = 551;
/// The Kongzili year of Gregorian 2000: news of this era writes no higher
/// Gregorian year and no lower Kongzili one.
const KONGZILI_FROM: i32 = 2000 + KONGZILI_AHEAD;

/// Where Hijri year `h` begins, in Gregorian years: 1 Muharram 1 AH was
/// 19 July 622 (proleptic Gregorian), and a Hijri year lasts 354.367 days.
fn hijri_year_start(h: i32) -> f64 {
    622.55 + f64::from(h - 1) * (354.367 / 365.2425)
}

/// `day` as a Gregorian year with a fraction.
fn fractional_year(day: NaiveDate) -> f64 {
    f64::from(day.year()) + f64::from(day.ordinal0()) / 365.2425
}

/// The date among a moving holiday's `dates` that falls in `year`. A Hijri
/// year is bounded by its estimated start, less eleven days for the
/// estimate's error; a Saka year begins at Nyepi, 78 years after the
/// Gregorian one; a Kongzili year at the Chinese New Year, 551 years after
/// it (a number no later than [`KONGZILI_FROM`] is a Gregorian year, as in
/// "Imlek 2024").
fn occurrence_in(dates: &[NaiveDate], year: HolidayYear) -> Option<NaiveDate> {
    const MARGIN: f64 = 0.03;
    let (from, to) = match year {
        HolidayYear::Gregorian(y) => (f64::from(y), f64::from(y + 1)),
        HolidayYear::Other(Calendar::Chinese, c) => {
            let y = if c > KONGZILI_FROM {
                c - KONGZILI_AHEAD
            } else {
                c
            };
            (f64::from(y), f64::from(y + 1))
        }
        HolidayYear::Other(Calendar::Saka, s) => (f64::from(s + 78), f64::from(s + 79)),
        HolidayYear::Other(Calendar::Hijri, h) => (
            hijri_year_start(h) - MARGIN,
            hijri_year_start(h + 1) - MARGIN,
        ),
    };
    dates
        .iter()
        .copied()
        .find(|&d| (from..to).contains(&fractional_year(d)))
}

/// The date among `dates` nearest `dct`, if one lies within a year of it:
/// the occurrence a text without a year is about.
fn nearest(dates: &[NaiveDate], dct: NaiveDate) -> Option<NaiveDate> {
    dates
        .iter()
        .copied()
        .min_by_key(|d| (*d - dct).num_days().abs())
        .filter(|d| (*d - dct).num_days().abs() <= 366)
}

/// The value of "`n` units from `base`".
fn offset_value(base: Option<NaiveDate>, unit: Unit, n: i32, weekend: bool) -> Value {
    let unresolved = || match unit {
        Unit::Day => "XXXX-XX-XX".to_string(),
        Unit::Week => "XXXX-WXX".to_string(),
        Unit::Month => "XXXX-XX".to_string(),
        Unit::Year => "XXXX".to_string(),
    };
    let Some(base) = base else {
        return Value::other(unresolved());
    };
    match unit {
        Unit::Day => calendar::shift_days(base, n.into())
            .map_or_else(|| Value::other(unresolved()), Value::day),
        Unit::Week => match calendar::shift_days(base, 7 * i64::from(n)) {
            Some(day) => {
                let suffix = if weekend { "-WE" } else { "" };
                Value::other(calendar::iso_week(day).text(suffix).done())
            }
            None => Value::other(unresolved()),
        },
        Unit::Month => {
            let (y, m) = calendar::shift_month(base.year(), base.month(), n);
            Value::other(Timex::new().num(y, 4).text("-").num(m, 2).done())
        }
        Unit::Year => Value::other(Timex::new().num(base.year() + n, 4).done()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DateData;

    /// The dates of the built-in moving holiday called `name`.
    fn dates_of(rules: &Rules, name: &str) -> Vec<NaiveDate> {
        let first = name.split(' ').next().unwrap().to_lowercase();
        let group = rules.holidays.get(first.as_bytes()).unwrap();
        let holiday = group
            .names
            .iter()
            .find(|n| n.tokens.join(" ") == name)
            .unwrap();
        let HolidayDate::Movable(index) = holiday.date else {
            panic!("{name} moves");
        };
        rules.movable[index].clone()
    }

    /// Every Hijri year's window holds its own occurrence of the holidays
    /// that open, fill and close it: 1 Muharram, 1 Syawal, 10 Zulhijah, for
    /// all 36 years of the built-in table (2000: 1421, 1420 and 1420 AH).
    #[test]
    fn hijri_years_pick_their_own_occurrence() {
        let rules = Rules::new(&DateData::builtin()).unwrap();
        for (name, first_year) in [
            ("Tahun Baru Islam", 1421),
            ("Idul Fitri", 1420),
            ("Idul Adha", 1420),
        ] {
            let dates = dates_of(&rules, name);
            assert!(dates.len() > 35, "{name}: {}", dates.len());
            for (k, &day) in dates.iter().enumerate() {
                let year = HolidayYear::Other(Calendar::Hijri, first_year + k as i32);
                assert_eq!(occurrence_in(&dates, year), Some(day), "{name} {year:?}");
            }
        }
    }

    #[test]
    fn gregorian_saka_and_kongzili_years_and_the_nearest_occurrence() {
        let rules = Rules::new(&DateData::builtin()).unwrap();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let nyepi = dates_of(&rules, "Nyepi");
        assert_eq!(
            occurrence_in(&nyepi, HolidayYear::Other(Calendar::Saka, 1946)),
            Some(day(2024, 3, 11))
        );
        let imlek = dates_of(&rules, "Imlek");
        for year in [2575, 2024] {
            assert_eq!(
                occurrence_in(&imlek, HolidayYear::Other(Calendar::Chinese, year)),
                Some(day(2024, 2, 10)),
                "{year}"
            );
        }
        let lebaran = dates_of(&rules, "Lebaran");
        assert_eq!(
            occurrence_in(&lebaran, HolidayYear::Gregorian(2025)),
            Some(day(2025, 3, 31))
        );
        assert_eq!(occurrence_in(&lebaran, HolidayYear::Gregorian(1990)), None);
        // Late in 2024, the next Lebaran is nearer than the last.
        assert_eq!(nearest(&lebaran, day(2024, 12, 20)), Some(day(2025, 3, 31)));
        assert_eq!(nearest(&lebaran, day(2024, 5, 1)), Some(day(2024, 4, 10)));
        assert_eq!(
            nearest(&lebaran, day(1980, 1, 1)),
            None,
            "outside the table"
        );
    }
}
