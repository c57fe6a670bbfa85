//! Plain helpers between the core's values and the page: a file's summary
//! for the file list, row order for sorted tables, and short labels.
//!
//! They compute nothing the report does not already hold; they pick,
//! order and name values so that components stay free of logic.

use std::cmp::Ordering;

use crate::core::breakdown::NONE_LABEL;
use crate::core::business_hours::Schedule;
use crate::core::columns::ColumnMatch;
use crate::core::format;
use crate::core::goals::{Direction, GoalCheck, GoalState};
use crate::core::load::{ColumnNote, LoadedFile, RowCounts};
use crate::core::model::Dimension;
use crate::core::model::FileKind;
use crate::core::problem::{Problem, ProblemKind, Severity};
use crate::core::report::{BreakdownRow, Figure, Kpi, LeftOut, Report};
use crate::core::settings::{Clock, DateRange, ReadOptions, Settings};

/// Problems listed per file; the rest are counted.
pub const PROBLEMS_SHOWN: usize = 200;

/// Summary of one loaded file, as the file list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct FileSummary {
    pub name: String,
    pub header_key: String,
    pub header: Vec<String>,
    pub kinds: Vec<FileKind>,
    pub rows: RowCounts,
    pub notes: Vec<ColumnNote>,
    pub columns: Vec<ColumnMatch>,
    /// The first [`PROBLEMS_SHOWN`] problems as "file:line: column: message".
    pub problems: Vec<(Severity, String)>,
    /// The problems found, those not listed one by one included.
    pub problem_count: usize,
    /// Lines that count problems not listed, e.g. "and 40 more like this".
    pub unlisted: Vec<String>,
    /// Columns whose dates fit both day-first and month-first, with an
    /// example value.
    pub ambiguous_dates: Vec<(String, String)>,
    /// True when a two-part duration such as `04:10` could not be read.
    pub ambiguous_durations: bool,
}

impl FileSummary {
    pub fn of(file: &LoadedFile) -> FileSummary {
        let mut ambiguous_dates = Vec::new();
        let mut ambiguous_durations = false;
        for problem in &file.problems {
            match &problem.kind {
                ProblemKind::AmbiguousDateOrder { example } => {
                    let column = problem.location.column.clone().unwrap_or_default();
                    if !ambiguous_dates.iter().any(|(known, _)| *known == column) {
                        ambiguous_dates.push((column, example.clone()));
                    }
                }
                ProblemKind::AmbiguousDuration { .. } => ambiguous_durations = true,
                _ => {}
            }
        }
        let lines = problem_lines(&file.problems);
        FileSummary {
            name: file.name.clone(),
            header_key: file.header_key.clone(),
            header: file.header.clone(),
            kinds: file.kinds.clone(),
            rows: file.rows.clone(),
            notes: file.notes.clone(),
            columns: file.columns.clone(),
            problems: lines.listed,
            problem_count: lines.total,
            unlisted: lines.unlisted,
            ambiguous_dates,
            ambiguous_durations,
        }
    }

    /// Lists the columns to offer a date order for: those whose dates fit
    /// both orders (with an example) and those already chosen in `options`.
    pub fn date_order_columns(&self, options: &ReadOptions) -> Vec<(String, Option<String>)> {
        let mut columns: Vec<(String, Option<String>)> = self
            .ambiguous_dates
            .iter()
            .map(|(column, example)| (column.clone(), Some(example.clone())))
            .collect();
        for column in options.date_order.keys() {
            if !columns.iter().any(|(known, _)| known == column) {
                columns.push((column.clone(), None));
            }
        }
        columns
    }

    /// Writes the kinds as words, e.g. "tickets, survey responses".
    pub fn kinds_text(&self) -> String {
        if self.kinds.is_empty() {
            return "unknown".to_string();
        }
        let labels: Vec<&str> = self.kinds.iter().map(|kind| kind.label()).collect();
        labels.join(", ")
    }
}

/// A column of a breakdown table to sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Label,
    Figure(Kpi),
}

/// Writes a target's seconds exactly, in the form the target field reads
/// back, such as `1 h 30 m`, `2 d` or `1 m 30 s`. Unlike the figures'
/// format it never rounds, so an unchanged field keeps its target.
pub fn target_text(seconds: f64) -> String {
    let total = seconds.max(0.0).round() as u64;
    let parts: Vec<String> = [
        (total / 86_400, "d"),
        (total % 86_400 / 3600, "h"),
        (total % 3600 / 60, "m"),
        (total % 60, "s"),
    ]
    .into_iter()
    .filter(|(amount, _)| *amount > 0)
    .map(|(amount, unit)| format!("{amount} {unit}"))
    .collect();
    if parts.is_empty() {
        "0 s".to_string()
    } else {
        parts.join(" ")
    }
}

/// Returns the teams of the loaded tickets, as the team breakdown lists them,
/// without the row for tickets that have no team.
pub fn teams(report: &Report) -> Vec<String> {
    report
        .breakdowns
        .iter()
        .filter(|breakdown| breakdown.dimension == Dimension::Team)
        .flat_map(|breakdown| breakdown.rows.iter())
        .map(|row| row.label.clone())
        .filter(|label| label != NONE_LABEL)
        .collect()
}

/// Counts the tickets an SLA figure left out as still pending.
pub fn pending_count(figure: &Figure) -> usize {
    figure
        .left_out
        .iter()
        .filter(|left| left.reason.starts_with("pending"))
        .map(|left| left.count)
        .sum()
}

/// Says which clock the duration figures run on, e.g. "Durations run on
/// business hours: Mon–Fri 09:00–17:00, Europe/Berlin, no holidays".
pub fn clock_text(settings: &Settings) -> String {
    match settings.clock {
        Clock::Calendar => "Durations run on the calendar clock (every hour of every day).".to_string(),
        Clock::Business => match default_schedule(settings) {
            Some(schedule) => format!("Durations run on business hours: {}.", schedule.describe()),
            None => "Durations run on business hours, but no schedule is set: add one under Time metrics.".to_string(),
        },
    }
}

/// Returns the schedule of tickets whose team has none: the named
/// default, else the first.
fn default_schedule(settings: &Settings) -> Option<&Schedule> {
    match &settings.default_schedule {
        Some(name) => settings
            .schedules
            .iter()
            .find(|schedule| schedule.name.trim() == name.trim()),
        None => settings.schedules.first(),
    }
}

/// Row indices of `rows` ordered by `key`; rows without a value go last
/// in either direction.
pub fn sorted_rows(rows: &[BreakdownRow], key: SortKey, ascending: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| {
        let ordering = match key {
            SortKey::Label => Some(rows[a].label.cmp(&rows[b].label)),
            SortKey::Figure(kpi) => {
                match (figure_value(&rows[a], kpi), figure_value(&rows[b], kpi)) {
                    (Some(x), Some(y)) => Some(x.total_cmp(&y)),
                    (Some(_), None) => return Ordering::Less,
                    (None, Some(_)) => return Ordering::Greater,
                    (None, None) => Some(Ordering::Equal),
                }
            }
        };
        let ordering = ordering.unwrap_or(Ordering::Equal);
        if ascending {
            ordering
        } else {
            ordering.reverse()
        }
    });
    order
}

fn figure_value(row: &BreakdownRow, kpi: Kpi) -> Option<f64> {
    row.figures
        .iter()
        .find(|figure| figure.kpi == kpi)
        .and_then(|figure| figure.value)
}

/// "met", "missed" or "no data".
pub fn goal_state_text(state: GoalState) -> &'static str {
    match state {
        GoalState::Met => "met",
        GoalState::Missed => "missed",
        GoalState::NoData => "no data",
    }
}

/// Returns the CSS classes of a goal line in `state`.
pub fn goal_class(state: GoalState) -> &'static str {
    match state {
        GoalState::Met => "goal met",
        GoalState::Missed => "goal missed",
        GoalState::NoData => "goal no-data",
    }
}

/// Writes a goal check as "52.0 % vs ≥ 60.0 % (-8.0 %): missed".
pub fn goal_text(check: &GoalCheck) -> String {
    let kpi = check.goal.kpi;
    let actual = match check.actual {
        Some(actual) => value_text(kpi, actual),
        None => "no data".to_string(),
    };
    let sign = match check.goal.direction {
        Direction::HigherIsBetter => "≥",
        Direction::LowerIsBetter => "≤",
    };
    let difference = check
        .difference
        .map(|difference| format!(" ({})", difference_text(kpi, difference)))
        .unwrap_or_default();
    format!(
        "{actual} vs {sign} {}{difference}: {}",
        value_text(kpi, check.goal.target),
        goal_state_text(check.state)
    )
}

/// Writes a count of records left out with its reason.
pub fn left_out_text(left: &LeftOut) -> String {
    format!("{} left out: {}", left.count, left.reason)
}

/// Finds the goal for `kpi` among `goals`, if one is set.
pub fn goal_for(goals: &[GoalCheck], kpi: Kpi) -> Option<&GoalCheck> {
    goals.iter().find(|check| check.goal.kpi == kpi)
}

/// Writes a KPI as it appears in `data-testid` values, e.g. `Csat`.
pub fn kpi_id(kpi: Kpi) -> String {
    format!("{kpi:?}")
}

/// `value` in `kpi`'s unit as the page writes it: handle times as
/// `H:MM:SS`, other durations as `1 h 05 m`, shares as `65.0 %`.
pub fn value_text(kpi: Kpi, value: f64) -> String {
    match kpi {
        Kpi::HandleTime => format::clock(value),
        _ => format::value(kpi.unit(), value),
    }
}

/// Writes a goal's difference with its sign, e.g. `+3.2 %` or `-5 m`.
pub fn difference_text(kpi: Kpi, difference: f64) -> String {
    format::goal_difference(kpi, difference)
}

/// Reads the date range from two `<input type="date">` values (`YYYY-MM-DD`):
/// `Ok(None)` when both are empty, an open end where one is empty.
pub fn date_range(first: &str, last: &str) -> Result<Option<DateRange>, String> {
    crate::core::settings::parse_date_range(first, last)
}

/// Problems as the page lists them: the first [`PROBLEMS_SHOWN`] one by
/// one, then a line for each group not listed, and the true total.
pub struct ProblemLines {
    pub listed: Vec<(Severity, String)>,
    pub unlisted: Vec<String>,
    pub total: usize,
}

/// Splits `problems` into lines to list and lines that count the rest.
///
/// The core lists the first problems of each kind and then adds one
/// problem whose value is "N more …", which counts as N problems.
pub fn problem_lines(problems: &[Problem]) -> ProblemLines {
    let mut listed = Vec::new();
    let mut unlisted = Vec::new();
    let mut total = 0;
    let mut beyond_shown = 0;
    for problem in problems {
        if let Some(more) = unlisted_count(problem) {
            total += more;
            let column = problem
                .location
                .column
                .as_deref()
                .map(|column| format!(" in column \"{column}\""))
                .unwrap_or_default();
            let reason = match &problem.kind {
                ProblemKind::Other { message, .. } => message.as_str(),
                _ => "",
            };
            unlisted.push(format!(
                "{}: and {more} more like this{column} ({reason})",
                problem.location.file
            ));
            continue;
        }
        total += 1;
        if listed.len() < PROBLEMS_SHOWN {
            listed.push((problem.severity, problem.to_string()));
        } else {
            beyond_shown += 1;
        }
    }
    if beyond_shown > 0 {
        unlisted.push(format!(
            "and {beyond_shown} more of other kinds, not listed here"
        ));
    }
    ProblemLines {
        listed,
        unlisted,
        total,
    }
}

/// The number of problems a "N more …" summary problem stands for.
fn unlisted_count(problem: &Problem) -> Option<usize> {
    let ProblemKind::Other { value, .. } = &problem.kind else {
        return None;
    };
    let mut words = value.split_whitespace();
    let count = words.next()?.parse::<usize>().ok()?;
    (words.next() == Some("more")).then_some(count)
}

/// Writes `count` with the noun that fits it: "1 file", "2 files".
pub fn counted(count: usize, one: &str, many: &str) -> String {
    let noun = if count == 1 { one } else { many };
    format!("{count} {noun}")
}
