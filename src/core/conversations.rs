//! Message-level conversation logs: one row per message, rebuilt into
//! conversations.

use serde::{Deserialize, Serialize};

use crate::core::load::LoadedFile;
use crate::core::model::Stamp;
use crate::core::settings::Settings;

/// Who sent a message.
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
    /// The message this one answers, for logs linked by reply ids.
    pub in_reply_to: Option<String>,
    pub sent_at: Option<Stamp>,
    pub author: Option<String>,
    pub sender: Sender,
    /// An internal note the customer never sees.
    pub private: bool,
}

/// Figures that only a message log gives.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ConversationStats {
    pub conversations: usize,
}

/// Computes the message-level figures; `None` when no file has messages.
pub fn stats(files: &[LoadedFile], settings: &Settings) -> Option<ConversationStats> {
    let _ = settings;
    if files.iter().all(|file| file.messages.is_empty()) {
        return None;
    }
    Some(ConversationStats::default())
}
