//! Goals: a target for a KPI, with its owner, and whether it is met.

use serde::{Deserialize, Serialize};

use crate::core::report::{Figure, Kpi};
use crate::core::settings::Period;

/// Which way a KPI should move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// A target for one KPI.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub kpi: Kpi,
    /// In the KPI's unit ([`Kpi::unit`]): percent, net score, scale mean,
    /// seconds or count.
    pub target: f64,
    pub direction: Direction,
    pub owner: String,
    pub baseline: Option<f64>,
    /// How often the goal is reviewed.
    pub cadence: Option<Period>,
}

/// Whether a figure meets its goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GoalState {
    Met,
    Missed,
    /// The figure has no data, so the goal can be neither met nor missed.
    NoData,
}

/// A goal set against one figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalCheck {
    pub goal: Goal,
    pub actual: Option<f64>,
    /// Actual minus target, in the KPI's unit.
    pub difference: Option<f64>,
    pub state: GoalState,
}

/// Sets `goal` against `figure`.
pub fn check(goal: &Goal, figure: &Figure) -> GoalCheck {
    let _ = (goal, figure);
    todo!("goals::check")
}
