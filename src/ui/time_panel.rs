//! Time metrics settings: the clock and cohorts, the business-hours
//! schedules, the default schedule and the schedule each team works to.

use leptos::ev::Event;
use leptos::prelude::*;

use crate::core::business_hours::{Schedule, WorkInterval};
use crate::ui::schedule_editor::ScheduleEditor;
use crate::ui::state::AppState;
use crate::ui::time_choices::TimeChoices;
use crate::ui::view;

/// Returns a Mon–Fri 09:00–17:00 schedule in the report's time zone,
/// named for its place in the list.
fn new_schedule(count: usize, zone: &str) -> Schedule {
    let name = if count == 0 {
        "Office hours".to_string()
    } else {
        format!("Schedule {}", count + 1)
    };
    Schedule::weekdays(&name, zone, &[WorkInterval::hours((9, 0), (17, 0))])
}

/// Renders the time settings and the schedule editors.
#[component]
pub fn TimePanel() -> impl IntoView {
    let state = AppState::expect();
    let settings = state.settings;
    let count = Memo::new(move |_| settings.with(|settings| settings.schedules.len()));

    let add = move |_| {
        state.update_settings(|settings| {
            let schedule = new_schedule(settings.schedules.len(), &settings.time_zone);
            settings.schedules.push(schedule);
        })
    };

    // Keyed by the count too: after a removal every editor is drawn anew,
    // as one redrawn in place would keep the text typed into it.
    let editors = view! {
        <For
            each=move || {
                let count = count.get();
                (0..count).map(move |index| (index, count))
            }
            key=|key| *key
            let((index, _count))
        >
            <ScheduleEditor index/>
        </For>
    };

    view! {
        <section class="settings" aria-labelledby="time-heading">
            <h2 id="time-heading">"Time metrics"</h2>
            <TimeChoices/>
            <h3>"Business hours"</h3>
            <p class="hint">
                "Business-hours times count only the working minutes of a schedule. "
                "The first schedule is the default unless another is chosen."
            </p>
            {editors}
            <p class="actions">
                <button type="button" data-testid="schedule-add" on:click=add>
                    "Add schedule"
                </button>
            </p>
            {move || (count.get() > 0).then(|| view! { <ScheduleChoices/> })}
        </section>
    }
}

/// The default schedule and a schedule per team of the loaded tickets.
#[component]
fn ScheduleChoices() -> impl IntoView {
    let state = AppState::expect();
    let settings = state.settings;
    let names = Memo::new(move |_| {
        settings.with(|settings| {
            settings
                .schedules
                .iter()
                .map(|schedule| schedule.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let teams = Memo::new(move |_| {
        state
            .report
            .with(|report| report.as_deref().map(view::teams).unwrap_or_default())
    });

    let set_default = move |event: Event| {
        let name = event_target_value(&event);
        state.update_settings(|settings| {
            settings.default_schedule = (!name.is_empty()).then_some(name);
        });
    };

    let default_select = move || {
        let chosen = settings.with(|settings| settings.default_schedule.clone());
        let options = names
            .get()
            .into_iter()
            .map(|name| {
                let selected = chosen.as_deref() == Some(name.as_str());
                let label = name.clone();
                view! { <option value=name selected=selected>{label}</option> }
            })
            .collect_view();
        view! {
            <select data-testid="setting-default-schedule" on:change=set_default>
                <option value="" selected=chosen.is_none()>"the first schedule"</option>
                {options}
            </select>
        }
    };

    let team_rows = move || {
        teams
            .get()
            .into_iter()
            .map(|team| view! { <TeamRow team names/> })
            .collect_view()
    };

    view! {
        <div class="settings-grid">
            <label>
                <span>"Default schedule"</span>
                {default_select}
            </label>
        </div>
        <div class="table-scroll">
            <table class="team-schedules" data-testid="team-schedules">
                <caption>"Schedule per team"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Team"</th>
                        <th scope="col">"Schedule"</th>
                    </tr>
                </thead>
                <tbody>
                    {team_rows}
                    {move || teams.with(Vec::is_empty).then(|| view! {
                        <tr>
                            <td colspan="2">"Load tickets with a team column to choose per team."</td>
                        </tr>
                    })}
                </tbody>
            </table>
        </div>
    }
}

/// One team's schedule choice.
#[component]
fn TeamRow(
    /// The team as the export names it.
    team: String,
    /// The names of every schedule.
    names: Memo<Vec<String>>,
) -> impl IntoView {
    let state = AppState::expect();
    let chosen = state
        .settings
        .with_untracked(|settings| settings.team_schedules.get(&team).cloned());

    let key = team.clone();
    let choose = move |event: Event| {
        let name = event_target_value(&event);
        let team = key.clone();
        state.update_settings(|settings| {
            if name.is_empty() {
                settings.team_schedules.remove(&team);
            } else {
                settings.team_schedules.insert(team, name);
            }
        });
    };

    let options = names
        .get_untracked()
        .into_iter()
        .map(|name| {
            let selected = chosen.as_deref() == Some(name.as_str());
            let label = name.clone();
            view! { <option value=name selected=selected>{label}</option> }
        })
        .collect_view();
    view! {
        <tr data-team=team.clone()>
            <th scope="row">{team.clone()}</th>
            <td>
                <select aria-label=format!("Schedule of team {team}") on:change=choose>
                    <option value="" selected=chosen.is_none()>"the default schedule"</option>
                    {options}
                </select>
            </td>
        </tr>
    }
}
