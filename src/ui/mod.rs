//! The page: components that render the report and forward events.
//!
//! Start at [`App`]. State and actions live in [`state`]; [`view`] has
//! plain helpers that pick and order the core's values. Components never
//! parse or compute: they show `Figure.display` and friends as the core
//! wrote them.

mod app;
mod backlog_panel;
mod breach_table;
mod breakdown_table;
mod breakdowns;
mod clock_note;
mod conversation_panel;
mod date_range_fields;
mod drop_zone;
mod error_list;
mod file_card;
mod file_list;
mod goal_row;
mod goals_panel;
mod kpi_card;
mod kpi_cards;
mod mapping_form;
mod read_choices;
mod report_notes;
mod schedule_editor;
mod series_table;
mod settings_panel;
mod sla_panel;
mod status_line;
mod time_choices;
mod time_panel;
mod time_zone_note;

pub mod state;
pub mod view;

pub use app::App;
