//! The goal form of one KPI: target, direction, owner, baseline and
//! review cadence. The core parses the target text.

use leptos::ev::Event;
use leptos::prelude::*;

use crate::core::goals::{self, Direction, Goal};
use crate::core::report::Kpi;
use crate::core::settings::Period;
use crate::ui::state::AppState;
use crate::ui::view;

/// Renders the goal form of one KPI.
#[component]
pub fn GoalRow(
    /// The KPI this row sets a goal for.
    kpi: Kpi,
) -> impl IntoView {
    let state = AppState::expect();
    let target = RwSignal::new(String::new());
    let direction = RwSignal::new(goals::usual_direction(kpi));
    let owner = RwSignal::new(String::new());
    let baseline = RwSignal::new(String::new());
    let cadence = RwSignal::new(None::<Period>);
    let error = RwSignal::new(None::<String>);

    // The saved goal fills the form on load, and again when it changes
    // (set, cleared or imported); typing alone changes nothing saved.
    let saved = Memo::new(move |_| {
        state
            .settings
            .with(|settings| settings.goals.iter().find(|goal| goal.kpi == kpi).cloned())
    });
    Effect::new(move |_| {
        let goal = saved.get();
        target.set(
            goal.as_ref()
                .map(|goal| view::value_text(kpi, goal.target))
                .unwrap_or_default(),
        );
        direction.set(
            goal.as_ref()
                .map_or_else(|| goals::usual_direction(kpi), |goal| goal.direction),
        );
        owner.set(
            goal.as_ref()
                .map(|goal| goal.owner.clone())
                .unwrap_or_default(),
        );
        baseline.set(
            goal.as_ref()
                .and_then(|goal| goal.baseline)
                .map(|value| view::value_text(kpi, value))
                .unwrap_or_default(),
        );
        cadence.set(goal.and_then(|goal| goal.cadence));
    });

    let save = move |_| {
        let parsed = goals::parse_target(kpi, &target.get_untracked()).and_then(|target| {
            let baseline_text = baseline.get_untracked();
            let baseline = if baseline_text.trim().is_empty() {
                None
            } else {
                Some(
                    goals::parse_target(kpi, &baseline_text)
                        .map_err(|e| format!("baseline: {e}"))?,
                )
            };
            Ok(Goal {
                kpi,
                target,
                direction: direction.get_untracked(),
                owner: owner.get_untracked().trim().to_string(),
                baseline,
                cadence: cadence.get_untracked(),
            })
        });
        match parsed {
            Ok(goal) => {
                error.set(None);
                state.set_goal(goal);
            }
            Err(message) => error.set(Some(format!("{}: {message}", kpi.label()))),
        }
    };
    let clear = move |_| {
        error.set(None);
        state.remove_goal(kpi);
    };

    let id = view::kpi_id(kpi);
    let test_id = |part: &str| format!("goal-{id}-{part}");
    let label = kpi.label();
    let set_direction = move |event: Event| {
        direction.set(if event_target_value(&event) == "lower" {
            Direction::LowerIsBetter
        } else {
            Direction::HigherIsBetter
        });
    };
    let set_cadence = move |event: Event| {
        let value = event_target_value(&event);
        cadence.set(
            Period::ALL
                .into_iter()
                .find(|period| period.label() == value),
        );
    };
    let cadences = Period::ALL
        .into_iter()
        .map(|period| {
            view! {
                <option value=period.label() selected=move || cadence.get() == Some(period)>
                    {period.label()}
                </option>
            }
        })
        .collect_view();

    view! {
        <tr data-testid=format!("goal-{id}")>
            <th scope="row">{label}</th>
            <td>
                <input
                    type="text"
                    size="9"
                    aria-label=format!("{label} target")
                    data-testid=test_id("target")
                    prop:value=move || target.get()
                    on:input=move |event| target.set(event_target_value(&event))
                />
                <p class="field-error" role="alert" data-testid=test_id("error")>
                    {move || error.get()}
                </p>
            </td>
            <td>
                <select aria-label=format!("{label}: better when") data-testid=test_id("direction") on:change=set_direction>
                    <option value="higher" selected=move || direction.get() == Direction::HigherIsBetter>
                        "higher"
                    </option>
                    <option value="lower" selected=move || direction.get() == Direction::LowerIsBetter>
                        "lower"
                    </option>
                </select>
            </td>
            <td>
                <input
                    type="text"
                    size="10"
                    aria-label=format!("{label} owner")
                    prop:value=move || owner.get()
                    on:input=move |event| owner.set(event_target_value(&event))
                />
            </td>
            <td>
                <input
                    type="text"
                    size="9"
                    aria-label=format!("{label} baseline")
                    prop:value=move || baseline.get()
                    on:input=move |event| baseline.set(event_target_value(&event))
                />
            </td>
            <td>
                <select aria-label=format!("{label} review cadence") on:change=set_cadence>
                    <option value="" selected=move || cadence.get().is_none()>"—"</option>
                    {cadences}
                </select>
            </td>
            <td class="actions">
                <button type="button" data-testid=test_id("save") on:click=save>"Set"</button>
                <button type="button" class="secondary" data-testid=test_id("clear") on:click=clear>
                    "Clear"
                </button>
            </td>
        </tr>
    }
}
