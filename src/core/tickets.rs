//! Ticket KPIs: first response time, first and full resolution time,
//! reopen rate, volume created and resolved, and the backlog of open
//! tickets.
//!
//! [`TicketFacts::read`] turns a loaded ticket into what the figures need,
//! once per report: instants in the report's time zone, each duration
//! measured on the settings' clock (calendar or the team's business
//! hours) or left out with its reason, and the ticket's SLA outcomes. The
//! figure functions then only count and summarise. First contact
//! resolution, which also uses calls, is in [`crate::core::calls`]; SLA
//! attainment is in [`crate::core::sla`].

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::core::business_hours::{BusinessClock, BusinessHours};
use crate::core::columns::Role;
use crate::core::format;
use crate::core::model::{Dims, Stamp, Ticket, TicketState};
use crate::core::problem::{Location, Problem, ProblemKind};
use crate::core::report::{Backlog, Context, Detail, Figure, Kpi, ProblemLog, Skip, Tally};
use crate::core::settings::{Clock, Cohort, FcrDefinition, ResolutionEnd, Settings};
use crate::core::sla::{self, SlaCheck, SlaEnd, SlaMetric, SlaOutcome, SlaSource, SlaTarget};
use crate::core::stats;
use crate::core::zone::{local_text, FieldReader, Time};

/// The source of a duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The difference of two timestamps of the export.
    Timestamps,
    /// The export's own duration column.
    Column,
}

/// The rule that decided a ticket's first-contact outcome.
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
    /// The name of the file the ticket came from.
    pub file: &'a str,
    pub line: u64,
    pub id: Option<&'a str>,
    /// Created → first solve, for a ticket solved more than once; else
    /// the same as `resolution`.
    pub first_resolution: Result<(f64, Source), Skip>,
    /// Reopened at least once, for a ticket ever resolved.
    pub reopened: Result<bool, Skip>,
    /// The date that puts the ticket in a period for first response time.
    pub frt_cohort_at: Option<DateTime<Utc>>,
    /// The date that puts the ticket in a period for resolution time.
    pub resolution_cohort_at: Option<DateTime<Utc>>,
    pub sla_first_response: Result<SlaCheck, Skip>,
    pub sla_resolution: Result<SlaCheck, Skip>,
}

/// The columns that tell whether a ticket is still open.
const STATE_ROLES: [Role; 4] = [
    Role::Status,
    Role::ResolvedAt,
    Role::ClosedAt,
    Role::ResolutionTime,
];

impl<'a> TicketFacts<'a> {
    /// Reads the ticket's times in the report's time zone, measures its
    /// durations on the settings' clock with the schedule of its team
    /// from `hours`, and checks it against the SLA policy. Logs gaps,
    /// overlaps, negative durations, tickets resolved before their first
    /// reply, and SLA statuses of the export that the policy contradicts.
    pub fn read(
        ticket: &'a Ticket,
        reader: &FieldReader,
        settings: &Settings,
        hours: &BusinessHours,
        file: &'a str,
        log: &mut ProblemLog,
    ) -> TicketFacts<'a> {
        let line = ticket.line;
        let business = hours.for_team(ticket.dims.team.as_deref());
        let duration_clock = match settings.clock {
            Clock::Calendar => Ok(None),
            Clock::Business => business.map(Some).ok_or(Skip::NoSchedule),
        };
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
            duration_clock
                .and_then(|clock| first_response(ticket, created, replied, clock, reader, log))
        };
        let resolution = if merged {
            Err(Skip::Merged)
        } else if resolved_before_reply {
            Err(Skip::ResolvedBeforeReply)
        } else {
            let end = (end_stamp, end_role);
            let measured = duration_clock
                .and_then(|clock| resolution(ticket, created, resolved, end, clock, reader, log));
            match measured {
                Err(Skip::StillOpen) if state_untracked => Err(Skip::NoResolutionColumn),
                other => other,
            }
        };
        let first_resolved = reader.read(ticket.first_resolved_at, line, Role::ResolvedAt, log);
        let first_resolution = match (first_resolved, &resolution) {
            _ if merged => Err(Skip::Merged),
            (Time::At(end), _) => match (created, duration_clock) {
                (Time::At(start), Ok(clock)) => {
                    let texts = (
                        ticket.created.map(local_text).unwrap_or_default(),
                        ticket.first_resolved_at.map(local_text).unwrap_or_default(),
                    );
                    let place = reader.location(line, Role::ResolvedAt);
                    measured(start, end, texts, clock, place, log)
                }
                (_, Err(skip)) => Err(skip),
                (Time::Nonexistent, _) => Err(Skip::NonexistentTime),
                (Time::Missing, _) => Err(Skip::NoCreation),
            },
            (Time::Nonexistent, _) => Err(Skip::NonexistentTime),
            (Time::Missing, full) => *full,
        };

        let mut facts = TicketFacts {
            dims: &ticket.dims,
            status: ticket.status.as_deref(),
            state: ticket.state,
            created,
            resolved,
            first_response,
            resolution,
            first_contact: first_contact(ticket, resolved, settings.fcr, state_untracked),
            state_untracked,
            file,
            line,
            id: ticket.id.as_deref(),
            first_resolution,
            reopened: Err(Skip::NotResolved),
            frt_cohort_at: None,
            resolution_cohort_at: None,
            sla_first_response: Err(Skip::NoSlaPolicy),
            sla_resolution: Err(Skip::NoSlaPolicy),
        };
        facts.reopened = facts.reopened(ticket, first_resolved, reader);
        let first_solve = first_resolved.at().or(resolved.at());
        let last_solve = resolved.at();
        let cohort_at = |cohort: Cohort, solved: Option<DateTime<Utc>>| match cohort {
            Cohort::Created => created.at(),
            Cohort::Resolved => solved,
        };
        facts.frt_cohort_at = cohort_at(settings.frt_cohort, last_solve);
        facts.resolution_cohort_at = match settings.resolution {
            ResolutionEnd::Full => cohort_at(settings.resolution_cohort, last_solve),
            ResolutionEnd::First => cohort_at(settings.resolution_cohort, first_solve),
        };
        let checks = TicketSla {
            ticket,
            reader,
            settings,
            business,
        };
        facts.sla_first_response = checks.check(&facts, SlaMetric::FirstResponse, replied, log);
        facts.sla_resolution = checks.check(&facts, SlaMetric::Resolution, replied, log);
        facts
    }

    /// Returns the ticket's outcome against one SLA target.
    pub fn sla(&self, metric: SlaMetric) -> Result<SlaCheck, Skip> {
        match metric {
            SlaMetric::FirstResponse => self.sla_first_response,
            SlaMetric::Resolution => self.sla_resolution,
        }
    }

    /// Decides whether a ticket ever resolved was reopened: from the
    /// export's reopen count, or from a first solve before the last one.
    fn reopened(
        &self,
        ticket: &Ticket,
        first_resolved: Time,
        reader: &FieldReader,
    ) -> Result<bool, Skip> {
        if self.is_merged() {
            return Err(Skip::Merged);
        }
        let reopens = ticket.reopens.unwrap_or(0);
        let solved_twice = match (first_resolved.at(), self.resolved.at()) {
            (Some(first), Some(last)) => first < last,
            _ => false,
        };
        let ever_resolved = self.is_resolved() || first_resolved.at().is_some() || reopens > 0;
        if !ever_resolved {
            return Err(Skip::NotResolved);
        }
        let known = ticket.reopens.is_some()
            || ticket.first_resolved_at.is_some()
            || !reader.lacks_all(&[Role::Reopens]);
        if !known {
            return Err(Skip::NoReopenCount);
        }
        Ok(reopens > 0 || solved_twice)
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
    clock: Option<&BusinessClock>,
    reader: &FieldReader,
    log: &mut ProblemLog,
) -> Result<(f64, Source), Skip> {
    if let (Time::At(start), Time::At(end)) = (created, replied) {
        let start_stamp = ticket.created.map(local_text).unwrap_or_default();
        let end_stamp = ticket.first_response_at.map(local_text).unwrap_or_default();
        let place = reader.location(ticket.line, Role::FirstResponseAt);
        return measured(start, end, (start_stamp, end_stamp), clock, place, log);
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
    clock: Option<&BusinessClock>,
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
        return measured(start, end, (start_stamp, end_stamp), clock, place, log);
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

/// Measures `end − start` in calendar seconds, or in the working seconds
/// of `clock` when there is one.
fn measured(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    (start_text, end_text): (String, String),
    clock: Option<&BusinessClock>,
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
    let seconds = clock.map_or(seconds, |clock| clock.seconds_between(start, end));
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

/// The inputs of one ticket's SLA checks besides its facts.
struct TicketSla<'t> {
    ticket: &'t Ticket,
    reader: &'t FieldReader<'t>,
    settings: &'t Settings,
    business: Option<&'t BusinessClock>,
}

impl TicketSla<'_> {
    /// Checks the ticket against the policy's target for its priority,
    /// else takes the export's own status. Where both exist and disagree
    /// on met or breached, a warning names the file, line, column and
    /// both values.
    fn check(
        &self,
        facts: &TicketFacts,
        metric: SlaMetric,
        replied: Time,
        log: &mut ProblemLog,
    ) -> Result<SlaCheck, Skip> {
        if facts.is_merged() {
            return Err(Skip::Merged);
        }
        let (export, role) = match metric {
            SlaMetric::FirstResponse => (self.ticket.sla_first_response, Role::FirstResponseSla),
            SlaMetric::Resolution => (self.ticket.sla_resolution, Role::ResolutionSla),
        };
        let from_export = export.map(|outcome| SlaCheck {
            outcome,
            source: SlaSource::Export,
            target_secs: None,
            elapsed_secs: None,
            waiting: outcome == SlaOutcome::Pending,
            disagrees: false,
        });
        let policy = &self.settings.sla;
        let target = policy
            .rule_for(self.ticket.dims.priority.as_deref())
            .and_then(|rule| rule.target(metric));
        let Some(target) = target else {
            // A policy whose rules set no target of this kind still is a
            // policy: the ticket lacks a target, not the report a policy.
            let skip = if policy.covers(metric) || !policy.rules.is_empty() {
                Skip::NoSlaTarget
            } else {
                Skip::NoSlaPolicy
            };
            return from_export.ok_or(skip);
        };
        let measured = self.measure(facts, metric, target, replied);
        let mut check = match (measured, from_export) {
            (Ok(check), _) => check,
            (Err(_), Some(check)) => return Ok(check),
            (Err(skip), None) => return Err(skip),
        };
        let decided = |outcome| outcome != SlaOutcome::Pending;
        if let Some(export) = export {
            if decided(export) && decided(check.outcome) && export != check.outcome {
                check.disagrees = true;
                log.push(self.disagreement(metric, role, export, &check));
            }
        }
        Ok(check)
    }

    fn measure(
        &self,
        facts: &TicketFacts,
        metric: SlaMetric,
        target: SlaTarget,
        replied: Time,
    ) -> Result<SlaCheck, Skip> {
        if facts.is_merged() {
            return Err(Skip::Merged);
        }
        let created = match facts.created {
            Time::At(created) => created,
            Time::Nonexistent => return Err(Skip::NonexistentTime),
            Time::Missing => return Err(Skip::NoCreation),
        };
        let end = match metric {
            SlaMetric::FirstResponse => self.reply_end(facts, replied)?,
            SlaMetric::Resolution => self.resolution_end(facts)?,
        };
        sla::evaluate(target, created, end, self.settings.as_of, self.business)
    }

    /// When the first-response clock stopped: the first reply, else the
    /// export's own duration; still waiting while unanswered and open.
    fn reply_end(&self, facts: &TicketFacts, replied: Time) -> Result<SlaEnd, Skip> {
        match replied {
            Time::At(at) => return Ok(SlaEnd::At(at)),
            Time::Nonexistent => return Err(Skip::NonexistentTime),
            Time::Missing => {}
        }
        if let Some(seconds) = self.ticket.first_response_secs {
            return Ok(SlaEnd::Duration(seconds));
        }
        if self
            .reader
            .lacks_all(&[Role::FirstResponseAt, Role::FirstResponseTime])
        {
            return Err(Skip::NoReplyColumn);
        }
        match facts.open_now() {
            Ok(true) => Ok(SlaEnd::Waiting),
            Ok(false) => Err(Skip::ResolvedWithoutReply),
            Err(skip) => Err(skip),
        }
    }

    /// When the resolution clock stopped: the last solve, else close;
    /// still waiting while open.
    fn resolution_end(&self, facts: &TicketFacts) -> Result<SlaEnd, Skip> {
        if facts.open_now()? {
            return Ok(SlaEnd::Waiting);
        }
        match facts.resolved {
            Time::At(at) => Ok(SlaEnd::At(at)),
            Time::Nonexistent => Err(Skip::NonexistentTime),
            Time::Missing => self
                .ticket
                .resolution_secs
                .map(SlaEnd::Duration)
                .ok_or(Skip::NoResolutionTime),
        }
    }

    fn disagreement(
        &self,
        metric: SlaMetric,
        role: Role,
        export: SlaOutcome,
        check: &SlaCheck,
    ) -> Problem {
        let shown = |seconds: Option<f64>| seconds.map_or("—".to_string(), format::elapsed);
        Problem::warning(
            self.reader.location(self.ticket.line, role),
            ProblemKind::Other {
                value: export.label().to_string(),
                message: format!(
                    "the export's {} SLA status is {}, but the SLA policy gives {} \
                     ({} against a {} target); the figure uses the policy",
                    metric.label(),
                    export.label(),
                    check.outcome.label(),
                    shown(check.elapsed_secs),
                    shown(check.target_secs),
                ),
            },
        )
    }
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
    // A reopened ticket was not resolved on first contact, whatever the
    // export's flag.
    let reopened = ticket.reopens.unwrap_or(0) > 0;
    let flag = ticket
        .one_touch
        .map(|flag| (flag && !reopened, FcrSource::Flag));
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
    let definition = format!(
        "first agent reply − ticket created, {}, median; {}",
        clock_text(context),
        context.settings.frt_cohort.describe()
    );
    duration_figure(
        Kpi::FirstResponseTime,
        tickets,
        measure,
        &definition,
        context,
    )
}

/// Names the clock of duration figures, such as `calendar time` or
/// `business hours (Mon–Fri 09:00–17:00, Europe/Berlin, 3 holidays)`.
fn clock_text(context: &Context) -> String {
    match context.settings.clock {
        Clock::Calendar => "calendar time".to_string(),
        Clock::Business => match context.business.describe() {
            Some(hours) => format!("business hours ({hours})"),
            None => "business hours (no schedule set)".to_string(),
        },
    }
}

/// Resolution time: the median of resolved (else closed) − created, in
/// seconds, over resolved tickets (or the export's own resolution
/// duration).
///
/// Open tickets are left out as "still open" and merged tickets as
/// "merged". No usable ticket gives no data (n = 0).
pub fn resolution_time(tickets: &[&TicketFacts], context: &Context) -> Figure {
    let settings = context.settings;
    let first = settings.resolution == ResolutionEnd::First;
    let measure = |ticket: &TicketFacts| {
        if first {
            ticket.first_resolution
        } else {
            ticket.resolution
        }
    };
    let end = if first {
        "first resolution: first solve (else closed)"
    } else {
        "full resolution: last solve (else closed)"
    };
    let definition = format!(
        "{end} − ticket created, {}, median; {}",
        clock_text(context),
        settings.resolution_cohort.describe()
    );
    duration_figure(Kpi::ResolutionTime, tickets, measure, &definition, context)
}

/// Reopen rate: tickets reopened at least once ÷ tickets ever resolved ×
/// 100, in percent, by creation date. Lower is better.
///
/// A ticket counts as reopened when the export's reopen count is above 0,
/// or when it was first solved before its last solve. A ticket reopened
/// and open now still counts as ever resolved. Merged tickets and tickets
/// never resolved are left out. No resolved ticket gives no data (n = 0).
pub fn reopen_rate(tickets: &[&TicketFacts], context: &Context) -> Figure {
    let zone = context.zone.name();
    let mut reopened = 0;
    let mut resolved = 0;
    let mut tally = Tally::default();
    for ticket in tickets {
        match ticket.reopened {
            Ok(again) => {
                resolved += 1;
                if again {
                    reopened += 1;
                }
            }
            Err(skip) => tally.add(skip),
        }
    }
    let mut definition = "tickets reopened at least once ÷ tickets ever resolved; by \
                          creation date; merged tickets left out"
        .to_string();
    if resolved == 0 {
        if let Some(reason) = tally.main_reason(zone) {
            definition = format!("{definition}; cannot be computed: {reason}");
        }
        return Figure::no_data(Kpi::ReopenRate, definition, tally.left_out(zone));
    }
    Figure::with_value(
        Kpi::ReopenRate,
        reopened as f64 / resolved as f64 * 100.0,
        resolved,
        definition,
        tally.left_out(zone),
        Detail::Share {
            part: reopened,
            whole: resolved,
        },
    )
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

    // Only the sources that gave values are named: "0 from timestamps"
    // on a card says nothing and reads like an error.
    let from_timestamps = values.len() - from_column;
    let mut sources = Vec::new();
    if from_timestamps > 0 {
        sources.push(format!("{from_timestamps} from timestamps"));
    }
    if from_column > 0 {
        sources.push(format!(
            "{from_column} from the export's own duration column"
        ));
    }
    let mut definition = definition.to_string();
    if !sources.is_empty() {
        definition = format!("{definition}; {}", sources.join(", "));
    }
    if from_column > 0 && context.settings.clock == Clock::Business {
        // The loader cannot tell which clock a help desk measured its own
        // duration column on, so the reader is told.
        definition.push_str(" (taken as exported, in whatever clock the help desk measured them)");
    }
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

/// Tickets created: the number of tickets with a creation time, merged
/// ones left out.
///
/// Over a range or a period, only tickets created in it count. A ticket
/// without a usable creation time is left out with the reason, and an
/// export without creation times gives no data with that reason. With no
/// file of tickets, no data (n = 0).
pub fn created(tickets: &[&TicketFacts], context: &Context) -> Figure {
    let mut tally = Tally::default();
    let mut count = 0;
    for ticket in tickets {
        if ticket.is_merged() {
            tally.add(Skip::Merged);
            continue;
        }
        match ticket.created {
            Time::At(_) => count += 1,
            Time::Missing => tally.add(Skip::NoCreation),
            Time::Nonexistent => tally.add(Skip::NonexistentTime),
        }
    }
    let definition = "tickets created, by creation date; merged tickets and tickets \
                      without a creation time left out"
        .to_string();
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
        } else if ticket.state_untracked {
            // Without a status or resolution column the export cannot say
            // whether the ticket was resolved, so it is not counted as 0.
            tally.add(Skip::NoResolutionColumn);
        }
    }
    let mut definition = "tickets resolved or closed, by resolution date".to_string();
    if undated > 0 {
        definition = format!(
            "{definition}; {} resolved or closed without a date {} counted in the \
             total only, not in periods or ranges",
            format::count_of(undated, "ticket", "tickets"),
            if undated == 1 { "is" } else { "are" }
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
    use crate::core::business_hours::{Schedule, WorkInterval};
    use crate::core::columns::Role;
    use crate::core::load::load_file;
    use crate::core::load::LoadedFile;
    use crate::core::model::{Dimension, Dims};
    use crate::core::model::{Ticket, TicketState};
    use crate::core::problem::{ProblemKind, Severity};
    use crate::core::report::testing::{at, column, figure, left_out, settings};
    use crate::core::report::{build, Kpi, Report};
    use crate::core::report::{Detail, Figure};
    use crate::core::settings::{Clock, Cohort, DateRange, ReadOptions, ResolutionEnd, Settings};
    use chrono::{TimeZone, Utc};

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
    fn created_leaves_out_tickets_without_creation_time() {
        // Two tickets with a creation time and one without: 2 created and
        // 1 left out. The count used to read 3, the ticket without a
        // creation time included.
        let report = report_of(vec![
            replied("2024-03-01T10:00:00Z", "2024-03-01T10:10:00Z"),
            replied("2024-03-02T10:00:00Z", "2024-03-02T10:10:00Z"),
            Ticket {
                first_response_secs: Some(60.0),
                ..Ticket::default()
            },
        ]);

        let created = figure(&report, Kpi::Created);
        assert_eq!(created.value, Some(2.0));
        assert_eq!(left_out(created, "no creation time in the export"), 1);
    }

    #[test]
    fn created_without_creation_column_is_no_data_with_reason() {
        // A file whose tickets have no creation time at all: no data,
        // not a count of 1 as before.
        let file = LoadedFile {
            name: "tickets.csv".to_string(),
            columns: vec![column(Role::ResolvedAt, 0, "Solved")],
            tickets: vec![Ticket {
                resolved_at: at("2024-03-01T10:00:00Z"),
                ..Ticket::default()
            }],
            ..LoadedFile::default()
        };

        let report = build(&[file], &settings());

        let created = figure(&report, Kpi::Created);
        assert_eq!(created.value, None);
        assert!(created
            .definition
            .contains("cannot be computed: no creation time in the export"));
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
        // Only the source that gave a value is named; the definition
        // used to read "0 from timestamps, 1 from the export's own ...".
        assert!(frt
            .definition
            .ends_with("; 1 from the export's own duration column"));
        assert!(!frt.definition.contains("0 from timestamps"));
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
        // Singular for one ticket, where it used to read "1 resolved or
        // closed without a date are counted".
        assert!(resolved
            .definition
            .contains("1 ticket resolved or closed without a date is counted"));
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

    /// Loads the business-hours case. Its `first_agent_reply_at` header
    /// is not among the automatic synonyms, so it is mapped by hand as a
    /// user would.
    fn case_02_file() -> LoadedFile {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/cases/02-frt-weekend-business-hours.csv"
        );
        let bytes = std::fs::read(path).unwrap();
        let mut options = ReadOptions::default();
        let reply = Some("first_agent_reply_at".to_string());
        options.mapping.insert(Role::FirstResponseAt, reply);
        load_file("02.csv", &bytes, options)
    }

    fn berlin_office() -> Schedule {
        Schedule::weekdays(
            "Berlin office",
            "Europe/Berlin",
            &[WorkInterval::hours((9, 0), (17, 0))],
        )
    }

    fn durations(figure: &Figure) -> (f64, f64) {
        let Detail::Durations { median, mean, .. } = figure.detail else {
            panic!("expected durations, got {:?}", figure.detail);
        };
        (median, mean)
    }

    #[test]
    fn case_02_business_hours_first_response() {
        // Mon–Fri 09:00–17:00 Berlin: T-201 30 min, T-202 30 + 15 = 45
        // min, T-203 0 min (before opening), T-204 60 min. Median of 0,
        // 30, 45, 60 is 37.5 min = 2250 s; mean 135 / 4 = 33.75 min =
        // 2025 s.
        let file = case_02_file();
        let mut settings = settings();
        settings.time_zone = "Europe/Berlin".to_string();
        settings.clock = Clock::Business;
        settings.schedules = vec![berlin_office()];

        let report = build(&[file], &settings);

        let frt = figure(&report, Kpi::FirstResponseTime);
        assert_eq!(frt.n, 4);
        assert_eq!(durations(frt), (2250.0, 2025.0));
        assert!(frt
            .definition
            .contains("business hours (Mon–Fri 09:00–17:00, Europe/Berlin, no holidays)"));
        assert!(frt.definition.contains("by creation date"));
    }

    #[test]
    fn case_02_calendar_first_response() {
        // 2610, 3885, 45 and 60 min: median (60 + 2610) / 2 = 1335 min =
        // 80 100 s; mean 6600 / 4 = 1650 min = 99 000 s.
        let file = case_02_file();
        let mut settings = settings();
        settings.schedules = vec![berlin_office()];

        let report = build(&[file], &settings);

        let frt = figure(&report, Kpi::FirstResponseTime);
        assert_eq!(durations(frt), (80_100.0, 99_000.0));
        assert!(frt.definition.contains("calendar time"));
    }

    #[test]
    fn business_clock_without_schedule_says_why() {
        let report_settings = {
            let mut settings = settings();
            settings.clock = Clock::Business;
            settings
        };
        let file = LoadedFile {
            tickets: vec![replied("2024-03-01T10:00:00Z", "2024-03-01T10:10:00Z")],
            ..LoadedFile::default()
        };

        let report = build(&[file], &report_settings);

        let frt = figure(&report, Kpi::FirstResponseTime);
        assert_eq!(frt.value, None);
        assert_eq!(left_out(frt, "no business-hours schedule set"), 1);
        assert!(frt.definition.contains("business hours (no schedule set)"));
    }

    #[test]
    fn team_schedule_overrides_default() {
        // Both tickets: Monday 3 June 2024 08:00 → 10:00 UTC. The default
        // 09:00–17:00 counts 1 h; team Night's 00:00–24:00 counts 2 h.
        let ticket = |team: &str| Ticket {
            created: at("2024-06-03T08:00:00Z"),
            first_response_at: at("2024-06-03T10:00:00Z"),
            dims: Dims {
                team: Some(team.to_string()),
                ..Dims::default()
            },
            ..Ticket::default()
        };
        let file = LoadedFile {
            tickets: vec![ticket("Day"), ticket("Night")],
            ..LoadedFile::default()
        };
        let mut settings = settings();
        settings.clock = Clock::Business;
        let office = Schedule::weekdays("Office", "UTC", &[WorkInterval::hours((9, 0), (17, 0))]);
        let mut always = office.clone();
        always.name = "Always".to_string();
        always.weekly = std::array::from_fn(|_| vec![WorkInterval::hours((0, 0), (24, 0))]);
        settings.schedules = vec![office, always];
        settings
            .team_schedules
            .insert("night".to_string(), "Always".to_string());

        let report = build(&[file], &settings);

        let by_team = report
            .breakdowns
            .iter()
            .find(|b| b.dimension == Dimension::Team)
            .unwrap();
        let value = |label: &str| {
            let row = by_team.rows.iter().find(|r| r.label == label).unwrap();
            let frt = row.figures.iter().find(|f| f.kpi == Kpi::FirstResponseTime);
            frt.unwrap().value
        };
        assert_eq!(value("Day"), Some(3600.0));
        assert_eq!(value("Night"), Some(7200.0));
    }

    /// Case 05's tickets as its event log rebuilds them, as of 2024-04-10.
    fn reopened_tickets() -> LoadedFile {
        let ticket = |id: &str, created: &str, state| Ticket {
            id: Some(id.to_string()),
            created: at(created),
            state,
            ..Ticket::default()
        };
        let t501 = Ticket {
            resolved_at: at("2024-04-01T11:00:00Z"),
            ..ticket("T-501", "2024-04-01T09:00:00Z", TicketState::Resolved)
        };
        let t502 = Ticket {
            first_resolved_at: at("2024-04-02T10:00:00Z"),
            resolved_at: at("2024-04-03T09:00:00Z"),
            reopens: Some(1),
            ..ticket("T-502", "2024-04-02T09:00:00Z", TicketState::Resolved)
        };
        let t503 = Ticket {
            first_resolved_at: at("2024-04-03T09:30:00Z"),
            reopens: Some(1),
            ..ticket("T-503", "2024-04-03T09:00:00Z", TicketState::Open)
        };
        let t504 = ticket("T-504", "2024-04-04T09:00:00Z", TicketState::Open);
        LoadedFile {
            tickets: vec![t501, t502, t503, t504],
            ..LoadedFile::default()
        }
    }

    fn case_05_settings() -> Settings {
        Settings::new("UTC", Utc.with_ymd_and_hms(2024, 4, 10, 0, 0, 0).unwrap())
    }

    #[test]
    fn case_05_full_resolution() {
        // T-501 2 h and T-502 24 h (to the last solve): mean and median
        // 13 h = 46 800 s over 2; T-503 reopened and open, T-504 open.
        let report = build(&[reopened_tickets()], &case_05_settings());

        let resolution = figure(&report, Kpi::ResolutionTime);
        assert_eq!(resolution.n, 2);
        assert_eq!(durations(resolution), (46_800.0, 46_800.0));
        assert_eq!(left_out(resolution, "still open"), 2);
        assert!(resolution.definition.contains("full resolution"));
        assert_eq!(figure(&report, Kpi::Resolved).value, Some(2.0));
        assert_eq!(figure(&report, Kpi::Backlog).value, Some(2.0));
    }

    #[test]
    fn case_05_first_resolution() {
        // T-501 2 h, T-502 1 h, T-503 30 min: mean 210 / 3 = 70 min =
        // 4200 s, median 1 h = 3600 s, n = 3.
        let mut settings = case_05_settings();
        settings.resolution = ResolutionEnd::First;

        let report = build(&[reopened_tickets()], &settings);

        let resolution = figure(&report, Kpi::ResolutionTime);
        assert_eq!(resolution.n, 3);
        assert_eq!(durations(resolution), (3600.0, 4200.0));
        assert!(resolution.definition.contains("first resolution"));
    }

    #[test]
    fn case_05_reopen_rate() {
        // Ever resolved: T-501, T-502, T-503; reopened: T-502, T-503.
        // 2 / 3 = 66.7 %.
        let report = build(&[reopened_tickets()], &case_05_settings());

        let rate = figure(&report, Kpi::ReopenRate);
        assert_eq!(rate.display, "66.7 %");
        assert_eq!(rate.n, 3);
        assert_eq!(left_out(rate, "not resolved"), 1);
    }

    #[test]
    fn case_05_from_event_log() {
        // The same figures when the loader rebuilds the tickets from the
        // case's event log: first resolution mean 70 min over 3, reopen
        // rate 2 / 3.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/cases/05-reopened-still-open.csv"
        );
        let bytes = std::fs::read(path).unwrap();
        let file = load_file("05.csv", &bytes, ReadOptions::default());
        let mut settings = case_05_settings();
        settings.resolution = ResolutionEnd::First;

        let report = build(&[file], &settings);

        let resolution = figure(&report, Kpi::ResolutionTime);
        assert_eq!(resolution.n, 3);
        assert_eq!(durations(resolution), (3600.0, 4200.0));
        assert_eq!(figure(&report, Kpi::ReopenRate).display, "66.7 %");
    }

    #[test]
    fn reopen_rate_without_reopen_column_has_no_data() {
        let file = LoadedFile {
            columns: vec![
                column(Role::Created, 0, "Created"),
                column(Role::Status, 1, "Status"),
            ],
            tickets: vec![Ticket {
                created: at("2024-03-01T10:00:00Z"),
                state: TicketState::Closed,
                ..Ticket::default()
            }],
            ..LoadedFile::default()
        };

        let report = build(&[file], &settings());

        let rate = figure(&report, Kpi::ReopenRate);
        assert_eq!(rate.value, None);
        assert_eq!(left_out(rate, "no reopen count in the export"), 1);
    }

    #[test]
    fn reopened_ticket_is_not_first_contact_despite_flag() {
        // Both flagged one-touch by the export; the second was reopened.
        let ticket = |reopens| Ticket {
            created: at("2024-03-01T10:00:00Z"),
            resolved_at: at("2024-03-01T11:00:00Z"),
            state: TicketState::Closed,
            one_touch: Some(true),
            reopens: Some(reopens),
            ..Ticket::default()
        };
        let file = LoadedFile {
            tickets: vec![ticket(0), ticket(2)],
            ..LoadedFile::default()
        };

        let report = build(&[file], &settings());

        assert_eq!(
            figure(&report, Kpi::FirstContactResolution).value,
            Some(50.0)
        );
    }

    #[test]
    fn resolution_cohort_decides_the_range() {
        // Created 30 March, resolved 2 April. In an April range the
        // default resolution cohort counts it; the creation cohort does
        // not.
        let file = LoadedFile {
            tickets: vec![Ticket {
                created: at("2024-03-30T10:00:00Z"),
                resolved_at: at("2024-04-02T10:00:00Z"),
                state: TicketState::Resolved,
                ..Ticket::default()
            }],
            ..LoadedFile::default()
        };
        let mut by_resolution = settings();
        by_resolution.range = Some(DateRange {
            first: chrono::NaiveDate::from_ymd_opt(2024, 4, 1).unwrap(),
            last: chrono::NaiveDate::from_ymd_opt(2024, 4, 30).unwrap(),
        });
        let mut by_creation = by_resolution.clone();
        by_creation.resolution_cohort = Cohort::Created;

        let resolved_in_april = build(std::slice::from_ref(&file), &by_resolution);
        let created_in_april = build(&[file], &by_creation);

        let counted = figure(&resolved_in_april, Kpi::ResolutionTime);
        assert_eq!(counted.value, Some(3.0 * 86_400.0));
        assert!(counted.definition.contains("by resolution date"));
        let skipped = figure(&created_in_april, Kpi::ResolutionTime);
        assert_eq!(skipped.value, None);
        assert!(skipped.definition.contains("by creation date"));
    }
}
