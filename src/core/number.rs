//! Parsing numbers written with a decimal point or a decimal comma, with or
//! without thousands separators, and recognising missing-value markers.
//!
//! This module reads one cell at a time. Which style a column uses is
//! decided from its values by [`guess_style`]; the loader applies it.

/// How a file writes decimals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum NumberStyle {
    /// `1,250.5`
    #[default]
    DecimalPoint,
    /// `1.250,5`
    DecimalComma,
}

impl NumberStyle {
    fn decimal_separator(self) -> char {
        match self {
            NumberStyle::DecimalPoint => '.',
            NumberStyle::DecimalComma => ',',
        }
    }

    fn is_group_separator(self, c: char) -> bool {
        // Spaces, no-break spaces (U+00A0, and U+202F as French typography
        // writes it) and apostrophes (Swiss style) group digits in both
        // styles. So does the other style's decimal separator.
        let other = match self {
            NumberStyle::DecimalPoint => ',',
            NumberStyle::DecimalComma => '.',
        };
        matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '\'' | '’') || c == other
    }
}

/// Parses one non-empty cell.
///
/// Accepts an optional sign, digits grouped by thousands separators (each
/// group after the first has exactly three digits), the style's decimal
/// separator and, without thousands separators, an exponent (`1.5e3`).
/// Surrounding spaces are ignored. Returns `None` for anything else,
/// including percentages, currency signs, `NaN` and infinities.
///
/// ```
/// use service_kpis::core::number::{parse_number, NumberStyle};
///
/// assert_eq!(parse_number("1,250.5", NumberStyle::DecimalPoint), Some(1250.5));
/// assert_eq!(parse_number("1.250", NumberStyle::DecimalComma), Some(1250.0));
/// assert_eq!(parse_number("4,5", NumberStyle::DecimalComma), Some(4.5));
/// assert_eq!(parse_number("4,5", NumberStyle::DecimalPoint), None);
/// ```
pub fn parse_number(text: &str, style: NumberStyle) -> Option<f64> {
    let text = text.trim();
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };

    let (mantissa, exponent) = split_exponent(unsigned);
    let (integer, fraction) = match mantissa.split_once(style.decimal_separator()) {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (mantissa, None),
    };

    let integer_digits = ungroup_integer(integer, style)?;
    let fraction_digits = fraction.unwrap_or("");
    if !fraction_digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if integer_digits.is_empty() && fraction_digits.is_empty() {
        return None;
    }
    let grouped = integer_digits.len() != integer.len();
    if grouped && exponent.is_some() {
        return None;
    }

    let mut plain = String::with_capacity(unsigned.len() + 1);
    if negative {
        plain.push('-');
    }
    plain.push_str(if integer_digits.is_empty() {
        "0"
    } else {
        &integer_digits
    });
    plain.push('.');
    plain.push_str(fraction_digits);
    plain.push('0');
    if let Some(exponent) = exponent {
        plain.push('e');
        plain.push_str(exponent);
    }

    let value: f64 = plain.parse().ok()?;
    value.is_finite().then_some(value)
}

/// Splits `1.5e3` into `1.5` and `3`; the exponent must be a signed or
/// unsigned integer.
fn split_exponent(text: &str) -> (&str, Option<&str>) {
    let Some(at) = text.find(['e', 'E']) else {
        return (text, None);
    };
    let exponent = &text[at + 1..];
    let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        // Not an exponent; the digit check that follows rejects the text.
        return (text, None);
    }
    (&text[..at], Some(exponent))
}

/// Returns the digits of an integer part with its thousands separators
/// removed, or `None` if the grouping is not 1–3 digits then groups of 3.
fn ungroup_integer(integer: &str, style: NumberStyle) -> Option<String> {
    let groups: Vec<&str> = integer.split(|c| style.is_group_separator(c)).collect();
    let all_digits = groups
        .iter()
        .all(|group| group.bytes().all(|b| b.is_ascii_digit()));
    if !all_digits {
        return None;
    }

    if let [first, rest @ ..] = groups.as_slice() {
        if !rest.is_empty() {
            let first_ok = (1..=3).contains(&first.len());
            let rest_ok = rest.iter().all(|group| group.len() == 3);
            if !first_ok || !rest_ok {
                return None;
            }
        }
    }
    Some(groups.concat())
}

/// Decides whether a column's values use a decimal point or a decimal
/// comma.
///
/// A value votes for the decimal comma when its last separator is a comma
/// that is not followed by exactly three digits (`4,5`, `12,25`), follows
/// a lone 0 (`0,250`) or comes after a dot (`1.250,5`). It votes for the
/// decimal point in the mirrored cases (`3.0`, `1,250.5`). Values such as
/// `1,250` or `1.250` do not vote. The decimal comma wins only with more
/// votes, so a tie or a column without votes gives
/// [`NumberStyle::DecimalPoint`].
///
/// ```
/// use service_kpis::core::number::{guess_style, NumberStyle};
///
/// assert_eq!(guess_style(["4,5", "12,25", "1.250"]), NumberStyle::DecimalComma);
/// assert_eq!(guess_style(["3.0", "1,250"]), NumberStyle::DecimalPoint);
/// ```
pub fn guess_style<'a>(samples: impl IntoIterator<Item = &'a str>) -> NumberStyle {
    let mut comma_votes = 0usize;
    let mut point_votes = 0usize;

    for sample in samples {
        match vote(sample.trim()) {
            Some(NumberStyle::DecimalComma) => comma_votes += 1,
            Some(NumberStyle::DecimalPoint) => point_votes += 1,
            None => {}
        }
    }

    if comma_votes > point_votes {
        NumberStyle::DecimalComma
    } else {
        NumberStyle::DecimalPoint
    }
}

/// Returns the style that one value shows, if any.
fn vote(value: &str) -> Option<NumberStyle> {
    let unsigned = value.strip_prefix(['-', '+']).unwrap_or(value);
    let numeric = unsigned
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '\u{A0}' | '\u{202F}' | '\''));
    if !numeric {
        return None;
    }

    let last = unsigned.rfind([',', '.'])?;
    let after = &unsigned[last + 1..];
    if after.is_empty() || !after.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (before, separator) = (&unsigned[..last], &unsigned[last..last + 1]);
    let other = if separator == "," { '.' } else { ',' };

    // Thousands groups never follow a lone 0 (`0,250`), and a number uses
    // both separators only with the decimal one last.
    let decimal = after.len() != 3 || before.contains(other) || before.is_empty() || before == "0";
    match (decimal, separator) {
        (false, _) => None,
        (true, ",") => Some(NumberStyle::DecimalComma),
        (true, _) => Some(NumberStyle::DecimalPoint),
    }
}

/// Tells whether a cell contains no value: it is empty, blank or one of the
/// usual missing-value markers (`NA`, `N/A`, `#N/A`, `null`, `none`, `nan`,
/// `?`, `-`, `–`, `—`), in any letter case.
///
/// ```
/// use service_kpis::core::number::is_missing;
///
/// assert!(is_missing(" NA "));
/// assert!(is_missing("—"));
/// assert!(!is_missing("0"));
/// ```
pub fn is_missing(text: &str) -> bool {
    const MARKERS: [&str; 11] = [
        "", "na", "n/a", "#n/a", "null", "none", "nan", "?", "-", "–", "—",
    ];
    let trimmed = text.trim();
    MARKERS
        .iter()
        .any(|marker| trimmed.eq_ignore_ascii_case(marker))
}

#[cfg(test)]
mod tests {
    use super::*;

    const POINT: NumberStyle = NumberStyle::DecimalPoint;
    const COMMA: NumberStyle = NumberStyle::DecimalComma;

    #[test]
    fn plain_numbers_with_point() {
        assert_eq!(parse_number("3.0", POINT), Some(3.0));
        assert_eq!(parse_number("-2", POINT), Some(-2.0));
        assert_eq!(parse_number("+7", POINT), Some(7.0));
        assert_eq!(parse_number("  42  ", POINT), Some(42.0));
        assert_eq!(parse_number(".5", POINT), Some(0.5));
        assert_eq!(parse_number("5.", POINT), Some(5.0));
        assert_eq!(parse_number("1.5e3", POINT), Some(1500.0));
        assert_eq!(parse_number("2E-2", POINT), Some(0.02));
    }

    #[test]
    fn thousands_separators_with_point() {
        assert_eq!(parse_number("1,250.5", POINT), Some(1250.5));
        assert_eq!(parse_number("1 250.5", POINT), Some(1250.5));
        assert_eq!(parse_number("1\u{A0}250", POINT), Some(1250.0));
        assert_eq!(parse_number("1'234'567.25", POINT), Some(1_234_567.25));
        assert_eq!(parse_number("-12,345,678", POINT), Some(-12_345_678.0));
    }

    #[test]
    fn decimal_comma_numbers() {
        // Case of a German Excel export: 4,5 min, 12,25 min, 0,75 min and a
        // waiting time of 1.250 s, where the dot groups thousands.
        assert_eq!(parse_number("4,5", COMMA), Some(4.5));
        assert_eq!(parse_number("12,25", COMMA), Some(12.25));
        assert_eq!(parse_number("0,75", COMMA), Some(0.75));
        assert_eq!(parse_number("1.250", COMMA), Some(1250.0));
        assert_eq!(parse_number("1 250,5", COMMA), Some(1250.5));
        assert_eq!(parse_number("1.250,5", COMMA), Some(1250.5));
        assert_eq!(parse_number("1\u{202F}250,5", COMMA), Some(1250.5));
    }

    #[test]
    fn bad_grouping_is_rejected() {
        // A decimal comma read in point style must not become 45.
        assert_eq!(parse_number("4,5", POINT), None);
        assert_eq!(parse_number("1,25.5", POINT), None);
        assert_eq!(parse_number("1234,567", POINT), None);
        assert_eq!(parse_number("1.25", COMMA), None);
        assert_eq!(parse_number(",250", POINT), None);
        assert_eq!(parse_number("1,250e3", POINT), None);
    }

    #[test]
    fn non_numbers_are_rejected() {
        for text in [
            "",
            " ",
            "%",
            "50%",
            "$5",
            "NA",
            "?",
            "-",
            "n/a",
            "nan",
            "NaN",
            "inf",
            "-inf",
            "infinity",
            "1.2.3",
            "1,2,3",
            "--1",
            "+-1",
            "1e",
            "e5",
            "١٢",
            "12 apples",
        ] {
            assert_eq!(parse_number(text, POINT), None, "{text:?}");
            assert_eq!(parse_number(text, COMMA), None, "{text:?}");
        }
    }

    #[test]
    fn huge_values_do_not_overflow() {
        // 400 digits exceed f64::MAX (about 1.8e308), so the value is not
        // finite and is rejected; 1e308 is still finite.
        let huge = "9".repeat(400);

        assert_eq!(parse_number(&huge, POINT), None);
        assert_eq!(parse_number("1e999", POINT), None);
        assert_eq!(parse_number("1e308", POINT), Some(1e308));
    }

    #[test]
    fn style_guess_from_excel_column() {
        // 4,5 / 12,25 / 0,75 vote for the comma; 3 and 1.250 do not vote.
        let column = ["4,5", "12,25", "3", "0,75", "1.250"];

        assert_eq!(guess_style(column), COMMA);
    }

    #[test]
    fn style_guess_defaults_to_point() {
        assert_eq!(guess_style(["1,250", "1.250", "7"]), POINT);
        assert_eq!(guess_style(Vec::<&str>::new()), POINT);
    }

    #[test]
    fn style_guess_reads_both_separators() {
        // 1.250,5 has its comma last, so it votes for the comma; 1,250.5
        // votes for the point.
        assert_eq!(guess_style(["1.250,5"]), COMMA);
        assert_eq!(guess_style(["1,250.5", "3.0"]), POINT);
        assert_eq!(guess_style(["-0,5"]), COMMA);
        assert_eq!(guess_style(["n/a", "Agent, Anna"]), POINT);
        assert_eq!(guess_style(["0,250"]), COMMA);
    }

    #[test]
    fn missing_markers() {
        for text in [
            "", "  ", "NA", "N/A", "n/a", "#N/A", "null", "NULL", "?", "-", "—", "–", "none",
            "None", "nan", "NaN",
        ] {
            assert!(is_missing(text), "{text:?}");
        }
        for text in ["0", "no", "n", "N.A.", "-1", "missing?"] {
            assert!(!is_missing(text), "{text:?}");
        }
    }
}
