//! Typed records read from export rows: tickets, survey responses, calls.
//!
//! A record keeps only the values the KPIs need, already parsed. Timestamps
//! without an offset stay wall-clock times ([`Stamp::Local`]) so that the
//! time zone, a report setting, can change without reading the file again.
//! Every record keeps the physical line it came from, for problem messages.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::core::sla::SlaOutcome;

/// A point in time as the export wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stamp {
    /// The text carried an offset (or was a Unix epoch), so it is an instant.
    Utc(DateTime<Utc>),
    /// A wall-clock time with no offset, read in the report's time zone.
    Local(NaiveDateTime),
}

/// The kinds of record a file can hold. A ticket export with a rating
/// column holds both tickets and survey responses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FileKind {
    Tickets,
    Survey,
    Calls,
    /// One row per message of a conversation (chat or social exports),
    /// rebuilt into one ticket per conversation.
    Messages,
    /// Several rows per ticket as it changes state (process-mining logs),
    /// rebuilt into one ticket per case.
    Events,
}

impl FileKind {
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Tickets => "tickets",
            FileKind::Survey => "survey responses",
            FileKind::Calls => "calls",
            FileKind::Messages => "conversation messages",
            FileKind::Events => "ticket events",
        }
    }
}

/// The columns a KPI can be broken down by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Dimension {
    Channel,
    Team,
    Agent,
    Product,
    Priority,
}

impl Dimension {
    pub const ALL: [Dimension; 5] = [
        Dimension::Channel,
        Dimension::Team,
        Dimension::Agent,
        Dimension::Product,
        Dimension::Priority,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Dimension::Channel => "channel",
            Dimension::Team => "team",
            Dimension::Agent => "agent",
            Dimension::Product => "product / category",
            Dimension::Priority => "priority",
        }
    }
}

/// The breakdown values of one record; `None` where the file has no such
/// column or the cell is empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dims {
    pub channel: Option<String>,
    pub team: Option<String>,
    pub agent: Option<String>,
    pub product: Option<String>,
    pub priority: Option<String>,
}

impl Dims {
    pub fn get(&self, dimension: Dimension) -> Option<&str> {
        let value = match dimension {
            Dimension::Channel => &self.channel,
            Dimension::Team => &self.team,
            Dimension::Agent => &self.agent,
            Dimension::Product => &self.product,
            Dimension::Priority => &self.priority,
        };
        value.as_deref()
    }
}

/// Where a ticket stands, from its status text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum TicketState {
    /// New, open, assigned, in progress, on hold, pending: work remains.
    Open,
    /// Solved or resolved, not yet closed.
    Resolved,
    Closed,
    /// Merged into another ticket or closed as a duplicate.
    Merged,
    /// No status column, or a status the loader does not know.
    #[default]
    Unknown,
}

/// One ticket, case or conversation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ticket {
    pub line: u64,
    pub id: Option<String>,
    pub created: Option<Stamp>,
    /// When the first agent reply was sent.
    pub first_response_at: Option<Stamp>,
    /// The export's own first-response duration, in seconds.
    pub first_response_secs: Option<f64>,
    /// When the ticket was first solved or resolved, where the export or
    /// an event log shows it apart from the last resolution.
    pub first_resolved_at: Option<Stamp>,
    /// When the ticket was (last) solved or resolved.
    pub resolved_at: Option<Stamp>,
    pub closed_at: Option<Stamp>,
    /// The export's own resolution duration, in seconds.
    pub resolution_secs: Option<f64>,
    /// The status text as exported.
    pub status: Option<String>,
    pub state: TicketState,
    /// Public agent replies, where the export counts them.
    pub replies: Option<u32>,
    pub reopens: Option<u32>,
    /// An explicit one-touch / first-contact-resolution flag.
    pub one_touch: Option<bool>,
    /// Customer follow-ups after the first message (Freshdesk's
    /// "Customer interactions").
    pub customer_interactions: Option<u32>,
    pub dims: Dims,
    /// The export's own first-response SLA status, where it has one.
    pub sla_first_response: Option<SlaOutcome>,
    /// The export's own resolution SLA status, where it has one.
    pub sla_resolution: Option<SlaOutcome>,
}

/// How a rating label feels to the customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Sentiment {
    Negative,
    Neutral,
    Positive,
}

/// A CSAT answer as the export wrote it.
#[derive(Clone, Debug, PartialEq)]
pub enum Rating {
    /// A point on the file's numeric scale.
    Score(f64),
    /// A text label such as `Good`, `Okay` or `Not Good`.
    Label { text: String, sentiment: Sentiment },
}

/// A numeric rating scale, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
}

/// One survey response. A row may answer several questions at once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SurveyResponse {
    pub line: u64,
    pub answered_at: Option<Stamp>,
    pub ticket_id: Option<String>,
    pub csat: Option<Rating>,
    /// Likelihood to recommend, as written (checked against 0–10 later).
    pub nps: Option<f64>,
    /// Effort score, as written (checked against the CES scale later).
    pub ces: Option<f64>,
    pub dims: Dims,
}

/// One call or other live interaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Call {
    pub line: u64,
    pub id: Option<String>,
    pub started: Option<Stamp>,
    /// `Some(false)` for abandoned or missed calls.
    pub answered: Option<bool>,
    pub talk_secs: Option<f64>,
    pub hold_secs: Option<f64>,
    pub wrap_secs: Option<f64>,
    /// The export's own total handle time, in seconds.
    pub handle_secs: Option<f64>,
    pub wait_secs: Option<f64>,
    /// Resolved on this call (a first-call-resolution flag).
    pub resolved: Option<bool>,
    pub dims: Dims,
}
