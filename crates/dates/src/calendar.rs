//! Calendar arithmetic on top of chrono: month shifts, ISO weeks, weekdays and
//! years chosen relative to a reference day, and TIMEX3 formatting.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Which way from the reference day an expression points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dir {
    /// On or before the reference day.
    Back,
    /// On or after the reference day.
    Forward,
    /// Strictly before ("Kamis lalu").
    StrictBack,
    /// Strictly after ("Kamis depan").
    StrictForward,
    /// Whichever occurrence is closest; ties go back.
    Nearest,
}

/// `(year, month)` moved by `n` months.
pub(crate) fn shift_month(year: i32, month: u32, n: i32) -> (i32, u32) {
    let index = year * 12 + month as i32 - 1 + n;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

/// `day` moved by `n` days, `None` past chrono's range.
pub(crate) fn shift_days(day: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        day.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        day.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// Number of days in a month of the proleptic Gregorian calendar.
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    let (next_year, next_month) = shift_month(year, month, 1);
    match (
        NaiveDate::from_ymd_opt(year, month, 1),
        NaiveDate::from_ymd_opt(next_year, next_month, 1),
    ) {
        (Some(first), Some(next)) => (next - first).num_days() as u32,
        _ => 0,
    }
}

/// True if some year has this day and month (29 February counts).
pub(crate) fn is_day_of_year(month: u32, day: u32) -> bool {
    // 2000 is a leap year, so it holds every possible month-day.
    day >= 1 && day <= days_in_month(2000, month)
}

/// A TIMEX3 value built from text and numbers zero-padded as
/// `format!("{n:0width$}")` pads them, without the formatting machinery.
pub(crate) struct Timex(String);

impl Timex {
    pub(crate) fn new() -> Timex {
        Timex(String::with_capacity(16))
    }

    pub(crate) fn text(mut self, text: &str) -> Timex {
        self.0.push_str(text);
        self
    }

    /// `n` in at least `width` chars, zeros after any sign.
    pub(crate) fn num(mut self, n: impl Into<i64>, width: usize) -> Timex {
        let n = n.into();
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = n.unsigned_abs();
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if n < 0 {
            self.0.push('-');
        }
        let len = digits.len() - at + usize::from(n < 0);
        for _ in len..width {
            self.0.push('0');
        }
        self.0.extend(digits[at..].iter().map(|&d| char::from(d)));
        self
    }

    pub(crate) fn done(self) -> String {
        self.0
    }
}

/// The ISO week of `day` as TIMEX3 writes it: `2025-W51`.
pub(crate) fn iso_week(day: NaiveDate) -> Timex {
    let week = day.iso_week();
    Timex::new()
        .num(week.year(), 4)
        .text("-W")
        .num(week.week(), 2)
}

/// `YYYY-MM-DD`, as chrono's `%Y-%m-%d` writes it.
pub(crate) fn ymd(day: NaiveDate) -> String {
    // chrono gives years outside 0..=9999 a sign; leave those to it.
    if !(0..10_000).contains(&day.year()) {
        return day.format("%Y-%m-%d").to_string();
    }
    Timex::new()
        .num(day.year(), 4)
        .text("-")
        .num(day.month(), 2)
        .text("-")
        .num(day.day(), 2)
        .done()
}

/// The day with weekday `weekday` nearest `reference` in direction `dir`
/// (`Nearest` counts as `Back`).
pub(crate) fn weekday_from(reference: NaiveDate, weekday: Weekday, dir: Dir) -> Option<NaiveDate> {
    let from = reference.weekday().num_days_from_monday() as i64;
    let to = weekday.num_days_from_monday() as i64;
    let back = (from - to).rem_euclid(7);
    let forward = (to - from).rem_euclid(7);
    let offset = match dir {
        Dir::Back | Dir::Nearest => -back,
        Dir::Forward => forward,
        Dir::StrictBack => -(if back == 0 { 7 } else { back }),
        Dir::StrictForward => {
            if forward == 0 {
                7
            } else {
                forward
            }
        }
    };
    shift_days(reference, offset)
}

/// The weekday `weekday` of the ISO week `weeks` weeks away from `reference`'s.
pub(crate) fn weekday_in_week(
    reference: NaiveDate,
    weekday: Weekday,
    weeks: i64,
) -> Option<NaiveDate> {
    let monday = shift_days(
        reference,
        -(reference.weekday().num_days_from_monday() as i64) + 7 * weeks,
    )?;
    shift_days(monday, weekday.num_days_from_monday() as i64)
}

/// The year in which `month`-`day` falls nearest `reference` in direction
/// `dir`. Only years that have the day count (29 February needs a leap year).
pub(crate) fn year_for_day(reference: NaiveDate, month: u32, day: u32, dir: Dir) -> Option<i32> {
    let year = reference.year();
    // A day that the reference year and both its neighbours have (all but
    // 29 February) falls nearest in one of them, whatever the direction: a
    // year further away is more than a year off, and the nearer one passes
    // the same direction test.
    let near = [year - 1, year, year + 1].map(|y| NaiveDate::from_ymd_opt(y, month, day));
    if let [Some(before), Some(this), Some(after)] = near {
        let delta = (this - reference).num_days();
        let pick = match dir {
            Dir::Back => [this, before][usize::from(delta > 0)],
            Dir::StrictBack => [this, before][usize::from(delta >= 0)],
            Dir::Forward => [this, after][usize::from(delta < 0)],
            Dir::StrictForward => [this, after][usize::from(delta <= 0)],
            Dir::Nearest => {
                // Closest first; of two equally close, the earlier.
                let other = if delta > 0 { before } else { after };
                let other_delta = (other - reference).num_days();
                match other_delta.abs().cmp(&delta.abs()) {
                    std::cmp::Ordering::Less => other,
                    std::cmp::Ordering::Equal => this.min(other),
                    std::cmp::Ordering::Greater => this,
                }
            }
        };
        return Some(pick.year());
    }
    year_for_day_among_all(reference, month, day, dir)
}

/// `year_for_day` by trying every year up to eight away, as far as a leap
/// day can be (1896 -> 1904).
fn year_for_day_among_all(reference: NaiveDate, month: u32, day: u32, dir: Dir) -> Option<i32> {
    let year = reference.year();
    let candidates = (year - 8..=year + 8).filter_map(|y| NaiveDate::from_ymd_opt(y, month, day));
    let pick = |keep: &dyn Fn(i64) -> bool| {
        candidates
            .clone()
            .map(|d| (d, (d - reference).num_days()))
            .filter(|&(_, delta)| keep(delta))
            // Closest first; of two equally close, the earlier.
            .min_by_key(|&(d, delta)| (delta.abs(), d.year()))
            .map(|(d, _)| d.year())
    };
    match dir {
        Dir::Back => pick(&|delta| delta <= 0),
        Dir::StrictBack => pick(&|delta| delta < 0),
        Dir::Forward => pick(&|delta| delta >= 0),
        Dir::StrictForward => pick(&|delta| delta > 0),
        Dir::Nearest => pick(&|_| true),
    }
}

/// The year in which `month` falls nearest `reference`'s month in direction `dir`.
pub(crate) fn year_for_month(reference: NaiveDate, month: u32, dir: Dir) -> i32 {
    let year = reference.year();
    let delta = month as i32 - reference.month() as i32;
    match dir {
        Dir::Back if delta > 0 => year - 1,
        Dir::StrictBack if delta >= 0 => year - 1,
        Dir::Forward if delta < 0 => year + 1,
        Dir::StrictForward if delta <= 0 => year + 1,
        Dir::Nearest if delta > 6 => year - 1,
        Dir::Nearest if delta < -6 => year + 1,
        _ => year,
    }
}

/// ISO weekday number (1 = Monday) to chrono's weekday.
pub(crate) fn weekday_of(number: u32) -> Option<Weekday> {
    match number {
        1 => Some(Weekday::Mon),
        2 => Some(Weekday::Tue),
        3 => Some(Weekday::Wed),
        4 => Some(Weekday::Thu),
        5 => Some(Weekday::Fri),
        6 => Some(Weekday::Sat),
        7 => Some(Weekday::Sun),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn iso_weeks_across_year_ends() {
        let iso_week = |day| super::iso_week(day).done();
        assert_eq!(iso_week(d(2025, 12, 27)), "2025-W52");
        assert_eq!(iso_week(d(2025, 12, 20)), "2025-W51");
        // 30 Dec 2024 is a Monday in the first week of 2025.
        assert_eq!(iso_week(d(2024, 12, 30)), "2025-W01");
        // 3 Jan 2021 is a Sunday still in 2020's 53rd week.
        assert_eq!(iso_week(d(2021, 1, 3)), "2020-W53");
        assert_eq!(iso_week(d(2021, 1, 4)), "2021-W01");
        assert_eq!(iso_week(d(2023, 1, 1)), "2022-W52");
    }

    #[test]
    fn timex_numbers_pad_as_format_does() {
        let values = [
            0, 1, 7, 9, 10, 99, 100, 999, 1000, 2023, 9999, 10_000, 123_456,
        ];
        for v in values
            .into_iter()
            .flat_map(|v: i64| [v, -v])
            .chain([i64::MIN, i64::MAX])
        {
            for width in 0..6 {
                let built = Timex::new().text("x").num(v, width).done();
                assert_eq!(built, format!("x{v:0width$}"), "{v} {width}");
            }
        }
    }

    #[test]
    fn ymd_writes_as_chrono_does() {
        let mut day = NaiveDate::MIN;
        let mut days = vec![
            NaiveDate::MAX,
            d(-1, 1, 1),
            d(0, 2, 29),
            d(9999, 12, 31),
            d(10_000, 1, 1),
        ];
        while day < NaiveDate::MAX {
            days.push(day);
            day = day
                .checked_add_days(Days::new(997))
                .unwrap_or(NaiveDate::MAX);
        }
        for day in days {
            assert_eq!(ymd(day), day.format("%Y-%m-%d").to_string());
        }
    }

    #[test]
    fn month_lengths_and_leap_days() {
        assert_eq!(days_in_month(2023, 2), 28);
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2100, 2), 28, "century not divisible by 400");
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2023, 4), 30);
        assert_eq!(days_in_month(2023, 12), 31);
        assert!(is_day_of_year(2, 29));
        assert!(!is_day_of_year(2, 30));
        assert!(!is_day_of_year(4, 31));
        assert!(!is_day_of_year(13, 1));
    }

    #[test]
    fn month_shifts_cross_years() {
        assert_eq!(shift_month(2023, 8, -1), (2023, 7));
        assert_eq!(shift_month(2023, 1, -1), (2022, 12));
        assert_eq!(shift_month(2023, 12, 1), (2024, 1));
        assert_eq!(shift_month(2023, 3, -27), (2020, 12));
        assert_eq!(shift_days(d(2024, 3, 1), -1), Some(d(2024, 2, 29)));
        assert_eq!(shift_days(d(2023, 12, 31), 1), Some(d(2024, 1, 1)));
    }

    #[test]
    fn weekdays_in_each_direction() {
        let tuesday = d(2023, 8, 15);
        assert_eq!(
            weekday_from(tuesday, Weekday::Tue, Dir::Back),
            Some(tuesday)
        );
        assert_eq!(
            weekday_from(tuesday, Weekday::Tue, Dir::Forward),
            Some(tuesday)
        );
        assert_eq!(
            weekday_from(tuesday, Weekday::Tue, Dir::StrictBack),
            Some(d(2023, 8, 8))
        );
        assert_eq!(
            weekday_from(tuesday, Weekday::Tue, Dir::StrictForward),
            Some(d(2023, 8, 22))
        );
        assert_eq!(
            weekday_from(tuesday, Weekday::Thu, Dir::Forward),
            Some(d(2023, 8, 17))
        );
        assert_eq!(
            weekday_from(tuesday, Weekday::Thu, Dir::Back),
            Some(d(2023, 8, 10))
        );
        // Across a year end.
        assert_eq!(
            weekday_from(d(2024, 1, 2), Weekday::Fri, Dir::Back),
            Some(d(2023, 12, 29))
        );
        assert_eq!(
            weekday_in_week(d(2025, 12, 27), Weekday::Thu, -1),
            Some(d(2025, 12, 18))
        );
        assert_eq!(weekday_of(7), Some(Weekday::Sun));
        assert_eq!(weekday_of(0), None);
    }

    #[test]
    fn years_for_a_day_and_month() {
        let dct = d(2025, 12, 27);
        assert_eq!(year_for_day(dct, 1, 1, Dir::Nearest), Some(2026));
        assert_eq!(year_for_day(dct, 1, 1, Dir::Back), Some(2025));
        assert_eq!(year_for_day(dct, 12, 27, Dir::Back), Some(2025));
        assert_eq!(year_for_day(dct, 12, 27, Dir::StrictBack), Some(2024));
        assert_eq!(year_for_day(dct, 12, 20, Dir::Forward), Some(2026));
        // Leap days only land on leap years.
        assert_eq!(year_for_day(d(2025, 3, 1), 2, 29, Dir::Back), Some(2024));
        assert_eq!(year_for_day(d(2025, 3, 1), 2, 29, Dir::Forward), Some(2028));
        assert_eq!(year_for_day(d(2025, 3, 1), 2, 29, Dir::Nearest), Some(2024));
        assert_eq!(year_for_day(d(2023, 1, 1), 4, 31, Dir::Nearest), None);
    }

    #[test]
    fn years_for_a_day_as_over_every_candidate() {
        let dirs = [
            Dir::Back,
            Dir::StrictBack,
            Dir::Forward,
            Dir::StrictForward,
            Dir::Nearest,
        ];
        let mut references = vec![NaiveDate::MIN, NaiveDate::MAX];
        let mut reference = d(1995, 1, 1);
        while reference < d(2006, 1, 1) {
            references.push(reference);
            reference = reference.succ_opt().unwrap();
        }
        for reference in references {
            for (month, day) in [
                (1, 1),
                (2, 28),
                (2, 29),
                (3, 1),
                (6, 30),
                (7, 1),
                (12, 31),
                (4, 31),
            ] {
                for dir in dirs {
                    assert_eq!(
                        year_for_day(reference, month, day, dir),
                        year_for_day_among_all(reference, month, day, dir),
                        "{reference} {month}-{day} {dir:?}"
                    );
                }
            }
        }
        // Every day of the year from a few references.
        for reference in [
            d(2023, 8, 15),
            d(2024, 2, 29),
            d(2025, 12, 31),
            d(2024, 1, 1),
        ] {
            let mut day = d(2000, 1, 1);
            while day.year() == 2000 {
                for dir in dirs {
                    assert_eq!(
                        year_for_day(reference, day.month(), day.day(), dir),
                        year_for_day_among_all(reference, day.month(), day.day(), dir),
                        "{reference} {day} {dir:?}"
                    );
                }
                day = day.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn years_for_a_month() {
        let dct = d(2023, 8, 15);
        assert_eq!(year_for_month(dct, 6, Dir::Back), 2023);
        assert_eq!(year_for_month(dct, 9, Dir::Back), 2022);
        assert_eq!(year_for_month(dct, 8, Dir::StrictBack), 2022);
        assert_eq!(year_for_month(dct, 6, Dir::Forward), 2024);
        assert_eq!(year_for_month(dct, 1, Dir::Nearest), 2024);
        assert_eq!(year_for_month(dct, 3, Dir::Nearest), 2023);
        assert_eq!(
            year_for_month(d(2023, 12, 1), 6, Dir::Nearest),
            2023,
            "tie goes back"
        );
    }
}
