//! One business-hours schedule: its name, time zone, the working
//! intervals of each weekday and its holidays.

use chrono::NaiveDate;
use leptos::ev::Event;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser;
use crate::core::business_hours::{self, Schedule};
use crate::ui::state::AppState;

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Changes the schedule at `index`, if there still is one.
fn edit(state: AppState, index: usize, change: impl FnOnce(&mut Schedule)) {
    state.update_settings(|settings| {
        if let Some(schedule) = settings.schedules.get_mut(index) {
            change(schedule);
        }
    });
}

/// Renders the form of the schedule at `index` of the settings.
#[component]
pub fn ScheduleEditor(
    /// The schedule's position in the settings' list.
    index: usize,
) -> impl IntoView {
    let state = AppState::expect();
    let Some(current) = state
        .settings
        .with_untracked(|settings| settings.schedules.get(index).cloned())
    else {
        return ().into_any();
    };
    let test_id = move |part: &str| format!("schedule-{index}-{part}");

    let rename = move |event: Event| {
        let name = event_target_value(&event).trim().to_string();
        state.update_settings(|settings| {
            let Some(schedule) = settings.schedules.get_mut(index) else {
                return;
            };
            let old = std::mem::replace(&mut schedule.name, name.clone());
            // Choices that named the schedule follow the new name.
            if settings.default_schedule.as_deref() == Some(old.as_str()) {
                settings.default_schedule = Some(name.clone());
            }
            for chosen in settings.team_schedules.values_mut() {
                if *chosen == old {
                    *chosen = name.clone();
                }
            }
        });
    };
    let set_zone = move |event: Event| {
        let zone = event_target_value(&event).trim().to_string();
        edit(state, index, |schedule| schedule.time_zone = zone);
    };
    let remove = move |_| {
        state.update_settings(|settings| {
            if index < settings.schedules.len() {
                settings.schedules.remove(index);
            }
        })
    };

    let days = current
        .weekly
        .iter()
        .enumerate()
        .map(|(day, intervals)| view! { <DayField index day text=business_hours::intervals_text(intervals)/> })
        .collect_view();

    view! {
        <fieldset class="schedule" data-testid=test_id("editor")>
            <legend>{format!("Schedule {}", index + 1)}</legend>
            <div class="settings-grid">
                <label>
                    <span>"Name"</span>
                    <input type="text" value=current.name.clone() data-testid=test_id("name") on:change=rename/>
                </label>
                <label>
                    <span>"Time zone"</span>
                    <input
                        type="text"
                        list="time-zones"
                        value=current.time_zone.clone()
                        autocomplete="off"
                        spellcheck="false"
                        data-testid=test_id("zone")
                        on:change=set_zone
                    />
                </label>
            </div>
            <p class="hint">"Working hours per day, e.g. 09:00–12:00, 13:00–17:00; leave a day empty for a day off."</p>
            <div class="settings-grid">{days}</div>
            <Holidays index/>
            <p class="actions">
                <button type="button" data-testid=test_id("remove") on:click=remove>
                    "Remove this schedule"
                </button>
            </p>
        </fieldset>
    }
    .into_any()
}

/// One weekday's intervals as text, read by the core when it changes.
#[component]
fn DayField(
    /// The schedule's position in the settings' list.
    index: usize,
    /// Monday is 0.
    day: usize,
    /// The intervals as the field first shows them.
    text: String,
) -> impl IntoView {
    let state = AppState::expect();
    let error = RwSignal::new(None::<String>);
    let error_id = format!("schedule-{index}-day-{day}-error");

    let change =
        move |event: Event| match business_hours::parse_intervals(&event_target_value(&event)) {
            Ok(intervals) => {
                error.set(None);
                edit(state, index, |schedule| schedule.weekly[day] = intervals);
            }
            Err(message) => error.set(Some(message)),
        };

    let described_by = error_id.clone();
    // The error sits outside the label, so that it is not read as part
    // of the field's name.
    view! {
        <div class="day-field">
            <label>
                <span>{WEEKDAYS[day]}</span>
                <input
                    type="text"
                    value=text
                    placeholder="day off"
                    spellcheck="false"
                    data-testid=format!("schedule-{index}-day-{day}")
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby=described_by
                    on:change=change
                />
            </label>
            <span class="field-error" role="alert" id=error_id data-testid=format!("schedule-{index}-day-{day}-error")>
                {move || error.get()}
            </span>
        </div>
    }
}

/// The holidays of one schedule: a list to remove from, a date to add
/// and a one-column CSV file to import.
#[component]
fn Holidays(
    /// The schedule's position in the settings' list.
    index: usize,
) -> impl IntoView {
    let state = AppState::expect();
    let new_date = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<String>::new());
    let test_id = move |part: &str| format!("schedule-{index}-{part}");

    let add = move |_| {
        let Ok(date) = NaiveDate::parse_from_str(new_date.get_untracked().trim(), "%Y-%m-%d")
        else {
            problems.set(vec![
                "holiday: choose a date first (expected YYYY-MM-DD)".to_string()
            ]);
            return;
        };
        problems.set(Vec::new());
        edit(state, index, |schedule| add_holidays(schedule, [date]));
        new_date.set(String::new());
    };
    let import = move |event: Event| {
        for file in browser::input_files(&event) {
            spawn_local(async move {
                match browser::read_text(&file).await {
                    Ok(text) => {
                        let (dates, found) =
                            business_hours::parse_holidays(&file.name(), text.as_bytes());
                        problems.set(found.iter().map(ToString::to_string).collect());
                        edit(state, index, |schedule| add_holidays(schedule, dates));
                    }
                    Err(message) => problems.set(vec![format!("{}: {message}", file.name())]),
                }
            });
        }
    };

    let list = move || {
        let dates = state.settings.with(|settings| {
            settings
                .schedules
                .get(index)
                .map(|schedule| schedule.holidays.clone())
                .unwrap_or_default()
        });
        dates
            .into_iter()
            .map(|date| {
                let remove = move |_| edit(state, index, |schedule| schedule.holidays.retain(|known| *known != date));
                let text = date.format("%Y-%m-%d").to_string();
                view! {
                    <li data-date=text.clone()>
                        {text.clone()}
                        " "
                        <button type="button" aria-label=format!("Remove holiday {text}") on:click=remove>
                            "Remove"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <div class="holidays">
            <h4>"Holidays"</h4>
            <ul class="holiday-list" data-testid=test_id("holidays")>{list}</ul>
            <p class="actions">
                <label>
                    <span>"Holiday"</span>
                    <input
                        type="date"
                        prop:value=move || new_date.get()
                        data-testid=test_id("holiday-date")
                        on:input=move |event| new_date.set(event_target_value(&event))
                    />
                </label>
                <button type="button" data-testid=test_id("holiday-add") on:click=add>"Add holiday"</button>
                <label class="button-like">
                    "Import holidays (.csv, one date a line)"
                    <input
                        type="file"
                        accept=".csv,.txt,text/csv,text/plain"
                        class="visually-hidden"
                        data-testid=test_id("holiday-import")
                        on:change=import
                    />
                </label>
            </p>
            <ul class="problems" data-testid=test_id("holiday-problems")>
                {move || problems.get().into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// Adds `dates` to the schedule's holidays, sorted and without repeats.
fn add_holidays(schedule: &mut Schedule, dates: impl IntoIterator<Item = NaiveDate>) {
    schedule.holidays.extend(dates);
    schedule.holidays.sort_unstable();
    schedule.holidays.dedup();
}
