//! The loaded files, one card each.

use std::sync::Arc;

use leptos::prelude::*;

use crate::ui::file_card::FileCard;
use crate::ui::state::AppState;

/// Lists every loaded file, in the order it was added.
#[component]
pub fn FileList() -> impl IntoView {
    let state = AppState::expect();

    view! {
        <ul class="file-list" data-testid="file-list">
            <For
                each=move || state.files.get()
                // A re-read file gets a new summary, so its card is rebuilt.
                key=|entry| (entry.id, Arc::as_ptr(&entry.summary) as usize)
                let:entry
            >
                <li>
                    <FileCard entry=entry/>
                </li>
            </For>
        </ul>
    }
}
