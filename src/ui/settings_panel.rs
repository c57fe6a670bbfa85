//! Report settings: time zone, period, date range, CSAT threshold, CES
//! scale and the first-contact-resolution rule. Saved in local storage,
//! and exported to and imported from a settings file.

use chrono_tz::TZ_VARIANTS;
use leptos::ev::Event;
use leptos::prelude::*;

use crate::browser;
use crate::core::settings::{CesScale, FcrDefinition, Period};
use crate::ui::date_range_fields::DateRangeFields;
use crate::ui::state::AppState;
use crate::ui::time_zone_note::TimeZoneNote;

/// Renders the settings form. Every change rebuilds the report.
#[component]
pub fn SettingsPanel() -> impl IntoView {
    let state = AppState::expect();
    let settings = state.settings;

    let set_zone = move |event: Event| {
        let zone = event_target_value(&event).trim().to_string();
        state.update_settings(|settings| settings.time_zone = zone);
    };
    let set_period = move |event: Event| {
        let index = event_target_value(&event).parse::<usize>().unwrap_or(2);
        let period = Period::ALL.get(index).copied().unwrap_or_default();
        state.update_settings(|settings| settings.period = period);
    };
    let set_top_box = move |event: Event| {
        let points = event_target_value(&event).parse::<u8>().unwrap_or(2);
        state.update_settings(|settings| settings.csat_top_box = points);
    };
    let set_ces = move |event: Event| {
        let scale = if event_target_value(&event) == "effort" {
            CesScale::EFFORT_1_5
        } else {
            CesScale::AGREEMENT_1_7
        };
        state.update_settings(|settings| settings.ces = scale);
    };
    let set_fcr = move |event: Event| {
        let rule = match event_target_value(&event).as_str() {
            "explicit" => FcrDefinition::ExplicitFlag,
            "one-touch" => FcrDefinition::OneTouch,
            _ => FcrDefinition::Auto,
        };
        state.update_settings(|settings| settings.fcr = rule);
    };

    let export = move |_| state.export_settings();
    let import = move |event: Event| {
        for file in browser::input_files(&event) {
            state.import_settings(file);
        }
    };

    let current = settings.get_untracked();
    let zones = TZ_VARIANTS
        .iter()
        .map(|zone| view! { <option value=zone.name()></option> })
        .collect_view();
    let periods = Period::ALL
        .iter()
        .enumerate()
        .map(|(index, period)| {
            view! {
                <option value=index.to_string() selected=*period == current.period>
                    {period.label()}
                </option>
            }
        })
        .collect_view();
    let top_boxes = [1u8, 2, 3]
        .into_iter()
        .map(|points| {
            view! {
                <option value=points.to_string() selected=points == current.csat_top_box>
                    {format!("top {points} point{}", if points == 1 { "" } else { "s" })}
                </option>
            }
        })
        .collect_view();
    let effort = !current.ces.high_is_easy;

    view! {
        <section class="settings" aria-labelledby="settings-heading">
            <h2 id="settings-heading">"Settings"</h2>
            <form class="settings-grid" on:submit=|event| event.prevent_default()>
                <label>
                    <span>"Time zone"</span>
                    <input
                        type="text"
                        list="time-zones"
                        value=current.time_zone.clone()
                        autocomplete="off"
                        spellcheck="false"
                        data-testid="setting-time-zone"
                        on:change=set_zone
                    />
                    <datalist id="time-zones">{zones}</datalist>
                    <TimeZoneNote/>
                </label>
                <label>
                    <span>"Period"</span>
                    <select data-testid="setting-period" on:change=set_period>{periods}</select>
                </label>
                <DateRangeFields/>
                <label>
                    <span>"CSAT counts as satisfied"</span>
                    <select data-testid="setting-csat" on:change=set_top_box>{top_boxes}</select>
                </label>
                <label>
                    <span>"CES scale"</span>
                    <select data-testid="setting-ces" on:change=set_ces>
                        <option value="agreement" selected=!effort>
                            "1–7 agreement, high = easy"
                        </option>
                        <option value="effort" selected=effort>
                            "1–5 effort, low = easy"
                        </option>
                    </select>
                </label>
                <label>
                    <span>"First contact resolution"</span>
                    <select data-testid="setting-fcr" on:change=set_fcr>
                        <option value="auto" selected=current.fcr == FcrDefinition::Auto>
                            "automatic: the export's flag, else one-touch"
                        </option>
                        <option value="explicit" selected=current.fcr == FcrDefinition::ExplicitFlag>
                            "the export's FCR / resolved flag only"
                        </option>
                        <option value="one-touch" selected=current.fcr == FcrDefinition::OneTouch>
                            "one-touch: at most one reply, never reopened"
                        </option>
                    </select>
                </label>
            </form>
            <p class="actions">
                <button type="button" data-testid="settings-export" on:click=export>
                    "Export settings and goals (.json)"
                </button>
                <label class="button-like">
                    "Import settings or goals (.json)"
                    <input
                        type="file"
                        accept=".json,application/json"
                        class="visually-hidden"
                        data-testid="settings-import"
                        on:change=import
                    />
                </label>
            </p>
        </section>
    }
}
