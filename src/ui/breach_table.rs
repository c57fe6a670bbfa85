//! The SLA breach list: every breached target with ticket, priority,
//! target, actual time, how far over and where in the file, sortable by
//! any column with the mouse or the keyboard.

use leptos::prelude::*;

use crate::core::sla::{self, Breach, BreachColumn};
use crate::ui::state::AppState;

/// Renders the report's breaches, furthest over first until a header is
/// chosen; nothing without a report, or without a policy and breaches.
#[component]
pub fn BreachTable() -> impl IntoView {
    let state = AppState::expect();
    // `None` keeps the core's order: furthest over first.
    let sort = RwSignal::new(None::<(BreachColumn, bool)>);

    let header_cell = move |column: BreachColumn| {
        let aria_sort = move || match sort.get() {
            Some((current, true)) if current == column => "ascending",
            Some((current, false)) if current == column => "descending",
            _ => "none",
        };
        let toggle = move |_| {
            sort.update(|sort| {
                *sort = match *sort {
                    Some((current, ascending)) if current == column => Some((column, !ascending)),
                    // Times read best largest first; text A to Z.
                    _ => Some((column, !is_time(column))),
                }
            })
        };
        view! {
            <th scope="col" aria-sort=aria_sort data-column=column.id()>
                <button type="button" class="sort" on:click=toggle>
                    {column.label()}
                    <span class="sort-mark" aria-hidden="true">
                        {move || match aria_sort() {
                            "ascending" => " ▲",
                            "descending" => " ▼",
                            _ => "",
                        }}
                    </span>
                </button>
            </th>
        }
    };

    move || {
        let report = state.report.get()?;
        let has_policy = state
            .settings
            .with(|settings| !settings.sla.rules.is_empty());
        if report.breaches.is_empty() && !has_policy {
            return None;
        }
        let breaches = report.breaches.clone();
        let headers = BreachColumn::ALL
            .into_iter()
            .map(header_cell)
            .collect_view();
        let body = move || {
            let order = match sort.get() {
                Some((column, ascending)) => sla::sorted_breaches(&breaches, column, ascending),
                None => (0..breaches.len()).collect(),
            };
            order
                .into_iter()
                .map(|index| breach_row(&breaches[index]))
                .collect_view()
        };
        let empty = report.breaches.is_empty();
        Some(view! {
            <section aria-labelledby="breaches-heading">
                <h2 id="breaches-heading">"SLA breaches"</h2>
                <div class="table-scroll">
                    <table class="breaches" data-testid="breaches">
                        <caption>{format!("Breached targets ({})", report.breaches.len())}</caption>
                        <thead>
                            <tr>{headers}</tr>
                        </thead>
                        <tbody>
                            {body}
                            {empty.then(|| view! { <tr><td colspan="6">"No breached target."</td></tr> })}
                        </tbody>
                    </table>
                </div>
            </section>
        })
    }
}

fn is_time(column: BreachColumn) -> bool {
    matches!(
        column,
        BreachColumn::Target | BreachColumn::Actual | BreachColumn::Over
    )
}

fn breach_row(breach: &Breach) -> impl IntoView {
    let ticket = breach.ticket_id.clone().unwrap_or_else(|| "—".to_string());
    let ticket_cell = ticket.clone();
    let priority = breach.priority.clone().unwrap_or_else(|| "—".to_string());
    view! {
        <tr data-ticket=ticket.clone() data-testid="breach-row">
            <th scope="row" data-column="ticket">{ticket_cell}</th>
            <td data-column="priority">{priority}</td>
            <td data-column="target">
                {format!("{}: {}", breach.target.label(), breach.target_display)}
            </td>
            <td data-column="actual">{breach.actual_display.clone()}</td>
            <td data-column="over">{breach.over_display.clone()}</td>
            <td data-column="location">{format!("{}:{}", breach.file, breach.line)}</td>
        </tr>
    }
}
