//! The headline figures: one card per KPI, in the report's order.

use leptos::prelude::*;

use crate::ui::kpi_card::KpiCard;
use crate::ui::state::AppState;
use crate::ui::view;

/// Renders a card per headline figure, or a hint while nothing is loaded.
#[component]
pub fn KpiCards() -> impl IntoView {
    let state = AppState::expect();

    move || match state.report.get() {
        None => view! {
            <p class="hint" data-testid="kpis-empty">
                "Drop a file or try the sample data to see the figures."
            </p>
        }
        .into_any(),
        Some(report) => {
            let cards = report
                .headline
                .iter()
                .map(|figure| {
                    let goal = view::goal_for(&report.goals, figure.kpi).cloned();
                    view! { <KpiCard figure=figure.clone() goal=goal/> }
                })
                .collect_view();
            view! {
                <StaleNote/>
                <div class="kpi-grid" class:stale=move || state.stale.with(Option::is_some) data-testid="kpis">
                    {cards}
                </div>
            }
            .into_any()
        }
    }
}

/// Says that the figures below do not match the settings as typed, while
/// a setting cannot be applied.
#[component]
fn StaleNote() -> impl IntoView {
    let state = AppState::expect();
    move || {
        state.stale.get().map(|reason| {
            view! {
                <p class="stale-note" role="status" data-testid="kpis-stale">
                    {format!(
                        "These figures do not match the settings: {reason}. They are those of the last settings that could be applied."
                    )}
                </p>
            }
        })
    }
}
