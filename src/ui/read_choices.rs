//! Choices a file's data cannot make alone: the date order of a column
//! whose dates fit both, and the reading of two-part durations.

use leptos::prelude::*;

use crate::core::settings::{DateOrder, ReadOptions, TwoPartDuration};
use crate::ui::state::{AppState, FileEntry};

/// Date-order and duration choices for one file; empty when it needs none.
#[component]
pub fn ReadChoices(
    /// The file and the options it was read with.
    entry: FileEntry,
) -> impl IntoView {
    let state = AppState::expect();
    let summary = entry.summary.clone();

    // Columns to offer: those still ambiguous and those already chosen.
    let mut columns: Vec<(String, String)> = summary.ambiguous_dates.clone();
    for column in entry.options.date_order.keys() {
        if !columns.iter().any(|(known, _)| known == column) {
            columns.push((column.clone(), String::new()));
        }
    }
    let show_durations =
        summary.ambiguous_durations || entry.options.two_part_duration != TwoPartDuration::Ask;

    let date_choices = columns
        .into_iter()
        .map(|(column, example)| {
            let options = entry.options.clone();
            let chosen = options.date_order.get(&column).copied();
            let name = format!("order-{}-{column}", entry.id);
            let choose = {
                let column = column.clone();
                move |order: DateOrder| {
                    let mut options: ReadOptions = options.clone();
                    options.date_order.insert(column.clone(), order);
                    state.reread(entry.id, options);
                }
            };
            let day_first = choose.clone();
            let legend = if example.is_empty() {
                format!("Date order of \"{column}\"")
            } else {
                format!("Date order of \"{column}\" (e.g. {example})")
            };
            view! {
                <fieldset class="choice" data-testid=format!("date-order-{column}")>
                    <legend>{legend}</legend>
                    <label>
                        <input
                            type="radio"
                            name=name.clone()
                            checked=chosen == Some(DateOrder::DayFirst)
                            on:change=move |_| day_first(DateOrder::DayFirst)
                        />
                        " day first (31/12)"
                    </label>
                    <label>
                        <input
                            type="radio"
                            name=name
                            checked=chosen == Some(DateOrder::MonthFirst)
                            on:change=move |_| choose(DateOrder::MonthFirst)
                        />
                        " month first (12/31)"
                    </label>
                </fieldset>
            }
        })
        .collect_view();

    let options = entry.options.clone();
    let current = options.two_part_duration;
    let set_duration = move |reading: TwoPartDuration| {
        let mut options = options.clone();
        options.two_part_duration = reading;
        state.reread(entry.id, options);
    };
    let duration_choice = show_durations.then(|| {
        let name = format!("durations-{}", entry.id);
        let readings = [
            (TwoPartDuration::Ask, "leave out until chosen"),
            (
                TwoPartDuration::MinutesSeconds,
                "minutes:seconds (04:10 = 4 m 10 s)",
            ),
            (
                TwoPartDuration::HoursMinutes,
                "hours:minutes (04:10 = 4 h 10 m)",
            ),
        ];
        let radios = readings
            .into_iter()
            .map(|(reading, label)| {
                let set_duration = set_duration.clone();
                view! {
                    <label>
                        <input
                            type="radio"
                            name=name.clone()
                            checked=current == reading
                            on:change=move |_| set_duration(reading)
                        />
                        {format!(" {label}")}
                    </label>
                }
            })
            .collect_view();
        view! {
            <fieldset class="choice" data-testid="duration-reading">
                <legend>"Two-part durations such as 04:10"</legend>
                {radios}
            </fieldset>
        }
    });

    view! {
        {date_choices}
        {duration_choice}
    }
}
