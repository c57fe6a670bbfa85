#![cfg(not(target_arch = "wasm32"))]
//! End-to-end tests on the worked cases: each case's CSV goes through
//! `load_file` and `report::build`, and the figures its page expects are
//! the assertions. Expected values are worked out by hand in the comment
//! above each assertion, from the rows of the case file.

mod common;

use service_kpis::core::columns::Role;
use service_kpis::core::load::{load_file, LoadedFile};
use service_kpis::core::model::{Dimension, FileKind, Stamp};
use service_kpis::core::number::NumberStyle;
use service_kpis::core::problem::{ProblemKind, Severity};
use service_kpis::core::read::{CsvReader, RawRecord, TextEncoding};
use service_kpis::core::report::{build, Detail, Kpi};
use service_kpis::core::settings::{
    CesScale, DateRange, Period, ReadOptions, Settings, TwoPartDuration,
};

use common::*;

const NPS_CASE: &str = "08-nps-promoter-boundaries.csv";
const CSAT_CASE: &str = "10-csat-good-minus-bad.csv";
const CES_CASE: &str = "12-ces-scale-out-of-range.csv";
const EMPTY_PERIOD_CASE: &str = "13-empty-period-no-data.csv";
const AHT_CASE: &str = "16-aht-duration-formats.csv";
const BOM_CASE: &str = "17-utf8-bom-header.csv";
const SEMICOLON_CASE: &str = "18-excel-semicolon-decimal-comma.csv";
const QUOTED_CASE: &str = "20-quoted-newlines-crlf.csv";
const RAGGED_CASE: &str = "22-ragged-rows-trailing-delimiters.csv";
const EPOCH_CASE: &str = "25-epoch-timestamps.csv";

/// A minute in seconds, to write expected durations the way the cases do.
const MIN: f64 = 60.0;

fn ticket_ids(file: &LoadedFile) -> Vec<&str> {
    file.tickets
        .iter()
        .map(|ticket| ticket.id.as_deref().unwrap_or("(no id)"))
        .collect()
}

fn read_all(bytes: &[u8]) -> Vec<RawRecord> {
    let mut reader = CsvReader::new();
    let mut records = Vec::new();
    reader.push(bytes, &mut records);
    reader.finish(&mut records);
    records
}

#[test]
fn case_08_nps_boundaries() {
    let file = load_case(NPS_CASE, ReadOptions::default());
    assert_eq!(file.kinds, vec![FileKind::Survey]);
    assert_rows_add_up(&file, 10);

    let report = build(&[file], &settings_utc(utc(2024, 4, 1, 0, 0)));
    let nps = figure(&report, Kpi::Nps);

    // Scores 10, 9, 9, 8, 7, 7, 6, 5, 0, 10. Promoters (9–10): 10, 9, 9, 10
    // = 4 of 10 = 40 %. Passives (7–8): 8, 7, 7 = 3. Detractors (0–6): 6, 5
    // and the 0, which is a real score = 3 of 10 = 30 %. NPS = 40 − 30.
    assert_eq!(nps.n, 10);
    assert_close(value(nps), 10.0, 1e-9, "NPS");
    assert_eq!(
        nps.detail,
        Detail::Nps {
            promoters: 4,
            passives: 3,
            detractors: 3
        }
    );
    assert_eq!(nps.display, "+10");
}

#[test]
fn case_10_csat_share_satisfied() {
    let file = load_case(CSAT_CASE, ReadOptions::default());
    assert_eq!(file.kinds, vec![FileKind::Survey]);
    assert_rows_add_up(&file, 20);

    let report = build(&[file], &settings_utc(utc(2024, 3, 1, 0, 0)));
    let csat = figure(&report, Kpi::Csat);

    // 20 ratings: Great on lines 2–9 and 12–16 = 8 + 5 = 13; Okay on lines
    // 10, 17, 18, 19 = 4; Not Good on lines 11, 20, 21 = 3. Okay is
    // neutral: in the denominator only. CSAT = 13 / 20 = 65.0 %.
    assert_eq!(csat.n, 20);
    assert_close(value(csat), 65.0, 1e-9, "CSAT");
    assert_eq!(csat.display, "65.0 %");
    let Detail::Distribution(distribution) = &csat.detail else {
        panic!("CSAT detail is {:?}, expected a distribution", csat.detail);
    };
    let counts: Vec<usize> = distribution.iter().map(|(_, count)| *count).collect();
    assert_eq!(counts, vec![13, 4, 3], "distribution {distribution:?}");

    // Agent Lee rated 8 Great, 1 Okay, 1 Not Good: 8 / 10 = 80 %.
    // Agent Kim rated 5 Great, 3 Okay, 2 Not Good: 5 / 10 = 50 %.
    let lee = breakdown_row(&report, Dimension::Agent, "Agent Lee");
    let lee_csat = row_figure(&lee.figures, Kpi::Csat, "Agent Lee");
    assert_eq!(lee_csat.n, 10);
    assert_close(value(lee_csat), 80.0, 1e-9, "CSAT of Agent Lee");
    let kim = breakdown_row(&report, Dimension::Agent, "Agent Kim");
    let kim_csat = row_figure(&kim.figures, Kpi::Csat, "Agent Kim");
    assert_eq!(kim_csat.n, 10);
    assert_close(value(kim_csat), 50.0, 1e-9, "CSAT of Agent Kim");
}

#[test]
fn case_12_ces_rejects_out_of_scale() {
    let files = vec![load_case(CES_CASE, ReadOptions::default())];
    assert_eq!(files[0].kinds, vec![FileKind::Survey]);
    assert_rows_add_up(&files[0], 10);
    let mut settings = settings_utc(utc(2024, 6, 1, 0, 0));
    settings.ces = CesScale::AGREEMENT_1_7;

    let report = build(&files, &settings);
    let ces = figure(&report, Kpi::Ces);
    let problems = all_problems(&files, &report);

    // Valid responses 7, 6, 6, 5, 2, 7, 4: n = 7, sum 37, mean 37 / 7 = 5.2857.
    // Easy (5–7): 7, 6, 6, 5, 7 = 5 of 7 = 71.43 %.
    assert_eq!(ces.n, 7);
    assert_close(value(ces), 37.0 / 7.0, 0.005, "CES mean");
    let Detail::Ces {
        easy_percent,
        easy,
        min,
        max,
    } = ces.detail
    else {
        panic!("CES detail is {:?}, expected Detail::Ces", ces.detail);
    };
    assert_eq!(easy, 5);
    assert_close(
        easy_percent.unwrap_or(f64::NAN),
        500.0 / 7.0,
        0.05,
        "share easy",
    );
    assert_eq!((min, max), (1, 7));

    // Line 8 contains 0 and line 9 contains 9: both outside 1–7, rejected.
    for (line, written) in [(8, "0"), (9, "9")] {
        let on_line = problems_on_line(&problems, line);
        assert_eq!(on_line.len(), 1, "problems on line {line}: {on_line:?}");
        let problem = on_line[0];
        assert_eq!(problem.severity, Severity::Error, "line {line}");
        assert_eq!(problem.location.column.as_deref(), Some("ces_1_to_7"));
        assert_eq!(
            problem.kind,
            ProblemKind::OutOfScale {
                value: written.to_string(),
                min: 1.0,
                max: 7.0
            },
            "line {line}"
        );
    }
    // Line 10 is blank: no response, which is not an error.
    assert_eq!(problems_on_line(&problems, 10), Vec::<&_>::new());
}

fn empty_period_settings(first: (i32, u32, u32), last: (i32, u32, u32)) -> Settings {
    let mut settings = settings_utc(utc(2024, 6, 1, 0, 0));
    settings.period = Period::Month;
    settings.range = Some(DateRange {
        first: date(first.0, first.1, first.2),
        last: date(last.0, last.1, last.2),
    });
    settings
}

#[test]
fn case_13_empty_period_reads_no_data() {
    let file = load_case(EMPTY_PERIOD_CASE, ReadOptions::default());
    assert!(
        file.kinds.contains(&FileKind::Tickets),
        "kinds {:?}",
        file.kinds
    );
    assert_rows_add_up(&file, 2);
    let settings = empty_period_settings((2024, 4, 1), (2024, 4, 30));

    let report = build(&[file], &settings);

    // Both tickets were created in March, so April has none created and
    // none solved. T-1302 (created 28 March, never solved) is still open
    // at the end of April: backlog 1.
    assert_eq!(figure(&report, Kpi::Created).value, Some(0.0));
    assert_eq!(figure(&report, Kpi::Resolved).value, Some(0.0));
    assert_eq!(figure(&report, Kpi::Backlog).value, Some(1.0));
    for kpi in [
        Kpi::FirstResponseTime,
        Kpi::ResolutionTime,
        Kpi::Csat,
        Kpi::Nps,
    ] {
        assert_no_data(figure(&report, kpi));
    }
    assert_all_figures_finite(&report);
    // The page says that nothing falls in the chosen range.
    let names_range = report
        .notes
        .iter()
        .any(|note| note.contains("2024-04-01") && note.contains("2024-04-30"));
    assert!(names_range, "notes {:?}", report.notes);
}

#[test]
fn case_13_series_keeps_empty_months() {
    let file = load_case(EMPTY_PERIOD_CASE, ReadOptions::default());
    let settings = empty_period_settings((2024, 3, 1), (2024, 5, 31));

    let report = build(&[file], &settings);
    let rows = &report.series.rows;

    // The range covers March, April and May; April and May have no
    // records but are rows all the same.
    let labels: Vec<&str> = rows.iter().map(|row| row.label.as_str()).collect();
    assert_eq!(labels, vec!["2024-03", "2024-04", "2024-05"]);
    // Created: 2 in March (T-1301 on the 12th, T-1302 on the 28th), then 0.
    let created: Vec<Option<f64>> = rows
        .iter()
        .map(|row| row_figure(&row.figures, Kpi::Created, &row.label).value)
        .collect();
    assert_eq!(created, vec![Some(2.0), Some(0.0), Some(0.0)]);
    // FRT in April has no ticket behind it.
    assert_no_data(row_figure(
        &rows[1].figures,
        Kpi::FirstResponseTime,
        "2024-04",
    ));
    // Change in volume: April vs March (2 → 0) = (0 − 2) / 2 = −100 %.
    // May vs April has a previous value of 0, so no percentage (n/a).
    let created_changes: Vec<Option<f64>> = rows
        .iter()
        .map(|row| {
            let index = row
                .figures
                .iter()
                .position(|figure| figure.kpi == Kpi::Created);
            index.and_then(|index| row.changes.get(index).copied().flatten())
        })
        .collect();
    assert_eq!(created_changes, vec![None, Some(-100.0), None]);
    assert_all_figures_finite(&report);
}

#[test]
fn case_13_header_only_file_reads_no_data() {
    // The case's own header line with no data rows after it.
    let bytes = case_bytes(EMPTY_PERIOD_CASE);
    let header_end = bytes
        .iter()
        .position(|&byte| byte == b'\n')
        .map_or(bytes.len(), |at| at + 1);
    let file = load_file(
        "header-only.csv",
        &bytes[..header_end],
        ReadOptions::default(),
    );
    assert!(
        file.kinds.contains(&FileKind::Tickets),
        "kinds {:?}",
        file.kinds
    );
    assert_rows_add_up(&file, 0);

    let report = build(&[file], &empty_period_settings((2024, 4, 1), (2024, 4, 30)));

    for kpi in [
        Kpi::FirstResponseTime,
        Kpi::ResolutionTime,
        Kpi::Csat,
        Kpi::Nps,
    ] {
        assert_no_data(figure(&report, kpi));
    }
    // With no ticket at all, a count may read 0 or "no data (n = 0)", but
    // never anything else.
    for kpi in [Kpi::Created, Kpi::Resolved, Kpi::Backlog] {
        let count = figure(&report, kpi);
        match count.value {
            Some(value) => assert_eq!(value, 0.0, "{kpi:?}"),
            None => assert_no_data(count),
        }
    }
    assert_all_figures_finite(&report);
}

#[test]
fn case_16_aht_holds_back_two_part_duration() {
    let files = vec![load_case(AHT_CASE, ReadOptions::default())];
    assert_eq!(files[0].kinds, vec![FileKind::Calls]);
    assert_rows_add_up(&files[0], 6);
    // Talk times as parsed: 0:01:49 = 109 s, 1h 2m 5s = 3725 s, 245 s,
    // 18:25 min = 18 × 60 + 25 = 1105 s, 00:04:10 = 250 s, and 04:10 held
    // back because it can be 4 min 10 s or 4 h 10 min.
    let talk: Vec<Option<f64>> = files[0].calls.iter().map(|call| call.talk_secs).collect();
    assert_eq!(
        talk,
        vec![
            Some(109.0),
            Some(3725.0),
            Some(245.0),
            Some(1105.0),
            Some(250.0),
            None
        ]
    );

    let report = build(&files, &settings_utc(utc(2024, 6, 1, 0, 0)));
    let problems = all_problems(&files, &report);

    let on_line_7 = problems_on_line(&problems, 7);
    assert_eq!(on_line_7.len(), 1, "problems on line 7: {on_line_7:?}");
    assert_eq!(on_line_7[0].severity, Severity::Warning);
    assert_eq!(on_line_7[0].location.column.as_deref(), Some("talk_time"));
    // 04:10 as minutes:seconds = 250 s; as hours:minutes = 4 × 3600 + 600 = 15000 s.
    assert_eq!(
        on_line_7[0].kind,
        ProblemKind::AmbiguousDuration {
            value: "04:10".to_string(),
            as_min_sec: 250.0,
            as_hour_min: 15000.0
        }
    );

    // Handle = talk + hold + wrap-up: 109 + 0 + 30 = 139; 3725 + 30 + 45 =
    // 3800; 245 + 0 + 60 = 305; 1105 + 40 + 60 = 1205; 250 + 0 (empty) + 20
    // = 270. Sum 5719 over 5 calls = 1143.8 s = 0:19:04.
    let aht = figure(&report, Kpi::HandleTime);
    assert_eq!(aht.n, 5);
    assert_close(value(aht), 1143.8, 0.05, "AHT");
    assert_eq!(aht.display, "0:19:04");

    // Agent Lee: 139 + 3800 = 3939 / 2 = 1969.5 s = 0:32:50.
    // Agent Kim: 305 + 1205 + 270 = 1780 / 3 = 593.33 s = 0:09:53.
    let lee = breakdown_row(&report, Dimension::Agent, "Agent Lee");
    let lee_aht = row_figure(&lee.figures, Kpi::HandleTime, "Agent Lee");
    assert_close(value(lee_aht), 1969.5, 0.05, "AHT of Agent Lee");
    assert_eq!(lee_aht.display, "0:32:50");
    let kim = breakdown_row(&report, Dimension::Agent, "Agent Kim");
    let kim_aht = row_figure(&kim.figures, Kpi::HandleTime, "Agent Kim");
    assert_close(value(kim_aht), 1780.0 / 3.0, 0.05, "AHT of Agent Kim");
    assert_eq!(kim_aht.display, "0:09:53");
}

#[test]
fn case_16_aht_with_minutes_seconds_chosen() {
    let options = ReadOptions {
        two_part_duration: TwoPartDuration::MinutesSeconds,
        ..ReadOptions::default()
    };
    let files = vec![load_case(AHT_CASE, options)];

    let report = build(&files, &settings_utc(utc(2024, 6, 1, 0, 0)));

    // 04:10 read as 250 s: CL-1606 = 250 + 0 + 20 = 270 s. Sum 5719 + 270
    // = 5989 over 6 calls = 998.17 s = 0:16:38.
    let aht = figure(&report, Kpi::HandleTime);
    assert_eq!(aht.n, 6);
    assert_close(value(aht), 5989.0 / 6.0, 0.05, "AHT");
    assert_eq!(aht.display, "0:16:38");
    // Agent Lee: 139 + 3800 + 270 = 4209 / 3 = 1403 s = 0:23:23.
    let lee = breakdown_row(&report, Dimension::Agent, "Agent Lee");
    let lee_aht = row_figure(&lee.figures, Kpi::HandleTime, "Agent Lee");
    assert_close(value(lee_aht), 1403.0, 0.05, "AHT of Agent Lee");
    assert_eq!(lee_aht.display, "0:23:23");
    let ambiguous = all_problems(&files, &report)
        .into_iter()
        .filter(|problem| matches!(problem.kind, ProblemKind::AmbiguousDuration { .. }))
        .count();
    assert_eq!(ambiguous, 0);
}

#[test]
fn case_17_bom_and_quoted_header() {
    let file = load_case(BOM_CASE, ReadOptions::default());

    assert_eq!(
        file.header,
        vec!["Ticket ID", "Created at", "First reply at"]
    );
    assert_eq!(file.encoding, TextEncoding::Utf8WithBom);
    assert_eq!(file.kinds, vec![FileKind::Tickets]);
    assert_rows_add_up(&file, 3);
    assert_eq!(ticket_ids(&file), vec!["T-1701", "T-1702", "T-1703"]);

    let report = build(&[file], &settings_utc(utc(2024, 5, 1, 0, 0)));
    let frt = figure(&report, Kpi::FirstResponseTime);

    // Replies 09:00 → 09:15, 10:00 → 10:45, 11:00 → 12:00: 15, 45, 60 min.
    // Mean (15 + 45 + 60) / 3 = 40 min; median 45 min.
    assert_eq!(frt.n, 3);
    let (median, mean, _) = durations(frt);
    assert_close(median, 45.0 * MIN, 0.5, "FRT median");
    assert_close(mean, 40.0 * MIN, 0.5, "FRT mean");
    assert_close(value(frt), 45.0 * MIN, 0.5, "FRT value (the median)");
    let json = serde_json::to_string(&report).unwrap_or_default();
    assert!(!json.is_empty(), "the report serialises");
    assert!(!json.contains('\u{FEFF}'), "a BOM reached the report");
}

#[test]
fn case_17_hand_mapping_finds_ticket_id() {
    let mut options = ReadOptions::default();
    options
        .mapping
        .insert(Role::TicketId, Some("Ticket ID".to_string()));

    let file = load_case(BOM_CASE, options);

    let id_column = file
        .columns
        .iter()
        .find(|column| column.role == Role::TicketId);
    let Some(id_column) = id_column else {
        panic!("no column for the ticket id: {:?}", file.columns);
    };
    assert_eq!(id_column.index, 0);
    assert_eq!(id_column.header, "Ticket ID");
    assert!(id_column.by_hand);
    assert_eq!(ticket_ids(&file), vec!["T-1701", "T-1702", "T-1703"]);
}

#[test]
fn case_18_semicolon_and_decimal_comma() {
    let file = load_case(SEMICOLON_CASE, ReadOptions::default());

    assert_eq!(file.delimiter, b';');
    assert_eq!(file.header.len(), 5);
    assert_eq!(file.header[3], "Gesprächsdauer (Min.)");
    assert_eq!(file.number_style, NumberStyle::DecimalComma);
    assert_eq!(file.kinds, vec![FileKind::Calls]);
    assert_rows_add_up(&file, 4);
    assert_eq!(file.rows.used, 4);
    // Talk in minutes: 4,5 / 12,25 / 3 / 0,75 → 270, 735, 180, 45 s.
    let talk: Vec<Option<f64>> = file.calls.iter().map(|call| call.talk_secs).collect();
    assert_eq!(
        talk,
        vec![Some(270.0), Some(735.0), Some(180.0), Some(45.0)]
    );
    // Wait in seconds: 12, 1.250 (thousands dot) = 1250, 45, 8.
    let wait: Vec<Option<f64>> = file.calls.iter().map(|call| call.wait_secs).collect();
    assert_eq!(wait, vec![Some(12.0), Some(1250.0), Some(45.0), Some(8.0)]);
    // 03.06.2024 is 3 June 2024 (day first), not 6 March.
    let days: Vec<Option<_>> = file
        .calls
        .iter()
        .map(|call| call.started.map(stamp_date))
        .collect();
    let expected_days = vec![
        Some(date(2024, 6, 3)),
        Some(date(2024, 6, 3)),
        Some(date(2024, 6, 4)),
        Some(date(2024, 6, 5)),
    ];
    assert_eq!(days, expected_days);

    let mut settings = settings_utc(utc(2024, 7, 1, 0, 0));
    settings.period = Period::Day;
    let report = build(&[file], &settings);

    // No hold or wrap-up column, so AHT is talk time only:
    // (270 + 735 + 180 + 45) / 4 = 1230 / 4 = 307.5 s = 5.125 min.
    let aht = figure(&report, Kpi::HandleTime);
    assert_eq!(aht.n, 4);
    assert_close(value(aht), 307.5, 0.01, "AHT");
    // Lena Vogt: (270 + 180) / 2 = 225 s = 3.75 min.
    // Jonas Weber: (735 + 45) / 2 = 390 s = 6.5 min.
    let lena = breakdown_row(&report, Dimension::Agent, "Lena Vogt");
    let lena_aht = row_figure(&lena.figures, Kpi::HandleTime, "Lena Vogt");
    assert_close(value(lena_aht), 225.0, 0.01, "AHT of Lena Vogt");
    let jonas = breakdown_row(&report, Dimension::Agent, "Jonas Weber");
    let jonas_aht = row_figure(&jonas.figures, Kpi::HandleTime, "Jonas Weber");
    assert_close(value(jonas_aht), 390.0, 0.01, "AHT of Jonas Weber");
    // Calls per day: A-1801 and A-1802 on 3 June, A-1803 on 4 June, A-1804
    // on 5 June.
    let per_day: Vec<(&str, usize)> = report
        .series
        .rows
        .iter()
        .map(|row| {
            let n = row_figure(&row.figures, Kpi::HandleTime, &row.label).n;
            (row.label.as_str(), n)
        })
        .collect();
    assert_eq!(
        per_day,
        vec![("2024-06-03", 2), ("2024-06-04", 1), ("2024-06-05", 1)]
    );
}

#[test]
fn case_20_quoted_newlines_keep_lines() {
    let bytes = case_bytes(QUOTED_CASE);
    let records = read_all(&bytes);
    // The header is line 1; T-2001 spans lines 2–5, T-2002 lines 6–7 and
    // T-2003 is line 8.
    let lines: Vec<u64> = records.iter().map(|record| record.line).collect();
    assert_eq!(lines, vec![1, 2, 6, 8]);
    assert_eq!(
        records[1].fields[2],
        "Customer wrote:\n\"I can't log in\"\n\nTried a reset twice"
    );
    assert_eq!(records[2].fields[1], "Invoice, wrong amount");
    // CRLF ends the record: no CR left on the last field.
    assert_eq!(records[3].fields[4], "2024-02-05T11:18:00Z");

    let file = load_case(QUOTED_CASE, ReadOptions::default());
    assert_eq!(file.kinds, vec![FileKind::Tickets]);
    assert_rows_add_up(&file, 3);
    let ticket_lines: Vec<u64> = file.tickets.iter().map(|ticket| ticket.line).collect();
    assert_eq!(ticket_lines, vec![2, 6, 8]);

    let report = build(&[file], &settings_utc(utc(2024, 3, 1, 0, 0)));
    let frt = figure(&report, Kpi::FirstResponseTime);

    // 09:00 → 09:12 = 12 min, 10:00 → 10:30 = 30 min, 11:00 → 11:18 = 18
    // min. Mean (12 + 30 + 18) / 3 = 20 min; median 18 min.
    assert_eq!(frt.n, 3);
    let (median, mean, _) = durations(frt);
    assert_close(median, 18.0 * MIN, 0.5, "FRT median");
    assert_close(mean, 20.0 * MIN, 0.5, "FRT mean");
}

#[test]
fn case_22_ragged_rows() {
    let files = vec![load_case(RAGGED_CASE, ReadOptions::default())];
    let file = &files[0];

    assert_eq!(
        file.header[..5],
        [
            "ticket_id",
            "created_at",
            "first_reply_at",
            "priority",
            "team"
        ]
    );
    assert_eq!(file.kinds, vec![FileKind::Tickets]);
    // The header's trailing empty column is not matched to any role.
    let unnamed = file.columns.iter().find(|column| column.header.is_empty());
    assert_eq!(unnamed, None);
    // Lines 2–5 are records; the empty lines 6 and 7 are not.
    assert_rows_add_up(file, 4);
    assert_eq!(file.rows.used, 3);
    assert_eq!(ticket_ids(file), vec!["T-2201", "T-2202", "T-2204"]);
    // T-2202 stops after its priority: its team is empty.
    assert_eq!(file.tickets[1].dims.priority.as_deref(), Some("low"));
    assert_eq!(file.tickets[1].dims.team, None);

    let report = build(&files, &settings_utc(utc(2024, 4, 1, 0, 0)));
    let problems = all_problems(&files, &report);

    // Line 4 has 8 fields against the header's 6, the 8th being EXTRA.
    let on_line_4 = problems_on_line(&problems, 4);
    assert_eq!(on_line_4.len(), 1, "problems on line 4: {on_line_4:?}");
    assert_eq!(on_line_4[0].severity, Severity::Error);
    assert_eq!(
        on_line_4[0].kind,
        ProblemKind::TooManyFields {
            found: 8,
            expected: 6,
            extra: "EXTRA".to_string()
        }
    );
    // The single trailing comma of lines 2 and 5 is no problem.
    for line in [2, 3, 5, 6, 7] {
        assert_eq!(
            problems_on_line(&problems, line),
            Vec::<&_>::new(),
            "line {line}"
        );
    }

    // FRT 09:00 → 09:20 = 20 min, 10:00 → 10:40 = 40 min, 12:00 → 12:10 =
    // 10 min. Mean 70 / 3 = 23.33 min; median 20 min.
    let frt = figure(&report, Kpi::FirstResponseTime);
    assert_eq!(frt.n, 3);
    let (median, mean, _) = durations(frt);
    assert_close(median / MIN, 20.0, 0.01, "FRT median in minutes");
    assert_close(mean / MIN, 23.33, 0.01, "FRT mean in minutes");
    // One ticket per team: Billing (T-2201), Tech (T-2204), none (T-2202).
    for team in ["Billing", "Tech", "(none)"] {
        let row = breakdown_row(&report, Dimension::Team, team);
        let created = row_figure(&row.figures, Kpi::Created, team);
        assert_eq!(created.value, Some(1.0), "tickets created in team {team}");
    }
}

#[test]
fn case_25_epoch_seconds_and_milliseconds() {
    let file = load_case(EPOCH_CASE, ReadOptions::default());
    assert_eq!(file.kinds, vec![FileKind::Tickets]);
    assert_rows_add_up(&file, 3);
    // 1717405200 s = 2024-06-03 09:00 UTC (19877 days × 86400 + 9 h);
    // 1717495200 = + 90000 s = 2024-06-04 10:00; 1717574400 = 2024-06-05 08:00.
    let created: Vec<Option<Stamp>> = file.tickets.iter().map(|ticket| ticket.created).collect();
    let expected_created = vec![
        Some(Stamp::Utc(utc(2024, 6, 3, 9, 0))),
        Some(Stamp::Utc(utc(2024, 6, 4, 10, 0))),
        Some(Stamp::Utc(utc(2024, 6, 5, 8, 0))),
    ];
    assert_eq!(created, expected_created);
    // 1717407000000 ms = 1717407000 s = 09:00 + 1800 s = 09:30 on 3 June.
    assert_eq!(
        file.tickets[0].first_response_at,
        Some(Stamp::Utc(utc(2024, 6, 3, 9, 30)))
    );
    // The unit read from each column is shown to the user.
    let note_for = |column: &str| {
        file.notes
            .iter()
            .find(|note| note.column == column)
            .map(|note| note.note.to_lowercase())
            .unwrap_or_default()
    };
    assert!(
        note_for("created_at").contains("second"),
        "notes {:?}",
        file.notes
    );
    assert!(
        note_for("first_reply_at").contains("milli"),
        "notes {:?}",
        file.notes
    );

    let report = build(&[file], &settings_utc(utc(2024, 7, 1, 0, 0)));

    // FRT: 1717407000 − 1717405200 = 1800 s = 30 min; 1717497900 −
    // 1717495200 = 2700 s = 45 min; 1717574700 − 1717574400 = 300 s = 5 min.
    // Mean 80 / 3 = 26.67 min; median 30 min.
    let frt = figure(&report, Kpi::FirstResponseTime);
    assert_eq!(frt.n, 3);
    let (median, mean, _) = durations(frt);
    assert_close(median, 30.0 * MIN, 0.5, "FRT median");
    assert_close(mean / MIN, 26.67, 0.01, "FRT mean in minutes");
    // Resolution: T-2501 1717419600 − 1717405200 = 14400 s = 4 h; T-2503
    // 1717578000 − 1717574400 = 3600 s = 1 h. Mean 2.5 h; T-2502 is open.
    let resolution = figure(&report, Kpi::ResolutionTime);
    assert_eq!(resolution.n, 2);
    let (_, mean, _) = durations(resolution);
    assert_close(mean, 2.5 * 3600.0, 0.5, "resolution mean");
    assert_eq!(figure(&report, Kpi::Backlog).value, Some(1.0));
    assert_eq!(report.backlog.open, 1);
}
