//! The whole page, top to bottom: files, settings, time and SLA
//! settings, figures, message-log figures, goals and tables.

use leptos::prelude::*;

use crate::ui::backlog_panel::BacklogPanel;
use crate::ui::breach_table::BreachTable;
use crate::ui::breakdowns::Breakdowns;
use crate::ui::clock_note::ClockNote;
use crate::ui::conversation_panel::ConversationPanel;
use crate::ui::drop_zone::DropZone;
use crate::ui::error_list::ErrorList;
use crate::ui::file_list::FileList;
use crate::ui::goals_panel::GoalsPanel;
use crate::ui::kpi_cards::KpiCards;
use crate::ui::report_notes::ReportNotes;
use crate::ui::series_table::SeriesTable;
use crate::ui::settings_panel::SettingsPanel;
use crate::ui::sla_panel::SlaPanel;
use crate::ui::state::AppState;
use crate::ui::status_line::StatusLine;
use crate::ui::time_panel::TimePanel;

/// Renders the page and provides [`AppState`] to every component below it.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    // Forms show the settings as they were when drawn. An imported
    // settings file draws them anew: a new key makes new elements, where
    // a plain redraw would keep the values typed into the old ones.
    let settings_forms = view! {
        <For each=move || [state.imports.get()] key=|imports| *imports let:_imports>
            <SettingsPanel/>
            <TimePanel/>
            <SlaPanel/>
        </For>
    };

    view! {
        <header class="page-header">
            <h1>"Service KPIs"</h1>
            <p>
                "CSAT, NPS, CES, response and resolution times, handle time, "
                "first contact resolution and backlog from your help-desk exports. "
                "Files are read in this browser and never leave this machine."
            </p>
        </header>
        <main>
            <ErrorList/>
            <section aria-labelledby="files-heading">
                <h2 id="files-heading">"Files"</h2>
                <DropZone/>
                <StatusLine/>
                <FileList/>
            </section>
            {settings_forms}
            <section aria-labelledby="kpis-heading">
                <h2 id="kpis-heading">"Headline figures"</h2>
                <ReportNotes/>
                <ClockNote/>
                <KpiCards/>
            </section>
            <BreachTable/>
            <ConversationPanel/>
            <GoalsPanel/>
            <Breakdowns/>
            <SeriesTable/>
            <BacklogPanel/>
        </main>
    }
}
