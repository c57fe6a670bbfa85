//! Message-level conversation logs: one row per message, rebuilt into
//! conversations, one [`Ticket`] each, and the figures only messages give.
//!
//! A message belongs to the conversation its conversation id names. A log
//! without one (social exports such as the Twitter support corpus) links
//! each message to the one it replies to. A thread is then every message
//! that leads back, reply by reply, to the same root. The root is the
//! message that replies to nothing, or whose parent is not in the file.
//! Reply loops are cut where the walk meets a message it already passed.
//!
//! Who sent a message is read at load ([`sender_of_type`], an inbound flag
//! or the user's list of agent names). Only public messages of human agents
//! answer the customer: bot, automation and campaign messages and private
//! notes never stop the clock, as Zendesk, Intercom and Chatwoot count it.
//!
//! This module does not read cells or compute ticket KPIs; the rebuilt
//! tickets go through the same figures as any ticket export.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::core::columns;
use crate::core::format;
use crate::core::load::LoadedFile;
use crate::core::model::{Dims, Stamp, Ticket, TicketState};
use crate::core::settings::Settings;
use crate::core::stats;
use crate::core::zone::{Reading, Zone};

/// The sender of a message.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sender {
    Customer,
    /// A human agent.
    Agent,
    /// A bot, an automation or an auto-responder.
    Bot,
    #[default]
    Unknown,
}

/// One message of a conversation log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Message {
    pub line: u64,
    pub conversation_id: Option<String>,
    pub message_id: Option<String>,
    /// The id of the message this one replies to, for logs linked by
    /// reply ids.
    pub in_reply_to: Option<String>,
    pub sent_at: Option<Stamp>,
    pub author: Option<String>,
    pub sender: Sender,
    /// An internal note the customer never sees.
    pub private: bool,
    /// A bot hand-off event row: a human agent takes over from here.
    pub handoff: bool,
    /// The conversation's status on this row, where the log has a status
    /// column (Intercom's `conversation_state`), as written and as read.
    pub status: Option<(String, TicketState)>,
    /// The row's breakdown values (channel, team, ...).
    pub dims: Dims,
}

impl Message {
    /// Returns whether this is a public message of a human agent, the only
    /// kind that counts as a reply.
    pub fn is_human_reply(&self) -> bool {
        self.sender == Sender::Agent && !self.private && !self.handoff
    }
}

/// Reads an author-type cell: Chatwoot's `contact`, `user`, `agent_bot`,
/// Intercom-style `admin` and `bot`, and the message directions
/// `incoming` and `outgoing`. `None` for text it does not know.
///
/// ```
/// use service_kpis::core::conversations::{sender_of_type, Sender};
/// assert_eq!(sender_of_type("contact"), Some(Sender::Customer));
/// assert_eq!(sender_of_type("agent_bot"), Some(Sender::Bot));
/// assert_eq!(sender_of_type("user"), Some(Sender::Agent));
/// ```
pub fn sender_of_type(text: &str) -> Option<Sender> {
    let folded = columns::match_text(text);
    let customer = [
        "contact",
        "customer",
        "lead",
        "end user",
        "enduser",
        "requester",
        "visitor",
        "client",
        "incoming",
        "inbound",
    ];
    let agent = [
        "user",
        "agent",
        "admin",
        "teammate",
        "staff",
        "human agent",
        "outgoing",
        "outbound",
    ];
    let bot = [
        "agent bot",
        "bot",
        "automation",
        "automated",
        "system",
        "campaign",
        "operator",
        "captain",
        "auto reply",
        "autoresponder",
        "activity",
        "template",
    ];
    if customer.contains(&folded.as_str()) {
        Some(Sender::Customer)
    } else if agent.contains(&folded.as_str()) {
        Some(Sender::Agent)
    } else if bot.contains(&folded.as_str()) || is_handoff(text) {
        Some(Sender::Bot)
    } else {
        None
    }
}

/// True for an event cell that marks a bot handing the conversation to a
/// human, such as Chatwoot's `conversation_bot_handoff`.
pub fn is_handoff(text: &str) -> bool {
    let folded = columns::match_text(text);
    let words = ["handoff", "hand off", "handover", "hand over", "handed off"];
    words.iter().any(|w| folded.contains(w))
}

/// Tells a message's sender from an inbound flag: a customer's message is
/// inbound, the company's is not.
pub fn sender_of_inbound(inbound: bool) -> Sender {
    match inbound {
        true => Sender::Customer,
        false => Sender::Agent,
    }
}

/// Groups messages into conversations and returns, for each, the indexes
/// of its messages in file order. Conversations come in the order of their
/// first message in the file.
///
/// A message with a conversation id joins that conversation. Otherwise it
/// joins the thread of its root, found by walking reply links without
/// recursion: a missing parent makes the last message reached the root,
/// and a loop makes the message where the walk closes it the root.
pub fn conversations(messages: &[Message]) -> Vec<Vec<usize>> {
    let roots = thread_roots(messages);
    let mut order: Vec<Vec<usize>> = Vec::new();
    let mut by_key: HashMap<Key, usize> = HashMap::new();
    for (index, message) in messages.iter().enumerate() {
        let key = match &message.conversation_id {
            Some(id) => Key::Conversation(id.clone()),
            None => Key::Thread(roots.get(index).copied().unwrap_or(index)),
        };
        let slot = *by_key.entry(key).or_insert_with(|| {
            order.push(Vec::new());
            order.len() - 1
        });
        if let Some(members) = order.get_mut(slot) {
            members.push(index);
        }
    }
    order
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Conversation(String),
    Thread(usize),
}

/// Finds the root message of each message's reply thread.
fn thread_roots(messages: &[Message]) -> Vec<usize> {
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (index, message) in messages.iter().enumerate() {
        if let Some(id) = message.message_id.as_deref() {
            // A repeated id keeps its first message, so links stay stable.
            by_id.entry(id).or_insert(index);
        }
    }
    let parent = |index: usize| -> Option<usize> {
        let wanted = messages.get(index)?.in_reply_to.as_deref()?;
        by_id.get(wanted).copied()
    };

    let mut root: Vec<Option<usize>> = vec![None; messages.len()];
    let mut on_path = vec![false; messages.len()];
    let mut path = Vec::new();
    for start in 0..messages.len() {
        path.clear();
        let mut current = start;
        let found = loop {
            if let Some(known) = root[current] {
                break known;
            }
            if on_path[current] {
                break current;
            }
            on_path[current] = true;
            path.push(current);
            match parent(current) {
                Some(next) => current = next,
                None => break current,
            }
        };
        for &index in &path {
            root[index] = Some(found);
            on_path[index] = false;
        }
    }
    root.iter()
        .enumerate()
        .map(|(index, found)| found.unwrap_or(index))
        .collect()
}

/// Rebuilds one ticket per conversation.
///
/// - id: the conversation id, else the root message's id;
/// - created: the first customer message, or the first message of a
///   conversation without a customer message. A bot hand-off row between
///   it and the first human reply moves it to the hand-off, because the
///   agent's clock starts there, as Chatwoot measures it;
/// - first reply: the first public human agent message at or after the
///   creation time; `None` when there is none;
/// - replies: the public human agent messages;
/// - status and state: the last status cell in time order, if any;
/// - dims: the first message's, with the first replying agent as agent.
pub fn tickets(messages: &[Message]) -> Vec<Ticket> {
    conversations(messages)
        .iter()
        .map(|members| ticket(messages, members))
        .collect()
}

fn ticket(messages: &[Message], members: &[usize]) -> Ticket {
    let mut timed: Vec<&Message> = members
        .iter()
        .filter_map(|&index| messages.get(index))
        .collect();
    let first = timed.first().copied();
    let id = first
        .and_then(|m| m.conversation_id.clone())
        .or_else(|| root_of(&timed).and_then(|m| m.message_id.clone()));
    let line = timed.iter().map(|m| m.line).min().unwrap_or(0);
    let mut dims = first.map(|m| m.dims.clone()).unwrap_or_default();
    let replies = timed.iter().filter(|m| m.is_human_reply()).count();

    // A stable sort keeps file order between messages sent at once.
    timed.retain(|m| m.sent_at.is_some());
    timed.sort_by_key(|m| m.sent_at);
    let asked = timed.iter().find(|m| m.sender == Sender::Customer);
    let mut start = asked.or(timed.first()).and_then(|m| m.sent_at);
    // Without a customer message there is nothing to reply to.
    let reply = asked.and_then(|_| {
        timed
            .iter()
            .find(|m| m.is_human_reply() && m.sent_at >= start)
    });
    if let (Some(reply_at), Some(created)) = (reply.and_then(|m| m.sent_at), start) {
        let handoff = timed
            .iter()
            .filter(|m| m.handoff)
            .filter_map(|m| m.sent_at)
            .filter(|at| *at >= created && *at <= reply_at)
            .max();
        // TODO: keep the creation time and start only the reply clock at
        // the hand-off; Ticket has no separate clock start yet.
        start = handoff.or(start);
    }
    dims.agent = reply.and_then(|m| m.author.clone()).or(dims.agent);
    let status = timed.iter().rev().find_map(|m| m.status.clone());

    Ticket {
        line,
        id,
        state: status.as_ref().map_or(TicketState::Unknown, |(_, s)| *s),
        status: status.map(|(text, _)| text),
        created: start,
        first_response_at: reply.and_then(|m| m.sent_at),
        replies: Some(u32::try_from(replies).unwrap_or(u32::MAX)),
        dims,
        ..Ticket::default()
    }
}

/// Finds a thread's root: the message that replies to nothing or to a
/// message outside the thread, else (in a loop) the first message.
fn root_of<'m>(thread: &[&'m Message]) -> Option<&'m Message> {
    let ids: HashSet<&str> = thread
        .iter()
        .filter_map(|m| m.message_id.as_deref())
        .collect();
    let answers_outside = |m: &&&Message| match m.in_reply_to.as_deref() {
        None => true,
        Some(parent) => !ids.contains(parent),
    };
    thread
        .iter()
        .find(answers_outside)
        .or(thread.first())
        .copied()
}

/// A mean and median with the count behind them, as the page shows them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Average {
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub n: usize,
    pub definition: String,
    /// e.g. `median 1 h 05 m, mean 1 h 10 m (n = 4)`, or no data.
    pub display: String,
}

/// Figures that only a message log gives.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ConversationStats {
    pub conversations: usize,
    pub messages: usize,
    /// Conversations with no public human agent message.
    pub without_human_reply: usize,
    /// Public human agent messages per conversation.
    pub replies_per_conversation: Average,
    /// Seconds from a customer's message to the next human reply, after
    /// the first reply.
    pub next_reply_time: Average,
}

/// Computes the message-level figures; `None` when no file has messages.
///
/// Replies per conversation: public human agent messages of each
/// conversation, over every conversation (those without a reply count 0).
/// Next reply time: for every human reply after the first one that
/// answers waiting customer messages, reply − the first of those customer
/// messages (Chatwoot's `waiting_since`), in seconds. The first reply is
/// first response time, so it is not counted again. Bots and private
/// notes neither reply nor wait. With a report range, only conversations
/// that start in it count: at their first customer message, else their
/// first message. Local times are read in the settings' time zone, and a
/// time that does not exist there is skipped.
///
/// ```
/// # use service_kpis::core::conversations::{stats, Message, Sender};
/// # use service_kpis::core::load::LoadedFile;
/// # use service_kpis::core::model::Stamp;
/// # use service_kpis::core::settings::Settings;
/// # use chrono::{TimeZone, Utc};
/// let at = |minute| Some(Stamp::Utc(Utc.with_ymd_and_hms(2024, 5, 6, 9, minute, 0).unwrap()));
/// let say = |minute, sender| Message {
///     conversation_id: Some("C-1".into()),
///     sent_at: at(minute),
///     sender,
///     ..Message::default()
/// };
/// let messages = vec![
///     say(0, Sender::Customer),
///     say(10, Sender::Agent),
///     say(20, Sender::Customer),
///     say(50, Sender::Agent),
/// ];
/// let file = LoadedFile { messages, ..LoadedFile::default() };
/// let settings = Settings::new("UTC", Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap());
/// let figures = stats(&[file], &settings).unwrap();
/// // The 9:10 reply is the first response; 9:20 → 9:50 is 30 min.
/// assert_eq!(figures.next_reply_time.median, Some(1800.0));
/// assert_eq!(figures.replies_per_conversation.mean, Some(2.0));
/// ```
pub fn stats(files: &[LoadedFile], settings: &Settings) -> Option<ConversationStats> {
    if files.iter().all(|file| file.messages.is_empty()) {
        return None;
    }
    let (zone, _) = Zone::from_name(&settings.time_zone);
    let mut figures = ConversationStats::default();
    let mut replies = Vec::new();
    let mut waits = Vec::new();
    for file in files {
        for members in conversations(&file.messages) {
            let thread: Vec<&Message> = members
                .iter()
                .filter_map(|&index| file.messages.get(index))
                .collect();
            if !starts_in_range(&thread, &zone, settings) {
                continue;
            }
            figures.messages += thread.len();
            let count = thread.iter().filter(|m| m.is_human_reply()).count();
            if count == 0 {
                figures.without_human_reply += 1;
            }
            replies.push(count as f64);
            waits.extend(next_reply_waits(&thread, &zone));
            figures.conversations += 1;
        }
    }

    figures.replies_per_conversation = average(
        &mut replies,
        "public human agent messages per conversation, every conversation \
         counted (0 without a reply)",
        format::scale_mean,
    );
    figures.next_reply_time = average(
        &mut waits,
        "human reply − first customer message waiting for it, after the \
         first reply; bots and private notes ignored; calendar time",
        format::elapsed,
    );
    Some(figures)
}

/// Checks whether a conversation starts inside the report's range, at its
/// first customer message or else its first message, read in the report's
/// time zone. Without a range every conversation counts. A conversation
/// without a readable time counts only then.
fn starts_in_range(thread: &[&Message], zone: &Zone, settings: &Settings) -> bool {
    let Some(range) = settings.range else {
        return true;
    };
    let earliest = |customer_only: bool| {
        thread
            .iter()
            .filter(|m| !customer_only || m.sender == Sender::Customer)
            .filter_map(|m| m.sent_at)
            .min()
    };
    let Some(start) = earliest(true).or_else(|| earliest(false)) else {
        return false;
    };
    let instant = match zone.read(start) {
        Reading::Exact(instant) | Reading::Earlier(instant) => instant,
        Reading::Nonexistent => return false,
    };
    let day = zone.local_date(instant);
    range.first <= day && day <= range.last
}

/// Seconds each later human reply of one conversation answered after.
fn next_reply_waits(thread: &[&Message], zone: &Zone) -> Vec<f64> {
    let mut timed: Vec<(chrono::DateTime<chrono::Utc>, &Message)> = thread
        .iter()
        .filter_map(|m| {
            let instant = match zone.read(m.sent_at?) {
                Reading::Exact(instant) | Reading::Earlier(instant) => instant,
                Reading::Nonexistent => return None,
            };
            Some((instant, *m))
        })
        .collect();
    timed.sort_by_key(|(instant, _)| *instant);

    let mut waits = Vec::new();
    let mut waiting_since = None;
    let mut answered_once = false;
    for (instant, message) in timed {
        if message.sender == Sender::Customer && !message.private {
            waiting_since = waiting_since.or(Some(instant));
        } else if message.is_human_reply() {
            if let (Some(since), true) = (waiting_since, answered_once) {
                waits.push((instant - since).num_milliseconds() as f64 / 1000.0);
            }
            answered_once = true;
            waiting_since = None;
        }
    }
    waits
}

fn average(values: &mut [f64], definition: &str, show: fn(f64) -> String) -> Average {
    let n = values.len();
    let Some(summary) = stats::summarize(values) else {
        return Average {
            n,
            definition: definition.to_string(),
            display: format::NO_DATA.to_string(),
            ..Average::default()
        };
    };
    Average {
        mean: Some(summary.mean),
        median: Some(summary.median),
        n,
        definition: definition.to_string(),
        display: format!(
            "median {}, mean {} (n = {n})",
            show(summary.median),
            show(summary.mean)
        ),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    fn at(minute: u32) -> Option<Stamp> {
        let instant = Utc.with_ymd_and_hms(2024, 5, 6, 9, 0, 0).single()?;
        Some(Stamp::Utc(
            instant + chrono::Duration::minutes(i64::from(minute)),
        ))
    }

    /// A message linked by reply ids, without a conversation id.
    fn tweet(id: &str, answers: Option<&str>, minute: u32, sender: Sender) -> Message {
        Message {
            message_id: Some(id.to_string()),
            in_reply_to: answers.map(str::to_string),
            sent_at: at(minute),
            sender,
            ..Message::default()
        }
    }

    fn said(minute: u32, sender: Sender) -> Message {
        Message {
            conversation_id: Some("C".to_string()),
            sent_at: at(minute),
            sender,
            ..Message::default()
        }
    }

    fn settings() -> Settings {
        let as_of = Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).single();
        Settings::new("UTC", as_of.unwrap_or_default())
    }

    fn figures(messages: Vec<Message>) -> Option<ConversationStats> {
        let file = LoadedFile {
            messages,
            ..LoadedFile::default()
        };
        stats(&[file], &settings())
    }

    #[test]
    fn replies_join_their_parents_thread_in_any_file_order() {
        // 3 answers 2, which answers 1; 2 comes first in the file. 4
        // answers nothing and starts its own thread.
        let messages = vec![
            tweet("2", Some("1"), 5, Sender::Agent),
            tweet("3", Some("2"), 9, Sender::Customer),
            tweet("1", None, 0, Sender::Customer),
            tweet("4", None, 1, Sender::Customer),
        ];

        let threads = conversations(&messages);

        assert_eq!(threads, vec![vec![0, 1, 2], vec![3]]);
        let ids: Vec<Option<String>> = tickets(&messages).into_iter().map(|t| t.id).collect();
        assert_eq!(ids, vec![Some("1".to_string()), Some("4".to_string())]);
    }

    #[test]
    fn reply_to_a_message_outside_the_file_roots_its_own_thread() {
        // 10 answers 9, which the file lacks; 11 answers 10.
        let messages = vec![
            tweet("10", Some("9"), 0, Sender::Customer),
            tweet("11", Some("10"), 4, Sender::Agent),
        ];

        let threads = conversations(&messages);
        let ticket = &tickets(&messages)[0];

        assert_eq!(threads, vec![vec![0, 1]]);
        assert_eq!(ticket.id.as_deref(), Some("10"));
        // Customer at 9:00, agent at 9:04.
        assert_eq!(ticket.first_response_at, at(4));
    }

    #[test]
    fn reply_loops_end_in_one_thread() {
        // 1 answers 3, 2 answers 1, 3 answers 2: a loop; 4 answers 3.
        let messages = vec![
            tweet("1", Some("3"), 0, Sender::Customer),
            tweet("2", Some("1"), 1, Sender::Agent),
            tweet("3", Some("2"), 2, Sender::Customer),
            tweet("4", Some("3"), 3, Sender::Agent),
        ];

        let threads = conversations(&messages);

        assert_eq!(threads, vec![vec![0, 1, 2, 3]]);
        // Every message answers one inside the thread: the first names it.
        assert_eq!(tickets(&messages)[0].id.as_deref(), Some("1"));
    }

    #[test]
    fn long_reply_chains_need_no_recursion() {
        // 200 000 messages, each answering the one before.
        let messages: Vec<Message> = (0..200_000u32)
            .map(|i| {
                let parent = i.checked_sub(1).map(|p| p.to_string());
                tweet(&i.to_string(), parent.as_deref(), 0, Sender::Customer)
            })
            .collect();

        let threads = conversations(&messages);
        let rebuilt = tickets(&messages);

        assert_eq!(threads.len(), 1);
        assert_eq!(rebuilt[0].id.as_deref(), Some("0"));
    }

    #[test]
    fn sender_types_of_chatwoot_and_intercom() {
        let cases = [
            ("contact", Some(Sender::Customer)),
            ("Customer", Some(Sender::Customer)),
            ("user", Some(Sender::Agent)),
            ("admin", Some(Sender::Agent)),
            ("Teammate", Some(Sender::Agent)),
            ("agent_bot", Some(Sender::Bot)),
            ("automation", Some(Sender::Bot)),
            ("Operator", Some(Sender::Bot)),
            ("campaign", Some(Sender::Bot)),
            ("conversation_bot_handoff", Some(Sender::Bot)),
            ("martian", None),
        ];
        for (text, expected) in cases {
            assert_eq!(sender_of_type(text), expected, "{text}");
        }
        assert_eq!(sender_of_inbound(true), Sender::Customer);
        assert_eq!(sender_of_inbound(false), Sender::Agent);
        assert!(is_handoff("bot handoff"));
        assert!(!is_handoff("user"));
    }

    #[test]
    fn conversation_without_a_customer_message_has_no_reply() {
        // The company writes first and nobody answers it.
        let messages = vec![said(0, Sender::Agent), said(5, Sender::Agent)];

        let ticket = &tickets(&messages)[0];

        assert_eq!(ticket.created, at(0));
        assert_eq!(ticket.first_response_at, None);
        assert_eq!(ticket.replies, Some(2));
    }

    #[test]
    fn next_reply_time_starts_at_the_first_waiting_message() {
        // Customer 0, agent 10 (first response), customer 20 and 25,
        // bot 26, private note 30, agent 50, customer 60, agent 62.
        // Waits after the first reply: 50 − 20 = 30 min, 62 − 60 = 2 min.
        let mut note = said(30, Sender::Agent);
        note.private = true;
        let messages = vec![
            said(0, Sender::Customer),
            said(10, Sender::Agent),
            said(20, Sender::Customer),
            said(25, Sender::Customer),
            said(26, Sender::Bot),
            note,
            said(50, Sender::Agent),
            said(60, Sender::Customer),
            said(62, Sender::Agent),
        ];

        let figures = figures(messages).expect("messages");

        let next = figures.next_reply_time;
        assert_eq!(next.n, 2);
        // Median and mean of 1800 s and 120 s: (1800 + 120) / 2 = 960 s.
        assert_eq!(next.median, Some(960.0));
        assert_eq!(next.mean, Some(960.0));
        assert_eq!(next.display, "median 16 m, mean 16 m (n = 2)");
        // Three public agent messages; the private note is not one.
        assert_eq!(figures.replies_per_conversation.mean, Some(3.0));
        assert_eq!(figures.without_human_reply, 0);
    }

    #[test]
    fn no_messages_give_no_figures_and_no_waits_give_no_data() {
        assert_eq!(figures(Vec::new()), None);

        let figures = figures(vec![said(0, Sender::Customer)]).expect("one message");

        assert_eq!(figures.conversations, 1);
        assert_eq!(figures.without_human_reply, 1);
        assert_eq!(figures.next_reply_time.n, 0);
        assert_eq!(figures.next_reply_time.display, format::NO_DATA);
        assert_eq!(figures.replies_per_conversation.median, Some(0.0));
    }

    #[test]
    fn range_keeps_conversations_started_in_it() {
        // C starts 2024-05-06 09:00; D starts the next day.
        let mut next_day = said(24 * 60, Sender::Customer);
        next_day.conversation_id = Some("D".to_string());
        let file = LoadedFile {
            messages: vec![said(0, Sender::Customer), said(5, Sender::Agent), next_day],
            ..LoadedFile::default()
        };
        let mut settings = settings();
        let day = chrono::NaiveDate::from_ymd_opt(2024, 5, 7).unwrap_or_default();
        settings.range = Some(crate::core::settings::DateRange {
            first: day,
            last: day,
        });

        let figures = stats(&[file], &settings).expect("messages");

        assert_eq!(figures.conversations, 1);
        assert_eq!(figures.messages, 1);
        assert_eq!(figures.without_human_reply, 1);
    }

    #[test]
    fn handoff_after_the_first_reply_changes_nothing() {
        // Customer 0, agent 10, hand-off 20: the clock started at 0.
        let mut handoff = said(20, Sender::Bot);
        handoff.handoff = true;
        let messages = vec![said(0, Sender::Customer), said(10, Sender::Agent), handoff];

        let ticket = &tickets(&messages)[0];

        assert_eq!(ticket.created, at(0));
        assert_eq!(ticket.first_response_at, at(10));
    }
}
