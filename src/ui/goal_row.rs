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
    let draft = GoalDraft::new(kpi);
    let GoalDraft {
        target,
        direction,
        owner,
        baseline,
        cadence,
    } = draft;
    let error = RwSignal::new(None::<String>);

    // The saved goal fills the form on load, and again when it changes
    // (set, cleared or imported); typing alone changes nothing saved.
    let saved = Memo::new(move |_| {
        state
            .settings
            .with(|settings| settings.goals.iter().find(|goal| goal.kpi == kpi).cloned())
    });
    Effect::new(move |_| draft.fill(kpi, saved.get().as_ref()));

    let save = move || match draft.goal(kpi) {
        Ok(goal) => {
            error.set(None);
            state.set_goal(goal);
        }
        Err(message) => error.set(Some(format!("{}: {message}", kpi.label()))),
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
                    on:keydown=move |event| {
                        // Enter in the target sets the goal, as the button does.
                        if event.key() == "Enter" {
                            target.set(event_target_value(&event));
                            save();
                        }
                    }
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
                <button type="button" data-testid=test_id("save") on:click=move |_| save()>"Set"</button>
                <button type="button" class="secondary" data-testid=test_id("clear") on:click=clear>
                    "Clear"
                </button>
            </td>
        </tr>
    }
}

/// The form's fields as typed, one signal each.
#[derive(Clone, Copy)]
struct GoalDraft {
    target: RwSignal<String>,
    direction: RwSignal<Direction>,
    owner: RwSignal<String>,
    baseline: RwSignal<String>,
    cadence: RwSignal<Option<Period>>,
}

impl GoalDraft {
    fn new(kpi: Kpi) -> GoalDraft {
        GoalDraft {
            target: RwSignal::new(String::new()),
            direction: RwSignal::new(goals::usual_direction(kpi)),
            owner: RwSignal::new(String::new()),
            baseline: RwSignal::new(String::new()),
            cadence: RwSignal::new(None),
        }
    }

    /// Sets every field from `goal`, or clears them when there is none.
    fn fill(self, kpi: Kpi, goal: Option<&Goal>) {
        let in_unit = |value: f64| view::value_text(kpi, value);
        self.target
            .set(goal.map(|goal| in_unit(goal.target)).unwrap_or_default());
        self.direction
            .set(goal.map_or_else(|| goals::usual_direction(kpi), |goal| goal.direction));
        self.owner
            .set(goal.map(|goal| goal.owner.clone()).unwrap_or_default());
        self.baseline.set(
            goal.and_then(|goal| goal.baseline)
                .map(in_unit)
                .unwrap_or_default(),
        );
        self.cadence.set(goal.and_then(|goal| goal.cadence));
    }

    /// Builds the goal, with target and baseline parsed by the core.
    fn goal(self, kpi: Kpi) -> Result<Goal, String> {
        let target = goals::parse_target(kpi, &self.target.get_untracked())?;
        let baseline_text = self.baseline.get_untracked();
        let baseline = if baseline_text.trim().is_empty() {
            None
        } else {
            let parsed = goals::parse_target(kpi, &baseline_text)
                .map_err(|error| format!("baseline: {error}"))?;
            Some(parsed)
        };
        Ok(Goal {
            kpi,
            target,
            direction: self.direction.get_untracked(),
            owner: self.owner.get_untracked().trim().to_string(),
            baseline,
            cadence: self.cadence.get_untracked(),
        })
    }
}
