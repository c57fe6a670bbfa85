#![cfg(not(target_arch = "wasm32"))]
//! The worked cases about time metrics, each read from its CSV through
//! `load_file` and `report::build`. They cover bot replies in a message
//! log, business hours across a weekend, reopened tickets in an event log,
//! SLA attainment with open tickets, and local times across DST changes.
//! Expected values are worked out by hand in the comment above each
//! assertion, from the rows of the case file.

mod common;

use service_kpis::core::business_hours::{Schedule, WorkInterval};
use service_kpis::core::model::FileKind;
use service_kpis::core::problem::ProblemKind;
use service_kpis::core::report::{build, Detail, Figure, Kpi};
use service_kpis::core::settings::{Clock, ReadOptions, ResolutionEnd, Settings};
use service_kpis::core::sla::{SlaPolicy, SlaRule, SlaTarget};

use common::*;

const MIN: f64 = 60.0;
const HOUR: f64 = 3600.0;

#[test]
fn case_01_bots_are_not_replies() {
    let file = load_case("01-frt-bot-replies.csv", ReadOptions::default());
    assert_eq!(file.kinds, vec![FileKind::Messages]);
    assert_rows_add_up(&file, 15);

    let report = build(&[file], &settings_utc(utc(2024, 5, 7, 0, 0)));
    let frt = figure(&report, Kpi::FirstResponseTime);

    // C-101 20 min (bot greeting ignored), C-102 40 min (from the first
    // customer message at 10:00), C-104 10 min, C-105 25 min (the 13:05
    // private note ignored). C-103 only got an auto-reply: no FRT.
    // Mean (20 + 40 + 10 + 25) / 4 = 23.75 min; median of 10, 20, 25, 40
    // = (20 + 25) / 2 = 22.5 min.
    assert_eq!(frt.n, 4);
    let (median, mean, _) = durations(frt);
    assert_close(median, 22.5 * MIN, 1e-6, "FRT median");
    assert_close(mean, 23.75 * MIN, 1e-6, "FRT mean");
    assert_eq!(left_out_count(&frt.left_out), 1, "{:?}", frt.left_out);

    let stats = report.conversations.as_ref().expect("conversation stats");
    assert_eq!(stats.conversations, 5);
    assert_eq!(stats.without_human_reply, 1);
}

/// Case 02's settings: Monday to Friday 09:00–17:00 in Europe/Berlin.
fn berlin_office_hours(clock: Clock) -> Settings {
    let mut settings = Settings::new("Europe/Berlin", utc(2024, 6, 12, 0, 0));
    settings.schedules = vec![Schedule::weekdays(
        "Office",
        "Europe/Berlin",
        &[WorkInterval::hours((9, 0), (17, 0))],
    )];
    settings.clock = clock;
    settings
}

#[test]
fn case_02_business_hours_skip_the_weekend() {
    let options = ReadOptions::default();
    let file = load_case("02-frt-weekend-business-hours.csv", options);

    let report = build(
        std::slice::from_ref(&file),
        &berlin_office_hours(Clock::Business),
    );
    let frt = figure(&report, Kpi::FirstResponseTime);

    // T-201 Sat 14:00 → Mon 09:30 = 30 min; T-202 Fri 16:30 → Mon 09:15 =
    // 30 + 15 = 45 min; T-203 Mon 08:00 → 08:45, before opening = 0;
    // T-204 Tue 10:00 → 11:00 = 60 min. Mean 135 / 4 = 33.75 min; median
    // of 0, 30, 45, 60 = 37.5 min.
    assert_eq!(frt.n, 4);
    let (median, mean, _) = durations(frt);
    assert_close(median, 37.5 * MIN, 1e-6, "business median");
    assert_close(mean, 33.75 * MIN, 1e-6, "business mean");
    assert!(frt.definition.contains("business"), "{}", frt.definition);
    // The file has no status or resolution column, so resolved tickets
    // cannot be counted. This figure once read 0.
    assert_no_data(figure(&report, Kpi::Resolved));

    let report = build(&[file], &berlin_office_hours(Clock::Calendar));
    let frt = figure(&report, Kpi::FirstResponseTime);

    // Calendar: 2610, 3885, 45 and 60 min. Mean 6600 / 4 = 1650 min;
    // median of 45, 60, 2610, 3885 = (60 + 2610) / 2 = 1335 min.
    let (median, mean, _) = durations(frt);
    assert_close(median, 1335.0 * MIN, 1e-6, "calendar median");
    assert_close(mean, 1650.0 * MIN, 1e-6, "calendar mean");
    assert!(frt.definition.contains("calendar"), "{}", frt.definition);
}

#[test]
fn case_05_reopened_tickets_from_events() {
    let file = load_case("05-reopened-still-open.csv", ReadOptions::default());
    assert_eq!(file.kinds, vec![FileKind::Events]);
    let mut settings = settings_utc(utc(2024, 4, 10, 0, 0));

    let report = build(std::slice::from_ref(&file), &settings);

    // Full resolution, tickets solved now: T-501 09:00 → 11:00 = 2 h;
    // T-502 04-02 09:00 → 04-03 09:00 = 24 h. Mean and median 13 h.
    let resolution = figure(&report, Kpi::ResolutionTime);
    assert_eq!(resolution.n, 2);
    let (median, mean, _) = durations(resolution);
    assert_close(median, 13.0 * HOUR, 1e-6, "full resolution median");
    assert_close(mean, 13.0 * HOUR, 1e-6, "full resolution mean");
    // T-501 and T-502 are solved now; T-503 (reopened) and T-504 are open.
    assert_eq!(value(figure(&report, Kpi::Resolved)), 2.0);
    assert_eq!(value(figure(&report, Kpi::Backlog)), 2.0);
    // Reopened at least once: T-502 and T-503, of 3 ever solved = 66.7 %.
    assert_close(
        value(figure(&report, Kpi::ReopenRate)),
        200.0 / 3.0,
        1e-6,
        "reopen rate",
    );

    settings.resolution = ResolutionEnd::First;
    let report = build(&[file], &settings);

    // First resolution: T-501 2 h, T-502 1 h, T-503 30 min; mean 70 min.
    let first = figure(&report, Kpi::ResolutionTime);
    assert_eq!(first.n, 3);
    let (_, mean, _) = durations(first);
    assert_close(mean, 70.0 * MIN, 1e-6, "first resolution mean");
}

#[test]
fn case_14_open_past_deadline_breached() {
    let file = load_case("14-sla-attainment-open-tickets.csv", ReadOptions::default());
    let mut settings = settings_utc(utc(2024, 5, 10, 12, 0));
    let target = |hours: f64| {
        Some(SlaTarget {
            seconds: hours * HOUR,
            clock: Clock::Calendar,
        })
    };
    settings.sla = SlaPolicy {
        rules: vec![
            SlaRule {
                priority: Some("urgent".into()),
                first_response: target(1.0),
                resolution: None,
            },
            SlaRule {
                priority: Some("normal".into()),
                first_response: target(8.0),
                resolution: None,
            },
        ],
    };

    let report = build(&[file], &settings);
    let sla = figure(&report, Kpi::SlaFirstResponse);

    // Met: T-1401 (30 min of 1 h) and T-1405 (7 h of 8 h). Breached:
    // T-1402 (90 min), T-1403 (no reply, deadline 11:00 passed by 12:00),
    // T-1406 (23 h). Pending: T-1404 (deadline 17:00). 2 / 5 = 40 %.
    assert_eq!(figure_share(sla), (2, 5));
    assert_close(value(sla), 40.0, 1e-6, "attainment");
    assert_eq!(left_out_count(&sla.left_out), 1, "{:?}", sla.left_out);
    let breached: Vec<_> = report
        .breaches
        .iter()
        .filter_map(|breach| breach.ticket_id.as_deref())
        .collect();
    assert_eq!(breached.len(), 3, "{breached:?}");
    for id in ["T-1402", "T-1403", "T-1406"] {
        assert!(breached.contains(&id), "{id} missing from {breached:?}");
    }
}

fn figure_share(figure: &Figure) -> (usize, usize) {
    match figure.detail {
        Detail::Share { part, whole } => (part, whole),
        ref other => panic!("{:?} detail is {other:?}, expected a share", figure.kpi),
    }
}

#[test]
fn case_24_local_times_across_dst() {
    let file = load_case("24-dst-gap-overlap-local-times.csv", ReadOptions::default());
    let settings = Settings::new("America/New_York", utc(2024, 12, 1, 0, 0));

    let report = build(std::slice::from_ref(&file), &settings);
    let frt = figure(&report, Kpi::FirstResponseTime);

    // T-2401 01:50 EST → 03:10 EDT = 20 min of real time; T-2402 starts in
    // the spring gap and is left out; T-2403 01:30 → 01:45 both EDT = 15
    // min; T-2404 00:50 EDT → 01:20 EDT = 30 min. Mean 65 / 3 = 21.67 min,
    // median 20 min.
    assert_eq!(frt.n, 3);
    let (median, mean, _) = durations(frt);
    assert_close(median, 20.0 * MIN, 1e-6, "median");
    assert_close(mean, 65.0 / 3.0 * MIN, 1e-6, "mean");

    let problems = all_problems(std::slice::from_ref(&file), &report);
    let gap: Vec<_> = problems_on_line(&problems, 3)
        .into_iter()
        .filter(|problem| matches!(problem.kind, ProblemKind::NonexistentLocalTime { .. }))
        .collect();
    assert_eq!(gap.len(), 1, "{gap:?}");
    assert_eq!(gap[0].location.column.as_deref(), Some("created_at"));
    // Ambiguity warnings: both times of line 4, first_reply_at of line 5.
    let overlaps = problems
        .iter()
        .filter(|problem| matches!(problem.kind, ProblemKind::AmbiguousLocalTime { .. }))
        .map(|problem| (problem.location.line, problem.location.column.clone()))
        .collect::<Vec<_>>();
    assert_eq!(overlaps.len(), 3, "{overlaps:?}");
    assert!(overlaps.contains(&(Some(5), Some("first_reply_at".into()))));
}
