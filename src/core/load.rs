//! Loading one file: header to roles, rows to typed records, and an account
//! of every row that was left out.
//!
//! A [`FileLoader`] takes the file's bytes in chunks. Loading never fails: a
//! file that cannot be used (no header, no known column) comes back with no
//! kinds and an error in its problems, so the page can say why.
//!
//! The loader keeps the first [`SAMPLE_RECORDS`] records to decide how to
//! read each column (timestamp or duration, decimal comma), then turns
//! every row into typed records as it streams. The day/month order of
//! numeric dates and the CSAT scale are decided once every value has been
//! seen.
//!
//! When a row counts as used:
//! - a ticket row is used when its ticket id, its status or one of its
//!   times survives parsing, so a row whose every timestamp failed still
//!   counts for volume by status;
//! - a survey row is used when CSAT, NPS or CES has an answer; a blank or
//!   `Offered` rating is no response (in a ticket or call file such rows
//!   still count for their ticket or call, and a note gives their number);
//! - a call row is used when any call column has a value, even an
//!   unreadable talk time, because average handle time reports those apart;
//! - a message row is used when it has a conversation id, a message id or
//!   a readable time; an event row when it has a case id and a readable
//!   time, unless it repeats an earlier row exactly;
//! - a row that yields any record is used once, even when it yields a
//!   ticket and a survey response.
//!
//! Message logs and event logs are then rebuilt into tickets, one per
//! conversation ([`conversations::tickets`]) or case ([`events::tickets`]).
//!
//! Every other row is left out with its reason, so that
//! `used + left out = total` holds for every file.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::core::columns::{self, ColumnMatch, Role};
use crate::core::conversations::{self, Message};
use crate::core::duration::{self, DurationUnit, ParsedDuration};
use crate::core::events::{self, Event, Meaning};
use crate::core::model::{
    Call, Dims, FileKind, Rating, Scale, Sentiment, Stamp, SurveyResponse, Ticket, TicketState,
};
use crate::core::number::{self, NumberStyle};
use crate::core::problem::{Location, Problem, ProblemKind, Severity};
use crate::core::read::{CsvReader, RawRecord, ReadProblem, TextEncoding};
use crate::core::report::LeftOut;
use crate::core::settings::{DateOrder, ReadOptions, TwoPartDuration};
use crate::core::timestamp::{self, ParsedStamp};

mod cells;
mod plan;

use cells::{not_a_timestamp, Cells};
use plan::csat_scale_of;

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
    /// Messages of a conversation log, kept for the figures only messages
    /// give (replies per conversation, next-reply time).
    pub messages: Vec<Message>,
    /// Roles whose ticket fields the loader filled without a column of
    /// their own, by rebuilding tickets from messages or events.
    pub derived_roles: Vec<Role>,
    pub rows: RowCounts,
    pub problems: Vec<Problem>,
    /// The number of problems found, counting those past the per-column
    /// and decoding caps that `problems` lists only as "N more" summaries.
    pub problem_count: usize,
}

/// Records kept to decide how each column is read before the rest streams.
pub const SAMPLE_RECORDS: usize = 200;

/// Problems listed per column and kind of problem; the rest are counted in
/// one summary problem, so that a bad column cannot flood the page.
const PROBLEMS_PER_COLUMN: usize = 50;

const LEFT_OUT_NO_MESSAGE: &str = "no conversation id, message id or readable time";
const LEFT_OUT_NO_EVENT: &str = "no case id or readable event time";
const LEFT_OUT_DUPLICATE_EVENT: &str = "exact duplicate of an earlier row of the event log";
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
    /// Entries of `problems` that summarize others ("N more") rather than
    /// being problems themselves.
    summary_problems: usize,
    total: usize,
    left_out: Vec<LeftOut>,
    unknown_statuses: BTreeSet<String>,
    not_answered_ratings: BTreeMap<String, usize>,
    /// Used rows of a ticket or call file whose survey columns are empty.
    unanswered_surveys: usize,
    /// Lowest and highest numeric CSAT score seen.
    csat_range: Option<(f64, f64)>,
    /// Event rows seen so far, to drop exact duplicates.
    seen_events: HashSet<Vec<String>>,
    /// Rows per activity name of an event log, for the mapping note.
    activities: BTreeMap<String, usize>,
    /// Sender-type values that name no known sender.
    unknown_senders: BTreeSet<String>,
}

/// The reading plan for the file's columns, from the header and the sample.
struct Plan {
    columns: Vec<ColumnMatch>,
    kinds: Vec<FileKind>,
    /// The reason every row is left out, for files whose kind is not computed.
    left_out_reason: Option<&'static str>,
    number_style: NumberStyle,
    csat_scale: Option<Scale>,
    units: BTreeMap<usize, DurationUnit>,
    notes: Vec<ColumnNote>,
    /// True when a message log's sender types follow Intercom, where
    /// `user` is the customer; in Chatwoot's, `user` is an agent.
    user_is_customer: bool,
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
    message: Option<Message>,
    event: Option<Event>,
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
    MessageSent,
    EventAt,
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

/// Evidence a timestamp column's values showed so far.
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
    /// The first numeric date that settled its own order, for the note.
    settled_example: Option<(String, NaiveDate, DateOrder)>,
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
            summary_problems: 0,
            total: 0,
            left_out: Vec::new(),
            unknown_statuses: BTreeSet::new(),
            not_answered_ratings: BTreeMap::new(),
            unanswered_surveys: 0,
            csat_range: None,
            seen_events: HashSet::new(),
            activities: BTreeMap::new(),
            unknown_senders: BTreeSet::new(),
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
        self.note_senders_and_activities();
        self.settle_csat_scale();
        self.add_read_problems(&header);
        self.into_loaded(header)
    }

    fn take_records(&mut self, incoming: &mut Vec<RawRecord>) {
        let mut records = incoming.drain(..);
        let header = match self.header.take() {
            Some(header) => header,
            None => match records.next() {
                Some(record) => record
                    .fields
                    .iter()
                    .map(|f| columns::clean_header(f))
                    .collect(),
                None => return,
            },
        };
        for record in records {
            self.take_record(&header, record);
        }
        self.header = Some(header);
    }

    fn take_record(&mut self, header: &[String], record: RawRecord) {
        if self.plan.is_some() {
            self.process(header, record);
            return;
        }
        self.sample.push(record);
        if self.sample.len() >= SAMPLE_RECORDS {
            self.make_plan(header);
            let sample = std::mem::take(&mut self.sample);
            for record in sample {
                self.process(header, record);
            }
        }
    }

    /// Returns a file with no records and an `EmptyFile` problem, or the
    /// reader's `BinaryFile` problem when the bytes are not text.
    fn empty_file(mut self) -> LoadedFile {
        let binary = self
            .read_problems
            .iter()
            .any(|read| read.kind == ProblemKind::BinaryFile);
        if binary {
            self.add_read_problems(&[]);
        } else {
            self.problems.push(Problem::error(
                Location::file(&self.name),
                ProblemKind::EmptyFile,
            ));
        }
        self.into_loaded(Vec::new())
    }

    fn into_loaded(self, header: Vec<String>) -> LoadedFile {
        let problem_count = self.problem_count();
        let mut file = LoadedFile {
            problem_count,
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
        let mut left_out = self.left_out;
        let mut events = Vec::new();
        for row in self.rows {
            if let Some(message) = row.message {
                if message.conversation_id.is_some()
                    || message.message_id.is_some()
                    || message.sent_at.is_some()
                {
                    file.messages.push(message);
                    used += 1;
                } else {
                    add_left_out(&mut left_out, LEFT_OUT_NO_MESSAGE, 1);
                }
                continue;
            }
            if let Some(event) = row.event {
                if event.case_id.is_some() && event.at.is_some() {
                    events.push(event);
                    used += 1;
                } else {
                    add_left_out(&mut left_out, LEFT_OUT_NO_EVENT, 1);
                }
                continue;
            }
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
        if file.kinds.contains(&FileKind::Messages) {
            file.tickets = conversations::tickets(&file.messages);
            file.derived_roles = vec![Role::Created, Role::FirstResponseAt, Role::Replies];
        }
        if file.kinds.contains(&FileKind::Events) {
            file.tickets = events::tickets(&events);
            file.derived_roles = vec![
                Role::Created,
                Role::FirstResponseAt,
                Role::ResolvedAt,
                Role::ClosedAt,
                Role::Status,
                Role::Reopens,
            ];
        }
        file.rows = RowCounts {
            total: self.total,
            used,
            left_out,
        };
        file
    }
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
        // Process-mining exports repeat some rows exactly (the same case,
        // activity, time and resource); one such row is one event.
        if plan.kinds.contains(&FileKind::Events) && !self.seen_events.insert(record.fields.clone())
        {
            self.leave_out(LEFT_OUT_DUPLICATE_EVENT);
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
        // Message and event rows are always kept here, so that their
        // pending dates have a row to fill; which of them count as used is
        // decided once the dates are settled.
        let message = if plan.kinds.contains(&FileKind::Messages) {
            Some(cells.message(&dims))
        } else {
            None
        };
        let event = if plan.kinds.contains(&FileKind::Events) {
            Some(cells.event(&dims))
        } else {
            None
        };
        if message.is_some() || event.is_some() {
            self.rows.push(RowRecords {
                message,
                event,
                ..RowRecords::default()
            });
            return;
        }

        if ticket.is_none() && survey.is_none() && call.is_none() {
            // Pending dates of a row that is left out have nowhere to go.
            // They are the last ones pushed, because rows are read in order.
            while self.dates.last().is_some_and(|date| date.row == row) {
                self.dates.pop();
            }
            let reason = match plan.kinds.first() {
                Some(FileKind::Tickets) => LEFT_OUT_NO_TICKET,
                Some(FileKind::Survey) => LEFT_OUT_NO_ANSWER,
                _ => LEFT_OUT_NO_CALL,
            };
            self.leave_out(reason);
            return;
        }
        if survey.is_none() && plan.kinds.contains(&FileKind::Survey) {
            self.unanswered_surveys += 1;
        }
        self.rows.push(RowRecords {
            ticket,
            survey,
            call,
            ..RowRecords::default()
        });
    }

    fn leave_out(&mut self, reason: &str) {
        add_left_out(&mut self.left_out, reason, 1);
    }

    /// Adds a problem unless the column already listed enough of its kind.
    /// Counts the problems found: the listed ones that are not summaries,
    /// those past the per-column cap, and the decoding problems that the
    /// reader's one summary stands for.
    fn problem_count(&self) -> usize {
        let past_cap: usize = self
            .problem_counts
            .values()
            .map(|count| count.saturating_sub(PROBLEMS_PER_COLUMN))
            .sum();
        let listed = self.problems.len() - self.summary_problems.min(self.problems.len());
        let decoding = self.reader.unlisted_problems();
        // The reader's summary went through `report` as one problem, so it
        // is in `listed` or `past_cap` once; it stands for `decoding` more.
        let decoding_summary = usize::from(decoding > 0);
        (listed + past_cap + decoding).saturating_sub(decoding_summary)
    }

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

/// Returns the first non-empty field past the header's width, if any. Empty
/// surplus fields come from trailing delimiters and are harmless.
fn surplus_value(fields: &[String], width: usize) -> Option<&str> {
    fields
        .get(width..)?
        .iter()
        .map(|f| f.trim())
        .find(|f| !f.is_empty())
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
                if let Some((text, date, order)) = &column.settled_example {
                    notes.push(note(&name, &order_note(*order, text, Some(*date))));
                }
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
            let example = timestamp::day_month_date(
                first_date.first,
                first_date.second,
                first_date.year,
                order,
            );
            notes.push(note(&name, &order_note(order, &first_date.text, example)));
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
            StampField::MessageSent => {
                if let Some(message) = row.message.as_mut() {
                    message.sent_at = stamp;
                }
            }
            StampField::EventAt => {
                if let Some(event) = row.event.as_mut() {
                    event.at = stamp;
                }
            }
        }
    }

    /// Gives a survey response without its own answered-at time the time of
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

    /// Keeps the last row of each ticket id and leaves the earlier ones out.
    /// Exports such as ServiceNow's incident event log write one row per
    /// change, so the last row is the ticket's current state.
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

    fn settle_csat_scale(&mut self) {
        let Some(plan) = self.plan.as_mut() else {
            return;
        };
        let Some(column) = plan.columns.iter().find(|m| m.role == Role::Csat) else {
            return;
        };
        let Some((scale, source)) = csat_scale_of(&column.header, self.csat_range) else {
            return;
        };
        let text = format!("CSAT scale {}–{} ({source})", scale.min, scale.max);
        plan.notes.push(note(&column.header, &text));
        plan.csat_scale = Some(scale);
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
        if self.unanswered_surveys > 0 {
            let survey_roles = [Role::Csat, Role::Nps, Role::Ces];
            let first = plan.columns.iter().find(|m| survey_roles.contains(&m.role));
            let column = first.map(|m| m.header.clone()).unwrap_or_default();
            let rows =
                crate::core::format::count_of(self.unanswered_surveys, "row has", "rows have");
            let text = format!("{rows} no survey answer (not counted as responses)");
            plan.notes.push(note(&column, &text));
        }
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

    /// Notes how an event log's activities were read, and which sender
    /// types of a message log were not understood.
    fn note_senders_and_activities(&mut self) {
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
        if plan.kinds.contains(&FileKind::Events) {
            let column = header_of(Role::Activity);
            let (known, unknown): (Vec<_>, Vec<_>) = self
                .activities
                .iter()
                .partition(|(name, _)| events::meaning(name) != Meaning::Other);
            if !known.is_empty() {
                let pairs: Vec<String> = known
                    .iter()
                    .map(|(name, _)| format!("{name} → {}", events::meaning(name).label()))
                    .collect();
                let text = format!(
                    "activities read as: {}; a case without a creation event starts at \
                     its first event",
                    pairs.join(", ")
                );
                plan.notes.push(note(&column, &text));
            }
            if !unknown.is_empty() {
                let names: Vec<String> = unknown
                    .iter()
                    .map(|(name, count)| format!("{name} ({count})"))
                    .collect();
                let text = format!(
                    "activities that change no state or time: {}",
                    names.join(", ")
                );
                plan.notes.push(note(&column, &text));
            }
        }
        if plan.kinds.contains(&FileKind::Messages) {
            let sender = header_of(Role::SenderType);
            let inbound = header_of(Role::Inbound);
            let text = if !sender.is_empty() && plan.user_is_customer {
                (
                    sender,
                    "Intercom author types: user / lead = customer; admin / teammate \
                     = human agent; bots and operators never count as a reply",
                )
            } else if !sender.is_empty() {
                (
                    sender,
                    "contact / customer = customer; user / agent / admin = human \
                     agent; bots, automations and campaigns never count as a reply",
                )
            } else if !inbound.is_empty() {
                (
                    inbound,
                    "inbound = customer; not inbound = agent (the company's account)",
                )
            } else if self.options.agent_names.is_empty() {
                (
                    Some(header_of(Role::Author))
                        .filter(|header| !header.is_empty())
                        .unwrap_or_else(|| "senders".to_string()),
                    "no sender type or inbound column, so every author counts as \
                     a customer: list the agents' names under Message logs to \
                     measure replies",
                )
            } else {
                (
                    header_of(Role::Author),
                    "authors in the list of agent names are agents, others customers",
                )
            };
            plan.notes.push(note(&text.0, text.1));
            if !self.unknown_senders.is_empty() {
                let values: Vec<&str> = self.unknown_senders.iter().map(String::as_str).collect();
                let text = format!(
                    "unknown sender types, never counted as a reply: {}",
                    values.join(", ")
                );
                plan.notes.push(note(&header_of(Role::SenderType), &text));
            }
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
            // The reader keeps every value except after an unclosed quote.
            // Its other problems (text decoding and their summaries) only
            // describe how a value was read.
            let severity = match read.kind {
                ProblemKind::UnclosedQuote | ProblemKind::BinaryFile => Severity::Error,
                _ => Severity::Warning,
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
                value: format!("{more} more"),
                message: "problems like the ones above in this column are not listed; \
                          fix those and load the file again"
                    .to_string(),
            };
            self.problems
                .push(Problem::warning(column_location(&self.name, &name), kind));
            self.summary_problems += 1;
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

/// Writes a note such as `day-first dates (03.06.2024 = 3 June 2024)`.
fn order_note(order: DateOrder, text: &str, date: Option<NaiveDate>) -> String {
    let label = match order {
        DateOrder::DayFirst => "day-first dates",
        DateOrder::MonthFirst => "month-first dates",
    };
    match date {
        Some(day) => format!("{label} ({text} = {})", day.format("%-d %B %Y")),
        None => label.to_string(),
    }
}

/// Loads a whole file held in memory.
pub fn load_file(name: &str, bytes: &[u8], options: ReadOptions) -> LoadedFile {
    let mut loader = FileLoader::new(name, options);
    loader.push(bytes);
    loader.finish()
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::core::conversations::Sender;
    use crate::core::report::{build, Detail, Kpi};
    use crate::core::settings::Settings;

    fn shared(path: &str) -> Vec<u8> {
        let full = format!("{}/../shared/{path}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
    }

    /// Loads a file fed in small chunks, as the page feeds it, and checks
    /// that the row accounting adds up.
    fn load_with(name: &str, bytes: &[u8], options: ReadOptions) -> LoadedFile {
        let mut loader = FileLoader::new(name, options);
        for chunk in bytes.chunks(4096) {
            loader.push(chunk);
        }
        let file = loader.finish();
        let left_out: usize = file.rows.left_out.iter().map(|l| l.count).sum();
        assert_eq!(
            file.rows.used + left_out,
            file.rows.total,
            "{name}: used + left out"
        );
        file
    }

    fn real(name: &str) -> LoadedFile {
        load_with(
            name,
            &shared(&format!("data/real/{name}")),
            ReadOptions::default(),
        )
    }

    fn case(name: &str) -> LoadedFile {
        load_with(
            name,
            &shared(&format!("cases/{name}")),
            ReadOptions::default(),
        )
    }

    fn left_out(file: &LoadedFile, reason: &str) -> usize {
        let entry = file.rows.left_out.iter().find(|l| l.reason == reason);
        entry.map_or(0, |l| l.count)
    }

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> Option<Stamp> {
        let day = NaiveDate::from_ymd_opt(y, m, d)?;
        Some(Stamp::Local(day.and_hms_opt(h, min, s)?))
    }

    fn utc_s(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> Option<Stamp> {
        Some(Stamp::Utc(
            Utc.with_ymd_and_hms(y, m, d, h, min, s).single()?,
        ))
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> Option<Stamp> {
        Some(Stamp::Utc(
            Utc.with_ymd_and_hms(y, m, d, h, min, 0).single()?,
        ))
    }

    fn has_note(file: &LoadedFile, column: &str, text: &str) -> bool {
        file.notes
            .iter()
            .any(|n| n.column == column && n.note.contains(text))
    }

    // Counts for the real exports come from Python's csv module, run in the
    // folder of the real exports with the command quoted in each test.

    #[test]
    fn pwc_call_center_is_calls_and_survey() {
        // python3 -c "import csv;r=list(csv.reader(open('pwc_call_center.csv',newline='')))[1:];print(len(r),sum(1 for x in r if x[9]),sum(1 for x in r if x[5]=='N'))"
        // prints 5000 4054 946.
        let file = real("pwc_call_center.csv");

        assert_eq!(file.kinds, vec![FileKind::Survey, FileKind::Calls]);
        // 5000 records, every one with a call id; 4054 have a rating.
        assert_eq!(file.rows.total, 5000);
        assert_eq!(file.rows.used, 5000);
        assert_eq!(file.calls.len(), 5000);
        assert_eq!(file.surveys.len(), 4054);
        // 5000 − 4054 = 946 calls without a rating.
        assert!(has_note(
            &file,
            "Satisfaction rating",
            "946 rows have no survey answer"
        ));
        // First row: ID0001,Diane,2021-01-01,9:12:58,Contract related,Y,Y,109,0:02:23,3
        let call = &file.calls[0];
        assert_eq!(call.id.as_deref(), Some("ID0001"));
        assert_eq!(call.started, local(2021, 1, 1, 9, 12, 58));
        assert_eq!(call.answered, Some(true));
        assert_eq!(call.resolved, Some(true));
        assert_eq!(call.wait_secs, Some(109.0));
        // 0:02:23 = 2 × 60 + 23 = 143 s.
        assert_eq!(call.talk_secs, Some(143.0));
        assert_eq!(call.dims.agent.as_deref(), Some("Diane"));
        assert_eq!(call.dims.product.as_deref(), Some("Contract related"));
        // The rating takes the call's start as its answered-at time.
        assert_eq!(file.surveys[0].answered_at, call.started);
        assert_eq!(file.surveys[0].csat, Some(Rating::Score(3.0)));
        // Ratings run from 1 to 5.
        assert_eq!(file.csat_scale, Some(Scale { min: 1.0, max: 5.0 }));
        // 946 calls are not answered.
        let missed = file
            .calls
            .iter()
            .filter(|c| c.answered == Some(false))
            .count();
        assert_eq!(missed, 946);
    }

    #[test]
    fn pwc_call_volume_is_5000_offered_4054_answered() {
        // The same python count as above: 5000 rows, 946 with "N" in
        // "Answered (Y/N)", so 5000 − 946 = 4054 answered. Calls used to
        // have no volume figure; tickets created read no data.
        let file = real("pwc_call_center.csv");
        let as_of = Utc.with_ymd_and_hms(2022, 1, 1, 0, 0, 0).single();
        let settings = Settings::new("UTC", as_of.unwrap_or_default());

        let report = build(&[file], &settings);

        let calls = report.figure(Kpi::Calls).cloned().expect("call volume");
        assert_eq!(calls.value, Some(5000.0));
        assert_eq!(
            calls.detail,
            crate::core::report::Detail::Share {
                part: 4054,
                whole: 5000
            }
        );
    }

    #[test]
    fn duplicate_headers_are_named_with_the_column_used() {
        // "Rating,Rating,Agent,Agent" used to load without a word, the
        // first of each pair used. Columns 1 and 3 take CSAT and agent;
        // columns 2 and 4 are not read.
        let text = "Rating,Rating,Agent,Agent\n5,1,Ann,Bo\n";

        let file = load_with("dup.csv", text.as_bytes(), ReadOptions::default());

        let messages: Vec<String> = file
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .map(|p| p.to_string())
            .collect();
        assert!(
            messages.contains(
                &"dup.csv: \"Rating\": the header has this name in 2 columns (1, 2); \
              column 1 is read as CSAT rating, column 2 is not read"
                    .to_string()
            ),
            "{messages:?}"
        );
        assert!(messages.iter().any(|m| m.contains(
            "\"Agent\": the header has this name in 2 columns (3, 4); \
             column 3 is read as agent, column 4 is not read"
        )));
    }

    #[test]
    fn binary_file_reads_as_one_binary_problem() {
        // A PNG renamed .csv used to give 22 decoding problems; now one
        // error says it is not text, and no "no header row" beside it.
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x01\x00\x9d\xff";

        let file = load_with("image.csv", png, ReadOptions::default());

        let messages: Vec<String> = file.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            messages,
            vec![
                "image.csv:1: this looks like a binary file, not CSV text; nothing was \
                 read (expected a CSV export)"
            ]
        );
        assert!(file.kinds.is_empty());
    }

    #[test]
    fn absurd_duration_is_left_out_with_line_and_column() {
        // 99999999999999 hours used to be averaged in: AHT read
        // "49999999999999:30:08". It is over 100 years, so line 2 is left
        // out and the handle time is line 3's 0:02:00 alone.
        let text = "Call Id,Talk time\nC-1,99999999999999:00:00\nC-2,0:02:00\n";

        let file = load_with("calls.csv", text.as_bytes(), ReadOptions::default());

        let messages: Vec<String> = file.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            messages,
            vec![
                "calls.csv:2: column \"Talk time\": \"99999999999999:00:00\": not a \
                 plausible duration (over 100 years); left out"
            ]
        );
        let talk: Vec<Option<f64>> = file.calls.iter().map(|c| c.talk_secs).collect();
        assert_eq!(talk, vec![None, Some(120.0)]);
    }

    #[test]
    fn conflicting_hand_mapping_is_reported_on_load() {
        // Team and agent both mapped to "Owner": team keeps it (earlier
        // role), and the file says agent lost instead of dropping it.
        let mut options = ReadOptions::default();
        options
            .mapping
            .insert(Role::Agent, Some("Owner".to_string()));
        options
            .mapping
            .insert(Role::Team, Some("Owner".to_string()));
        let text = "Ticket ID,Created at,Owner\nT-1,2024-03-01 10:00,Ann\n";

        let file = load_with("t.csv", text.as_bytes(), options);

        assert!(file.problems.iter().any(|p| p.to_string()
            == "t.csv: \"Owner\": mapped by hand to both team / group and agent; \
                team / group keeps the column and agent is not read (expected one \
                role per column)"));
    }

    #[test]
    fn one_row_without_survey_answer_is_singular() {
        // Line 3 has an empty rating; the note used to read "1 rows have".
        let text = "Call Id,Satisfaction rating\nC-1,4\nC-2,\n";

        let file = load_with("calls.csv", text.as_bytes(), ReadOptions::default());

        assert!(has_note(
            &file,
            "Satisfaction rating",
            "1 row has no survey answer (not counted as responses)"
        ));
    }

    #[test]
    fn problem_count_includes_problems_past_the_caps() {
        // 60 rows, each with a Latin-1 "é" in the id and "abc" as talk
        // time: 60 decoding problems (20 listed and one summary of 40
        // more) and 60 bad durations (50 listed and one summary of 10
        // more). The list has 21 + 51 = 72 entries, which the page used
        // as the count; the true count is 60 + 60 = 120.
        let mut bytes = b"Call Id,Talk time\n".to_vec();
        for _ in 0..60 {
            bytes.extend_from_slice(b"C\xE9,abc\n");
        }

        let file = load_with("calls.csv", &bytes, ReadOptions::default());

        assert_eq!(file.problems.len(), 72);
        assert_eq!(file.problem_count, 120);
    }

    #[test]
    fn kaggle_tickets_read_time_columns_as_timestamps() {
        // python3 -c "import csv,collections as c;r=list(csv.reader(open('kaggle_support_tickets.csv',newline='')))[1:];print(len(r),len({x[0] for x in r}),sum(1 for x in r if x[16]),sum(1 for x in r if x[14]),sum(1 for x in r if x[15]),c.Counter(x[10] for x in r))"
        // prints 8469 8469 2769 5650 2769 and the status counts below.
        let file = real("kaggle_support_tickets.csv");

        assert_eq!(file.kinds, vec![FileKind::Tickets, FileKind::Survey]);
        // 8469 tickets with distinct ids; 2769 ratings; 5650 first
        // responses and 2769 resolutions are filled in.
        assert_eq!(file.rows.total, 8469);
        assert_eq!(file.rows.used, 8469);
        assert_eq!(file.tickets.len(), 8469);
        assert_eq!(file.surveys.len(), 2769);
        // 8469 − 2769 = 5700 tickets without a rating.
        assert!(has_note(
            &file,
            "Customer Satisfaction Rating",
            "5700 rows have no survey answer"
        ));
        let responded = file
            .tickets
            .iter()
            .filter(|t| t.first_response_at.is_some());
        assert_eq!(responded.count(), 5650);
        let resolved = file.tickets.iter().filter(|t| t.resolved_at.is_some());
        assert_eq!(resolved.count(), 2769);
        // "Date of Purchase" is not when the ticket was created.
        assert!(file.tickets.iter().all(|t| t.created.is_none()));
        assert!(file.tickets.iter().all(|t| t.first_response_secs.is_none()));
        assert_eq!(
            file.tickets[0].first_response_at,
            local(2023, 6, 1, 12, 15, 36)
        );
        assert!(has_note(
            &file,
            "First Response Time",
            "holds dates and times"
        ));
        // Without a creation time no first response time can be measured.
        let missing = ProblemKind::MissingColumn {
            role: "ticket created at".to_string(),
        };
        let warned = file.problems.iter().any(|p| p.kind == missing);
        assert!(warned, "{:?}", file.problems);
        // Statuses: 2881 Pending Customer Response and 2819 Open are open,
        // 2769 Closed.
        let open = file.tickets.iter().filter(|t| t.state == TicketState::Open);
        assert_eq!(open.count(), 2881 + 2819);
        let closed = file
            .tickets
            .iter()
            .filter(|t| t.state == TicketState::Closed);
        assert_eq!(closed.count(), 2769);
        assert_eq!(file.csat_scale, Some(Scale { min: 1.0, max: 5.0 }));
    }

    #[test]
    fn botanic_nps_survey_in_windows_1252() {
        // python3 -c "import csv;r=list(csv.reader(open('botanic_nps_latin1.csv',encoding='cp1252',errors='replace',newline='')))[1:];print(len(r),sum(1 for x in r if x[2]=='NA' and x[3]=='NA'),sum(1 for x in r if x[2]!='NA'))"
        // prints 13954 10 13612.
        let file = real("botanic_nps_latin1.csv");

        assert_eq!(file.kinds, vec![FileKind::Survey]);
        assert_eq!(file.encoding, TextEncoding::Windows1252);
        // 13954 records; 10 have NA in both nps and satisfaction.
        assert_eq!(file.rows.total, 13954);
        assert_eq!(file.rows.used, 13944);
        assert_eq!(left_out(&file, LEFT_OUT_NO_ANSWER), 10);
        // 13612 nps answers are not NA.
        let nps = file.surveys.iter().filter(|s| s.nps.is_some()).count();
        assert_eq!(nps, 13612);
        assert_eq!(file.surveys[0].nps, Some(10.0));
        // Satisfaction runs from 1 to 10.
        assert_eq!(
            file.csat_scale,
            Some(Scale {
                min: 1.0,
                max: 10.0
            })
        );
        let errors: Vec<&Problem> = file
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "NA is a missing value: {errors:?}");
    }

    #[test]
    fn google_forms_nps_asks_for_the_date_order() {
        // python3 -c "import csv;r=list(csv.reader(open('google_forms_brand_nps_fr.csv',newline='')))[1:];print(len(r),sorted({x[0][:5] for x in r}))"
        // prints 93 ['08/11', '09/11', '10/11', '12/11'].
        let bytes = shared("data/real/google_forms_brand_nps_fr.csv");

        let file = load_with("forms.csv", &bytes, ReadOptions::default());

        assert_eq!(file.kinds, vec![FileKind::Survey]);
        assert_eq!(file.rows.total, 93);
        assert_eq!(file.surveys.len(), 93);
        assert_eq!(file.surveys[0].nps, Some(8.0));
        // Every date has day 8 to 12 and month 11, so either order fits.
        let asks = file.problems.iter().filter(|p| {
            matches!(p.kind, ProblemKind::AmbiguousDateOrder { .. })
                && p.location.column.as_deref() == Some("Horodateur")
        });
        assert_eq!(asks.count(), 1);
        assert!(file.surveys.iter().all(|s| s.answered_at.is_none()));

        let mut options = ReadOptions::default();
        options
            .date_order
            .insert("Horodateur".to_string(), DateOrder::DayFirst);
        let file = load_with("forms.csv", &bytes, options);

        assert_eq!(file.surveys[0].answered_at, local(2021, 11, 8, 17, 5, 47));
        assert!(has_note(&file, "Horodateur", "= 8 November 2021"));
        assert!(!file
            .problems
            .iter()
            .any(|p| matches!(p.kind, ProblemKind::AmbiguousDateOrder { .. })));
    }

    #[test]
    fn nyc311_requests_are_tickets_by_agency() {
        // python3 -c "import csv,collections as c;r=list(csv.reader(open('nyc311_socrata_2024_sample.csv',newline='')))[1:];print(len(r),c.Counter(x[19] for x in r))"
        // prints 1000 and the status counts below.
        let file = real("nyc311_socrata_2024_sample.csv");

        assert_eq!(file.kinds, vec![FileKind::Tickets]);
        assert_eq!(file.rows.total, 1000);
        assert_eq!(file.tickets.len(), 1000);
        let first = &file.tickets[0];
        assert_eq!(first.id.as_deref(), Some("60879417"));
        assert_eq!(first.created, local(2024, 4, 16, 3, 3, 15));
        assert_eq!(first.dims.team.as_deref(), Some("DOT"));
        assert_eq!(first.dims.channel.as_deref(), Some("UNKNOWN"));
        // Open 424 + In Progress 277 + Assigned 6 are open; 293 Closed.
        let open = file.tickets.iter().filter(|t| t.state == TicketState::Open);
        assert_eq!(open.count(), 707);
        let closed = file
            .tickets
            .iter()
            .filter(|t| t.state == TicketState::Closed);
        assert_eq!(closed.count(), 293);
    }

    #[test]
    fn servicenow_log_keeps_the_last_row_per_incident() {
        // python3 -c "import csv;r=list(csv.reader(open('uci_incident_event_log_sample.csv',newline='')))[1:];print(len(r),len({x[0] for x in r}))"
        // prints 5998 890.
        let file = real("uci_incident_event_log_sample.csv");

        assert_eq!(file.kinds, vec![FileKind::Tickets]);
        // 5998 rows for 890 distinct numbers; the last row of each is Closed.
        assert_eq!(file.rows.total, 5998);
        assert_eq!(file.tickets.len(), 890);
        assert_eq!(left_out(&file, LEFT_OUT_EARLIER_STATE), 5998 - 890);
        assert!(file.tickets.iter().all(|t| t.state == TicketState::Closed));
        // INC0000045: opened 29-02-2016 01:16, resolved 29-02-2016 11:29,
        // closed 05-03-2016 12:00; 29 > 12 makes the column day-first.
        let incident = file
            .tickets
            .iter()
            .find(|t| t.id.as_deref() == Some("INC0000045"));
        let incident = incident.expect("INC0000045 is loaded");
        assert_eq!(incident.created, local(2016, 2, 29, 1, 16, 0));
        assert_eq!(incident.resolved_at, local(2016, 2, 29, 11, 29, 0));
        assert_eq!(incident.closed_at, local(2016, 3, 5, 12, 0, 0));
        assert!(has_note(&file, "opened_at", "day-first dates"));
    }

    #[test]
    fn helpdesk_event_log_is_rebuilt_into_tickets() {
        // python3 tests/independent/helpdesk_events.py ../shared/data/real/helpdesk_event_log.csv
        // (run from the crate root) prints 21348 records, 127 exact
        // duplicates, 4580 tickets: 11 open, 10 resolved, 4559 closed,
        // 328 reopens.
        let file = real("helpdesk_event_log.csv");

        assert_eq!(file.kinds, vec![FileKind::Events]);
        assert_eq!(file.rows.total, 21348);
        // Each duplicated "Closed" row counts once: 21348 − 127 = 21221.
        assert_eq!(file.rows.used, 21221);
        assert_eq!(left_out(&file, LEFT_OUT_DUPLICATE_EVENT), 127);
        assert_eq!(file.tickets.len(), 4580);
        let count = |state: TicketState| file.tickets.iter().filter(|t| t.state == state).count();
        assert_eq!(count(TicketState::Open), 11);
        assert_eq!(count(TicketState::Resolved), 10);
        assert_eq!(count(TicketState::Closed), 4559);
        let reopens: u32 = file.tickets.iter().filter_map(|t| t.reopens).sum();
        assert_eq!(reopens, 328);
        // First case: Assign seriousness 2010-01-13 08:40:25 (created),
        // Take in charge 2010-01-29 08:52:27, Resolve 08:52:34, Closed
        // 2010-02-13 08:52:48 (twice in the file).
        let first = &file.tickets[0];
        assert_eq!(first.id.as_deref(), Some("Case3608"));
        assert_eq!(first.created, utc_s(2010, 1, 13, 8, 40, 25));
        assert_eq!(first.first_response_at, utc_s(2010, 1, 29, 8, 52, 27));
        assert_eq!(first.resolved_at, utc_s(2010, 1, 29, 8, 52, 34));
        assert_eq!(first.closed_at, utc_s(2010, 2, 13, 8, 52, 48));
        assert_eq!(first.dims.agent.as_deref(), Some("Value 2"));
        assert!(has_note(&file, "concept:name", "Resolve ticket → resolved"));
        // 119 rows, one an exact duplicate:
        // python3 -c "import csv,collections as c;r=[tuple(x) for x in csv.reader(open('helpdesk_event_log.csv',newline=''))][1:];print(c.Counter(x[0] for x in dict.fromkeys(r))['Require upgrade'])"
        // prints 118.
        let unknown = "Require upgrade (118)";
        assert!(has_note(&file, "concept:name", unknown), "{:?}", file.notes);
    }

    #[test]
    fn helpdesk_event_log_figures_match_an_independent_count() {
        // The script named above prints resolution n 4568, median
        // 575736.5 s and first response n 4284, median 58945 s: one ticket
        // resolved before it was taken in charge is left out of both.
        let file = real("helpdesk_event_log.csv");
        let as_of = Utc.with_ymd_and_hms(2015, 1, 1, 0, 0, 0).single();
        let settings = Settings::new("UTC", as_of.unwrap_or_default());

        let report = build(&[file], &settings);

        let resolution = report.figure(Kpi::ResolutionTime).cloned();
        let resolution = resolution.expect("resolution time");
        assert_eq!(resolution.n, 4568);
        assert_eq!(resolution.value, Some(575736.5));
        let frt = report.figure(Kpi::FirstResponseTime).cloned();
        let frt = frt.expect("first response time");
        assert_eq!(frt.n, 4284);
        assert_eq!(frt.value, Some(58945.0));
        assert_eq!(report.backlog.open, 11);
    }

    #[test]
    fn twitter_support_threads_are_rebuilt_from_reply_links() {
        // python3 tests/independent/twcs_threads.py ../shared/data/real/twcs_sample.csv
        // (run from the crate root) prints 5000 tweets, 1312 threads, 1
        // thread without a customer tweet, FRT n 1311, median 813 s.
        let file = real("twcs_sample.csv");

        assert_eq!(file.kinds, vec![FileKind::Messages]);
        // Python's csv module ends a record at a bare carriage return, so
        // the script blanks the two stray ones first.
        assert_eq!(file.rows.total, 5000);
        assert_eq!(file.rows.used, 5000);
        assert_eq!(file.messages.len(), 5000);
        assert_eq!(file.tickets.len(), 1312);
        // Tweet 1 (sprintcare, not inbound) answers tweet 3.0, written as
        // a float by pandas.
        let first = &file.messages[0];
        assert_eq!(first.sender, Sender::Agent);
        assert_eq!(first.in_reply_to.as_deref(), Some("3"));
        assert_eq!(first.author.as_deref(), Some("sprintcare"));
        assert!(has_note(&file, "inbound", "inbound = customer"));

        let as_of = Utc.with_ymd_and_hms(2018, 1, 1, 0, 0, 0).single();
        let settings = Settings::new("UTC", as_of.unwrap_or_default());
        let report = build(&[file], &settings);
        let frt = report.figure(Kpi::FirstResponseTime).cloned();
        let frt = frt.expect("first response time");
        assert_eq!(frt.n, 1311);
        assert_eq!(frt.value, Some(813.0));
        // The thread without a customer tweet has nothing to answer.
        let no_reply = frt.left_out.iter().find(|l| l.reason == "no reply yet");
        assert_eq!(no_reply.map(|l| l.count), Some(1));
    }

    #[test]
    fn uwv_complaints_with_semicolons_are_tickets() {
        // python3 -c "import csv;r=list(csv.reader(open('uwv_complaints_bpic2016_semicolon.csv',encoding='latin-1',newline=''),delimiter=';'))[1:];print(len(r),len({x[6] for x in r}))"
        // prints 289 289.
        let file = real("uwv_complaints_bpic2016_semicolon.csv");

        assert_eq!(file.kinds, vec![FileKind::Tickets]);
        assert_eq!(file.delimiter, b';');
        // 289 records, 289 distinct ComplaintID values.
        assert_eq!(file.rows.total, 289);
        assert_eq!(file.tickets.len(), 289);
        assert_eq!(file.tickets[0].id.as_deref(), Some("220"));
        assert_eq!(file.tickets[0].created, local(2016, 1, 12, 0, 0, 0));
        assert_eq!(
            file.tickets[0].dims.product.as_deref(),
            Some("behandelingsduur")
        );
    }

    #[test]
    fn case_01_conversations_ignore_bots_and_private_notes() {
        let file = case("01-frt-bot-replies.csv");

        assert_eq!(file.kinds, vec![FileKind::Messages]);
        assert_eq!(file.rows.used, 15);
        assert_eq!(file.messages.len(), 15);
        let ids: Vec<Option<&str>> = file.tickets.iter().map(|t| t.id.as_deref()).collect();
        let expected = ["C-101", "C-102", "C-103", "C-104", "C-105"].map(Some);
        assert_eq!(ids, expected.to_vec());
        // C-101: contact 09:00, bot 09:00:05 ignored, agent 09:20.
        let c101 = &file.tickets[0];
        assert_eq!(c101.created, utc(2024, 5, 6, 9, 0));
        assert_eq!(c101.first_response_at, utc(2024, 5, 6, 9, 20));
        assert_eq!(c101.dims.agent.as_deref(), Some("Agent Lee"));
        // C-103 only got an auto-reply.
        assert_eq!(file.tickets[2].first_response_at, None);
        assert_eq!(file.tickets[2].replies, Some(0));
        // C-105: the 13:05 note is private; the 13:25 reply counts.
        assert_eq!(file.tickets[4].first_response_at, utc(2024, 5, 6, 13, 25));
        assert_eq!(file.tickets[4].replies, Some(1));
        assert!(file.messages[13].private);
    }

    #[test]
    fn case_01_first_response_time_counts_human_replies_only() {
        let file = case("01-frt-bot-replies.csv");
        let as_of = Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).single();
        let settings = Settings::new("UTC", as_of.unwrap_or_default());

        let report = build(&[file], &settings);

        let frt = report.figure(Kpi::FirstResponseTime).cloned();
        let frt = frt.expect("first response time");
        // 20, 40, 10 and 25 min: median (20 + 25) / 2 = 22.5 min = 1350 s,
        // mean 95 / 4 = 23.75 min = 1425 s.
        assert_eq!(frt.n, 4);
        assert_eq!(frt.value, Some(1350.0));
        let mean = match frt.detail {
            Detail::Durations { mean, .. } => Some(mean),
            _ => None,
        };
        assert_eq!(mean, Some(1425.0));
        let no_reply = frt.left_out.iter().find(|l| l.reason == "no reply yet");
        assert_eq!(no_reply.map(|l| l.count), Some(1));
        let stats = report.conversations.expect("message figures");
        assert_eq!(stats.conversations, 5);
        assert_eq!(stats.messages, 15);
        assert_eq!(stats.without_human_reply, 1);
        // Replies 1, 1, 0, 1, 1: mean 4 / 5 = 0.8, median 1.
        assert_eq!(stats.replies_per_conversation.mean, Some(0.8));
        assert_eq!(stats.replies_per_conversation.median, Some(1.0));
        // No customer writes again after a reply.
        assert_eq!(stats.next_reply_time.n, 0);
    }

    #[test]
    fn case_05_events_rebuild_reopened_tickets() {
        let file = case("05-reopened-still-open.csv");

        assert_eq!(file.kinds, vec![FileKind::Events]);
        assert_eq!(file.rows.used, 10);
        let states: Vec<TicketState> = file.tickets.iter().map(|t| t.state).collect();
        let expected = [
            TicketState::Resolved,
            TicketState::Resolved,
            TicketState::Open,
            TicketState::Open,
        ];
        assert_eq!(states, expected.to_vec());
        let reopens: Vec<Option<u32>> = file.tickets.iter().map(|t| t.reopens).collect();
        assert_eq!(reopens, [0, 1, 1, 0].map(Some).to_vec());
        // T-502: solved 04-02 10:00, reopened, solved again 04-03 09:00.
        let t502 = &file.tickets[1];
        assert_eq!(t502.first_resolved_at, utc(2024, 4, 2, 10, 0));
        assert_eq!(t502.resolved_at, utc(2024, 4, 3, 9, 0));
        // T-503: solved 09:30, reopened 11:30, open now.
        let t503 = &file.tickets[2];
        assert_eq!(t503.first_resolved_at, utc(2024, 4, 3, 9, 30));
        assert_eq!(t503.resolved_at, None);
        assert_eq!(file.tickets[3].first_resolved_at, None);
    }

    #[test]
    fn case_05_report_counts_current_state() {
        let file = case("05-reopened-still-open.csv");
        let as_of = Utc.with_ymd_and_hms(2024, 4, 10, 0, 0, 0).single();
        let settings = Settings::new("UTC", as_of.unwrap_or_default());

        let report = build(&[file], &settings);

        // Solved now: T-501 and T-502; open: T-503 and T-504.
        let resolved = report.figure(Kpi::Resolved).and_then(|f| f.value);
        assert_eq!(resolved, Some(2.0));
        let backlog = report.figure(Kpi::Backlog).and_then(|f| f.value);
        assert_eq!(backlog, Some(2.0));
        // Full resolution: T-501 2 h, T-502 24 h; median 13 h = 46800 s.
        let resolution = report.figure(Kpi::ResolutionTime).cloned();
        let resolution = resolution.expect("resolution time");
        assert_eq!(resolution.n, 2);
        assert_eq!(resolution.value, Some(46800.0));
    }

    #[test]
    fn exact_duplicate_event_rows_count_once() {
        let text = "case,activity,event_at\n\
                    A,created,2024-01-01T09:00:00Z\n\
                    A,closed,2024-01-01T10:00:00Z\n\
                    A,closed,2024-01-01T10:00:00Z\n\
                    A,closed,2024-01-01T11:00:00Z\n\
                    ,closed,2024-01-01T11:00:00Z\n";

        let file = load_with("e.csv", text.as_bytes(), ReadOptions::default());

        // The third row repeats the second; the fourth differs in time;
        // the fifth has no case.
        assert_eq!(file.rows.total, 5);
        assert_eq!(file.rows.used, 3);
        assert_eq!(left_out(&file, LEFT_OUT_DUPLICATE_EVENT), 1);
        assert_eq!(left_out(&file, LEFT_OUT_NO_EVENT), 1);
        assert_eq!(file.tickets.len(), 1);
        assert_eq!(file.tickets[0].closed_at, utc(2024, 1, 1, 11, 0));
    }

    #[test]
    fn event_log_status_column_sets_state() {
        let text = "case,activity,event_at,status\n\
                    A,created,2024-01-01T09:00:00Z,New\n\
                    A,solved,2024-01-01T10:00:00Z,Solved\n\
                    A,comment,2024-01-01T11:00:00Z,Pending\n\
                    B,created,2024-01-01T09:00:00Z,Weird\n";

        let file = load_with("e.csv", text.as_bytes(), ReadOptions::default());

        // A is pending again after its solve; B's status is unknown, so
        // its state comes from its events: open.
        assert_eq!(file.tickets[0].state, TicketState::Open);
        assert_eq!(file.tickets[0].status.as_deref(), Some("Pending"));
        assert_eq!(file.tickets[0].resolved_at, None);
        assert_eq!(file.tickets[1].state, TicketState::Open);
        assert!(has_note(&file, "status", "Weird"));
    }

    #[test]
    fn intercom_message_log_sets_senders_and_state() {
        // Intercom-style rows: the last message of C1 says closed. In
        // Intercom's author types `user` is the customer, `admin` an agent.
        let text = "conversation_id,message_author_type,created_at,conversation_state\n\
                    C1,user,2024-01-01T09:00:00Z,open\n\
                    C1,admin,2024-01-01T09:20:00Z,closed\n\
                    C2,user,2024-01-01T10:00:00Z,open\n";

        let file = load_with("m.csv", text.as_bytes(), ReadOptions::default());

        assert_eq!(file.kinds, vec![FileKind::Messages]);
        assert_eq!(file.messages[0].sender, Sender::Customer);
        assert_eq!(file.messages[1].sender, Sender::Agent);
        assert_eq!(file.tickets[0].first_response_at, utc(2024, 1, 1, 9, 20));
        assert_eq!(file.tickets[0].state, TicketState::Closed);
        assert_eq!(file.tickets[0].status.as_deref(), Some("closed"));
        assert_eq!(file.tickets[1].state, TicketState::Open);
        let note = "Intercom author types";
        assert!(has_note(&file, "message_author_type", note));
    }

    #[test]
    fn agent_names_decide_senders_without_a_sender_column() {
        let text = "conversation_id,message_id,sender_name,created_at\n\
                    C1,1,Pat,2024-01-01T09:00:00Z\n\
                    C1,2,ana ruiz,2024-01-01T09:30:00Z\n\
                    C1,3,Élodie,2024-01-01T09:40:00Z\n";
        let options = ReadOptions {
            agent_names: vec!["Ana Ruiz".to_string(), "ÉLODIE ".to_string()],
            ..ReadOptions::default()
        };

        let file = load_with("m.csv", text.as_bytes(), options);

        assert_eq!(file.kinds, vec![FileKind::Messages]);
        let senders: Vec<Sender> = file.messages.iter().map(|m| m.sender).collect();
        // Case and the list's surrounding spaces do not matter.
        assert_eq!(
            senders,
            vec![Sender::Customer, Sender::Agent, Sender::Agent]
        );
        assert_eq!(file.tickets[0].first_response_at, utc(2024, 1, 1, 9, 30));
    }

    #[test]
    fn missing_sender_column_note_names_a_column() {
        // This note once began with an empty column name (": no sender
        // type …") and sent the user to settings the file does not have.
        let text = "conversation_id,message_id,sender_name,created_at\n\
                    C1,1,Pat,2024-01-01T09:00:00Z\n";

        let file = load_with("m.csv", text.as_bytes(), ReadOptions::default());

        assert!(has_note(
            &file,
            "sender_name",
            "list the agents' names under Message logs"
        ));
    }

    #[test]
    fn bot_handoff_row_starts_the_reply_clock() {
        // Customer 09:00, bot hands off at 09:10, agent replies 09:25:
        // the agent's clock runs 15 min from the hand-off.
        let text = "conversation_id,sender_type,created_at\n\
                    C1,contact,2024-01-01T09:00:00Z\n\
                    C1,conversation_bot_handoff,2024-01-01T09:10:00Z\n\
                    C1,user,2024-01-01T09:25:00Z\n";

        let file = load_with("m.csv", text.as_bytes(), ReadOptions::default());

        assert!(file.messages[1].handoff);
        assert_eq!(file.tickets[0].created, utc(2024, 1, 1, 9, 10));
        assert_eq!(file.tickets[0].first_response_at, utc(2024, 1, 1, 9, 25));
    }

    #[test]
    fn case_08_bare_score_is_nps() {
        let file = case("08-nps-promoter-boundaries.csv");

        assert_eq!(file.kinds, vec![FileKind::Survey]);
        assert_eq!(file.surveys.len(), 10);
        // First row: N-801,2024-03-01T10:00:00Z,10,Great support
        assert_eq!(file.surveys[0].nps, Some(10.0));
        assert_eq!(file.surveys[0].answered_at, utc(2024, 3, 1, 10, 0));
        assert!(has_note(&file, "score", "read as NPS"));
    }

    #[test]
    fn bare_score_up_to_five_is_csat() {
        let text = "Score,Submitted at\n4,2024-03-01\n5,2024-03-02\n2,2024-03-03\n";

        let file = load_with("s.csv", text.as_bytes(), ReadOptions::default());

        let ratings: Vec<Option<Rating>> = file.surveys.iter().map(|s| s.csat.clone()).collect();
        let expected = [4.0, 5.0, 2.0].map(|v| Some(Rating::Score(v)));
        assert_eq!(ratings, expected.to_vec());
        assert!(file.surveys.iter().all(|s| s.nps.is_none()));
        assert_eq!(file.csat_scale, Some(Scale { min: 1.0, max: 5.0 }));
    }

    #[test]
    fn abandoned_flag_means_not_answered() {
        // Five9-style log: ABANDONED is 1 for a call nobody answered.
        let text = "CALL ID,TALK TIME,ABANDONED\nc1,0:02:00,0\nc2,,1\n";

        let file = load_with("five9.csv", text.as_bytes(), ReadOptions::default());

        let answered: Vec<Option<bool>> = file.calls.iter().map(|c| c.answered).collect();
        assert_eq!(answered, vec![Some(true), Some(false)]);
        // 0:02:00 = 120 s; the abandoned call has no talk time.
        assert_eq!(file.calls[0].talk_secs, Some(120.0));
        assert_eq!(file.calls[1].talk_secs, None);
    }

    #[test]
    fn case_10_rating_labels_carry_sentiment() {
        let file = case("10-csat-good-minus-bad.csv");

        assert_eq!(file.kinds, vec![FileKind::Survey]);
        assert_eq!(file.surveys.len(), 20);
        assert_eq!(file.csat_scale, None);
        let count = |wanted: Sentiment| {
            let labels = file.surveys.iter().filter_map(|s| match &s.csat {
                Some(Rating::Label { sentiment, .. }) => Some(*sentiment),
                _ => None,
            });
            labels.filter(|s| *s == wanted).count()
        };
        // 13 Great, 4 Okay, 3 Not Good.
        assert_eq!(count(Sentiment::Positive), 13);
        assert_eq!(count(Sentiment::Neutral), 4);
        assert_eq!(count(Sentiment::Negative), 3);
        let first = &file.surveys[0];
        assert_eq!(first.dims.agent.as_deref(), Some("Agent Lee"));
        assert_eq!(first.ticket_id.as_deref(), Some("1001"));
        assert_eq!(first.answered_at, utc(2024, 2, 1, 9, 15));
    }

    #[test]
    fn case_12_blank_effort_score_is_no_answer() {
        let file = case("12-ces-scale-out-of-range.csv");

        assert_eq!(file.kinds, vec![FileKind::Survey]);
        // Line 10 (E-1209) is blank: 9 responses, 1 row without answer.
        assert_eq!(file.rows.total, 10);
        assert_eq!(file.rows.used, 9);
        assert_eq!(left_out(&file, LEFT_OUT_NO_ANSWER), 1);
        let scores: Vec<Option<f64>> = file.surveys.iter().map(|s| s.ces).collect();
        // 0 and 9 stay as written; the report checks them against the scale.
        let expected = [7.0, 6.0, 6.0, 5.0, 2.0, 7.0, 0.0, 9.0, 4.0].map(Some);
        assert_eq!(scores, expected.to_vec());
        assert_eq!(file.surveys[6].line, 8);
        assert_eq!(file.surveys[7].line, 9);
        assert_eq!(file.surveys[0].ticket_id.as_deref(), Some("T-9001"));
    }

    #[test]
    fn case_16_mixed_duration_formats() {
        let file = case("16-aht-duration-formats.csv");

        assert_eq!(file.kinds, vec![FileKind::Calls]);
        assert_eq!(file.calls.len(), 6);
        let talk: Vec<Option<f64>> = file.calls.iter().map(|c| c.talk_secs).collect();
        // 0:01:49 = 109; 1h 2m 5s = 3725; 245; 18:25 min = 1105;
        // 00:04:10 = 250; 04:10 is held back.
        let expected = [
            Some(109.0),
            Some(3725.0),
            Some(245.0),
            Some(1105.0),
            Some(250.0),
            None,
        ];
        assert_eq!(talk, expected.to_vec());
        let hold: Vec<Option<f64>> = file.calls.iter().map(|c| c.hold_secs).collect();
        // CL-1605's empty hold beside a talk time is no hold: 0.
        let expected = [0.0, 30.0, 0.0, 40.0, 0.0, 0.0].map(Some);
        assert_eq!(hold, expected.to_vec());
        let wrap: Vec<Option<f64>> = file.calls.iter().map(|c| c.wrap_secs).collect();
        assert_eq!(
            wrap,
            [30.0, 45.0, 60.0, 60.0, 20.0, 20.0].map(Some).to_vec()
        );

        let held = file
            .problems
            .iter()
            .find(|p| matches!(p.kind, ProblemKind::AmbiguousDuration { .. }));
        let held = held.expect("04:10 is reported");
        assert_eq!(held.severity, Severity::Warning);
        assert_eq!(
            held.location,
            Location::cell("16-aht-duration-formats.csv", 7, "talk_time")
        );
        // 04:10 is 4 × 60 + 10 = 250 s as mm:ss, 4 × 3600 + 10 × 60 = 15000 s as hh:mm.
        assert_eq!(
            held.kind,
            ProblemKind::AmbiguousDuration {
                value: "04:10".to_string(),
                as_min_sec: 250.0,
                as_hour_min: 15000.0,
            }
        );
    }

    #[test]
    fn case_16_two_part_durations_read_as_chosen() {
        let bytes = shared("cases/16-aht-duration-formats.csv");
        let options = ReadOptions {
            two_part_duration: TwoPartDuration::MinutesSeconds,
            ..ReadOptions::default()
        };

        let file = load_with("calls.csv", &bytes, options);

        assert_eq!(file.calls[5].talk_secs, Some(250.0));
        assert!(file.problems.is_empty());
    }

    #[test]
    fn case_17_bom_and_quotes_leave_the_header() {
        let file = case("17-utf8-bom-header.csv");

        assert_eq!(
            file.header,
            vec!["Ticket ID", "Created at", "First reply at"]
        );
        assert_eq!(file.kinds, vec![FileKind::Tickets]);
        let ids: Vec<Option<&str>> = file.tickets.iter().map(|t| t.id.as_deref()).collect();
        assert_eq!(ids, vec![Some("T-1701"), Some("T-1702"), Some("T-1703")]);
        assert_eq!(file.tickets[0].created, utc(2024, 4, 2, 9, 0));
        assert_eq!(file.tickets[0].first_response_at, utc(2024, 4, 2, 9, 15));
    }

    #[test]
    fn case_18_german_excel_export() {
        let file = case("18-excel-semicolon-decimal-comma.csv");

        // The decimal-comma note used to have an empty column name, and
        // the page showed ": numbers use a decimal comma (…)".
        let decimal_note = file
            .notes
            .iter()
            .find(|n| n.note.contains("decimal comma"))
            .map(|n| format!("{}: {}", n.column, n.note));
        assert_eq!(
            decimal_note.as_deref(),
            Some("all number columns: decimal comma (4,5 = 4.5; 1.250 = 1250)")
        );

        assert_eq!(file.delimiter, b';');
        assert_eq!(file.number_style, NumberStyle::DecimalComma);
        assert_eq!(file.kinds, vec![FileKind::Calls]);
        let talk: Vec<Option<f64>> = file.calls.iter().map(|c| c.talk_secs).collect();
        // Minutes × 60: 4,5 → 270; 12,25 → 735; 3 → 180; 0,75 → 45.
        assert_eq!(talk, [270.0, 735.0, 180.0, 45.0].map(Some).to_vec());
        let wait: Vec<Option<f64>> = file.calls.iter().map(|c| c.wait_secs).collect();
        // 1.250 uses the dot for thousands: 1250 s.
        assert_eq!(wait, [12.0, 1250.0, 45.0, 8.0].map(Some).to_vec());
        assert_eq!(file.calls[0].started, local(2024, 6, 3, 0, 0, 0));
        assert!(has_note(
            &file,
            "Datum",
            "day-first dates (03.06.2024 = 3 June 2024)"
        ));
        assert_eq!(file.header[3], "Gesprächsdauer (Min.)");
    }

    #[test]
    fn case_20_quoted_newlines_keep_physical_lines() {
        let file = case("20-quoted-newlines-crlf.csv");

        assert_eq!(file.rows.total, 3);
        let lines: Vec<u64> = file.tickets.iter().map(|t| t.line).collect();
        assert_eq!(lines, vec![2, 6, 8]);
        assert_eq!(file.tickets[0].first_response_at, utc(2024, 2, 5, 9, 12));
    }

    #[test]
    fn case_22_ragged_rows() {
        let file = case("22-ragged-rows-trailing-delimiters.csv");

        // Blank lines 6 and 7 are not records.
        assert_eq!(file.rows.total, 4);
        assert_eq!(file.rows.used, 3);
        assert_eq!(left_out(&file, LEFT_OUT_TOO_MANY_FIELDS), 1);
        let ids: Vec<Option<&str>> = file.tickets.iter().map(|t| t.id.as_deref()).collect();
        assert_eq!(ids, vec![Some("T-2201"), Some("T-2202"), Some("T-2204")]);
        // T-2202 is short: its team is empty, its priority kept.
        assert_eq!(file.tickets[1].dims.team, None);
        assert_eq!(file.tickets[1].dims.priority.as_deref(), Some("low"));
        let expected = Problem::error(
            Location::line("22-ragged-rows-trailing-delimiters.csv", 4),
            ProblemKind::TooManyFields {
                found: 8,
                expected: 6,
                extra: "EXTRA".to_string(),
            },
        );
        assert_eq!(file.problems, vec![expected]);
    }

    #[test]
    fn case_25_epoch_seconds_and_milliseconds() {
        let file = case("25-epoch-timestamps.csv");

        let ticket = &file.tickets[0];
        // 1717405200 s and 1717407000000 ms after 1970-01-01 UTC.
        assert_eq!(ticket.created, utc(2024, 6, 3, 9, 0));
        assert_eq!(ticket.first_response_at, utc(2024, 6, 3, 9, 30));
        assert_eq!(ticket.resolved_at, utc(2024, 6, 3, 13, 0));
        assert_eq!(file.tickets[1].resolved_at, None);
        assert!(has_note(&file, "created_at", "Unix seconds"));
        assert!(has_note(&file, "first_reply_at", "Unix milliseconds"));
        assert!(has_note(&file, "solved_at", "Unix seconds"));
    }

    #[test]
    fn unknown_file_leaves_every_row_out() {
        let file = load_with("x.csv", b"alpha,beta\n1,2\n3,4\n", ReadOptions::default());

        assert!(file.kinds.is_empty());
        assert_eq!(file.rows.total, 2);
        assert_eq!(left_out(&file, LEFT_OUT_UNKNOWN), 2);
        assert_eq!(file.problems[0].kind, ProblemKind::UnknownKind);
    }

    #[test]
    fn empty_file_is_a_problem() {
        let file = load_with("x.csv", b"", ReadOptions::default());

        assert!(file.kinds.is_empty());
        assert_eq!(file.rows.total, 0);
        assert_eq!(file.problems[0].kind, ProblemKind::EmptyFile);
    }

    #[test]
    fn unreadable_cells_are_problems_naming_line_and_column() {
        let text = "Ticket ID,Status,Created at,Satisfaction\n\
                    T-1,Open,yesterday,Good\n\
                    T-2,Solved,2024-01-02 10:00,Offered\n\
                    T-3,Weird,2024-01-03 10:00,meh-ish\n";

        let file = load_with("t.csv", text.as_bytes(), ReadOptions::default());

        // T-1's creation time fails, but its status keeps it a ticket.
        assert_eq!(file.tickets.len(), 3);
        assert_eq!(file.tickets[0].created, None);
        assert_eq!(file.tickets[0].state, TicketState::Open);
        assert_eq!(file.tickets[1].state, TicketState::Resolved);
        assert_eq!(file.tickets[2].state, TicketState::Unknown);
        // Only T-1 answered: Offered is no answer, meh-ish unknown.
        assert_eq!(file.surveys.len(), 1);
        let bad_time = &file.problems[0];
        assert_eq!(bad_time.location, Location::cell("t.csv", 2, "Created at"));
        assert!(matches!(bad_time.kind, ProblemKind::NotATimestamp { .. }));
        let bad_rating = &file.problems[1];
        assert_eq!(
            bad_rating.location,
            Location::cell("t.csv", 4, "Satisfaction")
        );
        assert_eq!(
            bad_rating.kind,
            ProblemKind::UnknownRating {
                value: "meh-ish".to_string()
            }
        );
        assert!(has_note(&file, "Status", "Weird"));
        assert!(has_note(&file, "Satisfaction", "1 \"Offered\""));
    }

    #[test]
    fn byte_by_byte_chunks_load_like_one_chunk() {
        let bytes = shared("cases/20-quoted-newlines-crlf.csv");

        let whole = load_file("f.csv", &bytes, ReadOptions::default());
        let mut loader = FileLoader::new("f.csv", ReadOptions::default());
        for byte in &bytes {
            loader.push(std::slice::from_ref(byte));
        }
        let split = loader.finish();

        assert_eq!(split.tickets, whole.tickets);
        assert_eq!(split.rows, whole.rows);
    }

    #[test]
    fn survey_dated_by_date_column() {
        let text = "Date,NPS\n2024-03-01,9\n2024-03-02,\n";

        let file = load_with("s.csv", text.as_bytes(), ReadOptions::default());

        assert_eq!(file.kinds, vec![FileKind::Survey]);
        assert_eq!(file.surveys.len(), 1);
        assert_eq!(file.surveys[0].answered_at, local(2024, 3, 1, 0, 0, 0));
        assert_eq!(left_out(&file, LEFT_OUT_NO_ANSWER), 1);
    }

    #[test]
    fn chatwoot_csat_download() {
        // Chatwoot writes `Name (email)` agent cells and a reporting-period
        // line after the rows.
        let text = "Agent Name,Rating,Feedback Comment,Contact Name,Recorded date\n\
                    Ana Ruiz (ana@example.com),5,great,Pat,2024-05-06T09:00:00Z\n\
                    Bo Li (bo@example.com),2,,Sam,2024-05-06T10:00:00Z\n\
                    Reporting period 2024-05-01 to 2024-05-31\n";

        let file = load_with("csat.csv", text.as_bytes(), ReadOptions::default());

        assert_eq!(file.kinds, vec![FileKind::Survey]);
        assert_eq!(file.surveys.len(), 2);
        assert_eq!(file.surveys[0].dims.agent.as_deref(), Some("Ana Ruiz"));
        assert_eq!(file.surveys[1].csat, Some(Rating::Score(2.0)));
        assert_eq!(file.surveys[1].answered_at, utc(2024, 5, 6, 10, 0));
        // The trailing line has no rating, so it is no response.
        assert_eq!(left_out(&file, LEFT_OUT_NO_ANSWER), 1);
    }

    #[test]
    fn problems_per_column_are_capped() {
        let mut text = String::from("Ticket ID,Created at\n");
        for i in 0..60 {
            text.push_str(&format!("T-{i},soon\n"));
        }

        let file = load_with("t.csv", text.as_bytes(), ReadOptions::default());

        // 60 bad cells: 50 listed, then one summary for the other 10.
        assert_eq!(file.tickets.len(), 60);
        assert_eq!(file.problems.len(), 51);
        let summary = file.problems.last().map(|p| p.kind.clone());
        assert!(matches!(summary, Some(ProblemKind::Other { value, .. }) if value == "10 more"));
        let column = file.problems.last().and_then(|p| p.location.column.clone());
        assert_eq!(column.as_deref(), Some("Created at"));
    }

    #[test]
    fn header_only_file_has_kinds_and_no_rows() {
        let file = load_with("t.csv", b"Ticket ID,Status\n", ReadOptions::default());

        assert_eq!(file.kinds, vec![FileKind::Tickets]);
        assert_eq!(file.rows.total, 0);
        assert!(file.problems.is_empty());
    }

    #[test]
    fn random_message_and_event_logs_never_panic() {
        // As random_input_never_panics, from the words of message and
        // event logs, so rows link to each other, loop and repeat.
        let pieces = [
            "conversation_id",
            "message_id",
            "in_reply_to",
            "sender_type",
            "inbound",
            "private",
            "created_at",
            "case",
            "activity",
            "event_at",
            ",",
            "\n",
            "1",
            "2",
            "3.0",
            "contact",
            "agent_bot",
            "user",
            "handoff",
            "True",
            "False",
            "solved",
            "reopened",
            "created",
            "closed",
            "2024-01-01T09:00:00Z",
            "02/03/2024 10:00",
            "",
            "\"",
        ];
        let headers = [
            (
                "conversation_id,message_id,in_reply_to,sender_type,private,created_at\n",
                FileKind::Messages,
            ),
            (
                "message_id,in_reply_to,inbound,created_at\n",
                FileKind::Messages,
            ),
            ("case,activity,event_at\n", FileKind::Events),
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for round in 0..300 {
            let (header, kind) = headers[round % headers.len()];
            let mut text = String::from(header);
            for _ in 0..80 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                let index = (state >> 33) as usize % pieces.len();
                text.push_str(pieces[index]);
            }

            let file = load_with("random.csv", text.as_bytes(), ReadOptions::default());
            let settings = Settings::new("UTC", chrono::DateTime::<Utc>::default());
            let report = build(std::slice::from_ref(&file), &settings);

            assert_eq!(file.kinds, vec![kind]);
            // Every rebuilt ticket comes from at least one used row.
            assert!(file.tickets.len() <= file.rows.used);
            assert_eq!(report.headline.len(), Kpi::ALL.len());
        }
    }

    #[test]
    fn random_input_never_panics() {
        // Rows stitched from header words, cell values and separators by a
        // fixed linear congruential generator, so every run sees the same
        // inputs.
        let pieces = [
            "Ticket ID",
            "Created at",
            "Status",
            "CSAT",
            "talk_time",
            "Date",
            "Time",
            "nps",
            "hold_time",
            "Resolved",
            "First Response Time",
            ",",
            ";",
            "\n",
            "\r\n",
            "\"",
            "",
            "04:10",
            "13/02/2024",
            "02/13/2024",
            "03.06.2024",
            "1717405200",
            "Offered",
            "Good",
            "é",
            "\u{feff}",
            "-1",
            "99999999999999999999",
            "NaN",
            "1h 2m",
            "NA",
            "(",
            ")",
            "Y",
            "2024-02-30",
            "\u{ff}",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..60 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                let index = (state >> 33) as usize % pieces.len();
                text.push_str(pieces[index]);
            }

            let file = load_with("random.csv", text.as_bytes(), ReadOptions::default());

            assert!(file.rows.used <= file.rows.total);
        }
    }
}
