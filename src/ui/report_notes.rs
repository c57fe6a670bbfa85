//! Messages about the report as a whole, and the problems found while
//! computing it (time zone gaps, values outside a scale).

use leptos::prelude::*;

use crate::ui::state::AppState;
use crate::ui::view::PROBLEMS_SHOWN;

/// Lists the report's notes and compute-time problems, when it has any.
#[component]
pub fn ReportNotes() -> impl IntoView {
    let state = AppState::expect();

    move || {
        let report = state.report.get()?;
        if report.notes.is_empty() && report.problems.is_empty() {
            return None;
        }
        let notes = report
            .notes
            .iter()
            .map(|note| view! { <li>{note.clone()}</li> })
            .collect_view();
        let count = report.problems.len();
        let problems = report
            .problems
            .iter()
            .take(PROBLEMS_SHOWN)
            .map(|problem| view! { <li>{problem.to_string()}</li> })
            .collect_view();
        let hidden = count.saturating_sub(PROBLEMS_SHOWN);

        Some(view! {
            <div class="report-notes">
                <ul class="notes" data-testid="notes">{notes}</ul>
                {(count > 0).then(|| view! {
                    <details>
                        <summary>{format!("Problems found while computing ({count})")}</summary>
                        <ol data-testid="report-problems">{problems}</ol>
                        {(hidden > 0).then(|| view! { <p>{format!("… and {hidden} more.")}</p> })}
                    </details>
                })}
            </div>
        })
    }
}
