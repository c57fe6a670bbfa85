//! The page: components that render a report and forward events.

use leptos::prelude::*;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    view! { <main>"service-kpis"</main> }
}
