//! The period series: each KPI per day, week, month or quarter, with the
//! change from the period before.

use leptos::prelude::*;

use crate::core::format;
use crate::ui::state::AppState;
use crate::ui::view;

/// Renders the series table, when the report has periods.
#[component]
pub fn SeriesTable() -> impl IntoView {
    let state = AppState::expect();

    move || {
        let report = state.report.get()?;
        let series = &report.series;
        if series.rows.is_empty() {
            return None;
        }
        let headers = series
            .kpis
            .iter()
            .map(|kpi| view! { <th scope="col">{kpi.label()}</th> })
            .collect_view();
        let rows = series
            .rows
            .iter()
            .map(|row| {
                let cells = row
                    .figures
                    .iter()
                    .enumerate()
                    .map(|(index, figure)| {
                        let change = row
                            .change_display
                            .get(index)
                            .cloned()
                            .unwrap_or_else(|| format::change(None));
                        view! {
                            <td data-kpi=view::kpi_id(figure.kpi)>
                                <span class="cell-value">{figure.display.clone()}</span>
                                <span class="cell-n">{format!("n = {}", figure.n)}</span>
                                <span class="cell-change">{format!("change {change}")}</span>
                            </td>
                        }
                    })
                    .collect_view();
                view! {
                    <tr data-period=row.label.clone()>
                        <th scope="row">{row.label.clone()}</th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();

        Some(view! {
            <section aria-labelledby="series-heading">
                <h2 id="series-heading">{format!("By {}", series.period.label())}</h2>
                <div class="table-scroll">
                    <table class="series" data-testid="series">
                        <thead>
                            <tr>
                                <th scope="col">"Period"</th>
                                {headers}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        })
    }
}
