//! Call KPIs: average handle time, and first contact resolution over
//! tickets and calls together.
//!
//! [`CallFacts::read`] measures each call's handle time once per report;
//! the figure functions only count and average.

use crate::core::columns::Role;
use crate::core::format;
use crate::core::model::{Call, Dims};
use crate::core::problem::{Problem, ProblemKind};
use crate::core::report::{Context, Detail, Figure, Kpi, ProblemLog, Skip, Tally};
use crate::core::settings::{FcrDefinition, Settings};
use crate::core::stats;
use crate::core::tickets::{FcrSource, TicketFacts};
use crate::core::zone::{FieldReader, Time};

/// A call as the figures use it.
#[derive(Clone, Debug)]
pub struct CallFacts<'a> {
    pub dims: &'a Dims,
    pub started: Time,
    /// Talk + hold + after-call work in seconds, else the export's own
    /// handle time.
    pub handle: Result<f64, Skip>,
    /// Resolved on this call, under the settings' FCR rule.
    pub first_contact: Result<bool, Skip>,
}

impl<'a> CallFacts<'a> {
    /// Reads the start time and measures the handle time, logging negative
    /// durations.
    pub fn read(
        call: &'a Call,
        reader: &FieldReader,
        settings: &Settings,
        log: &mut ProblemLog,
    ) -> CallFacts<'a> {
        let role = if reader.has_role(Role::CallStart) {
            Role::CallStart
        } else {
            Role::CallDate
        };
        let started = reader.read(call.started, call.line, role, log);
        let unanswered = call.answered == Some(false);

        let handle = if unanswered {
            Err(Skip::Unanswered)
        } else {
            handle_seconds(call, reader, log)
        };
        let first_contact = if unanswered {
            Err(Skip::Unanswered)
        } else {
            match settings.fcr {
                FcrDefinition::OneTouch => Err(Skip::TicketsOnly),
                FcrDefinition::ExplicitFlag | FcrDefinition::Auto => {
                    call.resolved.ok_or(Skip::NoFlag)
                }
            }
        };

        CallFacts {
            dims: &call.dims,
            started,
            handle,
            first_contact,
        }
    }
}

/// Talk + hold + after-call work, with empty hold and wrap-up cells as 0;
/// else the export's own handle time.
fn handle_seconds(call: &Call, reader: &FieldReader, log: &mut ProblemLog) -> Result<f64, Skip> {
    let (seconds, role) = match (call.talk_secs, call.handle_secs) {
        (Some(talk), _) => {
            let total = talk + call.hold_secs.unwrap_or(0.0) + call.wrap_secs.unwrap_or(0.0);
            (total, Role::TalkTime)
        }
        (None, Some(handle)) => (handle, Role::HandleTime),
        (None, None) => return Err(Skip::NoHandleTime),
    };
    if !seconds.is_finite() || seconds < 0.0 {
        log.push(Problem::error(
            reader.location(call.line, role),
            ProblemKind::Other {
                value: format!("{seconds} s"),
                message: "a negative handle time; left out".to_string(),
            },
        ));
        return Err(Skip::NegativeDuration);
    }
    Ok(seconds)
}

/// Average handle time: (talk + hold + after-call work) ÷ handled calls,
/// in seconds, shown as `H:MM:SS`.
///
/// A call is handled when it is not marked unanswered and has a talk time
/// (or the export's own handle time). Empty hold and wrap-up cells count
/// as 0. Unanswered calls and calls without a usable talk time are left
/// out with the reason. Detail: median, mean and 90th percentile. No
/// handled call gives no data (n = 0).
///
/// ```
/// # use service_kpis::core::report::{build, Kpi};
/// # use service_kpis::core::load::LoadedFile;
/// # use service_kpis::core::model::Call;
/// # use service_kpis::core::settings::Settings;
/// # use chrono::{TimeZone, Utc};
/// let talk = |secs| Call { talk_secs: Some(secs), ..Default::default() };
/// let file = LoadedFile { calls: vec![talk(100.0), talk(118.0)], ..Default::default() };
/// let settings = Settings::new("UTC", Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap());
/// let report = build(&[file], &settings);
/// // (100 + 118) / 2 = 109 s.
/// assert_eq!(report.figure(Kpi::HandleTime).unwrap().display, "0:01:49");
/// ```
pub fn handle_time(calls: &[&CallFacts], context: &Context) -> Figure {
    let mut tally = Tally::default();
    let mut values = Vec::with_capacity(calls.len());
    for call in calls {
        match call.handle {
            Ok(seconds) => values.push(seconds),
            Err(skip) => tally.add(skip),
        }
    }

    let parts = if context.any_hold_or_wrap {
        "(talk + hold + after-call work)"
    } else {
        "talk time only"
    };
    let definition = format!("{parts} ÷ handled calls, mean");
    let zone = context.zone.name();
    let Some(summary) = stats::summarize(&mut values) else {
        return Figure::no_data(Kpi::HandleTime, definition, tally.left_out(zone));
    };
    let detail = Detail::Durations {
        median: summary.median,
        mean: summary.mean,
        p90: summary.p90,
    };
    let n = values.len();
    let left_out = tally.left_out(zone);
    let mut figure = Figure::with_value(
        Kpi::HandleTime,
        summary.mean,
        n,
        definition,
        left_out,
        detail,
    );
    if figure.value.is_some() {
        figure.display = format::clock(summary.mean);
    }
    figure
}

/// First contact resolution: contacts resolved on first contact ÷
/// resolved contacts × 100, in percent, over tickets and calls.
///
/// The rule comes from `settings.fcr`: the export's explicit flag
/// (tickets' one-touch flag; for calls, answered calls with a resolved
/// flag), one-touch (resolved tickets with at most one agent reply and no
/// reopen), or the flag where there is one and one-touch elsewhere. The
/// definition names the rule and how many tickets and calls count. No
/// usable record gives no data (n = 0) with the main reason.
pub fn first_contact_resolution(
    tickets: &[&TicketFacts],
    calls: &[&CallFacts],
    context: &Context,
) -> Figure {
    let mut tally = Tally::default();
    let (mut resolved_first, mut ticket_count, mut call_count) = (0, 0, 0);
    let (mut flagged, mut one_touch, mut reopens_unknown) = (0, 0, 0);
    for ticket in tickets {
        match ticket.first_contact {
            Ok((first, source)) => {
                ticket_count += 1;
                resolved_first += usize::from(first);
                match source {
                    FcrSource::Flag => flagged += 1,
                    FcrSource::OneTouch { reopens_known } => {
                        one_touch += 1;
                        reopens_unknown += usize::from(!reopens_known);
                    }
                }
            }
            Err(skip) => tally.add(skip),
        }
    }
    for call in calls {
        match call.first_contact {
            Ok(first) => {
                call_count += 1;
                resolved_first += usize::from(first);
            }
            Err(skip) => tally.add(skip),
        }
    }

    let rule = match context.settings.fcr {
        FcrDefinition::ExplicitFlag => "the export's first-contact flag".to_string(),
        FcrDefinition::OneTouch => {
            "one-touch: resolved with at most one agent reply and no reopen".to_string()
        }
        FcrDefinition::Auto => format!(
            "the export's flag where there is one ({flagged} tickets), else one-touch: \
             at most one agent reply and no reopen ({one_touch} tickets)"
        ),
    };
    let mut definition = format!(
        "resolved on first contact ÷ resolved contacts × 100; rule: {rule}; \
         sources: {ticket_count} tickets, {call_count} calls"
    );
    if reopens_unknown > 0 {
        definition.push_str(&format!(
            "; reopens not in export for {reopens_unknown} tickets, counted as none"
        ));
    }

    let zone = context.zone.name();
    let whole = ticket_count + call_count;
    if whole == 0 {
        if let Some(reason) = tally.main_reason(zone) {
            definition = format!("{definition}; cannot be computed: {reason}");
        }
        return Figure::no_data(
            Kpi::FirstContactResolution,
            definition,
            tally.left_out(zone),
        );
    }
    let value = resolved_first as f64 / whole as f64 * 100.0;
    let detail = Detail::Share {
        part: resolved_first,
        whole,
    };
    let left_out = tally.left_out(zone);
    Figure::with_value(
        Kpi::FirstContactResolution,
        value,
        whole,
        definition,
        left_out,
        detail,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::load::LoadedFile;
    use crate::core::model::{Ticket, TicketState};
    use crate::core::report::testing::{column, figure, left_out, settings};
    use crate::core::report::{build, Report};

    fn report_of(files: Vec<LoadedFile>, rule: FcrDefinition) -> Report {
        let mut settings = settings();
        settings.fcr = rule;
        build(&files, &settings)
    }

    fn calls_file(calls: Vec<Call>, with_hold: bool) -> LoadedFile {
        let mut columns = vec![column(Role::TalkTime, 0, "Talk")];
        if with_hold {
            columns.push(column(Role::HoldTime, 1, "Hold"));
        }
        LoadedFile {
            name: "calls.csv".to_string(),
            columns,
            calls,
            ..LoadedFile::default()
        }
    }

    fn tickets_file(tickets: Vec<Ticket>) -> LoadedFile {
        LoadedFile {
            tickets,
            ..LoadedFile::default()
        }
    }

    #[test]
    fn handle_time_leaves_out_unanswered_calls() {
        // 100 s and 300 s handled; an abandoned call is not a 0.
        let calls = vec![
            Call {
                talk_secs: Some(100.0),
                ..Call::default()
            },
            Call {
                talk_secs: Some(300.0),
                ..Call::default()
            },
            Call {
                answered: Some(false),
                ..Call::default()
            },
        ];

        let report = report_of(vec![calls_file(calls, false)], FcrDefinition::Auto);

        let aht = figure(&report, Kpi::HandleTime);
        assert_eq!(aht.value, Some(200.0));
        assert_eq!(aht.display, "0:03:20");
        assert_eq!(left_out(aht, "unanswered"), 1);
        assert!(aht.definition.starts_with("talk time only"));
    }

    #[test]
    fn handle_time_uses_export_handle_time() {
        // No talk time, but the export's own handle time of 1 h 1 min.
        let calls = vec![Call {
            handle_secs: Some(3660.0),
            ..Call::default()
        }];

        let report = report_of(vec![calls_file(calls, true)], FcrDefinition::Auto);

        assert_eq!(figure(&report, Kpi::HandleTime).display, "1:01:00");
    }

    #[test]
    fn handle_time_of_no_calls_is_no_data() {
        let report = report_of(vec![calls_file(Vec::new(), true)], FcrDefinition::Auto);

        assert_eq!(figure(&report, Kpi::HandleTime).display, "no data (n = 0)");
    }

    fn resolved_ticket(replies: Option<u32>, reopens: Option<u32>, flag: Option<bool>) -> Ticket {
        Ticket {
            state: TicketState::Resolved,
            replies,
            reopens,
            one_touch: flag,
            ..Ticket::default()
        }
    }

    #[test]
    fn fcr_one_touch_counts_replies_and_reopens() {
        // 1 reply: one-touch; 2 replies: not; 1 reply but reopened: not;
        // an open ticket is not resolved. 1 / 3.
        let tickets = vec![
            resolved_ticket(Some(1), Some(0), None),
            resolved_ticket(Some(2), Some(0), None),
            resolved_ticket(Some(1), Some(1), None),
            Ticket {
                state: TicketState::Open,
                replies: Some(1),
                ..Ticket::default()
            },
        ];

        let report = report_of(vec![tickets_file(tickets)], FcrDefinition::OneTouch);

        let fcr = figure(&report, Kpi::FirstContactResolution);
        assert!((fcr.value.unwrap() - 100.0 / 3.0).abs() < 1e-9);
        assert_eq!(fcr.detail, Detail::Share { part: 1, whole: 3 });
        assert_eq!(left_out(fcr, "not resolved"), 1);
    }

    #[test]
    fn fcr_one_touch_says_reopens_missing() {
        let tickets = vec![resolved_ticket(Some(0), None, None)];

        let report = report_of(vec![tickets_file(tickets)], FcrDefinition::OneTouch);

        let fcr = figure(&report, Kpi::FirstContactResolution);
        assert_eq!(fcr.value, Some(100.0));
        assert!(
            fcr.definition.contains("reopens not in export"),
            "{}",
            fcr.definition
        );
    }

    #[test]
    fn fcr_explicit_flag_over_tickets_and_calls() {
        // Tickets: flags yes, no. Calls: answered resolved yes, answered
        // no flag (left out), abandoned (left out). 2 / 3.
        let tickets = vec![
            resolved_ticket(None, None, Some(true)),
            resolved_ticket(None, None, Some(false)),
        ];
        let calls = vec![
            Call {
                resolved: Some(true),
                ..Call::default()
            },
            Call::default(),
            Call {
                answered: Some(false),
                resolved: Some(true),
                ..Call::default()
            },
        ];

        let files = vec![tickets_file(tickets), calls_file(calls, false)];
        let report = report_of(files, FcrDefinition::ExplicitFlag);

        let fcr = figure(&report, Kpi::FirstContactResolution);
        assert!((fcr.value.unwrap() - 200.0 / 3.0).abs() < 1e-9);
        assert!(fcr.definition.contains("sources: 2 tickets, 1 calls"));
        assert_eq!(left_out(fcr, "no first-contact flag"), 1);
        assert_eq!(left_out(fcr, "unanswered"), 1);
    }

    #[test]
    fn fcr_auto_prefers_flag_then_one_touch() {
        // Flag false despite 1 reply; no flag and 1 reply: one-touch. 1 / 2.
        let tickets = vec![
            resolved_ticket(Some(1), Some(0), Some(false)),
            resolved_ticket(Some(1), Some(0), None),
        ];

        let report = report_of(vec![tickets_file(tickets)], FcrDefinition::Auto);

        let fcr = figure(&report, Kpi::FirstContactResolution);
        assert_eq!(fcr.value, Some(50.0));
        assert!(fcr.definition.contains("(1 tickets), else one-touch"));
    }

    #[test]
    fn fcr_without_usable_data_says_why() {
        // A resolved ticket with neither a flag nor a reply count.
        let tickets = vec![resolved_ticket(None, None, None)];

        let report = report_of(vec![tickets_file(tickets)], FcrDefinition::ExplicitFlag);

        let fcr = figure(&report, Kpi::FirstContactResolution);
        assert_eq!(fcr.display, "no data (n = 0)");
        assert!(fcr
            .definition
            .contains("cannot be computed: no first-contact flag"));
    }

    #[test]
    fn fcr_auto_without_flag_or_replies_says_why() {
        // Auto falls back to one-touch, which needs a reply count.
        let tickets = vec![resolved_ticket(None, None, None)];

        let report = report_of(vec![tickets_file(tickets)], FcrDefinition::Auto);

        let fcr = figure(&report, Kpi::FirstContactResolution);
        assert_eq!(fcr.value, None);
        assert_eq!(
            left_out(fcr, "no first-contact flag or agent reply count"),
            1
        );
    }
}
