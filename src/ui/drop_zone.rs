//! The drop zone: drop files on it, or click it (or press Enter or Space)
//! to open the file picker; plus the sample-data button.

use std::rc::Rc;

use leptos::ev::{DragEvent, Event, KeyboardEvent, MouseEvent};
use leptos::html;
use leptos::prelude::*;

use crate::browser::{self, FileSource};
use crate::core::sample;
use crate::ui::state::AppState;

/// File types the picker offers.
const ACCEPT: &str = ".csv,text/csv,.txt,.tsv";

/// Renders a focusable zone that takes dropped or picked files.
#[component]
pub fn DropZone() -> impl IntoView {
    let state = AppState::expect();
    let input_ref = NodeRef::<html::Input>::new();
    let (dragging, set_dragging) = signal(false);

    let open_picker = move || {
        if let Some(input) = input_ref.get() {
            input.click();
        }
    };
    let on_key = move |event: KeyboardEvent| {
        if event.key() == "Enter" || event.key() == " " {
            // Space would otherwise scroll the page.
            event.prevent_default();
            open_picker();
        }
    };
    let on_drag_over = move |event: DragEvent| {
        // Without this the browser opens the dropped file itself.
        event.prevent_default();
        set_dragging.set(true);
    };
    let on_drop = move |event: DragEvent| {
        event.prevent_default();
        set_dragging.set(false);
        let files = browser::dropped_files(&event);
        state.add_files(files.into_iter().map(FileSource::Picked).collect());
    };
    let on_change = move |event: Event| {
        let files = browser::input_files(&event);
        state.add_files(files.into_iter().map(FileSource::Picked).collect());
    };
    let on_sample = move |_: MouseEvent| {
        let files = sample::files()
            .into_iter()
            .map(|(name, bytes)| FileSource::Bytes {
                name,
                bytes: Rc::new(bytes),
            })
            .collect();
        state.add_files(files);
    };

    view! {
        <div
            class="drop-zone"
            class:dragging=dragging
            role="button"
            tabindex="0"
            aria-describedby="drop-help"
            data-testid="drop-zone"
            on:click=move |_| open_picker()
            on:keydown=on_key
            on:dragover=on_drag_over
            on:dragleave=move |_| set_dragging.set(false)
            on:drop=on_drop
        >
            <p class="drop-title">"Drop CSV exports here, or choose files"</p>
            <p id="drop-help" class="hint">
                "Tickets, survey responses or call logs (.csv, .tsv, .txt); several at once."
            </p>
        </div>
        <input
            node_ref=input_ref
            type="file"
            class="visually-hidden"
            multiple
            accept=ACCEPT
            tabindex="-1"
            aria-hidden="true"
            data-testid="file-input"
            on:change=on_change
        />
        <p>
            <button type="button" data-testid="sample-button" on:click=on_sample>
                "Try sample data"
            </button>
        </p>
    }
}
