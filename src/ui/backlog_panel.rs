//! Open tickets now, by status and by age.

use leptos::prelude::*;

use crate::core::report::Kpi;
use crate::ui::state::AppState;

/// Two small tables: open tickets by status and by age.
#[component]
pub fn BacklogPanel() -> impl IntoView {
    let state = AppState::expect();

    move || {
        let report = state.report.get()?;
        // Without tickets there is no backlog to break down.
        report.figure(Kpi::Backlog)?.value?;
        let backlog = &report.backlog;
        let count_rows = |counts: &[(String, usize)]| {
            counts
                .iter()
                .map(|(label, count)| {
                    view! {
                        <tr data-label=label.clone()>
                            <th scope="row">{label.clone()}</th>
                            <td>{count.to_string()}</td>
                        </tr>
                    }
                })
                .collect_view()
        };
        let unknown = (backlog.age_unknown > 0).then(|| {
            view! {
                <tr data-label="unknown">
                    <th scope="row">"age unknown (no creation time)"</th>
                    <td>{backlog.age_unknown.to_string()}</td>
                </tr>
            }
        });

        Some(view! {
            <section aria-labelledby="backlog-heading" data-testid="backlog">
                <h2 id="backlog-heading">"Backlog"</h2>
                <p data-testid="backlog-open">{format!("{} open tickets", backlog.open)}</p>
                <p class="hint">{backlog.definition.clone()}</p>
                <div class="backlog-tables">
                    <table data-testid="backlog-status">
                        <caption>"By status"</caption>
                        <thead>
                            <tr><th scope="col">"Status"</th><th scope="col">"Open"</th></tr>
                        </thead>
                        <tbody>{count_rows(&backlog.by_status)}</tbody>
                    </table>
                    <table data-testid="backlog-age">
                        <caption>"By age"</caption>
                        <thead>
                            <tr><th scope="col">"Age"</th><th scope="col">"Open"</th></tr>
                        </thead>
                        <tbody>
                            {count_rows(&backlog.by_age)}
                            {unknown}
                        </tbody>
                    </table>
                </div>
            </section>
        })
    }
}
