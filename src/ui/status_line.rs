//! One line saying what is loaded and how long the last load and report
//! took, in milliseconds.

use leptos::prelude::*;

use crate::ui::state::AppState;
use crate::ui::view;

/// "Reading files…" while busy, then the last timing.
#[component]
pub fn StatusLine() -> impl IntoView {
    let state = AppState::expect();
    let text = move || {
        if state.busy() {
            return "Reading files…".to_string();
        }
        match state.timing.get() {
            Some(timing) => format!(
                "{}, {}: read in {:.0} ms, report in {:.0} ms, {:.0} ms in all",
                view::counted(timing.files, "file", "files"),
                view::counted(timing.rows, "row", "rows"),
                timing.load_ms,
                timing.report_ms,
                timing.total_ms()
            ),
            None => "No files loaded yet.".to_string(),
        }
    };
    let total_ms = move || {
        state
            .timing
            .get()
            .map(|timing| format!("{:.0}", timing.total_ms()))
    };

    view! {
        <p class="status" role="status" data-testid="timing" data-ms=total_ms data-busy=move || state.busy().to_string()
            data-builds=move || state.builds.get().to_string()>
            {text}
        </p>
    }
}
