//! Parsing one duration cell: `H:MM:SS`, `1h 2m 5s`, `18:25 min`, plain
//! numbers in the unit the header names, fractions of a day.

/// Unit of plain numbers in a duration column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DurationUnit {
    Milliseconds,
    Seconds,
    Minutes,
    Hours,
    Days,
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

/// Formats accepted, for "expected …" in messages.
pub const EXPECTED: &str = "a duration such as 0:04:10, 1h 2m 5s, 18:25 min or a number";

/// The unit a header names, e.g. "in minutes", "(Sek.)", "_ms", "(in hrs)".
pub fn unit_from_header(header: &str) -> Option<DurationUnit> {
    let _ = header;
    todo!()
}

/// Parses one non-empty cell; plain numbers are in `unit`, and a decimal
/// comma is accepted when `decimal_comma` is set.
pub fn parse_duration(
    text: &str,
    unit: DurationUnit,
    decimal_comma: bool,
) -> Option<ParsedDuration> {
    let _ = (text, unit, decimal_comma);
    todo!()
}
