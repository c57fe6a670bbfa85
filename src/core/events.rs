//! Event logs: several rows per ticket as it changes state, rebuilt into
//! one [`Ticket`] per case.
//!
//! Each activity name is read for its meaning to the KPIs, loosely (case,
//! spaces and punctuation ignored):
//!
//! | activity (examples) | meaning |
//! |---|---|
//! | created, new, opened, insert ticket | created |
//! | take in charge ticket, assigned, responded, replied | first response |
//! | wait, pending, on hold, awaiting customer | waiting (still open) |
//! | resolve ticket, resolved, solved, fixed | resolved |
//! | reopen, reopened | reopened |
//! | closed, close ticket, cancelled | closed |
//!
//! Any other activity (`Assign seriousness`, `Require upgrade`) is work on
//! an open ticket and changes nothing; the loader lists those names in a
//! note. A case without a creation event is created at its first event.
//! A resolution while the ticket is already resolved counts as a reopen,
//! because the ticket must have been reopened in between. Waiting is not a
//! reopen: in help-desk logs it follows taking a ticket in charge, not its
//! resolution.
//!
//! This module does not read cells; the loader builds the [`Event`]s and
//! drops exact duplicate rows before they arrive here.

use std::collections::HashMap;

use crate::core::columns;
use crate::core::model::{Dims, Stamp, Ticket, TicketState};

/// One row of an event log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Event {
    pub line: u64,
    pub case_id: Option<String>,
    /// The activity as written.
    pub activity: Option<String>,
    pub at: Option<Stamp>,
    /// The ticket's status after the event, where the log has a status
    /// column, as written and as read.
    pub status: Option<(String, TicketState)>,
    pub dims: Dims,
}

/// The meaning of an activity for a ticket's KPIs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Meaning {
    Created,
    FirstResponse,
    Waiting,
    Resolved,
    Reopened,
    Closed,
    /// Work that changes neither the state nor a KPI time.
    Other,
}

impl Meaning {
    pub fn label(self) -> &'static str {
        match self {
            Meaning::Created => "created",
            Meaning::FirstResponse => "first response",
            Meaning::Waiting => "waiting (still open)",
            Meaning::Resolved => "resolved",
            Meaning::Reopened => "reopened",
            Meaning::Closed => "closed",
            Meaning::Other => "no meaning for the KPIs",
        }
    }
}

/// Reads an activity name for its meaning, by whole folded names.
///
/// ```
/// use service_kpis::core::events::{meaning, Meaning};
/// assert_eq!(meaning("Resolve ticket"), Meaning::Resolved);
/// assert_eq!(meaning("Take in charge ticket"), Meaning::FirstResponse);
/// assert_eq!(meaning("Assign seriousness"), Meaning::Other);
/// ```
pub fn meaning(activity: &str) -> Meaning {
    let folded = columns::match_text(activity);
    let name = folded.as_str();
    let created = [
        "created",
        "create",
        "create ticket",
        "ticket created",
        "case created",
        "new",
        "new ticket",
        "opened",
        "open",
        "insert ticket",
        "submitted",
        "submit ticket",
    ];
    let response = [
        "take in charge ticket",
        "take in charge",
        "assigned",
        "assign",
        "assign ticket",
        "ticket assigned",
        "responded",
        "response",
        "first response",
        "replied",
        "reply",
        "agent replied",
        "in progress",
        "accepted",
    ];
    let waiting = [
        "wait",
        "waiting",
        "pending",
        "on hold",
        "hold",
        "awaiting customer",
        "awaiting user info",
    ];
    let resolved = [
        "resolve",
        "resolved",
        "resolve ticket",
        "ticket resolved",
        "solve",
        "solved",
        "ticket solved",
        "fixed",
    ];
    let reopened = [
        "reopen",
        "reopened",
        "re open",
        "re opened",
        "reopen ticket",
    ];
    let closed = [
        "close",
        "closed",
        "close ticket",
        "ticket closed",
        "cancelled",
        "canceled",
    ];
    let table: [(&[&str], Meaning); 6] = [
        (&created, Meaning::Created),
        (&response, Meaning::FirstResponse),
        (&waiting, Meaning::Waiting),
        (&resolved, Meaning::Resolved),
        (&reopened, Meaning::Reopened),
        (&closed, Meaning::Closed),
    ];
    table
        .iter()
        .find(|(names, _)| names.contains(&name))
        .map_or(Meaning::Other, |(_, meaning)| *meaning)
}

/// Rebuilds one ticket per case, in the order cases first appear.
///
/// Within a case, events run in time order (file order for equal times;
/// events without a time are skipped). The ticket takes:
/// - created: the first creation event, else the first event;
/// - first response: the first first-response event;
/// - first resolved: the first resolution;
/// - resolved: the last resolution, only while resolved or closed now;
/// - closed: the last closing, only while closed now;
/// - reopens: reopen events after a resolution or closing, and
///   resolutions of a ticket already resolved;
/// - state: from the last status cell the loader could read, else from
///   the last event that changes it (open until then);
/// - status: the last status cell, else the last activity's name, for
///   the backlog by status;
/// - dims: the last value of each, with the agent of the first response,
///   else of the first resolution, else the last one named.
pub fn tickets(events: &[Event]) -> Vec<Ticket> {
    let mut order: Vec<Vec<&Event>> = Vec::new();
    let mut by_case: HashMap<&str, usize> = HashMap::new();
    for event in events {
        let (Some(case), Some(_)) = (event.case_id.as_deref(), event.at) else {
            continue;
        };
        let slot = *by_case.entry(case).or_insert_with(|| {
            order.push(Vec::new());
            order.len() - 1
        });
        if let Some(case_events) = order.get_mut(slot) {
            case_events.push(event);
        }
    }
    order
        .into_iter()
        .map(|mut case_events| {
            // A stable sort keeps file order between events at one time.
            case_events.sort_by_key(|event| event.at);
            ticket(&case_events)
        })
        .collect()
}

fn ticket(events: &[&Event]) -> Ticket {
    let mut ticket = Ticket {
        line: events.first().map_or(0, |e| e.line),
        id: events.first().and_then(|e| e.case_id.clone()),
        state: TicketState::Open,
        ..Ticket::default()
    };
    let mut created = None;
    let mut reopens = 0u32;
    let mut last_resolved = None;
    let mut responder = None;
    let mut resolver = None;
    for event in events {
        let meaning = event.activity.as_deref().map_or(Meaning::Other, meaning);
        let at = event.at;
        match meaning {
            Meaning::Created => created = created.or(at),
            Meaning::FirstResponse => {
                if ticket.first_response_at.is_none() {
                    ticket.first_response_at = at;
                    responder = event.dims.agent.clone();
                }
            }
            Meaning::Resolved => {
                if ticket.state != TicketState::Open {
                    reopens += 1;
                }
                if ticket.first_resolved_at.is_none() {
                    resolver = event.dims.agent.clone();
                }
                ticket.first_resolved_at = ticket.first_resolved_at.or(at);
                last_resolved = at;
                ticket.state = TicketState::Resolved;
            }
            Meaning::Reopened => {
                if ticket.state != TicketState::Open {
                    reopens += 1;
                }
                ticket.state = TicketState::Open;
            }
            Meaning::Closed => {
                ticket.closed_at = at;
                ticket.state = TicketState::Closed;
            }
            Meaning::Waiting | Meaning::Other => {}
        }
        merge_dims(&mut ticket.dims, &event.dims);
    }

    let last_status = events.iter().rev().find_map(|e| e.status.as_ref());
    if let Some((_, state)) = last_status.filter(|(_, s)| *s != TicketState::Unknown) {
        ticket.state = *state;
    }
    ticket.created = created.or(events.first().and_then(|e| e.at));
    let done = matches!(ticket.state, TicketState::Resolved | TicketState::Closed);
    ticket.resolved_at = last_resolved.filter(|_| done);
    if ticket.state != TicketState::Closed {
        ticket.closed_at = None;
    }
    ticket.reopens = Some(reopens);
    ticket.status = match last_status {
        Some((text, _)) => Some(text.clone()),
        None => events.last().and_then(|e| e.activity.clone()),
    };
    ticket.dims.agent = responder.or(resolver).or(ticket.dims.agent.take());
    ticket
}

/// Keeps the latest non-empty value of each dimension.
fn merge_dims(into: &mut Dims, from: &Dims) {
    let pairs = [
        (&mut into.channel, &from.channel),
        (&mut into.team, &from.team),
        (&mut into.agent, &from.agent),
        (&mut into.product, &from.product),
        (&mut into.priority, &from.priority),
    ];
    for (kept, new) in pairs {
        if new.is_some() {
            kept.clone_from(new);
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    fn at(day: u32, hour: u32, minute: u32) -> Option<Stamp> {
        let instant = Utc
            .with_ymd_and_hms(2024, 4, day, hour, minute, 0)
            .single()?;
        Some(Stamp::Utc(instant))
    }

    fn event(case: &str, activity: &str, when: Option<Stamp>) -> Event {
        Event {
            case_id: Some(case.to_string()),
            activity: Some(activity.to_string()),
            at: when,
            ..Event::default()
        }
    }

    #[test]
    fn activity_names_map_loosely_to_meanings() {
        let cases = [
            ("created", Meaning::Created),
            ("Insert ticket", Meaning::Created),
            ("Take in charge ticket", Meaning::FirstResponse),
            ("RESOLVED", Meaning::Resolved),
            ("Resolve ticket", Meaning::Resolved),
            ("solved", Meaning::Resolved),
            ("re-opened", Meaning::Reopened),
            ("Closed", Meaning::Closed),
            ("Wait", Meaning::Waiting),
            ("Assign seriousness", Meaning::Other),
            ("Resolve SW anomaly", Meaning::Other),
        ];
        for (name, expected) in cases {
            assert_eq!(meaning(name), expected, "{name}");
        }
    }

    #[test]
    fn case_without_create_starts_at_first_event() {
        let events = vec![
            event("C1", "Assign seriousness", at(1, 8, 0)),
            event("C1", "Take in charge ticket", at(1, 9, 0)),
            event("C1", "Resolve ticket", at(1, 10, 0)),
            event("C1", "Closed", at(2, 10, 0)),
        ];

        let tickets = tickets(&events);

        assert_eq!(tickets.len(), 1);
        let ticket = &tickets[0];
        assert_eq!(ticket.created, at(1, 8, 0));
        assert_eq!(ticket.first_response_at, at(1, 9, 0));
        assert_eq!(ticket.first_resolved_at, at(1, 10, 0));
        assert_eq!(ticket.resolved_at, at(1, 10, 0));
        assert_eq!(ticket.closed_at, at(2, 10, 0));
        assert_eq!(ticket.state, TicketState::Closed);
        assert_eq!(ticket.reopens, Some(0));
        assert_eq!(ticket.status.as_deref(), Some("Closed"));
    }

    #[test]
    fn second_resolution_counts_as_a_reopen() {
        // Resolve at 10:00, more work, resolve again at 12:00: the ticket
        // was reopened once in between.
        let events = vec![
            event("C1", "Assign seriousness", at(1, 8, 0)),
            event("C1", "Resolve ticket", at(1, 10, 0)),
            event("C1", "Take in charge ticket", at(1, 11, 0)),
            event("C1", "Resolve ticket", at(1, 12, 0)),
        ];

        let ticket = &tickets(&events)[0];

        assert_eq!(ticket.reopens, Some(1));
        assert_eq!(ticket.first_resolved_at, at(1, 10, 0));
        assert_eq!(ticket.resolved_at, at(1, 12, 0));
        assert_eq!(ticket.state, TicketState::Resolved);
    }

    #[test]
    fn events_out_of_order_are_sorted_by_time() {
        // The solve row comes first in the file but happened last.
        let events = vec![
            event("C1", "solved", at(1, 12, 0)),
            event("C1", "created", at(1, 9, 0)),
            event("C1", "reopened", at(1, 11, 0)),
            event("C1", "solved", at(1, 10, 0)),
        ];

        let ticket = &tickets(&events)[0];

        // created 9:00, solved 10:00, reopened 11:00, solved 12:00.
        assert_eq!(ticket.created, at(1, 9, 0));
        assert_eq!(ticket.first_resolved_at, at(1, 10, 0));
        assert_eq!(ticket.resolved_at, at(1, 12, 0));
        assert_eq!(ticket.reopens, Some(1));
    }

    #[test]
    fn status_column_overrides_activity_state() {
        // Solved at 10:00, but the last row's status says the ticket is
        // pending again (open), so it has no full resolution.
        let mut solved = event("C1", "solved", at(1, 10, 0));
        solved.status = Some(("Solved".to_string(), TicketState::Resolved));
        let mut note = event("C1", "comment", at(1, 11, 0));
        note.status = Some(("Pending".to_string(), TicketState::Open));

        let ticket = &tickets(&[solved, note])[0];

        assert_eq!(ticket.state, TicketState::Open);
        assert_eq!(ticket.status.as_deref(), Some("Pending"));
        assert_eq!(ticket.first_resolved_at, at(1, 10, 0));
        assert_eq!(ticket.resolved_at, None);
    }

    #[test]
    fn events_without_case_or_time_are_skipped() {
        let mut no_case = event("x", "created", at(1, 9, 0));
        no_case.case_id = None;
        let events = vec![no_case, event("C2", "created", None)];

        assert!(tickets(&events).is_empty());
    }

    #[test]
    fn agent_is_first_responder() {
        let mut taken = event("C1", "Take in charge ticket", at(1, 9, 0));
        taken.dims.agent = Some("Value 1".to_string());
        let mut closed = event("C1", "Closed", at(1, 10, 0));
        closed.dims.agent = Some("Value 5".to_string());
        closed.dims.team = Some("L2".to_string());

        let ticket = &tickets(&[taken, closed])[0];

        assert_eq!(ticket.dims.agent.as_deref(), Some("Value 1"));
        assert_eq!(ticket.dims.team.as_deref(), Some("L2"));
    }
}
