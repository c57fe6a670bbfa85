//! Choices a file's data cannot make alone: the date order of a column
//! whose dates fit both, and the reading of two-part durations.

use leptos::prelude::*;

use crate::core::settings::{DateOrder, ReadOptions, TwoPartDuration};
use crate::ui::state::{AppState, FileEntry};

const DATE_ORDERS: [(DateOrder, &str); 2] = [
    (DateOrder::DayFirst, "day first (31/12)"),
    (DateOrder::MonthFirst, "month first (12/31)"),
];

const DURATION_READINGS: [(TwoPartDuration, &str); 3] = [
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

/// Renders date-order and duration choices for one file; nothing when it
/// needs none. Each choice reads the file again.
#[component]
pub fn ReadChoices(
    /// The file and the options it was read with.
    entry: FileEntry,
) -> impl IntoView {
    let state = AppState::expect();
    let id = entry.id;
    let options = entry.options.clone();
    let reread = move |change: &dyn Fn(&mut ReadOptions)| {
        let mut options = options.clone();
        change(&mut options);
        state.reread(id, options);
    };

    let date_choices = entry
        .summary
        .date_order_columns(&entry.options)
        .into_iter()
        .map(|(column, example)| {
            let legend = match example {
                Some(example) => format!("Date order of \"{column}\" (e.g. {example})"),
                None => format!("Date order of \"{column}\""),
            };
            let chosen = entry.options.date_order.get(&column).copied();
            let test_id = format!("date-order-{column}");
            let group = format!("order-{id}-{column}");
            let reread = reread.clone();
            let choose = move |order: DateOrder| {
                reread(&|options| {
                    options.date_order.insert(column.clone(), order);
                })
            };
            radio_group(legend, test_id, group, &DATE_ORDERS, chosen, choose)
        })
        .collect_view();

    let current = entry.options.two_part_duration;
    let needs_duration = entry.summary.ambiguous_durations || current != TwoPartDuration::Ask;
    let duration_choice = needs_duration.then(|| {
        let choose =
            move |reading: TwoPartDuration| reread(&|options| options.two_part_duration = reading);
        radio_group(
            "Two-part durations such as 04:10".to_string(),
            "duration-reading".to_string(),
            format!("durations-{id}"),
            &DURATION_READINGS,
            Some(current),
            choose,
        )
    });

    view! {
        {date_choices}
        {duration_choice}
    }
}

/// Renders a fieldset of radio buttons, one per `(value, label)`, with
/// `chosen` checked; picking one calls `choose`.
fn radio_group<T: Copy + PartialEq + Send + Sync + 'static>(
    legend: String,
    test_id: String,
    group: String,
    choices: &[(T, &'static str)],
    chosen: Option<T>,
    choose: impl Fn(T) + Clone + 'static,
) -> impl IntoView {
    let radios = choices
        .iter()
        .map(|&(value, label)| {
            let choose = choose.clone();
            view! {
                <label>
                    <input
                        type="radio"
                        name=group.clone()
                        checked=chosen == Some(value)
                        on:change=move |_| choose(value)
                    />
                    {format!(" {label}")}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="choice" data-testid=test_id>
            <legend>{legend}</legend>
            {radios}
        </fieldset>
    }
}
