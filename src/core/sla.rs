//! SLA policies: first-response and resolution targets per priority, each
//! ticket's outcome against them, attainment and the list of breaches.
//!
//! A ticket answered (or resolved) within its target met it and one
//! answered later breached it. A ticket still waiting past its deadline at
//! the report's "as of" time has breached it too; one still waiting with
//! time left is pending and counts on neither side. Attainment is
//! met ÷ (met + breached). Where the export carries its own SLA status,
//! that status is used when no policy applies, and compared with the
//! policy's outcome otherwise. Deciding when a ticket ended is the ticket
//! module's work; this module only compares times with targets.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::core::business_hours::BusinessClock;
use crate::core::format;
use crate::core::number::{self, NumberStyle};
use crate::core::report::{Context, Detail, Figure, Kpi, Skip, Tally};
use crate::core::settings::Clock;
use crate::core::tickets::TicketFacts;

/// The two SLA targets a policy sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SlaMetric {
    FirstResponse,
    Resolution,
}

impl SlaMetric {
    pub fn label(self) -> &'static str {
        match self {
            SlaMetric::FirstResponse => "first response",
            SlaMetric::Resolution => "resolution",
        }
    }
}

/// The outcome of one ticket against one target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SlaOutcome {
    Met,
    Breached,
    /// Still waiting, with time left.
    Pending,
}

impl SlaOutcome {
    pub fn label(self) -> &'static str {
        match self {
            SlaOutcome::Met => "met",
            SlaOutcome::Breached => "breached",
            SlaOutcome::Pending => "pending",
        }
    }
}

/// One target: the longest allowed time and the clock it runs on.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlaTarget {
    pub seconds: f64,
    pub clock: Clock,
}

/// The targets for one priority.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlaRule {
    /// The priority text, matched without regard to case and surrounding
    /// spaces; `None` for every priority no other rule names.
    pub priority: Option<String>,
    pub first_response: Option<SlaTarget>,
    pub resolution: Option<SlaTarget>,
}

impl SlaRule {
    pub fn target(&self, metric: SlaMetric) -> Option<SlaTarget> {
        match metric {
            SlaMetric::FirstResponse => self.first_response,
            SlaMetric::Resolution => self.resolution,
        }
    }
}

/// SLA targets per priority. An empty policy sets no target.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SlaPolicy {
    pub rules: Vec<SlaRule>,
}

impl SlaPolicy {
    /// Returns the rule for a ticket's priority: the rule naming it, else
    /// the "any other priority" rule.
    pub fn rule_for(&self, priority: Option<&str>) -> Option<&SlaRule> {
        let wanted = priority.map(|text| text.trim().to_lowercase());
        let named = self.rules.iter().find(|rule| {
            let name = rule
                .priority
                .as_deref()
                .map(|text| text.trim().to_lowercase());
            name.is_some() && name == wanted
        });
        named.or_else(|| self.rules.iter().find(|rule| rule.priority.is_none()))
    }

    /// Checks whether any rule sets a target for `metric`.
    pub fn covers(&self, metric: SlaMetric) -> bool {
        self.rules.iter().any(|rule| rule.target(metric).is_some())
    }

    /// Describes the targets of `metric` for a definition, such as
    /// `urgent 1 h 00 m, normal 8 h 00 m, any other 1 d 00 h (business)`.
    pub fn describe(&self, metric: SlaMetric) -> String {
        let parts: Vec<String> = self
            .rules
            .iter()
            .filter_map(|rule| {
                let target = rule.target(metric)?;
                let name = rule.priority.as_deref().unwrap_or("any other");
                let clock = match target.clock {
                    Clock::Calendar => "calendar",
                    Clock::Business => "business hours",
                };
                Some(format!(
                    "{name} {} ({clock})",
                    format::elapsed(target.seconds)
                ))
            })
            .collect();
        parts.join(", ")
    }
}

/// The origin of an outcome: the policy or the export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlaSource {
    Policy,
    /// The export's own SLA status column.
    Export,
}

/// One ticket's outcome against one target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SlaCheck {
    pub outcome: SlaOutcome,
    pub source: SlaSource,
    /// The target in seconds; `None` for the export's own status.
    pub target_secs: Option<f64>,
    /// Time taken, or time waited so far for a ticket still waiting;
    /// `None` for the export's own status.
    pub elapsed_secs: Option<f64>,
    /// True when the ticket is still waiting, so `elapsed_secs` runs to
    /// the report's "as of" time.
    pub waiting: bool,
    /// True when the export's own status disagrees with the policy's
    /// outcome.
    pub disagrees: bool,
}

/// The SLA status values [`parse_status`] reads, for problem messages.
pub const STATUS_EXPECTED: &str = "true/false, Within SLA / SLA Violated, SLA completed on time / \
     SLA completed late / Overdue, or minutes left such as -15";

/// Reads an export's own SLA status: ServiceNow's `made_sla` flag
/// (`true`/`false`), Freshdesk's `Within SLA` / `SLA Violated`,
/// HubSpot's labels (`SLA completed on time` met; `SLA completed late`
/// and `Overdue` breached; `Active SLA` and `Due soon` pending), and
/// Zammad's minutes left before the target (negative once breached).
/// Returns `None` for anything else.
///
/// ```
/// use service_kpis::core::number::NumberStyle;
/// use service_kpis::core::sla::{parse_status, SlaOutcome};
/// assert_eq!(parse_status("SLA Violated", NumberStyle::DecimalPoint), Some(SlaOutcome::Breached));
/// assert_eq!(parse_status("-12", NumberStyle::DecimalPoint), Some(SlaOutcome::Breached));
/// ```
pub fn parse_status(text: &str, style: NumberStyle) -> Option<SlaOutcome> {
    let folded = text.trim().to_lowercase();
    let outcome = match folded.as_str() {
        "true"
        | "yes"
        | "within sla"
        | "sla completed on time"
        | "completed on time"
        | "met"
        | "achieved" => SlaOutcome::Met,
        "false" | "no" | "sla violated" | "violated" | "sla completed late" | "completed late"
        | "overdue" | "breached" | "missed" => SlaOutcome::Breached,
        "active sla" | "active" | "due soon" | "in progress" => SlaOutcome::Pending,
        // Numbers are minutes left, so 0 is met on the deadline; a 1/0
        // met flag would be misread, but the exports seen write words.
        _ => {
            let minutes_left = number::parse_number(&folded, style)?;
            if !minutes_left.is_finite() {
                return None;
            }
            if minutes_left < 0.0 {
                SlaOutcome::Breached
            } else {
                SlaOutcome::Met
            }
        }
    };
    Some(outcome)
}

/// When a ticket's clock for one target stopped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SlaEnd {
    /// It ended at this instant.
    At(DateTime<Utc>),
    /// It has not ended yet.
    Waiting,
    /// Only the export's own duration is known, in seconds.
    Duration(f64),
}

/// Compares a ticket with `target`: measured from `created` to its end
/// (or to `as_of` while waiting) on the target's clock.
///
/// A business-hours target without a schedule (`business` is `None`)
/// cannot be checked.
pub fn evaluate(
    target: SlaTarget,
    created: DateTime<Utc>,
    end: SlaEnd,
    as_of: DateTime<Utc>,
    business: Option<&BusinessClock>,
) -> Result<SlaCheck, Skip> {
    let span = |to: DateTime<Utc>| match target.clock {
        Clock::Calendar => Ok(((to - created).num_milliseconds() as f64 / 1000.0).max(0.0)),
        Clock::Business => business
            .map(|clock| clock.seconds_between(created, to))
            .ok_or(Skip::NoSchedule),
    };
    let (elapsed, waiting) = match end {
        SlaEnd::At(at) => (span(at)?, false),
        SlaEnd::Waiting => (span(as_of)?, true),
        // NOTE: the export's duration is compared as exported, whatever
        // clock the help desk measured it on.
        SlaEnd::Duration(seconds) => (seconds.max(0.0), false),
    };
    let outcome = if elapsed > target.seconds {
        SlaOutcome::Breached
    } else if waiting {
        SlaOutcome::Pending
    } else {
        SlaOutcome::Met
    };
    Ok(SlaCheck {
        outcome,
        source: SlaSource::Policy,
        target_secs: Some(target.seconds),
        elapsed_secs: Some(elapsed),
        waiting,
        disagrees: false,
    })
}

/// SLA attainment: tickets that met their `metric` target ÷ (met +
/// breached) × 100, in percent, by creation date.
///
/// A ticket still waiting past its deadline at the report's "as of" time
/// is breached. Pending tickets (waiting with time left) are left out as
/// "pending: still within target". Without a policy target the export's
/// own SLA status is used, and the definition states that. No met or breached
/// ticket gives no data (n = 0).
pub fn attainment(metric: SlaMetric, tickets: &[&TicketFacts], context: &Context) -> Figure {
    let kpi = match metric {
        SlaMetric::FirstResponse => Kpi::SlaFirstResponse,
        SlaMetric::Resolution => Kpi::SlaResolution,
    };
    let zone = context.zone.name();
    let mut met = 0;
    let mut breached = 0;
    let mut from_export = 0;
    let mut disagreements = 0;
    let mut tally = Tally::default();
    for ticket in tickets {
        let check = match ticket.sla(metric) {
            Ok(check) => check,
            Err(skip) => {
                tally.add(skip);
                continue;
            }
        };
        if check.disagrees {
            disagreements += 1;
        }
        if check.source == SlaSource::Export && check.outcome != SlaOutcome::Pending {
            from_export += 1;
        }
        match check.outcome {
            SlaOutcome::Met => met += 1,
            SlaOutcome::Breached => breached += 1,
            SlaOutcome::Pending => tally.add(Skip::SlaPending),
        }
    }

    let definition = attainment_definition(metric, from_export, disagreements, context);
    let whole = met + breached;
    if whole == 0 {
        let definition = match tally.main_reason(zone) {
            Some(reason) => format!("{definition}; cannot be computed: {reason}"),
            None => definition,
        };
        return Figure::no_data(kpi, definition, tally.left_out(zone));
    }
    let value = met as f64 / whole as f64 * 100.0;
    Figure::with_value(
        kpi,
        value,
        whole,
        definition,
        tally.left_out(zone),
        Detail::Share { part: met, whole },
    )
}

fn attainment_definition(
    metric: SlaMetric,
    from_export: usize,
    disagreements: usize,
    context: &Context,
) -> String {
    let policy = &context.settings.sla;
    let mut definition = format!(
        "{} within its SLA target: met ÷ (met + breached); tickets still waiting past \
         the deadline are breached, those within it pending and left out; by creation date",
        metric.label()
    );
    if policy.covers(metric) {
        definition = format!("{definition}; targets: {}", policy.describe(metric));
        if policy.rules.iter().any(|rule| {
            rule.target(metric)
                .is_some_and(|t| t.clock == Clock::Business)
        }) {
            if let Some(hours) = context.business.describe() {
                definition = format!("{definition}; business hours ({hours})");
            }
        }
    }
    if from_export > 0 {
        definition = format!(
            "{definition}; {from_export} from the export's own SLA status column, \
             as the help desk computed it"
        );
    }
    if disagreements > 0 {
        definition = format!(
            "{definition}; the export's own SLA status disagrees on {} (listed as \
             problems)",
            format::count_of(disagreements, "ticket", "tickets")
        );
    }
    definition
}

/// One ticket that breached a target, for the breach list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Breach {
    pub file: String,
    pub line: u64,
    pub ticket_id: Option<String>,
    pub priority: Option<String>,
    pub target: SlaMetric,
    /// `None` where only the export's own status is known.
    pub target_secs: Option<f64>,
    /// Time taken, or waited so far while `open_now`.
    pub actual_secs: Option<f64>,
    /// True when the ticket is still waiting.
    pub open_now: bool,
    /// How far past the target, in seconds.
    pub over_secs: Option<f64>,
    /// e.g. `1 h 00 m`, or `—` when unknown.
    pub target_display: String,
    /// e.g. `1 h 30 m`, or `2 h 00 m (still waiting)`.
    pub actual_display: String,
    pub over_display: String,
}

/// Lists every breached target of `tickets`, furthest over first; breaches
/// known only from the export's own status come last.
pub fn breaches(tickets: &[&TicketFacts]) -> Vec<Breach> {
    let mut list = Vec::new();
    for ticket in tickets {
        for metric in [SlaMetric::FirstResponse, SlaMetric::Resolution] {
            let Ok(check) = ticket.sla(metric) else {
                continue;
            };
            if check.outcome != SlaOutcome::Breached {
                continue;
            }
            list.push(breach(ticket, metric, check));
        }
    }
    list.sort_by(|a, b| {
        let over = |breach: &Breach| breach.over_secs.unwrap_or(f64::NEG_INFINITY);
        over(b)
            .total_cmp(&over(a))
            .then_with(|| a.file.cmp(&b.file))
            .then_with(|| a.line.cmp(&b.line))
    });
    list
}

fn breach(ticket: &TicketFacts, metric: SlaMetric, check: SlaCheck) -> Breach {
    let over = match (check.elapsed_secs, check.target_secs) {
        (Some(actual), Some(target)) => Some(actual - target),
        _ => None,
    };
    let shown = |seconds: Option<f64>| seconds.map_or("—".to_string(), format::elapsed);
    let mut actual_display = shown(check.elapsed_secs);
    if check.waiting {
        actual_display = format!("{actual_display} (still waiting)");
    }
    Breach {
        file: ticket.file.to_string(),
        line: ticket.line,
        ticket_id: ticket.id.map(str::to_string),
        priority: ticket.dims.priority.clone(),
        target: metric,
        target_secs: check.target_secs,
        actual_secs: check.elapsed_secs,
        open_now: check.waiting,
        over_secs: over,
        target_display: shown(check.target_secs),
        actual_display,
        over_display: shown(over),
    }
}

/// A column of the SLA breach list to sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreachColumn {
    Ticket,
    Priority,
    Target,
    Actual,
    Over,
    Location,
}

impl BreachColumn {
    pub const ALL: [BreachColumn; 6] = [
        BreachColumn::Ticket,
        BreachColumn::Priority,
        BreachColumn::Target,
        BreachColumn::Actual,
        BreachColumn::Over,
        BreachColumn::Location,
    ];

    pub fn label(self) -> &'static str {
        match self {
            BreachColumn::Ticket => "Ticket",
            BreachColumn::Priority => "Priority",
            BreachColumn::Target => "Target",
            BreachColumn::Actual => "Actual",
            BreachColumn::Over => "Over by",
            BreachColumn::Location => "File:line",
        }
    }

    /// Returns the column's name in `data-testid` and `data-column` values.
    pub fn id(self) -> &'static str {
        match self {
            BreachColumn::Ticket => "ticket",
            BreachColumn::Priority => "priority",
            BreachColumn::Target => "target",
            BreachColumn::Actual => "actual",
            BreachColumn::Over => "over",
            BreachColumn::Location => "location",
        }
    }
}

/// Returns the indices of `breaches` ordered by `column`; missing values go last in
/// either direction, and ties keep the core's order (furthest over first).
pub fn sorted_breaches(breaches: &[Breach], column: BreachColumn, ascending: bool) -> Vec<usize> {
    fn by<T: Ord>(a: Option<T>, b: Option<T>, ascending: bool) -> Ordering {
        match (a, b) {
            (Some(x), Some(y)) if ascending => x.cmp(&y),
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    fn seconds(value: Option<f64>) -> Option<i64> {
        value.map(|seconds| seconds.round() as i64)
    }
    let mut order: Vec<usize> = (0..breaches.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&breaches[a], &breaches[b]);
        match column {
            BreachColumn::Ticket => by(x.ticket_id.as_deref(), y.ticket_id.as_deref(), ascending),
            BreachColumn::Priority => by(
                x.priority.as_deref().map(str::to_lowercase),
                y.priority.as_deref().map(str::to_lowercase),
                ascending,
            ),
            BreachColumn::Target => by(
                Some((x.target, seconds(x.target_secs))),
                Some((y.target, seconds(y.target_secs))),
                ascending,
            ),
            BreachColumn::Actual => by(seconds(x.actual_secs), seconds(y.actual_secs), ascending),
            BreachColumn::Over => by(seconds(x.over_secs), seconds(y.over_secs), ascending),
            BreachColumn::Location => by(
                Some((x.file.as_str(), x.line)),
                Some((y.file.as_str(), y.line)),
                ascending,
            ),
        }
    });
    order
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::core::business_hours::{Schedule, WorkInterval};

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn calendar(hours: f64) -> SlaTarget {
        SlaTarget {
            seconds: hours * 3600.0,
            clock: Clock::Calendar,
        }
    }

    const AS_OF: &str = "2024-05-10T12:00:00Z";

    #[test]
    fn answered_within_target_is_met() {
        // Created 08:00, answered 08:30, target 1 h.
        let end = SlaEnd::At(utc("2024-05-10T08:30:00Z"));

        let check = evaluate(
            calendar(1.0),
            utc("2024-05-10T08:00:00Z"),
            end,
            utc(AS_OF),
            None,
        );

        assert_eq!(check.unwrap().outcome, SlaOutcome::Met);
    }

    #[test]
    fn answered_late_is_breached() {
        // Created 09:00, answered 10:30: 90 min against 60.
        let end = SlaEnd::At(utc("2024-05-10T10:30:00Z"));

        let check = evaluate(
            calendar(1.0),
            utc("2024-05-10T09:00:00Z"),
            end,
            utc(AS_OF),
            None,
        )
        .unwrap();

        assert_eq!(check.outcome, SlaOutcome::Breached);
        assert_eq!(check.elapsed_secs, Some(5400.0));
        assert!(!check.waiting);
    }

    #[test]
    fn waiting_past_deadline_is_breached() {
        // Created 10:00, no reply at 12:00: 2 h waited against 1 h.
        let created = utc("2024-05-10T10:00:00Z");

        let check = evaluate(calendar(1.0), created, SlaEnd::Waiting, utc(AS_OF), None).unwrap();

        assert_eq!(check.outcome, SlaOutcome::Breached);
        assert_eq!(check.elapsed_secs, Some(7200.0));
        assert!(check.waiting);
    }

    #[test]
    fn waiting_within_target_is_pending() {
        // Created 09:00, no reply at 12:00: 3 h waited against 8 h.
        let created = utc("2024-05-10T09:00:00Z");

        let check = evaluate(calendar(8.0), created, SlaEnd::Waiting, utc(AS_OF), None).unwrap();

        assert_eq!(check.outcome, SlaOutcome::Pending);
    }

    #[test]
    fn business_target_skips_the_weekend() {
        // Friday 16:00 to Monday 10:00 UTC with 09:00–17:00 hours is 2
        // business hours: met against a 4 h business target, although 66
        // calendar hours passed.
        let office = Schedule::weekdays("Office", "UTC", &[WorkInterval::hours((9, 0), (17, 0))]);
        let (clock, _) = BusinessClock::new(&office);
        let target = SlaTarget {
            seconds: 4.0 * 3600.0,
            clock: Clock::Business,
        };
        let end = SlaEnd::At(utc("2024-06-10T10:00:00Z"));
        let created = utc("2024-06-07T16:00:00Z");

        let check = evaluate(target, created, end, utc(AS_OF), Some(&clock)).unwrap();
        let without_schedule = evaluate(target, created, end, utc(AS_OF), None);

        assert_eq!(check.outcome, SlaOutcome::Met);
        assert_eq!(check.elapsed_secs, Some(7200.0));
        assert_eq!(without_schedule, Err(Skip::NoSchedule));
    }

    #[test]
    fn rule_matches_priority_without_case() {
        let policy = SlaPolicy {
            rules: vec![
                SlaRule {
                    priority: Some("Urgent".to_string()),
                    first_response: Some(calendar(1.0)),
                    resolution: None,
                },
                SlaRule {
                    priority: None,
                    first_response: Some(calendar(8.0)),
                    resolution: None,
                },
            ],
        };

        let urgent = policy.rule_for(Some(" urgent "));
        let other = policy.rule_for(Some("low"));
        let none = policy.rule_for(None);

        assert_eq!(urgent.unwrap().first_response, Some(calendar(1.0)));
        assert_eq!(other.unwrap().first_response, Some(calendar(8.0)));
        assert_eq!(none.unwrap().first_response, Some(calendar(8.0)));
        assert!(!policy.covers(SlaMetric::Resolution));
    }
}

/// SLA figures of whole reports, from the worked cases and hand-built
/// tickets.
#[cfg(test)]
mod report_tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::core::columns::Role;
    use crate::core::load::{load_file, LoadedFile};
    use crate::core::model::{Dimension, Dims, Ticket, TicketState};
    use crate::core::problem::Severity;
    use crate::core::report::testing::{at, column, figure, left_out, settings};
    use crate::core::report::{build, Report};
    use crate::core::settings::{ReadOptions, Settings};

    fn calendar_hours(hours: f64) -> Option<SlaTarget> {
        Some(SlaTarget {
            seconds: hours * 3600.0,
            clock: Clock::Calendar,
        })
    }

    fn first_response_rule(priority: &str, hours: f64) -> SlaRule {
        SlaRule {
            priority: Some(priority.to_string()),
            first_response: calendar_hours(hours),
            resolution: None,
        }
    }

    /// The SLA case's file and settings: urgent 1 h and normal 8 h
    /// first-reply targets in calendar time, as of 2024-05-10 12:00 UTC.
    fn case_14() -> Report {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/cases/14-sla-attainment-open-tickets.csv"
        );
        let bytes = std::fs::read(path).unwrap();
        let file = load_file("14.csv", &bytes, ReadOptions::default());
        let mut settings =
            Settings::new("UTC", Utc.with_ymd_and_hms(2024, 5, 10, 12, 0, 0).unwrap());
        settings.sla = SlaPolicy {
            rules: vec![
                first_response_rule("urgent", 1.0),
                first_response_rule("normal", 8.0),
            ],
        };
        build(&[file], &settings)
    }

    #[test]
    fn case_14_attainment_counts_open_past_deadline() {
        // Met: T-1401 (30 min of 1 h) and T-1405 (7 h of 8 h). Breached:
        // T-1402 (90 min), T-1403 (no reply, 2 h waited of 1 h) and T-1406
        // (23 h). Pending: T-1404 (3 h waited of 8 h). 2 / 5 = 40.0 %.
        let report = case_14();

        let sla = figure(&report, Kpi::SlaFirstResponse);
        assert_eq!(sla.value, Some(40.0));
        assert_eq!(sla.display, "40.0 %");
        assert_eq!(sla.n, 5);
        assert_eq!(left_out(sla, "pending: still within target"), 1);
        assert_eq!(sla.detail, Detail::Share { part: 2, whole: 5 });
        assert!(sla.definition.contains("urgent 1 h 00 m (calendar)"));
    }

    #[test]
    fn case_14_attainment_by_priority() {
        // Urgent: T-1401 met, T-1402 and T-1403 breached: 1 / 3 = 33.3 %.
        // Normal: T-1405 met, T-1406 breached, T-1404 pending: 1 / 2.
        let report = case_14();

        let by_priority = report
            .breakdowns
            .iter()
            .find(|b| b.dimension == Dimension::Priority)
            .unwrap();
        let cell = |label: &str| {
            let row = by_priority.rows.iter().find(|r| r.label == label).unwrap();
            let kpi = Kpi::SlaFirstResponse;
            row.figures.iter().find(|f| f.kpi == kpi).unwrap().clone()
        };
        assert_eq!(cell("urgent").display, "33.3 %");
        assert_eq!(cell("normal").value, Some(50.0));
    }

    #[test]
    fn case_14_breach_list_furthest_over_first() {
        // T-1406: 23 h against 8 h, 15 h over. T-1403: 2 h waited against
        // 1 h, 1 h over and still waiting. T-1402: 90 min against 60, 30
        // min over.
        let report = case_14();

        let ids: Vec<&str> = report
            .breaches
            .iter()
            .map(|b| b.ticket_id.as_deref().unwrap())
            .collect();
        assert_eq!(ids, ["T-1406", "T-1403", "T-1402"]);
        assert_eq!(report.breaches[0].over_secs, Some(15.0 * 3600.0));
        assert_eq!(report.breaches[0].over_display, "15 h 00 m");
        assert!(report.breaches[1].open_now);
        assert_eq!(
            report.breaches[1].actual_display,
            "2 h 00 m (still waiting)"
        );
        assert_eq!(report.breaches[2].line, 3);
        assert_eq!(report.breaches[2].target, SlaMetric::FirstResponse);
    }

    #[test]
    fn case_14_resolution_without_targets_has_no_data() {
        // The policy sets first-reply targets only, and the file has no
        // SLA status column. The reason once read "no SLA policy set",
        // although a policy was set.
        let report = case_14();

        let sla = figure(&report, Kpi::SlaResolution);
        assert_eq!(sla.value, None);
        assert_eq!(left_out(sla, "no SLA target for its priority"), 6);
        assert_eq!(
            left_out(sla, "no SLA policy set and no SLA status in the export"),
            0
        );
    }

    fn export_file(tickets: Vec<Ticket>) -> LoadedFile {
        LoadedFile {
            name: "export.csv".to_string(),
            columns: vec![
                column(Role::Created, 0, "Created"),
                column(Role::FirstResponseAt, 1, "First reply"),
                column(Role::Status, 2, "Status"),
                column(Role::FirstResponseSla, 3, "First response status"),
                column(Role::ResolutionSla, 4, "Resolution status"),
            ],
            tickets,
            ..LoadedFile::default()
        }
    }

    #[test]
    fn export_status_used_without_policy() {
        // Resolution status: within, violated, active. Met 1, breached 1,
        // pending 1: 1 / 2 = 50.0 %, labelled as the export's own.
        let ticket = |status| Ticket {
            created: at("2024-05-01T09:00:00Z"),
            state: TicketState::Resolved,
            sla_resolution: Some(status),
            ..Ticket::default()
        };
        let file = export_file(vec![
            ticket(SlaOutcome::Met),
            ticket(SlaOutcome::Breached),
            ticket(SlaOutcome::Pending),
        ]);

        let report = build(&[file], &settings());

        let sla = figure(&report, Kpi::SlaResolution);
        assert_eq!(sla.value, Some(50.0));
        assert_eq!(left_out(sla, "pending: still within target"), 1);
        assert!(sla
            .definition
            .contains("2 from the export's own SLA status"));
    }

    #[test]
    fn export_status_disagreeing_with_policy_is_flagged() {
        // Replied after 2 h against a 1 h target: breached by the policy,
        // while the export's status is met. A second ticket replied after 30
        // min agrees (met both ways).
        let ticket = |line, reply: &str| Ticket {
            line,
            created: at("2024-05-01T09:00:00Z"),
            first_response_at: at(reply),
            state: TicketState::Resolved,
            sla_first_response: Some(SlaOutcome::Met),
            dims: Dims {
                priority: Some("High".to_string()),
                ..Dims::default()
            },
            ..Ticket::default()
        };
        let file = export_file(vec![
            ticket(7, "2024-05-01T11:00:00Z"),
            ticket(8, "2024-05-01T09:30:00Z"),
        ]);
        let mut settings = settings();
        settings.sla = SlaPolicy {
            rules: vec![first_response_rule("high", 1.0)],
        };

        let report = build(&[file], &settings);

        let sla = figure(&report, Kpi::SlaFirstResponse);
        assert_eq!(sla.value, Some(50.0));
        // One ticket: singular, where it used to read "1 tickets".
        assert!(sla.definition.contains("disagrees on 1 ticket (listed"));
        let warnings: Vec<_> = report
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .collect();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].location.line, Some(7));
        assert_eq!(
            warnings[0].location.column.as_deref(),
            Some("First response status")
        );
        let text = warnings[0].to_string();
        assert!(text.contains("met"), "{text}");
        assert!(text.contains("breached"), "{text}");
    }

    #[test]
    fn business_target_at_report_level() {
        // Created Friday 16:00, replied Monday 10:00 UTC; schedule
        // Mon–Fri 09:00–17:00 UTC: 2 business hours, met against 4 h
        // business, although 66 calendar hours passed.
        let ticket = Ticket {
            created: at("2024-06-07T16:00:00Z"),
            first_response_at: at("2024-06-10T10:00:00Z"),
            state: TicketState::Resolved,
            ..Ticket::default()
        };
        let file = LoadedFile {
            tickets: vec![ticket],
            ..LoadedFile::default()
        };
        let mut settings = settings();
        settings.schedules = vec![crate::core::business_hours::Schedule::weekdays(
            "Office",
            "UTC",
            &[crate::core::business_hours::WorkInterval::hours(
                (9, 0),
                (17, 0),
            )],
        )];
        settings.sla = SlaPolicy {
            rules: vec![SlaRule {
                priority: None,
                first_response: Some(SlaTarget {
                    seconds: 4.0 * 3600.0,
                    clock: Clock::Business,
                }),
                resolution: None,
            }],
        };

        let report = build(&[file], &settings);

        let sla = figure(&report, Kpi::SlaFirstResponse);
        assert_eq!(sla.value, Some(100.0));
        assert!(sla
            .definition
            .contains("business hours (Mon–Fri 09:00–17:00, UTC, no holidays)"));
        assert!(report.breaches.is_empty());
    }

    #[test]
    fn export_status_labels_of_each_help_desk() {
        let style = NumberStyle::DecimalPoint;
        let cases = [
            ("true", Some(SlaOutcome::Met)),
            ("false", Some(SlaOutcome::Breached)),
            ("Within SLA", Some(SlaOutcome::Met)),
            ("SLA Violated", Some(SlaOutcome::Breached)),
            ("SLA completed on time", Some(SlaOutcome::Met)),
            ("SLA completed late", Some(SlaOutcome::Breached)),
            ("Overdue", Some(SlaOutcome::Breached)),
            ("Due soon", Some(SlaOutcome::Pending)),
            ("-15", Some(SlaOutcome::Breached)),
            ("0", Some(SlaOutcome::Met)),
            ("42", Some(SlaOutcome::Met)),
            ("soon-ish", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_status(text, style), expected, "{text}");
        }
    }

    fn load(text: &str) -> LoadedFile {
        load_file("export.csv", text.as_bytes(), ReadOptions::default())
    }

    fn statuses(file: &LoadedFile) -> Vec<(Option<SlaOutcome>, Option<SlaOutcome>)> {
        file.tickets
            .iter()
            .map(|t| (t.sla_first_response, t.sla_resolution))
            .collect()
    }

    #[test]
    fn freshdesk_sla_columns_load() {
        // Line 4 has a status no help desk writes: reported, left out.
        let file = load(
            "Ticket ID,Created time,Status,First response status,Resolution status\n\
             1,2024-05-01 09:00,Closed,Within SLA,SLA Violated\n\
             2,2024-05-01 10:00,Closed,SLA Violated,Within SLA\n\
             3,2024-05-01 11:00,Closed,maybe,Within SLA\n",
        );

        let met = Some(SlaOutcome::Met);
        let breached = Some(SlaOutcome::Breached);
        assert_eq!(
            statuses(&file),
            [(met, breached), (breached, met), (None, met)]
        );
        assert_eq!(file.problems.len(), 1);
        assert_eq!(file.problems[0].location.line, Some(4));
    }

    #[test]
    fn servicenow_made_sla_and_duplicate_close_code() {
        // INC2 was closed as a duplicate, so it is merged and left out.
        let file = load(
            "number,opened_at,incident_state,made_sla,closed_code\n\
             INC1,2024-05-01 09:00:00,Closed,true,Solved (Permanently)\n\
             INC2,2024-05-01 09:30:00,Closed,false,Duplicate\n",
        );

        assert_eq!(file.tickets[0].sla_resolution, Some(SlaOutcome::Met));
        assert_eq!(file.tickets[0].state, TicketState::Closed);
        assert_eq!(file.tickets[1].state, TicketState::Merged);
        let report = build(&[file], &settings());
        let created = figure(&report, Kpi::Created);
        assert_eq!(created.value, Some(1.0));
        assert_eq!(left_out(created, "merged"), 1);
        // Only INC1 counts: met by the export's own flag.
        assert_eq!(figure(&report, Kpi::SlaResolution).value, Some(100.0));
    }

    #[test]
    fn zendesk_merge_tag_marks_ticket_merged() {
        let file = load(
            "Id,Created at,Status,Tags\n\
             1,2024-05-01 09:00,Closed,vip closed_by_merge\n\
             2,2024-05-01 09:00,Closed,vip\n",
        );

        assert_eq!(file.tickets[0].state, TicketState::Merged);
        assert_eq!(file.tickets[1].state, TicketState::Closed);
    }

    #[test]
    fn zammad_minutes_left_and_hubspot_labels_load() {
        // Zammad: 15 minutes past the target is breached, 30 left is met.
        let zammad = load(
            "number,created_at,state,first_response_diff_in_min,close_diff_in_min\n\
             1,2024-05-01 09:00,closed,-15,30\n",
        );
        let hubspot = load(
            "Ticket ID,Create date,Ticket status,Time to First Response SLA Status\n\
             1,2024-05-01 09:00,Closed,SLA completed late\n",
        );

        let met = Some(SlaOutcome::Met);
        let breached = Some(SlaOutcome::Breached);
        assert_eq!(statuses(&zammad), [(breached, met)]);
        assert_eq!(statuses(&hubspot), [(breached, None)]);
    }

    #[test]
    fn servicenow_log_export_attainment() {
        // The loader keeps the last row of each of the 890 incidents.
        // python3 -c "import csv;l={r['number']:r for r in
        // csv.DictReader(open('uci_incident_event_log_sample.csv'))};
        // print(sum(r['made_sla']=='TRUE' for r in l.values()))"
        // prints 495, and the other 395 are FALSE: 495 / 890 = 55.6 %.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/real/uci_incident_event_log_sample.csv"
        );
        let bytes = std::fs::read(path).unwrap();
        let file = load_file("uci.csv", &bytes, ReadOptions::default());

        let report = build(&[file], &settings());

        let sla = figure(&report, Kpi::SlaResolution);
        assert_eq!(sla.n, 890);
        assert_eq!(
            sla.detail,
            Detail::Share {
                part: 495,
                whole: 890
            }
        );
        assert_eq!(sla.display, "55.6 %");
        assert!(sla
            .definition
            .contains("890 from the export's own SLA status"));
        assert_eq!(report.breaches.len(), 395);
    }

    fn breach(ticket: &str, over_minutes: Option<f64>, line: u64) -> Breach {
        Breach {
            file: "tickets.csv".to_string(),
            line,
            ticket_id: Some(ticket.to_string()),
            priority: Some("urgent".to_string()),
            target: SlaMetric::FirstResponse,
            target_secs: Some(3600.0),
            actual_secs: over_minutes.map(|minutes| 3600.0 + minutes * 60.0),
            open_now: false,
            over_secs: over_minutes.map(|minutes| minutes * 60.0),
            target_display: "1 h 00 m".to_string(),
            actual_display: String::new(),
            over_display: String::new(),
        }
    }

    #[test]
    fn breaches_sort_by_over_with_unknown_last() {
        // Over by 30, 900 and unknown minutes on lines 2, 3 and 4.
        let list = [
            breach("T-1", Some(30.0), 2),
            breach("T-2", Some(900.0), 3),
            breach("T-3", None, 4),
        ];

        assert_eq!(sorted_breaches(&list, BreachColumn::Over, true), [0, 1, 2]);
        assert_eq!(sorted_breaches(&list, BreachColumn::Over, false), [1, 0, 2]);
        assert_eq!(
            sorted_breaches(&list, BreachColumn::Location, false),
            [2, 1, 0]
        );
        assert_eq!(
            sorted_breaches(&list, BreachColumn::Ticket, true),
            [0, 1, 2]
        );
    }
}
