//! Figures only message logs give: conversations, those without a human
//! reply, replies per conversation and next-reply time. Also the list of
//! agent names, which separates agents from customers in such logs.

use leptos::prelude::*;

use crate::core::conversations::{Average, ConversationStats};
use crate::ui::state::AppState;

/// Renders the conversation figures while a message log is loaded, and
/// the agent names editor.
#[component]
pub fn ConversationPanel() -> impl IntoView {
    let state = AppState::expect();

    move || {
        let stats = state.report.get()?.conversations.clone()?;
        Some(view! {
            <section class="conversations" aria-labelledby="conversations-heading">
                <h2 id="conversations-heading">"Message logs"</h2>
                <StatsList stats/>
                <AgentNames/>
            </section>
        })
    }
}

/// Renders the four conversation figures, each with its n and definition.
#[component]
fn StatsList(
    /// The figures as the core computed and formatted them.
    stats: ConversationStats,
) -> impl IntoView {
    let conversations = stats.conversations;
    view! {
        <dl class="conversation-stats" data-testid="conversation-stats">
            <div data-testid="conversations-count">
                <dt>"Conversations"</dt>
                <dd>
                    <span class="stat-value">{conversations.to_string()}</span>
                    <span class="stat-note">{format!("{} messages", stats.messages)}</span>
                </dd>
            </div>
            <div data-testid="conversations-without-reply">
                <dt>"Without a human reply"</dt>
                <dd>
                    <span class="stat-value">{stats.without_human_reply.to_string()}</span>
                    <span class="stat-note">
                        {format!(
                            "of {conversations}; no public message by a human agent \
                             (bot messages and private notes do not count)"
                        )}
                    </span>
                </dd>
            </div>
            {average("Replies per conversation", "conversations-replies", &stats.replies_per_conversation)}
            {average("Next reply time", "conversations-next-reply", &stats.next_reply_time)}
        </dl>
    }
}

fn average(label: &'static str, test_id: &'static str, figure: &Average) -> impl IntoView {
    view! {
        <div data-testid=test_id>
            <dt>{label}</dt>
            <dd>
                <span class="stat-value" data-testid=format!("{test_id}-value")>
                    {figure.display.clone()}
                </span>
                // The display already states n.
                <span class="stat-note">{figure.definition.clone()}</span>
            </dd>
        </div>
    }
}

/// The agent names, one a line; saving reads every message log again.
#[component]
fn AgentNames() -> impl IntoView {
    let state = AppState::expect();
    let text = RwSignal::new(state.agent_names.get_untracked().join("\n"));

    let save = move |_| {
        let names: Vec<String> = text
            .get_untracked()
            .lines()
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::to_string)
            .collect();
        state.set_agent_names(names);
    };

    view! {
        <div class="agent-names">
            <label>
                <span>"Agent names (one a line)"</span>
                <textarea
                    rows="3"
                    spellcheck="false"
                    data-testid="agent-names"
                    prop:value=move || text.get()
                    on:input=move |event| text.set(event_target_value(&event))
                ></textarea>
            </label>
            <p class="hint">
                "For logs whose rows do not say who is an agent: these authors are agents, "
                "every other author a customer. Matched without regard to case."
            </p>
            <button type="button" data-testid="agent-names-save" on:click=save>
                "Save and read the message logs again"
            </button>
        </div>
    }
}
