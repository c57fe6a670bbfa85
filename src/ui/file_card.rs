//! One loaded file: kinds, row accounting, column notes, matched columns,
//! problems, and the forms that change how it is read.

use leptos::prelude::*;

use crate::core::problem::Severity;
use crate::ui::mapping_form::MappingForm;
use crate::ui::read_choices::ReadChoices;
use crate::ui::state::{AppState, FileEntry};
use crate::ui::view::{self, FileSummary};

/// Renders the card of one file.
#[component]
pub fn FileCard(
    /// The file and the options it was read with.
    entry: FileEntry,
) -> impl IntoView {
    let state = AppState::expect();
    let summary = entry.summary.clone();
    let name = summary.name.clone();
    let id = |part: &str| format!("file-{name}-{part}");
    let remove = move |_| state.remove(entry.id);

    let rows = &summary.rows;
    let rows_text = format!(
        "{} read, {} used, {} left out",
        view::counted(rows.total, "row", "rows"),
        rows.used,
        rows.total.saturating_sub(rows.used)
    );

    view! {
        <article class="file-card" data-testid=format!("file-{name}")>
            <header class="file-head">
                <h3>{name.clone()}</h3>
                <button type="button" class="secondary" aria-label=format!("Remove {name}") on:click=remove>
                    "Remove"
                </button>
            </header>
            <dl class="facts">
                <dt>"Holds"</dt>
                <dd data-testid=id("kinds")>{summary.kinds_text()}</dd>
                <dt>"Rows"</dt>
                <dd data-testid=id("rows")>{rows_text}</dd>
            </dl>
            {left_out_list(&summary, id("left-out"))}
            {notes_list(&summary, id("notes"))}
            {columns_table(&summary, id("columns"))}
            {problem_list(&summary, id("problems"))}
            <ReadChoices entry=entry.clone()/>
            <MappingForm entry=entry/>
        </article>
    }
}

fn left_out_list(summary: &FileSummary, test_id: String) -> impl IntoView {
    let items = summary
        .rows
        .left_out
        .iter()
        .map(|left| view! { <li>{view::left_out_text(left)}</li> })
        .collect_view();
    (!summary.rows.left_out.is_empty())
        .then(|| view! { <ul class="left-out" data-testid=test_id>{items}</ul> })
}

fn notes_list(summary: &FileSummary, test_id: String) -> impl IntoView {
    let items = summary
        .notes
        .iter()
        .map(|note| view! { <li>{format!("{}: {}", note.column, note.note)}</li> })
        .collect_view();
    (!summary.notes.is_empty()).then(|| {
        view! {
            <h4>"How columns were read"</h4>
            <ul class="notes" data-testid=test_id>{items}</ul>
        }
    })
}

fn columns_table(summary: &FileSummary, test_id: String) -> impl IntoView {
    let rows = summary
        .columns
        .iter()
        .map(|column| {
            let how = if column.by_hand {
                "by hand"
            } else {
                "automatic"
            };
            view! {
                <tr>
                    <th scope="row">{column.role.label()}</th>
                    <td>{column.header.clone()}</td>
                    <td>{how}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="columns">
            <summary>{format!("Matched columns ({})", summary.columns.len())}</summary>
            <table data-testid=test_id>
                <thead>
                    <tr>
                        <th scope="col">"Role"</th>
                        <th scope="col">"Column"</th>
                        <th scope="col">"Matched"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}

fn problem_list(summary: &FileSummary, test_id: String) -> impl IntoView {
    let count = summary.problem_count;
    let unlisted = summary
        .unlisted
        .iter()
        .map(|text| view! { <p class="unlisted">{text.clone()}</p> })
        .collect_view();
    let items = summary
        .problems
        .iter()
        .map(|(severity, text)| {
            let class = match severity {
                Severity::Error => "problem error",
                Severity::Warning => "problem warning",
            };
            view! { <li class=class>{text.clone()}</li> }
        })
        .collect_view();
    (count > 0).then(|| {
        view! {
            <details class="problems" open=count <= 20>
                <summary>{format!("Problems ({count})")}</summary>
                <ol data-testid=test_id>{items}</ol>
                {unlisted}
            </details>
        }
    })
}
