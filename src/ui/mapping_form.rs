//! "Map columns": pick by hand which column of a file plays each role.
//! Saving reads the file again; the mapping is remembered for files with
//! the same header.

use std::collections::BTreeMap;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::core::columns::Role;
use crate::ui::state::{AppState, FileEntry};

/// Select value for a role left to the automatic match.
const AUTOMATIC: &str = "\u{1}auto";
/// Select value for a role switched off.
const NONE: &str = "\u{1}none";

/// Renders a toggle that opens a select per role, listing the file's
/// headers.
#[component]
pub fn MappingForm(
    /// The file and the options it was read with.
    entry: FileEntry,
) -> impl IntoView {
    let state = AppState::expect();
    let (open, set_open) = signal(false);
    let draft = RwSignal::new(entry.options.mapping.clone());
    let form_id = format!("mapping-{}", entry.id);

    let options = entry.options.clone();
    let save = move |event: SubmitEvent| {
        event.prevent_default();
        let mut options = options.clone();
        options.mapping = draft.get_untracked();
        set_open.set(false);
        state.reread(entry.id, options);
    };

    let summary = entry.summary.clone();
    let name = summary.name.clone();
    let form = move || {
        open.get().then(|| {
            let selects = Role::ALL
                .into_iter()
                .map(|role| role_select(role, &summary.header, &summary.columns, draft))
                .collect_view();
            view! {
                <form class="mapping" on:submit=save.clone() data-testid=format!("file-{name}-mapping")>
                    <div class="mapping-grid">{selects}</div>
                    <button type="submit">"Save and read again"</button>
                </form>
            }
        })
    };

    view! {
        <button
            type="button"
            class="secondary"
            aria-expanded=move || open.get().to_string()
            aria-controls=form_id.clone()
            data-testid=format!("file-{}-map", entry.summary.name)
            on:click=move |_| set_open.update(|open| *open = !*open)
        >
            "Map columns"
        </button>
        <div id=form_id>{form}</div>
    }
}

/// Renders one labelled select: automatic, none, or a header.
fn role_select(
    role: Role,
    header: &[String],
    columns: &[crate::core::columns::ColumnMatch],
    draft: RwSignal<BTreeMap<Role, Option<String>>>,
) -> impl IntoView {
    let matched = columns
        .iter()
        .find(|column| column.role == role)
        .map(|column| column.header.clone());
    let automatic = match matched {
        Some(header) => format!("automatic ({header})"),
        None => "automatic (none found)".to_string(),
    };
    let selected = draft.with_untracked(|mapping| match mapping.get(&role) {
        None => AUTOMATIC.to_string(),
        Some(None) => NONE.to_string(),
        Some(Some(header)) => header.clone(),
    });
    let on_change = move |event| {
        let value = event_target_value(&event);
        draft.update(|mapping| {
            match value.as_str() {
                AUTOMATIC => mapping.remove(&role),
                NONE => mapping.insert(role, None),
                _ => mapping.insert(role, Some(value.clone())),
            };
        });
    };
    let headers = header
        .iter()
        .map(|text| {
            view! {
                <option value=text.clone() selected=*text == selected>
                    {text.clone()}
                </option>
            }
        })
        .collect_view();

    view! {
        <label class="mapping-role">
            <span>{role.label()}</span>
            <select on:change=on_change data-role=format!("{role:?}")>
                <option value=AUTOMATIC selected=selected == AUTOMATIC>{automatic}</option>
                <option value=NONE selected=selected == NONE>"— none —"</option>
                {headers}
            </select>
        </label>
    }
}
