//! The report's date range: two date inputs, both or neither set.

use leptos::prelude::*;

use crate::ui::state::AppState;
use crate::ui::view;

/// Renders "from" and "to" date inputs; a valid pair sets the range.
#[component]
pub fn DateRangeFields() -> impl IntoView {
    let state = AppState::expect();
    let (first_day, last_day) = state
        .settings
        .with_untracked(|settings| match settings.range {
            Some(range) => (
                range.start().map(|day| day.to_string()).unwrap_or_default(),
                range.end().map(|day| day.to_string()).unwrap_or_default(),
            ),
            None => (String::new(), String::new()),
        });
    let first = RwSignal::new(first_day);
    let last = RwSignal::new(last_day);
    let error = RwSignal::new(None::<String>);

    let apply = move || match view::date_range(&first.get_untracked(), &last.get_untracked()) {
        Ok(range) => {
            error.set(None);
            state.stale.set(None);
            state.update_settings(|settings| settings.range = range);
        }
        Err(message) => {
            state.stale.set(Some(message.clone()));
            error.set(Some(message));
        }
    };

    view! {
        <fieldset class="range">
            <legend>"Date range (both days included)"</legend>
            <label>
                <span>"From"</span>
                <input
                    type="date"
                    prop:value=move || first.get()
                    data-testid="setting-range-first"
                    on:change=move |event| {
                        first.set(event_target_value(&event));
                        apply();
                    }
                />
            </label>
            <label>
                <span>"To"</span>
                <input
                    type="date"
                    prop:value=move || last.get()
                    data-testid="setting-range-last"
                    on:change=move |event| {
                        last.set(event_target_value(&event));
                        apply();
                    }
                />
            </label>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </fieldset>
    }
}
