//! The SLA policy editor: a row per priority with its first-response and
//! resolution targets, each on the calendar or business clock, and the
//! pending counts below the rows. The breach list is drawn with the
//! figures.

use leptos::ev::Event;
use leptos::prelude::*;

use crate::core::goals;
use crate::core::report::Kpi;
use crate::core::settings::Clock;
use crate::core::sla::{SlaMetric, SlaRule, SlaTarget};
use crate::ui::state::AppState;
use crate::ui::view;

/// Changes the rule at `index`, if there still is one.
fn edit(state: AppState, index: usize, change: impl FnOnce(&mut SlaRule)) {
    state.update_settings(|settings| {
        if let Some(rule) = settings.sla.rules.get_mut(index) {
            change(rule);
        }
    });
}

/// Renders the policy rows and the pending counts.
#[component]
pub fn SlaPanel() -> impl IntoView {
    let state = AppState::expect();
    let count = Memo::new(move |_| state.settings.with(|settings| settings.sla.rules.len()));

    let add = move |_| {
        state.update_settings(|settings| {
            settings.sla.rules.push(SlaRule {
                priority: None,
                first_response: None,
                resolution: None,
            })
        })
    };
    // Keyed by the count too: after a removal every row is drawn anew,
    // as one redrawn in place would keep the text typed into it.
    let rows = view! {
        <For
            each=move || {
                let count = count.get();
                (0..count).map(move |index| (index, count))
            }
            key=|key| *key
            let((index, _count))
        >
            <SlaRuleRow index/>
        </For>
    };
    let pending = move || {
        let report = state.report.get()?;
        let parts: Vec<String> = [Kpi::SlaFirstResponse, Kpi::SlaResolution]
            .into_iter()
            .filter_map(|kpi| report.figure(kpi))
            .filter(|figure| figure.n > 0 || view::pending_count(figure) > 0)
            .map(|figure| {
                format!(
                    "{}: {} pending",
                    figure.kpi.label(),
                    view::pending_count(figure)
                )
            })
            .collect();
        (!parts.is_empty())
            .then(|| view! { <p class="hint" data-testid="sla-pending">{parts.join(" · ")}</p> })
    };

    view! {
        <section class="settings" aria-labelledby="sla-heading">
            <h2 id="sla-heading">"SLA policy"</h2>
            <p class="hint">
                "A target per priority, such as 1h, 8 h, 2d or 1 h 30 m; leave the priority "
                "empty for every other priority. Tickets still waiting within their target are pending."
            </p>
            <div class="table-scroll">
                <table class="sla-rules" data-testid="sla-rules">
                    <thead>
                        <tr>
                            <th scope="col">"Priority"</th>
                            <th scope="col">"First response"</th>
                            <th scope="col">"Resolution"</th>
                            <th scope="col">"Actions"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="actions">
                <button type="button" data-testid="sla-add" on:click=add>"Add SLA rule"</button>
            </p>
            {pending}
        </section>
    }
}

/// One priority's targets.
#[component]
fn SlaRuleRow(
    /// The rule's position in the policy.
    index: usize,
) -> impl IntoView {
    let state = AppState::expect();
    let Some(rule) = state
        .settings
        .with_untracked(|settings| settings.sla.rules.get(index).cloned())
    else {
        return ().into_any();
    };

    let set_priority = move |event: Event| {
        let text = event_target_value(&event).trim().to_string();
        edit(state, index, |rule| {
            rule.priority = (!text.is_empty()).then_some(text)
        });
    };
    let remove = move |_| {
        state.update_settings(|settings| {
            if index < settings.sla.rules.len() {
                settings.sla.rules.remove(index);
            }
        })
    };

    view! {
        <tr data-testid=format!("sla-{index}")>
            <td>
                <input
                    type="text"
                    value=rule.priority.clone().unwrap_or_default()
                    placeholder="any other"
                    aria-label=format!("Priority of SLA rule {}", index + 1)
                    data-testid=format!("sla-{index}-priority")
                    on:change=set_priority
                />
            </td>
            <td><TargetField index metric=SlaMetric::FirstResponse target=rule.first_response/></td>
            <td><TargetField index metric=SlaMetric::Resolution target=rule.resolution/></td>
            <td>
                <button type="button" data-testid=format!("sla-{index}-remove") on:click=remove>
                    "Remove"
                </button>
            </td>
        </tr>
    }
    .into_any()
}

/// A target's duration text and clock.
#[component]
fn TargetField(
    /// The rule's position in the policy.
    index: usize,
    /// Which of the rule's targets this is.
    metric: SlaMetric,
    /// The target as the field first shows it.
    target: Option<SlaTarget>,
) -> impl IntoView {
    let state = AppState::expect();
    let clock = RwSignal::new(target.map(|target| target.clock).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let id = match metric {
        SlaMetric::FirstResponse => format!("sla-{index}-first-response"),
        SlaMetric::Resolution => format!("sla-{index}-resolution"),
    };
    let set = move |rule: &mut SlaRule, target: Option<SlaTarget>| match metric {
        SlaMetric::FirstResponse => rule.first_response = target,
        SlaMetric::Resolution => rule.resolution = target,
    };

    let set_text = move |event: Event| {
        let text = event_target_value(&event);
        if text.trim().is_empty() {
            error.set(None);
            edit(state, index, |rule| set(rule, None));
            return;
        }
        match goals::parse_target(Kpi::FirstResponseTime, &text) {
            Ok(seconds) => {
                error.set(None);
                let target = SlaTarget {
                    seconds,
                    clock: clock.get_untracked(),
                };
                edit(state, index, |rule| set(rule, Some(target)));
            }
            Err(_) => error.set(Some(format!(
                "SLA {} target: \"{}\" is not a duration (expected 1h, 8 h, 2d or 1 h 30 m)",
                metric.label(),
                text.trim()
            ))),
        }
    };
    let set_clock = move |event: Event| {
        let chosen = match event_target_value(&event).as_str() {
            "business" => Clock::Business,
            _ => Clock::Calendar,
        };
        clock.set(chosen);
        edit(state, index, |rule| {
            if let Some(target) = rule.target(metric) {
                set(
                    rule,
                    Some(SlaTarget {
                        clock: chosen,
                        ..target
                    }),
                );
            }
        });
    };

    let text = target
        .map(|target| view::target_text(target.seconds))
        .unwrap_or_default();
    let business = clock.get_untracked() == Clock::Business;
    let label = metric.label();
    view! {
        <div class="sla-target">
            <input
                type="text"
                value=text
                placeholder="no target"
                aria-label=format!("{label} target of SLA rule {}", index + 1)
                aria-invalid=move || error.with(Option::is_some).to_string()
                data-testid=id.clone()
                on:change=set_text
            />
            <select
                aria-label=format!("Clock of the {label} target of SLA rule {}", index + 1)
                data-testid=format!("{id}-clock")
                on:change=set_clock
            >
                <option value="calendar" selected=!business>"calendar"</option>
                <option value="business" selected=business>"business hours"</option>
            </select>
            <span class="field-error" role="alert" data-testid=format!("{id}-error")>
                {move || error.get()}
            </span>
        </div>
    }
}
