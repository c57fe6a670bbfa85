//! Errors from the browser (a file it could not read, storage that is
//! full), each with a button to dismiss it.

use leptos::prelude::*;

use crate::ui::state::AppState;

/// Lists the browser's errors, newest last.
#[component]
pub fn ErrorList() -> impl IntoView {
    let state = AppState::expect();
    let dismiss = move |_| state.errors.set(Vec::new());

    view! {
        <Show when=move || state.errors.with(|errors| !errors.is_empty())>
            <div class="errors" role="alert" data-testid="errors">
                <ul>
                    {move || {
                        state
                            .errors
                            .get()
                            .into_iter()
                            .map(|message| view! { <li>{message}</li> })
                            .collect_view()
                    }}
                </ul>
                <button type="button" on:click=dismiss>"Dismiss"</button>
            </div>
        </Show>
    }
}
