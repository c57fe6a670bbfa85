//! Summary statistics over durations and scores: mean, median and
//! percentiles.
//!
//! Percentiles are continuous with linear interpolation between the two
//! nearest ranks at position (n − 1) · q, as DuckDB's `quantile_cont` and
//! NumPy's default `linear` method compute them. Every function returns
//! `None` for an empty input, never NaN.

/// Returns the arithmetic mean, or `None` for no values.
///
/// ```
/// use service_kpis::core::stats::mean;
/// assert_eq!(mean(&[1.0, 2.0, 6.0]), Some(3.0));
/// assert_eq!(mean(&[]), None);
/// ```
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let sum: f64 = values.iter().sum();
    Some(sum / values.len() as f64)
}

/// Returns the `q` quantile (0 ≤ q ≤ 1) of values already sorted in
/// ascending order, interpolating linearly at rank (n − 1) · q.
///
/// ```
/// use service_kpis::core::stats::quantile_sorted;
/// // Rank (4 − 1) · 0.9 = 2.7: 30 + 0.7 · (40 − 30) = 37.
/// assert_eq!(quantile_sorted(&[10.0, 20.0, 30.0, 40.0], 0.9), Some(37.0));
/// ```
pub fn quantile_sorted(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let rank = last as f64 * q.clamp(0.0, 1.0);
    let below = rank.floor() as usize;
    let above = rank.ceil() as usize;
    let low = *sorted.get(below)?;
    let high = *sorted.get(above)?;
    Some(low + (high - low) * (rank - below as f64))
}

/// Median, mean and 90th percentile of one set of values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    pub median: f64,
    pub mean: f64,
    pub p90: f64,
}

/// Sorts `values` once and returns their median, mean and 90th
/// percentile; `None` for no values.
pub fn summarize(values: &mut [f64]) -> Option<Summary> {
    values.sort_by(f64::total_cmp);
    Some(Summary {
        median: quantile_sorted(values, 0.5)?,
        mean: mean(values)?,
        p90: quantile_sorted(values, 0.9)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_of_nothing_is_none() {
        assert_eq!(mean(&[]), None);
    }

    #[test]
    fn median_of_even_count_averages_middle_pair() {
        // Rank (4 − 1) · 0.5 = 1.5, halfway between 20 and 30.
        let sorted = [10.0, 20.0, 30.0, 40.0];

        assert_eq!(quantile_sorted(&sorted, 0.5), Some(25.0));
    }

    #[test]
    fn p90_interpolates_between_ranks() {
        // Ten values 1..=10: rank 9 · 0.9 = 8.1, so 9 + 0.1 · (10 − 9) = 9.1.
        let sorted: Vec<f64> = (1..=10).map(f64::from).collect();

        let p90 = quantile_sorted(&sorted, 0.9).unwrap();

        assert!((p90 - 9.1).abs() < 1e-9, "p90 was {p90}");
    }

    #[test]
    fn quantile_of_one_value_is_that_value() {
        assert_eq!(quantile_sorted(&[42.0], 0.9), Some(42.0));
    }

    #[test]
    fn quantile_of_nothing_is_none() {
        assert_eq!(quantile_sorted(&[], 0.5), None);
    }

    #[test]
    fn summarize_sorts_before_taking_quantiles() {
        // Sorted: 0, 10, 20, 30, 340. Median 20; mean 400 / 5 = 80;
        // p90 at rank 3.6: 30 + 0.6 · 310 = 216.
        let mut values = [340.0, 10.0, 30.0, 0.0, 20.0];

        let summary = summarize(&mut values).unwrap();

        assert_eq!(summary.median, 20.0);
        assert_eq!(summary.mean, 80.0);
        assert!((summary.p90 - 216.0).abs() < 1e-9);
    }

    #[test]
    fn summarize_of_nothing_is_none() {
        assert_eq!(summarize(&mut []), None);
    }
}
