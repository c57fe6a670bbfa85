//! A fake help desk for the page's "Try sample data" button: three CSV
//! files generated on request, so the bundle carries code, not data.
//!
//! - `sample_tickets.csv`: a Zendesk-style ticket export, July to December
//!   2024, five groups, twenty agents, five channels. Reply and resolution
//!   times are log-normal with a median that depends on the channel, the
//!   priority and the agent. Tickets whose reply or solve would fall after
//!   the export moment are still open, as in a real export.
//! - `sample_survey.csv`: a form export with a CSAT (1–5), an NPS (0–10)
//!   and a CES (1–7) question, answered for about a third of the solved
//!   tickets, with blank answers.
//! - `sample_calls.csv`: a Five9-style call log over the same half year.
//!
//! The files are the same on every call: a fixed-seed SplitMix64 generator
//! drives every choice, and nothing reads a clock. Timestamps carry no
//! offset, like exports written in the account's time zone. This module
//! only writes bytes; the page loads them through the normal reader.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

pub const TICKETS_FILE: &str = "sample_tickets.csv";
pub const SURVEY_FILE: &str = "sample_survey.csv";
pub const CALLS_FILE: &str = "sample_calls.csv";

/// Header of the ticket export: Zendesk's column names, a subset in
/// Zendesk's order, with one custom drop-down field at the end.
pub const TICKETS_HEADER: [&str; 14] = [
    "Id",
    "Status",
    "Priority",
    "Via",
    "Group",
    "Assignee",
    "Created at",
    "Solved at",
    "Satisfaction Score",
    "Reopens",
    "Replies",
    "First reply time in minutes",
    "Full resolution time in minutes",
    "Product [list]",
];

/// Header of the survey export: a form's timestamp, two hidden fields and
/// the questions as written on the form.
pub const SURVEY_HEADER: [&str; 6] = [
    "Timestamp",
    "Ticket ID",
    "Agent",
    "Overall satisfaction with our support (1-5)",
    "How likely are you to recommend us to a friend or colleague? (0-10)",
    "Customer effort: the company made it easy to handle my issue (1-7)",
];

/// Header of the call log: Five9's column names, a subset in Five9's order,
/// plus a first-call-resolution disposition field.
pub const CALLS_HEADER: [&str; 12] = [
    "CALL ID",
    "TIMESTAMP",
    "CAMPAIGN",
    "CALL TYPE",
    "AGENT NAME",
    "DISPOSITION",
    "QUEUE WAIT TIME",
    "TALK TIME",
    "HOLD TIME",
    "AFTER CALL WORK TIME",
    "ABANDONED",
    "FIRST CALL RESOLUTION",
];

const FIRST_DAY: NaiveDate = date(2024, 7, 1);
const LAST_DAY: NaiveDate = date(2024, 12, 31);

/// When the fake exports were taken: nothing happens after this moment.
const EXPORT_AT: NaiveDateTime = match LAST_DAY.and_hms_opt(17, 0, 0) {
    Some(moment) => moment,
    None => panic!("invalid export time"),
};

const TIMESTAMP_FORMAT: &str = "%Y-%m-%d %H:%M:%S";
/// Five9's TIMESTAMP, e.g. `Thu, 27 Oct 2016 14:51:34`.
const FIVE9_FORMAT: &str = "%a, %d %b %Y %H:%M:%S";

/// Maximum duration the generator writes, so that adding one to a date
/// can never overflow.
const MAX_DURATION_SECS: f64 = 60.0 * 86_400.0;

/// Builds a date, checked at compile time when used in a constant.
const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("invalid date"),
    }
}

/// Generates the three sample files as (file name, CSV bytes).
pub fn files() -> Vec<(String, Vec<u8>)> {
    let tickets = generate_tickets(&mut SplitMix64::new(0x7105_2024));
    let survey = render_survey(&tickets, &mut SplitMix64::new(0x5E4E_2024));
    let calls = render_calls(&mut SplitMix64::new(0xCA11_2024));

    vec![
        (
            TICKETS_FILE.to_string(),
            render_tickets(&tickets).into_bytes(),
        ),
        (SURVEY_FILE.to_string(), survey.into_bytes()),
        (CALLS_FILE.to_string(), calls.into_bytes()),
    ]
}

// --- Random numbers -------------------------------------------------------

/// SplitMix64 (Steele, Lea and Flood, 2014): small, fast and good enough
/// for fake data.
struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n`; 0 when `n` is 0.
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        self.next_u64() % n
    }

    fn chance(&mut self, probability: f64) -> bool {
        self.unit() < probability
    }

    /// Approximately standard normal: the Irwin–Hall sum of twelve uniforms
    /// minus six. It needs no logarithm or cosine, whose last bit can
    /// differ between the host's and WebAssembly's maths libraries.
    fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.unit()).sum::<f64>() - 6.0
    }

    /// Log-normal with the given median and log-scale spread, capped at
    /// [`MAX_DURATION_SECS`].
    fn log_normal(&mut self, median: f64, sigma: f64) -> f64 {
        let value = median * (sigma * self.normal()).exp();
        value.min(MAX_DURATION_SECS)
    }

    /// Picks one item, with probability proportional to its weight.
    fn pick<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u64 = items.iter().map(|(_, weight)| u64::from(*weight)).sum();
        let mut roll = self.below(total);
        for (item, weight) in items {
            let weight = u64::from(*weight);
            if roll < weight {
                return item;
            }
            roll -= weight;
        }
        &items[items.len() - 1].0
    }
}

// --- The fake organisation ------------------------------------------------

/// Groups and their agents (fictional names).
const GROUPS: [(&str, &[&str]); 5] = [
    (
        "Support Tier 1",
        &[
            "Ana Ruiz",
            "Ben Okafor",
            "Chloé Martin",
            "Dev Patel",
            "Emma Schulz",
            "Femi Adeyemi",
            "Grace Kim",
        ],
    ),
    (
        "Support Tier 2",
        &["Hugo Lefèvre", "Ines Costa", "Jonas Berg", "Kira Novak"],
    ),
    ("Billing", &["Liam Walsh", "Mei Chen", "Nora Haddad"]),
    (
        "Technical",
        &["Omar Farouk", "Priya Nair", "Quinn Rossi", "Rosa Vidal"],
    ),
    ("Onboarding", &["Sam Taylor", "Tomás Silva"]),
];

const TIER_1: usize = 0;
const TIER_2: usize = 1;
const BILLING: usize = 2;
const TECHNICAL: usize = 3;
const ONBOARDING: usize = 4;

/// Computes how fast an agent works compared with the median: 0.75 to
/// 1.25, fixed per name so that breakdowns by agent differ.
fn agent_pace(name: &str) -> f64 {
    let spread = name.bytes().map(u64::from).sum::<u64>() % 11;
    0.75 + 0.05 * spread as f64
}

struct Channel {
    via: &'static str,
    weight: u32,
    /// Median first reply time, in minutes.
    reply_minutes: f64,
    /// Median time from first reply to solve, in minutes.
    solve_minutes: f64,
    /// Chance that each further agent reply is needed.
    more_replies: f64,
}

const CHANNELS: [Channel; 5] = [
    Channel {
        via: "Email",
        weight: 38,
        reply_minutes: 240.0,
        solve_minutes: 1440.0,
        more_replies: 0.45,
    },
    Channel {
        via: "Web form",
        weight: 27,
        reply_minutes: 180.0,
        solve_minutes: 1200.0,
        more_replies: 0.45,
    },
    Channel {
        via: "Chat",
        weight: 20,
        reply_minutes: 2.0,
        solve_minutes: 25.0,
        more_replies: 0.3,
    },
    Channel {
        via: "Phone",
        weight: 10,
        reply_minutes: 8.0,
        solve_minutes: 45.0,
        more_replies: 0.25,
    },
    Channel {
        via: "API",
        weight: 5,
        reply_minutes: 360.0,
        solve_minutes: 2400.0,
        more_replies: 0.5,
    },
];

/// Priority label, weight, and factor on reply and solve times. A blank
/// label is a ticket without a priority.
const PRIORITIES: [((&str, f64), u32); 5] = [
    (("Low", 1.4), 20),
    (("Normal", 1.0), 55),
    (("High", 0.6), 18),
    (("Urgent", 0.3), 5),
    (("", 1.0), 2),
];

const PRODUCTS: [(&str, u32); 5] = [
    ("Billing", 20),
    ("Mobile app", 25),
    ("Web app", 30),
    ("Integrations", 15),
    ("Account", 10),
];

/// Relative ticket volume per hour of the day, 0 to 23.
const HOUR_WEIGHTS: [u32; 24] = [
    1, 1, 1, 1, 1, 2, 3, 6, 10, 12, 12, 11, 9, 10, 11, 10, 9, 7, 5, 4, 3, 2, 2, 1,
];

// --- Tickets --------------------------------------------------------------

struct SampleTicket {
    id: u32,
    status: &'static str,
    priority: &'static str,
    via: &'static str,
    group: &'static str,
    assignee: Option<&'static str>,
    created: NaiveDateTime,
    /// `None` while no agent has replied.
    first_reply_secs: Option<i64>,
    /// `None` while the ticket is open.
    solved: Option<NaiveDateTime>,
    satisfaction: &'static str,
    reopens: u32,
    replies: u32,
    product: &'static str,
}

/// Lists every day from [`FIRST_DAY`] to [`LAST_DAY`].
fn days() -> impl Iterator<Item = NaiveDate> {
    FIRST_DAY.iter_days().take_while(|day| *day <= LAST_DAY)
}

fn is_weekend(day: NaiveDate) -> bool {
    use chrono::Datelike;
    day.weekday().number_from_monday() >= 6
}

/// Draws how many contacts arrive on a day: `weekday_mean` on weekdays, a third
/// of it at weekends, growing by up to 30 % towards the end of the year,
/// with ±20 % noise.
fn daily_count(rng: &mut SplitMix64, day: NaiveDate, weekday_mean: f64) -> u64 {
    let elapsed = (day - FIRST_DAY).num_days() as f64;
    let span = (LAST_DAY - FIRST_DAY).num_days().max(1) as f64;
    let growth = 1.0 + 0.3 * elapsed / span;
    let base = if is_weekend(day) {
        weekday_mean / 3.0
    } else {
        weekday_mean
    };
    let noise = 0.8 + 0.4 * rng.unit();
    (base * growth * noise).round() as u64
}

/// Draws a moment on `day`, more often in office hours.
fn moment_on(rng: &mut SplitMix64, day: NaiveDate) -> NaiveDateTime {
    let weights: Vec<(u32, u32)> = (0u32..).zip(HOUR_WEIGHTS).collect();
    let hour = *rng.pick(&weights);
    let second_of_hour = rng.below(3600) as u32;
    let time = day.and_hms_opt(hour, second_of_hour / 60, second_of_hour % 60);
    time.unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN))
}

fn seconds(secs: f64) -> TimeDelta {
    TimeDelta::seconds(secs.round() as i64)
}

/// Chooses the group a ticket goes to, from its product, channel and
/// priority.
fn route(rng: &mut SplitMix64, product: &str, via: &str, priority: &str) -> usize {
    if product == "Billing" && rng.chance(0.8) {
        BILLING
    } else if (product == "Integrations" || via == "API") && rng.chance(0.7) {
        TECHNICAL
    } else if product == "Account" && rng.chance(0.5) {
        ONBOARDING
    } else if (priority == "High" || priority == "Urgent") && rng.chance(0.3) {
        TIER_2
    } else {
        TIER_1
    }
}

fn generate_tickets(rng: &mut SplitMix64) -> Vec<SampleTicket> {
    let channel_weights: Vec<(&Channel, u32)> = CHANNELS
        .iter()
        .map(|channel| (channel, channel.weight))
        .collect();
    let mut tickets = Vec::new();
    let mut next_id = 10_001;

    for day in days() {
        let count = daily_count(rng, day, 15.0);
        let mut created_today: Vec<NaiveDateTime> =
            (0..count).map(|_| moment_on(rng, day)).collect();
        created_today.sort();

        for created in created_today.into_iter().filter(|c| *c < EXPORT_AT) {
            let channel = *rng.pick(&channel_weights);
            let (priority, urgency) = *rng.pick(&PRIORITIES);
            let product = *rng.pick(&PRODUCTS);
            let (group, agents) = GROUPS[route(rng, product, channel.via, priority)];
            let agent = agents[rng.below(agents.len() as u64) as usize];
            let pace = agent_pace(agent) * urgency;

            let reply_secs = rng
                .log_normal(channel.reply_minutes * 60.0 * pace, 1.1)
                .max(30.0);
            let mut replies = 1;
            while replies < 8 && rng.chance(channel.more_replies) {
                replies += 1;
            }
            let reopens = if rng.chance(0.08) {
                1 + u32::from(rng.chance(0.2))
            } else {
                0
            };
            let mut solve_secs =
                reply_secs + rng.log_normal(channel.solve_minutes * 60.0 * pace, 1.2);
            for _ in 0..reopens {
                solve_secs += rng.log_normal(2.0 * 86_400.0, 0.8);
            }
            let stuck = rng.chance(0.09);

            let mut ticket = SampleTicket {
                id: next_id,
                status: "Open",
                priority,
                via: channel.via,
                group,
                assignee: Some(agent),
                created,
                first_reply_secs: None,
                solved: None,
                satisfaction: "Not Offered",
                reopens: 0,
                replies: 0,
                product,
            };
            next_id += 1;

            let replied_at = created + seconds(reply_secs);
            let solved_at = created + seconds(solve_secs);
            if replied_at > EXPORT_AT {
                // No agent has replied yet, and half of these tickets are
                // not assigned.
                if rng.chance(0.5) {
                    ticket.status = "New";
                    ticket.assignee = None;
                }
            } else if stuck || solved_at > EXPORT_AT {
                ticket.status = *rng.pick(&[("Open", 50), ("Pending", 35), ("Hold", 15)]);
                ticket.first_reply_secs = Some(seconds(reply_secs).num_seconds());
                ticket.replies = replies + reopens;
                ticket.reopens = reopens;
            } else {
                // Solved tickets older than four days are Closed, as
                // Zendesk's default close automation does.
                let closed = EXPORT_AT - solved_at > TimeDelta::days(4);
                ticket.status = if closed { "Closed" } else { "Solved" };
                ticket.first_reply_secs = Some(seconds(reply_secs).num_seconds());
                ticket.solved = Some(solved_at);
                ticket.replies = replies + reopens;
                ticket.reopens = reopens;
                ticket.satisfaction = satisfaction(rng, reopens, solve_secs);
            }
            tickets.push(ticket);
        }
    }
    tickets
}

/// Draws Zendesk's satisfaction text for a solved ticket. The survey goes
/// out for 60 % of tickets and 55 % of those are rated. Reopened or slow
/// tickets are rated Bad more often.
fn satisfaction(rng: &mut SplitMix64, reopens: u32, solve_secs: f64) -> &'static str {
    if !rng.chance(0.6) {
        return "Not Offered";
    }
    if !rng.chance(0.55) {
        return "Offered";
    }
    let mut bad = 0.1;
    if reopens > 0 {
        bad += 0.15;
    }
    if solve_secs > 3.0 * 86_400.0 {
        bad += 0.1;
    }
    if rng.chance(bad) {
        "Bad"
    } else {
        "Good"
    }
}

/// Whole minutes, as Zendesk writes its duration columns.
fn minutes(secs: i64) -> String {
    ((secs as f64) / 60.0).round().to_string()
}

fn render_tickets(tickets: &[SampleTicket]) -> String {
    let mut out = String::new();
    push_row(&mut out, &TICKETS_HEADER);

    for ticket in tickets {
        let solve_secs = ticket
            .solved
            .map(|solved| (solved - ticket.created).num_seconds());
        let row = [
            ticket.id.to_string(),
            ticket.status.to_string(),
            ticket.priority.to_string(),
            ticket.via.to_string(),
            ticket.group.to_string(),
            ticket.assignee.unwrap_or_default().to_string(),
            ticket.created.format(TIMESTAMP_FORMAT).to_string(),
            format_optional(
                ticket
                    .solved
                    .map(|s| s.format(TIMESTAMP_FORMAT).to_string()),
            ),
            ticket.satisfaction.to_string(),
            ticket.reopens.to_string(),
            ticket.replies.to_string(),
            format_optional(ticket.first_reply_secs.map(minutes)),
            format_optional(solve_secs.map(minutes)),
            ticket.product.to_string(),
        ];
        push_row(&mut out, &row);
    }
    out
}

fn format_optional(value: Option<String>) -> String {
    value.unwrap_or_default()
}

// --- Survey ---------------------------------------------------------------

/// Picks a whole number from `low..=high`.
fn between(rng: &mut SplitMix64, low: u64, high: u64) -> u64 {
    low + rng.below(high - low + 1)
}

/// Draws a CSAT score on 1–5 that agrees with the ticket's own rating where it
/// has one.
fn csat_answer(rng: &mut SplitMix64, ticket: &SampleTicket) -> u64 {
    match ticket.satisfaction {
        "Good" => between(rng, 4, 5),
        "Bad" => between(rng, 1, 3),
        _ if ticket.reopens > 0 => *rng.pick(&[(1, 15), (2, 15), (3, 20), (4, 30), (5, 20)]),
        _ => *rng.pick(&[(1, 5), (2, 7), (3, 10), (4, 33), (5, 45)]),
    }
}

/// Draws an NPS score on 0–10 that mostly agrees with the CSAT score.
fn nps_answer(rng: &mut SplitMix64, csat: u64) -> u64 {
    let (promoter, passive) = match csat {
        5 => (0.70, 0.25),
        4 => (0.35, 0.45),
        _ => (0.0, 0.20),
    };
    let roll = rng.unit();
    if roll < promoter {
        between(rng, 9, 10)
    } else if roll < promoter + passive {
        between(rng, 7, 8)
    } else {
        // Detractors mostly give 5 or 6, few give 0.
        *rng.pick(&[(0, 1), (1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (6, 4)])
    }
}

/// Draws a CES score on the 1–7 agreement scale (7 = very easy), from
/// CSAT + 1 to CSAT + 3.
fn ces_answer(rng: &mut SplitMix64, csat: u64) -> u64 {
    let nudge = rng.below(3);
    (csat + 1 + nudge).clamp(1, 7)
}

fn render_survey(tickets: &[SampleTicket], rng: &mut SplitMix64) -> String {
    let mut answers = Vec::new();

    for ticket in tickets {
        let Some(solved) = ticket.solved else {
            continue;
        };
        if !rng.chance(0.35) {
            continue;
        }
        let answered = solved + seconds(rng.log_normal(3.0 * 3600.0, 1.0));
        let csat = csat_answer(rng, ticket);
        let nps = nps_answer(rng, csat);
        let ces = ces_answer(rng, csat);
        if answered > EXPORT_AT {
            continue;
        }

        // Respondents skip questions: CSAT rarely, CES most often.
        let blank_or = |rng: &mut SplitMix64, skip: f64, value: u64| {
            if rng.chance(skip) {
                String::new()
            } else {
                value.to_string()
            }
        };
        let row = [
            answered.format(TIMESTAMP_FORMAT).to_string(),
            ticket.id.to_string(),
            ticket.assignee.unwrap_or_default().to_string(),
            blank_or(rng, 0.05, csat),
            blank_or(rng, 0.15, nps),
            blank_or(rng, 0.35, ces),
        ];
        answers.push((answered, row));
    }

    // Forms list responses in the order they were submitted.
    answers.sort_by_key(|(answered, _)| *answered);
    let mut out = String::new();
    push_row(&mut out, &SURVEY_HEADER);
    for (_, row) in answers {
        push_row(&mut out, &row);
    }
    out
}

// --- Calls ----------------------------------------------------------------

/// Campaign, weight, group that takes the calls, median talk seconds.
const CAMPAIGNS: [((&str, usize, f64), u32); 3] = [
    (("Support - General", TIER_1, 240.0), 55),
    (("Support - Billing", BILLING, 300.0), 25),
    (("Support - Technical", TECHNICAL, 480.0), 20),
];

/// Five9's `HH:MM:SS` duration.
fn clock(secs: u64) -> String {
    format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

fn render_calls(rng: &mut SplitMix64) -> String {
    let mut out = String::new();
    push_row(&mut out, &CALLS_HEADER);
    let mut next_id: u64 = 300_000_001;

    for day in days() {
        let mut started_today: Vec<NaiveDateTime> = (0..daily_count(rng, day, 12.0))
            .map(|_| moment_on(rng, day))
            .collect();
        started_today.sort();

        for started in started_today.into_iter().filter(|s| *s < EXPORT_AT) {
            let (campaign, group, talk_median) = *rng.pick(&CAMPAIGNS);
            let wait = rng.log_normal(35.0, 0.9).round() as u64;
            // Callers who wait past three minutes hang up half the time.
            let abandon_chance = if wait > 180 { 0.5 } else { 0.03 };
            let abandoned = rng.chance(abandon_chance);

            let (agent, disposition, talk, hold, wrap, resolved) = if abandoned {
                ("", "Abandoned", 0, 0, 0, "")
            } else {
                let agents = GROUPS[group].1;
                let agent = agents[rng.below(agents.len() as u64) as usize];
                let talk = rng.log_normal(talk_median * agent_pace(agent), 0.6);
                let hold = if rng.chance(0.4) {
                    rng.log_normal(60.0, 0.8)
                } else {
                    0.0
                };
                let wrap = rng.log_normal(40.0, 0.5);
                let disposition = *rng.pick(&[
                    ("Resolved", 72),
                    ("Follow-up required", 18),
                    ("Transferred", 10),
                ]);
                let resolved = if disposition == "Resolved" {
                    "Yes"
                } else {
                    "No"
                };
                let talk = talk.round().max(1.0) as u64;
                (
                    agent,
                    disposition,
                    talk,
                    hold.round() as u64,
                    wrap.round() as u64,
                    resolved,
                )
            };

            let row = [
                next_id.to_string(),
                started.format(FIVE9_FORMAT).to_string(),
                campaign.to_string(),
                "Inbound".to_string(),
                agent.to_string(),
                disposition.to_string(),
                clock(wait),
                clock(talk),
                clock(hold),
                clock(wrap),
                u8::from(abandoned).to_string(),
                resolved.to_string(),
            ];
            push_row(&mut out, &row);
            next_id += 1;
        }
    }
    out
}

// --- CSV ------------------------------------------------------------------

/// Appends one CSV record, quoting fields that contain a comma, a quote or
/// a line break (RFC 4180).
fn push_row<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        let field = field.as_ref();
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::load::{load_file, LoadedFile};
    use crate::core::model::FileKind;
    use crate::core::problem::Severity;
    use crate::core::report::{build, Kpi};
    use crate::core::settings::{Clock, ReadOptions, Settings};
    use crate::core::sla::{SlaPolicy, SlaRule, SlaTarget};

    /// Splits one line of the sample files into fields. The files quote
    /// only fields with a comma and hold no quotes or line breaks inside
    /// fields, so this is enough.
    fn split(line: &str) -> Vec<String> {
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => fields.push(std::mem::take(&mut field)),
                _ => field.push(c),
            }
        }
        fields.push(field);
        fields
    }

    /// The named file's rows, header first, as fields.
    fn rows(name: &str) -> Vec<Vec<String>> {
        let files = files();
        let (_, bytes) = files
            .iter()
            .find(|(n, _)| n == name)
            .expect("file generated");
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        text.lines().map(split).collect()
    }

    fn timestamp(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, TIMESTAMP_FORMAT).expect("timestamp")
    }

    /// Seconds of a `HH:MM:SS` cell.
    fn clock_secs(text: &str) -> i64 {
        let parts: Vec<i64> = text
            .split(':')
            .map(|p| p.parse().expect("number"))
            .collect();
        assert_eq!(parts.len(), 3, "{text}");
        parts[0] * 3600 + parts[1] * 60 + parts[2]
    }

    #[test]
    fn splitmix64_matches_reference_output() {
        // The first two outputs of SplitMix64 seeded with 0, the values
        // that independent implementations test against.
        let mut rng = SplitMix64::new(0);

        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn files_are_identical_on_every_call() {
        assert_eq!(files(), files());
    }

    #[test]
    fn files_have_expected_names_and_headers() {
        let files = files();
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();

        assert_eq!(names, [TICKETS_FILE, SURVEY_FILE, CALLS_FILE]);
        assert_eq!(rows(TICKETS_FILE)[0], TICKETS_HEADER);
        assert_eq!(rows(SURVEY_FILE)[0], SURVEY_HEADER);
        assert_eq!(rows(CALLS_FILE)[0], CALLS_HEADER);
    }

    #[test]
    fn every_row_has_as_many_fields_as_its_header() {
        for name in [TICKETS_FILE, SURVEY_FILE, CALLS_FILE] {
            let rows = rows(name);
            for (index, row) in rows.iter().enumerate() {
                assert_eq!(row.len(), rows[0].len(), "{name} line {}", index + 1);
            }
        }
    }

    #[test]
    fn row_counts_stay_within_a_few_thousand() {
        // 184 days at about 15 tickets a weekday (5 a weekend day) and
        // +15 % growth on average: 131 × 15 × 1.15 + 53 × 5 × 1.15 ≈ 2,560
        // tickets. Calls at 12 a weekday: about 2,050. Surveys: 35 % of
        // roughly 2,300 solved tickets ≈ 800.
        let tickets = rows(TICKETS_FILE).len() - 1;
        let survey = rows(SURVEY_FILE).len() - 1;
        let calls = rows(CALLS_FILE).len() - 1;

        assert!((2_200..=2_900).contains(&tickets), "{tickets} tickets");
        assert!((600..=1_000).contains(&survey), "{survey} survey responses");
        assert!((1_750..=2_350).contains(&calls), "{calls} calls");
    }

    #[test]
    fn tickets_cover_the_organisation() {
        let rows = rows(TICKETS_FILE);
        let distinct = |column: usize| {
            let mut values: Vec<&str> = rows[1..].iter().map(|r| r[column].as_str()).collect();
            values.sort();
            values.dedup();
            values.retain(|v| !v.is_empty());
            values.len()
        };

        // Columns: 3 Via, 4 Group, 5 Assignee, 13 Product [list].
        assert_eq!(distinct(3), 5);
        assert_eq!(distinct(4), 5);
        assert_eq!(distinct(5), 20);
        assert_eq!(distinct(13), 5);
    }

    #[test]
    fn tickets_are_inside_the_half_year() {
        let first = FIRST_DAY.and_hms_opt(0, 0, 0).expect("midnight");

        for row in &rows(TICKETS_FILE)[1..] {
            let created = timestamp(&row[6]);
            assert!(created >= first, "ticket {} created {created}", row[0]);
            assert!(created < EXPORT_AT, "ticket {} created {created}", row[0]);
        }
    }

    #[test]
    fn solved_tickets_have_consistent_times() {
        for row in &rows(TICKETS_FILE)[1..] {
            if !matches!(row[1].as_str(), "Solved" | "Closed") {
                continue;
            }
            let created = timestamp(&row[6]);
            let solved = timestamp(&row[7]);
            let reply: i64 = row[11].parse().expect("first reply minutes");
            let resolution: i64 = row[12].parse().expect("resolution minutes");

            assert!(solved >= created, "ticket {}", row[0]);
            assert!(solved <= EXPORT_AT, "ticket {}", row[0]);
            assert!(reply >= 0, "ticket {}", row[0]);
            // Rounding each to whole minutes can put the reply one minute
            // past the resolution, never more.
            assert!(reply <= resolution + 1, "ticket {}", row[0]);
            // The minutes column is the timestamps' difference, rounded.
            let secs = (solved - created).num_seconds();
            assert!((resolution * 60 - secs).abs() <= 30, "ticket {}", row[0]);
        }
    }

    #[test]
    fn open_tickets_have_no_solve_time() {
        let rows = rows(TICKETS_FILE);
        let mut open = 0;

        for row in &rows[1..] {
            if matches!(row[1].as_str(), "New" | "Open" | "Pending" | "Hold") {
                open += 1;
                assert_eq!(row[7], "", "ticket {} Solved at", row[0]);
                assert_eq!(row[12], "", "ticket {} resolution", row[0]);
                assert_eq!(row[8], "Not Offered", "ticket {} rating", row[0]);
            }
        }

        // About 9 % stuck plus the tickets of the last days whose solve
        // falls after the export: aim at roughly 10 %.
        let share = open as f64 / (rows.len() - 1) as f64;
        assert!((0.05..=0.15).contains(&share), "open share {share}");
    }

    #[test]
    fn new_tickets_have_no_reply() {
        for row in &rows(TICKETS_FILE)[1..] {
            if row[1] == "New" {
                assert_eq!(row[5], "", "ticket {} assignee", row[0]);
                assert_eq!(row[10], "0", "ticket {} replies", row[0]);
                assert_eq!(row[11], "", "ticket {} first reply", row[0]);
            }
        }
    }

    #[test]
    fn some_tickets_are_reopened() {
        let rows = rows(TICKETS_FILE);
        let reopened = rows[1..].iter().filter(|r| r[9] != "0").count();

        // 8 % of about 2,500 tickets is 200.
        assert!((100..=300).contains(&reopened), "{reopened} reopened");
    }

    #[test]
    fn survey_answers_follow_solved_tickets() {
        let tickets = rows(TICKETS_FILE);
        let survey = rows(SURVEY_FILE);

        for answer in &survey[1..] {
            let ticket = tickets[1..]
                .iter()
                .find(|t| t[0] == answer[1])
                .expect("ticket");
            let answered = timestamp(&answer[0]);
            assert!(answered >= timestamp(&ticket[7]), "ticket {}", answer[1]);
            assert!(answered <= EXPORT_AT, "ticket {}", answer[1]);
            assert_eq!(answer[2], ticket[5], "agent of ticket {}", answer[1]);
        }
    }

    #[test]
    fn survey_scores_are_on_their_scales_with_blanks() {
        let survey = rows(SURVEY_FILE);
        let scales = [(3, 1, 5), (4, 0, 10), (5, 1, 7)];

        for (column, low, high) in scales {
            let mut blanks = 0;
            for answer in &survey[1..] {
                if answer[column].is_empty() {
                    blanks += 1;
                    continue;
                }
                let score: u64 = answer[column].parse().expect("whole number");
                assert!((low..=high).contains(&score), "{score} in column {column}");
            }
            assert!(blanks > 0, "column {column} has no blank answer");
        }
    }

    #[test]
    fn calls_have_no_negative_or_missing_durations() {
        for call in &rows(CALLS_FILE)[1..] {
            NaiveDateTime::parse_from_str(&call[1], FIVE9_FORMAT).expect("Five9 timestamp");
            for column in 6..=9 {
                assert!(clock_secs(&call[column]) >= 0, "call {}", call[0]);
            }
        }
    }

    #[test]
    fn abandoned_calls_have_no_agent_or_talk_time() {
        let calls = rows(CALLS_FILE);
        let mut abandoned = 0;

        for call in &calls[1..] {
            match call[10].as_str() {
                "1" => {
                    abandoned += 1;
                    assert_eq!(call[4], "", "call {} agent", call[0]);
                    assert_eq!(call[7], "00:00:00", "call {} talk", call[0]);
                    assert_eq!(call[11], "", "call {} resolution", call[0]);
                }
                "0" => {
                    assert_ne!(call[4], "", "call {} agent", call[0]);
                    assert!(clock_secs(&call[7]) > 0, "call {} talk", call[0]);
                    assert!(
                        matches!(call[11].as_str(), "Yes" | "No"),
                        "call {}",
                        call[0]
                    );
                }
                other => panic!("call {}: ABANDONED is {other:?}", call[0]),
            }
        }
        assert!(abandoned > 0);
    }

    /// Loads every sample file through the page's loader.
    fn loaded() -> Vec<LoadedFile> {
        files()
            .iter()
            .map(|(name, bytes)| load_file(name, bytes, ReadOptions::default()))
            .collect()
    }

    #[test]
    fn loader_reads_each_file_as_its_kind() {
        let loaded = loaded();

        // The ticket export's Satisfaction Score column makes it a survey
        // file as well.
        assert_eq!(loaded[0].kinds, [FileKind::Tickets, FileKind::Survey]);
        assert_eq!(loaded[1].kinds, [FileKind::Survey]);
        assert_eq!(loaded[2].kinds, [FileKind::Calls]);
    }

    #[test]
    fn loader_counts_every_line_as_a_record() {
        for (file, (name, bytes)) in loaded().iter().zip(files()) {
            // Each record is one line, and the header is not a record.
            let lines = bytes.iter().filter(|byte| **byte == b'\n').count();

            assert_eq!(file.rows.total, lines - 1, "{name}");
        }
    }

    #[test]
    fn loader_reports_no_errors() {
        for file in loaded() {
            let errors: Vec<String> = file
                .problems
                .iter()
                .filter(|problem| problem.severity == Severity::Error)
                .map(|problem| problem.to_string())
                .collect();

            assert!(errors.is_empty(), "{}: {errors:?}", file.name);
        }
    }

    #[test]
    fn report_has_data_for_every_kpi() {
        // UTC has no daylight-saving change, so every local time exists
        // exactly once.
        let as_of = EXPORT_AT.and_utc();
        let mut settings = Settings::new("UTC", as_of);
        // The sample export has no SLA status column, so SLA figures need
        // a policy: 4 h to first reply and 2 days to resolve, any priority.
        let target = |hours: f64| {
            Some(SlaTarget {
                seconds: hours * 3600.0,
                clock: Clock::Calendar,
            })
        };
        settings.sla = SlaPolicy {
            rules: vec![SlaRule {
                priority: None,
                first_response: target(4.0),
                resolution: target(48.0),
            }],
        };

        let report = build(&loaded(), &settings);

        for kpi in Kpi::ALL {
            let figure = report.figure(kpi).expect("headline figure");
            assert!(figure.value.is_some(), "{kpi:?}: {}", figure.display);
            assert!(figure.n > 0, "{kpi:?}");
        }
    }

    #[test]
    fn clock_writes_hours_minutes_seconds() {
        // 3,725 s = 1 h 2 min 5 s.
        assert_eq!(clock(3_725), "01:02:05");
        assert_eq!(clock(0), "00:00:00");
    }

    #[test]
    fn push_row_quotes_fields_with_commas_and_quotes() {
        let mut out = String::new();

        push_row(&mut out, &["a", "Thu, 1 Aug", "say \"hi\""]);

        assert_eq!(out, "a,\"Thu, 1 Aug\",\"say \"\"hi\"\"\"\n");
    }
}
