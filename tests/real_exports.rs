#![cfg(not(target_arch = "wasm32"))]
//! End-to-end tests on the real exports: the kinds each file is detected
//! as, row accounting, and KPI figures checked against an independent
//! computation.
//!
//! The expected figures come from `tests/independent/real_figures.py`,
//! which reads the same files with Python's csv module and applies each
//! KPI definition by hand. Run from the crate root:
//!
//! ```text
//! python3 tests/independent/real_figures.py
//! ```
//!
//! The comment above each figure quotes the line of that output it comes
//! from. The file ends with robustness tests: a file pushed in chunks (4096
//! bytes for every real file, 1 and 7 bytes for small ones) loads the same
//! as in one piece, and hostile inputs load and report without a panic.

mod common;

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use service_kpis::core::load::{load_file, FileLoader, LoadedFile};
use service_kpis::core::model::{Dimension, FileKind, TicketState};
use service_kpis::core::problem::{ProblemKind, Severity};
use service_kpis::core::read::{CsvReader, TextEncoding};
use service_kpis::core::report::{build, Detail, Kpi};
use service_kpis::core::settings::{DateOrder, ReadOptions, Settings};

use common::*;

const PWC: &str = "pwc_call_center.csv";
const KAGGLE: &str = "kaggle_support_tickets.csv";
const BOTANIC: &str = "botanic_nps_latin1.csv";
const GOOGLE_FORMS: &str = "google_forms_brand_nps_fr.csv";
const NYC311: &str = "nyc311_socrata_2024_sample.csv";
const UCI: &str = "uci_incident_event_log_sample.csv";
const UWV: &str = "uwv_complaints_bpic2016_semicolon.csv";
const HELPDESK_EVENTS: &str = "helpdesk_event_log.csv";
const TWCS: &str = "twcs_sample.csv";

const ALL_REAL: [&str; 9] = [
    PWC,
    KAGGLE,
    BOTANIC,
    GOOGLE_FORMS,
    NYC311,
    UCI,
    UWV,
    HELPDESK_EVENTS,
    TWCS,
];

/// Builds UTC settings with "now" fixed after every record of every real file.
fn settings() -> Settings {
    settings_utc(utc(2025, 1, 1, 0, 0))
}

fn sorted_kinds(file: &LoadedFile) -> Vec<FileKind> {
    let mut kinds = file.kinds.clone();
    kinds.sort();
    kinds
}

/// Counts each value of `key` over `items`, to compare with the script's tallies.
fn tally<T>(items: &[T], key: impl Fn(&T) -> Option<&str>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for item in items {
        let label = key(item).unwrap_or("(none)").to_string();
        *counts.entry(label).or_insert(0) += 1;
    }
    counts
}

fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs
        .iter()
        .map(|(label, count)| (label.to_string(), *count))
        .collect()
}

#[test]
fn pwc_call_center_figures() {
    let file = load_real(PWC, ReadOptions::default());
    assert_eq!(sorted_kinds(&file), vec![FileKind::Survey, FileKind::Calls]);
    // "records: 5000"
    assert_rows_add_up(&file, 5000);
    assert_eq!(file.calls.len(), 5000);
    // "agent Becky: calls 631, …" and so on for each agent.
    let expected_calls = counts(&[
        ("Becky", 631),
        ("Dan", 633),
        ("Diane", 633),
        ("Greg", 624),
        ("Jim", 666),
        ("Joe", 593),
        ("Martha", 638),
        ("Stewart", 582),
    ]);
    assert_eq!(
        tally(&file.calls, |call| call.dims.agent.as_deref()),
        expected_calls
    );

    let report = build(&[file], &settings());

    // "answered calls: 4054", "AHT talk only, mean s: 224.9228". The file
    // has talk time only, no hold or wrap-up columns.
    let aht = figure(&report, Kpi::HandleTime);
    assert_eq!(aht.n, 4054);
    assert_close(value(aht), 224.9228, 0.001, "AHT");
    // The other 5000 − 4054 = 946 calls were not answered.
    assert_eq!(left_out_count(&aht.left_out), 946, "{:?}", aht.left_out);
    assert!(
        aht.definition.contains("talk time only"),
        "AHT definition {:?}",
        aht.definition
    );
    // "CSAT top-2 of 1-5: 2023 / 4054 = 49.9013 %"
    let csat = figure(&report, Kpi::Csat);
    assert_eq!(csat.n, 4054);
    assert_close(value(csat), 49.9013, 0.001, "CSAT");
    // "CSAT distribution 1..5: [417, 396, 1218, 1180, 843]"
    let Detail::Distribution(distribution) = &csat.detail else {
        panic!("CSAT detail is {:?}, expected a distribution", csat.detail);
    };
    let per_score: Vec<usize> = distribution.iter().map(|(_, count)| *count).collect();
    assert_eq!(per_score, vec![417, 396, 1218, 1180, 843]);
    // "FCR resolved / answered: 3646 / 4054 = 89.9359 %"
    let fcr = figure(&report, Kpi::FirstContactResolution);
    assert_eq!(fcr.n, 4054);
    assert_close(value(fcr), 89.9359, 0.001, "FCR");
    assert_eq!(
        fcr.detail,
        Detail::Share {
            part: 3646,
            whole: 4054
        }
    );
    // "agent Becky: calls 631, answered 517, AHT s 220.0097" and so on.
    let per_agent = [
        ("Becky", 517, 220.0097),
        ("Dan", 523, 231.1893),
        ("Diane", 501, 218.9541),
        ("Greg", 502, 226.8028),
        ("Jim", 536, 228.1138),
        ("Joe", 484, 224.1012),
        ("Martha", 514, 223.7257),
        ("Stewart", 477, 226.2055),
    ];
    for (agent, answered, mean_talk) in per_agent {
        let row = breakdown_row(&report, Dimension::Agent, agent);
        let agent_aht = row_figure(&row.figures, Kpi::HandleTime, agent);
        assert_eq!(agent_aht.n, answered, "answered calls of {agent}");
        assert_close(value(agent_aht), mean_talk, 0.001, agent);
    }
}

#[test]
fn kaggle_support_tickets_figures() {
    let files = vec![load_real(KAGGLE, ReadOptions::default())];
    let file = &files[0];
    assert_eq!(
        sorted_kinds(file),
        vec![FileKind::Tickets, FileKind::Survey]
    );
    // "records: 8469"
    assert_rows_add_up(file, 8469);
    assert_eq!(file.tickets.len(), 8469);
    // "status 'Closed': 2769", "status 'Open': 2819",
    // "status 'Pending Customer Response': 2881"
    let expected_status = counts(&[
        ("Closed", 2769),
        ("Open", 2819),
        ("Pending Customer Response", 2881),
    ]);
    assert_eq!(
        tally(&file.tickets, |ticket| ticket.status.as_deref()),
        expected_status
    );
    // Ratings are written 3.0, 5.0 …: the scale is 1–5.
    let scale = file.csat_scale.map(|scale| (scale.min, scale.max));
    assert_eq!(scale, Some((1.0, 5.0)));

    let report = build(&files, &settings());

    // "open backlog: 5700" (Open 2819 + Pending Customer Response 2881).
    assert_eq!(figure(&report, Kpi::Backlog).value, Some(5700.0));
    assert_eq!(report.backlog.open, 5700);
    let by_status: BTreeMap<String, usize> = report.backlog.by_status.iter().cloned().collect();
    assert_eq!(
        by_status,
        counts(&[("Open", 2819), ("Pending Customer Response", 2881)])
    );
    // "CSAT top-2 of 1-5: 1087 / 2769 = 39.2560 %"
    let csat = figure(&report, Kpi::Csat);
    assert_eq!(csat.n, 2769);
    assert_close(value(csat), 39.2560, 0.001, "CSAT");
    // "CSAT by Ticket Channel Chat: 280 / 674 = 41.5430 %" and so on.
    let by_channel = [
        ("Chat", 674, 41.5430),
        ("Email", 720, 39.5833),
        ("Phone", 691, 38.4949),
        ("Social media", 684, 37.4269),
    ];
    let by_priority = [
        ("Critical", 726, 38.4298),
        ("High", 705, 39.1489),
        ("Low", 644, 42.5466),
        ("Medium", 694, 37.1758),
    ];
    for (dimension, rows) in [
        (Dimension::Channel, by_channel),
        (Dimension::Priority, by_priority),
    ] {
        for (label, n, expected) in rows {
            let row = breakdown_row(&report, dimension, label);
            let row_csat = row_figure(&row.figures, Kpi::Csat, label);
            assert_eq!(row_csat.n, n, "CSAT n for {dimension:?} {label}");
            assert_close(value(row_csat), expected, 0.001, label);
        }
    }
    // There is no ticket creation time ("Date of Purchase" is not one), so
    // first response time cannot be computed; every ticket is left out.
    let frt = figure(&report, Kpi::FirstResponseTime);
    assert_no_data(frt);
    assert_eq!(left_out_count(&frt.left_out), 8469, "{:?}", frt.left_out);
    assert!(
        frt.left_out
            .iter()
            .any(|entry| entry.reason.contains("creation time")),
        "FRT left out {:?}",
        frt.left_out
    );
    // With no creation time there is no resolution time either.
    assert_no_data(figure(&report, Kpi::ResolutionTime));
    // "resolved before first response: 1365": those tickets are left out
    // of both duration figures for that reason.
    for kpi in [Kpi::FirstResponseTime, Kpi::ResolutionTime] {
        let left_out = &figure(&report, kpi).left_out;
        let before_reply = left_out
            .iter()
            .find(|entry| entry.reason == "resolved before first reply");
        let count = before_reply.map(|entry| entry.count);
        assert_eq!(count, Some(1365), "{kpi:?} left out {left_out:?}");
    }
    // "first lines resolved before first response: [19, 39, 42]": each is
    // an error on the resolution column of its own line.
    let problems = all_problems(&files, &report);
    for line in [19, 39, 42] {
        let flagged = problems_on_line(&problems, line)
            .into_iter()
            .any(|problem| {
                problem.severity == Severity::Error
                    && problem.location.column.as_deref() == Some("Time to Resolution")
            });
        assert!(flagged, "line {line} is not flagged");
    }
    // The list stays short enough to read: capped, not one entry per
    // flagged ticket.
    assert!(
        report.problems.len() < 1365,
        "{} report problems",
        report.problems.len()
    );
}

#[test]
fn botanic_nps_figures() {
    let files = vec![load_real(BOTANIC, ReadOptions::default())];
    let file = &files[0];
    assert_eq!(file.kinds, vec![FileKind::Survey]);
    // "records: 13954"
    assert_rows_add_up(file, 13954);
    // "fields not valid UTF-8: 2862": reported, but as a bounded list and
    // not one problem per field.
    assert_eq!(file.encoding, TextEncoding::Windows1252);
    let not_utf8 = file
        .problems
        .iter()
        .filter(|problem| matches!(problem.kind, ProblemKind::NotUtf8 { .. }))
        .count();
    assert!(not_utf8 > 0, "no field reported as not UTF-8");
    assert!(
        file.problems.len() < 100,
        "{} problems",
        file.problems.len()
    );

    let report = build(&files, &settings());

    // "NPS n: 13612" (13954 rows less 342 NA),
    // "promoters / passives / detractors: 8465 / 3953 / 1194",
    // "NPS: 53.4161"
    let nps = figure(&report, Kpi::Nps);
    assert_eq!(nps.n, 13612);
    assert_close(value(nps), 53.4161, 0.001, "NPS");
    assert_eq!(
        nps.detail,
        Detail::Nps {
            promoters: 8465,
            passives: 3953,
            detractors: 1194
        }
    );
}

#[test]
fn botanic_undefined_bytes_replaced() {
    let bytes = real_bytes(BOTANIC);
    let mut reader = CsvReader::new();
    let mut records = Vec::new();

    reader.push(&bytes, &mut records);
    reader.finish(&mut records);

    // "U+FFFD after decoding: 17": each byte that Windows-1252 leaves
    // undefined (here always 0x90) becomes one replacement character.
    let replaced: usize = records
        .iter()
        .flat_map(|record| record.fields.iter())
        .map(|field| field.matches('\u{FFFD}').count())
        .sum();
    assert_eq!(replaced, 17);
    assert_eq!(reader.encoding(), TextEncoding::Windows1252);
}

#[test]
fn google_forms_nps_figures() {
    let files = vec![load_real(GOOGLE_FORMS, ReadOptions::default())];
    let file = &files[0];
    assert_eq!(file.kinds, vec![FileKind::Survey]);
    // "records: 93"
    assert_rows_add_up(file, 93);
    // "timestamp first parts: [8, 9, 10, 12], second parts: [11]": every
    // date fits day-first and month-first, so the loader must ask.
    let ambiguous = file.problems.iter().any(|problem| {
        matches!(problem.kind, ProblemKind::AmbiguousDateOrder { .. })
            && problem.location.column.as_deref() == Some("Horodateur")
    });
    assert!(ambiguous, "problems {:?}", file.problems);

    let report = build(&files, &settings());

    // "NPS n: 93", "promoters / passives / detractors: 36 / 32 / 25",
    // "NPS: 11.8280"
    let nps = figure(&report, Kpi::Nps);
    assert_eq!(nps.n, 93);
    assert_close(value(nps), 11.8280, 0.001, "NPS");
    assert_eq!(
        nps.detail,
        Detail::Nps {
            promoters: 36,
            passives: 32,
            detractors: 25
        }
    );
}

#[test]
fn google_forms_day_first_dates() {
    let mut options = ReadOptions::default();
    options
        .date_order
        .insert("Horodateur".to_string(), DateOrder::DayFirst);

    let file = load_real(GOOGLE_FORMS, options);

    // "read day-first: 2021-11-08 to 2021-11-12"
    let mut days: Vec<_> = file
        .surveys
        .iter()
        .filter_map(|survey| survey.answered_at.map(stamp_date))
        .collect();
    days.sort();
    assert_eq!(days.len(), 93);
    assert_eq!(days.first(), Some(&date(2021, 11, 8)));
    assert_eq!(days.last(), Some(&date(2021, 11, 12)));
}

#[test]
fn nyc311_figures() {
    let file = load_real(NYC311, ReadOptions::default());
    assert_eq!(file.kinds, vec![FileKind::Tickets]);
    // "records: 1000"
    assert_rows_add_up(&file, 1000);
    // Socrata writes New York wall-clock times without an offset.
    let settings = Settings::new("America/New_York", utc(2024, 5, 1, 0, 0));

    let report = build(&[file], &settings);

    // "created in 2024-04: 1000"
    let months: Vec<(&str, Option<f64>)> = report
        .series
        .rows
        .iter()
        .map(|row| {
            let created = row_figure(&row.figures, Kpi::Created, &row.label);
            (row.label.as_str(), created.value)
        })
        .collect();
    assert_eq!(months, vec![("2024-04", Some(1000.0))]);
    // "resolution created -> closed n: 292", "resolution median s: 2029.0"
    let resolution = figure(&report, Kpi::ResolutionTime);
    assert_eq!(resolution.n, 292);
    assert_close(value(resolution), 2029.0, 0.5, "resolution median");
    // "resolution mean s: 2438.8562"
    let (_, mean, _) = durations(resolution);
    assert_close(mean, 2438.8562, 0.01, "resolution mean");
    // The other 1000 − 292 = 708: 707 still open and one "Closed" request
    // with no closed date.
    assert_eq!(
        left_out_count(&resolution.left_out),
        708,
        "{:?}",
        resolution.left_out
    );
    // "open backlog: 707": Open 424, In Progress 277, Assigned 6.
    assert_eq!(figure(&report, Kpi::Backlog).value, Some(707.0));
    assert_eq!(report.backlog.open, 707);
    let by_status: BTreeMap<String, usize> = report.backlog.by_status.iter().cloned().collect();
    assert_eq!(
        by_status,
        counts(&[("Assigned", 6), ("In Progress", 277), ("Open", 424)])
    );
    // The agency is the team: "agency DCWP: 2" … "agency TLC: 5".
    let per_agency = [
        ("DCWP", 2.0),
        ("DEP", 17.0),
        ("DHS", 9.0),
        ("DOHMH", 11.0),
        ("DOT", 40.0),
        ("DPR", 8.0),
        ("DSNY", 32.0),
        ("EDC", 6.0),
        ("HPD", 370.0),
        ("NYPD", 500.0),
        ("TLC", 5.0),
    ];
    for (agency, tickets) in per_agency {
        let row = breakdown_row(&report, Dimension::Team, agency);
        let created = row_figure(&row.figures, Kpi::Created, agency);
        assert_eq!(created.value, Some(tickets), "tickets of {agency}");
    }
}

#[test]
fn uci_incidents_keep_last_row() {
    let file = load_real(UCI, ReadOptions::default());
    assert_eq!(file.kinds, vec![FileKind::Tickets]);
    // "records: 5998", "tickets after keeping the last row per number: 890",
    // "earlier rows left out: 5108"
    assert_rows_add_up(&file, 5998);
    assert_eq!(file.rows.used, 890);
    assert_eq!(left_out_count(&file.rows.left_out), 5108);
    assert_eq!(file.tickets.len(), 890);
    // "last state 'Closed': 890"
    assert_eq!(
        tally(&file.tickets, |ticket| ticket.status.as_deref()),
        counts(&[("Closed", 890)])
    );
    let closed = file
        .tickets
        .iter()
        .filter(|ticket| ticket.state == TicketState::Closed)
        .count();
    assert_eq!(closed, 890);
    // "opened_at of kept tickets: 2016-02-29 01:16:00 to 2016-03-02
    // 15:33:00": day-first, as 29-02-2016 shows.
    let mut opened: Vec<_> = file
        .tickets
        .iter()
        .filter_map(|ticket| ticket.created.map(stamp_date))
        .collect();
    opened.sort();
    assert_eq!(opened.len(), 890);
    assert_eq!(opened.first(), Some(&date(2016, 2, 29)));
    assert_eq!(opened.last(), Some(&date(2016, 3, 2)));

    let report = build(&[file], &settings());

    assert_eq!(report.backlog.open, 0);
    assert_eq!(figure(&report, Kpi::Backlog).value.unwrap_or(0.0), 0.0);
}

#[test]
fn uwv_complaints_by_channel() {
    let file = load_real(UWV, ReadOptions::default());
    assert_eq!(file.kinds, vec![FileKind::Tickets]);
    assert_eq!(file.delimiter, b';');
    // "records: 289", "rows with a contact date: 289"
    assert_rows_add_up(&file, 289);
    assert_eq!(file.tickets.len(), 289);

    let report = build(&[file], &settings());

    assert_eq!(figure(&report, Kpi::Created).value, Some(289.0));
    // "channel 1: 8" … "channel 8: 196"
    let per_channel = [
        ("1", 8.0),
        ("2", 6.0),
        ("3", 3.0),
        ("4", 7.0),
        ("5", 27.0),
        ("6", 41.0),
        ("7", 1.0),
        ("8", 196.0),
    ];
    for (channel, tickets) in per_channel {
        let row = breakdown_row(&report, Dimension::Channel, channel);
        let created = row_figure(&row.figures, Kpi::Created, channel);
        assert_eq!(created.value, Some(tickets), "tickets on channel {channel}");
    }
}

/// Asserts that message and event rows are rebuilt into tickets, not
/// left out as a kind the product cannot compute yet.
fn assert_no_row_waits_for_a_rebuild(file: &LoadedFile) {
    assert!(file.rows.used > 0, "{:?}", file.rows);
    for left_out in &file.rows.left_out {
        assert!(!left_out.reason.contains("not rebuilt"), "{left_out:?}");
    }
}

#[test]
fn helpdesk_event_log_is_events() {
    let file = load_real(HELPDESK_EVENTS, ReadOptions::default());

    assert_eq!(file.kinds, vec![FileKind::Events]);
    // "records: 21348"
    assert_rows_add_up(&file, 21348);
    // One ticket per case id; the event-by-event figures are checked in
    // the core's event tests against tests/independent/helpdesk_events.py.
    assert_eq!(file.tickets.len(), 4580);
    assert_no_row_waits_for_a_rebuild(&file);
}

#[test]
fn twcs_sample_is_messages() {
    let file = load_real(TWCS, ReadOptions::default());

    assert_eq!(file.kinds, vec![FileKind::Messages]);
    // "records: 5000": the two bare CRs inside one tweet are data, not
    // record ends, because the file's records end at LF.
    assert_rows_add_up(&file, 5000);
    assert_eq!(file.messages.len(), 5000);
    // Threads are checked in the core's conversation tests against
    // tests/independent/twcs_threads.py.
    assert!(!file.tickets.is_empty());
    assert_no_row_waits_for_a_rebuild(&file);
}

fn load_in_chunks(name: &str, bytes: &[u8], chunk_size: usize) -> LoadedFile {
    let mut loader = FileLoader::new(name, ReadOptions::default());
    for chunk in bytes.chunks(chunk_size) {
        loader.push(chunk);
    }
    loader.finish()
}

/// Asserts two loads of one file are the same, part by part, so that a
/// difference names the part instead of printing thousands of records.
fn assert_same_load(chunked: &LoadedFile, whole: &LoadedFile, what: &str) {
    assert_eq!(chunked.header, whole.header, "{what}: header");
    assert_eq!(chunked.delimiter, whole.delimiter, "{what}: delimiter");
    assert_eq!(chunked.encoding, whole.encoding, "{what}: encoding");
    assert_eq!(
        chunked.number_style, whole.number_style,
        "{what}: number style"
    );
    assert_eq!(chunked.kinds, whole.kinds, "{what}: kinds");
    assert_eq!(chunked.columns, whole.columns, "{what}: columns");
    assert_eq!(chunked.notes, whole.notes, "{what}: notes");
    assert_eq!(chunked.rows, whole.rows, "{what}: rows");
    assert_eq!(
        chunked.problems.len(),
        whole.problems.len(),
        "{what}: problems"
    );
    assert!(
        chunked.problems == whole.problems,
        "{what}: problems differ"
    );
    assert_eq!(
        chunked.tickets.len(),
        whole.tickets.len(),
        "{what}: tickets"
    );
    assert!(chunked.tickets == whole.tickets, "{what}: tickets differ");
    assert_eq!(
        chunked.surveys.len(),
        whole.surveys.len(),
        "{what}: surveys"
    );
    assert!(chunked.surveys == whole.surveys, "{what}: surveys differ");
    assert_eq!(chunked.calls.len(), whole.calls.len(), "{what}: calls");
    assert!(chunked.calls == whole.calls, "{what}: calls differ");
    assert!(chunked == whole, "{what}: the loaded files differ");
}

#[test]
fn chunked_real_files_load_the_same() {
    for name in ALL_REAL {
        let bytes = real_bytes(name);
        let whole = load_file(name, &bytes, ReadOptions::default());

        let chunked = load_in_chunks(name, &bytes, 4096);

        assert_same_load(&chunked, &whole, name);
    }
}

#[test]
fn small_real_files_in_tiny_chunks() {
    // The two smallest real files, split inside every accented UTF-8
    // character (Google Forms) and every Latin-1 byte and CRLF (UWV).
    for name in [GOOGLE_FORMS, UWV] {
        let bytes = real_bytes(name);
        let whole = load_file(name, &bytes, ReadOptions::default());
        for chunk_size in [1, 7] {
            let chunked = load_in_chunks(name, &bytes, chunk_size);

            let what = format!("{name} in {chunk_size}-byte chunks");
            assert_same_load(&chunked, &whole, &what);
        }
    }
}

#[test]
fn chunked_cases_load_the_same() {
    // Small files, so single bytes too: a chunk boundary then falls inside
    // the BOM, every CRLF, every quoted newline and every "ä".
    let cases = [
        "08-nps-promoter-boundaries.csv",
        "16-aht-duration-formats.csv",
        "17-utf8-bom-header.csv",
        "18-excel-semicolon-decimal-comma.csv",
        "20-quoted-newlines-crlf.csv",
        "22-ragged-rows-trailing-delimiters.csv",
        "25-epoch-timestamps.csv",
    ];
    for name in cases {
        let bytes = case_bytes(name);
        let whole = load_file(name, &bytes, ReadOptions::default());
        for chunk_size in [1, 7] {
            let chunked = load_in_chunks(name, &bytes, chunk_size);

            assert_same_load(
                &chunked,
                &whole,
                &format!("{name} in {chunk_size}-byte chunks"),
            );
        }
    }
}

/// Returns inputs that break naive readers, each with a name for the failure
/// message.
fn hostile_inputs() -> Vec<(&'static str, Vec<u8>)> {
    let mut wide_row = b"ticket_id,created_at\n".to_vec();
    let fields: Vec<String> = (0..10_000).map(|index| format!("v{index}")).collect();
    wide_row.extend_from_slice(fields.join(",").as_bytes());
    wide_row.push(b'\n');
    vec![
        ("empty", Vec::new()),
        ("only a BOM", b"\xEF\xBB\xBF".to_vec()),
        (
            "only a header",
            b"ticket_id,created_at,first_reply_at\n".to_vec(),
        ),
        (
            "a NUL byte",
            b"ticket_id,created_at\nT-1,2024-01-01\0T\n".to_vec(),
        ),
        (
            "an unclosed quote",
            b"ticket_id,subject,created_at\nT-1,\"never closed,2024-01-01\n".to_vec(),
        ),
        ("10,000 fields in one row", wide_row),
        ("a lone CR", b"\r".to_vec()),
        ("invalid UTF-8 only", b"\xFF\xFE\xFD\n\x80\x81".to_vec()),
        ("only quotes", b"\"\"\"\"\"".to_vec()),
        (
            "huge numbers",
            b"ticket_id,created_at,csat\nT-1,99999999999999999999,1e308\n".to_vec(),
        ),
    ]
}

#[test]
fn hostile_inputs_do_not_panic() {
    let mut panicked = Vec::new();
    for (name, bytes) in hostile_inputs() {
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let file = load_file(name, &bytes, ReadOptions::default());
            let byte_by_byte = load_in_chunks(name, &bytes, 1);
            let report = build(std::slice::from_ref(&file), &settings());
            (file, byte_by_byte, report)
        }));
        match outcome {
            Ok((file, byte_by_byte, report)) => {
                assert_eq!(
                    file.rows.used + left_out_count(&file.rows.left_out),
                    file.rows.total,
                    "{name}: row accounting"
                );
                assert_same_load(&byte_by_byte, &file, &format!("{name} byte by byte"));
                assert_all_figures_finite(&report);
            }
            Err(_) => panicked.push(name),
        }
    }
    assert_eq!(panicked, Vec::<&str>::new(), "inputs that panicked");
}

#[test]
fn hostile_inputs_are_reported() {
    let inputs: BTreeMap<&str, Vec<u8>> = hostile_inputs().into_iter().collect();
    let load = |name: &str| load_file(name, &inputs[name], ReadOptions::default());
    let has_problem = |file: &LoadedFile, wanted: fn(&ProblemKind) -> bool| {
        file.problems.iter().any(|problem| wanted(&problem.kind))
    };

    // No header at all: nothing to read, and the file reports it.
    for name in ["empty", "only a BOM"] {
        let file = load(name);
        assert!(file.kinds.is_empty(), "{name}: kinds {:?}", file.kinds);
        assert_eq!(file.rows.total, 0, "{name}");
        assert!(
            has_problem(&file, |kind| *kind == ProblemKind::EmptyFile),
            "{name}: problems {:?}",
            file.problems
        );
    }

    let header_only = load("only a header");
    assert_eq!(header_only.kinds, vec![FileKind::Tickets]);
    assert_eq!(header_only.rows.total, 0);

    let unclosed = load("an unclosed quote");
    assert!(
        has_problem(&unclosed, |kind| *kind == ProblemKind::UnclosedQuote),
        "problems {:?}",
        unclosed.problems
    );

    // The row has 10,000 non-empty fields against a two-column header; the
    // first surplus value is the third field, "v2".
    let wide = load("10,000 fields in one row");
    assert_eq!(wide.rows.total, 1);
    assert_eq!(wide.rows.used, 0);
    let too_many = wide.problems.iter().any(|problem| {
        problem.kind
            == ProblemKind::TooManyFields {
                found: 10_000,
                expected: 2,
                extra: "v2".to_string(),
            }
    });
    assert!(too_many, "problems {:?}", wide.problems);
}
