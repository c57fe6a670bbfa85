//! Breakdowns: the KPIs for each channel, team, agent, product and
//! priority.
//!
//! A dimension gets a table when any record has a value for it. Each
//! value gets a row, and records without one share the `(none)` row, so
//! the rows add up to the headline. Rows use the same records and range
//! as the headline figures.

use crate::core::goals::{self, Goal, GoalCheck, GoalState};
use crate::core::model::Dimension;
use crate::core::report::{figures, Breakdown, BreakdownRow, Context, Figure, Kpi, Records, Unit};

/// The label of the row for records without a value.
pub const NONE_LABEL: &str = "(none)";

/// Builds one table per dimension that any record has a value for.
pub fn breakdowns(records: &Records, context: &Context) -> Vec<Breakdown> {
    Dimension::ALL
        .iter()
        .filter_map(|&dimension| breakdown(dimension, records, context))
        .collect()
}

/// Builds the table for one dimension: rows by value in alphabetical order, then
/// `(none)`, with only the KPIs that have records in some row; `None` when
/// no record has a value.
pub fn breakdown(dimension: Dimension, records: &Records, context: &Context) -> Option<Breakdown> {
    let groups = records.group_by(dimension);
    if groups.keys().all(Option::is_none) {
        return None;
    }

    // BTreeMap puts `None` first; the `(none)` row goes last.
    let mut rows: Vec<(String, Vec<Figure>)> = Vec::with_capacity(groups.len());
    let mut without_value = None;
    for (value, group) in &groups {
        let row_figures = counts_without_records_as_no_data(figures(group, context), group);
        match value {
            Some(value) => rows.push((value.to_string(), row_figures)),
            None => without_value = Some(row_figures),
        }
    }
    if let Some(row_figures) = without_value {
        rows.push((NONE_LABEL.to_string(), row_figures));
    }

    let kpis: Vec<Kpi> = Kpi::ALL
        .iter()
        .copied()
        .filter(|&kpi| {
            rows.iter()
                .flat_map(|(_, row)| row.iter())
                .any(|figure| figure.kpi == kpi && figure.n > 0)
        })
        .collect();
    let rows = rows
        .into_iter()
        .map(|(label, all)| row(label, all, &kpis, context))
        .collect();
    Some(Breakdown {
        dimension,
        kpis,
        rows,
    })
}

/// Keeps the figures of `kpis` and checks each goal against its figure.
///
/// Goals on counts (tickets created, resolved, backlog) are team-wide
/// volumes, so they are checked on the headline only, not per row. A row
/// figure without records gives no data, even where its value is 0.
fn row(label: String, all: Vec<Figure>, kpis: &[Kpi], context: &Context) -> BreakdownRow {
    let figures: Vec<Figure> = all
        .into_iter()
        .filter(|figure| kpis.contains(&figure.kpi))
        .collect();
    let goals = context
        .settings
        .goals
        .iter()
        .filter(|goal| goal.kpi.unit() != Unit::Count)
        .filter_map(|goal| {
            let figure = figures.iter().find(|figure| figure.kpi == goal.kpi)?;
            Some(row_goal_check(goal, figure))
        })
        .collect();
    BreakdownRow {
        label,
        figures,
        goals,
    }
}

/// Turns a row's counts into no data where the row has no record of their
/// kind: an agent who only takes calls has no tickets, so "tickets
/// created: 0" would read as a real count.
fn counts_without_records_as_no_data(all: Vec<Figure>, group: &Records) -> Vec<Figure> {
    all.into_iter()
        .map(|figure| {
            let has_records = match figure.kpi {
                Kpi::Created | Kpi::Resolved | Kpi::Backlog => !group.tickets.is_empty(),
                Kpi::Calls => !group.calls.is_empty(),
                _ => true,
            };
            if has_records {
                figure
            } else {
                Figure::no_data(figure.kpi, figure.definition, figure.left_out)
            }
        })
        .collect()
}

/// Checks `goal` against one row's figure; a figure without records gives
/// [`GoalState::NoData`].
fn row_goal_check(goal: &Goal, figure: &Figure) -> GoalCheck {
    if figure.n == 0 {
        return GoalCheck {
            goal: goal.clone(),
            actual: None,
            difference: None,
            state: GoalState::NoData,
        };
    }
    goals::check(goal, figure)
}
