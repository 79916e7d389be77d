//! Finding date expressions: the scanner gives trigger words and digit runs,
//! and a small hand-written parser reads the words around each hit.

use crate::calendar;
use crate::rules::{Calendar, HolidayDate, MonthWord, Rules, Unit};
use crate::text::{self, digits, is_capitalised, next_tok, prev_tok, Key, Tok};

/// How a year left out of an expression is to be chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rel {
    /// By the tense of the sentence.
    Tense,
    /// "lalu", "kemarin": before the DCT.
    Past,
    /// "ini": in the DCT's year or week.
    Current,
    /// "depan", "mendatang": after the DCT.
    Future,
}

impl Rel {
    fn from_offset(offset: i32) -> Rel {
        match offset {
            ..=-1 => Rel::Past,
            0 => Rel::Current,
            _ => Rel::Future,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum YearSpec {
    Explicit(i32),
    /// "tahun lalu" after a month: years from the DCT's.
    Relative(i32),
    Infer(Rel),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Date {
        year: YearSpec,
        month: u32,
        day: u32,
    },
    Month {
        year: YearSpec,
        month: u32,
    },
    Year(i32),
    /// "1990-an": the decade's first three digits.
    Decade(i32),
    YearRange(i32, i32),
    Weekday {
        day: u32,
        rel: Rel,
        /// "Kamis pekan lalu": weeks from the DCT's week.
        week: Option<i32>,
    },
    /// `n` units from the DCT (or, if `anchored`, from the latest date before
    /// it precise enough for the unit: a day, a month or a year).
    Offset {
        unit: Unit,
        n: i32,
        anchored: bool,
        weekend: bool,
    },
    Holiday {
        date: HolidayDate,
        year: Option<HolidayYear>,
    },
    /// Days `from` to `to` of one month: "19-20 Maret 2024".
    DayRange {
        year: YearSpec,
        month: u32,
        from: u32,
        to: u32,
    },
    /// Months `from` to `to` of one year: "Januari-Maret 2024".
    MonthRange {
        year: YearSpec,
        from: u32,
        to: u32,
    },
    /// Part `n` of the `parts` of a year: quarters (4) or halves (2).
    Period {
        parts: u32,
        n: u32,
        year: YearSpec,
    },
}

/// The year written after a holiday's name: "Natal 2023", "Idul Fitri 1445 H".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HolidayYear {
    Gregorian(i32),
    Other(Calendar, i32),
}

/// A date expression found at `start..end` (bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Every date expression of `text`, in order, not overlapping.
pub(crate) fn find(rules: &Rules, text: &str) -> Vec<Cand> {
    let parser = Parser { rules, text };
    let mut found: Vec<Cand> = Vec::new();
    let mut pos = 0;
    while let Some((s, e)) = rules.scanner.find_at(text, pos) {
        pos = e;
        if !text::is_whole_word(text, s, e) {
            continue;
        }
        match parser.at(s, e) {
            Ok(mut cand) => {
                // A leading modifier never reaches back into the previous date.
                let previous_end = found.last().map_or(0, |c| c.end);
                if cand.start < previous_end {
                    cand.start = s;
                }
                pos = cand.end;
                found.push(cand);
            }
            Err(skip) => pos = pos.max(skip),
        }
    }
    found
}

/// Most tokens looked at after a day for the month of a list of days:
/// "24 , 25 , dan 26 Desember" is seven.
const MAX_LISTED_TOKENS: usize = 12;

/// How far back an event's head word may stand from its year, in words:
/// "Olimpiade Tokyo 2020", "Piala Dunia U-17 ..." is past it.
const EVENT_NAME_WORDS: usize = 3;

/// `Some` if day `day` of `month` exists (in `year`, when it is given).
fn day_exists(year: YearSpec, month: u32, day: u32) -> Option<()> {
    let exists = calendar::is_day_of_year(month, day)
        && match year {
            YearSpec::Explicit(y) => chrono::NaiveDate::from_ymd_opt(y, month, day).is_some(),
            _ => true,
        };
    exists.then_some(())
}

/// A run of numbers joined by date separators: "15/8/2023", "1910-45".
struct NumberRun {
    parts: [Tok; 4],
    seps: [char; 3],
    count: usize,
    end: usize,
}

/// A word of the text as a word of a holiday name: the same, or the same in
/// capitals.
fn same_word(text_word: &str, name_word: &str) -> bool {
    text_word == name_word
        || (!text_word.chars().any(char::is_lowercase) && text_word.eq_ignore_ascii_case(name_word))
}

struct Parser<'a> {
    rules: &'a Rules,
    text: &'a str,
}

impl Parser<'_> {
    fn key(&self, tok: Tok) -> Key {
        Key::of(self.text, tok)
    }

    fn next(&self, pos: usize) -> Option<Tok> {
        next_tok(self.text, pos)
    }

    fn prev(&self, pos: usize) -> Option<Tok> {
        prev_tok(self.text, pos)
    }

    fn next_key(&self, pos: usize) -> Option<(Tok, Key)> {
        self.next(pos).map(|t| (t, self.key(t)))
    }

    fn prev_key(&self, pos: usize) -> Option<(Tok, Key)> {
        self.prev(pos).map(|t| (t, self.key(t)))
    }

    /// The previous word, looking past one "." ("Rp. 2023").
    fn prev_word_key(&self, pos: usize) -> Option<Key> {
        let t = self.prev(pos)?;
        if &self.text[t.start..t.end] == "." {
            return self.prev(t.start).map(|t| self.key(t));
        }
        Some(self.key(t))
    }

    fn unit_of(&self, key: &Key) -> Option<Unit> {
        self.rules.word(key).and_then(|w| w.unit)
    }

    fn month_of(&self, key: &Key) -> Option<MonthWord> {
        self.rules.word(key).and_then(|w| w.month)
    }

    /// Parses the expression around the trigger at `s..e`; on failure, where
    /// scanning may resume.
    fn at(&self, s: usize, e: usize) -> Result<Cand, usize> {
        if self.text.as_bytes()[s].is_ascii_digit() {
            return self.number(s, e);
        }
        let key = Key::new(&self.text[s..e]);
        let Some(&info) = self.rules.word(&key) else {
            return Err(e);
        };
        let tok = Tok { start: s, end: e };
        let found = info
            .holiday
            .then(|| self.holiday(tok, &key))
            .flatten()
            .or_else(|| {
                info.unit
                    .and_then(|u| self.unit(tok, u, info.weekday.is_some()))
            })
            .or_else(|| info.weekday.and_then(|w| self.weekday(tok, w)))
            .or_else(|| info.month.and_then(|m| self.month(tok, m)))
            .or_else(|| info.period.and_then(|p| self.period(tok, p)))
            .or_else(|| info.single_unit.and_then(|u| self.counted(s, e, 1, u)))
            .or_else(|| info.deictic.and_then(|d| self.deictic(tok, &key, d)));
        found.ok_or(e)
    }

    /// Start of the span with a leading "awal"/"akhir"/… and whether that word
    /// is the weekend one ("akhir pekan").
    fn with_modifier(&self, start: usize) -> (usize, bool) {
        match self.prev_key(start) {
            Some((t, k)) if self.rules.modifiers.contains(k.as_bytes()) => {
                (t.start, k.as_bytes() == self.rules.weekend.as_bytes())
            }
            _ => (start, false),
        }
    }

    fn numbers_at(&self, s: usize, e: usize) -> NumberRun {
        let first = Tok { start: s, end: e };
        let mut run = NumberRun {
            parts: [first; 4],
            seps: [' '; 3],
            count: 1,
            end: e,
        };
        // Take separator+digits pairs; past four parts the run is consumed
        // but marked as too long (count 5), so that no part of it is reread.
        while let Some(sep) = self.text[run.end..].chars().next() {
            if !matches!(sep, '/' | '-' | '–' | '.' | ':') {
                break;
            }
            let digits_start = run.end + sep.len_utf8();
            let len = self.text[digits_start..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            if len == 0 {
                break;
            }
            if run.count < 4 {
                run.seps[run.count - 1] = sep;
                run.parts[run.count] = Tok {
                    start: digits_start,
                    end: digits_start + len,
                };
            }
            run.count = (run.count + 1).min(5);
            run.end = digits_start + len;
        }
        run
    }

    fn number(&self, s: usize, e: usize) -> Result<Cand, usize> {
        let run = self.numbers_at(s, e);
        if run.count > 4
            || self.text[run.end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            return Err(run.end);
        }
        // A number glued to what precedes it is part of a code or a compound
        // ("ke-78", "F-16", "US$2023", "#2023"), not a date.
        let attached = self.text[..s].chars().next_back().is_some_and(|c| {
            !c.is_whitespace() && !matches!(c, '(' | '[' | '"' | '“' | '‘' | '\'')
        });
        if attached {
            return Err(run.end);
        }
        let value = |i: usize| digits(self.text, run.parts[i]);
        let len = |i: usize| run.parts[i].end - run.parts[i].start;
        let cand = |end, kind| Cand {
            start: s,
            end,
            kind,
        };
        if let Some(range) = self.numeric_day_range(&run) {
            return Ok(range);
        }
        match run.count {
            1 => self.single_number(s, e).ok_or(e),
            2 => {
                if let Some((end, kind)) = self.year_expr(s, e) {
                    return Ok(cand(end, kind));
                }
                if let Some(range) = self.day_range(&run) {
                    return Ok(range);
                }
                // "(15/8)": day and month in brackets, as after a weekday.
                let bracketed =
                    self.text[..s].ends_with('(') && self.text[run.end..].starts_with(')');
                match (value(0), value(1)) {
                    (Some(day), Some(month))
                        if bracketed
                            && run.seps[0] == '/'
                            && len(0) <= 2
                            && len(1) <= 2
                            && calendar::is_day_of_year(month, day) =>
                    {
                        Ok(cand(
                            run.end,
                            Kind::Date {
                                year: YearSpec::Infer(Rel::Tense),
                                month,
                                day,
                            },
                        ))
                    }
                    _ => Err(run.end),
                }
            }
            4 => Err(run.end),
            _ => {
                let (a, b, c) = match (value(0), value(1), value(2)) {
                    (Some(a), Some(b), Some(c)) => (a, b, c),
                    _ => return Err(run.end),
                };
                let same_seps = run.seps[0] == run.seps[1];
                let date = if len(0) == 4 && same_seps && run.seps[0] == '-' {
                    (a as i32, b, c) // 2023-08-15
                } else if len(2) == 4
                    && len(0) <= 2
                    && len(1) <= 2
                    && same_seps
                    && run.seps[0] != ':'
                {
                    (c as i32, b, a) // 15/8/2023, day first
                } else {
                    return Err(run.end);
                };
                match chrono::NaiveDate::from_ymd_opt(date.0, date.1, date.2) {
                    Some(_) => Ok(cand(
                        run.end,
                        Kind::Date {
                            year: YearSpec::Explicit(date.0),
                            month: date.1,
                            day: date.2,
                        },
                    )),
                    None => Err(run.end),
                }
            }
        }
    }

    /// Two days joined by a dash, then a month and a year in digits:
    /// "(7-8/12/2024)", or in brackets without the year, as after a pair of
    /// weekdays: "Sabtu-Minggu (7-8/12)". One span, like "19-20 Maret".
    fn numeric_day_range(&self, run: &NumberRun) -> Option<Cand> {
        let len = |i: usize| run.parts[i].end - run.parts[i].start;
        let value = |i: usize| digits(self.text, run.parts[i]);
        let short = |i: usize| len(i) <= 2;
        if !(matches!(run.seps[0], '-' | '–')
            && run.seps[1] == '/'
            && short(0)
            && short(1)
            && short(2))
        {
            return None;
        }
        let (from, to, month) = (value(0)?, value(1)?, value(2)?);
        if from >= to {
            return None;
        }
        let year = match run.count {
            4 if run.seps[2] == '/' && len(3) == 4 => YearSpec::Explicit(value(3)? as i32),
            3 if self.text[..run.parts[0].start].ends_with('(')
                && self.text[run.end..].starts_with(')') =>
            {
                YearSpec::Infer(Rel::Tense)
            }
            _ => return None,
        };
        day_exists(year, month, to)?;
        Some(Cand {
            start: run.parts[0].start,
            end: run.end,
            kind: Kind::DayRange {
                year,
                month,
                from,
                to,
            },
        })
    }

    /// Two days joined by a dash before a month: "19-20 Maret 2024", one
    /// span like a span of years.
    fn day_range(&self, run: &NumberRun) -> Option<Cand> {
        if !matches!(run.seps[0], '-' | '–') {
            return None;
        }
        let [first, second, ..] = run.parts;
        if first.end - first.start > 2 || second.end - second.start > 2 {
            return None;
        }
        let (from, to) = (digits(self.text, first)?, digits(self.text, second)?);
        let (t, k) = self.next_key(run.end)?;
        let month = self.month_of(&k)?;
        if from >= to {
            return None;
        }
        let (end, year) = self.day_of((second.start, second.end), to, t, month)?;
        Some(Cand {
            start: first.start,
            end,
            kind: Kind::DayRange {
                year,
                month: month.number,
                from,
                to,
            },
        })
    }

    /// A numbered part of a year with its year: "kuartal I 2024", "semester
    /// kedua tahun lalu", "triwulan III/2023"; a quarter also without one
    /// ("laba kuartal III"), its year then taken from the DCT and the tense.
    fn period(&self, tok: Tok, parts: u32) -> Option<Cand> {
        let number = self.next(tok.end)?;
        let word = &self.text[number.start..number.end];
        let n = *self.rules.period_numbers.get(self.key(number).as_bytes())?;
        // Roman numerals count in capitals only: "i" is no number in running text.
        let roman = word
            .bytes()
            .all(|b| matches!(b.to_ascii_uppercase(), b'I' | b'V' | b'X'));
        if n > parts || (roman && word.bytes().any(|b| b.is_ascii_lowercase())) {
            return None;
        }
        // A year, possibly glued on with a slash or a dash ("I/2023"), or a
        // year relative to the DCT's ("tahun lalu"). A half with neither is
        // left alone ("semester II" is also a school term, "paruh pertama" a
        // half of a match or season); a quarter is one of the DCT's years,
        // as a month is.
        let after = number.end + usize::from(self.text[number.end..].starts_with(['/', '-']));
        let (end, year) = match self.year_suffix(after) {
            Some((_, YearSpec::Infer(_))) | None if parts != 4 => return None,
            Some(found) => found,
            None => (number.end, YearSpec::Infer(Rel::Tense)),
        };
        Some(Cand {
            start: self.with_modifier(tok.start).0,
            end,
            kind: Kind::Period { parts, n, year },
        })
    }

    /// Day `n` (written `s..e`) of `month`, named by the word `t`: where the
    /// date ends (past the year, if one follows) and its year; `None` if
    /// that day does not exist.
    fn day_of(
        &self,
        (s, e): (usize, usize),
        n: u32,
        t: Tok,
        month: MonthWord,
    ) -> Option<(usize, YearSpec)> {
        if e - s > 2 {
            return None;
        }
        let (year_end, year) = self
            .year_suffix(self.after_abbrev_dot(t, month))
            .unwrap_or((t.end, YearSpec::Infer(Rel::Tense)));
        day_exists(year, month.number, n)?;
        Some((year_end, year))
    }

    /// Whether the token `t` joins listed days: "dan", or a comma with a
    /// space after it ("1,5" is a decimal).
    fn joins_days(&self, t: Tok, k: &Key) -> bool {
        k.as_bytes() == b"dan"
            || (&self.text[t.start..t.end] == ","
                && self.text[t.end..].starts_with(char::is_whitespace))
    }

    /// The month word that a day listed before others waits for: "1 dan 2
    /// Desember", "24, 25, dan 26 Desember" (the first days are dates of
    /// that month too).
    fn listed_month(&self, e: usize) -> Option<(Tok, MonthWord)> {
        let (mut pos, mut joined, mut days) = (e, false, 0);
        for _ in 0..MAX_LISTED_TOKENS {
            let (t, k) = self.next_key(pos)?;
            let word = &self.text[t.start..t.end];
            if self.joins_days(t, &k) {
                joined = true;
            } else if joined && word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()) {
                (joined, days) = (false, days + 1);
            } else {
                let month = self.month_of(&k).filter(|_| !joined && days > 0)?;
                return Some((t, month));
            }
            pos = t.end;
        }
        None
    }

    /// A lone number: a day before a month, a count before a unit, or a year.
    fn single_number(&self, s: usize, e: usize) -> Option<Cand> {
        let tok = Tok { start: s, end: e };
        let n = digits(self.text, tok)?;
        let next = self.next_key(e);
        let date = |end, year, month: MonthWord, start| Cand {
            start,
            end,
            kind: Kind::Date {
                year,
                month: month.number,
                day: n,
            },
        };
        // Only a number that a list goes on from can be a listed day.
        let listed = next.as_ref().filter(|(t, k)| self.joins_days(*t, k));
        let listed = listed
            .and_then(|_| self.listed_month(e))
            .and_then(|(t, month)| {
                let (_, year) = self.day_of((s, e), n, t, month)?;
                Some((year, month))
            });
        if let Some((year, month)) = listed {
            return Some(date(e, year, month, s));
        }
        if let Some((t, k)) = &next {
            if let Some(month) = self.month_of(k) {
                let (year_end, year) = self.day_of((s, e), n, *t, month)?;
                return Some(date(year_end, year, month, self.with_modifier(s).0));
            }
            if let Some(unit) = self.unit_of(k) {
                return self.counted(s, t.end, n, unit);
            }
        }
        // The unit before already decided ("Nomor 11 Tahun 2020").
        if self
            .prev_key(s)
            .is_some_and(|(_, k)| self.unit_of(&k) == Some(Unit::Year))
        {
            return None;
        }
        let (end, kind) = self.year_expr(s, e)?;
        if let Kind::Year(_) = kind {
            if self.year_blocked(s, end) || self.other_calendar(s, end) {
                return None;
            }
        }
        Some(Cand {
            start: self.with_modifier(s).0,
            end,
            kind,
        })
    }

    /// A year, a decade ("1990-an") or a span of years ("1910-45",
    /// "2020–2023") starting with the digits at `s..e`.
    fn year_expr(&self, s: usize, e: usize) -> Option<(usize, Kind)> {
        if e - s != 4 {
            return None;
        }
        let year = digits(self.text, Tok { start: s, end: e })? as i32;
        if !(1000..=2999).contains(&year) {
            return None;
        }
        let rest = &self.text[e..];
        if let Some(after) = rest.strip_prefix("-an") {
            if !after.chars().next().is_some_and(char::is_alphanumeric) {
                return Some((e + 3, Kind::Decade(year / 10)));
            }
        }
        let run = self.numbers_at(s, e);
        match run.count {
            1 => Some((e, Kind::Year(year))),
            2 if matches!(run.seps[0], '-' | '–' | '/') => {
                let second = run.parts[1];
                let n = digits(self.text, second)? as i32;
                let end_year = match second.end - second.start {
                    2 => year - year % 100 + n,
                    4 => n,
                    _ => return None,
                };
                // "2019/2020" is a season; a slash otherwise joins other things.
                let plausible = end_year > year
                    && end_year - year <= 100
                    && (run.seps[0] != '/' || end_year == year + 1);
                plausible.then_some((run.end, Kind::YearRange(year, end_year)))
            }
            _ => None,
        }
    }

    /// True if the bare number at `s..end` reads as money, a code or a count.
    fn year_blocked(&self, s: usize, end: usize) -> bool {
        let rules = self.rules;
        let prev = self.prev(s).map(|t| &self.text[t.start..t.end]);
        let currency = prev.is_some_and(|w| matches!(w, "$" | "€" | "£" | "¥"));
        // A one- or two-letter capital code before: a licence plate ("B 2023
        // KJT") or a flight ("GA 2024").
        let code = prev.is_some_and(|w| w.len() <= 2 && w.bytes().all(|b| b.is_ascii_uppercase()));
        currency
            || code
            || self.in_event_name(s)
            || self
                .prev_word_key(s)
                .is_some_and(|k| rules.year_before.contains(k.as_bytes()))
            || self
                .next_key(end)
                .is_some_and(|(_, k)| rules.year_after.contains(k.as_bytes()))
    }

    /// True if the number at `s` ends the name of a competition or event,
    /// which the guidelines leave unlabelled, year and all: one of the
    /// lexicon's event words among the capitalised words just before it
    /// ("Piala Dunia 2026", "Olimpiade Tokyo 2020", "SEA Games 2023").
    fn in_event_name(&self, s: usize) -> bool {
        let mut at = s;
        for _ in 0..EVENT_NAME_WORDS {
            let Some(t) = self.prev(at) else { return false };
            if !is_capitalised(self.text, t) {
                return false;
            }
            if self.rules.event_names.contains(self.key(t).as_bytes()) {
                return true;
            }
            at = t.start;
        }
        false
    }

    /// True if the number at `s..end` is a year of another calendar: "1445
    /// H", "Saka 1946".
    fn other_calendar(&self, s: usize, end: usize) -> bool {
        let calendar_at = |key: Option<(Tok, Key)>| self.calendar_of(key?.1);
        calendar_at(self.next_key(end))
            .or(calendar_at(self.prev_key(s)))
            .is_some()
    }

    /// The calendar `key` names a year in, if it is one of the other calendars.
    fn calendar_of(&self, key: Key) -> Option<Calendar> {
        self.rules.other_calendars.get(key.as_bytes()).copied()
    }

    /// End of a month word, past a "." after an abbreviation ("Agu. 2023").
    fn after_abbrev_dot(&self, month: Tok, word: MonthWord) -> usize {
        if !word.full && self.text[month.end..].starts_with('.') {
            month.end + 1
        } else {
            month.end
        }
    }

    /// What follows a month to fix its year: "2023", "tahun 2023",
    /// "tahun lalu", "lalu".
    fn year_suffix(&self, pos: usize) -> Option<(usize, YearSpec)> {
        let (t, k) = self.next_key(pos)?;
        if let Some((end, Kind::Year(y))) = self.year_number(t) {
            return Some((end, YearSpec::Explicit(y)));
        }
        if self.unit_of(&k) == Some(Unit::Year) {
            let (t2, k2) = self.next_key(t.end)?;
            if let Some((end, Kind::Year(y))) = self.year_number(t2) {
                return Some((end, YearSpec::Explicit(y)));
            }
            return self
                .rules
                .after_unit
                .get(k2.as_bytes())
                .map(|&n| (t2.end, YearSpec::Relative(n)));
        }
        self.rules
            .after_unit
            .get(k.as_bytes())
            .map(|&n| (t.end, YearSpec::Infer(Rel::from_offset(n))))
    }

    /// A year expression at token `t`, if `t` is digits.
    fn year_number(&self, t: Tok) -> Option<(usize, Kind)> {
        if !self.text.as_bytes()[t.start].is_ascii_digit() {
            return None;
        }
        self.year_expr(t.start, t.end)
    }

    /// "N unit lalu/lagi/kemudian": `start` is where the count begins,
    /// `unit_end` where the unit word ends.
    fn counted(&self, start: usize, unit_end: usize, n: u32, unit: Unit) -> Option<Cand> {
        let (mut t, mut k) = self.next_key(unit_end)?;
        if self.rules.filler.contains(k.as_bytes()) {
            (t, k) = self.next_key(t.end)?;
        }
        let direction = *self.rules.after_count.get(k.as_bytes())?;
        Some(Cand {
            start,
            end: t.end,
            kind: Kind::Offset {
                unit,
                n: i32::try_from(n).ok()? * direction,
                anchored: self.rules.anchored.contains(k.as_bytes()),
                weekend: false,
            },
        })
    }

    /// A number written in words that ends right before `pos`: "tiga",
    /// "dua belas", "dua puluh lima".
    fn count_before(&self, pos: usize) -> Option<(usize, u32)> {
        let rules = self.rules;
        let ones = |pos: usize| {
            let (t, k) = self.prev_key(pos)?;
            rules.numbers.get(k.as_bytes()).map(|&n| (t.start, n))
        };
        let (t, k) = self.prev_key(pos)?;
        if let Some(n) = digits(self.text, t) {
            return Some((t.start, n));
        }
        if k.as_bytes() == rules.teens.as_bytes() {
            return ones(t.start).map(|(s, n)| (s, n + 10));
        }
        if k.as_bytes() == rules.tens.as_bytes() {
            return ones(t.start).map(|(s, n)| (s, n * 10));
        }
        let (start, n) = ones(pos)?;
        match self.prev_key(start) {
            Some((tens, k)) if k.as_bytes() == rules.tens.as_bytes() => ones(tens.start)
                .map(|(s, t)| (s, t * 10 + n))
                .or(Some((start, n))),
            _ => Some((start, n)),
        }
    }

    /// A unit word: "tahun lalu", "tahun 1990", "bulan Juni", "tiga hari lalu".
    fn unit(&self, tok: Tok, unit: Unit, is_weekday: bool) -> Option<Cand> {
        let rules = self.rules;
        if let Some((start, n)) = self.count_before(tok.start) {
            return self.counted(start, tok.end, n, unit);
        }
        let (start, weekend) = self.with_modifier(tok.start);
        let (t, k) = self.next_key(tok.end)?;
        match unit {
            Unit::Year => {
                if let Some((end, kind)) = self.year_number(t) {
                    return (!self.other_calendar(t.start, end)).then_some(Cand {
                        start,
                        end,
                        kind,
                    });
                }
            }
            Unit::Month => {
                if let Some(month) = self.month_of(&k) {
                    let (end, year) = self
                        .year_suffix(self.after_abbrev_dot(t, month))
                        .unwrap_or((t.end, YearSpec::Infer(Rel::Tense)));
                    return Some(Cand {
                        start,
                        end,
                        kind: Kind::Month {
                            year,
                            month: month.number,
                        },
                    });
                }
            }
            Unit::Day | Unit::Week => {}
        }
        let n = *rules.after_unit.get(k.as_bytes())?;
        if unit == Unit::Day && n != 0 {
            return None; // only "hari ini"
        }
        if is_weekday {
            // "Minggu lalu" inside a sentence, or "hari minggu lalu", is a Sunday.
            let after_hari = self
                .prev_key(tok.start)
                .is_some_and(|(_, k)| self.unit_of(&k) == Some(Unit::Day));
            if after_hari
                || (is_capitalised(self.text, tok) && !text::starts_sentence(self.text, tok.start))
            {
                return None;
            }
        }
        Some(Cand {
            start,
            end: t.end,
            kind: Kind::Offset {
                unit,
                n,
                anchored: false,
                weekend: weekend && unit == Unit::Week,
            },
        })
    }

    /// A weekday: capitalised, or lowercase after "hari".
    fn weekday(&self, tok: Tok, day: u32) -> Option<Cand> {
        let rules = self.rules;
        let prev = self.prev_key(tok.start).map(|(_, k)| k);
        let after_hari = prev
            .as_ref()
            .is_some_and(|k| self.unit_of(k) == Some(Unit::Day));
        if !(after_hari || is_capitalised(self.text, tok)) {
            return None;
        }
        if prev.is_some_and(|k| rules.weekday_before.contains(k.as_bytes())) {
            return None;
        }
        let mut end = tok.end;
        let mut rel = Rel::Tense;
        let mut week = None;
        if let Some((t, k)) = self.next_key(tok.end) {
            if let Some(&n) = rules.after_unit.get(k.as_bytes()) {
                rel = Rel::from_offset(n);
                end = t.end;
            } else if self.unit_of(&k) == Some(Unit::Week) {
                if let Some((t2, k2)) = self.next_key(t.end) {
                    if let Some(&n) = rules.after_unit.get(k2.as_bytes()) {
                        week = Some(n);
                        end = t2.end;
                    }
                }
            }
        }
        Some(Cand {
            start: tok.start,
            end,
            kind: Kind::Weekday { day, rel, week },
        })
    }

    /// A month without a day: "Juni 2024", "Juni lalu", "sejak Maret".
    fn month(&self, tok: Tok, month: MonthWord) -> Option<Cand> {
        let (start, _) = self.with_modifier(tok.start);
        if let Some((end, kind)) = self.month_range(tok, month) {
            return Some(Cand { start, end, kind });
        }
        if let Some((end, year)) = self.year_suffix(self.after_abbrev_dot(tok, month)) {
            if month.full || matches!(year, YearSpec::Explicit(_)) {
                return Some(Cand {
                    start,
                    end,
                    kind: Kind::Month {
                        year,
                        month: month.number,
                    },
                });
            }
            return None;
        }
        // Alone, a month name needs its capital and a word that calls for a
        // time ("pada Juni"): "Juni" and "Mei" are also given names.
        if !month.full || !is_capitalised(self.text, tok) {
            return None;
        }
        let (_, cue) = self.prev_key(tok.start)?;
        (self.rules.month_cues.contains(cue.as_bytes()) || self.listed_after_a_month(tok))
            .then_some(Cand {
                start,
                end: tok.end,
                kind: Kind::Month {
                    year: YearSpec::Infer(Rel::Tense),
                    month: month.number,
                },
            })
    }

    /// Whether the month name `tok` follows a month that is a date, in a
    /// list ("sejak Mei, Juni, dan Juli", "pada Juni atau Juli"): it is one
    /// too, whatever the word before the list.
    fn listed_after_a_month(&self, tok: Tok) -> bool {
        let mut before = self.prev(tok.start);
        let mut joined = false;
        let joins = |t: &Tok| matches!(self.key(*t).as_bytes(), b"dan" | b"serta" | b"atau");
        if let Some(t) = before.filter(joins) {
            (before, joined) = (self.prev(t.start), true);
        }
        if let Some(t) = before.filter(|t| &self.text[t.start..t.end] == ",") {
            (before, joined) = (self.prev(t.start), true);
        }
        let Some(t) = before.filter(|_| joined) else {
            return false;
        };
        self.month_of(&self.key(t))
            .is_some_and(|month| matches!(self.month(t, month), Some(c) if c.end == t.end))
    }

    /// Two months of one year joined by a dash, with what fixes their year
    /// after the second: "Januari-Maret 2024", "Juli – September lalu"; one
    /// span, like a range of days.
    fn month_range(&self, tok: Tok, first: MonthWord) -> Option<(usize, Kind)> {
        let dash = self.next(self.after_abbrev_dot(tok, first))?;
        if !matches!(&self.text[dash.start..dash.end], "-" | "–") {
            return None;
        }
        let (t, k) = self.next_key(dash.end)?;
        let second = self.month_of(&k)?;
        if second.number <= first.number {
            return None;
        }
        let (end, year) = self.year_suffix(self.after_abbrev_dot(t, second))?;
        let kind = Kind::MonthRange {
            year,
            from: first.number,
            to: second.number,
        };
        Some((end, kind))
    }

    /// "kemarin", "besok", "lusa", "kemarin lusa".
    fn deictic(&self, tok: Tok, key: &Key, offset: i32) -> Option<Cand> {
        let pair = self.next_key(tok.end).and_then(|(t, k)| {
            let pairs = self.rules.deictic_pairs.get(key.as_bytes())?;
            pairs
                .iter()
                .find(|(second, _)| second.as_bytes() == k.as_bytes())
                .map(|&(_, n)| (t.end, n))
        });
        let (end, n) = pair.unwrap_or((tok.end, offset));
        Some(Cand {
            start: tok.start,
            end,
            kind: Kind::Offset {
                unit: Unit::Day,
                n,
                anchored: false,
                weekend: false,
            },
        })
    }

    /// The longest holiday name starting at `tok`, with its capitalisation
    /// (or in capitals), and a year right after it ("Natal 2023").
    fn holiday(&self, tok: Tok, key: &Key) -> Option<Cand> {
        let group = self.rules.holidays.get(key.as_bytes())?;
        let first = &self.text[tok.start..tok.end];
        if !group.firsts.iter().any(|f| same_word(first, f)) {
            return None;
        }
        // Only the names of one token and those whose second token is the
        // text's (lowercased) can match; try them in the names' order, which
        // puts the longer names first (see `HolidayGroup::names`).
        let longer = self
            .next(tok.end)
            .and_then(|t| {
                let word = &self.text.as_bytes()[t.start..t.end];
                text::with_lowercase(word, |key| group.by_second.get(key))
            })
            .map_or(&[][..], Vec::as_slice);
        'names: for &i in longer.iter().chain(&group.single) {
            let name = &group.names[i];
            let mut end = tok.end;
            if !same_word(first, &name.tokens[0]) {
                continue;
            }
            for word in &name.tokens[1..] {
                match self.next(end) {
                    Some(t) if same_word(&self.text[t.start..t.end], word) => end = t.end,
                    _ => continue 'names,
                }
            }
            if self.holiday_blocked(tok.start, end) {
                continue;
            }
            let (end, year) = self.holiday_year(end, name.date).unwrap_or((end, None));
            return Some(Cand {
                start: tok.start,
                end,
                kind: Kind::Holiday {
                    date: name.date,
                    year,
                },
            });
        }
        None
    }

    /// The year after a holiday's name ending at `end`, and where it ends:
    /// "Natal 2023", and for a holiday that moves, a year of its own
    /// calendar, named after the number ("Idul Fitri 1445 H") or by the
    /// holiday's name itself ("Tahun Baru Saka 1946").
    fn holiday_year(&self, end: usize, date: HolidayDate) -> Option<(usize, Option<HolidayYear>)> {
        let Some((year_end, Kind::Year(year))) = self.year_number(self.next(end)?) else {
            return None;
        };
        let marker = self
            .next_key(year_end)
            .and_then(|(t, k)| Some((t.end, self.calendar_of(k)?)))
            .or_else(|| Some((year_end, self.calendar_of(self.prev_key(end)?.1)?)));
        match (marker, date) {
            (None, _) => Some((year_end, Some(HolidayYear::Gregorian(year)))),
            (Some((marker_end, calendar)), HolidayDate::Movable(_)) => {
                Some((marker_end, Some(HolidayYear::Other(calendar, year))))
            }
            (Some(_), HolidayDate::Fixed { .. }) => None,
        }
    }

    /// True if the name at `start..end` is part of a longer name: "Tahun Baru
    /// Imlek", "Hari Kemerdekaan Ukraina", "Mandailing Natal".
    fn holiday_blocked(&self, start: usize, end: usize) -> bool {
        let rules = self.rules;
        let before = self
            .prev_key(start)
            .is_some_and(|(_, k)| rules.holiday_before.contains(k.as_bytes()));
        let after = self.next_key(end).is_some_and(|(t, k)| {
            rules.holiday_after.contains(k.as_bytes())
                || rules
                    .country_starts
                    .contains(&self.text.as_bytes()[t.start..t.end])
        });
        before || after
    }
}
