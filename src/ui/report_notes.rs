//! Messages about the report as a whole, and the problems found while
//! computing it (time zone gaps, values outside a scale).

use leptos::prelude::*;

use crate::ui::state::AppState;
use crate::ui::view;

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
        let lines = view::problem_lines(&report.problems);
        let count = lines.total;
        let problems = lines
            .listed
            .into_iter()
            .map(|(_, text)| view! { <li>{text}</li> })
            .collect_view();
        let unlisted = lines
            .unlisted
            .into_iter()
            .map(|text| view! { <p class="unlisted">{text}</p> })
            .collect_view();

        Some(view! {
            <div class="report-notes">
                <ul class="notes" data-testid="notes">{notes}</ul>
                {(count > 0).then(|| view! {
                    <details>
                        <summary>{format!("Problems found while computing ({count})")}</summary>
                        <ol data-testid="report-problems">{problems}</ol>
                        <div data-testid="report-problems-unlisted">{unlisted}</div>
                    </details>
                })}
            </div>
        })
    }
}
