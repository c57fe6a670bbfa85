//! Column roles and matching export headers to them.
//!
//! A role is what a column means to the KPIs ("ticket created", "talk
//! time"). Headers are matched loosely: case, spaces, punctuation and units
//! in brackets are ignored, and each role has synonyms from the major help
//! desks' exports in several languages.

use serde::{Deserialize, Serialize};

use crate::core::model::FileKind;

/// What a column means to the KPIs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    // Tickets.
    TicketId,
    Created,
    FirstResponseAt,
    /// A duration column such as Zendesk's "First reply time in minutes".
    FirstResponseTime,
    ResolvedAt,
    ClosedAt,
    /// A duration column such as "Full resolution time in minutes".
    ResolutionTime,
    Status,
    Replies,
    Reopens,
    OneTouch,
    CustomerInteractions,
    // Breakdowns, shared by every kind.
    Channel,
    Team,
    Agent,
    Product,
    Priority,
    // Survey responses.
    Csat,
    Nps,
    Ces,
    AnsweredAt,
    // Calls.
    CallId,
    CallStart,
    /// A date-only column, joined with [`Role::CallTime`] when both exist.
    CallDate,
    CallTime,
    Answered,
    CallResolved,
    TalkTime,
    HoldTime,
    WrapTime,
    HandleTime,
    WaitTime,
}

impl Role {
    pub const ALL: [Role; 32] = [
        Role::TicketId,
        Role::Created,
        Role::FirstResponseAt,
        Role::FirstResponseTime,
        Role::ResolvedAt,
        Role::ClosedAt,
        Role::ResolutionTime,
        Role::Status,
        Role::Replies,
        Role::Reopens,
        Role::OneTouch,
        Role::CustomerInteractions,
        Role::Channel,
        Role::Team,
        Role::Agent,
        Role::Product,
        Role::Priority,
        Role::Csat,
        Role::Nps,
        Role::Ces,
        Role::AnsweredAt,
        Role::CallId,
        Role::CallStart,
        Role::CallDate,
        Role::CallTime,
        Role::Answered,
        Role::CallResolved,
        Role::TalkTime,
        Role::HoldTime,
        Role::WrapTime,
        Role::HandleTime,
        Role::WaitTime,
    ];

    /// Words shown in the mapping form and in messages.
    pub fn label(self) -> &'static str {
        match self {
            Role::TicketId => "ticket id",
            Role::Created => "ticket created at",
            Role::FirstResponseAt => "first agent reply at",
            Role::FirstResponseTime => "first response time (duration)",
            Role::ResolvedAt => "resolved / solved at",
            Role::ClosedAt => "closed at",
            Role::ResolutionTime => "resolution time (duration)",
            Role::Status => "ticket status",
            Role::Replies => "agent replies",
            Role::Reopens => "reopens",
            Role::OneTouch => "one-touch / FCR flag",
            Role::CustomerInteractions => "customer interactions",
            Role::Channel => "channel",
            Role::Team => "team / group",
            Role::Agent => "agent",
            Role::Product => "product / category",
            Role::Priority => "priority",
            Role::Csat => "CSAT rating",
            Role::Nps => "NPS score (0–10)",
            Role::Ces => "CES score",
            Role::AnsweredAt => "survey answered at",
            Role::CallId => "call id",
            Role::CallStart => "call started at",
            Role::CallDate => "call date",
            Role::CallTime => "call time of day",
            Role::Answered => "answered flag",
            Role::CallResolved => "resolved on the call",
            Role::TalkTime => "talk time",
            Role::HoldTime => "hold time",
            Role::WrapTime => "after-call work / wrap-up",
            Role::HandleTime => "handle time",
            Role::WaitTime => "wait / speed of answer",
        }
    }

    /// The record kind this role belongs to; `None` for breakdown roles,
    /// which every kind shares.
    pub fn kind(self) -> Option<FileKind> {
        use Role::*;
        match self {
            TicketId | Created | FirstResponseAt | FirstResponseTime | ResolvedAt | ClosedAt
            | ResolutionTime | Status | Replies | Reopens | OneTouch | CustomerInteractions => {
                Some(FileKind::Tickets)
            }
            Csat | Nps | Ces | AnsweredAt => Some(FileKind::Survey),
            CallId | CallStart | CallDate | CallTime | Answered | CallResolved | TalkTime
            | HoldTime | WrapTime | HandleTime | WaitTime => Some(FileKind::Calls),
            Channel | Team | Agent | Product | Priority => None,
        }
    }
}

/// A role matched to a column of the header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMatch {
    pub role: Role,
    /// Zero-based index of the column.
    pub index: usize,
    /// The header text as written in the file.
    pub header: String,
    /// True when the user chose this column by hand.
    pub by_hand: bool,
}
