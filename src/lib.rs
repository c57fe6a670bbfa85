//! service-kpis: customer-service KPIs from help-desk CSV exports, computed
//! in the browser.
//!
//! Start reading at [`core`]: it turns CSV bytes and explicit settings into a
//! [`core::report::Report`] and knows nothing of the browser. [`ui`] renders
//! a report and forwards events; [`browser`] is the only module that touches
//! files, storage and other browser APIs.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;
