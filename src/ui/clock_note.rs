//! The line above the headline figures that states which clock the
//! duration figures run on, so that the clock choice is visible where
//! the figures are read.

use leptos::prelude::*;

use crate::core::settings::Clock;
use crate::ui::state::AppState;
use crate::ui::view;

/// Renders the clock of the duration figures.
#[component]
pub fn ClockNote() -> impl IntoView {
    let state = AppState::expect();
    let clock = move || state.settings.with(|settings| settings.clock);
    let text = move || state.settings.with(view::clock_text);

    view! {
        <p
            class="clock-note"
            data-testid="clock-note"
            data-clock=move || match clock() {
                Clock::Calendar => "calendar",
                Clock::Business => "business",
            }
        >
            {text}
        </p>
    }
}
