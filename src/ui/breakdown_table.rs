//! One breakdown table: the KPIs per channel, team, agent, product or
//! priority, sortable by any column with the mouse or the keyboard.

use leptos::prelude::*;

use crate::core::format;
use crate::core::goals::GoalCheck;
use crate::core::report::{Breakdown, BreakdownRow, Kpi};
use crate::ui::view::{self, SortKey};

/// Renders the KPIs of one dimension, a row per value.
#[component]
pub fn BreakdownTable(
    /// The rows and the KPIs that have data for this dimension.
    breakdown: Breakdown,
) -> impl IntoView {
    let sort = RwSignal::new((SortKey::Label, true));
    let name = format!("{:?}", breakdown.dimension);
    let label = breakdown.dimension.label();
    let has_goals = breakdown.rows.iter().any(|row| !row.goals.is_empty());

    let header_cell = move |key: SortKey, text: String| {
        let aria_sort = move || match sort.get() {
            (current, true) if current == key => "ascending",
            (current, false) if current == key => "descending",
            _ => "none",
        };
        let toggle = move |_| {
            sort.update(|(current, ascending)| {
                if *current == key {
                    *ascending = !*ascending;
                } else {
                    *current = key;
                    // Labels read best A to Z; figures best largest first.
                    *ascending = key == SortKey::Label;
                }
            })
        };
        view! {
            <th scope="col" aria-sort=aria_sort>
                <button type="button" class="sort" on:click=toggle>
                    {text}
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
    let headers = breakdown
        .kpis
        .iter()
        .map(|kpi| header_cell(SortKey::Figure(*kpi), kpi.label().to_string()))
        .collect_view();

    let kpis = breakdown.kpis.clone();
    let rows = breakdown.rows.clone();
    let body = move || {
        let (key, ascending) = sort.get();
        view::sorted_rows(&rows, key, ascending)
            .into_iter()
            .map(|index| table_row(&rows[index], &kpis, has_goals))
            .collect_view()
    };

    view! {
        <div class="table-scroll">
            <table class="breakdown" data-testid=format!("breakdown-{name}")>
                <caption>{format!("By {label}")}</caption>
                <thead>
                    <tr>
                        {header_cell(SortKey::Label, capitalised(label))}
                        {headers}
                        {has_goals.then(|| view! { <th scope="col">"Goals"</th> })}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

fn table_row(row: &BreakdownRow, kpis: &[Kpi], has_goals: bool) -> impl IntoView {
    let cells = kpis
        .iter()
        .map(
            |kpi| match row.figures.iter().find(|figure| figure.kpi == *kpi) {
                // A row without records reads "no data (n = 0)", even
                // for counts, whose value would be 0.
                Some(figure) if figure.value.is_none() || figure.n == 0 => view! {
                    <td data-kpi=view::kpi_id(*kpi) title=figure.definition.clone()>
                        <span class="cell-value">{format::NO_DATA}</span>
                    </td>
                }
                .into_any(),
                Some(figure) => view! {
                    <td data-kpi=view::kpi_id(*kpi) title=figure.definition.clone()>
                        <span class="cell-value">{figure.display.clone()}</span>
                        <span class="cell-n">{format!("n = {}", figure.n)}</span>
                    </td>
                }
                .into_any(),
                None => view! { <td data-kpi=view::kpi_id(*kpi)>"—"</td> }.into_any(),
            },
        )
        .collect_view();
    let goals = has_goals.then(|| {
        let items = row.goals.iter().map(goal_item).collect_view();
        view! {
            <td>
                <ul class="row-goals">{items}</ul>
            </td>
        }
    });
    view! {
        <tr data-label=row.label.clone()>
            <th scope="row">{row.label.clone()}</th>
            {cells}
            {goals}
        </tr>
    }
}

fn goal_item(check: &GoalCheck) -> impl IntoView {
    let kpi = check.goal.kpi;
    view! {
        <li
            class=view::goal_class(check.state)
            data-kpi=view::kpi_id(kpi)
            data-state=view::goal_state_text(check.state)
        >
            {format!("{}: {}", kpi.label(), view::goal_text(check))}
        </li>
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
