//! The choices behind the duration KPIs: calendar or business clock,
//! first or full resolution, and the cohort of each time KPI.

use leptos::ev::Event;
use leptos::prelude::*;

use crate::core::settings::{Clock, Cohort, ResolutionEnd};
use crate::ui::state::AppState;

/// Renders the clock, resolution and cohort selects. Every change
/// rebuilds the report.
#[component]
pub fn TimeChoices() -> impl IntoView {
    let state = AppState::expect();
    let current = state.settings.get_untracked();

    let set_clock = move |event: Event| {
        let clock = match event_target_value(&event).as_str() {
            "business" => Clock::Business,
            _ => Clock::Calendar,
        };
        state.update_settings(|settings| settings.clock = clock);
    };
    let set_resolution = move |event: Event| {
        let end = match event_target_value(&event).as_str() {
            "first" => ResolutionEnd::First,
            _ => ResolutionEnd::Full,
        };
        state.update_settings(|settings| settings.resolution = end);
    };
    let set_frt_cohort = move |event: Event| {
        let cohort = cohort_of(&event_target_value(&event));
        state.update_settings(|settings| settings.frt_cohort = cohort);
    };
    let set_resolution_cohort = move |event: Event| {
        let cohort = cohort_of(&event_target_value(&event));
        state.update_settings(|settings| settings.resolution_cohort = cohort);
    };

    let business = current.clock == Clock::Business;
    let first = current.resolution == ResolutionEnd::First;
    view! {
        <div class="settings-grid">
            <label>
                <span>"Clock of response and resolution times"</span>
                <select data-testid="setting-clock" on:change=set_clock>
                    <option value="calendar" selected=!business>
                        "calendar: every hour of every day"
                    </option>
                    <option value="business" selected=business>
                        "business hours of the schedule"
                    </option>
                </select>
            </label>
            <label>
                <span>"Resolution time ends at"</span>
                <select data-testid="setting-resolution" on:change=set_resolution>
                    <option value="full" selected=!first>
                        "the last solve (full resolution)"
                    </option>
                    <option value="first" selected=first>
                        "the first solve (first resolution)"
                    </option>
                </select>
            </label>
            {cohort_select(
                "First response time counts tickets",
                "setting-frt-cohort",
                current.frt_cohort,
                set_frt_cohort,
            )}
            {cohort_select(
                "Resolution time counts tickets",
                "setting-resolution-cohort",
                current.resolution_cohort,
                set_resolution_cohort,
            )}
        </div>
    }
}

fn cohort_of(value: &str) -> Cohort {
    match value {
        "resolved" => Cohort::Resolved,
        _ => Cohort::Created,
    }
}

fn cohort_select(
    label: &'static str,
    test_id: &'static str,
    current: Cohort,
    on_change: impl Fn(Event) + 'static,
) -> impl IntoView {
    view! {
        <label>
            <span>{label}</span>
            <select data-testid=test_id on:change=on_change>
                <option value="created" selected=current == Cohort::Created>
                    "created in the period"
                </option>
                <option value="resolved" selected=current == Cohort::Resolved>
                    "resolved in the period"
                </option>
            </select>
        </label>
    }
}
