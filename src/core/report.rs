//! The report: every KPI, its breakdowns, periods and goals, as plain values
//! ready to render.
//!
//! Each [`Figure`] carries its definition, the number of records behind it
//! and the records left out with the reason, so that the page can say how
//! every number was computed. A figure with no records has `value: None`
//! and reads "no data (n = 0)"; it is never 0, NaN or infinite.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::core::goals::GoalCheck;
use crate::core::load::LoadedFile;
use crate::core::model::Dimension;
use crate::core::problem::Problem;
use crate::core::settings::{Period, Settings};

/// The KPIs the report computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kpi {
    Csat,
    Nps,
    Ces,
    FirstResponseTime,
    ResolutionTime,
    HandleTime,
    FirstContactResolution,
    Created,
    Resolved,
    Backlog,
}

impl Kpi {
    pub const ALL: [Kpi; 10] = [
        Kpi::Csat,
        Kpi::Nps,
        Kpi::Ces,
        Kpi::FirstResponseTime,
        Kpi::ResolutionTime,
        Kpi::HandleTime,
        Kpi::FirstContactResolution,
        Kpi::Created,
        Kpi::Resolved,
        Kpi::Backlog,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kpi::Csat => "CSAT",
            Kpi::Nps => "NPS",
            Kpi::Ces => "CES",
            Kpi::FirstResponseTime => "First response time",
            Kpi::ResolutionTime => "Resolution time",
            Kpi::HandleTime => "Average handle time",
            Kpi::FirstContactResolution => "First contact resolution",
            Kpi::Created => "Tickets created",
            Kpi::Resolved => "Tickets resolved",
            Kpi::Backlog => "Backlog",
        }
    }

    /// The unit of [`Figure::value`] and of a goal's target.
    pub fn unit(self) -> Unit {
        match self {
            Kpi::Csat | Kpi::FirstContactResolution => Unit::Percent,
            Kpi::Nps => Unit::NetScore,
            Kpi::Ces => Unit::ScaleMean,
            Kpi::FirstResponseTime | Kpi::ResolutionTime | Kpi::HandleTime => Unit::Seconds,
            Kpi::Created | Kpi::Resolved | Kpi::Backlog => Unit::Count,
        }
    }
}

/// Units of figure values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    /// 0 to 100.
    Percent,
    /// −100 to +100 (NPS).
    NetScore,
    /// Mean on the survey's own scale.
    ScaleMean,
    Seconds,
    Count,
}

/// A number of records left out of a figure, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOut {
    pub reason: String,
    pub count: usize,
}

/// Extra numbers behind a figure, shown next to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Detail {
    None,
    /// Counts per answer, in scale order (CSAT).
    Distribution(Vec<(String, usize)>),
    Nps {
        promoters: usize,
        passives: usize,
        detractors: usize,
    },
    Ces {
        easy_percent: Option<f64>,
        easy: usize,
        min: u8,
        max: u8,
    },
    /// Durations in seconds. `value` of the figure is the median.
    Durations {
        median: f64,
        mean: f64,
        p90: f64,
    },
    /// The numerator and denominator of a percentage.
    Share {
        part: usize,
        whole: usize,
    },
}

/// One KPI value with everything needed to trust it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub kpi: Kpi,
    /// `None` when no record counts.
    pub value: Option<f64>,
    /// The value as the page shows it, e.g. `65.0 %`, `+10`, `1 h 05 m`,
    /// or `no data (n = 0)`.
    pub display: String,
    /// Records behind the value.
    pub n: usize,
    pub left_out: Vec<LeftOut>,
    /// The definition in words, naming the variant in use (e.g. "talk
    /// time only", "explicit FCR column").
    pub definition: String,
    pub detail: Detail,
}

/// One row of a breakdown table: the KPIs for one channel, agent, ....
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BreakdownRow {
    /// The value of the dimension, or `(none)` for records without one.
    pub label: String,
    pub figures: Vec<Figure>,
    /// One entry per goal of the settings whose KPI this row has.
    pub goals: Vec<GoalCheck>,
}

/// KPIs broken down by one dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    pub dimension: Dimension,
    /// The KPIs that have data for this dimension, in column order.
    pub kpis: Vec<Kpi>,
    pub rows: Vec<BreakdownRow>,
}

/// One period of the series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodRow {
    pub start: NaiveDate,
    /// e.g. `2024-03`, `2024-Q1`, `2024-W09`, `2024-03-04`.
    pub label: String,
    pub figures: Vec<Figure>,
}

/// KPIs per period, in the report's time zone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub period: Period,
    pub kpis: Vec<Kpi>,
    /// Every period from the first to the last record, empty ones too.
    pub rows: Vec<PeriodRow>,
}

/// Open tickets now, by status and by age.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Backlog {
    pub open: usize,
    pub by_status: Vec<(String, usize)>,
    /// Age buckets such as `< 1 day`, with counts; tickets without a
    /// creation time are counted in `age_unknown`.
    pub by_age: Vec<(String, usize)>,
    pub age_unknown: usize,
    pub definition: String,
}

/// Everything the page shows about the loaded files.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// One headline figure per KPI, in [`Kpi::ALL`] order.
    pub headline: Vec<Figure>,
    /// One entry per goal of the settings, against the headline figure.
    pub goals: Vec<GoalCheck>,
    pub breakdowns: Vec<Breakdown>,
    pub series: Series,
    pub backlog: Backlog,
    /// Problems found while computing (time zone gaps, values outside a
    /// scale, negative durations), beside those each file found on load.
    pub problems: Vec<Problem>,
}

impl Report {
    pub fn figure(&self, kpi: Kpi) -> Option<&Figure> {
        self.headline.iter().find(|figure| figure.kpi == kpi)
    }
}

/// Computes the report for the loaded files under the given settings.
pub fn build(files: &[LoadedFile], settings: &Settings) -> Report {
    let _ = (files, settings);
    todo!("report::build")
}
