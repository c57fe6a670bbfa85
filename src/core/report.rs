//! The report: every KPI, its breakdowns, periods and goals, as plain values
//! ready to render.
//!
//! Each [`Figure`] carries its definition, the number of records behind it
//! and the records left out with the reason, so that the page can say how
//! every number was computed. A figure with no records has `value: None`
//! and reads "no data (n = 0)"; it is never 0, NaN or infinite.

use std::collections::{BTreeMap, HashMap};
use std::mem::{discriminant, Discriminant};

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::core::breakdown;
use crate::core::business_hours::BusinessHours;
use crate::core::calls::{self, CallFacts};
use crate::core::columns::Role;
use crate::core::format;
use crate::core::goals::{self, GoalCheck};
use crate::core::load::LoadedFile;
use crate::core::model::Dimension;
use crate::core::periods;
use crate::core::problem::{Location, Problem, ProblemKind, Severity};
use crate::core::settings::{DateRange, Period, Settings};
use crate::core::sla::{self, Breach, SlaMetric};
use crate::core::survey::{self, SurveyFacts};
use crate::core::tickets::{self, TicketFacts};
use crate::core::zone::{FieldReader, Zone};

/// The KPIs the report computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kpi {
    Csat,
    Nps,
    Ces,
    FirstResponseTime,
    ResolutionTime,
    HandleTime,
    FirstContactResolution,
    Created,
    Resolved,
    Backlog,
    /// Calls offered: every call in the range or period, answered or not.
    Calls,
    /// First-response SLA attainment.
    SlaFirstResponse,
    /// Resolution SLA attainment.
    SlaResolution,
    /// Tickets reopened at least once among tickets ever resolved.
    ReopenRate,
}

impl Kpi {
    pub const ALL: [Kpi; 14] = [
        Kpi::Csat,
        Kpi::Nps,
        Kpi::Ces,
        Kpi::FirstResponseTime,
        Kpi::ResolutionTime,
        Kpi::HandleTime,
        Kpi::FirstContactResolution,
        Kpi::Created,
        Kpi::Resolved,
        Kpi::Backlog,
        Kpi::Calls,
        Kpi::SlaFirstResponse,
        Kpi::SlaResolution,
        Kpi::ReopenRate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kpi::Csat => "CSAT",
            Kpi::Nps => "NPS",
            Kpi::Ces => "CES",
            Kpi::FirstResponseTime => "First response time",
            Kpi::ResolutionTime => "Resolution time",
            Kpi::HandleTime => "Average handle time",
            Kpi::FirstContactResolution => "First contact resolution",
            Kpi::Created => "Tickets created",
            Kpi::Resolved => "Tickets resolved",
            Kpi::Backlog => "Backlog",
            Kpi::Calls => "Calls",
            Kpi::SlaFirstResponse => "First response SLA",
            Kpi::SlaResolution => "Resolution SLA",
            Kpi::ReopenRate => "Reopen rate",
        }
    }

    /// The unit of [`Figure::value`] and of a goal's target.
    pub fn unit(self) -> Unit {
        match self {
            Kpi::Csat
            | Kpi::FirstContactResolution
            | Kpi::SlaFirstResponse
            | Kpi::SlaResolution
            | Kpi::ReopenRate => Unit::Percent,
            Kpi::Nps => Unit::NetScore,
            Kpi::Ces => Unit::ScaleMean,
            Kpi::FirstResponseTime | Kpi::ResolutionTime | Kpi::HandleTime => Unit::Seconds,
            Kpi::Created | Kpi::Resolved | Kpi::Backlog | Kpi::Calls => Unit::Count,
        }
    }
}

/// Units of figure values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    /// 0 to 100.
    Percent,
    /// −100 to +100 (NPS).
    NetScore,
    /// Mean on the survey's own scale.
    ScaleMean,
    Seconds,
    Count,
}

/// A number of records left out of a figure, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOut {
    pub reason: String,
    pub count: usize,
}

/// Extra numbers behind a figure, shown next to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Detail {
    None,
    /// Counts per answer, in scale order (CSAT).
    Distribution(Vec<(String, usize)>),
    Nps {
        promoters: usize,
        passives: usize,
        detractors: usize,
    },
    Ces {
        easy_percent: Option<f64>,
        easy: usize,
        min: u8,
        max: u8,
    },
    /// Durations in seconds. `value` of the figure is the median, except
    /// for average handle time, whose value is the mean.
    Durations {
        median: f64,
        mean: f64,
        p90: f64,
    },
    /// The numerator and denominator of a percentage.
    Share {
        part: usize,
        whole: usize,
    },
}

/// One KPI value with everything needed to trust it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub kpi: Kpi,
    /// `None` when no record counts.
    pub value: Option<f64>,
    /// The value as the page shows it, e.g. `65.0 %`, `+10`, `1 h 05 m`,
    /// or `no data (n = 0)`.
    pub display: String,
    /// Records behind the value.
    pub n: usize,
    pub left_out: Vec<LeftOut>,
    /// The definition in words, naming the variant in use (e.g. "talk
    /// time only", "explicit FCR column").
    pub definition: String,
    pub detail: Detail,
}

/// One row of a breakdown table: the KPIs for one channel, agent, ....
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BreakdownRow {
    /// The value of the dimension, or `(none)` for records without one.
    pub label: String,
    pub figures: Vec<Figure>,
    /// One entry per goal of the settings whose KPI this row has.
    pub goals: Vec<GoalCheck>,
}

/// KPIs broken down by one dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    pub dimension: Dimension,
    /// The KPIs that have data for this dimension, in column order.
    pub kpis: Vec<Kpi>,
    pub rows: Vec<BreakdownRow>,
}

/// One period of the series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodRow {
    pub start: NaiveDate,
    /// e.g. `2024-03`, `2024-Q1`, `2024-W09`, `2024-03-04`.
    pub label: String,
    pub figures: Vec<Figure>,
    /// Change of each figure from the period before, in percent of the
    /// earlier value, aligned with `figures`. An entry is `None` (shown
    /// `n/a`) where either value is missing or the earlier one is 0.
    pub changes: Vec<Option<f64>>,
    /// The change of each figure as the page shows it, aligned with
    /// `figures`: in points for shares and NPS (`+0.3 pt`), in percent of
    /// the earlier value for counts, times and means (`+12.5 %`), `n/a`
    /// without a change to show. See [`format::period_change`].
    #[serde(default)]
    pub change_display: Vec<String>,
}

/// KPIs per period, in the report's time zone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub period: Period,
    pub kpis: Vec<Kpi>,
    /// Every period from the first to the last record, empty ones too.
    pub rows: Vec<PeriodRow>,
}

/// Open tickets now, by status and by age.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Backlog {
    pub open: usize,
    pub by_status: Vec<(String, usize)>,
    /// Age buckets such as `< 1 day`, with counts; tickets without a
    /// creation time are counted in `age_unknown`.
    pub by_age: Vec<(String, usize)>,
    pub age_unknown: usize,
    pub definition: String,
}

/// Everything the page shows about the loaded files.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// One headline figure per KPI, in [`Kpi::ALL`] order.
    pub headline: Vec<Figure>,
    /// One entry per goal of the settings, against the headline figure.
    pub goals: Vec<GoalCheck>,
    pub breakdowns: Vec<Breakdown>,
    pub series: Series,
    pub backlog: Backlog,
    /// Problems found while computing (time zone gaps, values outside a
    /// scale, negative durations), beside those each file found on load.
    pub problems: Vec<Problem>,
    /// The number of problems found while computing, counting those past
    /// the per-kind cap that `problems` lists only as one "N more" summary,
    /// for a heading that gives the true total.
    #[serde(default)]
    pub problem_count: usize,
    /// Messages about the report as a whole, such as a range that no
    /// record falls in.
    pub notes: Vec<String>,
    /// Figures only message-level conversation logs give; `None` when no
    /// such file is loaded.
    pub conversations: Option<crate::core::conversations::ConversationStats>,
    /// Tickets in the range that breached an SLA target, furthest over
    /// first.
    pub breaches: Vec<Breach>,
}

impl Report {
    pub fn figure(&self, kpi: Kpi) -> Option<&Figure> {
        self.headline.iter().find(|figure| figure.kpi == kpi)
    }
}

/// Computes the report for the loaded files under the given settings.
///
/// Every timestamp is read in the settings' time zone once, and every
/// value is checked against its scale once, so each problem is reported
/// once per record and field however many figures use the record.
pub fn build(files: &[LoadedFile], settings: &Settings) -> Report {
    let mut log = ProblemLog::default();
    let (zone, zone_problem) = Zone::from_name(&settings.time_zone);
    if let Some(problem) = zone_problem {
        log.push(problem);
    }

    let (hours, hour_problems) = BusinessHours::new(
        &settings.schedules,
        settings.default_schedule.as_deref(),
        &settings.team_schedules,
    );
    for problem in hour_problems {
        log.push(problem);
    }

    let mut ticket_facts = Vec::new();
    let mut survey_facts = Vec::new();
    let mut call_facts = Vec::new();
    for file in files {
        let reader = FieldReader::new(&zone, file);
        for ticket in &file.tickets {
            let facts = TicketFacts::read(ticket, &reader, settings, &hours, &file.name, &mut log);
            ticket_facts.push(facts);
        }
        let scale = survey::csat_scale(file);
        for response in &file.surveys {
            survey_facts.push(SurveyFacts::read(
                response, &reader, scale, settings, &mut log,
            ));
        }
        for call in &file.calls {
            call_facts.push(CallFacts::read(call, &reader, settings, &mut log));
        }
    }

    let window = settings.range.map(|range| Window::of(&zone, range));
    let context = Context {
        settings,
        any_tickets: !ticket_facts.is_empty(),
        any_calls: !call_facts.is_empty(),
        any_hold_or_wrap: files.iter().any(has_hold_or_wrap),
        zone,
        business: hours,
    };

    let records = Records::select(&ticket_facts, &survey_facts, &call_facts, window);
    let headline = figures(&records, &context);
    let goals = settings
        .goals
        .iter()
        .filter_map(|goal| {
            let figure = headline.iter().find(|figure| figure.kpi == goal.kpi)?;
            Some(goals::check(goal, figure))
        })
        .collect();

    let series = periods::series(&ticket_facts, &survey_facts, &call_facts, &context);
    let mut notes = range_notes(
        &records,
        &ticket_facts,
        &survey_facts,
        &call_facts,
        &context,
    );
    if series.rows.len() >= periods::MAX_ROWS {
        notes.push(format!(
            "the series shows only the latest {} periods; choose a longer period or a \
             range to see earlier ones",
            periods::MAX_ROWS
        ));
    }

    let conversations = crate::core::conversations::stats(files, settings);

    Report {
        breaches: sla::breaches(&records.created),
        conversations,
        goals,
        breakdowns: breakdown::breakdowns(&records, &context),
        series,
        backlog: tickets::backlog_now(&ticket_facts, &context),
        notes,
        headline,
        problem_count: log.total(),
        problems: log.finish(),
    }
}

fn has_hold_or_wrap(file: &LoadedFile) -> bool {
    file.columns
        .iter()
        .any(|column| matches!(column.role, Role::HoldTime | Role::WrapTime))
}

/// Notes for record kinds that exist but have nothing in the range.
fn range_notes(
    records: &Records,
    tickets: &[TicketFacts],
    surveys: &[SurveyFacts],
    calls: &[CallFacts],
    context: &Context,
) -> Vec<String> {
    let Some(range) = context.settings.range else {
        return Vec::new();
    };
    let span = range.describe();
    let mut notes = Vec::new();
    if !tickets.is_empty() && records.created.is_empty() && records.resolved.is_empty() {
        notes.push(format!("no tickets match {span}"));
    }
    if !surveys.is_empty() && records.surveys.is_empty() {
        notes.push(format!("no survey responses match {span}"));
    }
    if !calls.is_empty() && records.calls.is_empty() {
        notes.push(format!("no calls match {span}"));
    }
    notes
}

/// Computes every KPI over one selection of records, in [`Kpi::ALL`]
/// order.
pub fn figures(records: &Records, context: &Context) -> Vec<Figure> {
    Kpi::ALL
        .iter()
        .map(|&kpi| figure(kpi, records, context))
        .collect()
}

/// Computes one KPI over one selection of records.
pub fn figure(kpi: Kpi, records: &Records, context: &Context) -> Figure {
    match kpi {
        Kpi::Csat => survey::csat(&records.surveys, context),
        Kpi::Nps => survey::nps(&records.surveys, context),
        Kpi::Ces => survey::ces(&records.surveys, context),
        Kpi::FirstResponseTime => tickets::first_response_time(&records.first_response, context),
        Kpi::ResolutionTime => tickets::resolution_time(&records.resolution, context),
        Kpi::HandleTime => calls::handle_time(&records.calls, context),
        Kpi::FirstContactResolution => {
            calls::first_contact_resolution(&records.resolved, &records.calls, context)
        }
        Kpi::Created => tickets::created(&records.created, context),
        Kpi::Resolved => tickets::resolved(&records.resolved, context),
        Kpi::Backlog => tickets::backlog(&records.tickets, records.backlog_at, context),
        Kpi::Calls => calls::volume(&records.calls, context),
        Kpi::SlaFirstResponse => {
            sla::attainment(SlaMetric::FirstResponse, &records.created, context)
        }
        Kpi::SlaResolution => sla::attainment(SlaMetric::Resolution, &records.created, context),
        Kpi::ReopenRate => tickets::reopen_rate(&records.created, context),
    }
}

impl Figure {
    /// A figure without records: no value, shown as "no data (n = 0)".
    pub fn no_data(kpi: Kpi, definition: String, left_out: Vec<LeftOut>) -> Figure {
        Figure {
            kpi,
            value: None,
            display: format::NO_DATA.to_string(),
            n: 0,
            left_out,
            definition,
            detail: Detail::None,
        }
    }

    /// A figure with a value in the KPI's unit, displayed by
    /// [`format::value`]. A value that is not finite gives no data.
    pub fn with_value(
        kpi: Kpi,
        value: f64,
        n: usize,
        definition: String,
        left_out: Vec<LeftOut>,
        detail: Detail,
    ) -> Figure {
        if !value.is_finite() {
            return Figure::no_data(kpi, definition, left_out);
        }
        Figure {
            kpi,
            value: Some(value),
            display: format::value(kpi.unit(), value),
            n,
            left_out,
            definition,
            detail,
        }
    }
}

/// Settings and facts shared by every figure of one report.
pub struct Context<'s> {
    pub settings: &'s Settings,
    pub zone: Zone,
    /// True when any file has tickets, so that counts of 0 are real.
    pub any_tickets: bool,
    /// True when any file has calls, so that call counts of 0 are real.
    pub any_calls: bool,
    /// True when any file has a hold or after-call work column.
    pub any_hold_or_wrap: bool,
    /// The settings' business-hours schedules, prepared once.
    pub business: BusinessHours,
}

/// A span of time, start included and end excluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Window {
    /// The instants of the local days `first` to `last`, both included.
    pub fn of_range(zone: &Zone, first: NaiveDate, last: NaiveDate) -> Window {
        let after_last = last.checked_add_days(Days::new(1)).unwrap_or(last);
        Window {
            start: zone.start_of_day(first),
            end: zone.start_of_day(after_last),
        }
    }

    /// The instants of a range's local days; an open end of the range
    /// is open here too.
    pub fn of(zone: &Zone, range: DateRange) -> Window {
        let start = match range.start() {
            Some(first) => zone.start_of_day(first),
            None => DateTime::<Utc>::MIN_UTC,
        };
        let end = match range.end() {
            Some(last) => {
                let after_last = last.checked_add_days(Days::new(1)).unwrap_or(last);
                zone.start_of_day(after_last)
            }
            None => DateTime::<Utc>::MAX_UTC,
        };
        Window { start, end }
    }

    /// True when the window has an end, so that the backlog is counted at
    /// it rather than now.
    pub fn has_end(&self) -> bool {
        self.end != DateTime::<Utc>::MAX_UTC
    }

    pub fn contains(&self, instant: DateTime<Utc>) -> bool {
        self.start <= instant && instant < self.end
    }
}

/// The records behind one set of figures, each KPI family selected by its
/// own cohort date. Tickets count by creation for volume, SLA and reopen
/// rate, and by resolution for resolved volume and FCR. First response
/// and resolution time use the cohorts of the settings (by default
/// creation and resolution). Survey responses count by answer time,
/// calls by start time.
#[derive(Clone, Debug, Default)]
pub struct Records<'r, 'a> {
    pub created: Vec<&'r TicketFacts<'a>>,
    pub resolved: Vec<&'r TicketFacts<'a>>,
    /// Tickets for first response time, by its cohort date.
    pub first_response: Vec<&'r TicketFacts<'a>>,
    /// Tickets for resolution time, by its cohort date.
    pub resolution: Vec<&'r TicketFacts<'a>>,
    /// Tickets that the backlog looks at.
    pub tickets: Vec<&'r TicketFacts<'a>>,
    pub surveys: Vec<&'r SurveyFacts<'a>>,
    pub calls: Vec<&'r CallFacts<'a>>,
    /// The instant the backlog is counted at; `None` for open now.
    pub backlog_at: Option<DateTime<Utc>>,
}

impl<'r, 'a> Records<'r, 'a> {
    /// Selects the records whose cohort date is in `window`, or all of
    /// them without a window.
    pub fn select(
        tickets: &'r [TicketFacts<'a>],
        surveys: &'r [SurveyFacts<'a>],
        calls: &'r [CallFacts<'a>],
        window: Option<Window>,
    ) -> Records<'r, 'a> {
        let Some(window) = window else {
            return Records {
                created: tickets.iter().collect(),
                resolved: tickets.iter().collect(),
                first_response: tickets.iter().collect(),
                resolution: tickets.iter().collect(),
                tickets: tickets.iter().collect(),
                surveys: surveys.iter().collect(),
                calls: calls.iter().collect(),
                backlog_at: None,
            };
        };
        let inside = |time: Option<DateTime<Utc>>| time.is_some_and(|time| window.contains(time));
        Records {
            created: tickets.iter().filter(|t| inside(t.created.at())).collect(),
            resolved: tickets.iter().filter(|t| inside(t.resolved.at())).collect(),
            first_response: tickets.iter().filter(|t| inside(t.frt_cohort_at)).collect(),
            resolution: tickets
                .iter()
                .filter(|t| inside(t.resolution_cohort_at))
                .collect(),
            tickets: tickets.iter().collect(),
            surveys: surveys.iter().filter(|s| inside(s.answered.at())).collect(),
            calls: calls.iter().filter(|c| inside(c.started.at())).collect(),
            backlog_at: window.has_end().then_some(window.end),
        }
    }

    /// Splits the records by their value of `dimension` in one pass. The
    /// `None` group contains the records without a value.
    pub fn group_by(&self, dimension: Dimension) -> BTreeMap<Option<&'a str>, Records<'r, 'a>> {
        let mut groups = BTreeMap::<Option<&'a str>, Records<'r, 'a>>::new();
        let empty = || Records {
            backlog_at: self.backlog_at,
            ..Records::default()
        };
        for &ticket in &self.created {
            let key = ticket.dims.get(dimension);
            groups.entry(key).or_insert_with(empty).created.push(ticket);
        }
        for &ticket in &self.resolved {
            let key = ticket.dims.get(dimension);
            groups
                .entry(key)
                .or_insert_with(empty)
                .resolved
                .push(ticket);
        }
        for &ticket in &self.first_response {
            let key = ticket.dims.get(dimension);
            let group = groups.entry(key).or_insert_with(empty);
            group.first_response.push(ticket);
        }
        for &ticket in &self.resolution {
            let key = ticket.dims.get(dimension);
            let group = groups.entry(key).or_insert_with(empty);
            group.resolution.push(ticket);
        }
        for &ticket in &self.tickets {
            let key = ticket.dims.get(dimension);
            groups.entry(key).or_insert_with(empty).tickets.push(ticket);
        }
        for &response in &self.surveys {
            let key = response.dims.get(dimension);
            groups
                .entry(key)
                .or_insert_with(empty)
                .surveys
                .push(response);
        }
        for &call in &self.calls {
            let key = call.dims.get(dimension);
            groups.entry(key).or_insert_with(empty).calls.push(call);
        }
        groups
    }
}

/// The reason a record was left out of a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skip {
    NoReply,
    NoCreation,
    StillOpen,
    Merged,
    NegativeDuration,
    ResolvedBeforeReply,
    NonexistentTime,
    NoResolutionTime,
    NotResolved,
    Unanswered,
    NoHandleTime,
    NoReplyCount,
    NoFlag,
    TicketsOnly,
    OutOfScale,
    NotWholePoint,
    NoReplyColumn,
    NoResolutionColumn,
    NoFlagOrReplies,
    NoSchedule,
    SlaPending,
    NoSlaTarget,
    NoSlaPolicy,
    ResolvedWithoutReply,
    NoReopenCount,
    NoCallStart,
}

impl Skip {
    /// The reason as the page shows it; `zone` names the report's time
    /// zone.
    pub fn reason(self, zone: &str) -> String {
        let text = match self {
            Skip::NoReply => "no reply yet",
            Skip::NoCreation => "no creation time in the export",
            Skip::StillOpen => "still open",
            Skip::Merged => "merged",
            Skip::NegativeDuration => "ends before it starts",
            Skip::ResolvedBeforeReply => "resolved before first reply",
            Skip::NonexistentTime => return format!("local time does not exist in {zone}"),
            Skip::NoResolutionTime => "resolved or closed, but no resolution time in the export",
            Skip::NotResolved => "not resolved",
            Skip::Unanswered => "unanswered",
            Skip::NoHandleTime => "no usable talk or handle time",
            Skip::NoReplyCount => "agent replies not in export",
            Skip::NoFlag => "no first-contact flag",
            Skip::TicketsOnly => "the one-touch rule applies to tickets only",
            Skip::OutOfScale => "outside the scale",
            Skip::NotWholePoint => "not a whole point on the scale",
            Skip::NoReplyColumn => "no first-reply time in the export",
            Skip::NoResolutionColumn => "no status or resolution time in the export",
            Skip::NoFlagOrReplies => "no first-contact flag or agent reply count",
            Skip::NoSchedule => "no business-hours schedule set",
            Skip::SlaPending => "pending: still within target",
            Skip::NoSlaTarget => "no SLA target for its priority",
            Skip::NoSlaPolicy => "no SLA policy set and no SLA status in the export",
            Skip::ResolvedWithoutReply => "resolved without a reply",
            Skip::NoReopenCount => "no reopen count in the export",
            Skip::NoCallStart => "no call start time in the export",
        };
        text.to_string()
    }
}

/// Counts of records left out of one figure, by reason.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    counts: BTreeMap<Skip, usize>,
}

impl Tally {
    pub fn add(&mut self, skip: Skip) {
        self.add_many(skip, 1);
    }

    pub fn add_many(&mut self, skip: Skip, count: usize) {
        if count > 0 {
            *self.counts.entry(skip).or_default() += count;
        }
    }

    pub fn count(&self, skip: Skip) -> usize {
        self.counts.get(&skip).copied().unwrap_or(0)
    }

    /// The reasons with their counts, in [`Skip`] order.
    pub fn left_out(&self, zone: &str) -> Vec<LeftOut> {
        self.counts
            .iter()
            .map(|(skip, &count)| LeftOut {
                reason: skip.reason(zone),
                count,
            })
            .collect()
    }

    /// Returns the reason to give for a figure without data. A column the
    /// whole export lacks explains it better than record-level reasons,
    /// so that comes first, else the most frequent reason.
    pub fn main_reason(&self, zone: &str) -> Option<String> {
        if let Some(reason) = self.export_reason(zone) {
            return Some(reason);
        }
        let (skip, _) = self.counts.iter().max_by_key(|(_, &count)| count)?;
        Some(skip.reason(zone))
    }

    /// Returns the first reason that is about the whole export (a missing
    /// column) rather than about single records, if any record has one.
    pub fn export_reason(&self, zone: &str) -> Option<String> {
        const EXPORT_LEVEL: [Skip; 8] = [
            Skip::NoCreation,
            Skip::NoCallStart,
            Skip::NoReplyColumn,
            Skip::NoResolutionColumn,
            Skip::NoFlagOrReplies,
            Skip::NoSchedule,
            Skip::NoSlaPolicy,
            Skip::NoReopenCount,
        ];
        let skip = EXPORT_LEVEL.iter().find(|skip| self.count(**skip) > 0)?;
        Some(skip.reason(zone))
    }
}

/// How many problems of one kind per file are listed before the rest are
/// only counted, so that a file with a bad column does not bury the page.
pub const PROBLEMS_PER_KIND: usize = 200;

/// Problems found while computing, capped per file and kind.
#[derive(Debug, Default)]
pub struct ProblemLog {
    problems: Vec<Problem>,
    seen: HashMap<(String, Discriminant<ProblemKind>), usize>,
    /// Problems past the cap, by file and kind, with their count.
    dropped: Vec<(String, Discriminant<ProblemKind>, usize, Severity)>,
}

impl ProblemLog {
    pub fn push(&mut self, problem: Problem) {
        let key = (problem.location.file.clone(), discriminant(&problem.kind));
        let seen = self.seen.entry(key).or_default();
        *seen += 1;
        if *seen <= PROBLEMS_PER_KIND {
            self.problems.push(problem);
            return;
        }
        let kind = discriminant(&problem.kind);
        let file = problem.location.file;
        let known = self
            .dropped
            .iter_mut()
            .find(|(dropped_file, dropped_kind, _, _)| {
                *dropped_file == file && *dropped_kind == kind
            });
        match known {
            Some((_, _, count, _)) => *count += 1,
            None => self.dropped.push((file, kind, 1, problem.severity)),
        }
    }

    /// The number of problems pushed, listed or not.
    pub fn total(&self) -> usize {
        self.seen.values().sum()
    }

    /// The listed problems followed by one summary per capped kind.
    pub fn finish(mut self) -> Vec<Problem> {
        for (file, _, count, severity) in self.dropped {
            self.problems.push(Problem {
                location: Location::file(&file),
                severity,
                kind: ProblemKind::Other {
                    value: format!("{count} more"),
                    message: format!(
                        "further problems of a kind listed above are not shown; \
                         only the first {PROBLEMS_PER_KIND} of each kind per file are"
                    ),
                },
            });
        }
        self.problems
    }
}

/// Small builders for tests of the KPI modules.
#[cfg(test)]
pub mod testing {
    use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

    use crate::core::columns::{ColumnMatch, Role};
    use crate::core::model::Stamp;
    use crate::core::settings::Settings;

    use super::{Figure, Kpi, Report};

    /// An instant written as RFC 3339, e.g. `2024-03-01T10:00:00Z`.
    pub fn at(text: &str) -> Option<Stamp> {
        let instant = DateTime::parse_from_rfc3339(text).unwrap();
        Some(Stamp::Utc(instant.with_timezone(&Utc)))
    }

    /// A wall-clock time without offset, e.g. `2024-03-10 02:30`.
    pub fn wall(text: &str) -> Option<Stamp> {
        let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        Some(Stamp::Local(local))
    }

    /// UTC settings with "now" at 2024-06-01 00:00 UTC.
    pub fn settings() -> Settings {
        Settings::new("UTC", Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap())
    }

    pub fn column(role: Role, index: usize, header: &str) -> ColumnMatch {
        ColumnMatch {
            role,
            index,
            header: header.to_string(),
            by_hand: false,
        }
    }

    pub fn figure(report: &Report, kpi: Kpi) -> &Figure {
        report.figure(kpi).unwrap()
    }

    /// The count left out for `reason`, 0 when the reason is absent.
    pub fn left_out(figure: &Figure, reason: &str) -> usize {
        figure
            .left_out
            .iter()
            .find(|left_out| left_out.reason == reason)
            .map_or(0, |left_out| left_out.count)
    }

    pub fn close(actual: Option<f64>, expected: f64) -> bool {
        actual.is_some_and(|actual| (actual - expected).abs() < 1e-6)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};

    use super::testing::{at, close, column, figure, left_out, settings, wall};
    use super::*;
    use crate::core::goals::Goal;
    use crate::core::model::{Call, Dims, Rating, Sentiment, SurveyResponse, Ticket, TicketState};
    use crate::core::settings::DateRange;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn agent(name: &str) -> Dims {
        Dims {
            agent: Some(name.to_string()),
            ..Dims::default()
        }
    }

    fn priority(name: &str) -> Dims {
        Dims {
            priority: Some(name.to_string()),
            ..Dims::default()
        }
    }

    fn row<'a>(breakdown: &'a Breakdown, label: &str) -> &'a BreakdownRow {
        breakdown
            .rows
            .iter()
            .find(|row| row.label == label)
            .unwrap()
    }

    fn row_figure(row: &BreakdownRow, kpi: Kpi) -> &Figure {
        row.figures.iter().find(|figure| figure.kpi == kpi).unwrap()
    }

    fn breakdown(report: &Report, dimension: Dimension) -> &Breakdown {
        report
            .breakdowns
            .iter()
            .find(|breakdown| breakdown.dimension == dimension)
            .unwrap()
    }

    #[test]
    fn empty_input_gives_no_data_everywhere() {
        let report = build(&[], &settings());

        for figure in &report.headline {
            assert_eq!(figure.value, None, "{:?}", figure.kpi);
            assert_eq!(figure.display, "no data (n = 0)", "{:?}", figure.kpi);
            assert_eq!(figure.n, 0);
        }
        assert!(report.series.rows.is_empty());
        assert!(report.breakdowns.is_empty());
    }

    #[test]
    fn header_only_file_gives_no_data() {
        // A file with a header and no rows loads as a file without records.
        let file = LoadedFile {
            name: "tickets.csv".to_string(),
            ..LoadedFile::default()
        };

        let report = build(&[file], &settings());

        assert_eq!(figure(&report, Kpi::Created).display, "no data (n = 0)");
        assert_eq!(figure(&report, Kpi::Backlog).value, None);
    }

    #[test]
    fn case_nps_boundaries() {
        // Scores 10, 9, 9, 8, 7, 7, 6, 5, 0, 10: promoters 4 (9 and 10),
        // passives 3, detractors 3 (0 counts). 40 % − 30 % = +10.
        let scores = [10.0, 9.0, 9.0, 8.0, 7.0, 7.0, 6.0, 5.0, 0.0, 10.0];
        let surveys = scores
            .iter()
            .enumerate()
            .map(|(index, &score)| SurveyResponse {
                line: index as u64 + 2,
                answered_at: at("2024-03-01T10:00:00Z"),
                nps: Some(score),
                ..SurveyResponse::default()
            })
            .collect();
        let file = LoadedFile {
            name: "nps.csv".to_string(),
            surveys,
            ..LoadedFile::default()
        };

        let report = build(&[file], &settings());

        let nps = figure(&report, Kpi::Nps);
        assert_eq!(nps.value, Some(10.0));
        assert_eq!(nps.display, "+10");
        assert_eq!(nps.n, 10);
        assert_eq!(
            nps.detail,
            Detail::Nps {
                promoters: 4,
                passives: 3,
                detractors: 3
            }
        );
    }

    #[test]
    fn case_csat_share_of_satisfied_labels() {
        // Agent Lee: 8 Great, 1 Okay, 1 Not Good; Agent Kim: 5 Great,
        // 3 Okay, 2 Not Good. Satisfied = Great only: 13 / 20 = 65 %;
        // Lee 8 / 10 = 80 %, Kim 5 / 10 = 50 %.
        let label = |text: &str| {
            let sentiment = match text {
                "Great" => Sentiment::Positive,
                "Okay" => Sentiment::Neutral,
                _ => Sentiment::Negative,
            };
            Rating::Label {
                text: text.to_string(),
                sentiment,
            }
        };
        let answers = [
            ("Agent Lee", "Great", 8),
            ("Agent Lee", "Okay", 1),
            ("Agent Lee", "Not Good", 1),
            ("Agent Kim", "Great", 5),
            ("Agent Kim", "Okay", 3),
            ("Agent Kim", "Not Good", 2),
        ];
        let mut surveys = Vec::new();
        for (name, text, count) in answers {
            for _ in 0..count {
                surveys.push(SurveyResponse {
                    line: surveys.len() as u64 + 2,
                    answered_at: at("2024-02-01T09:15:00Z"),
                    csat: Some(label(text)),
                    dims: agent(name),
                    ..SurveyResponse::default()
                });
            }
        }
        let file = LoadedFile {
            surveys,
            ..LoadedFile::default()
        };

        let report = build(&[file], &settings());

        let csat = figure(&report, Kpi::Csat);
        assert_eq!(csat.value, Some(65.0));
        assert_eq!(csat.display, "65.0 %");
        assert_eq!(
            csat.detail,
            Detail::Distribution(vec![
                ("Great".to_string(), 13),
                ("Okay".to_string(), 4),
                ("Not Good".to_string(), 3),
            ])
        );
        let by_agent = breakdown(&report, Dimension::Agent);
        assert_eq!(
            row_figure(row(by_agent, "Agent Lee"), Kpi::Csat).value,
            Some(80.0)
        );
        assert_eq!(
            row_figure(row(by_agent, "Agent Kim"), Kpi::Csat).value,
            Some(50.0)
        );
    }

    #[test]
    fn case_ces_out_of_range_values_rejected() {
        // Lines 2–11 hold 7, 6, 6, 5, 2, 7, 0, 9, blank, 4. 0 (line 8) and
        // 9 (line 9) are outside 1–7; the blank is no answer. Valid: 7, 6,
        // 6, 5, 2, 7, 4: mean 37 / 7 = 5.29, easy (5–7) 5 / 7 = 71.4 %.
        let values = [
            Some(7.0),
            Some(6.0),
            Some(6.0),
            Some(5.0),
            Some(2.0),
            Some(7.0),
            Some(0.0),
            Some(9.0),
            None,
            Some(4.0),
        ];
        let surveys = values
            .iter()
            .enumerate()
            .map(|(index, &ces)| SurveyResponse {
                line: index as u64 + 2,
                answered_at: at("2024-05-02T10:00:00Z"),
                ces,
                ..SurveyResponse::default()
            })
            .collect();
        let file = LoadedFile {
            name: "ces.csv".to_string(),
            columns: vec![column(Role::Ces, 2, "ces_1_to_7")],
            surveys,
            ..LoadedFile::default()
        };

        let report = build(&[file], &settings());

        let ces = figure(&report, Kpi::Ces);
        assert!(close(ces.value, 37.0 / 7.0));
        assert_eq!(ces.display, "5.29");
        assert_eq!(ces.n, 7);
        assert_eq!(left_out(ces, "outside the scale"), 2);
        let Detail::Ces {
            easy, easy_percent, ..
        } = ces.detail
        else {
            panic!("expected CES detail, got {:?}", ces.detail);
        };
        assert_eq!(easy, 5);
        assert!(close(easy_percent, 500.0 / 7.0));
        let messages: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            messages,
            vec![
                "ces.csv:8: column \"ces_1_to_7\": \"0\" is outside the scale 1–7; left out",
                "ces.csv:9: column \"ces_1_to_7\": \"9\" is outside the scale 1–7; left out",
            ]
        );
    }

    /// The two tickets of the empty-period case: one solved in March with
    /// CSAT 5 and NPS 9, one still open since 28 March.
    fn empty_period_file() -> LoadedFile {
        LoadedFile {
            tickets: vec![
                Ticket {
                    line: 2,
                    created: at("2024-03-12T09:00:00Z"),
                    first_response_at: at("2024-03-12T09:40:00Z"),
                    resolved_at: at("2024-03-12T15:00:00Z"),
                    ..Ticket::default()
                },
                Ticket {
                    line: 3,
                    created: at("2024-03-28T14:00:00Z"),
                    first_response_at: at("2024-03-28T14:20:00Z"),
                    ..Ticket::default()
                },
            ],
            surveys: vec![SurveyResponse {
                line: 2,
                ticket_id: Some("T-1301".to_string()),
                csat: Some(Rating::Score(5.0)),
                nps: Some(9.0),
                ..SurveyResponse::default()
            }],
            ..LoadedFile::default()
        }
    }

    #[test]
    fn case_empty_period_reads_no_data() {
        // April 2024 has no ticket: created 0, resolved 0, and T-1302,
        // open since 28 March, is the backlog at the end of April.
        let mut settings = settings();
        settings.range = Some(DateRange {
            first: date(2024, 4, 1),
            last: date(2024, 4, 30),
        });

        let report = build(&[empty_period_file()], &settings);

        assert_eq!(figure(&report, Kpi::Created).display, "0");
        assert_eq!(figure(&report, Kpi::Resolved).value, Some(0.0));
        assert_eq!(figure(&report, Kpi::Backlog).value, Some(1.0));
        for kpi in [
            Kpi::FirstResponseTime,
            Kpi::ResolutionTime,
            Kpi::Csat,
            Kpi::Nps,
        ] {
            assert_eq!(figure(&report, kpi).display, "no data (n = 0)", "{kpi:?}");
        }
        assert!(report
            .notes
            .contains(&"no tickets match 2024-04-01 … 2024-04-30".to_string()));
    }

    #[test]
    fn case_empty_period_change_vs_march() {
        // Created in March 2, in April 0: (0 − 2) / 2 = −100 %.
        let mut settings = settings();
        settings.range = Some(DateRange {
            first: date(2024, 4, 1),
            last: date(2024, 4, 30),
        });

        let report = build(&[empty_period_file()], &settings);

        let april = &report.series.rows[0];
        let position = report
            .series
            .kpis
            .iter()
            .position(|&k| k == Kpi::Created)
            .unwrap();
        assert_eq!(april.label, "2024-04");
        assert_eq!(april.figures[position].value, Some(0.0));
        assert_eq!(april.changes[position], Some(-100.0));
        assert_eq!(april.change_display[position], "-100.0 %");
    }

    #[test]
    fn one_sided_range_has_no_limit_at_its_open_end() {
        // Tickets created on 1 March, 1 April and 1 May. "From 1 April"
        // alone used to be refused; it now counts April and May (2), and
        // "until 31 March" counts March (1). The series of "from 1 April"
        // runs from April to the last record, May.
        let ticket = |created| Ticket {
            created: at(created),
            ..Ticket::default()
        };
        let file = LoadedFile {
            tickets: vec![
                ticket("2024-03-01T10:00:00Z"),
                ticket("2024-04-01T10:00:00Z"),
                ticket("2024-05-01T10:00:00Z"),
            ],
            ..LoadedFile::default()
        };
        let mut from_april = settings();
        from_april.range = DateRange::between(Some(date(2024, 4, 1)), None);
        let mut until_march = settings();
        until_march.range = DateRange::between(None, Some(date(2024, 3, 31)));

        let after = build(std::slice::from_ref(&file), &from_april);
        let before = build(&[file], &until_march);

        assert_eq!(figure(&after, Kpi::Created).value, Some(2.0));
        assert_eq!(figure(&before, Kpi::Created).value, Some(1.0));
        let labels: Vec<&str> = after.series.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["2024-04", "2024-05"]);
    }

    #[test]
    fn series_shows_share_changes_in_points() {
        // CSAT in March 1 of 2 satisfied (50 %), in April 2 of 3 (66.7 %):
        // 16.7 points up. The page used to show the relative change,
        // (66.7 − 50) / 50 = +33.3 %.
        let response = |line, day: &str, score| SurveyResponse {
            line,
            answered_at: at(day),
            csat: Some(Rating::Score(score)),
            ..SurveyResponse::default()
        };
        let file = LoadedFile {
            surveys: vec![
                response(2, "2024-03-05T10:00:00Z", 5.0),
                response(3, "2024-03-06T10:00:00Z", 1.0),
                response(4, "2024-04-05T10:00:00Z", 5.0),
                response(5, "2024-04-06T10:00:00Z", 4.0),
                response(6, "2024-04-07T10:00:00Z", 2.0),
            ],
            csat_scale: Some(crate::core::model::Scale { min: 1.0, max: 5.0 }),
            ..LoadedFile::default()
        };

        let report = build(&[file], &settings());

        let position = report
            .series
            .kpis
            .iter()
            .position(|&k| k == Kpi::Csat)
            .unwrap();
        let april = &report.series.rows[1];
        assert_eq!(april.label, "2024-04");
        assert_eq!(april.change_display[position], "+16.7 pt");
    }

    #[test]
    fn case_empty_period_change_from_zero_is_none() {
        // Created in April 0, in May 0: no percentage of 0, so n/a.
        let mut settings = settings();
        settings.range = Some(DateRange {
            first: date(2024, 4, 1),
            last: date(2024, 5, 31),
        });

        let report = build(&[empty_period_file()], &settings);

        let labels: Vec<&str> = report
            .series
            .rows
            .iter()
            .map(|r| r.label.as_str())
            .collect();
        assert_eq!(labels, ["2024-04", "2024-05"]);
        let position = report
            .series
            .kpis
            .iter()
            .position(|&k| k == Kpi::Created)
            .unwrap();
        let may = &report.series.rows[1];
        assert_eq!(may.changes[position], None);
        let frt = may.figures.iter().find(|f| f.kpi == Kpi::FirstResponseTime);
        assert!(frt.is_none_or(|frt| frt.display == "no data (n = 0)"));
    }

    /// The six tickets of the SLA case, as of 2024-05-10 12:00 UTC.
    fn sla_case() -> (LoadedFile, Settings) {
        let ticket = |line, level: &str, created: &str, reply: Option<&str>, state| Ticket {
            line,
            created: at(created),
            first_response_at: reply.and_then(at),
            state,
            status: Some(format!("{state:?}")),
            dims: priority(level),
            ..Ticket::default()
        };
        let file = LoadedFile {
            tickets: vec![
                ticket(
                    2,
                    "urgent",
                    "2024-05-10T08:00:00Z",
                    Some("2024-05-10T08:30:00Z"),
                    TicketState::Resolved,
                ),
                ticket(
                    3,
                    "urgent",
                    "2024-05-10T09:00:00Z",
                    Some("2024-05-10T10:30:00Z"),
                    TicketState::Open,
                ),
                ticket(4, "urgent", "2024-05-10T10:00:00Z", None, TicketState::Open),
                ticket(5, "normal", "2024-05-10T09:00:00Z", None, TicketState::Open),
                ticket(
                    6,
                    "normal",
                    "2024-05-09T09:00:00Z",
                    Some("2024-05-09T16:00:00Z"),
                    TicketState::Resolved,
                ),
                ticket(
                    7,
                    "normal",
                    "2024-05-09T10:00:00Z",
                    Some("2024-05-10T09:00:00Z"),
                    TicketState::Open,
                ),
            ],
            ..LoadedFile::default()
        };
        let mut settings = settings();
        settings.as_of = Utc.with_ymd_and_hms(2024, 5, 10, 12, 0, 0).unwrap();
        (file, settings)
    }

    #[test]
    fn case_sla_first_response_times() {
        // Replies after 30 min, 90 min, 7 h and 23 h: 1800, 5400, 25 200
        // and 82 800 s. Median (5400 + 25 200) / 2 = 15 300 s; mean
        // 115 200 / 4 = 28 800 s; p90 at rank 2.7: 25 200 + 0.7 · 57 600
        // = 65 520 s. Two tickets have no reply yet.
        let (file, settings) = sla_case();

        let report = build(&[file], &settings);

        let frt = figure(&report, Kpi::FirstResponseTime);
        assert_eq!(frt.value, Some(15_300.0));
        assert_eq!(frt.display, "4 h 15 m");
        assert_eq!(frt.n, 4);
        assert_eq!(left_out(frt, "no reply yet"), 2);
        let Detail::Durations { mean, p90, .. } = frt.detail else {
            panic!("expected durations, got {:?}", frt.detail);
        };
        assert!((mean - 28_800.0).abs() < 1e-6);
        assert!((p90 - 65_520.0).abs() < 1e-6);
    }

    #[test]
    fn case_sla_first_response_by_priority() {
        // Urgent: 1800 and 5400 s, median 3600 s. Normal: 25 200 and
        // 82 800 s, median 54 000 s.
        let (file, settings) = sla_case();

        let report = build(&[file], &settings);

        let by_priority = breakdown(&report, Dimension::Priority);
        let urgent = row_figure(row(by_priority, "urgent"), Kpi::FirstResponseTime);
        let normal = row_figure(row(by_priority, "normal"), Kpi::FirstResponseTime);
        assert_eq!(urgent.value, Some(3600.0));
        assert_eq!(normal.value, Some(54_000.0));
    }

    #[test]
    fn case_sla_volume_and_backlog() {
        // Six tickets created; open now: T-1402, T-1403, T-1404 (created
        // 2–3 h before 12:00) and T-1406 (26 h before).
        let (file, settings) = sla_case();

        let report = build(&[file], &settings);

        assert_eq!(figure(&report, Kpi::Created).value, Some(6.0));
        assert_eq!(figure(&report, Kpi::Backlog).value, Some(4.0));
        assert_eq!(report.backlog.open, 4);
        assert_eq!(report.backlog.by_age[0], ("< 1 day".to_string(), 3));
        assert_eq!(report.backlog.by_age[1], ("1–3 days".to_string(), 1));
        assert_eq!(report.backlog.age_unknown, 0);
    }

    /// The call log of the handle-time case; CL-1606's talk time `04:10`
    /// is ambiguous, so the loader leaves it empty.
    fn handle_time_file() -> LoadedFile {
        let call = |line, name: &str, talk: Option<f64>, hold: Option<f64>, wrap| Call {
            line,
            talk_secs: talk,
            hold_secs: hold,
            wrap_secs: Some(wrap),
            dims: agent(name),
            ..Call::default()
        };
        LoadedFile {
            name: "calls.csv".to_string(),
            columns: vec![
                column(Role::CallId, 0, "call_id"),
                column(Role::Agent, 1, "agent"),
                column(Role::TalkTime, 2, "talk_time"),
                column(Role::HoldTime, 3, "hold_time"),
                column(Role::WrapTime, 4, "wrap_up_time"),
            ],
            calls: vec![
                call(2, "Agent Lee", Some(109.0), Some(0.0), 30.0),
                call(3, "Agent Lee", Some(3725.0), Some(30.0), 45.0),
                call(4, "Agent Kim", Some(245.0), Some(0.0), 60.0),
                call(5, "Agent Kim", Some(1105.0), Some(40.0), 60.0),
                call(6, "Agent Kim", Some(250.0), None, 20.0),
                call(7, "Agent Lee", None, Some(0.0), 20.0),
            ],
            ..LoadedFile::default()
        }
    }

    #[test]
    fn case_handle_time_mixed_formats() {
        // Handle times 139, 3800, 305, 1205 and 270 s (empty hold = 0):
        // 5719 / 5 = 1143.8 s = 0:19:04. CL-1606 has no talk time.
        let report = build(&[handle_time_file()], &settings());

        let aht = figure(&report, Kpi::HandleTime);
        assert!(close(aht.value, 1143.8));
        assert_eq!(aht.display, "0:19:04");
        assert_eq!(aht.n, 5);
        assert_eq!(left_out(aht, "no usable talk or handle time"), 1);
        assert!(aht.definition.contains("talk + hold + after-call work"));
    }

    #[test]
    fn case_handle_time_by_agent() {
        // Lee: (139 + 3800) / 2 = 1969.5 s = 0:32:50. Kim: (305 + 1205 +
        // 270) / 3 = 593.3 s = 0:09:53.
        let report = build(&[handle_time_file()], &settings());

        let by_agent = breakdown(&report, Dimension::Agent);
        let lee = row_figure(row(by_agent, "Agent Lee"), Kpi::HandleTime);
        let kim = row_figure(row(by_agent, "Agent Kim"), Kpi::HandleTime);
        assert!(close(lee.value, 1969.5));
        assert_eq!(lee.display, "0:32:50");
        assert!(close(kim.value, 1780.0 / 3.0));
        assert_eq!(kim.display, "0:09:53");
    }

    fn dst_file() -> LoadedFile {
        let ticket = |line, created, reply| Ticket {
            line,
            created: wall(created),
            first_response_at: wall(reply),
            ..Ticket::default()
        };
        LoadedFile {
            name: "dst.csv".to_string(),
            columns: vec![
                column(Role::TicketId, 0, "ticket_id"),
                column(Role::Created, 1, "created_at"),
                column(Role::FirstResponseAt, 2, "first_reply_at"),
            ],
            tickets: vec![
                ticket(2, "2024-03-10 01:50", "2024-03-10 03:10"),
                ticket(3, "2024-03-10 02:30", "2024-03-10 03:15"),
                ticket(4, "2024-11-03 01:30", "2024-11-03 01:45"),
                ticket(5, "2024-11-03 00:50", "2024-11-03 01:20"),
            ],
            ..LoadedFile::default()
        }
    }

    #[test]
    fn case_dst_gap_and_overlap() {
        // 01:50 EST → 03:10 EDT = 20 min; 02:30 does not exist; 01:30 →
        // 01:45 both EDT = 15 min; 00:50 → 01:20 EDT = 30 min. Median
        // 20 min = 1200 s; mean 65 / 3 min = 1300 s.
        let mut settings = settings();
        settings.time_zone = "America/New_York".to_string();

        let report = build(&[dst_file()], &settings);

        let frt = figure(&report, Kpi::FirstResponseTime);
        assert_eq!(frt.value, Some(1200.0));
        assert_eq!(frt.n, 3);
        let Detail::Durations { mean, .. } = frt.detail else {
            panic!("expected durations, got {:?}", frt.detail);
        };
        assert!((mean - 1300.0).abs() < 1e-6);
        assert_eq!(
            left_out(frt, "local time does not exist in America/New_York"),
            1
        );
    }

    #[test]
    fn case_dst_problems_name_line_and_column() {
        let mut settings = settings();
        settings.time_zone = "America/New_York".to_string();

        let report = build(&[dst_file()], &settings);

        let places: Vec<(Severity, Option<u64>, Option<&str>)> = report
            .problems
            .iter()
            .map(|p| (p.severity, p.location.line, p.location.column.as_deref()))
            .collect();
        assert_eq!(
            places,
            vec![
                (Severity::Error, Some(3), Some("created_at")),
                (Severity::Warning, Some(4), Some("created_at")),
                (Severity::Warning, Some(4), Some("first_reply_at")),
                (Severity::Warning, Some(5), Some("first_reply_at")),
            ]
        );
        assert!(report.problems[0]
            .to_string()
            .contains("\"2024-03-10 02:30\" does not exist in America/New_York"));
    }

    #[test]
    fn unknown_time_zone_reads_as_utc_with_problem() {
        let mut settings = settings();
        settings.time_zone = "Moon/Base".to_string();

        let report = build(&[dst_file()], &settings);

        assert_eq!(report.problems.len(), 1);
        assert!(report.problems[0].to_string().contains("Moon/Base"));
        // In UTC 02:30 exists: 45 min; the others are 80, 15 and 30 min,
        // so the median of four is (30 + 45) / 2 = 37.5 min = 2250 s.
        assert_eq!(figure(&report, Kpi::FirstResponseTime).value, Some(2250.0));
    }

    #[test]
    fn goals_checked_against_headline() {
        // AHT 1143.8 s against a 1200 s target, lower is better: met,
        // 56.2 s under.
        let mut settings = settings();
        settings.goals = vec![Goal {
            kpi: Kpi::HandleTime,
            target: 1200.0,
            direction: crate::core::goals::Direction::LowerIsBetter,
            owner: "Team lead".to_string(),
            baseline: None,
            cadence: None,
        }];

        let report = build(&[handle_time_file()], &settings);

        assert_eq!(report.goals.len(), 1);
        assert_eq!(report.goals[0].state, crate::core::goals::GoalState::Met);
        assert!(close(report.goals[0].difference, -56.2));
        let lee = row(breakdown(&report, Dimension::Agent), "Agent Lee");
        // Lee's 1969.5 s misses the 1200 s target.
        assert_eq!(lee.goals[0].state, crate::core::goals::GoalState::Missed);
    }

    #[test]
    fn breakdown_rows_without_records_give_no_data_and_skip_count_goals() {
        // Agent Lee and Agent Kim have calls; Agent Tess only has one open
        // ticket. Tess's handle time has no record, so its goal is no
        // data, not a check of an empty figure. A backlog goal of at most
        // 5000 is team-wide: it used to read "met" on every agent's row,
        // even Lee's and Kim's with 0 tickets, and is now checked on the
        // headline only.
        let mut calls = handle_time_file();
        calls.tickets = vec![Ticket {
            created: at("2024-03-01T10:00:00Z"),
            dims: agent("Agent Tess"),
            ..Ticket::default()
        }];
        let goal = |kpi, target, direction| Goal {
            kpi,
            target,
            direction,
            owner: String::new(),
            baseline: None,
            cadence: None,
        };
        let mut settings = settings();
        settings.goals = vec![
            goal(
                Kpi::HandleTime,
                1200.0,
                crate::core::goals::Direction::LowerIsBetter,
            ),
            goal(
                Kpi::Backlog,
                5000.0,
                crate::core::goals::Direction::LowerIsBetter,
            ),
        ];

        let report = build(&[calls], &settings);

        let states = |row: &BreakdownRow| -> Vec<(Kpi, crate::core::goals::GoalState)> {
            row.goals.iter().map(|c| (c.goal.kpi, c.state)).collect()
        };
        let agents = breakdown(&report, Dimension::Agent);
        assert_eq!(
            states(row(agents, "Agent Tess")),
            vec![(Kpi::HandleTime, crate::core::goals::GoalState::NoData)]
        );
        assert_eq!(
            states(row(agents, "Agent Kim")),
            vec![(Kpi::HandleTime, crate::core::goals::GoalState::Met)]
        );
        assert_eq!(report.goals.len(), 2);
        assert_eq!(report.goals[1].goal.kpi, Kpi::Backlog);
    }

    #[test]
    fn breakdown_counts_of_another_record_kind_are_no_data() {
        // Agent Lee only takes calls and Agent Tess only has a ticket.
        // Lee's row used to show "Tickets created: 0", a count for a kind
        // of record he has none of; it is now no data, as is Tess's call
        // count. Tess's 1 ticket created and Lee's 3 calls stay.
        let mut calls = handle_time_file();
        for call in &mut calls.calls {
            call.started = at("2024-03-01T09:00:00Z");
        }
        calls.tickets = vec![Ticket {
            created: at("2024-03-01T10:00:00Z"),
            dims: agent("Agent Tess"),
            ..Ticket::default()
        }];

        let report = build(&[calls], &settings());

        let agents = breakdown(&report, Dimension::Agent);
        let lee = row(agents, "Agent Lee");
        let tess = row(agents, "Agent Tess");
        assert_eq!(row_figure(lee, Kpi::Created).display, "no data (n = 0)");
        assert_eq!(row_figure(lee, Kpi::Calls).value, Some(3.0));
        assert_eq!(row_figure(tess, Kpi::Created).value, Some(1.0));
        assert_eq!(row_figure(tess, Kpi::Calls).value, None);
    }

    #[test]
    fn series_cut_to_latest_periods_with_note() {
        // Daily periods from 1 January 2021 to 1 June 2024 are over 1200
        // days; only the latest MAX_ROWS remain, ending on 1 June 2024.
        let ticket = |created| Ticket {
            created: at(created),
            ..Ticket::default()
        };
        let file = LoadedFile {
            tickets: vec![
                ticket("2021-01-01T10:00:00Z"),
                ticket("2024-06-01T10:00:00Z"),
            ],
            ..LoadedFile::default()
        };
        let mut settings = settings();
        settings.period = Period::Day;

        let report = build(&[file], &settings);

        assert_eq!(report.series.rows.len(), periods::MAX_ROWS);
        assert_eq!(report.series.rows.last().unwrap().label, "2024-06-01");
        assert!(report
            .notes
            .iter()
            .any(|note| note.contains("latest 1000 periods")));
    }

    #[test]
    fn problems_capped_per_kind_with_summary() {
        // 250 NPS answers of 11: 200 listed, then one summary of 50 more.
        let surveys = (0..250)
            .map(|index| SurveyResponse {
                line: index + 2,
                nps: Some(11.0),
                ..SurveyResponse::default()
            })
            .collect();
        let file = LoadedFile {
            name: "nps.csv".to_string(),
            surveys,
            ..LoadedFile::default()
        };

        let report = build(&[file], &settings());

        assert_eq!(report.problems.len(), PROBLEMS_PER_KIND + 1);
        let summary = report.problems.last().unwrap().to_string();
        assert!(summary.contains("50 more"), "{summary}");
        assert_eq!(figure(&report, Kpi::Nps).value, None);
        // The list has 201 entries, which a heading used to give as the
        // count; the true total is 250.
        assert_eq!(report.problem_count, 250);
    }

    #[test]
    fn breakdown_has_none_row_for_records_without_value() {
        // Two tickets for Lee, one without an agent.
        let ticket = |dims| Ticket {
            created: at("2024-03-01T10:00:00Z"),
            dims,
            ..Ticket::default()
        };
        let file = LoadedFile {
            tickets: vec![
                ticket(agent("Lee")),
                ticket(agent("Lee")),
                ticket(Dims::default()),
            ],
            ..LoadedFile::default()
        };

        let report = build(&[file], &settings());

        let by_agent = breakdown(&report, Dimension::Agent);
        let labels: Vec<&str> = by_agent.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["Lee", "(none)"]);
        assert_eq!(row_figure(&by_agent.rows[0], Kpi::Created).value, Some(2.0));
        assert_eq!(row_figure(&by_agent.rows[1], Kpi::Created).value, Some(1.0));
        assert!(report
            .breakdowns
            .iter()
            .all(|b| b.dimension == Dimension::Agent));
    }

    #[test]
    fn series_includes_empty_months() {
        // Tickets in January and March: February is a row with 0 created
        // and no first response time.
        let ticket = |created| Ticket {
            created: at(created),
            ..Ticket::default()
        };
        let file = LoadedFile {
            tickets: vec![
                ticket("2024-01-15T10:00:00Z"),
                ticket("2024-03-15T10:00:00Z"),
            ],
            ..LoadedFile::default()
        };

        let report = build(&[file], &settings());

        let labels: Vec<&str> = report
            .series
            .rows
            .iter()
            .map(|r| r.label.as_str())
            .collect();
        assert_eq!(labels, ["2024-01", "2024-02", "2024-03"]);
        let position = report
            .series
            .kpis
            .iter()
            .position(|&k| k == Kpi::Created)
            .unwrap();
        assert_eq!(report.series.rows[1].figures[position].value, Some(0.0));
        // Backlog at the end of each month: 1, 1, 2 (nothing resolved).
        let backlog = report
            .series
            .kpis
            .iter()
            .position(|&k| k == Kpi::Backlog)
            .unwrap();
        let open: Vec<Option<f64>> = report
            .series
            .rows
            .iter()
            .map(|row| row.figures[backlog].value)
            .collect();
        assert_eq!(open, [Some(1.0), Some(1.0), Some(2.0)]);
    }

    #[test]
    fn series_cuts_periods_in_report_zone() {
        // 2024-04-01 02:00 UTC is still 31 March in New York, so the
        // ticket belongs to March there.
        let file = LoadedFile {
            tickets: vec![Ticket {
                created: at("2024-04-01T02:00:00Z"),
                ..Ticket::default()
            }],
            ..LoadedFile::default()
        };
        let mut settings = settings();
        settings.time_zone = "America/New_York".to_string();

        let report = build(&[file], &settings);

        assert_eq!(report.series.rows.len(), 1);
        assert_eq!(report.series.rows[0].label, "2024-03");
    }

    #[test]
    fn weekly_series_across_year_end() {
        // Sunday 29 Dec 2024 is in 2024-W52; Thursday 2 Jan 2025 in
        // 2025-W01, which starts Monday 30 Dec 2024.
        let ticket = |created| Ticket {
            created: at(created),
            ..Ticket::default()
        };
        let file = LoadedFile {
            tickets: vec![
                ticket("2024-12-29T10:00:00Z"),
                ticket("2025-01-02T10:00:00Z"),
            ],
            ..LoadedFile::default()
        };
        let mut settings = settings();
        settings.period = Period::Week;

        let report = build(&[file], &settings);

        let labels: Vec<&str> = report
            .series
            .rows
            .iter()
            .map(|r| r.label.as_str())
            .collect();
        assert_eq!(labels, ["2024-W52", "2025-W01"]);
        assert_eq!(report.series.rows[1].start, date(2024, 12, 30));
    }

    #[test]
    fn extreme_dates_do_not_panic() {
        // The first and last instants chrono can hold, in a zone with
        // daylight saving time, under every period length.
        let stamp = |instant| Some(crate::core::model::Stamp::Utc(instant));
        let file = LoadedFile {
            tickets: vec![
                Ticket {
                    created: stamp(DateTime::<Utc>::MIN_UTC),
                    resolved_at: stamp(DateTime::<Utc>::MAX_UTC),
                    ..Ticket::default()
                },
                Ticket {
                    created: stamp(DateTime::<Utc>::MAX_UTC),
                    ..Ticket::default()
                },
                Ticket {
                    created: Some(crate::core::model::Stamp::Local(NaiveDateTime::MIN)),
                    first_response_at: Some(crate::core::model::Stamp::Local(NaiveDateTime::MAX)),
                    ..Ticket::default()
                },
            ],
            ..LoadedFile::default()
        };
        let mut settings = settings();
        settings.time_zone = "Europe/Berlin".to_string();

        for period in Period::ALL {
            settings.period = period;
            let report = build(std::slice::from_ref(&file), &settings);

            // The local minimum has no instant in Berlin, so that ticket
            // has no usable creation time and is left out of the count.
            let created = figure(&report, Kpi::Created);
            assert_eq!(created.value, Some(2.0));
            assert_eq!(created.left_out.iter().map(|l| l.count).sum::<usize>(), 1);
            assert!(report.series.rows.len() <= periods::MAX_ROWS);
        }
    }

    #[test]
    fn odd_values_never_panic_or_give_nan() {
        // A fixed pseudo-random mix of NaN, negative, huge and ordinary
        // values in every numeric field, under every FCR rule and period.
        let odd = [
            f64::NAN,
            -1.0,
            0.0,
            0.5,
            3.0,
            9.0,
            11.0,
            1e300,
            f64::INFINITY,
        ];
        let mut seed: u64 = 7;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize
        };
        let mut file = LoadedFile {
            csat_scale: Some(crate::core::model::Scale { min: 1.0, max: 5.0 }),
            ..LoadedFile::default()
        };
        let states = [
            TicketState::Open,
            TicketState::Resolved,
            TicketState::Closed,
            TicketState::Merged,
            TicketState::Unknown,
        ];
        for index in 0..500u64 {
            let hour = |offset: usize| {
                let instant = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap()
                    + chrono::Duration::hours((offset % 2000) as i64);
                (!offset.is_multiple_of(5)).then_some(crate::core::model::Stamp::Utc(instant))
            };
            file.tickets.push(Ticket {
                line: index + 2,
                created: hour(next()),
                first_response_at: hour(next()),
                first_response_secs: Some(odd[next() % odd.len()]),
                resolved_at: hour(next()),
                resolution_secs: Some(odd[next() % odd.len()]),
                state: states[next() % states.len()],
                replies: Some((next() % 3) as u32),
                dims: agent(["A", "B"][next() % 2]),
                ..Ticket::default()
            });
            file.surveys.push(SurveyResponse {
                answered_at: hour(next()),
                csat: Some(Rating::Score(odd[next() % odd.len()])),
                nps: Some(odd[next() % odd.len()]),
                ces: Some(odd[next() % odd.len()]),
                ..SurveyResponse::default()
            });
            file.calls.push(Call {
                started: hour(next()),
                talk_secs: Some(odd[next() % odd.len()]),
                hold_secs: Some(odd[next() % odd.len()]),
                resolved: Some(next().is_multiple_of(2)),
                ..Call::default()
            });
        }
        let mut settings = settings();

        for (period, fcr) in Period::ALL.into_iter().zip([
            crate::core::settings::FcrDefinition::Auto,
            crate::core::settings::FcrDefinition::OneTouch,
            crate::core::settings::FcrDefinition::ExplicitFlag,
            crate::core::settings::FcrDefinition::Auto,
        ]) {
            settings.period = period;
            settings.fcr = fcr;
            let report = build(std::slice::from_ref(&file), &settings);

            let rows = report.series.rows.iter().flat_map(|row| row.figures.iter());
            let cells = report
                .breakdowns
                .iter()
                .flat_map(|b| b.rows.iter())
                .flat_map(|r| r.figures.iter());
            for figure in report.headline.iter().chain(rows).chain(cells) {
                assert!(figure.value.is_none_or(f64::is_finite), "{figure:?}");
                assert!(!figure.display.contains("NaN"), "{figure:?}");
                assert!(!figure.display.contains("inf"), "{figure:?}");
            }
        }
    }

    #[test]
    fn no_figure_is_ever_nan() {
        // Zeros, open tickets and unanswered calls together must still
        // give finite values or no data.
        let file = LoadedFile {
            tickets: vec![Ticket {
                state: TicketState::Open,
                ..Ticket::default()
            }],
            calls: vec![Call {
                answered: Some(false),
                ..Call::default()
            }],
            ..LoadedFile::default()
        };

        let report = build(&[file], &settings());

        for figure in &report.headline {
            assert!(figure.value.is_none_or(f64::is_finite), "{:?}", figure.kpi);
            assert!(!figure.display.contains("NaN"), "{:?}", figure.kpi);
            assert!(!figure.display.contains("inf"), "{:?}", figure.kpi);
        }
    }

    /// 100 000 tickets over a year with five agents, surveys and calls.
    fn large_input() -> LoadedFile {
        let start = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        let tickets = (0..100_000i64)
            .map(|index| {
                let created = start + chrono::Duration::minutes(index * 5);
                Ticket {
                    line: index as u64 + 2,
                    created: Some(crate::core::model::Stamp::Utc(created)),
                    first_response_at: Some(crate::core::model::Stamp::Utc(
                        created + chrono::Duration::minutes(index % 300),
                    )),
                    resolved_at: (index % 7 != 0).then(|| {
                        crate::core::model::Stamp::Utc(
                            created + chrono::Duration::hours(index % 90),
                        )
                    }),
                    state: if index % 7 == 0 {
                        TicketState::Open
                    } else {
                        TicketState::Resolved
                    },
                    replies: Some((index % 4) as u32),
                    dims: agent(&format!("Agent {}", index % 5)),
                    ..Ticket::default()
                }
            })
            .collect();
        LoadedFile {
            tickets,
            ..LoadedFile::default()
        }
    }

    #[test]
    #[ignore = "timing check; run with cargo test --release -- --ignored"]
    fn build_handles_100k_tickets_quickly() {
        let file = large_input();
        let mut settings = settings();
        settings.period = Period::Day;

        // Timing a test on the host, where the clock is available; the
        // core itself never reads it.
        #[allow(clippy::disallowed_methods)]
        let started = std::time::Instant::now();
        let report = build(&[file], &settings);
        let elapsed = started.elapsed();

        assert_eq!(figure(&report, Kpi::Created).value, Some(100_000.0));
        assert!(elapsed.as_millis() < 1000, "build took {elapsed:?}");
        println!("build of 100 000 tickets took {elapsed:?}");
    }

    #[test]
    #[ignore = "timing check; run with cargo test --release -- --ignored"]
    fn build_handles_100k_tickets_in_business_hours_quickly() {
        // The same tickets with every duration on a Berlin office
        // schedule with holidays, and SLA targets in business hours.
        use crate::core::business_hours::{Schedule, WorkInterval};
        use crate::core::settings::Clock;
        use crate::core::sla::{SlaPolicy, SlaRule, SlaTarget};
        let file = large_input();
        let mut settings = settings();
        settings.period = Period::Day;
        settings.clock = Clock::Business;
        let mut office = Schedule::weekdays(
            "Office",
            "Europe/Berlin",
            &[
                WorkInterval::hours((9, 0), (12, 0)),
                WorkInterval::hours((13, 0), (17, 0)),
            ],
        );
        office.holidays = vec![date(2024, 1, 1), date(2024, 5, 1), date(2024, 12, 25)];
        settings.schedules = vec![office];
        let target = |hours: f64| {
            Some(SlaTarget {
                seconds: hours * 3600.0,
                clock: Clock::Business,
            })
        };
        settings.sla = SlaPolicy {
            rules: vec![SlaRule {
                priority: None,
                first_response: target(2.0),
                resolution: target(16.0),
            }],
        };

        // Timing a test on the host, where the clock is available; the
        // core itself never reads it.
        #[allow(clippy::disallowed_methods)]
        let started = std::time::Instant::now();
        let report = build(&[file], &settings);
        let elapsed = started.elapsed();

        assert_eq!(figure(&report, Kpi::Created).value, Some(100_000.0));
        assert!(figure(&report, Kpi::SlaResolution).value.is_some());
        assert!(elapsed.as_millis() < 1000, "build took {elapsed:?}");
        println!("business-hours build of 100 000 tickets took {elapsed:?}");
    }
}
