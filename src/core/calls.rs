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
