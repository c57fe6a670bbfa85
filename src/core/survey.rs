//! Survey KPIs: CSAT, NPS and CES.
//!
//! [`SurveyFacts::read`] checks each answer against its scale once per
//! report and logs answers outside it; the figure functions only count.
//! A blank answer is no response, so it is neither counted nor reported.

use std::collections::{BTreeMap, BTreeSet};

use crate::core::columns::Role;
use crate::core::load::LoadedFile;
use crate::core::model::{Dims, Rating, Scale, Sentiment, SurveyResponse};
use crate::core::problem::{Problem, ProblemKind};
use crate::core::report::{Context, Detail, Figure, Kpi, ProblemLog, Skip, Tally};
use crate::core::settings::{CesScale, Settings};
use crate::core::zone::{FieldReader, Time};

/// One CSAT answer after checking it against its scale.
#[derive(Clone, Debug, PartialEq)]
pub enum CsatAnswer<'a> {
    Score {
        points: i64,
        satisfied: bool,
        scale: (i64, i64),
    },
    Label {
        text: &'a str,
        sentiment: Sentiment,
    },
}

impl CsatAnswer<'_> {
    fn is_satisfied(&self) -> bool {
        match self {
            CsatAnswer::Score { satisfied, .. } => *satisfied,
            CsatAnswer::Label { sentiment, .. } => *sentiment == Sentiment::Positive,
        }
    }
}

/// A survey response as the figures use it; `None` where the question was
/// not answered.
#[derive(Clone, Debug)]
pub struct SurveyFacts<'a> {
    pub dims: &'a Dims,
    pub answered: Time,
    pub csat: Option<Result<CsatAnswer<'a>, Skip>>,
    pub nps: Option<Result<u8, Skip>>,
    pub ces: Option<Result<u8, Skip>>,
}

/// The CSAT scale of a file: the loader's, else guessed from its highest
/// score (up to 5: 1–5, up to 7: 1–7, else 0–10).
pub fn csat_scale(file: &LoadedFile) -> Scale {
    if let Some(scale) = file.csat_scale {
        return scale;
    }
    let highest = file
        .surveys
        .iter()
        .filter_map(|response| match response.csat {
            Some(Rating::Score(score)) if score.is_finite() => Some(score),
            _ => None,
        })
        .fold(0.0, f64::max);
    match highest {
        h if h <= 5.0 => Scale { min: 1.0, max: 5.0 },
        h if h <= 7.0 => Scale { min: 1.0, max: 7.0 },
        _ => Scale {
            min: 0.0,
            max: 10.0,
        },
    }
}

impl<'a> SurveyFacts<'a> {
    /// Reads the answer time and checks each answer against its scale,
    /// logging answers outside it.
    pub fn read(
        response: &'a SurveyResponse,
        reader: &FieldReader,
        csat_scale: Scale,
        settings: &Settings,
        log: &mut ProblemLog,
    ) -> SurveyFacts<'a> {
        let line = response.line;
        let mut check = |value: f64, min: f64, max: f64, role: Role| {
            let inside = value.is_finite() && value >= min && value <= max;
            let whole = value.fract() == 0.0;
            if inside && whole {
                return Ok(value as i64);
            }
            let value = format!("{value}");
            let (kind, skip) = if inside {
                let kind = ProblemKind::NotWholePoint { value, min, max };
                (kind, Skip::NotWholePoint)
            } else {
                let kind = ProblemKind::OutOfScale { value, min, max };
                (kind, Skip::OutOfScale)
            };
            log.push(Problem::error(reader.location(line, role), kind));
            Err(skip)
        };

        let csat = response.csat.as_ref().map(|rating| match rating {
            Rating::Label { text, sentiment } => Ok(CsatAnswer::Label {
                text: text.as_str(),
                sentiment: *sentiment,
            }),
            Rating::Score(score) => {
                let points = check(*score, csat_scale.min, csat_scale.max, Role::Csat)?;
                let top = csat_scale.max as i64;
                let top_box = i64::from(settings.csat_top_box.max(1));
                Ok(CsatAnswer::Score {
                    points,
                    satisfied: points > top - top_box,
                    scale: (csat_scale.min as i64, top),
                })
            }
        });
        let nps = response
            .nps
            .map(|score| check(score, 0.0, 10.0, Role::Nps).map(|points| points as u8));
        let ces_scale = settings.ces;
        let (ces_min, ces_max) = (f64::from(ces_scale.min), f64::from(ces_scale.max));
        let ces = response
            .ces
            .map(|score| check(score, ces_min, ces_max, Role::Ces).map(|points| points as u8));
        let answered = reader.read(response.answered_at, line, Role::AnsweredAt, log);

        SurveyFacts {
            dims: &response.dims,
            answered,
            csat,
            nps,
            ces,
        }
    }
}

/// Says how many responses have no answer time, which matters because
/// such responses count in the headline total but in no period or range.
fn undated_note(undated: usize) -> String {
    if undated == 0 {
        return String::new();
    }
    let (responses, count) = if undated == 1 {
        ("1 response", "counts")
    } else {
        (&*format!("{undated} responses"), "count")
    };
    format!("; {responses} without an answer time {count} in the total only")
}

/// CSAT: satisfied responses ÷ all responses × 100, in percent.
///
/// A score is satisfied in the top `settings.csat_top_box` points of its
/// scale (4–5 on 1–5 by default); a label is satisfied when positive, and
/// neutral and negative labels count in the denominator only. Scores
/// outside the scale are left out. Detail: the count per answer, in scale
/// order. No response gives no data (n = 0).
///
/// ```
/// # use service_kpis::core::report::{build, Kpi};
/// # use service_kpis::core::load::LoadedFile;
/// # use service_kpis::core::model::{Rating, SurveyResponse};
/// # use service_kpis::core::settings::Settings;
/// # use chrono::{TimeZone, Utc};
/// let answer = |score| SurveyResponse { csat: Some(Rating::Score(score)), ..Default::default() };
/// let file = LoadedFile { surveys: vec![answer(5.0), answer(3.0)], ..Default::default() };
/// let settings = Settings::new("UTC", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap());
/// let report = build(&[file], &settings);
/// // 5 is satisfied on 1–5, 3 is not: 1 of 2.
/// assert_eq!(report.figure(Kpi::Csat).unwrap().display, "50.0 %");
/// ```
pub fn csat(responses: &[&SurveyFacts], context: &Context) -> Figure {
    let mut tally = Tally::default();
    let mut satisfied = 0;
    let mut n = 0;
    let mut undated = 0;
    let mut labels = BTreeMap::<(std::cmp::Reverse<Sentiment>, &str), usize>::new();
    let mut scores = BTreeMap::<((i64, i64), i64), usize>::new();
    let mut scales = BTreeSet::new();
    for response in responses {
        let answer = match &response.csat {
            None => continue,
            Some(Err(skip)) => {
                tally.add(*skip);
                continue;
            }
            Some(Ok(answer)) => answer,
        };
        n += 1;
        if answer.is_satisfied() {
            satisfied += 1;
        }
        if response.answered == Time::Missing {
            undated += 1;
        }
        match answer {
            CsatAnswer::Score { points, scale, .. } => {
                *scores.entry((*scale, *points)).or_default() += 1;
                scales.insert(*scale);
            }
            CsatAnswer::Label { text, sentiment } => {
                *labels
                    .entry((std::cmp::Reverse(*sentiment), text))
                    .or_default() += 1;
            }
        }
    }

    let top_box = i64::from(context.settings.csat_top_box.max(1));
    let satisfied_scores: Vec<String> = scales
        .iter()
        .map(|&(min, max)| {
            let lowest = max - top_box + 1;
            if lowest >= max {
                format!("{max} on {min}–{max}")
            } else {
                format!("{lowest}–{max} on {min}–{max}")
            }
        })
        .collect();
    let mut definition = "satisfied responses ÷ all responses × 100; satisfied = ".to_string();
    if !satisfied_scores.is_empty() {
        definition.push_str(&satisfied_scores.join(", "));
        definition.push_str(" or ");
    }
    definition
        .push_str("a positive label; neutral and negative labels count in the denominator only");
    definition.push_str(&undated_note(undated));

    let zone = context.zone.name();
    if n == 0 {
        return Figure::no_data(Kpi::Csat, definition, tally.left_out(zone));
    }
    let mut distribution: Vec<(String, usize)> = labels
        .into_iter()
        .map(|((_, text), count)| (text.to_string(), count))
        .collect();
    // Files on different scales must not add up: a 5 on 1–5 and a 5 on
    // 0–10 are different answers, so with several scales each label
    // names its scale.
    let several_scales = scales.len() > 1;
    distribution.extend(scores.into_iter().map(|(((min, max), points), count)| {
        let label = if several_scales {
            format!("{points} of {min}–{max}")
        } else {
            points.to_string()
        };
        (label, count)
    }));
    let value = satisfied as f64 / n as f64 * 100.0;
    let detail = Detail::Distribution(distribution);
    Figure::with_value(
        Kpi::Csat,
        value,
        n,
        definition,
        tally.left_out(zone),
        detail,
    )
}

/// NPS: % promoters (9–10) − % detractors (0–6) on the 0–10 scale, from
/// −100 to +100.
///
/// 0 is a real score; scores that are not whole numbers from 0 to 10 are
/// left out. Detail: promoters, passives and detractors. No response gives
/// no data (n = 0).
///
/// ```
/// # use service_kpis::core::report::{build, Kpi};
/// # use service_kpis::core::load::LoadedFile;
/// # use service_kpis::core::model::SurveyResponse;
/// # use service_kpis::core::settings::Settings;
/// # use chrono::{TimeZone, Utc};
/// let score = |nps| SurveyResponse { nps: Some(nps), ..Default::default() };
/// let file = LoadedFile { surveys: vec![score(9.0), score(7.0), score(0.0), score(10.0)], ..Default::default() };
/// let settings = Settings::new("UTC", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap());
/// let report = build(&[file], &settings);
/// // Promoters 9 and 10 (50 %) − detractor 0 (25 %) = +25.
/// assert_eq!(report.figure(Kpi::Nps).unwrap().display, "+25");
/// ```
pub fn nps(responses: &[&SurveyFacts], context: &Context) -> Figure {
    let mut tally = Tally::default();
    let (mut promoters, mut passives, mut detractors) = (0, 0, 0);
    let mut undated = 0;
    for response in responses {
        match response.nps {
            None => continue,
            Some(Err(skip)) => tally.add(skip),
            Some(Ok(score)) => {
                match score {
                    9..=10 => promoters += 1,
                    7..=8 => passives += 1,
                    _ => detractors += 1,
                }
                if response.answered == Time::Missing {
                    undated += 1;
                }
            }
        }
    }

    let n = promoters + passives + detractors;
    let definition = format!(
        "% promoters (9–10) − % detractors (0–6) on 0–10{}",
        undated_note(undated)
    );
    let zone = context.zone.name();
    if n == 0 {
        return Figure::no_data(Kpi::Nps, definition, tally.left_out(zone));
    }
    let value = (promoters as f64 - detractors as f64) / n as f64 * 100.0;
    let detail = Detail::Nps {
        promoters,
        passives,
        detractors,
    };
    Figure::with_value(Kpi::Nps, value, n, definition, tally.left_out(zone), detail)
}

/// Whether a CES score is strictly on the easy side of the scale's
/// midpoint: 5–7 on the 1–7 agreement scale, 1–2 on the 1–5 effort scale.
pub fn is_easy(score: u8, scale: CesScale) -> bool {
    let doubled = u16::from(score) * 2;
    let middle_doubled = u16::from(scale.min) + u16::from(scale.max);
    if scale.high_is_easy {
        doubled > middle_doubled
    } else {
        doubled < middle_doubled
    }
}

/// CES: the mean score on the settings' scale, with the share of easy
/// answers in the detail.
///
/// Scores outside the scale are left out. No response gives no data
/// (n = 0).
pub fn ces(responses: &[&SurveyFacts], context: &Context) -> Figure {
    let scale = context.settings.ces;
    let mut tally = Tally::default();
    let mut sum = 0.0;
    let mut n = 0;
    let mut easy = 0;
    let mut undated = 0;
    for response in responses {
        match response.ces {
            None => continue,
            Some(Err(skip)) => tally.add(skip),
            Some(Ok(score)) => {
                n += 1;
                sum += f64::from(score);
                if is_easy(score, scale) {
                    easy += 1;
                }
                if response.answered == Time::Missing {
                    undated += 1;
                }
            }
        }
    }

    let easy_side = if scale.high_is_easy {
        "high scores are easy"
    } else {
        "low scores are easy"
    };
    let definition = format!(
        "mean score on {}–{} ({easy_side}); easy = strictly on the easy side of the \
         midpoint{}",
        scale.min,
        scale.max,
        undated_note(undated)
    );
    let zone = context.zone.name();
    if n == 0 {
        return Figure::no_data(Kpi::Ces, definition, tally.left_out(zone));
    }
    let value = sum / n as f64;
    let easy_percent = easy as f64 / n as f64 * 100.0;
    let detail = Detail::Ces {
        easy_percent: Some(easy_percent),
        easy,
        min: scale.min,
        max: scale.max,
    };
    Figure::with_value(Kpi::Ces, value, n, definition, tally.left_out(zone), detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::report::testing::{column, figure, left_out, settings};
    use crate::core::report::{build, Report};

    fn report_of(
        responses: Vec<SurveyResponse>,
        scale: Option<Scale>,
        settings: &Settings,
    ) -> Report {
        let file = LoadedFile {
            name: "survey.csv".to_string(),
            columns: vec![column(Role::Csat, 1, "Rating"), column(Role::Nps, 2, "NPS")],
            csat_scale: scale,
            surveys: responses,
            ..LoadedFile::default()
        };
        build(&[file], settings)
    }

    fn csat_scores(scores: &[f64]) -> Vec<SurveyResponse> {
        scores
            .iter()
            .enumerate()
            .map(|(index, &score)| SurveyResponse {
                line: index as u64 + 2,
                csat: Some(Rating::Score(score)),
                ..SurveyResponse::default()
            })
            .collect()
    }

    fn nps_scores(scores: &[f64]) -> Vec<SurveyResponse> {
        scores
            .iter()
            .map(|&score| SurveyResponse {
                nps: Some(score),
                ..SurveyResponse::default()
            })
            .collect()
    }

    const ONE_TO_FIVE: Option<Scale> = Some(Scale { min: 1.0, max: 5.0 });

    #[test]
    fn csat_three_of_five_is_not_satisfied() {
        // 5 and 4 are the top two points of 1–5; 3 is not: 2 / 3.
        let report = report_of(csat_scores(&[5.0, 4.0, 3.0]), ONE_TO_FIVE, &settings());

        let csat = figure(&report, Kpi::Csat);
        assert!((csat.value.unwrap() - 200.0 / 3.0).abs() < 1e-9);
        assert_eq!(csat.display, "66.7 %");
    }

    #[test]
    fn csat_distribution_in_scale_order() {
        let report = report_of(csat_scores(&[5.0, 1.0, 5.0, 3.0]), ONE_TO_FIVE, &settings());

        assert_eq!(
            figure(&report, Kpi::Csat).detail,
            Detail::Distribution(vec![
                ("1".to_string(), 1),
                ("3".to_string(), 1),
                ("5".to_string(), 2),
            ])
        );
    }

    #[test]
    fn csat_distribution_keeps_scales_apart() {
        // A 1–5 file with 5, 4 and a 0–10 file with 5, 10. The 5s used to
        // add up to "5: 2"; each now names its scale. Scales run in order
        // of (min, max), so 0–10 before 1–5, and points in order within.
        let file = |name: &str, scale, scores: &[f64]| LoadedFile {
            name: name.to_string(),
            columns: vec![column(Role::Csat, 1, "Rating")],
            csat_scale: scale,
            surveys: csat_scores(scores),
            ..LoadedFile::default()
        };
        let ten = Some(Scale {
            min: 0.0,
            max: 10.0,
        });
        let files = [
            file("five.csv", ONE_TO_FIVE, &[5.0, 4.0]),
            file("ten.csv", ten, &[5.0, 10.0]),
        ];

        let report = build(&files, &settings());

        assert_eq!(
            figure(&report, Kpi::Csat).detail,
            Detail::Distribution(vec![
                ("5 of 0–10".to_string(), 1),
                ("10 of 0–10".to_string(), 1),
                ("4 of 1–5".to_string(), 1),
                ("5 of 1–5".to_string(), 1),
            ])
        );
    }

    #[test]
    fn csat_top_one_definition_names_a_single_point() {
        // With only the top point satisfied, the definition used to read
        // "satisfied = 5–5 on 1–5".
        let mut settings = settings();
        settings.csat_top_box = 1;

        let report = report_of(csat_scores(&[5.0, 4.0]), ONE_TO_FIVE, &settings);

        let csat = figure(&report, Kpi::Csat);
        assert!(
            csat.definition.contains("satisfied = 5 on 1–5 or"),
            "{}",
            csat.definition
        );
        assert_eq!(csat.value, Some(50.0));
    }

    #[test]
    fn csat_top_box_on_ten_point_scale() {
        // On 0–10 the top two points are 9 and 10; 8 is not: 2 / 4.
        let scale = Some(Scale {
            min: 0.0,
            max: 10.0,
        });

        let report = report_of(csat_scores(&[10.0, 9.0, 8.0, 0.0]), scale, &settings());

        assert_eq!(figure(&report, Kpi::Csat).value, Some(50.0));
    }

    #[test]
    fn csat_top_box_setting_widens_satisfied() {
        // Top three points of 1–5 are 3–5: 3 of 4.
        let mut settings = settings();
        settings.csat_top_box = 3;

        let report = report_of(csat_scores(&[5.0, 4.0, 3.0, 2.0]), ONE_TO_FIVE, &settings);

        assert_eq!(figure(&report, Kpi::Csat).value, Some(75.0));
        assert!(figure(&report, Kpi::Csat).definition.contains("3–5 on 1–5"));
    }

    #[test]
    fn csat_out_of_scale_and_fractions_left_out() {
        // 6 is outside 1–5 and 4.5 is not a whole point; only 5 counts.
        // 4.5 used to be called "outside the scale" too.
        let report = report_of(csat_scores(&[5.0, 6.0, 4.5]), ONE_TO_FIVE, &settings());

        let csat = figure(&report, Kpi::Csat);
        assert_eq!(csat.value, Some(100.0));
        assert_eq!(csat.n, 1);
        assert_eq!(left_out(csat, "outside the scale"), 1);
        assert_eq!(left_out(csat, "not a whole point on the scale"), 1);
        assert!(report.problems[1]
            .to_string()
            .ends_with(": \"4.5\" is not a whole point on the scale 1–5; left out"));
        assert_eq!(report.problems.len(), 2);
        assert_eq!(report.problems[0].location.line, Some(3));
        assert_eq!(
            report.problems[0].location.column.as_deref(),
            Some("Rating")
        );
    }

    #[test]
    fn nps_zero_is_a_detractor_not_a_blank() {
        // 10 and 0: one promoter, one detractor, NPS 0 over n = 2.
        let report = report_of(nps_scores(&[10.0, 0.0]), None, &settings());

        let nps = figure(&report, Kpi::Nps);
        assert_eq!(nps.value, Some(0.0));
        assert_eq!(nps.n, 2);
        assert_eq!(nps.display, "0");
    }

    #[test]
    fn nps_seven_and_eight_are_passives() {
        // 7, 8, 9: one promoter, two passives: 33.3 − 0 = +33.
        let report = report_of(nps_scores(&[7.0, 8.0, 9.0]), None, &settings());

        let nps = figure(&report, Kpi::Nps);
        assert_eq!(nps.display, "+33");
        assert_eq!(
            nps.detail,
            Detail::Nps {
                promoters: 1,
                passives: 2,
                detractors: 0
            }
        );
    }

    #[test]
    fn nps_rejects_eleven_and_fractions() {
        // 11 and 8.5 are left out; 6 alone gives −100.
        let report = report_of(nps_scores(&[11.0, 8.5, 6.0]), None, &settings());

        let nps = figure(&report, Kpi::Nps);
        assert_eq!(nps.value, Some(-100.0));
        assert_eq!(nps.display, "-100");
        assert_eq!(left_out(nps, "outside the scale"), 1);
        assert_eq!(left_out(nps, "not a whole point on the scale"), 1);
    }

    #[test]
    fn ces_effort_scale_counts_low_as_easy() {
        // On 1–5 effort, 1 and 2 are easy, 3 is the midpoint and 5 hard:
        // mean 11 / 4 = 2.75, easy 2 / 4.
        let mut settings = settings();
        settings.ces = CesScale::EFFORT_1_5;
        let responses = [1.0, 2.0, 3.0, 5.0]
            .iter()
            .map(|&score| SurveyResponse {
                ces: Some(score),
                ..SurveyResponse::default()
            })
            .collect();

        let report = report_of(responses, None, &settings);

        let ces = figure(&report, Kpi::Ces);
        assert_eq!(ces.value, Some(2.75));
        assert!(matches!(ces.detail, Detail::Ces { easy: 2, .. }));
    }

    #[test]
    fn ces_midpoint_of_seven_is_not_easy() {
        assert!(!is_easy(4, CesScale::AGREEMENT_1_7));
        assert!(is_easy(5, CesScale::AGREEMENT_1_7));
        assert!(is_easy(2, CesScale::EFFORT_1_5));
        assert!(!is_easy(3, CesScale::EFFORT_1_5));
    }

    #[test]
    fn responses_without_answer_time_are_named() {
        let report = report_of(nps_scores(&[9.0]), None, &settings());

        // One response: singular, where it used to read "1 responses
        // without an answer time count".
        let definition = &figure(&report, Kpi::Nps).definition;
        assert!(
            definition.contains("; 1 response without an answer time counts in the total only"),
            "{definition}"
        );
    }
}
