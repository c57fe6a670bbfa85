//! Problems found in input files, each with its place in the file.
//!
//! A problem never stops a file from loading: the reader and the loader keep
//! every good row and return the problems beside them. A file that cannot
//! be used at all comes back with no kinds and an error-severity problem.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// How a problem affects the figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    /// The value or row was used, but the user should know something about
    /// it (a guessed reading, a replaced character).
    Warning,
    /// The value or row was left out of the figures.
    Error,
}

/// Where a problem sits: file, physical line (1-based) and column header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    /// Physical line of the file where the record starts, counting the
    /// header as line 1; `None` for problems about the whole file.
    pub line: Option<u64>,
    /// The column's header text as written in the file.
    pub column: Option<String>,
}

impl Location {
    pub fn file(file: &str) -> Location {
        Location {
            file: file.to_string(),
            line: None,
            column: None,
        }
    }

    pub fn line(file: &str, line: u64) -> Location {
        Location {
            file: file.to_string(),
            line: Some(line),
            column: None,
        }
    }

    pub fn cell(file: &str, line: u64, column: &str) -> Location {
        Location {
            file: file.to_string(),
            line: Some(line),
            column: Some(column.to_string()),
        }
    }
}

/// What went wrong. Each variant is a failure a user can meet and carries
/// the offending value where there is one.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ProblemKind {
    /// The file has no header row or no text at all.
    EmptyFile,
    /// The file holds zero bytes in no UTF-16 pattern, so it is an image,
    /// archive or other binary file rather than CSV text.
    BinaryFile,
    /// No column of the header matched any role, so the file's kind is
    /// unknown and nothing was read from it.
    UnknownKind,
    /// A role the file's kind needs was not found in the header.
    MissingColumn {
        role: String,
    },
    /// A row has more non-empty fields than the header has columns.
    TooManyFields {
        found: usize,
        expected: usize,
        extra: String,
    },
    /// A field is not valid UTF-8 and was decoded as Windows-1252.
    NotUtf8 {
        value: String,
    },
    /// A byte that Windows-1252 leaves undefined was replaced.
    UndecodableByte {
        byte: u8,
    },
    /// A quoted field runs to the end of the file.
    UnclosedQuote,
    NotATimestamp {
        value: String,
        expected: String,
    },
    NotADuration {
        value: String,
        expected: String,
    },
    NotANumber {
        value: String,
        expected: String,
    },
    /// `04:10` can be minutes:seconds or hours:minutes.
    AmbiguousDuration {
        value: String,
        as_min_sec: f64,
        as_hour_min: f64,
    },
    /// Day-first and month-first both fit every date of the column.
    AmbiguousDateOrder {
        example: String,
    },
    /// A local time that the time zone skips (spring forward).
    NonexistentLocalTime {
        value: String,
        zone: String,
    },
    /// A local time that occurs twice (fall back); the earlier was used.
    AmbiguousLocalTime {
        value: String,
        zone: String,
    },
    /// A score outside the scale in use.
    OutOfScale {
        value: String,
        min: f64,
        max: f64,
    },
    /// A score inside the scale's range but between two of its points,
    /// such as 4.5 on 1–5.
    NotWholePoint {
        value: String,
        min: f64,
        max: f64,
    },
    /// A label that is not one of the known rating labels.
    UnknownRating {
        value: String,
    },
    /// An end before its start, such as a reply before the ticket existed.
    NegativeDuration {
        start: String,
        end: String,
    },
    /// Any other problem with a cell, described in words.
    Other {
        value: String,
        message: String,
    },
}

/// One problem, with its place and how it affects the figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub location: Location,
    pub severity: Severity,
    pub kind: ProblemKind,
}

impl Problem {
    pub fn error(location: Location, kind: ProblemKind) -> Problem {
        Problem {
            location,
            severity: Severity::Error,
            kind,
        }
    }

    pub fn warning(location: Location, kind: ProblemKind) -> Problem {
        Problem {
            location,
            severity: Severity::Warning,
            kind,
        }
    }
}

/// The most characters of a value that a message quotes.
pub const QUOTE_CHARS: usize = 80;

/// Shortens a value quoted in a message to [`QUOTE_CHARS`] characters
/// and "…": a cell can run to megabytes, and the user needs only enough
/// of it to find the cell.
pub fn quoted(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => Cow::Owned(format!("{}…", &text[..cut])),
        None => Cow::Borrowed(text),
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ": column \"{}\"", quoted(column))?;
        }
        Ok(())
    }
}

impl ProblemKind {
    /// A copy with every quoted value cut by [`quoted`], so that a message
    /// never quotes a huge cell in full.
    fn shortened(&self) -> ProblemKind {
        use ProblemKind::*;
        let cut = |text: &String| quoted(text).into_owned();
        match self {
            TooManyFields {
                found,
                expected,
                extra,
            } => TooManyFields {
                found: *found,
                expected: *expected,
                extra: cut(extra),
            },
            NotUtf8 { value } => NotUtf8 { value: cut(value) },
            NotATimestamp { value, expected } => NotATimestamp {
                value: cut(value),
                expected: expected.clone(),
            },
            NotADuration { value, expected } => NotADuration {
                value: cut(value),
                expected: expected.clone(),
            },
            NotANumber { value, expected } => NotANumber {
                value: cut(value),
                expected: expected.clone(),
            },
            AmbiguousDuration {
                value,
                as_min_sec,
                as_hour_min,
            } => AmbiguousDuration {
                value: cut(value),
                as_min_sec: *as_min_sec,
                as_hour_min: *as_hour_min,
            },
            AmbiguousDateOrder { example } => AmbiguousDateOrder {
                example: cut(example),
            },
            NonexistentLocalTime { value, zone } => NonexistentLocalTime {
                value: cut(value),
                zone: zone.clone(),
            },
            AmbiguousLocalTime { value, zone } => AmbiguousLocalTime {
                value: cut(value),
                zone: zone.clone(),
            },
            OutOfScale { value, min, max } => OutOfScale {
                value: cut(value),
                min: *min,
                max: *max,
            },
            NotWholePoint { value, min, max } => NotWholePoint {
                value: cut(value),
                min: *min,
                max: *max,
            },
            UnknownRating { value } => UnknownRating { value: cut(value) },
            NegativeDuration { start, end } => NegativeDuration {
                start: cut(start),
                end: cut(end),
            },
            Other { value, message } => Other {
                value: cut(value),
                message: message.clone(),
            },
            EmptyFile
            | BinaryFile
            | UnknownKind
            | MissingColumn { .. }
            | UnclosedQuote
            | UndecodableByte { .. } => self.clone(),
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ProblemKind::*;
        match &self.shortened() {
            EmptyFile => write!(f, "the file has no header row (expected CSV text)"),
            BinaryFile => write!(
                f,
                "this looks like a binary file, not CSV text; nothing was read \
                 (expected a CSV export)"
            ),
            UnknownKind => write!(
                f,
                "no column matched tickets, survey responses or calls; \
                 map the columns by hand"
            ),
            MissingColumn { role } => write!(f, "no column for {role}; map one by hand"),
            TooManyFields {
                found,
                expected,
                extra,
            } => write!(
                f,
                "{found} fields where the header has {expected}, \
                 unexpected value \"{extra}\"; row left out"
            ),
            NotUtf8 { value } => {
                write!(f, "\"{value}\" is not UTF-8; read as Windows-1252")
            }
            UndecodableByte { byte } => write!(
                f,
                "byte 0x{byte:02X} has no Windows-1252 character; replaced by \u{FFFD}"
            ),
            UnclosedQuote => write!(f, "a quoted field is never closed"),
            NotATimestamp { value, expected } => {
                write!(
                    f,
                    "\"{value}\" is not a date and time (expected {expected})"
                )
            }
            NotADuration { value, expected } => {
                write!(f, "\"{value}\" is not a duration (expected {expected})")
            }
            NotANumber { value, expected } => {
                write!(f, "\"{value}\" is not a number (expected {expected})")
            }
            AmbiguousDuration {
                value,
                as_min_sec,
                as_hour_min,
            } => write!(
                f,
                "\"{value}\" is ambiguous: {as_min_sec} s as minutes:seconds or \
                 {as_hour_min} s as hours:minutes; left out until you choose a reading"
            ),
            AmbiguousDateOrder { example } => write!(
                f,
                "dates such as \"{example}\" fit both day-first and month-first; \
                 choose the order in the file's settings"
            ),
            NonexistentLocalTime { value, zone } => write!(
                f,
                "\"{value}\" does not exist in {zone} (clocks skip it for daylight \
                 saving time); left out"
            ),
            AmbiguousLocalTime { value, zone } => write!(
                f,
                "\"{value}\" occurs twice in {zone} (clocks go back); \
                 read as the earlier one"
            ),
            OutOfScale { value, min, max } => {
                write!(f, "\"{value}\" is outside the scale {min}–{max}; left out")
            }
            NotWholePoint { value, min, max } => write!(
                f,
                "\"{value}\" is not a whole point on the scale {min}–{max}; left out"
            ),
            UnknownRating { value } => {
                write!(f, "\"{value}\" is not a known rating (expected a score or a label such as Good/Bad)")
            }
            NegativeDuration { start, end } => {
                write!(f, "ends at {end}, before it starts at {start}; left out")
            }
            Other { value, message } => write!(f, "\"{value}\": {message}"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_column() {
        let problem = Problem::error(
            Location::cell("tickets.csv", 14, "Created at"),
            ProblemKind::NotATimestamp {
                value: "yesterday".into(),
                expected: "YYYY-MM-DD HH:MM".into(),
            },
        );

        assert_eq!(
            problem.to_string(),
            "tickets.csv:14: column \"Created at\": \"yesterday\" is not a date \
             and time (expected YYYY-MM-DD HH:MM)"
        );
    }

    #[test]
    fn huge_cell_is_quoted_shortened() {
        // A 5 MB cell used to be quoted in full. Now the message holds
        // the first 80 characters and "…", and so does a long header.
        let huge = "x".repeat(5_000_000);
        let problem = Problem::error(
            Location::cell("tickets.csv", 3, &"h".repeat(100)),
            ProblemKind::NotATimestamp {
                value: huge,
                expected: "YYYY-MM-DD".into(),
            },
        );

        let expected = format!(
            "tickets.csv:3: column \"{}…\": \"{}…\" is not a date and time \
             (expected YYYY-MM-DD)",
            "h".repeat(80),
            "x".repeat(80)
        );
        assert_eq!(problem.to_string(), expected);
    }

    #[test]
    fn short_value_is_quoted_whole() {
        // Exactly 80 characters: nothing cut, no "…".
        let value = "7".repeat(80);

        assert_eq!(quoted(&value), value.as_str());
    }
}
