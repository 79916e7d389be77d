//! Turning found expressions into TIMEX3 values against the document
//! creation time (DCT), read literally as the annotation guidelines ask.

use chrono::{Datelike, NaiveDate};

use crate::calendar::{self, Dir};
use crate::parse::{Cand, Kind, Rel, YearSpec};
use crate::rules::{Rules, Unit};
use crate::text::{self, digits, next_tok, prev_tok, Key, Tok};

/// Reads the text around expressions: tense, recurrence, bylines.
pub(crate) struct Resolver<'a> {
    pub rules: &'a Rules,
    pub text: &'a str,
}

/// A resolved value, and the day it pins down if it is one day.
struct Value {
    timex: String,
    day: Option<NaiveDate>,
}

impl Value {
    fn day(day: NaiveDate) -> Value {
        Value { timex: calendar::ymd(day), day: Some(day) }
    }

    fn other(timex: String) -> Value {
        Value { timex, day: None }
    }
}

impl Resolver<'_> {
    fn key(&self, tok: Tok) -> Key {
        Key::of(self.text, tok)
    }

    /// The TIMEX3 value of each candidate, in order.
    pub(crate) fn values(&self, cands: &[Cand], dct: Option<NaiveDate>) -> Vec<String> {
        let dct = dct.or_else(|| self.infer_dct(cands));
        let mut last_day = None;
        let mut values: Vec<Value> = Vec::with_capacity(cands.len());
        for cand in cands {
            let value = self.value(cand, dct, last_day);
            last_day = value.day.or(last_day);
            values.push(value);
        }
        // "Kamis (12 Oktober)", "Selasa, 15/8/2023": the weekday takes the
        // date's value.
        for i in 1..values.len() {
            let (weekday, date) = (&cands[i - 1], &cands[i]);
            let linked = matches!(weekday.kind, Kind::Weekday { rel: Rel::Tense, week: None, .. })
                && matches!(date.kind, Kind::Date { .. })
                && matches!(
                    self.text[weekday.end..date.start].trim_matches(|c: char| c.is_whitespace()),
                    "(" | ","
                );
            if linked {
                values[i - 1].timex = values[i].timex.clone();
            }
        }
        values.into_iter().map(|v| v.timex).collect()
    }

    fn value(&self, cand: &Cand, dct: Option<NaiveDate>, last_day: Option<NaiveDate>) -> Value {
        let recurrent = || self.recurrent(cand);
        match cand.kind {
            Kind::Year(y) => Value::other(format!("{y:04}")),
            Kind::Decade(d) => Value::other(format!("{d:03}")),
            Kind::YearRange(a, b) => Value::other(format!("{a:04}/{b:04}")),
            Kind::Date { year, month, day } => {
                if let YearSpec::Infer(Rel::Tense) = year {
                    if recurrent() {
                        return Value::other(format!("XXXX-{month:02}-{day:02}"));
                    }
                }
                let year = match (year, dct) {
                    (YearSpec::Explicit(y), _) => Some(y),
                    (YearSpec::Relative(n), Some(dct)) => Some(dct.year() + n),
                    (YearSpec::Infer(rel), Some(dct)) => {
                        let dir = self.direction(cand, rel, Dir::Nearest);
                        calendar::year_for_day(dct, month, day, dir)
                    }
                    (_, None) => None,
                };
                match year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day)) {
                    Some(d) => Value::day(d),
                    None => Value::other(format!("XXXX-{month:02}-{day:02}")),
                }
            }
            Kind::Month { year, month } => {
                if let YearSpec::Infer(Rel::Tense) = year {
                    if recurrent() {
                        return Value::other(format!("XXXX-{month:02}"));
                    }
                }
                let year = match (year, dct) {
                    (YearSpec::Explicit(y), _) => Some(y),
                    (YearSpec::Relative(n), Some(dct)) => Some(dct.year() + n),
                    (YearSpec::Infer(rel), Some(dct)) => {
                        let dir = self.direction(cand, rel, Dir::Nearest);
                        Some(calendar::year_for_month(dct, month, dir))
                    }
                    (_, None) => None,
                };
                match year {
                    Some(y) => Value::other(format!("{y:04}-{month:02}")),
                    None => Value::other(format!("XXXX-{month:02}")),
                }
            }
            Kind::Weekday { day, rel, week } => {
                let (Some(dct), Some(weekday), false) = (dct, calendar::weekday_of(day), recurrent()) else {
                    return Value::other(format!("XXXX-WXX-{day}"));
                };
                let found = match week {
                    Some(weeks) => calendar::weekday_in_week(dct, weekday, weeks.into()),
                    None => calendar::weekday_from(dct, weekday, self.direction(cand, rel, Dir::Back)),
                };
                found.map_or_else(|| Value::other(format!("XXXX-WXX-{day}")), Value::day)
            }
            Kind::Offset { unit, n, anchored, weekend } => {
                let base = if anchored { last_day.or(dct) } else { dct };
                offset_value(base, unit, n, weekend)
            }
            Kind::Holiday { month, day, year } => {
                let year = match (year, dct) {
                    (Some(y), _) => Some(y),
                    // The occurrence the text is about: the one nearest the
                    // DCT, whatever the tense of the sending verb.
                    (None, Some(dct)) if !recurrent() => calendar::year_for_day(dct, month, day, Dir::Nearest),
                    _ => None,
                };
                match year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day)) {
                    Some(d) => Value::day(d),
                    None => Value::other(format!("XXXX-{month:02}-{day:02}")),
                }
            }
        }
    }

    /// The direction an expression points: its own relative word, else the
    /// tense of its clause, else `default`.
    fn direction(&self, cand: &Cand, rel: Rel, default: Dir) -> Dir {
        match rel {
            Rel::Past => Dir::StrictBack,
            Rel::Current => Dir::Forward,
            Rel::Future => Dir::StrictForward,
            Rel::Tense => self.tense(cand).unwrap_or(default),
        }
    }

    /// `Back` or `Forward` from the nearest tense marker in the clause around
    /// `cand` ("akan", "telah", "lalu"…); `None` if there is none.
    fn tense(&self, cand: &Cand) -> Option<Dir> {
        let rules = self.rules;
        let (start, end) = text::sentence(self.text, cand.start, cand.end);
        let mut before: Option<(usize, Dir)> = None;
        let mut after: Option<(usize, Dir)> = None;
        let mut pos = start;
        while let Some(t) = next_tok(self.text, pos) {
            if t.start >= end {
                break;
            }
            pos = t.end;
            if t.end > cand.start && t.start < cand.end {
                continue;
            }
            let key = self.key(t);
            let key = key.as_str();
            if rules.clause_breaks.contains(key) {
                if t.end <= cand.start {
                    before = None;
                    continue;
                }
                break;
            }
            let dir = if rules.forward.contains(key) {
                Dir::Forward
            } else if rules.backward.contains(key) {
                Dir::Back
            } else {
                continue;
            };
            if t.end <= cand.start {
                before = Some((cand.start - t.end, dir));
            } else if after.is_none() {
                after = Some((t.start - cand.end, dir));
            }
        }
        match (before, after) {
            (Some((db, b)), Some((da, a))) => Some(if da < db { a } else { b }),
            (Some((_, d)), None) | (None, Some((_, d))) => Some(d),
            (None, None) => None,
        }
    }

    /// True if `cand` is in a statement about every year or week: "setiap
    /// Senin", "dirayakan pada tanggal 12 Juni", "Natal dirayakan setiap …".
    fn recurrent(&self, cand: &Cand) -> bool {
        let rules = self.rules;
        if self.every_year_sentence(cand) {
            return true;
        }
        let mut pos = cand.start;
        for _ in 0..4 {
            let Some(t) = prev_tok(self.text, pos) else { break };
            let key = self.key(t);
            if rules.every.contains(key.as_str()) {
                return true;
            }
            if rules.recurrence_verbs.contains(key.as_str()) {
                return self.tense(cand).is_none();
            }
            if !rules.recurrence_between.contains(key.as_str()) {
                break;
            }
            pos = t.start;
        }
        // A holiday as the subject: "<holiday> dirayakan pada 12 Juni".
        if let Kind::Holiday { .. } = cand.kind {
            let mut pos = cand.end;
            let mut seen_verb = false;
            for _ in 0..5 {
                let Some(t) = next_tok(self.text, pos) else { break };
                let key = self.key(t);
                if seen_verb && (digits(self.text, t).is_some() || rules.every.contains(key.as_str())) {
                    return self.tense(cand).is_none();
                }
                if rules.recurrence_verbs.contains(key.as_str()) {
                    seen_verb = true;
                } else if !rules.recurrence_between.contains(key.as_str()) {
                    break;
                }
                pos = t.end;
            }
        }
        false
    }

    /// True if the sentence around `cand` says "setiap tahun" / "tiap tahun".
    fn every_year_sentence(&self, cand: &Cand) -> bool {
        let (start, end) = text::sentence(self.text, cand.start, cand.end);
        let mut pos = start;
        let mut after_every = false;
        while let Some(t) = next_tok(self.text, pos) {
            if t.start >= end {
                break;
            }
            let key = self.key(t);
            let is_year = self.rules.word(&key).and_then(|w| w.unit) == Some(Unit::Year);
            if after_every && is_year {
                return true;
            }
            after_every = self.rules.every.contains(key.as_str());
            pos = t.end;
        }
        false
    }

    /// A DCT read from a byline or dateline: the first full date followed by
    /// a clock time ("15 Aug 2023, 18:09") or preceded by a weekday and a
    /// comma ("Selasa, 15 Agustus 2023").
    fn infer_dct(&self, cands: &[Cand]) -> Option<NaiveDate> {
        cands.iter().enumerate().find_map(|(i, cand)| {
            let Kind::Date { year: YearSpec::Explicit(y), month, day } = cand.kind else {
                return None;
            };
            let after_weekday = i > 0
                && matches!(cands[i - 1].kind, Kind::Weekday { .. })
                && self.text[cands[i - 1].end..cand.start].trim() == ",";
            (after_weekday || self.clock_follows(cand.end)).then(|| NaiveDate::from_ymd_opt(y, month, day))?
        })
    }

    /// True if a clock time ("18:09", "pukul 18.09") follows `pos`, with at
    /// most a couple of separators between.
    fn clock_follows(&self, mut pos: usize) -> bool {
        for _ in 0..3 {
            let Some(t) = next_tok(self.text, pos) else { return false };
            if digits(self.text, t).is_some() && t.end - t.start <= 2 {
                let rest = &self.text[t.end..];
                let minutes = rest.get(1..3).is_some_and(|m| m.bytes().all(|b| b.is_ascii_digit()));
                return (rest.starts_with(':') || rest.starts_with('.')) && minutes;
            }
            let skip = matches!(&self.text[t.start..t.end], "," | "|" | "-" | "–" | "/")
                || matches!(self.key(t).as_str(), "pukul" | "jam");
            if !skip {
                return false;
            }
            pos = t.end;
        }
        false
    }
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
                Value::other(format!("{}{suffix}", calendar::iso_week(day)))
            }
            None => Value::other(unresolved()),
        },
        Unit::Month => {
            let (y, m) = calendar::shift_month(base.year(), base.month(), n);
            Value::other(format!("{y:04}-{m:02}"))
        }
        Unit::Year => Value::other(format!("{:04}", base.year() + n)),
    }
}
