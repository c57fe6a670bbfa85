//! Goals: a target per KPI with direction, owner, baseline and review
//! cadence; saved with the settings, exported and imported as JSON.

use leptos::ev::Event;
use leptos::prelude::*;

use crate::browser;
use crate::core::report::Kpi;
use crate::ui::goal_row::GoalRow;
use crate::ui::state::AppState;

/// Renders a row per KPI to set its goal, plus export and import.
#[component]
pub fn GoalsPanel() -> impl IntoView {
    let state = AppState::expect();
    let export = move |_| state.export_goals();
    let import = move |event: Event| {
        for file in browser::input_files(&event) {
            state.import_settings(file);
        }
    };
    let rows = Kpi::ALL
        .into_iter()
        .map(|kpi| view! { <GoalRow kpi=kpi/> })
        .collect_view();

    view! {
        <section class="goals" aria-labelledby="goals-heading">
            <h2 id="goals-heading">"Goals"</h2>
            <p class="hint">
                "Targets are in each KPI's unit: 85 or 85 % for shares, +30 for NPS, "
                "4.5 for CES, 2h, 1 h 30 m, 45m or 0:04:30 for times."
            </p>
            <div class="table-scroll">
                <table class="goal-table" data-testid="goals">
                    <thead>
                        <tr>
                            <th scope="col">"KPI"</th>
                            <th scope="col">"Target"</th>
                            <th scope="col">"Better when"</th>
                            <th scope="col">"Owner"</th>
                            <th scope="col">"Baseline"</th>
                            <th scope="col">"Review"</th>
                            <th scope="col">"Actions"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="actions">
                <button type="button" data-testid="goals-export" on:click=export>
                    "Export goals (.json)"
                </button>
                <label class="button-like">
                    "Import goals or settings (.json)"
                    <input
                        type="file"
                        accept=".json,application/json"
                        class="visually-hidden"
                        data-testid="goals-import"
                        on:change=import
                    />
                </label>
            </p>
        </section>
    }
}
