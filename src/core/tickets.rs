//! Ticket KPIs: first response time, resolution time, volume created and
//! resolved, and the backlog of open tickets.
//!
//! [`TicketFacts::read`] turns a loaded ticket into what the figures need,
//! once per report: instants in the report's time zone and each duration
//! either measured or left out with its reason. The figure functions then
//! only count and summarise. First contact resolution, which also uses
//! calls, is in [`crate::core::calls`].

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::core::columns::Role;
use crate::core::model::{Dims, Stamp, Ticket, TicketState};
use crate::core::problem::{Location, Problem, ProblemKind};
use crate::core::report::{Backlog, Context, Detail, Figure, Kpi, ProblemLog, Skip, Tally};
use crate::core::settings::{FcrDefinition, Settings};
use crate::core::stats;
use crate::core::zone::{local_text, FieldReader, Time};

/// Where a duration came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The difference of two timestamps of the export.
    Timestamps,
    /// The export's own duration column.
    Column,
}

/// How a ticket's first-contact outcome was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FcrSource {
    /// The export's explicit flag.
    Flag,
    /// At most one agent reply and no reopen; `reopens_known` is false
    /// when the export has no reopen count and 0 was assumed.
    OneTouch { reopens_known: bool },
}

/// A ticket as the figures use it.
#[derive(Clone, Debug)]
pub struct TicketFacts<'a> {
    pub dims: &'a Dims,
    pub status: Option<&'a str>,
    pub state: TicketState,
    pub created: Time,
    /// Resolved, else closed: the end of resolution time and the cohort
    /// date of resolved volume.
    pub resolved: Time,
    pub first_response: Result<(f64, Source), Skip>,
    pub resolution: Result<(f64, Source), Skip>,
    /// Resolved on first contact, under the settings' FCR rule.
    pub first_contact: Result<(bool, FcrSource), Skip>,
    /// True when the export has neither a status nor a resolution column,
    /// so a ticket without a resolution time may be open or not.
    pub state_untracked: bool,
}

/// The columns that tell whether a ticket is still open.
const STATE_ROLES: [Role; 4] = [
    Role::Status,
    Role::ResolvedAt,
    Role::ClosedAt,
    Role::ResolutionTime,
];

impl<'a> TicketFacts<'a> {
    /// Reads the ticket's times in the report's time zone and measures its
    /// durations, logging gaps, overlaps, negative durations and tickets
    /// resolved before their first reply.
    pub fn read(
        ticket: &'a Ticket,
        reader: &FieldReader,
        settings: &Settings,
        log: &mut ProblemLog,
    ) -> TicketFacts<'a> {
        let line = ticket.line;
        let created = reader.read(ticket.created, line, Role::Created, log);
        let replied = reader.read(ticket.first_response_at, line, Role::FirstResponseAt, log);
        let resolved_at = reader.read(ticket.resolved_at, line, Role::ResolvedAt, log);
        let closed_at = reader.read(ticket.closed_at, line, Role::ClosedAt, log);
        let (resolved, end_stamp, end_role) = match resolved_at {
            Time::Missing => (closed_at, ticket.closed_at, Role::ClosedAt),
            _ => (resolved_at, ticket.resolved_at, Role::ResolvedAt),
        };

        let merged = ticket.state == TicketState::Merged;
        let state_untracked = reader.lacks_all(&STATE_ROLES);
        let resolved_before_reply = match (replied.at(), resolved.at()) {
            (Some(reply), Some(end)) => end < reply,
            _ => false,
        };
        if resolved_before_reply && !merged {
            log.push(Problem::error(
                reader.location(line, end_role),
                ProblemKind::Other {
                    value: end_stamp.map(local_text).unwrap_or_default(),
                    message: format!(
                        "resolved before the first reply at {}; left out of first \
                         response and resolution time",
                        ticket.first_response_at.map(local_text).unwrap_or_default()
                    ),
                },
            ));
        }

        let first_response = if merged {
            Err(Skip::Merged)
        } else if resolved_before_reply {
            Err(Skip::ResolvedBeforeReply)
        } else {
            first_response(ticket, created, replied, reader, log)
        };
        let resolution = if merged {
            Err(Skip::Merged)
        } else if resolved_before_reply {
            Err(Skip::ResolvedBeforeReply)
        } else {
            let end = (end_stamp, end_role);
            let measured = resolution(ticket, created, resolved, end, reader, log);
            match measured {
                Err(Skip::StillOpen) if state_untracked => Err(Skip::NoResolutionColumn),
                other => other,
            }
        };

        TicketFacts {
            dims: &ticket.dims,
            status: ticket.status.as_deref(),
            state: ticket.state,
            created,
            resolved,
            first_response,
            resolution,
            first_contact: first_contact(ticket, resolved, settings.fcr, state_untracked),
            state_untracked,
        }
    }

    fn is_merged(&self) -> bool {
        self.state == TicketState::Merged
    }

    /// Resolved or closed by its status, or by a resolution time when the
    /// status is unknown.
    pub fn is_resolved(&self) -> bool {
        match self.state {
            TicketState::Resolved | TicketState::Closed => true,
            TicketState::Unknown => self.resolved != Time::Missing,
            TicketState::Open | TicketState::Merged => false,
        }
    }

    /// Checks whether the ticket is open now: status open, or status
    /// unknown without a resolution time. Returns `Err` for merged tickets
    /// and where the export tracks neither status nor resolution.
    pub fn open_now(&self) -> Result<bool, Skip> {
        match self.state {
            TicketState::Merged => Err(Skip::Merged),
            TicketState::Open => Ok(true),
            TicketState::Unknown if self.resolved != Time::Missing => Ok(false),
            TicketState::Unknown if self.state_untracked => Err(Skip::NoResolutionColumn),
            TicketState::Unknown => Ok(true),
            TicketState::Resolved | TicketState::Closed => Ok(false),
        }
    }

    /// Checks whether the ticket was open at `instant`: created before it
    /// and not yet resolved. Returns `Err` when the export cannot tell.
    pub fn is_open_at(&self, instant: DateTime<Utc>) -> Result<bool, Skip> {
        if self.is_merged() {
            return Err(Skip::Merged);
        }
        let created = match self.created {
            Time::At(created) => created,
            Time::Nonexistent => return Err(Skip::NonexistentTime),
            Time::Missing => return Err(Skip::NoCreation),
        };
        if created >= instant {
            return Ok(false);
        }
        match self.resolved {
            Time::At(end) => Ok(end >= instant),
            Time::Nonexistent => Err(Skip::NonexistentTime),
            Time::Missing => match self.open_now() {
                Ok(true) => Ok(true),
                Ok(false) => Err(Skip::NoResolutionTime),
                Err(skip) => Err(skip),
            },
        }
    }
}

/// Measures reply − created, else takes the export's own duration.
fn first_response(
    ticket: &Ticket,
    created: Time,
    replied: Time,
    reader: &FieldReader,
    log: &mut ProblemLog,
) -> Result<(f64, Source), Skip> {
    if let (Time::At(start), Time::At(end)) = (created, replied) {
        let start_stamp = ticket.created.map(local_text).unwrap_or_default();
        let end_stamp = ticket.first_response_at.map(local_text).unwrap_or_default();
        let place = reader.location(ticket.line, Role::FirstResponseAt);
        return measured(start, end, (start_stamp, end_stamp), place, log);
    }
    if created == Time::Nonexistent || replied == Time::Nonexistent {
        return Err(Skip::NonexistentTime);
    }
    if let Some(seconds) = ticket.first_response_secs {
        let place = reader.location(ticket.line, Role::FirstResponseTime);
        return from_column(seconds, place, log);
    }
    let reply_roles = [Role::FirstResponseAt, Role::FirstResponseTime];
    match (created, replied) {
        (Time::Missing, _) => Err(Skip::NoCreation),
        (_, Time::Missing) if reader.lacks_all(&reply_roles) => Err(Skip::NoReplyColumn),
        (_, Time::Missing) => Err(Skip::NoReply),
        _ => Err(Skip::NoCreation),
    }
}

/// Measures resolved − created, else takes the export's own duration.
fn resolution(
    ticket: &Ticket,
    created: Time,
    resolved: Time,
    (end_stamp, end_role): (Option<Stamp>, Role),
    reader: &FieldReader,
    log: &mut ProblemLog,
) -> Result<(f64, Source), Skip> {
    if ticket.state == TicketState::Open {
        return Err(Skip::StillOpen);
    }
    if let (Time::At(start), Time::At(end)) = (created, resolved) {
        let start_stamp = ticket.created.map(local_text).unwrap_or_default();
        let end_stamp = end_stamp.map(local_text).unwrap_or_default();
        let place = reader.location(ticket.line, end_role);
        return measured(start, end, (start_stamp, end_stamp), place, log);
    }
    if created == Time::Nonexistent || resolved == Time::Nonexistent {
        return Err(Skip::NonexistentTime);
    }
    if let Some(seconds) = ticket.resolution_secs {
        let place = reader.location(ticket.line, Role::ResolutionTime);
        return from_column(seconds, place, log);
    }
    match (resolved, ticket.state) {
        (Time::Missing, TicketState::Unknown) => Err(Skip::StillOpen),
        (Time::Missing, _) => Err(Skip::NoResolutionTime),
        _ => Err(Skip::NoCreation),
    }
}

fn measured(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    (start_text, end_text): (String, String),
    place: Location,
    log: &mut ProblemLog,
) -> Result<(f64, Source), Skip> {
    let seconds = (end - start).num_milliseconds() as f64 / 1000.0;
    if seconds < 0.0 {
        log.push(Problem::error(
            place,
            ProblemKind::NegativeDuration {
                start: start_text,
                end: end_text,
            },
        ));
        return Err(Skip::NegativeDuration);
    }
    Ok((seconds, Source::Timestamps))
}

fn from_column(seconds: f64, place: Location, log: &mut ProblemLog) -> Result<(f64, Source), Skip> {
    if seconds < 0.0 || !seconds.is_finite() {
        log.push(Problem::error(
            place,
            ProblemKind::Other {
                value: format!("{seconds} s"),
                message: "a negative duration; left out".to_string(),
            },
        ));
        return Err(Skip::NegativeDuration);
    }
    Ok((seconds, Source::Column))
}

/// Decides first-contact resolution for a resolved ticket under `rule`.
fn first_contact(
    ticket: &Ticket,
    resolved: Time,
    rule: FcrDefinition,
    state_untracked: bool,
) -> Result<(bool, FcrSource), Skip> {
    let is_resolved = match ticket.state {
        TicketState::Merged => return Err(Skip::Merged),
        TicketState::Open => false,
        TicketState::Resolved | TicketState::Closed => true,
        TicketState::Unknown if resolved == Time::Missing && state_untracked => {
            return Err(Skip::NoResolutionColumn);
        }
        TicketState::Unknown => resolved != Time::Missing,
    };
    if !is_resolved {
        return Err(Skip::NotResolved);
    }
    let flag = ticket.one_touch.map(|flag| (flag, FcrSource::Flag));
    let one_touch = ticket.replies.map(|replies| {
        let reopens = ticket.reopens.unwrap_or(0);
        let source = FcrSource::OneTouch {
            reopens_known: ticket.reopens.is_some(),
        };
        (replies <= 1 && reopens == 0, source)
    });
    match rule {
        FcrDefinition::ExplicitFlag => flag.ok_or(Skip::NoFlag),
        FcrDefinition::OneTouch => one_touch.ok_or(Skip::NoReplyCount),
        FcrDefinition::Auto => flag.or(one_touch).ok_or(Skip::NoFlagOrReplies),
    }
}

/// First response time: the median of first agent reply − ticket created,
/// in seconds, over tickets with both (or with the export's own
/// first-response duration).
///
/// Tickets without a reply, without a creation time, merged, with a
/// negative duration or resolved before the first reply are left out with
/// the reason. Detail: median, mean and 90th percentile. No usable ticket
/// gives no data (n = 0).
///
/// ```
/// # use service_kpis::core::report::{build, Kpi};
/// # use service_kpis::core::load::LoadedFile;
/// # use service_kpis::core::model::{Stamp, Ticket};
/// # use service_kpis::core::settings::Settings;
/// # use chrono::{TimeZone, Utc};
/// let at = |hour, minute| Some(Stamp::Utc(Utc.with_ymd_and_hms(2024, 3, 1, hour, minute, 0).unwrap()));
/// let replied = Ticket { created: at(9, 0), first_response_at: at(10, 5), ..Default::default() };
/// let waiting = Ticket { created: at(9, 30), ..Default::default() };
/// let file = LoadedFile { tickets: vec![replied, waiting], ..Default::default() };
/// let settings = Settings::new("UTC", Utc.with_ymd_and_hms(2024, 3, 2, 0, 0, 0).unwrap());
/// let frt = build(&[file], &settings).figure(Kpi::FirstResponseTime).unwrap().clone();
/// // One reply after 65 min; the ticket still waiting is not a zero.
/// assert_eq!(frt.display, "1 h 05 m");
/// assert_eq!(frt.n, 1);
/// ```
pub fn first_response_time(tickets: &[&TicketFacts], context: &Context) -> Figure {
    let measure = |ticket: &TicketFacts| ticket.first_response;
    let definition = "first agent reply − ticket created, calendar time, median";
    duration_figure(
        Kpi::FirstResponseTime,
        tickets,
        measure,
        definition,
        context,
    )
}

/// Resolution time: the median of resolved (else closed) − created, in
/// seconds, over resolved tickets (or the export's own resolution
/// duration).
///
/// Open tickets are left out as "still open" and merged tickets as
/// "merged". No usable ticket gives no data (n = 0).
pub fn resolution_time(tickets: &[&TicketFacts], context: &Context) -> Figure {
    let measure = |ticket: &TicketFacts| ticket.resolution;
    let definition = "resolved (else closed) − ticket created, calendar time, median";
    duration_figure(Kpi::ResolutionTime, tickets, measure, definition, context)
}

fn duration_figure(
    kpi: Kpi,
    tickets: &[&TicketFacts],
    measure: impl Fn(&TicketFacts) -> Result<(f64, Source), Skip>,
    definition: &str,
    context: &Context,
) -> Figure {
    let zone = context.zone.name();
    let mut values = Vec::with_capacity(tickets.len());
    let mut from_column = 0;
    let mut tally = Tally::default();
    for ticket in tickets {
        match measure(ticket) {
            Ok((seconds, source)) => {
                values.push(seconds);
                if source == Source::Column {
                    from_column += 1;
                }
            }
            Err(skip) => tally.add(skip),
        }
    }

    let from_timestamps = values.len() - from_column;
    let mut definition = format!(
        "{definition}; {from_timestamps} from timestamps, {from_column} from the \
         export's own duration column"
    );
    let Some(summary) = stats::summarize(&mut values) else {
        if let Some(reason) = tally.main_reason(zone) {
            definition = format!("{definition}; cannot be computed: {reason}");
        }
        return Figure::no_data(kpi, definition, tally.left_out(zone));
    };
    let detail = Detail::Durations {
        median: summary.median,
        mean: summary.mean,
        p90: summary.p90,
    };
    let n = values.len();
    Figure::with_value(
        kpi,
        summary.median,
        n,
        definition,
        tally.left_out(zone),
        detail,
    )
}

/// Builds a count figure: `Some(count)` whenever tickets were loaded at
/// all, so that an empty period reads 0. Without any ticket file it has no
/// data.
fn count_figure(
    kpi: Kpi,
    count: usize,
    definition: String,
    tally: &Tally,
    context: &Context,
) -> Figure {
    let zone = context.zone.name();
    let left_out = tally.left_out(zone);
    if !context.any_tickets {
        return Figure::no_data(kpi, definition, left_out);
    }
    // A 0 that only reflects a column the export lacks would read as a
    // real count, so it is no data with the reason instead.
    if count == 0 {
        if let Some(reason) = tally.export_reason(zone) {
            let definition = format!("{definition}; cannot be computed: {reason}");
            return Figure::no_data(kpi, definition, left_out);
        }
    }
    Figure::with_value(kpi, count as f64, count, definition, left_out, Detail::None)
}

/// Tickets created: the number of tickets, merged ones left out.
///
/// Over a range or a period, only tickets created in it count. With no
/// file of tickets, no data (n = 0).
pub fn created(tickets: &[&TicketFacts], context: &Context) -> Figure {
    let mut tally = Tally::default();
    let mut count = 0;
    for ticket in tickets {
        if ticket.is_merged() {
            tally.add(Skip::Merged);
        } else {
            count += 1;
        }
    }
    let definition = "tickets created, by creation date; merged tickets left out".to_string();
    count_figure(Kpi::Created, count, definition, &tally, context)
}

/// Tickets resolved: tickets resolved or closed, by resolution date.
///
/// Tickets resolved or closed by status but without a date count in the
/// total only when no range is set, and the definition states how many.
pub fn resolved(tickets: &[&TicketFacts], context: &Context) -> Figure {
    let mut tally = Tally::default();
    let mut count = 0;
    let mut undated = 0;
    for ticket in tickets {
        if ticket.is_merged() {
            tally.add(Skip::Merged);
        } else if ticket.resolved.at().is_some() {
            count += 1;
        } else if ticket.is_resolved() {
            count += 1;
            undated += 1;
        }
    }
    let mut definition = "tickets resolved or closed, by resolution date".to_string();
    if undated > 0 {
        definition = format!(
            "{definition}; {undated} resolved or closed without a date are counted \
             in the total only, not in periods or ranges"
        );
    }
    count_figure(Kpi::Resolved, count, definition, &tally, context)
}

/// Backlog: tickets open at `at`, meaning created before it and not
/// resolved by then, or open now by status when `at` is `None`. Merged
/// tickets are left out.
pub fn backlog(tickets: &[&TicketFacts], at: Option<DateTime<Utc>>, context: &Context) -> Figure {
    let mut tally = Tally::default();
    let mut count = 0;
    for ticket in tickets {
        let open = match at {
            Some(instant) => ticket.is_open_at(instant),
            None => ticket.open_now(),
        };
        match open {
            Ok(true) => count += 1,
            Ok(false) => {}
            Err(skip) => tally.add(skip),
        }
    }
    let definition = backlog_definition(at, context);
    count_figure(Kpi::Backlog, count, definition, &tally, context)
}

fn backlog_definition(at: Option<DateTime<Utc>>, context: &Context) -> String {
    match at {
        Some(instant) => format!(
            "tickets open at the start of {}: created before it and not resolved by \
             then; merged tickets left out",
            context.zone.local_date(instant)
        ),
        None => "tickets open now: status open, or no status and no resolution time; \
                 merged tickets left out"
            .to_string(),
    }
}

/// The backlog at many instants without scanning every ticket for each:
/// open at t = created before t − (created and resolved before t).
pub struct BacklogSweep {
    /// Creation times of every ticket that can be placed, sorted.
    created: Vec<DateTime<Utc>>,
    /// The later of creation and resolution, for resolved tickets, sorted.
    closed: Vec<DateTime<Utc>>,
    /// Tickets that cannot be placed at any time, by reason.
    never: Tally,
    /// Creation times of tickets that cannot be placed once created, by
    /// reason.
    unplaced: BTreeMap<Skip, Vec<DateTime<Utc>>>,
}

impl BacklogSweep {
    /// Sorts the tickets' creation and resolution times once.
    pub fn new(tickets: &[TicketFacts]) -> BacklogSweep {
        let mut sweep = BacklogSweep {
            created: Vec::new(),
            closed: Vec::new(),
            never: Tally::default(),
            unplaced: BTreeMap::new(),
        };
        for ticket in tickets {
            if ticket.is_merged() {
                sweep.never.add(Skip::Merged);
                continue;
            }
            let created = match ticket.created {
                Time::At(created) => created,
                Time::Nonexistent => {
                    sweep.never.add(Skip::NonexistentTime);
                    continue;
                }
                Time::Missing => {
                    sweep.never.add(Skip::NoCreation);
                    continue;
                }
            };
            let unplaced = match ticket.resolved {
                Time::At(end) => {
                    sweep.created.push(created);
                    sweep.closed.push(end.max(created));
                    continue;
                }
                Time::Nonexistent => Skip::NonexistentTime,
                Time::Missing => match ticket.open_now() {
                    Ok(true) => {
                        sweep.created.push(created);
                        continue;
                    }
                    Ok(false) => Skip::NoResolutionTime,
                    Err(skip) => skip,
                },
            };
            sweep.unplaced.entry(unplaced).or_default().push(created);
        }
        sweep.created.sort_unstable();
        sweep.closed.sort_unstable();
        for times in sweep.unplaced.values_mut() {
            times.sort_unstable();
        }
        sweep
    }

    /// Computes the backlog figure at `instant`, equal to [`backlog`] over
    /// all tickets at that instant.
    pub fn figure(&self, instant: DateTime<Utc>, context: &Context) -> Figure {
        let before = |times: &[DateTime<Utc>]| times.partition_point(|&time| time < instant);
        let count = before(&self.created) - before(&self.closed);
        let mut tally = self.never.clone();
        for (&skip, times) in &self.unplaced {
            tally.add_many(skip, before(times));
        }
        let definition = backlog_definition(Some(instant), context);
        count_figure(Kpi::Backlog, count, definition, &tally, context)
    }
}

/// Age buckets of open tickets, upper bounds in days.
const AGE_BUCKETS: [(&str, f64); 5] = [
    ("< 1 day", 1.0),
    ("1–3 days", 3.0),
    ("3–7 days", 7.0),
    ("7–30 days", 30.0),
    ("> 30 days", f64::INFINITY),
];

/// Counts the tickets open now by status text and by age from creation
/// to `settings.as_of`.
pub fn backlog_now(tickets: &[TicketFacts], context: &Context) -> Backlog {
    let as_of = context.settings.as_of;
    let mut by_status = BTreeMap::<String, usize>::new();
    let mut by_age = [0usize; AGE_BUCKETS.len()];
    let mut age_unknown = 0;
    let mut open = 0;
    for ticket in tickets {
        if ticket.open_now() != Ok(true) {
            continue;
        }
        open += 1;
        let status = ticket.status.unwrap_or("(no status)").to_string();
        *by_status.entry(status).or_default() += 1;
        let Some(created) = ticket.created.at() else {
            age_unknown += 1;
            continue;
        };
        let days = (as_of - created).num_seconds() as f64 / 86_400.0;
        let bucket = AGE_BUCKETS
            .iter()
            .position(|&(_, upper)| days < upper)
            .unwrap_or(AGE_BUCKETS.len() - 1);
        by_age[bucket] += 1;
    }

    let mut by_status: Vec<(String, usize)> = by_status.into_iter().collect();
    by_status.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Backlog {
        open,
        by_status,
        by_age: AGE_BUCKETS
            .iter()
            .zip(by_age)
            .map(|(&(label, _), count)| (label.to_string(), count))
            .collect(),
        age_unknown,
        definition: format!(
            "tickets open on {}: status open, or no status and no resolution time; \
             merged tickets left out; age from creation",
            context.zone.local_date(as_of)
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::core::columns::Role;
    use crate::core::load::LoadedFile;
    use crate::core::model::{Ticket, TicketState};
    use crate::core::problem::{ProblemKind, Severity};
    use crate::core::report::testing::{at, column, figure, left_out, settings};
    use crate::core::report::{build, Kpi, Report};
    use crate::core::settings::DateRange;

    fn report_of(tickets: Vec<Ticket>) -> Report {
        let file = LoadedFile {
            name: "tickets.csv".to_string(),
            columns: vec![
                column(Role::Created, 0, "Created"),
                column(Role::FirstResponseAt, 1, "First reply"),
                column(Role::ResolvedAt, 2, "Solved"),
            ],
            tickets,
            ..LoadedFile::default()
        };
        build(&[file], &settings())
    }

    fn replied(created: &str, reply: &str) -> Ticket {
        Ticket {
            line: 2,
            created: at(created),
            first_response_at: at(reply),
            ..Ticket::default()
        }
    }

    #[test]
    fn negative_first_response_left_out_with_problem() {
        // Reply at 09:00 for a ticket created at 10:00: −1 h.
        let report = report_of(vec![replied(
            "2024-03-01T10:00:00Z",
            "2024-03-01T09:00:00Z",
        )]);

        let frt = figure(&report, Kpi::FirstResponseTime);
        assert_eq!(frt.value, None);
        assert_eq!(left_out(frt, "ends before it starts"), 1);
        assert!(matches!(
            report.problems[0].kind,
            ProblemKind::NegativeDuration { .. }
        ));
        assert_eq!(
            report.problems[0].location.column.as_deref(),
            Some("First reply")
        );
    }

    #[test]
    fn first_response_never_counts_missing_reply_as_zero() {
        // One reply after 10 min, one ticket without reply: median 600 s
        // over one ticket, not 300 s over two.
        let report = report_of(vec![
            replied("2024-03-01T10:00:00Z", "2024-03-01T10:10:00Z"),
            Ticket {
                created: at("2024-03-01T11:00:00Z"),
                ..Ticket::default()
            },
        ]);

        let frt = figure(&report, Kpi::FirstResponseTime);
        assert_eq!(frt.value, Some(600.0));
        assert_eq!(frt.display, "10 m");
        assert_eq!(frt.n, 1);
        assert_eq!(left_out(frt, "no reply yet"), 1);
    }

    #[test]
    fn first_response_from_export_column() {
        // No timestamps, but the export's own 2 h first reply time.
        let report = report_of(vec![Ticket {
            first_response_secs: Some(7200.0),
            ..Ticket::default()
        }]);

        let frt = figure(&report, Kpi::FirstResponseTime);
        assert_eq!(frt.value, Some(7200.0));
        assert!(frt
            .definition
            .contains("0 from timestamps, 1 from the export's own"));
    }

    #[test]
    fn first_response_without_creation_time_says_why() {
        // Like an export with reply and resolution times but no creation
        // time: nothing can be measured.
        let report = report_of(vec![Ticket {
            first_response_at: at("2024-03-01T10:00:00Z"),
            resolved_at: at("2024-03-01T12:00:00Z"),
            state: TicketState::Closed,
            ..Ticket::default()
        }]);

        let frt = figure(&report, Kpi::FirstResponseTime);
        assert_eq!(frt.display, "no data (n = 0)");
        assert_eq!(left_out(frt, "no creation time in the export"), 1);
        assert!(frt
            .definition
            .contains("cannot be computed: no creation time in the export"));
    }

    #[test]
    fn resolution_leaves_open_and_merged_apart() {
        // One resolved after 3 h; one open; one merged.
        let report = report_of(vec![
            Ticket {
                created: at("2024-03-01T09:00:00Z"),
                resolved_at: at("2024-03-01T12:00:00Z"),
                state: TicketState::Resolved,
                ..Ticket::default()
            },
            Ticket {
                created: at("2024-03-01T09:00:00Z"),
                state: TicketState::Open,
                ..Ticket::default()
            },
            Ticket {
                created: at("2024-03-01T09:00:00Z"),
                closed_at: at("2024-03-01T09:05:00Z"),
                state: TicketState::Merged,
                ..Ticket::default()
            },
        ]);

        let resolution = figure(&report, Kpi::ResolutionTime);
        assert_eq!(resolution.value, Some(10_800.0));
        assert_eq!(resolution.display, "3 h 00 m");
        assert_eq!(left_out(resolution, "still open"), 1);
        assert_eq!(left_out(resolution, "merged"), 1);
        assert_eq!(figure(&report, Kpi::Backlog).value, Some(1.0));
    }

    #[test]
    fn resolution_falls_back_to_closed_time() {
        // No resolved time, closed 2 days after creation.
        let report = report_of(vec![Ticket {
            created: at("2024-03-01T09:00:00Z"),
            closed_at: at("2024-03-03T09:00:00Z"),
            state: TicketState::Closed,
            ..Ticket::default()
        }]);

        let resolution = figure(&report, Kpi::ResolutionTime);
        assert_eq!(resolution.value, Some(172_800.0));
        assert_eq!(resolution.display, "2 d 00 h");
    }

    #[test]
    fn resolved_before_first_reply_left_out_of_both() {
        // Solved at 10:30, first reply at 11:00.
        let report = report_of(vec![Ticket {
            line: 7,
            created: at("2024-03-01T10:00:00Z"),
            first_response_at: at("2024-03-01T11:00:00Z"),
            resolved_at: at("2024-03-01T10:30:00Z"),
            state: TicketState::Resolved,
            ..Ticket::default()
        }]);

        let reason = "resolved before first reply";
        assert_eq!(left_out(figure(&report, Kpi::FirstResponseTime), reason), 1);
        assert_eq!(left_out(figure(&report, Kpi::ResolutionTime), reason), 1);
        assert_eq!(report.problems.len(), 1);
        assert_eq!(report.problems[0].severity, Severity::Error);
        assert_eq!(report.problems[0].location.line, Some(7));
        assert_eq!(
            report.problems[0].location.column.as_deref(),
            Some("Solved")
        );
    }

    #[test]
    fn resolved_counts_undated_only_in_total() {
        // One solved with a date, one closed without one: 2 in the total,
        // and the definition states that one has no date.
        let report = report_of(vec![
            Ticket {
                created: at("2024-03-01T09:00:00Z"),
                resolved_at: at("2024-03-02T09:00:00Z"),
                state: TicketState::Resolved,
                ..Ticket::default()
            },
            Ticket {
                created: at("2024-03-01T09:00:00Z"),
                state: TicketState::Closed,
                ..Ticket::default()
            },
        ]);

        let resolved = figure(&report, Kpi::Resolved);
        assert_eq!(resolved.value, Some(2.0));
        assert!(resolved
            .definition
            .contains("1 resolved or closed without a date"));
    }

    #[test]
    fn backlog_at_range_end_uses_dates() {
        // Created 1 March, resolved 10 April. With a March range the
        // ticket is open at the end of the range; with April it is not.
        let ticket = Ticket {
            created: at("2024-03-01T09:00:00Z"),
            resolved_at: at("2024-04-10T09:00:00Z"),
            state: TicketState::Resolved,
            ..Ticket::default()
        };
        let file = LoadedFile {
            tickets: vec![ticket],
            ..LoadedFile::default()
        };
        let mut march = settings();
        march.range = Some(DateRange {
            first: chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
            last: chrono::NaiveDate::from_ymd_opt(2024, 3, 31).unwrap(),
        });
        let mut april = march.clone();
        april.range = Some(DateRange {
            first: chrono::NaiveDate::from_ymd_opt(2024, 4, 1).unwrap(),
            last: chrono::NaiveDate::from_ymd_opt(2024, 4, 30).unwrap(),
        });

        let in_march = build(std::slice::from_ref(&file), &march);
        let in_april = build(&[file], &april);

        assert_eq!(figure(&in_march, Kpi::Backlog).value, Some(1.0));
        assert_eq!(figure(&in_april, Kpi::Backlog).value, Some(0.0));
        assert_eq!(figure(&in_april, Kpi::Resolved).value, Some(1.0));
        assert_eq!(figure(&in_march, Kpi::Resolved).value, Some(0.0));
    }

    #[test]
    fn backlog_by_status_and_age() {
        // As of 1 June: one open for 10 days ("Open"), one pending for 40
        // days, one open without a creation time.
        let open = |created: Option<&str>, status: &str| Ticket {
            created: created.and_then(at),
            status: Some(status.to_string()),
            state: TicketState::Open,
            ..Ticket::default()
        };
        let report = report_of(vec![
            open(Some("2024-05-22T00:00:00Z"), "Open"),
            open(Some("2024-04-22T00:00:00Z"), "Pending"),
            open(None, "Open"),
        ]);

        assert_eq!(report.backlog.open, 3);
        assert_eq!(
            report.backlog.by_status,
            vec![("Open".to_string(), 2), ("Pending".to_string(), 1)]
        );
        assert_eq!(report.backlog.by_age[3], ("7–30 days".to_string(), 1));
        assert_eq!(report.backlog.by_age[4], ("> 30 days".to_string(), 1));
        assert_eq!(report.backlog.age_unknown, 1);
    }

    #[test]
    fn export_without_reply_column_says_so() {
        // Only a creation column: no ticket can have a reply time.
        let file = LoadedFile {
            columns: vec![
                column(Role::Created, 0, "Created"),
                column(Role::Status, 1, "Status"),
            ],
            tickets: vec![Ticket {
                created: at("2024-03-01T10:00:00Z"),
                state: TicketState::Open,
                ..Ticket::default()
            }],
            ..LoadedFile::default()
        };

        let report = build(&[file], &settings());

        let frt = figure(&report, Kpi::FirstResponseTime);
        assert_eq!(left_out(frt, "no first-reply time in the export"), 1);
        assert_eq!(left_out(frt, "no reply yet"), 0);
    }

    #[test]
    fn export_without_state_columns_has_no_backlog() {
        // Creation times only: whether a ticket is open cannot be known,
        // so the backlog is no data rather than 2 or 0.
        let ticket = Ticket {
            created: at("2024-03-01T10:00:00Z"),
            ..Ticket::default()
        };
        let file = LoadedFile {
            columns: vec![column(Role::Created, 0, "Created")],
            tickets: vec![ticket.clone(), ticket],
            ..LoadedFile::default()
        };

        let report = build(&[file], &settings());

        let backlog = figure(&report, Kpi::Backlog);
        assert_eq!(backlog.display, "no data (n = 0)");
        assert_eq!(
            left_out(backlog, "no status or resolution time in the export"),
            2
        );
        assert!(backlog
            .definition
            .contains("cannot be computed: no status or resolution time in the export"));
        assert_eq!(report.backlog.open, 0);
        let resolution = figure(&report, Kpi::ResolutionTime);
        assert_eq!(left_out(resolution, "still open"), 0);
        assert_eq!(
            left_out(resolution, "no status or resolution time in the export"),
            2
        );
    }
}
