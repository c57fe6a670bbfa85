//! The report's time zone: turning export timestamps into instants and
//! instants into local dates.
//!
//! A timestamp with an offset is already an instant. A wall-clock time is
//! read in the zone named by the settings: a time that the zone skips (the
//! spring-forward gap) is not usable, and a time that occurs twice (the
//! fall-back overlap) is read as the earlier instant, as RFC 5545 does.
//! Each such reading is reported once per record and field.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use crate::core::columns::Role;
use crate::core::load::LoadedFile;
use crate::core::model::Stamp;
use crate::core::problem::{Location, Problem, ProblemKind};
use crate::core::report::ProblemLog;

/// An IANA time zone, resolved once per report.
#[derive(Clone, Debug)]
pub struct Zone {
    tz: Tz,
    name: String,
}

/// A wall-clock time read in a zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// One instant fits.
    Exact(DateTime<Utc>),
    /// The time occurs twice; this is the earlier instant.
    Earlier(DateTime<Utc>),
    /// The zone skips this time.
    Nonexistent,
}

/// A timestamp field of a record after reading it in the report's zone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Time {
    /// The export has no value for this field.
    #[default]
    Missing,
    At(DateTime<Utc>),
    /// A local time in the spring-forward gap, left out of figures.
    Nonexistent,
}

impl Time {
    /// The instant, when there is a usable one.
    pub fn at(self) -> Option<DateTime<Utc>> {
        match self {
            Time::At(instant) => Some(instant),
            Time::Missing | Time::Nonexistent => None,
        }
    }
}

/// Describes what is wrong with a time zone name typed by the user, for
/// the page to show next to the field. Returns `None` for a known IANA
/// name.
///
/// Names are matched exactly, as chrono-tz 0.10 matches them, because its
/// case-insensitive lookup needs the `case-insensitive` feature and the
/// `uncased` dependency. A name that differs from a known one only in
/// case is rejected with that name as a suggestion.
///
/// ```
/// use service_kpis::core::zone::zone_problem;
/// assert_eq!(zone_problem("Europe/Paris"), None);
/// assert_eq!(
///     zone_problem("Mars/Phobos").as_deref(),
///     Some("unknown time zone \"Mars/Phobos\"; using UTC — expected an IANA name such as Europe/Paris")
/// );
/// ```
pub fn zone_problem(name: &str) -> Option<String> {
    let trimmed = name.trim();
    if trimmed.parse::<Tz>().is_ok() {
        return None;
    }
    let expected = "expected an IANA name such as Europe/Paris";
    if trimmed.is_empty() {
        return Some(format!("no time zone given; using UTC — {expected}"));
    }
    let same_but_case = chrono_tz::TZ_VARIANTS
        .iter()
        .find(|tz| tz.name().eq_ignore_ascii_case(trimmed));
    let quoted = crate::core::problem::quoted(trimmed);
    Some(match same_but_case {
        Some(tz) => format!(
            "unknown time zone \"{quoted}\"; using UTC — expected an IANA name with \
             its capitals, such as {}",
            tz.name()
        ),
        None => format!("unknown time zone \"{quoted}\"; using UTC — {expected}"),
    })
}

impl Zone {
    /// Finds the zone by IANA name such as `Europe/Berlin`. An unknown
    /// name falls back to UTC and comes with a problem saying so, worded
    /// as [`zone_problem`].
    pub fn from_name(name: &str) -> (Zone, Option<Problem>) {
        match name.trim().parse::<Tz>() {
            Ok(tz) => (
                Zone {
                    tz,
                    name: tz.name().to_string(),
                },
                None,
            ),
            Err(_) => {
                let message = zone_problem(name).unwrap_or_default();
                let problem = Problem::warning(
                    Location::file("settings"),
                    ProblemKind::Other {
                        value: "time zone".to_string(),
                        message,
                    },
                );
                (Zone::utc(), Some(problem))
            }
        }
    }

    pub fn utc() -> Zone {
        Zone {
            tz: Tz::UTC,
            name: "UTC".to_string(),
        }
    }

    /// The IANA name, as used in messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Reads a wall-clock time in this zone.
    pub fn read_local(&self, local: NaiveDateTime) -> Reading {
        match self.tz.from_local_datetime(&local) {
            LocalResult::Single(instant) => Reading::Exact(instant.with_timezone(&Utc)),
            LocalResult::Ambiguous(earlier, later) => {
                let first = earlier.min(later);
                Reading::Earlier(first.with_timezone(&Utc))
            }
            LocalResult::None => Reading::Nonexistent,
        }
    }

    /// Reads a timestamp: instants stay as they are.
    pub fn read(&self, stamp: Stamp) -> Reading {
        match stamp {
            Stamp::Utc(instant) => Reading::Exact(instant),
            Stamp::Local(local) => self.read_local(local),
        }
    }

    /// The calendar date of an instant in this zone.
    pub fn local_date(&self, instant: DateTime<Utc>) -> NaiveDate {
        // `with_timezone` panics at the ends of chrono's range, so the
        // offset is added with a checked operation; UTC's date is the
        // fallback there.
        let utc = instant.naive_utc();
        let offset = self.tz.offset_from_utc_datetime(&utc).fix();
        utc.checked_add_offset(offset).unwrap_or(utc).date()
    }

    /// The first instant of a local date. Where midnight falls in a gap
    /// (a few zones change clocks at midnight), the day starts at the end
    /// of the gap.
    pub fn start_of_day(&self, date: NaiveDate) -> DateTime<Utc> {
        let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
        // Gaps last at most a few hours, so stepping by 15 minutes finds
        // the first existing local time of the day.
        for quarter in 0..=24 * 4 {
            let step = chrono::Duration::minutes(15 * quarter);
            let Some(local) = midnight.checked_add_signed(step) else {
                break;
            };
            match self.read_local(local) {
                Reading::Exact(instant) | Reading::Earlier(instant) => return instant,
                Reading::Nonexistent => continue,
            }
        }
        Utc.from_utc_datetime(&midnight)
    }
}

/// Reads timestamp fields of one file's records and logs every gap and
/// overlap with the file name, line and column header.
pub struct FieldReader<'a> {
    zone: &'a Zone,
    file: &'a LoadedFile,
}

impl<'a> FieldReader<'a> {
    pub fn new(zone: &'a Zone, file: &'a LoadedFile) -> FieldReader<'a> {
        FieldReader { zone, file }
    }

    /// Returns the header of the column matched to `role`, or the role's label
    /// when the file has none (records built by hand).
    pub fn header(&self, role: Role) -> String {
        self.file
            .columns
            .iter()
            .find(|column| column.role == role)
            .map(|column| column.header.clone())
            .unwrap_or_else(|| role.label().to_string())
    }

    /// Whether the file has a column matched to `role`, or fills the
    /// role's field by rebuilding tickets from messages or events.
    pub fn has_role(&self, role: Role) -> bool {
        self.file.columns.iter().any(|column| column.role == role)
            || self.file.derived_roles.contains(&role)
    }

    /// Whether the file's header matched none of `roles`. A file without
    /// any column list (records built by hand) is taken to have them all.
    pub fn lacks_all(&self, roles: &[Role]) -> bool {
        !self.file.columns.is_empty() && !roles.iter().any(|&role| self.has_role(role))
    }

    /// Reads one field; a gap is an error and an overlap a warning in
    /// `log`.
    pub fn read(&self, stamp: Option<Stamp>, line: u64, role: Role, log: &mut ProblemLog) -> Time {
        let Some(stamp) = stamp else {
            return Time::Missing;
        };
        match self.zone.read(stamp) {
            Reading::Exact(instant) => Time::At(instant),
            Reading::Earlier(instant) => {
                log.push(Problem::warning(
                    self.location(line, role),
                    ProblemKind::AmbiguousLocalTime {
                        value: local_text(stamp),
                        zone: self.zone.name().to_string(),
                    },
                ));
                Time::At(instant)
            }
            Reading::Nonexistent => {
                log.push(Problem::error(
                    self.location(line, role),
                    ProblemKind::NonexistentLocalTime {
                        value: local_text(stamp),
                        zone: self.zone.name().to_string(),
                    },
                ));
                Time::Nonexistent
            }
        }
    }

    /// The place of a cell of this file.
    pub fn location(&self, line: u64, role: Role) -> Location {
        Location::cell(&self.file.name, line, &self.header(role))
    }
}

/// Formats a timestamp as the user would recognise it in the file: `2024-03-10
/// 02:30`, with seconds only when they are not zero.
pub fn local_text(stamp: Stamp) -> String {
    let local = match stamp {
        Stamp::Utc(instant) => return instant.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
        Stamp::Local(local) => local,
    };
    if local.format("%S").to_string() == "00" {
        local.format("%Y-%m-%d %H:%M").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn gap_time_is_nonexistent() {
        // New York skipped 02:00–03:00 on 10 March 2024.
        let (zone, _) = Zone::from_name("America/New_York");

        assert_eq!(
            zone.read_local(local("2024-03-10 02:30")),
            Reading::Nonexistent
        );
    }

    #[test]
    fn overlap_time_reads_as_earlier_instant() {
        // 01:30 on 3 Nov 2024 occurs in EDT (UTC−4) and then in EST
        // (UTC−5); the earlier is 05:30 UTC.
        let (zone, _) = Zone::from_name("America/New_York");

        assert_eq!(
            zone.read_local(local("2024-11-03 01:30")),
            Reading::Earlier(utc("2024-11-03T05:30:00Z"))
        );
    }

    #[test]
    fn ordinary_time_is_exact() {
        // 01:50 EST on 10 March = 06:50 UTC.
        let (zone, _) = Zone::from_name("America/New_York");

        assert_eq!(
            zone.read_local(local("2024-03-10 01:50")),
            Reading::Exact(utc("2024-03-10T06:50:00Z"))
        );
    }

    #[test]
    fn unknown_zone_falls_back_to_utc_with_problem() {
        let (zone, problem) = Zone::from_name("Mars/Olympus");

        assert_eq!(zone.name(), "UTC");
        assert!(problem.is_some());
    }

    #[test]
    fn unknown_zone_names_are_explained_in_plain_words() {
        // These were all taken as UTC without a word on the page.
        assert_eq!(
            zone_problem("Mars/Phobos").as_deref(),
            Some(
                "unknown time zone \"Mars/Phobos\"; using UTC — expected an IANA \
                 name such as Europe/Paris"
            )
        );
        assert_eq!(
            zone_problem("europe/paris").as_deref(),
            Some(
                "unknown time zone \"europe/paris\"; using UTC — expected an IANA \
                 name with its capitals, such as Europe/Paris"
            )
        );
        assert!(zone_problem("+02:00").is_some_and(|m| m.contains("\"+02:00\"")));
        assert_eq!(
            zone_problem("").as_deref(),
            Some("no time zone given; using UTC — expected an IANA name such as Europe/Paris")
        );
        assert_eq!(zone_problem(" Europe/Paris "), None);
    }

    #[test]
    fn unknown_zone_problem_reads_as_the_field_message() {
        let (_, problem) = Zone::from_name("Mars/Phobos");

        assert_eq!(
            problem.map(|p| p.to_string()).as_deref(),
            Some(
                "settings: \"time zone\": unknown time zone \"Mars/Phobos\"; using UTC \
                 — expected an IANA name such as Europe/Paris"
            )
        );
    }

    #[test]
    fn local_date_uses_zone() {
        // 03:00 UTC on 1 April is still 31 March in New York (UTC−4).
        let (zone, _) = Zone::from_name("America/New_York");

        let date = zone.local_date(utc("2024-04-01T03:00:00Z"));

        assert_eq!(date, NaiveDate::from_ymd_opt(2024, 3, 31).unwrap());
    }

    #[test]
    fn start_of_day_in_zone() {
        // Midnight in Berlin in winter (UTC+1) is 23:00 UTC the day before.
        let (zone, _) = Zone::from_name("Europe/Berlin");

        let start = zone.start_of_day(NaiveDate::from_ymd_opt(2024, 1, 15).unwrap());

        assert_eq!(start, utc("2024-01-14T23:00:00Z"));
    }

    #[test]
    fn local_text_omits_zero_seconds() {
        assert_eq!(
            local_text(Stamp::Local(local("2024-03-10 02:30"))),
            "2024-03-10 02:30"
        );
    }
}
