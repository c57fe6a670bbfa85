//! Parsing one timestamp cell.
//!
//! Numeric dates whose day and month order the cell alone cannot tell
//! (`03/04/2024`) come back as [`ParsedStamp::DayMonth`]; the loader decides
//! the order per column from all its values. Dates written with dots
//! (`03.06.2024`) are day-first, as in the locales that write them so.
//!
//! A cell is split into tokens (digit runs, letter runs, symbols, spaces).
//! The first `H:MM` run is the time of day, with its seconds, fraction,
//! AM/PM marker and UTC offset after it. The tokens left over are the date.
//! This one rule covers ISO 8601, numeric dates, month names in any
//! position (Jira, Five9, Twitter, RFC 2822) and dates after the time. Unix
//! times are plain numbers: 9–10 digits are seconds, 12–13 digits are
//! milliseconds. Time zones other than a fixed offset are not this module's
//! concern: a time without an offset is returned as local wall-clock time.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use crate::core::settings::DateOrder;

/// A timestamp cell, parsed as far as the cell alone allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParsedStamp {
    /// The text carried an offset, or was a Unix epoch in seconds or
    /// milliseconds.
    Instant(DateTime<Utc>),
    /// A wall-clock time with no offset (a date alone is midnight).
    Local(NaiveDateTime),
    /// `first/second/year` with the order of day and month undecided.
    DayMonth {
        first: u32,
        second: u32,
        year: i32,
        time: NaiveTime,
    },
}

/// Formats accepted, for "expected …" in messages.
pub const EXPECTED: &str = "a date and time such as 2024-03-12 14:05, 2024-03-12T14:05:00Z, \
12/03/2024 2:05 PM, 12/Mar/24 2:05 PM or a Unix time";

/// Maximum length of a cell worth parsing. The longest accepted format (a
/// weekday and month written out, nanoseconds and an offset) is about 50
/// characters.
const MAX_LENGTH: usize = 80;

/// Parses one non-empty cell.
///
/// ```
/// use chrono::NaiveDate;
/// use service_kpis::core::timestamp::{parse_stamp, ParsedStamp};
///
/// let local = NaiveDate::from_ymd_opt(2024, 3, 12)
///     .and_then(|d| d.and_hms_opt(15, 45, 0));
/// let parsed = parse_stamp("12/Mar/24 3:45 PM");
///
/// assert_eq!(parsed, local.map(ParsedStamp::Local));
/// ```
pub fn parse_stamp(text: &str) -> Option<ParsedStamp> {
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_LENGTH {
        return None;
    }
    if let Some(instant) = parse_epoch(text) {
        return Some(ParsedStamp::Instant(instant));
    }

    let tokens = tokenize(text)?;
    let (date_tokens, clock) = split_clock(&tokens)?;
    let date = parse_date(&date_tokens)?;
    let Clock { time, offset } = clock.unwrap_or(Clock {
        time: NaiveTime::MIN,
        offset: None,
    });

    match (date, offset) {
        (DateParts::Known(date), None) => Some(ParsedStamp::Local(date.and_time(time))),
        (DateParts::Known(date), Some(offset)) => {
            let local = date.and_time(time);
            let instant = offset.from_local_datetime(&local).single()?;
            Some(ParsedStamp::Instant(instant.with_timezone(&Utc)))
        }
        (
            DateParts::Undecided {
                first,
                second,
                year,
            },
            None,
        ) => Some(ParsedStamp::DayMonth {
            first,
            second,
            year,
            time,
        }),
        // NOTE: an undecided date with an offset (`03/04/2024 10:00 +0200`)
        // is rejected, because `DayMonth` has no room for the offset. No
        // export seen so far writes dates that way.
        (DateParts::Undecided { .. }, Some(_)) => None,
    }
}

/// Parses a time of day alone, such as `9:12:58` or `3:45 PM`.
///
/// ```
/// use chrono::NaiveTime;
/// use service_kpis::core::timestamp::parse_time_of_day;
///
/// assert_eq!(parse_time_of_day("3:45 PM"), NaiveTime::from_hms_opt(15, 45, 0));
/// ```
pub fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_LENGTH {
        return None;
    }
    let tokens = tokenize(text)?;
    let (clock, end) = parse_clock(&tokens, 0)?;
    if end != tokens.len() || clock.offset.is_some() {
        return None;
    }
    Some(clock.time)
}

/// Turns an undecided numeric date into a date, if it is valid in `order`.
///
/// ```
/// use chrono::NaiveDate;
/// use service_kpis::core::settings::DateOrder;
/// use service_kpis::core::timestamp::day_month_date;
///
/// let date = day_month_date(3, 4, 2024, DateOrder::DayFirst);
///
/// assert_eq!(date, NaiveDate::from_ymd_opt(2024, 4, 3));
/// ```
pub fn day_month_date(first: u32, second: u32, year: i32, order: DateOrder) -> Option<NaiveDate> {
    match order {
        DateOrder::DayFirst => NaiveDate::from_ymd_opt(year, second, first),
        DateOrder::MonthFirst => NaiveDate::from_ymd_opt(year, first, second),
    }
}

/// Reads a Unix time: 9–10 integer digits are seconds and 12–13 are
/// milliseconds, optionally with a fractional part after a dot.
fn parse_epoch(text: &str) -> Option<DateTime<Utc>> {
    let (integer, fraction) = text.split_once('.').unwrap_or((text, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(integer) || !all_digits(fraction) {
        return None;
    }
    if text.ends_with('.') {
        return None;
    }
    let whole: i64 = integer.parse().ok()?;

    match integer.len() {
        9 | 10 => DateTime::from_timestamp(whole, fraction_nanos(fraction, 9)),
        12 | 13 => {
            let seconds = whole.div_euclid(1000);
            let millis = u32::try_from(whole.rem_euclid(1000)).ok()?;
            let nanos = millis * 1_000_000 + fraction_nanos(fraction, 6);
            DateTime::from_timestamp(seconds, nanos)
        }
        _ => None,
    }
}

/// Reads up to `places` digits of a fraction as an integer of that many
/// places: `("5", 9)` is 500,000,000. Digits past `places` are dropped.
fn fraction_nanos(fraction: &str, places: usize) -> u32 {
    let mut value = 0u32;
    let digits = fraction.bytes().chain(std::iter::repeat(b'0'));
    for digit in digits.take(places) {
        value = value * 10 + u32::from(digit - b'0');
    }
    value
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    /// A run of ASCII digits.
    Number(&'a str),
    /// A run of ASCII letters.
    Word(&'a str),
    Symbol(char),
    Space,
}

/// Splits a cell into tokens; `None` if it has a character that no
/// accepted format uses (such as a non-ASCII letter).
fn tokenize(text: &str) -> Option<Vec<Token<'_>>> {
    let mut tokens = Vec::new();
    let mut rest = text;

    while let Some(c) = rest.chars().next() {
        let run_end = |same: fn(char) -> bool| rest.find(|d: char| !same(d)).unwrap_or(rest.len());
        let (token, length) = if c.is_ascii_digit() {
            let end = run_end(|d| d.is_ascii_digit());
            (Token::Number(&rest[..end]), end)
        } else if c.is_ascii_alphabetic() {
            let end = run_end(|d| d.is_ascii_alphabetic());
            (Token::Word(&rest[..end]), end)
        } else if c.is_whitespace() {
            (Token::Space, run_end(char::is_whitespace))
        } else if c.is_ascii_punctuation() {
            (Token::Symbol(c), 1)
        } else {
            return None;
        };
        tokens.push(token);
        rest = &rest[length..];
    }
    Some(tokens)
}

/// A time of day and, if the cell gave one, its UTC offset.
#[derive(Clone, Copy, Debug)]
struct Clock {
    time: NaiveTime,
    offset: Option<FixedOffset>,
}

/// Finds the first `H:MM` run and parses the clock from there. Returns the
/// other tokens (the date) with the clock, or all tokens with `None` for a
/// date alone, or `None` when a clock starts but is malformed.
fn split_clock<'a>(tokens: &[Token<'a>]) -> Option<(Vec<Token<'a>>, Option<Clock>)> {
    let start = tokens.windows(3).position(|window| {
        matches!(
            window,
            [Token::Number(h), Token::Symbol(':'), Token::Number(m)]
                if h.len() <= 2 && m.len() == 2
        )
    });
    let Some(start) = start else {
        return Some((tokens.to_vec(), None));
    };

    let (clock, end) = parse_clock(tokens, start)?;

    // The `T` of ISO 8601 between date and time.
    let mut date_end = start;
    if date_end > 0 && matches!(tokens[date_end - 1], Token::Word(w) if w.eq_ignore_ascii_case("t"))
    {
        date_end -= 1;
    }
    let mut date_tokens = tokens[..date_end].to_vec();
    date_tokens.extend_from_slice(&tokens[end..]);
    Some((date_tokens, Some(clock)))
}

/// Parses `H:MM[:SS[.fff]] [AM|PM] [offset]` from `tokens[start..]` and
/// returns the clock with the index after it.
fn parse_clock(tokens: &[Token], start: usize) -> Option<(Clock, usize)> {
    let mut at = start;
    let hour = two_digit_number(tokens.get(at)?, 1)?;
    expect_symbol(tokens.get(at + 1)?, ':')?;
    let minute = two_digit_number(tokens.get(at + 2)?, 2)?;
    at += 3;

    let mut second = 0;
    let mut nanos = 0;
    if matches!(tokens.get(at), Some(Token::Symbol(':'))) {
        second = two_digit_number(tokens.get(at + 1)?, 2)?;
        at += 2;
        if let (Some(Token::Symbol('.' | ',')), Some(Token::Number(fraction))) =
            (tokens.get(at), tokens.get(at + 1))
        {
            nanos = fraction_nanos(fraction, 9);
            at += 2;
        }
    }

    let hour = match parse_meridiem(tokens, skip_spaces(tokens, at)) {
        Some((pm, end)) => {
            at = end;
            twelve_hour(hour, pm)?
        }
        None => hour,
    };

    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    let (offset, end) = match parse_offset(tokens, skip_spaces(tokens, at)) {
        Some((offset, end)) => (Some(offset), end),
        None => (None, at),
    };
    Some((Clock { time, offset }, end))
}

/// Parses `AM`, `PM`, `a.m.` or `p.m.` (any letter case) at `tokens[at..]`
/// and returns whether it is PM, with the index after it.
fn parse_meridiem(tokens: &[Token], at: usize) -> Option<(bool, usize)> {
    let Token::Word(word) = tokens.get(at)? else {
        return None;
    };
    let word = word.to_ascii_lowercase();
    match word.as_str() {
        "am" | "pm" => return Some((word == "pm", at + 1)),
        "a" | "p" => {}
        _ => return None,
    }

    // `a.m.` is the tokens `a` `.` `m` and an optional final `.`.
    let dotted = matches!(
        (tokens.get(at + 1), tokens.get(at + 2)),
        (Some(Token::Symbol('.')), Some(Token::Word(m))) if m.eq_ignore_ascii_case("m")
    );
    if !dotted {
        return None;
    }
    let mut end = at + 3;
    if tokens.get(end) == Some(&Token::Symbol('.')) {
        end += 1;
    }
    Some((word == "p", end))
}

/// Converts a 12-hour clock hour to 0–23, or `None` past 12. Hour 0 with AM
/// is read as midnight rather than rejected.
fn twelve_hour(hour: u32, pm: bool) -> Option<u32> {
    match (hour, pm) {
        (0, false) | (12, false) => Some(0),
        (1..=11, false) => Some(hour),
        (12, true) => Some(12),
        (1..=11, true) => Some(hour + 12),
        _ => None,
    }
}

/// Parses a UTC offset at `tokens[at..]`: `Z`, `UTC`, `GMT` (each
/// optionally followed by a signed offset), `+02:00`, `+0200`, `+02`, or a
/// North American zone abbreviation from RFC 2822 (`EST`, `PDT`, …).
fn parse_offset(tokens: &[Token], at: usize) -> Option<(FixedOffset, usize)> {
    match tokens.get(at)? {
        Token::Word(word) => {
            let hours = zone_hours(word)?;
            if hours == 0 && !word.eq_ignore_ascii_case("z") {
                // `UTC+2`, `GMT-05:00`.
                if let Some(signed) = parse_signed_offset(tokens, at + 1) {
                    return Some(signed);
                }
            }
            Some((FixedOffset::east_opt(hours * 3600)?, at + 1))
        }
        Token::Symbol('+' | '-') => {
            let (offset, end) = parse_signed_offset(tokens, at)?;
            // Go prints a zone abbreviation after the offset
            // (`2024-03-12 14:05:00 +0000 UTC`); it adds nothing to the
            // offset, so it is skipped.
            let after = skip_spaces(tokens, end);
            match tokens.get(after) {
                Some(Token::Word(name)) if is_zone_abbreviation(name) => Some((offset, after + 1)),
                _ => Some((offset, end)),
            }
        }
        _ => None,
    }
}

/// Tells whether a word looks like a zone abbreviation: 2 to 5 capital
/// letters, such as `UTC`, `CET` or `AEST`.
fn is_zone_abbreviation(word: &str) -> bool {
    (2..=5).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// Hours east of UTC for the zone names RFC 2822 allows.
fn zone_hours(word: &str) -> Option<i32> {
    const ZONES: [(&str, i32); 12] = [
        ("z", 0),
        ("utc", 0),
        ("ut", 0),
        ("gmt", 0),
        ("est", -5),
        ("edt", -4),
        ("cst", -6),
        ("cdt", -5),
        ("mst", -7),
        ("mdt", -6),
        ("pst", -8),
        ("pdt", -7),
    ];
    ZONES
        .iter()
        .find(|(name, _)| word.eq_ignore_ascii_case(name))
        .map(|&(_, hours)| hours)
}

/// Parses `+HH:MM`, `+HHMM`, `+HH` or `+H` at `tokens[at..]`.
fn parse_signed_offset(tokens: &[Token], at: usize) -> Option<(FixedOffset, usize)> {
    let sign = match tokens.get(at)? {
        Token::Symbol('+') => 1,
        Token::Symbol('-') => -1,
        _ => return None,
    };
    let Token::Number(digits) = tokens.get(at + 1)? else {
        return None;
    };

    let (hours, minutes, end) = match digits.len() {
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?, at + 2),
        1 | 2 => {
            let hours: i32 = digits.parse().ok()?;
            match (tokens.get(at + 2), tokens.get(at + 3)) {
                (Some(Token::Symbol(':')), Some(Token::Number(m))) if m.len() == 2 => {
                    (hours, m.parse().ok()?, at + 4)
                }
                _ => (hours, 0, at + 2),
            }
        }
        _ => return None,
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    let offset = FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))?;
    Some((offset, end))
}

fn skip_spaces(tokens: &[Token], mut at: usize) -> usize {
    while matches!(tokens.get(at), Some(Token::Space)) {
        at += 1;
    }
    at
}

/// Parses a number of `min_len` to 2 digits.
fn two_digit_number(token: &Token, min_len: usize) -> Option<u32> {
    match token {
        Token::Number(digits) if (min_len..=2).contains(&digits.len()) => digits.parse().ok(),
        _ => None,
    }
}

fn expect_symbol(token: &Token, symbol: char) -> Option<()> {
    (*token == Token::Symbol(symbol)).then_some(())
}

/// Date parts of a cell, decided as far as the cell alone allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DateParts {
    Known(NaiveDate),
    Undecided { first: u32, second: u32, year: i32 },
}

/// Parses the date tokens left after the clock: three numbers (year first,
/// or year last), or a month name with a day and a year. Weekday names,
/// spaces, commas and the separators `-` `/` `.` are skipped; any other
/// word or symbol rejects the cell.
fn parse_date(tokens: &[Token]) -> Option<DateParts> {
    let mut numbers: Vec<&str> = Vec::new();
    let mut month = None;
    let mut dotted = false;

    for token in tokens {
        match token {
            Token::Number(digits) => numbers.push(digits),
            Token::Word(word) => {
                if let Some(number) = month_number(word) {
                    if month.replace(number).is_some() {
                        return None;
                    }
                } else if !is_weekday(word) && !word.eq_ignore_ascii_case("at") {
                    return None;
                }
            }
            Token::Symbol('.') => dotted = true,
            Token::Symbol('-' | '/' | ',') | Token::Space => {}
            Token::Symbol(_) => return None,
        }
    }

    match (month, numbers.as_slice()) {
        (Some(month), [first, second]) => month_name_date(month, first, second),
        (None, [year, month, day]) if year.len() == 4 => {
            let date = NaiveDate::from_ymd_opt(
                year.parse().ok()?,
                short_number(month)?,
                short_number(day)?,
            )?;
            Some(DateParts::Known(date))
        }
        (None, [first, second, year]) => {
            numeric_date(short_number(first)?, short_number(second)?, year, dotted)
        }
        _ => None,
    }
}

/// Builds a date with a month name. The number with four digits is the
/// year, and of two short numbers the first written is the day
/// (`12/Mar/24`).
fn month_name_date(month: u32, first: &str, second: &str) -> Option<DateParts> {
    let (day, year) = match (first.len(), second.len()) {
        (4, 1..=2) => (second, first),
        (1..=2, 4) | (1..=2, 2) => (first, second),
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(expand_year(year)?, month, short_number(day)?)?;
    Some(DateParts::Known(date))
}

/// Builds a date `a/b/year`. It is decided when only one order gives a
/// valid date, when both orders give the same date, or when written with
/// dots (day-first). Otherwise it is undecided.
fn numeric_date(first: u32, second: u32, year: &str, dotted: bool) -> Option<DateParts> {
    let year = expand_year(year)?;
    let day_first = NaiveDate::from_ymd_opt(year, second, first);
    if dotted {
        return day_first.map(DateParts::Known);
    }
    let month_first = NaiveDate::from_ymd_opt(year, first, second);

    match (day_first, month_first) {
        (Some(date), None) | (None, Some(date)) => Some(DateParts::Known(date)),
        (Some(a), Some(b)) if a == b => Some(DateParts::Known(a)),
        (Some(_), Some(_)) => Some(DateParts::Undecided {
            first,
            second,
            year,
        }),
        (None, None) => None,
    }
}

/// Parses a day or month number of one or two digits.
fn short_number(digits: &str) -> Option<u32> {
    if (1..=2).contains(&digits.len()) {
        digits.parse().ok()
    } else {
        None
    }
}

/// Parses a four-digit year as is, and a two-digit year into 1969–2068
/// as POSIX `strptime` reads `%y`.
fn expand_year(digits: &str) -> Option<i32> {
    let value: i32 = digits.parse().ok()?;
    match digits.len() {
        4 => Some(value),
        2 if value >= 69 => Some(1900 + value),
        2 => Some(2000 + value),
        _ => None,
    }
}

/// Returns the month that an English month name or its three-letter
/// abbreviation (also `Sept`) names.
fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.to_ascii_lowercase();
    if word == "sept" {
        return Some(9);
    }
    let index = MONTHS.iter().position(|name| {
        word.len() >= 3 && (*name == word || (word.len() == 3 && name.starts_with(&word)))
    })?;
    u32::try_from(index + 1).ok()
}

/// Tells whether a word is an English weekday name or abbreviation.
fn is_weekday(word: &str) -> bool {
    const WEEKDAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let word = word.to_ascii_lowercase();
    let short = ["tues", "thur", "thurs"].contains(&word.as_str());
    short
        || WEEKDAYS
            .iter()
            .any(|name| *name == word || (word.len() == 3 && name.starts_with(&word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<ParsedStamp> {
        let date = NaiveDate::from_ymd_opt(y, mo, d)?;
        Some(ParsedStamp::Local(date.and_hms_opt(h, mi, s)?))
    }

    fn instant(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<ParsedStamp> {
        let date = NaiveDate::from_ymd_opt(y, mo, d)?;
        let utc = date.and_hms_opt(h, mi, s)?.and_utc();
        Some(ParsedStamp::Instant(utc))
    }

    fn instant_nanos(text: &str) -> Option<u32> {
        match parse_stamp(text)? {
            ParsedStamp::Instant(at) => Some(at.timestamp_subsec_nanos()),
            _ => None,
        }
    }

    #[test]
    fn iso_with_offsets_is_instant() {
        let expected = instant(2024, 3, 12, 12, 5, 0);

        // 14:05 at +02:00 is 12:05 UTC.
        assert_eq!(parse_stamp("2024-03-12T12:05:00Z"), expected);
        assert_eq!(parse_stamp("2024-03-12T14:05:00+02:00"), expected);
        assert_eq!(parse_stamp("2024-03-12 14:05+0200"), expected);
        assert_eq!(parse_stamp("2024-03-12 14:05:00 +02"), expected);
        assert_eq!(parse_stamp("2024-03-12T12:05:00+00:00"), expected);
        assert_eq!(parse_stamp("2024-03-12 12:05:00 UTC"), expected);
        // 07:05 at −05:00 is 12:05 UTC.
        assert_eq!(parse_stamp("2024-03-12T07:05:00-05:00"), expected);
        assert_eq!(parse_stamp("2024-03-12T07:05:00 EST"), expected);
    }

    #[test]
    fn go_zone_name_after_offset() {
        // Go's time.String(): 14:05 at +0100 is 13:05 UTC.
        let parsed = parse_stamp("2024-03-12 14:05:00.5 +0100 CET");

        let expected = instant(2024, 3, 12, 13, 5, 0).map(|stamp| match stamp {
            ParsedStamp::Instant(at) => {
                ParsedStamp::Instant(at + chrono::Duration::milliseconds(500))
            }
            other => other,
        });
        assert_eq!(parsed, expected);
        assert_eq!(parse_stamp("2024-03-12 14:05 +0100 cet"), None);
    }

    #[test]
    fn iso_offset_crosses_midnight() {
        // 01:30 at +02:00 is 23:30 UTC on the day before.
        let parsed = parse_stamp("2024-03-01T01:30:00+02:00");

        assert_eq!(parsed, instant(2024, 2, 29, 23, 30, 0));
    }

    #[test]
    fn iso_without_offset_is_local() {
        assert_eq!(
            parse_stamp("2024-03-12T14:05:09"),
            local(2024, 3, 12, 14, 5, 9)
        );
        assert_eq!(
            parse_stamp("2024-03-12 14:05"),
            local(2024, 3, 12, 14, 5, 0)
        );
        assert_eq!(parse_stamp("2021-01-01"), local(2021, 1, 1, 0, 0, 0));
        assert_eq!(parse_stamp("2024/03/12"), local(2024, 3, 12, 0, 0, 0));
        assert_eq!(parse_stamp("2024/3/5 9:07"), local(2024, 3, 5, 9, 7, 0));
    }

    #[test]
    fn fractional_seconds_are_kept() {
        // Socrata writes milliseconds with no offset.
        let socrata = parse_stamp("2024-04-16T03:03:15.000");

        assert_eq!(socrata, local(2024, 4, 16, 3, 3, 15));
        assert_eq!(instant_nanos("2024-03-12T12:05:00.5Z"), Some(500_000_000));
        assert_eq!(instant_nanos("2024-03-12T12:05:00,25Z"), Some(250_000_000));
        // Digits past nanoseconds are dropped.
        assert_eq!(
            instant_nanos("2024-03-12T12:05:00.1234567891Z"),
            Some(123_456_789)
        );
    }

    #[test]
    fn helpdesk_event_log_stamp() {
        let parsed = parse_stamp("2010-01-13 08:40:25+00:00");

        assert_eq!(parsed, instant(2010, 1, 13, 8, 40, 25));
    }

    #[test]
    fn dst_case_times_stay_local() {
        // Local times in a DST gap and overlap in New York: the zone is
        // applied later, so the cell alone gives the wall-clock time.
        assert_eq!(
            parse_stamp("2024-03-10 02:30"),
            local(2024, 3, 10, 2, 30, 0)
        );
        assert_eq!(
            parse_stamp("2024-11-03 01:30"),
            local(2024, 11, 3, 1, 30, 0)
        );
    }

    #[test]
    fn epoch_seconds_and_milliseconds() {
        // 1717372800 s = 19,877 days × 86,400 s = 2024-06-03 00:00 UTC
        // (19,723 days to 2024-01-01, then 31+29+31+30+31 = 152 days to
        // 1 June, then 2 more). 1717405200 is 32,400 s (9 h) later.
        assert_eq!(parse_stamp("1717405200"), instant(2024, 6, 3, 9, 0, 0));
        // Milliseconds: 1717407000 s is 1,800 s (30 min) after 09:00.
        assert_eq!(parse_stamp("1717407000000"), instant(2024, 6, 3, 9, 30, 0));
        // 1717495200 − 1717372800 = 122,400 s = 1 day 10 h.
        assert_eq!(parse_stamp("1717495200"), instant(2024, 6, 4, 10, 0, 0));
        // 1717574700 − 1717372800 = 201,900 s = 2 days 8 h 5 min.
        assert_eq!(parse_stamp("1717574700000"), instant(2024, 6, 5, 8, 5, 0));
    }

    #[test]
    fn epoch_with_fraction_and_nine_digits() {
        // 999,999,999 s = 11,574 days + 6,399 s: 2001-09-09 01:46:39 UTC.
        assert_eq!(parse_stamp("999999999"), instant(2001, 9, 9, 1, 46, 39));
        assert_eq!(instant_nanos("1717405200.25"), Some(250_000_000));
        assert_eq!(instant_nanos("1717405200123.5"), Some(123_500_000));
    }

    #[test]
    fn other_digit_counts_are_not_epochs() {
        for text in [
            "12345678",
            "20240312",
            "12345678901",
            "12345678901234",
            "1717405200.",
        ] {
            assert_eq!(parse_stamp(text), None, "{text}");
        }
    }

    #[test]
    fn numeric_dates_decided_by_value() {
        // 29 cannot be a month, so ServiceNow's 29-02-2016 is day-first.
        assert_eq!(
            parse_stamp("29-02-2016 01:16"),
            local(2016, 2, 29, 1, 16, 0)
        );
        // 13 cannot be a month, so 12/13/2024 is month-first.
        assert_eq!(
            parse_stamp("12/13/2024 2:05 PM"),
            local(2024, 12, 13, 14, 5, 0)
        );
        // Both orders give 3 March.
        assert_eq!(parse_stamp("03/03/2024"), local(2024, 3, 3, 0, 0, 0));
    }

    #[test]
    fn numeric_dates_undecided() {
        // Google Forms (French): 08/11/2021 is 8 Nov or 11 Aug.
        let parsed = parse_stamp("08/11/2021 17:05:47");

        let time = NaiveTime::from_hms_opt(17, 5, 47);
        assert_eq!(
            parsed,
            time.map(|time| ParsedStamp::DayMonth {
                first: 8,
                second: 11,
                year: 2021,
                time,
            })
        );
    }

    #[test]
    fn dotted_dates_are_day_first() {
        // German Excel export: 03.06.2024 is 3 June 2024.
        assert_eq!(parse_stamp("03.06.2024"), local(2024, 6, 3, 0, 0, 0));
        assert_eq!(parse_stamp("3.6.24 8:15"), local(2024, 6, 3, 8, 15, 0));
        // 13 is not a month, and dots never mean month-first.
        assert_eq!(parse_stamp("06.13.2024"), None);
    }

    #[test]
    fn two_digit_years() {
        // POSIX %y: 00–68 are 2000–2068, 69–99 are 1969–1999.
        assert_eq!(parse_stamp("25/12/68"), local(2068, 12, 25, 0, 0, 0));
        assert_eq!(parse_stamp("25/12/69"), local(1969, 12, 25, 0, 0, 0));
        assert_eq!(parse_stamp("13-1-24"), local(2024, 1, 13, 0, 0, 0));
    }

    #[test]
    fn am_pm_clock() {
        assert_eq!(
            parse_stamp("3/13/2024 12:30 AM"),
            local(2024, 3, 13, 0, 30, 0)
        );
        assert_eq!(
            parse_stamp("3/13/2024 12:30 pm"),
            local(2024, 3, 13, 12, 30, 0)
        );
        assert_eq!(
            parse_stamp("3/13/2024 11:59:59PM"),
            local(2024, 3, 13, 23, 59, 59)
        );
        assert_eq!(parse_stamp("3/13/2024 13:30 PM"), None);
        assert_eq!(
            parse_stamp("3/13/2024 1:30 p.m."),
            local(2024, 3, 13, 13, 30, 0)
        );
        assert_eq!(
            parse_stamp("3/13/2024 1:30 A.M."),
            local(2024, 3, 13, 1, 30, 0)
        );
        assert_eq!(parse_stamp("3/13/2024 1:30 p.x."), None);
    }

    #[test]
    fn month_name_formats() {
        let expected = local(2024, 3, 12, 15, 45, 0);

        // Jira.
        assert_eq!(parse_stamp("12/Mar/24 3:45 PM"), expected);
        assert_eq!(parse_stamp("12 Mar 2024 15:45"), expected);
        assert_eq!(parse_stamp("Mar 12, 2024 3:45 PM"), expected);
        assert_eq!(parse_stamp("March 12, 2024 at 3:45 PM"), expected);
        assert_eq!(parse_stamp("Tuesday, 12 March 2024 15:45"), expected);
        assert_eq!(parse_stamp("12-MAR-2024 15:45"), expected);
        assert_eq!(parse_stamp("12 Mar 2024"), local(2024, 3, 12, 0, 0, 0));
    }

    #[test]
    fn five9_stamp() {
        let parsed = parse_stamp("Thu, 27 Oct 2016 14:51:34");

        assert_eq!(parsed, local(2016, 10, 27, 14, 51, 34));
    }

    #[test]
    fn twitter_stamp_has_year_last() {
        let parsed = parse_stamp("Tue Oct 31 22:10:47 +0000 2017");

        assert_eq!(parsed, instant(2017, 10, 31, 22, 10, 47));
    }

    #[test]
    fn rfc_2822_stamps() {
        // 10:52:37 at +02:00 is 08:52:37 UTC; at PDT (−7 h) it is 17:52:37.
        assert_eq!(
            parse_stamp("Tue, 1 Jul 2003 10:52:37 +0200"),
            instant(2003, 7, 1, 8, 52, 37)
        );
        assert_eq!(
            parse_stamp("Tue, 01 Jul 2003 10:52:37 GMT"),
            instant(2003, 7, 1, 10, 52, 37)
        );
        assert_eq!(
            parse_stamp("Tue, 01 Jul 2003 10:52:37 PDT"),
            instant(2003, 7, 1, 17, 52, 37)
        );
    }

    #[test]
    fn invalid_dates_are_rejected() {
        for text in [
            "2023-02-29",
            "2024-13-01",
            "2024-03-12 24:00",
            "2024-03-12 12:60",
            "99/99/9999",
            "31/02/2024",
            "12 Foo 2024",
            "Mar 2024",
            "14:05",
            "yesterday",
            "2024-03-12 14:05 +2500",
            "2024-03-12 ~ 14:05",
            "12.5",
            "2024-03",
            "03/04/2024 10:00 +0200",
        ] {
            assert_eq!(parse_stamp(text), None, "{text}");
        }
    }

    #[test]
    fn time_of_day_alone() {
        assert_eq!(
            parse_time_of_day("9:12:58"),
            NaiveTime::from_hms_opt(9, 12, 58)
        );
        assert_eq!(
            parse_time_of_day(" 3:45 PM "),
            NaiveTime::from_hms_opt(15, 45, 0)
        );
        assert_eq!(parse_time_of_day("00:00"), NaiveTime::from_hms_opt(0, 0, 0));
        assert_eq!(parse_time_of_day("25:00"), None);
        assert_eq!(parse_time_of_day("9:12 tomorrow"), None);
        assert_eq!(parse_time_of_day("2024-03-12 9:12"), None);
        assert_eq!(parse_time_of_day(""), None);
    }

    #[test]
    fn day_month_date_follows_order() {
        assert_eq!(
            day_month_date(8, 11, 2021, DateOrder::DayFirst),
            NaiveDate::from_ymd_opt(2021, 11, 8)
        );
        assert_eq!(
            day_month_date(8, 11, 2021, DateOrder::MonthFirst),
            NaiveDate::from_ymd_opt(2021, 8, 11)
        );
        assert_eq!(day_month_date(31, 2, 2021, DateOrder::DayFirst), None);
        assert_eq!(day_month_date(0, 0, i32::MAX, DateOrder::MonthFirst), None);
    }

    /// Reads one column of a real export, without its header.
    fn real_column(file: &str, column: &str) -> Vec<String> {
        let path = format!("{}/../shared/data/real/{file}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
        let mut reader = crate::core::read::CsvReader::new();
        let mut records = Vec::new();
        reader.push(&bytes, &mut records);
        reader.finish(&mut records);

        let index = records[0].fields.iter().position(|f| f == column);
        let index = index.unwrap_or_else(|| panic!("{file}: no column {column}"));
        records[1..]
            .iter()
            .map(|record| record.fields.get(index).cloned().unwrap_or_default())
            .collect()
    }

    #[test]
    fn real_export_columns_parse() {
        // Non-missing cells per column, counted with Python's csv module
        // (cells that are not empty, `?` or another missing marker).
        let columns = [
            ("kaggle_support_tickets.csv", "First Response Time", 5_650),
            ("kaggle_support_tickets.csv", "Time to Resolution", 2_769),
            ("uci_incident_event_log_sample.csv", "opened_at", 5_998),
            ("uci_incident_event_log_sample.csv", "resolved_at", 5_939),
            ("nyc311_socrata_2024_sample.csv", "created_date", 1_000),
            ("nyc311_socrata_2024_sample.csv", "closed_date", 292),
            ("twcs_sample.csv", "created_at", 5_000),
            ("helpdesk_event_log.csv", "time:timestamp", 21_348),
            ("google_forms_brand_nps_fr.csv", "Horodateur", 93),
        ];
        for (file, column, expected) in columns {
            let cells = real_column(file, column);
            let present: Vec<&String> = cells
                .iter()
                .filter(|cell| !crate::core::number::is_missing(cell))
                .collect();
            let failed: Vec<&&String> = present
                .iter()
                .filter(|cell| parse_stamp(cell).is_none())
                .take(3)
                .collect();

            assert_eq!(present.len(), expected, "{file}: {column}");
            assert!(failed.is_empty(), "{file}: {column}: {failed:?}");
        }
    }

    #[test]
    fn real_twitter_stamps_are_instants() {
        let cells = real_column("twcs_sample.csv", "created_at");

        let instants = cells
            .iter()
            .filter(|cell| matches!(parse_stamp(cell), Some(ParsedStamp::Instant(_))))
            .count();
        assert_eq!(instants, 5_000);
    }

    #[test]
    fn odd_inputs_never_panic() {
        let fixed = [
            "",
            " ",
            ":",
            "::",
            "1:",
            ":1",
            "+",
            "-",
            "T",
            "Z",
            "99:99",
            "9999999999999999999999",
            "1717405200.99999999999999",
            "２０２４-03-12",
            "2024-03-12T",
            "Ünïcode 12:00",
            "12:00 +",
            "12:00 +99999",
            "12:00 UTC+",
            "0/0/0",
            "2024-0-0",
            "-1717405200",
            "12/Mar/24 3:45 XM",
            "\u{0}",
            "Mar Mar 12 2024",
        ];
        for text in fixed {
            let _ = parse_stamp(text);
            let _ = parse_time_of_day(text);
        }

        // Random strings from characters that the parser treats specially.
        let alphabet: Vec<char> = "0123456789:/-.,+ TZAPMmarOct\u{A0}é".chars().collect();
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            let mut text = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let length = (state % 30) as usize;
            for _ in 0..length {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            let _ = parse_stamp(&text);
            let _ = parse_time_of_day(&text);
        }
    }
}
