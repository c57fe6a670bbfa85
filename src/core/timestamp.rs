//! Parsing one timestamp cell.
//!
//! Numeric dates whose day and month order the cell alone cannot tell
//! (`03/04/2024`) come back as [`ParsedStamp::DayMonth`]; the loader decides
//! the order per column from all its values.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};

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

/// Parses one non-empty cell.
pub fn parse_stamp(text: &str) -> Option<ParsedStamp> {
    let _ = text;
    todo!()
}

/// Parses a time of day alone, such as `9:12:58` or `3:45 PM`.
pub fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    let _ = text;
    todo!()
}

/// Turns an undecided numeric date into a date, if it is valid in `order`.
pub fn day_month_date(first: u32, second: u32, year: i32, order: DateOrder) -> Option<NaiveDate> {
    let _ = (first, second, year, order);
    todo!()
}
