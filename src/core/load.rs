//! Loading one file: header to roles, rows to typed records, and an account
//! of every row that was left out.
//!
//! A [`FileLoader`] takes the file's bytes in chunks. Loading never fails: a
//! file that cannot be used (no header, no known column) comes back with no
//! kinds and an error in its problems, so the page can say why.
//!
//! The loader keeps the first [`SAMPLE_RECORDS`] records to decide how to
//! read each column (timestamp or duration, decimal comma, CSAT scale),
//! then turns every row into typed records as it streams. Day/month order
//! of numeric dates is decided per column once every value has been seen.
//!
//! When a row counts as used:
//! - a ticket row is used when its ticket id, its status or one of its
//!   times survives parsing, so a row whose every timestamp failed still
//!   counts for volume by status;
//! - a survey row is used when CSAT, NPS or CES has an answer; a blank or
//!   `Offered` rating is no response;
//! - a call row is used when any call column has a value, even an
//!   unreadable talk time, because average handle time reports those apart;
//! - a row that yields any record is used once, even when it yields a
//!   ticket and a survey response.
//!
//! Every other row is left out with its reason, so that
//! `used + left out = total` holds for every file.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::core::columns::{self, ColumnMatch, Role};
use crate::core::duration::{self, DurationUnit, ParsedDuration};
use crate::core::model::{
    Call, Dims, FileKind, Rating, Scale, Sentiment, Stamp, SurveyResponse, Ticket, TicketState,
};
use crate::core::number::{self, NumberStyle};
use crate::core::problem::{Location, Problem, ProblemKind, Severity};
use crate::core::read::{CsvReader, RawRecord, ReadProblem, TextEncoding};
use crate::core::report::LeftOut;
use crate::core::settings::{DateOrder, ReadOptions, TwoPartDuration};
use crate::core::timestamp::{self, ParsedStamp};

/// Row accounting for one file: `used + left out = total`, always.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowCounts {
    /// Data records read (the header and blank lines are not records).
    pub total: usize,
    pub used: usize,
    pub left_out: Vec<LeftOut>,
}

/// A note about how a column was read, shown beside the file, e.g.
/// `created_at: Unix seconds` or `Datum: day-first dates`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnNote {
    pub column: String,
    pub note: String,
}

/// A file after loading.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadedFile {
    pub name: String,
    /// Column names as written, without BOM or surrounding quotes.
    pub header: Vec<String>,
    /// Identifies the header's layout, for remembering a mapping.
    pub header_key: String,
    pub delimiter: u8,
    pub encoding: TextEncoding,
    pub number_style: NumberStyle,
    pub kinds: Vec<FileKind>,
    pub columns: Vec<ColumnMatch>,
    pub notes: Vec<ColumnNote>,
    /// Scale of the CSAT column, when it is numeric.
    pub csat_scale: Option<Scale>,
    pub tickets: Vec<Ticket>,
    pub surveys: Vec<SurveyResponse>,
    pub calls: Vec<Call>,
    pub rows: RowCounts,
    pub problems: Vec<Problem>,
}

/// Records kept to decide how each column is read before the rest streams.
pub const SAMPLE_RECORDS: usize = 200;

/// Problems listed per column and kind of problem; the rest are counted in
/// one summary problem, so that a bad column cannot flood the page.
const PROBLEMS_PER_COLUMN: usize = 50;

const LEFT_OUT_MESSAGES: &str = "conversation messages are not rebuilt into tickets yet";
const LEFT_OUT_EVENTS: &str = "ticket events are not rebuilt into tickets yet";
const LEFT_OUT_UNKNOWN: &str = "no column matched tickets, survey responses or calls";
const LEFT_OUT_TOO_MANY_FIELDS: &str = "more fields than the header has columns";
const LEFT_OUT_EARLIER_STATE: &str =
    "earlier state of a ticket that appears again later in the file";
const LEFT_OUT_NO_TICKET: &str = "no ticket id, status or readable time";
const LEFT_OUT_NO_ANSWER: &str = "survey row with no answer";
const LEFT_OUT_NO_CALL: &str = "no call values";

/// Loads one file from byte chunks.
pub struct FileLoader {
    name: String,
    options: ReadOptions,
    reader: CsvReader,
    /// Records handed over by the reader, not yet processed.
    incoming: Vec<RawRecord>,
    header: Option<Vec<String>>,
    sample: Vec<RawRecord>,
    plan: Option<Plan>,
    rows: Vec<RowRecords>,
    dates: Vec<PendingDate>,
    stamp_columns: BTreeMap<usize, StampColumn>,
    read_problems: Vec<ReadProblem>,
    problems: Vec<Problem>,
    problem_counts: HashMap<(Option<usize>, &'static str), usize>,
    total: usize,
    left_out: Vec<LeftOut>,
    unknown_statuses: BTreeSet<String>,
    not_answered_ratings: BTreeMap<String, usize>,
}

/// How the file's columns are read, decided from the header and the sample.
struct Plan {
    columns: Vec<ColumnMatch>,
    kinds: Vec<FileKind>,
    /// Why every row is left out, for files whose kind is not computed.
    left_out_reason: Option<&'static str>,
    number_style: NumberStyle,
    csat_scale: Option<Scale>,
    units: BTreeMap<usize, DurationUnit>,
    notes: Vec<ColumnNote>,
}

impl Plan {
    fn column(&self, role: Role) -> Option<usize> {
        self.columns
            .iter()
            .find(|m| m.role == role)
            .map(|m| m.index)
    }

    fn has(&self, role: Role) -> bool {
        self.column(role).is_some()
    }
}

/// The records one used row produced.
#[derive(Default)]
struct RowRecords {
    ticket: Option<Ticket>,
    survey: Option<SurveyResponse>,
    call: Option<Call>,
}

/// The record field a timestamp cell fills.
#[derive(Clone, Copy)]
enum StampField {
    Created,
    FirstResponseAt,
    ResolvedAt,
    ClosedAt,
    AnsweredAt,
    CallStarted,
}

/// A numeric date whose day/month order waits for the whole column.
struct PendingDate {
    row: usize,
    field: StampField,
    column: usize,
    line: u64,
    text: String,
    first: u32,
    second: u32,
    year: i32,
    time: NaiveTime,
}

/// What a timestamp column's values showed so far.
#[derive(Default)]
struct StampColumn {
    unix_seconds: usize,
    unix_millis: usize,
    /// A first part above 12, as in `13/04/2024`.
    day_first_seen: bool,
    /// A second part above 12, as in `04/13/2024`.
    month_first_seen: bool,
    /// Written with dots, as in `03.06.2024`, which is always day-first.
    dotted: bool,
    example: Option<String>,
}

impl FileLoader {
    pub fn new(name: &str, options: ReadOptions) -> FileLoader {
        FileLoader {
            name: name.to_string(),
            options,
            reader: CsvReader::new(),
            incoming: Vec::new(),
            header: None,
            sample: Vec::new(),
            plan: None,
            rows: Vec::new(),
            dates: Vec::new(),
            stamp_columns: BTreeMap::new(),
            read_problems: Vec::new(),
            problems: Vec::new(),
            problem_counts: HashMap::new(),
            total: 0,
            left_out: Vec::new(),
            unknown_statuses: BTreeSet::new(),
            not_answered_ratings: BTreeMap::new(),
        }
    }

    /// Feeds the next chunk of the file's bytes.
    pub fn push(&mut self, chunk: &[u8]) {
        let mut incoming = std::mem::take(&mut self.incoming);
        self.reader.push(chunk, &mut incoming);
        self.take_records(&mut incoming);
        self.incoming = incoming;
        self.read_problems.extend(self.reader.take_problems());
    }

    /// Ends the file and returns what was loaded.
    pub fn finish(mut self) -> LoadedFile {
        let mut incoming = std::mem::take(&mut self.incoming);
        self.reader.finish(&mut incoming);
        self.take_records(&mut incoming);
        self.read_problems.extend(self.reader.take_problems());

        let Some(header) = self.header.take() else {
            return self.empty_file();
        };
        if self.plan.is_none() {
            self.make_plan(&header);
        }
        let sample = std::mem::take(&mut self.sample);
        for record in sample {
            self.process(&header, record);
        }

        self.settle_dates(&header);
        self.fill_answered_at();
        self.keep_last_ticket_per_id();
        self.note_statuses_and_ratings();
        self.add_read_problems(&header);
        self.into_loaded(header)
    }

    fn take_records(&mut self, incoming: &mut Vec<RawRecord>) {
        for record in incoming.drain(..) {
            let Some(header) = self.header.clone() else {
                let cleaned = record
                    .fields
                    .iter()
                    .map(|f| columns::clean_header(f))
                    .collect();
                self.header = Some(cleaned);
                continue;
            };
            if self.plan.is_some() {
                self.process(&header, record);
                continue;
            }
            self.sample.push(record);
            if self.sample.len() >= SAMPLE_RECORDS {
                self.make_plan(&header);
                let sample = std::mem::take(&mut self.sample);
                for record in sample {
                    self.process(&header, record);
                }
            }
        }
    }

    /// A file with no records at all.
    fn empty_file(mut self) -> LoadedFile {
        self.problems.push(Problem::error(
            Location::file(&self.name),
            ProblemKind::EmptyFile,
        ));
        self.into_loaded(Vec::new())
    }

    fn into_loaded(self, header: Vec<String>) -> LoadedFile {
        let mut file = LoadedFile {
            name: self.name,
            header_key: columns::header_key(&header),
            header,
            delimiter: self.reader.delimiter().unwrap_or(b','),
            encoding: self.reader.encoding(),
            problems: self.problems,
            ..LoadedFile::default()
        };
        if let Some(plan) = self.plan {
            file.number_style = plan.number_style;
            file.kinds = plan.kinds;
            file.columns = plan.columns;
            file.notes = plan.notes;
            file.csat_scale = plan.csat_scale;
        }
        let mut used = 0;
        for row in self.rows {
            let mut any = false;
            if let Some(ticket) = row.ticket {
                file.tickets.push(ticket);
                any = true;
            }
            if let Some(survey) = row.survey {
                file.surveys.push(survey);
                any = true;
            }
            if let Some(call) = row.call {
                file.calls.push(call);
                any = true;
            }
            if any {
                used += 1;
            }
        }
        file.rows = RowCounts {
            total: self.total,
            used,
            left_out: self.left_out,
        };
        file
    }
}

// Deciding how to read the columns.
impl FileLoader {
    fn make_plan(&mut self, header: &[String]) {
        let mut columns = columns::match_header(header, &self.options);
        let mut notes = Vec::new();

        let number_style = number_style_of(&self.sample, &columns);
        let decimal_comma = number_style == NumberStyle::DecimalComma;
        self.settle_time_or_duration(&mut columns, &mut notes, decimal_comma);

        let mut units = BTreeMap::new();
        for column in &columns {
            if is_duration_role(column.role) {
                let unit =
                    duration::unit_from_header(&column.header).unwrap_or(DurationUnit::Seconds);
                units.insert(column.index, unit);
            }
        }

        let (kinds, left_out_reason) = kinds_of(&columns);
        let csat_column = columns.iter().find(|m| m.role == Role::Csat);
        let csat_scale = csat_column.and_then(|column| {
            let values = sample_values(&self.sample, column.index);
            let (scale, source) = csat_scale_of(&column.header, &values, number_style)?;
            notes.push(ColumnNote {
                column: column.header.clone(),
                note: format!("CSAT scale {}–{} ({source})", scale.min, scale.max),
            });
            Some(scale)
        });
        if decimal_comma {
            notes.push(ColumnNote {
                column: String::new(),
                note: "numbers use a decimal comma (4,5 = 4.5; 1.250 = 1250)".to_string(),
            });
        }
        if kinds.is_empty() {
            self.problems.push(Problem::error(
                Location::file(&self.name),
                ProblemKind::UnknownKind,
            ));
        }

        self.plan = Some(Plan {
            columns,
            kinds,
            left_out_reason,
            number_style,
            csat_scale,
            units,
            notes,
        });
    }

    /// Turns "First Response Time" and "Time to Resolution" into timestamp
    /// roles when the sampled values are dates rather than durations.
    fn settle_time_or_duration(
        &self,
        columns: &mut [ColumnMatch],
        notes: &mut Vec<ColumnNote>,
        decimal_comma: bool,
    ) {
        let switches = [
            (Role::FirstResponseTime, Role::FirstResponseAt),
            (Role::ResolutionTime, Role::ResolvedAt),
        ];
        for (duration_role, stamp_role) in switches {
            if columns.iter().any(|m| m.role == stamp_role) {
                continue;
            }
            let Some(column) = columns
                .iter_mut()
                .find(|m| m.role == duration_role && !m.by_hand)
            else {
                continue;
            };
            let values = sample_values(&self.sample, column.index);
            let stamps = values
                .iter()
                .filter(|v| timestamp::parse_stamp(v).is_some())
                .count();
            let durations = values
                .iter()
                .filter(|v| {
                    duration::parse_duration(v, DurationUnit::Seconds, decimal_comma).is_some()
                })
                .count();
            if stamps > durations {
                column.role = stamp_role;
                notes.push(ColumnNote {
                    column: column.header.clone(),
                    note: format!("holds dates and times, read as {}", stamp_role.label()),
                });
            }
        }
    }
}

/// The kinds of record a file holds, or why all its rows are left out.
/// A message or event log is only that, even when it also has a ticket id
/// and a creation time.
fn kinds_of(columns: &[ColumnMatch]) -> (Vec<FileKind>, Option<&'static str>) {
    let has = |role: Role| columns.iter().any(|m| m.role == role);
    let has_any = |roles: &[Role]| roles.iter().any(|r| has(*r));

    let case_id = has_any(&[Role::CaseId, Role::TicketId]);
    let event_time = has_any(&[Role::EventAt, Role::Created, Role::AnsweredAt]);
    if has(Role::Activity) && case_id && event_time {
        return (vec![FileKind::Events], Some(LEFT_OUT_EVENTS));
    }
    let threaded = has_any(&[Role::InResponseTo, Role::Inbound]);
    let in_conversation = has(Role::TicketId) && has_any(&[Role::SenderType, Role::MessageId]);
    if threaded || in_conversation {
        return (vec![FileKind::Messages], Some(LEFT_OUT_MESSAGES));
    }

    let mut kinds = Vec::new();
    let ticket_times = [
        Role::Created,
        Role::FirstResponseAt,
        Role::ResolvedAt,
        Role::ClosedAt,
        Role::FirstResponseTime,
        Role::ResolutionTime,
    ];
    if has_any(&ticket_times) || (has(Role::TicketId) && has(Role::Status)) {
        kinds.push(FileKind::Tickets);
    }
    if has_any(&[Role::Csat, Role::Nps, Role::Ces]) {
        kinds.push(FileKind::Survey);
    }
    if has_any(&[
        Role::TalkTime,
        Role::HandleTime,
        Role::Answered,
        Role::CallId,
    ]) {
        kinds.push(FileKind::Calls);
    }
    if kinds.is_empty() {
        return (kinds, Some(LEFT_OUT_UNKNOWN));
    }
    (kinds, None)
}

fn is_duration_role(role: Role) -> bool {
    matches!(
        role,
        Role::FirstResponseTime
            | Role::ResolutionTime
            | Role::TalkTime
            | Role::HoldTime
            | Role::WrapTime
            | Role::HandleTime
            | Role::WaitTime
    )
}

/// Roles whose cells are numbers, durations or scores, where a decimal
/// comma can appear.
fn is_numeric_role(role: Role) -> bool {
    is_duration_role(role)
        || matches!(
            role,
            Role::Csat | Role::Nps | Role::Ces | Role::Replies | Role::Reopens
        )
}

/// The non-missing values of one column in the sample.
fn sample_values(sample: &[RawRecord], index: usize) -> Vec<&str> {
    sample
        .iter()
        .filter_map(|record| record.fields.get(index))
        .map(|field| field.trim())
        .filter(|text| !number::is_missing(text))
        .collect()
}

/// The number style the numeric columns of the sample show.
fn number_style_of(sample: &[RawRecord], columns: &[ColumnMatch]) -> NumberStyle {
    let values = columns
        .iter()
        .filter(|m| is_numeric_role(m.role))
        .flat_map(|m| sample_values(sample, m.index));
    number::guess_style(values)
}

/// The CSAT scale, from a header hint such as `csat_1_5` or `(1-7)`, else
/// from the sampled scores: highest at most 5 is 1–5, at most 7 is 1–7,
/// at most 10 is 1–10, or 0–10 when a 0 appears. `None` for label ratings.
fn csat_scale_of(
    header: &str,
    values: &[&str],
    style: NumberStyle,
) -> Option<(Scale, &'static str)> {
    if let Some(scale) = scale_from_header(header) {
        return Some((scale, "from the header"));
    }
    let scores: Vec<f64> = values
        .iter()
        .filter_map(|v| number::parse_number(v, style))
        .collect();
    if scores.is_empty() {
        return None;
    }
    let min = scores.iter().copied().fold(f64::INFINITY, f64::min);
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let scale = |min, max| Scale { min, max };
    let found = if max <= 5.0 && min >= 1.0 {
        scale(1.0, 5.0)
    } else if max <= 7.0 && min >= 1.0 {
        scale(1.0, 7.0)
    } else if max <= 10.0 && min >= 1.0 {
        scale(1.0, 10.0)
    } else if max <= 10.0 && min >= 0.0 {
        scale(0.0, 10.0)
    } else {
        return None;
    };
    Some((found, "from the values"))
}

/// A scale named in a header: two numbers, the first 0 or 1 and the second
/// 3, 4, 5, 7 or 10, as in `csat_1_5`, `Rating (1-7)`, `ces 1 to 7`.
fn scale_from_header(header: &str) -> Option<Scale> {
    let numbers: Vec<u32> = header
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|part| part.parse().ok())
        .collect();
    numbers.windows(2).find_map(|pair| {
        let (low, high) = (pair[0], pair[1]);
        let plausible = low <= 1 && [3, 4, 5, 7, 10].contains(&high);
        plausible.then_some(Scale {
            min: f64::from(low),
            max: f64::from(high),
        })
    })
}

// Turning one row into records.
impl FileLoader {
    fn process(&mut self, header: &[String], record: RawRecord) {
        self.total += 1;
        let Some(plan) = self.plan.take() else {
            return;
        };
        self.process_with(&plan, header, record);
        self.plan = Some(plan);
    }

    fn process_with(&mut self, plan: &Plan, header: &[String], record: RawRecord) {
        if let Some(reason) = plan.left_out_reason {
            self.leave_out(reason);
            return;
        }
        if let Some(extra) = surplus_value(&record.fields, header.len()) {
            let kind = ProblemKind::TooManyFields {
                found: record.fields.len(),
                expected: header.len(),
                extra: extra.to_string(),
            };
            self.problems.push(Problem::error(
                Location::line(&self.name, record.line),
                kind,
            ));
            self.leave_out(LEFT_OUT_TOO_MANY_FIELDS);
            return;
        }

        let row = self.rows.len();
        let mut cells = Cells {
            loader: self,
            plan,
            header,
            record: &record,
            row,
        };
        let dims = cells.dims();
        let ticket = if plan.kinds.contains(&FileKind::Tickets) {
            cells.ticket(&dims)
        } else {
            None
        };
        let survey = if plan.kinds.contains(&FileKind::Survey) {
            cells.survey(&dims)
        } else {
            None
        };
        let call = if plan.kinds.contains(&FileKind::Calls) {
            cells.call(&dims)
        } else {
            None
        };

        if ticket.is_none() && survey.is_none() && call.is_none() {
            // Pending dates of a row that is left out have nowhere to go.
            self.dates.retain(|date| date.row != row);
            let reason = match plan.kinds.first() {
                Some(FileKind::Tickets) => LEFT_OUT_NO_TICKET,
                Some(FileKind::Survey) => LEFT_OUT_NO_ANSWER,
                _ => LEFT_OUT_NO_CALL,
            };
            self.leave_out(reason);
            return;
        }
        self.rows.push(RowRecords {
            ticket,
            survey,
            call,
        });
    }

    fn leave_out(&mut self, reason: &str) {
        add_left_out(&mut self.left_out, reason, 1);
    }

    /// Adds a problem unless the column already listed enough of its kind.
    fn report(&mut self, column: Option<usize>, tag: &'static str, problem: Problem) {
        let count = self.problem_counts.entry((column, tag)).or_insert(0);
        *count += 1;
        if *count <= PROBLEMS_PER_COLUMN {
            self.problems.push(problem);
        }
    }
}

fn add_left_out(left_out: &mut Vec<LeftOut>, reason: &str, count: usize) {
    match left_out.iter_mut().find(|l| l.reason == reason) {
        Some(entry) => entry.count += count,
        None => left_out.push(LeftOut {
            reason: reason.to_string(),
            count,
        }),
    }
}

/// The first non-empty field past the header's width, if any. Empty
/// surplus fields come from trailing delimiters and are harmless.
fn surplus_value(fields: &[String], width: usize) -> Option<&str> {
    fields
        .get(width..)?
        .iter()
        .map(|f| f.trim())
        .find(|f| !f.is_empty())
}

/// One row being read, with access to the loader for problems and
/// pending dates.
struct Cells<'a> {
    loader: &'a mut FileLoader,
    plan: &'a Plan,
    header: &'a [String],
    record: &'a RawRecord,
    row: usize,
}

impl Cells<'_> {
    /// The column index and trimmed text of a role's cell; `None` when the
    /// file has no such column, the row is short, or the cell is missing.
    fn cell(&self, role: Role) -> Option<(usize, &str)> {
        let index = self.plan.column(role)?;
        let text = self.record.fields.get(index)?.trim();
        if number::is_missing(text) {
            return None;
        }
        Some((index, text))
    }

    fn text(&self, role: Role) -> Option<String> {
        self.cell(role).map(|(_, text)| text.to_string())
    }

    fn location(&self, index: usize) -> Location {
        let column = self.header.get(index).map(String::as_str).unwrap_or("");
        Location::cell(&self.loader.name, self.record.line, column)
    }

    fn error(&mut self, index: usize, tag: &'static str, kind: ProblemKind) {
        let problem = Problem::error(self.location(index), kind);
        self.loader.report(Some(index), tag, problem);
    }

    fn dims(&self) -> Dims {
        Dims {
            channel: self.text(Role::Channel),
            team: self.text(Role::Team),
            agent: self.text(Role::Agent).map(|agent| agent_name(&agent)),
            product: self.text(Role::Product),
            priority: self.text(Role::Priority),
        }
    }

    fn ticket(&mut self, dims: &Dims) -> Option<Ticket> {
        let status = self.text(Role::Status);
        let state = match &status {
            Some(text) => {
                let state = ticket_state(text);
                if state == TicketState::Unknown && self.loader.unknown_statuses.len() < 20 {
                    self.loader.unknown_statuses.insert(text.clone());
                }
                state
            }
            None => TicketState::Unknown,
        };
        let ticket = Ticket {
            line: self.record.line,
            id: self.text(Role::TicketId),
            created: self.stamp(Role::Created, StampField::Created),
            first_response_at: self.stamp(Role::FirstResponseAt, StampField::FirstResponseAt),
            first_response_secs: self.duration(Role::FirstResponseTime),
            resolved_at: self.stamp(Role::ResolvedAt, StampField::ResolvedAt),
            closed_at: self.stamp(Role::ClosedAt, StampField::ClosedAt),
            resolution_secs: self.duration(Role::ResolutionTime),
            status,
            state,
            replies: self.count(Role::Replies),
            reopens: self.count(Role::Reopens),
            one_touch: self.flag(Role::OneTouch),
            customer_interactions: self.count(Role::CustomerInteractions),
            dims: dims.clone(),
        };

        let pending = self.loader.dates.iter().any(|d| d.row == self.row);
        let has_key = ticket.id.is_some()
            || ticket.status.is_some()
            || ticket.created.is_some()
            || ticket.first_response_at.is_some()
            || ticket.resolved_at.is_some()
            || ticket.closed_at.is_some()
            || ticket.first_response_secs.is_some()
            || ticket.resolution_secs.is_some()
            || pending;
        has_key.then_some(ticket)
    }

    fn survey(&mut self, dims: &Dims) -> Option<SurveyResponse> {
        let response = SurveyResponse {
            line: self.record.line,
            answered_at: self.stamp(Role::AnsweredAt, StampField::AnsweredAt),
            ticket_id: self.text(Role::TicketId),
            csat: self.rating(),
            nps: self.number(Role::Nps),
            ces: self.number(Role::Ces),
            dims: dims.clone(),
        };
        let answered = response.csat.is_some() || response.nps.is_some() || response.ces.is_some();
        if !answered {
            // A pending date of an unanswered survey has no record to fill.
            let row = self.row;
            self.loader
                .dates
                .retain(|d| !(d.row == row && matches!(d.field, StampField::AnsweredAt)));
        }
        answered.then_some(response)
    }

    fn call(&mut self, dims: &Dims) -> Option<Call> {
        let call_roles = [
            Role::CallId,
            Role::CallStart,
            Role::CallDate,
            Role::Answered,
            Role::TalkTime,
            Role::HoldTime,
            Role::WrapTime,
            Role::HandleTime,
            Role::WaitTime,
            Role::CallResolved,
        ];
        let has_value = call_roles.iter().any(|role| self.cell(*role).is_some());

        let started = match self.plan.has(Role::CallStart) {
            true => self.stamp(Role::CallStart, StampField::CallStarted),
            false => self.call_date_and_time(),
        };
        let talk_secs = self.duration(Role::TalkTime);
        let talk_present = self.cell(Role::TalkTime).is_some();
        // An empty hold or wrap-up beside a talk time means none took place;
        // without a talk time (a missed call) it stays unknown.
        let part = |cells: &mut Self, role: Role| match cells.cell(role) {
            None if talk_present && cells.plan.has(role) => Some(0.0),
            _ => cells.duration(role),
        };
        let hold_secs = part(self, Role::HoldTime);
        let wrap_secs = part(self, Role::WrapTime);

        let call = Call {
            line: self.record.line,
            id: self.text(Role::CallId),
            started,
            answered: self.flag(Role::Answered),
            talk_secs,
            hold_secs,
            wrap_secs,
            handle_secs: self.duration(Role::HandleTime),
            wait_secs: self.duration(Role::WaitTime),
            resolved: self.flag(Role::CallResolved),
            dims: dims.clone(),
        };
        has_value.then_some(call)
    }
}

// Reading single cells.
impl Cells<'_> {
    /// A timestamp cell. Numeric dates with an undecided day/month order
    /// are kept aside and filled in when the whole column has been seen.
    fn stamp(&mut self, role: Role, field: StampField) -> Option<Stamp> {
        let (index, text) = self.cell(role)?;
        let text = text.to_string();
        let Some(parsed) = timestamp::parse_stamp(&text) else {
            self.error(index, "timestamp", not_a_timestamp(&text));
            return None;
        };
        self.settle_stamp(index, field, &text, parsed, None)
    }

    fn settle_stamp(
        &mut self,
        index: usize,
        field: StampField,
        text: &str,
        parsed: ParsedStamp,
        time_of_day: Option<NaiveTime>,
    ) -> Option<Stamp> {
        let column = self.loader.stamp_columns.entry(index).or_default();
        match parsed {
            ParsedStamp::Instant(instant) => {
                match unix_digits(text) {
                    Some(digits) if digits >= 13 => column.unix_millis += 1,
                    Some(_) => column.unix_seconds += 1,
                    None => {}
                }
                Some(Stamp::Utc(instant))
            }
            ParsedStamp::Local(local) => match time_of_day {
                Some(time) => Some(Stamp::Local(local.date().and_time(time))),
                None => Some(Stamp::Local(local)),
            },
            ParsedStamp::DayMonth {
                first,
                second,
                year,
                time,
            } => {
                column.day_first_seen |= first > 12;
                column.month_first_seen |= second > 12;
                column.dotted |= text.contains('.');
                if column.example.is_none() && first <= 12 && second <= 12 {
                    column.example = Some(text.to_string());
                }
                self.loader.dates.push(PendingDate {
                    row: self.row,
                    field,
                    column: index,
                    line: self.record.line,
                    text: text.to_string(),
                    first,
                    second,
                    year,
                    time: time_of_day.unwrap_or(time),
                });
                None
            }
        }
    }

    /// A call's start from a date column and an optional time-of-day
    /// column, such as `Date` = `2021-01-01` and `Time` = `9:12:58`.
    fn call_date_and_time(&mut self) -> Option<Stamp> {
        let time_of_day = match self.cell(Role::CallTime) {
            Some((index, text)) => {
                let text = text.to_string();
                let time = timestamp::parse_time_of_day(&text);
                if time.is_none() {
                    let kind = ProblemKind::NotATimestamp {
                        value: text,
                        expected: "a time of day such as 9:12:58 or 3:45 PM".to_string(),
                    };
                    self.error(index, "time of day", kind);
                }
                time
            }
            None => None,
        };
        let (index, text) = self.cell(Role::CallDate)?;
        let text = text.to_string();
        let Some(parsed) = timestamp::parse_stamp(&text) else {
            self.error(index, "timestamp", not_a_timestamp(&text));
            return None;
        };
        self.settle_stamp(index, StampField::CallStarted, &text, parsed, time_of_day)
    }

    /// A duration cell in seconds. A two-part value such as `04:10` is
    /// read as the user chose, or held back with a warning.
    fn duration(&mut self, role: Role) -> Option<f64> {
        let (index, text) = self.cell(role)?;
        let text = text.to_string();
        let unit = self
            .plan
            .units
            .get(&index)
            .copied()
            .unwrap_or(DurationUnit::Seconds);
        let decimal_comma = self.plan.number_style == NumberStyle::DecimalComma;
        match duration::parse_duration(&text, unit, decimal_comma) {
            Some(ParsedDuration::Seconds(seconds)) => Some(seconds),
            Some(ParsedDuration::Ambiguous {
                as_min_sec,
                as_hour_min,
            }) => match self.loader.options.two_part_duration {
                TwoPartDuration::MinutesSeconds => Some(as_min_sec),
                TwoPartDuration::HoursMinutes => Some(as_hour_min),
                TwoPartDuration::Ask => {
                    let kind = ProblemKind::AmbiguousDuration {
                        value: text,
                        as_min_sec,
                        as_hour_min,
                    };
                    let problem = Problem::warning(self.location(index), kind);
                    self.loader
                        .report(Some(index), "ambiguous duration", problem);
                    None
                }
            },
            None => {
                let kind = ProblemKind::NotADuration {
                    value: text,
                    expected: duration::EXPECTED.to_string(),
                };
                self.error(index, "duration", kind);
                None
            }
        }
    }

    fn number(&mut self, role: Role) -> Option<f64> {
        let (index, text) = self.cell(role)?;
        let text = text.to_string();
        let parsed = number::parse_number(&text, self.plan.number_style);
        if parsed.is_none() {
            let kind = ProblemKind::NotANumber {
                value: text,
                expected: expected_number(self.plan.number_style).to_string(),
            };
            self.error(index, "number", kind);
        }
        parsed
    }

    /// A whole count such as replies or reopens.
    fn count(&mut self, role: Role) -> Option<u32> {
        let (index, text) = self.cell(role)?;
        let text = text.to_string();
        let value = number::parse_number(&text, self.plan.number_style);
        let whole = value.filter(|v| *v >= 0.0 && v.fract() == 0.0 && *v <= f64::from(u32::MAX));
        match whole {
            // The filter above keeps only whole numbers within u32.
            Some(v) => Some(v as u32),
            None => {
                let kind = ProblemKind::NotANumber {
                    value: text,
                    expected: "a whole number of 0 or more".to_string(),
                };
                self.error(index, "count", kind);
                None
            }
        }
    }

    fn flag(&mut self, role: Role) -> Option<bool> {
        let (index, text) = self.cell(role)?;
        let text = text.to_string();
        let value = parse_flag(&text);
        if value.is_none() {
            let kind = ProblemKind::Other {
                value: text,
                message: "is not a yes/no value (expected Y/N, yes/no, true/false or 1/0)"
                    .to_string(),
            };
            self.error(index, "flag", kind);
        }
        value
    }

    /// A CSAT cell: a score, a known label, or nothing for Zendesk's
    /// `Offered` and `Not Offered`, which mark surveys without an answer.
    fn rating(&mut self) -> Option<Rating> {
        let (index, text) = self.cell(Role::Csat)?;
        let text = text.to_string();
        if let Some(score) = number::parse_number(&text, self.plan.number_style) {
            return Some(Rating::Score(score));
        }
        let folded = columns::match_text(&text);
        if folded == "offered" || folded == "not offered" {
            *self.loader.not_answered_ratings.entry(text).or_insert(0) += 1;
            return None;
        }
        match sentiment_of(&text) {
            Some(sentiment) => Some(Rating::Label { text, sentiment }),
            None => {
                self.error(index, "rating", ProblemKind::UnknownRating { value: text });
                None
            }
        }
    }
}

fn not_a_timestamp(text: &str) -> ProblemKind {
    ProblemKind::NotATimestamp {
        value: text.to_string(),
        expected: timestamp::EXPECTED.to_string(),
    }
}

fn expected_number(style: NumberStyle) -> &'static str {
    match style {
        NumberStyle::DecimalPoint => "a number such as 4 or 4.5",
        NumberStyle::DecimalComma => "a number such as 4 or 4,5",
    }
}

/// The number of digits when the text is a plain integer, as Unix times
/// are written.
fn unix_digits(text: &str) -> Option<usize> {
    let digits = text.trim();
    let all_digits = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
    all_digits.then_some(digits.len())
}

/// Yes/no cells in the forms exports use, in English, French, German,
/// Spanish, Dutch and Portuguese.
fn parse_flag(text: &str) -> Option<bool> {
    let folded = columns::match_text(text);
    match folded.as_str() {
        "y" | "yes" | "true" | "1" | "oui" | "ja" | "j" | "si" | "sim" | "t" => Some(true),
        "n" | "no" | "false" | "0" | "non" | "nein" | "nee" | "nao" | "f" => Some(false),
        _ => None,
    }
}

/// Where a ticket stands, from its status text. Merged and duplicate come
/// first, then closed (a cancelled ticket needs no more work, so it is
/// closed rather than open), then solved and resolved, then the words of
/// work still to do.
fn ticket_state(text: &str) -> TicketState {
    let folded = columns::match_text(text);
    let has = |words: &[&str]| words.iter().any(|w| contains_words(&folded, w));
    if has(&[
        "merged",
        "duplicate",
        "zusammengefuhrt",
        "samengevoegd",
        "fusionne",
    ]) {
        return TicketState::Merged;
    }
    let closed = [
        "closed",
        "cancelled",
        "canceled",
        "cerrada",
        "cerrado",
        "geschlossen",
        "ferme",
        "gesloten",
        "fechado",
        "done",
        "completed",
    ];
    if has(&closed) {
        return TicketState::Closed;
    }
    let resolved = [
        "solved",
        "resolved",
        "resuelta",
        "resuelto",
        "gelost",
        "resolu",
        "opgelost",
        "resolvido",
    ];
    if has(&resolved) {
        return TicketState::Resolved;
    }
    let open = [
        "open",
        "new",
        "pending",
        "hold",
        "on hold",
        "in progress",
        "assigned",
        "waiting",
        "awaiting",
        "active",
        "reopened",
        "escalated",
        "abierta",
        "abierto",
        "nueva",
        "en curso",
        "offen",
        "neu",
        "in bearbeitung",
        "ouvert",
        "nouveau",
        "en cours",
        "en attente",
        "nieuw",
        "in behandeling",
        "aberto",
        "novo",
        "em andamento",
    ];
    if has(&open) {
        return TicketState::Open;
    }
    TicketState::Unknown
}

fn contains_words(text: &str, phrase: &str) -> bool {
    let words: Vec<&str> = text.split(' ').collect();
    let wanted: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(wanted.len())
        .any(|window| window == wanted.as_slice())
}

/// How a rating label feels, for the labels help desks and survey tools
/// use; `None` for text the loader does not know.
fn sentiment_of(text: &str) -> Option<Sentiment> {
    match text.trim() {
        "👍" | "🙂" | "😀" | "😊" => return Some(Sentiment::Positive),
        "😐" => return Some(Sentiment::Neutral),
        "👎" | "🙁" | "😞" | "😡" => return Some(Sentiment::Negative),
        _ => {}
    }
    let folded = columns::match_text(text);
    let positive = [
        "good",
        "great",
        "satisfied",
        "very satisfied",
        "happy",
        "very happy",
        "excellent",
        "very good",
        "amazing",
        "positive",
        "thumbs up",
        "awesome",
    ];
    let neutral = ["okay", "ok", "neutral", "average", "fair"];
    let negative = [
        "bad",
        "not good",
        "dissatisfied",
        "very dissatisfied",
        "unsatisfied",
        "very unsatisfied",
        "unhappy",
        "very unhappy",
        "poor",
        "very poor",
        "terrible",
        "very bad",
        "negative",
        "thumbs down",
        "awful",
    ];
    if positive.contains(&folded.as_str()) {
        Some(Sentiment::Positive)
    } else if neutral.contains(&folded.as_str()) {
        Some(Sentiment::Neutral)
    } else if negative.contains(&folded.as_str()) {
        Some(Sentiment::Negative)
    } else {
        None
    }
}

/// The name from a Chatwoot-style agent cell `Name (email)`; other cells
/// unchanged.
fn agent_name(cell: &str) -> String {
    let Some(open) = cell.rfind('(') else {
        return cell.to_string();
    };
    let inside = &cell[open..];
    let name = cell[..open].trim();
    if inside.ends_with(')') && inside.contains('@') && !name.is_empty() {
        return name.to_string();
    }
    cell.to_string()
}

// Work done once every row has been read.
impl FileLoader {
    /// Decides the day/month order of each column's numeric dates and
    /// fills them in: a first part above 12 means day-first, a second part
    /// above 12 month-first, dots mean day-first. Otherwise the order the
    /// user chose for the column applies, or the dates stay empty and one
    /// problem asks for the order.
    fn settle_dates(&mut self, header: &[String]) {
        let dates = std::mem::take(&mut self.dates);
        let stamp_columns = std::mem::take(&mut self.stamp_columns);
        let mut notes = Vec::new();

        for (index, column) in &stamp_columns {
            let name = header.get(*index).cloned().unwrap_or_default();
            if column.unix_seconds > 0 {
                notes.push(note(&name, "Unix seconds"));
            }
            if column.unix_millis > 0 {
                notes.push(note(&name, "Unix milliseconds"));
            }
            let column_dates: Vec<&PendingDate> =
                dates.iter().filter(|d| d.column == *index).collect();
            let Some(first_date) = column_dates.first() else {
                continue;
            };
            let chosen = self.options.date_order.get(&name).copied();
            let order = match (column.day_first_seen, column.month_first_seen) {
                (true, false) => Some(DateOrder::DayFirst),
                (false, true) => Some(DateOrder::MonthFirst),
                (true, true) => {
                    if chosen.is_none() {
                        let kind = ProblemKind::Other {
                            value: first_date.text.clone(),
                            message: "dates in this column fit neither day-first nor \
                                      month-first throughout; choose the order in the \
                                      file's settings"
                                .to_string(),
                        };
                        self.problems
                            .push(Problem::error(column_location(&self.name, &name), kind));
                    }
                    chosen
                }
                (false, false) if column.dotted && chosen.is_none() => Some(DateOrder::DayFirst),
                (false, false) => {
                    if chosen.is_none() {
                        let example = column
                            .example
                            .clone()
                            .unwrap_or_else(|| first_date.text.clone());
                        let kind = ProblemKind::AmbiguousDateOrder { example };
                        self.problems
                            .push(Problem::error(column_location(&self.name, &name), kind));
                        notes.push(note(
                            &name,
                            "day-first or month-first dates? choose the order; \
                             these dates are left out until then",
                        ));
                    }
                    chosen
                }
            };
            let Some(order) = order else { continue };
            notes.push(note(&name, &order_note(order, first_date)));
            for date in column_dates {
                self.fill_date(date, order, &name);
            }
        }

        if let Some(plan) = self.plan.as_mut() {
            plan.notes.extend(notes);
        }
    }

    fn fill_date(&mut self, date: &PendingDate, order: DateOrder, column: &str) {
        let day = timestamp::day_month_date(date.first, date.second, date.year, order);
        let Some(day) = day else {
            let problem = Problem::error(
                Location::cell(&self.name, date.line, column),
                not_a_timestamp(&date.text),
            );
            self.report(None, "date order", problem);
            return;
        };
        let stamp = Some(Stamp::Local(NaiveDateTime::new(day, date.time)));
        let Some(row) = self.rows.get_mut(date.row) else {
            return;
        };
        match date.field {
            StampField::Created => set_ticket(row, |t| t.created = stamp),
            StampField::FirstResponseAt => set_ticket(row, |t| t.first_response_at = stamp),
            StampField::ResolvedAt => set_ticket(row, |t| t.resolved_at = stamp),
            StampField::ClosedAt => set_ticket(row, |t| t.closed_at = stamp),
            StampField::AnsweredAt => {
                if let Some(survey) = row.survey.as_mut() {
                    survey.answered_at = stamp;
                }
            }
            StampField::CallStarted => {
                if let Some(call) = row.call.as_mut() {
                    call.started = stamp;
                }
            }
        }
    }

    /// A survey response without its own answered-at time takes the time of
    /// the ticket or call on the same row, so that it falls into a period.
    fn fill_answered_at(&mut self) {
        for row in &mut self.rows {
            let Some(survey) = row.survey.as_mut() else {
                continue;
            };
            if survey.answered_at.is_some() {
                continue;
            }
            let ticket_time = row.ticket.as_ref().and_then(|t| t.created);
            let call_time = row.call.as_ref().and_then(|c| c.started);
            survey.answered_at = ticket_time.or(call_time);
        }
    }

    /// Keeps the last row of each ticket id. Exports such as ServiceNow's
    /// incident event log write one row per change, and the last row is the
    /// ticket's current state; the earlier rows are left out.
    fn keep_last_ticket_per_id(&mut self) {
        let mut last_row: HashMap<&str, usize> = HashMap::new();
        for (index, row) in self.rows.iter().enumerate() {
            if let Some(id) = row.ticket.as_ref().and_then(|t| t.id.as_deref()) {
                last_row.insert(id, index);
            }
        }
        let mut earlier = Vec::new();
        for (index, row) in self.rows.iter().enumerate() {
            if let Some(id) = row.ticket.as_ref().and_then(|t| t.id.as_deref()) {
                if last_row.get(id) != Some(&index) {
                    earlier.push(index);
                }
            }
        }
        for index in &earlier {
            if let Some(row) = self.rows.get_mut(*index) {
                *row = RowRecords::default();
            }
        }
        if !earlier.is_empty() {
            add_left_out(&mut self.left_out, LEFT_OUT_EARLIER_STATE, earlier.len());
        }
    }

    fn note_statuses_and_ratings(&mut self) {
        let Some(plan) = self.plan.as_mut() else {
            return;
        };
        let header_of = |role: Role| {
            plan.columns
                .iter()
                .find(|m| m.role == role)
                .map(|m| m.header.clone())
                .unwrap_or_default()
        };
        if !self.unknown_statuses.is_empty() {
            let values: Vec<&str> = self.unknown_statuses.iter().map(String::as_str).collect();
            let text = format!(
                "unknown status values, counted as state unknown: {}",
                values.join(", ")
            );
            let column = header_of(Role::Status);
            plan.notes.push(note(&column, &text));
        }
        if !self.not_answered_ratings.is_empty() {
            let counts: Vec<String> = self
                .not_answered_ratings
                .iter()
                .map(|(label, count)| format!("{count} \"{label}\""))
                .collect();
            let text = format!(
                "{} (surveys sent without an answer, not counted as responses)",
                counts.join(", ")
            );
            let column = header_of(Role::Csat);
            plan.notes.push(note(&column, &text));
        }
    }

    /// Adds the reader's problems with their column names, and one summary
    /// for each column whose problems were cut short.
    fn add_read_problems(&mut self, header: &[String]) {
        let read_problems = std::mem::take(&mut self.read_problems);
        for read in read_problems {
            let column = read.field.and_then(|i| header.get(i)).cloned();
            let location = Location {
                file: self.name.clone(),
                line: Some(read.line),
                column,
            };
            let severity = match read.kind {
                ProblemKind::NotUtf8 { .. } | ProblemKind::UndecodableByte { .. } => {
                    Severity::Warning
                }
                _ => Severity::Error,
            };
            let problem = Problem {
                location,
                severity,
                kind: read.kind,
            };
            self.report(read.field, "read", problem);
        }

        let mut cut: Vec<(Option<usize>, usize)> = self
            .problem_counts
            .iter()
            .filter(|(_, count)| **count > PROBLEMS_PER_COLUMN)
            .map(|((column, _), count)| (*column, count - PROBLEMS_PER_COLUMN))
            .collect();
        cut.sort();
        for (column, more) in cut {
            let name = column
                .and_then(|i| header.get(i))
                .cloned()
                .unwrap_or_default();
            let kind = ProblemKind::Other {
                value: name.clone(),
                message: format!("{more} more problems like the ones above are not listed"),
            };
            self.problems
                .push(Problem::warning(column_location(&self.name, &name), kind));
        }
    }
}

fn set_ticket(row: &mut RowRecords, set: impl FnOnce(&mut Ticket)) {
    if let Some(ticket) = row.ticket.as_mut() {
        set(ticket);
    }
}

fn note(column: &str, text: &str) -> ColumnNote {
    ColumnNote {
        column: column.to_string(),
        note: text.to_string(),
    }
}

fn column_location(file: &str, column: &str) -> Location {
    Location {
        file: file.to_string(),
        line: None,
        column: (!column.is_empty()).then(|| column.to_string()),
    }
}

/// `day-first dates (03.06.2024 = 3 June 2024)`, from the column's first
/// undecided date.
fn order_note(order: DateOrder, date: &PendingDate) -> String {
    let label = match order {
        DateOrder::DayFirst => "day-first dates",
        DateOrder::MonthFirst => "month-first dates",
    };
    match timestamp::day_month_date(date.first, date.second, date.year, order) {
        Some(day) => format!("{label} ({} = {})", date.text, day.format("%-d %B %Y")),
        None => label.to_string(),
    }
}

/// Loads a whole file held in memory.
pub fn load_file(name: &str, bytes: &[u8], options: ReadOptions) -> LoadedFile {
    let mut loader = FileLoader::new(name, options);
    loader.push(bytes);
    loader.finish()
}
