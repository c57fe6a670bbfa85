//! Business hours: weekly working schedules in an IANA time zone, with
//! holidays, and the working seconds between two instants.
//!
//! A schedule is written in local wall-clock time, so 09:00 stays 09:00
//! local across a daylight-saving change. The clock runs only inside the
//! working intervals: an event outside them counts from the next working
//! minute, and a weekend or holiday counts nothing. This module does not
//! decide which schedule a ticket uses; the report does that from the
//! settings.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::core::problem::{Location, Problem, ProblemKind};

/// Minutes in a day; an interval may end at 24:00.
const DAY_MINUTES: u16 = 24 * 60;

/// The weekday names, Monday first, as descriptions show them.
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// One working interval of a day, in minutes after local midnight. The
/// start is included and the end excluded; an end of 1440 is 24:00.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct WorkInterval {
    pub start_minute: u16,
    pub end_minute: u16,
}

impl WorkInterval {
    /// An interval from `start` to `end`, both as (hour, minute).
    pub fn hours(start: (u16, u16), end: (u16, u16)) -> WorkInterval {
        WorkInterval {
            start_minute: start.0 * 60 + start.1,
            end_minute: end.0 * 60 + end.1,
        }
    }
}

/// A named weekly schedule of working hours.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    pub name: String,
    /// IANA time zone name such as `Europe/Berlin`.
    pub time_zone: String,
    /// Working intervals per weekday, Monday first. A day without
    /// intervals is a day off.
    pub weekly: [Vec<WorkInterval>; 7],
    /// Local dates without working hours, whatever the weekday.
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
}

impl Schedule {
    /// A Monday-to-Friday schedule with the same intervals every working
    /// day and no holidays.
    pub fn weekdays(name: &str, time_zone: &str, intervals: &[WorkInterval]) -> Schedule {
        let day = intervals.to_vec();
        Schedule {
            name: name.to_string(),
            time_zone: time_zone.to_string(),
            weekly: [
                day.clone(),
                day.clone(),
                day.clone(),
                day.clone(),
                day,
                Vec::new(),
                Vec::new(),
            ],
            holidays: Vec::new(),
        }
    }

    /// Describes the schedule for figure definitions, such as
    /// `Mon–Fri 09:00–17:00, Europe/Berlin, 3 holidays`.
    pub fn describe(&self) -> String {
        match self.time_zone.trim().parse::<Tz>() {
            Ok(_) => self.describe_in(&self.time_zone),
            // The clock falls back to UTC for an unknown zone, so the text
            // must name UTC, not the zone that was typed.
            Err(_) => self.describe_in(&format!("UTC (unknown time zone \"{}\")", self.time_zone)),
        }
    }

    /// Describes the working hours and holidays with `zone` as the time
    /// zone's text.
    fn describe_in(&self, zone: &str) -> String {
        let mut days = Vec::new();
        let mut first = 0;
        while first < 7 {
            let mut last = first;
            while last + 1 < 7 && self.weekly[last + 1] == self.weekly[first] {
                last += 1;
            }
            if !self.weekly[first].is_empty() {
                let span = if first == last {
                    WEEKDAYS[first].to_string()
                } else {
                    format!("{}–{}", WEEKDAYS[first], WEEKDAYS[last])
                };
                let hours: Vec<String> = self.weekly[first]
                    .iter()
                    .map(|interval| {
                        format!(
                            "{}–{}",
                            clock_text(interval.start_minute),
                            clock_text(interval.end_minute)
                        )
                    })
                    .collect();
                days.push(format!("{span} {}", hours.join(" and ")));
            }
            first = last + 1;
        }
        let days = if days.is_empty() {
            "no working hours".to_string()
        } else {
            days.join("; ")
        };
        let holidays = match self.holidays.len() {
            0 => "no holidays".to_string(),
            1 => "1 holiday".to_string(),
            count => format!("{count} holidays"),
        };
        format!("{days}, {zone}, {holidays}")
    }
}

fn clock_text(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// A schedule prepared for repeated use: the zone resolved, intervals
/// sorted and merged, holidays sorted.
#[derive(Clone, Debug)]
pub struct BusinessClock {
    tz: Tz,
    /// Merged intervals per weekday, Monday first, in seconds after
    /// local midnight.
    days: [Vec<(u32, u32)>; 7],
    /// Wall-clock working seconds per weekday.
    day_seconds: [i64; 7],
    week_seconds: i64,
    holidays: Vec<NaiveDate>,
}

impl BusinessClock {
    /// Prepares `schedule`. An unknown time zone falls back to UTC, and an
    /// interval that does not end after it starts is ignored; each comes
    /// with a warning.
    pub fn new(schedule: &Schedule) -> (BusinessClock, Vec<Problem>) {
        let mut problems = Vec::new();
        let warn = |value: String, message: String| {
            Problem::warning(
                Location::file("settings"),
                ProblemKind::Other {
                    value,
                    message: format!("schedule \"{}\": {message}", schedule.name),
                },
            )
        };
        let tz = match schedule.time_zone.trim().parse::<Tz>() {
            Ok(tz) => tz,
            Err(_) => {
                problems.push(warn(
                    schedule.time_zone.clone(),
                    "unknown time zone; its hours are read as UTC (expected an IANA \
                     name such as Europe/Berlin)"
                        .to_string(),
                ));
                Tz::UTC
            }
        };
        for (day, intervals) in WEEKDAYS.iter().zip(&schedule.weekly) {
            for interval in intervals {
                let end = interval.end_minute.min(DAY_MINUTES);
                if end <= interval.start_minute {
                    let hours = format!(
                        "{} {}–{}",
                        day,
                        clock_text(interval.start_minute),
                        clock_text(interval.end_minute)
                    );
                    let message = "working hours that do not end after they start are \
                                   ignored (expected a start before the end, up to 24:00)";
                    problems.push(warn(hours, message.to_string()));
                }
            }
        }
        let days: [Vec<(u32, u32)>; 7] = std::array::from_fn(|day| merged(&schedule.weekly[day]));
        let day_seconds: [i64; 7] = std::array::from_fn(|day| {
            days[day]
                .iter()
                .map(|&(start, end)| i64::from(end - start))
                .sum()
        });
        let mut holidays = schedule.holidays.clone();
        holidays.sort_unstable();
        holidays.dedup();
        let clock = BusinessClock {
            tz,
            days,
            week_seconds: day_seconds.iter().sum(),
            day_seconds,
            holidays,
        };
        (clock, problems)
    }

    /// Counts the working seconds from `start` to `end`; 0 when `end` is
    /// not after `start`.
    ///
    /// The first and last local days are measured exactly, instant by
    /// instant. Days between them count whole weeks at once, then the
    /// remaining weekdays, less every holiday among them.
    pub fn seconds_between(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> f64 {
        if end <= start {
            return 0.0;
        }
        let first = self.local_date(start);
        let last = self.local_date(end);

        // Short spans go day by day; a DST change inside them is exact.
        let short = last.signed_duration_since(first).num_days() <= 14;
        let edge_last = if short { last } else { first };
        // Clock changes in every zone are weeks apart, so one offset at
        // both ends of a short span holds for all of it.
        let span_offset = if short {
            self.span_offset(start, end)
        } else {
            None
        };
        if let Some(offset) = span_offset {
            return self.steady_span_millis(first, last, start, end, offset) as f64 / 1000.0;
        }

        let mut millis = 0i64;
        let mut day = first;
        loop {
            millis += self.day_overlap_millis(day, start, end, span_offset);
            if day >= edge_last {
                break;
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        if !short {
            if let (Some(after_first), Some(before_last)) = (first.succ_opt(), last.pred_opt()) {
                millis += self.middle_seconds(after_first, before_last) * 1000;
            }
            millis += self.day_overlap_millis(last, start, end, None);
        }
        millis as f64 / 1000.0
    }

    /// Counts working milliseconds from `start` to `end` (local days
    /// `first` to `last`) in integer arithmetic, for a span the zone keeps
    /// one `offset` through.
    fn steady_span_millis(
        &self,
        first: NaiveDate,
        last: NaiveDate,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        offset: FixedOffset,
    ) -> i64 {
        const DAY_MILLIS: i64 = 86_400_000;
        let start_ms = start.timestamp_millis();
        let end_ms = end.timestamp_millis();
        let offset_ms = i64::from(offset.local_minus_utc()) * 1000;
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
        let first_number = first.signed_duration_since(epoch).num_days();
        let count = last.signed_duration_since(first).num_days();
        let mut millis = 0;
        for (index, day) in (0..=count).zip(first.iter_days()) {
            // 1 January 1970 was a Thursday, index 3 from Monday.
            let weekday = (first_number + index + 3).rem_euclid(7) as usize;
            let intervals = &self.days[weekday];
            if intervals.is_empty() || self.holidays.binary_search(&day).is_ok() {
                continue;
            }
            let midnight = (first_number + index) * DAY_MILLIS - offset_ms;
            for &(open, close) in intervals {
                let from = (midnight + i64::from(open) * 1000).max(start_ms);
                let to = (midnight + i64::from(close) * 1000).min(end_ms);
                millis += (to - from).max(0);
            }
        }
        millis
    }

    /// Wall-clock working seconds of the whole local days `first` to
    /// `last`, both included.
    // NOTE: an interval that contains a clock change (such as 01:00–04:00
    // on a spring-forward night) counts its wall-clock length here, so it
    // is one hour off. The first and last days, and spans up to two
    // weeks, are measured exactly.
    fn middle_seconds(&self, first: NaiveDate, last: NaiveDate) -> i64 {
        if last < first {
            return 0;
        }
        let count = last.signed_duration_since(first).num_days() + 1;
        let weeks = count / 7;
        let mut seconds = weeks * self.week_seconds;
        let start_weekday = first.weekday().num_days_from_monday() as i64;
        for offset in 0..count % 7 {
            let weekday = ((start_weekday + offset) % 7) as usize;
            seconds += self.day_seconds[weekday];
        }
        let from = self.holidays.partition_point(|&date| date < first);
        let to = self.holidays.partition_point(|&date| date <= last);
        for holiday in &self.holidays[from..to] {
            seconds -= self.day_seconds[holiday.weekday().num_days_from_monday() as usize];
        }
        seconds
    }

    /// Milliseconds of `day`'s working intervals that fall inside
    /// `start`..`end`.
    fn day_overlap_millis(
        &self,
        day: NaiveDate,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        span_offset: Option<FixedOffset>,
    ) -> i64 {
        if self.holidays.binary_search(&day).is_ok() {
            return 0;
        }
        let weekday = day.weekday().num_days_from_monday() as usize;
        if self.days[weekday].is_empty() {
            return 0;
        }
        let steady = span_offset.or_else(|| self.steady_offset(day));
        let mut millis = 0;
        for &(open, close) in &self.days[weekday] {
            let (Some(open), Some(close)) = (
                self.instant(day, open, Edge::Open, steady),
                self.instant(day, close, Edge::Close, steady),
            ) else {
                continue;
            };
            let from = open.max(start);
            let to = close.min(end);
            if to > from {
                millis += (to - from).num_milliseconds();
            }
        }
        millis
    }

    /// The instant of a local time of day. A time the zone skips moves to
    /// the end of the gap; a time that occurs twice opens at its earlier
    /// and closes at its later occurrence, so no working time is lost.
    fn instant(
        &self,
        day: NaiveDate,
        second: u32,
        edge: Edge,
        steady: Option<FixedOffset>,
    ) -> Option<DateTime<Utc>> {
        let midnight = day.and_hms_opt(0, 0, 0)?;
        let local = midnight.checked_add_signed(chrono::Duration::seconds(i64::from(second)))?;
        if let Some(offset) = steady {
            let utc = local.checked_sub_offset(offset)?;
            return Some(Utc.from_utc_datetime(&utc));
        }
        // Gaps last at most a few hours, so stepping by 15 minutes finds
        // the first local time after one.
        for quarter in 0..=24 * 4 {
            let step = chrono::Duration::minutes(15 * quarter);
            let shifted = local.checked_add_signed(step)?;
            let found = match (self.tz.from_local_datetime(&shifted), edge) {
                (chrono::LocalResult::Single(instant), _) => Some(instant),
                (chrono::LocalResult::Ambiguous(earlier, _), Edge::Open) => Some(earlier),
                (chrono::LocalResult::Ambiguous(_, later), Edge::Close) => Some(later),
                (chrono::LocalResult::None, _) => None,
            };
            if let Some(instant) = found {
                return Some(instant.with_timezone(&Utc));
            }
        }
        None
    }

    /// Returns the zone's offset on `day` when it stays the same from well
    /// before the local day starts to well after it ends, so local times
    /// of that day convert with plain arithmetic. `None` on a day with a
    /// clock change. Offsets from UTC are cheap to look up, unlike local
    /// times, which matters for many tickets.
    fn steady_offset(&self, day: NaiveDate) -> Option<FixedOffset> {
        // Offsets lie within ±14 h, so these two instants bracket the
        // local day in every zone.
        let margin = chrono::Duration::hours(15);
        let before = day.and_hms_opt(0, 0, 0)?.checked_sub_signed(margin)?;
        let after = day.and_hms_opt(23, 59, 59)?.checked_add_signed(margin)?;
        let first = self.tz.offset_from_utc_datetime(&before).fix();
        let last = self.tz.offset_from_utc_datetime(&after).fix();
        (first == last).then_some(first)
    }

    /// Returns the zone's offset when it is the same 15 hours before
    /// `start` and 15 hours after `end`; `None` otherwise.
    fn span_offset(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> Option<FixedOffset> {
        let margin = chrono::Duration::hours(15);
        let before = start.naive_utc().checked_sub_signed(margin)?;
        let after = end.naive_utc().checked_add_signed(margin)?;
        let first = self.tz.offset_from_utc_datetime(&before).fix();
        let last = self.tz.offset_from_utc_datetime(&after).fix();
        (first == last).then_some(first)
    }

    /// Returns the local date of an instant, without panicking at
    /// chrono's range ends.
    fn local_date(&self, instant: DateTime<Utc>) -> NaiveDate {
        let utc: NaiveDateTime = instant.naive_utc();
        let offset = self.tz.offset_from_utc_datetime(&utc).fix();
        utc.checked_add_offset(offset).unwrap_or(utc).date()
    }
}

#[derive(Clone, Copy)]
enum Edge {
    Open,
    Close,
}

/// Sorts a day's intervals, drops empty ones and merges overlaps, in
/// seconds after midnight.
fn merged(intervals: &[WorkInterval]) -> Vec<(u32, u32)> {
    let mut sorted: Vec<(u32, u32)> = intervals
        .iter()
        .map(|interval| {
            let end = interval.end_minute.min(DAY_MINUTES);
            (u32::from(interval.start_minute) * 60, u32::from(end) * 60)
        })
        .filter(|(start, end)| end > start)
        .collect();
    sorted.sort_unstable();
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(sorted.len());
    for (start, end) in sorted {
        match merged.last_mut() {
            Some(previous) if start <= previous.1 => previous.1 = previous.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Business seconds: the working seconds of `schedule` from `start` to
/// `end`, in seconds; 0 when `end` is not after `start`. An unknown time
/// zone is read as UTC. To measure many spans, prepare a
/// [`BusinessClock`] once instead.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use service_kpis::core::business_hours::{business_seconds, Schedule, WorkInterval};
///
/// let office = Schedule::weekdays("Office", "UTC", &[WorkInterval::hours((9, 0), (17, 0))]);
/// // Friday 16:30 to Monday 09:15: 30 minutes on Friday, 15 on Monday.
/// let friday = Utc.with_ymd_and_hms(2024, 6, 7, 16, 30, 0).unwrap();
/// let monday = Utc.with_ymd_and_hms(2024, 6, 10, 9, 15, 0).unwrap();
/// assert_eq!(business_seconds(&office, friday, monday), 45.0 * 60.0);
/// ```
pub fn business_seconds(schedule: &Schedule, start: DateTime<Utc>, end: DateTime<Utc>) -> f64 {
    BusinessClock::new(schedule).0.seconds_between(start, end)
}

/// The business clocks of one report: every schedule of the settings,
/// the default one, and the schedule each team works to.
#[derive(Clone, Debug, Default)]
pub struct BusinessHours {
    clocks: Vec<(BusinessClock, String)>,
    default: Option<usize>,
    teams: BTreeMap<String, usize>,
}

impl BusinessHours {
    /// Prepares every schedule once. A default or team schedule name that
    /// no schedule has, and an unknown time zone, come back as warnings.
    pub fn new(
        schedules: &[Schedule],
        default: Option<&str>,
        teams: &BTreeMap<String, String>,
    ) -> (BusinessHours, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut clocks = Vec::with_capacity(schedules.len());
        for schedule in schedules {
            let (clock, found) = BusinessClock::new(schedule);
            problems.extend(found);
            clocks.push((clock, schedule.describe()));
        }
        let mut find = |name: &str, what: &str| {
            let found = schedules.iter().position(|s| s.name.trim() == name.trim());
            if found.is_none() {
                problems.push(Problem::warning(
                    Location::file("settings"),
                    ProblemKind::Other {
                        value: name.to_string(),
                        message: format!("{what}: no schedule has this name"),
                    },
                ));
            }
            found
        };
        let default = match default {
            Some(name) => find(name, "default schedule"),
            None if schedules.is_empty() => None,
            None => Some(0),
        };
        let teams = teams
            .iter()
            .filter_map(|(team, name)| {
                let index = find(name, &format!("schedule of team \"{team}\""))?;
                Some((team.trim().to_lowercase(), index))
            })
            .collect();
        let hours = BusinessHours {
            clocks,
            default,
            teams,
        };
        (hours, problems)
    }

    /// Returns the clock of a ticket's team: the team's own schedule, else the
    /// default; `None` when the settings have no schedule for it.
    pub fn for_team(&self, team: Option<&str>) -> Option<&BusinessClock> {
        let own = team.and_then(|team| self.teams.get(&team.trim().to_lowercase()));
        let index = own.copied().or(self.default)?;
        self.clocks.get(index).map(|(clock, _)| clock)
    }

    /// Describes the schedules in use for definitions: the default one,
    /// then each team's; `None` without any schedule.
    pub fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some((_, text)) = self.default.and_then(|index| self.clocks.get(index)) {
            parts.push(text.clone());
        }
        for (team, &index) in &self.teams {
            if let Some((_, text)) = self.clocks.get(index) {
                parts.push(format!("team {team}: {text}"));
            }
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// The interval forms [`parse_intervals`] accepts, for its errors.
const INTERVALS_EXPECTED: &str =
    "intervals such as 09:00–12:00, 13:00–17:00, or nothing for a day off";

/// Reads one day's working intervals as typed, such as
/// `09:00–12:00, 13:00–17:00`. Commas or semicolons separate intervals,
/// and an en dash, a hyphen or `to` separates start and end. Hours may
/// omit their minutes (`9–17`), and an end may be `24:00`. Empty text is
/// a day off.
///
/// ```
/// use service_kpis::core::business_hours::{parse_intervals, WorkInterval};
/// let day = parse_intervals("09:00–12:00, 13:00–17:30").unwrap();
/// assert_eq!(day, vec![WorkInterval::hours((9, 0), (12, 0)), WorkInterval::hours((13, 0), (17, 30))]);
/// assert_eq!(parse_intervals(""), Ok(vec![]));
/// ```
pub fn parse_intervals(text: &str) -> Result<Vec<WorkInterval>, String> {
    let mut intervals = Vec::new();
    for part in text.split([',', ';']).map(str::trim) {
        if part.is_empty() {
            continue;
        }
        let interval = parse_interval(part).ok_or_else(|| {
            format!("business hours: \"{part}\" is not an interval (expected {INTERVALS_EXPECTED})")
        })?;
        if interval.end_minute <= interval.start_minute {
            return Err(format!(
                "business hours: \"{part}\" ends before it starts (expected the end after the start)"
            ));
        }
        intervals.push(interval);
    }
    intervals.sort_unstable();
    Ok(intervals)
}

/// Writes a day's intervals as [`parse_intervals`] reads them, such as
/// `09:00–12:00, 13:00–17:00`; empty for a day off.
pub fn intervals_text(intervals: &[WorkInterval]) -> String {
    let parts: Vec<String> = intervals
        .iter()
        .map(|interval| {
            format!(
                "{}–{}",
                clock_text(interval.start_minute),
                clock_text(interval.end_minute)
            )
        })
        .collect();
    parts.join(", ")
}

fn parse_interval(text: &str) -> Option<WorkInterval> {
    let (start, end) = text
        .split_once(['–', '—', '-'])
        .or_else(|| text.split_once(" to "))?;
    Some(WorkInterval {
        start_minute: parse_clock(start)?,
        end_minute: parse_clock(end)?,
    })
}

/// Reads `9`, `09`, `9:30` or `09:30` as minutes after midnight, up to
/// 24:00.
fn parse_clock(text: &str) -> Option<u16> {
    let text = text.trim();
    let (hours, minutes) = text.split_once(':').unwrap_or((text, "00"));
    let all_digits = |part: &str| {
        !part.is_empty() && part.len() <= 2 && part.bytes().all(|b| b.is_ascii_digit())
    };
    if !all_digits(hours) || !all_digits(minutes) || minutes.len() != 2 {
        return None;
    }
    let hours: u16 = hours.parse().ok()?;
    let minutes: u16 = minutes.parse().ok()?;
    let minute = hours * 60 + minutes;
    (minutes < 60 && minute <= DAY_MINUTES).then_some(minute)
}

/// The date forms the holiday file accepts, for problem messages.
const HOLIDAY_EXPECTED: &str = "a date such as 2024-12-25, 25.12.2024 or 25/12/2024";

/// Reads a one-column CSV of holiday dates. The first line may be a
/// header. Dates are ISO (`2024-12-25`) or day first (`25.12.2024`,
/// `25/12/2024`, `25-12-2024`); only the first field of a line is read,
/// so a second column with the holiday's name is allowed. Every other
/// line that is not a date is listed as a problem with its line number.
pub fn parse_holidays(name: &str, bytes: &[u8]) -> (Vec<NaiveDate>, Vec<Problem>) {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut dates = Vec::new();
    let mut problems = Vec::new();
    let mut seen_content = false;
    for (index, raw) in text.lines().enumerate() {
        let line = index as u64 + 1;
        let field = first_field(raw);
        if field.is_empty() {
            continue;
        }
        let is_first = !seen_content;
        seen_content = true;
        match parse_date(field) {
            Some(date) => dates.push(date),
            // A first line that is not a date is the header.
            None if is_first => {}
            None => problems.push(Problem::error(
                Location::line(name, line),
                ProblemKind::NotATimestamp {
                    value: field.to_string(),
                    expected: HOLIDAY_EXPECTED.to_string(),
                },
            )),
        }
    }
    dates.sort_unstable();
    dates.dedup();
    (dates, problems)
}

/// Returns the first field of a CSV line, without quotes and spaces.
fn first_field(line: &str) -> &str {
    let end = line.find([',', ';', '\t']).unwrap_or(line.len());
    line[..end].trim().trim_matches('"').trim()
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    const FORMATS: [&str; 5] = ["%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y"];
    FORMATS
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate, Utc};

    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn nine_to_five(zone: &str) -> Schedule {
        Schedule::weekdays("Office", zone, &[WorkInterval::hours((9, 0), (17, 0))])
    }

    fn minutes(schedule: &Schedule, start: &str, end: &str) -> f64 {
        business_seconds(schedule, utc(start), utc(end)) / 60.0
    }

    #[test]
    fn weekend_ticket_counts_from_monday_opening() {
        // Saturday 14:00 to Monday 09:30 Berlin time: only Monday's
        // 09:00–09:30 is working time.
        let office = nine_to_five("Europe/Berlin");

        let counted = minutes(
            &office,
            "2024-06-08T14:00:00+02:00",
            "2024-06-10T09:30:00+02:00",
        );

        assert_eq!(counted, 30.0);
    }

    #[test]
    fn before_opening_counts_nothing() {
        // 08:00 to 08:45 on a Monday, all before 09:00.
        let office = nine_to_five("Europe/Berlin");

        let counted = minutes(
            &office,
            "2024-06-10T08:00:00+02:00",
            "2024-06-10T08:45:00+02:00",
        );

        assert_eq!(counted, 0.0);
    }

    #[test]
    fn start_after_end_and_same_minute_give_zero() {
        let office = nine_to_five("UTC");

        let backwards = minutes(&office, "2024-06-10T12:00:00Z", "2024-06-10T10:00:00Z");
        let same = minutes(&office, "2024-06-10T10:00:00Z", "2024-06-10T10:00:00Z");

        assert_eq!(backwards, 0.0);
        assert_eq!(same, 0.0);
    }

    #[test]
    fn lunch_break_is_not_counted() {
        // 09:00–12:00 and 13:00–17:00; 11:00 to 14:00 counts 11–12 and
        // 13–14, two hours.
        let split = Schedule::weekdays(
            "Split",
            "UTC",
            &[
                WorkInterval::hours((9, 0), (12, 0)),
                WorkInterval::hours((13, 0), (17, 0)),
            ],
        );

        let counted = minutes(&split, "2024-06-10T11:00:00Z", "2024-06-10T14:00:00Z");

        assert_eq!(counted, 120.0);
        assert_eq!(
            split.describe(),
            "Mon–Fri 09:00–12:00 and 13:00–17:00, UTC, no holidays"
        );
    }

    #[test]
    fn holiday_counts_nothing() {
        // Monday 10 June is a holiday: Friday 16:00 to Tuesday 10:00 is
        // 1 h on Friday and 1 h on Tuesday.
        let mut office = nine_to_five("UTC");
        office.holidays = vec![date(2024, 6, 10)];

        let counted = minutes(&office, "2024-06-07T16:00:00Z", "2024-06-11T10:00:00Z");

        assert_eq!(counted, 120.0);
    }

    #[test]
    fn long_span_counts_whole_weeks_and_holidays() {
        // Monday 3 June 09:00 to Monday 29 July 09:00 UTC is 8 weeks of
        // 5 × 8 h = 320 h, less one holiday (Wed 3 July, 8 h) = 312 h.
        let mut office = nine_to_five("UTC");
        office.holidays = vec![date(2024, 7, 3), date(2024, 8, 1)];

        let counted = minutes(&office, "2024-06-03T09:00:00Z", "2024-07-29T09:00:00Z");

        assert_eq!(counted, 312.0 * 60.0);
    }

    #[test]
    fn long_span_with_partial_edges() {
        // Wednesday 5 June 15:00 to Friday 28 June 10:00 UTC: 2 h on the
        // first day, 1 h on the last, and the 16 working days between
        // (Thu 6 to Thu 27 June) at 8 h each = 128 h; 131 h in all.
        let office = nine_to_five("UTC");

        let counted = minutes(&office, "2024-06-05T15:00:00Z", "2024-06-28T10:00:00Z");

        assert_eq!(counted, 131.0 * 60.0);
    }

    #[test]
    fn describe_names_utc_for_unknown_zone() {
        // A typo in the zone once left "Europe/Berlinx" in the description
        // while the hours were read as UTC.
        let office = Schedule::weekdays(
            "Office",
            "Europe/Berlinx",
            &[WorkInterval::hours((9, 0), (17, 0))],
        );

        assert_eq!(
            office.describe(),
            "Mon–Fri 09:00–17:00, UTC (unknown time zone \"Europe/Berlinx\"), no holidays"
        );
    }

    #[test]
    fn berlin_spring_forward_keeps_local_hours() {
        // Clocks went 02:00 → 03:00 on Sunday 31 March 2024. Friday 29
        // March 16:00 CET to Monday 1 April 10:00 CEST is 1 h on Friday
        // and 1 h on Monday: 09:00 is still 09:00 local after the change.
        let office = nine_to_five("Europe/Berlin");

        let counted = minutes(
            &office,
            "2024-03-29T16:00:00+01:00",
            "2024-04-01T10:00:00+02:00",
        );

        assert_eq!(counted, 120.0);
    }

    #[test]
    fn berlin_autumn_back_keeps_local_hours() {
        // Clocks went 03:00 → 02:00 on Sunday 27 October 2024. Friday 25
        // October 16:00 CEST to Monday 28 October 10:00 CET: 2 h.
        let office = nine_to_five("Europe/Berlin");

        let counted = minutes(
            &office,
            "2024-10-25T16:00:00+02:00",
            "2024-10-28T10:00:00+01:00",
        );

        assert_eq!(counted, 120.0);
    }

    #[test]
    fn new_york_dst_days_with_night_shift() {
        // A 7-day 00:00–04:00 shift in New York. On Sunday 10 March 2024
        // 02:00–03:00 does not exist, so that night has 3 real hours; on
        // Sunday 3 November 01:00–02:00 happens twice, so it has 5.
        let night = Schedule {
            name: "Night".to_string(),
            time_zone: "America/New_York".to_string(),
            weekly: std::array::from_fn(|_| vec![WorkInterval::hours((0, 0), (4, 0))]),
            holidays: Vec::new(),
        };

        let spring = minutes(
            &night,
            "2024-03-09T12:00:00-05:00",
            "2024-03-10T12:00:00-04:00",
        );
        let autumn = minutes(
            &night,
            "2024-11-02T12:00:00-04:00",
            "2024-11-03T12:00:00-05:00",
        );

        assert_eq!(spring, 180.0);
        assert_eq!(autumn, 300.0);
    }

    #[test]
    fn new_york_office_across_spring_change() {
        // Friday 8 March 16:00 EST to Monday 11 March 10:00 EDT: 1 h and
        // 1 h, however the clocks moved on Sunday.
        let office = nine_to_five("America/New_York");

        let counted = minutes(
            &office,
            "2024-03-08T16:00:00-05:00",
            "2024-03-11T10:00:00-04:00",
        );

        assert_eq!(counted, 120.0);
    }

    #[test]
    fn after_closing_counts_from_next_opening() {
        // Monday 18:00 to Tuesday 09:30 UTC: nothing after 17:00 on
        // Monday, 30 min on Tuesday.
        let office = nine_to_five("UTC");

        let counted = minutes(&office, "2024-06-10T18:00:00Z", "2024-06-11T09:30:00Z");

        assert_eq!(counted, 30.0);
    }

    #[test]
    fn new_york_office_across_autumn_change() {
        // Clocks fell back on Sunday 3 November 2024. Friday 1 November
        // 16:30 EDT to Monday 4 November 09:45 EST: 30 + 45 min.
        let office = nine_to_five("America/New_York");

        let counted = minutes(
            &office,
            "2024-11-01T16:30:00-04:00",
            "2024-11-04T09:45:00-05:00",
        );

        assert_eq!(counted, 75.0);
    }

    #[test]
    fn long_span_across_berlin_autumn_change() {
        // Monday 14 October 09:00 CEST to Monday 4 November 09:00 CET is
        // three working weeks of 40 h, with the clock change inside it:
        // 120 h, the same as without one.
        let office = nine_to_five("Europe/Berlin");

        let counted = minutes(
            &office,
            "2024-10-14T09:00:00+02:00",
            "2024-11-04T09:00:00+01:00",
        );

        assert_eq!(counted, 120.0 * 60.0);
    }

    #[test]
    fn unknown_zone_falls_back_to_utc_with_warning() {
        let office = nine_to_five("Mars/Olympus");

        let (clock, problems) = BusinessClock::new(&office);

        assert_eq!(problems.len(), 1);
        // 10:00 to 11:00 UTC on a Monday, read as UTC hours: 1 h.
        let counted =
            clock.seconds_between(utc("2024-06-10T10:00:00Z"), utc("2024-06-10T11:00:00Z"));
        assert_eq!(counted, 3600.0);
    }

    #[test]
    fn backwards_interval_ignored_with_warning() {
        // Monday 17:00–09:00 cannot be worked; Tuesday's 09:00–17:00
        // still counts: Monday 10:00 to Tuesday 10:00 UTC is 1 h.
        let mut office = nine_to_five("UTC");
        office.weekly[0] = vec![WorkInterval::hours((17, 0), (9, 0))];

        let (clock, problems) = BusinessClock::new(&office);

        assert_eq!(problems.len(), 1);
        let text = problems[0].to_string();
        assert!(text.contains("Mon 17:00–09:00"), "{text}");
        let counted =
            clock.seconds_between(utc("2024-06-10T10:00:00Z"), utc("2024-06-11T10:00:00Z"));
        assert_eq!(counted, 3600.0);
    }

    #[test]
    fn describe_names_days_zone_and_holidays() {
        let mut office = nine_to_five("Europe/Berlin");
        office.holidays = vec![date(2024, 1, 1), date(2024, 5, 1), date(2024, 12, 25)];
        office.weekly[5] = vec![WorkInterval::hours((10, 0), (14, 0))];

        assert_eq!(
            office.describe(),
            "Mon–Fri 09:00–17:00; Sat 10:00–14:00, Europe/Berlin, 3 holidays"
        );
    }

    #[test]
    fn holidays_file_with_header_and_bad_line() {
        // Header, an ISO date, a day-first date with a name column, a
        // blank line and a bad date on line 5.
        let text = "date\n2024-12-25\n26.12.2024,Boxing Day\n\nnot a day\n01/01/2025\n";

        let (dates, problems) = parse_holidays("holidays.csv", text.as_bytes());

        assert_eq!(
            dates,
            vec![date(2024, 12, 25), date(2024, 12, 26), date(2025, 1, 1)]
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].location.line, Some(5));
        assert_eq!(problems[0].location.file, "holidays.csv");
    }

    #[test]
    fn holidays_file_without_header() {
        let (dates, problems) =
            parse_holidays("h.csv", b"\xef\xbb\xbf2024-05-01\r\n2024-05-09\r\n");

        assert_eq!(dates, vec![date(2024, 5, 1), date(2024, 5, 9)]);
        assert!(problems.is_empty());
    }

    #[test]
    fn intervals_parse_from_typed_text() {
        // 9 h → minute 540, 12:00 → 720, 13:00 → 780, 17:30 → 1050; the
        // second form uses hyphens, bare hours and a semicolon.
        let expected = vec![
            WorkInterval {
                start_minute: 540,
                end_minute: 720,
            },
            WorkInterval {
                start_minute: 780,
                end_minute: 1050,
            },
        ];

        assert_eq!(
            parse_intervals("09:00–12:00, 13:00–17:30"),
            Ok(expected.clone())
        );
        assert_eq!(parse_intervals("13:00-17:30; 9-12"), Ok(expected));
        assert_eq!(parse_intervals("  "), Ok(Vec::new()));
        assert_eq!(
            parse_intervals("00:00 to 24:00"),
            Ok(vec![WorkInterval {
                start_minute: 0,
                end_minute: 1440
            }])
        );
    }

    #[test]
    fn intervals_with_bad_text_name_the_part() {
        let error = parse_intervals("09:00–17:00, 9am–5pm").unwrap_err();
        assert!(error.contains("\"9am–5pm\" is not an interval"), "{error}");

        let error = parse_intervals("17:00–09:00").unwrap_err();
        assert!(error.contains("ends before it starts"), "{error}");

        assert!(parse_intervals("09:60–10:00").is_err());
        assert!(parse_intervals("09:00–24:30").is_err());
    }

    #[test]
    fn intervals_text_reads_back() {
        let day = vec![
            WorkInterval::hours((8, 30), (12, 0)),
            WorkInterval::hours((13, 0), (24, 0)),
        ];

        let text = intervals_text(&day);

        assert_eq!(text, "08:30–12:00, 13:00–24:00");
        assert_eq!(parse_intervals(&text), Ok(day));
    }
}
