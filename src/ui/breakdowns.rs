//! The breakdown section: one sortable table per dimension the report
//! has (channel, team, agent, product, priority).

use leptos::prelude::*;

use crate::ui::breakdown_table::BreakdownTable;
use crate::ui::state::AppState;

/// Renders one table per dimension the report has.
#[component]
pub fn Breakdowns() -> impl IntoView {
    let state = AppState::expect();

    move || {
        state.report.get().and_then(|report| {
            (!report.breakdowns.is_empty()).then(|| {
                let tables = report
                    .breakdowns
                    .iter()
                    .map(|breakdown| view! { <BreakdownTable breakdown=breakdown.clone()/> })
                    .collect_view();
                view! {
                    <section aria-labelledby="breakdowns-heading">
                        <h2 id="breakdowns-heading">"Breakdowns"</h2>
                        {tables}
                    </section>
                }
            })
        })
    }
}
