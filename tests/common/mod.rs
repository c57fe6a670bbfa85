#![cfg(not(target_arch = "wasm32"))]
//! Helpers shared by the integration tests: the paths of the worked cases
//! and the real exports, loading them, and short assertions on figures.
//!
//! Every helper panics with a message naming what it looked for, so that a
//! failing test points at the missing figure, row or problem.

// Each test crate includes this module and uses a different subset of it.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use service_kpis::core::load::{load_file, LoadedFile};
use service_kpis::core::model::{Dimension, Stamp};
use service_kpis::core::problem::Problem;
use service_kpis::core::report::{Breakdown, BreakdownRow, Detail, Figure, Kpi, LeftOut, Report};
use service_kpis::core::settings::{ReadOptions, Settings};

/// The folder of worked cases: small inputs with expected figures.
pub const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/cases/");

/// The folder of real exports, kept byte for byte as published.
pub const REAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/real/");

/// What a figure with no records displays.
pub const NO_DATA: &str = "no data (n = 0)";

pub fn case_bytes(name: &str) -> Vec<u8> {
    read_bytes(CASES, name)
}

pub fn real_bytes(name: &str) -> Vec<u8> {
    read_bytes(REAL, name)
}

fn read_bytes(folder: &str, name: &str) -> Vec<u8> {
    let path = format!("{folder}{name}");
    match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => panic!("{path}: cannot read the test file: {error}"),
    }
}

pub fn load_case(name: &str, options: ReadOptions) -> LoadedFile {
    load_file(name, &case_bytes(name), options)
}

pub fn load_real(name: &str, options: ReadOptions) -> LoadedFile {
    load_file(name, &real_bytes(name), options)
}

pub fn utc(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    match Utc.with_ymd_and_hms(year, month, day, hour, minute, 0) {
        chrono::LocalResult::Single(instant) => instant,
        _ => panic!("{year}-{month}-{day} {hour}:{minute} is not a valid UTC time"),
    }
}

pub fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("{year}-{month}-{day} is not a valid date"),
    }
}

/// Returns the calendar date of a stamp as written: the UTC date of an instant,
/// the wall-clock date of a local time.
pub fn stamp_date(stamp: Stamp) -> NaiveDate {
    match stamp {
        Stamp::Utc(instant) => instant.date_naive(),
        Stamp::Local(local) => local.date(),
    }
}

/// Report settings in UTC with "now" at `as_of`, everything else default.
pub fn settings_utc(as_of: DateTime<Utc>) -> Settings {
    Settings::new("UTC", as_of)
}

pub fn figure(report: &Report, kpi: Kpi) -> &Figure {
    match report.figure(kpi) {
        Some(figure) => figure,
        None => panic!("the report has no headline figure for {kpi:?}"),
    }
}

/// The value of a figure that must have data.
pub fn value(figure: &Figure) -> f64 {
    match figure.value {
        Some(value) => value,
        None => panic!(
            "{:?} has no value (display {:?}, n = {}, left out {:?})",
            figure.kpi, figure.display, figure.n, figure.left_out
        ),
    }
}

pub fn assert_close(actual: f64, expected: f64, tolerance: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: got {actual}, expected {expected} ± {tolerance}"
    );
}

/// Asserts that a figure reads "no data (n = 0)": no value, no records.
pub fn assert_no_data(figure: &Figure) {
    assert_eq!(figure.value, None, "{:?} value", figure.kpi);
    assert_eq!(figure.n, 0, "{:?} n", figure.kpi);
    assert_eq!(figure.display, NO_DATA, "{:?} display", figure.kpi);
}

/// Returns the median, mean and 90th percentile of a duration figure.
pub fn durations(figure: &Figure) -> (f64, f64, f64) {
    match figure.detail {
        Detail::Durations { median, mean, p90 } => (median, mean, p90),
        ref other => panic!(
            "{:?} detail is {other:?}, expected Detail::Durations",
            figure.kpi
        ),
    }
}

pub fn breakdown(report: &Report, dimension: Dimension) -> &Breakdown {
    let found = report
        .breakdowns
        .iter()
        .find(|breakdown| breakdown.dimension == dimension);
    match found {
        Some(breakdown) => breakdown,
        None => panic!("the report has no breakdown by {dimension:?}"),
    }
}

pub fn breakdown_row<'a>(
    report: &'a Report,
    dimension: Dimension,
    label: &str,
) -> &'a BreakdownRow {
    let rows = &breakdown(report, dimension).rows;
    match rows.iter().find(|row| row.label == label) {
        Some(row) => row,
        None => {
            let labels: Vec<&str> = rows.iter().map(|row| row.label.as_str()).collect();
            panic!("no {dimension:?} row {label:?}; rows are {labels:?}")
        }
    }
}

/// Finds the figure for `kpi` among a breakdown or series row's figures.
pub fn row_figure<'a>(figures: &'a [Figure], kpi: Kpi, row: &str) -> &'a Figure {
    match figures.iter().find(|figure| figure.kpi == kpi) {
        Some(figure) => figure,
        None => panic!("row {row:?} has no figure for {kpi:?}"),
    }
}

pub fn left_out_count(left_out: &[LeftOut]) -> usize {
    left_out.iter().map(|entry| entry.count).sum()
}

/// Asserts the loader's invariant: used rows plus rows left out make the
/// total, and the total is `total`.
pub fn assert_rows_add_up(file: &LoadedFile, total: usize) {
    let rows = &file.rows;
    assert_eq!(rows.total, total, "{}: data records", file.name);
    assert_eq!(
        rows.used + left_out_count(&rows.left_out),
        rows.total,
        "{}: used {} + left out {:?} != total {}",
        file.name,
        rows.used,
        rows.left_out,
        rows.total
    );
}

/// Problems from loading and from the report, in that order.
pub fn all_problems<'a>(files: &'a [LoadedFile], report: &'a Report) -> Vec<&'a Problem> {
    files
        .iter()
        .flat_map(|file| file.problems.iter())
        .chain(report.problems.iter())
        .collect()
}

/// Problems whose location is `line`, from any source.
pub fn problems_on_line<'a>(problems: &[&'a Problem], line: u64) -> Vec<&'a Problem> {
    problems
        .iter()
        .copied()
        .filter(|problem| problem.location.line == Some(line))
        .collect()
}

/// Collects every figure of the report: headline, breakdown rows and periods.
pub fn every_figure(report: &Report) -> Vec<&Figure> {
    let breakdown_figures = report
        .breakdowns
        .iter()
        .flat_map(|breakdown| breakdown.rows.iter())
        .flat_map(|row| row.figures.iter());
    let period_figures = report.series.rows.iter().flat_map(|row| row.figures.iter());
    report
        .headline
        .iter()
        .chain(breakdown_figures)
        .chain(period_figures)
        .collect()
}

/// Asserts that no figure of the report is NaN or infinite, in its value,
/// its detail or its display text.
pub fn assert_all_figures_finite(report: &Report) {
    for figure in every_figure(report) {
        if let Some(value) = figure.value {
            assert!(value.is_finite(), "{:?} value {value}", figure.kpi);
        }
        let display = figure.display.to_lowercase();
        assert!(
            !display.contains("nan") && !display.contains("inf"),
            "{:?} display {:?}",
            figure.kpi,
            figure.display
        );
        let detail_numbers: Vec<f64> = match figure.detail {
            Detail::Durations { median, mean, p90 } => vec![median, mean, p90],
            Detail::Ces {
                easy_percent: Some(easy),
                ..
            } => vec![easy],
            _ => Vec::new(),
        };
        for number in detail_numbers {
            assert!(
                number.is_finite(),
                "{:?} detail {:?}",
                figure.kpi,
                figure.detail
            );
        }
    }
}
