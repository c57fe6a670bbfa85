//! Column roles and matching export headers to them.
//!
//! A role is what a column means to the KPIs ("ticket created", "talk
//! time"). Headers are matched loosely: case, spaces, punctuation and units
//! in brackets are ignored, and each role has synonyms from the major help
//! desks' exports in several languages.

use serde::{Deserialize, Serialize};

use crate::core::model::FileKind;
use crate::core::settings::ReadOptions;

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
    /// The export's own first-response SLA status: Freshdesk's `First
    /// response status`, HubSpot's `Time to First Response SLA Status`,
    /// Zammad's `first_response_diff_in_min`.
    FirstResponseSla,
    /// The export's own resolution SLA status: ServiceNow's `made_sla`,
    /// Freshdesk's `Resolution status`, HubSpot's `Time to close SLA
    /// status`, Zammad's `close_diff_in_min`.
    ResolutionSla,
    /// A close code such as ServiceNow's `closed_code`; a code naming a
    /// duplicate or a merge marks the ticket merged.
    CloseCode,
    /// Ticket tags; Zendesk's `closed_by_merge` marks the ticket merged.
    Tags,
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
    /// A yes/no flag for abandoned calls, the opposite of [`Role::Answered`].
    Abandoned,
    // Message logs: one row per message of a conversation.
    MessageId,
    /// The id of the message this one replies to.
    InResponseTo,
    /// True for a customer's message, false for the company's.
    Inbound,
    /// The message's author kind: customer, agent, bot.
    SenderType,
    MessageText,
    /// The message's author: a name, handle or account id.
    Author,
    /// A yes/no flag for internal notes, hidden from the customer.
    Private,
    // Event logs: one row per change of a ticket.
    /// A process-mining case id such as `case:concept:name`.
    CaseId,
    /// The event's name, such as `created`, `solved`, `Resolve ticket`.
    Activity,
    EventAt,
}

impl Role {
    pub const ALL: [Role; 47] = [
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
        Role::FirstResponseSla,
        Role::ResolutionSla,
        Role::CloseCode,
        Role::Tags,
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
        Role::Abandoned,
        Role::MessageId,
        Role::InResponseTo,
        Role::Inbound,
        Role::SenderType,
        Role::MessageText,
        Role::Author,
        Role::Private,
        Role::CaseId,
        Role::Activity,
        Role::EventAt,
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
            Role::FirstResponseSla => "first response SLA status",
            Role::ResolutionSla => "resolution SLA status",
            Role::CloseCode => "close code",
            Role::Tags => "tags",
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
            Role::Abandoned => "abandoned flag",
            Role::MessageId => "message id",
            Role::InResponseTo => "in reply to (message id)",
            Role::Inbound => "inbound flag",
            Role::SenderType => "sender type",
            Role::MessageText => "message text",
            Role::Author => "message author",
            Role::Private => "private note flag",
            Role::CaseId => "case id (event log)",
            Role::Activity => "activity / event",
            Role::EventAt => "event time",
        }
    }

    /// The record kind this role belongs to; `None` for breakdown roles,
    /// which every kind shares.
    pub fn kind(self) -> Option<FileKind> {
        use Role::*;
        match self {
            TicketId | Created | FirstResponseAt | FirstResponseTime | ResolvedAt | ClosedAt
            | ResolutionTime | Status | Replies | Reopens | OneTouch | CustomerInteractions
            | FirstResponseSla | ResolutionSla | CloseCode | Tags => Some(FileKind::Tickets),
            Csat | Nps | Ces | AnsweredAt => Some(FileKind::Survey),
            CallId | CallStart | CallDate | CallTime | Answered | CallResolved | TalkTime
            | HoldTime | WrapTime | HandleTime | WaitTime | Abandoned => Some(FileKind::Calls),
            MessageId | InResponseTo | Inbound | SenderType | MessageText | Author | Private => {
                Some(FileKind::Messages)
            }
            CaseId | Activity | EventAt => Some(FileKind::Events),
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

/// Header words of one role: whole-header synonyms, then phrases that may
/// appear inside a longer header. Earlier entries rank higher.
struct Synonyms {
    role: Role,
    exact: &'static [&'static str],
    contains: &'static [&'static str],
}

/// Synonyms in matching form (see [`match_text`]): lowercase, no accents,
/// no units in brackets, words split at punctuation and camelCase.
const SYNONYMS: &[Synonyms] = &[
    Synonyms {
        role: Role::FirstResponseSla,
        exact: &[
            "first response status",
            "time to first response sla status",
            "hs time to first response sla status",
            "first response diff in min",
        ],
        contains: &["first response sla status", "first response diff in min"],
    },
    Synonyms {
        role: Role::ResolutionSla,
        exact: &[
            "made sla",
            "resolution status",
            "time to close sla status",
            "hs time to close sla status",
            "close diff in min",
        ],
        contains: &["close sla status", "close diff in min"],
    },
    Synonyms {
        role: Role::CloseCode,
        exact: &[
            "closed code",
            "close code",
            "closure code",
            "closing code",
            "close reason",
        ],
        contains: &[],
    },
    Synonyms {
        role: Role::Tags,
        exact: &["tags", "ticket tags"],
        contains: &[],
    },
    Synonyms {
        role: Role::TicketId,
        exact: &[
            "ticket id",
            "id",
            "ticket",
            "ticket number",
            "ticket no",
            "ticket nr",
            "number",
            "issue key",
            "issue id",
            "key",
            "case id",
            "case number",
            "incident id",
            "incident number",
            "unique key",
            "request id",
            "conversation id",
            "conversation number",
            "complaint id",
            "ticketnummer",
            "numero de ticket",
            "id del ticket",
            "clave de incidencia",
            "ticket nummer",
            "numero do ticket",
        ],
        contains: &["ticket id", "conversation id", "incident number"],
    },
    Synonyms {
        role: Role::Created,
        exact: &[
            "created at",
            "created",
            "created time",
            "create date",
            "created date",
            "creation date",
            "date created",
            "created on",
            "opened at",
            "opened",
            "open date",
            "opened date",
            "date opened",
            "conversation created at",
            "creada",
            "fecha de creacion",
            "erstellt",
            "erstellt am",
            "erstelldatum",
            "date de creation",
            "cree le",
            "aangemaakt",
            "aanmaakdatum",
            "data de criacao",
            "criado em",
            "contact date",
        ],
        contains: &[
            "created at",
            "create date",
            "created date",
            "created time",
            "creation date",
        ],
    },
    Synonyms {
        role: Role::FirstResponseAt,
        exact: &[
            "first response at",
            "first reply at",
            "first agent reply at",
            "first responded at",
            "first response date",
            "first reply date",
            "initial response time",
            "first agent email response date",
            "conversation first response at",
            "date of first response",
            "chart date of first response",
        ],
        contains: &[
            "first reply at",
            "first agent reply at",
            "first response at",
            "first response date",
            "date of first response",
        ],
    },
    Synonyms {
        role: Role::FirstResponseTime,
        exact: &[
            "first reply time in minutes",
            "first response time",
            "first reply time",
            "time to first response",
            "time to first reply",
            "time to first agent email reply",
            "avg first response time",
            "frt",
        ],
        contains: &[
            "first reply time",
            "first response time",
            "time to first response",
            "time to first reply",
        ],
    },
    Synonyms {
        role: Role::ResolvedAt,
        exact: &[
            "resolved at",
            "solved at",
            "resolved",
            "solved",
            "resolved time",
            "resolved date",
            "resolution date",
            "date resolved",
            "resolved on",
            "resuelta",
            "fecha de resolucion",
            "gelost",
            "gelost am",
            "opgelost",
            "resolu le",
            "date de resolution",
            "resolvido em",
        ],
        contains: &[
            "resolved at",
            "solved at",
            "resolution date",
            "resolved time",
            "resolved date",
        ],
    },
    Synonyms {
        role: Role::ClosedAt,
        exact: &[
            "closed at",
            "closed",
            "closed time",
            "close date",
            "closed date",
            "date closed",
            "closed on",
            "conversation closed at",
            "cerrada",
            "fecha de cierre",
            "geschlossen",
            "geschlossen am",
            "ferme le",
            "date de cloture",
            "gesloten",
            "fechado em",
        ],
        contains: &["closed at", "close date", "closed date", "closed time"],
    },
    Synonyms {
        role: Role::ResolutionTime,
        exact: &[
            "full resolution time in minutes",
            "resolution time",
            "time to resolution",
            "time to close",
            "avg resolution time",
            "first resolution time in minutes",
        ],
        contains: &[
            "full resolution time",
            "resolution time",
            "time to resolution",
            "time to close",
        ],
    },
    Synonyms {
        role: Role::Status,
        exact: &[
            "status",
            "ticket status",
            "state",
            "incident state",
            "conversation state",
            "issue status",
            "estado",
            "statut",
            "etat",
            "zustand",
            "situacao",
        ],
        contains: &["ticket status", "incident state"],
    },
    Synonyms {
        role: Role::Replies,
        exact: &[
            "replies",
            "agent replies",
            "agent interactions",
            "number of replies",
            "reply count",
            "public replies",
        ],
        contains: &[],
    },
    Synonyms {
        role: Role::Reopens,
        exact: &[
            "reopens",
            "reopen count",
            "reopened count",
            "number of reopens",
            "times reopened",
        ],
        contains: &["reopen count", "reopens"],
    },
    Synonyms {
        role: Role::OneTouch,
        exact: &[
            "one touch",
            "one touch resolution",
            "first contact resolution",
            "resolved on first contact",
        ],
        contains: &["first contact resolution"],
    },
    Synonyms {
        role: Role::CustomerInteractions,
        exact: &["customer interactions"],
        contains: &[],
    },
    Synonyms {
        role: Role::Channel,
        exact: &[
            "channel",
            "ticket channel",
            "via",
            "source",
            "contact type",
            "open data channel type",
            "inbox",
            "inbox type",
            "contact channel",
            "contact channel id",
            "communication channel",
            "canal",
            "kanal",
            "medium",
        ],
        contains: &["channel"],
    },
    Synonyms {
        role: Role::Team,
        exact: &[
            "team",
            "group",
            "assignment group",
            "team name",
            "agency",
            "department",
            "queue",
            "hub spot team",
            "equipo",
            "equipe",
            "gruppe",
            "groupe",
            "grupo",
            "afdeling",
            "team naam",
        ],
        contains: &["team", "assignment group"],
    },
    Synonyms {
        role: Role::Agent,
        exact: &[
            "agent",
            "assignee",
            "assigned to",
            "agent name",
            "owner",
            "ticket owner",
            "user name",
            "handling user name",
            "teammate",
            "assigned agent",
            "resource",
            "org resource",
            "responsable",
            "agente",
            "bearbeiter",
            "medewerker",
            "atendente",
        ],
        contains: &["agent name", "assignee"],
    },
    Synonyms {
        role: Role::Product,
        exact: &[
            "product",
            "category",
            "product purchased",
            "topic",
            "complaint type",
            "complaint theme",
            "request type",
            "ticket type",
            "categorie",
            "kategorie",
            "categoria",
            "producto",
            "produit",
            "produkt",
            "thema",
            "marque",
            "brand",
        ],
        contains: &["product", "category"],
    },
    Synonyms {
        role: Role::Priority,
        exact: &[
            "priority",
            "ticket priority",
            "severity",
            "prioridad",
            "priorite",
            "prioritat",
            "prioriteit",
            "prioridade",
        ],
        contains: &["priority"],
    },
    Synonyms {
        role: Role::Csat,
        exact: &[
            "csat",
            "satisfaction",
            "rating",
            "satisfaction score",
            "satisfaction rating",
            "customer satisfaction rating",
            "customer satisfaction",
            "survey results",
            "survey result",
            "csat score",
            "conversation rating",
            "calificacion de satisfaccion",
            "zufriedenheit",
            "tevredenheid",
            "satisfacao",
            "note de satisfaction",
        ],
        contains: &["csat", "satisfaction rating", "satisfaction"],
    },
    Synonyms {
        role: Role::Nps,
        exact: &[
            "nps",
            "nps score",
            "conversation nps score",
            "likelihood to recommend",
            "net promoter score",
            "recommend",
            // A bare score is NPS unless the loader finds only 1–5 values.
            "score",
            "survey score",
        ],
        contains: &[
            "nps",
            "recommend",
            "likely to recommend",
            "recommander",
            "recomendar",
            "recomendaria",
            "recomendaria",
            "empfehlen",
            "weiterempfehlen",
            "aanbevelen",
            "aanraden",
            "net promoter",
        ],
    },
    Synonyms {
        role: Role::Ces,
        exact: &[
            "ces",
            "effort",
            "customer effort score",
            "effort score",
            "ces score",
            "last ces survey rating",
        ],
        contains: &["ces", "effort"],
    },
    Synonyms {
        role: Role::AnsweredAt,
        exact: &[
            "horodateur",
            "timestamp",
            "answered at",
            "rated at",
            "submitted at",
            "response date",
            "responded at",
            "recorded date",
            "survey date",
            "satisfaction date",
            "csat survey time",
            "survey time",
            "marca temporal",
            "zeitstempel",
            "tijdstempel",
            "carimbo de data hora",
        ],
        contains: &[
            "satisfaction date",
            "survey date",
            "rated at",
            "answered at",
        ],
    },
    Synonyms {
        role: Role::CallId,
        exact: &[
            "call id",
            "callid",
            "interaction id",
            "anruf id",
            "id de llamada",
            "id appel",
            "gesprek id",
        ],
        contains: &["call id"],
    },
    Synonyms {
        role: Role::CallStart,
        exact: &[
            "call start",
            "call started",
            "started at",
            "start time",
            "start at",
            "start",
            "started",
            "call date time",
            "call datetime",
            "beginn",
            "inicio",
            "debut",
            "starttijd",
        ],
        contains: &["call start", "start time", "started at"],
    },
    Synonyms {
        role: Role::CallDate,
        exact: &["date", "call date", "datum", "fecha", "data", "jour"],
        contains: &[],
    },
    Synonyms {
        role: Role::CallTime,
        exact: &["time", "time of day", "uhrzeit", "hora", "heure", "tijd"],
        contains: &[],
    },
    Synonyms {
        role: Role::Answered,
        exact: &[
            "answered",
            "is answered",
            "beantwortet",
            "atendida",
            "repondu",
            "beantwoord",
        ],
        contains: &[],
    },
    Synonyms {
        role: Role::CallResolved,
        exact: &[
            "call resolved",
            "resolved on call",
            "first call resolution",
            "resolved on first call",
            "fcr",
        ],
        contains: &["first call resolution"],
    },
    Synonyms {
        role: Role::TalkTime,
        exact: &[
            "talk time",
            "talk duration",
            "avg talk duration",
            "talk",
            "gesprachsdauer",
            "gesprachszeit",
            "sprechzeit",
            "tiempo de conversacion",
            "temps de conversation",
            "gespreksduur",
            "duracao da conversa",
        ],
        contains: &["talk time", "talk duration", "gesprachsdauer"],
    },
    Synonyms {
        role: Role::HoldTime,
        exact: &[
            "hold time",
            "hold",
            "hold duration",
            "haltezeit",
            "tiempo en espera",
            "temps d attente en ligne",
        ],
        contains: &["hold time"],
    },
    Synonyms {
        role: Role::WrapTime,
        exact: &[
            "wrap up time",
            "wrap time",
            "wrap up",
            "wrap",
            "after call work time",
            "after call work",
            "acw",
            "nachbearbeitungszeit",
            "nachbearbeitung",
        ],
        contains: &["wrap up", "after call work"],
    },
    Synonyms {
        role: Role::HandleTime,
        exact: &[
            "handle time",
            "handling time",
            "aht",
            "average handle time",
            "bearbeitungszeit",
        ],
        contains: &["handle time", "handling time"],
    },
    Synonyms {
        role: Role::WaitTime,
        exact: &[
            "wait time",
            "speed of answer",
            "speed of answer in seconds",
            "queue wait time",
            "waiting time",
            "wartezeit",
            "tiempo de espera",
            "temps d attente",
            "wachttijd",
            "asa",
        ],
        contains: &["speed of answer", "queue wait time", "wartezeit"],
    },
    Synonyms {
        role: Role::Abandoned,
        exact: &[
            "abandoned",
            "is abandoned",
            "abandoned call",
            "abgebrochen",
            "abandonada",
        ],
        contains: &[],
    },
    Synonyms {
        role: Role::MessageId,
        exact: &["message id", "tweet id", "message number"],
        contains: &["message id"],
    },
    Synonyms {
        role: Role::InResponseTo,
        exact: &[
            "in response to",
            "in response to tweet id",
            "in reply to",
            "reply to",
            "reply to id",
            "parent id",
            "parent message id",
        ],
        contains: &["in response to", "in reply to"],
    },
    Synonyms {
        role: Role::Inbound,
        exact: &["inbound", "is inbound", "incoming", "from customer"],
        contains: &[],
    },
    Synonyms {
        role: Role::SenderType,
        exact: &[
            "sender type",
            "author type",
            "message author type",
            "sender role",
            "message type",
        ],
        contains: &["sender type", "author type"],
    },
    Synonyms {
        role: Role::MessageText,
        exact: &[
            "text",
            "message",
            "message text",
            "body",
            "message body",
            "content",
        ],
        contains: &[],
    },
    Synonyms {
        role: Role::Author,
        exact: &[
            "author",
            "author id",
            "author name",
            "sender",
            "sender id",
            "sender name",
            "from",
            "screen name",
        ],
        contains: &["author name", "sender name"],
    },
    Synonyms {
        role: Role::Private,
        exact: &[
            "private",
            "is private",
            "private note",
            "is note",
            "note",
            "internal",
            "is internal",
            "internal note",
        ],
        contains: &[],
    },
    Synonyms {
        role: Role::CaseId,
        exact: &["case concept name", "case"],
        contains: &[],
    },
    Synonyms {
        role: Role::Activity,
        exact: &[
            "concept name",
            "activity",
            "activity name",
            "event",
            "event name",
            "event type",
            "action",
            "aktivitat",
            "actividad",
            "activite",
        ],
        contains: &[],
    },
    Synonyms {
        role: Role::EventAt,
        exact: &[
            "time timestamp",
            "event at",
            "event time",
            "event timestamp",
            "event date",
            "occurred at",
            "happened at",
            "changed at",
        ],
        contains: &[],
    },
];

/// Headers whose meaning depends on the file. In a call log `Resolved` is a
/// yes/no flag and `Timestamp` is the call's start. Elsewhere they are the
/// time a ticket was resolved and the time a survey was answered.
const CALL_CONTEXT: &[(&str, Role, Role)] = &[
    ("resolved", Role::CallResolved, Role::ResolvedAt),
    ("timestamp", Role::CallStart, Role::AnsweredAt),
];

/// Roles whose exact match marks a file as a call log, for [`CALL_CONTEXT`].
const CALL_MARKERS: [Role; 5] = [
    Role::CallId,
    Role::TalkTime,
    Role::HandleTime,
    Role::Answered,
    Role::WrapTime,
];

/// Matches the header to roles: at most one column per role and one role
/// per column. Hand mappings in `options.mapping` come first; a role mapped
/// to `None` is never matched. Then each remaining column takes its best
/// synonym: whole-header synonyms beat phrases inside a header, earlier
/// synonyms beat later ones, and earlier columns win ties.
pub fn match_header(header: &[String], options: &ReadOptions) -> Vec<ColumnMatch> {
    let mut matches = Vec::new();
    let mut taken_columns = vec![false; header.len()];
    let mut taken_roles: Vec<Role> = Vec::new();

    for (role, choice) in &options.mapping {
        taken_roles.push(*role);
        let Some(wanted) = choice else { continue };
        let wanted_key = key_text(wanted);
        let found =
            (0..header.len()).find(|&i| !taken_columns[i] && key_text(&header[i]) == wanted_key);
        if let Some(index) = found {
            taken_columns[index] = true;
            matches.push(ColumnMatch {
                role: *role,
                index,
                header: clean_header(&header[index]),
                by_hand: true,
            });
        }
    }

    let texts: Vec<String> = header.iter().map(|h| match_text(h)).collect();
    let is_call_log = texts.iter().any(|text| {
        SYNONYMS
            .iter()
            .any(|s| CALL_MARKERS.contains(&s.role) && s.exact.contains(&text.as_str()))
    });

    let mut candidates = Vec::new();
    for (index, text) in texts.iter().enumerate() {
        if taken_columns[index] || text.is_empty() || is_jira_sla_field(&header[index]) {
            continue;
        }
        for (role, score) in candidate_roles(text, is_call_log) {
            candidates.push((score, index, role));
        }
    }
    // Highest score first; among equal scores, the leftmost column.
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));

    for (_, index, role) in candidates {
        if taken_columns[index] || taken_roles.contains(&role) {
            continue;
        }
        taken_columns[index] = true;
        taken_roles.push(role);
        matches.push(ColumnMatch {
            role,
            index,
            header: clean_header(&header[index]),
            by_hand: false,
        });
    }

    matches.sort_by_key(|m| m.index);
    matches
}

/// Hand mappings that [`match_header`] cannot follow, one message per
/// role that lost: its column is already mapped to an earlier role, or
/// the header has no such column. Roles are taken in [`Role`] order, as
/// [`match_header`] takes them.
pub fn unmet_mappings(header: &[String], options: &ReadOptions) -> Vec<(String, String)> {
    let mut role_of_column: Vec<Option<Role>> = vec![None; header.len()];
    let mut unmet = Vec::new();
    for (role, choice) in &options.mapping {
        let Some(chosen) = choice else { continue };
        let chosen_key = key_text(chosen);
        let same = |i: &usize| key_text(&header[*i]) == chosen_key;
        let free = (0..header.len())
            .filter(same)
            .find(|&i| role_of_column[i].is_none());
        if let Some(free) = free {
            role_of_column[free] = Some(*role);
            continue;
        }

        let lost = role.label();
        let holder = (0..header.len())
            .filter(same)
            .find_map(|i| Some((i, role_of_column[i]?)));
        let entry = match holder {
            Some((index, holder)) => {
                let kept = holder.label();
                let message = format!(
                    "mapped by hand to both {kept} and {lost}; {kept} keeps the column \
                     and {lost} is not read (expected one role per column)"
                );
                (clean_header(&header[index]), message)
            }
            None => {
                let message = format!(
                    "mapped by hand to {lost}, but the header has no such column; \
                     {lost} is not read"
                );
                (clean_header(chosen), message)
            }
        };
        unmet.push(entry);
    }
    unmet
}

/// Lists the roles a header in matching form can take, with a score: 1000 minus the
/// synonym's rank for a whole-header match, 500 minus the rank for a phrase
/// inside the header.
fn candidate_roles(text: &str, is_call_log: bool) -> Vec<(Role, u32)> {
    let mut found = Vec::new();

    for (context_text, call_role, other_role) in CALL_CONTEXT {
        if text == *context_text {
            let role = if is_call_log { *call_role } else { *other_role };
            return vec![(role, 1000)];
        }
    }

    for synonyms in SYNONYMS {
        let exact_rank = synonyms.exact.iter().position(|s| *s == text);
        if let Some(rank) = exact_rank {
            found.push((synonyms.role, 1000 - rank as u32));
            continue;
        }
        let contains_rank = synonyms
            .contains
            .iter()
            .position(|phrase| contains_phrase(text, phrase));
        if let Some(rank) = contains_rank {
            found.push((synonyms.role, 500 - rank as u32));
        }
    }
    found
}

/// True for Jira Service Management's SLA fields, such as `Custom field
/// (Time to first response)`. They contain the time left before the SLA
/// target (`HH:MM`, negative once breached), not the time taken, so they
/// match no role.
fn is_jira_sla_field(header: &str) -> bool {
    let folded = fold(&clean_header(header));
    let wrappers = ["custom field (time to ", "campo personalizado (time to "];
    wrappers.iter().any(|w| folded.starts_with(w))
}

/// True when the words of `phrase` appear one after another in `text`.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    let words: Vec<&str> = text.split(' ').collect();
    let wanted: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(wanted.len())
        .any(|window| window == wanted.as_slice())
}

/// Builds a key for the header's layout, the same whatever the case, spacing,
/// quotes or byte-order mark of its column names. The page stores hand
/// mappings under it.
pub fn header_key(header: &[String]) -> String {
    let names: Vec<String> = header.iter().map(|h| key_text(h)).collect();
    names.join("|")
}

/// Returns a column name as written, without byte-order mark, surrounding quotes
/// or surrounding spaces.
pub fn clean_header(text: &str) -> String {
    let text = text.trim_start_matches('\u{feff}').trim();
    let text = text
        .strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .unwrap_or(text);
    text.trim().to_string()
}

/// Folds a column name for keys: lowercase, no accents, one space between
/// words, units in brackets kept.
fn key_text(text: &str) -> String {
    let folded: String = clean_header(text)
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .collect();
    squeeze_words(&folded, |c| c.is_alphanumeric() || "()[]{}".contains(c))
}

/// Folds a column name for matching: camelCase split into words,
/// lowercase, no accents, units in brackets dropped, every run of other
/// characters turned into one space. Jira's `Custom field (Time to first
/// response)` keeps the bracket's text, because that is the field's name.
pub fn match_text(text: &str) -> String {
    let cleaned = clean_header(text);
    let outside = squeeze_words(
        &fold(&split_camel_case(&drop_brackets(&cleaned))),
        char::is_alphanumeric,
    );
    if outside == "custom field" || outside == "campo personalizado" {
        let inside = bracket_text(&cleaned);
        return squeeze_words(&fold(&split_camel_case(&inside)), char::is_alphanumeric);
    }
    outside
}

/// Lowercases and strips accents.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .collect::<String>()
        .replace('ß', "ss")
        .replace('œ', "oe")
        .replace('æ', "ae")
}

/// Strips the accent from a letter, for the Latin letters of the languages
/// the synonyms cover; other characters unchanged.
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// Inserts a space where a lowercase letter or digit meets an uppercase
/// letter, so `AvgTalkDuration` reads `Avg Talk Duration`.
fn split_camel_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut previous: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = previous {
            if c.is_uppercase() && (p.is_lowercase() || p.is_ascii_digit()) {
                out.push(' ');
            }
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// Removes everything inside (), [] and {}.
fn drop_brackets(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Returns the text inside the first pair of brackets, or an empty string.
fn bracket_text(text: &str) -> String {
    let Some(start) = text.find(['(', '[']) else {
        return String::new();
    };
    let inner = &text[start + 1..];
    let end = inner.rfind([')', ']']).unwrap_or(inner.len());
    inner[..end].to_string()
}

/// Keeps the characters `keep` accepts and turns every run of other
/// characters into one space, trimmed at both ends.
fn squeeze_words(text: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if keep(c) {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::core::settings::ReadOptions;

    /// Role to header text, for a header given as a comma-separated line.
    fn roles_of(line: &str) -> BTreeMap<Role, String> {
        let header: Vec<String> = line.split(',').map(|s| s.trim().to_string()).collect();
        roles_of_fields(&header, &ReadOptions::default())
    }

    fn roles_of_fields(header: &[String], options: &ReadOptions) -> BTreeMap<Role, String> {
        match_header(header, options)
            .into_iter()
            .map(|m| (m.role, m.header))
            .collect()
    }

    fn role(map: &BTreeMap<Role, String>, role: Role) -> Option<&str> {
        map.get(&role).map(String::as_str)
    }

    #[test]
    fn match_text_folds_header_text() {
        assert_eq!(match_text("\u{feff}\"Ticket ID\""), "ticket id");
        assert_eq!(match_text("Gesprächsdauer (Min.)"), "gesprachsdauer");
        assert_eq!(match_text("Date de création"), "date de creation");
        assert_eq!(match_text("AvgTalkDuration"), "avg talk duration");
        assert_eq!(match_text("case:concept:name"), "case concept name");
        assert_eq!(match_text("first_reply-at.utc / x"), "first reply at utc x");
        assert_eq!(match_text("Answered (Y/N)"), "answered");
        assert_eq!(
            match_text("Custom field (Time to first response)"),
            "time to first response"
        );
    }

    #[test]
    fn header_key_ignores_case_spaces_quotes_and_bom() {
        let plain = vec!["Ticket ID".to_string(), "Created at".to_string()];
        let messy = vec![
            "\u{feff}\"ticket  id\"".to_string(),
            " CREATED AT ".to_string(),
        ];
        let other = vec!["Ticket ID".to_string(), "Solved at".to_string()];

        assert_eq!(header_key(&plain), header_key(&messy));
        assert_ne!(header_key(&plain), header_key(&other));
    }

    #[test]
    fn zendesk_export_header() {
        let map = roles_of(
            "Id, Requester, Requester id, Requester external id, Requester email, Requester domain, Submitter, Assignee, Group, Subject, Tags, Status, Priority, Via, Ticket type, Created at, Updated at, Assigned at, Organization, Due date, Initially assigned at, Solved at, Resolution time, Satisfaction Score, Group stations, Assignee stations, Reopens, Replies, First reply time in minutes, First reply time in minutes within business hours, First resolution time in minutes, First resolution time in minutes within business hours, Full resolution time in minutes, Full resolution time in minutes within business hours, Agent wait time in minutes, Agent wait time in minutes within business hours, Requester wait time in minutes, Requester wait time in minutes within business hours, On hold time in minutes, On hold time in minutes within business hours",
        );

        assert_eq!(role(&map, Role::TicketId), Some("Id"));
        assert_eq!(role(&map, Role::Agent), Some("Assignee"));
        assert_eq!(role(&map, Role::Team), Some("Group"));
        assert_eq!(role(&map, Role::Status), Some("Status"));
        assert_eq!(role(&map, Role::Priority), Some("Priority"));
        assert_eq!(role(&map, Role::Channel), Some("Via"));
        assert_eq!(role(&map, Role::Created), Some("Created at"));
        assert_eq!(role(&map, Role::ResolvedAt), Some("Solved at"));
        assert_eq!(role(&map, Role::Csat), Some("Satisfaction Score"));
        assert_eq!(role(&map, Role::Reopens), Some("Reopens"));
        assert_eq!(role(&map, Role::Replies), Some("Replies"));
        assert_eq!(
            role(&map, Role::FirstResponseTime),
            Some("First reply time in minutes")
        );
        // "Resolution time" is in whole hours; the minute column is exact.
        assert_eq!(
            role(&map, Role::ResolutionTime),
            Some("Full resolution time in minutes")
        );
    }

    #[test]
    fn freshdesk_and_freshservice_headers() {
        let freshdesk = roles_of(
            "Ticket ID, Subject, Description, Status, Priority, Source, Type, Agent, Group, Created time, Due by Time, Resolved time, Closed time, Last update time, Initial response time, Time tracked, First response time (in hrs), Resolution time (in hrs), Agent interactions, Customer interactions, Resolution status, First response status, Tags, Survey results, Product",
        );
        let freshservice = roles_of(
            "Ticket Id, Requester Name, Requester Email, Created Time, Due by Time, Resolved Time, Closed Time, Last Updated Time, Initial Response Time, Time Tracked, First Response Time (in Hrs), Resolution Time (in Hrs), Agent interactions, Customer interactions, Resolution Status, First Response Status, Tags, Survey Result, Urgency, Impact, Category, Sub-Category",
        );

        for map in [&freshdesk, &freshservice] {
            assert!(role(map, Role::TicketId).is_some());
            assert!(role(map, Role::Created).is_some());
            assert!(role(map, Role::ResolvedAt).is_some());
            assert!(role(map, Role::ClosedAt).is_some());
            assert!(role(map, Role::Csat).is_some());
            assert_eq!(
                role(map, Role::CustomerInteractions),
                Some("Customer interactions")
            );
            assert_eq!(role(map, Role::Replies), Some("Agent interactions"));
        }
        assert_eq!(
            role(&freshdesk, Role::FirstResponseAt),
            Some("Initial response time")
        );
        assert_eq!(
            role(&freshdesk, Role::FirstResponseTime),
            Some("First response time (in hrs)")
        );
        assert_eq!(role(&freshdesk, Role::Status), Some("Status"));
        assert_eq!(role(&freshdesk, Role::Channel), Some("Source"));
        assert_eq!(role(&freshdesk, Role::Product), Some("Product"));
        assert_eq!(role(&freshservice, Role::Product), Some("Category"));
        // "Resolution Status" contains SLA outcomes, not the ticket's status.
        assert_eq!(role(&freshservice, Role::Status), None);
    }

    #[test]
    fn hubspot_header() {
        let map = roles_of(
            "Ticket ID, Ticket name, Ticket description, Pipeline, Ticket status, Priority, Source, Category, Ticket owner, HubSpot team, Create date, Close date, Last activity date, First agent email response date, Time to close, Time to first agent email reply, Time to first response in SLA hours, Time to close in SLA hours, Time to First Response SLA Status, First contact resolution, Ticket reopen date, Last CES survey rating, Conversation NPS score",
        );

        assert_eq!(role(&map, Role::Status), Some("Ticket status"));
        assert_eq!(role(&map, Role::Agent), Some("Ticket owner"));
        assert_eq!(role(&map, Role::Team), Some("HubSpot team"));
        assert_eq!(role(&map, Role::Created), Some("Create date"));
        assert_eq!(role(&map, Role::ClosedAt), Some("Close date"));
        assert_eq!(
            role(&map, Role::FirstResponseAt),
            Some("First agent email response date")
        );
        assert_eq!(
            role(&map, Role::FirstResponseTime),
            Some("Time to first agent email reply")
        );
        assert_eq!(role(&map, Role::ResolutionTime), Some("Time to close"));
        assert_eq!(role(&map, Role::OneTouch), Some("First contact resolution"));
        assert_eq!(role(&map, Role::Ces), Some("Last CES survey rating"));
        assert_eq!(role(&map, Role::Nps), Some("Conversation NPS score"));
    }

    #[test]
    fn jira_headers_in_english_and_spanish() {
        let english = roles_of(
            "Summary, Issue key, Issue id, Issue Type, Status, Project key, Priority, Resolution, Assignee, Reporter, Created, Updated, Resolved, Custom field (Time to first response), Custom field (Time to resolution), Satisfaction rating, Custom field (Satisfaction date), Custom field (Request Type), Status Category, Status Category Changed, Custom field ([CHART] Date of First Response), Comment, Comment",
        );
        let spanish = roles_of(
            "Resumen, Clave de incidencia, Estado, Prioridad, Creada, Resuelta, Campo personalizado (Time to first response), Calificación de satisfacción",
        );

        assert_eq!(role(&english, Role::TicketId), Some("Issue key"));
        assert_eq!(role(&english, Role::Status), Some("Status"));
        assert_eq!(role(&english, Role::Created), Some("Created"));
        assert_eq!(role(&english, Role::ResolvedAt), Some("Resolved"));
        // Jira's SLA fields hold the time left, not the time taken.
        assert_eq!(role(&english, Role::FirstResponseTime), None);
        assert_eq!(role(&english, Role::ResolutionTime), None);
        assert_eq!(
            role(&english, Role::FirstResponseAt),
            Some("Custom field ([CHART] Date of First Response)")
        );
        assert_eq!(role(&english, Role::Csat), Some("Satisfaction rating"));
        assert_eq!(
            role(&english, Role::AnsweredAt),
            Some("Custom field (Satisfaction date)")
        );
        assert_eq!(
            role(&english, Role::Product),
            Some("Custom field (Request Type)")
        );

        assert_eq!(role(&spanish, Role::TicketId), Some("Clave de incidencia"));
        assert_eq!(role(&spanish, Role::Status), Some("Estado"));
        assert_eq!(role(&spanish, Role::Priority), Some("Prioridad"));
        assert_eq!(role(&spanish, Role::Created), Some("Creada"));
        assert_eq!(role(&spanish, Role::ResolvedAt), Some("Resuelta"));
        assert_eq!(
            role(&spanish, Role::Csat),
            Some("Calificación de satisfacción")
        );
        assert_eq!(role(&spanish, Role::FirstResponseTime), None);
    }

    #[test]
    fn servicenow_incident_log_header() {
        // The header row of the UCI ServiceNow incident event log sample.
        let map = roles_of(
            "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,location,category,subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,knowledge,u_priority_confirmation,notify,problem_id,rfc,vendor,caused_by,closed_code,resolved_by,resolved_at,closed_at",
        );

        assert_eq!(role(&map, Role::TicketId), Some("number"));
        assert_eq!(role(&map, Role::Status), Some("incident_state"));
        assert_eq!(role(&map, Role::Reopens), Some("reopen_count"));
        assert_eq!(role(&map, Role::Created), Some("opened_at"));
        assert_eq!(role(&map, Role::Channel), Some("contact_type"));
        assert_eq!(role(&map, Role::Product), Some("category"));
        assert_eq!(role(&map, Role::Priority), Some("priority"));
        assert_eq!(role(&map, Role::Team), Some("assignment_group"));
        assert_eq!(role(&map, Role::Agent), Some("assigned_to"));
        assert_eq!(role(&map, Role::ResolvedAt), Some("resolved_at"));
        assert_eq!(role(&map, Role::ClosedAt), Some("closed_at"));
        assert_eq!(role(&map, Role::CallId), None, "caller_id is not a call id");
    }

    #[test]
    fn five9_and_talkdesk_call_logs() {
        let five9 = roles_of(
            "CALL ID, TIMESTAMP, CAMPAIGN, CALL TYPE, AGENT, AGENT NAME, DISPOSITION, ANI, CUSTOMER NAME, DNIS, CALL TIME, BILL TIME (ROUNDED), COST, IVR TIME, QUEUE WAIT TIME, RING TIME, TALK TIME, HOLD TIME, PARK TIME, AFTER CALL WORK TIME, TRANSFERS, CONFERENCES, HOLDS, ABANDONED, RECORDINGS",
        );
        let talkdesk = roles_of(
            "call_id, type, start_at, end_at, user_name, total_time, talk_time, wait_time, hold_time, abandon_time, total_ringing_time, disposition_code, is_in_business_hours, is_transfer, handling_user_name, csat_score, csat_survey_time, team_name",
        );

        assert_eq!(role(&five9, Role::CallId), Some("CALL ID"));
        // In a call log "Timestamp" is when the call started.
        assert_eq!(role(&five9, Role::CallStart), Some("TIMESTAMP"));
        assert_eq!(role(&five9, Role::Agent), Some("AGENT"));
        assert_eq!(role(&five9, Role::WaitTime), Some("QUEUE WAIT TIME"));
        assert_eq!(role(&five9, Role::TalkTime), Some("TALK TIME"));
        assert_eq!(role(&five9, Role::HoldTime), Some("HOLD TIME"));
        assert_eq!(role(&five9, Role::WrapTime), Some("AFTER CALL WORK TIME"));
        assert_eq!(role(&five9, Role::Abandoned), Some("ABANDONED"));

        assert_eq!(role(&talkdesk, Role::CallId), Some("call_id"));
        assert_eq!(role(&talkdesk, Role::CallStart), Some("start_at"));
        assert_eq!(role(&talkdesk, Role::Agent), Some("user_name"));
        assert_eq!(role(&talkdesk, Role::TalkTime), Some("talk_time"));
        assert_eq!(role(&talkdesk, Role::WaitTime), Some("wait_time"));
        assert_eq!(role(&talkdesk, Role::HoldTime), Some("hold_time"));
        assert_eq!(role(&talkdesk, Role::Csat), Some("csat_score"));
        assert_eq!(role(&talkdesk, Role::AnsweredAt), Some("csat_survey_time"));
        assert_eq!(role(&talkdesk, Role::Team), Some("team_name"));
    }

    #[test]
    fn real_export_headers() {
        let pwc = roles_of("Call Id,Agent,Date,Time,Topic,Answered (Y/N),Resolved,Speed of answer in seconds,AvgTalkDuration,Satisfaction rating");
        assert_eq!(role(&pwc, Role::CallId), Some("Call Id"));
        assert_eq!(role(&pwc, Role::CallDate), Some("Date"));
        assert_eq!(role(&pwc, Role::CallTime), Some("Time"));
        assert_eq!(role(&pwc, Role::Product), Some("Topic"));
        assert_eq!(role(&pwc, Role::Answered), Some("Answered (Y/N)"));
        // In a call log "Resolved" is a yes/no flag, not a timestamp.
        assert_eq!(role(&pwc, Role::CallResolved), Some("Resolved"));
        assert_eq!(role(&pwc, Role::ResolvedAt), None);
        assert_eq!(
            role(&pwc, Role::WaitTime),
            Some("Speed of answer in seconds")
        );
        assert_eq!(role(&pwc, Role::TalkTime), Some("AvgTalkDuration"));
        assert_eq!(role(&pwc, Role::Csat), Some("Satisfaction rating"));

        let kaggle = roles_of("Ticket ID,Customer Name,Customer Email,Customer Age,Customer Gender,Product Purchased,Date of Purchase,Ticket Type,Ticket Subject,Ticket Description,Ticket Status,Resolution,Ticket Priority,Ticket Channel,First Response Time,Time to Resolution,Customer Satisfaction Rating");
        assert_eq!(role(&kaggle, Role::TicketId), Some("Ticket ID"));
        assert_eq!(role(&kaggle, Role::Product), Some("Product Purchased"));
        assert_eq!(
            role(&kaggle, Role::Created),
            None,
            "a purchase is not a ticket"
        );
        assert_eq!(role(&kaggle, Role::Status), Some("Ticket Status"));
        assert_eq!(role(&kaggle, Role::Priority), Some("Ticket Priority"));
        assert_eq!(role(&kaggle, Role::Channel), Some("Ticket Channel"));
        // Timestamp or duration is decided from the values by the loader.
        assert_eq!(
            role(&kaggle, Role::FirstResponseTime),
            Some("First Response Time")
        );
        assert_eq!(
            role(&kaggle, Role::ResolutionTime),
            Some("Time to Resolution")
        );
        assert_eq!(
            role(&kaggle, Role::Csat),
            Some("Customer Satisfaction Rating")
        );

        let botanic = roles_of(",id,nps,satisfaction,intention,explication,NbPassageKS,CaTicket,t");
        assert_eq!(role(&botanic, Role::Nps), Some("nps"));
        assert_eq!(role(&botanic, Role::Csat), Some("satisfaction"));

        let forms: Vec<String> = [
            "Horodateur",
            "Marque",
            "connaissance",
            "description",
            "Dans quelle mesure, êtes-vous prêt(e)  à recommander cette marque auprès de vos proches ? ",
        ]
        .map(String::from)
        .to_vec();
        let forms = roles_of_fields(&forms, &ReadOptions::default());
        assert_eq!(role(&forms, Role::AnsweredAt), Some("Horodateur"));
        assert!(role(&forms, Role::Nps).is_some_and(|h| h.starts_with("Dans quelle mesure")));

        let nyc = roles_of("unique_key,created_date,closed_date,agency,agency_name,complaint_type,descriptor,location_type,incident_zip,status,due_date,resolution_description,resolution_action_updated_date,community_board,open_data_channel_type");
        assert_eq!(role(&nyc, Role::TicketId), Some("unique_key"));
        assert_eq!(role(&nyc, Role::Created), Some("created_date"));
        assert_eq!(role(&nyc, Role::ClosedAt), Some("closed_date"));
        assert_eq!(role(&nyc, Role::Team), Some("agency"));
        assert_eq!(role(&nyc, Role::Status), Some("status"));
        assert_eq!(role(&nyc, Role::Channel), Some("open_data_channel_type"));
        assert_eq!(role(&nyc, Role::ResolvedAt), None);

        let twcs = roles_of(
            ",tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id",
        );
        assert_eq!(role(&twcs, Role::MessageId), Some("tweet_id"));
        assert_eq!(role(&twcs, Role::Inbound), Some("inbound"));
        assert_eq!(
            role(&twcs, Role::InResponseTo),
            Some("in_response_to_tweet_id")
        );
        assert_eq!(role(&twcs, Role::MessageText), Some("text"));
        assert_eq!(role(&twcs, Role::Author), Some("author_id"));

        let events = roles_of("concept:name,lifecycle:transition,org:resource,time:timestamp,Activity,Resource,case:concept:name,case:variant,case:variant-index,case:creator");
        assert_eq!(role(&events, Role::Activity), Some("concept:name"));
        assert_eq!(role(&events, Role::EventAt), Some("time:timestamp"));
        assert_eq!(role(&events, Role::CaseId), Some("case:concept:name"));

        let uwv = roles_of("CustomerID,AgeCategory,Gender,Office_U,Office_W,ComplaintDossierID,ComplaintID,ContactDate,ContactChannelID,ComplaintThemeID,ComplaintSubthemeID,ComplaintTopicID,ComplaintTheme,ComplaintSubtheme,ComplaintTopic,ComplaintTheme_EN,ComplaintSubtheme_EN,ComplaintTopic_EN");
        assert_eq!(role(&uwv, Role::TicketId), Some("ComplaintID"));
        assert_eq!(role(&uwv, Role::Created), Some("ContactDate"));
        assert_eq!(role(&uwv, Role::Channel), Some("ContactChannelID"));
        assert_eq!(role(&uwv, Role::Product), Some("ComplaintTheme"));
    }

    #[test]
    fn case_file_headers() {
        let bots =
            roles_of("conversation_id,message_id,created_at,sender_type,sender_name,private");
        assert_eq!(role(&bots, Role::TicketId), Some("conversation_id"));
        assert_eq!(role(&bots, Role::SenderType), Some("sender_type"));
        assert_eq!(role(&bots, Role::Author), Some("sender_name"));
        assert_eq!(role(&bots, Role::Private), Some("private"));

        let events = roles_of("ticket_id,event,event_at");
        assert_eq!(role(&events, Role::Activity), Some("event"));
        assert_eq!(role(&events, Role::EventAt), Some("event_at"));

        let csat = roles_of("conversation_number,customer,agent,rating,rated_at");
        assert_eq!(role(&csat, Role::TicketId), Some("conversation_number"));
        assert_eq!(role(&csat, Role::Csat), Some("rating"));
        assert_eq!(role(&csat, Role::AnsweredAt), Some("rated_at"));

        let ces = roles_of("response_id,ticket_id,ces_1_to_7,answered_at");
        assert_eq!(role(&ces, Role::Ces), Some("ces_1_to_7"));
        assert_eq!(role(&ces, Role::TicketId), Some("ticket_id"));

        let calls = roles_of("call_id,agent,talk_time,hold_time,wrap_up_time");
        assert_eq!(role(&calls, Role::WrapTime), Some("wrap_up_time"));

        let german = roles_of(
            "Anruf-ID;Datum;Agent;Gesprächsdauer (Min.);Wartezeit (Sek.)"
                .replace(';', ",")
                .as_str(),
        );
        assert_eq!(role(&german, Role::CallId), Some("Anruf-ID"));
        assert_eq!(role(&german, Role::CallDate), Some("Datum"));
        assert_eq!(role(&german, Role::TalkTime), Some("Gesprächsdauer (Min.)"));
        assert_eq!(role(&german, Role::WaitTime), Some("Wartezeit (Sek.)"));

        let epoch = roles_of("ticket_id,created_at,first_reply_at,solved_at");
        assert_eq!(role(&epoch, Role::FirstResponseAt), Some("first_reply_at"));
        assert_eq!(role(&epoch, Role::ResolvedAt), Some("solved_at"));

        let ragged = roles_of("ticket_id,created_at,first_reply_at,priority,team,");
        assert_eq!(role(&ragged, Role::Team), Some("team"));
        assert_eq!(ragged.len(), 5, "the empty trailing column matches nothing");
    }

    #[test]
    fn first_agent_reply_column_is_the_first_response() {
        // A generic export names the first reply by who sent it.
        let roles = roles_of("ticket_id,created_at,first_agent_reply_at,channel");

        assert_eq!(
            role(&roles, Role::FirstResponseAt),
            Some("first_agent_reply_at")
        );
        assert_eq!(role(&roles, Role::Created), Some("created_at"));
    }

    #[test]
    fn survey_score_synonyms() {
        for header in [
            "satisfaction",
            "CSAT",
            "rating",
            "Satisfaction Score",
            "Customer Satisfaction Rating",
            "Survey results",
            "csat_1_5",
        ] {
            assert_eq!(
                role(&roles_of(header), Role::Csat),
                Some(header),
                "{header}"
            );
        }
        for header in [
            "nps",
            "nps_0_10",
            "Conversation NPS score",
            "likelihood to recommend",
            "How likely are you to recommend us to a friend?",
        ] {
            assert_eq!(role(&roles_of(header), Role::Nps), Some(header), "{header}");
        }
        for header in ["ces", "ces_1_to_7", "effort", "Last CES survey rating"] {
            assert_eq!(role(&roles_of(header), Role::Ces), Some(header), "{header}");
        }
    }

    #[test]
    fn creation_time_synonyms_in_several_languages() {
        for header in [
            "Created at",
            "Created time",
            "Create date",
            "Created",
            "opened_at",
            "created_date",
            "Creada",
            "Erstellt",
            "Date de création",
        ] {
            assert_eq!(
                role(&roles_of(header), Role::Created),
                Some(header),
                "{header}"
            );
        }
        for header in ["Horodateur", "Timestamp"] {
            assert_eq!(
                role(&roles_of(header), Role::AnsweredAt),
                Some(header),
                "{header}"
            );
        }
    }

    #[test]
    fn exact_match_beats_contained_phrase() {
        // "First reply time in minutes within business hours" contains the
        // phrase, but the plain column is an exact synonym and wins even
        // though it comes later.
        let map = roles_of(
            "First reply time in minutes within business hours,First reply time in minutes",
        );

        assert_eq!(
            role(&map, Role::FirstResponseTime),
            Some("First reply time in minutes")
        );
    }

    #[test]
    fn one_role_per_column() {
        let header = "Status,State,Created,Created at";
        let matches = match_header(
            &header.split(',').map(String::from).collect::<Vec<_>>(),
            &ReadOptions::default(),
        );

        // "Status" and "Created at" rank first among their synonyms.
        let found: Vec<(Role, usize)> = matches.iter().map(|m| (m.role, m.index)).collect();
        assert_eq!(found, vec![(Role::Status, 0), (Role::Created, 3)]);
    }

    #[test]
    fn conflicting_hand_mappings_name_the_role_that_lost() {
        // Agent and team both mapped to "Owner": it used to drop one in
        // silence. Team comes first in role order, so agent loses; "Queue"
        // is not in the header at all.
        let header: Vec<String> = ["Ticket ID", "Owner"].map(String::from).to_vec();
        let mut options = ReadOptions::default();
        options
            .mapping
            .insert(Role::Agent, Some("owner".to_string()));
        options
            .mapping
            .insert(Role::Team, Some("Owner".to_string()));
        options
            .mapping
            .insert(Role::Channel, Some("Queue".to_string()));

        let unmet = unmet_mappings(&header, &options);

        assert_eq!(
            unmet,
            vec![
                (
                    "Queue".to_string(),
                    "mapped by hand to channel, but the header has no such column; \
                     channel is not read"
                        .to_string()
                ),
                (
                    "Owner".to_string(),
                    "mapped by hand to both team / group and agent; team / group \
                     keeps the column and agent is not read (expected one role per \
                     column)"
                        .to_string()
                ),
            ]
        );
    }

    #[test]
    fn hand_mapping_overrides_matching() {
        let header: Vec<String> = ["Ticket ID", "Created at", "Updated at", "Priority"]
            .map(String::from)
            .to_vec();
        let mut options = ReadOptions::default();
        options
            .mapping
            .insert(Role::Created, Some("updated AT".to_string()));
        options.mapping.insert(Role::Priority, None);

        let matches = match_header(&header, &options);

        let created = matches.iter().find(|m| m.role == Role::Created);
        assert_eq!(created.map(|m| m.index), Some(2));
        assert!(created.is_some_and(|m| m.by_hand));
        assert!(!matches.iter().any(|m| m.role == Role::Priority));
        assert!(
            !matches.iter().any(|m| m.index == 1),
            "Created at stays unused"
        );
        assert!(matches
            .iter()
            .any(|m| m.role == Role::TicketId && !m.by_hand));
    }
}
