//! Breakdowns: the KPIs for each channel, team, agent, product and
//! priority.
//!
//! A dimension gets a table when any record has a value for it. Each
//! value gets a row, and records without one share the `(none)` row, so
//! the rows add up to the headline. Rows use the same records and range
//! as the headline figures.

use crate::core::goals;
use crate::core::model::Dimension;
use crate::core::report::{figures, Breakdown, BreakdownRow, Context, Figure, Kpi, Records};

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
        let row_figures = figures(group, context);
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
fn row(label: String, all: Vec<Figure>, kpis: &[Kpi], context: &Context) -> BreakdownRow {
    let figures: Vec<Figure> = all
        .into_iter()
        .filter(|figure| kpis.contains(&figure.kpi))
        .collect();
    let goals = context
        .settings
        .goals
        .iter()
        .filter_map(|goal| {
            let figure = figures.iter().find(|figure| figure.kpi == goal.kpi)?;
            Some(goals::check(goal, figure))
        })
        .collect();
    BreakdownRow {
        label,
        figures,
        goals,
    }
}
