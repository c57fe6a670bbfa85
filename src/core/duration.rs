//! Parsing one duration cell: `H:MM:SS`, `1h 2m 5s`, `18:25 min`, plain
//! numbers in the unit the header names, fractions of a day.
//!
//! Durations come back in seconds and may be negative (Jira writes SLA
//! time left as `-0:30` once breached). A two-part `04:10` with no unit word
//! in the cell is [`ParsedDuration::Ambiguous`], and the loader resolves it
//! from the user's choice or the file's setting. This module does not decide which columns
//! are durations, nor which unit a header without one implies.

use crate::core::number::{parse_number, NumberStyle};

/// Unit of plain numbers in a duration column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DurationUnit {
    Milliseconds,
    Seconds,
    Minutes,
    Hours,
    Days,
}

impl DurationUnit {
    /// Seconds in one of this unit.
    pub fn seconds(self) -> f64 {
        match self {
            DurationUnit::Milliseconds => 0.001,
            DurationUnit::Seconds => 1.0,
            DurationUnit::Minutes => 60.0,
            DurationUnit::Hours => 3600.0,
            DurationUnit::Days => 86_400.0,
        }
    }
}

/// A duration cell, parsed as far as the cell alone allows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParsedDuration {
    Seconds(f64),
    /// `04:10`: minutes:seconds or hours:minutes.
    Ambiguous {
        as_min_sec: f64,
        as_hour_min: f64,
    },
}

/// The maximum duration a cell may hold, 100 years of 365.25 days in
/// seconds; longer values are typing or export errors.
pub const MAX_PLAUSIBLE_SECONDS: f64 = 100.0 * 365.25 * 86_400.0;

/// Formats accepted, for "expected …" in messages.
pub const EXPECTED: &str = "a duration such as 0:04:10, 1h 2m 5s, 18:25 min or a number";

/// Maximum length of a cell worth parsing (`2 days 23:59:59.999999` is 22
/// characters).
const MAX_LENGTH: usize = 64;

/// The unit a header names, e.g. "in minutes", "(Sek.)", "_ms", "(in hrs)".
///
/// The header is split into words at non-letters and at lower-to-upper
/// case changes (`TalkTimeSec`). The first word that names a unit in
/// English, German or French wins, so "First reply time in minutes within
/// business hours" is in minutes. The one-letter units `s`, `m`, `h` and `d`
/// count only inside brackets (`(s)`) or as a suffix after `_` (`wait_s`),
/// since elsewhere they are too often something else.
///
/// ```
/// use service_kpis::core::duration::{unit_from_header, DurationUnit};
///
/// assert_eq!(unit_from_header("Wartezeit (Sek.)"), Some(DurationUnit::Seconds));
/// assert_eq!(unit_from_header("Talk time"), None);
/// ```
pub fn unit_from_header(header: &str) -> Option<DurationUnit> {
    header_words(header)
        .into_iter()
        .find_map(|word| match word.text.as_str() {
            "s" | "m" | "h" | "d" if !word.marked => None,
            text => unit_from_word(text),
        })
}

/// A word of a header, lowercased.
struct HeaderWord {
    text: String,
    /// Inside brackets on its own, or after a final `_`.
    marked: bool,
}

fn header_words(header: &str) -> Vec<HeaderWord> {
    let chars: Vec<char> = header.chars().collect();
    let mut words = Vec::new();
    let mut start = 0;

    while start < chars.len() {
        if !chars[start].is_alphanumeric() {
            start += 1;
            continue;
        }
        let mut end = start + 1;
        while end < chars.len()
            && chars[end].is_alphanumeric()
            && !(chars[end].is_uppercase() && chars[end - 1].is_lowercase())
        {
            end += 1;
        }

        let before = start.checked_sub(1).map(|i| chars[i]);
        let after = chars.get(end).copied();
        let bracketed = matches!(
            (before, after),
            (Some('('), Some(')')) | (Some('['), Some(']'))
        );
        let suffix = before == Some('_') && after.is_none();
        words.push(HeaderWord {
            text: chars[start..end].iter().collect::<String>().to_lowercase(),
            marked: bracketed || suffix,
        });
        start = end;
    }
    words
}

/// Returns the unit that a word names, from English, German and French
/// spellings, their usual abbreviations and the one-letter symbols.
fn unit_from_word(word: &str) -> Option<DurationUnit> {
    use DurationUnit::*;
    let unit = match word {
        "ms" | "msec" | "msecs" | "millis" | "millisecond" | "milliseconds" | "millisekunden" => {
            Milliseconds
        }
        "s" | "sec" | "secs" | "second" | "seconds" | "sek" | "sekunde" | "sekunden"
        | "seconde" | "secondes" => Seconds,
        "m" | "min" | "mins" | "minute" | "minutes" | "minuten" => Minutes,
        "h" | "hr" | "hrs" | "hour" | "hours" | "std" | "stunde" | "stunden" | "heure"
        | "heures" => Hours,
        "d" | "day" | "days" | "tag" | "tage" | "jour" | "jours" => Days,
        _ => return None,
    };
    Some(unit)
}

/// Parses one non-empty cell; plain numbers are in `unit`, and a decimal
/// comma is accepted when `decimal_comma` is set.
///
/// `unit` is the unit that the header names, so a column without one should
/// be parsed with [`DurationUnit::Seconds`]: any other choice would also
/// decide how a two-part `04:10` reads.
///
/// Accepted forms, each with an optional leading sign:
///
/// - a plain number, in `unit`: `245`, `4,5` (with `decimal_comma`);
/// - clock forms: `H:MM:SS`, `HH:MM:SS.fff`, `D.HH:MM:SS`, an optional day
///   count before (`2 days 3:04:05`, `1 day, 3:04`), and an optional unit
///   word after. A two-part `MM:SS` needs a minutes word (`18:25 min`) or
///   a `unit` of minutes, and `H:MM` needs an hours word, a `unit` of hours
///   or a day count. Otherwise the result is [`ParsedDuration::Ambiguous`],
///   except for `00:00`, which is zero either way;
/// - numbers with unit words: `1h 2m 5s`, `45 sec`, `1.5 hours`, and `1h30`
///   where the last number takes the unit after the previous one;
/// - ISO 8601 durations such as `PT1H2M5S` or `P1DT2H`.
///
/// ```
/// use service_kpis::core::duration::{parse_duration, DurationUnit, ParsedDuration};
///
/// let seconds = DurationUnit::Seconds;
///
/// assert_eq!(
///     parse_duration("18:25 min", seconds, false),
///     Some(ParsedDuration::Seconds(1105.0))
/// );
/// assert_eq!(
///     parse_duration("04:10", seconds, false),
///     Some(ParsedDuration::Ambiguous { as_min_sec: 250.0, as_hour_min: 15000.0 })
/// );
/// ```
pub fn parse_duration(
    text: &str,
    unit: DurationUnit,
    decimal_comma: bool,
) -> Option<ParsedDuration> {
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_LENGTH {
        return None;
    }

    let style = if decimal_comma {
        NumberStyle::DecimalComma
    } else {
        NumberStyle::DecimalPoint
    };
    if let Some(value) = parse_number(text, style) {
        return finite_seconds(value * unit.seconds());
    }

    let (negative, unsigned) = split_sign(text);
    let parsed = parse_iso_duration(unsigned)
        .map(ParsedDuration::Seconds)
        .or_else(|| {
            let tokens = tokenize(unsigned, decimal_comma)?;
            parse_clock_form(&tokens, unit)
                .or_else(|| parse_unit_words(&tokens).map(ParsedDuration::Seconds))
        })?;

    let sign = if negative { -1.0 } else { 1.0 };
    match parsed {
        ParsedDuration::Seconds(seconds) => finite_seconds(sign * seconds),
        ParsedDuration::Ambiguous {
            as_min_sec,
            as_hour_min,
        } => Some(ParsedDuration::Ambiguous {
            as_min_sec: sign * as_min_sec,
            as_hour_min: sign * as_hour_min,
        }),
    }
}

fn finite_seconds(seconds: f64) -> Option<ParsedDuration> {
    seconds
        .is_finite()
        .then_some(ParsedDuration::Seconds(seconds))
}

/// Splits a leading `-`, `−` (U+2212) or `+` from the text.
fn split_sign(text: &str) -> (bool, &str) {
    if let Some(rest) = text.strip_prefix(['-', '\u{2212}']) {
        (true, rest.trim_start())
    } else if let Some(rest) = text.strip_prefix('+') {
        (false, rest.trim_start())
    } else {
        (false, text)
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Token<'a> {
    /// Digits with an optional fractional part; `text` keeps the digits as
    /// written, to tell `2` from `2.03`.
    Number {
        value: f64,
        text: &'a str,
    },
    /// A run of letters, lowercased.
    Word(String),
    Colon,
    Comma,
}

/// Splits a cell into numbers, words, colons and commas, dropping spaces;
/// `None` for any other character.
fn tokenize(text: &str, decimal_comma: bool) -> Option<Vec<Token<'_>>> {
    let mut tokens = Vec::new();
    let mut rest = text;

    while let Some(c) = rest.chars().next() {
        let after_word = matches!(tokens.last(), Some(Token::Word(_)));
        if c.is_whitespace() || (c == '.' && after_word) {
            // The dot of an abbreviation such as `Min.` is dropped too.
            rest = &rest[c.len_utf8()..];
        } else if c.is_ascii_digit() || c == '.' {
            let length = number_length(rest, decimal_comma);
            let written = &rest[..length];
            let value: f64 = written.replace(',', ".").parse().ok()?;
            tokens.push(Token::Number {
                value,
                text: written,
            });
            rest = &rest[length..];
        } else if c.is_alphabetic() {
            let length = rest
                .find(|d: char| !d.is_alphabetic())
                .unwrap_or(rest.len());
            tokens.push(Token::Word(rest[..length].to_lowercase()));
            rest = &rest[length..];
        } else if c == ':' {
            tokens.push(Token::Colon);
            rest = &rest[1..];
        } else if c == ',' {
            tokens.push(Token::Comma);
            rest = &rest[1..];
        } else {
            return None;
        }
    }
    Some(tokens)
}

/// Length of the number at the start of `text`: digits, then a decimal
/// point (or comma, with `decimal_comma`) and digits.
fn number_length(text: &str, decimal_comma: bool) -> usize {
    let bytes = text.as_bytes();
    let digits = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };

    let integer = digits(0);
    let separator = bytes.get(integer).copied();
    let is_decimal = separator == Some(b'.') || (decimal_comma && separator == Some(b','));
    if is_decimal {
        let fraction = digits(integer + 1);
        if fraction > 0 || integer == 0 {
            return integer + 1 + fraction;
        }
    }
    integer
}

/// Parses `[N day[s][,]] A:B[:C] [unit]`. A two-part `A:B` without a day
/// count or unit word takes its reading from `column_unit` when that is
/// minutes or hours.
fn parse_clock_form(tokens: &[Token], column_unit: DurationUnit) -> Option<ParsedDuration> {
    let mut rest = tokens;
    let mut days = 0.0;

    if let [Token::Number { value, .. }, Token::Word(word), after @ ..] = rest {
        if unit_from_word(word) == Some(DurationUnit::Days) {
            days = *value;
            rest = after.strip_prefix(&[Token::Comma]).unwrap_or(after);
        }
    }

    let (parts, unit_word) = match rest {
        [body @ .., Token::Word(word)] => (body, Some(unit_from_word(word)?)),
        body => (body, None),
    };
    let parts = clock_parts(parts)?;
    let has_days = !tokens.is_empty() && rest.len() != tokens.len();

    match parts.as_slice() {
        [(a, a_text), (b, _), (c, _)] => {
            // `D.HH:MM:SS`, as .NET writes a TimeSpan of a day or more.
            let (day_part, hours) = match a_text.split_once('.') {
                Some((d, h)) if !has_days && h.len() == 2 => (d.parse().ok()?, h.parse().ok()?),
                Some(_) => return None,
                None => (0.0, *a),
            };
            let total = (days + day_part) * 86_400.0 + hours * 3600.0 + b * 60.0 + c;
            Some(ParsedDuration::Seconds(total))
        }
        [(a, a_text), (b, _)] => {
            if a_text.contains('.') {
                return None;
            }
            let day_seconds = days * 86_400.0;
            let as_min_sec = a * 60.0 + b;
            let as_hour_min = a * 3600.0 + b * 60.0;
            let reading = match (has_days, unit_word) {
                (true, _) => DurationUnit::Hours,
                (false, Some(word_unit)) => word_unit,
                (false, None) => column_unit,
            };
            match reading {
                DurationUnit::Hours => Some(ParsedDuration::Seconds(day_seconds + as_hour_min)),
                DurationUnit::Minutes => Some(ParsedDuration::Seconds(as_min_sec)),
                _ if unit_word.is_some() => None,
                // Both readings of 00:00 are zero.
                _ if as_min_sec == as_hour_min => Some(ParsedDuration::Seconds(0.0)),
                _ => Some(ParsedDuration::Ambiguous {
                    as_min_sec,
                    as_hour_min,
                }),
            }
        }
        _ => None,
    }
}

/// Reads `A:B` or `A:B:C`: every part but the last is an integer (the first
/// may hold a `D.HH` day count), and every part but the first is below 60.
fn clock_parts<'a>(tokens: &[Token<'a>]) -> Option<Vec<(f64, &'a str)>> {
    let mut parts = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        let expect_number = index % 2 == 0;
        match (expect_number, token) {
            (true, Token::Number { value, text }) => parts.push((*value, *text)),
            (false, Token::Colon) => {}
            _ => return None,
        }
    }
    if tokens.len().is_multiple_of(2) || !(2..=3).contains(&parts.len()) {
        return None;
    }

    let last = parts.len() - 1;
    for (index, (value, text)) in parts.iter().enumerate() {
        let is_integer = text.bytes().all(|b| b.is_ascii_digit());
        if index > 0 && (*value >= 60.0 || text.len() < 2) {
            return None;
        }
        if index > 0 && index < last && !is_integer {
            return None;
        }
    }
    Some(parts)
}

/// Parses numbers with unit words: `1h 2m 5s`, `45 sec`, `1h30`.
fn parse_unit_words(tokens: &[Token]) -> Option<f64> {
    let mut total = 0.0;
    let mut previous_unit: Option<DurationUnit> = None;
    let mut at = 0;

    while at < tokens.len() {
        let Token::Number { value, .. } = tokens[at] else {
            return None;
        };
        let unit = match tokens.get(at + 1) {
            Some(Token::Word(word)) => {
                at += 2;
                unit_from_word(word)?
            }
            // A last bare number takes the next smaller unit: `1h30`.
            None => {
                at += 1;
                next_smaller(previous_unit?)?
            }
            Some(_) => return None,
        };
        total += value * unit.seconds();
        previous_unit = Some(unit);
        if matches!(tokens.get(at), Some(Token::Comma)) {
            at += 1;
        }
    }
    previous_unit.map(|_| total)
}

fn next_smaller(unit: DurationUnit) -> Option<DurationUnit> {
    match unit {
        DurationUnit::Days => Some(DurationUnit::Hours),
        DurationUnit::Hours => Some(DurationUnit::Minutes),
        DurationUnit::Minutes => Some(DurationUnit::Seconds),
        DurationUnit::Seconds | DurationUnit::Milliseconds => None,
    }
}

/// Parses an ISO 8601 duration with days, hours, minutes and seconds:
/// `P1DT2H3M4.5S`. Years, months and weeks are rejected, because their
/// length in seconds varies.
fn parse_iso_duration(text: &str) -> Option<f64> {
    let body = text.strip_prefix(['P', 'p'])?;
    let (date_part, time_part) = match body.split_once(['T', 't']) {
        Some((date, time)) if !time.is_empty() => (date, Some(time)),
        Some(_) => return None,
        None => (body, None),
    };
    if date_part.is_empty() && time_part.is_none() {
        return None;
    }

    let mut total = iso_components(date_part, &[('D', 86_400.0)])?;
    if let Some(time) = time_part {
        total += iso_components(time, &[('H', 3600.0), ('M', 60.0), ('S', 1.0)])?;
    }
    Some(total)
}

/// Sums `<number><designator>` pairs, with the designators in the order of
/// `designators`, each at most once.
fn iso_components(text: &str, designators: &[(char, f64)]) -> Option<f64> {
    let mut total = 0.0;
    let mut rest = text;
    let mut next = 0;

    while !rest.is_empty() {
        let at = rest.find(|c: char| c.is_ascii_alphabetic())?;
        let written = &rest[..at];
        let numeric = written
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
        if written.is_empty() || !numeric {
            return None;
        }
        let number: f64 = written.replace(',', ".").parse().ok()?;
        let designator = rest[at..].chars().next()?.to_ascii_uppercase();
        let offset = designators[next..]
            .iter()
            .position(|(d, _)| *d == designator)?;
        total += number * designators[next + offset].1;
        next += offset + 1;
        rest = &rest[at + 1..];
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    use DurationUnit::*;

    fn seconds(text: &str) -> Option<f64> {
        match parse_duration(text, Seconds, false)? {
            ParsedDuration::Seconds(value) => Some(value),
            ParsedDuration::Ambiguous { .. } => None,
        }
    }

    #[test]
    fn aht_case_cells() {
        // Call log with mixed formats; plain integers are seconds.
        // 0:01:49 = 60 + 49 = 109 s.
        assert_eq!(seconds("0:01:49"), Some(109.0));
        // 1h 2m 5s = 3600 + 120 + 5 = 3725 s.
        assert_eq!(seconds("1h 2m 5s"), Some(3725.0));
        assert_eq!(seconds("30s"), Some(30.0));
        assert_eq!(seconds("45s"), Some(45.0));
        assert_eq!(seconds("245"), Some(245.0));
        // 18:25 min is 18 min 25 s = 1080 + 25 = 1105 s.
        assert_eq!(seconds("18:25 min"), Some(1105.0));
        // 00:04:10 = 240 + 10 = 250 s.
        assert_eq!(seconds("00:04:10"), Some(250.0));
        // 04:10 is 4 min 10 s = 250 s or 4 h 10 min = 15,000 s.
        assert_eq!(
            parse_duration("04:10", Seconds, false),
            Some(ParsedDuration::Ambiguous {
                as_min_sec: 250.0,
                as_hour_min: 15_000.0,
            })
        );
    }

    #[test]
    fn clock_forms() {
        // 12:34:56.789 = 43,200 + 2,040 + 56.789 s.
        assert_eq!(seconds("12:34:56.789"), Some(45_296.789));
        // 123 hours: the first part may exceed 24.
        assert_eq!(seconds("123:00:00"), Some(442_800.0));
        // 1:02:03 hrs = 3600 + 120 + 3 = 3723 s.
        assert_eq!(seconds("1:02:03 hrs"), Some(3723.0));
        // 1:30 h = 1 h 30 min = 5400 s.
        assert_eq!(seconds("1:30 h"), Some(5400.0));
        // 2 days 3:04:05 = 172,800 + 10,800 + 240 + 5 = 183,845 s.
        assert_eq!(seconds("2 days 3:04:05"), Some(183_845.0));
        assert_eq!(seconds("1 day, 3:04:05"), Some(97_445.0));
        // After a day count, two parts are hours:minutes: 86,400 + 7,200 + 180.
        assert_eq!(seconds("1d 2:03"), Some(93_780.0));
        // .NET TimeSpan 1.02:03:04 = 86,400 + 7,200 + 180 + 4.
        assert_eq!(seconds("1.02:03:04"), Some(93_784.0));
    }

    #[test]
    fn two_part_follows_column_unit() {
        // Header "Talk time (min)": 18:25 is 18 min 25 s = 1105 s.
        assert_eq!(
            parse_duration("18:25", Minutes, false),
            Some(ParsedDuration::Seconds(1105.0))
        );
        // Header "First response time (in hrs)": 02:30 is 2.5 h = 9000 s.
        assert_eq!(
            parse_duration("02:30", Hours, false),
            Some(ParsedDuration::Seconds(9000.0))
        );
        // A unit word in the cell overrides the column's unit.
        assert_eq!(
            parse_duration("18:25 min", Hours, false),
            Some(ParsedDuration::Seconds(1105.0))
        );
        assert!(matches!(
            parse_duration("04:10", Days, false),
            Some(ParsedDuration::Ambiguous { .. })
        ));
    }

    #[test]
    fn two_part_zero_is_not_ambiguous() {
        assert_eq!(
            parse_duration("00:00", Seconds, false),
            Some(ParsedDuration::Seconds(0.0))
        );
    }

    #[test]
    fn negative_durations() {
        // Jira SLA time left once breached.
        assert_eq!(
            parse_duration("-0:30", Seconds, false),
            Some(ParsedDuration::Ambiguous {
                as_min_sec: -30.0,
                as_hour_min: -1800.0,
            })
        );
        assert_eq!(seconds("-1:00:00"), Some(-3600.0));
        assert_eq!(seconds("\u{2212}2h"), Some(-7200.0));
        assert_eq!(seconds("-15"), Some(-15.0));
    }

    #[test]
    fn unit_words() {
        assert_eq!(seconds("1h"), Some(3600.0));
        assert_eq!(seconds("2m"), Some(120.0));
        assert_eq!(seconds("45 sec"), Some(45.0));
        assert_eq!(seconds("1.5 hours"), Some(5400.0));
        assert_eq!(seconds("3 min 20 sec"), Some(200.0));
        assert_eq!(seconds("2 days"), Some(172_800.0));
        assert_eq!(seconds("250 ms"), Some(0.25));
        // 1h30 = 1 h + 30 min = 5400 s; 2m30 = 150 s.
        assert_eq!(seconds("1h30"), Some(5400.0));
        assert_eq!(seconds("2m30"), Some(150.0));
        assert_eq!(seconds("1 Std. 5 Min."), Some(3900.0));
        assert_eq!(seconds("1 Std 5 Min"), Some(3900.0));
    }

    #[test]
    fn plain_numbers_take_the_unit() {
        let cases = [
            (Milliseconds, 1500.0),
            (Seconds, 1.5),
            (Minutes, 0.025),
            (Hours, 0.000_416_666_666_666_666_7),
            // 0.000069444446 days (Talkdesk) is about 6 s.
            (Days, 0.000_069_444_446),
        ];
        let expected_seconds = [1.5, 1.5, 1.5, 1.5, 6.000_000_134_4];
        for ((unit, value), expected) in cases.into_iter().zip(expected_seconds) {
            let parsed = parse_duration(&value.to_string(), unit, false);
            let Some(ParsedDuration::Seconds(got)) = parsed else {
                panic!("{unit:?}: {parsed:?}");
            };
            assert!((got - expected).abs() < 1e-6, "{unit:?}: {got}");
        }
    }

    #[test]
    fn decimal_comma_numbers() {
        // 4,5 min = 270 s; 0,75 min = 45 s.
        assert_eq!(
            parse_duration("4,5", Minutes, true),
            Some(ParsedDuration::Seconds(270.0))
        );
        assert_eq!(
            parse_duration("0,75", Minutes, true),
            Some(ParsedDuration::Seconds(45.0))
        );
        // 1.250 s with thousands dot = 1250 s.
        assert_eq!(
            parse_duration("1.250", Seconds, true),
            Some(ParsedDuration::Seconds(1250.0))
        );
        assert_eq!(
            parse_duration("1,5 h", Seconds, true),
            Some(ParsedDuration::Seconds(5400.0))
        );
        assert_eq!(parse_duration("4,5", Minutes, false), None);
    }

    #[test]
    fn iso_8601_durations() {
        // PT1H2M5S = 3725 s; P1DT2H = 86,400 + 7,200 s; PT0.5S = 0.5 s.
        assert_eq!(seconds("PT1H2M5S"), Some(3725.0));
        assert_eq!(seconds("P1DT2H"), Some(93_600.0));
        assert_eq!(seconds("PT0.5S"), Some(0.5));
        assert_eq!(seconds("P1M"), None);
        assert_eq!(seconds("PT"), None);
        assert_eq!(seconds("P"), None);
        assert_eq!(seconds("PT5S1M"), None);
    }

    #[test]
    fn invalid_durations() {
        for text in [
            "",
            "abc",
            "1:60",
            "1:2:3",
            "1:61:00",
            "::",
            "1:",
            ":30",
            "1:30:00:00",
            "5 parsecs",
            "1:30 sec",
            "50%",
            "1h 2x",
            "NaN",
            "inf",
            "1.5.5",
            "2 days 1.02:03:04",
            "0.5:30",
        ] {
            assert_eq!(parse_duration(text, Seconds, false), None, "{text:?}");
        }
    }

    #[test]
    fn header_units() {
        let cases = [
            ("First reply time in minutes", Some(Minutes)),
            (
                "First reply time in minutes within business hours",
                Some(Minutes),
            ),
            ("Gesprächsdauer (Min.)", Some(Minutes)),
            ("Talk time (min)", Some(Minutes)),
            ("Wartezeit (Sek.)", Some(Seconds)),
            ("Speed of answer in seconds", Some(Seconds)),
            ("hold_time_secs", Some(Seconds)),
            ("wait (s)", Some(Seconds)),
            ("wait_s", Some(Seconds)),
            ("talk_time_ms", Some(Milliseconds)),
            ("Duration (milliseconds)", Some(Milliseconds)),
            ("First response time (in hrs)", Some(Hours)),
            ("Resolution hours", Some(Hours)),
            ("Age (days)", Some(Days)),
            ("TalkTimeSec", Some(Seconds)),
            ("Talk time", None),
            ("AvgTalkDuration", None),
            ("Agent's time", None),
            ("Time to Close (HH:mm:ss)", None),
            ("d_id", None),
        ];
        for (header, expected) in cases {
            assert_eq!(unit_from_header(header), expected, "{header}");
        }
    }

    #[test]
    fn real_call_log_talk_times() {
        // AvgTalkDuration of the call-centre log: 4,054 calls answered (Y) in
        // H:MM:SS, 911,837 s in all, summed with a Python script that splits
        // each cell at ':'.
        let path = format!(
            "{}/../shared/data/real/pwc_call_center.csv",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
        let mut reader = crate::core::read::CsvReader::new();
        let mut records = Vec::new();
        reader.push(&bytes, &mut records);
        reader.finish(&mut records);

        let mut calls = 0;
        let mut total = 0.0;
        for record in &records[1..] {
            let cell = &record.fields[8];
            if cell.is_empty() {
                continue;
            }
            calls += 1;
            match parse_duration(cell, Seconds, false) {
                Some(ParsedDuration::Seconds(value)) => total += value,
                other => panic!("line {}: {cell:?} read as {other:?}", record.line),
            }
        }

        assert_eq!(records[0].fields[8], "AvgTalkDuration");
        assert_eq!(calls, 4_054);
        assert_eq!(total, 911_837.0);
    }

    #[test]
    fn odd_inputs_never_panic() {
        let fixed = [
            "9".repeat(400),
            "1:".repeat(40),
            "P".to_string(),
            "PT1,5H".to_string(),
            "Pé".to_string(),
            "é:é".to_string(),
            ".".to_string(),
            "..".to_string(),
            ",".to_string(),
            "-".to_string(),
            "- :".to_string(),
            "1e999 h".to_string(),
        ];
        for text in &fixed {
            for unit in [Milliseconds, Seconds, Minutes, Hours, Days] {
                let _ = parse_duration(text, unit, false);
                let _ = parse_duration(text, unit, true);
            }
            let _ = unit_from_header(text);
        }

        // Random strings from characters that the parser treats specially.
        let alphabet: Vec<char> = "0123456789:.,-+ hmsdPTé".chars().collect();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(state % 20) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let _ = parse_duration(&text, Seconds, state.is_multiple_of(2));
            let _ = unit_from_header(&text);
        }
    }
}
