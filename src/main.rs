//! Mounts the app in the browser; on the host there is nothing to run.

#[cfg(target_arch = "wasm32")]
fn main() {
    service_kpis::browser::install_panic_hook();
    let _ = console_log::init_with_level(log::Level::Debug);
    leptos::mount::mount_to_body(service_kpis::ui::App);
}

// The host build only exists so that `cargo test` compiles the crate.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
