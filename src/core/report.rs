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
use crate::core::calls::{self, CallFacts};
use crate::core::columns::Role;
use crate::core::format;
use crate::core::goals::{self, GoalCheck};
use crate::core::load::LoadedFile;
use crate::core::model::Dimension;
use crate::core::periods;
use crate::core::problem::{Location, Problem, ProblemKind, Severity};
use crate::core::settings::{Period, Settings};
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
}

impl Kpi {
    pub const ALL: [Kpi; 10] = [
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
        }
    }

    /// The unit of [`Figure::value`] and of a goal's target.
    pub fn unit(self) -> Unit {
        match self {
            Kpi::Csat | Kpi::FirstContactResolution => Unit::Percent,
            Kpi::Nps => Unit::NetScore,
            Kpi::Ces => Unit::ScaleMean,
            Kpi::FirstResponseTime | Kpi::ResolutionTime | Kpi::HandleTime => Unit::Seconds,
            Kpi::Created | Kpi::Resolved | Kpi::Backlog => Unit::Count,
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
    /// earlier value, aligned with `figures`; `None` (shown `n/a`) where
    /// either value is missing or the earlier one is 0.
    pub changes: Vec<Option<f64>>,
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
    /// Messages about the report as a whole, such as a range that no
    /// record falls in.
    pub notes: Vec<String>,
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

    let mut ticket_facts = Vec::new();
    let mut survey_facts = Vec::new();
    let mut call_facts = Vec::new();
    for file in files {
        let reader = FieldReader::new(&zone, file);
        for ticket in &file.tickets {
            ticket_facts.push(TicketFacts::read(ticket, &reader, settings, &mut log));
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

    let window = settings
        .range
        .map(|range| Window::of_range(&zone, range.first, range.last));
    let context = Context {
        settings,
        any_tickets: !ticket_facts.is_empty(),
        any_hold_or_wrap: files.iter().any(has_hold_or_wrap),
        zone,
        window,
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

    Report {
        goals,
        breakdowns: breakdown::breakdowns(&records, &context),
        series: periods::series(&ticket_facts, &survey_facts, &call_facts, &context),
        backlog: tickets::backlog_now(&ticket_facts, &context),
        notes: range_notes(
            &records,
            &ticket_facts,
            &survey_facts,
            &call_facts,
            &context,
        ),
        headline,
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
    let span = format!("{} … {}", range.first, range.last);
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
        Kpi::FirstResponseTime => tickets::first_response_time(&records.created, context),
        Kpi::ResolutionTime => tickets::resolution_time(&records.resolved, context),
        Kpi::HandleTime => calls::handle_time(&records.calls, context),
        Kpi::FirstContactResolution => {
            calls::first_contact_resolution(&records.resolved, &records.calls, context)
        }
        Kpi::Created => tickets::created(&records.created, context),
        Kpi::Resolved => tickets::resolved(&records.resolved, context),
        Kpi::Backlog => tickets::backlog(&records.tickets, records.backlog_at, context),
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
    /// True when any file holds tickets, so that counts of 0 are real.
    pub any_tickets: bool,
    /// True when any file has a hold or after-call work column.
    pub any_hold_or_wrap: bool,
    /// The report range as instants; `None` for everything.
    pub window: Option<Window>,
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

    pub fn contains(&self, instant: DateTime<Utc>) -> bool {
        self.start <= instant && instant < self.end
    }
}

/// The records behind one set of figures, each KPI family by its own
/// cohort date: tickets by creation for volume and first response time,
/// by resolution for resolution time, resolved volume and FCR, survey
/// responses by answer time, calls by start time.
#[derive(Clone, Debug, Default)]
pub struct Records<'r, 'a> {
    pub created: Vec<&'r TicketFacts<'a>>,
    pub resolved: Vec<&'r TicketFacts<'a>>,
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
            tickets: tickets.iter().collect(),
            surveys: surveys.iter().filter(|s| inside(s.answered.at())).collect(),
            calls: calls.iter().filter(|c| inside(c.started.at())).collect(),
            backlog_at: Some(window.end),
        }
    }

    /// Splits the records by their value of `dimension` in one pass;
    /// `None` holds the records without a value.
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

/// Why a record was left out of a figure.
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

    /// The most frequent reason, for saying why a figure has no data.
    pub fn main_reason(&self, zone: &str) -> Option<String> {
        let (skip, _) = self.counts.iter().max_by_key(|(_, &count)| count)?;
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
    /// Problems past the cap: (file, kind name) to count, severity.
    dropped: BTreeMap<(String, &'static str), (usize, Severity)>,
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
        let name = kind_name(&problem.kind);
        let dropped = self
            .dropped
            .entry((problem.location.file, name))
            .or_insert((0, problem.severity));
        dropped.0 += 1;
    }

    /// The listed problems followed by one summary per capped kind.
    pub fn finish(mut self) -> Vec<Problem> {
        for ((file, name), (count, severity)) in self.dropped {
            self.problems.push(Problem {
                location: Location::file(&file),
                severity,
                kind: ProblemKind::Other {
                    value: format!("{count} more"),
                    message: format!(
                        "further {name} problems are not listed; the first \
                         {PROBLEMS_PER_KIND} are above"
                    ),
                },
            });
        }
        self.problems
    }
}

fn kind_name(kind: &ProblemKind) -> &'static str {
    match kind {
        ProblemKind::NonexistentLocalTime { .. } => "nonexistent local time",
        ProblemKind::AmbiguousLocalTime { .. } => "ambiguous local time",
        ProblemKind::OutOfScale { .. } => "out-of-scale",
        ProblemKind::NegativeDuration { .. } => "negative duration",
        ProblemKind::UnknownRating { .. } => "unknown rating",
        _ => "other",
    }
}
