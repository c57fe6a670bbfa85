//! Goals: a target for a KPI, with its owner, and whether it is met;
//! reading targets typed by the user, and saving goals as JSON.
//!
//! Targets are in the KPI's unit ([`Kpi::unit`]): percent, net score,
//! scale mean, seconds or count.

use serde::{Deserialize, Serialize};

use crate::core::report::{Figure, Kpi, Unit};
use crate::core::settings::Period;

/// The direction in which a KPI improves.
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

/// Sets `goal` against `figure`: met when the value is at or above the
/// target (higher is better) or at or below it (lower is better); the
/// difference is actual − target. A figure without a value gives
/// [`GoalState::NoData`].
pub fn check(goal: &Goal, figure: &Figure) -> GoalCheck {
    let actual = figure.value.filter(|value| value.is_finite());
    let Some(actual) = actual else {
        return GoalCheck {
            goal: goal.clone(),
            actual: None,
            difference: None,
            state: GoalState::NoData,
        };
    };
    let met = match goal.direction {
        Direction::HigherIsBetter => actual >= goal.target,
        Direction::LowerIsBetter => actual <= goal.target,
    };
    GoalCheck {
        goal: goal.clone(),
        actual: Some(actual),
        difference: Some(actual - goal.target),
        state: if met {
            GoalState::Met
        } else {
            GoalState::Missed
        },
    }
}

/// The usual direction of a KPI: times and backlog should fall, the rest
/// rise. CES on the 1–5 effort scale is the exception the user must set.
pub fn usual_direction(kpi: Kpi) -> Direction {
    match kpi {
        Kpi::FirstResponseTime
        | Kpi::ResolutionTime
        | Kpi::HandleTime
        | Kpi::Backlog
        | Kpi::ReopenRate => Direction::LowerIsBetter,
        Kpi::Csat
        | Kpi::Nps
        | Kpi::Ces
        | Kpi::FirstContactResolution
        | Kpi::Created
        | Kpi::Calls
        | Kpi::Resolved
        | Kpi::SlaFirstResponse
        | Kpi::SlaResolution => Direction::HigherIsBetter,
    }
}

const DURATION_EXAMPLES: &str = "a duration such as 2h, 1 h 30 m, 90 min, 45m, 30 s or 0:04:30";

/// Reads a target typed for `kpi` into the KPI's unit: `85` or `85 %` for
/// percentages, `+30` or `-10` for NPS, `4.5` for CES, a count for volume,
/// and a duration such as `2h`, `1 h 30 m`, `90 min`, `45m` or `0:04:30`
/// (converted to seconds) for times.
///
/// ```
/// use service_kpis::core::goals::parse_target;
/// use service_kpis::core::report::Kpi;
/// assert_eq!(parse_target(Kpi::FirstResponseTime, "1 h 30 m"), Ok(5400.0));
/// assert_eq!(parse_target(Kpi::Csat, "85 %"), Ok(85.0));
/// ```
pub fn parse_target(kpi: Kpi, text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    let fail = |expected: &str| {
        Err(format!(
            "goal for {}: \"{trimmed}\" is not a valid target (expected {expected})",
            kpi.label()
        ))
    };
    if trimmed.is_empty() {
        return fail("a value");
    }
    let unit = kpi.unit();
    if unit == Unit::Seconds {
        return match parse_duration_target(trimmed) {
            Some(seconds) if target_in_range(unit, seconds).is_ok() => Ok(seconds),
            _ => fail(DURATION_EXAMPLES),
        };
    }

    // Counts are whole, so a comma in `8,469` can only separate thousands.
    let without_separators = trimmed.replace([',', ' '], "");
    let number_text = match unit {
        Unit::Percent => trimmed.strip_suffix('%').unwrap_or(trimmed).trim_end(),
        Unit::Count => without_separators.as_str(),
        _ => trimmed,
    };
    let Some(value) = parse_plain_number(number_text) else {
        return fail(expected_target(unit));
    };
    match target_in_range(unit, value) {
        Ok(()) => Ok(value),
        Err(expected) => fail(expected),
    }
}

/// What a target in `unit` should look like, for messages.
fn expected_target(unit: Unit) -> &'static str {
    match unit {
        Unit::Percent => "a percentage from 0 to 100 such as 85 or 85 %",
        Unit::NetScore => "a score from -100 to +100 such as +30",
        Unit::ScaleMean => "a mean score such as 4.5",
        Unit::Count => "a whole number such as 120",
        Unit::Seconds => DURATION_EXAMPLES,
    }
}

/// Checks that a target lies in its unit's range: percentages 0 to 100,
/// net scores −100 to +100, means 0 to 100, durations and counts not
/// negative, counts whole. The error says what was expected.
fn target_in_range(unit: Unit, value: f64) -> Result<(), &'static str> {
    let (low, high) = match unit {
        Unit::Percent | Unit::ScaleMean => (0.0, 100.0),
        Unit::NetScore => (-100.0, 100.0),
        Unit::Seconds | Unit::Count => (0.0, f64::MAX),
    };
    let whole_enough = unit != Unit::Count || value.fract() == 0.0;
    if value.is_finite() && value >= low && value <= high && whole_enough {
        Ok(())
    } else {
        Err(expected_target(unit))
    }
}

/// A decimal number with an optional sign and a decimal point or comma.
fn parse_plain_number(text: &str) -> Option<f64> {
    let text = text.trim().replace(',', ".");
    let body = text.strip_prefix('+').unwrap_or(&text);
    let digits_only = body
        .trim_start_matches('-')
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.');
    if body.is_empty() || !digits_only {
        return None;
    }
    body.parse::<f64>().ok().filter(|value| value.is_finite())
}

/// Reads `H:MM:SS`, or amounts with units (`d`, `h`, `m`, `min`, `s`
/// and their long forms) such as `1 h 30 m`, into seconds. Plain numbers
/// and `MM:SS` are rejected because their unit is a guess.
fn parse_duration_target(text: &str) -> Option<f64> {
    if text.contains(':') {
        let parts: Vec<&str> = text.split(':').map(str::trim).collect();
        let [hours, minutes, seconds] = parts.as_slice() else {
            return None;
        };
        let hours = parse_plain_number(hours)?;
        let minutes = parse_plain_number(minutes)?;
        let seconds = parse_plain_number(seconds)?;
        if minutes >= 60.0 || seconds >= 60.0 || hours < 0.0 {
            return None;
        }
        return Some(hours * 3600.0 + minutes * 60.0 + seconds);
    }

    let lowered = text.to_lowercase();
    let mut rest = lowered.as_str();
    let mut total = 0.0;
    let mut amounts = 0;
    while !rest.trim_start().is_empty() {
        rest = rest.trim_start();
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(rest.len());
        let amount = parse_plain_number(&rest[..number_end])?;
        rest = rest[number_end..].trim_start();
        let unit_end = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let seconds_per_unit = match &rest[..unit_end] {
            "d" | "day" | "days" => 86_400.0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
            "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
            _ => return None,
        };
        total += amount * seconds_per_unit;
        amounts += 1;
        rest = &rest[unit_end..];
    }
    (amounts > 0).then_some(total)
}

/// The version written by [`goals_to_json`] and the only one
/// [`goals_from_json`] reads.
pub const GOALS_FILE_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct GoalsFile {
    version: u32,
    goals: Vec<Goal>,
}

/// Writes goals as a small JSON document, `{"version": 1, "goals": [...]}`,
/// for the page to save as a file.
pub fn goals_to_json(goals: &[Goal]) -> String {
    let file = GoalsFile {
        version: GOALS_FILE_VERSION,
        goals: goals.to_vec(),
    };
    // Goals hold only numbers, strings and enums, which always serialize.
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Reads goals written by [`goals_to_json`]. Rejects other versions, and
/// targets that the goal form would reject ([`parse_target`]'s ranges).
/// Messages are in plain words, without the JSON reader's terms.
pub fn goals_from_json(text: &str) -> Result<Vec<Goal>, String> {
    let file: GoalsFile = serde_json::from_str(text).map_err(|error| {
        let what = match error.classify() {
            serde_json::error::Category::Data => {
                "its content is not in the form this page saves goals in, such as an \
                 unknown KPI or a missing target"
            }
            _ => "the text cannot be read as saved goals",
        };
        format!("not a goals file: {what} (expected a file saved with this page's goal export)")
    })?;
    if file.version != GOALS_FILE_VERSION {
        return Err(format!(
            "not a goals file: version {} is not supported (expected version \
             {GOALS_FILE_VERSION})",
            file.version
        ));
    }
    for goal in &file.goals {
        if let Err(expected) = target_in_range(goal.kpi.unit(), goal.target) {
            return Err(format!(
                "goals file: the target {} for {} is not valid (expected {expected})",
                goal.target,
                goal.kpi.label()
            ));
        }
    }
    Ok(file.goals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::report::Detail;

    fn goal(kpi: Kpi, target: f64, direction: Direction) -> Goal {
        Goal {
            kpi,
            target,
            direction,
            owner: "Support lead".to_string(),
            baseline: None,
            cadence: None,
        }
    }

    fn figure(kpi: Kpi, value: Option<f64>) -> Figure {
        Figure {
            kpi,
            value,
            display: String::new(),
            n: usize::from(value.is_some()),
            left_out: Vec::new(),
            definition: String::new(),
            detail: Detail::None,
        }
    }

    #[test]
    fn higher_is_better_met_at_target() {
        // CSAT 85 against a target of 85: met, difference 0.
        let checked = check(
            &goal(Kpi::Csat, 85.0, Direction::HigherIsBetter),
            &figure(Kpi::Csat, Some(85.0)),
        );

        assert_eq!(checked.state, GoalState::Met);
        assert_eq!(checked.difference, Some(0.0));
    }

    #[test]
    fn higher_is_better_missed_below() {
        // CSAT 65 against 85: missed by 20 points.
        let checked = check(
            &goal(Kpi::Csat, 85.0, Direction::HigherIsBetter),
            &figure(Kpi::Csat, Some(65.0)),
        );

        assert_eq!(checked.state, GoalState::Missed);
        assert_eq!(checked.difference, Some(-20.0));
    }

    #[test]
    fn lower_is_better_met_below() {
        // FRT 1200 s against 3600 s: met, 2400 s under.
        let checked = check(
            &goal(Kpi::FirstResponseTime, 3600.0, Direction::LowerIsBetter),
            &figure(Kpi::FirstResponseTime, Some(1200.0)),
        );

        assert_eq!(checked.state, GoalState::Met);
        assert_eq!(checked.difference, Some(-2400.0));
    }

    #[test]
    fn lower_is_better_missed_above() {
        // FRT 5400 s against 3600 s: missed, 1800 s over.
        let checked = check(
            &goal(Kpi::FirstResponseTime, 3600.0, Direction::LowerIsBetter),
            &figure(Kpi::FirstResponseTime, Some(5400.0)),
        );

        assert_eq!(checked.state, GoalState::Missed);
        assert_eq!(checked.difference, Some(1800.0));
    }

    #[test]
    fn no_value_is_no_data() {
        let checked = check(
            &goal(Kpi::Nps, 30.0, Direction::HigherIsBetter),
            &figure(Kpi::Nps, None),
        );

        assert_eq!(checked.state, GoalState::NoData);
        assert_eq!(checked.actual, None);
        assert_eq!(checked.difference, None);
    }

    #[test]
    fn parse_percent_targets() {
        assert_eq!(parse_target(Kpi::Csat, "85"), Ok(85.0));
        assert_eq!(parse_target(Kpi::Csat, "85 %"), Ok(85.0));
        assert_eq!(parse_target(Kpi::FirstContactResolution, "72.5%"), Ok(72.5));
    }

    #[test]
    fn parse_percent_rejects_over_hundred() {
        assert!(parse_target(Kpi::Csat, "120").is_err());
    }

    #[test]
    fn parse_net_score_targets() {
        assert_eq!(parse_target(Kpi::Nps, "+30"), Ok(30.0));
        assert_eq!(parse_target(Kpi::Nps, "-10"), Ok(-10.0));
    }

    #[test]
    fn parse_scale_mean_target() {
        assert_eq!(parse_target(Kpi::Ces, "4.5"), Ok(4.5));
    }

    #[test]
    fn parse_duration_targets() {
        // 2 h = 7200 s; 1 h 30 m = 5400 s; 90 min = 5400 s; 45 m = 2700 s;
        // 0:04:30 = 270 s.
        assert_eq!(parse_target(Kpi::ResolutionTime, "2h"), Ok(7200.0));
        assert_eq!(parse_target(Kpi::FirstResponseTime, "1 h 30 m"), Ok(5400.0));
        assert_eq!(parse_target(Kpi::FirstResponseTime, "90 min"), Ok(5400.0));
        assert_eq!(parse_target(Kpi::FirstResponseTime, "45m"), Ok(2700.0));
        assert_eq!(parse_target(Kpi::HandleTime, "0:04:30"), Ok(270.0));
    }

    #[test]
    fn parse_duration_rejects_bare_number() {
        let error = parse_target(Kpi::HandleTime, "85").unwrap_err();

        assert!(error.contains("\"85\""), "{error}");
        assert!(error.contains("expected a duration"), "{error}");
    }

    #[test]
    fn parse_duration_rejects_two_part_clock() {
        // 04:30 could be 4 min 30 s or 4 h 30 min.
        assert!(parse_target(Kpi::HandleTime, "04:30").is_err());
    }

    #[test]
    fn parse_rejects_words() {
        assert!(parse_target(Kpi::Csat, "high").is_err());
        assert!(parse_target(Kpi::FirstResponseTime, "soon").is_err());
        assert!(parse_target(Kpi::Created, "").is_err());
    }

    #[test]
    fn parse_count_with_thousands_separator() {
        assert_eq!(parse_target(Kpi::Created, "8,469"), Ok(8469.0));
    }

    #[test]
    fn parse_count_must_be_whole() {
        assert_eq!(parse_target(Kpi::Backlog, "120"), Ok(120.0));
        assert!(parse_target(Kpi::Backlog, "12.5").is_err());
    }

    #[test]
    fn goals_survive_json_round_trip() {
        let goals = vec![
            goal(Kpi::Csat, 85.0, Direction::HigherIsBetter),
            goal(Kpi::FirstResponseTime, 3600.0, Direction::LowerIsBetter),
        ];

        let read = goals_from_json(&goals_to_json(&goals));

        assert_eq!(read, Ok(goals));
    }

    #[test]
    fn goals_json_names_version() {
        let text = goals_to_json(&[]);

        assert!(text.contains("\"version\": 1"), "{text}");
    }

    #[test]
    fn goals_json_rejects_other_version() {
        let error = goals_from_json(r#"{"version": 2, "goals": []}"#).unwrap_err();

        assert!(error.contains("version 2"), "{error}");
    }

    #[test]
    fn goals_json_rejects_garbage() {
        assert!(goals_from_json("not json").is_err());
    }

    #[test]
    fn goals_json_error_is_plain_words() {
        // Used to read "goals file: expected ident at line 1 column 2".
        let error = goals_from_json("not json").unwrap_err();

        assert_eq!(
            error,
            "not a goals file: the text cannot be read as saved goals \
             (expected a file saved with this page's goal export)"
        );
    }

    #[test]
    fn goals_json_with_unknown_kpi_is_plain_words() {
        // Valid JSON, but "Speed" is no KPI; serde's own message would name
        // the unknown variant and the expected list.
        let text = r#"{"version": 1, "goals": [{"kpi": "Speed", "target": 1,
            "direction": "HigherIsBetter", "owner": "", "baseline": null,
            "cadence": null}]}"#;

        let error = goals_from_json(text).unwrap_err();

        assert_eq!(
            error,
            "not a goals file: its content is not in the form this page saves goals \
             in, such as an unknown KPI or a missing target (expected a file saved \
             with this page's goal export)"
        );
    }

    #[test]
    fn goals_json_rejects_targets_the_form_rejects() {
        // CSAT 150 % and AHT −5 s used to be accepted from a file although
        // the form refuses them; an NPS of −100 is the lowest valid one.
        let file = |goal: Goal| goals_from_json(&goals_to_json(&[goal]));

        let csat = file(goal(Kpi::Csat, 150.0, Direction::HigherIsBetter));
        let aht = file(goal(Kpi::HandleTime, -5.0, Direction::LowerIsBetter));
        let nps = file(goal(Kpi::Nps, -100.0, Direction::HigherIsBetter));
        let backlog = file(goal(Kpi::Backlog, -1.0, Direction::LowerIsBetter));

        assert_eq!(
            csat.unwrap_err(),
            "goals file: the target 150 for CSAT is not valid \
             (expected a percentage from 0 to 100 such as 85 or 85 %)"
        );
        assert!(aht
            .unwrap_err()
            .contains("target -5 for Average handle time"));
        assert!(nps.is_ok());
        assert!(backlog.is_err());
    }

    #[test]
    fn sla_and_reopen_directions() {
        // Attainment should rise; the share of reopened tickets fall.
        assert_eq!(
            usual_direction(Kpi::SlaFirstResponse),
            Direction::HigherIsBetter
        );
        assert_eq!(
            usual_direction(Kpi::SlaResolution),
            Direction::HigherIsBetter
        );
        assert_eq!(usual_direction(Kpi::ReopenRate), Direction::LowerIsBetter);
        assert_eq!(parse_target(Kpi::SlaFirstResponse, "90 %"), Ok(90.0));
    }
}
