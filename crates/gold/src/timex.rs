//! The TIMEX3 date values a DATE entity may carry.
//!
//! Accepted forms: `YYYY`, `YYY` (a decade, as TIMEX3 writes "the 1990s":
//! `199`), `YYYY-MM`, `YYYY-MM-DD`, `YYYY-Www` (ISO week),
//! `YYYY-Www-D` (a day of that week, 1 = Monday) and `YYYY-Www-WE` (its
//! weekend), `YYYY-Qn` (quarter) and `YYYY-Hn` (half year), and spans of
//! two of these, `YYYY/YYYY` (years) or `2024-03-19/2024-03-20` (days). Any
//! digit of a year may be `X`, and a month, day or week may be `XX`, for what
//! the text leaves open (`XXXX-06-12`, `20XX`). Numbers must name a real
//! date: no month 13, no 30 February, no week 53 in a year that has 52, and
//! a span must not end before it starts.

use chrono::{NaiveDate, Weekday};

/// Why a value is not an accepted TIMEX3 date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TimexError {
    /// The value has none of the accepted forms.
    #[error(
        "not of the form YYYY, YYY, YYYY-MM, YYYY-MM-DD, YYYY-Www[-D|-WE], YYYY-Qn, YYYY-Hn or a span A/B of two of them (X for a digit left open)"
    )]
    Form,
    /// The month is outside 01–12.
    #[error("there is no month {0:02}")]
    Month(u32),
    /// The day does not exist in that month (of that year, when it is known).
    #[error("{}", no_such_day(*.year, *.month, *.day))]
    Day {
        year: Option<i32>,
        month: Option<u32>,
        day: u32,
    },
    /// The ISO week does not exist (in that year, when it is known).
    #[error("{}", match .year {
        Some(y) => format!("{y:04} has no ISO week {week:02}"),
        None => format!("there is no ISO week {week:02}"),
    })]
    Week { year: Option<i32>, week: u32 },
    /// A span of years that ends before it starts.
    #[error("the span of years {from}/{to} ends before it starts")]
    ReversedYears { from: i32, to: i32 },
    /// A span of days, months, weeks or quarters that ends before it starts.
    #[error("the span {from}/{to} ends before it starts")]
    ReversedSpan { from: String, to: String },
}

fn no_such_day(year: Option<i32>, month: Option<u32>, day: u32) -> String {
    match (year, month) {
        (Some(y), Some(m)) => format!("{y:04}-{m:02} has no day {day:02}"),
        (None, Some(m)) => format!("month {m:02} has no day {day:02}"),
        (_, None) => format!("there is no day {day:02}"),
    }
}

/// Checks that `value` is an accepted TIMEX3 date (see the module doc).
///
/// ```
/// use nerbench_gold::timex::{check, TimexError};
///
/// assert!(check("XXXX-06-12").is_ok());
/// assert!(check("2025-W51").is_ok());
/// assert_eq!(check("2023-13-01"), Err(TimexError::Month(13)));
/// ```
pub fn check(value: &str) -> Result<(), TimexError> {
    let Some((from, to)) = value.split_once('/') else {
        return point(value);
    };
    if from.len() == 4 || to.len() == 4 {
        return match (year(from)?, year(to)?) {
            (Some(from), Some(to)) if from > to => Err(TimexError::ReversedYears { from, to }),
            _ => Ok(()),
        };
    }
    point(from)?;
    point(to)?;
    // Two values of one shape with no digit left open compare as text:
    // days, months, weeks, quarters.
    let same_shape = from.len() == to.len()
        && !value.contains('X')
        && (from.bytes().zip(to.bytes())).all(|(a, b)| {
            a.is_ascii_digit() == b.is_ascii_digit() && (a.is_ascii_digit() || a == b)
        });
    if same_shape && from > to {
        return Err(TimexError::ReversedSpan {
            from: from.to_string(),
            to: to.to_string(),
        });
    }
    Ok(())
}

/// One value that is not a span.
fn point(value: &str) -> Result<(), TimexError> {
    if value.len() == 3 && value.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(()); // a decade
    }
    let mut parts = value.split('-');
    let year = year(parts.next().unwrap_or_default())?;
    let (second, third) = (parts.next(), parts.next());
    if parts.next().is_some() {
        return Err(TimexError::Form);
    }
    match (second, third) {
        (None, _) => Ok(()),
        (Some(part), None) if part.starts_with(['Q', 'H']) => {
            let most = if part.starts_with('Q') { b'4' } else { b'2' };
            match part.as_bytes() {
                [_, n] if (b'1'..=most).contains(n) => Ok(()),
                _ => Err(TimexError::Form),
            }
        }
        (Some(w), Some(day)) if w.starts_with('W') => {
            if day != "WE" && !matches!(day.as_bytes(), [b'1'..=b'7']) {
                return Err(TimexError::Form);
            }
            point(&value[..value.len() - day.len() - 1])
        }
        (Some(w), None) if w.starts_with('W') => {
            let Some(week) = two_digits(&w[1..])? else {
                return Ok(());
            };
            let exists = match year {
                Some(y) => NaiveDate::from_isoywd_opt(y, week, Weekday::Mon).is_some(),
                None => (1..=53).contains(&week),
            };
            if exists {
                Ok(())
            } else {
                Err(TimexError::Week { year, week })
            }
        }
        (Some(m), day) => {
            let month = two_digits(m)?;
            if let Some(m) = month.filter(|m| !(1..=12).contains(m)) {
                return Err(TimexError::Month(m));
            }
            let Some(day) = day.map(two_digits).transpose()?.flatten() else {
                return Ok(());
            };
            if (1..=days_in(year, month)).contains(&day) {
                Ok(())
            } else {
                Err(TimexError::Day { year, month, day })
            }
        }
    }
}

/// A four-character year of digits and `X`; its number if it has no `X`.
fn year(s: &str) -> Result<Option<i32>, TimexError> {
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit() || b == b'X') {
        return Err(TimexError::Form);
    }
    Ok(s.parse().ok())
}

/// Two digits, or `XX` (`None`).
fn two_digits(s: &str) -> Result<Option<u32>, TimexError> {
    match s.as_bytes() {
        b"XX" => Ok(None),
        [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
            Ok(Some(u32::from(a - b'0') * 10 + u32::from(b - b'0')))
        }
        _ => Err(TimexError::Form),
    }
}

/// The most days the month can have: an unknown month or year allows the
/// largest (31, and 29 for February).
fn days_in(year: Option<i32>, month: Option<u32>) -> u32 {
    match month {
        Some(4 | 6 | 9 | 11) => 30,
        Some(2) => match year {
            Some(y) if NaiveDate::from_ymd_opt(y, 2, 29).is_none() => 28,
            _ => 29,
        },
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_forms_of_the_guidelines() {
        for ok in [
            "2025",
            "20XX",
            "XXXX",
            "2023-08",
            "XXXX-06",
            "2023-10-12",
            "XXXX-06-12",
            "2023-XX-31",
            "2024-02-29",
            "XXXX-02-29",
            "2025-W51",
            "2020-W53",
            "XXXX-W53",
            "2023-WXX",
            "1910/1945",
            "19XX/2000",
            "2023-12-XX",
            "2024-W11-WE",
            "2024-W11-3",
            "XXXX-WXX-5",
            "2024-Q1",
            "XXXX-Q4",
            "2023-H2",
            "2024-03-19/2024-03-20",
            "XXXX-04-05/XXXX-04-07",
            "2024-03/2024-05",
            "2024-Q4/2025-Q1",
            "2024-Q2/2024-H2",
            "199",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn rejects_malformed_and_impossible_values() {
        let cases = [
            ("", TimexError::Form),
            ("23", TimexError::Form),
            ("19X", TimexError::Form),
            ("2023-1-05", TimexError::Form),
            ("2023-10-12T10:00", TimexError::Form),
            ("2023-10-12-01", TimexError::Form),
            ("xxxx-06-12", TimexError::Form),
            ("2023-Q5", TimexError::Form),
            ("2023-H3", TimexError::Form),
            ("2023-Q", TimexError::Form),
            ("2024-W11-8", TimexError::Form),
            ("2024-W11-WD", TimexError::Form),
            ("2024-03-19/", TimexError::Form),
            ("2024-03-19/2024-13-01", TimexError::Month(13)),
            (
                "2024-03-20/2024-03-19",
                TimexError::ReversedSpan {
                    from: "2024-03-20".to_string(),
                    to: "2024-03-19".to_string(),
                },
            ),
            (
                "2024-05/2024-03",
                TimexError::ReversedSpan {
                    from: "2024-05".to_string(),
                    to: "2024-03".to_string(),
                },
            ),
            (
                "2024-W54-WE",
                TimexError::Week {
                    year: Some(2024),
                    week: 54,
                },
            ),
            ("2023-W5", TimexError::Form),
            ("PRESENT_REF", TimexError::Form),
            ("1910/45", TimexError::Form),
            ("2023-13-01", TimexError::Month(13)),
            ("2023-00", TimexError::Month(0)),
            (
                "2023-02-30",
                TimexError::Day {
                    year: Some(2023),
                    month: Some(2),
                    day: 30,
                },
            ),
            (
                "2023-02-29",
                TimexError::Day {
                    year: Some(2023),
                    month: Some(2),
                    day: 29,
                },
            ),
            (
                "XXXX-04-31",
                TimexError::Day {
                    year: None,
                    month: Some(4),
                    day: 31,
                },
            ),
            (
                "2023-XX-00",
                TimexError::Day {
                    year: Some(2023),
                    month: None,
                    day: 0,
                },
            ),
            (
                "2023-W53",
                TimexError::Week {
                    year: Some(2023),
                    week: 53,
                },
            ),
            (
                "XXXX-W54",
                TimexError::Week {
                    year: None,
                    week: 54,
                },
            ),
            (
                "1945/1910",
                TimexError::ReversedYears {
                    from: 1945,
                    to: 1910,
                },
            ),
        ];
        for (value, expected) in cases {
            assert_eq!(check(value), Err(expected), "{value}");
        }
    }

    #[test]
    fn messages_name_the_impossible_part() {
        assert_eq!(
            check("2023-13-01").unwrap_err().to_string(),
            "there is no month 13"
        );
        assert_eq!(
            check("2023-02-30").unwrap_err().to_string(),
            "2023-02 has no day 30"
        );
        assert_eq!(
            check("2023-W53").unwrap_err().to_string(),
            "2023 has no ISO week 53"
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for odd in [
            "-", "/", "2023-", "2023--", "2023-W", "ä023", "2023-ä1", "2023-Wä",
        ] {
            assert!(check(odd).is_err(), "{odd}");
        }
    }
}
