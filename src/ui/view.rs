//! Plain helpers between the core's values and the page: a file's summary
//! for the file list, row order for sorted tables, and short labels.
//!
//! They compute nothing the report does not already hold; they pick,
//! order and name values so that components stay free of logic.

use std::cmp::Ordering;

use crate::core::columns::ColumnMatch;
use crate::core::format;
use crate::core::goals::{Direction, GoalCheck, GoalState};
use crate::core::load::{ColumnNote, LoadedFile, RowCounts};
use crate::core::model::FileKind;
use crate::core::problem::{ProblemKind, Severity};
use crate::core::report::{BreakdownRow, Kpi, LeftOut};
use crate::core::settings::{DateRange, ReadOptions};

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
    pub problem_count: usize,
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
        FileSummary {
            name: file.name.clone(),
            header_key: file.header_key.clone(),
            header: file.header.clone(),
            kinds: file.kinds.clone(),
            rows: file.rows.clone(),
            notes: file.notes.clone(),
            columns: file.columns.clone(),
            problems: file
                .problems
                .iter()
                .take(PROBLEMS_SHOWN)
                .map(|problem| (problem.severity, problem.to_string()))
                .collect(),
            problem_count: file.problems.len(),
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
    let sign = if difference < 0.0 { "-" } else { "+" };
    format!("{sign}{}", value_text(kpi, difference.abs()))
}

/// Reads the date range from two `<input type="date">` values (`YYYY-MM-DD`):
/// `Ok(None)` when both are empty, an open end where one is empty.
pub fn date_range(first: &str, last: &str) -> Result<Option<DateRange>, String> {
    crate::core::settings::parse_date_range(first, last)
}
