//! The loaded files, one card each, and a button that removes them all.

use std::sync::Arc;

use leptos::prelude::*;

use crate::ui::file_card::FileCard;
use crate::ui::state::AppState;

/// Lists every loaded file, in the order it was added.
#[component]
pub fn FileList() -> impl IntoView {
    let state = AppState::expect();

    view! {
        {move || {
            state.files.with(|files| !files.is_empty())
                .then(|| view! { <RemoveAllButton/> })
        }}
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

/// A button that takes every loaded file out of the report at once.
#[component]
fn RemoveAllButton() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <p>
            <button
                type="button"
                class="secondary"
                data-testid="remove-all"
                on:click=move |_| state.remove_all()
            >
                "Remove all files"
            </button>
        </p>
    }
}
