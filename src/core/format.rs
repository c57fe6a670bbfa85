//! How figure values read on the page: percentages, net scores, durations
//! and counts.
//!
//! Every function takes a finite value; [`NO_DATA`] is what a figure
//! without records shows. Nothing here computes a KPI.

use crate::core::report::{Kpi, Unit};

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

/// Writes a count with its noun in singular or plural: `1 ticket`,
/// `2 tickets`, `0 tickets`.
pub fn count_of(count: usize, singular: &str, plural: &str) -> String {
    let noun = if count == 1 { singular } else { plural };
    format!("{count} {noun}")
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

/// Formats a difference in percentage points or net-score points:
/// `+0.3 pt` for shares (one decimal), `+3 pt` for net scores (whole),
/// and `0.0 pt` or `0 pt` without sign when it rounds to nothing.
pub fn points(unit: Unit, difference: f64) -> String {
    let decimals = if unit == Unit::NetScore { 0 } else { 1 };
    let text = format!("{difference:+.decimals$}");
    let unsigned = text.trim_start_matches(['+', '-']);
    if unsigned.chars().all(|c| c == '0' || c == '.') {
        return format!("{unsigned} pt");
    }
    format!("{text} pt")
}

/// Formats the change of a figure from the period before. Shares and net
/// scores change in points, so CSAT going from 50.2 % to 50.5 % reads
/// `+0.3 pt` rather than the relative `+0.6 %`. Counts, times and means
/// change in percent of the earlier value (`+12.5 %`). The text is `n/a`
/// when either value is missing, or when a relative change starts at 0.
pub fn period_change(unit: Unit, previous: Option<f64>, current: Option<f64>) -> String {
    match unit {
        Unit::Percent | Unit::NetScore => match (previous, current) {
            (Some(previous), Some(current)) if previous.is_finite() && current.is_finite() => {
                points(unit, current - previous)
            }
            _ => "n/a".to_string(),
        },
        Unit::ScaleMean | Unit::Seconds | Unit::Count => {
            change(crate::core::periods::percent_change(previous, current))
        }
    }
}

/// Formats a goal's difference (actual − target) with one sign, in the
/// KPI's unit: `+3 pt` for NPS, `-1.5 pt` for shares, `+0:00:12` for
/// handle time, `-5 m` for other times, `+12` for counts, `+0.25` for
/// means. When rounding would show a non-zero difference as zero, more
/// decimals are shown (`+0.01 s`), so a missed goal always shows why.
pub fn goal_difference(kpi: Kpi, difference: f64) -> String {
    if !difference.is_finite() {
        return "n/a".to_string();
    }
    let unit = kpi.unit();
    match unit {
        Unit::Percent => signed_decimals(difference, 1, " pt"),
        Unit::NetScore => signed_decimals(difference, 0, " pt"),
        Unit::ScaleMean => signed_decimals(difference, 2, ""),
        Unit::Count => signed_decimals(difference, 0, ""),
        Unit::Seconds => {
            if difference.abs() >= 0.5 {
                let sign = if difference < 0.0 { "-" } else { "+" };
                let size = if kpi == Kpi::HandleTime {
                    clock(difference.abs())
                } else {
                    elapsed(difference.abs())
                };
                format!("{sign}{size}")
            } else {
                signed_decimals(difference, 0, " s")
            }
        }
    }
}

/// Formats `value` with its sign and at least `decimals` decimals. More
/// decimals (up to 6) are added while a non-zero value would read as
/// zero, and zero itself has no sign.
fn signed_decimals(value: f64, decimals: usize, suffix: &str) -> String {
    for places in decimals..=6 {
        let size = format!("{:.places$}", value.abs());
        if size.chars().any(|c| c.is_ascii_digit() && c != '0') {
            let sign = if value < 0.0 { "-" } else { "+" };
            return format!("{sign}{size}{suffix}");
        }
    }
    format!("{:.decimals$}{suffix}", 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goal_difference_hidden_by_rounding_is_shown_precisely() {
        // Handle time 220.01 s against 220 s: the page used to show
        // "+0:00:00" beside "missed"; the 0.01 s is now visible.
        assert_eq!(goal_difference(Kpi::HandleTime, 0.01), "+0.01 s");
        // 0.4 s: one decimal is enough.
        assert_eq!(goal_difference(Kpi::FirstResponseTime, -0.4), "-0.4 s");
    }

    #[test]
    fn goal_difference_has_one_sign() {
        // NPS +53 against +50 used to read "++3".
        assert_eq!(goal_difference(Kpi::Nps, 3.0), "+3 pt");
        // CSAT 83.5 % against 85 %: 1.5 points under, not "-1.5 %".
        assert_eq!(goal_difference(Kpi::Csat, -1.5), "-1.5 pt");
        // 3700 s as handle time is 1:01:40; as first response 1 h 02 m.
        assert_eq!(goal_difference(Kpi::HandleTime, 3700.0), "+1:01:40");
        assert_eq!(
            goal_difference(Kpi::FirstResponseTime, -3700.0),
            "-1 h 02 m"
        );
        assert_eq!(goal_difference(Kpi::Backlog, 12.0), "+12");
    }

    #[test]
    fn count_of_one_is_singular() {
        // "1 rows" and "1 tickets" used to appear in notes.
        assert_eq!(count_of(1, "row", "rows"), "1 row");
        assert_eq!(count_of(2, "row", "rows"), "2 rows");
        assert_eq!(count_of(0, "row", "rows"), "0 rows");
    }

    #[test]
    fn goal_difference_of_zero_has_no_sign() {
        assert_eq!(goal_difference(Kpi::Csat, 0.0), "0.0 pt");
        assert_eq!(goal_difference(Kpi::HandleTime, 0.0), "0 s");
    }

    #[test]
    fn share_change_is_in_points() {
        // CSAT 50.2 % to 50.5 %: 0.3 points; it used to read "+0.6 %",
        // the relative change (0.3 / 50.2 = 0.598 %).
        assert_eq!(
            period_change(Unit::Percent, Some(50.2), Some(50.5)),
            "+0.3 pt"
        );
    }

    #[test]
    fn net_score_change_is_in_whole_points() {
        // NPS +50 to +47: 3 points down.
        assert_eq!(
            period_change(Unit::NetScore, Some(50.0), Some(47.0)),
            "-3 pt"
        );
    }

    #[test]
    fn count_change_stays_relative() {
        // 8 to 9 tickets: 1 / 8 = 12.5 %.
        assert_eq!(period_change(Unit::Count, Some(8.0), Some(9.0)), "+12.5 %");
    }

    #[test]
    fn change_without_previous_value_is_not_available() {
        assert_eq!(period_change(Unit::Percent, None, Some(50.0)), "n/a");
        assert_eq!(period_change(Unit::Seconds, Some(0.0), Some(60.0)), "n/a");
    }

    #[test]
    fn tiny_point_change_has_no_sign() {
        // 0.04 points rounds to 0.0: no "+0.0" or "-0.0".
        assert_eq!(points(Unit::Percent, -0.04), "0.0 pt");
    }

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
