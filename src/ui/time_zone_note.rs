//! The message under the time-zone field when its text names no known
//! time zone, so that the fall-back to UTC is never silent.

use leptos::prelude::*;

use crate::core::zone::Zone;
use crate::ui::state::AppState;

/// Says "unknown time zone …; using UTC" while the setting names no zone
/// the core knows; renders nothing otherwise.
#[component]
pub fn TimeZoneNote() -> impl IntoView {
    let state = AppState::expect();
    let message = move || {
        let name = state.settings.with(|settings| settings.time_zone.clone());
        let (_, problem) = Zone::from_name(&name);
        problem.map(|_| {
            format!(
                "\"{name}\" is not a known time zone; using UTC \
                 (expected an IANA name such as Europe/Berlin)"
            )
        })
    };
    view! {
        <span class="field-error" role="alert" data-testid="setting-time-zone-error">
            {message}
        </span>
    }
}
