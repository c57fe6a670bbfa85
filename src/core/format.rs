//! How figure values read on the page: percentages, net scores, durations
//! and counts.
//!
//! Every function takes a finite value; [`NO_DATA`] is what a figure
//! without records shows. Nothing here computes a KPI.

use crate::core::report::Unit;

/// The display of a figure with no records behind it.
pub const NO_DATA: &str = "no data (n = 0)";

/// Formats a share as `65.0 %`.
pub fn percent(value: f64) -> String {
    format!("{value:.1} %")
}

/// Formats a net score (NPS) as a signed whole number: `+10`, `-30`, `0`.
pub fn net_score(value: f64) -> String {
    let rounded = value.round();
    if rounded == 0.0 {
        // Avoids "-0" and "+0" for scores such as -0.4.
        return "0".to_string();
    }
    format!("{rounded:+.0}")
}

/// Formats a mean on a survey scale with two decimals: `5.29`.
pub fn scale_mean(value: f64) -> String {
    format!("{value:.2}")
}

/// Formats a count as a plain whole number without separators: `8469`.
pub fn count(value: f64) -> String {
    format!("{:.0}", value.round())
}

/// Formats a waiting or resolution time with its two largest units:
/// `35 s`, `45 m`, `1 h 05 m`, `2 d 03 h`.
///
/// The value is rounded to the smallest unit shown, so 3599 s reads
/// `1 h 00 m`, not `60 m`.
pub fn elapsed(seconds: f64) -> String {
    let seconds = seconds.max(0.0);
    let whole_seconds = seconds.round() as u64;
    if whole_seconds < 60 {
        return format!("{whole_seconds} s");
    }

    let minutes = (seconds / 60.0).round() as u64;
    if minutes < 60 {
        return format!("{minutes} m");
    }
    if minutes < 24 * 60 {
        return format!("{} h {:02} m", minutes / 60, minutes % 60);
    }

    let hours = (seconds / 3600.0).round() as u64;
    format!("{} d {:02} h", hours / 24, hours % 24)
}

/// Formats a handle time as `H:MM:SS`, rounded to whole seconds: 109 s
/// reads `0:01:49` and 3800 s reads `1:03:20`.
pub fn clock(seconds: f64) -> String {
    let total = seconds.max(0.0).round() as u64;
    let hours = total / 3600;
    let minutes = total % 3600 / 60;
    let secs = total % 60;
    format!("{hours}:{minutes:02}:{secs:02}")
}

/// Formats a value in `unit`. Seconds use [`elapsed`]; handle time, which
/// uses [`clock`], is formatted by its caller.
pub fn value(unit: Unit, value: f64) -> String {
    if !value.is_finite() {
        return NO_DATA.to_string();
    }
    match unit {
        Unit::Percent => percent(value),
        Unit::NetScore => net_score(value),
        Unit::ScaleMean => scale_mean(value),
        Unit::Seconds => elapsed(value),
        Unit::Count => count(value),
    }
}

/// Formats a percent change between periods: `-100.0 %`, `+25.0 %`, or
/// `n/a` when there is no change to show.
pub fn change(value: Option<f64>) -> String {
    match value {
        Some(change) if change.is_finite() => format!("{change:+.1} %"),
        _ => "n/a".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_keeps_minutes_under_an_hour() {
        // 109 s = 1 min 49 s; the minutes must not be dropped.
        assert_eq!(clock(109.0), "0:01:49");
    }

    #[test]
    fn clock_shows_hours() {
        // 3800 s = 1 h 3 min 20 s.
        assert_eq!(clock(3800.0), "1:03:20");
    }

    #[test]
    fn clock_rounds_to_whole_seconds() {
        // 1143.8 s rounds to 1144 s = 19 min 4 s.
        assert_eq!(clock(1143.8), "0:19:04");
    }

    #[test]
    fn elapsed_under_a_minute_in_seconds() {
        assert_eq!(elapsed(35.0), "35 s");
    }

    #[test]
    fn elapsed_under_an_hour_in_minutes() {
        assert_eq!(elapsed(45.0 * 60.0), "45 m");
    }

    #[test]
    fn elapsed_pads_minutes_after_hours() {
        // 3900 s = 1 h 5 min.
        assert_eq!(elapsed(3900.0), "1 h 05 m");
    }

    #[test]
    fn elapsed_pads_hours_after_days() {
        // 2 days 3 hours = 51 h = 183 600 s.
        assert_eq!(elapsed(183_600.0), "2 d 03 h");
    }

    #[test]
    fn elapsed_rounds_up_into_next_unit() {
        // 3599 s is 59.98 min, which rounds to 60 min = 1 h.
        assert_eq!(elapsed(3599.0), "1 h 00 m");
        // 59.6 s rounds to 60 s = 1 min.
        assert_eq!(elapsed(59.6), "1 m");
    }

    #[test]
    fn percent_has_one_decimal() {
        assert_eq!(percent(65.0), "65.0 %");
        assert_eq!(percent(100.0 * 5.0 / 7.0), "71.4 %");
    }

    #[test]
    fn net_score_is_signed() {
        assert_eq!(net_score(10.0), "+10");
        assert_eq!(net_score(-30.0), "-30");
        assert_eq!(net_score(22.2), "+22");
    }

    #[test]
    fn net_score_near_zero_has_no_sign() {
        assert_eq!(net_score(-0.4), "0");
    }

    #[test]
    fn count_has_no_separator() {
        assert_eq!(count(8469.0), "8469");
    }

    #[test]
    fn change_without_previous_value_is_na() {
        assert_eq!(change(None), "n/a");
        assert_eq!(change(Some(-100.0)), "-100.0 %");
    }

    #[test]
    fn value_never_shows_nan() {
        assert_eq!(value(Unit::Percent, f64::NAN), NO_DATA);
    }
}
