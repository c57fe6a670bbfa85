//! Settings: everything a report depends on besides the files.
//!
//! Two groups, because they cost different amounts to change:
//! [`ReadOptions`] change how cells are parsed, so the file is read again;
//! [`Settings`] change only how the KPIs are computed from loaded records.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::core::business_hours::Schedule;
use crate::core::columns::Role;
use crate::core::goals::{self, Goal};
use crate::core::sla::SlaPolicy;

/// Order of the day and month in numeric dates such as `03/04/2024`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateOrder {
    DayFirst,
    MonthFirst,
}

/// How to read a two-part duration such as `04:10`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TwoPartDuration {
    /// Leave the value out and report it, naming both readings.
    #[default]
    Ask,
    MinutesSeconds,
    HoursMinutes,
}

/// Parse-time choices for one file. Changing one means reading the file
/// again from its bytes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadOptions {
    /// Roles the user mapped by hand: role to the column's header text.
    /// These win over the automatic match; a role mapped to `None` is
    /// switched off.
    pub mapping: BTreeMap<Role, Option<String>>,
    /// Date order chosen by the user per column header, for columns whose
    /// data cannot decide it.
    pub date_order: BTreeMap<String, DateOrder>,
    pub two_part_duration: TwoPartDuration,
    /// Authors of a conversation log who are agents, matched without
    /// regard to case. The list decides only for messages whose sender no
    /// sender-type or inbound cell tells, and other authors are then
    /// customers.
    #[serde(default)]
    pub agent_names: Vec<String>,
}

/// Length of the periods that series and period comparisons use.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Period {
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    #[default]
    Month,
    Quarter,
}

impl Period {
    pub const ALL: [Period; 4] = [Period::Day, Period::Week, Period::Month, Period::Quarter];

    pub fn label(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
        }
    }
}

/// Customer Effort Score scale and which end means "easy".
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CesScale {
    pub min: u8,
    pub max: u8,
    /// True for the 1–7 "the company made it easy" agreement scale; false
    /// for the 1–5 "how much effort" scale, where low is easy.
    pub high_is_easy: bool,
}

impl CesScale {
    /// CES 2.0: 1–7 agreement, 5–7 counted as easy.
    pub const AGREEMENT_1_7: CesScale = CesScale {
        min: 1,
        max: 7,
        high_is_easy: true,
    };
    /// The original effort scale: 1–5, 1–2 counted as easy.
    pub const EFFORT_1_5: CesScale = CesScale {
        min: 1,
        max: 5,
        high_is_easy: false,
    };
}

impl Default for CesScale {
    fn default() -> Self {
        CesScale::AGREEMENT_1_7
    }
}

/// Which rule decides that a ticket or call was resolved on first contact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FcrDefinition {
    /// Use the export's own flag (one-touch, FCR, resolved on first call)
    /// where there is one, else one-touch from replies and reopens.
    #[default]
    Auto,
    /// Only the export's explicit flag column.
    ExplicitFlag,
    /// Resolved with at most one agent reply and never reopened.
    OneTouch,
}

/// The clock that duration KPIs run on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Clock {
    /// Every second between the two events.
    #[default]
    Calendar,
    /// Only the working seconds of the ticket's business-hours schedule.
    Business,
}

/// The solve that ends resolution time for a reopened ticket.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResolutionEnd {
    /// The last solve; a ticket reopened and open now has no resolution
    /// time (Zendesk's full resolution time).
    #[default]
    Full,
    /// The first solve, whatever happened after it.
    First,
}

/// The date that puts a ticket into a period or range for a KPI.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cohort {
    /// The ticket's creation date.
    #[default]
    Created,
    /// The date the ticket was resolved (for first resolution time, first
    /// resolved).
    Resolved,
}

impl Cohort {
    /// Describes the cohort for figure definitions.
    pub fn describe(self) -> &'static str {
        match self {
            Cohort::Created => "by creation date",
            Cohort::Resolved => "by resolution date",
        }
    }
}

fn resolved_cohort() -> Cohort {
    Cohort::Resolved
}

/// Compute-time settings for a report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// IANA time zone name for timestamps without an offset, and for
    /// cutting periods.
    pub time_zone: String,
    pub period: Period,
    /// CSAT counts a response as satisfied when it is in the top this many
    /// points of its scale (2: 4–5 on 1–5).
    pub csat_top_box: u8,
    pub ces: CesScale,
    pub fcr: FcrDefinition,
    /// "Now" for open-ticket ages and backlog; supplied by the caller
    /// because the core has no clock.
    pub as_of: DateTime<Utc>,
    /// Report range, both days included, in the report's time zone; `None`
    /// for everything loaded.
    pub range: Option<DateRange>,
    pub goals: Vec<Goal>,
    /// The clock of first response and resolution time.
    #[serde(default)]
    pub clock: Clock,
    /// Named business-hours schedules.
    #[serde(default)]
    pub schedules: Vec<Schedule>,
    /// The name of the schedule for tickets whose team has none; `None`
    /// for the first schedule.
    #[serde(default)]
    pub default_schedule: Option<String>,
    /// Team name (as exported) to schedule name, for teams that work
    /// other hours than the default schedule.
    #[serde(default)]
    pub team_schedules: BTreeMap<String, String>,
    /// First or full resolution for resolution time.
    #[serde(default)]
    pub resolution: ResolutionEnd,
    /// SLA targets per priority; empty for none.
    #[serde(default)]
    pub sla: SlaPolicy,
    /// The cohort of first response time; creation date by default, as
    /// Zendesk and Intercom report it.
    #[serde(default)]
    pub frt_cohort: Cohort,
    /// The cohort of resolution time; resolution date by default, as
    /// Zendesk and Help Scout report it.
    #[serde(default = "resolved_cohort")]
    pub resolution_cohort: Cohort,
}

/// Days from `first` to `last`, both included. An open end is
/// [`NaiveDate::MIN`] or [`NaiveDate::MAX`], so that a range with one end
/// keeps the same fields and saved form; [`DateRange::between`] builds
/// one, and [`DateRange::start`] and [`DateRange::end`] read the ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl DateRange {
    /// Builds a range from `first` to `last`, with an open end for `None`.
    /// Returns `None` when both ends are open.
    pub fn between(first: Option<NaiveDate>, last: Option<NaiveDate>) -> Option<DateRange> {
        if first.is_none() && last.is_none() {
            return None;
        }
        Some(DateRange {
            first: first.unwrap_or(NaiveDate::MIN),
            last: last.unwrap_or(NaiveDate::MAX),
        })
    }

    /// Returns the first day, or `None` when the range has no start.
    pub fn start(&self) -> Option<NaiveDate> {
        (self.first != NaiveDate::MIN).then_some(self.first)
    }

    /// Returns the last day, or `None` when the range has no end.
    pub fn end(&self) -> Option<NaiveDate> {
        (self.last != NaiveDate::MAX).then_some(self.last)
    }

    /// Describes the range in words: `2024-03-01 … 2024-03-31`, `from
    /// 2024-03-01` or `until 2024-03-31`.
    pub fn describe(&self) -> String {
        match (self.start(), self.end()) {
            (Some(first), Some(last)) => format!("{first} … {last}"),
            (Some(first), None) => format!("from {first}"),
            (None, Some(last)) => format!("until {last}"),
            (None, None) => "all dates".to_string(),
        }
    }
}

/// Reads a date range from two `YYYY-MM-DD` texts, as date inputs give
/// them. Either may be empty for an open end; both empty gives `Ok(None)`.
/// A range whose first day is after its last is an error.
///
/// ```
/// use service_kpis::core::settings::parse_date_range;
/// let from_march = parse_date_range("2024-03-01", "").unwrap().unwrap();
/// assert_eq!(from_march.describe(), "from 2024-03-01");
/// assert!(parse_date_range("2024-03-02", "2024-03-01").is_err());
/// ```
pub fn parse_date_range(first: &str, last: &str) -> Result<Option<DateRange>, String> {
    let day = |text: &str, which: &str| -> Result<Option<NaiveDate>, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                let text = crate::core::problem::quoted(text);
                format!("date range: {which} date \"{text}\" is not a date (expected YYYY-MM-DD)")
            })
    };
    let (first, last) = (day(first, "first")?, day(last, "last")?);
    if let (Some(first), Some(last)) = (first, last) {
        if first > last {
            return Err(format!(
                "date range: the first day {first} is after the last day {last}"
            ));
        }
    }
    Ok(DateRange::between(first, last))
}

impl Settings {
    pub fn new(time_zone: &str, as_of: DateTime<Utc>) -> Settings {
        Settings {
            time_zone: time_zone.to_string(),
            period: Period::default(),
            csat_top_box: 2,
            ces: CesScale::default(),
            fcr: FcrDefinition::default(),
            as_of,
            range: None,
            goals: Vec::new(),
            clock: Clock::default(),
            schedules: Vec::new(),
            default_schedule: None,
            team_schedules: BTreeMap::new(),
            resolution: ResolutionEnd::default(),
            sla: SlaPolicy::default(),
            frt_cohort: Cohort::Created,
            resolution_cohort: Cohort::Resolved,
        }
    }
}

/// The version of the settings file this page writes.
const SETTINGS_FILE_VERSION: u32 = 1;

/// The contents of a settings file: the report settings with their goals,
/// and the agent names used to read message logs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SettingsFile {
    pub version: u32,
    pub settings: Settings,
    #[serde(default)]
    pub agent_names: Vec<String>,
}

/// Writes settings, goals and agent names as one JSON document,
/// `{"version": 1, "settings": {...}, "agent_names": [...]}`.
pub fn settings_to_json(settings: &Settings, agent_names: &[String]) -> String {
    let file = SettingsFile {
        version: SETTINGS_FILE_VERSION,
        settings: settings.clone(),
        agent_names: agent_names.to_vec(),
    };
    // Settings hold only numbers, strings, dates and enums, which always
    // serialize.
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Reads a file written by [`settings_to_json`], or a goals-only file
/// (`{"version": 1, "goals": [...]}`), whose goals replace those of
/// `current` while every other setting and the agent names stay.
pub fn settings_from_json(
    text: &str,
    current: &Settings,
    agent_names: &[String],
) -> Result<SettingsFile, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|error| {
        format!("settings file: {error} (expected a settings or goals file saved by this page)")
    })?;
    if value.get("settings").is_none() {
        let mut settings = current.clone();
        settings.goals = goals::goals_from_json(text)?;
        return Ok(SettingsFile {
            version: SETTINGS_FILE_VERSION,
            settings,
            agent_names: agent_names.to_vec(),
        });
    }
    let file: SettingsFile = serde_json::from_value(value).map_err(|error| {
        format!("settings file: {error} (expected a settings file saved by this page)")
    })?;
    if file.version != SETTINGS_FILE_VERSION {
        return Err(format!(
            "settings file: version {} is not supported (expected version {SETTINGS_FILE_VERSION})",
            file.version
        ));
    }
    if file
        .settings
        .goals
        .iter()
        .any(|goal| !goal.target.is_finite())
    {
        return Err("settings file: a goal's target is not a number".to_string());
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    #[test]
    fn settings_saved_before_business_hours_still_load() {
        // A settings file written before the clock, schedules, SLA and
        // cohort fields existed: every new field takes its default.
        let old = r#"{"time_zone":"Europe/Berlin","period":"Month","csat_top_box":2,
            "ces":{"min":1,"max":7,"high_is_easy":true},"fcr":"Auto",
            "as_of":"2024-06-01T00:00:00Z","range":null,"goals":[]}"#;

        let settings: Settings = serde_json::from_str(old).unwrap();

        assert_eq!(settings.clock, Clock::Calendar);
        assert!(settings.schedules.is_empty());
        assert!(settings.sla.rules.is_empty());
        assert_eq!(settings.resolution, ResolutionEnd::Full);
        assert_eq!(settings.frt_cohort, Cohort::Created);
        assert_eq!(settings.resolution_cohort, Cohort::Resolved);
    }

    #[test]
    fn settings_round_trip_through_json() {
        let mut settings = Settings::new("UTC", Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap());
        settings.clock = Clock::Business;
        settings.schedules = vec![Schedule::weekdays(
            "Office",
            "Europe/Berlin",
            &[crate::core::business_hours::WorkInterval::hours(
                (9, 0),
                (17, 0),
            )],
        )];
        settings
            .team_schedules
            .insert("Support".to_string(), "Office".to_string());

        let text = serde_json::to_string(&settings).unwrap();
        let back: Settings = serde_json::from_str(&text).unwrap();

        assert_eq!(back, settings);
    }

    fn june() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap()
    }

    #[test]
    fn settings_file_round_trips_settings_and_agent_names() {
        let mut settings = Settings::new("Europe/Berlin", june());
        settings.clock = Clock::Business;
        settings.resolution = ResolutionEnd::First;
        let names = vec!["Agent Lee".to_string()];

        let text = settings_to_json(&settings, &names);
        let back = settings_from_json(&text, &Settings::new("UTC", june()), &[]).unwrap();

        assert_eq!(back.settings, settings);
        assert_eq!(back.agent_names, names);
    }

    #[test]
    fn goals_only_file_replaces_only_the_goals() {
        // A goals file from before settings files: FRT under 2 h (7200 s).
        let text = r#"{"version":1,"goals":[{"kpi":"FirstResponseTime","target":7200.0,
            "direction":"LowerIsBetter","owner":"","baseline":null,"cadence":null}]}"#;
        let mut current = Settings::new("Europe/Berlin", june());
        current.clock = Clock::Business;
        let names = vec!["Agent Lee".to_string()];

        let back = settings_from_json(text, &current, &names).unwrap();

        assert_eq!(back.settings.goals.len(), 1);
        assert_eq!(back.settings.goals[0].target, 7200.0);
        assert_eq!(back.settings.clock, Clock::Business);
        assert_eq!(back.settings.time_zone, "Europe/Berlin");
        assert_eq!(back.agent_names, names);
    }

    #[test]
    fn settings_file_of_another_version_is_refused() {
        let text = settings_to_json(&Settings::new("UTC", june()), &[])
            .replace("\"version\": 1", "\"version\": 9");

        let error = settings_from_json(&text, &Settings::new("UTC", june()), &[]).unwrap_err();

        assert!(error.contains("version 9 is not supported"), "{error}");
        assert!(settings_from_json("not json", &Settings::new("UTC", june()), &[]).is_err());
    }
}

#[cfg(test)]
mod date_range_tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn either_end_of_a_range_may_be_open() {
        // "From" alone used to be refused with "set both the first and
        // the last day, or neither".
        let from = parse_date_range("2024-04-01", " ").unwrap().unwrap();
        let until = parse_date_range("", "2024-03-31").unwrap().unwrap();

        assert_eq!((from.start(), from.end()), (Some(day("2024-04-01")), None));
        assert_eq!(
            (until.start(), until.end()),
            (None, Some(day("2024-03-31")))
        );
        assert_eq!(until.describe(), "until 2024-03-31");
        assert_eq!(parse_date_range("", ""), Ok(None));
    }

    #[test]
    fn reversed_or_bad_range_is_an_error() {
        assert_eq!(
            parse_date_range("2024-04-02", "2024-04-01"),
            Err(
                "date range: the first day 2024-04-02 is after the last day 2024-04-01".to_string()
            )
        );
        assert_eq!(
            parse_date_range("April", ""),
            Err("date range: first date \"April\" is not a date (expected YYYY-MM-DD)".to_string())
        );
    }
}
