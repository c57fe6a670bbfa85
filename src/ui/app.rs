//! The whole page, top to bottom: files, settings, figures, goals and
//! tables.

use leptos::prelude::*;

use crate::ui::backlog_panel::BacklogPanel;
use crate::ui::breakdowns::Breakdowns;
use crate::ui::drop_zone::DropZone;
use crate::ui::error_list::ErrorList;
use crate::ui::file_list::FileList;
use crate::ui::goals_panel::GoalsPanel;
use crate::ui::kpi_cards::KpiCards;
use crate::ui::report_notes::ReportNotes;
use crate::ui::series_table::SeriesTable;
use crate::ui::settings_panel::SettingsPanel;
use crate::ui::state::AppState;
use crate::ui::status_line::StatusLine;

/// Renders the page and provides [`AppState`] to every component below it.
#[component]
pub fn App() -> impl IntoView {
    provide_context(AppState::new());

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
            <SettingsPanel/>
            <section aria-labelledby="kpis-heading">
                <h2 id="kpis-heading">"Headline figures"</h2>
                <ReportNotes/>
                <KpiCards/>
            </section>
            <GoalsPanel/>
            <Breakdowns/>
            <SeriesTable/>
            <BacklogPanel/>
        </main>
    }
}
