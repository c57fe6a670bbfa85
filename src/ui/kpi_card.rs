//! One headline figure: value, n, records left out, goal state, and the
//! definition, folded on the card under "How it is computed".

use leptos::prelude::*;

use crate::core::format;
use crate::core::goals::GoalCheck;
use crate::core::report::{Detail, Figure, Kpi};
use crate::ui::view::{self, value_text};

/// Renders a focusable card with its definition folded at the bottom, so
/// that it never covers the next card.
#[component]
pub fn KpiCard(
    /// The figure as the core computed and formatted it.
    figure: Figure,
    /// The goal set for this KPI, checked against the figure.
    goal: Option<GoalCheck>,
) -> impl IntoView {
    let id = view::kpi_id(figure.kpi);
    let test_id = |part: &str| format!("kpi-{id}-{part}");
    let no_data = figure.value.is_none();

    let left_out = figure
        .left_out
        .iter()
        .map(|left| view! { <li>{view::left_out_text(left)}</li> })
        .collect_view();

    view! {
        <article
            class="kpi-card"
            class:no-data=no_data
            tabindex="0"
            aria-labelledby=test_id("label")
            aria-describedby=test_id("definition")
            data-testid=format!("kpi-{id}")
        >
            <h3 id=test_id("label")>{figure.kpi.label()}</h3>
            <p class="kpi-value" data-testid=test_id("value")>{figure.display.clone()}</p>
            // "no data (n = 0)" already gives n.
            {(!no_data)
                .then(|| view! { <p class="kpi-n" data-testid=test_id("n")>{format!("n = {}", figure.n)}</p> })}
            {detail_text(figure.kpi, &figure.detail)
                .map(|text| view! { <p class="kpi-detail" data-testid=test_id("detail")>{text}</p> })}
            {(!figure.left_out.is_empty())
                .then(|| view! { <ul class="kpi-left-out" data-testid=test_id("left-out")>{left_out}</ul> })}
            {goal.map(|check| goal_line(&check, test_id("goal")))}
            <details class="definition" id=test_id("definition") data-testid=test_id("definition")>
                <summary>"How it is computed"</summary>
                <p>{figure.definition.clone()}</p>
            </details>
        </article>
    }
}

/// Writes the numbers behind a figure in one line, e.g. "promoters 12 ·
/// passives 5 · detractors 3".
fn detail_text(kpi: Kpi, detail: &Detail) -> Option<String> {
    let text = match detail {
        Detail::None => return None,
        Detail::Distribution(counts) => {
            let parts: Vec<String> = counts
                .iter()
                .map(|(answer, count)| format!("{answer}: {count}"))
                .collect();
            parts.join(" · ")
        }
        Detail::Nps {
            promoters,
            passives,
            detractors,
        } => format!("promoters {promoters} · passives {passives} · detractors {detractors}"),
        Detail::Ces {
            easy_percent,
            easy,
            min,
            max,
        } => {
            let share = easy_percent
                .map(|percent| format!(" ({})", format::percent(percent)))
                .unwrap_or_default();
            format!("easy {easy}{share} on the {min}–{max} scale")
        }
        Detail::Durations { median, mean, p90 } => format!(
            "median {} · mean {} · 90th percentile {}",
            value_text(kpi, *median),
            value_text(kpi, *mean),
            value_text(kpi, *p90)
        ),
        Detail::Share { part, whole } => format!("{part} of {whole}"),
    };
    Some(text)
}

fn goal_line(check: &GoalCheck, test_id: String) -> impl IntoView {
    view! {
        <p
            class=view::goal_class(check.state)
            data-testid=test_id
            data-state=view::goal_state_text(check.state)
        >
            {format!("Goal: {}", view::goal_text(check))}
        </p>
    }
}
